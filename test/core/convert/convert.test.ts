// convert, as a pure function: what each input field becomes (typed code, an escape hatch, or
// left out with why), the command line, and bad input. The round trip (round-trip.test.ts) proves
// the programs synthesize their inputs.
import { defaultPullPolicy } from '../../../src/core/convert/container';
import { CONVERT_USAGE, ConvertResult, appFiles, convert, formatDiagnostic, parseConvertArgs } from '../../../src/core/convert/convert';

/** A HostProcess DaemonSet with `pod` merged into its pod spec and `container` into its container. */
function daemonSet(pod: object = {}, container: object = {}, spec: object = {}): string {
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'kube-system' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: {
          hostNetwork: true,
          securityContext: { windowsOptions: { hostProcess: true, runAsUserName: 'NT AUTHORITY\\SYSTEM' } },
          containers: [{ name: 'agent', image: 'example.com/agent:1.0', ...container }],
          ...pod,
        },
      },
      ...spec,
    },
  });
}

function run(yaml: string, file: string = 'agent.yaml'): ConvertResult {
  return convert([{ file, content: yaml }], { packageName: 'cdk8s-hostprocess', line: 27 });
}

describe('typed code', () => {
  test.each([
    ['runAsUserName NT AUTHORITY\\SYSTEM', { securityContext: { windowsOptions: { hostProcess: true, runAsUserName: 'NT AUTHORITY\\SYSTEM' } } }, {}, 'user: HostProcessUser.SYSTEM,'],
    ['runAsUserName NT AUTHORITY\\Local service', { securityContext: { windowsOptions: { hostProcess: true, runAsUserName: 'NT AUTHORITY\\Local service' } } }, {}, 'user: HostProcessUser.LOCAL_SERVICE,'],
    ['runAsUserName NT AUTHORITY\\NetworkService', { securityContext: { windowsOptions: { hostProcess: true, runAsUserName: 'NT AUTHORITY\\NetworkService' } } }, {}, 'user: HostProcessUser.NETWORK_SERVICE,'],
    ['another spelling kept exactly', { securityContext: { windowsOptions: { hostProcess: true, runAsUserName: 'NT AUTHORITY\\system' } } }, {}, 'user: HostProcessUser.of(\'NT AUTHORITY\\\\system\'),'],
    ['a local group', { securityContext: { windowsOptions: { hostProcess: true, runAsUserName: 'hpc-agents' } } }, {}, 'user: HostProcessUser.localGroup(\'hpc-agents\'),'],
    ['windows build selector', { nodeSelector: { 'kubernetes.io/os': 'windows', 'node.kubernetes.io/windows-build': '10.0.17763' } }, {}, 'windowsBuild: WindowsBuild.LTSC2019,'],
    ['other build', { nodeSelector: { 'node.kubernetes.io/windows-build': '10.0.99999' } }, {}, 'windowsBuild: WindowsBuild.of(\'10.0.99999\'),'],
    ['extra node selector', { nodeSelector: { 'kubernetes.io/os': 'windows', 'example.com/pool': 'agents' } }, {}, 'nodeSelector: { \'example.com/pool\': \'agents\' },'],
    ['priority class', { priorityClassName: 'system-node-critical' }, {}, 'priorityClassName: \'system-node-critical\','],
    ['grace period', { terminationGracePeriodSeconds: 0 }, {}, 'terminationGracePeriod: Duration.seconds(0),'],
    ['dns policy', { dnsPolicy: 'ClusterFirstWithHostNet' }, {}, 'dns: { policy: kplus.DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET },'],
    ['service account', { serviceAccountName: 'agent' }, {}, 'serviceAccount: agent,'],
    ['all tolerated', { tolerations: [{ operator: 'Exists' }] }, {}, 'kplus.Node.tainted(HostProcessTolerations.all())'],
    ['keyless NoSchedule', { tolerations: [{ operator: 'Exists', effect: 'NoSchedule' }] }, {}, 'HostProcessTolerations.noSchedule()'],
    ['keyless NoExecute', { tolerations: [{ operator: 'Exists', effect: 'NoExecute' }] }, {}, 'HostProcessTolerations.noExecute()'],
    ['CriticalAddonsOnly', { tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }] }, {}, 'HostProcessTolerations.criticalAddonsOnly()'],
    ['the windows taint', { tolerations: [{ key: 'node.kubernetes.io/os', operator: 'Equal', value: 'windows', effect: 'NoSchedule' }] }, {}, 'HostProcessTolerations.windowsOsTaint()'],
    ['a toleration with seconds', { tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }] }, {},
      'kplus.NodeTaintQuery.exists(\'k\', { effect: kplus.TaintEffect.NO_EXECUTE, evictAfter: Duration.seconds(30) })'],
    ['PowerShell.command', {}, { command: ['powershell.exe', '-NoLogo', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', 'Get-Date'] }, 'command: PowerShell.command(\'Get-Date\'),'],
    ['PowerShell 7', {}, { command: ['pwsh.exe', '-NoLogo', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', 'Get-Date'] },
      'command: PowerShell.command(\'Get-Date\', { executable: PowerShell.PWSH }),'],
    ['a plain command', {}, { command: ['agent.exe', '--v=2'] }, 'command: [\'agent.exe\', \'--v=2\'],'],
    ['cpu and memory', {}, { resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '2' } } },
      'resources: {\n        cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.units(2) },\n        memory: { request: Size.mebibytes(128) },\n      },'],
    ['no resources stays none', {}, {}, 'resources: {},'],
    ['env from a field, a config map, a value', {}, {
      env: [
        { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
        { name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'agent', key: 'level' } } },
        { name: 'MODE', value: 'fast' },
      ],
    }, 'NODE: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME),'],
    ['a host port', {}, { ports: [{ name: 'metrics', containerPort: 9182, hostPort: 9182, protocol: 'TCP' }] },
      'ports: [{ number: 9182, name: \'metrics\', protocol: kplus.Protocol.TCP, hostPort: 9182 }],'],
    ['a hostPath volume', { volumes: [{ name: 'logs', hostPath: { path: 'C:\\logs', type: 'Directory' } }] }, { volumeMounts: [{ name: 'logs', mountPath: 'C:\\logs' }] },
      'const logs = kplus.Volume.fromHostPath(chart, \'logs-volume\', \'logs\', {\n  path: \'C:\\\\logs\',\n  type: kplus.HostPathVolumeType.DIRECTORY,\n});'],
    ['an HTTP probe on a port number', {}, { livenessProbe: { httpGet: { path: '/healthz', port: 8080, scheme: 'HTTPS' }, periodSeconds: 10, failureThreshold: 5 } },
      'liveness: kplus.Probe.fromHttpGet(\'/healthz\', {\n        port: 8080,\n        scheme: kplus.ConnectionScheme.HTTPS,\n        periodSeconds: Duration.seconds(10),\n        failureThreshold: 5,\n      }),'],
    ['an HTTP probe on a named port', {}, { ports: [{ name: 'http', containerPort: 80 }], readinessProbe: { httpGet: { path: '/ready', port: 'http' } } },
      'readiness: HostProcessProbe.fromHttpGet(\'/ready\', \'http\'),'],
    ['a command probe', {}, { startupProbe: { exec: { command: ['cmd.exe', '/c', 'exit 0'] }, initialDelaySeconds: 5 } },
      'startup: kplus.Probe.fromCommand([\'cmd.exe\', \'/c\', \'exit 0\'], {\n        initialDelaySeconds: Duration.seconds(5),\n      }),'],
    ['required and preferred node affinity', {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'type', operator: 'NotIn', values: ['virtual-kubelet'] }] }] },
          preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 5, preference: { matchExpressions: [{ key: 'pool', operator: 'Exists' }] } }],
        },
      },
    }, {}, 'agent.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.notIn(\'type\', [\'virtual-kubelet\'])));\n' +
      'agent.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.exists(\'pool\')), { weight: 5 });'],
    ['a string with a single quote', {}, { args: ['it\'s'] }, 'args: ["it\'s"],'],
  ])('%s', (_name, pod, container, expected) => {
    const result = run(daemonSet(pod, container));
    expect(result.program).toContain(expected);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toEqual([]);
  });

  test.each([
    ['OnDelete', { updateStrategy: { type: 'OnDelete' } }, 'updateStrategy: DaemonSetUpdateStrategy.onDelete(),'],
    ['max unavailable', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '100%' } } },
      'updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.percent(100) }),'],
    ['revision history', { revisionHistoryLimit: 5 }, 'revisionHistoryLimit: 5,'],
  ])('DaemonSet %s', (_name, spec, expected) => {
    expect(run(daemonSet({}, {}, spec)).program).toContain(expected);
  });

  test('a pull policy not set in the input is the API server\'s default for the image', () => {
    expect(run(daemonSet({}, { image: 'example.com/agent:latest' })).program).toContain('imagePullPolicy: kplus.ImagePullPolicy.ALWAYS,');
    expect(run(daemonSet({}, { image: 'example.com/agent:1.0' })).program).toContain('imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,');
  });

  test.each([
    ['example.com/agent', 'Always'],
    ['example.com/agent:latest', 'Always'],
    ['example.com:5000/agent', 'Always'],
    ['example.com:5000/agent:1.0', 'IfNotPresent'],
    ['example.com/agent@sha256:0123456789012345678901234567890123456789012345678901234567890123', 'IfNotPresent'],
    ['example.com/Agent:latest', 'IfNotPresent'],
  ])('defaultPullPolicy(%s) is %s', (image, policy) => {
    expect(defaultPullPolicy(image)).toBe(policy);
  });

  test('every container repeating the pod\'s windowsOptions is containerWindowsOptions', () => {
    const wo = { securityContext: { windowsOptions: { hostProcess: true, runAsUserName: 'NT AUTHORITY\\SYSTEM' } } };
    const result = run(daemonSet({}, wo));
    expect(result.program).toContain('containerWindowsOptions: true,');
    expect(result.exitCode).toBe(0);
  });

  test('objects that are not HostProcess workloads pass through as ApiObjects, exactly', () => {
    const result = run([
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: agent, namespace: kube-system}\ndata: {level: info}',
      'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: linux-agent}\nspec:\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: a}}\n    spec: {containers: [{name: a, image: a}]}',
    ].join('\n---\n'));
    expect(result.program).toContain('new ApiObject(chart, \'configmap-agent\', {');
    expect(result.program).toContain('new ApiObject(chart, \'daemonset-linux-agent\', {');
    expect(result.objects).toEqual({ ApiObject: 2 });
    expect(result.exitCode).toBe(0);
  });

  test('an object without a name keeps none (cdk8s would write one)', () => {
    const result = run('apiVersion: v1\nkind: ConfigMap\nmetadata: {generateName: agent-}\ndata: {a: b}');
    expect(result.program).toContain('const configMap = new ApiObject(chart, \'configmap-ConfigMap\', {');
    expect(result.program).toContain('configMap.addJsonPatch(JsonPatch.remove(\'/metadata/name\'));');
    expect(result.exitCode).toBe(0);
  });

  test('List items are objects of their own', () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n- ${daemonSet()}\n- {apiVersion: v1, kind: ServiceAccount, metadata: {name: agent}}`;
    expect(run(list).objects).toEqual({ HostProcessDaemonSet: 1, ApiObject: 1 });
  });

  test('the program imports from the package --package names, and that line\'s cdk8s-plus', () => {
    const result = convert([{ file: 'a.yaml', content: daemonSet() }], { packageName: 'cdk8s-hostprocess-33', line: 33 });
    expect(result.program).toContain('from \'cdk8s-hostprocess-33\';');
    expect(result.program).toContain('import * as kplus from \'cdk8s-plus-33\';');
  });
});

describe('escape hatches and fields left out, each on stderr', () => {
  test.each([
    ['a field with no typed prop', {}, { stdin: true },
      'agent.yaml:1 DaemonSet/agent spec.template.spec.containers[0].stdin: the library has no typed prop for it; kept through an escape hatch (JsonPatch.add)',
      'ApiObject.of(agent).addJsonPatch(JsonPatch.add(\'/spec/template/spec/containers/0/stdin\', true));'],
    ['pod anti-affinity', { affinity: { podAntiAffinity: {} } }, {},
      'agent.yaml:1 DaemonSet/agent spec.template.spec.affinity: the library has no typed prop for it; kept through an escape hatch (JsonPatch.add)',
      'JsonPatch.add(\'/spec/template/spec/affinity\', { podAntiAffinity: {} })'],
    // Written as the typed classes read a quantity, which drop a bare '1Gi'.
    ['memory kplus cannot write exactly', {}, { resources: { limits: { memory: '1Gi' } } },
      'agent.yaml:1 DaemonSet/agent spec.template.spec.containers[0].resources: the library has no typed prop for it; kept through an escape hatch (JsonPatch.add)',
      'JsonPatch.add(\'/spec/template/spec/containers/0/resources\', {\n  limits: { memory: { value: \'1Gi\' } },\n})'],
    ['an HTTP probe with headers', {}, { livenessProbe: { httpGet: { path: '/', port: 80, httpHeaders: [{ name: 'X', value: 'y' }] } } },
      'agent.yaml:1 DaemonSet/agent spec.template.spec.containers[0].livenessProbe: the library has no typed prop for it; kept through an escape hatch (JsonPatch.add)',
      'JsonPatch.add(\'/spec/template/spec/containers/0/livenessProbe\''],
    ['hostNetwork: false', { hostNetwork: false }, {},
      'agent.yaml:1 DaemonSet/agent spec.template.spec.hostNetwork: left out: the API server rejects hostNetwork: false when a pod has a HostProcess container',
      '// spec.template.spec.hostNetwork: left out'],
    ['a Linux-only pod field', { securityContext: { runAsUser: 0, windowsOptions: { hostProcess: true, runAsUserName: 'NT AUTHORITY\\SYSTEM' } } }, {},
      'agent.yaml:1 DaemonSet/agent spec.template.spec.securityContext.runAsUser: left out: the API server rejects it in a windows pod (`Forbidden: cannot be set for a windows pod`',
      '// spec.template.spec.securityContext.runAsUser: left out'],
    ['privileged', {}, { securityContext: { privileged: true } },
      'agent.yaml:1 DaemonSet/agent spec.template.spec.containers[0].securityContext.privileged: left out: the API server rejects it in a windows pod',
      '// spec.template.spec.containers[0].securityContext.privileged: left out'],
    ['hostPID', { hostPID: true }, {},
      'agent.yaml:1 DaemonSet/agent spec.template.spec.hostPID: left out: the API server rejects it in a windows pod',
      '// spec.template.spec.hostPID: left out'],
  ])('%s', (_name, pod, container, stderr, code) => {
    const result = run(daemonSet(pod, container));
    expect(result.exitCode).toBe(1);
    expect(result.stderr.some(l => l.startsWith(stderr))).toBe(true);
    expect(result.program).toContain(code);
  });

  test('a CronJob kplus would give a starting deadline keeps the input\'s none', () => {
    const cronJob = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'job' },
      spec: {
        schedule: '*/5 * * * *',
        jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', hostNetwork: true, securityContext: { windowsOptions: { hostProcess: true } }, containers: [{ name: 'a', image: 'a:1' }] } } } },
      },
    };
    const result = run(JSON.stringify(cronJob));
    expect(result.program).toContain('schedule: Cron.schedule({ minute: \'*/5\', hour: \'*\', day: \'*\', month: \'*\', weekDay: \'*\' }),');
    expect(result.program).toContain('concurrencyPolicy: kplus.ConcurrencyPolicy.ALLOW,');
    expect(result.program).toContain('ApiObject.of(job).addJsonPatch(JsonPatch.remove(\'/spec/startingDeadlineSeconds\'));');
    // No account in the input: the library's default, said on stderr, exit code unchanged.
    expect(result.stderr).toEqual([
      'agent.yaml:1 CronJob/job spec.jobTemplate.spec.template.spec.securityContext.windowsOptions.runAsUserName: not set in the input: ' +
      'the program writes NT AUTHORITY\\SYSTEM (the default of the user prop); set user to choose another account',
    ]);
    expect(result.exitCode).toBe(0);
  });

  test('diagnostics escape control characters in names', () => {
    expect(formatDiagnostic({ file: 'a.yaml', document: 2, line: 3, kind: 'DaemonSet', name: 'a\u001b[31m', field: 'spec', handling: 'kept', message: 'm' }))
      .toBe('a.yaml:2 DaemonSet/a\\x1b[31m spec: m');
  });
});

// cdk8s-plus' typed classes write only the fields their line's Kubernetes API has, read from the
// key of each TypeScript prop, a quantity or int-or-string from { value }: what a patch writes
// otherwise is silently lost at synth (src/core/validation/escape-hatch-fields.ts).
describe('escape hatches in the form the target line\'s typed classes read, and what they would drop left out', () => {
  const sidecar = { initContainers: [{ name: 'sidecar', image: 'example.com/sidecar:1.0', restartPolicy: 'Always' }] };
  const sleep = { lifecycle: { preStop: { sleep: { seconds: 5 } }, postStart: { exec: { command: ['cmd.exe', '/c', 'exit'] } } } };
  const P = 'spec.template.spec';
  const leftOut = (line: number, field: string, since: number) => `agent.yaml:1 DaemonSet/agent ${P}.${field}: left out: dropped by the typed ` +
    `classes of cdk8s-plus-${line}, which do not have this field: cdk8s-plus-${since} is the first line that writes it ` +
    `(convert with --package cdk8s-hostprocess-${since} or newer to keep it) (rule escape-hatch-field-dropped)`;
  const kept = (field: string) => `agent.yaml:1 DaemonSet/agent ${P}.${field}: the library has no typed prop for it; kept through an escape hatch (JsonPatch.add)`;
  const convertFor = (line: number, pod: object, container: object = {}) =>
    convert([{ file: 'agent.yaml', content: daemonSet(pod, container) }], { packageName: line === 27 ? 'cdk8s-hostprocess' : `cdk8s-hostprocess-${line}`, line });

  test.each([27, 34])('a native sidecar\'s restartPolicy: Always on cdk8s-plus-%i', (line) => {
    const result = convertFor(line, sidecar);
    if (line < 28) {
      expect(result.stderr).toContain(leftOut(line, 'initContainers[0].restartPolicy', 28));
      expect(result.program).toContain(`// ${P}.initContainers[0].restartPolicy: left out: dropped by the typed classes of cdk8s-plus-${line}`);
      expect(result.program).not.toContain('restartPolicy\', \'Always\'');
    } else {
      expect(result.stderr).toContain(kept('initContainers[0].restartPolicy'));
      expect(result.program).toContain('JsonPatch.add(\'/spec/template/spec/initContainers/0/restartPolicy\', \'Always\')');
    }
    expect(result.exitCode).toBe(1);
  });

  test.each([27, 28, 29, 34])('a preStop sleep on cdk8s-plus-%i: without it, the hook it leaves empty is left out too', (line) => {
    const result = convertFor(line, {}, sleep);
    if (line < 29) {
      expect(result.stderr).toEqual(expect.arrayContaining([
        leftOut(line, 'containers[0].lifecycle.preStop.sleep', 29),
        `agent.yaml:1 DaemonSet/agent ${P}.containers[0].lifecycle.preStop: left out: it would be empty without what cdk8s-plus-${line}'s typed classes drop`,
        kept('containers[0].lifecycle'),
      ]));
      expect(result.program).toContain(`// ${P}.containers[0].lifecycle: the library has no typed prop for it; kept as written, without what ` +
        `cdk8s-plus-${line}'s typed classes drop\nApiObject.of(agent).addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/lifecycle', {\n` +
        '  postStart: { exec: { command: [\'cmd.exe\', \'/c\', \'exit\'] } },\n}));');
    } else {
      expect(result.stderr).toEqual([kept('containers[0].lifecycle')]);
      expect(result.program).toContain('preStop: { sleep: { seconds: 5 } },');
    }
  });

  test('a key the typed classes read by another name is patched by that name', () => {
    // (setHostnameAsFQDN, read as setHostnameAsFqdn, is typed now: dns.hostnameAsFQDN.)
    const result = run(daemonSet({ hostIPC: false }));
    expect(result.stderr).toEqual([kept('hostIPC')]);
    expect(result.program).toContain(`// ${P}.hostIPC: the library has no typed prop for it; kept as cdk8s-plus' typed classes read it ` +
      '(hostIpc for hostIPC)\nApiObject.of(agent).addJsonPatch(JsonPatch.add(\'/spec/template/spec/hostIpc\', false));');
  });

  test('an int-or-string is patched as { value }', () => {
    const result = run(daemonSet({}, { livenessProbe: { httpGet: { path: '/', port: 80, httpHeaders: [{ name: 'X', value: 'y' }] } } }));
    expect(result.program).toContain(`// ${P}.containers[0].livenessProbe: the library has no typed prop for it; kept as cdk8s-plus' typed classes read it ` +
      '(quantities and int-or-strings as { value })');
    expect(result.program).toContain('httpGet: { path: \'/\', port: { value: 80 }, httpHeaders: [{ name: \'X\', value: \'y\' }] },');
  });

  test('a field no line has (capabilities directly under a container) is left out, not kept', () => {
    const result = run(daemonSet({}, { capabilities: { add: ['NET_ADMIN'] } }));
    expect(result.stderr).toEqual([`agent.yaml:1 DaemonSet/agent ${P}.containers[0].capabilities: left out: dropped by the typed classes of ` +
      'cdk8s-plus-27: no cdk8s-plus line has this field (check its name) (rule escape-hatch-field-dropped)']);
    expect(result.program).not.toContain('JsonPatch');
    expect(result.exitCode).toBe(1);
  });
});

describe('bad input: the same handling as lint, exit 2', () => {
  test.each([
    ['invalid YAML', 'a: [', /^cdk8s-hostprocess convert: agent\.yaml: document 1, line 2, column \d+: not valid YAML: /],
    ['a duplicate key', 'apiVersion: v1\nkind: ConfigMap\nkind: Secret', /^cdk8s-hostprocess convert: agent\.yaml: document 1, line \d, column \d+: not valid YAML: .*kind/],
    ['not a mapping (lint\'s words)', '- a\n- b', /^cdk8s-hostprocess convert: agent\.yaml: document 1, line 1: not a mapping \(it is a sequence\), so not a Kubernetes object$/],
    ['no kind', 'apiVersion: v1\nmetadata: {name: a}', /^cdk8s-hostprocess convert: agent\.yaml: document 1, line 1: not a Kubernetes object: apiVersion and kind must be strings$/],
    ['binary', 'a: \u0000', /^cdk8s-hostprocess convert: agent\.yaml: binary file/],
  ])('%s', (_name, yaml, message) => {
    const result = run(yaml);
    expect(result.exitCode).toBe(2);
    expect(result.stderr[0]).toMatch(message);
  });

  test('the items of a List are located at their own lines, as lint locates them', () => {
    const list = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n- kind: Secret\n  metadata: {name: b}\n';
    const result = run(list);
    expect(result.stderr).toEqual(['cdk8s-hostprocess convert: agent.yaml: document 1, line 7: not a Kubernetes object: apiVersion and kind must be strings']);
  });

  test('one bad document does not hide the others', () => {
    const result = run(`a: [\n---\n${daemonSet()}`);
    expect(result.exitCode).toBe(2);
    expect(result.objects).toEqual({ HostProcessDaemonSet: 1 });
  });

  test('empty standard input is exit 2 with a message', () => {
    const result = convert([{ file: '<stdin>', content: '' }], { packageName: 'cdk8s-hostprocess', line: 27 });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toEqual(['cdk8s-hostprocess convert: <stdin>: no documents on standard input']);
  });

  test('an unreadable input is exit 2 and no program', () => {
    const result = convert([{ file: 'gone.yaml', readError: 'no such file or directory' }], { packageName: 'cdk8s-hostprocess', line: 27 });
    expect(result).toMatchObject({ exitCode: 2, program: undefined, stderr: ['cdk8s-hostprocess convert: gone.yaml: no such file or directory'] });
  });
});

describe('the command line', () => {
  test.each([
    [['a.yaml'], { packageName: 'cdk8s-hostprocess', line: 27, paths: ['a.yaml'], out: undefined }],
    [['--package', 'cdk8s-hostprocess-33', '-'], { packageName: 'cdk8s-hostprocess-33', line: 33, paths: ['-'] }],
    [['--out=app', '--package=cdk8s-hostprocess-28', 'x'], { packageName: 'cdk8s-hostprocess-28', line: 28, out: 'app', paths: ['x'] }],
  ])('%j', (argv, expected) => {
    expect(parseConvertArgs(argv)).toMatchObject({ ...expected, usageError: undefined });
  });

  test.each([
    [[], 'no input: give a file, a folder or - for standard input'],
    [['--package', 'cdk8s-hostprocess-26', 'a.yaml'], '--package "cdk8s-hostprocess-26": not a package of the library (cdk8s-hostprocess, or cdk8s-hostprocess-NN for NN in 25, 28, 29, 30, 31, 32, 33, 34)'],
    [['--out'], '--out needs a value'],
    [['--format', 'json', 'a.yaml'], 'unknown option "--format"'],
  ])('%j is a usage error', (argv, message) => {
    expect(parseConvertArgs(argv).usageError).toBe(message);
  });

  test('the usage names every option', () => {
    for (const option of ['--package NAME', '--out DIR', '-h, --help', 'Exit status: 0']) {
      expect(CONVERT_USAGE).toContain(option);
    }
  });

  test('--out: an app laid out as cdk8s init writes it, on the chosen line', () => {
    const files = appFiles('// program\n', 'cdk8s-hostprocess-33', 33, { library: '^1.2.3', peers: { 'cdk8s': '^2.70.0', 'cdk8s-plus-33': '^2.5.57', 'constructs': '^10.3.0' } });
    expect(Object.keys(files).sort()).toEqual(['cdk8s.yaml', 'main.ts', 'package.json', 'tsconfig.json']);
    expect(JSON.parse(files['package.json']).dependencies).toEqual({
      'cdk8s-hostprocess-33': '^1.2.3', 'cdk8s': '^2.70.0', 'cdk8s-plus-33': '^2.5.57', 'constructs': '^10.3.0',
    });
    expect(files['cdk8s.yaml']).toBe('language: typescript\napp: npx ts-node main.ts\n');
    expect(JSON.parse(files['tsconfig.json']).compilerOptions.strict).toBe(true);
  });
});

describe('--package by default: the package the command runs from', () => {
  test.each<[string, string, number]>([
    ['cdk8s-hostprocess', 'cdk8s-hostprocess', 27],
    ['cdk8s-hostprocess-33', 'cdk8s-hostprocess-33', 33],
    ['a package that is not the library (the repository under another name)', 'cdk8s-hostprocess', 27],
  ])('run from %s', (_, expected, line) => {
    const own = _.startsWith('a package') ? 'something-else' : _;
    expect(parseConvertArgs(['a.yaml'], own)).toMatchObject({ packageName: expected, line, usageError: undefined });
    // --package still wins.
    expect(parseConvertArgs(['--package', 'cdk8s-hostprocess-28', 'a.yaml'], own)).toMatchObject({ packageName: 'cdk8s-hostprocess-28', line: 28 });
  });
});

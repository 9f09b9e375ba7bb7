// HostProcessAdmissionPolicy: what it synthesizes (checked strictly against the Kubernetes schema by
// every Testing.synth), and that the policy, run by a real CEL evaluator, admits the library's own
// workloads and the three example agents, and refuses them where they are not approved.
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, Cron, JsonPatch, Testing } from 'cdk8s';
import {
  AdmissionCommands, AdmissionEnforcement, HostProcessAdmissionPolicy, HostProcessCronJob, HostProcessDaemonSet, HostProcessDeployment,
  HostProcessJob, HostProcessPod, HostProcessUser,
} from 'cdk8s-hostprocess';
import * as kplus from 'cdk8s-plus-27';
import { CalicoKubeProxyChart } from '../../examples/calico-kube-proxy/chart';
import { CsiProxyChart } from '../../examples/csi-proxy/chart';
import { WindowsExporterChart } from '../../examples/windows-exporter/chart';
import { messages } from '../core/admission/vap';
import { strictSchemaErrors } from '../util/strict-schema';

const POLICY_KINDS = ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'];
const IMAGE = 'mcr.microsoft.com/powershell:lts-nanoserver-ltsc2022';

/** The policy objects of a synth, and the rest. */
function split(manifests: any[]): { policies: any[]; others: any[] } {
  return {
    policies: manifests.filter(m => POLICY_KINDS.includes(m.kind)),
    others: manifests.filter(m => !POLICY_KINDS.includes(m.kind)),
  };
}

/** Every failed validation of the main policy and of the warnings policy for one object. */
function review(policies: any[], object: any, namespace: string): { denied?: string[]; warned?: string[] } {
  const [policy, binding, warningPolicy, warningBinding] = policies;
  return {
    denied: messages(policy, binding, { object, namespace }),
    warned: warningPolicy ? messages(warningPolicy, warningBinding, { object, namespace }) : undefined,
  };
}

describe('HostProcessAdmissionPolicy', () => {
  test('synthesizes a policy, its binding, and a Warn-only policy with its binding', () => {
    const chart = Testing.chart();
    const policy = new HostProcessAdmissionPolicy(chart, 'hostprocess', {
      name: 'hostprocess',
      namespaces: ['kube-system'],
      imagePrefixes: ['mcr.microsoft.com/powershell:'],
    });
    const manifests = Testing.synth(chart);

    expect(manifests.map(m => [m.kind, m.metadata.name])).toEqual([
      ['ValidatingAdmissionPolicy', 'hostprocess'],
      ['ValidatingAdmissionPolicyBinding', 'hostprocess'],
      ['ValidatingAdmissionPolicy', 'hostprocess-warnings'],
      ['ValidatingAdmissionPolicyBinding', 'hostprocess-warnings'],
    ]);
    expect(manifests.every(m => m.apiVersion === 'admissionregistration.k8s.io/v1')).toBe(true);
    expect(manifests[1].spec).toEqual({ policyName: 'hostprocess', validationActions: ['Deny'] });
    expect(manifests[3].spec).toEqual({ policyName: 'hostprocess-warnings', validationActions: ['Warn'] });
    expect(manifests[0].spec.failurePolicy).toBe('Fail');
    expect(manifests[0].spec.matchConstraints.resourceRules).toEqual([
      { apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['pods', 'pods/ephemeralcontainers', 'podtemplates', 'replicationcontrollers'] },
      { apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['daemonsets', 'deployments', 'replicasets', 'statefulsets'] },
      { apiGroups: ['batch'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['cronjobs', 'jobs'] },
    ]);
    expect(policy.enforcement).toBe(AdmissionEnforcement.DENY);
    expect(policy.users.map((u: HostProcessUser) => u.runAsUserName)).toEqual(['NT AUTHORITY\\SYSTEM', 'NT AUTHORITY\\Local service', 'NT AUTHORITY\\NetworkService']);
    expect(policy.warningPolicy).toBeDefined();
    // Testing.synth checked them strictly; the check knows these kinds, and would see a stray field.
    expect(manifests.flatMap(strictSchemaErrors)).toEqual([]);
    const stray = JSON.parse(JSON.stringify(manifests[0]));
    stray.spec.validations[0].messageExpresion = 'typo';
    expect(strictSchemaErrors(stray)).toEqual(['ValidatingAdmissionPolicy/hostprocess: unknown field "spec.validations[0].messageExpresion"']);
  });

  test('the policy kinds are cluster-scoped: a chart namespace is not written', () => {
    const chart = new Chart(Testing.app(), 'agents', { namespace: 'kube-system' });
    new HostProcessAdmissionPolicy(chart, 'hostprocess', { namespaces: ['kube-system'], imagePrefixes: ['mcr.microsoft.com/'] });
    const manifests = Testing.synth(chart);
    expect(manifests).toHaveLength(4);
    expect(manifests.map(m => m.metadata.namespace)).toEqual([undefined, undefined, undefined, undefined]);
    // A generated name, shared by the policy and its binding.
    expect(manifests[0].metadata.name).toMatch(/^agents-hostprocess-c8[0-9a-f]+$/);
    expect(manifests[1].spec.policyName).toBe(manifests[0].metadata.name);
  });

  test('enforcement and users; warnings: false leaves the Warn-only policy out', () => {
    const chart = Testing.chart();
    const policy = new HostProcessAdmissionPolicy(chart, 'hostprocess', {
      name: 'hostprocess',
      namespaces: ['kube-system'],
      imagePrefixes: ['mcr.microsoft.com/'],
      users: [HostProcessUser.LOCAL_SERVICE, HostProcessUser.localGroup('hpc-localgroup')],
      enforcement: AdmissionEnforcement.WARN_AND_AUDIT,
      warnings: false,
    });
    const manifests = Testing.synth(chart);
    expect(manifests.map(m => m.kind)).toEqual(POLICY_KINDS);
    expect(manifests[1].spec.validationActions).toEqual(['Warn', 'Audit']);
    expect(policy.warningPolicy).toBeUndefined();
    expect(AdmissionEnforcement.WARN_AND_AUDIT.denies).toBe(false);
    expect(AdmissionEnforcement.DENY_AND_AUDIT.validationActions).toEqual(['Deny', 'Audit']);

    const pod = (user: string) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { hostNetwork: true, securityContext: { windowsOptions: { hostProcess: true, runAsUserName: user } }, containers: [{ name: 'c', image: IMAGE }] },
    });
    expect(messages(manifests[0], manifests[1], { object: pod('hpc-localgroup'), namespace: 'kube-system' })).toEqual([]);
    expect(messages(manifests[0], manifests[1], { object: pod('NT AUTHORITY\\SYSTEM'), namespace: 'kube-system' })).toEqual([
      'spec.securityContext.windowsOptions.runAsUserName: Invalid value: "NT AUTHORITY\\\\SYSTEM": not an approved account for ' +
      'HostProcess containers; approved are "NT AUTHORITY\\\\Local service", "hpc-localgroup": run as an approved account, or ask ' +
      'the platform team to approve this one (HostProcessAdmissionPolicy rule: approved accounts)',
    ]);
  });

  test('props that make no working policy fail, naming the construct, the field, the problem and the fix', () => {
    const chart = Testing.chart();
    expect(() => new HostProcessAdmissionPolicy(chart, 'hostprocess', { imagePrefixes: [], namespaces: ['Kube_System'] })).toThrow([
      'test/hostprocess: namespaces[0]: Invalid value: "Kube_System": a namespace name must be a DNS label (at most 63 lowercase ' +
      'letters, digits and "-", starting and ending with a letter or digit)',
      'test/hostprocess: imagePrefixes: Required value: list at least one image prefix, a registry or repository ending in "/" ' +
      'such as "mcr.microsoft.com/oss/kubernetes/": without one the policy admits no HostProcess pod',
    ].join('\n'));
    expect(() => new HostProcessAdmissionPolicy(chart, 'no-namespace', { imagePrefixes: ['mcr.microsoft.com'] })).toThrow([
      'test/no-namespace: namespaces: Required value: name at least one namespace (namespaces) or a label that allowed namespaces ' +
      'carry (namespaceLabels): without one the policy admits no HostProcess pod anywhere',
      'test/no-namespace: imagePrefixes[0]: Invalid value: "mcr.microsoft.com": an image prefix must end with "/" (a registry or ' +
      'repository path: "mcr.microsoft.com/"), ":" (any tag of one repository: "mcr.microsoft.com:") or "@" (any digest of one ' +
      'repository), or it also matches images that merely start with the same letters',
    ].join('\n'));
    expect(() => new HostProcessAdmissionPolicy(chart, 'no-users', { namespaces: ['kube-system'], imagePrefixes: ['mcr.microsoft.com/'], users: [] }))
      .toThrow('test/no-users: users: Required value: list at least one account');
  });

  test("admits each of the library's workloads, without a warning, and refuses them elsewhere", () => {
    const chart = new Chart(Testing.app(), 'agents', { namespace: 'kube-system' });
    const containers = [{ name: 'agent', image: IMAGE }];
    const user = HostProcessUser.LOCAL_SERVICE;
    new HostProcessDaemonSet(chart, 'daemon-set', { containers, initContainers: [{ name: 'setup', image: IMAGE }], user });
    new HostProcessPod(chart, 'pod', { containers, user: HostProcessUser.NETWORK_SERVICE });
    new HostProcessDeployment(chart, 'deployment', { containers, replicas: 1 });
    new HostProcessJob(chart, 'job', { containers });
    new HostProcessCronJob(chart, 'cron-job', { containers, schedule: Cron.daily() });
    new HostProcessAdmissionPolicy(chart, 'policy', {
      namespaces: ['kube-system'], imagePrefixes: ['mcr.microsoft.com/powershell:'], requireWindowsOs: true, requireWindowsNodeSelection: true,
    });
    const { policies, others } = split(Testing.synth(chart));
    expect(others.map(m => m.kind)).toEqual(['DaemonSet', 'Pod', 'Deployment', 'Job', 'CronJob']);
    for (const object of others) {
      expect([object.kind, review(policies, object, 'kube-system')]).toEqual([object.kind, { denied: [], warned: [] }]);
      const elsewhere = review(policies, object, 'default');
      expect([object.kind, elsewhere.denied]).toEqual([object.kind, [expect.stringMatching(/^metadata\.namespace: Forbidden: HostProcess pods are not approved in namespace "default"/)]]);
    }
  });

  test('a policy that allows the three example agents admits each of them, and each is refused with another image', () => {
    const app = Testing.app();
    const agents = [new CsiProxyChart(app, 'csi-proxy'), new CalicoKubeProxyChart(app, 'calico-kube-proxy', { kubeProxyVersion: 'v1.31.0' }), new WindowsExporterChart(app, 'windows-exporter')];
    const policyChart = new Chart(app, 'policy');
    new HostProcessAdmissionPolicy(policyChart, 'hostprocess', {
      name: 'hostprocess',
      namespaces: ['kube-system'],
      namespaceLabels: { name: 'monitoring' },
      imagePrefixes: [
        'ghcr.io/kubernetes-sigs/sig-windows/csi-proxy:',
        // The Calico kube-proxy image is written without a registry: Docker Hub's.
        'docker.io/sigwindowstools/kube-proxy:',
        'ghcr.io/prometheus-community/windows-exporter:',
        'mcr.microsoft.com/powershell:',
      ],
      // Calico's kube-proxy runs its start script by args, the exporter its config by args and an
      // init container's PowerShell by command; csi-proxy runs its image's entrypoint as it is.
      commands: AdmissionCommands.forImages([
        'docker.io/sigwindowstools/kube-proxy:',
        'ghcr.io/prometheus-community/windows-exporter:',
        'mcr.microsoft.com/powershell:',
      ]),
      requireWindowsOs: true,
      requireWindowsNodeSelection: true,
    });
    const policies = Testing.synth(policyChart);
    let checked = 0;
    for (const chart of agents) {
      for (const object of Testing.synth(chart).filter(m => m.kind === 'DaemonSet')) {
        const namespace = object.metadata.namespace;
        const namespaceLabels: { [key: string]: string } = namespace === 'monitoring' ? { name: 'monitoring' } : {};
        expect([chart.node.id, messages(policies[0], policies[1], { object, namespace, namespaceLabels })]).toEqual([chart.node.id, []]);
        expect([chart.node.id, messages(policies[2], policies[3], { object, namespace, namespaceLabels })]).toEqual([chart.node.id, []]);

        const swapped = JSON.parse(JSON.stringify(object));
        swapped.spec.template.spec.containers[0].image = 'docker.io/attacker/agent:latest';
        const name = swapped.spec.template.spec.containers[0].name;
        const container = `spec\\.template\\.spec\\.containers\\[name="${name}"\\]`;
        // The image is refused; a container that sets args or a command is refused for that too, its
        // new image not being approved for commands.
        expect(messages(policies[0], policies[1], { object: swapped, namespace, namespaceLabels })).toEqual([
          expect.stringMatching(new RegExp(`^${container}\\.image: Invalid value: "docker\\.io/attacker/agent:latest": not an approved image`)),
          ...(swapped.spec.template.spec.containers[0].args ? [expect.stringMatching(new RegExp(`^${container}\\.args: Forbidden: `))] : []),
        ]);
        checked++;
      }
    }
    expect(checked).toBe(3);
  });

  test('by default no HostProcess container chooses its command: the quick start\'s agent is admitted only with its image approved for commands', () => {
    const app = Testing.app();
    const agents = new Chart(app, 'agents', { namespace: 'kube-system' });
    new HostProcessDaemonSet(agents, 'privileged-daemonset', {
      user: HostProcessUser.SYSTEM,
      containers: [{ name: 'powershell', image: IMAGE, command: ['powershell.exe', '-Command', 'Start-Sleep -Seconds 2147483'] }],
    });
    const [daemonSet] = Testing.synth(agents);
    const props = { namespaces: ['kube-system'], imagePrefixes: ['mcr.microsoft.com/powershell:'] };
    const refusing = new HostProcessAdmissionPolicy(new Chart(app, 'default'), 'policy', { name: 'p', ...props });
    expect(refusing.commands).toBe(AdmissionCommands.REFUSE);
    expect(AdmissionCommands.REFUSE.imagePrefixes).toEqual([]);
    expect(AdmissionCommands.ALLOW.imagePrefixes).toBeUndefined();
    const [policy, binding] = Testing.synth(Chart.of(refusing));
    expect(messages(policy, binding, { object: daemonSet, namespace: 'kube-system' })).toEqual([
      'spec.template.spec.containers[name="powershell"].command: Forbidden: a HostProcess container may not choose its command ' +
      '(command, args, exec probes and lifecycle exec hooks) unless its image is approved for commands; approved for no image: run ' +
      'the image\'s own entrypoint, or ask the platform team to approve commands for its repository (HostProcessAdmissionPolicy rule: approved commands)',
    ]);
    for (const commands of [AdmissionCommands.forImages(['mcr.microsoft.com/powershell:']), AdmissionCommands.ALLOW]) {
      const allowing = new HostProcessAdmissionPolicy(new Chart(app, `allowing-${commands === AdmissionCommands.ALLOW}`), 'policy', { name: 'p', ...props, commands });
      const [allowed, allowedBinding] = Testing.synth(Chart.of(allowing));
      expect(messages(allowed, allowedBinding, { object: daemonSet, namespace: 'kube-system' })).toEqual([]);
    }
  });

  test('service accounts and namespaces by name and label reach the policy; their problems name the construct', () => {
    const chart = Testing.chart();
    new HostProcessAdmissionPolicy(chart, 'hostprocess', {
      name: 'hostprocess',
      namespaces: ['kube-system'],
      namespaceLabels: { 'platform.example.com/hostprocess': 'approved' },
      requireNamespaceNameAndLabels: true,
      imagePrefixes: ['mcr.microsoft.com/powershell:'],
      serviceAccounts: ['agent'],
    });
    const [policy, binding] = Testing.synth(chart);
    const pod = (serviceAccountName?: string) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { hostNetwork: true, serviceAccountName, securityContext: { windowsOptions: { hostProcess: true, runAsUserName: 'NT AUTHORITY\\SYSTEM' } }, containers: [{ name: 'c', image: IMAGE }] },
    });
    const namespaceLabels = { 'platform.example.com/hostprocess': 'approved' };
    expect(messages(policy, binding, { object: pod('agent'), namespace: 'kube-system', namespaceLabels })).toEqual([]);
    expect(messages(policy, binding, { object: pod('agent'), namespace: 'kube-system' })).toEqual([
      expect.stringMatching(/^metadata\.namespace: Forbidden: .* approved are the namespaces "kube-system" when labelled platform\.example\.com\/hostprocess=approved: /),
    ]);
    expect(messages(policy, binding, { object: pod(), namespace: 'kube-system', namespaceLabels })).toEqual([
      expect.stringMatching(/^spec\.serviceAccountName: Invalid value: "default": not an approved service account for HostProcess pods/),
    ]);
    expect(() => new HostProcessAdmissionPolicy(chart, 'bad', {
      namespaces: ['kube-system'], imagePrefixes: ['mcr.microsoft.com/'], serviceAccounts: [], commands: AdmissionCommands.forImages(['nginx']), requireNamespaceNameAndLabels: true,
    })).toThrow([
      'test/bad: requireNamespaceNameAndLabels: Invalid value: true: a namespace must then be both listed in namespaces and labelled ' +
      'with namespaceLabels, so give both (or leave requireNamespaceNameAndLabels out to accept either)',
      'test/bad: serviceAccounts: Required value: list at least one service account (a pod that names none runs as "default"), or ' +
      'leave serviceAccounts out to allow any: without one the policy admits no HostProcess pod',
      'test/bad: commands.imagePrefixes[0]: Invalid value: "nginx": an image prefix must end with "/" (a registry or repository path: ' +
      '"nginx/"), ":" (any tag of one repository: "nginx:") or "@" (any digest of one repository), or it also matches images that ' +
      'merely start with the same letters',
    ].join('\n'));
  });

  test('a workload kplus writes with hostProcess is checked even when not built with the library', () => {
    const chart = Testing.chart();
    const ds = new kplus.DaemonSet(chart, 'plain', {
      containers: [{ name: 'c', image: 'docker.io/attacker/agent:latest', securityContext: { ensureNonRoot: false } }],
    });
    ApiObject.of(ds).addJsonPatch(JsonPatch.add('/spec/template/spec/securityContext/windowsOptions', { hostProcess: true, runAsUserName: 'NT AUTHORITY\\SYSTEM' }));
    new HostProcessAdmissionPolicy(chart, 'policy', { name: 'p', namespaces: ['kube-system'], imagePrefixes: ['mcr.microsoft.com/'] });
    const { policies, others } = split(Testing.synth(chart));
    expect(review(policies, others[0], 'kube-system').denied).toEqual([
      expect.stringMatching(/^spec\.template\.spec\.containers\[name="c"\]\.image: Invalid value: "docker\.io\/attacker\/agent:latest": /),
    ]);
  });
});

/** The app of docs/admission-policy.md (its snippet, minus the comments). */
function readmePolicy(): { app: App; chart: Chart } {
  const app = new App({ outdir: '/tmp/unused' });
  const chart = new Chart(app, 'hostprocess-policy');
  new HostProcessAdmissionPolicy(chart, 'hostprocess', {
    namespaces: ['kube-system'],
    imagePrefixes: ['mcr.microsoft.com/powershell:'],
    commands: AdmissionCommands.forImages(['mcr.microsoft.com/powershell:']),
    users: [HostProcessUser.SYSTEM],
    enforcement: AdmissionEnforcement.WARN_AND_AUDIT,
  });
  return { app, chart };
}

test('docs/admission-policy.md shows the policy of its configuration as synthesized, with its size', () => {
  const { app } = readmePolicy();
  const yaml = app.synthYaml();
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'admission-policy.md'), 'utf8');
  const section = readme.slice(readme.indexOf('**Reading the policy.**'), readme.indexOf('**Rollout.**'));
  const blocks = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map(m => m[1]);
  expect(blocks).toHaveLength(2);
  for (const block of blocks) expect(yaml).toContain(block);
  const lines = yaml.split('\n');
  const documents = yaml.split('\n---\n').map(d => Buffer.byteLength(d));
  const n = (x: number) => x.toLocaleString('en-US');
  expect(section).toContain(`writes ${n(Buffer.byteLength(yaml))} bytes of YAML in ${n(lines.length)} lines of at most\n${Math.max(...lines.map(l => l.length))} characters`);
  expect(section).toContain(`the policy ${n(documents[0])} bytes, the warnings policy ${n(documents[2])}`);
});

test('the app of docs/admission-policy.md synthesizes', () => {
  // readmePolicy() is the page's snippet: its props, line by line, without the comments.
  const page = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'admission-policy.md'), 'utf8');
  const snippet = /```ts nofixture\n([\s\S]*?)```/.exec(page)?.[1] ?? '';
  const props = (source: string) => source.split('\n').map(l => l.trim()).filter(l => /^[a-zA-Z]+: /.test(l));
  const own = fs.readFileSync(__filename, 'utf8');
  const fn = own.slice(own.indexOf('function readmePolicy()'), own.indexOf('return { app, chart };'));
  expect(props(snippet)).toEqual(props(fn));
  expect(props(snippet)).toHaveLength(5);
  const { chart } = readmePolicy();
  const manifests = Testing.synth(chart);
  expect(manifests.map(m => m.kind)).toEqual([...POLICY_KINDS, ...POLICY_KINDS]);
  expect(manifests[1].spec.validationActions).toEqual(['Warn', 'Audit']);
});

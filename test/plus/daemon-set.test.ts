import { ApiObject, Chart, Size, Testing } from 'cdk8s';
import {
  DaemonSetRollingUpdateOptions, DaemonSetUpdateStrategy, HostProcessDaemonSet, HostProcessDaemonSetProps, HostProcessUser, WindowsBuild,
} from 'cdk8s-hostprocess';
import * as kplus from 'cdk8s-plus-27';
import { linuxOnlyFields } from '../util/subset';

const image = 'mcr.microsoft.com/oss/kubernetes/windows-host-process-containers-base-image:v1.0.0';

function synth(props: HostProcessDaemonSetProps, configure?: (ds: HostProcessDaemonSet, chart: Chart) => void): any {
  const chart = Testing.chart();
  const ds = new HostProcessDaemonSet(chart, 'agent', props);
  configure?.(ds, chart);
  return Testing.synth(chart).find((m: any) => m.kind === 'DaemonSet');
}

function podSpec(props: HostProcessDaemonSetProps, configure?: (ds: HostProcessDaemonSet, chart: Chart) => void): any {
  return synth(props, configure).spec.template.spec;
}

describe('HostProcessDaemonSet', () => {
  test('writes the HostProcess fields and no Linux-only field', () => {
    const spec = podSpec({ containers: [{ image }] });
    expect(spec.securityContext).toEqual({
      windowsOptions: { hostProcess: true, runAsUserName: 'NT AUTHORITY\\SYSTEM' },
    });
    expect(spec.hostNetwork).toBe(true);
    expect(spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'windows' });
    expect(spec.os).toEqual({ name: 'windows' });
    expect(spec.dnsPolicy).toBe('Default');
    expect(spec.containers[0].securityContext).toBeUndefined();
    expect(linuxOnlyFields(spec)).toEqual([]);
  });

  test('a whole manifest', () => {
    expect(synth({
      user: HostProcessUser.LOCAL_SERVICE,
      containers: [{ name: 'agent', image, command: ['agent.exe'] }],
    })).toMatchSnapshot();
  });

  test('user, windows build, node selector and priority class', () => {
    const spec = podSpec({
      user: HostProcessUser.NETWORK_SERVICE,
      windowsBuild: WindowsBuild.LTSC2022,
      nodeSelector: { 'kubernetes.io/arch': 'amd64' },
      priorityClassName: 'system-node-critical',
      containers: [{ image }],
    }, ds => ds.hostProcess.addNodeSelector('agentpool', 'win'));
    expect(spec.securityContext.windowsOptions.runAsUserName).toBe('NT AUTHORITY\\NetworkService');
    expect(spec.nodeSelector).toEqual({
      'kubernetes.io/os': 'windows',
      'kubernetes.io/arch': 'amd64',
      'node.kubernetes.io/windows-build': '10.0.20348',
      'agentpool': 'win',
    });
    expect(spec.priorityClassName).toBe('system-node-critical');
  });

  test('the getters report what the pods get', () => {
    const chart = Testing.chart();
    const ds = new HostProcessDaemonSet(chart, 'agent', {
      windowsBuild: WindowsBuild.LTSC2019, priorityClassName: 'p', containers: [{ image }],
    });
    const selector = ds.hostProcess.nodeSelector;
    selector.extra = 'x';
    expect(ds.hostProcess.nodeSelector).toEqual({ 'kubernetes.io/os': 'windows', 'node.kubernetes.io/windows-build': '10.0.17763' });
    expect(ds.hostProcess.user).toBe(HostProcessUser.SYSTEM);
    expect(ds.hostProcess.windowsBuild).toBe(WindowsBuild.LTSC2019);
    expect(ds.hostProcess.priorityClassName).toBe('p');
    expect(ds.hostProcess.podOs).toBe(true);
    expect(ds.hostProcess.containerWindowsOptions).toBe(false);
  });

  test('podOs: false leaves spec.os out for clusters older than 1.25', () => {
    const spec = podSpec({ podOs: false, containers: [{ image }] });
    expect(spec.os).toBeUndefined();
    expect(spec.securityContext.windowsOptions.hostProcess).toBe(true);
  });

  test('a DNS policy the user chose is kept', () => {
    const spec = podSpec({ dns: { policy: kplus.DnsPolicy.CLUSTER_FIRST }, containers: [{ image }] });
    expect(spec.dnsPolicy).toBe('ClusterFirst');
  });

  test('ensureNonRoot: false is kept on the pod and the container', () => {
    const spec = podSpec({
      securityContext: { ensureNonRoot: false },
      containers: [{ image, securityContext: { ensureNonRoot: false } }],
    });
    expect(spec.securityContext.runAsNonRoot).toBe(false);
    expect(spec.containers[0].securityContext).toEqual({ runAsNonRoot: false });
  });

  test('containerWindowsOptions mirrors the pod level onto every container', () => {
    const spec = podSpec({
      user: HostProcessUser.LOCAL_SERVICE,
      containerWindowsOptions: true,
      initContainers: [{ image }],
      containers: [{ image }],
    });
    const expected = { windowsOptions: { hostProcess: true, runAsUserName: 'NT AUTHORITY\\Local service' } };
    expect(spec.initContainers[0].securityContext).toEqual(expected);
    expect(spec.containers[0].securityContext).toEqual(expected);
  });

  describe('resources', () => {
    test('a container without resources gets the agent requests and no limits', () => {
      expect(podSpec({ containers: [{ image }] }).containers[0].resources).toEqual({
        requests: { cpu: '100m', memory: '128Mi' },
      });
    });

    test('resources the user set are kept as they are', () => {
      const spec = podSpec({
        containers: [{
          image,
          resources: {
            cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.millis(500) },
            memory: { limit: Size.mebibytes(256) },
          },
        }],
      });
      expect(spec.containers[0].resources).toEqual({
        requests: { cpu: '250m' },
        limits: { cpu: '500m', memory: '256Mi' },
      });
    });

    test('resources: {} means none', () => {
      expect(podSpec({ containers: [{ image, resources: {} }] }).containers[0].resources).toBeUndefined();
    });

    test('an attached kplus.Container with kplus default resources gets the agent defaults', () => {
      const spec = podSpec({}, ds => ds.attachContainer(new kplus.Container({ image })));
      expect(spec.containers[0].resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' } });
    });
  });

  describe('update strategy', () => {
    test.each([
      ['rolling update with a number', DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.absolute(1) }),
        { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } }],
      ['rolling update with a percentage', DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.percent(100) }),
        { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '100%' } }],
      ['rolling update with surge', DaemonSetUpdateStrategy.rollingUpdate({
        maxUnavailable: kplus.PercentOrAbsolute.absolute(0), maxSurge: kplus.PercentOrAbsolute.percent(10),
      }), { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '10%' } }],
      ['rolling update with defaults', DaemonSetUpdateStrategy.rollingUpdate(), { type: 'RollingUpdate' }],
      ['on delete', DaemonSetUpdateStrategy.onDelete(), { type: 'OnDelete' }],
    ])('%s', (_name, updateStrategy, expected) => {
      expect(synth({ updateStrategy, containers: [{ image }] }).spec.updateStrategy).toEqual(expected);
    });

    test('no strategy writes none', () => {
      expect(synth({ containers: [{ image }] }).spec.updateStrategy).toBeUndefined();
    });

    const P = 'DaemonSetUpdateStrategy.rollingUpdate: spec.updateStrategy.rollingUpdate';
    test.each<[string, DaemonSetRollingUpdateOptions, string]>([
      ['maxUnavailable 0 without surge', { maxUnavailable: kplus.PercentOrAbsolute.absolute(0) },
        `${P}.maxUnavailable: Required value: cannot be 0 when maxSurge is 0`],
      ['both 0', { maxUnavailable: kplus.PercentOrAbsolute.percent(0), maxSurge: kplus.PercentOrAbsolute.absolute(0) },
        `${P}.maxUnavailable: Required value: cannot be 0 when maxSurge is 0`],
      ['surge with maxUnavailable unset (1)', { maxSurge: kplus.PercentOrAbsolute.absolute(1) },
        `${P}.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero`],
      ['surge and maxUnavailable', { maxUnavailable: kplus.PercentOrAbsolute.absolute(2), maxSurge: kplus.PercentOrAbsolute.percent(10) },
        `${P}.maxSurge: Invalid value: "10%": may not be set when maxUnavailable is non-zero`],
      ['maxUnavailable over 100%', { maxUnavailable: kplus.PercentOrAbsolute.percent(150) },
        `${P}.maxUnavailable: Invalid value: "150%": must not be greater than 100%`],
      ['maxSurge over 100%', { maxUnavailable: kplus.PercentOrAbsolute.absolute(0), maxSurge: kplus.PercentOrAbsolute.percent(101) },
        `${P}.maxSurge: Invalid value: "101%": must not be greater than 100%`],
    ])('%s is rejected as the API server rejects it', (_name, options, message) => {
      expect(() => DaemonSetUpdateStrategy.rollingUpdate(options)).toThrow(message);
    });
  });

  test('every kplus feature a node agent uses still works', () => {
    const chart = Testing.chart();
    const config = new kplus.ConfigMap(chart, 'config', { data: { 'config.conf': 'x' } });
    const sa = new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'kube-proxy' } });
    const ds = new HostProcessDaemonSet(chart, 'agent', {
      serviceAccount: sa,
      automountServiceAccountToken: true,
      containers: [{
        name: 'kube-proxy',
        image,
        workingDir: '$env:CONTAINER_SANDBOX_MOUNT_POINT/kube-proxy/',
        envVariables: {
          NODE_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME),
          POD_IP: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_IP),
        },
        volumeMounts: [
          { path: '/var/lib/kube-proxy', volume: kplus.Volume.fromConfigMap(chart, 'cm', config, { name: 'kube-proxy' }) },
          { path: '/host/opt/cni/bin', volume: kplus.Volume.fromHostPath(chart, 'cni', 'cni-bin', { path: '/opt/cni/bin', type: kplus.HostPathVolumeType.DIRECTORY_OR_CREATE }) },
        ],
      }],
    });
    ds.scheduling.tolerate(kplus.Node.tainted(kplus.NodeTaintQuery.exists('CriticalAddonsOnly'), kplus.NodeTaintQuery.any()));
    const spec = Testing.synth(chart).find((m: any) => m.kind === 'DaemonSet').spec.template.spec;
    expect(spec.serviceAccountName).toBe('kube-proxy');
    expect(spec.automountServiceAccountToken).toBe(true);
    expect(spec.containers[0].env).toEqual([
      { name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
      { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
    ]);
    expect(spec.containers[0].volumeMounts).toEqual([
      { mountPath: '/var/lib/kube-proxy', name: 'kube-proxy' },
      { mountPath: '/host/opt/cni/bin', name: 'cni-bin' },
    ]);
    expect(spec.volumes).toEqual([
      { name: 'kube-proxy', configMap: { name: config.name } },
      { name: 'cni-bin', hostPath: { path: '/opt/cni/bin', type: 'DirectoryOrCreate' } },
    ]);
    expect(spec.tolerations).toEqual([{ key: 'CriticalAddonsOnly', operator: 'Exists' }, { operator: 'Exists' }]);
    expect(spec.containers[0].workingDir).toBe('$env:CONTAINER_SANDBOX_MOUNT_POINT/kube-proxy/');
    expect(linuxOnlyFields(spec)).toEqual([]);
  });

  test('containers and init containers added after construction are covered', () => {
    const spec = podSpec({}, ds => {
      ds.addInitContainer({ image, securityContext: { ensureNonRoot: false } });
      ds.addContainer({ image, name: 'a' });
      ds.addContainer({ image, name: 'b' });
    });
    expect(spec.initContainers).toHaveLength(1);
    expect(spec.containers.map((c: any) => c.name)).toEqual(['a', 'b']);
    expect(linuxOnlyFields(spec)).toEqual([]);
    expect(spec.initContainers[0].securityContext).toEqual({ runAsNonRoot: false });
  });

  test('kplus spread is applied once even though validation builds the pod spec too', () => {
    const chart = Testing.chart();
    new HostProcessDaemonSet(chart, 'agent', { spread: true, containers: [{ image }] });
    const spec = Testing.synth(chart)[0].spec.template.spec;
    const plainChart = Testing.chart();
    new kplus.DaemonSet(plainChart, 'agent', { spread: true, containers: [{ image }] });
    const plain = Testing.synth(plainChart)[0].spec.template.spec;
    expect(spec.affinity).toEqual(plain.affinity);
  });

  test('the JSON is the same as ApiObject.toJson', () => {
    const chart = Testing.chart();
    const ds = new HostProcessDaemonSet(chart, 'agent', { containers: [{ image }] });
    expect(ApiObject.of(ds).toJson()).toEqual(Testing.synth(chart)[0]);
  });
});

describe('revisionHistoryLimit', () => {
  test.each([[undefined, undefined], [0, 0], [5, 5]])('%j writes spec.revisionHistoryLimit %j', (limit, written) => {
    const ds = synth({ revisionHistoryLimit: limit, containers: [{ image }] });
    expect(ds.spec.revisionHistoryLimit).toBe(written);
    expect('revisionHistoryLimit' in ds.spec).toBe(written !== undefined);
  });

  test.each([-1, 1.5])('%j is an error naming the construct and the field', (limit) => {
    expect(() => synth({ revisionHistoryLimit: limit, containers: [{ image }] })).toThrow(
      `[test/agent] spec.revisionHistoryLimit: Invalid value: ${limit}: must be greater than or equal to 0 (give a whole number of old revisions to keep)`);
  });
});

describe('the service account token', () => {
  test('a service account and no choice: the token is mounted (kplus would write false)', () => {
    // Without a service account kplus' false stays: no token of the namespace's default account.
    expect(synth({ containers: [{ image }] }).spec.template.spec.automountServiceAccountToken).toBe(false);

    const chart = Testing.chart();
    const serviceAccount = new kplus.ServiceAccount(chart, 'kube-proxy');
    new HostProcessDaemonSet(chart, 'agent', { serviceAccount, containers: [{ image }] });
    const out = Testing.synth(chart).find((m: any) => m.kind === 'DaemonSet');
    expect(out.spec.template.spec.serviceAccountName).toBe(serviceAccount.name);
    expect(out.spec.template.spec.automountServiceAccountToken).toBe(true);
  });

  test.each([true, false])('automountServiceAccountToken: %j is kept as the user chose', (choice) => {
    const chart = Testing.chart();
    const serviceAccount = new kplus.ServiceAccount(chart, 'kube-proxy');
    new HostProcessDaemonSet(chart, 'agent', { serviceAccount, automountServiceAccountToken: choice, containers: [{ image }] });
    expect(Testing.synth(chart).find((m: any) => m.kind === 'DaemonSet').spec.template.spec.automountServiceAccountToken).toBe(choice);
  });
});

import { Chart, Testing } from 'cdk8s';
import { HostProcessDaemonSet, HostProcessDaemonSetProps, HostProcessPod, WindowsBuild } from 'cdk8s-hostprocess';
import * as kplus from 'cdk8s-plus-27';

const image = 'mcr.microsoft.com/windows/nanoserver:ltsc2022';
const ctr = (securityContext: kplus.ContainerSecurityContextProps): kplus.ContainerProps => ({ image, securityContext });
const P = 'spec.template.spec';
const C = `${P}.containers[0].securityContext`;
const FORBIDDEN = 'Forbidden: cannot be set for a windows pod';

function synthError(props: HostProcessDaemonSetProps): string {
  const chart = new Chart(Testing.app(), 'kube-system');
  new HostProcessDaemonSet(chart, 'agent', props);
  try {
    Testing.synth(chart);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('synth did not fail');
}

describe('what the user set and a HostProcess pod cannot honour fails synth', () => {
  test.each<[string, HostProcessDaemonSetProps, string]>([
    ['hostNetwork: false', { hostNetwork: false, containers: [{ image }] },
      `${P}.hostNetwork: Invalid value: false: hostNetwork must be true if pod contains any hostProcess containers (HostProcess pods always use the host network; remove hostNetwork: false)`],
    ['a Linux node selector', { nodeSelector: { 'kubernetes.io/os': 'linux' }, containers: [{ image }] },
      `${P}.nodeSelector[kubernetes.io/os]: Invalid value: "linux": HostProcess containers run only on Windows nodes`],
    ['a node selector for another build than windowsBuild',
      { windowsBuild: WindowsBuild.LTSC2022, nodeSelector: { 'node.kubernetes.io/windows-build': '10.0.17763' }, containers: [{ image }] },
      `${P}.nodeSelector[node.kubernetes.io/windows-build]: Invalid value: "10.0.17763": the windowsBuild prop selects "10.0.20348"`],
    ['pod user', { securityContext: { user: 1000 }, containers: [{ image }] }, `${P}.securityContext.runAsUser: ${FORBIDDEN} (`],
    ['pod group', { securityContext: { group: 1000 }, containers: [{ image }] }, `${P}.securityContext.runAsGroup: ${FORBIDDEN}`],
    ['pod fsGroup', { securityContext: { fsGroup: 2000 }, containers: [{ image }] }, `${P}.securityContext.fsGroup: ${FORBIDDEN}`],
    ['pod fsGroupChangePolicy', { securityContext: { fsGroupChangePolicy: kplus.FsGroupChangePolicy.ON_ROOT_MISMATCH }, containers: [{ image }] },
      `${P}.securityContext.fsGroupChangePolicy: ${FORBIDDEN}`],
    ['pod sysctls', { securityContext: { sysctls: [{ name: 'net.core.somaxconn', value: '1024' }] }, containers: [{ image }] },
      `${P}.securityContext.sysctls: ${FORBIDDEN}`],
    ['pod ensureNonRoot: true', { securityContext: { ensureNonRoot: true }, containers: [{ image }] },
      `${P}.securityContext.runAsNonRoot: Invalid value: true: HostProcess containers have privileged access to the host, so runAsNonRoot cannot be true`],
    ['privileged: true', { containers: [ctr({ privileged: true })] }, `${C}.privileged: ${FORBIDDEN} (`],
    ['privileged: false', { containers: [ctr({ privileged: false })] }, `${C}.privileged: ${FORBIDDEN}`],
    // kplus.Capability is not in cdk8s-plus-25 (src/plus/line-props.ts): its values, as strings.
    ['capabilities', { containers: [ctr({ capabilities: { drop: ['ALL' as kplus.Capability] } })] }, `${C}.capabilities: ${FORBIDDEN}`],
    ['container user', { containers: [ctr({ user: 1000 })] }, `${C}.runAsUser: ${FORBIDDEN}`],
    ['container group', { containers: [ctr({ group: 1000 })] }, `${C}.runAsGroup: ${FORBIDDEN}`],
    ['container ensureNonRoot: true', { containers: [ctr({ ensureNonRoot: true })] }, `${C}.runAsNonRoot: Invalid value: true:`],
    ['readOnlyRootFilesystem: true', { containers: [ctr({ readOnlyRootFilesystem: true })] }, `${C}.readOnlyRootFilesystem: ${FORBIDDEN}`],
    ['allowPrivilegeEscalation: true', { containers: [ctr({ allowPrivilegeEscalation: true })] }, `${C}.allowPrivilegeEscalation: ${FORBIDDEN}`],
    ['an init container', { containers: [{ image }], initContainers: [ctr({ privileged: true })] },
      `${P}.initContainers[0].securityContext.privileged: ${FORBIDDEN}`],
  ])('%s', (_name, props, message) => {
    const error = synthError(props);
    expect(error).toContain('[kube-system/agent] ');
    expect(error).toContain(message);
  });

  test.each<[string, kplus.ContainerSecurityContextProps]>([
    ['readOnlyRootFilesystem: false', { readOnlyRootFilesystem: false }],
    ['allowPrivilegeEscalation: false', { allowPrivilegeEscalation: false }],
    ['ensureNonRoot: false', { ensureNonRoot: false }],
  ])('%s is accepted (it is what a HostProcess container does anyway)', (_name, securityContext) => {
    const chart = Testing.chart();
    new HostProcessDaemonSet(chart, 'agent', { containers: [ctr(securityContext)] });
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test('every problem is reported at once', () => {
    const error = synthError({
      hostNetwork: false,
      securityContext: { fsGroup: 1 },
      containers: [ctr({ privileged: true, capabilities: { add: ['NET_ADMIN' as kplus.Capability] } })],
    });
    expect(error.split('\n').filter(l => l.includes('[kube-system/agent]'))).toHaveLength(4);
  });

  test('a HostProcessPod names spec fields and its own path', () => {
    const chart = new Chart(Testing.app(), 'debug');
    new HostProcessPod(chart, 'shell', { hostNetwork: false, containers: [ctr({ privileged: true })] });
    expect(() => Testing.synth(chart)).toThrow(/\[debug\/shell\] spec\.hostNetwork: Invalid value: false/);
    expect(() => Testing.synth(chart)).toThrow(/\[debug\/shell\] spec\.containers\[0\]\.securityContext\.privileged: Forbidden/);
  });

  test('an attached kplus.Container is checked by the values that differ from kplus defaults', () => {
    const chart = Testing.chart();
    const ds = new HostProcessDaemonSet(chart, 'agent');
    ds.attachContainer(new kplus.Container({ image, securityContext: { privileged: true, user: 5 } }));
    expect(() => Testing.synth(chart)).toThrow(/containers\[0\]\.securityContext\.privileged: Forbidden/);
    expect(() => Testing.synth(chart)).toThrow(/containers\[0\]\.securityContext\.runAsUser: Forbidden/);
  });
});

describe('with podOs: false the refusal says why, since the API server would accept the field', () => {
  test.each<[string, HostProcessDaemonSetProps, string]>([
    ['privileged on a container', { podOs: false, containers: [ctr({ privileged: true })] },
      `${C}.privileged: Forbidden: cannot be set on a HostProcess pod: the API server rejects it for a windows pod and accepts it here only ` +
      'because podOs: false leaves spec.os out; a Windows kubelet passes only runAsUserName, gmsaCredentialSpec and hostProcess of a ' +
      'container\'s securityContext to the container runtime (HostProcess containers always run on the host with the rights of their ' +
      'Windows account; remove securityContext.privileged)'],
    ['fsGroup on the pod', { podOs: false, securityContext: { fsGroup: 2000 }, containers: [{ image }] },
      `${P}.securityContext.fsGroup: Forbidden: cannot be set on a HostProcess pod: the API server rejects it for a windows pod and accepts ` +
      'it here only because podOs: false leaves spec.os out (Windows volumes have no fsGroup;'],
  ])('%s', (_name, props, message) => {
    const error = synthError(props);
    expect(error).toContain(message);
    expect(error).not.toContain(FORBIDDEN);
  });
});

import { Testing } from 'cdk8s';
import { HostProcessDaemonSet, HostProcessPod, HostProcessUser, TerminationMessagePolicy } from 'cdk8s-hostprocess';
import * as kplus from 'cdk8s-plus-27';

const image = 'mcr.microsoft.com/oss/kubernetes/windows-host-process-containers-base-image:v1.0.0';
const ANNOTATION = 'microsoft.com/hostprocess-inherit-user';

describe('inheritUser', () => {
  test.each([
    [undefined, undefined],
    [false, undefined],
    [true, 'true'],
  ])('DaemonSet inheritUser: %j puts %j on the pod template', (inheritUser, value) => {
    const chart = Testing.chart();
    new HostProcessDaemonSet(chart, 'agent', { inheritUser, containers: [{ image }] });
    const ds = Testing.synth(chart)[0];
    expect(ds.spec.template.metadata.annotations?.[ANNOTATION]).toBe(value);
    // Not on the DaemonSet itself: hcsshim reads the pod's annotations.
    expect(ds.metadata.annotations?.[ANNOTATION]).toBeUndefined();
    // The HostProcess documentation still requires a runAsUserName.
    expect(ds.spec.template.spec.securityContext.windowsOptions.runAsUserName).toBe('NT AUTHORITY\\SYSTEM');
  });

  test('keeps the user\'s own pod annotations', () => {
    const chart = Testing.chart();
    new HostProcessDaemonSet(chart, 'agent', {
      inheritUser: true,
      user: HostProcessUser.LOCAL_SERVICE,
      podMetadata: { annotations: { 'checksum/config': 'abc' } },
      containers: [{ image }],
    });
    expect(Testing.synth(chart)[0].spec.template.metadata.annotations).toEqual({
      'checksum/config': 'abc',
      [ANNOTATION]: 'true',
    });
  });

  test('Pod: on the pod\'s own metadata', () => {
    const chart = Testing.chart();
    new HostProcessPod(chart, 'shell', { inheritUser: true, containers: [{ image }] });
    expect(Testing.synth(chart)[0].metadata.annotations).toEqual({ [ANNOTATION]: 'true' });
  });
});

describe('configureTerminationMessage', () => {
  test('writes terminationMessagePolicy and terminationMessagePath on that container only', () => {
    const chart = Testing.chart();
    const ds = new HostProcessDaemonSet(chart, 'csi', {
      containers: [{ name: 'node', image }, { name: 'registrar', image }],
      initContainers: [{ name: 'init', image }],
    });
    ds.hostProcess.configureTerminationMessage(ds.containers[0], { policy: TerminationMessagePolicy.FALLBACK_TO_LOGS_ON_ERROR });
    ds.hostProcess.configureTerminationMessage(ds.initContainers[0], { policy: TerminationMessagePolicy.FILE, path: 'C:\\logs\\termination' });
    const spec = Testing.synth(chart)[0].spec.template.spec;
    expect(spec.containers[0].terminationMessagePolicy).toBe('FallbackToLogsOnError');
    expect(spec.containers[0]).not.toHaveProperty('terminationMessagePath');
    expect(spec.containers[1]).not.toHaveProperty('terminationMessagePolicy');
    expect(spec.initContainers[0]).toMatchObject({ terminationMessagePolicy: 'File', terminationMessagePath: 'C:\\logs\\termination' });
  });

  test.each<[string, (ds: HostProcessDaemonSet, other: kplus.Container) => void, string]>([
    ['a container of another workload', (ds, other) => ds.hostProcess.configureTerminationMessage(other, { policy: TerminationMessagePolicy.FILE }),
      '[test/csi] configureTerminationMessage: container "other" is not a container of this workload (pass one of workload.containers or workload.initContainers)'],
    ['no option', (ds) => ds.hostProcess.configureTerminationMessage(ds.containers[0], {}),
      '[test/csi] configureTerminationMessage: give a policy, a path or both'],
    ['an empty path', (ds) => ds.hostProcess.configureTerminationMessage(ds.containers[0], { path: ' ' }),
      '[test/csi] configureTerminationMessage: path: Invalid value: "": give the file the container writes its termination message to'],
  ])('%s is an error', (_name, call, message) => {
    const chart = Testing.chart();
    const ds = new HostProcessDaemonSet(chart, 'csi', { containers: [{ name: 'node', image }] });
    const other = new HostProcessDaemonSet(chart, 'other', { containers: [{ name: 'other', image }] });
    expect(() => call(ds, other.containers[0])).toThrow(message);
  });
});

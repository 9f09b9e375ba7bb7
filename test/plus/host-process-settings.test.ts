import { Testing } from 'cdk8s';
import { HostProcessDaemonSet, HostProcessPod, HostProcessUser } from 'cdk8s-hostprocess';

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

import { Testing } from 'cdk8s';
import { HostProcessPod, HostProcessUser } from 'cdk8s-hostprocess';
import * as kplus from 'cdk8s-plus-27';
import { linuxOnlyFields } from '../util/subset';

const image = 'mcr.microsoft.com/windows/nanoserver:ltsc2022';

describe('HostProcessPod', () => {
  test('an init container and two containers, one added after construction, agree on hostProcess', () => {
    const chart = Testing.chart();
    const pod = new HostProcessPod(chart, 'shell', {
      user: HostProcessUser.LOCAL_SERVICE,
      initContainers: [{ name: 'prepare', image, command: ['cmd.exe', '/c', 'echo ready'] }],
      containers: [{ name: 'first', image, command: ['ping', '-t', '127.0.0.1'] }],
    });
    pod.addContainer({ name: 'second', image, command: ['ping', '-t', '127.0.0.1'] });
    const manifest = Testing.synth(chart)[0];
    expect(manifest.kind).toBe('Pod');
    const spec = manifest.spec;
    expect(spec.securityContext.windowsOptions).toEqual({ hostProcess: true, runAsUserName: 'NT AUTHORITY\\Local service' });
    expect(spec.hostNetwork).toBe(true);
    expect(spec.os).toEqual({ name: 'windows' });
    expect(spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'windows' });
    expect(spec.initContainers.map((c: any) => c.name)).toEqual(['prepare']);
    expect(spec.containers.map((c: any) => c.name)).toEqual(['first', 'second']);
    // No container overrides the pod-level hostProcess, so all three are HostProcess containers.
    for (const c of [...spec.initContainers, ...spec.containers]) {
      expect(c.securityContext?.windowsOptions?.hostProcess ?? true).toBe(true);
    }
    expect(linuxOnlyFields(spec)).toEqual([]);
  });

  test('the getters and addNodeSelector', () => {
    const chart = Testing.chart();
    const pod = new HostProcessPod(chart, 'shell', { priorityClassName: 'p', containers: [{ image }] });
    pod.hostProcess.addNodeSelector('kubernetes.io/hostname', 'win-node-1');
    expect(pod.hostProcess.user).toBe(HostProcessUser.SYSTEM);
    expect(pod.hostProcess.windowsBuild).toBeUndefined();
    expect(pod.hostProcess.priorityClassName).toBe('p');
    expect(Testing.synth(chart)[0].spec.nodeSelector).toEqual({
      'kubernetes.io/os': 'windows', 'kubernetes.io/hostname': 'win-node-1',
    });
  });

  test('kplus scheduling still writes nodeName and tolerations', () => {
    const chart = Testing.chart();
    const pod = new HostProcessPod(chart, 'shell', { containers: [{ image }] });
    pod.scheduling.assign(kplus.Node.named('win-node-1'));
    const spec = Testing.synth(chart)[0].spec;
    expect(spec.nodeName).toBe('win-node-1');
    expect(spec.hostNetwork).toBe(true);
  });
});

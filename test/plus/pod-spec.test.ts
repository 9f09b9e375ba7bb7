// hostProcessPodSpec, the one transformation of a kplus pod spec: a copy that leaves its input as
// it was, with the input's keys in their order and the keys it adds after them (what an object
// spread gave, which it no longer uses: docs/performance.md, "Where synth's time goes").
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { HostProcessSpecOptions, hostProcessPodSpec } from '../../src/plus/pod-spec';

type PodSpec = kplus.k8s.PodSpec;

function kplusPodSpec(): PodSpec {
  const chart = new Chart(Testing.app(), 'test');
  const ds = new kplus.DaemonSet(chart, 'agent', {
    containers: [{ name: 'main', image: 'agent:1', portNumber: 9100 }],
    initContainers: [{ name: 'prepare', image: 'agent:1', command: ['cmd', '/c', 'exit 0'] }],
  });
  // kplus' own pod spec, as HostProcessDaemonSet gets it from `super._toPodSpec()`.
  return (ds as unknown as { _toPodSpec(): PodSpec })._toPodSpec();
}

const OPTIONS: HostProcessSpecOptions = {
  runAsUserName: 'NT AUTHORITY\\SYSTEM',
  nodeSelector: { 'example.com/pool': 'agents' },
  podOs: true,
  containerWindowsOptions: true,
  pod: { dnsPolicySet: false },
  containers: [{ resourcesSet: false }],
  initContainers: [{ resourcesSet: true, terminationMessagePolicy: 'FallbackToLogsOnError' }],
};

/** `keys` after `before`, in order, with the ones `before` lacks at the end in `added`'s order. */
function spreadOrder(before: object, added: string[]): string[] {
  const keys = Object.keys(before);
  return [...keys, ...added.filter(k => !keys.includes(k))];
}

describe('hostProcessPodSpec', () => {
  test('leaves the pod spec it is given as it was, its containers too', () => {
    const spec = kplusPodSpec();
    const before = JSON.stringify(spec);
    const keys = Object.keys(spec);
    const containerKeys = spec.containers.map(c => Object.keys(c));
    const out = hostProcessPodSpec(spec, OPTIONS);
    expect(JSON.stringify(spec)).toBe(before);
    expect(Object.keys(spec)).toEqual(keys);
    expect(spec.containers.map(c => Object.keys(c))).toEqual(containerKeys);
    expect(out).not.toBe(spec);
    expect(out.containers[0]).not.toBe(spec.containers[0]);
    expect(out.initContainers![0]).not.toBe(spec.initContainers![0]);
  });

  test('keeps the input keys in their order and adds its own after them, as an object spread would', () => {
    const spec = kplusPodSpec();
    const out = hostProcessPodSpec(spec, OPTIONS);
    expect(Object.keys(out)).toEqual(spreadOrder(spec, [
      'os', 'nodeSelector', 'priorityClassName', 'hostNetwork', 'automountServiceAccountToken',
      'shareProcessNamespace', 'dnsPolicy', 'securityContext', 'initContainers', 'containers',
    ]));
    const containerAdded = ['securityContext', 'resources', 'terminationMessagePolicy', 'terminationMessagePath'];
    expect(Object.keys(out.containers[0])).toEqual(spreadOrder(spec.containers[0], containerAdded));
    expect(Object.keys(out.initContainers![0])).toEqual(spreadOrder(spec.initContainers![0], containerAdded));
  });

  test('the copy carries every field of the input it does not set, and the HostProcess fields', () => {
    const spec = kplusPodSpec();
    const out = hostProcessPodSpec(spec, OPTIONS);
    expect(out.containers[0].ports).toBe(spec.containers[0].ports);
    expect(out.containers[0].image).toBe('agent:1');
    expect(out.initContainers![0].command).toEqual(['cmd', '/c', 'exit 0']);
    expect(out.initContainers![0].terminationMessagePolicy).toBe('FallbackToLogsOnError');
    expect(out.hostNetwork).toBe(true);
    expect(out.securityContext).toEqual({ runAsNonRoot: undefined, windowsOptions: { hostProcess: true, runAsUserName: 'NT AUTHORITY\\SYSTEM' } });
    expect(out.containers[0].securityContext?.windowsOptions).toEqual({ hostProcess: true, runAsUserName: 'NT AUTHORITY\\SYSTEM' });
    expect(out.nodeSelector).toEqual({ 'kubernetes.io/os': 'windows', 'example.com/pool': 'agents' });
    expect(out.os).toEqual({ name: 'windows' });
  });
});

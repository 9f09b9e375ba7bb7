import { Testing } from 'cdk8s';
import { HostProcessDaemonSet, HostProcessPod, HostProcessTolerations } from 'cdk8s-hostprocess';
import * as kplus from 'cdk8s-plus-27';

const image = 'mcr.microsoft.com/oss/kubernetes/windows-host-process-containers-base-image:v1.0.0';

function tolerations(...queries: kplus.NodeTaintQuery[]): unknown {
  const chart = Testing.chart();
  const ds = new HostProcessDaemonSet(chart, 'agent', { containers: [{ image }] });
  ds.scheduling.tolerate(kplus.Node.tainted(...queries));
  return Testing.synth(chart).find((m: any) => m.kind === 'DaemonSet').spec.template.spec.tolerations;
}

describe('HostProcessTolerations', () => {
  test.each([
    ['all', HostProcessTolerations.all(), { operator: 'Exists' }],
    ['criticalAddonsOnly', HostProcessTolerations.criticalAddonsOnly(), { key: 'CriticalAddonsOnly', operator: 'Exists' }],
    ['noSchedule', HostProcessTolerations.noSchedule(), { operator: 'Exists', effect: 'NoSchedule' }],
    ['noExecute', HostProcessTolerations.noExecute(), { operator: 'Exists', effect: 'NoExecute' }],
    ['windowsOsTaint', HostProcessTolerations.windowsOsTaint(),
      { key: 'node.kubernetes.io/os', operator: 'Equal', value: 'windows', effect: 'NoSchedule' }],
  ])('%s', (_name, query, toleration) => {
    // toStrictEqual: no key, value or effect besides the ones shown.
    expect(tolerations(query)).toStrictEqual([toleration]);
  });

  test('several at once, in order (the calico kube-proxy tolerations)', () => {
    expect(tolerations(HostProcessTolerations.criticalAddonsOnly(), HostProcessTolerations.all())).toStrictEqual([
      { key: 'CriticalAddonsOnly', operator: 'Exists' },
      { operator: 'Exists' },
    ]);
  });

  test('on a pod', () => {
    const chart = Testing.chart();
    const pod = new HostProcessPod(chart, 'shell', { containers: [{ image }] });
    pod.scheduling.tolerate(kplus.Node.tainted(HostProcessTolerations.windowsOsTaint()));
    expect(Testing.synth(chart)[0].spec.tolerations).toStrictEqual([
      { key: 'node.kubernetes.io/os', operator: 'Equal', value: 'windows', effect: 'NoSchedule' },
    ]);
  });
});

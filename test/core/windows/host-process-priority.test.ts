import { Testing } from 'cdk8s';
import { HostProcessDaemonSet, HostProcessPriority } from 'cdk8s-hostprocess';

test.each([
  [HostProcessPriority.SYSTEM_NODE_CRITICAL, 'system-node-critical'],
  [HostProcessPriority.SYSTEM_CLUSTER_CRITICAL, 'system-cluster-critical'],
])('%s is written as priorityClassName', (priorityClassName, expected) => {
  const chart = Testing.chart();
  new HostProcessDaemonSet(chart, 'agent', {
    priorityClassName,
    containers: [{ image: 'mcr.microsoft.com/oss/kubernetes/windows-host-process-containers-base-image:v1.0.0' }],
  });
  expect(Testing.synth(chart)[0].spec.template.spec.priorityClassName).toBe(expected);
});

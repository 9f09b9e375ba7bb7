// The AKS "Use Windows HostProcess containers" example (hostprocess.yaml), written with the library.
import { Chart, ChartProps, Duration } from 'cdk8s';
import { HostProcessDaemonSet, HostProcessUser } from 'cdk8s-hostprocess';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';

export class PrivilegedDaemonSetChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: 'kube-system', ...props });

    const labels = { app: 'privileged-daemonset' };
    const agent = new HostProcessDaemonSet(this, 'privileged-daemonset', {
      metadata: { name: 'privileged-daemonset', labels },
      podMetadata: { labels },
      select: false,
      user: HostProcessUser.SYSTEM,
      terminationGracePeriod: Duration.seconds(0),
      containers: [{
        name: 'powershell',
        image: 'mcr.microsoft.com/powershell:lts-nanoserver-1809', // or lts-nanoserver-ltsc2022
        command: ['powershell.exe', '-Command', 'Start-Sleep -Seconds 2147483'],
      }],
    });
    agent.select(kplus.LabelSelector.of({ labels }));
  }
}

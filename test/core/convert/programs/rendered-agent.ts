// Written by `cdk8s-hostprocess convert`.
import { App, Chart, Duration } from 'cdk8s';
import { HostProcessDaemonSet, HostProcessUser, PowerShell } from 'cdk8s-hostprocess';
import * as kplus from 'cdk8s-plus-27';

const app = new App();
const chart = new Chart(app, 'manifests');

// spec.template.spec.hostNetwork: left out: the API server rejects hostNetwork: false when a pod has a HostProcess container (`hostNetwork must be true if pod contains any hostProcess containers`, validateWindowsHostProcessPod in validation.go@v1.35.4); the library writes true
const privilegedDaemonset = new HostProcessDaemonSet(chart, 'privileged-daemonset', {
  metadata: {
    name: 'privileged-daemonset',
    namespace: 'kube-system',
    labels: { app: 'privileged-daemonset' },
  },
  podMetadata: { labels: { app: 'privileged-daemonset' } },
  select: false,
  user: HostProcessUser.SYSTEM,
  automountServiceAccountToken: true,
  terminationGracePeriod: Duration.seconds(0),
  containers: [
    {
      name: 'powershell',
      image: 'mcr.microsoft.com/powershell:lts-nanoserver-1809',
      command: PowerShell.command('Start-Sleep -Seconds 2147483', { unattended: false }),
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      resources: {},
    },
  ],
});
privilegedDaemonset.select(kplus.LabelSelector.of({ labels: { app: 'privileged-daemonset' } }));

app.synth();

// Written by `cdk8s-hostprocess convert`.
import { App, Chart } from 'cdk8s';
import { HostProcessDaemonSet, HostProcessUser } from 'cdk8s-hostprocess';
import * as kplus from 'cdk8s-plus-27';

const app = new App();
const chart = new Chart(app, 'manifests');

const csiProxy = new HostProcessDaemonSet(chart, 'csi-proxy', {
  metadata: { name: 'csi-proxy', namespace: 'kube-system' },
  podMetadata: { labels: { name: 'csi-proxy' } },
  select: false,
  user: HostProcessUser.SYSTEM,
  automountServiceAccountToken: true,
  containers: [
    {
      name: 'csi-proxy',
      image: 'ghcr.io/kubernetes-sigs/sig-windows/csi-proxy:v1.1.2',
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      resources: {},
    },
  ],
});
csiProxy.select(kplus.LabelSelector.of({ labels: { name: 'csi-proxy' } }));

app.synth();

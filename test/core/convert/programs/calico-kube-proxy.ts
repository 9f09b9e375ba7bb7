// Written by `cdk8s-hostprocess convert`.
import { App, Chart } from 'cdk8s';
import { DaemonSetUpdateStrategy, HostProcessDaemonSet, HostProcessTolerations, HostProcessUser } from 'cdk8s-hostprocess';
import * as kplus from 'cdk8s-plus-27';

const app = new App();
const chart = new Chart(app, 'manifests');

const kubeProxy = kplus.ServiceAccount.fromServiceAccountName(chart, 'kube-proxy-service-account', 'kube-proxy');
const kubeProxyConfigMap = kplus.ConfigMap.fromConfigMapName(chart, 'kube-proxy-config-map', 'kube-proxy');
const kubeProxyVolume = kplus.Volume.fromConfigMap(chart, 'kube-proxy-volume', kubeProxyConfigMap, { name: 'kube-proxy' });
const kubeProxyWindows = new HostProcessDaemonSet(chart, 'kube-proxy-windows', {
  metadata: { name: 'kube-proxy-windows', namespace: 'kube-system', labels: { 'k8s-app': 'kube-proxy' } },
  podMetadata: { labels: { 'k8s-app': 'kube-proxy-windows' } },
  select: false,
  updateStrategy: DaemonSetUpdateStrategy.rollingUpdate(),
  user: HostProcessUser.of('NT AUTHORITY\\system'),
  serviceAccount: kubeProxy,
  volumes: [kubeProxyVolume],
  containers: [
    {
      name: 'kube-proxy',
      image: 'sigwindowstools/kube-proxy:KUBE_PROXY_VERSION-calico-hostprocess',
      workingDir: '$env:CONTAINER_SANDBOX_MOUNT_POINT/kube-proxy/',
      args: ['$env:CONTAINER_SANDBOX_MOUNT_POINT/kube-proxy/start.ps1'],
      imagePullPolicy: kplus.ImagePullPolicy.ALWAYS,
      envVariables: {
        NODENAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME, { apiVersion: 'v1' }),
        POD_IP: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_IP),
      },
      resources: {},
      volumeMounts: [{ path: '/var/lib/kube-proxy', volume: kubeProxyVolume }],
    },
  ],
});
kubeProxyWindows.select(kplus.LabelSelector.of({ labels: { 'k8s-app': 'kube-proxy-windows' } }));
kubeProxyWindows.scheduling.tolerate(kplus.Node.tainted(HostProcessTolerations.criticalAddonsOnly(), HostProcessTolerations.all()));

app.synth();

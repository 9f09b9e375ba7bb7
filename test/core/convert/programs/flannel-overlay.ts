// Written by `cdk8s-hostprocess convert`.
import { ApiObject, App, Chart } from 'cdk8s';
import { HostProcessDaemonSet, HostProcessTolerations, HostProcessUser } from 'cdk8s-hostprocess';
import * as kplus from 'cdk8s-plus-27';

const app = new App();
const chart = new Chart(app, 'manifests');

new ApiObject(chart, 'configmap-kube-flannel-windows-cfg', {
  kind: 'ConfigMap',
  apiVersion: 'v1',
  metadata: {
    name: 'kube-flannel-windows-cfg',
    namespace: 'kube-system',
    labels: { tier: 'node', app: 'flannel' },
  },
  data: {
    'cni-conf-containerd.json': '{\n  "name": "flannel.4096",\n  "cniVersion": "0.2.0",\n  "type": "flannel",\n  "capabilities": {\n    "portMappings": true,\n    "dns": true\n  },\n  "delegate": {\n    "type": "sdnoverlay",\n    "AdditionalArgs": [\n      {\n        "Name": "EndpointPolicy",\n        "Value": {\n          "Type": "OutBoundNAT",\n          "Settings" : {\n            "Exceptions": []\n          }\n        }\n      },\n      {\n        "Name": "EndpointPolicy",\n        "Value": {\n          "Type": "SDNROUTE",\n          "Settings": {\n            "DestinationPrefix": "",\n            "NeedEncap": true\n          }\n        }\n      },\n      {\n        "Name":"EndpointPolicy",\n        "Value":{\n          "Type":"ProviderAddress",\n            "Settings":{\n                "ProviderAddress":""\n          }\n        }\n      }\n    ]\n  }\n}\n',
  },
});

const flannel = kplus.ServiceAccount.fromServiceAccountName(chart, 'flannel-service-account', 'flannel');
const kubeProxy = kplus.ConfigMap.fromConfigMapName(chart, 'kube-proxy-config-map', 'kube-proxy');
const kubeProxyVolume = kplus.Volume.fromConfigMap(chart, 'kube-proxy-volume', kubeProxy, { name: 'kube-proxy' });
const kubeFlannelCfg = kplus.ConfigMap.fromConfigMapName(chart, 'kube-flannel-cfg-config-map', 'kube-flannel-cfg');
const flannelCfg = kplus.Volume.fromConfigMap(chart, 'flannel-cfg-volume', kubeFlannelCfg, { name: 'flannel-cfg' });
const kubeFlannelWindowsCfg = kplus.ConfigMap.fromConfigMapName(
  chart,
  'kube-flannel-windows-cfg-config-map',
  'kube-flannel-windows-cfg',
);
const flannelWindowsCfg = kplus.Volume.fromConfigMap(chart, 'flannel-windows-cfg-volume', kubeFlannelWindowsCfg, {
  name: 'flannel-windows-cfg',
});
const kubeadmConfig = kplus.ConfigMap.fromConfigMapName(chart, 'kubeadm-config-config-map', 'kubeadm-config');
const kubeadmConfigVolume = kplus.Volume.fromConfigMap(chart, 'kubeadm-config-volume', kubeadmConfig, {
  name: 'kubeadm-config',
});
const kubeFlannelDsWindowsAmd64 = new HostProcessDaemonSet(chart, 'kube-flannel-ds-windows-amd64', {
  metadata: {
    name: 'kube-flannel-ds-windows-amd64',
    namespace: 'kube-system',
    labels: { tier: 'node', app: 'flannel' },
  },
  podMetadata: { labels: { tier: 'node', app: 'flannel' } },
  select: false,
  user: HostProcessUser.of('NT AUTHORITY\\system'),
  serviceAccount: flannel,
  volumes: [kubeProxyVolume, flannelCfg, flannelWindowsCfg, kubeadmConfigVolume],
  containers: [
    {
      name: 'kube-flannel',
      image: 'sigwindowstools/flannel:FLANNEL_VERSION-hostprocess',
      imagePullPolicy: kplus.ImagePullPolicy.ALWAYS,
      envVariables: {
        POD_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_NAME, { apiVersion: 'v1' }),
        POD_NAMESPACE: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_NAMESPACE, { apiVersion: 'v1' }),
      },
      resources: {},
      volumeMounts: [
        { path: '/etc/kube-flannel/', volume: flannelCfg },
        { path: '/etc/kube-flannel-windows/', volume: flannelWindowsCfg },
        { path: '/etc/kubeadm-config/', volume: kubeadmConfigVolume },
        { path: '/flannel-config-file', volume: kubeProxyVolume },
      ],
    },
  ],
});
kubeFlannelDsWindowsAmd64.select(kplus.LabelSelector.of({ labels: { app: 'flannel' } }));
kubeFlannelDsWindowsAmd64.scheduling.tolerate(kplus.Node.tainted(
  HostProcessTolerations.noSchedule(),
  HostProcessTolerations.criticalAddonsOnly(),
  HostProcessTolerations.noExecute(),
));
kubeFlannelDsWindowsAmd64.scheduling.attract(kplus.Node.labeled(
  kplus.NodeLabelQuery.in('kubernetes.io/os', ['windows']),
  kplus.NodeLabelQuery.in('kubernetes.io/arch', ['amd64']),
));

app.synth();

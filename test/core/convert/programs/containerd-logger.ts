// Written by `cdk8s-hostprocess convert`.
import { ApiObject, App, Chart } from 'cdk8s';
import { DaemonSetUpdateStrategy, HostProcessDaemonSet, HostProcessTolerations, HostProcessUser } from 'cdk8s-hostprocess';
import * as kplus from 'cdk8s-plus-27';

const app = new App();
const chart = new Chart(app, 'manifests');

const containerdLoggerConfig = kplus.ConfigMap.fromConfigMapName(
  chart,
  'containerd-logger-config-config-map',
  'containerd-logger-config',
);
const containerdLoggerConfigVolume = kplus.Volume.fromConfigMap(chart, 'containerd-logger-config-volume', containerdLoggerConfig, {
  name: 'containerd-logger-config',
});
const containerdLogger = new HostProcessDaemonSet(chart, 'containerd-logger', {
  metadata: {
    name: 'containerd-logger',
    namespace: 'kube-system',
    labels: { 'k8s-app': 'containerd-logger' },
  },
  podMetadata: { labels: { 'k8s-app': 'containerd-logger' } },
  select: false,
  updateStrategy: DaemonSetUpdateStrategy.rollingUpdate(),
  user: HostProcessUser.of('NT AUTHORITY\\system'),
  automountServiceAccountToken: true,
  volumes: [containerdLoggerConfigVolume],
  containers: [
    {
      name: 'containerd-logger',
      image: 'jsturtevant/containerd-logger:latest',
      args: ['config.json'],
      imagePullPolicy: kplus.ImagePullPolicy.ALWAYS,
      resources: {},
      volumeMounts: [{ path: '/config.json', volume: containerdLoggerConfigVolume, subPath: 'config.json' }],
    },
  ],
});
containerdLogger.select(kplus.LabelSelector.of({ labels: { 'k8s-app': 'containerd-logger' } }));
containerdLogger.scheduling.tolerate(kplus.Node.tainted(HostProcessTolerations.criticalAddonsOnly(), HostProcessTolerations.all()));

new ApiObject(chart, 'configmap-containerd-logger-config', {
  kind: 'ConfigMap',
  apiVersion: 'v1',
  metadata: { name: 'containerd-logger-config', namespace: 'kube-system' },
  data: {
    'config.json': '{\n  "inputs": [\n    {\n      "type": "ETW",\n      "sessionNamePrefix": "containerd",\n      "cleanupOldSessions": true,\n      "reuseExistingSession": true,\n      "providers": [\n        {\n          "providerName": "Microsoft.Virtualization.RunHCS",\n          "providerGuid": "0B52781F-B24D-5685-DDF6-69830ED40EC3",\n          "level": "Verbose"\n        },\n        {\n          "providerName": "ContainerD",\n          "providerGuid": "2acb92c0-eb9b-571a-69cf-8f3410f383ad",\n          "level": "Verbose"\n        }\n      ]\n    }\n  ],\n  "outputs": [\n    {\n      "type": "StdOutput"\n    }\n  ],\n  "schemaVersion": "2016-08-11"\n}\n',
  },
});

app.synth();

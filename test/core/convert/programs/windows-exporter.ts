// Written by `cdk8s-hostprocess convert`.
import { ApiObject, App, Chart } from 'cdk8s';
import { HostProcessDaemonSet, HostProcessUser } from 'cdk8s-hostprocess';
import * as kplus from 'cdk8s-plus-27';

const app = new App();
const chart = new Chart(app, 'manifests');

new ApiObject(chart, 'namespace-monitoring', {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'monitoring', labels: { name: 'monitoring' } },
});

const windowsExporterConfig = kplus.ConfigMap.fromConfigMapName(
  chart,
  'windows-exporter-config-config-map',
  'windows-exporter-config',
);
const windowsExporterConfigVolume = kplus.Volume.fromConfigMap(chart, 'windows-exporter-config-volume', windowsExporterConfig, {
  name: 'windows-exporter-config',
});
const windowsExporter = new HostProcessDaemonSet(chart, 'windows-exporter', {
  metadata: { name: 'windows-exporter', namespace: 'monitoring', labels: { app: 'windows-exporter' } },
  podMetadata: { labels: { app: 'windows-exporter' } },
  select: false,
  user: HostProcessUser.of('NT AUTHORITY\\system'),
  automountServiceAccountToken: true,
  volumes: [windowsExporterConfigVolume],
  containers: [
    {
      name: 'windows-exporter',
      image: 'ghcr.io/prometheus-community/windows-exporter:latest',
      args: ['--config.file=%CONTAINER_SANDBOX_MOUNT_POINT%/config.yml'],
      imagePullPolicy: kplus.ImagePullPolicy.ALWAYS,
      ports: [{ number: 9182, name: 'http', hostPort: 9182 }],
      resources: {},
      volumeMounts: [{ path: '/config.yml', volume: windowsExporterConfigVolume, subPath: 'config.yml' }],
    },
  ],
  initContainers: [
    {
      name: 'configure-firewall',
      image: 'mcr.microsoft.com/powershell:lts-nanoserver-1809',
      command: ['powershell'],
      args: [
        'New-NetFirewallRule',
        '-DisplayName',
        "'windows-exporter'",
        '-Direction',
        'inbound',
        '-Profile',
        'Any',
        '-Action',
        'Allow',
        '-LocalPort',
        '9182',
        '-Protocol',
        'TCP',
      ],
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      resources: {},
    },
  ],
});
windowsExporter.select(kplus.LabelSelector.of({ labels: { app: 'windows-exporter' } }));

new ApiObject(chart, 'configmap-windows-exporter-config', {
  kind: 'ConfigMap',
  apiVersion: 'v1',
  metadata: { name: 'windows-exporter-config', namespace: 'monitoring', labels: { app: 'windows-exporter' } },
  data: {
    'config.yml': 'collectors:\n  enabled: \'[defaults],container\'\ncollector:\n  service:\n    include: "containerd|kubelet"\n',
  },
});

app.synth();

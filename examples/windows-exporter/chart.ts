// prometheus-community windows_exporter's DaemonSet (kubernetes/windows-exporter-daemonset.yaml),
// with its namespace and config map, written with the library.
import { Chart, ChartProps } from 'cdk8s';
import { HostProcessDaemonSet, HostProcessNamespace, HostProcessUser, PowerShell, SandboxPath } from 'cdk8s-hostprocess';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';

/** The exporter's port, on the node: HostProcess pods use the host network. */
const PORT = 9182;

export class WindowsExporterChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);

    // A privileged Pod Security level: the exporter's pods are HostProcess pods. (Not a chart
    // namespace, which cdk8s would also write into the Namespace object itself.)
    const namespace = new HostProcessNamespace(this, 'namespace', {
      metadata: { name: 'monitoring', labels: { name: 'monitoring' } },
    }).name;

    const labels = { app: 'windows-exporter' };
    const configMap = new kplus.ConfigMap(this, 'config', {
      metadata: { name: 'windows-exporter-config', namespace, labels },
      data: {
        'config.yml': [
          'collectors:',
          '  enabled: \'[defaults],container\'',
          'collector:',
          '  service:',
          '    include: "containerd|kubelet"',
          '',
        ].join('\n'),
      },
    });
    const config = kplus.Volume.fromConfigMap(this, 'config-volume', configMap, { name: 'windows-exporter-config' });

    const exporter = new HostProcessDaemonSet(this, 'windows-exporter', {
      metadata: { name: 'windows-exporter', namespace, labels },
      podMetadata: { labels },
      select: false,
      user: HostProcessUser.SYSTEM,
      initContainers: [{
        // Opens the port in the node's firewall. Nothing removes the rule when the exporter goes.
        name: 'configure-firewall',
        image: 'mcr.microsoft.com/powershell:lts-nanoserver-1809',
        command: ['powershell'],
        args: ['New-NetFirewallRule', '-DisplayName', PowerShell.quote('windows-exporter'), '-Direction', 'inbound',
          '-Profile', 'Any', '-Action', 'Allow', '-LocalPort', `${PORT}`, '-Protocol', 'TCP'],
      }],
      containers: [{
        name: 'windows-exporter',
        image: 'ghcr.io/prometheus-community/windows-exporter:latest',
        imagePullPolicy: kplus.ImagePullPolicy.ALWAYS,
        // The config map's file is mounted at /config.yml, which containerd 1.6 places in the sandbox.
        args: [`--config.file=${SandboxPath.of('config.yml').cmd}`],
        // On the host network hostPort must equal containerPort.
        ports: [{ number: PORT, hostPort: PORT, name: 'http' }],
        volumeMounts: [{ path: '/config.yml', subPath: 'config.yml', volume: config }],
      }],
    });
    exporter.select(kplus.LabelSelector.of({ labels }));
  }
}

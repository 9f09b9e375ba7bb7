// sig-windows-tools' kube-proxy DaemonSet for Calico on Windows
// (hostprocess/calico/kube-proxy/kube-proxy.yml), written with the library.
import { Chart, ChartProps } from 'cdk8s';
import {
  DaemonSetUpdateStrategy, HostProcessDaemonSet, HostProcessTolerations, HostProcessUser, SandboxPath,
} from 'cdk8s-hostprocess';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';

export interface CalicoKubeProxyChartProps extends ChartProps {
  /** The Kubernetes version of the kube-proxy image (`sigwindowstools/kube-proxy:<version>-calico-hostprocess`). */
  readonly kubeProxyVersion?: string;
}

export class CalicoKubeProxyChart extends Chart {
  constructor(scope: Construct, id: string, props: CalicoKubeProxyChartProps = {}) {
    super(scope, id, { namespace: 'kube-system', ...props });

    // The service account and the config map (with kube-proxy's kubeconfig) are the ones the
    // Linux kube-proxy of a kubeadm cluster already uses.
    const serviceAccount = kplus.ServiceAccount.fromServiceAccountName(this, 'service-account', 'kube-proxy');
    const config = kplus.Volume.fromConfigMap(this, 'config',
      kplus.ConfigMap.fromConfigMapName(this, 'config-map', 'kube-proxy'), { name: 'kube-proxy' });

    const labels = { 'k8s-app': 'kube-proxy-windows' };
    const kubeProxy = new HostProcessDaemonSet(this, 'kube-proxy', {
      metadata: { name: 'kube-proxy-windows', labels: { 'k8s-app': 'kube-proxy' } },
      podMetadata: { labels },
      select: false,
      user: HostProcessUser.SYSTEM,
      serviceAccount,
      // kube-proxy reads the token of its service account (kplus would not mount it).
      automountServiceAccountToken: true,
      updateStrategy: DaemonSetUpdateStrategy.rollingUpdate(),
      containers: [{
        name: 'kube-proxy',
        image: `sigwindowstools/kube-proxy:${props.kubeProxyVersion ?? 'KUBE_PROXY_VERSION'}-calico-hostprocess`,
        imagePullPolicy: kplus.ImagePullPolicy.ALWAYS,
        // The image's entrypoint is PowerShell; the script ships in the image, so it is in the sandbox.
        args: [SandboxPath.of('kube-proxy/start.ps1').powershell],
        workingDir: SandboxPath.of('kube-proxy').powershell,
        envVariables: {
          NODENAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME, { apiVersion: 'v1' }),
          POD_IP: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_IP),
        },
        volumeMounts: [{ path: '/var/lib/kube-proxy', volume: config }],
      }],
    });
    kubeProxy.select(kplus.LabelSelector.of({ labels }));
    // kube-proxy must run on every Windows node, tainted or not: the node needs it to become ready.
    kubeProxy.scheduling.tolerate(kplus.Node.tainted(
      HostProcessTolerations.criticalAddonsOnly(),
      HostProcessTolerations.all(),
    ));
  }
}

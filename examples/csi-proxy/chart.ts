// sig-windows-tools' csi-proxy DaemonSet (hostprocess/csi-proxy/csi-proxy.yaml), written with the
// library: the smallest useful HostProcess agent, one container that runs the image's entrypoint.
import { Chart, ChartProps } from 'cdk8s';
import { HostProcessDaemonSet, HostProcessUser } from 'cdk8s-hostprocess';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';

export interface CsiProxyChartProps extends ChartProps {
  /** The csi-proxy image tag. */
  readonly version?: string;
}

export class CsiProxyChart extends Chart {
  constructor(scope: Construct, id: string, props: CsiProxyChartProps = {}) {
    super(scope, id, { namespace: 'kube-system', ...props });

    // Upstream selects on `name: csi-proxy`; select explicitly so the selector is exactly that.
    const labels = { name: 'csi-proxy' };
    const csiProxy = new HostProcessDaemonSet(this, 'csi-proxy', {
      metadata: { name: 'csi-proxy' },
      podMetadata: { labels },
      select: false,
      user: HostProcessUser.SYSTEM,
      containers: [{
        name: 'csi-proxy',
        image: `ghcr.io/kubernetes-sigs/sig-windows/csi-proxy:${props.version ?? 'v1.1.2'}`,
      }],
    });
    csiProxy.select(kplus.LabelSelector.of({ labels }));
  }
}

// The main of the agent every language runs: the example's chart, with a kube-proxy version (so that
// the chart's own props go through too). The names are line 27's; the test renames them for the line
// it runs, and runs this program against the compiled package of that line.
import { App } from 'cdk8s';
import { CalicoKubeProxyChart } from '../../../examples/calico-kube-proxy/chart';

const app = new App();
new CalicoKubeProxyChart(app, 'calico-kube-proxy', { kubeProxyVersion: 'v1.31.1' });
app.synth();

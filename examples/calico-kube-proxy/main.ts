import * as path from 'path';
import { App } from 'cdk8s';
import { CalicoKubeProxyChart } from './chart';

const outdir = path.join(__dirname, '..', '..', 'dist', 'examples', 'calico-kube-proxy');
const app = new App({ outdir });
const chart = new CalicoKubeProxyChart(app, 'calico-kube-proxy');
app.synth();
console.log(`Wrote ${path.relative(process.cwd(), path.join(outdir, `${chart.node.id}.k8s.yaml`))}`);

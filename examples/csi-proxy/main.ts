import * as path from 'path';
import { App } from 'cdk8s';
import { CsiProxyChart } from './chart';

const outdir = path.join(__dirname, '..', '..', 'dist', 'examples', 'csi-proxy');
const app = new App({ outdir });
const chart = new CsiProxyChart(app, 'csi-proxy');
app.synth();
console.log(`Wrote ${path.relative(process.cwd(), path.join(outdir, `${chart.node.id}.k8s.yaml`))}`);

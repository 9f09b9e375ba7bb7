import * as path from 'path';
import { App } from 'cdk8s';
import { PrivilegedDaemonSetChart } from './chart';

const outdir = path.join(__dirname, '..', '..', 'dist', 'example');
const app = new App({ outdir });
const chart = new PrivilegedDaemonSetChart(app, 'privileged-daemonset');
app.synth();
console.log(`Wrote ${path.relative(process.cwd(), path.join(outdir, `${chart.node.id}.k8s.yaml`))}`);

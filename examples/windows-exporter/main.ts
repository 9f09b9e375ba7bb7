import * as path from 'path';
import { App } from 'cdk8s';
import { WindowsExporterChart } from './chart';

const outdir = path.join(__dirname, '..', '..', 'dist', 'examples', 'windows-exporter');
const app = new App({ outdir });
const chart = new WindowsExporterChart(app, 'windows-exporter');
app.synth();
console.log(`Wrote ${path.relative(process.cwd(), path.join(outdir, `${chart.node.id}.k8s.yaml`))}`);

// Written by `cdk8s-hostprocess convert`.
import { ApiObject, App, Chart, JsonPatch } from 'cdk8s';
import { HostProcessDaemonSet, HostProcessUser } from 'cdk8s-hostprocess';
import * as kplus from 'cdk8s-plus-27';

const app = new App();
const chart = new Chart(app, 'manifests');

const windowsExporter = new HostProcessDaemonSet(chart, 'windows-exporter', {
  metadata: { name: 'windows-exporter', namespace: 'monitoring' },
  podMetadata: { labels: { app: 'windows-exporter' } },
  select: false,
  user: HostProcessUser.of('NT AUTHORITY\\system'),
  automountServiceAccountToken: true,
  containers: [
    {
      name: 'exporter',
      image: 'ghcr.io/prometheus-community/windows-exporter:0.29.2',
      workingDir: 'exporter',
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      ports: [{ number: 9182, hostPort: 9100 }],
      resources: {},
    },
  ],
});
windowsExporter.select(kplus.LabelSelector.of({ labels: { app: 'windows-exporter' } }));
// spec.template.spec.securityContext.runAsNonRoot: the library has no typed prop for it; kept as written
ApiObject.of(windowsExporter).addJsonPatch(JsonPatch.add('/spec/template/spec/securityContext/runAsNonRoot', true));

app.synth();

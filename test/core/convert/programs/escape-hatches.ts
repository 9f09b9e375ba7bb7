// Written by `cdk8s-hostprocess convert`.
import { ApiObject, App, Chart, Cron, Duration, JsonPatch } from 'cdk8s';
import { Cmd, HostProcessCronJob, HostProcessDeployment, HostProcessJob, HostProcessPod, HostProcessProbe, HostProcessTolerations, HostProcessUser, PowerShell, WindowsBuild } from 'cdk8s-hostprocess';
import * as kplus from 'cdk8s-plus-27';

const app = new App();
const chart = new Chart(app, 'manifests');

const scratch = kplus.Volume.fromEmptyDir(chart, 'scratch-volume', 'scratch');
const nodeConfigCredentials = kplus.Secret.fromSecretName(chart, 'node-config-credentials-secret', 'node-config-credentials');
const credentials = kplus.Volume.fromSecret(chart, 'credentials-volume', nodeConfigCredentials, {
  name: 'credentials',
  defaultMode: 0o400,
  items: { password: { path: 'password.txt' } },
});
// spec.template.spec.hostPID: left out: the API server rejects it in a windows pod (`Forbidden: cannot be set for a windows pod`, validateWindows in kubernetes pkg/apis/core/validation/validation.go@v1.35.4) and the library writes spec.os.name: windows; hostPID: true does nothing on a HostProcess pod: containerd gives a Windows pod a network namespace only
// spec.template.spec.securityContext.runAsUser: left out: the API server rejects it in a windows pod (`Forbidden: cannot be set for a windows pod`, validateWindows in kubernetes pkg/apis/core/validation/validation.go@v1.35.4) and the library writes spec.os.name: windows
// spec.template.spec.containers[0].securityContext.privileged: left out: the API server rejects it in a windows pod (`Forbidden: cannot be set for a windows pod`, validateWindows in kubernetes pkg/apis/core/validation/validation.go@v1.35.4) and the library writes spec.os.name: windows
const nodeConfigController = new HostProcessDeployment(chart, 'node-config-controller', {
  metadata: {
    name: 'node-config-controller',
    namespace: 'kube-system',
    annotations: { 'example.com/owner': 'platform' },
  },
  podMetadata: { labels: { app: 'node-config-controller' }, annotations: { 'example.com/scrape': 'true' } },
  select: false,
  replicas: 1,
  strategy: kplus.DeploymentStrategy.rollingUpdate({
    maxSurge: kplus.PercentOrAbsolute.absolute(0),
    maxUnavailable: kplus.PercentOrAbsolute.absolute(1),
  }),
  user: HostProcessUser.LOCAL_SERVICE,
  windowsBuild: WindowsBuild.LTSC2022,
  automountServiceAccountToken: true,
  volumes: [scratch, credentials],
  containers: [
    {
      name: 'controller',
      image: 'example.com/node-config:1.4.0',
      command: PowerShell.command('Start-Sleep -Seconds 2147483'),
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      ports: [{ number: 9090, name: 'metrics' }],
      resources: {},
      liveness: HostProcessProbe.fromTcpSocket('metrics', { periodSeconds: Duration.seconds(20) }),
      volumeMounts: [
        { path: 'C:\\scratch', volume: scratch },
        { path: 'C:\\credentials', volume: credentials, readOnly: true },
      ],
    },
  ],
});
nodeConfigController.select(kplus.LabelSelector.of({ labels: { app: 'node-config-controller' } }));
nodeConfigController.limitRevisionHistory(3);
// spec.template.spec.containers[0].lifecycle: the library has no typed prop for it; kept as written
ApiObject.of(nodeConfigController).addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/lifecycle', {
  preStop: { exec: { command: ['cmd.exe', '/c', 'exit'] } },
}));
// spec.template.spec.containers[0].envFrom: the library has no typed prop for it; kept as written
ApiObject.of(nodeConfigController).addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/envFrom', [
  { configMapRef: { name: 'node-config' } },
]));

const configureNode = new HostProcessJob(chart, 'configure-node', {
  metadata: { name: 'configure-node', namespace: 'kube-system' },
  backoffLimit: 2,
  ttlAfterFinished: Duration.seconds(600),
  containerWindowsOptions: true,
  user: HostProcessUser.SYSTEM,
  automountServiceAccountToken: true,
  restartPolicy: kplus.RestartPolicy.ON_FAILURE,
  containers: [
    {
      name: 'configure',
      image: 'mcr.microsoft.com/powershell:lts-nanoserver-ltsc2022',
      command: PowerShell.command('Set-Service -Name W32Time -StartupType Automatic'),
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      resources: {},
    },
  ],
});
configureNode.scheduling.tolerate(kplus.Node.tainted(HostProcessTolerations.windowsOsTaint()));
// spec.template.spec.containers[0].resources: the library has no typed prop for it; kept as cdk8s-plus' typed classes read it (quantities and int-or-strings as { value })
ApiObject.of(configureNode).addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/resources', {
  requests: { cpu: { value: '100m' }, memory: { value: '64Mi' } },
  limits: { memory: { value: '1Gi' } },
}));
// spec.completions: the library has no typed prop for it; kept as written
ApiObject.of(configureNode).addJsonPatch(JsonPatch.add('/spec/completions', 1));

const logs = kplus.Volume.fromHostPath(chart, 'logs-volume', 'logs', {
  path: 'C:\\logs',
  type: kplus.HostPathVolumeType.DIRECTORY_OR_CREATE,
});
const rotateLogs = new HostProcessCronJob(chart, 'rotate-logs', {
  metadata: { name: 'rotate-logs', namespace: 'kube-system' },
  schedule: Cron.daily(),
  concurrencyPolicy: kplus.ConcurrencyPolicy.ALLOW,
  successfulJobsRetained: 1,
  user: HostProcessUser.SYSTEM,
  automountServiceAccountToken: true,
  restartPolicy: kplus.RestartPolicy.NEVER,
  volumes: [logs],
  containers: [
    {
      name: 'rotate',
      image: 'mcr.microsoft.com/windows/nanoserver:ltsc2022',
      command: Cmd.run('del /q C:\\logs\\*.old'),
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      resources: {},
      volumeMounts: [{ path: 'C:\\logs', volume: logs }],
    },
  ],
});
// kplus writes startingDeadlineSeconds: 10 by default; the input sets no deadline
ApiObject.of(rotateLogs).addJsonPatch(JsonPatch.remove('/spec/startingDeadlineSeconds'));
// spec.schedule: the library has no typed prop for it; kept as written
ApiObject.of(rotateLogs).addJsonPatch(JsonPatch.add('/spec/schedule', '@hourly'));

const nodeShell = new HostProcessPod(chart, 'node-shell', {
  metadata: { name: 'node-shell', namespace: 'kube-system' },
  user: HostProcessUser.SYSTEM,
  automountServiceAccountToken: true,
  containers: [
    {
      name: 'shell',
      image: 'mcr.microsoft.com/oss/kubernetes/windows-host-process-containers-base-image:v1.0.0',
      command: ['cmd.exe', '/c', 'ping', '-t', '127.0.0.1'],
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      resources: {},
    },
  ],
});
// spec.containers[0].stdin: the library has no typed prop for it; kept as written
ApiObject.of(nodeShell).addJsonPatch(JsonPatch.add('/spec/containers/0/stdin', true));
// spec.containers[0].tty: the library has no typed prop for it; kept as written
ApiObject.of(nodeShell).addJsonPatch(JsonPatch.add('/spec/containers/0/tty', true));
// spec.nodeName: the library has no typed prop for it; kept as written
ApiObject.of(nodeShell).addJsonPatch(JsonPatch.add('/spec/nodeName', 'node-1'));

new ApiObject(chart, 'service-node-config-metrics', {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'node-config-metrics', namespace: 'kube-system' },
  spec: { selector: { app: 'node-config-controller' }, ports: [{ port: 9090, targetPort: 'metrics' }] },
});

app.synth();

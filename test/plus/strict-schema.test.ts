// Every kind of manifest the library synthesizes is checked strictly against the Kubernetes
// OpenAPI schema (unknown fields fail, as with `kubectl apply --validate=strict`).
import { Chart, Cron, Duration, Size, Testing } from 'cdk8s';
import {
  DaemonSetUpdateStrategy, HostProcessCronJob, HostProcessDaemonSet, HostProcessDeployment, HostProcessJob,
  HostProcessNamespace, HostProcessPod, HostProcessUser, WindowsBuild,
} from 'cdk8s-hostprocess';
import * as kplus from 'cdk8s-plus-27';
import { PrivilegedDaemonSetChart } from '../../examples/privileged-daemonset/chart';
import { expectStrictlyValid } from '../util/strict-schema';

const image = 'mcr.microsoft.com/oss/kubernetes/windows-host-process-containers-base-image:v1.0.0';

test('the example app (the AKS privileged-daemonset)', () => {
  const manifests = Testing.synth(new PrivilegedDaemonSetChart(Testing.app(), 'privileged-daemonset'));
  expect(manifests.map(m => m.kind)).toEqual(['DaemonSet']);
  expectStrictlyValid(manifests);
});

test('a HostProcessDaemonSet using many kplus features', () => {
  const chart = Testing.chart();
  const ns = new HostProcessNamespace(chart, 'ns', { metadata: { name: 'windows-agents' }, podSecurityVersion: 'v1.29' });
  const config = new kplus.ConfigMap(chart, 'config', { data: { 'agent.yaml': 'level: info' } });
  const serviceAccount = new kplus.ServiceAccount(chart, 'sa', { metadata: { namespace: ns.name } });
  const agent = new HostProcessDaemonSet(chart, 'agent', {
    metadata: { namespace: ns.name, labels: { app: 'agent' } },
    user: HostProcessUser.LOCAL_SERVICE,
    windowsBuild: WindowsBuild.LTSC2022,
    nodeSelector: { 'kubernetes.io/arch': 'amd64' },
    priorityClassName: 'system-node-critical',
    updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.percent(10) }),
    serviceAccount,
    automountServiceAccountToken: true,
    terminationGracePeriod: Duration.seconds(10),
    minReadySeconds: 5,
    podMetadata: { annotations: { 'prometheus.io/scrape': 'true' } },
    initContainers: [{
      name: 'install',
      image,
      command: ['powershell.exe', '-Command', 'Copy-Item agent.exe C:\\agent\\'],
    }],
    containers: [{
      name: 'agent',
      image,
      command: ['C:\\agent\\agent.exe'],
      args: ['--config', 'C:\\config\\agent.yaml'],
      workingDir: 'C:\\agent',
      ports: [{ number: 9182, name: 'metrics' }],
      envVariables: {
        NODE_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME),
        LEVEL: kplus.EnvValue.fromValue('info'),
      },
      readiness: kplus.Probe.fromHttpGet('/health', { port: 9182 }),
      liveness: kplus.Probe.fromTcpSocket({ port: 9182, periodSeconds: Duration.seconds(30) }),
      resources: {
        cpu: { request: kplus.Cpu.millis(50) },
        memory: { request: Size.mebibytes(64) },
      },
    }],
  });
  const hostDir = kplus.Volume.fromHostPath(chart, 'logs', 'logs', { path: 'C:\\var\\log', type: kplus.HostPathVolumeType.DIRECTORY_OR_CREATE });
  agent.containers[0].mount('C:\\logs', hostDir);
  agent.containers[0].mount('C:\\config', kplus.Volume.fromConfigMap(chart, 'config-volume', config));
  agent.scheduling.tolerate(kplus.Node.tainted(kplus.NodeTaintQuery.exists('os', { effect: kplus.TaintEffect.NO_SCHEDULE })));
  agent.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.in('agentpool', ['win1', 'win2'])));
  agent.hostProcess.addNodeSelector('cloud.example.com/pool', 'windows');

  const manifests = Testing.synth(chart);
  expect(manifests.map(m => m.kind).sort()).toEqual(['ConfigMap', 'DaemonSet', 'Namespace', 'ServiceAccount']);
  const spec = manifests.find(m => m.kind === 'DaemonSet').spec.template.spec;
  expect(spec.volumes).toHaveLength(2);
  expect(spec.tolerations).toHaveLength(1);
  expect(spec.affinity.nodeAffinity).toBeDefined();
  expectStrictlyValid(manifests);
});

test('every workload kind, with the default props', () => {
  const chart = new Chart(Testing.app(), 'workloads', { namespace: 'kube-system' });
  const containers = [{ image, command: ['powershell.exe', '-Command', 'Get-Date'] }];
  new HostProcessPod(chart, 'pod', { containers });
  new HostProcessDeployment(chart, 'deployment', { containers });
  new HostProcessJob(chart, 'job', { containers });
  new HostProcessCronJob(chart, 'cron', { containers, schedule: Cron.daily() });
  const manifests = Testing.synth(chart);
  expect(manifests.map(m => m.kind)).toEqual(['Pod', 'Deployment', 'Job', 'CronJob']);
  expectStrictlyValid(manifests);
});

// A deterministic stream of HostProcess pod documents for the lint benchmark: DaemonSets,
// Deployments, Jobs, CronJobs and Pods, one in seven with a mistake the rules report.
import * as YAML from 'yaml';

const KINDS = ['DaemonSet', 'DaemonSet', 'Deployment', 'Job', 'DaemonSet', 'Pod', 'CronJob', 'Deployment'];
const API_VERSIONS: { [kind: string]: string } = {
  DaemonSet: 'apps/v1', Deployment: 'apps/v1', Job: 'batch/v1', CronJob: 'batch/v1', Pod: 'v1',
};
/** The kinds of the stream, with their apiVersion (the peers' schemas are made for these). */
export const STREAM_KINDS: readonly { kind: string; apiVersion: string }[] = Object.entries(API_VERSIONS)
  .map(([kind, apiVersion]) => ({ kind, apiVersion }));
const USERS = ['NT AUTHORITY\\SYSTEM', 'NT AUTHORITY\\Local service', 'NT AUTHORITY\\NetworkService', 'hpc-localgroup'];

function podSpec(i: number): any {
  const spec: any = {
    securityContext: { windowsOptions: { hostProcess: true, runAsUserName: USERS[i % USERS.length] } },
    hostNetwork: true,
    dnsPolicy: 'Default',
    nodeSelector: { 'kubernetes.io/os': 'windows' },
    os: { name: 'windows' },
    priorityClassName: 'system-node-critical',
    tolerations: [{ key: 'os', operator: 'Equal', value: 'windows', effect: 'NoSchedule' }],
    containers: [{
      name: 'agent',
      image: `registry.example.com/agents/agent-${i % 50}:v1.${i % 10}.0`,
      command: ['powershell.exe', '-ExecutionPolicy', 'Bypass', '-File', '$env:CONTAINER_SANDBOX_MOUNT_POINT/start.ps1'],
      args: ['--v=2', `--port=${9000 + (i % 100)}`],
      env: [
        { name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
        { name: 'LOG_LEVEL', value: 'info' },
      ],
      ports: [{ name: 'metrics', containerPort: 9000 + (i % 100), hostPort: 9000 + (i % 100), protocol: 'TCP' }],
      resources: { requests: { cpu: '100m', memory: '128Mi' } },
      volumeMounts: [{ name: 'logs', mountPath: 'C:\\var\\log\\agent' }],
      livenessProbe: { httpGet: { path: '/healthz', port: 9000 + (i % 100) }, periodSeconds: 30 },
    }],
    volumes: [{ name: 'logs', hostPath: { path: 'C:\\var\\log\\agent', type: 'DirectoryOrCreate' } }],
  };
  if (i % 3 === 0) {
    spec.initContainers = [{
      name: 'install',
      image: 'mcr.microsoft.com/powershell:lts-nanoserver-ltsc2022',
      command: ['powershell.exe', '-Command', 'Copy-Item -Force $env:CONTAINER_SANDBOX_MOUNT_POINT/bin/* C:/opt/agent/'],
    }];
  }
  // One document in seven has a mistake the rules report.
  switch (i % 49) {
    case 0: spec.hostNetwork = false; break;
    case 7: spec.containers[0].securityContext = { privileged: true }; break;
    case 14: spec.securityContext.windowsOptions.runAsUserName = 'NT AUTHORITY\\Nobody\\x'; break;
    case 21: spec.volumes.push({ name: 'pipe', hostPath: { path: '\\\\.\\pipe\\containerd-containerd' } }); break;
    case 28: spec.containers[0].securityContext = { windowsOptions: { hostProcess: false } }; break;
    case 35: spec.securityContext.runAsNonRoot = true; break;
    case 42: delete spec.os; spec.securityContext.fsGroup = 2000; break;
  }
  return spec;
}

function document(i: number): any {
  const kind = KINDS[i % KINDS.length];
  const labels = { 'app.kubernetes.io/name': `agent-${i}` };
  const metadata = { name: `agent-${i}`, namespace: 'kube-system', labels };
  const template = { metadata: { labels }, spec: podSpec(i) };
  const head = { apiVersion: API_VERSIONS[kind], kind, metadata };
  switch (kind) {
    case 'Pod': return { ...head, spec: podSpec(i) };
    case 'Job': return { ...head, spec: { template: { ...template, spec: { ...template.spec, restartPolicy: 'OnFailure' } } } };
    case 'CronJob': return {
      ...head,
      spec: {
        schedule: '0 * * * *',
        jobTemplate: { spec: { template: { ...template, spec: { ...template.spec, restartPolicy: 'OnFailure' } } } },
      },
    };
    case 'Deployment': return { ...head, spec: { replicas: 1, selector: { matchLabels: labels }, template } };
    default: return { ...head, spec: { selector: { matchLabels: labels }, template } };
  }
}

/** `count` documents as plain objects. */
export function documents(count: number): any[] {
  return Array.from({ length: count }, (_, i) => document(i));
}

/** The same documents as one multi-document YAML stream. */
export function yamlStream(docs: any[]): string {
  return docs.map(d => YAML.stringify(d)).join('---\n');
}

/** Parses a stream as the lint command does: YAML 1.1, every document to plain JS. */
export function parseStream(text: string): any[] {
  return YAML.parseAllDocuments(text, { version: '1.1' }).map(d => d.toJS({ maxAliasCount: 1000 }));
}

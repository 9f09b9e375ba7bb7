// The generated round trips' cases (generated-round-trip.test.ts): valid HostProcess manifests of
// every kind `convert` reads (Pod, DaemonSet, Deployment, Job, CronJob), alone, as several documents
// or inside a List, beside objects convert writes as ApiObjects (a ConfigMap, a Service, a Linux
// pod, objects without a name). Each pod spec draws on every field family convert types or keeps
// (docs/convert.md "Migrating existing manifests", "What becomes what"): the account at pod level or on each
// container, containers with and without a securityContext, command helpers, env sources, ports,
// resources, probes, lifecycle hooks, mounts of typed and untyped volumes, node selection,
// tolerations, affinity, the deprecated serviceAccount, each workload's spec fields (a CronJob's
// TTL beside history limits, which kplus refuses together) and a cdk8s address label. Every value
// is one the API server accepts (the fuzzer's generator, test/kube/fuzz/generator.ts, shares its
// accounts and volumes); what differs is only which fields are there.
import * as fc from 'fast-check';
import * as YAML from 'yaml';
import { Cmd } from '../../../src/core/windows/cmd';
import { PowerShell } from '../../../src/core/windows/powershell';
import { HOST_PROCESS_USERS, VOLUME_SOURCES, volume } from '../../kube/fuzz/generator';

/** The kinds convert writes as HostProcess constructs. */
export const CONVERT_KINDS = ['Pod', 'DaemonSet', 'Deployment', 'Job', 'CronJob'] as const;
export type ConvertKind = typeof CONVERT_KINDS[number];

/** One generated case: its YAML, and what each object is. */
export interface ConvertCase {
  readonly yaml: string;
  /** The objects, in the order of the stream (List items in place of the List). */
  readonly objects: readonly GeneratedObject[];
  /** How the objects are laid out: one document each, one List, or a List among documents. */
  readonly layout: string;
}

export interface GeneratedObject {
  readonly manifest: any;
  /** Whether convert writes it as a HostProcess construct (else as an ApiObject). */
  readonly construct: boolean;
}

/** `arb` or absent, half of the time. */
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });

/** The accounts: the fuzzer's (SYSTEM, LOCAL SERVICE, NETWORK SERVICE, a local group) and other spellings of them. */
const USERS = [...HOST_PROCESS_USERS, 'NT AUTHORITY\\system', 'NT AUTHORITY\\LOCAL SERVICE'];

const IMAGES = [
  'mcr.microsoft.com/windows/nanoserver:ltsc2022',
  'example.com/agent',
  'example.com/agent:latest',
  `example.com/agent@sha256:${'a1'.repeat(32)}`,
  'registry.example.com:5000/hpc/agent:1.2.3',
];

const command = fc.oneof(
  fc.record({ script: fc.constantFrom('Start-Agent -Verbose', '& "$env:CONTAINER_SANDBOX_MOUNT_POINT\\start.ps1"', 'exit 0'), pwsh: fc.boolean(), unattended: fc.boolean() })
    .map(o => PowerShell.command(o.script, { executable: o.pwsh ? PowerShell.PWSH : PowerShell.WINDOWS_POWERSHELL, unattended: o.unattended })),
  fc.constantFrom('agent.exe --v=2', 'echo ready & exit 0').map(line => Cmd.run(line)),
  fc.constantFrom(['agent.exe', '--v=2'], ['C:\\hpc\\agent.exe'], ['$env:CONTAINER_SANDBOX_MOUNT_POINT/agent/agent.exe']),
);

/** Env sources, by variant: typed (values, field, config map and secret refs) and kept (a label's field ref, a resource ref). */
const ENV_SOURCES: any[] = [
  { value: 'info' },
  { value: '' },
  { valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
  { valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } },
  { valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
  { valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } },
  { valueFrom: { configMapKeyRef: { name: 'agent-config', key: 'level' } } },
  { valueFrom: { configMapKeyRef: { name: 'agent-config', key: 'mode', optional: true } } },
  { valueFrom: { secretKeyRef: { name: 'agent-secret', key: 'token' } } },
  { valueFrom: { secretKeyRef: { name: 'agent-secret', key: 'token', optional: false } } },
  { valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
  { valueFrom: { resourceFieldRef: { resource: 'limits.memory' } } },
];
const ENV_NAMES = ['LOG_LEVEL', 'NODE_NAME', 'POD_IP', 'TOKEN', 'MODE', 'EMPTY'];

const env = fc.uniqueArray(fc.record({ name: fc.constantFrom(...ENV_NAMES), source: fc.constantFrom(...ENV_SOURCES) }), {
  selector: e => e.name, minLength: 1, maxLength: 4,
}).map(list => list.map(e => ({ name: e.name, ...structuredClone(e.source) })));

const ENV_FROM = [[{ configMapRef: { name: 'agent-config' } }], [{ secretRef: { name: 'agent-secret' }, prefix: 'S_' }]];

const portPlan = fc.record({ named: fc.boolean(), protocol: opt(fc.constantFrom('TCP', 'UDP')), hostPort: fc.boolean(), hostIP: fc.boolean() });

const resources = fc.record({
  cpu: opt(fc.constantFrom('100m', '1', '0.5', '250m')),
  memory: opt(fc.constantFrom('128Mi', '1Gi', '64Mi')),
  limits: fc.boolean(),
  storage: fc.boolean(),
});

const timing = fc.record({
  initialDelaySeconds: opt(fc.nat(30)),
  periodSeconds: opt(fc.integer({ min: 1, max: 30 })),
  timeoutSeconds: opt(fc.integer({ min: 1, max: 10 })),
  // 1 for every probe: liveness and startup probes need it.
  successThreshold: opt(fc.constant(1)),
  failureThreshold: opt(fc.integer({ min: 1, max: 5 })),
});
const probePlan = fc.record({
  handler: fc.constantFrom('exec', 'httpGet', 'tcpSocket', 'grpc'),
  named: fc.boolean(),
  scheme: opt(fc.constantFrom('HTTP', 'HTTPS')),
  host: fc.boolean(),
  headers: fc.boolean(),
  timing,
});

const HOOKS = [
  { exec: { command: ['cmd', '/c', 'echo started'] } },
  { httpGet: { path: '/shutdown', port: 8080 } },
];

/** A container's securityContext, as its own: none, the pod's windowsOptions repeated, its own account, runAsNonRoot: false, both. */
const CONTAINER_SECURITY = ['none', 'repeat', 'own-user', 'non-root', 'own-user-non-root'] as const;

const containerPlan = fc.record({
  image: fc.constantFrom(...IMAGES),
  pull: opt(fc.constantFrom('Always', 'IfNotPresent', 'Never')),
  command: opt(command),
  args: opt(fc.constantFrom(['--port', '8080'], ['-config', 'C:\\etc\\agent.yaml'])),
  workingDir: opt(fc.constantFrom('C:\\agent', '$env:CONTAINER_SANDBOX_MOUNT_POINT/agent/')),
  env: opt(env),
  envFrom: opt(fc.constantFrom(...ENV_FROM)),
  ports: fc.array(portPlan, { maxLength: 3 }),
  resources: opt(resources),
  liveness: opt(probePlan),
  readiness: opt(probePlan),
  startup: opt(probePlan),
  postStart: opt(fc.constantFrom(...HOOKS)),
  preStop: opt(fc.constantFrom(...HOOKS)),
  mounts: fc.nat(7),
  mount: fc.record({ readOnly: opt(fc.boolean()), subPath: opt(fc.constantFrom('logs', '')), propagation: opt(fc.constantFrom('None', 'HostToContainer')) }),
  security: fc.constantFrom(...CONTAINER_SECURITY),
  user: fc.nat(USERS.length - 1),
  extra: opt(fc.constantFrom<any>({ stdin: true }, { stdin: true, tty: true }, { terminationMessagePolicy: 'FallbackToLogsOnError' })),
  sidecar: fc.boolean(),
});
type ContainerPlan = typeof containerPlan extends fc.Arbitrary<infer T> ? T : never;

const TOLERATIONS: any[] = [
  { operator: 'Exists' },
  { operator: 'Exists', effect: 'NoSchedule' },
  { operator: 'Exists', effect: 'NoExecute' },
  { key: 'CriticalAddonsOnly', operator: 'Exists' },
  { key: 'node.kubernetes.io/os', operator: 'Equal', value: 'windows', effect: 'NoSchedule' },
  { key: 'dedicated', operator: 'Equal', value: 'agents', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'example.com/gpu', operator: 'Exists' },
  // No operator (Equal by default): kplus always writes one, so this is kept as written.
  { key: 'legacy', value: 'yes', effect: 'NoSchedule' },
];

const AFFINITIES: any[] = [
  { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] }] }] } } },
  {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [
          { matchExpressions: [{ key: 'agent.example.com/enabled', operator: 'Exists' }] },
          { matchExpressions: [{ key: 'agent.example.com/skip', operator: 'DoesNotExist' }, { key: 'zone', operator: 'NotIn', values: ['a', 'b'] }] },
        ],
      },
    },
  },
  { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, preference: { matchExpressions: [{ key: 'pool', operator: 'In', values: ['win'] }] } }] } },
  { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] }] } } },
  { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'other' } }, topologyKey: 'kubernetes.io/hostname' }] } },
];

/** Volumes: the fuzzer's four sources, and more that convert types (secret, config map items and modes, memory emptyDir) or keeps. */
const VOLUMES: ((name: string) => any)[] = [
  ...VOLUME_SOURCES.map(source => (name: string) => volume(name, source, true)),
  name => ({ name, hostPath: { path: 'C:\\ProgramData\\agent', type: 'Directory' } }),
  name => ({ name, secret: { secretName: 'agent-secret', defaultMode: 0o400 } }),
  name => ({ name, configMap: { name: 'agent-config', optional: true, items: [{ key: 'a.yaml', path: 'a.yaml' }, { key: 'b.yaml', path: 'conf/b.yaml', mode: 0o644 }] } }),
  // Items out of key order: kplus writes them sorted, so the volume is kept as written.
  name => ({ name, configMap: { name: 'agent-config', items: [{ key: 'z', path: 'z' }, { key: 'a', path: 'a' }] } }),
  name => ({ name, emptyDir: { medium: 'Memory' } }),
  name => ({ name, emptyDir: { sizeLimit: '1Gi' } }),
  name => ({ name, projected: { sources: [{ configMap: { name: 'agent-config' } }] } }),
];

const podPlan = fc.record({
  /** Whether pod-level windowsOptions says hostProcess (else each container does). */
  atPod: fc.boolean(),
  user: opt(fc.nat(USERS.length - 1)),
  os: fc.boolean(),
  nodeSelector: opt(fc.record({ os: fc.boolean(), build: opt(fc.constantFrom('10.0.17763', '10.0.20348', '10.0.26100', '10.0.25398')), extra: fc.boolean() })),
  priorityClassName: opt(fc.constantFrom('system-node-critical', 'agents-high')),
  account: fc.constantFrom('none', 'name', 'deprecated', 'both'),
  automount: opt(fc.boolean()),
  grace: opt(fc.constantFrom(0, 30, 60)),
  restartPolicy: fc.nat(3),
  dnsPolicy: opt(fc.constantFrom('ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None')),
  fqdn: opt(fc.boolean()),
  pullSecrets: opt(fc.constantFrom([{ name: 'regcred' }], [{ name: 'regcred' }, { name: 'mirror' }])),
  tolerations: opt(fc.uniqueArray(fc.nat(TOLERATIONS.length - 1), { minLength: 1, maxLength: 3 })),
  affinity: opt(fc.nat(AFFINITIES.length - 1)),
  volumes: fc.array(fc.nat(VOLUMES.length - 1), { maxLength: 3 }),
  extra: opt(fc.constantFrom<any>({ enableServiceLinks: false }, { hostname: 'agent' }, { schedulerName: 'default-scheduler' })),
  containers: fc.array(containerPlan, { minLength: 1, maxLength: 3 }),
  initContainers: fc.array(containerPlan, { maxLength: 2 }),
});
type PodPlan = typeof podPlan extends fc.Arbitrary<infer T> ? T : never;

const CONTAINER_NAMES = ['agent', 'exporter', 'logs'];
const INIT_NAMES = ['setup', 'proxy'];

function podSpec(p: PodPlan, kind: ConvertKind): any {
  const spec: any = {};
  const user = p.user === undefined ? undefined : USERS[p.user];
  const windowsOptions: any = {};
  if (p.atPod) windowsOptions.hostProcess = true;
  if (user !== undefined) windowsOptions.runAsUserName = user;
  if (Object.keys(windowsOptions).length > 0) spec.securityContext = { windowsOptions };
  spec.hostNetwork = true;
  if (p.os) spec.os = { name: 'windows' };
  if (p.nodeSelector) {
    const ns: any = {};
    if (p.nodeSelector.os) ns['kubernetes.io/os'] = 'windows';
    if (p.nodeSelector.build) ns['node.kubernetes.io/windows-build'] = p.nodeSelector.build;
    if (p.nodeSelector.extra) ns['agents.example.com/pool'] = 'windows';
    if (Object.keys(ns).length > 0) spec.nodeSelector = ns;
  }
  if (p.priorityClassName) spec.priorityClassName = p.priorityClassName;
  if (p.account === 'name' || p.account === 'both') spec.serviceAccountName = 'agent';
  if (p.account === 'deprecated' || p.account === 'both') spec.serviceAccount = 'agent';
  if (p.automount !== undefined) spec.automountServiceAccountToken = p.automount;
  if (p.grace !== undefined) spec.terminationGracePeriodSeconds = p.grace;
  // A Job's pods restart OnFailure or Never; the others' Always (or, for a Pod, any).
  const policies = kind === 'Job' || kind === 'CronJob' ? ['OnFailure', 'Never'] : kind === 'Pod' ? [undefined, 'Always', 'OnFailure', 'Never'] : [undefined, 'Always'];
  const restartPolicy = policies[p.restartPolicy % policies.length];
  if (restartPolicy) spec.restartPolicy = restartPolicy;
  if (p.dnsPolicy) spec.dnsPolicy = p.dnsPolicy;
  // dnsPolicy None needs its nameservers.
  if (p.dnsPolicy === 'None') spec.dnsConfig = { nameservers: ['10.0.0.10'] };
  if (p.fqdn !== undefined) spec.setHostnameAsFQDN = p.fqdn;
  if (p.pullSecrets) spec.imagePullSecrets = structuredClone(p.pullSecrets);
  if (p.tolerations) spec.tolerations = p.tolerations.map(i => structuredClone(TOLERATIONS[i]));
  if (p.affinity !== undefined) spec.affinity = structuredClone(AFFINITIES[p.affinity]);
  if (p.extra) Object.assign(spec, p.extra);
  const volumes = p.volumes.map((v, i) => VOLUMES[v](`vol-${i}`));
  const ctx = { plan: p, user, volumes };
  spec.containers = p.containers.map((c, i) => container(c, CONTAINER_NAMES[i], 8000 + 100 * i, ctx, false));
  if (p.initContainers.length > 0) {
    spec.initContainers = p.initContainers.map((c, i) => container(c, INIT_NAMES[i], 9000 + 100 * i, ctx, true));
  }
  if (volumes.length > 0) spec.volumes = volumes;
  return spec;
}

const bit = (bits: number, i: number) => Math.floor(bits / 2 ** i) % 2 === 1;

function container(c: ContainerPlan, name: string, firstPort: number, ctx: { plan: PodPlan; user?: string; volumes: any[] }, init: boolean): any {
  const ctr: any = { name, image: c.image };
  if (c.pull) ctr.imagePullPolicy = c.pull;
  if (c.command) ctr.command = [...c.command];
  if (c.args) ctr.args = [...c.args];
  if (c.workingDir) ctr.workingDir = c.workingDir;
  if (c.env) ctr.env = structuredClone(c.env);
  if (c.envFrom) ctr.envFrom = structuredClone(c.envFrom);
  const ports = c.ports.map((pp, j) => {
    const port: any = { containerPort: firstPort + j };
    if (pp.named) port.name = `${['http', 'metrics', 'dns'][j]}${firstPort / 100 - 80}`;
    if (pp.protocol) port.protocol = pp.protocol;
    // With the host network a hostPort must be the containerPort.
    if (pp.hostPort) port.hostPort = port.containerPort;
    if (pp.hostPort && pp.hostIP) port.hostIP = '0.0.0.0';
    return port;
  });
  if (ports.length > 0) ctr.ports = ports;
  if (c.resources) {
    const r = c.resources;
    const requests: any = {};
    if (r.cpu) requests.cpu = r.cpu;
    if (r.memory) requests.memory = r.memory;
    if (r.storage) requests['ephemeral-storage'] = '1Gi';
    const res: any = {};
    if (Object.keys(requests).length > 0) res.requests = requests;
    // Limits at least the requests.
    if (r.limits) res.limits = { cpu: '2', memory: r.memory === '1Gi' ? '2Gi' : '512Mi' };
    ctr.resources = res;
  }
  // An init container has neither probes nor hooks unless it is a sidecar (restartPolicy: Always).
  const probed = !init || c.sidecar;
  if (init && c.sidecar) ctr.restartPolicy = 'Always';
  if (probed) {
    const named = ports.find(pt => pt.name !== undefined);
    const numeric = ports[0]?.containerPort ?? 8080;
    const probe = (pp: typeof c.liveness): any => {
      if (!pp) return undefined;
      const port = pp.named && named ? named.name : numeric;
      const out: any = {};
      if (pp.handler === 'exec') out.exec = { command: ['cmd', '/c', 'exit 0'] };
      if (pp.handler === 'httpGet') {
        out.httpGet = { path: '/healthz', port };
        if (pp.scheme) out.httpGet.scheme = pp.scheme;
        if (pp.host) out.httpGet.host = '127.0.0.1';
        if (pp.headers) out.httpGet.httpHeaders = [{ name: 'X-Probe', value: 'kubelet' }];
      }
      if (pp.handler === 'tcpSocket') {
        out.tcpSocket = { port };
        if (pp.host) out.tcpSocket.host = '127.0.0.1';
      }
      if (pp.handler === 'grpc') out.grpc = { port: numeric };
      for (const [k, v] of Object.entries(pp.timing)) if (v !== undefined) out[k] = v;
      return out;
    };
    if (c.liveness) ctr.livenessProbe = probe(c.liveness);
    if (c.readiness) ctr.readinessProbe = probe(c.readiness);
    if (c.startup) ctr.startupProbe = probe(c.startup);
    const lifecycle: any = {};
    if (c.postStart) lifecycle.postStart = structuredClone(c.postStart);
    if (c.preStop) lifecycle.preStop = structuredClone(c.preStop);
    if (Object.keys(lifecycle).length > 0) ctr.lifecycle = lifecycle;
  }
  const mounts = ctx.volumes.filter((_, i) => bit(c.mounts, i)).map(v => {
    const m: any = { name: v.name, mountPath: `C:\\mnt\\${v.name}` };
    if (c.mount.readOnly !== undefined) m.readOnly = c.mount.readOnly;
    if (c.mount.subPath !== undefined) m.subPath = c.mount.subPath;
    if (c.mount.propagation !== undefined) m.mountPropagation = c.mount.propagation;
    return m;
  });
  if (mounts.length > 0) ctr.volumeMounts = mounts;
  if (c.extra && !init) Object.assign(ctr, c.extra);
  // Each container HostProcess as the pod is: where the pod does not say hostProcess, every container does.
  const sc: any = {};
  const wo: any = {};
  if (!ctx.plan.atPod) wo.hostProcess = true;
  if (c.security === 'repeat' && ctx.user !== undefined) Object.assign(wo, { hostProcess: true, runAsUserName: ctx.user });
  if (c.security === 'own-user' || c.security === 'own-user-non-root') wo.runAsUserName = USERS[c.user];
  if (Object.keys(wo).length > 0) sc.windowsOptions = wo;
  if (c.security === 'non-root' || c.security === 'own-user-non-root') sc.runAsNonRoot = false;
  if (Object.keys(sc).length > 0) ctr.securityContext = sc;
  return ctr;
}

const metadataPlan = fc.record({
  namespace: opt(fc.constantFrom('kube-system', 'agents')),
  labels: opt(fc.constantFrom<any>({ 'app.kubernetes.io/name': 'agent' }, { 'tier': 'node', 'example.com/team': 'platform' })),
  annotations: opt(fc.constantFrom<any>({ 'example.com/note': 'generated' }, { description: 'a HostProcess agent: runs on every Windows node' })),
});

const workloadPlan = fc.record({
  // DaemonSet, Deployment
  addressLabel: fc.boolean(),
  selectorExpressions: fc.boolean(),
  templateAnnotations: opt(fc.constantFrom<any>({ 'prometheus.io/scrape': 'true' })),
  minReadySeconds: opt(fc.nat(30)),
  revisionHistoryLimit: opt(fc.nat(10)),
  daemonSetStrategy: opt(fc.constantFrom<any>(
    { type: 'OnDelete' },
    { type: 'RollingUpdate' },
    { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
    { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } },
    { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
  )),
  replicas: opt(fc.nat(5)),
  progressDeadlineSeconds: opt(fc.integer({ min: 31, max: 900 })),
  deploymentStrategy: opt(fc.constantFrom<any>(
    { type: 'Recreate' },
    { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
    { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '50%' } },
    // Only one of the two: kplus writes both, so this is kept as written.
    { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
  )),
  // Job, CronJob's job
  backoffLimit: opt(fc.nat(6)),
  activeDeadlineSeconds: opt(fc.integer({ min: 1, max: 3600 })),
  ttlSecondsAfterFinished: opt(fc.nat(600)),
  completions: opt(fc.integer({ min: 1, max: 3 })),
  // CronJob
  schedule: fc.constantFrom('*/5 * * * *', '0 3 * * 1-5', '@hourly'),
  timeZone: opt(fc.constant('Etc/UTC')),
  concurrencyPolicy: opt(fc.constantFrom('Allow', 'Forbid', 'Replace')),
  startingDeadlineSeconds: opt(fc.integer({ min: 10, max: 300 })),
  suspend: opt(fc.boolean()),
  successfulJobsHistoryLimit: opt(fc.nat(5)),
  failedJobsHistoryLimit: opt(fc.nat(3)),
});
type WorkloadPlan = typeof workloadPlan extends fc.Arbitrary<infer T> ? T : never;

/**
 * The hash cdk8s ends a construct's label value with (`Names.toLabelValue`: the path's components
 * and a hash of HASH_LEN = 8 characters, the whole at most 63, cdk8s lib/names.js@2.70.0), as the
 * `cdk8s.io/metadata.addr` label of a synthesized program has it. (A longer one made the label
 * value longer than the API server's 63 characters, and the generated object invalid.)
 */
const ADDRESS = 'c8e4bb39';

function workload(kind: ConvertKind, name: string, md: any, spec: any, w: WorkloadPlan): any {
  const apiVersion = kind === 'Pod' ? 'v1' : kind === 'Job' || kind === 'CronJob' ? 'batch/v1' : 'apps/v1';
  if (kind === 'Pod') {
    const metadata = { ...md, labels: { ...(md.labels ?? {}), ...(w.addressLabel ? { 'cdk8s.io/metadata.addr': `manifests-${name}-${ADDRESS}` } : {}) } };
    if (Object.keys(metadata.labels).length === 0) delete metadata.labels;
    return { apiVersion, kind, metadata, spec };
  }
  const labels: any = { app: name };
  if (w.addressLabel) labels['cdk8s.io/metadata.addr'] = `manifests-${name}-${ADDRESS}`;
  const templateMetadata: any = { labels };
  if (w.templateAnnotations) templateMetadata.annotations = { ...w.templateAnnotations };
  const template = { metadata: templateMetadata, spec };
  const out: any = { apiVersion, kind, metadata: md, spec: {} };
  const s = out.spec;
  if (kind === 'DaemonSet' || kind === 'Deployment') {
    s.selector = { matchLabels: { ...labels } };
    if (w.selectorExpressions) s.selector.matchExpressions = [{ key: 'app', operator: 'In', values: [name] }];
    if (w.minReadySeconds !== undefined) s.minReadySeconds = w.minReadySeconds;
    if (w.revisionHistoryLimit !== undefined) s.revisionHistoryLimit = w.revisionHistoryLimit;
  }
  if (kind === 'DaemonSet' && w.daemonSetStrategy) s.updateStrategy = structuredClone(w.daemonSetStrategy);
  if (kind === 'Deployment') {
    if (w.replicas !== undefined) s.replicas = w.replicas;
    // progressDeadlineSeconds must be more than minReadySeconds.
    if (w.progressDeadlineSeconds !== undefined && w.progressDeadlineSeconds > (w.minReadySeconds ?? 0)) {
      s.progressDeadlineSeconds = w.progressDeadlineSeconds;
    }
    if (w.deploymentStrategy) s.strategy = structuredClone(w.deploymentStrategy);
  }
  const jobSpec = (): any => {
    const j: any = {};
    if (w.backoffLimit !== undefined) j.backoffLimit = w.backoffLimit;
    if (w.activeDeadlineSeconds !== undefined) j.activeDeadlineSeconds = w.activeDeadlineSeconds;
    if (w.ttlSecondsAfterFinished !== undefined) j.ttlSecondsAfterFinished = w.ttlSecondsAfterFinished;
    if (w.completions !== undefined) j.completions = w.completions;
    j.template = template;
    return j;
  };
  if (kind === 'Job') {
    out.spec = jobSpec();
    return out;
  }
  if (kind === 'CronJob') {
    s.schedule = w.schedule;
    for (const k of ['timeZone', 'concurrencyPolicy', 'startingDeadlineSeconds', 'suspend', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit'] as const) {
      if (w[k] !== undefined) s[k] = w[k];
    }
    s.jobTemplate = { spec: jobSpec() };
    return out;
  }
  s.template = template;
  return out;
}

const hostProcessObject = fc.record({
  kind: fc.constantFrom(...CONVERT_KINDS),
  metadata: metadataPlan,
  pod: podPlan,
  workload: workloadPlan,
  /** No name: generateName (convert writes it as an ApiObject, without cdk8s' name). */
  unnamed: fc.nat(9),
});

/** Objects convert writes as ApiObjects, exactly as they are. */
const OTHERS: ((name: string) => any)[] = [
  name => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { 'config.yaml': 'level: info\n', 'empty': '' } }),
  name => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: 'kube-system' } }),
  name => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 'http' }] } }),
  name => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'registry.k8s.io/pause:3.10' }] } }),
  () => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'settings-' }, data: { a: 'b' } }),
];

const objectPlan = fc.oneof(
  { weight: 6, arbitrary: hostProcessObject.map(o => ({ hostProcess: o, other: undefined })) },
  { weight: 1, arbitrary: fc.nat(OTHERS.length - 1).map(i => ({ hostProcess: undefined, other: i })) },
);

const NAMES = ['agent', 'kube-proxy', 'csi.smb-node', 'node-exporter'];

/** The cases. */
export function convertCases(): fc.Arbitrary<ConvertCase> {
  return fc.record({
    objects: fc.array(objectPlan, { minLength: 1, maxLength: 3 }),
    layout: fc.constantFrom('documents', 'list', 'list-and-documents'),
    names: fc.nat(NAMES.length - 1),
  }).map(({ objects, layout, names }) => {
    const generated: GeneratedObject[] = objects.map((o, i) => {
      const name = `${NAMES[(names + i) % NAMES.length]}-${i}`;
      if (o.other !== undefined) return { manifest: OTHERS[o.other](name), construct: false };
      const h = o.hostProcess!;
      const md: any = { name };
      if (h.metadata.namespace) md.namespace = h.metadata.namespace;
      if (h.metadata.labels) md.labels = { ...h.metadata.labels };
      if (h.metadata.annotations) md.annotations = { ...h.metadata.annotations };
      const unnamed = h.unnamed === 0;
      if (unnamed) {
        delete md.name;
        md.generateName = `${name}-`;
      }
      return { manifest: workload(h.kind, name, md, podSpec(h.pod, h.kind), h.workload), construct: !unnamed };
    });
    const docs = (items: GeneratedObject[]) => items.map(g => g.manifest);
    const list = (items: GeneratedObject[]) => ({ apiVersion: 'v1', kind: 'List', items: docs(items) });
    let documents: any[];
    if (layout === 'documents') documents = docs(generated);
    else if (layout === 'list') documents = [list(generated)];
    else documents = [...docs(generated.slice(0, 1)), ...(generated.length > 1 ? [list(generated.slice(1))] : [])];
    const yaml = documents.map(d => YAML.stringify(d, { version: '1.1' })).join('---\n');
    return { yaml, objects: generated, layout };
  });
}

// The differential fuzzer's cases: objects of every kind the lint reads (src/core/k8s/kinds.ts),
// each a valid pod (HostProcess, Windows or Linux) with a few mutations, so that the cases sit at
// the edge of what the API server accepts rather than deep in what it refuses. A case is built from
// a plan of small choices (fast-check shrinks the plan: fewer containers, fewer mutations, the
// first variant of each), and the object is a function of the plan, so a shrunk counterexample is a
// short manifest.
import * as fc from 'fast-check';

/** The kinds the lint reads, with their pod spec's place (kinds.ts); each case is one of them. */
export const KINDS = ['Pod', 'PodTemplate', 'Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'] as const;
export type Kind = typeof KINDS[number];

/**
 * What the base pod is: HostProcess through the pod's windowsOptions, HostProcess through each
 * container's, a Windows pod without HostProcess, or a Linux pod (outside the lint's default scope:
 * the fuzzer runs the lint with --all).
 */
export const PROFILES = ['host-process', 'host-process-per-container', 'windows', 'linux'] as const;
export type Profile = typeof PROFILES[number];

/** Handlers a probe can have (0: none). */
const PROBE_HANDLERS = ['none', 'exec', 'httpGet', 'tcpSocket', 'grpc'] as const;
/** Handlers a lifecycle hook can have (0: none). */
const HOOK_HANDLERS = ['none', 'exec', 'httpGet', 'tcpSocket', 'sleep'] as const;
/** Volume sources the base pods use. */
export const VOLUME_SOURCES = ['hostPath', 'hostPathTyped', 'emptyDir', 'configMap'] as const;

/** The accounts a HostProcess container runs as (a local group last: containerd 1.7+). */
export const HOST_PROCESS_USERS = ['NT AUTHORITY\\SYSTEM', 'NT AUTHORITY\\Local service', 'NT AUTHORITY\\NetworkService', 'hpc-agents'];
/** The accounts of Windows containers that are not HostProcess. */
const CONTAINER_USERS = ['ContainerUser', 'ContainerAdministrator'];

interface ContainerPlan {
  readonly ports: number;
  readonly portNames: boolean;
  readonly hostPorts: boolean;
  readonly liveness: number;
  readonly readiness: number;
  readonly startup: number;
  readonly postStart: number;
  readonly preStop: number;
  readonly resources: boolean;
  /** Which volumes it mounts, as bits. */
  readonly mounts: number;
  /** Its own runAsUserName (an index into the profile's users), or none (-1). */
  readonly user: number;
  /** Valid Linux-only securityContext fields, as bits (Linux pods only). */
  readonly linux: number;
}

interface InitContainerPlan extends ContainerPlan {
  /** A native sidecar (restartPolicy: Always), which may have probes and lifecycle hooks. */
  readonly sidecar: boolean;
}

/** One mutation: an operation of MUTATIONS, where (`at`: which container, port, volume) and which variant. */
export interface Mutation {
  readonly op: string;
  readonly at: number;
  readonly pick: number;
}

export interface Plan {
  readonly kind: Kind;
  readonly profile: Profile;
  /** Whether spec.os is written (windows or linux, as the profile is). */
  readonly os: boolean;
  readonly nodeSelector: boolean;
  readonly user: number;
  readonly containers: readonly ContainerPlan[];
  readonly initContainers: readonly InitContainerPlan[];
  readonly volumes: readonly number[];
  /** Valid Linux-only pod fields, as bits (Linux pods only). */
  readonly podLinux: number;
  readonly mutations: readonly Mutation[];
}

/** A case: the object, and what went into it (for the figures and the counterexample). */
export interface FuzzCase {
  readonly kind: Kind;
  readonly profile: Profile;
  readonly mutations: readonly string[];
  readonly manifest: any;
}

const containerPlan = fc.record({
  ports: fc.nat(2),
  portNames: fc.boolean(),
  hostPorts: fc.boolean(),
  liveness: fc.nat(PROBE_HANDLERS.length - 1),
  readiness: fc.nat(PROBE_HANDLERS.length - 1),
  startup: fc.nat(PROBE_HANDLERS.length - 1),
  postStart: fc.nat(HOOK_HANDLERS.length - 1),
  preStop: fc.nat(HOOK_HANDLERS.length - 1),
  resources: fc.boolean(),
  mounts: fc.nat(7),
  user: fc.integer({ min: -1, max: 3 }),
  linux: fc.nat(63),
});

const mutation = (ops: readonly string[]) => fc.record({ op: fc.constantFrom(...ops), at: fc.nat(5), pick: fc.nat(15) });

/** The plans of cases; `mutations` bounds how many mutations each has. */
export function plans(maxMutations = 3): fc.Arbitrary<Plan> {
  return fc.record({
    kind: fc.constantFrom(...KINDS),
    profile: fc.constantFrom(...PROFILES),
    os: fc.boolean(),
    nodeSelector: fc.boolean(),
    user: fc.nat(3),
    containers: fc.array(containerPlan, { minLength: 1, maxLength: 3 }),
    initContainers: fc.array(fc.record({ plan: containerPlan, sidecar: fc.boolean() })
      .map(({ plan, sidecar }) => ({ ...plan, sidecar })), { maxLength: 2 }),
    volumes: fc.array(fc.nat(VOLUME_SOURCES.length - 1), { maxLength: 3 }),
    podLinux: fc.nat(31),
    mutations: fc.array(mutation(Object.keys(MUTATIONS)), { maxLength: maxMutations }),
  });
}

/** The cases: a plan and the object built from it. */
export function cases(maxMutations = 3): fc.Arbitrary<FuzzCase> {
  return plans(maxMutations).map(build);
}

const isHostProcess = (profile: Profile) => profile === 'host-process' || profile === 'host-process-per-container';
const isWindows = (profile: Profile) => profile !== 'linux';

/** The object a plan describes. */
export function build(plan: Plan): FuzzCase {
  const spec = podSpec(plan);
  const ctx: Context = { kind: plan.kind, profile: plan.profile };
  for (const m of plan.mutations) MUTATIONS[m.op](spec, ctx, m.at, m.pick);
  return { kind: plan.kind, profile: plan.profile, mutations: plan.mutations.map((m) => m.op), manifest: wrap(plan.kind, spec) };
}

const LABELS = { app: 'fuzz' };

/** A valid object of `kind` around `spec` (a Job's pods restart OnFailure, the others Always). */
export function wrap(kind: Kind, spec: any): any {
  const metadata = { name: 'fuzz' };
  const template = { metadata: { labels: LABELS }, spec };
  const selector = { matchLabels: LABELS };
  switch (kind) {
    case 'Pod': return { apiVersion: 'v1', kind, metadata, spec };
    case 'PodTemplate': return { apiVersion: 'v1', kind, metadata, template };
    case 'ReplicationController': return { apiVersion: 'v1', kind, metadata, spec: { selector: LABELS, template } };
    case 'StatefulSet': return { apiVersion: 'apps/v1', kind, metadata, spec: { selector, serviceName: 'fuzz', template } };
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
      return { apiVersion: 'apps/v1', kind, metadata, spec: { selector, template } };
    case 'Job': return { apiVersion: 'batch/v1', kind, metadata, spec: { template: { ...template, spec: { ...spec, restartPolicy: 'OnFailure' } } } };
    case 'CronJob':
      return {
        apiVersion: 'batch/v1',
        kind,
        metadata,
        spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: { ...template, spec: { ...spec, restartPolicy: 'OnFailure' } } } } },
      };
  }
}

const CONTAINER_NAMES = ['agent', 'exporter', 'logs'];
const INIT_NAMES = ['setup', 'proxy'];

function podSpec(plan: Plan): any {
  const { profile } = plan;
  const windows = isWindows(profile);
  const hostNetwork = isHostProcess(profile);
  const spec: any = {};
  if (plan.os) spec.os = { name: windows ? 'windows' : 'linux' };
  if (plan.nodeSelector) spec.nodeSelector = { 'kubernetes.io/os': windows ? 'windows' : 'linux' };
  if (hostNetwork) spec.hostNetwork = true;
  if (profile === 'host-process') {
    spec.securityContext = { windowsOptions: { hostProcess: true, runAsUserName: HOST_PROCESS_USERS[plan.user] } };
  } else if (profile === 'host-process-per-container') {
    spec.securityContext = { windowsOptions: { runAsUserName: HOST_PROCESS_USERS[plan.user] } };
  } else if (profile === 'windows' && plan.user < CONTAINER_USERS.length) {
    spec.securityContext = { windowsOptions: { runAsUserName: CONTAINER_USERS[plan.user] } };
  } else if (profile === 'linux') {
    const sc = linuxPodFields(plan.podLinux);
    if (Object.keys(sc).length > 0) spec.securityContext = sc;
  }
  const volumes = plan.volumes.map((source, i) => volume(`data-${i}`, VOLUME_SOURCES[source], windows));
  spec.containers = plan.containers.map((c, i) => container(CONTAINER_NAMES[i], 8000 + 100 * i, c, plan, volumes, hostNetwork));
  if (plan.initContainers.length > 0) {
    spec.initContainers = plan.initContainers.map((c, i) => {
      const ctr = container(INIT_NAMES[i], 9000 + 100 * i, c, plan, volumes, hostNetwork, c.sidecar);
      if (c.sidecar) ctr.restartPolicy = 'Always';
      return ctr;
    });
  }
  if (volumes.length > 0) spec.volumes = volumes;
  return spec;
}

export function volume(name: string, source: typeof VOLUME_SOURCES[number], windows: boolean): any {
  switch (source) {
    case 'hostPath': return { name, hostPath: { path: windows ? 'C:\\var\\log' : '/var/log' } };
    case 'hostPathTyped': return { name, hostPath: { path: windows ? 'C:\\etc\\agent' : '/etc/agent', type: 'DirectoryOrCreate' } };
    case 'emptyDir': return { name, emptyDir: {} };
    case 'configMap': return { name, configMap: { name: 'agent-config' } };
  }
}

function container(name: string, firstPort: number, c: ContainerPlan, plan: Plan, volumes: any[], hostNetwork: boolean, sidecar = true): any {
  const windows = isWindows(plan.profile);
  const ctr: any = { name, image: windows ? 'mcr.microsoft.com/windows/nanoserver:ltsc2022' : 'registry.k8s.io/pause:3.10' };
  const ports = Array.from({ length: c.ports }, (_, j) => {
    const port: any = { containerPort: firstPort + j };
    if (c.portNames) port.name = ['http', 'metrics'][j];
    // With the host network a hostPort must be the containerPort; without it, any free one.
    if (c.hostPorts) port.hostPort = hostNetwork ? port.containerPort : port.containerPort + 1000;
    return port;
  });
  if (ports.length > 0) ctr.ports = ports;
  // A probe's or hook's port: the container's first port, by name where it has one.
  const port = ports.length === 0 ? 8080 : ports[0].name ?? ports[0].containerPort;
  const numericPort = ports.length === 0 ? 8080 : ports[0].containerPort;
  const command = windows ? ['cmd', '/c', 'exit 0'] : ['true'];
  const probe = (handler: number): any => {
    switch (PROBE_HANDLERS[handler]) {
      case 'exec': return { exec: { command } };
      case 'httpGet': return { httpGet: { path: '/healthz', port } };
      case 'tcpSocket': return { tcpSocket: { port } };
      case 'grpc': return { grpc: { port: numericPort } };
      default: return undefined;
    }
  };
  const hook = (handler: number): any => {
    switch (HOOK_HANDLERS[handler]) {
      case 'exec': return { exec: { command } };
      case 'httpGet': return { httpGet: { path: '/shutdown', port } };
      case 'tcpSocket': return { tcpSocket: { port } };
      case 'sleep': return { sleep: { seconds: 5 } };
      default: return undefined;
    }
  };
  // An init container that is not a sidecar may have neither probes nor hooks.
  if (sidecar) {
    for (const [key, handler] of [['livenessProbe', c.liveness], ['readinessProbe', c.readiness], ['startupProbe', c.startup]] as const) {
      if (handler > 0) ctr[key] = probe(handler);
    }
    const lifecycle: any = {};
    if (c.postStart > 0) lifecycle.postStart = hook(c.postStart);
    if (c.preStop > 0) lifecycle.preStop = hook(c.preStop);
    if (Object.keys(lifecycle).length > 0) ctr.lifecycle = lifecycle;
  }
  if (c.resources) ctr.resources = { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } };
  const mounts = volumes.filter((_, i) => bit(c.mounts, i))
    .map((v) => ({ name: v.name, mountPath: windows ? `C:\\mnt\\${v.name}` : `/mnt/${v.name}` }));
  if (mounts.length > 0) ctr.volumeMounts = mounts;
  const sc: any = {};
  if (plan.profile === 'host-process-per-container') sc.windowsOptions = { hostProcess: true };
  if (c.user >= 0) {
    if (isHostProcess(plan.profile)) sc.windowsOptions = { ...sc.windowsOptions, runAsUserName: HOST_PROCESS_USERS[c.user] };
    else if (plan.profile === 'windows' && c.user < CONTAINER_USERS.length) sc.windowsOptions = { runAsUserName: CONTAINER_USERS[c.user] };
  }
  if (plan.profile === 'linux') Object.assign(sc, linuxContainerFields(c.linux));
  if (Object.keys(sc).length > 0) ctr.securityContext = sc;
  return ctr;
}

/** Whether bit `i` of `bits` is set. */
const bit = (bits: number, i: number) => Math.floor(bits / 2 ** i) % 2 === 1;

/** Valid Linux-only pod securityContext fields, chosen by bits. */
function linuxPodFields(bits: number): any {
  const all = [
    ['runAsUser', 1000], ['runAsGroup', 1000], ['fsGroup', 2000],
    ['supplementalGroups', [3000]], ['seccompProfile', { type: 'RuntimeDefault' }],
  ] as const;
  return Object.fromEntries(all.filter((_, i) => bit(bits, i)));
}

/** Valid Linux-only container securityContext fields, chosen by bits. */
function linuxContainerFields(bits: number): any {
  const all = [
    ['runAsUser', 1000], ['runAsNonRoot', true], ['readOnlyRootFilesystem', true],
    ['capabilities', { drop: ['ALL'] }], ['seccompProfile', { type: 'RuntimeDefault' }], ['allowPrivilegeEscalation', false],
  ] as const;
  return Object.fromEntries(all.filter((_, i) => bit(bits, i)));
}

interface Context {
  readonly kind: Kind;
  readonly profile: Profile;
}

type Apply = (spec: any, ctx: Context, at: number, pick: number) => void;

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HOOKS = ['postStart', 'preStop'] as const;

const choose = <T>(values: readonly T[], pick: number): T => values[pick % values.length];
/** `pick` with its `n` low bits dropped: another variant from the same number. */
const shift = (pick: number, n: number) => Math.floor(pick / 2 ** n);

/** Every container of the spec, init containers first (the order Kubernetes visits them). */
function allContainers(spec: any): any[] {
  return [...(Array.isArray(spec.initContainers) ? spec.initContainers : []), ...(Array.isArray(spec.containers) ? spec.containers : [])];
}

/** A container to mutate: init or regular, by `at`. */
function anyContainer(spec: any, at: number): any {
  const all = allContainers(spec).filter((c) => c !== null && typeof c === 'object');
  return all.length > 0 ? all[at % all.length] : undefined;
}

/** A regular container, or a sidecar: one that may have probes and hooks. */
function probedContainer(spec: any, at: number): any {
  const all = allContainers(spec).filter((c) => c !== null && typeof c === 'object' && (spec.containers?.includes(c) || c.restartPolicy === 'Always'));
  return all.length > 0 ? all[at % all.length] : undefined;
}

/** A port of a container (one is added when it has none). */
function portOf(ctr: any, at: number): any {
  if (!Array.isArray(ctr.ports) || ctr.ports.length === 0) ctr.ports = [{ containerPort: 7000 + at }];
  return ctr.ports[at % ctr.ports.length];
}

/** A volume of the spec (one is added when it has none). */
function volumeOf(spec: any, at: number): any {
  if (!Array.isArray(spec.volumes) || spec.volumes.length === 0) spec.volumes = [{ name: 'extra', emptyDir: {} }];
  return spec.volumes[at % spec.volumes.length];
}

function windowsOptionsOf(holder: any): any {
  holder.securityContext ??= {};
  holder.securityContext.windowsOptions ??= {};
  return holder.securityContext.windowsOptions;
}

/** A path a container can mount at, on the pod's OS. */
const mountPath = (ctx: Context, name: string) => (isWindows(ctx.profile) ? `C:\\mnt\\${name}` : `/mnt/${name}`);

/** A handler of each kind a probe can have, valid. */
const PROBE_HANDLER_VALUES: { [key: string]: any } = {
  exec: { command: ['cmd', '/c', 'exit 0'] },
  httpGet: { path: '/healthz', port: 8080 },
  tcpSocket: { port: 8080 },
  grpc: { port: 9090 },
};
const HOOK_HANDLER_VALUES: { [key: string]: any } = {
  exec: { command: ['cmd', '/c', 'exit 0'] },
  httpGet: { path: '/shutdown', port: 8080 },
  tcpSocket: { port: 8080 },
  sleep: { seconds: 5 },
};

/**
 * The mutations, by name: each changes a valid spec in one place, toward what the API server
 * refuses (or just accepts). `at` chooses the place, `pick` the variant, both modulo what is there.
 */
export const MUTATIONS: { readonly [op: string]: Apply } = {
  // names: DNS labels, duplicates
  'container-name': (spec, _ctx, at, pick) => {
    const ctr = anyContainer(spec, at);
    if (!ctr) return;
    const other = allContainers(spec).find((c) => c !== ctr && typeof c?.name === 'string')?.name ?? 'agent';
    ctr.name = choose(['', 'Agent', 'a_b', '-agent', 'agent.v2', 'a'.repeat(64), other, 'a'.repeat(63)], pick);
  },
  'container-image': (spec, _ctx, at) => {
    const ctr = anyContainer(spec, at);
    if (ctr) ctr.image = '';
  },
  'init-name-duplicate': (spec, _ctx, at) => {
    const name = spec.containers?.[at % (spec.containers?.length || 1)]?.name ?? 'agent';
    spec.initContainers = [...(spec.initContainers ?? []), { name, image: 'mcr.microsoft.com/windows/nanoserver:ltsc2022' }];
    inheritHostProcess(spec);
  },
  'volume-name': (spec, _ctx, at, pick) => {
    const v = volumeOf(spec, at);
    const other = spec.volumes.find((w: any) => w !== v)?.name ?? 'data-0';
    v.name = choose(['', 'Data', 'a_b', 'data.v2', 'v'.repeat(64), other], pick);
  },
  // ports
  'port-number': (spec, _ctx, at, pick) => {
    const ctr = anyContainer(spec, at);
    if (!ctr) return;
    const port = portOf(ctr, shift(pick, 3));
    const [key, value] = choose<[string, number]>([
      ['containerPort', 0], ['containerPort', -1], ['containerPort', 65536], ['containerPort', 99999],
      ['hostPort', -1], ['hostPort', 65536], ['hostPort', 70000], ['hostPort', port.containerPort + 1],
    ], pick);
    port[key] = value;
  },
  'port-name': (spec, _ctx, at, pick) => {
    const ctr = anyContainer(spec, at);
    if (!ctr) return;
    const port = portOf(ctr, 0);
    const variants = ['HTTP', 'a--b', '123', 'x'.repeat(16), 'a_b', '-a', 'duplicate', 'web'];
    const name = choose(variants, pick);
    if (name === 'duplicate') {
      port.name ??= 'web';
      ctr.ports.push({ name: port.name, containerPort: port.containerPort + 50 });
    } else {
      port.name = name;
    }
  },
  'port-protocol': (spec, _ctx, at, pick) => {
    const ctr = anyContainer(spec, at);
    if (ctr) portOf(ctr, 0).protocol = choose(['UDP', 'SCTP', 'tcp', 'FOO', ''], pick);
  },
  'port-duplicate': (spec, _ctx, at, pick) => {
    const ctr = anyContainer(spec, at);
    if (!ctr) return;
    const port = portOf(ctr, 0);
    // The same port again in the same container, or in another (hostPort conflicts are per pod).
    const to = pick % 2 === 0 ? ctr : anyContainer(spec, at + 1);
    to.ports = [...(Array.isArray(to.ports) ? to.ports : []), { ...port, hostPort: pick % 4 < 2 ? port.hostPort : port.containerPort }];
  },
  // probes
  'probe-empty': (spec, _ctx, at, pick) => {
    const ctr = probedContainer(spec, at);
    if (ctr) ctr[choose(PROBES, pick)] = {};
  },
  'probe-two-handlers': (spec, _ctx, at, pick) => {
    const ctr = probedContainer(spec, at);
    if (!ctr) return;
    const keys = Object.keys(PROBE_HANDLER_VALUES);
    const first = choose(keys, pick);
    const second = choose(keys.filter((k) => k !== first), shift(pick, 2));
    ctr[choose(PROBES, shift(pick, 1))] = { [first]: PROBE_HANDLER_VALUES[first], [second]: PROBE_HANDLER_VALUES[second] };
  },
  'probe-exec-empty': (spec, _ctx, at, pick) => {
    const ctr = probedContainer(spec, at);
    if (ctr) ctr[choose(PROBES, pick)] = { exec: pick % 2 === 0 ? { command: [] } : {} };
  },
  'probe-port': (spec, _ctx, at, pick) => {
    const ctr = probedContainer(spec, at);
    if (!ctr) return;
    const [handler, port] = choose<[string, number | string]>([
      ['httpGet', 0], ['httpGet', 65536], ['httpGet', 'bad_name'], ['httpGet', 'HTTP'], ['tcpSocket', '8080'],
      ['tcpSocket', -1], ['tcpSocket', 'unknown'], ['grpc', 0], ['grpc', 65536], ['httpGet', 'a--b'], ['httpGet', {} as any],
    ], pick);
    ctr[choose(PROBES, at)] = { [handler]: handler === 'httpGet' ? { path: '/', port } : { port } };
  },
  'probe-number': (spec, _ctx, at, pick) => {
    const ctr = probedContainer(spec, at);
    if (!ctr) return;
    const key = choose(PROBES, at);
    ctr[key] ??= { tcpSocket: { port: 8080 } };
    const [field, value] = choose<[string, number]>([
      ['initialDelaySeconds', -1], ['timeoutSeconds', -1], ['periodSeconds', -1], ['successThreshold', 2], ['successThreshold', -1],
      ['failureThreshold', -1], ['terminationGracePeriodSeconds', 0], ['terminationGracePeriodSeconds', 5], ['periodSeconds', 0],
    ], pick);
    if (ctr[key] !== null && typeof ctr[key] === 'object') ctr[key][field] = value;
  },
  // lifecycle hooks
  'hook-empty': (spec, _ctx, at, pick) => {
    const ctr = probedContainer(spec, at);
    if (ctr) ctr.lifecycle = { ...ctr.lifecycle, [choose(HOOKS, pick)]: {} };
  },
  'hook-two-handlers': (spec, _ctx, at, pick) => {
    const ctr = probedContainer(spec, at);
    if (!ctr) return;
    const keys = Object.keys(HOOK_HANDLER_VALUES);
    const first = choose(keys, pick);
    const second = choose(keys.filter((k) => k !== first), shift(pick, 2));
    const handlers = { [first]: HOOK_HANDLER_VALUES[first], [second]: HOOK_HANDLER_VALUES[second] };
    ctr.lifecycle = { ...ctr.lifecycle, [choose(HOOKS, shift(pick, 1))]: handlers };
  },
  'hook-sleep': (spec, _ctx, at, pick) => {
    const ctr = probedContainer(spec, at);
    if (ctr) ctr.lifecycle = { ...ctr.lifecycle, [choose(HOOKS, shift(pick, 3))]: { sleep: { seconds: choose([0, -1, 30, 31, 100, 1], pick) } } };
  },
  'hook-handler-invalid': (spec, _ctx, at, pick) => {
    const ctr = probedContainer(spec, at);
    if (!ctr) return;
    const handler = choose([{ exec: { command: [] } }, { exec: {} }, { httpGet: { port: 0 } }, { tcpSocket: { port: 'Bad' } }, { httpGet: { port: 'web' } }], pick);
    ctr.lifecycle = { ...ctr.lifecycle, [choose(HOOKS, at)]: handler };
  },
  // volumes and mounts
  'mount-missing-volume': (spec, ctx, at) => {
    const ctr = anyContainer(spec, at);
    if (ctr) ctr.volumeMounts = [...(ctr.volumeMounts ?? []), { name: 'missing', mountPath: mountPath(ctx, 'missing') }];
  },
  'mount-invalid': (spec, ctx, at, pick) => {
    const ctr = anyContainer(spec, at);
    if (!ctr) return;
    const v = volumeOf(spec, at);
    const mounts = ctr.volumeMounts = [...(ctr.volumeMounts ?? [])];
    switch (pick % 4) {
      case 0: mounts.push({ name: '', mountPath: mountPath(ctx, 'x') }); break;
      case 1: mounts.push({ name: v.name, mountPath: '' }); break;
      case 2: mounts.push({ name: v.name, mountPath: mountPath(ctx, 'a') }, { name: v.name, mountPath: mountPath(ctx, 'a') }); break;
      default: mounts.push({ name: v.name }); break;
    }
  },
  'volume-source': (spec, _ctx, at, pick) => {
    const v = volumeOf(spec, at);
    for (const key of Object.keys(v)) if (key !== 'name') delete v[key];
    switch (pick % 6) {
      case 0: break;
      case 1: Object.assign(v, { hostPath: { path: 'C:\\data' }, emptyDir: {} }); break;
      case 2: Object.assign(v, { emptyDir: {}, configMap: { name: 'c' } }); break;
      case 3: Object.assign(v, { configMap: { name: 'c' }, hostPath: { path: '/x' }, emptyDir: {} }); break;
      case 4: Object.assign(v, { secret: { secretName: 's' }, configMap: { name: 'c' } }); break;
      default: Object.assign(v, { hostPath: { path: 'C:\\data' } }); break;
    }
  },
  'volume-invalid': (spec, _ctx, at, pick) => {
    const v = volumeOf(spec, at);
    for (const key of Object.keys(v)) if (key !== 'name') delete v[key];
    Object.assign(v, choose([
      { hostPath: { path: '' } }, { hostPath: {} }, { hostPath: { path: '/var/../etc' } }, { hostPath: { path: 'C:\\x', type: 'Bogus' } },
      { hostPath: { path: 'C:\\x', type: '' } }, { configMap: { name: '' } }, { configMap: {} }, { hostPath: { path: '..' } },
    ], pick));
  },
  // init containers and sidecars
  'init-probe': (spec, _ctx, at, pick) => {
    spec.initContainers = [...(spec.initContainers ?? [])];
    let init = spec.initContainers.find((c: any) => c?.restartPolicy !== 'Always');
    if (!init) {
      init = { name: 'prepare', image: 'mcr.microsoft.com/windows/nanoserver:ltsc2022' };
      spec.initContainers.push(init);
      inheritHostProcess(spec);
    }
    const key = choose([...PROBES, 'lifecycle'], pick + at);
    init[key] = key === 'lifecycle' ? { preStop: HOOK_HANDLER_VALUES.exec } : { exec: PROBE_HANDLER_VALUES.exec };
  },
  'init-restart-policy': (spec, _ctx, at, pick) => {
    const inits = Array.isArray(spec.initContainers) ? spec.initContainers : [];
    if (inits.length === 0) return;
    const init = inits[at % inits.length];
    const value = choose(['Always', 'Never', 'OnFailure', 'Sometimes', undefined], pick);
    if (value === undefined) delete init.restartPolicy;
    else init.restartPolicy = value;
  },
  // resources
  'resources': (spec, _ctx, at, pick) => {
    const ctr = anyContainer(spec, at);
    if (!ctr) return;
    ctr.resources = choose([
      { limits: { cpu: '1' }, requests: { cpu: '1500m' } }, { limits: { memory: '1Gi' }, requests: { memory: '2Gi' } },
      { limits: { cpu: '-1' } }, { requests: { memory: '-128Mi' } }, { requests: { foo: '1' } }, { limits: { cpu: '500m' } },
      { limits: { memory: '1024Mi' }, requests: { memory: '1025Mi' } }, { limits: { cpu: '2' }, requests: { cpu: '2000m' } },
      { limits: { cpu: '0.5' }, requests: { cpu: '0.6' } }, { limits: { memory: '1G' }, requests: { memory: '1Gi' } },
    ], pick);
  },
  'pod-resources': (spec) => {
    spec.resources = { limits: { cpu: '1', memory: '1Gi' } };
  },
  // HostProcess, the host network, users
  'host-process': (spec, _ctx, at, pick) => {
    const holder = pick % 4 === 0 ? spec : anyContainer(spec, at) ?? spec;
    const value = choose([true, false, undefined], shift(pick, 2));
    const options = windowsOptionsOf(holder);
    if (value === undefined) delete options.hostProcess;
    else options.hostProcess = value;
  },
  'host-network': (spec, _ctx, _at, pick) => {
    const value = choose([false, undefined, true], pick);
    if (value === undefined) delete spec.hostNetwork;
    else spec.hostNetwork = value;
  },
  'run-as-user-name': (spec, _ctx, at, pick) => {
    const holder = pick % 3 === 0 ? spec : anyContainer(spec, at) ?? spec;
    windowsOptionsOf(holder).runAsUserName = choose([
      '', 'a\\b\\c', 'DOMAIN\\', 'x'.repeat(105), 'bad:user', '...', 'NT AUTHORITY\\SYSTEM', 'ContainerUser', `${'d'.repeat(256)}\\user`, '.domain\\user', 'tab\there',
    ], shift(pick, 1));
  },
  'gmsa': (spec, _ctx, at, pick) => {
    const options = windowsOptionsOf(pick % 2 === 0 ? spec : anyContainer(spec, at) ?? spec);
    if (pick % 4 < 2) options.gmsaCredentialSpecName = choose(['Bad_Name', 'gmsa-webapp'], shift(pick, 2));
    else options.gmsaCredentialSpec = choose(['', '{}'], shift(pick, 2));
  },
  'os': (spec, _ctx, _at, pick) => {
    const value = choose([undefined, { name: 'windows' }, { name: 'linux' }, { name: 'Windows' }, { name: '' }, {}], pick);
    if (value === undefined) delete spec.os;
    else spec.os = value;
  },
  'node-selector': (spec, _ctx, _at, pick) => {
    spec.nodeSelector = choose([{ 'kubernetes.io/os': 'windows' }, { 'kubernetes.io/os': 'linux' }, {}], pick);
  },
  // Linux-only fields, valid in themselves
  'linux-pod-field': (spec, _ctx, _at, pick) => {
    const [path, value] = choose<[string, unknown]>([
      ['hostPID', true], ['hostIPC', true], ['securityContext.runAsUser', 0], ['securityContext.runAsGroup', 1000],
      ['securityContext.fsGroup', 2000], ['securityContext.supplementalGroups', [3000]], ['securityContext.seLinuxOptions', { level: 's0:c1' }],
      ['securityContext.seccompProfile', { type: 'RuntimeDefault' }], ['securityContext.sysctls', [{ name: 'net.ipv4.ip_forward', value: '1' }]],
      ['securityContext.fsGroupChangePolicy', 'OnRootMismatch'], ['securityContext.runAsNonRoot', true], ['shareProcessNamespace', true],
      ['hostUsers', false], ['hostPID', false], ['securityContext.appArmorProfile', { type: 'RuntimeDefault' }],
    ], pick);
    setPath(spec, path, value);
  },
  'linux-container-field': (spec, _ctx, at, pick) => {
    const ctr = anyContainer(spec, at);
    if (!ctr) return;
    const [key, value] = choose<[string, unknown]>([
      ['privileged', true], ['allowPrivilegeEscalation', false], ['capabilities', { add: ['NET_ADMIN'] }], ['runAsUser', 0],
      ['runAsGroup', 1000], ['readOnlyRootFilesystem', true], ['procMount', 'Default'], ['seccompProfile', { type: 'RuntimeDefault' }],
      ['seLinuxOptions', { level: 's0:c1' }], ['appArmorProfile', { type: 'RuntimeDefault' }], ['runAsNonRoot', true], ['privileged', false],
    ], pick);
    ctr.securityContext = { ...ctr.securityContext, [key]: value };
  },
  'ephemeral-container': (spec, _ctx, _at, pick) => {
    const image = 'mcr.microsoft.com/windows/nanoserver:ltsc2022';
    spec.ephemeralContainers = [choose([
      { name: 'debug', image }, { name: spec.containers?.[0]?.name ?? 'agent', image }, { name: 'Debug', image: '' },
      { name: 'debug', image, volumeMounts: [{ name: 'missing', mountPath: 'C:\\debug' }] },
    ], pick)];
  },
  // broken shapes: what the API server cannot decode, or does not know
  'wrong-type': (spec, _ctx, at, pick) => {
    const ctr = anyContainer(spec, at) ?? spec.containers?.[0] ?? {};
    switch (pick % 9) {
      case 0: spec.hostNetwork = 'true'; break;
      case 1: ctr.ports = { containerPort: 80 }; break;
      case 2: portOf(ctr, 0).containerPort = '80'; break;
      case 3: ctr.command = 'cmd /c exit 0'; break;
      case 4: windowsOptionsOf(spec).hostProcess = 'true'; break;
      case 5: windowsOptionsOf(ctr).runAsUserName = 5; break;
      case 6: ctr.livenessProbe = { exec: { command: ['a'] }, periodSeconds: '10' }; break;
      case 7: volumeOf(spec, at).hostPath = 'C:\\data'; break;
      default: ctr.image = ['a']; break;
    }
  },
  'unknown-field': (spec, _ctx, at, pick) => {
    const ctr = anyContainer(spec, at) ?? spec.containers?.[0] ?? {};
    switch (pick % 6) {
      case 0: ctr.capabilities = { add: ['NET_ADMIN'] }; break;
      case 1: spec.hostnetwork = true; break;
      case 2: ctr.livenessProbe = { httpget: { port: 80 } }; break;
      case 3: windowsOptionsOf(spec).hostprocess = true; break;
      case 4: volumeOf(spec, at).hostpath = { path: 'C:\\x' }; break;
      default: ctr.lifecycle = { preStop: { grpc: { port: 80 } } }; break;
    }
  },
  'null': (spec, _ctx, at, pick) => {
    const ctr = anyContainer(spec, at) ?? spec.containers?.[0] ?? {};
    switch (pick % 6) {
      case 0: ctr.ports = null; break;
      case 1: ctr.securityContext = null; break;
      case 2: ctr.lifecycle = null; break;
      case 3: ctr.livenessProbe = null; break;
      case 4: spec.volumes = null; break;
      default: spec.securityContext = { ...spec.securityContext, windowsOptions: null }; break;
    }
  },
};

/** A new container of a HostProcess pod whose containers say so each is one too (else the pod is refused for it). */
function inheritHostProcess(spec: any): void {
  const perContainer = spec.containers?.some((c: any) => c?.securityContext?.windowsOptions?.hostProcess === true)
    && spec.securityContext?.windowsOptions?.hostProcess === undefined;
  if (!perContainer) return;
  for (const c of allContainers(spec)) {
    if (c && typeof c === 'object' && c.securityContext?.windowsOptions?.hostProcess === undefined) {
      c.securityContext = { ...c.securityContext, windowsOptions: { ...c.securityContext?.windowsOptions, hostProcess: true } };
    }
  }
}

function setPath(target: any, path: string, value: unknown): void {
  const keys = path.split('.');
  let at = target;
  for (const key of keys.slice(0, -1)) {
    at[key] = at[key] !== null && typeof at[key] === 'object' ? at[key] : {};
    at = at[key];
  }
  at[keys[keys.length - 1]] = value;
}

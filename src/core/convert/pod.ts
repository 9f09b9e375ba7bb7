// A pod spec (and its containers) as props of a HostProcess construct. Every field is either
// written as typed code, kept through an escape hatch (a JSON patch), or left out with a reason:
// the functions here take each field they write out of `rest`, and whatever is left is patched.
import { Code, call, code, enumTable, isObject, literal, statement, str } from './code';
import { FieldNote, Patch, Program, declaration, fieldName, pointer } from './emit';
import { ruleMessage } from '../rules/catalog';
import { HOST_NAMESPACE, HOST_NAMESPACE_FIELDS } from '../validation/linux-only-fields';
import { CONTAINER_FIELDS, POD_FIELDS, WINDOWS_FORBIDDEN } from '../validation/pod-os';
import { Cmd } from '../windows/cmd';
import { HostProcessUser } from '../windows/host-process-user';
import { PowerShell } from '../windows/powershell';
import { WindowsBuild } from '../windows/windows-build';

type Path = (string | number)[];

/** Stands for the construct's variable in statements written before it has one. */
export const SELF = '\u0000self\u0000';
type Json = { [key: string]: any };

/** What converting one pod spec gives the construct. */
export interface PodProps {
  /** Props of the construct (typed values as `Code`). */
  readonly props: Json;
  /** Statements after the construct (`<var>.scheduling.tolerate(...)`), with `SELF` for its variable. */
  readonly after: string[];
  readonly patches: Patch[];
  readonly notes: FieldNote[];
}

/** Collects what a conversion could not type. */
export class Leftovers {
  public readonly patches: Patch[] = [];
  public readonly notes: FieldNote[] = [];

  /** Keeps `value` at `path` through a JSON patch. */
  public keep(path: Path, value: unknown, why: string = 'the library has no typed prop for it'): void {
    const field = fieldName(path);
    this.patches.push({ op: 'add', pointer: pointer(path), value, comment: `${field}: ${why}; kept as written` });
    this.notes.push({ field, handling: 'kept', message: `${why}; kept through an escape hatch (JsonPatch.add)` });
  }

  /** Leaves `path` out of the program, saying why. */
  public leaveOut(path: Path, why: string): void {
    this.notes.push({ field: fieldName(path), handling: 'left-out', message: `left out: ${why}` });
  }

  /** Keeps every field still in `rest` (an object at `path` in the output) through JSON patches. */
  public keepRest(rest: Json, path: Path): void {
    for (const [k, v] of Object.entries(rest)) {
      if (v !== undefined) {
        this.keep([...path, k], v);
      }
    }
  }
}

/** Takes `key` out of `obj` and returns its value. */
export function take(obj: Json, key: string): any {
  const value = obj[key];
  delete obj[key];
  return value;
}

const WINDOWS_REJECTS = `the API server rejects it in a windows pod (\`${WINDOWS_FORBIDDEN}\`, ` +
  'validateWindows in kubernetes pkg/apis/core/validation/validation.go@v1.35.4) and the library writes spec.os.name: windows';

/** The user for a runAsUserName: a named account, a local group, or `HostProcessUser.of`. */
export function userCode(program: Program, runAsUserName: string): Code {
  const user = program.lib('HostProcessUser');
  for (const name of ['SYSTEM', 'LOCAL_SERVICE', 'NETWORK_SERVICE'] as const) {
    if (HostProcessUser[name].runAsUserName === runAsUserName) {
      return code(`${user}.${name}`);
    }
  }
  if (!runAsUserName.includes('\\')) {
    return code(`${user}.localGroup(${str(runAsUserName)})`);
  }
  return code(`${user}.of(${str(runAsUserName)})`);
}


function asArray(v: unknown): any[] {
  return Array.isArray(v) ? v : [];
}

/**
 * Converts the pod spec at `path` (a deep copy, consumed) into construct props; `path` is also
 * where the pod spec is in the synthesized manifest, which the escape-hatch patches point into.
 */
export function podProps(program: Program, spec: Json, path: Path, leftovers: Leftovers): PodProps {
  const props: Json = {};
  const after: string[] = [];

  // Pod-level windowsOptions: hostProcess and the account become `user`; the rest is checked below.
  const securityContext: Json = isObject(spec.securityContext) ? spec.securityContext : {};
  delete spec.securityContext;
  const windowsOptions: Json = isObject(securityContext.windowsOptions) ? securityContext.windowsOptions : {};
  delete securityContext.windowsOptions;
  const podHostProcess = take(windowsOptions, 'hostProcess');
  let runAsUserName: string | undefined = take(windowsOptions, 'runAsUserName');
  const containers = asArray(spec.containers);
  const initContainers = asArray(spec.initContainers);
  if (runAsUserName === undefined) {
    // Only the containers name the account: when they agree, it is the pod's.
    const names = new Set([...containers, ...initContainers].map(c => c?.securityContext?.windowsOptions?.runAsUserName));
    if (names.size === 1 && [...names][0] !== undefined) {
      runAsUserName = [...names][0];
    }
  }
  // Every container repeating exactly the pod's windowsOptions is the containerWindowsOptions prop.
  const all = [...containers, ...initContainers];
  const repeated = runAsUserName !== undefined && all.length > 0 && all.every(c => {
    const wo = c?.securityContext?.windowsOptions;
    return isObject(wo) && Object.keys(wo).length === 2 && wo.hostProcess === true && wo.runAsUserName === runAsUserName;
  });
  if (repeated) {
    props.containerWindowsOptions = true;
  }
  if (podHostProcess === false) {
    leftovers.leaveOut([...path, 'securityContext', 'windowsOptions', 'hostProcess'],
      'every container of a HostProcess pod runs as a host process; the library writes hostProcess: true at pod level');
  }
  if (runAsUserName !== undefined) {
    props.user = userCode(program, runAsUserName);
  } else {
    leftovers.notes.push({
      field: fieldName([...path, 'securityContext', 'windowsOptions', 'runAsUserName']),
      handling: 'added',
      message: 'not set in the input: the program writes NT AUTHORITY\\SYSTEM (the default of the user prop); set user to choose another account',
    });
  }
  for (const [k, v] of Object.entries(windowsOptions)) {
    leftovers.keep([...path, 'securityContext', 'windowsOptions', k], v);
  }
  leaveOutWindowsForbidden(spec, securityContext, path, leftovers);
  if (securityContext.runAsNonRoot === false) {
    delete securityContext.runAsNonRoot;
    props.securityContext = { ensureNonRoot: false };
  }
  leftovers.keepRest(securityContext, [...path, 'securityContext']);

  const hostNetwork = take(spec, 'hostNetwork');
  if (hostNetwork === false) {
    leftovers.leaveOut([...path, 'hostNetwork'], 'the API server rejects hostNetwork: false when a pod has a HostProcess container ' +
      `(\`${ruleMessage('host-process-host-network')}\`, validateWindowsHostProcessPod in validation.go@v1.35.4); ` +
      'the library writes true');
  }
  const os = take(spec, 'os');
  if (isObject(os) && os.name !== undefined && os.name !== 'windows') {
    leftovers.leaveOut([...path, 'os', 'name'], `a HostProcess pod runs on Windows; the library writes os.name: windows (was ${JSON.stringify(os.name)})`);
  }

  nodeSelector(program, take(spec, 'nodeSelector'), [...path, 'nodeSelector'], props, leftovers);
  if (typeof spec.priorityClassName === 'string') {
    props.priorityClassName = take(spec, 'priorityClassName');
  }
  if (typeof spec.serviceAccountName === 'string' && (spec.serviceAccount === undefined || spec.serviceAccount === spec.serviceAccountName)) {
    const name = take(spec, 'serviceAccountName');
    delete spec.serviceAccount;
    props.serviceAccount = program.ref('ServiceAccount', name);
  }
  if (typeof spec.automountServiceAccountToken === 'boolean') {
    props.automountServiceAccountToken = take(spec, 'automountServiceAccountToken');
  } else if (props.serviceAccount === undefined) {
    // Without a service account kplus writes false; the API server would mount the default
    // service account's token (shouldAutomount: pod field, then the ServiceAccount's, else true;
    // plugin/pkg/admission/serviceaccount/admission.go in kubernetes, commit 15816b38).
    props.automountServiceAccountToken = true;
  }
  if (Number.isInteger(spec.terminationGracePeriodSeconds) && spec.terminationGracePeriodSeconds >= 0) {
    props.terminationGracePeriod = code(`${program.cdk8s('Duration')}.seconds(${take(spec, 'terminationGracePeriodSeconds')})`);
  }
  const RESTART = enumTable({ Always: 'ALWAYS', OnFailure: 'ON_FAILURE', Never: 'NEVER' });
  if (typeof spec.restartPolicy === 'string' && RESTART[spec.restartPolicy]) {
    props.restartPolicy = code(program.kp(`RestartPolicy.${RESTART[take(spec, 'restartPolicy')]}`));
  }
  const DNS: Json = { ClusterFirst: 'CLUSTER_FIRST', ClusterFirstWithHostNet: 'CLUSTER_FIRST_WITH_HOST_NET', Default: 'DEFAULT', None: 'NONE' };
  if (typeof spec.dnsPolicy === 'string' && DNS[spec.dnsPolicy]) {
    props.dns = { policy: code(program.kp(`DnsPolicy.${DNS[take(spec, 'dnsPolicy')]}`)) };
  }
  const pullSecrets = spec.imagePullSecrets;
  if (Array.isArray(pullSecrets) && pullSecrets.length === 1 && isObject(pullSecrets[0]) && Object.keys(pullSecrets[0]).join() === 'name') {
    delete spec.imagePullSecrets;
    props.dockerRegistryAuth = program.ref('Secret', String(pullSecrets[0].name));
  }
  tolerations(program, spec, path, after, leftovers);
  const attract = affinityCode(program, spec.affinity);
  if (attract !== undefined) {
    delete spec.affinity;
    after.push(...attract);
  }

  const volumes = podVolumes(program, spec, path, props, leftovers);
  props.containers = containerList(program, take(spec, 'containers'), [...path, 'containers'], volumes, repeated, leftovers);
  if (initContainers.length > 0) {
    props.initContainers = containerList(program, take(spec, 'initContainers'), [...path, 'initContainers'], volumes, repeated, leftovers);
  }
  leftovers.keepRest(spec, path);
  return { props, after, patches: leftovers.patches, notes: leftovers.notes };
}

/**
 * Leaves out the pod fields validateWindows forbids, as the engine decides it: its table and its
 * conditions (`hostPID: false` and `sysctls: []` pass, and are kept).
 */
function leaveOutWindowsForbidden(spec: Json, securityContext: Json, path: Path, leftovers: Leftovers): void {
  const pod = { ...spec, securityContext };
  for (const [field, forbidden] of POD_FIELDS) {
    if (!forbidden(pod)) continue;
    const inSecurityContext = field.startsWith('securityContext.');
    const key = inSecurityContext ? field.slice('securityContext.'.length) : field;
    const why = HOST_NAMESPACE_FIELDS.includes(field) ? `${WINDOWS_REJECTS}; ${HOST_NAMESPACE(field)}` : WINDOWS_REJECTS;
    leftovers.leaveOut(inSecurityContext ? [...path, 'securityContext', key] : [...path, key], why);
    delete (inSecurityContext ? securityContext : spec)[key];
  }
}

function nodeSelector(program: Program, selector: unknown, path: Path, props: Json, leftovers: Leftovers): void {
  if (selector === undefined) {
    return;
  }
  if (!isObject(selector)) {
    leftovers.keep(path, selector, 'not a map of labels');
    return;
  }
  const rest: Json = { ...selector };
  const os = take(rest, 'kubernetes.io/os');
  if (os !== undefined && os !== 'windows') {
    leftovers.leaveOut([...path, 'kubernetes.io/os'], `a HostProcess pod runs on Windows nodes; the library selects kubernetes.io/os: windows (was ${JSON.stringify(os)})`);
  }
  const build = rest[WindowsBuild.LABEL];
  if (typeof build === 'string') {
    delete rest[WindowsBuild.LABEL];
    const wb = program.lib('WindowsBuild');
    const named = (['LTSC2019', 'LTSC2022', 'LTSC2025'] as const).find(n => WindowsBuild[n].buildNumber === build);
    props.windowsBuild = code(named ? `${wb}.${named}` : `${wb}.of(${str(build)})`);
  }
  if (Object.keys(rest).length > 0) {
    props.nodeSelector = rest;
  }
}

function tolerations(program: Program, spec: Json, path: Path, after: string[], leftovers: Leftovers): void {
  const list = spec.tolerations;
  if (list === undefined) {
    return;
  }
  const queries = Array.isArray(list) ? list.map(t => tolerationCode(program, t)) : [undefined];
  delete spec.tolerations;
  if (queries.some(q => q === undefined)) {
    leftovers.keep([...path, 'tolerations'], list, 'a toleration kplus cannot write exactly');
    return;
  }
  if (queries.length > 0) {
    after.push(statement(`${SELF}.scheduling.tolerate(`, call(program.kp('Node.tainted'), ...queries), ');'));
  }
}

const EFFECTS = enumTable({ NoSchedule: 'NO_SCHEDULE', PreferNoSchedule: 'PREFER_NO_SCHEDULE', NoExecute: 'NO_EXECUTE' });

function tolerationCode(program: Program, t: any): Code | undefined {
  if (!isObject(t)) return undefined;
  const { key, operator, value, effect, tolerationSeconds, ...other } = t as Json;
  if (Object.keys(other).length > 0 || (effect !== undefined && !EFFECTS[effect])) return undefined;
  if (tolerationSeconds !== undefined && (!Number.isInteger(tolerationSeconds) || tolerationSeconds < 0 || effect !== 'NoExecute')) return undefined;
  const preset = (name: string) => code(`${program.lib('HostProcessTolerations')}.${name}()`);
  if (tolerationSeconds === undefined && value === undefined && operator === 'Exists') {
    if (key === undefined && effect === undefined) return preset('all');
    if (key === undefined && effect === 'NoSchedule') return preset('noSchedule');
    if (key === undefined && effect === 'NoExecute') return preset('noExecute');
    if (key === 'CriticalAddonsOnly' && effect === undefined) return preset('criticalAddonsOnly');
  }
  if (tolerationSeconds === undefined && operator === 'Equal' && key === 'node.kubernetes.io/os' && value === 'windows' && effect === 'NoSchedule') {
    return preset('windowsOsTaint');
  }
  const options: Json = {};
  if (effect !== undefined) options.effect = code(program.kp(`TaintEffect.${EFFECTS[effect]}`));
  if (tolerationSeconds !== undefined) options.evictAfter = code(`${program.cdk8s('Duration')}.seconds(${tolerationSeconds})`);
  const opts = Object.keys(options).length > 0 ? `, ${literal(options)}` : '';
  const query = program.kp('NodeTaintQuery');
  // kplus writes `operator` always; an input without it (Equal by default) is not reproduced exactly.
  if (operator === 'Exists' && typeof key === 'string' && key !== '' && value === undefined) return code(`${query}.exists(${str(key)}${opts})`);
  if (operator === 'Equal' && typeof key === 'string' && key !== '' && typeof value === 'string') return code(`${query}.is(${str(key)}, ${str(value)}${opts})`);
  return undefined;
}

const NODE_OPERATORS = enumTable({ In: 'in', NotIn: 'notIn', Exists: 'exists', DoesNotExist: 'doesNotExist', Gt: 'gt', Lt: 'lt' });

/** A node selector term's expressions as kplus node label queries, or undefined. */
function termCode(program: Program, term: unknown): Code[] | undefined {
  if (!isObject(term)) return undefined;
  const { matchExpressions, ...other } = term as Json;
  if (Object.keys(other).length > 0 || !Array.isArray(matchExpressions) || matchExpressions.length === 0) return undefined;
  const queries: Code[] = [];
  for (const e of matchExpressions) {
    if (!isObject(e) || typeof e.key !== 'string') return undefined;
    const { key, operator, values, ...more } = e as Json;
    const fn = NODE_OPERATORS[operator];
    if (Object.keys(more).length > 0 || !fn) return undefined;
    const withValues = !['Exists', 'DoesNotExist'].includes(operator);
    if (withValues ? !isStringList(values) : values !== undefined) return undefined;
    queries.push(withValues ? call(program.kp(`NodeLabelQuery.${fn}`), key, values) : call(program.kp(`NodeLabelQuery.${fn}`), key));
  }
  return queries;
}

/**
 * Node affinity as `scheduling.attract` calls: kplus writes one required node selector term per
 * call (and one preferred term with its weight). Any other affinity is kept by the escape hatch.
 */
function affinityCode(program: Program, affinity: unknown): string[] | undefined {
  if (!isObject(affinity)) return undefined;
  const { nodeAffinity, ...other } = affinity as Json;
  if (Object.keys(other).length > 0 || !isObject(nodeAffinity)) return undefined;
  const {
    requiredDuringSchedulingIgnoredDuringExecution: required, preferredDuringSchedulingIgnoredDuringExecution: preferred, ...more
  } = nodeAffinity as Json;
  if (Object.keys(more).length > 0 || (required === undefined && preferred === undefined)) return undefined;
  const statements: string[] = [];
  const node = program.kp('Node.labeled');
  if (required !== undefined) {
    if (!isObject(required) || Object.keys(required).join() !== 'nodeSelectorTerms' || !Array.isArray(required.nodeSelectorTerms)) return undefined;
    for (const term of required.nodeSelectorTerms) {
      const queries = termCode(program, term);
      if (!queries) return undefined;
      statements.push(statement(`${SELF}.scheduling.attract(`, call(node, ...queries), ');'));
    }
  }
  if (preferred !== undefined) {
    if (!Array.isArray(preferred)) return undefined;
    for (const p of preferred) {
      if (!isObject(p) || Object.keys(p).sort().join() !== 'preference,weight' || !Number.isInteger(p.weight)) return undefined;
      const queries = termCode(program, p.preference);
      if (!queries) return undefined;
      statements.push(statement(`${SELF}.scheduling.attract(`, call(node, ...queries), `, { weight: ${p.weight} });`));
    }
  }
  return statements;
}

/** A typed volume: its variable, declared before the construct. */
interface TypedVolume {
  readonly variable: string;
}

function podVolumes(program: Program, spec: Json, path: Path, props: Json, leftovers: Leftovers): Map<string, TypedVolume> {
  const typed = new Map<string, TypedVolume>();
  const list = spec.volumes;
  if (list === undefined) {
    return typed;
  }
  delete spec.volumes;
  if (!Array.isArray(list)) {
    leftovers.keep([...path, 'volumes'], list, 'not a list');
    return typed;
  }
  const declared: Code[] = [];
  const untyped: any[] = [];
  for (const v of list) {
    const c = volumeCode(program, v);
    if (c === undefined) {
      untyped.push(v);
    } else {
      const variable = program.names.variable(v.name, 'Volume');
      program.declarations.push(declaration(variable, c));
      typed.set(v.name, { variable });
      declared.push(code(variable));
    }
  }
  if (declared.length > 0) {
    props.volumes = declared;
  }
  if (untyped.length > 0) {
    // Volumes are a list keyed by name (+listType=map, +listMapKey=name on PodSpec.Volumes in
    // k8s.io/api core/v1/types.go@v0.35.0): their order carries no meaning.
    const volumesPath = [...path, 'volumes'];
    if (declared.length > 0) {
      for (const v of untyped) {
        leftovers.patches.push({
          op: 'add',
          pointer: `${pointer(volumesPath)}/-`,
          value: v,
          comment: `${fieldName(volumesPath)}: volume ${JSON.stringify(v?.name)}: no typed volume in kplus writes it exactly; kept as written`,
        });
        leftovers.notes.push({
          field: `${fieldName(volumesPath)}[name=${JSON.stringify(v?.name)}]`,
          handling: 'kept',
          message: 'no typed kplus volume writes it exactly; kept through an escape hatch (JsonPatch.add)',
        });
      }
    } else {
      leftovers.keep(volumesPath, untyped, 'no typed kplus volume writes them exactly');
    }
  }
  return typed;
}

const HOST_PATH_TYPES = enumTable({
  '': 'DEFAULT',
  'DirectoryOrCreate': 'DIRECTORY_OR_CREATE',
  'Directory': 'DIRECTORY',
  'FileOrCreate': 'FILE_OR_CREATE',
  'File': 'FILE',
  'Socket': 'SOCKET',
  'CharDevice': 'CHAR_DEVICE',
  'BlockDevice': 'BLOCK_DEVICE',
});

function volumeCode(program: Program, v: any): Code | undefined {
  if (!isObject(v) || typeof v.name !== 'string') return undefined;
  const { name, ...source } = v as Json;
  const kinds = Object.keys(source);
  if (kinds.length !== 1) return undefined;
  const id = program.ids.id(`${name}-volume`);
  const chart = code('chart');
  const s = source[kinds[0]];
  if (!isObject(s)) return undefined;
  const volume = program.kp('Volume');
  switch (kinds[0]) {
    case 'hostPath': {
      const { path, type, ...other } = s;
      if (Object.keys(other).length > 0 || typeof path !== 'string') return undefined;
      // kplus always writes `type`; without it in the input, `""` is written (the API server's
      // default, HostPathUnset, which checks nothing: k8s.io/api core/v1/types.go@v0.35.0).
      if (type !== undefined && !HOST_PATH_TYPES[type as string]) return undefined;
      const options: Json = { path };
      if (type !== undefined) options.type = code(program.kp(`HostPathVolumeType.${HOST_PATH_TYPES[type as string]}`));
      return call(`${volume}.fromHostPath`, chart, id, name, options);
    }
    case 'configMap':
    case 'secret': {
      const isConfigMap = kinds[0] === 'configMap';
      const { defaultMode, optional, items, ...rest } = s;
      const refName = isConfigMap ? take(rest, 'name') : take(rest, 'secretName');
      if (Object.keys(rest).length > 0 || typeof refName !== 'string') return undefined;
      if (defaultMode !== undefined && !Number.isInteger(defaultMode)) return undefined;
      if (optional !== undefined && typeof optional !== 'boolean') return undefined;
      const options: Json = { name };
      if (defaultMode !== undefined) options.defaultMode = octal(defaultMode as number);
      if (optional !== undefined) options.optional = optional;
      if (items !== undefined) {
        if (!Array.isArray(items)) return undefined;
        const map: Json = {};
        for (const item of items) {
          if (!isObject(item) || typeof item.key !== 'string' || typeof item.path !== 'string' || map[item.key] !== undefined) return undefined;
          const { key, path, mode, ...more } = item as Json;
          if (Object.keys(more).length > 0 || (mode !== undefined && !Number.isInteger(mode))) return undefined;
          map[key] = mode === undefined ? { path } : { path, mode: octal(mode) };
        }
        // kplus writes the items in key order.
        if (items.map((i: any) => i.key).join('\n') !== Object.keys(map).sort().join('\n')) return undefined;
        options.items = map;
      }
      const ref = program.ref(isConfigMap ? 'ConfigMap' : 'Secret', refName);
      return call(`${volume}.${isConfigMap ? 'fromConfigMap' : 'fromSecret'}`, chart, id, ref, options);
    }
    case 'emptyDir': {
      const { medium, ...other } = s;
      if (Object.keys(other).length > 0) return undefined;
      if (medium === undefined) return call(`${volume}.fromEmptyDir`, chart, id, name);
      if (medium === 'Memory') return call(`${volume}.fromEmptyDir`, chart, id, name, { medium: code(program.kp('EmptyDirMedium.MEMORY')) });
      return undefined;
    }
    default:
      return undefined;
  }
}

/** A file mode as people write them (`0o644`). */
function octal(mode: number): Code {
  return code(`0o${mode.toString(8)}`);
}

function containerList(program: Program, list: any, path: Path, volumes: Map<string, TypedVolume>,
  repeated: boolean, leftovers: Leftovers): any[] {
  if (!Array.isArray(list)) {
    return [];
  }
  return list.map((c, i) => containerProps(program, isObject(c) ? { ...c } : {}, [...path, i], volumes, repeated, leftovers));
}

function containerProps(program: Program, c: Json, path: Path, volumes: Map<string, TypedVolume>,
  repeated: boolean, leftovers: Leftovers): Json {
  const props: Json = {};
  for (const k of ['name', 'image', 'workingDir'] as const) {
    if (typeof c[k] === 'string') props[k] = take(c, k);
  }
  const command = commandCode(program, c.command);
  if (command) {
    props.command = command;
    delete c.command;
  } else if (isStringList(c.command)) {
    props.command = take(c, 'command');
  }
  if (isStringList(c.args)) props.args = take(c, 'args');

  const PULL: Json = { Always: 'ALWAYS', IfNotPresent: 'IF_NOT_PRESENT', Never: 'NEVER' };
  const pull = typeof c.imagePullPolicy === 'string' ? c.imagePullPolicy : undefined;
  if (pull === undefined || PULL[pull]) {
    delete c.imagePullPolicy;
    // kplus writes Always when not told; the API server's default depends on the tag.
    props.imagePullPolicy = code(program.kp(`ImagePullPolicy.${PULL[pull ?? defaultPullPolicy(String(props.image ?? ''))]}`));
  }

  const env = envCode(program, c.env);
  if (env !== undefined) {
    delete c.env;
    if (Object.keys(env).length > 0) props.envVariables = env;
  }
  const ports = portsCode(program, c.ports);
  if (ports !== undefined) {
    delete c.ports;
    if (ports.length > 0) props.ports = ports;
  }
  const resources = resourcesCode(program, c.resources);
  if (resources !== undefined) {
    delete c.resources;
    props.resources = resources;
  } else {
    // Kept by patch below; `{}` stops the library writing its default requests first.
    props.resources = {};
  }
  for (const [field, prop] of [['livenessProbe', 'liveness'], ['readinessProbe', 'readiness'], ['startupProbe', 'startup']] as const) {
    const probe = c[field] === undefined ? undefined : probeCode(program, c[field]);
    if (probe !== undefined) {
      delete c[field];
      props[prop] = probe;
    }
  }
  const mounts = mountsCode(program, c.volumeMounts, volumes);
  if (mounts !== undefined) {
    delete c.volumeMounts;
    if (mounts.length > 0) props.volumeMounts = mounts;
  }

  const sc: Json = isObject(c.securityContext) ? { ...c.securityContext } : {};
  if (c.securityContext !== undefined) {
    delete c.securityContext;
    for (const field of CONTAINER_FIELDS) {
      if (sc[field] !== undefined) {
        leftovers.leaveOut([...path, 'securityContext', field], WINDOWS_REJECTS);
        delete sc[field];
      }
    }
    // Written by containerWindowsOptions when every container repeats the pod's; else kept as is.
    const wo: Json = repeated || !isObject(sc.windowsOptions) ? {} : { ...sc.windowsOptions };
    delete sc.windowsOptions;
    if (wo.hostProcess === false) {
      leftovers.leaveOut([...path, 'securityContext', 'windowsOptions', 'hostProcess'],
        `the API server rejects a pod whose containers disagree on hostProcess (\`${ruleMessage('host-process-all-containers')}\`, validation.go@v1.35.4); the library writes the pod-level true`);
      delete wo.hostProcess;
    }
    if (sc.runAsNonRoot === false) {
      delete sc.runAsNonRoot;
      props.securityContext = { ensureNonRoot: false };
    }
    for (const [k, v] of Object.entries(wo)) leftovers.keep([...path, 'securityContext', 'windowsOptions', k], v);
    for (const [k, v] of Object.entries(sc)) leftovers.keep([...path, 'securityContext', k], v);
  }
  leftovers.keepRest(c, path);
  return props;
}

function isStringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every(s => typeof s === 'string');
}

/**
 * The library's command helpers, where one writes exactly the input's `command` (`args` stay as
 * they are): the helper is called and its output compared, so a match is exact by construction.
 */
function commandCode(program: Program, command: unknown): Code | undefined {
  if (!isStringList(command) || command.length === 0) return undefined;
  const same = (a: string[]) => a.length === command.length && a.every((s, i) => s === command[i]);
  const ps = () => program.lib('PowerShell');
  const last = command[command.length - 1];
  const candidates: [() => string, () => string[]][] = [];
  for (const [exe, exeCode] of [['powershell.exe', undefined], ['pwsh.exe', 'PWSH']] as const) {
    for (const unattended of [true, false]) {
      const text = () => {
        const options: Json = {};
        if (exeCode) options.executable = code(`${ps()}.${exeCode}`);
        if (!unattended) options.unattended = false;
        const opts = Object.keys(options).length > 0 ? `, ${literal(options)}` : '';
        return `${ps()}.command(${str(last)}${opts})`;
      };
      candidates.push([text, () => PowerShell.command(last, { executable: exe, unattended })]);
    }
  }
  candidates.push([() => `${program.lib('Cmd')}.run(${str(last)})`, () => Cmd.run(last)]);
  for (const [text, value] of candidates) {
    let out: string[];
    try {
      out = value();
    } catch {
      continue;
    }
    if (same(out)) {
      return code(text());
    }
  }
  return undefined;
}

/**
 * The API server's default pull policy: Always for the `latest` tag or no tag and no digest,
 * else IfNotPresent (SetDefaults_Container in kubernetes pkg/apis/core/v1/defaults.go and
 * ParseImageName in pkg/util/parsers/parsers.go@v1.35.4; an image that does not parse has no tag,
 * so IfNotPresent).
 */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  const tag = colon > slash ? name.slice(colon + 1) : '';
  // distribution/reference: repository paths are lower case; an upper-case one does not parse.
  const repository = colon > slash ? name.slice(0, colon) : name;
  const path = repository.slice(repository.indexOf('/') + 1);
  if (image === '' || /[A-Z]/.test(repository.includes('/') ? path : repository)) return 'IfNotPresent';
  if (tag === '' && at < 0) return 'Always';
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

const FIELD_PATHS = enumTable({
  'metadata.name': 'POD_NAME',
  'metadata.namespace': 'POD_NAMESPACE',
  'metadata.uid': 'POD_UID',
  'status.podIP': 'POD_IP',
  'spec.serviceAccountName': 'SERVICE_ACCOUNT_NAME',
  'spec.nodeName': 'NODE_NAME',
  'status.hostIP': 'NODE_IP',
  'status.podIPs': 'POD_IPS',
});

function envCode(program: Program, env: unknown): Json | undefined {
  if (env === undefined) return {};
  if (!Array.isArray(env)) return undefined;
  const out: Json = {};
  for (const e of env) {
    if (!isObject(e) || typeof e.name !== 'string' || out[e.name] !== undefined || /^[0-9]+$/.test(e.name)) return undefined;
    const { name, value, valueFrom, ...other } = e as Json;
    if (Object.keys(other).length > 0) return undefined;
    const ev = program.kp('EnvValue');
    if (valueFrom === undefined) {
      if (typeof value !== 'string') return undefined;
      out[name] = code(`${ev}.fromValue(${str(value)})`);
      continue;
    }
    if (value !== undefined || !isObject(valueFrom) || Object.keys(valueFrom).length !== 1) return undefined;
    const { fieldRef, configMapKeyRef, secretKeyRef } = valueFrom as Json;
    if (isObject(fieldRef)) {
      const { fieldPath, apiVersion, ...more } = fieldRef;
      if (Object.keys(more).length > 0 || typeof fieldPath !== 'string' || !FIELD_PATHS[fieldPath]) return undefined;
      if (apiVersion !== undefined && typeof apiVersion !== 'string') return undefined;
      const opts = apiVersion === undefined ? '' : `, { apiVersion: ${str(apiVersion)} }`;
      out[name] = code(`${ev}.fromFieldRef(${program.kp(`EnvFieldPaths.${FIELD_PATHS[fieldPath]}`)}${opts})`);
    } else if (isObject(configMapKeyRef) || isObject(secretKeyRef)) {
      const ref = (configMapKeyRef ?? secretKeyRef) as Json;
      const { name: refName, key, optional, ...more } = ref;
      if (Object.keys(more).length > 0 || typeof refName !== 'string' || typeof key !== 'string') return undefined;
      if (optional !== undefined && typeof optional !== 'boolean') return undefined;
      if (configMapKeyRef) {
        out[name] = call(`${ev}.fromConfigMap`, program.ref('ConfigMap', refName), key, ...(optional === undefined ? [] : [{ optional }]));
      } else {
        out[name] = call(`${ev}.fromSecretValue`, { secret: program.ref('Secret', refName), key }, ...(optional === undefined ? [] : [{ optional }]));
      }
    } else {
      return undefined;
    }
  }
  return out;
}

function portsCode(program: Program, ports: unknown): Json[] | undefined {
  if (ports === undefined) return [];
  if (!Array.isArray(ports)) return undefined;
  const out: Json[] = [];
  for (const p of ports) {
    if (!isObject(p) || !Number.isInteger(p.containerPort)) return undefined;
    const { containerPort, name, protocol, hostPort, hostIP, ...other } = p as Json;
    if (Object.keys(other).length > 0) return undefined;
    if (protocol !== undefined && !['TCP', 'UDP', 'SCTP'].includes(protocol)) return undefined;
    const port: Json = { number: containerPort };
    if (typeof name === 'string') port.name = name; else if (name !== undefined) return undefined;
    if (protocol !== undefined) port.protocol = code(program.kp(`Protocol.${protocol}`));
    if (Number.isInteger(hostPort)) port.hostPort = hostPort; else if (hostPort !== undefined) return undefined;
    if (typeof hostIP === 'string') port.hostIp = hostIP; else if (hostIP !== undefined) return undefined;
    out.push(port);
  }
  return out;
}

function resourcesCode(program: Program, resources: unknown): Json | undefined {
  if (resources === undefined) return {};
  if (!isObject(resources)) return undefined;
  const { requests, limits, ...other } = resources as Json;
  if (Object.keys(other).length > 0) return undefined;
  const out: Json = {};
  for (const [kind, values] of [['request', requests], ['limit', limits]] as const) {
    if (values === undefined) continue;
    if (!isObject(values)) return undefined;
    const { cpu, memory, ...more } = values as Json;
    if (Object.keys(more).length > 0) return undefined;
    if (cpu !== undefined) {
      const c = cpuCode(program, cpu);
      if (!c) return undefined;
      out.cpu = { ...(out.cpu ?? {}), [kind]: c };
    }
    if (memory !== undefined) {
      const m = typeof memory === 'string' ? /^([1-9][0-9]*)Mi$/.exec(memory) : null;
      if (!m) return undefined;
      out.memory = { ...(out.memory ?? {}), [kind]: code(`${program.cdk8s('Size')}.mebibytes(${m[1]})`) };
    }
  }
  // kplus writes nothing for `{}` but the library reads it as "no resources" and writes none.
  return out;
}

function cpuCode(program: Program, cpu: unknown): Code | undefined {
  const kpCpu = program.kp('Cpu');
  if (typeof cpu === 'string') {
    const m = /^([1-9][0-9]*)m$/.exec(cpu);
    if (m) return code(`${kpCpu}.millis(${m[1]})`);
    if (/^[0-9]+(\.[0-9]+)?$/.test(cpu) && String(Number(cpu)) === cpu) return code(`${kpCpu}.units(${cpu})`);
  }
  return undefined;
}

/**
 * A probe as kplus writes it: `kplus.Probe.fromHttpGet`, `fromTcpSocket` or `fromCommand`, and the
 * library's `HostProcessProbe` for a named port. kplus always writes `failureThreshold` (3 by
 * default) and an HTTP probe's `scheme` (HTTP by default), the API server's defaults.
 */
function probeCode(program: Program, probe: unknown): Code | undefined {
  if (!isObject(probe)) return undefined;
  const {
    httpGet, tcpSocket, exec, initialDelaySeconds, periodSeconds, timeoutSeconds, successThreshold, failureThreshold, ...other
  } = probe as Json;
  if (Object.keys(other).length > 0 || [httpGet, tcpSocket, exec].filter(h => h !== undefined).length !== 1) return undefined;
  const options: Json = {};
  const seconds = (v: unknown) => code(`${program.cdk8s('Duration')}.seconds(${v})`);
  for (const [k, v] of [['initialDelaySeconds', initialDelaySeconds], ['periodSeconds', periodSeconds], ['timeoutSeconds', timeoutSeconds]] as const) {
    if (v === undefined) continue;
    if (!Number.isInteger(v) || v < 0) return undefined;
    options[k] = seconds(v);
  }
  for (const [k, v] of [['successThreshold', successThreshold], ['failureThreshold', failureThreshold]] as const) {
    if (v === undefined) continue;
    if (!Number.isInteger(v) || v < 1) return undefined;
    options[k] = v;
  }
  const withOptions = (extra: Json) => {
    const all = { ...extra, ...options };
    return Object.keys(all).length > 0 ? [all] : [];
  };
  const kprobe = program.kp('Probe');
  const hpProbe = () => program.lib('HostProcessProbe');
  if (isObject(exec)) {
    const { command, ...more } = exec as Json;
    if (Object.keys(more).length > 0 || !isStringList(command)) return undefined;
    return call(`${kprobe}.fromCommand`, command, ...withOptions({}));
  }
  const target = (httpGet ?? tcpSocket) as unknown;
  if (!isObject(target)) return undefined;
  const { port, host, path, scheme, ...more } = target as Json;
  if (Object.keys(more).length > 0 || (host !== undefined && typeof host !== 'string')) return undefined;
  const extra: Json = {};
  if (host !== undefined) extra.host = host;
  if (httpGet !== undefined) {
    if (typeof path !== 'string') return undefined;
    if (scheme !== undefined) {
      if (scheme !== 'HTTP' && scheme !== 'HTTPS') return undefined;
      extra.scheme = code(program.kp(`ConnectionScheme.${scheme}`));
    }
  } else if (path !== undefined || scheme !== undefined) {
    return undefined;
  }
  if (typeof port === 'string') {
    if (/^[0-9]+$/.test(port)) return undefined;
    return httpGet !== undefined
      ? call(`${hpProbe()}.fromHttpGet`, path, port, ...withOptions(extra))
      : call(`${hpProbe()}.fromTcpSocket`, port, ...withOptions(extra));
  }
  if (!Number.isInteger(port)) return undefined;
  return httpGet !== undefined
    ? call(`${kprobe}.fromHttpGet`, path, { port, ...extra, ...options })
    : call(`${kprobe}.fromTcpSocket`, { port, ...extra, ...options });
}

const PROPAGATION = enumTable({ None: 'NONE', HostToContainer: 'HOST_TO_CONTAINER', Bidirectional: 'BIDIRECTIONAL' });

function mountsCode(program: Program, mounts: unknown, volumes: Map<string, TypedVolume>): Json[] | undefined {
  if (mounts === undefined) return [];
  if (!Array.isArray(mounts)) return undefined;
  const out: Json[] = [];
  for (const m of mounts) {
    if (!isObject(m) || typeof m.name !== 'string' || typeof m.mountPath !== 'string' || !volumes.has(m.name)) return undefined;
    const { name, mountPath, readOnly, subPath, subPathExpr, mountPropagation, ...other } = m as Json;
    if (Object.keys(other).length > 0) return undefined;
    const mount: Json = { path: mountPath, volume: code(volumes.get(name)!.variable) };
    if (typeof readOnly === 'boolean') mount.readOnly = readOnly; else if (readOnly !== undefined) return undefined;
    if (typeof subPath === 'string') mount.subPath = subPath; else if (subPath !== undefined) return undefined;
    if (typeof subPathExpr === 'string') mount.subPathExpr = subPathExpr; else if (subPathExpr !== undefined) return undefined;
    if (mountPropagation !== undefined) {
      if (!PROPAGATION[mountPropagation]) return undefined;
      mount.propagation = code(program.kp(`MountPropagation.${PROPAGATION[mountPropagation]}`));
    }
    out.push(mount);
  }
  return out;
}

// One Kubernetes object as statements of the program: a HostProcess workload as its construct with
// typed props, anything else as an `ApiObject` written exactly as the input has it.
import { Code, call, code, comment, enumTable, isObject, statement, str } from './code';
import { FieldNote, Program, construct, patchStatements, pointer } from './emit';
import { Leftovers, SELF, podProps, take } from './pod';
import { podKind } from '../k8s/kinds';
import { asksForHostProcess } from '../k8s/pod';

type Json = { [key: string]: any };

/** The statements for one object and what was said about its fields. */
export interface ConvertedObject {
  readonly statements: string[];
  readonly notes: FieldNote[];
  /** The construct class, or `ApiObject`. */
  readonly construct: string;
}

interface Kind {
  readonly apiVersion: string;
  readonly construct: string;
  /** The path of the pod template (or the pod spec, for a Pod). */
  readonly template: string[];
}

/** A kind a HostProcess construct writes (the kinds table, src/core/k8s/kinds.ts). */
function constructKind(kind: unknown): Kind | undefined {
  const k = podKind(kind);
  if (k?.construct === undefined) return undefined;
  return { apiVersion: k.apiVersion, construct: k.construct, template: k.podSpec.split('.').slice(0, -1) };
}

function at(obj: any, path: string[]): any {
  return path.reduce((o, k) => (isObject(o) ? o[k] : undefined), obj);
}

/** Converts one object (a parsed manifest, not changed). */
export function convertObject(program: Program, object: Json): ConvertedObject {
  const kind = constructKind(object.kind);
  const spec = kind && object.apiVersion === kind.apiVersion ? at(object, [...kind.template, 'spec']) : undefined;
  if (!kind || !isObject(spec) || !asksForHostProcess(spec) || !isObject(object.metadata) || typeof object.metadata.name !== 'string') {
    return passThrough(program, object);
  }
  const rest: Json = structuredClone(object);
  const leftovers = new Leftovers(object.kind, program.line);
  delete rest.apiVersion;
  delete rest.kind;
  const props: Json = { metadata: metadata(take(rest, 'metadata'), ['metadata'], leftovers) };
  const after: string[] = [];
  const specRest: Json = isObject(rest.spec) ? rest.spec : {};
  delete rest.spec;

  let podPath: string[];
  let podSpec: Json;
  if (object.kind === 'Pod') {
    podPath = ['spec'];
    podSpec = specRest;
  } else {
    const templateHolder = object.kind === 'CronJob' ? cronJob(program, specRest, props, after, leftovers) : specRest;
    const templatePath = kind.template;
    const template: Json = isObject(templateHolder.template) ? templateHolder.template : {};
    delete templateHolder.template;
    const podMetadata = metadata(take(template, 'metadata') ?? {}, [...templatePath, 'metadata'], leftovers);
    if (Object.keys(podMetadata).length > 0) props.podMetadata = podMetadata;
    podPath = [...templatePath, 'spec'];
    podSpec = isObject(template.spec) ? template.spec : {};
    delete template.spec;
    leftovers.keepRest(template, templatePath);
    workloadSpec(program, object.kind, object.kind === 'CronJob' ? templateHolder : specRest, props, after, leftovers);
    if (object.kind === 'CronJob') {
      historyWithTtl(props, leftovers);
      leftovers.keepRest(templateHolder, ['spec', 'jobTemplate', 'spec']);
    }
  }
  keepAddressLabel(object.kind === 'Pod' ? props.metadata : props.podMetadata, object.kind === 'Pod' ? 'metadata' : 'podMetadata', after);
  if (isObject(props.podMetadata) && Object.keys(props.podMetadata).length === 0) delete props.podMetadata;
  const pod = podProps(program, podSpec, podPath, leftovers);
  Object.assign(props, pod.props);
  after.push(...pod.after);
  if (object.kind !== 'Pod') {
    leftovers.keepRest(specRest, ['spec']);
  }
  leftovers.keepRest(rest, []);

  const cls = program.lib(kind.construct);
  const variable = program.names.variable(object.metadata.name);
  const patches = leftovers.patches;
  const needsVariable = after.length > 0 || patches.length > 0;
  const statements = [...program.declarations.splice(0)];
  // What a HostProcess pod cannot have is not in the program; the comment says what and why.
  for (const note of leftovers.notes.filter(n => n.handling === 'left-out')) {
    statements.push(comment(`${note.field}: ${note.message}`));
  }
  statements.push(construct(cls, program.ids.id(object.metadata.name), props, needsVariable ? variable : undefined));
  statements.push(...after.map(s => s.split(SELF).join(variable)));
  statements.push(...patchStatements(program, variable, patches));
  return { statements, notes: leftovers.notes, construct: kind.construct };
}

/** The label kplus gives every pod: its construct's address (Pod.ADDRESS_LABEL, cdk8s-plus-27 lib/pod.js@2.9.5). */
const ADDRESS_LABEL = 'cdk8s.io/metadata.addr';

/**
 * The input's pod address label (the output of a cdk8s program, converted back), restored after
 * the construct: kplus labels the pods with the new construct's address at construction (the
 * Workload's podMetadata and the Pod's metadata in cdk8s-plus-27 lib/workload.js and pod.js@2.9.5),
 * which the input's selector, kept as written, would not select.
 */
function keepAddressLabel(md: Json | undefined, holder: 'metadata' | 'podMetadata', after: string[]): void {
  const labels = md?.labels;
  if (!isObject(labels) || typeof labels[ADDRESS_LABEL] !== 'string') return;
  const value = labels[ADDRESS_LABEL];
  const rest: Json = { ...labels };
  delete rest[ADDRESS_LABEL];
  if (Object.keys(rest).length > 0) md!.labels = rest; else delete md!.labels;
  after.push(comment(`${ADDRESS_LABEL}: the input's value, which its selector may select; kplus would write the new construct's address`));
  after.push(`${SELF}.${holder}.addLabel(${str(ADDRESS_LABEL)}, ${str(value)});`);
}

/**
 * An object convert does not type: an ApiObject with its fields as written. cdk8s gives every
 * ApiObject a metadata.name; where the input has none (generateName, say), it is removed.
 */
function passThrough(program: Program, object: Json): ConvertedObject {
  const named = isObject(object.metadata) && typeof object.metadata.name === 'string';
  const name = named ? object.metadata.name : String(object.kind ?? 'object');
  const id = program.ids.id(`${String(object.kind ?? 'object').toLowerCase()}-${name}`);
  const { props, patches } = program.jsii ? jsiiProps(object) : { props: object, patches: [] };
  if (named && patches.length === 0) {
    return { statements: [construct(program.cdk8s('ApiObject'), id, props)], notes: [], construct: 'ApiObject' };
  }
  const variable = program.names.variable(name);
  const jsonPatch = program.cdk8s('JsonPatch');
  const statements = [construct(program.cdk8s('ApiObject'), id, props, variable)];
  if (patches.length > 0) statements.push('// the fields other than apiVersion, kind and metadata as JSON patches: a jsii language passes no others as props');
  for (const [path, value] of patches) {
    statements.push(statement(`${variable}.addJsonPatch(`, call(`${jsonPatch}.add`, pointer(path), value), ');'));
  }
  if (!named) {
    statements.push('// cdk8s writes a metadata.name; the input has none', `${variable}.addJsonPatch(${jsonPatch}.remove('/metadata/name'));`);
  }
  return { statements, notes: [], construct: 'ApiObject' };
}

/**
 * An ApiObject's props in a jsii language, and the fields added by JSON patches: the jsii struct
 * ApiObjectProps has apiVersion, kind and metadata only, and ApiObjectMetadata only its declared
 * fields (cdk8s' .jsii: the TypeScript index signatures `[key: string]: any` of both are not in
 * jsii), so a Python, Java or Go program cannot pass `spec` or `data` as props: those fields, and
 * the metadata fields other than name, namespace, labels and annotations, are patches, which write
 * them as written.
 */
function jsiiProps(object: Json): { props: Json; patches: [string[], unknown][] } {
  // The TypeScript program's props lose an object's null fields (cdk8s' sanitizeValue, lib/_util.js
  // @2.70, drops a key whose value is null); a patch would keep them.
  const md = isObject(object.metadata) ? withoutNulls(object.metadata) as Json : undefined;
  const typed = md && Object.fromEntries(Object.entries(md).filter(([k]) => METADATA.includes(k)));
  return {
    props: { apiVersion: object.apiVersion, kind: object.kind, metadata: typed },
    patches: [
      ...Object.entries(withoutNulls(object) as Json).filter(([k]) => !['apiVersion', 'kind', 'metadata'].includes(k)).map(([k, v]): [string[], unknown] => [[k], v]),
      ...Object.entries(md ?? {}).filter(([k]) => !METADATA.includes(k)).map(([k, v]): [string[], unknown] => [['metadata', k], v]),
    ],
  };
}

/** `value` without the keys of its objects (at any depth) whose value is null, as cdk8s writes props. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, withoutNulls(v)]));
}

const METADATA = ['name', 'namespace', 'labels', 'annotations'];

function metadata(md: unknown, path: string[], leftovers: Leftovers): Json {
  if (!isObject(md)) {
    if (md !== undefined) leftovers.keep(path, md, 'not a map');
    return {};
  }
  const out: Json = {};
  const rest: Json = { ...md };
  for (const k of METADATA) {
    const v = rest[k];
    if (typeof v === 'string' || (isObject(v) && Object.values(v).every(x => typeof x === 'string'))) {
      out[k] = take(rest, k);
    }
  }
  leftovers.keepRest(rest, path);
  return out;
}

function duration(program: Program, seconds: number): Code {
  return code(`${program.cdk8s('Duration')}.seconds(${seconds})`);
}

function isCount(v: unknown): v is number {
  return Number.isInteger(v) && (v as number) >= 0;
}

/** kplus' history limits when the CronJob's props do not set them (CronJob in cdk8s-plus-27 lib/cron-job.js@2.9.5, the same in every line). */
const KPLUS_HISTORY = { successfulJobsRetained: ['successfulJobsHistoryLimit', 3], failedJobsRetained: ['failedJobsHistoryLimit', 1] } as const;

/**
 * kplus refuses `ttlAfterFinished` together with `successfulJobsRetained` or `failedJobsRetained`
 * at construction (the CronJob constructor in cdk8s-plus-27 lib/cron-job.js@2.9.5 throws, as every line does "The
 * 'ttlAfterFinished' property cannot be set if 'successfulJobsRetained' ..."), though the API server
 * accepts the combination (the v1.37.2 and v1.30.14 test servers do: test/kube/convert.test.ts). The history limits then go without their props: a value equal to the one
 * kplus writes anyway needs nothing more, another is kept through an escape hatch, which kplus' typed
 * classes keep (CronJobSpec has both fields).
 */
function historyWithTtl(props: Json, leftovers: Leftovers): void {
  if (props.ttlAfterFinished === undefined) return;
  for (const [prop, [field, kplusValue]] of Object.entries(KPLUS_HISTORY)) {
    const value = props[prop];
    if (value === undefined) continue;
    delete props[prop];
    if (value !== kplusValue) {
      leftovers.keep(['spec', field], value,
        'cdk8s-plus refuses successfulJobsRetained and failedJobsRetained beside ttlAfterFinished (the API server accepts them)');
    }
  }
}

/** The spec fields of each workload kind beside its template. */
function workloadSpec(program: Program, kind: string, spec: Json, props: Json, after: string[], leftovers: Leftovers): void {
  if (kind === 'DaemonSet' || kind === 'Deployment') {
    selector(program, spec, props, after, leftovers);
  }
  if (kind === 'DaemonSet') {
    if (isCount(spec.minReadySeconds)) props.minReadySeconds = take(spec, 'minReadySeconds');
    if (isCount(spec.revisionHistoryLimit)) props.revisionHistoryLimit = take(spec, 'revisionHistoryLimit');
    const strategy = daemonSetStrategy(program, spec.updateStrategy);
    if (strategy) {
      delete spec.updateStrategy;
      props.updateStrategy = strategy;
    }
  } else if (kind === 'Deployment') {
    // kplus writes 2 replicas when not told; the API server's default is 1 (DeploymentSpec.Replicas
    // in k8s.io/api apps/v1/types.go@v0.35.0).
    props.replicas = isCount(spec.replicas) ? take(spec, 'replicas') : 1;
    if (isCount(spec.minReadySeconds)) props.minReady = duration(program, take(spec, 'minReadySeconds'));
    if (isCount(spec.progressDeadlineSeconds)) props.progressDeadline = duration(program, take(spec, 'progressDeadlineSeconds'));
    if (isCount(spec.revisionHistoryLimit)) after.push(`${SELF}.limitRevisionHistory(${take(spec, 'revisionHistoryLimit')});`);
    const strategy = deploymentStrategy(program, spec.strategy);
    if (strategy) {
      delete spec.strategy;
      props.strategy = strategy;
    }
  } else if (kind === 'Job' || kind === 'CronJob') {
    if (isCount(spec.backoffLimit)) props.backoffLimit = take(spec, 'backoffLimit');
    if (isCount(spec.activeDeadlineSeconds) && spec.activeDeadlineSeconds > 0) props.activeDeadline = duration(program, take(spec, 'activeDeadlineSeconds'));
    if (isCount(spec.ttlSecondsAfterFinished)) props.ttlAfterFinished = duration(program, take(spec, 'ttlSecondsAfterFinished'));
  }
}

function selector(program: Program, spec: Json, props: Json, after: string[], leftovers: Leftovers): void {
  // Select exactly what the input selects: no kplus selector label.
  props.select = false;
  const sel = spec.selector;
  if (!isObject(sel)) return;
  const { matchLabels, ...rest } = sel as Json;
  if (isObject(matchLabels) && Object.values(matchLabels).every(v => typeof v === 'string')) {
    delete spec.selector;
    after.push(statement(`${SELF}.select(`, call(program.kp('LabelSelector.of'), { labels: matchLabels }), ');'));
    leftovers.keepRest(rest, ['spec', 'selector']);
  }
}

function percentOrAbsolute(program: Program, v: unknown): Code | undefined {
  const poa = program.kp('PercentOrAbsolute');
  if (isCount(v)) return code(`${poa}.absolute(${v})`);
  const m = typeof v === 'string' ? /^(0|[1-9][0-9]*)%$/.exec(v) : null;
  return m ? code(`${poa}.percent(${m[1]})`) : undefined;
}

function daemonSetStrategy(program: Program, strategy: unknown): Code | undefined {
  if (!isObject(strategy)) return undefined;
  const s = program.lib('DaemonSetUpdateStrategy');
  const { type, rollingUpdate, ...other } = strategy as Json;
  if (Object.keys(other).length > 0) return undefined;
  if (type === 'OnDelete' && rollingUpdate === undefined) return code(`${s}.onDelete()`);
  if (type !== 'RollingUpdate' && type !== undefined) return undefined;
  if (type === undefined && rollingUpdate === undefined) return undefined;
  if (rollingUpdate === undefined) return code(`${s}.rollingUpdate()`);
  if (!isObject(rollingUpdate) || type === undefined) return undefined;
  const { maxUnavailable, maxSurge, ...more } = rollingUpdate as Json;
  if (Object.keys(more).length > 0) return undefined;
  const options: Json = {};
  for (const [k, v] of [['maxUnavailable', maxUnavailable], ['maxSurge', maxSurge]] as const) {
    if (v === undefined) continue;
    const c = percentOrAbsolute(program, v);
    if (!c) return undefined;
    options[k] = c;
  }
  return Object.keys(options).length > 0 ? call(`${s}.rollingUpdate`, options) : call(`${s}.rollingUpdate`);
}

function deploymentStrategy(program: Program, strategy: unknown): Code | undefined {
  if (!isObject(strategy)) return undefined;
  const s = program.kp('DeploymentStrategy');
  const { type, rollingUpdate, ...other } = strategy as Json;
  if (Object.keys(other).length > 0) return undefined;
  if (type === 'Recreate' && rollingUpdate === undefined) return code(`${s}.recreate()`);
  if (type !== 'RollingUpdate' || !isObject(rollingUpdate)) return undefined;
  const { maxUnavailable, maxSurge, ...more } = rollingUpdate as Json;
  // kplus writes both, 25% by default (as the API server defaults them: RollingUpdateDeployment in
  // k8s.io/api apps/v1/types.go@v0.35.0), so only an input with both is reproduced exactly.
  if (Object.keys(more).length > 0 || maxUnavailable === undefined || maxSurge === undefined) return undefined;
  const mu = percentOrAbsolute(program, maxUnavailable);
  const ms = percentOrAbsolute(program, maxSurge);
  if (!mu || !ms) return undefined;
  return call(`${s}.rollingUpdate`, { maxSurge: ms, maxUnavailable: mu });
}

const CONCURRENCY = enumTable({ Allow: 'ALLOW', Forbid: 'FORBID', Replace: 'REPLACE' });

/** A CronJob's own fields; returns its job template's spec (consumed by the caller). */
function cronJob(program: Program, spec: Json, props: Json, after: string[], leftovers: Leftovers): Json {
  const cron = program.cdk8s('Cron');
  const schedule = typeof spec.schedule === 'string' ? spec.schedule : undefined;
  const fields = schedule?.split(' ');
  if (fields && fields.length === 5 && fields.every(f => f !== '')) {
    delete spec.schedule;
    const [minute, hour, day, month, weekDay] = fields;
    props.schedule = call(`${cron}.schedule`, { minute, hour, day, month, weekDay });
  } else {
    // The prop is required: a placeholder, replaced by the input's value below.
    props.schedule = code(`${cron}.daily()`);
  }
  if (typeof spec.timeZone === 'string') props.timeZone = take(spec, 'timeZone');
  // kplus writes Forbid when not told; the API server's default is Allow (CronJobSpec in
  // k8s.io/api batch/v1/types.go@v0.35.0).
  const policy = spec.concurrencyPolicy ?? 'Allow';
  if (CONCURRENCY[policy]) {
    delete spec.concurrencyPolicy;
    props.concurrencyPolicy = code(program.kp(`ConcurrencyPolicy.${CONCURRENCY[policy]}`));
  }
  if (isCount(spec.startingDeadlineSeconds)) {
    props.startingDeadline = duration(program, take(spec, 'startingDeadlineSeconds'));
  } else if (spec.startingDeadlineSeconds === undefined) {
    // kplus writes 10 seconds when not told; the API server has no deadline by default.
    after.push('// kplus writes startingDeadlineSeconds: 10 by default; the input sets no deadline');
    after.push(`${program.cdk8s('ApiObject')}.of(${SELF}).addJsonPatch(${program.cdk8s('JsonPatch')}.remove('/spec/startingDeadlineSeconds'));`);
  }
  if (typeof spec.suspend === 'boolean') props.suspend = take(spec, 'suspend');
  if (isCount(spec.successfulJobsHistoryLimit)) props.successfulJobsRetained = take(spec, 'successfulJobsHistoryLimit');
  if (isCount(spec.failedJobsHistoryLimit)) props.failedJobsRetained = take(spec, 'failedJobsHistoryLimit');
  const jobTemplate: Json = isObject(spec.jobTemplate) ? spec.jobTemplate : {};
  delete spec.jobTemplate;
  const jobSpec: Json = isObject(jobTemplate.spec) ? jobTemplate.spec : {};
  delete jobTemplate.spec;
  leftovers.keepRest(jobTemplate, ['spec', 'jobTemplate']);
  return jobSpec;
}


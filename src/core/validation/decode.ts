// The JSON types of the fields the rules read, checked as the API server decodes a manifest before
// it validates anything: `hostProcess: "true"` is a decode error there, not the value true (nor
// false). Used by the lint command; the constructs write typed values and do not need it.
//
// The API server decodes a request body with sigs.k8s.io/json, a fork of encoding/json, whose
// UnmarshalTypeError reads `json: cannot unmarshal <value> into Go struct field <Struct>.<path> of
// type <type>` (kubernetes-sigs/json internal/golang/encoding/json/decode.go@cfa47c3, the head of
// its main branch, which has no tags): <value> is `string`, `number` (`number 1.5` when the number
// does not fit an integer field), `bool`, `array` or `object`; <Struct> the Go struct that has the
// field (an inlined struct's fields count as the outer one's: `Probe.httpGet`, `Volume.hostPath`);
// <path> the JSON field names from the object's root, without list indices; <type> Go's name
// of the field's type once pointers are removed (`bool`, `int32`, `v1.OSName`, `[]v1.Container`).
// A null is no error (it decodes to the zero value), and decoding stops at the first error, so
// the API server reports only the first one; the lint reports each.
//
// kubectl and Helm send JSON converted from the YAML without a target type, so a YAML number stays
// a number (sigs.k8s.io/yaml yaml.go@v1.4.0 YAMLToJSON; only a YAML body decoded into a typed object
// turns scalars into strings for string fields).
//
// Field types are those of k8s.io/api@v0.35.7 (core/v1, apps/v1 and batch/v1 types.go).
import { Finding } from './finding';
import { finding } from './util';

type Fields = { readonly [json: string]: GoType };

/** A Go type as the decoder sees it. */
type GoType =
  | { readonly kind: 'bool' | 'string' | 'int'; readonly go: string; readonly bits?: 32 | 64 }
  | { readonly kind: 'struct'; readonly go: string; readonly fields: () => Fields }
  | { readonly kind: 'slice' | 'map'; readonly go: string; readonly elem: GoType };

const BOOL: GoType = { kind: 'bool', go: 'bool' };
const STRING: GoType = { kind: 'string', go: 'string' };
const INT32: GoType = { kind: 'int', go: 'int32', bits: 32 };
const INT64: GoType = { kind: 'int', go: 'int64', bits: 64 };
const named = (go: string): GoType => ({ kind: 'string', go });
const struct = (go: string, fields: () => Fields): GoType => ({ kind: 'struct', go, fields });
const slice = (elem: GoType): GoType => ({ kind: 'slice', go: `[]${elem.go}`, elem });
const STRING_MAP: GoType = { kind: 'map', go: 'map[string]string', elem: STRING };

const OBJECT_META = struct('v1.ObjectMeta', () => ({
  name: STRING, generateName: STRING, namespace: STRING, labels: STRING_MAP, annotations: STRING_MAP,
}));

const WINDOWS_OPTIONS = struct('v1.WindowsSecurityContextOptions', () => ({
  gmsaCredentialSpecName: STRING, gmsaCredentialSpec: STRING, runAsUserName: STRING, hostProcess: BOOL,
}));

const SE_LINUX_OPTIONS = struct('v1.SELinuxOptions', () => ({ user: STRING, role: STRING, type: STRING, level: STRING }));
const SECCOMP_PROFILE = struct('v1.SeccompProfile', () => ({ type: named('v1.SeccompProfileType'), localhostProfile: STRING }));
const APP_ARMOR_PROFILE = struct('v1.AppArmorProfile', () => ({ type: named('v1.AppArmorProfileType'), localhostProfile: STRING }));

const POD_SECURITY_CONTEXT = struct('v1.PodSecurityContext', () => ({
  seLinuxOptions: SE_LINUX_OPTIONS,
  windowsOptions: WINDOWS_OPTIONS,
  runAsUser: INT64,
  runAsGroup: INT64,
  runAsNonRoot: BOOL,
  supplementalGroups: slice(INT64),
  supplementalGroupsPolicy: named('v1.SupplementalGroupsPolicy'),
  fsGroup: INT64,
  sysctls: slice(struct('v1.Sysctl', () => ({ name: STRING, value: STRING }))),
  fsGroupChangePolicy: named('v1.PodFSGroupChangePolicy'),
  seccompProfile: SECCOMP_PROFILE,
  appArmorProfile: APP_ARMOR_PROFILE,
  seLinuxChangePolicy: named('v1.PodSELinuxChangePolicy'),
}));

const SECURITY_CONTEXT = struct('v1.SecurityContext', () => ({
  capabilities: struct('v1.Capabilities', () => ({ add: slice(named('v1.Capability')), drop: slice(named('v1.Capability')) })),
  privileged: BOOL,
  seLinuxOptions: SE_LINUX_OPTIONS,
  windowsOptions: WINDOWS_OPTIONS,
  runAsUser: INT64,
  runAsGroup: INT64,
  runAsNonRoot: BOOL,
  readOnlyRootFilesystem: BOOL,
  allowPrivilegeEscalation: BOOL,
  procMount: named('v1.ProcMountType'),
  seccompProfile: SECCOMP_PROFILE,
  appArmorProfile: APP_ARMOR_PROFILE,
}));

// `port` is an IntOrString, whose own UnmarshalJSON words its errors differently: not checked.
const PROBE = struct('v1.Probe', () => ({
  httpGet: struct('v1.HTTPGetAction', () => ({ path: STRING, host: STRING })),
  tcpSocket: struct('v1.TCPSocketAction', () => ({ host: STRING })),
}));

const CONTAINER_FIELDS: Fields = {
  name: STRING,
  image: STRING,
  workingDir: STRING,
  ports: slice(struct('v1.ContainerPort', () => ({
    name: STRING, hostPort: INT32, containerPort: INT32, protocol: named('v1.Protocol'), hostIP: STRING,
  }))),
  volumeMounts: slice(struct('v1.VolumeMount', () => ({ name: STRING, mountPath: STRING }))),
  livenessProbe: PROBE,
  readinessProbe: PROBE,
  startupProbe: PROBE,
  securityContext: SECURITY_CONTEXT,
};

const NODE_SELECTOR_REQUIREMENT = struct('v1.NodeSelectorRequirement', () => ({
  key: STRING, operator: named('v1.NodeSelectorOperator'), values: slice(STRING),
}));

const POD_SPEC = struct('v1.PodSpec', () => ({
  volumes: slice(struct('v1.Volume', () => ({
    name: STRING,
    hostPath: struct('v1.HostPathVolumeSource', () => ({ path: STRING, type: named('v1.HostPathType') })),
  }))),
  initContainers: slice(struct('v1.Container', () => CONTAINER_FIELDS)),
  containers: slice(struct('v1.Container', () => CONTAINER_FIELDS)),
  ephemeralContainers: slice(struct('v1.EphemeralContainer', () => ({ ...CONTAINER_FIELDS, targetContainerName: STRING }))),
  nodeSelector: STRING_MAP,
  hostNetwork: BOOL,
  hostPID: BOOL,
  hostIPC: BOOL,
  shareProcessNamespace: BOOL,
  securityContext: POD_SECURITY_CONTEXT,
  affinity: struct('v1.Affinity', () => ({
    nodeAffinity: struct('v1.NodeAffinity', () => ({
      requiredDuringSchedulingIgnoredDuringExecution: struct('v1.NodeSelector', () => ({
        nodeSelectorTerms: slice(struct('v1.NodeSelectorTerm', () => ({
          matchExpressions: slice(NODE_SELECTOR_REQUIREMENT), matchFields: slice(NODE_SELECTOR_REQUIREMENT),
        }))),
      })),
    })),
  })),
  os: struct('v1.PodOS', () => ({ name: named('v1.OSName') })),
  hostUsers: BOOL,
}));

const POD_TEMPLATE_SPEC = struct('v1.PodTemplateSpec', () => ({ metadata: OBJECT_META, spec: POD_SPEC }));
const withTemplate = (go: string) => struct(go, () => ({ template: POD_TEMPLATE_SPEC }));
const JOB_SPEC = withTemplate('v1.JobSpec');

// The kinds whose pods the rules check (manifest.ts), as objects.
const KINDS: ReadonlyMap<string, GoType> = new Map([
  ['Pod', struct('v1.Pod', () => ({ metadata: OBJECT_META, spec: POD_SPEC }))],
  ['PodTemplate', struct('v1.PodTemplate', () => ({ metadata: OBJECT_META, template: POD_TEMPLATE_SPEC }))],
  ['Deployment', struct('v1.Deployment', () => ({ metadata: OBJECT_META, spec: withTemplate('v1.DeploymentSpec') }))],
  ['ReplicaSet', struct('v1.ReplicaSet', () => ({ metadata: OBJECT_META, spec: withTemplate('v1.ReplicaSetSpec') }))],
  ['ReplicationController', struct('v1.ReplicationController', () => ({ metadata: OBJECT_META, spec: withTemplate('v1.ReplicationControllerSpec') }))],
  ['StatefulSet', struct('v1.StatefulSet', () => ({ metadata: OBJECT_META, spec: withTemplate('v1.StatefulSetSpec') }))],
  ['DaemonSet', struct('v1.DaemonSet', () => ({ metadata: OBJECT_META, spec: withTemplate('v1.DaemonSetSpec') }))],
  ['Job', struct('v1.Job', () => ({ metadata: OBJECT_META, spec: JOB_SPEC }))],
  ['CronJob', struct('v1.CronJob', () => ({
    metadata: OBJECT_META,
    spec: struct('v1.CronJobSpec', () => ({
      jobTemplate: struct('v1.JobTemplateSpec', () => ({ metadata: OBJECT_META, spec: JOB_SPEC })),
    })),
  }))],
]);

const HINTS: { readonly [kind in GoType['kind']]: string } = {
  bool: 'write true or false, without quotes',
  string: 'quote the value',
  int: 'write a whole number, without quotes',
  struct: 'give a mapping',
  slice: 'give a list',
  map: 'give a mapping',
};

/**
 * The decode errors of a manifest of a kind with pods, one per field whose JSON type the API server
 * cannot decode into its Go type; none for other kinds. Each finding's field has list indices
 * (`spec.containers[0].securityContext.windowsOptions.hostProcess`), its message the decoder's
 * wording and how to fix it.
 */
export function decodeFindings(manifest: any): Finding[] {
  const type = typeof manifest?.kind === 'string' ? KINDS.get(manifest.kind) : undefined;
  const findings: Finding[] = [];
  if (type !== undefined && type.kind === 'struct') {
    decodeStruct(manifest, type, { field: '', names: '' }, findings);
  }
  return findings;
}

/** Where a value is: its field path with indices, and the decoder's path without them. */
interface At {
  readonly field: string;
  readonly names: string;
}

function decodeStruct(value: { [key: string]: unknown }, type: GoType & { kind: 'struct' }, at: At, findings: Finding[]): void {
  const fields = type.fields();
  const owner = type.go.slice(type.go.indexOf('.') + 1);
  for (const key of Object.keys(value)) {
    const fieldType = Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : undefined;
    if (fieldType === undefined) continue;
    const join = (path: string) => (path === '' ? key : `${path}.${key}`);
    decodeValue(value[key], fieldType, owner, { field: join(at.field), names: join(at.names) }, findings);
  }
}

// `owner` is the Go struct whose field holds the value: the decoder names it, and keeps it for the
// elements of a list or map field.
function decodeValue(value: unknown, type: GoType, owner: string, at: At, findings: Finding[]): void {
  if (value === null || value === undefined) {
    return;
  }
  const mismatch = mismatchOf(value, type);
  if (mismatch !== undefined) {
    findings.push(finding('decode-type-mismatch', at.field,
      `json: cannot unmarshal ${mismatch} into Go struct field ${owner}.${at.names} of type ${type.go} ` +
      `(the API server rejects the object before it checks anything else; ${HINTS[type.kind]})`));
    return;
  }
  if (type.kind === 'struct') {
    decodeStruct(value as { [key: string]: unknown }, type, at, findings);
  } else if (type.kind === 'slice') {
    (value as unknown[]).forEach((item, i) => decodeValue(item, type.elem, owner, { ...at, field: `${at.field}[${i}]` }, findings));
  } else if (type.kind === 'map') {
    for (const [key, item] of Object.entries(value as { [key: string]: unknown })) {
      decodeValue(item, type.elem, owner, { ...at, field: `${at.field}[${key}]` }, findings);
    }
  }
}

/** The decoder's name for a JSON value that does not fit `type`, or undefined when it fits. */
function mismatchOf(value: unknown, type: GoType): string | undefined {
  const json = jsonKind(value);
  switch (type.kind) {
    case 'bool':
    case 'string':
      return json === type.kind ? undefined : json;
    case 'int':
      if (json !== 'number') return json;
      return fitsInt(value as number, type.bits ?? 64) ? undefined : `number ${String(value)}`;
    case 'struct':
    case 'map':
      return json === 'object' ? undefined : json;
    case 'slice':
      return json === 'array' ? undefined : json;
  }
}

// A YAML timestamp (`2024-01-01`) or binary is a string once the YAML is JSON.
function jsonKind(value: unknown): string {
  if (typeof value === 'string' || value instanceof Date || value instanceof Uint8Array) return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value) || value instanceof Set) return 'array';
  return 'object';
}

function fitsInt(n: number, bits: 32 | 64): boolean {
  if (!Number.isInteger(n)) return false;
  const max = 2 ** (bits - 1);
  return n >= -max && n < max;
}

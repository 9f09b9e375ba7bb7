// validateOS, validateLinux and validateWindows (rules §B and §C): what spec.os allows. They run
// last in ValidatePodSpec, and only when spec.os is set: a nodeSelector does not trigger them.
// Checked against pkg/apis/core/validation/validation.go@v1.35.4 (identical at v1.34.7).
import { Finding } from './finding';
import { PodView, finding, forbidden, goQuote, isSet } from './util';
import { ruleMessage } from '../rules/catalog';

const SUPPORTED_OS = ['linux', 'windows'];
/** What the API server says of a field a Windows pod may not set. */
export const WINDOWS_FORBIDDEN = forbidden(ruleMessage('windows-pod-forbidden-field'));
const LINUX_FORBIDDEN = forbidden('windows options cannot be set for a linux pod');
// validatePodResources words its Windows check differently from validateWindows.
const WINDOWS_RESOURCES_FORBIDDEN = forbidden('may not be set for a windows pod');

/** Whether a pod-level field makes `validateWindows` fail. */
export type PodCondition = (spec: any) => boolean;

const sc = (spec: any) => spec?.securityContext ?? {};

// Rule 12, in the order validateWindows checks them (hostUsers, hostPID, hostIPC and
// shareProcessNamespace live in the internal PodSecurityContext, hence the mix).
// pkg/apis/core/validation/validation.go@v1.35.4 validateWindows: the same fifteen fields, in this
// order. The fields of two gates are among them, both on by default at v1.35.4:
// supplementalGroupsPolicy (SupplementalGroupsPolicy, GA and locked on) and seLinuxChangePolicy
// (SELinuxChangePolicy, beta).
export const POD_FIELDS: [string, PodCondition][] = [
  ['securityContext.appArmorProfile', s => isSet(sc(s).appArmorProfile)],
  ['securityContext.seLinuxOptions', s => isSet(sc(s).seLinuxOptions)],
  ['hostUsers', s => isSet(s?.hostUsers)],
  ['hostPID', s => s?.hostPID === true],
  ['hostIPC', s => s?.hostIPC === true],
  ['securityContext.seccompProfile', s => isSet(sc(s).seccompProfile)],
  ['securityContext.fsGroup', s => isSet(sc(s).fsGroup)],
  ['securityContext.fsGroupChangePolicy', s => isSet(sc(s).fsGroupChangePolicy)],
  ['securityContext.sysctls', s => Array.isArray(sc(s).sysctls) && sc(s).sysctls.length > 0],
  ['shareProcessNamespace', s => isSet(s?.shareProcessNamespace)],
  ['securityContext.runAsUser', s => isSet(sc(s).runAsUser)],
  ['securityContext.runAsGroup', s => isSet(sc(s).runAsGroup)],
  // Go decodes `supplementalGroups: []` to a non-nil slice, which the `!= nil` check rejects.
  ['securityContext.supplementalGroups', s => isSet(sc(s).supplementalGroups)],
  ['securityContext.supplementalGroupsPolicy', s => isSet(sc(s).supplementalGroupsPolicy)],
  ['securityContext.seLinuxChangePolicy', s => isSet(sc(s).seLinuxChangePolicy)],
];

// Rule 13: container securityContext fields rejected when present, even when false.
// pkg/apis/core/validation/validation.go@v1.35.4 validateWindows: unchanged, same order.
export const CONTAINER_FIELDS = [
  'appArmorProfile', 'seLinuxOptions', 'seccompProfile', 'capabilities', 'readOnlyRootFilesystem',
  'privileged', 'allowPrivilegeEscalation', 'procMount', 'runAsUser', 'runAsGroup',
];

/**
 * A kplus security-context prop that writes a field `validateWindows` forbids, and what the
 * constructs say when it is set: the one table the constructs' checks read (a test holds every
 * `field` to POD_FIELDS and CONTAINER_FIELDS).
 */
export interface ForbiddenProp {
  /** The manifest field under the pod's or the container's `securityContext`. */
  readonly field: string;
  /** The kplus prop (`PodSecurityContextProps`, `ContainerSecurityContextProps`). */
  readonly prop: string;
  /** When the prop counts as set: any value, `true` only, or a non-empty list. */
  readonly when: 'set' | 'true' | 'non-empty';
  /** Why Windows has no such setting. */
  readonly why: string;
  /** What to do instead. */
  readonly fix: string;
}

/** The pod's security-context props, in the order the constructs report them. */
export const POD_FORBIDDEN_PROPS: readonly ForbiddenProp[] = [
  { field: 'runAsUser', prop: 'user', when: 'set', why: 'Windows runs HostProcess pods as a Windows account', fix: 'remove securityContext.user and set the user prop' },
  { field: 'runAsGroup', prop: 'group', when: 'set', why: 'Windows has no numeric groups', fix: 'remove securityContext.group; use HostProcessUser.localGroup for a group' },
  { field: 'fsGroup', prop: 'fsGroup', when: 'set', why: 'Windows volumes have no fsGroup', fix: 'remove securityContext.fsGroup; grant access on the host with icacls' },
  { field: 'fsGroupChangePolicy', prop: 'fsGroupChangePolicy', when: 'set', why: 'Windows volumes have no fsGroup', fix: 'remove securityContext.fsGroupChangePolicy' },
  { field: 'sysctls', prop: 'sysctls', when: 'non-empty', why: 'sysctls are Linux kernel settings', fix: 'remove securityContext.sysctls' },
];

/**
 * Whether `spec` sets any field of POD_FIELDS: each condition of the table holds only when its
 * field is set, so when this is false none does, and the engine calls none. The fields are named
 * one by one (named reads are what is cheap before V8 optimizes; the engine runs once per workload
 * at synth); test/core/validation/pod-os.test.ts holds the list to the table, field by field and
 * with generated pods.
 */
export function setsAnyPodField(spec: any): boolean {
  if (spec === null || typeof spec !== 'object') return false;
  if (isSet(spec.hostUsers) || isSet(spec.hostPID) || isSet(spec.hostIPC) || isSet(spec.shareProcessNamespace)) return true;
  const s = spec.securityContext;
  if (s === null || typeof s !== 'object') return false;
  return isSet(s.appArmorProfile) || isSet(s.seLinuxOptions) || isSet(s.seccompProfile) || isSet(s.fsGroup)
    || isSet(s.fsGroupChangePolicy) || isSet(s.sysctls) || isSet(s.runAsUser) || isSet(s.runAsGroup)
    || isSet(s.supplementalGroups) || isSet(s.supplementalGroupsPolicy) || isSet(s.seLinuxChangePolicy);
}

const NO_FIELDS: readonly string[] = [];

/** The fields of POD_FIELDS whose condition holds for `spec`, in the table's order. */
export function forbiddenPodFields(spec: any): readonly string[] {
  if (!setsAnyPodField(spec)) return NO_FIELDS;
  return POD_FIELDS.filter(([, isForbidden]) => isForbidden(spec)).map(([field]) => field);
}

/** A container's security-context props, in the order the constructs report them. */
export const CONTAINER_FORBIDDEN_PROPS: readonly ForbiddenProp[] = [
  { field: 'privileged', prop: 'privileged', when: 'set', why: 'HostProcess containers always run on the host with the rights of their Windows account', fix: 'remove securityContext.privileged' },
  { field: 'capabilities', prop: 'capabilities', when: 'set', why: 'capabilities are Linux process rights', fix: 'remove securityContext.capabilities' },
  { field: 'runAsUser', prop: 'user', when: 'set', why: 'Windows runs HostProcess containers as a Windows account', fix: 'remove securityContext.user and set the user prop' },
  { field: 'runAsGroup', prop: 'group', when: 'set', why: 'Windows has no numeric groups', fix: 'remove securityContext.group' },
  { field: 'readOnlyRootFilesystem', prop: 'readOnlyRootFilesystem', when: 'true', why: 'HostProcess containers have no filesystem isolation from the host', fix: 'remove securityContext.readOnlyRootFilesystem' },
  { field: 'seccompProfile', prop: 'seccompProfile', when: 'set', why: 'seccomp is a Linux kernel filter', fix: 'remove securityContext.seccompProfile' },
  { field: 'allowPrivilegeEscalation', prop: 'allowPrivilegeEscalation', when: 'true', why: 'privilege escalation is a Linux process setting', fix: 'remove securityContext.allowPrivilegeEscalation' },
];

/** Whether `props` sets the prop of `entry` (see `ForbiddenProp.when`). */
export function setsForbiddenProp(props: { [prop: string]: unknown }, entry: ForbiddenProp): boolean {
  const value = props[entry.prop];
  switch (entry.when) {
    case 'set': return value !== undefined;
    case 'true': return value === true;
    case 'non-empty': return Array.isArray(value) && value.length > 0;
  }
}

/** Rules 9-13: `spec.os` values, and the Linux or Windows checks it selects. */
export function osFindings(pod: PodView, findings: Finding[]): void {
  const { spec, prefix } = pod;
  const os = spec?.os;
  if (!isSet(os)) {
    return;
  }
  const name = os.name ?? '';
  if (name === '') {
    // pkg/apis/core/validation/validation.go@v1.35.4 validateOS: field.Required with an empty
    // detail, so the message is the bare type.
    findings.push(finding('os-name-required', `${prefix}.os.name`, 'Required value'));
  } else if (!SUPPORTED_OS.includes(name)) {
    const supported = SUPPORTED_OS.map(o => JSON.stringify(o)).join(', ');
    findings.push(finding('os-name-unsupported', `${prefix}.os`, `Unsupported value: ${goQuote(String(name))}: supported values: ${supported}`));
  } else if (name === 'linux') {
    linuxFindings(pod, findings);
  } else {
    windowsFindings(pod, findings);
  }
}

/**
 * Pod-level `resources` on a Windows pod. Unlike the rest of the Windows checks it is reported
 * early, by `validatePodResources` right after the containers, and it replaces every other finding
 * about the field.
 */
export function podResourcesFindings({ spec, prefix }: PodView, findings: Finding[]): void {
  // pkg/apis/core/validation/validation.go@v1.35.4 validatePodResources (also at v1.34.7). It runs
  // only with PodValidationOptions.PodLevelResourcesEnabled, i.e. gate PodLevelResources: beta and
  // on by default since v1.34 (alpha and off by default in v1.32-v1.33). It looks at
  // spec.os.name directly, not at validateOS's verdict, and `resources: {}` is non-nil too.
  if (spec?.os?.name === 'windows' && isSet(spec.resources)) {
    findings.push(finding('windows-pod-resources', `${prefix}.resources`, WINDOWS_RESOURCES_FORBIDDEN));
  }
}

function linuxFindings({ spec, prefix, containers }: PodView, findings: Finding[]): void {
  if (isSet(spec.securityContext?.windowsOptions)) {
    findings.push(finding('linux-pod-windows-options', `${prefix}.securityContext.windowsOptions`, LINUX_FORBIDDEN));
  }
  for (const { container, path } of containers) {
    if (isSet(container.securityContext?.windowsOptions)) {
      findings.push(finding('linux-pod-windows-options', `${path}.securityContext.windowsOptions`, LINUX_FORBIDDEN));
    }
  }
}

function windowsFindings({ spec, prefix, containers }: PodView, findings: Finding[]): void {
  for (const field of forbiddenPodFields(spec)) {
    findings.push(finding('windows-pod-forbidden-field', `${prefix}.${field}`, WINDOWS_FORBIDDEN));
  }
  for (const { container, path } of containers) {
    const csc = container.securityContext;
    if (!isSet(csc)) continue;
    for (const field of CONTAINER_FIELDS) {
      if (isSet(csc[field])) {
        findings.push(finding('windows-pod-forbidden-field', `${path}.securityContext.${field}`, WINDOWS_FORBIDDEN));
      }
    }
  }
}

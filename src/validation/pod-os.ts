// validateOS, validateLinux and validateWindows (rules §B and §C): what spec.os allows. They run
// last in ValidatePodSpec, and only when spec.os is set: a nodeSelector does not trigger them.
import { Finding } from './finding';
import { containersOf, error, forbidden, goQuote, isSet } from './util';

const SUPPORTED_OS = ['linux', 'windows'];
const WINDOWS_FORBIDDEN = forbidden('cannot be set for a windows pod');
const LINUX_FORBIDDEN = forbidden('windows options cannot be set for a linux pod');

/** Whether a pod-level field makes `validateWindows` fail. */
type PodCondition = (spec: any) => boolean;

const sc = (spec: any) => spec?.securityContext ?? {};

// Rule 12, in the order validateWindows checks them (hostUsers, hostPID, hostIPC and
// shareProcessNamespace live in the internal PodSecurityContext, hence the mix).
const POD_FIELDS: [string, PodCondition][] = [
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
const CONTAINER_FIELDS = [
  'appArmorProfile', 'seLinuxOptions', 'seccompProfile', 'capabilities', 'readOnlyRootFilesystem',
  'privileged', 'allowPrivilegeEscalation', 'procMount', 'runAsUser', 'runAsGroup',
];

/** Rules 9-13: `spec.os` values, and the Linux or Windows checks it selects. */
export function osFindings(spec: any, prefix: string): Finding[] {
  const os = spec?.os;
  if (!isSet(os)) {
    return [];
  }
  const name = os.name ?? '';
  if (name === '') {
    return [error(`${prefix}.os.name`, 'Required value: cannot be empty')];
  }
  if (!SUPPORTED_OS.includes(name)) {
    const supported = SUPPORTED_OS.map(o => JSON.stringify(o)).join(', ');
    return [error(`${prefix}.os`, `Unsupported value: ${goQuote(String(name))}: supported values: ${supported}`)];
  }
  return name === 'linux' ? linuxFindings(spec, prefix) : windowsFindings(spec, prefix);
}

function linuxFindings(spec: any, prefix: string): Finding[] {
  const findings: Finding[] = [];
  if (isSet(spec.securityContext?.windowsOptions)) {
    findings.push(error(`${prefix}.securityContext.windowsOptions`, LINUX_FORBIDDEN));
  }
  for (const { container, path } of containersOf(spec, prefix)) {
    if (isSet(container.securityContext?.windowsOptions)) {
      findings.push(error(`${path}.securityContext.windowsOptions`, LINUX_FORBIDDEN));
    }
  }
  return findings;
}

function windowsFindings(spec: any, prefix: string): Finding[] {
  const findings: Finding[] = [];
  for (const [field, isForbidden] of POD_FIELDS) {
    if (isForbidden(spec)) {
      findings.push(error(`${prefix}.${field}`, WINDOWS_FORBIDDEN));
    }
  }
  for (const { container, path } of containersOf(spec, prefix)) {
    const csc = container.securityContext ?? {};
    for (const field of CONTAINER_FIELDS) {
      if (isSet(csc[field])) {
        findings.push(error(`${path}.securityContext.${field}`, WINDOWS_FORBIDDEN));
      }
    }
  }
  return findings;
}

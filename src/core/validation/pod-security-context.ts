// The pod's securityContext, as validatePodSpecSecurityContext checks it before its windowsOptions
// (kubernetes pkg/apis/core/validation/validation.go@v1.37.2: validatePodSpecSecurityContext,
// validateSysctls, IsValidSysctlName, ValidateHostSysctl; k8s.io/component-helpers
// node/util/sysctl/namespace.go@v0.37.2 for which sysctls belong to the network and IPC
// namespaces). A HostProcess pod always shares the host's network, so a network sysctl on it is
// refused even where no spec.os makes the Windows checks apply.
import { Finding } from './finding';
import { PodView, byteLength, duplicate, finding, invalid, required } from './util';

const ID_RANGE = 'must be between 0 and 2147483647, inclusive';
const SYSCTL_SEGMENT = '[a-z0-9]([-_a-z0-9]*[a-z0-9])?';
/** sysctlContainSlashRegexp, as its String() prints in the message. */
const SYSCTL_NAME = `^(${SYSCTL_SEGMENT}[\\./])*${SYSCTL_SEGMENT}$`;
const SYSCTL_NAME_REGEX = new RegExp(SYSCTL_NAME);

/** The IPC namespace's sysctls by name (nameToNamespace); kernel.domainname is the UTS namespace's. */
const IPC_SYSCTLS = ['kernel.sem', 'kernel.shmall', 'kernel.shmmax', 'kernel.shmmni', 'kernel.shm_rmid_forced', 'kernel.shm',
  'kernel.msgmax', 'kernel.msgmnb', 'kernel.msgmni', 'kernel.msg'];

/** GetNamespace: `net/ipv4/ip_forward` is read as `net.ipv4.ip_forward`, and a `*` ends the name. */
function sysctlNamespace(name: string): 'Net' | 'IPC' | undefined {
  let normalized = name;
  const separator = name.search(/[./]/);
  if (separator !== -1 && name[separator] === '/') {
    normalized = name.replace(/[./]/g, c => (c === '.' ? '/' : '.'));
  }
  const star = normalized.indexOf('*');
  if (star !== -1) normalized = normalized.slice(0, star);
  if (IPC_SYSCTLS.includes(normalized) || normalized.startsWith('fs.mqueue.')) return 'IPC';
  if (normalized.startsWith('net.')) return 'Net';
  return undefined;
}

/** An ID of the pod's security context (`field` of it) out of range. */
function idFinding(id: unknown, prefix: string, field: string, findings: Finding[]): void {
  if (typeof id === 'number' && (id < 0 || id > 2147483647)) {
    findings.push(finding('pod-security-context-invalid', `${prefix}.securityContext.${field}`, invalid(id, ID_RANGE)));
  }
}

/** The user and group IDs in range, the sysctls' names, and no namespaced sysctl of a namespace the pod shares with the host. */
export function podSecurityContextFindings({ spec, prefix }: PodView, findings: Finding[]): void {
  const sc = spec.securityContext;
  if (sc === null || typeof sc !== 'object') return;
  idFinding(sc.fsGroup, prefix, 'fsGroup', findings);
  idFinding(sc.runAsUser, prefix, 'runAsUser', findings);
  idFinding(sc.runAsGroup, prefix, 'runAsGroup', findings);
  if (!Array.isArray(sc.supplementalGroups) && !Array.isArray(sc.sysctls)) return;
  const path = `${prefix}.securityContext`;
  if (Array.isArray(sc.supplementalGroups)) {
    sc.supplementalGroups.forEach((id: unknown, g: number) => {
      if (typeof id === 'number' && (id < 0 || id > 2147483647)) {
        findings.push(finding('pod-security-context-invalid', `${path}.supplementalGroups[${g}]`, invalid(id, ID_RANGE)));
      }
    });
  }
  if (!Array.isArray(sc.sysctls)) return;
  const names = new Set<string>();
  sc.sysctls.forEach((s: any, i: number) => {
    const name = typeof s?.name === 'string' ? s.name : '';
    const at = `${path}.sysctls[${i}].name`;
    if (name === '') {
      findings.push(finding('pod-security-context-invalid', at, required()));
    } else if (byteLength(name) > 253 || !SYSCTL_NAME_REGEX.test(name)) {
      findings.push(finding('pod-security-context-invalid', at, invalid(name, `must have at most 253 characters and match regex ${SYSCTL_NAME}`)));
    } else if (names.has(name)) {
      findings.push(finding('pod-security-context-invalid', at, duplicate(name)));
    }
    const namespace = sysctlNamespace(name);
    if (spec.hostNetwork === true && namespace === 'Net') {
      findings.push(finding('pod-security-context-invalid', at, invalid(name, 'may not be specified when \'hostNetwork\' is true')));
    } else if (spec.hostIPC === true && namespace === 'IPC') {
      findings.push(finding('pod-security-context-invalid', at, invalid(name, 'may not be specified when \'hostIPC\' is true')));
    }
    names.add(name);
  });
}

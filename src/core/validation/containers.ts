// The containers of a pod spec as validateContainers and validateInitContainers check them
// (kubernetes pkg/apis/core/validation/validation.go@v1.37.2), container by container in the API
// server's order: validateContainerCommon (name, image, validateContainerPorts,
// ValidateVolumeMounts, ValidateContainerResourceRequirements, ValidateSecurityContext with
// validateWindowsSecurityContextOptions), then the name's uniqueness, the lifecycle hooks and the
// probes; for init containers their restartPolicy and what only a sidecar may have. The parts of
// those functions that node agents' fields meet are checked; the others (env, volumeDevices,
// resizePolicy, ...) are left to the API server.
import { Finding } from './finding';
import { PROBES, lifecycleFindings, probeFindings } from './handlers';
import { duplicateHostPortFindings } from './host-network';
import { PORT_RANGE, dns1123LabelProblems, isValidPortNumber } from './names';
import { portNameProblems } from './probe-ports';
import { compareQuantities, formatQuantity, parseQuantity, Quantity } from './quantity';
import { ContainerAt, PodView, duplicate, finding, hasItems, invalid, isSet, notFound, notSupported, required } from './util';
import { windowsOptionsFindings } from './windows-options';

/** What every container of one pod is checked against. */
interface PodContext {
  readonly pod: PodView;
  /** A bare Pod is defaulted as a Pod (hostPorts from containerPorts, requests from limits). */
  readonly resourceIsPod: boolean;
  /** The names of the pod's valid volumes (volumes.ts). */
  readonly volumes: ReadonlySet<string>;
  /** terminationGracePeriodSeconds as defaulted: 30 when unset. */
  readonly gracePeriod: number;
}

/** The findings of validateContainers, validateInitContainers and validateEphemeralContainers, in that order. */
export function containerFindings(pod: PodView, resourceIsPod: boolean, volumes: ReadonlySet<string>, findings: Finding[]): void {
  const grace = pod.spec.terminationGracePeriodSeconds;
  // SetDefaults_PodSpec sets 30 when unset; SetDefaults_Pod raises a bare Pod's negative value to 1.
  const gracePeriod = typeof grace !== 'number' ? 30 : resourceIsPod && grace < 0 ? 1 : grace;
  const ctx: PodContext = { pod, resourceIsPod, volumes, gracePeriod };
  const containers = pod.containers;
  const names = new Set<string>();
  let ephemeral = false;
  // Indexed loops, no callbacks: see containersOf (./util.ts).
  for (let i = 0; i < containers.length; i++) {
    const c = containers[i];
    if (c.list === 'ephemeralContainers') ephemeral = true;
    if (c.list !== 'containers') continue;
    commonFindings(ctx, c, findings);
    const name = nameOf(c.container);
    if (names.has(name)) findings.push(finding('container-name-duplicate', `${c.path}.name`, duplicate(name)));
    else names.add(name);
    hooksAndProbes(ctx, c, findings);
  }
  duplicateHostPortFindings(pod, resourceIsPod, findings);
  for (let i = 0; i < containers.length; i++) {
    const c = containers[i];
    if (c.list !== 'initContainers') continue;
    commonFindings(ctx, c, findings);
    const policy = c.container.restartPolicy;
    // With ContainerRestartRules (on by default in v1.37.2), an init container may restart Always
    // (a sidecar), Never or OnFailure; v1.30 has only Always.
    if (typeof policy === 'string' && !INIT_RESTART_POLICIES.includes(policy)) {
      findings.push(finding('init-container-restart-policy-unsupported', `${c.path}.restartPolicy`, notSupported(policy, INIT_RESTART_POLICIES)));
    }
    const name = nameOf(c.container);
    if (names.has(name)) findings.push(finding('container-name-duplicate', `${c.path}.name`, duplicate(name)));
    else if (name !== '') names.add(name);
    initHostPortFindings(ctx, c, findings);
    if (policy === 'Always') {
      hooksAndProbes(ctx, c, findings);
    } else {
      for (const field of INIT_FORBIDDEN_FIELDS) {
        if (isSet(c.container[field])) {
          findings.push(finding('init-container-probes-and-hooks', `${c.path}.${field}`, `Forbidden: ${INIT_CONTAINER_FORBIDDEN}`));
        }
      }
    }
  }
  // validateEphemeralContainers: the common checks, and a name no other container of any kind has.
  // (Its list of fields an ephemeral container may not set is left to the API server: a new pod
  // may not have ephemeral containers at all, ephemeral-containers-forbidden.)
  if (!ephemeral) return;
  const allNames = new Set(containers.filter(c => c.list !== 'ephemeralContainers').map(c => nameOf(c.container)));
  for (const c of containers) {
    if (c.list !== 'ephemeralContainers') continue;
    commonFindings(ctx, c, findings);
    const name = nameOf(c.container);
    if (allNames.has(name)) findings.push(finding('container-name-duplicate', `${c.path}.name`, duplicate(name)));
    else allNames.add(name);
  }
}

const INIT_RESTART_POLICIES = ['Always', 'Never', 'OnFailure'];
/** What an init container without restartPolicy Always may not have. */
const INIT_FORBIDDEN_FIELDS = ['lifecycle', ...PROBES];

/** The words of rule init-container-probes-and-hooks (validateInitContainers). */
export const INIT_CONTAINER_FORBIDDEN = 'may not be set for init containers without restartPolicy=Always';

function nameOf(container: any): string {
  return typeof container.name === 'string' ? container.name : '';
}

function hooksAndProbes(ctx: PodContext, { container, path }: ContainerAt, findings: Finding[]): void {
  if (isSet(container.lifecycle)) lifecycleFindings(container.lifecycle, `${path}.lifecycle`, ctx.gracePeriod, findings);
  for (const probe of PROBES) {
    // probeFindings checks only objects: its path is written only for one.
    const value = container[probe];
    if (value !== null && typeof value === 'object') probeFindings(value, probe, `${path}.${probe}`, findings);
  }
}

/** validateContainerCommon: what every container is checked for, in its order. */
function commonFindings(ctx: PodContext, c: ContainerAt, findings: Finding[]): void {
  const { container, path } = c;
  const name = nameOf(container);
  if (name === '') {
    findings.push(finding('container-name-invalid', `${path}.name`, required()));
  } else {
    for (const problem of dns1123LabelProblems(name)) findings.push(finding('container-name-invalid', `${path}.name`, invalid(name, problem)));
  }
  if (typeof container.image !== 'string' || container.image === '') {
    findings.push(finding('container-image-required', `${path}.image`, required()));
  }
  portFindings(ctx, c, findings);
  mountFindings(ctx, c, findings);
  resourceFindings(ctx, c, findings);
  securityContextFindings(container.securityContext, `${path}.securityContext`, findings);
}

const NO_ITEMS: any[] = [];

function listOf(value: unknown): any[] {
  return Array.isArray(value) ? value : NO_ITEMS;
}

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

/**
 * The hostPort the API server validates: a bare Pod on the host network has each unset hostPort
 * set to its containerPort first (SetDefaults_Pod, defaultHostNetworkPorts, init containers too).
 */
function hostPortOf(ctx: PodContext, port: any): number {
  const hostPort = typeof port.hostPort === 'number' ? port.hostPort : 0;
  const containerPort = typeof port.containerPort === 'number' ? port.containerPort : 0;
  return hostPort === 0 && ctx.resourceIsPod && ctx.pod.spec.hostNetwork === true ? containerPort : hostPort;
}

/** validateContainerPorts. */
function portFindings(ctx: PodContext, { container, path }: ContainerAt, findings: Finding[]): void {
  if (!hasItems(container.ports)) return;
  const names = new Set<string>();
  listOf(container.ports).forEach((p, j) => {
    const port = p !== null && typeof p === 'object' ? p : {};
    const at = `${path}.ports[${j}]`;
    if (typeof port.name === 'string' && port.name !== '') {
      const problems = portNameProblems(port.name);
      for (const problem of problems) findings.push(finding('container-port-name-invalid', `${at}.name`, invalid(port.name, problem)));
      if (problems.length === 0) {
        if (names.has(port.name)) findings.push(finding('container-port-name-duplicate', `${at}.name`, duplicate(port.name)));
        else names.add(port.name);
      }
    }
    const containerPort = typeof port.containerPort === 'number' ? port.containerPort : 0;
    if (containerPort === 0) {
      findings.push(finding('container-port-invalid', `${at}.containerPort`, required()));
    } else if (!isValidPortNumber(containerPort)) {
      findings.push(finding('container-port-invalid', `${at}.containerPort`, invalid(containerPort, PORT_RANGE)));
    }
    const hostPort = hostPortOf(ctx, port);
    if (hostPort !== 0 && !isValidPortNumber(hostPort)) {
      findings.push(finding('host-port-invalid', `${at}.hostPort`, invalid(hostPort, PORT_RANGE)));
    }
    // An unset or empty protocol is defaulted to TCP.
    if (typeof port.protocol === 'string' && port.protocol !== '' && !PROTOCOLS.includes(port.protocol)) {
      findings.push(finding('container-port-protocol-unsupported', `${at}.protocol`, notSupported(port.protocol, PROTOCOLS)));
    }
  });
}

/**
 * An init container's own hostPort conflicts (init containers run one at a time, so only its own
 * ports can clash). validateInitContainers passes the container alone to checkHostPortConflicts
 * with the list's path, so the API server names every init container `initContainers[0]`: so does
 * the finding, to match it.
 */
function initHostPortFindings(ctx: PodContext, { container }: ContainerAt, findings: Finding[]): void {
  const seen = new Set<string>();
  listOf(container.ports).forEach((p, j) => {
    const port = p !== null && typeof p === 'object' ? p : {};
    const hostPort = hostPortOf(ctx, port);
    if (hostPort === 0) return;
    const key = `${port.protocol || 'TCP'}/${port.hostIP ?? ''}/${hostPort}`;
    if (seen.has(key)) {
      findings.push(finding('host-port-duplicate', `${ctx.pod.prefix}.initContainers[0].ports[${j}].hostPort`, duplicate(key)));
    } else {
      seen.add(key);
    }
  });
}

/** ValidateVolumeMounts: each mount names a valid volume of the pod, at a path of its own. */
function mountFindings(ctx: PodContext, { container, path }: ContainerAt, findings: Finding[]): void {
  if (!hasItems(container.volumeMounts)) return;
  const paths = new Set<string>();
  listOf(container.volumeMounts).forEach((m, j) => {
    const mount = m !== null && typeof m === 'object' ? m : {};
    const at = `${path}.volumeMounts[${j}]`;
    const name = typeof mount.name === 'string' ? mount.name : '';
    if (name === '') findings.push(finding('volume-mount-volume-not-found', `${at}.name`, required()));
    if (!ctx.volumes.has(name)) findings.push(finding('volume-mount-volume-not-found', `${at}.name`, notFound(name)));
    const mountPath = typeof mount.mountPath === 'string' ? mount.mountPath : '';
    if (mountPath === '') findings.push(finding('volume-mount-path-invalid', `${at}.mountPath`, required()));
    if (paths.has(mountPath)) findings.push(finding('volume-mount-path-invalid', `${at}.mountPath`, invalid(mountPath, 'must be unique')));
    paths.add(mountPath);
  });
}

/** The resource names a container may ask for without a domain (IsStandardContainerResourceName). */
const CONTAINER_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];
/** The other names without a domain that are standard resources (IsStandardResourceName), for quotas. */
const OTHER_STANDARD_RESOURCES = [
  'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage',
  'pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets', 'persistentvolumeclaims', 'configmaps',
  'services.nodeports', 'services.loadbalancers', 'storage', 'requests.storage',
];
/** A name without a domain as IsQualifiedName takes it (longer or odder names are left to the API server). */
const PLAIN_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/** validateResourceName and ValidateContainerResourceName for a name without a domain. */
function resourceNameProblems(name: string): string[] {
  // The names containers ask for nearly always: standard, and for containers.
  if (CONTAINER_RESOURCES.includes(name) || name.includes('/') || !PLAIN_NAME.test(name)) return [];
  const hugePages = name.startsWith('hugepages-');
  const problems: string[] = [];
  if (!hugePages && !OTHER_STANDARD_RESOURCES.includes(name) && !name.startsWith('requests.hugepages-')) {
    problems.push('must be a standard resource type or fully qualified');
  }
  if (!hugePages) problems.push('must be a standard resource for containers');
  return problems;
}

/** Resources the API server lets a request undercut its limit for (IsOvercommitAllowed). */
function overcommitAllowed(name: string): boolean {
  return (!name.includes('/') || name.includes('kubernetes.io/')) && !name.startsWith('hugepages-');
}

/** A resource list's quantities by name, in the list's order. */
function quantitiesOf(list: unknown): Map<string, Quantity | undefined> {
  const quantities = new Map<string, Quantity | undefined>();
  if (list === null || typeof list !== 'object' || Array.isArray(list)) return quantities;
  for (const name of Object.keys(list)) quantities.set(name, parseQuantity((list as { [name: string]: unknown })[name]));
  return quantities;
}

const ZERO = BigInt(0);

/** A resource's name, and no negative quantity. */
function quantityFindings(name: string, q: Quantity | undefined, field: string, findings: Finding[]): void {
  for (const problem of resourceNameProblems(name)) findings.push(finding('resources-invalid', field, invalid(name, problem)));
  if (q !== undefined && q.nanos < ZERO) {
    findings.push(finding('resources-invalid', field, invalid(formatQuantity(q), 'must be greater than or equal to 0')));
  }
}

/** validateResourceRequirements for a container: names, no negative quantity, requests within limits. */
function resourceFindings(ctx: PodContext, { container, path, list }: ContainerAt, findings: Finding[]): void {
  const resources = container.resources;
  if (resources === null || typeof resources !== 'object') return;
  const at = `${path}.resources`;
  const limits = quantitiesOf(resources.limits);
  const requests = quantitiesOf(resources.requests);
  // SetDefaults_Pod: a bare Pod's container (not an ephemeral one) requests what it limits, where
  // it requests nothing of its own.
  if (ctx.resourceIsPod && list !== 'ephemeralContainers') {
    for (const [name, q] of limits) if (!requests.has(name)) requests.set(name, q);
  }
  for (const [name, q] of limits) quantityFindings(name, q, `${at}.limits[${name}]`, findings);
  for (const [name, q] of requests) {
    quantityFindings(name, q, `${at}.requests[${name}]`, findings);
    const limit = limits.get(name);
    if (limits.has(name)) {
      if (q === undefined || limit === undefined) continue;
      const cmp = compareQuantities(q, limit);
      if (cmp !== 0 && !overcommitAllowed(name)) {
        findings.push(finding('resources-request-exceeds-limit', `${at}.requests`,
          invalid(formatQuantity(q), `must be equal to ${name} limit of ${formatQuantity(limit)}`)));
      } else if (cmp > 0) {
        findings.push(finding('resources-request-exceeds-limit', `${at}.requests`,
          invalid(formatQuantity(q), `must be less than or equal to ${name} limit of ${formatQuantity(limit)}`)));
      }
    } else if (!overcommitAllowed(name)) {
      findings.push(finding('resources-request-exceeds-limit', `${at}.limits`, required('Limit must be set for non overcommitable resources')));
    }
  }
}

const USER_ID_RANGE = 'must be between 0 and 2147483647, inclusive';
const ID_FIELDS = ['runAsUser', 'runAsGroup'];

/**
 * ValidateSecurityContext: the user and group IDs in range, no privileged container that may not
 * escalate its privileges, then the windowsOptions (windows-options.ts).
 */
function securityContextFindings(sc: any, path: string, findings: Finding[]): void {
  if (sc === null || typeof sc !== 'object') return;
  for (const field of ID_FIELDS) {
    const id = sc[field];
    if (typeof id === 'number' && (id < 0 || id > 2147483647)) {
      findings.push(finding('security-context-invalid', `${path}.${field}`, invalid(id, USER_ID_RANGE)));
    }
  }
  if (sc.allowPrivilegeEscalation === false) {
    if (sc.privileged === true) {
      findings.push(finding('security-context-invalid', path,
        `Invalid value: ${internalSecurityContext(sc)}: cannot set \`allowPrivilegeEscalation\` to false and \`privileged\` to true`));
    }
    for (const capability of listOf(sc.capabilities?.add)) {
      if (capability === 'CAP_SYS_ADMIN') {
        findings.push(finding('security-context-invalid', path,
          `Invalid value: ${internalSecurityContext(sc)}: cannot set \`allowPrivilegeEscalation\` to false and \`capabilities.Add\` CAP_SYS_ADMIN`));
      }
    }
  }
  windowsOptionsFindings(sc.windowsOptions, `${path}.windowsOptions`, findings);
}

/**
 * The security context as the v1.37.2 API server prints it in that message: its internal Go type
 * (core.SecurityContext) through json.Marshal, with Go's field names in their order. (v1.30
 * prints it with %#v, pointers as addresses.)
 */
function internalSecurityContext(sc: any): string {
  const opt = (value: unknown) => (isSet(value) ? value : null);
  const str = (value: unknown) => (typeof value === 'string' ? value : '');
  const struct = (value: any, fields: (v: any) => object) => (value !== null && typeof value === 'object' ? fields(value) : null);
  const profile = (p: any) => ({ Type: str(p.type), LocalhostProfile: opt(p.localhostProfile) });
  const internal = {
    Capabilities: struct(sc.capabilities, c => ({ Add: opt(c.add), Drop: opt(c.drop) })),
    Privileged: opt(sc.privileged),
    SELinuxOptions: struct(sc.seLinuxOptions, o => ({ User: str(o.user), Role: str(o.role), Type: str(o.type), Level: str(o.level) })),
    WindowsOptions: struct(sc.windowsOptions, o => ({
      GMSACredentialSpecName: opt(o.gmsaCredentialSpecName),
      GMSACredentialSpec: opt(o.gmsaCredentialSpec),
      RunAsUserName: opt(o.runAsUserName),
      HostProcess: opt(o.hostProcess),
    })),
    RunAsUser: opt(sc.runAsUser),
    RunAsGroup: opt(sc.runAsGroup),
    RunAsNonRoot: opt(sc.runAsNonRoot),
    ReadOnlyRootFilesystem: opt(sc.readOnlyRootFilesystem),
    AllowPrivilegeEscalation: opt(sc.allowPrivilegeEscalation),
    ProcMount: opt(sc.procMount),
    SeccompProfile: struct(sc.seccompProfile, profile),
    AppArmorProfile: struct(sc.appArmorProfile, profile),
  };
  // encoding/json escapes <, >, & and the line and paragraph separators.
  return JSON.stringify(internal).replace(/[<>&\u2028\u2029]/g, ch => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}


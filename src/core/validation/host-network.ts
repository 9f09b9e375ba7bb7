// hostNetwork and ports (rules §E): validatePodHostNetworkDeps, AccumulateUniqueHostPorts and the
// hostNetwork part of validateHostUsers. HostProcess pods always use the host network, so these
// always apply to them.
import { Finding } from './finding';
import { PodView, finding, forbidden, goQuote, invalid } from './util';
import { ruleMessage } from '../rules/catalog';

/**
 * Rule 19: with `hostNetwork: true`, a container port's `hostPort` must be unset, 0, or equal to
 * its `containerPort`. Init containers are not checked (nor are they by the API server).
 *
 * A bare Pod is defaulted first (an unset hostPort becomes the containerPort), and a template's
 * unset hostPort is explicitly allowed, so an unset or 0 hostPort passes in both cases.
 */
export function hostPortFindings(pod: PodView, findings: Finding[]): void {
  if (pod.spec?.hostNetwork !== true) {
    return;
  }
  for (const { container, path, list } of pod.containers) {
    const ports = portsOf(container);
    if (list !== 'containers' || ports.length === 0) continue;
    ports.forEach((port, j) => {
      const hostPort = port?.hostPort ?? 0;
      if (hostPort !== 0 && hostPort !== port?.containerPort) {
        findings.push(finding('host-port-mismatch', `${path}.ports[${j}].hostPort`,
          invalid(hostPort, 'must match `containerPort` when `hostNetwork` is true')));
      }
    });
  }
}

/**
 * Rule 20: two ports of `containers` with the same protocol, hostIP and hostPort
 * (`Duplicate value: "TCP//8080"`). In a bare Pod with the host network, an unset hostPort counts
 * as its containerPort, because defaulting sets it so before validation.
 */
export function duplicateHostPortFindings(pod: PodView, resourceIsPod: boolean, findings: Finding[]): void {
  const defaulted = resourceIsPod && pod.spec?.hostNetwork === true;
  let seen: Set<string> | undefined;
  for (const { container, path, list } of pod.containers) {
    const ports = portsOf(container);
    if (list !== 'containers' || ports.length === 0) continue;
    ports.forEach((port, j) => {
      let hostPort = port?.hostPort ?? 0;
      if (hostPort === 0 && defaulted) {
        hostPort = port?.containerPort ?? 0;
      }
      if (hostPort === 0) {
        return;
      }
      // An unset or empty protocol is defaulted to TCP before validation.
      const key = `${port?.protocol || 'TCP'}/${port?.hostIP ?? ''}/${hostPort}`;
      seen ??= new Set<string>();
      if (seen.has(key)) {
        findings.push(finding('host-port-duplicate', `${path}.ports[${j}].hostPort`, `Duplicate value: ${goQuote(key)}`));
      } else {
        seen.add(key);
      }
    });
  }
}

/**
 * The part of `validateHostUsers` HostProcess and Windows pods meet: a user namespace
 * (`hostUsers: false`) cannot be combined with the host network, PID or IPC namespace.
 */
export function hostUsersFindings(pod: PodView, findings: Finding[]): void {
  const { spec, prefix } = pod;
  if (spec?.hostUsers !== false) {
    return;
  }
  // pkg/apis/core/validation/validation.go@v1.35.4 validateHostUsers (wording also at v1.34.7;
  // older releases said "when `pod.Spec.HostUsers` is false"). v1.35.4 skips the hostNetwork check
  // under gate UserNamespacesHostNetworkSupport, which is alpha and off by default there.
  if (spec.hostNetwork === true) {
    findings.push(finding('host-users-host-namespaces', `${prefix}.hostNetwork`, HOST_USERS_FALSE));
  }
  // Same function and tag. The capitalised HostPID and HostIPC are the API server's own paths.
  if (spec.hostPID === true) {
    findings.push(finding('host-users-host-namespaces', `${prefix}.HostPID`, HOST_USERS_FALSE));
  }
  if (spec.hostIPC === true) {
    findings.push(finding('host-users-host-namespaces', `${prefix}.HostIPC`, HOST_USERS_FALSE));
  }
}

const HOST_USERS_FALSE = forbidden('when `hostUsers` is false');

/**
 * A pod cannot share one process namespace among its containers and use the host's
 * (`validateShareProcessNamespace`, pkg/apis/core/validation/validation.go@v1.37.2), reported at
 * the field the manifest has, as 1.37 reports it (older releases: ../k8s/moved-fields.ts).
 */
export function shareProcessNamespaceFindings({ spec, prefix }: PodView, findings: Finding[]): void {
  if (sharesProcessNamespaceWithHostPid(spec)) {
    findings.push(finding('share-process-namespace-host-pid', `${prefix}.shareProcessNamespace`,
      invalid(true, ruleMessage('share-process-namespace-host-pid'))));
  }
}

/** Whether the pod spec sets both `shareProcessNamespace: true` and `hostPID: true`, which the API server refuses. */
export function sharesProcessNamespaceWithHostPid(spec: any): boolean {
  return spec?.hostPID === true && spec?.shareProcessNamespace === true;
}

const NO_PORTS: any[] = [];

function portsOf(container: any): any[] {
  return Array.isArray(container?.ports) ? container.ports : NO_PORTS;
}

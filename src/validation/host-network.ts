// hostNetwork and ports (rules §E): validatePodHostNetworkDeps, AccumulateUniqueHostPorts and the
// hostNetwork part of validateHostUsers. HostProcess pods always use the host network, so these
// always apply to them.
import { Finding } from './finding';
import { containersOf, error, forbidden, goQuote, invalid } from './util';

/**
 * Rule 19: with `hostNetwork: true`, a container port's `hostPort` must be unset, 0, or equal to
 * its `containerPort`. Init containers are not checked (nor are they by the API server).
 *
 * A bare Pod is defaulted first (an unset hostPort becomes the containerPort), and a template's
 * unset hostPort is explicitly allowed, so an unset or 0 hostPort passes in both cases.
 */
export function hostPortFindings(spec: any, prefix: string): Finding[] {
  if (spec?.hostNetwork !== true) {
    return [];
  }
  const findings: Finding[] = [];
  for (const { container, path } of containersOf(spec, prefix, ['containers'])) {
    portsOf(container).forEach((port, j) => {
      const hostPort = port?.hostPort ?? 0;
      if (hostPort !== 0 && hostPort !== port?.containerPort) {
        findings.push(error(`${path}.ports[${j}].hostPort`,
          invalid(hostPort, 'must match `containerPort` when `hostNetwork` is true')));
      }
    });
  }
  return findings;
}

/**
 * Rule 20: two ports of `containers` with the same protocol, hostIP and hostPort
 * (`Duplicate value: "TCP//8080"`). In a bare Pod with the host network, an unset hostPort counts
 * as its containerPort, because defaulting sets it so before validation.
 */
export function duplicateHostPortFindings(spec: any, prefix: string, resourceIsPod: boolean): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const defaulted = resourceIsPod && spec?.hostNetwork === true;
  for (const { container, path } of containersOf(spec, prefix, ['containers'])) {
    portsOf(container).forEach((port, j) => {
      let hostPort = port?.hostPort ?? 0;
      if (hostPort === 0 && defaulted) {
        hostPort = port?.containerPort ?? 0;
      }
      if (hostPort === 0) {
        return;
      }
      const key = `${port?.protocol ?? 'TCP'}/${port?.hostIP ?? ''}/${hostPort}`;
      if (seen.has(key)) {
        findings.push(error(`${path}.ports[${j}].hostPort`, `Duplicate value: ${goQuote(key)}`));
      } else {
        seen.add(key);
      }
    });
  }
  return findings;
}

/**
 * The part of `validateHostUsers` HostProcess pods meet: a user namespace (`hostUsers: false`)
 * cannot be combined with the host network.
 */
export function hostUsersFindings(spec: any, prefix: string): Finding[] {
  if (spec?.hostUsers === false && spec?.hostNetwork === true) {
    return [error(`${prefix}.hostNetwork`, forbidden('when `pod.Spec.HostUsers` is false'))];
  }
  return [];
}

function portsOf(container: any): any[] {
  return Array.isArray(container?.ports) ? container.ports : [];
}

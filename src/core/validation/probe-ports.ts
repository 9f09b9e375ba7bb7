// Named probe ports (cdk8s-hostprocess rule; the API server checks only the name's syntax).
import { Finding } from './finding';
import { PodView, finding, goQuote, invalid, isSet } from './util';
import { ruleMessage } from '../rules/catalog';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const ACTIONS = ['httpGet', 'tcpSocket'] as const;

/**
 * What is wrong with a port name, in the API server's words; empty when the name is valid.
 * Mirrors `IsValidPortName` (k8s.io/apimachinery pkg/util/validation/validation.go@v0.35.7, the
 * apimachinery of Kubernetes 1.35), which validates a named probe port and a container port's name.
 */
export function portNameProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.length > 15) problems.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name)) problems.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) problems.push('must contain at least one letter (a-z)');
  if (name.includes('--')) problems.push('must not contain consecutive hyphens');
  if (name.length > 0 && (name.startsWith('-') || name.endsWith('-'))) problems.push('must not begin or end with a hyphen');
  return problems;
}

/**
 * A probe whose `httpGet` or `tcpSocket` port is a name that no port of its own container has. The
 * kubelet looks a named probe port up among the ports of the container the probe belongs to, and
 * the probe fails when none has the name (`ResolveContainerPort` / `findPortByName` in
 * kubernetes/kubernetes pkg/probe/util.go, read at commit 7fc9c57d; the kubelet's prober calls it for
 * httpGet and tcpSocket). The API server does not check it, so a pod would start and never pass
 * the probe.
 */
export function probePortFindings({ containers }: PodView, findings: Finding[]): void {
  for (const { container, path } of containers) {
    if (container === null || typeof container !== 'object' || !hasProbe(container)) continue;
    const names = new Set((Array.isArray(container.ports) ? container.ports : []).map((p: any) => p?.name).filter((n: unknown) => typeof n === 'string'));
    for (const probe of PROBES) {
      for (const action of ACTIONS) {
        const port = portValue(container[probe]?.[action]?.port);
        // A name the API server rejects, or digits (which the kubelet parses as a number), is not
        // this rule's business.
        if (typeof port !== 'string' || portNameProblems(port).length > 0 || names.has(port)) continue;
        const ctr = typeof container.name === 'string' ? ` ${goQuote(container.name)}` : '';
        findings.push(finding('probe-port-name-unknown', `${path}.${probe}.${action}.port`, invalid(port,
          `no port of container${ctr} is named ${goQuote(port)}: ${ruleMessage('probe-port-name-unknown')} ` +
          '(cdk8s-hostprocess rule; the API server does not check it)')));
      }
    }
  }
}

function hasProbe(container: any): boolean {
  for (const probe of PROBES) if (isSet(container[probe])) return true;
  return false;
}

// Plain JSON has the port as a number or string; a cdk8s pod spec has a k8s.IntOrString.
function portValue(port: unknown): unknown {
  return port !== null && typeof port === 'object' && 'value' in port ? (port as { value: unknown }).value : port;
}

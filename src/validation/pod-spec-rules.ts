// The rules engine: every check of reference/k8s-hostprocess-rules.md §A-E over one pod spec, in
// the order ValidatePodSpec reports them, followed by the library's own rules.
import { Finding } from './finding';
import { duplicateHostPortFindings, hostPortFindings, hostUsersFindings } from './host-network';
import { hostProcessFindings } from './host-process';
import { libraryFindings } from './library-rules';
import { osFindings } from './pod-os';
import { ContainerList, containersOf, error, forbidden, isSet } from './util';
import { windowsOptionsFindings } from './windows-options';

/** Where a bare Pod's spec sits; any other prefix is a pod template. */
export const POD_PREFIX = 'spec';

/**
 * Every finding for one pod spec (plain Kubernetes JSON, or a cdk8s `k8s.PodSpec` object: only
 * fields that are plain values in both are read).
 *
 * @param spec the pod spec
 * @param prefix where it sits in its manifest: `spec` for a Pod (which is then also checked as a
 *   Pod is on create), `spec.template.spec` for a workload, `spec.jobTemplate.spec.template.spec`
 *   for a CronJob, `template.spec` for a PodTemplate
 */
export function validatePodSpec(spec: any, prefix: string): Finding[] {
  if (spec === null || typeof spec !== 'object') {
    return [];
  }
  const resourceIsPod = prefix === POD_PREFIX;
  const findings: Finding[] = [
    // validateContainers (with its hostPort conflicts), validateInitContainers, validateEphemeralContainers
    ...containerOptionsFindings(spec, prefix, 'containers'),
    ...duplicateHostPortFindings(spec, prefix, resourceIsPod),
    ...containerOptionsFindings(spec, prefix, 'initContainers'),
    ...containerOptionsFindings(spec, prefix, 'ephemeralContainers'),
    ...hostPortFindings(spec, prefix),
    ...windowsOptionsFindings(spec.securityContext?.windowsOptions, `${prefix}.securityContext.windowsOptions`),
    ...hostProcessFindings(spec, prefix),
    ...hostUsersFindings(spec, prefix),
    ...osFindings(spec, prefix),
    ...(resourceIsPod ? ephemeralOnCreateFindings(spec, prefix) : []),
    ...libraryFindings(spec, prefix),
  ];
  return withoutDuplicates(findings);
}

function containerOptionsFindings(spec: any, prefix: string, list: ContainerList): Finding[] {
  return containersOf(spec, prefix, [list]).flatMap(({ container, path }) =>
    windowsOptionsFindings(container.securityContext?.windowsOptions, `${path}.securityContext.windowsOptions`));
}

// Rule 7 (ValidatePodCreate): ephemeral containers are added later through their subresource.
function ephemeralOnCreateFindings(spec: any, prefix: string): Finding[] {
  const ephemeral = spec.ephemeralContainers;
  if (isSet(ephemeral) && Array.isArray(ephemeral) && ephemeral.length > 0) {
    return [error(`${prefix}.ephemeralContainers`, forbidden('cannot be set on create'))];
  }
  return [];
}

// ErrorList.ToAggregate drops exact-duplicate messages.
function withoutDuplicates(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter(f => {
    const key = `${f.severity}\u0000${f.field}\u0000${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

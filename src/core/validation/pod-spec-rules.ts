// The rules engine: every check of reference/k8s-hostprocess-rules.md §A-E over one pod spec, in
// the order ValidatePodSpec reports them, followed by the library's own rules.
import { containerFindings } from './containers';
import { Finding } from './finding';
import { hostPortFindings, hostUsersFindings, shareProcessNamespaceFindings } from './host-network';
import { hostProcessFindings } from './host-process';
import { libraryFindings } from './library-rules';
import { osFindings, podResourcesFindings } from './pod-os';
import { podSecurityContextFindings } from './pod-security-context';
import { probePortFindings } from './probe-ports';
import { PodView, finding, forbidden, isSet, podView } from './util';
import { volumeFindings } from './volumes';
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
 * @param annotations the pod's `metadata.annotations` (the pod template's), when known
 */
export function validatePodSpec(spec: any, prefix: string, annotations?: unknown): Finding[] {
  if (spec === null || typeof spec !== 'object') {
    return [];
  }
  const resourceIsPod = prefix === POD_PREFIX;
  const pod = podView(spec, prefix, annotations);
  const findings: Finding[] = [];
  // ValidateVolumes, then validateContainers (with its hostPort conflicts), validateInitContainers
  // and validateEphemeralContainers
  const volumes = volumeFindings(pod, findings);
  containerFindings(pod, resourceIsPod, volumes, findings);
  // validatePodResources
  podResourcesFindings(pod, findings);
  hostPortFindings(pod, findings);
  // validatePodSpecSecurityContext, then validateShareProcessNamespace (part of the former before 1.37)
  podSecurityContextFindings(pod, findings);
  shareProcessNamespaceFindings(pod, findings);
  windowsOptionsFindings(spec.securityContext?.windowsOptions, `${prefix}.securityContext.windowsOptions`, findings);
  hostProcessFindings(pod, findings);
  hostUsersFindings(pod, findings);
  osFindings(pod, findings);
  ephemeralContainerFindings(pod, resourceIsPod, findings);
  libraryFindings(pod, findings);
  probePortFindings(pod, findings);
  return findings.length > 1 ? withoutDuplicates(findings) : findings;
}

// Ephemeral containers are added to a running pod through their subresource: a new Pod may not
// have them (rule 7, ValidatePodCreate), nor may a pod template (ValidatePodTemplateSpec).
function ephemeralContainerFindings({ spec, prefix }: PodView, resourceIsPod: boolean, findings: Finding[]): void {
  const ephemeral = spec.ephemeralContainers;
  if (isSet(ephemeral) && Array.isArray(ephemeral) && ephemeral.length > 0) {
    findings.push(finding('ephemeral-containers-forbidden', `${prefix}.ephemeralContainers`,
      forbidden(resourceIsPod ? 'cannot be set on create' : 'ephemeral containers not allowed in pod template')));
  }
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

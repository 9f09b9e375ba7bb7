// validateWindowsHostProcessPod (rules §A): which containers are HostProcess, pod/container
// agreement, all-or-nothing, and hostNetwork. It runs on every pod, whatever spec.os says.
import { Finding } from './finding';
import { PodView, finding, invalid } from './util';
import { ruleMessage } from '../rules/catalog';

/** The pod-level `securityContext.windowsOptions.hostProcess`, if set to a boolean. */
export function podHostProcess(spec: any): boolean | undefined {
  return asBool(spec?.securityContext?.windowsOptions?.hostProcess);
}

/** A container's own `securityContext.windowsOptions.hostProcess`, if set to a boolean. */
export function containerHostProcess(container: any): boolean | undefined {
  return asBool(container?.securityContext?.windowsOptions?.hostProcess);
}

/**
 * Whether a container counts as HostProcess: its own value if set, else the pod's (rule 1).
 */
export function isHostProcessContainer(container: any, podValue: boolean | undefined): boolean {
  return (containerHostProcess(container) ?? podValue) === true;
}

/**
 * Whether the pod is a HostProcess pod: some container counts as HostProcess, or (for a spec
 * without containers) the pod-level value is true.
 */
export function isHostProcessPod(pod: PodView): boolean {
  const podValue = podHostProcess(pod.spec);
  if (pod.containers.length === 0) {
    return podValue === true;
  }
  return pod.containers.some(c => isHostProcessContainer(c.container, podValue));
}

/**
 * Rules 1-4 of the spec: `validateWindowsHostProcessPod`. Rule 5 (`--allow-privileged=false`)
 * depends on the cluster, which a manifest check cannot know, so it is not reported.
 */
export function hostProcessFindings(pod: PodView, findings: Finding[]): void {
  const { spec, prefix, containers } = pod;
  const podValue = podHostProcess(spec);
  let hostProcessCount = 0;
  for (const { container, path } of containers) {
    const own = containerHostProcess(container);
    if (podValue !== undefined && own !== undefined && podValue !== own) {
      findings.push(finding('host-process-mismatch', `${path}.securityContext.windowsOptions.hostProcess`,
        invalid(own, `pod hostProcess value must be identical if both are specified, was ${podValue}`)));
    }
    if (isHostProcessContainer(container, podValue)) {
      hostProcessCount++;
    }
  }
  if (hostProcessCount > 0) {
    if (hostProcessCount !== containers.length) {
      findings.push(finding('host-process-all-containers', prefix,
        invalid('', ruleMessage('host-process-all-containers'))));
    }
    if (spec?.hostNetwork !== true) {
      findings.push(finding('host-process-host-network', `${prefix}.hostNetwork`,
        invalid(false, ruleMessage('host-process-host-network'))));
    }
  }
}

function asBool(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

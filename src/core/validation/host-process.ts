// validateWindowsHostProcessPod (rules §A): which containers are HostProcess, pod/container
// agreement, all-or-nothing, and hostNetwork. It runs on every pod, whatever spec.os says.
import { Finding } from './finding';
import { PodView, finding, invalid } from './util';
import { containerHostProcess, isHostProcessContainer, isHostProcessPod as isHostProcessPodSpec, podHostProcess } from '../k8s/pod';

export { containerHostProcess, isHostProcessContainer, podHostProcess };
import { ruleMessage } from '../rules/catalog';

/** Whether the pod is a HostProcess pod (the definition in src/core/k8s/pod.ts). */
export function isHostProcessPod(pod: PodView): boolean {
  return isHostProcessPodSpec(pod.spec);
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

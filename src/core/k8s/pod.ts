// What a pod is, once: which of its containers are HostProcess containers (as the API server
// counts them), whether it is a HostProcess pod, whether it asks for HostProcess at all, and
// whether it is a Windows pod. The engine, lint and convert read these and nothing else.
import { CONTAINER_LISTS, isSet } from '../validation/util';

/**
 * The pod annotation with which hcsshim runs HostProcess containers with the token of the container
 * runtime instead of logging on as their runAsUserName, when its value is exactly `true` and the
 * runtime passes it on (microsoft/hcsshim pkg/annotations/annotations.go@v0.14.1
 * HostProcessInheritUser; internal/jobcontainers/oci.go inheritUserTokenIsSet).
 */
export const INHERIT_USER_ANNOTATION = 'microsoft.com/hostprocess-inherit-user';

function asBool(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

function containersOf(spec: any): any[] {
  const containers: any[] = [];
  for (const list of CONTAINER_LISTS) {
    const listed = spec?.[list];
    if (Array.isArray(listed)) containers.push(...listed);
  }
  return containers;
}

/** The pod-level `securityContext.windowsOptions.hostProcess`, if set to a boolean. */
export function podHostProcess(spec: any): boolean | undefined {
  return asBool(spec?.securityContext?.windowsOptions?.hostProcess);
}

/** A container's own `securityContext.windowsOptions.hostProcess`, if set to a boolean. */
export function containerHostProcess(container: any): boolean | undefined {
  return asBool(container?.securityContext?.windowsOptions?.hostProcess);
}

/**
 * Whether a container counts as HostProcess: its own value if set, else the pod's
 * (validateWindowsHostProcessPod, kubernetes pkg/apis/core/validation/validation.go@v1.35.4).
 */
export function isHostProcessContainer(container: any, podValue: boolean | undefined): boolean {
  return (containerHostProcess(container) ?? podValue) === true;
}

/**
 * Whether the API server treats the pod as a HostProcess pod: some init, regular or ephemeral
 * container counts as HostProcess, or (a spec without containers) the pod-level value is true.
 */
export function isHostProcessPod(spec: any): boolean {
  const podValue = podHostProcess(spec);
  // The lists read in place, not copied: the rules engine asks once per workload at synth.
  let containers = 0;
  for (const list of CONTAINER_LISTS) {
    const listed = spec?.[list];
    if (!Array.isArray(listed)) continue;
    for (let i = 0; i < listed.length; i++) {
      containers++;
      if (isHostProcessContainer(listed[i], podValue)) return true;
    }
  }
  return containers === 0 && podValue === true;
}

/**
 * Whether the pod asks for HostProcess anywhere: `hostProcess: true` on the pod or on any init,
 * regular or ephemeral container. Every HostProcess pod does; so does a pod whose containers
 * contradict its `true` (which the API server rejects): convert writes such a pod with a HostProcess
 * construct and says what it left out.
 */
export function asksForHostProcess(spec: any): boolean {
  // A HostProcess pod has a container that counts as one: its own true, or the pod's.
  return podHostProcess(spec) === true || containersOf(spec).some(c => containerHostProcess(c) === true);
}

/**
 * Whether a pod spec is for Windows or HostProcess: `spec.os.name` is `windows` (in any case), or
 * `windowsOptions` is set on the pod or on any init, regular or ephemeral container.
 */
export function isWindowsOrHostProcess(spec: any): boolean {
  // Any spelling of windows: `Windows` is an error the rules must get to report.
  if (String(spec?.os?.name ?? '').toLowerCase() === 'windows' || isSet(spec?.securityContext?.windowsOptions)) {
    return true;
  }
  return containersOf(spec).some(c => isSet(c?.securityContext?.windowsOptions));
}

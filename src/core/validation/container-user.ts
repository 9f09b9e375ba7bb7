// A HostProcess container that nobody gives an account (a warning of the container runtime's
// behaviour; the API server does not require runAsUserName). Where its user comes from:
// - the kubelet sends the runtime the image's user (getImageUser, from the runtime's ImageStatus),
//   overridden by the effective runAsUserName, the container's over the pod's: kubernetes
//   pkg/kubelet/kuberuntime/kuberuntime_container_windows.go@v1.37.2 (generateWindowsContainerConfig),
//   pkg/kubelet/kuberuntime/helpers.go@v1.37.2 (getImageUser), pkg/securitycontext/util.go@v1.37.2
//   (DetermineEffectiveSecurityContext);
// - containerd starts from the image config's User and takes RunAsUsername when it is not empty:
//   pkg/cri/server/container_create_windows.go@v1.7.34 (containerSpec) and
//   internal/cri/server/container_create.go@v2.0.7 and @v2.3.4 (buildWindowsSpec), then
//   oci.WithUser(username), "hcsshim will handle the behavior of erroring out";
// - hcsshim's job containers log on as that name when the init process starts, unless the OCI spec
//   has the annotation microsoft.com/hostprocess-inherit-user: "true" (then the shim's own token):
//   microsoft/hcsshim internal/jobcontainers/jobcontainer.go@v0.11.7 and @v0.14.1 (CreateProcess),
//   logon.go (processToken: an empty name is "empty username or group name passed"; a local group
//   of the node gets a temporary member account; any other name is a LogonUser that fails unless the
//   node has the account), oci.go (inheritUserTokenIsSet: the value must be exactly "true"). hcsshim
//   v0.9.12 (containerd 1.6) refuses the empty name too ("empty user string passed").
// So a container with no runAsUserName starts only if its image names an account or group of the
// node. The annotation reaches hcsshim only where containerd's runtime passes it on (pod_annotations:
// containerd's default Windows runtimes pass none of microsoft.com/*, pkg/cri/config/config_windows.go
// @v1.7.34, internal/cri/config/config_windows.go@v2.3.4); a pod that sets it is taken at its word.
import { Finding } from './finding';
import { isHostProcessContainer, podHostProcess } from './host-process';
import { LIBRARY_WARNING, PodView, finding } from './util';
import { INHERIT_USER_ANNOTATION } from '../k8s/pod';
import { ruleMessage } from '../rules/catalog';

const RUN_AS_USER_NAME = 'securityContext.windowsOptions.runAsUserName';

const NO_USER = `${ruleMessage('host-process-no-run-as-user-name')} ${LIBRARY_WARNING}`;

/** Whether the pod's annotations make hcsshim use the runtime's token instead of an account. */
export function inheritsRuntimeUser(annotations: unknown): boolean {
  return annotations !== null && typeof annotations === 'object' &&
    (annotations as { [key: string]: unknown })[INHERIT_USER_ANNOTATION] === 'true';
}

/**
 * A warning for each HostProcess container (the caller checks that the pod is one) whose effective
 * runAsUserName is unset, unless the pod inherits the runtime's user.
 */
export function containerUserFindings({ spec, containers, annotations }: PodView, findings: Finding[]): void {
  if (hasUserName(spec.securityContext) || inheritsRuntimeUser(annotations)) {
    return;
  }
  const podValue = podHostProcess(spec);
  for (const { container, path } of containers) {
    if (isHostProcessContainer(container, podValue) && !hasUserName(container.securityContext)) {
      findings.push(finding('host-process-no-run-as-user-name', `${path}.${RUN_AS_USER_NAME}`, NO_USER));
    }
  }
}

// Set to a string: an empty one is the API server's error, and another type does not decode.
function hasUserName(securityContext: any): boolean {
  return typeof securityContext?.windowsOptions?.runAsUserName === 'string';
}

// Fields a HostProcess pod without spec.os may set, although the API server forbids them for a
// Windows pod (a library warning). Without spec.os the API server runs no OS checks (rule 11), so
// it accepts them; they are rejected the moment the pod says it is Windows.
import { Finding } from './finding';
import { sharesProcessNamespaceWithHostPid } from './host-network';
import { CONTAINER_FIELDS, WINDOWS_FORBIDDEN, forbiddenPodFields } from './pod-os';
import { LIBRARY_WARNING, PodView, finding, isSet } from './util';
import { ruleMessage } from '../rules/catalog';


const API_SERVER = `${ruleMessage('host-process-windows-field-without-os')} (${WINDOWS_FORBIDDEN})`;

// kubernetes pkg/kubelet/kuberuntime/kuberuntime_container.go and kuberuntime_container_windows.go
// @v1.32.10, read as vendored in kubeedge/kubeedge vendor/k8s.io/kubernetes@v1.23.1 (replace
// github.com/kubeedge/kubernetes v1.32.10-kubeedge1): generateContainerConfig leaves the
// platform part to applyPlatformSpecificContainerConfig, which on Windows builds only
// config.Windows (resources, and from the securityContext RunAsUsername, CredentialSpec from
// gmsaCredentialSpec, HostProcess). No Linux security settings of a container reach the runtime.
const CONTAINER_NOT_SENT = '; a Windows kubelet does not pass it to the container runtime';

// The kubelet still sends hostPID and hostIPC, as NamespaceOptions of the sandbox's Linux config
// (kuberuntime_sandbox.go generatePodSandboxLinuxConfig runs on every OS, same vendored copy), but
// containerd's Windows CRI code builds the sandbox and container specs with a network namespace
// only: containerd pkg/cri/server/sandbox_run_windows.go and container_create_windows.go@v1.6.39
// and @v1.7.34 (WithWindowsNetworkNamespace; no PID or IPC option). A HostProcess container is a
// job object whose processes hcsshim creates on the host: microsoft/hcsshim
// internal/jobcontainers/jobcontainer.go@v0.9.12 (containerd 1.6.39) and @v0.11.7 (1.7.19+),
// JobContainer and CreateProcess.
/** Why `hostPID: true` or `hostIPC: true` does nothing on a HostProcess pod (also used by convert). */
export const HOST_NAMESPACE = (field: string) =>
  `${field}: true does nothing on a HostProcess pod: containerd gives a Windows pod a network namespace only`;

export const HOST_NAMESPACE_FIELDS = ['hostPID', 'hostIPC'];

/** The words of the warning for pod field `field` (of POD_FIELDS); the admission policy writes the same. */
export function podFieldWithoutOsMessage(field: string): string {
  const what = HOST_NAMESPACE_FIELDS.includes(field) ? `${HOST_NAMESPACE(field)}; ${API_SERVER}` : API_SERVER;
  return `${what} ${LIBRARY_WARNING}`;
}

/** The words of the warning for a container field (of CONTAINER_FIELDS); the admission policy writes the same. */
export const CONTAINER_FIELD_WITHOUT_OS_MESSAGE = `${API_SERVER}${CONTAINER_NOT_SENT} ${LIBRARY_WARNING}`;

/**
 * Warnings for the fields `validateWindows` forbids, on a HostProcess pod (the caller checks that)
 * without `spec.os`. With `spec.os.name: windows` they are errors (pod-os.ts) instead. None for
 * `shareProcessNamespace: true` with `hostPID: true`: the API server refuses that, an error at the
 * same field (share-process-namespace-host-pid), which a warning that it accepts the field would
 * contradict.
 */
export function linuxOnlyFieldFindings({ spec, prefix, containers }: PodView, findings: Finding[]): void {
  if (isSet(spec?.os)) {
    return;
  }
  for (const field of forbiddenPodFields(spec)) {
    if (field === 'shareProcessNamespace' && sharesProcessNamespaceWithHostPid(spec)) continue;
    findings.push(finding('host-process-windows-field-without-os', `${prefix}.${field}`, podFieldWithoutOsMessage(field)));
  }
  for (const { container, path } of containers) {
    const csc = container.securityContext;
    if (!isSet(csc)) continue;
    for (const field of CONTAINER_FIELDS) {
      if (isSet(csc[field])) {
        findings.push(finding('host-process-windows-field-without-os', `${path}.securityContext.${field}`, CONTAINER_FIELD_WITHOUT_OS_MESSAGE));
      }
    }
  }
}

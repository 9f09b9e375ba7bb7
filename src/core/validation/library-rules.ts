// Rules the Kubernetes HostProcess documentation states but the API server does not enforce. They
// apply only to HostProcess pods, and each message says it is the library's rule.
import { containerUserFindings } from './container-user';
import { Finding } from './finding';
import { isHostProcessContainer, isHostProcessPod, podHostProcess } from './host-process';
import { linuxOnlyFieldFindings } from './linux-only-fields';
import { nodeSelectionFindings } from './node-selection';
import { LIBRARY_WARNING, PodView, finding, goQuote, invalid } from './util';
import { ruleMessage } from '../rules/catalog';

const LIBRARY_RULE = '(cdk8s-hostprocess rule from the Kubernetes HostProcess documentation; the API server does not check it)';

const NON_ROOT = `${ruleMessage('host-process-run-as-non-root')} ${LIBRARY_RULE}`;

// `\\.\pipe\name`, `//./pipe/name` (and mixed separators), or a Docker-style `npipe://` address.
const NAMED_PIPE = /^(?:[\\/]{2}\.[\\/]pipe[\\/]|npipe:\/\/)/i;
// A Unix domain socket: hostPath type Socket, a `unix://` address, or the conventional `.sock`
// suffix (containerd.sock, csi.sock). A directory that holds sockets is an ordinary mount and
// passes.
const UNIX_SOCKET_PATH = /(?:^unix:\/\/|\.sock$)/i;

// Not relative: a drive (`C:\`, `C:/`, `C:`), a rooted or UNC path (`\x`, `/x`), or a path that
// starts at the sandbox mount point in one of the two forms hcsshim replaces by the directory of the
// container's image. The drive letter is matched in any case; the variables only as written, since
// hcsshim replaces them with strings.ReplaceAll: microsoft/hcsshim
// internal/jobcontainers/jobcontainer.go@v0.9.12 and @v0.11.7, replaceWithMountPoint.
const NOT_RELATIVE = /^(?:[a-zA-Z]:(?:[\\/]|$)|[\\/]|\$env:CONTAINER_SANDBOX_MOUNT_POINT|%CONTAINER_SANDBOX_MOUNT_POINT%)/;

/** Whether a path in a HostProcess container is relative (and so resolves differently by runtime). */
export function isRelativePath(path: string): boolean {
  return path !== '' && !NOT_RELATIVE.test(path);
}

/** Whether a hostPath is a named pipe. */
export function isNamedPipe(path: string): boolean {
  return NAMED_PIPE.test(path);
}

/** Whether a hostPath volume is a Unix domain socket. */
export function isUnixSocket(hostPath: any): boolean {
  return hostPath?.type === 'Socket' || (typeof hostPath?.path === 'string' && UNIX_SOCKET_PATH.test(hostPath.path));
}

/**
 * The library's rules for HostProcess pods: `runAsNonRoot: true` (error), named pipe and Unix
 * socket hostPath volumes (error); a relative `workingDir`, a container without runAsUserName,
 * fields forbidden for Windows pods without `spec.os`, and no Windows node selection (warnings).
 */
export function libraryFindings(pod: PodView, findings: Finding[]): void {
  if (!isHostProcessPod(pod)) {
    return;
  }
  nonRootFindings(pod, findings);
  socketFindings(pod, findings);
  workingDirFindings(pod, findings);
  containerUserFindings(pod, findings);
  linuxOnlyFieldFindings(pod, findings);
  nodeSelectionFindings(pod, findings);
}

function nonRootFindings({ spec, prefix, containers }: PodView, findings: Finding[]): void {
  if (spec.securityContext?.runAsNonRoot === true) {
    findings.push(finding('host-process-run-as-non-root', `${prefix}.securityContext.runAsNonRoot`, invalid(true, NON_ROOT)));
  }
  const podValue = podHostProcess(spec);
  for (const { container, path } of containers) {
    if (isHostProcessContainer(container, podValue) && container.securityContext?.runAsNonRoot === true) {
      findings.push(finding('host-process-run-as-non-root', `${path}.securityContext.runAsNonRoot`, invalid(true, NON_ROOT)));
    }
  }
}

function socketFindings({ spec, prefix }: PodView, findings: Finding[]): void {
  if (!Array.isArray(spec.volumes)) return;
  const volumes: any[] = spec.volumes;
  volumes.forEach((volume, i) => {
    const hostPath = volume?.hostPath;
    const path = hostPath?.path;
    if (typeof path !== 'string') return;
    const field = `${prefix}.volumes[${i}].hostPath.path`;
    if (isNamedPipe(path)) {
      findings.push(finding('host-process-named-pipe-volume', field, invalid(path,
        `${ruleMessage('host-process-named-pipe-volume')} (its host path: ${pipeHostPath(path)}) ${LIBRARY_RULE}`)));
    } else if (isUnixSocket(hostPath)) {
      findings.push(finding('host-process-unix-socket-volume', field, invalid(path, `${ruleMessage('host-process-unix-socket-volume')} ${LIBRARY_RULE}`)));
    }
  });
}

// A relative workingDir, and where each runtime puts it. kubelet passes workingDir to the runtime
// as written (kubernetes pkg/kubelet/kuberuntime/kuberuntime_container.go@v1.32.10
// generateContainerConfig, as vendored in kubeedge/kubeedge@v1.23.1), and so does containerd
// (pkg/cri/server/container_create_windows.go@v1.6.39 and @v1.7.34, oci.WithProcessCwd). hcsshim
// then decides (internal/jobcontainers/jobcontainer.go, CreateProcess):
// - @v0.9.12 (containerd 1.6.39): drops a drive letter and joins the path to the sandbox mount
//   point C:\C\<id>\ (storage.go sandboxMountFormat), where it mounts the image; filepath.Join
//   cleans the result, so `..\..\x` becomes C:\x.
// - @v0.11.7 (containerd 1.7.19+; the same code at v0.10.0-rc.7, containerd 1.7.0): with the bind
//   filter (C:\windows\system32\bindfltapi.dll present) it uses the path unchanged; without it,
//   it joins it to C:\hpc\<id>\ (storage.go fallbackRootfsFormat) as 1.6 does. An unchanged
//   relative path is resolved against the shim's working directory: containerd starts the shim in
//   the bundle directory (runtime/v2/shim/util.go@v1.7.34, Command: cmd.Dir = bundle path), and
//   the shim serves from there (hcsshim cmd/containerd-shim-runhcs-v1/start.go@v0.11.7).
// Only the two variable forms resolve to the image directory on every runtime, since hcsshim
// replaces them and then joins nothing. An absolute workingDir differs as well (C:\x is under the
// sandbox directory on 1.6, the host's C:\x on 1.7 with the bind filter) but is not warned about.
export const RELATIVE_WORKING_DIR = `${ruleMessage('host-process-relative-working-dir')} ${LIBRARY_WARNING}`;

function workingDirFindings({ containers }: PodView, findings: Finding[]): void {
  for (const { container, path } of containers) {
    const workingDir = container.workingDir;
    if (typeof workingDir === 'string' && isRelativePath(workingDir)) {
      findings.push(finding('host-process-relative-working-dir', `${path}.workingDir`, `relative path ${goQuote(workingDir)}: ${RELATIVE_WORKING_DIR}`));
    }
  }
}

// The `\\.\pipe\name` form of a pipe path, as a HostProcess container opens it.
function pipeHostPath(path: string): string {
  const name = path.replace(/^(?:npipe:\/\/)?[\\/]*\.[\\/]pipe[\\/]/i, '');
  return `\\\\.\\pipe\\${name.replace(/\//g, '\\')}`;
}

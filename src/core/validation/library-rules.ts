// Rules the Kubernetes HostProcess documentation states but the API server does not enforce. They
// apply only to HostProcess pods, and each message says it is the library's rule.
import { Finding } from './finding';
import { isHostProcessContainer, isHostProcessPod, podHostProcess } from './host-process';
import { PodView, error, goQuote, invalid, warning } from './util';

const LIBRARY_RULE = '(cdk8s-hostprocess rule from the Kubernetes HostProcess documentation; the API server does not check it)';
const LIBRARY_WARNING = '(cdk8s-hostprocess warning; the API server accepts it)';

const NON_ROOT =
  'HostProcess containers have privileged access to the host, so runAsNonRoot cannot be true; ' +
  `remove runAsNonRoot or set it to false ${LIBRARY_RULE}`;

// `\\.\pipe\name`, `//./pipe/name` (and mixed separators), or a Docker-style `npipe://` address.
const NAMED_PIPE = /^(?:[\\/]{2}\.[\\/]pipe[\\/]|npipe:\/\/)/i;
// A Unix domain socket: hostPath type Socket, a `unix://` address, or the conventional `.sock`
// suffix (containerd.sock, csi.sock). A directory that holds sockets is an ordinary mount and
// passes.
const UNIX_SOCKET_PATH = /(?:^unix:\/\/|\.sock$)/i;

// Not relative: a drive (`C:\`, `C:/`, `C:`), a rooted or UNC path (`\x`, `/x`), or a path that
// starts at the sandbox mount point in one of the two forms hcsshim replaces by the real directory
// (`$env:...` and `%...%`), which both containerd 1.6 and 1.7 resolve the same way.
const NOT_RELATIVE =
  /^(?:[a-z]:(?:[\\/]|$)|[\\/]|\$env:CONTAINER_SANDBOX_MOUNT_POINT|%CONTAINER_SANDBOX_MOUNT_POINT%)/i;

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
 * socket hostPath volumes (error), relative `workingDir` and `mountPath` (warning).
 */
export function libraryFindings(pod: PodView, findings: Finding[]): void {
  if (!isHostProcessPod(pod)) {
    return;
  }
  nonRootFindings(pod, findings);
  socketFindings(pod, findings);
  relativePathFindings(pod, findings);
}

function nonRootFindings({ spec, prefix, containers }: PodView, findings: Finding[]): void {
  if (spec.securityContext?.runAsNonRoot === true) {
    findings.push(error(`${prefix}.securityContext.runAsNonRoot`, invalid(true, NON_ROOT)));
  }
  const podValue = podHostProcess(spec);
  for (const { container, path } of containers) {
    if (isHostProcessContainer(container, podValue) && container.securityContext?.runAsNonRoot === true) {
      findings.push(error(`${path}.securityContext.runAsNonRoot`, invalid(true, NON_ROOT)));
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
      findings.push(error(field, invalid(path,
        'named pipes cannot be mounted into HostProcess containers; remove this volume and its volumeMounts and ' +
        `open the pipe by its host path (${pipeHostPath(path)}): HostProcess containers run on the host ${LIBRARY_RULE}`)));
    } else if (isUnixSocket(hostPath)) {
      findings.push(error(field, invalid(path,
        'Unix domain sockets cannot be mounted into HostProcess containers; remove this volume and its volumeMounts ' +
        `and connect to the socket by its host path: HostProcess containers run on the host ${LIBRARY_RULE}`)));
    }
  });
}

function relativePathFindings({ containers }: PodView, findings: Finding[]): void {
  for (const { container, path } of containers) {
    const workingDir = container.workingDir;
    if (typeof workingDir === 'string' && isRelativePath(workingDir)) {
      findings.push(warning(`${path}.workingDir`,
        `relative path ${goQuote(workingDir)}: containerd 1.6 resolves it against the container's sandbox mount point ` +
        '($env:CONTAINER_SANDBOX_MOUNT_POINT), containerd 1.7+ against C:\\hpc, where it puts the image, while volumes ' +
        'are at their own mountPath; use an absolute path (C:\\...) or start the path with ' +
        `$env:CONTAINER_SANDBOX_MOUNT_POINT\\ ${LIBRARY_WARNING}`));
    }
    if (!Array.isArray(container.volumeMounts)) continue;
    const mounts: any[] = container.volumeMounts;
    mounts.forEach((mount, j) => {
      const mountPath = mount?.mountPath;
      if (typeof mountPath === 'string' && isRelativePath(mountPath)) {
        findings.push(warning(`${path}.volumeMounts[${j}].mountPath`,
          `relative path ${goQuote(mountPath)}: containerd 1.6 exposes the volume under the container's sandbox mount ` +
          'point ($env:CONTAINER_SANDBOX_MOUNT_POINT), containerd 1.7+ bind-mounts it at the mountPath itself, which a ' +
          'relative path does not name; use an absolute mountPath (C:\\... or /var/...) and read it through ' +
          `$env:CONTAINER_SANDBOX_MOUNT_POINT\\... to work on both ${LIBRARY_WARNING}`));
      }
    });
  }
}

// The `\\.\pipe\name` form of a pipe path, as a HostProcess container opens it.
function pipeHostPath(path: string): string {
  const name = path.replace(/^(?:npipe:\/\/)?[\\/]*\.[\\/]pipe[\\/]/i, '');
  return `\\\\.\\pipe\\${name.replace(/\//g, '\\')}`;
}

import { HostProcessUser } from '../core/windows/host-process-user';
import { WindowsBuild } from '../core/windows/windows-build';

/**
 * The props every HostProcess workload adds to the props of its kplus base class.
 */
export interface HostProcessWorkloadProps {
  /**
   * The Windows account the containers run as.
   *
   * @default HostProcessUser.SYSTEM
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/#choosing-a-user-account
   */
  readonly user?: HostProcessUser;

  /**
   * Schedule only on nodes of this Windows Server build (`node.kubernetes.io/windows-build`).
   *
   * @default - any Windows build
   */
  readonly windowsBuild?: WindowsBuild;

  /**
   * Extra node selector entries, merged with `kubernetes.io/os: windows` (and the windows build,
   * if set).
   *
   * @default - only the Windows selectors
   * @see https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodeselector
   */
  readonly nodeSelector?: { [key: string]: string };

  /**
   * The priority class of the pods, for example `system-node-critical` for node agents the node
   * cannot work without.
   *
   * @default - the cluster's default priority
   * @see https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/
   */
  readonly priorityClassName?: string;

  /**
   * Whether to write `spec.os.name: windows`. With it the API server rejects every Linux-only
   * field, which is what you want; leave it out only for clusters older than Kubernetes 1.25,
   * where the field does not exist.
   *
   * @default true
   * @see https://kubernetes.io/docs/concepts/workloads/pods/#pod-os
   */
  readonly podOs?: boolean;

  /**
   * Whether to also write `securityContext.windowsOptions` (the same `hostProcess` and
   * `runAsUserName` as the pod) on every container and init container. Some older kubelets and
   * tools read only the container level.
   *
   * @default false
   */
  readonly containerWindowsOptions?: boolean;

  /**
   * Whether the containers run with the token of the container runtime (containerd's, usually
   * `NT AUTHORITY\SYSTEM`) instead of logging on as `user`: writes the pod annotation
   * `microsoft.com/hostprocess-inherit-user: "true"`, which hcsshim honours when the runtime is
   * configured to pass it through (containerd: the runtime's `pod_annotations`). `user` is still
   * written: the Kubernetes HostProcess documentation requires a `runAsUserName` (the API server
   * itself does not check that it is there).
   *
   * @default false
   * @see https://github.com/microsoft/hcsshim/pull/903
   */
  readonly inheritUser?: boolean;
}

/**
 * The built-in priority classes, for the `priorityClassName` prop of HostProcess workloads.
 *
 * @see https://kubernetes.io/docs/tasks/administer-cluster/guaranteed-scheduling-critical-addon-pods/
 */
export class HostProcessPriority {
  /**
   * `system-node-critical`: the highest priority, for agents a node cannot work without (CNI,
   * kube-proxy, CSI node plugins). Such pods are the last to be evicted from a node under pressure.
   */
  public static readonly SYSTEM_NODE_CRITICAL = 'system-node-critical';

  /**
   * `system-cluster-critical`: for add-ons the cluster needs but that can move between nodes.
   */
  public static readonly SYSTEM_CLUSTER_CRITICAL = 'system-cluster-critical';

  private constructor() {}
}

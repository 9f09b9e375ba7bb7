import * as kplus from './kplus';

/**
 * The tolerations node agents use, as kplus taint queries for `scheduling.tolerate`.
 *
 * @example
 * const agent = new HostProcessDaemonSet(chart, 'kube-proxy', {
 *   containers: [{ image: 'example.com/kube-proxy:1.0' }],
 * });
 * agent.scheduling.tolerate(kplus.Node.tainted(
 *   HostProcessTolerations.criticalAddonsOnly(),
 *   HostProcessTolerations.all(),
 * ));
 *
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/
 */
export class HostProcessTolerations {
  /**
   * Tolerates every taint (`operator: Exists` with no key and no effect), including
   * `NoExecute` ones: the pod runs on every matching node, whatever its state. For agents such as
   * CNI and kube-proxy that a node needs before it can become ready.
   */
  public static all(): kplus.NodeTaintQuery {
    return kplus.NodeTaintQuery.any();
  }

  /** Tolerates the `CriticalAddonsOnly` taint with any value and effect (`key: CriticalAddonsOnly, operator: Exists`). */
  public static criticalAddonsOnly(): kplus.NodeTaintQuery {
    return kplus.NodeTaintQuery.exists('CriticalAddonsOnly');
  }

  /**
   * Tolerates the taint that keeps Linux pods off Windows nodes,
   * `node.kubernetes.io/os=windows:NoSchedule` (`operator: Equal`).
   */
  public static windowsOsTaint(): kplus.NodeTaintQuery {
    return kplus.NodeTaintQuery.is('node.kubernetes.io/os', 'windows', { effect: kplus.TaintEffect.NO_SCHEDULE });
  }

  private constructor() {}
}

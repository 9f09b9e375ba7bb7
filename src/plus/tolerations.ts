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

  /**
   * Tolerates every `NoSchedule` taint, whatever its key and value: `{operator: Exists, effect: NoSchedule}`,
   * with no `key`. Node agents use it to be scheduled onto nodes tainted against other workloads.
   */
  public static noSchedule(): kplus.NodeTaintQuery {
    return keyless(kplus.TaintEffect.NO_SCHEDULE);
  }

  /**
   * Tolerates every `NoExecute` taint, whatever its key and value: `{operator: Exists, effect: NoExecute}`,
   * with no `key`. Node agents use it to keep running on a node that is not ready or unreachable.
   */
  public static noExecute(): kplus.NodeTaintQuery {
    return keyless(kplus.TaintEffect.NO_EXECUTE);
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

// A toleration with no key and operator Exists matches every key and value; with an effect, every
// taint of that effect (`Toleration.ToleratesTaint` and the Key field's doc in kubernetes/api
// core/v1/toleration.go and types.go@v0.35.7). kplus cannot write one: `NodeTaintQuery.any()`
// takes no effect, and `exists('', ...)` writes `key: ""`. `exists()` writes the key it is given,
// so without one the toleration has no key at all.
function keyless(effect: kplus.TaintEffect): kplus.NodeTaintQuery {
  return kplus.NodeTaintQuery.exists(undefined as unknown as string, { effect });
}

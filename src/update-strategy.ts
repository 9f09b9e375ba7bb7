import * as kplus from 'cdk8s-plus-27';

/**
 * Options for `DaemonSetUpdateStrategy.rollingUpdate`.
 */
export interface DaemonSetRollingUpdateOptions {
  /**
   * How many nodes may be without a ready agent during an update, as a number or a percentage
   * of the nodes.
   *
   * @default - 1 (the Kubernetes default)
   */
  readonly maxUnavailable?: kplus.PercentOrAbsolute;

  /**
   * How many nodes may run an old and a new agent side by side during an update. Must be zero
   * when `maxUnavailable` is not; a HostProcess agent that binds a host port cannot run twice on
   * one node.
   *
   * @default - 0 (the Kubernetes default)
   */
  readonly maxSurge?: kplus.PercentOrAbsolute;
}

/**
 * How a DaemonSet replaces its pods (`spec.updateStrategy`).
 *
 * @see https://kubernetes.io/docs/tasks/manage-daemon/update-daemon-set/#daemonset-update-strategy
 */
export class DaemonSetUpdateStrategy {
  /** Replace pods node by node when the template changes. */
  public static rollingUpdate(options: DaemonSetRollingUpdateOptions = {}): DaemonSetUpdateStrategy {
    if (options.maxUnavailable?.isZero() && (options.maxSurge === undefined || options.maxSurge.isZero())) {
      throw new Error(
        'DaemonSetUpdateStrategy.rollingUpdate: spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 0: ' +
        'may not be 0 when `maxSurge` is 0 (set maxUnavailable to at least 1, or use a non-zero maxSurge)');
    }
    return new DaemonSetUpdateStrategy({
      type: 'RollingUpdate',
      rollingUpdate: (options.maxUnavailable || options.maxSurge) ? {
        maxUnavailable: intOrString(options.maxUnavailable),
        maxSurge: intOrString(options.maxSurge),
      } : undefined,
    });
  }

  /** Replace a pod only when it is deleted by hand. */
  public static onDelete(): DaemonSetUpdateStrategy {
    return new DaemonSetUpdateStrategy({ type: 'OnDelete' });
  }

  private constructor(private readonly strategy: kplus.k8s.DaemonSetUpdateStrategy) {}

  /**
   * @internal
   */
  public _toKube(): kplus.k8s.DaemonSetUpdateStrategy {
    return this.strategy;
  }
}

function intOrString(value: kplus.PercentOrAbsolute | undefined): kplus.k8s.IntOrString | undefined {
  if (value === undefined) {
    return undefined;
  }
  return typeof value.value === 'number'
    ? kplus.k8s.IntOrString.fromNumber(value.value)
    : kplus.k8s.IntOrString.fromString(value.value);
}

import * as kplus from './kplus';

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
   * How many nodes may run an old and a new agent side by side during an update. Only with
   * `maxUnavailable` 0 (the API server allows one of the two, not both); a HostProcess agent that
   * binds a host port cannot run twice on one node.
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
  /**
   * Replace pods node by node when the template changes. Checked as the API server checks it:
   * with the defaults filled in (`maxUnavailable` 1, `maxSurge` 0), exactly one of the two is
   * non-zero, and neither is over 100%.
   */
  public static rollingUpdate(options: DaemonSetRollingUpdateOptions = {}): DaemonSetUpdateStrategy {
    const path = 'DaemonSetUpdateStrategy.rollingUpdate: spec.updateStrategy.rollingUpdate';
    for (const [name, value] of [['maxUnavailable', options.maxUnavailable], ['maxSurge', options.maxSurge]] as const) {
      if (typeof value?.value === 'string' && parseInt(value.value, 10) > 100) {
        throw new Error(`${path}.${name}: Invalid value: ${JSON.stringify(value.value)}: must not be greater than 100%`);
      }
    }
    const unavailableIsZero = options.maxUnavailable?.isZero() ?? false;
    const surgeIsZero = options.maxSurge?.isZero() ?? true;
    if (unavailableIsZero && surgeIsZero) {
      throw new Error(`${path}.maxUnavailable: Required value: cannot be 0 when maxSurge is 0 ` +
        '(let at least one node update at a time, or surge new pods before old ones stop)');
    }
    if (!unavailableIsZero && !surgeIsZero) {
      throw new Error(`${path}.maxSurge: Invalid value: ${JSON.stringify(options.maxSurge!.value)}: ` +
        'may not be set when maxUnavailable is non-zero (maxUnavailable is 1 when not set; ' +
        'set maxUnavailable to 0 to surge, or leave maxSurge out)');
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

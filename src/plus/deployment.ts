import { Construct } from 'constructs';
import { recordContainer } from './container-intent';
import { HostProcessWorkloadProps } from './host-process-props';
import { HostProcessSettings } from './host-process-settings';
import * as kplus from './kplus';
import { deploymentRevisionHistoryLimit } from './line-props';
import { checkedRevisionHistoryLimit } from './revision-history';
import { podSpecPath } from '../core/k8s/kinds';

/**
 * Props for `HostProcessDeployment`.
 */
export interface HostProcessDeploymentProps extends kplus.DeploymentProps, HostProcessWorkloadProps {}

/**
 * A Deployment of Windows HostProcess pods, for host-level services that need a fixed number of
 * replicas rather than one per node (for example a sync service pinned to a few nodes).
 *
 * Every `kplus.Deployment` prop and method works; the pod template gets the same HostProcess fields as
 * `HostProcessDaemonSet`.
 *
 * @example
 * new HostProcessDeployment(chart, 'sync', {
 *   replicas: 1,
 *   containers: [{ image: 'registry.example.com/addons-sync:1.0-hp', command: ['sync.exe'] }],
 * });
 */
export class HostProcessDeployment extends kplus.Deployment {
  /** The HostProcess settings of the pods: account, Windows build, node selector. */
  public readonly hostProcess: HostProcessSettings;
  private historyLimit?: number;
  private readonly historyLimitProp?: number;

  constructor(scope: Construct, id: string, props: HostProcessDeploymentProps = {}) {
    super(scope, id, props);
    this.hostProcess = HostProcessSettings._of(this, props, podSpecPath('Deployment'));
    this.historyLimitProp = checkedRevisionHistoryLimit(this, deploymentRevisionHistoryLimit(props));
  }

  /**
   * Sets how many old ReplicaSets are kept for rollback (`spec.revisionHistoryLimit`), on every
   * cdk8s-plus line. cdk8s-plus 31+ also has a `revisionHistoryLimit` prop (and writes 10 when it
   * is not set); cdk8s-plus 27 to 30 have none, and then nothing is written unless this is called.
   * Setting both is an error.
   *
   * @param limit the number of old ReplicaSets to keep, 0 or more
   */
  public limitRevisionHistory(limit: number): void {
    if (this.historyLimitProp !== undefined) {
      throw new Error(`[${this.node.path}] spec.revisionHistoryLimit: already set by the revisionHistoryLimit prop ` +
        '(set it in one place: the prop or limitRevisionHistory)');
    }
    this.historyLimit = checkedRevisionHistoryLimit(this, limit);
  }

  /**
   * Adds a container. It runs as a HostProcess container like every other container of the pod;
   * what it sets that a HostProcess container cannot honour fails synth.
   */
  public addContainer(cont: kplus.ContainerProps): kplus.Container {
    return recordContainer(super.addContainer(cont), cont);
  }

  /**
   * Adds an init container, checked like `addContainer`. Init containers are where node agents
   * usually prepare the host (firewall rules, directories, installs).
   */
  public addInitContainer(cont: kplus.ContainerProps): kplus.Container {
    return recordContainer(super.addInitContainer(cont), cont);
  }

  /**
   * @internal
   */
  public _toPodSpec(): kplus.k8s.PodSpec {
    return this.hostProcess._writtenPodSpec(() => super._toPodSpec());
  }

  /**
   * @internal
   */
  public _toKube(): kplus.k8s.DeploymentSpec {
    const spec = super._toKube();
    // kplus 31+ writes its prop; on older lines, where kplus ignores a revisionHistoryLimit it does
    // not know, the library writes it rather than drop it.
    const limit = this.historyLimit ?? (spec.revisionHistoryLimit === undefined ? this.historyLimitProp : undefined);
    return limit === undefined ? spec : { ...spec, revisionHistoryLimit: limit };
  }
}

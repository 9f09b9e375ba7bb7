import { Construct } from 'constructs';
import { recordContainer } from './container-intent';
import { HostProcessWorkloadProps } from './host-process-props';
import { HostProcessSettings } from './host-process-settings';
import * as kplus from './kplus';

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

  constructor(scope: Construct, id: string, props: HostProcessDeploymentProps = {}) {
    super(scope, id, props);
    this.hostProcess = HostProcessSettings._of(this, props, 'spec.template.spec');
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
    return this.hostProcess._podSpec(super._toPodSpec());
  }
}

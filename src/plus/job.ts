import { Construct } from 'constructs';
import { recordContainer } from './container-intent';
import { HostProcessWorkloadProps } from './host-process-props';
import { HostProcessSettings } from './host-process-settings';
import * as kplus from './kplus';
import { podSpecPath } from '../core/k8s/kinds';

/**
 * Props for `HostProcessJob`.
 */
export interface HostProcessJobProps extends kplus.JobProps, HostProcessWorkloadProps {}

/**
 * A Job of Windows HostProcess pods, for one-off node configuration.
 *
 * Every `kplus.Job` prop and method works; the pod template gets the same HostProcess fields as
 * `HostProcessDaemonSet`.
 *
 * @example
 * new HostProcessJob(chart, 'configure', {
 *   containers: [{
 *     image: 'mcr.microsoft.com/oss/kubernetes/windows-host-process-containers-base-image:v1.0.0',
 *     command: ['powershell.exe', '-Command', 'Set-TimeZone -Id "UTC"'],
 *   }],
 * });
 */
export class HostProcessJob extends kplus.Job {
  /** The HostProcess settings of the pods: account, Windows build, node selector. */
  public readonly hostProcess: HostProcessSettings;

  constructor(scope: Construct, id: string, props: HostProcessJobProps = {}) {
    super(scope, id, props);
    this.hostProcess = HostProcessSettings._of(this, props, podSpecPath('Job'));
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
}

import { Construct } from 'constructs';
import { recordContainer } from './container-intent';
import { HostProcessWorkloadProps } from './host-process-props';
import { HostProcessSettings } from './host-process-settings';
import * as kplus from './kplus';
import { podSpecPath } from '../core/k8s/kinds';

/**
 * Props for `HostProcessCronJob`.
 */
export interface HostProcessCronJobProps extends kplus.CronJobProps, HostProcessWorkloadProps {}

/**
 * A CronJob of Windows HostProcess pods, for recurring node maintenance.
 *
 * Every `kplus.CronJob` prop and method works; the pod template gets the same HostProcess fields as
 * `HostProcessDaemonSet`.
 *
 * @example
 * new HostProcessCronJob(chart, 'cleanup', {
 *   schedule: Cron.daily(),
 *   containers: [{
 *     image: 'mcr.microsoft.com/oss/kubernetes/windows-host-process-containers-base-image:v1.0.0',
 *     command: ['powershell.exe', '-Command', 'Remove-Item C:\\var\\log\\old -Recurse -Force'],
 *   }],
 * });
 */
export class HostProcessCronJob extends kplus.CronJob {
  /** The HostProcess settings of the pods: account, Windows build, node selector. */
  public readonly hostProcess: HostProcessSettings;

  constructor(scope: Construct, id: string, props: HostProcessCronJobProps) {
    super(scope, id, props);
    this.hostProcess = HostProcessSettings._of(this, props, podSpecPath('CronJob'));
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

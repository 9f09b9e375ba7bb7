import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { HostProcessWorkloadProps } from './host-process-props';
import { HostProcessTemplate, recordContainer, withoutSpread } from './host-process-template';
import { HostProcessUser } from './host-process-user';
import { WindowsBuild } from './windows-build';

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
  private readonly _hostProcess: HostProcessTemplate;

  constructor(scope: Construct, id: string, props: HostProcessCronJobProps) {
    super(scope, id, props);
    this._hostProcess = new HostProcessTemplate(this, props, 'spec.jobTemplate.spec.template.spec');
    this._hostProcess.validateWith(this, () => withoutSpread(this, () => this._toPodSpec()));
  }

  /** The Windows account the containers run as. */
  public get user(): HostProcessUser { return this._hostProcess.user; }
  /** The Windows build the pods are pinned to, if any. */
  public get windowsBuild(): WindowsBuild | undefined { return this._hostProcess.windowsBuild; }
  /** The priority class of the pods, if set. */
  public get priorityClassName(): string | undefined { return this._hostProcess.priorityClassName; }
  /** The node selector of the pods (a copy), `kubernetes.io/os: windows` included. */
  public get nodeSelector(): { [key: string]: string } { return this._hostProcess.nodeSelector; }

  /** Adds a node selector entry. */
  public addNodeSelector(key: string, value: string): void {
    this._hostProcess.addNodeSelector(key, value);
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
    return this._hostProcess.podSpec(super._toPodSpec());
  }
}

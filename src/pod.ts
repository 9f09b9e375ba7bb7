import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { HostProcessWorkloadProps } from './host-process-props';
import { HostProcessTemplate, recordContainer } from './host-process-template';
import { HostProcessUser } from './host-process-user';
import { WindowsBuild } from './windows-build';

/**
 * Props for `HostProcessPod`.
 */
export interface HostProcessPodProps extends kplus.PodProps, HostProcessWorkloadProps {}

/**
 * A single Windows HostProcess pod, for one-off node work or debugging.
 *
 * Every `kplus.Pod` prop and method works; the spec gets the same HostProcess fields as
 * `HostProcessDaemonSet`.
 *
 * @example
 * new HostProcessPod(chart, 'shell', {
 *   user: HostProcessUser.LOCAL_SERVICE,
 *   containers: [{ image: 'mcr.microsoft.com/windows/nanoserver:ltsc2022', command: ['ping', '-t', '127.0.0.1'] }],
 * });
 */
export class HostProcessPod extends kplus.Pod {
  private readonly _hostProcess: HostProcessTemplate;

  constructor(scope: Construct, id: string, props: HostProcessPodProps = {}) {
    super(scope, id, props);
    this._hostProcess = new HostProcessTemplate(this, props, 'spec');
    this._hostProcess.validateWith(this, () => this._toPodSpec());
  }

  /** The Windows account the containers run as. */
  public get user(): HostProcessUser { return this._hostProcess.user; }
  /** The Windows build the pod is pinned to, if any. */
  public get windowsBuild(): WindowsBuild | undefined { return this._hostProcess.windowsBuild; }
  /** The priority class of the pod, if set. */
  public get priorityClassName(): string | undefined { return this._hostProcess.priorityClassName; }
  /** The node selector of the pod (a copy), `kubernetes.io/os: windows` included. */
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

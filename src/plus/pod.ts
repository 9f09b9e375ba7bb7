import { Construct } from 'constructs';
import { recordContainer } from './container-intent';
import { HostProcessWorkloadProps } from './host-process-props';
import { HostProcessSettings } from './host-process-settings';
import * as kplus from './kplus';
import { podSpecPath } from '../core/k8s/kinds';

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
  /** The HostProcess settings of the pod: account, Windows build, node selector. */
  public readonly hostProcess: HostProcessSettings;

  constructor(scope: Construct, id: string, props: HostProcessPodProps = {}) {
    super(scope, id, props);
    this.hostProcess = HostProcessSettings._of(this, props, podSpecPath('Pod'));
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

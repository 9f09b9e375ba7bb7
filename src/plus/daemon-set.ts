import { Construct } from 'constructs';
import { recordContainer } from './container-intent';
import { HostProcessWorkloadProps } from './host-process-props';
import { HostProcessSettings } from './host-process-settings';
import * as kplus from './kplus';
import { checkedRevisionHistoryLimit } from './revision-history';
import { DaemonSetUpdateStrategy } from './update-strategy';
import { podSpecPath } from '../core/k8s/kinds';

/**
 * Props for `HostProcessDaemonSet`.
 */
export interface HostProcessDaemonSetProps extends kplus.DaemonSetProps, HostProcessWorkloadProps {
  /**
   * How pods are replaced when the template changes.
   *
   * @default - rolling update, one node at a time (the Kubernetes default)
   */
  readonly updateStrategy?: DaemonSetUpdateStrategy;

  /**
   * How many old revisions (ControllerRevisions) of the pod template to keep for rollback
   * (`spec.revisionHistoryLimit`); kplus has no such prop on a DaemonSet.
   *
   * @default - not written: the API server's default applies
   * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/daemon-set-v1/#DaemonSetSpec
   */
  readonly revisionHistoryLimit?: number;
}

/**
 * A DaemonSet of Windows HostProcess pods: one node agent per Windows node.
 *
 * Every `kplus.DaemonSet` prop and method works. The pod template always gets pod-level
 * `windowsOptions {hostProcess: true, runAsUserName}`, `hostNetwork: true`, the
 * `kubernetes.io/os: windows` node selector and `spec.os.name: windows`, and never a Linux-only
 * security field.
 *
 * @example
 * new HostProcessDaemonSet(chart, 'agent', {
 *   containers: [{
 *     image: 'mcr.microsoft.com/powershell:lts-nanoserver-ltsc2022',
 *     command: ['powershell.exe', '-Command', 'Start-Sleep -Seconds 2147483'],
 *   }],
 * });
 */
export class HostProcessDaemonSet extends kplus.DaemonSet {
  /** The HostProcess settings of the pods: account, Windows build, node selector. */
  public readonly hostProcess: HostProcessSettings;
  /** How pods are replaced when the template changes, if set. */
  public readonly updateStrategy?: DaemonSetUpdateStrategy;
  /** How many old revisions of the pod template are kept, if set. */
  public readonly revisionHistoryLimit?: number;

  constructor(scope: Construct, id: string, props: HostProcessDaemonSetProps = {}) {
    super(scope, id, props);
    this.hostProcess = HostProcessSettings._of(this, props, podSpecPath('DaemonSet'));
    this.updateStrategy = props.updateStrategy;
    this.revisionHistoryLimit = checkedRevisionHistoryLimit(this, props.revisionHistoryLimit);
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
  public _toKube(): kplus.k8s.DaemonSetSpec {
    // Copied as hostProcessPodSpec copies (src/plus/pod-spec.ts): Object.assign, not a spread.
    return Object.assign({}, super._toKube(), { updateStrategy: this.updateStrategy?._toKube(), revisionHistoryLimit: this.revisionHistoryLimit });
  }
}

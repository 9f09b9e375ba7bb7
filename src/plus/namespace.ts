import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import * as kplus from './kplus';
import { hasPatches, writtenJson } from './written-json';
import { ENFORCE_LABEL, POD_SECURITY_LABEL_PREFIX } from '../core/validation/pod-security';
import { formatSynthFinding } from '../core/validation/util';

/**
 * Props for `HostProcessNamespace`.
 */
export interface HostProcessNamespaceProps extends kplus.NamespaceProps {
  /**
   * The Pod Security Standards version the three modes check against: `latest`, or a Kubernetes
   * minor version such as `v1.29`. Written as the `pod-security.kubernetes.io/<mode>-version` labels.
   *
   * @default 'latest'
   * @see https://kubernetes.io/docs/concepts/security/pod-security-admission/#pod-security-admission-labels-for-namespaces
   */
  readonly podSecurityVersion?: string;
}

/**
 * A namespace where HostProcess pods are admitted: its Pod Security labels
 * `pod-security.kubernetes.io/enforce`, `audit` and `warn` are `privileged`, each with its
 * `-version` label. Pod Security's `baseline` and `restricted` levels forbid `hostProcess` and
 * `hostNetwork`, so HostProcess workloads need a `privileged` namespace.
 *
 * Every `kplus.Namespace` prop works; labels in `metadata.labels` are kept, except that an
 * `enforce` level other than `privileged` is an error.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
 * @example
 * const ns = new HostProcessNamespace(chart, 'agents', { metadata: { name: 'windows-agents' } });
 * new HostProcessDaemonSet(chart, 'agent', {
 *   metadata: { namespace: ns.name },
 *   containers: [{ image: 'mcr.microsoft.com/powershell:lts-nanoserver-ltsc2022' }],
 * });
 */
export class HostProcessNamespace extends kplus.Namespace {
  /** The Pod Security level the namespace's labels set. */
  public static readonly POD_SECURITY_LEVEL = 'privileged';

  /** The Pod Security Standards version of the labels (`latest` or `v1.<minor>`). */
  public readonly podSecurityVersion: string;

  constructor(scope: Construct, id: string, props: HostProcessNamespaceProps = {}) {
    super(scope, id, props);
    const version = props.podSecurityVersion ?? 'latest';
    // Pod Security Admission understands only `latest` and `v1.<minor>`: fail here, not at admission.
    if (!/^(latest|v1\.(0|[1-9][0-9]*))$/.test(version)) {
      throw new Error(`${this.node.path}: podSecurityVersion: Invalid value: ${JSON.stringify(version)}: `
        + 'must be "latest" or a Kubernetes minor version such as "v1.29"');
    }
    const enforce = props.metadata?.labels?.[ENFORCE_LABEL];
    if (enforce !== undefined && enforce !== HostProcessNamespace.POD_SECURITY_LEVEL) {
      throw new Error(`${this.node.path}: metadata.labels.${ENFORCE_LABEL}: Invalid value: ${JSON.stringify(enforce)}: `
        + `a HostProcessNamespace enforces "${HostProcessNamespace.POD_SECURITY_LEVEL}", the only level that admits `
        + 'HostProcess pods (remove the label, or use a kplus.Namespace)');
    }
    this.podSecurityVersion = version;

    for (const mode of ['enforce', 'audit', 'warn']) {
      const label = `${POD_SECURITY_LABEL_PREFIX}${mode}`;
      // A user's own audit or warn level only logs or warns, so it is kept.
      if (props.metadata?.labels?.[label] === undefined) {
        this.metadata.addLabel(label, HostProcessNamespace.POD_SECURITY_LEVEL);
      }
      if (props.metadata?.labels?.[`${label}-version`] === undefined) {
        this.metadata.addLabel(`${label}-version`, version);
      }
    }
    // A field an escape-hatch patch writes and the line's typed classes drop fails synth, as on the workloads.
    this.node.addValidation({
      validate: () => {
        const apiObject = ApiObject.of(this);
        return hasPatches(apiObject) ? writtenJson(apiObject).dropped.map(formatSynthFinding) : [];
      },
    });
  }
}

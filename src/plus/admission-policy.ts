import { ApiObject, Chart, JsonPatch, Names } from 'cdk8s';
import { Construct } from 'constructs';
import { AdmissionCommands } from '../core/admission/admission-commands';
import { AdmissionEnforcement } from '../core/admission/admission-enforcement';
import { admissionPolicyProblems } from '../core/admission/options';
import { hostProcessAdmissionPolicy } from '../core/admission/policy';
import { HostProcessUser } from '../core/windows/host-process-user';

/**
 * Props for `HostProcessAdmissionPolicy`.
 */
export interface HostProcessAdmissionPolicyProps {
  /**
   * The name of the ValidatingAdmissionPolicy and of its binding. The warnings policy and its
   * binding are named `<name>-warnings`.
   *
   * @default - a name cdk8s generates from the construct path
   */
  readonly name?: string;

  /**
   * Namespaces, by name, where HostProcess pods are allowed. A HostProcess pod or workload in any
   * other namespace (and not in one that `namespaceLabels` allows) is refused.
   *
   * @default - none by name; then `namespaceLabels` must be given
   */
  readonly namespaces?: string[];

  /**
   * Namespaces, by label, where HostProcess pods are allowed: a namespace that has every one of
   * these labels. Whoever can create a namespace (who sets its labels) or update or patch namespaces
   * can then allow HostProcess pods in it, so use labels only where only the platform team can, or
   * with `requireNamespaceNameAndLabels`.
   *
   * @default - none by label; then `namespaces` must be given
   */
  readonly namespaceLabels?: { [key: string]: string };

  /**
   * Whether a namespace must be both listed in `namespaces` and carry every label of
   * `namespaceLabels` (else either is enough). Then neither whoever can label namespaces nor whoever
   * can create a namespace of a listed name approves one alone.
   *
   * @default false
   */
  readonly requireNamespaceNameAndLabels?: boolean;

  /**
   * Image prefixes HostProcess containers may run: a registry or repository ending in `/`
   * (`mcr.microsoft.com/oss/kubernetes/`), one repository's tags ending in `:`
   * (`ghcr.io/kubernetes-sigs/sig-windows/csi-proxy:`) or its digests ending in `@`. Every image of a
   * HostProcess pod (init, regular and ephemeral containers) must start with one. Images without a
   * registry are Docker Hub's, as every runtime reads them: `sigwindowstools/kube-proxy` is compared as
   * `docker.io/sigwindowstools/kube-proxy` (and `index.docker.io/` is `docker.io/`), and a prefix is
   * normalized the same way.
   */
  readonly imagePrefixes: string[];

  /**
   * Accounts HostProcess containers may run as (the effective `runAsUserName`: a container's own,
   * else the pod's). A container without an account is refused too.
   *
   * @default - the three built-in accounts: HostProcessUser.SYSTEM, LOCAL_SERVICE and NETWORK_SERVICE (local groups are allowed only when listed)
   */
  readonly users?: HostProcessUser[];

  /**
   * Service accounts, by name in the pod's namespace, that HostProcess pods may run under. A pod
   * that names none runs as `default` (the API server writes it), so list `default` to allow it.
   *
   * @default - any service account
   */
  readonly serviceAccounts?: string[];

  /**
   * Which HostProcess containers may choose their command: set `command` or `args`, or run an exec
   * probe or lifecycle exec hook. A HostProcess container runs on the host, where every binary of the
   * node is at hand: an approved image bounds what it runs only when it cannot choose its command.
   *
   * @default AdmissionCommands.REFUSE
   */
  readonly commands?: AdmissionCommands;

  /**
   * What the API server does with a request the policy refuses.
   *
   * @default AdmissionEnforcement.DENY
   */
  readonly enforcement?: AdmissionEnforcement;

  /**
   * Whether a HostProcess pod must say `spec.os.name: windows` (which makes the API server apply
   * its Windows checks and a Linux kubelet refuse the pod). The library's workloads always do.
   *
   * @default false
   */
  readonly requireWindowsOs?: boolean;

  /**
   * Whether a HostProcess pod must select Windows nodes (`nodeSelector kubernetes.io/os: windows`,
   * or a required node affinity whose every term has `kubernetes.io/os In [windows]`). The
   * library's workloads always do. When false, the warnings policy warns instead.
   *
   * @default false
   */
  readonly requireWindowsNodeSelection?: boolean;

  /**
   * Whether to add a second policy, bound with the `Warn` action only, that warns about what
   * `cdk8s-hostprocess lint` warns about, in its words: relative `workingDir`s, fields Windows pods
   * may not set on a pod without `spec.os`, and (unless required) no Windows node selection.
   *
   * @default true
   */
  readonly warnings?: boolean;
}

/**
 * A ValidatingAdmissionPolicy and its binding (`admissionregistration.k8s.io/v1`, Kubernetes
 * 1.30+) that admit HostProcess pods only in approved namespaces, from approved images and as
 * approved accounts (and, when listed, service accounts), running their images' own entrypoints
 * unless `commands` allows otherwise, enforced by the API server itself.
 *
 * A pod counts as HostProcess when `securityContext.windowsOptions.hostProcess` is true at pod
 * level or on any init, regular or ephemeral container. The policy checks Pods (also containers
 * added with `kubectl debug`, the `pods/ephemeralcontainers` subresource) and the pod templates of
 * Deployments, DaemonSets, StatefulSets, ReplicaSets, ReplicationControllers, Jobs, CronJobs and
 * PodTemplates, so that applying a workload
 * fails at once. Pods that are not HostProcess pods, and updates that leave the pod spec unchanged,
 * are not checked.
 *
 * @see https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/
 * @example
 * new HostProcessAdmissionPolicy(chart, 'hostprocess', {
 *   namespaces: ['kube-system'],
 *   imagePrefixes: ['mcr.microsoft.com/oss/kubernetes/', 'ghcr.io/kubernetes-sigs/sig-windows/'],
 *   commands: AdmissionCommands.forImages(['ghcr.io/kubernetes-sigs/sig-windows/csi-proxy:']),
 *   enforcement: AdmissionEnforcement.WARN_AND_AUDIT,
 * });
 */
export class HostProcessAdmissionPolicy extends Construct {
  /** The ValidatingAdmissionPolicy. */
  public readonly policy: ApiObject;

  /** Its ValidatingAdmissionPolicyBinding. */
  public readonly binding: ApiObject;

  /** The Warn-only policy for the lint's warnings; absent with `warnings: false`. */
  public readonly warningPolicy?: ApiObject;

  /** Its binding; absent with `warnings: false`. */
  public readonly warningBinding?: ApiObject;

  /** The binding's enforcement. */
  public readonly enforcement: AdmissionEnforcement;

  /** Which containers may choose their command. */
  public readonly commands: AdmissionCommands;

  private readonly allowedUsers: HostProcessUser[];

  constructor(scope: Construct, id: string, props: HostProcessAdmissionPolicyProps) {
    super(scope, id);
    this.enforcement = props.enforcement ?? AdmissionEnforcement.DENY;
    this.commands = props.commands ?? AdmissionCommands.REFUSE;
    this.allowedUsers = props.users ?? [HostProcessUser.SYSTEM, HostProcessUser.LOCAL_SERVICE, HostProcessUser.NETWORK_SERVICE];
    const options = {
      name: props.name ?? Names.toDnsLabel(this, { maxLen: 63 }),
      namespaces: props.namespaces ?? [],
      namespaceLabels: props.namespaceLabels ?? {},
      requireNamespaceNameAndLabels: props.requireNamespaceNameAndLabels ?? false,
      imagePrefixes: props.imagePrefixes ?? [],
      users: this.allowedUsers.map(u => u.runAsUserName),
      serviceAccounts: props.serviceAccounts,
      commandImagePrefixes: this.commands.imagePrefixes,
      validationActions: this.enforcement.validationActions,
      requireWindowsOs: props.requireWindowsOs ?? false,
      requireWindowsNodeSelection: props.requireWindowsNodeSelection ?? false,
      warnings: props.warnings ?? true,
    };
    const problems = admissionPolicyProblems(options);
    if (problems.length > 0) {
      throw new Error(problems.map(p => `${this.node.path}: ${p}`).join('\n'));
    }
    const manifests = hostProcessAdmissionPolicy(options);
    this.policy = this.apiObject('Policy', manifests.policy);
    this.binding = this.apiObject('Binding', manifests.binding);
    if (manifests.warningPolicy) {
      this.warningPolicy = this.apiObject('WarningPolicy', manifests.warningPolicy);
      this.warningBinding = this.apiObject('WarningBinding', manifests.warningBinding);
    }
  }

  /** The accounts the policy allows (a copy). */
  public get users(): HostProcessUser[] {
    return [...this.allowedUsers];
  }

  private apiObject(id: string, manifest: any): ApiObject {
    const { apiVersion, kind, metadata, ...rest } = manifest;
    const object = new ApiObject(this, id, { apiVersion, kind, metadata, ...rest });
    // The policy kinds are cluster-scoped, but cdk8s writes a chart's namespace into every object.
    if (Chart.of(this).namespace !== undefined) {
      object.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    }
    return object;
  }
}

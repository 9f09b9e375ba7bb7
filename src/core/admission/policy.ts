// The ValidatingAdmissionPolicy that lets HostProcess pods in only where, from what and as whom the
// platform team allows, and the Warn-only policy for the lint's warnings, as plain Kubernetes JSON
// (src/plus/admission-policy.ts wraps them in ApiObjects). Each policy is a list of checks, each
// keyed by the rule it enforces: one of the policy's own (approvals.ts) or a catalog rule with a CEL
// form (rule-cel.ts). "types.go" is kubernetes/api admissionregistration/v1/types.go@v0.35.0, the
// same text at v0.30.0, which introduced the v1 API (`+k8s:prerelease-lifecycle-gen:introduced=1.30`).
import { APPROVAL_CEL, ApprovalId } from './approvals';
import { CheckCel, PolicyValidation, PolicyVariable } from './check';
import { formatCel } from './format';
import { AdmissionPolicyOptions } from './options';
import { POD_SPEC_VARIABLES, isHostProcessRequestCel, specOf } from './pod-spec-cel';
import { CelRuleId, RULE_CEL } from './rule-cel';

/** The manifests of the policy, as plain JSON. */
export interface AdmissionPolicyManifests {
  readonly policy: any;
  readonly binding: any;
  /** The Warn-only policy for the lint's warnings, when asked for. */
  readonly warningPolicy?: any;
  readonly warningBinding?: any;
}

/** The API group and version of the policy kinds. */
export const ADMISSION_API_VERSION = 'admissionregistration.k8s.io/v1';

/** A check: one of the policy's own, or a catalog rule with a CEL form. */
const CHECK_CEL = { ...APPROVAL_CEL, ...RULE_CEL };

/** One check of a policy, with the rule it enforces. */
export interface PolicyCheck extends CheckCel {
  readonly id: ApprovalId | CelRuleId;
}

/** A check of a policy: its rule, when it is written, and in the main policy the label its messages end with. */
interface CheckEntry {
  readonly id: ApprovalId | CelRuleId;
  readonly label?: string;
  readonly when?: (options: AdmissionPolicyOptions) => boolean;
}

const MAIN: readonly CheckEntry[] = [
  { id: 'approved-namespace', label: 'approved namespaces' },
  { id: 'approved-image', label: 'approved images' },
  { id: 'approved-account', label: 'approved accounts' },
  { id: 'approved-service-account', label: 'approved service accounts', when: o => o.serviceAccounts !== undefined },
  { id: 'approved-commands', label: 'approved commands', when: o => o.commandImagePrefixes !== undefined },
  { id: 'windows-pod-os', label: 'Windows pod OS', when: o => o.requireWindowsOs },
  { id: 'host-process-no-windows-node-selection', label: 'Windows node selection', when: o => o.requireWindowsNodeSelection },
];

// The lint's warnings, in its words; a node selection that the main policy requires is not warned about again.
const WARNINGS: readonly CheckEntry[] = [
  { id: 'host-process-relative-working-dir' },
  { id: 'host-process-windows-field-without-os' },
  { id: 'host-process-no-windows-node-selection', when: o => !o.requireWindowsNodeSelection },
];

function checks(entries: readonly CheckEntry[], options: AdmissionPolicyOptions): PolicyCheck[] {
  return entries.filter(e => e.when?.(options) ?? true).map(({ id, label }) =>
    ({ id, ...CHECK_CEL[id](options, label === undefined ? '' : ` (HostProcessAdmissionPolicy rule: ${label})`) }));
}

/** The checks of the main policy and of the warnings policy, in the order they are written. */
export function policyChecks(options: AdmissionPolicyOptions): { main: PolicyCheck[]; warnings: PolicyCheck[] } {
  return { main: checks(MAIN, options), warnings: options.warnings ? checks(WARNINGS, options) : [] };
}

function matchConstraints(): any {
  const operations = ['CREATE', 'UPDATE'];
  return {
    // Equivalent (the default, written out): a request in another version of a matched resource
    // (apps/v1beta2 ...) is converted and checked too (types.go MatchResources.MatchPolicy).
    matchPolicy: 'Equivalent',
    resourceRules: [
      // pods/ephemeralcontainers: `kubectl debug` adds a container to a running pod by an UPDATE of
      // it, whose object is the whole Pod (kubernetes/kubernetes pkg/registry/core/pod/storage/
      // storage.go, EphemeralContainersREST.New returns &api.Pod{}); unmatched, it could add a
      // HostProcess container with any image to a pod of an approved namespace.
      // ReplicationControllers make pods as ReplicaSets do; a PodTemplate is a template that
      // controllers and users copy pods from (kubernetes/api core/v1/types.go@v0.37.2, PodTemplate).
      { apiGroups: [''], apiVersions: ['v1'], operations, resources: ['pods', 'pods/ephemeralcontainers', 'podtemplates', 'replicationcontrollers'] },
      { apiGroups: ['apps'], apiVersions: ['v1'], operations, resources: ['daemonsets', 'deployments', 'replicasets', 'statefulsets'] },
      { apiGroups: ['batch'], apiVersions: ['v1'], operations, resources: ['cronjobs', 'jobs'] },
    ],
  };
}

function matchConditions(): any[] {
  return [
    // Only HostProcess pod specs; anything else is skipped before the variables are evaluated
    // (types.go ValidatingAdmissionPolicySpec.MatchConditions: any false skips the policy).
    { name: 'hostprocess', expression: isHostProcessRequestCel() },
    // An UPDATE that leaves the pod spec as it was (labels, replicas, finalizers) brings in no
    // image, account or namespace: a workload created before the policy can still be scaled,
    // relabelled and deleted. `oldObject` is null only for CREATE (types.go Validation.Expression).
    { name: 'pod-spec-changed', expression: `request.operation != 'UPDATE' || ${specOf('object')} != ${specOf('oldObject')}` },
  ];
}

// Cost: `object` is dyn (kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/admission/plugin/
// cel/compile.go, createEnvForOpts), so the limits apply at run time: PerCallLimit = 1,000,000 per
// expression (cel.CostLimit in staging/src/k8s.io/apiserver/pkg/cel/environment/base.go) and
// RuntimeCELCostBudget = 10,000,000 per binding (passed by validating/dispatcher.go; both in
// staging/src/k8s.io/apiserver/pkg/apis/cel/config.go, with MaxRequestSizeBytes = 3 MiB). The checks
// stay linear in the containers, which test/core/admission verifies of every expression.
function policyObject(name: string, written: readonly PolicyCheck[], reason?: 'Forbidden'): any {
  const variables: PolicyVariable[] = [...POD_SPEC_VARIABLES, ...written.flatMap(c => c.variables)];
  const validations: PolicyValidation[] = written.flatMap(c => c.validations).map(v => (reason ? { ...v, reason } : v));
  return {
    apiVersion: ADMISSION_API_VERSION,
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name },
    spec: {
      // Fail: a policy that cannot be evaluated (a runtime error, the cost limit) refuses the request
      // (types.go ValidatingAdmissionPolicySpec.FailurePolicy).
      failurePolicy: 'Fail',
      matchConstraints: matchConstraints(),
      matchConditions: matchConditions().map(c => ({ ...c, expression: formatCel(c.expression) })),
      variables: variables.map(v => ({ ...v, expression: formatCel(v.expression) })),
      validations: validations.map(v => ({ ...v, expression: formatCel(v.expression), messageExpression: formatCel(v.messageExpression) })),
    },
  };
}

function bindingObject(name: string, validationActions: readonly string[]): any {
  return {
    apiVersion: ADMISSION_API_VERSION,
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: { name },
    spec: { policyName: name, validationActions: [...validationActions] },
  };
}

/** The policy and binding (and the warnings policy and binding) for valid options. */
export function hostProcessAdmissionPolicy(options: AdmissionPolicyOptions): AdmissionPolicyManifests {
  const { main, warnings } = policyChecks(options);
  const result: AdmissionPolicyManifests = {
    // Forbidden: the HTTP status of a refusal (types.go Validation.Reason).
    policy: policyObject(options.name, main, 'Forbidden'),
    binding: bindingObject(options.name, options.validationActions),
  };
  if (!options.warnings) {
    return result;
  }
  const warningsName = `${options.name}-warnings`;
  return {
    ...result,
    warningPolicy: policyObject(warningsName, warnings),
    warningBinding: bindingObject(warningsName, ['Warn']),
  };
}

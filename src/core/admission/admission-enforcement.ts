/**
 * What the API server does with a request that `HostProcessAdmissionPolicy` finds at fault: the
 * `validationActions` of its ValidatingAdmissionPolicyBinding.
 *
 * Roll out with `WARN_AND_AUDIT` (or `WARN`, `AUDIT`) first: nothing is refused, `kubectl` prints
 * the message as a warning and the audit log records it, so you see which workloads the policy would
 * refuse. Then switch to `DENY` (or `DENY_AND_AUDIT`).
 *
 * There is no Deny-and-Warn: the API server refuses that combination, which would repeat the
 * message in the response and in its warning headers.
 *
 * @see https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/#validation-actions
 */
// The three actions, their meaning and the Deny+Warn exclusion: kubernetes/api
// admissionregistration/v1/types.go@v0.35.0, ValidatingAdmissionPolicyBindingSpec.ValidationActions.
export class AdmissionEnforcement {
  /** `Deny`: the request is refused with the policy's message. */
  public static readonly DENY = new AdmissionEnforcement(['Deny']);

  /** `Deny` and `Audit`: refused, and the failure is recorded in the audit event too. */
  public static readonly DENY_AND_AUDIT = new AdmissionEnforcement(['Deny', 'Audit']);

  /** `Warn`: the request is admitted; the client gets the message as an HTTP warning (`kubectl` prints it). */
  public static readonly WARN = new AdmissionEnforcement(['Warn']);

  /**
   * `Audit`: the request is admitted; the failure is recorded in the audit event's
   * `validation.policy.admission.k8s.io/validation_failure` annotation.
   */
  public static readonly AUDIT = new AdmissionEnforcement(['Audit']);

  /** `Warn` and `Audit`: admitted, with a warning to the client and a record in the audit event. */
  public static readonly WARN_AND_AUDIT = new AdmissionEnforcement(['Warn', 'Audit']);

  private constructor(private readonly actions: readonly string[]) {}

  /** The binding's `validationActions` (a copy). */
  public get validationActions(): string[] {
    return [...this.actions];
  }

  /** Whether a request that fails the policy is refused. */
  public get denies(): boolean {
    return this.actions.includes('Deny');
  }
}

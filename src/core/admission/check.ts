// What a check adds to a policy, as the admissionregistration.k8s.io/v1 fields it writes (kubernetes/api
// admissionregistration/v1/types.go@v0.35.0, the same at v0.30.0: Variable, Validation).
import { AdmissionPolicyOptions } from './options';

/** One of a policy's `spec.variables`. */
export interface PolicyVariable {
  readonly name: string;
  readonly expression: string;
}

/** One of a policy's `spec.validations`. */
export interface PolicyValidation {
  readonly expression: string;
  readonly messageExpression: string;
  readonly reason?: 'Forbidden';
}

/** The CEL of one check: the variables its validations read (after the pod spec's), and the validations. */
export interface CheckCel {
  readonly variables: readonly PolicyVariable[];
  readonly validations: readonly PolicyValidation[];
}

/** Builds a check's CEL for the options; `suffix` ends each of its messages. */
export type CheckBuilder = (options: AdmissionPolicyOptions, suffix: string) => CheckCel;

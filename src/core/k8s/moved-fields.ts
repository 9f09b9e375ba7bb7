// Errors that older API servers report under another path than the field's: its place in the API
// server's internal types, which no manifest has. The lint names the field where the manifest has
// it, as the newest release does; the server suites compare the two through this table
// (test/kube/parity.ts). Other errors of the same field keep its path (validateWindows, for one).
import { kubernetesMinor } from './release';
import type { RuleId } from '../rules/catalog';

/** A rule's errors at a pod spec field, reported elsewhere by releases before `since`. */
export interface MovedField {
  /** The catalog rule whose errors moved. */
  readonly rule: RuleId;
  /** The field's path under the pod spec: where the manifest has it and the lint reports it. */
  readonly field: string;
  /** Where releases before `since` report its errors, under the pod spec. */
  readonly reportedAt: string;
  /** The first minor release (`1.37`) that reports its errors at `field`. */
  readonly since: string;
}

export const MOVED_POD_FIELDS: readonly MovedField[] = [
  // ShareProcessNamespace and HostPID cannot both be enabled: validatePodSpecSecurityContext
  // reports it under the pod's securityContext, whose internal type holds shareProcessNamespace
  // (pkg/apis/core/validation/validation.go at v1.30.14, v1.33.0, v1.34.0, v1.35.4 and v1.36.1;
  // pkg/apis/core/v1/conversion.go@v1.30.14 Convert_v1_PodSpec_To_core_PodSpec copies it there);
  // validation.go@v1.37.2 validateShareProcessNamespace reports the pod spec's own field.
  { rule: 'share-process-namespace-host-pid', field: 'shareProcessNamespace', reportedAt: 'securityContext.shareProcessNamespace', since: '1.37' },
];

/**
 * Where the API server of `version` reports an error of rule `rule` that the lint reports at
 * `field` (a full path, such as `spec.template.spec.shareProcessNamespace`, under the pod spec at
 * `podSpecPath`): `field` itself, unless that release reports it elsewhere.
 */
export function reportedField(rule: string, field: string, podSpecPath: string, version: string): string {
  for (const moved of MOVED_POD_FIELDS) {
    if (rule === moved.rule && field === `${podSpecPath}.${moved.field}` && kubernetesMinor(version) < kubernetesMinor(moved.since)) {
      return `${podSpecPath}.${moved.reportedAt}`;
    }
  }
  return field;
}

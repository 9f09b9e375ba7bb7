// Pod spec fields that an API server drops before validation unless a feature gate is on, for the
// releases where that gate is off by default: there a manifest that sets one is accepted, and the
// field silently removed, whatever the rules say of it.
import { kubernetesMinor } from './release';

/** A pod spec field behind a feature gate. */
export interface GatedField {
  /** The field's path under the pod spec. */
  readonly field: string;
  readonly gate: string;
  /** The first minor release (`1.33`) whose API server has the gate on by default. */
  readonly since: string;
}

export const GATED_POD_FIELDS: readonly GatedField[] = [
  // UserNamespacesSupport: Beta, off by default in 1.30 to 1.32, on from 1.33 (kubernetes
  // pkg/features/kube_features.go@v1.37.2); while off, dropDisabledFields sets hostUsers to nil
  // (pkg/api/pod/util.go@v1.30.14).
  { field: 'hostUsers', gate: 'UserNamespacesSupport', since: '1.33' },
];

/**
 * The gated field that `field` (a full field path, such as `spec.template.spec.hostUsers`) is or
 * lies under, if the API server of `version` drops it.
 */
export function droppedByRelease(field: string, podSpecPath: string, version: string): GatedField | undefined {
  return GATED_POD_FIELDS.find((g) => {
    const at = `${podSpecPath}.${g.field}`;
    return (field === at || field.startsWith(`${at}.`) || field.startsWith(`${at}[`)) && kubernetesMinor(version) < kubernetesMinor(g.since);
  });
}

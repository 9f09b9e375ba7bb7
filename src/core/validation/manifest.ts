// Finding the pod specs in a Kubernetes manifest, for the lint command and
// HostProcessValidator.validateManifest.
import { podKind } from '../k8s/kinds';

/**
 * The pod specs of a manifest with their field paths: one for Pod, PodTemplate, Deployment,
 * ReplicaSet, ReplicationController, StatefulSet, DaemonSet, Job and CronJob; none for other kinds, or
 * when the spec is missing. A `List` is not unpacked: pass its items one by one.
 */
export function podSpecsOf(manifest: any): { spec: any; prefix: string }[] {
  // Own entries only: `constructor`, `toString` or `__proto__` as a kind has no pod spec.
  const prefix = podKind(manifest?.kind)?.podSpec;
  if (prefix === undefined) {
    return [];
  }
  let spec = manifest;
  for (const key of prefix.split('.')) {
    spec = spec?.[key];
  }
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    return [];
  }
  return [{ spec, prefix }];
}

export { isWindowsOrHostProcess } from '../k8s/pod';

// Finding the pod specs in a Kubernetes manifest, for the lint command and
// HostProcessValidator.validateManifest.
import { podKind } from '../k8s/kinds';

/**
 * The pod specs of a manifest with their field paths and the pod's annotations (those of the
 * metadata beside the spec: a Pod's own, a workload's pod template's): one for Pod, PodTemplate,
 * Deployment, ReplicaSet, ReplicationController, StatefulSet, DaemonSet, Job and CronJob; none for
 * other kinds, or when the spec is missing. A `List` is not unpacked: pass its items one by one.
 */
export function podSpecsOf(manifest: any): { spec: any; prefix: string; annotations?: unknown }[] {
  // Own entries only: `constructor`, `toString` or `__proto__` as a kind has no pod spec.
  const prefix = podKind(manifest?.kind)?.podSpec;
  if (prefix === undefined) {
    return [];
  }
  const path = prefix.split('.');
  let pod = manifest;
  for (const key of path.slice(0, -1)) {
    pod = pod?.[key];
  }
  const spec = pod?.[path[path.length - 1]];
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    return [];
  }
  return [{ spec, prefix, annotations: pod?.metadata?.annotations }];
}

export { isWindowsOrHostProcess } from '../k8s/pod';

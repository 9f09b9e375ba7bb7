// Finding the pod specs in a Kubernetes manifest, for the lint command and
// HostProcessValidator.validateManifest.
import { CONTAINER_LISTS, isSet } from './util';
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

/**
 * Whether a pod spec is for Windows or HostProcess: `spec.os.name` is `windows` (in any case), or
 * `windowsOptions` is set on the pod or on any init, regular or ephemeral container.
 */
export function isWindowsOrHostProcess(spec: any): boolean {
  // Any spelling of windows: `Windows` is an error the rules must get to report.
  if (String(spec?.os?.name ?? '').toLowerCase() === 'windows' || isSet(spec?.securityContext?.windowsOptions)) {
    return true;
  }
  return CONTAINER_LISTS.some(list =>
    Array.isArray(spec?.[list]) && spec[list].some((c: any) => isSet(c?.securityContext?.windowsOptions)));
}

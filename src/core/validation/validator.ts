import { Finding } from './finding';
import { podSpecsOf, isWindowsOrHostProcess } from './manifest';
import { validatePodSpec } from './pod-spec-rules';

/**
 * Checks pod specs and manifests with the rules the constructs enforce at synth time: the
 * Kubernetes API server's HostProcess and Windows rules (same field paths and messages) and the
 * library's own rules from the HostProcess documentation, each worded as the library's.
 *
 * Use it on manifests the constructs did not write (Helm or kustomize output, `ApiObject`s).
 *
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/
 */
export class HostProcessValidator {
  /**
   * Every finding for one pod spec, errors and warnings, in the order the API server reports them
   * (the library's rules last).
   *
   * @param podSpec the pod spec, as plain Kubernetes JSON
   * @param fieldPath where the pod spec sits in its manifest: `spec` for a Pod,
   *   `spec.template.spec` for a Deployment, DaemonSet, StatefulSet, ReplicaSet or Job,
   *   `spec.jobTemplate.spec.template.spec` for a CronJob. Every finding's field starts with it.
   */
  public static validatePodSpec(podSpec: any, fieldPath: string): Finding[] {
    return validatePodSpec(podSpec, fieldPath);
  }

  /**
   * Every finding for the pod specs of one manifest (Pod, PodTemplate, Deployment, ReplicaSet,
   * ReplicationController, StatefulSet, DaemonSet, Job or CronJob). Other kinds have none.
   *
   * @param manifest one Kubernetes object, as plain JSON
   */
  public static validateManifest(manifest: any): Finding[] {
    return podSpecsOf(manifest).flatMap(({ spec, prefix, annotations }) => validatePodSpec(spec, prefix, annotations));
  }

  /**
   * Whether a pod spec is for Windows or HostProcess: `os.name` is `windows`, or `windowsOptions`
   * is set on the pod or on any container. The `lint` command checks only such pods by default.
   *
   * @param podSpec the pod spec, as plain Kubernetes JSON
   */
  public static isWindowsOrHostProcess(podSpec: any): boolean {
    return isWindowsOrHostProcess(podSpec);
  }

  private constructor() {}
}

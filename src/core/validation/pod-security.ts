// Pod Security Admission and HostProcess pods: `baseline` and `restricted` forbid
// `windowsOptions.hostProcess: true` and `hostNetwork: true`, so the API server accepts a workload
// in such a namespace and then rejects every pod it creates (visible only in the workload's events).
import { Finding } from './finding';
import { finding } from './util';

/** The label prefix of Pod Security Admission. */
export const POD_SECURITY_LABEL_PREFIX = 'pod-security.kubernetes.io/';

/** The label whose level Pod Security Admission enforces. */
export const ENFORCE_LABEL = `${POD_SECURITY_LABEL_PREFIX}enforce`;

/** The levels whose pods cannot be HostProcess pods. */
const FORBIDDING_LEVELS = ['baseline', 'restricted'];

/**
 * A finding when a namespace's enforced Pod Security level forbids HostProcess pods, else
 * `undefined`. A namespace without the label gets the cluster's default level, which a manifest
 * cannot know; `privileged` allows HostProcess pods.
 *
 * @param namespace the namespace's name
 * @param labels the namespace's labels
 * @param field the field the finding is about (the workload's `metadata.namespace`)
 */
export function podSecurityFinding(
  namespace: string,
  labels: { [key: string]: string | undefined } | undefined,
  field: string = 'metadata.namespace',
): Finding | undefined {
  const level = labels?.[ENFORCE_LABEL];
  if (level === undefined || !FORBIDDING_LEVELS.includes(level)) {
    return undefined;
  }
  return finding('pod-security-level', field,
    `namespace "${namespace}" enforces Pod Security level "${level}" (label ${ENFORCE_LABEL}: ${level}), `
    + 'which forbids hostProcess and hostNetwork: the API server rejects these HostProcess pods '
    + `(label the namespace ${ENFORCE_LABEL}: privileged, or declare it with HostProcessNamespace)`);
}

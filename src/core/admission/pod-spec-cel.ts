// The CEL that finds the pod spec of a request and walks it: where each kind keeps it, whether it
// is a HostProcess pod spec, and a list of problems over every container. The policies bind the pod
// spec to `variables.spec` and its field path to `variables.prefix` (POD_SPEC_VARIABLES).
import { anyOf, concat, hasPath } from './cel';
import { PolicyVariable } from './check';
import { podKind, podSpecPath } from '../k8s/kinds';
import { CONTAINER_LISTS } from '../validation/util';

/** The field of a (pod or container) securityContext that makes a container HostProcess. */
export const HOST_PROCESS = 'securityContext.windowsOptions.hostProcess';

// A Pod's own spec, a CronJob's job template's, a PodTemplate's template's, every other matched
// kind's (ReplicationController too) where a DaemonSet keeps it (paths from the kinds table,
// src/core/k8s/kinds.ts). `request.kind` is the kind after
// conversion to the matched version, a required field (BuildRequestType in kubernetes/kubernetes
// staging/src/k8s.io/apiserver/pkg/admission/plugin/cel/compile.go).
function byKind(write: (path: string) => string): string {
  return `(request.kind.kind == 'Pod' ? ${write(podSpecPath('Pod'))} : request.kind.kind == 'CronJob' ? ` +
    `${write(podSpecPath('CronJob'))} : request.kind.kind == 'PodTemplate' ? ${write(podKind('PodTemplate')!.podSpec)} : ` +
    `${write(podSpecPath('DaemonSet'))})`;
}

/**
 * Whether the request's pod spec is a HostProcess one, for a match condition (which cannot read
 * the policy's variables, types.go ValidatingAdmissionPolicySpec.Variables): the spec is named once
 * by a one-element list.
 */
export function isHostProcessRequestCel(): string {
  return `[${specOf('object')}].exists(s, ${hostProcessCel('s')})`;
}

/** The pod spec of `root` (`object`, `oldObject`). */
export function specOf(root: string): string {
  return byKind(path => `${root}.${path}`);
}

/**
 * The variables every check of a policy reads: the pod spec, its field path, and each container list
 * (empty when absent), so that a check walks `variables.containers` without testing it first.
 */
export const POD_SPEC_VARIABLES: readonly PolicyVariable[] = [
  { name: 'spec', expression: specOf('object') },
  { name: 'prefix', expression: byKind(path => `'${path}'`) },
  ...CONTAINER_LISTS.map(list => ({ name: list, expression: `has(variables.spec.${list}) ? variables.spec.${list} : []` })),
];

/** `base.path == true`, false when any field on the way is absent. */
export function setTrue(base: string, path: string): string {
  return `${hasPath(base, path)} && ${base}.${path} == true`;
}

/**
 * Whether the pod spec `spec` has any HostProcess container, however it is set: at pod level
 * (which every container inherits) or on any init, regular or ephemeral container.
 */
export function hostProcessCel(spec: string): string {
  return anyOf([
    setTrue(spec, HOST_PROCESS),
    ...CONTAINER_LISTS.map(list => `has(${spec}.${list}) && ${spec}.${list}.exists(c, ${setTrue('c', HOST_PROCESS)})`),
  ]);
}

// A container is named by `name` (unique in a pod), not by index: CEL has no comprehension with an
// index before the two-variable ones of Kubernetes 1.32 (see cel.ts).
function containerPath(list: string): string {
  return `variables.prefix + '.${list}[name="' + c.name + '"]'`;
}

/**
 * `L.filter(c, bad).map(c, message)` for each container list, concatenated; `message` gets the CEL
 * of the container's field path.
 */
export function perContainer(bad: string, message: (path: string) => string): string {
  return concat(CONTAINER_LISTS.map(list => `variables.${list}.filter(c, ${bad}).map(c, ${message(containerPath(list))})`));
}

/**
 * The message of the list variable `variable`: its first problem, and how many more. Only the first
 * denying validation's message reaches the client (`deniedDecisions[0]`, as "ValidatingAdmissionPolicy
 * '%s' with binding '%s' denied request: %s", in kubernetes/kubernetes
 * staging/src/k8s.io/apiserver/pkg/admission/plugin/policy/validating/dispatcher.go), and a
 * message over 5 KiB is not used (MaxEvaluatedMessageExpressionSizeBytes in
 * staging/src/k8s.io/apiserver/pkg/apis/cel/config.go).
 */
export function firstOf(variable: string): string {
  return `variables.${variable}[0] + (size(variables.${variable}) > 1 ? ' (and ' + ` +
    `string(size(variables.${variable}) - 1) + ' more)' : '')`;
}

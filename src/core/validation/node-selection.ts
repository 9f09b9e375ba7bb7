// A HostProcess pod that nothing keeps off Linux nodes (a library warning). The API server does
// not check node selection, and `spec.os` does not select nodes: only a nodeSelector or a required
// node affinity does.
import { Finding } from './finding';
import { LIBRARY_WARNING, PodView, finding, hasItems, isSet } from './util';
import { OS_LABEL, WINDOWS_NODE_LABELS, WindowsNodeLabel, selectsWindowsValue } from '../k8s/windows-node-labels';
import { ruleMessage } from '../rules/catalog';

export { OS_LABEL };

const NO_SELECTION = ruleMessage('host-process-no-windows-node-selection');
const FIX = ` ${LIBRARY_WARNING}`;
// Linux kubelet, pod admission: kubernetes pkg/kubelet/lifecycle/predicate.go@v1.32.10, read as
// vendored in kubeedge/kubeedge vendor/k8s.io/kubernetes@v1.23.1 (the kubeedge build of
// k8s.io/kubernetes v1.32.10, replace github.com/kubeedge/kubernetes v1.32.10-kubeedge1).
// rejectPodAdmissionBasedOnOSField rejects a pod whose spec.os.name is not the kubelet's OS, with
// the message quoted below, and rejectPodAdmissionBasedOnOSSelector one whose kubernetes.io/os
// *pod label* differs; nothing else looks at the OS. HostProcess reaches the runtime only through
// the Windows part of the CRI config: pkg/kubelet/kuberuntime/kuberuntime_container_windows.go
// (//go:build windows; generateWindowsContainerConfig sets SecurityContext.HostProcess) and
// kuberuntime_sandbox.go (generatePodSandboxWindowsConfig only when runtime.GOOS is windows).
const ON_LINUX_WITH_OS = ', whose kubelet rejects it ("Failed to admit pod as the OS field doesn\'t match node OS")';
const ON_LINUX_WITHOUT_OS = ', whose kubelet runs it without passing hostProcess to the container runtime';

/**
 * Whether the pod can only be scheduled onto Windows nodes: its nodeSelector has a label that only
 * Windows nodes carry (`kubernetes.io/os: windows`, any `node.kubernetes.io/windows-build`, a
 * Windows `kubernetes.azure.com/os-sku`: WINDOWS_NODE_LABELS), or every term of its required node
 * affinity requires one (In a list of only such values, or Exists for a label whose every value is).
 */
export function selectsWindowsNodes(spec: any): boolean {
  const selector = spec?.nodeSelector;
  if (selector !== null && typeof selector === 'object') {
    // A loop rather than some(): the engine runs this once per workload at synth (util.ts, containersOf).
    for (let i = 0; i < WINDOWS_NODE_LABELS.length; i++) {
      const label = WINDOWS_NODE_LABELS[i];
      if (Object.prototype.hasOwnProperty.call(selector, label.key) && selectsWindowsValue(label, selector[label.key])) return true;
    }
  }
  // The terms of a required node affinity are ORed, the expressions of a term ANDed, and a term
  // with neither expressions nor fields matches no node:
  // k8s.io/component-helpers scheduling/corev1/nodeaffinity/nodeaffinity.go@v0.35.4
  // (LazyErrorNodeSelector.Match, GetRequiredNodeAffinity), as vendored in
  // openshift-kni/scheduler-plugins.
  const terms = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  return Array.isArray(terms) && terms.length > 0 && terms.every(term => matchesNoNode(term) || requiresWindows(term));
}

function matchesNoNode(term: any): boolean {
  return !hasItems(term?.matchExpressions) && !hasItems(term?.matchFields);
}

function requiresWindows(term: any): boolean {
  const expressions = term?.matchExpressions;
  return Array.isArray(expressions) && expressions.some(e => WINDOWS_NODE_LABELS.some(label => label.key === e?.key && expressionRequires(label, e)));
}

// `In` values that all only Windows nodes have; `Exists` for a label only Windows nodes carry.
function expressionRequires(label: WindowsNodeLabel, e: any): boolean {
  if (e.operator === 'In') {
    return hasItems(e.values) && e.values.every((v: unknown) => selectsWindowsValue(label, v));
  }
  return e.operator === 'Exists' && label.values === undefined;
}

/**
 * The words of the warning for a pod with `spec.os` `os` (the admission policy writes the same):
 * with another spec.os the pod has errors already, and the warning then names no kubelet behaviour.
 */
export function noWindowsSelectionMessage(os: any): string {
  const onLinux = os?.name === 'windows' ? ON_LINUX_WITH_OS : !isSet(os) ? ON_LINUX_WITHOUT_OS : '';
  return `${NO_SELECTION}${onLinux}${FIX}`;
}

/** The warning for a HostProcess pod (the caller checks that) without a Windows node selection. */
export function nodeSelectionFindings({ spec, prefix }: PodView, findings: Finding[]): void {
  if (selectsWindowsNodes(spec)) {
    return;
  }
  findings.push(finding('host-process-no-windows-node-selection', `${prefix}.nodeSelector`, noWindowsSelectionMessage(spec?.os)));
}

// The catalog's rules that the policies check, in CEL, keyed by rule ID. Each decides as the engine
// does, and its messages are the engine's: taken from the function or constant that writes them
// for the lint, never restated here.
import { anyOf, celString, celStrings, concat, hasPath, quotedCel } from './cel';
import { CheckBuilder } from './check';
import { firstOf, perContainer, setTrue } from './pod-spec-cel';
import { WINDOWS_NODE_LABELS } from '../k8s/windows-node-labels';
import { RuleId } from '../rules/catalog';
import { RELATIVE_WORKING_DIR } from '../validation/library-rules';
import { CONTAINER_FIELD_WITHOUT_OS_MESSAGE, HOST_NAMESPACE_FIELDS, podFieldWithoutOsMessage } from '../validation/linux-only-fields';
import { noWindowsSelectionMessage } from '../validation/node-selection';
import { CONTAINER_FIELDS, POD_FIELDS } from '../validation/pod-os';

// library-rules.ts isRelativePath (NOT_RELATIVE), as RE2.
const NOT_RELATIVE = '^(?:[a-zA-Z]:(?:[\\\\/]|$)|[\\\\/]|\\$env:CONTAINER_SANDBOX_MOUNT_POINT|%CONTAINER_SANDBOX_MOUNT_POINT%)';

const relativeWorkingDir: CheckBuilder = (_, suffix) => ({
  variables: [{
    name: 'workingDirProblems',
    expression: perContainer(`has(c.workingDir) && c.workingDir != '' && !c.workingDir.matches(${celString(NOT_RELATIVE)})`,
      path => `${path} + '.workingDir: relative path ' + ${quotedCel('c.workingDir')} + ${celString(`: ${RELATIVE_WORKING_DIR}${suffix}`)}`),
  }],
  validations: [{ expression: 'size(variables.workingDirProblems) == 0', messageExpression: firstOf('workingDirProblems') }],
});

/** The CEL condition for one of pod-os.ts' POD_FIELDS on the pod spec `spec`, as its `isForbidden` decides. */
export function podFieldCondition(spec: string, field: string): string {
  if (field === 'hostPID' || field === 'hostIPC') {
    return setTrue(spec, field);
  }
  if (field === 'securityContext.sysctls') {
    return `${hasPath(spec, field)} && size(${spec}.${field}) > 0`;
  }
  return hasPath(spec, field);
}

/**
 * Whether the engine warns of pod field `field` of the pod spec `spec` without spec.os
 * (linux-only-fields.ts linuxOnlyFieldFindings): when it is forbidden for a windows pod, but not
 * `shareProcessNamespace: true` with `hostPID: true` (host-network.ts sharesProcessNamespaceWithHostPid).
 */
function withoutOsWarns(spec: string, field: string): string {
  const forbidden = podFieldCondition(spec, field);
  return field === 'shareProcessNamespace' ? `${forbidden} && !(${setTrue(spec, 'hostPID')} && ${setTrue(spec, field)})` : forbidden;
}

/**
 * The fields validateWindows forbids, on a pod without spec.os. The engine words hostPID and
 * hostIPC each their own way, and every other field of a kind alike: one validation each for
 * those two, one for the other pod fields and one for the container fields, which name the first
 * field and count the others.
 */
const windowsFieldWithoutOs: CheckBuilder = (_, suffix) => {
  const otherPodFields = POD_FIELDS.map(([f]) => f).filter(f => !HOST_NAMESPACE_FIELDS.includes(f));
  const withoutOs = '!has(variables.spec.os)';
  const firstWith = (variable: string, message: string) =>
    `variables.${variable}[0] + ': ' + ${celString(message + suffix)} + (size(variables.${variable}) > 1 ? ' (also ' + ` +
    `string(size(variables.${variable}) - 1) + ' more such field' + (size(variables.${variable}) > 2 ? 's' : '') + ')' : '')`;
  return {
    variables: [
      {
        name: 'linuxOnlyPodFields',
        expression: concat(otherPodFields.map(f => `${withoutOsWarns('variables.spec', f)} ? [variables.prefix + '.${f}'] : []`)),
      },
      {
        name: 'linuxOnlyContainerFields',
        expression: concat(CONTAINER_FIELDS.map(f => perContainer(hasPath('c', `securityContext.${f}`), path => `${path} + '.securityContext.${f}'`))),
      },
    ],
    validations: [
      {
        expression: `!(${withoutOs}) || size(variables.linuxOnlyPodFields) == 0`,
        messageExpression: firstWith('linuxOnlyPodFields', podFieldWithoutOsMessage(otherPodFields[0])),
      },
      ...HOST_NAMESPACE_FIELDS.map(f => ({
        expression: `!(${withoutOs}) || !(${podFieldCondition('variables.spec', f)})`,
        messageExpression: `variables.prefix + '.${f}: ' + ${celString(podFieldWithoutOsMessage(f) + suffix)}`,
      })),
      {
        expression: `!(${withoutOs}) || size(variables.linuxOnlyContainerFields) == 0`,
        messageExpression: firstWith('linuxOnlyContainerFields', CONTAINER_FIELD_WITHOUT_OS_MESSAGE),
      },
    ],
  };
};

/**
 * Whether the pod spec `spec` selects Windows nodes, as node-selection.ts selectsWindowsNodes decides
 * it, by the labels of WINDOWS_NODE_LABELS.
 */
function windowsNodeSelectionCel(spec: string): string {
  const terms = 'affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms';
  const matchesNoNode = '(!has(t.matchExpressions) || size(t.matchExpressions) == 0) && (!has(t.matchFields) || size(t.matchFields) == 0)';
  const selected = WINDOWS_NODE_LABELS.map(({ key, values }) => {
    const inSelector = `${celString(key)} in ${spec}.nodeSelector`;
    return values === undefined ? inSelector : `${inSelector} && ${spec}.nodeSelector[${celString(key)}] in ${celStrings(values)}`;
  });
  const required = WINDOWS_NODE_LABELS.map(({ key, values }) => {
    const inValues = 'e.operator == \'In\' && has(e.values) && size(e.values) > 0' +
      (values === undefined ? '' : ` && e.values.all(v, v in ${celStrings(values)})`);
    // Exists only for a label whose every value is a Windows node's.
    return `e.key == ${celString(key)} && (${values === undefined ? anyOf([inValues, 'e.operator == \'Exists\'']) : inValues})`;
  });
  const requiresWindows = `has(t.matchExpressions) && t.matchExpressions.exists(e, ${anyOf(required)})`;
  return anyOf([
    `has(${spec}.nodeSelector) && (${anyOf(selected)})`,
    `${hasPath(spec, terms)} && size(${spec}.${terms}) > 0 && ${spec}.${terms}.all(t, (${matchesNoNode}) || (${requiresWindows}))`,
  ]);
}

const noWindowsNodeSelection: CheckBuilder = (_, suffix) => {
  // The engine's words depend on spec.os: windows, absent, or another OS.
  const [withOs, withoutOs, otherOs] = [{ name: 'windows' }, undefined, { name: 'linux' }].map(noWindowsSelectionMessage);
  return {
    variables: [],
    validations: [{
      expression: windowsNodeSelectionCel('variables.spec'),
      messageExpression: `variables.prefix + '.nodeSelector: ' + (${hasPath('variables.spec', 'os.name')} && variables.spec.os.name == 'windows' ? ` +
        `${celString(withOs + suffix)} : !has(variables.spec.os) ? ${celString(withoutOs + suffix)} : ${celString(otherOs + suffix)})`,
    }],
  };
};

/** The catalog rules with a CEL form, by rule ID. */
export const RULE_CEL = {
  'host-process-relative-working-dir': relativeWorkingDir,
  'host-process-windows-field-without-os': windowsFieldWithoutOs,
  'host-process-no-windows-node-selection': noWindowsNodeSelection,
} as const satisfies { readonly [id in RuleId]?: CheckBuilder };

/** The ID of a catalog rule with a CEL form. */
export type CelRuleId = keyof typeof RULE_CEL;

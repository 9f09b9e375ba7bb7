// The ValidatingAdmissionPolicy that lets HostProcess pods in only where, from what and as whom the
// platform team allows, as plain Kubernetes JSON (the construct in src/plus/admission-policy.ts only
// wraps it in ApiObjects). Facts about Kubernetes are cited beside the code that relies on them;
// "types.go" is kubernetes/api admissionregistration/v1/types.go@v0.35.0 (the same text at v0.30.0,
// the release in which the v1 API was introduced: `+k8s:prerelease-lifecycle-gen:introduced=1.30`).
import { anyOf, allOf, celString, celStrings, concat, hasPath } from './cel';
import { podSpecPath } from '../k8s/kinds';
import { RELATIVE_WORKING_DIR } from '../validation/library-rules';
import { CONTAINER_FIELD_WITHOUT_OS_MESSAGE, podFieldWithoutOsMessage } from '../validation/linux-only-fields';
import { noWindowsSelectionMessage, OS_LABEL } from '../validation/node-selection';
import { CONTAINER_FIELDS, POD_FIELDS } from '../validation/pod-os';
import { CONTAINER_LISTS, goQuote } from '../validation/util';

/** What the policy allows and how it is enforced, as plain values. */
export interface AdmissionPolicyOptions {
  /** The policy's name; the binding has the same name, the warnings policy and binding `<name>-warnings`. */
  readonly name: string;
  /** Namespaces allowed by name. */
  readonly namespaces: readonly string[];
  /** Namespaces allowed by label: a namespace with every one of these labels. Empty: none by label. */
  readonly namespaceLabels: { readonly [key: string]: string };
  /** Allowed image prefixes, as the user wrote them (normalized here). */
  readonly imagePrefixes: readonly string[];
  /** Allowed `runAsUserName` values. */
  readonly users: readonly string[];
  /** The binding's validationActions. */
  readonly validationActions: readonly string[];
  /** Whether `spec.os.name: windows` is required. */
  readonly requireWindowsOs: boolean;
  /** Whether a Windows node selection is required. */
  readonly requireWindowsNodeSelection: boolean;
  /** Whether the Warn-only policy for the lint's warnings is written. */
  readonly warnings: boolean;
}

/** The manifests of the policy, as plain JSON. */
export interface AdmissionPolicyManifests {
  readonly policy: any;
  readonly binding: any;
  /** The Warn-only policy for the lint's warnings, when asked for. */
  readonly warningPolicy?: any;
  readonly warningBinding?: any;
}

/** The API group and version of the policy kinds. */
export const ADMISSION_API_VERSION = 'admissionregistration.k8s.io/v1';

/** The built-in accounts, the default allow-list. */
export const BUILT_IN_ACCOUNTS = ['NT AUTHORITY\\SYSTEM', 'NT AUTHORITY\\Local service', 'NT AUTHORITY\\NetworkService'];

// Image references are compared after the normalization every runtime applies to a name
// (distribution/reference normalize.go, splitDockerDomain, which containerd and Docker use): the
// first component is a registry host when it has a `.`, a `:` or an upper-case letter or is
// `localhost`; otherwise the registry is Docker Hub, `docker.io`, and a Docker Hub name without a
// `/` is in `library/`. `index.docker.io` is the old name of `docker.io`. So
// `sigwindowstools/kube-proxy:v1`, `docker.io/sigwindowstools/kube-proxy:v1` and
// `index.docker.io/sigwindowstools/kube-proxy:v1` all match the prefix `docker.io/sigwindowstools/`.
// The CEL side makes the registry explicit in the image; the other spellings of a Docker Hub
// prefix are added to the list of prefixes (prefixSpellings), since CEL 1.30 without the strings
// extension's substring() cannot cut a host off an image.
const HOST_FIRST = '^(localhost|[^/]*[.:A-Z][^/]*)/';
const HOST_FIRST_RE = /^(localhost|[^/]*[.:A-Z][^/]*)\//;
const DOCKER_HUB = 'docker.io/';

/** A prefix or image reference with the implicit Docker Hub registry made explicit. */
export function normalizeImage(reference: string): string {
  if (HOST_FIRST_RE.test(reference)) {
    return reference.startsWith(`index.${DOCKER_HUB}`) ? normalizeImage(reference.slice('index.'.length)) : reference;
  }
  return reference.includes('/') ? `${DOCKER_HUB}${reference}` : `${DOCKER_HUB}library/${reference}`;
}

/**
 * Every spelling, with its registry written out, that a runtime reads as a name under the
 * normalized prefix `prefix`: `docker.io/x/` is also `index.docker.io/x/`, and one official
 * image's tags or digests (`docker.io/library/nginx:`) are also `docker.io/nginx:` and
 * `index.docker.io/nginx:` (all of `docker.io/library/` has no such prefix: it stays as it is).
 */
export function prefixSpellings(prefix: string): string[] {
  if (!prefix.startsWith(DOCKER_HUB)) {
    return [prefix];
  }
  const rest = prefix.slice(DOCKER_HUB.length);
  const official = /^library\/([^/]+[:@].*)$/.exec(rest);
  const rests = official ? [rest, official[1]] : [rest];
  return rests.flatMap(r => [`${DOCKER_HUB}${r}`, `index.${DOCKER_HUB}${r}`]);
}

function normalizedCel(image: string): string {
  return `(${image}.matches('${HOST_FIRST}') ? ${image} : ${image}.contains('/') ? '${DOCKER_HUB}' + ${image} : '${DOCKER_HUB}library/' + ${image})`;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const BOUNDARY = /[/:@]$/;

/**
 * The problems of the options, each `<field>: <what is wrong and how to fix it>`; empty when they
 * make a policy that can admit something.
 */
export function admissionPolicyProblems(options: AdmissionPolicyOptions): string[] {
  const problems: string[] = [];
  // The binding is named `<name>`, the warnings policy `<name>-warnings`: both must be DNS subdomains.
  if (options.name.length > 244 || !DNS_SUBDOMAIN.test(options.name)) {
    problems.push(`name: Invalid value: ${JSON.stringify(options.name)}: a policy name must be a DNS subdomain of at most ` +
      '244 characters (253 less "-warnings"): lowercase letters, digits, "-" and "."');
  }
  const labelKeys = Object.keys(options.namespaceLabels);
  if (options.namespaces.length === 0 && labelKeys.length === 0) {
    problems.push('namespaces: Required value: name at least one namespace (namespaces) or a label that allowed ' +
      'namespaces carry (namespaceLabels): without one the policy admits no HostProcess pod anywhere');
  }
  options.namespaces.forEach((ns, i) => {
    if (ns.length > 63 || !DNS_LABEL.test(ns)) {
      problems.push(`namespaces[${i}]: Invalid value: ${JSON.stringify(ns)}: a namespace name must be a DNS label ` +
        '(at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit)');
    }
  });
  for (const key of labelKeys) {
    const value = options.namespaceLabels[key];
    const slash = key.lastIndexOf('/');
    const [prefix, name] = slash >= 0 ? [key.slice(0, slash), key.slice(slash + 1)] : ['', key];
    if ((slash >= 0 && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) || name.length > 63 || !LABEL_NAME.test(name)) {
      problems.push(`namespaceLabels: Invalid value: ${JSON.stringify(key)}: a label key is an optional DNS subdomain ` +
        'prefix and "/", then a name of at most 63 letters, digits, "-", "_" and "."');
    }
    if (value.length > 63 || !LABEL_VALUE.test(value)) {
      problems.push(`namespaceLabels.${key}: Invalid value: ${JSON.stringify(value)}: a label value is at most 63 ` +
        'letters, digits, "-", "_" and ".", starting and ending with a letter or digit');
    }
  }
  if (options.imagePrefixes.length === 0) {
    problems.push('imagePrefixes: Required value: list at least one image prefix, a registry or repository ending in ' +
      '"/" such as "mcr.microsoft.com/oss/kubernetes/": without one the policy admits no HostProcess pod');
  }
  options.imagePrefixes.forEach((prefix, i) => {
    if (prefix.trim() !== prefix || prefix === '' || /\s/.test(prefix)) {
      problems.push(`imagePrefixes[${i}]: Invalid value: ${JSON.stringify(prefix)}: an image prefix cannot be empty or ` +
        'contain spaces (write a registry or repository such as "mcr.microsoft.com/oss/kubernetes/")');
    } else if (!BOUNDARY.test(prefix)) {
      // Without a boundary, "mcr.microsoft.com" also matches "mcr.microsoft.com.attacker.example/x"
      // and "ghcr.io/org/agent" matches "ghcr.io/org/agent-evil".
      problems.push(`imagePrefixes[${i}]: Invalid value: ${JSON.stringify(prefix)}: an image prefix must end with "/" ` +
        `(a registry or repository path: ${JSON.stringify(`${prefix}/`)}), ":" (any tag of one repository: ` +
        `${JSON.stringify(`${prefix}:`)}) or "@" (any digest of one repository), or it also matches images that ` +
        'merely start with the same letters');
    }
  });
  if (options.users.length === 0) {
    problems.push('users: Required value: list at least one account (HostProcessUser.SYSTEM, LOCAL_SERVICE, ' +
      'NETWORK_SERVICE or a localGroup), or leave users out for the three built-in accounts');
  }
  return problems;
}

// The pod spec of the object: a Pod's own, a workload's template, a CronJob's job template.
// `request.kind` is the kind of the object as the policy sees it (after conversion to the matched
// version; BuildRequestType in kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/admission/
// plugin/cel/compile.go declares kind as a required field).
// The paths are the kinds table's (src/core/k8s/kinds.ts): every other matched kind keeps its pod
// spec where a DaemonSet does.
function byKind(write: (path: string) => string): string {
  return `(request.kind.kind == 'Pod' ? ${write(podSpecPath('Pod'))} : request.kind.kind == 'CronJob' ? ` +
    `${write(podSpecPath('CronJob'))} : ${write(podSpecPath('DaemonSet'))})`;
}

function specOf(root: string): string {
  return byKind(path => `${root}.${path}`);
}

const PREFIX = byKind(path => `'${path}'`);

const HOST_PROCESS = 'securityContext.windowsOptions.hostProcess';
const RUN_AS_USER_NAME = 'securityContext.windowsOptions.runAsUserName';

function setTrue(base: string, path: string): string {
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

// A container's field path in messages. CEL 1.30 has no comprehension with an index (two-variable
// comprehensions came with Kubernetes 1.32), so containers are named by `name`, unique in a pod.
function containerPath(list: string): string {
  return `variables.prefix + '.${list}[name="' + c.name + '"]'`;
}

/** `L.filter(c, bad).map(c, message)` for each container list, concatenated. */
function perContainer(bad: (list: string) => string, message: (list: string) => string): string {
  return concat(CONTAINER_LISTS.map(list =>
    `has(variables.spec.${list}) ? variables.spec.${list}.filter(c, ${bad(list)}).map(c, ${message(list)}) : []`));
}

// messageExpression: the first problem, and how many more. Only the first denying validation's
// message reaches the client (staging/src/k8s.io/apiserver/pkg/admission/plugin/policy/validating/
// dispatcher.go: `deniedDecisions[0]`, "ValidatingAdmissionPolicy '%s' with binding '%s' denied
// request: %s"), and a messageExpression longer than 5 KiB is not used
// (MaxEvaluatedMessageExpressionSizeBytes in staging/src/k8s.io/apiserver/pkg/apis/cel/config.go).
function firstOf(variable: string): string {
  return `variables.${variable}[0] + (size(variables.${variable}) > 1 ? ' (and ' + ` +
    `string(size(variables.${variable}) - 1) + ' more)' : '')`;
}

function rule(name: string): string {
  return ` (HostProcessAdmissionPolicy rule: ${name})`;
}

function quotedList(values: readonly string[]): string {
  return values.map(goQuote).join(', ');
}

// A string of the object in a message, quoted as the lint's goQuote does for backslashes and
// quotes (strings extension replace(), see cel.ts).
function quoted(value: string): string {
  return `'"' + ${value}.replace('\\\\', '\\\\\\\\').replace('"', '\\\\"') + '"'`;
}

/** Whether the pod spec selects Windows nodes, as the lint's `selectsWindowsNodes` decides it. */
export function windowsNodeSelectionCel(spec: string): string {
  const terms = `${spec}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`;
  const matchesNoNode = '(!has(t.matchExpressions) || size(t.matchExpressions) == 0) && (!has(t.matchFields) || size(t.matchFields) == 0)';
  const requiresWindows = `has(t.matchExpressions) && t.matchExpressions.exists(e, e.key == '${OS_LABEL}' && ` +
    "e.operator == 'In' && has(e.values) && size(e.values) > 0 && e.values.all(v, v == 'windows'))";
  return anyOf([
    `has(${spec}.nodeSelector) && '${OS_LABEL}' in ${spec}.nodeSelector && ${spec}.nodeSelector['${OS_LABEL}'] == 'windows'`,
    `${hasPath(spec, 'affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms')} && ` +
      `size(${terms}) > 0 && ${terms}.all(t, (${matchesNoNode}) || (${requiresWindows}))`,
  ]);
}

// The lint's own messages come from the functions the engine writes them with
// (noWindowsSelectionMessage, podFieldWithoutOsMessage, CONTAINER_FIELD_WITHOUT_OS_MESSAGE), so that
// the two never drift apart.

// What follows `relative path "<workingDir>"` in the lint's message.
function workingDirTail(): string {
  return `: ${RELATIVE_WORKING_DIR}`;
}

// The CEL condition for each of validateWindows' pod fields (pod-os.ts POD_FIELDS), on `spec`.
function podFieldCel(spec: string, field: string): string {
  if (field === 'hostPID' || field === 'hostIPC') {
    return setTrue(spec, field);
  }
  if (field === 'securityContext.sysctls') {
    return `${hasPath(spec, field)} && size(${spec}.${field}) > 0`;
  }
  return hasPath(spec, field);
}

/** The CEL condition the policy writes for one of pod-os.ts' POD_FIELDS (exported for its tests). */
export function podFieldCondition(field: string): string {
  return podFieldCel('spec', field);
}

function matchConstraints(): any {
  const operations = ['CREATE', 'UPDATE'];
  return {
    // Equivalent (the default, written out): a request in another version of a matched resource
    // (apps/v1beta2 ...) is converted and checked too (types.go MatchResources.MatchPolicy).
    matchPolicy: 'Equivalent',
    resourceRules: [
      // pods/ephemeralcontainers is how `kubectl debug` adds a container to a running pod: an
      // UPDATE of the subresource whose object is the whole Pod (kubernetes/kubernetes
      // pkg/registry/core/pod/storage/storage.go, EphemeralContainersREST.New returns &api.Pod{}).
      // Without it, anyone allowed to debug a pod of an approved namespace could add a HostProcess
      // container with any image to it.
      { apiGroups: [''], apiVersions: ['v1'], operations, resources: ['pods', 'pods/ephemeralcontainers'] },
      { apiGroups: ['apps'], apiVersions: ['v1'], operations, resources: ['daemonsets', 'deployments', 'replicasets', 'statefulsets'] },
      { apiGroups: ['batch'], apiVersions: ['v1'], operations, resources: ['cronjobs', 'jobs'] },
    ],
  };
}

function matchConditions(): any[] {
  return [
    // The policy is about HostProcess pod specs; anything else is skipped before its variables are
    // evaluated (types.go ValidatingAdmissionPolicySpec.MatchConditions: any false skips the policy).
    { name: 'hostprocess', expression: hostProcessCel(specOf('object')) },
    // An UPDATE that leaves the pod spec as it was (labels, annotations, a Deployment's replicas,
    // finalizers) cannot bring in an image, an account or a namespace, so it is not checked: a
    // workload created before the policy can still be scaled, relabelled and deleted with
    // finalizers. `oldObject` is null only for CREATE (types.go Validation.Expression).
    { name: 'pod-spec-changed', expression: `request.operation != 'UPDATE' || ${specOf('object')} != ${specOf('oldObject')}` },
  ];
}

function specVariables(): any[] {
  return [
    { name: 'spec', expression: specOf('object') },
    { name: 'prefix', expression: PREFIX },
  ];
}

function namespaceCel(options: AdmissionPolicyOptions): string {
  const byName = options.namespaces.length > 0 ? [`request.namespace in ${celStrings(options.namespaces)}`] : [];
  const labels = Object.entries(options.namespaceLabels);
  // A label selector on the binding (matchResources.namespaceSelector) would choose which
  // namespaces the policy runs in, so pods elsewhere would not be checked at all: allowed
  // namespaces are matched here instead, on the namespace the request is in (namespaceObject:
  // types.go Validation.Expression).
  const byLabel = labels.length > 0
    ? [allOf([
      // namespaceObject is null only for cluster-scoped objects, which the policy does not match.
      'has(namespaceObject.metadata.labels)',
      ...labels.map(([k, v]) => `${celString(k)} in namespaceObject.metadata.labels && namespaceObject.metadata.labels[${celString(k)}] == ${celString(v)}`),
    ])]
    : [];
  return anyOf([...byName, ...byLabel]);
}

function namespaceDescription(options: AdmissionPolicyOptions): string {
  const parts: string[] = [];
  if (options.namespaces.length > 0) {
    parts.push(`the namespaces ${quotedList(options.namespaces)}`);
  }
  const labels = Object.entries(options.namespaceLabels);
  if (labels.length > 0) {
    parts.push(`namespaces labelled ${labels.map(([k, v]) => `${k}=${v}`).join(', ')}`);
  }
  return parts.join(' and ');
}

function mainValidations(options: AdmissionPolicyOptions, prefixes: readonly string[]): { variables: any[]; validations: any[] } {
  const allowedImage = (image: string) => `[${normalizedCel(image)}].exists(n, ${celStrings(prefixes)}.exists(p, n.startsWith(p)))`;
  const imageProblems = perContainer(
    () => `!has(c.image) || !${allowedImage('c.image')}`,
    list => `${containerPath(list)} + '.image: Invalid value: ' + ${quoted("(has(c.image) ? c.image : '')")} + ': ' + ` +
      celString(`not an approved image for HostProcess containers; approved are images under ${quotedList(options.imagePrefixes)}: ` +
        `use an approved image, or ask the platform team to approve its registry or repository${rule('approved images')}`),
  );

  const users = celStrings(options.users);
  const accounts = quotedList(options.users);
  const notApproved = celString(`not an approved account for HostProcess containers; approved are ${accounts}: ` +
    `run as an approved account, or ask the platform team to approve this one${rule('approved accounts')}`);
  const ownUser = hasPath('c', RUN_AS_USER_NAME);
  const podUserSet = hasPath('variables.spec', RUN_AS_USER_NAME);
  const podUser = `variables.spec.${RUN_AS_USER_NAME}`;
  // The pod-level account matters when some container does not set its own (the container's
  // runAsUserName overrides the pod's: kubernetes/api core/v1/types.go@v0.35.0, WindowsSecurityContextOptions).
  const inheritsPodUser = anyOf(CONTAINER_LISTS.map(list => `has(variables.spec.${list}) && variables.spec.${list}.exists(c, !(${ownUser}))`));
  const podUserProblem = `(${inheritsPodUser}) && (!(${podUserSet}) || !(${podUser} in ${users})) ? [` +
    `(${podUserSet}) ? variables.prefix + '.${RUN_AS_USER_NAME}: Invalid value: ' + ${quoted(podUser)} + ': ' + ${notApproved} : ` +
    `variables.prefix + '.${RUN_AS_USER_NAME}: Required value: ' + ` +
    `${celString(`a HostProcess container must run as an approved account (${accounts}); set runAsUserName at pod or container level${rule('approved accounts')}`)}` +
    '] : []';
  const containerUserProblems = perContainer(
    () => `${ownUser} && !(c.${RUN_AS_USER_NAME} in ${users})`,
    list => `${containerPath(list)} + '.${RUN_AS_USER_NAME}: Invalid value: ' + ${quoted(`c.${RUN_AS_USER_NAME}`)} + ': ' + ${notApproved}`,
  );

  const validations: any[] = [
    {
      expression: namespaceCel(options),
      messageExpression: `'metadata.namespace: Forbidden: HostProcess pods are not approved in namespace ' + ${quoted('request.namespace')} + '; ' + ` +
        celString(`approved are ${namespaceDescription(options)}: deploy to an approved namespace, or ask the platform team to approve this one${rule('approved namespaces')}`),
      reason: 'Forbidden',
    },
    { expression: 'size(variables.imageProblems) == 0', messageExpression: firstOf('imageProblems'), reason: 'Forbidden' },
    { expression: 'size(variables.userProblems) == 0', messageExpression: firstOf('userProblems'), reason: 'Forbidden' },
  ];
  if (options.requireWindowsOs) {
    validations.push({
      expression: `${hasPath('variables.spec', 'os.name')} && variables.spec.os.name == 'windows'`,
      messageExpression: `variables.prefix + '.os.name: Required value: ' + ${celString(
        'a HostProcess pod must declare spec.os.name: windows, so that the API server applies its Windows checks ' +
        `and a Linux kubelet refuses it; set os.name to windows${rule('Windows pod OS')}`)}`,
      reason: 'Forbidden',
    });
  }
  if (options.requireWindowsNodeSelection) {
    validations.push({
      expression: windowsNodeSelectionCel('variables.spec'),
      messageExpression: nodeSelectionMessageCel(rule('Windows node selection')),
      reason: 'Forbidden',
    });
  }
  return {
    variables: [
      ...specVariables(),
      { name: 'imageProblems', expression: imageProblems },
      { name: 'userProblems', expression: concat([podUserProblem, containerUserProblems]) },
    ],
    validations,
  };
}

function nodeSelectionMessageCel(suffix: string): string {
  const [withOs, withoutOs, otherOs] = [{ name: 'windows' }, undefined, { name: 'linux' }].map(noWindowsSelectionMessage);
  return `variables.prefix + '.nodeSelector: ' + (${hasPath('variables.spec', 'os.name')} && variables.spec.os.name == 'windows' ? ` +
    `${celString(withOs + suffix)} : !has(variables.spec.os) ? ${celString(withoutOs + suffix)} : ${celString(otherOs + suffix)})`;
}

function warningValidations(options: AdmissionPolicyOptions): { variables: any[]; validations: any[] } {
  // lint: library-rules.ts isRelativePath, as RE2.
  const notRelative = '^(?:[a-zA-Z]:(?:[\\\\/]|$)|[\\\\/]|\\$env:CONTAINER_SANDBOX_MOUNT_POINT|%CONTAINER_SANDBOX_MOUNT_POINT%)';
  const workingDirProblems = perContainer(
    () => `has(c.workingDir) && c.workingDir != '' && !c.workingDir.matches(${celString(notRelative)})`,
    list => `${containerPath(list)} + '.workingDir: relative path ' + ${quoted('c.workingDir')} + ${celString(workingDirTail())}`,
  );

  const hostNamespaceFields = POD_FIELDS.filter(([f]) => f === 'hostPID' || f === 'hostIPC').map(([f]) => f);
  const otherPodFields = POD_FIELDS.filter(([f]) => !hostNamespaceFields.includes(f)).map(([f]) => f);
  const podFieldPaths = (fields: string[]) => concat(fields.map(f =>
    `${podFieldCel('variables.spec', f)} ? [variables.prefix + '.${f}'] : []`));
  const containerFieldPaths = concat(CONTAINER_FIELDS.map(f => perContainer(
    () => hasPath('c', `securityContext.${f}`),
    list => `${containerPath(list)} + '.securityContext.${f}'`,
  )));
  const withoutOs = '!has(variables.spec.os)';
  const firstWith = (variable: string, message: string) =>
    `variables.${variable}[0] + ': ' + ${celString(message)} + (size(variables.${variable}) > 1 ? ' (also ' + ` +
    `string(size(variables.${variable}) - 1) + ' more such field' + (size(variables.${variable}) > 2 ? 's' : '') + ')' : '')`;
  // Each lint message names its field; the message here is the same for every field of a kind.
  const otherMessage = podFieldWithoutOsMessage(otherPodFields[0]);
  const validations: any[] = [
    { expression: 'size(variables.workingDirProblems) == 0', messageExpression: firstOf('workingDirProblems') },
    {
      expression: `!(${withoutOs}) || size(variables.linuxOnlyPodFields) == 0`,
      messageExpression: firstWith('linuxOnlyPodFields', otherMessage),
    },
    ...hostNamespaceFields.map(f => ({
      expression: `!(${withoutOs}) || !(${podFieldCel('variables.spec', f)})`,
      messageExpression: `variables.prefix + '.${f}: ' + ${celString(podFieldWithoutOsMessage(f))}`,
    })),
    {
      expression: `!(${withoutOs}) || size(variables.linuxOnlyContainerFields) == 0`,
      messageExpression: firstWith('linuxOnlyContainerFields', CONTAINER_FIELD_WITHOUT_OS_MESSAGE),
    },
  ];
  if (!options.requireWindowsNodeSelection) {
    validations.push({ expression: windowsNodeSelectionCel('variables.spec'), messageExpression: nodeSelectionMessageCel('') });
  }
  return {
    variables: [
      ...specVariables(),
      { name: 'workingDirProblems', expression: workingDirProblems },
      { name: 'linuxOnlyPodFields', expression: podFieldPaths(otherPodFields) },
      { name: 'linuxOnlyContainerFields', expression: containerFieldPaths },
    ],
    validations,
  };
}

// Cost. Kubernetes declares `object` and `oldObject` as dyn (kubernetes/kubernetes
// staging/src/k8s.io/apiserver/pkg/admission/plugin/cel/compile.go, createEnvForOpts), so a list's
// size is unknown when the policy is created and the bound is enforced at run time: every
// expression has cel.CostLimit(PerCallLimit = 1,000,000) (staging/src/k8s.io/apiserver/pkg/cel/
// environment/base.go), and a binding's evaluation gets RuntimeCELCostBudget = 10,000,000 (passed
// by validating/dispatcher.go; both constants in staging/src/k8s.io/apiserver/pkg/apis/cel/
// config.go, beside MaxRequestSizeBytes = 3 MiB, the largest request). The expressions stay linear
// in the containers: inside a loop over containers only the constant lists of prefixes (and a
// one-element list naming the normalized image) are iterated; test/core/admission checks that of
// every expression.
function policyObject(name: string, body: { variables: any[]; validations: any[] }): any {
  return {
    apiVersion: ADMISSION_API_VERSION,
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name },
    spec: {
      // Fail: a policy that cannot be evaluated (a runtime error, the cost limit) refuses the
      // request rather than letting it through (types.go ValidatingAdmissionPolicySpec.FailurePolicy).
      failurePolicy: 'Fail',
      matchConstraints: matchConstraints(),
      matchConditions: matchConditions(),
      variables: body.variables,
      validations: body.validations,
    },
  };
}

function bindingObject(name: string, policyName: string, validationActions: readonly string[]): any {
  return {
    apiVersion: ADMISSION_API_VERSION,
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: { name },
    spec: { policyName, validationActions: [...validationActions] },
  };
}

/** The policy and binding (and the warnings policy and binding) for valid options. */
export function hostProcessAdmissionPolicy(options: AdmissionPolicyOptions): AdmissionPolicyManifests {
  const prefixes = [...new Set(options.imagePrefixes.map(normalizeImage).flatMap(prefixSpellings))];
  const main = mainValidations(options, prefixes);
  const result: AdmissionPolicyManifests = {
    policy: policyObject(options.name, main),
    binding: bindingObject(options.name, options.name, options.validationActions),
  };
  if (!options.warnings) {
    return result;
  }
  const warningsName = `${options.name}-warnings`;
  return {
    ...result,
    warningPolicy: policyObject(warningsName, warningValidations(options)),
    warningBinding: bindingObject(warningsName, warningsName, ['Warn']),
  };
}

// The policy's own checks: what the platform team approves (namespaces, images, accounts) and what it
// may require (spec.os). They are not rules of the catalog, which lists what the engine, the lint
// command and synth report: none of them can know a cluster's allow-lists, and a catalog rule is to
// be suppressible per object (DESIGN.md), which a boundary the API server enforces must never be.
// Their messages are written here and nowhere else.
import { allOf, anyOf, celString, celStrings, concat, hasPath, quotedCel } from './cel';
import { CheckBuilder } from './check';
import { normalizeImage, normalizedImageCel } from './image';
import { AdmissionPolicyOptions } from './options';
import { firstOf, perContainer } from './pod-spec-cel';
import { CONTAINER_LISTS, goQuote } from '../validation/util';

const RUN_AS_USER_NAME = 'securityContext.windowsOptions.runAsUserName';

function quotedList(values: readonly string[]): string {
  return values.map(goQuote).join(', ');
}

/**
 * Where a HostProcess pod may be: the namespace of the request is listed, or has every label of
 * `namespaceLabels` (with `requireNamespaceNameAndLabels`: is listed and has every label). Not a namespaceSelector on the binding: that would choose where the policy
 * runs, and pods elsewhere would not be checked at all.
 */
const approvedNamespace: CheckBuilder = (options, suffix) => ({
  variables: [],
  validations: [{
    expression: namespaceCel(options),
    messageExpression: `'metadata.namespace: Forbidden: HostProcess pods are not approved in namespace ' + ${quotedCel('request.namespace')} + '; ' + ` +
      celString(`approved are ${namespaceDescription(options)}: deploy to an approved namespace, or ask the platform team to approve this one${suffix}`),
  }],
});

function namespaceCel(options: AdmissionPolicyOptions): string {
  const byName = options.namespaces.length > 0 ? [`request.namespace in ${celStrings(options.namespaces)}`] : [];
  const labels = Object.entries(options.namespaceLabels);
  // namespaceObject is null only for cluster-scoped objects, which the policy does not match
  // (kubernetes/api admissionregistration/v1/types.go@v0.35.0, Validation.Expression).
  const byLabel = labels.length > 0
    ? [allOf([
      'has(namespaceObject.metadata.labels)',
      ...labels.map(([k, v]) => `${celString(k)} in namespaceObject.metadata.labels && namespaceObject.metadata.labels[${celString(k)}] == ${celString(v)}`),
    ])]
    : [];
  return options.requireNamespaceNameAndLabels ? allOf([...byName, ...byLabel]) : anyOf([...byName, ...byLabel]);
}

function namespaceDescription(options: AdmissionPolicyOptions): string {
  const labels = Object.entries(options.namespaceLabels);
  if (options.requireNamespaceNameAndLabels) {
    return `the namespaces ${quotedList(options.namespaces)} when labelled ${labels.map(([k, v]) => `${k}=${v}`).join(', ')}`;
  }
  return [
    ...(options.namespaces.length > 0 ? [`the namespaces ${quotedList(options.namespaces)}`] : []),
    ...(labels.length > 0 ? [`namespaces labelled ${labels.map(([k, v]) => `${k}=${v}`).join(', ')}`] : []),
  ].join(' and ');
}

/** Whether the container `c`'s image, normalized, starts with one of `prefixes`, normalized. */
function imageUnder(prefixes: readonly string[]): string {
  const normalized = celStrings([...new Set(prefixes.map(normalizeImage))]);
  // A one-element list names the normalized image, so that it is computed once per container.
  return `has(c.image) && [${normalizedImageCel('c.image')}].exists(n, ${normalized}.exists(p, n.startsWith(p)))`;
}

/** Every image (init, regular, ephemeral), normalized, starts with a normalized approved prefix. */
const approvedImage: CheckBuilder = (options, suffix) => {
  const approved = `(${imageUnder(options.imagePrefixes)})`;
  const problems = perContainer(`!${approved}`,
    path => `${path} + '.image: Invalid value: ' + ${quotedCel("(has(c.image) ? c.image : '')")} + ': ' + ` +
      celString(`not an approved image for HostProcess containers; approved are images under ${quotedList(options.imagePrefixes)}: ` +
        `use an approved image, or ask the platform team to approve its registry or repository${suffix}`));
  return {
    variables: [{ name: 'imageProblems', expression: problems }],
    validations: [{ expression: 'size(variables.imageProblems) == 0', messageExpression: firstOf('imageProblems') }],
  };
};

/**
 * Every container runs as an approved account: its own runAsUserName, else the pod's (a container's
 * overrides the pod's: kubernetes/api core/v1/types.go@v0.35.0, WindowsSecurityContextOptions).
 */
const approvedAccount: CheckBuilder = (options, suffix) => {
  const users = celStrings(options.users);
  const accounts = quotedList(options.users);
  const notApproved = celString(`not an approved account for HostProcess containers; approved are ${accounts}: ` +
    `run as an approved account, or ask the platform team to approve this one${suffix}`);
  const ownUser = hasPath('c', RUN_AS_USER_NAME);
  const podUserSet = hasPath('variables.spec', RUN_AS_USER_NAME);
  const podUser = `variables.spec.${RUN_AS_USER_NAME}`;
  // The pod's account matters when some container does not set its own.
  const inheritsPodUser = anyOf(CONTAINER_LISTS.map(list => `variables.${list}.exists(c, !(${ownUser}))`));
  const podUserProblem = `(${inheritsPodUser}) && (!(${podUserSet}) || !(${podUser} in ${users})) ? [` +
    `(${podUserSet}) ? variables.prefix + '.${RUN_AS_USER_NAME}: Invalid value: ' + ${quotedCel(podUser)} + ': ' + ${notApproved} : ` +
    `variables.prefix + '.${RUN_AS_USER_NAME}: Required value: ' + ` +
    `${celString(`a HostProcess container must run as an approved account (${accounts}); set runAsUserName at pod or container level${suffix}`)}` +
    '] : []';
  const containerUserProblems = perContainer(`${ownUser} && !(c.${RUN_AS_USER_NAME} in ${users})`,
    path => `${path} + '.${RUN_AS_USER_NAME}: Invalid value: ' + ${quotedCel(`c.${RUN_AS_USER_NAME}`)} + ': ' + ${notApproved}`);
  return {
    variables: [{ name: 'userProblems', expression: concat([podUserProblem, containerUserProblems]) }],
    validations: [{ expression: 'size(variables.userProblems) == 0', messageExpression: firstOf('userProblems') }],
  };
};

/**
 * The pod runs under an approved service account. A pod that names none runs as `default`: the
 * ServiceAccount admission plugin, a mutating one that runs before every validating policy, writes
 * it into the Pod on CREATE (kubernetes/kubernetes plugin/pkg/admission/serviceaccount/admission.go
 * @v1.37.2 and @v1.30.14, Admit: DefaultServiceAccountName; the plugin order in
 * pkg/kubeapiserver/options/plugins.go), so a Pod reaches the policy with it; a workload's
 * template is not defaulted, and its pods will be. `serviceAccount` is the deprecated alias that
 * the name wins over (pkg/apis/core/v1/conversion.go@v1.30.14 Convert_v1_PodSpec_To_core_PodSpec,
 * defaults.go@v1.37.2 SetDefaults_PodSpec); the API server writes both, other callers of the
 * policy's CEL may not.
 */
const approvedServiceAccount: CheckBuilder = (options, suffix) => {
  const named = (field: string) => `has(variables.spec.${field}) && variables.spec.${field} != ''`;
  return {
    variables: [{
      name: 'serviceAccount',
      expression: `${named('serviceAccountName')} ? variables.spec.serviceAccountName : ` +
        `${named('serviceAccount')} ? variables.spec.serviceAccount : 'default'`,
    }],
    validations: [{
      expression: `variables.serviceAccount in ${celStrings(options.serviceAccounts ?? [])}`,
      messageExpression: `variables.prefix + '.serviceAccountName: Invalid value: ' + ${quotedCel('variables.serviceAccount')} + ': ' + ` +
        celString('not an approved service account for HostProcess pods (a pod that names none runs as "default"); approved are ' +
          `${quotedList(options.serviceAccounts ?? [])}: run under an approved service account, or ask the platform team to ` +
          `approve this one${suffix}`),
    }],
  };
};

// What lets a container choose the code it runs besides its image's entrypoint: kubernetes/api
// core/v1/types.go@v0.37.2 (Container.Command and Args; ProbeHandler.Exec of the three probes;
// LifecycleHandler.Exec of PostStart and PreStop). Ephemeral containers have command and args only
// (probes and lifecycle are not allowed on them, pkg/apis/core/validation validateEphemeralContainers).
const COMMAND_FIELDS = ['command', 'args'];
const EXEC_FIELDS = ['livenessProbe.exec', 'readinessProbe.exec', 'startupProbe.exec', 'lifecycle.postStart.exec', 'lifecycle.preStop.exec'];

/**
 * HostProcess containers choose their command (command, args, exec probes and hooks) only when
 * their image is approved for it. An empty list (`command: []`) is not set: the runtime then runs
 * the image's own (kubernetes/api core/v1/types.go@v0.37.2, Container.Command).
 */
const approvedCommands: CheckBuilder = (options, suffix) => {
  const prefixes = options.commandImagePrefixes ?? [];
  const conditions = [
    ...COMMAND_FIELDS.map(f => [f, `has(c.${f}) && size(c.${f}) > 0`]),
    ...EXEC_FIELDS.map(f => [f, hasPath('c', f)]),
  ];
  const chooses = anyOf(conditions.map(([, condition]) => condition));
  const firstField = conditions.reduceRight((rest, [field, condition]) => `${condition} ? '${field}' : ${rest}`, "''");
  const approved = prefixes.length === 0 ? 'false' : imageUnder(prefixes);
  const where = prefixes.length === 0 ? 'for no image' : `for images under ${quotedList(prefixes)}`;
  const problems = perContainer(`(${chooses}) && !(${approved})`,
    path => `${path} + '.' + (${firstField}) + ': Forbidden: ' + ` +
      celString('a HostProcess container may not choose its command (command, args, exec probes and lifecycle exec hooks) ' +
        `unless its image is approved for commands; approved ${where}: run the image's own entrypoint, or ask the ` +
        `platform team to approve commands for its repository${suffix}`));
  return {
    variables: [{ name: 'commandProblems', expression: problems }],
    validations: [{ expression: 'size(variables.commandProblems) == 0', messageExpression: firstOf('commandProblems') }],
  };
};

/** `spec.os.name: windows`, when required. */
const windowsPodOs: CheckBuilder = (_, suffix) => ({
  variables: [],
  validations: [{
    expression: `${hasPath('variables.spec', 'os.name')} && variables.spec.os.name == 'windows'`,
    messageExpression: `variables.prefix + '.os.name: Required value: ' + ${celString(
      'a HostProcess pod must declare spec.os.name: windows, so that the API server applies its Windows checks ' +
      `and a Linux kubelet refuses it; set os.name to windows${suffix}`)}`,
  }],
});

/** The policy's own checks, by ID. */
export const APPROVAL_CEL = {
  'approved-namespace': approvedNamespace,
  'approved-image': approvedImage,
  'approved-account': approvedAccount,
  'approved-service-account': approvedServiceAccount,
  'approved-commands': approvedCommands,
  'windows-pod-os': windowsPodOs,
} as const satisfies { readonly [id: string]: CheckBuilder };

/** The ID of one of the policy's own checks. */
export type ApprovalId = keyof typeof APPROVAL_CEL;

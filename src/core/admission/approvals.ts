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
 * `namespaceLabels`. Not a namespaceSelector on the binding: that would choose where the policy
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
  return anyOf([...byName, ...byLabel]);
}

function namespaceDescription(options: AdmissionPolicyOptions): string {
  const labels = Object.entries(options.namespaceLabels);
  return [
    ...(options.namespaces.length > 0 ? [`the namespaces ${quotedList(options.namespaces)}`] : []),
    ...(labels.length > 0 ? [`namespaces labelled ${labels.map(([k, v]) => `${k}=${v}`).join(', ')}`] : []),
  ].join(' and ');
}

/** Every image (init, regular, ephemeral), normalized, starts with a normalized approved prefix. */
const approvedImage: CheckBuilder = (options, suffix) => {
  const prefixes = celStrings([...new Set(options.imagePrefixes.map(normalizeImage))]);
  // A one-element list names the normalized image, so that it is computed once per container.
  const approved = `[${normalizedImageCel('c.image')}].exists(n, ${prefixes}.exists(p, n.startsWith(p)))`;
  const problems = perContainer(`!has(c.image) || !${approved}`,
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
  const inheritsPodUser = anyOf(CONTAINER_LISTS.map(list => `has(variables.spec.${list}) && variables.spec.${list}.exists(c, !(${ownUser}))`));
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
  'windows-pod-os': windowsPodOs,
} as const satisfies { readonly [id: string]: CheckBuilder };

/** The ID of one of the policy's own checks. */
export type ApprovalId = keyof typeof APPROVAL_CEL;

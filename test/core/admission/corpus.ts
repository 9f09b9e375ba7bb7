// One corpus of admission requests for HostProcessAdmissionPolicy, judged twice: sent for real to
// the test API servers (test/kube/admission.test.ts) and run by k8s.io/apiserver's admission code
// on cel-go offline (test/core/admission/cel-go.test.ts). Each case records what the policy's
// failed validations say, in order, and what the warnings policy says, so that both judges are held
// to the same verdicts. Namespaces are roles (`approved` by name, `labelled`, `other`), made
// concrete per enforcement mode by `namespaceFor`. The roles `strict-*` are judged by a second
// policy (STRICT_OPTIONS: a namespace needs both its name listed and the label, service accounts
// are listed without `default`, no container may choose its command), bound only there.
import { AdmissionPolicyOptions, BUILT_IN_ACCOUNTS } from '../../../src/core/admission/options';
import { RELATIVE_WORKING_DIR } from '../../../src/core/validation/library-rules';
import { noWindowsSelectionMessage } from '../../../src/core/validation/node-selection';

export const CORPUS_POLICY = 'corpus-hostprocess';

/** The label every namespace of the corpus carries; the suite's bindings select only these. */
export const CORPUS_LABEL = 'cdk8s-hostprocess.test/admission-corpus';

/** The label that approves a namespace in the corpus policy. */
export const APPROVING_LABEL = { key: 'platform.example.com/hostprocess', value: 'approved' };

/** The label every namespace of the strict policy's roles carries instead; its bindings select these. */
export const STRICT_LABEL = 'cdk8s-hostprocess.test/admission-corpus-strict';

export const STRICT_POLICY = 'corpus-hostprocess-strict';

export type NamespaceRole = 'approved' | 'labelled' | 'other' | 'strict-both' | 'strict-named' | 'strict-labelled';

/** The service accounts the corpus's pods name; the server suite creates them in every namespace. */
export const SERVICE_ACCOUNTS = ['agent', 'intruder'];

/** Whether a role's namespace is judged by the strict policy. */
export function isStrict(role: NamespaceRole): boolean {
  return role.startsWith('strict-');
}

/** The labels of a role's namespace in a mode. */
export function namespaceLabelsFor(mode: Mode, role: NamespaceRole): { [key: string]: string } {
  const approving = role === 'labelled' || role === 'strict-both' || role === 'strict-labelled';
  return { [isStrict(role) ? STRICT_LABEL : CORPUS_LABEL]: mode, ...(approving ? { [APPROVING_LABEL.key]: APPROVING_LABEL.value } : {}) };
}
export type Mode = 'deny' | 'warn' | 'audit';

/** The namespace of a role in an enforcement mode. */
export function namespaceFor(mode: Mode, role: NamespaceRole): string {
  return `corpus-${mode}-${role}`;
}

/** The corpus policy's options; its approved namespaces are the `approved` namespace of every mode. */
export const CORPUS_OPTIONS: AdmissionPolicyOptions = {
  name: CORPUS_POLICY,
  namespaces: (['deny', 'warn', 'audit'] as const).map(m => namespaceFor(m, 'approved')),
  namespaceLabels: { [APPROVING_LABEL.key]: APPROVING_LABEL.value },
  imagePrefixes: ['mcr.microsoft.com/oss/kubernetes/', 'nginx:'],
  users: BUILT_IN_ACCOUNTS,
  serviceAccounts: ['default', 'agent'],
  commandImagePrefixes: ['nginx:'],
  validationActions: ['Deny'],
  requireWindowsOs: false,
  requireWindowsNodeSelection: true,
  warnings: true,
};

/** The strict policy's options: its namespaces are the `strict-both` and `strict-named` ones of every mode. */
export const STRICT_OPTIONS: AdmissionPolicyOptions = {
  ...CORPUS_OPTIONS,
  name: STRICT_POLICY,
  namespaces: (['deny', 'warn', 'audit'] as const).flatMap(m => [namespaceFor(m, 'strict-both'), namespaceFor(m, 'strict-named')]),
  requireNamespaceNameAndLabels: true,
  serviceAccounts: ['agent'],
  commandImagePrefixes: [],
  warnings: false,
};

/** The options of the policy that judges a role. */
export function optionsFor(role: NamespaceRole): AdmissionPolicyOptions {
  return isStrict(role) ? STRICT_OPTIONS : CORPUS_OPTIONS;
}
const SYSTEM = 'NT AUTHORITY\\SYSTEM';
export const GOOD_IMAGE = 'mcr.microsoft.com/oss/kubernetes/windows-host-process-containers-base-image:v1.0.0';
const BAD_IMAGE = 'ghcr.io/attacker/agent:v1';

const APPROVED_LIST = '"mcr.microsoft.com/oss/kubernetes/", "nginx:"';
const IMAGES = ' (HostProcessAdmissionPolicy rule: approved images)';
const badImage = (path: string, image = BAD_IMAGE) => `${path}.image: Invalid value: "${image}": not an approved image for ` +
  `HostProcess containers; approved are images under ${APPROVED_LIST}: use an approved image, or ask the platform team to ` +
  `approve its registry or repository${IMAGES}`;
const badNamespace = (ns: string) => `metadata.namespace: Forbidden: HostProcess pods are not approved in namespace "${ns}"; ` +
  'approved are the namespaces "corpus-deny-approved", "corpus-warn-approved", "corpus-audit-approved" and namespaces labelled ' +
  `${APPROVING_LABEL.key}=${APPROVING_LABEL.value}: deploy to an approved namespace, or ask the platform team to approve this one ` +
  '(HostProcessAdmissionPolicy rule: approved namespaces)';
const badAccount = (path: string, account: string) => `${path}.securityContext.windowsOptions.runAsUserName: Invalid value: ` +
  `"${account.replace(/\\/g, '\\\\')}": not an approved account for HostProcess containers; approved are "NT AUTHORITY\\\\SYSTEM", ` +
  '"NT AUTHORITY\\\\Local service", "NT AUTHORITY\\\\NetworkService": run as an approved account, or ask the platform team to ' +
  'approve this one (HostProcessAdmissionPolicy rule: approved accounts)';
const noAccount = (prefix: string) => `${prefix}.securityContext.windowsOptions.runAsUserName: Required value: a HostProcess ` +
  'container must run as an approved account ("NT AUTHORITY\\\\SYSTEM", "NT AUTHORITY\\\\Local service", ' +
  '"NT AUTHORITY\\\\NetworkService"); set runAsUserName at pod or container level (HostProcessAdmissionPolicy rule: approved accounts)';

const badServiceAccount = (prefix: string, account: string, approved: string) => `${prefix}.serviceAccountName: Invalid value: ` +
  `"${account}": not an approved service account for HostProcess pods (a pod that names none runs as "default"); approved are ` +
  `${approved}: run under an approved service account, or ask the platform team to approve this one ` +
  '(HostProcessAdmissionPolicy rule: approved service accounts)';
const badCommand = (path: string, approved: string) => `${path}: Forbidden: a HostProcess container may not choose its command ` +
  `(command, args, exec probes and lifecycle exec hooks) unless its image is approved for commands; approved ${approved}: run the ` +
  'image\'s own entrypoint, or ask the platform team to approve commands for its repository (HostProcessAdmissionPolicy rule: approved commands)';
const COMMANDS_FOR_NGINX = 'for images under "nginx:"';
const strictNamespace = (ns: string) => `metadata.namespace: Forbidden: HostProcess pods are not approved in namespace "${ns}"; ` +
  'approved are the namespaces "corpus-deny-strict-both", "corpus-deny-strict-named", "corpus-warn-strict-both", ' +
  '"corpus-warn-strict-named", "corpus-audit-strict-both", "corpus-audit-strict-named" when labelled ' +
  `${APPROVING_LABEL.key}=${APPROVING_LABEL.value}: deploy to an approved namespace, or ask the platform team to approve this one ` +
  '(HostProcessAdmissionPolicy rule: approved namespaces)';

/** A HostProcess pod spec the corpus policy admits. */
export function goodSpec(patch: Record<string, unknown> = {}): any {
  return {
    os: { name: 'windows' },
    nodeSelector: { 'kubernetes.io/os': 'windows' },
    hostNetwork: true,
    securityContext: { windowsOptions: { hostProcess: true, runAsUserName: SYSTEM } },
    containers: [{ name: 'agent', image: GOOD_IMAGE }],
    ...patch,
  };
}

/** The REST resource of each kind the corpus sends. */
export const RESOURCES: { [kind: string]: { group: string; version: string; resource: string } } = {
  Pod: { group: '', version: 'v1', resource: 'pods' },
  ReplicationController: { group: '', version: 'v1', resource: 'replicationcontrollers' },
  PodTemplate: { group: '', version: 'v1', resource: 'podtemplates' },
  Deployment: { group: 'apps', version: 'v1', resource: 'deployments' },
  DaemonSet: { group: 'apps', version: 'v1', resource: 'daemonsets' },
  StatefulSet: { group: 'apps', version: 'v1', resource: 'statefulsets' },
  ReplicaSet: { group: 'apps', version: 'v1', resource: 'replicasets' },
  Job: { group: 'batch', version: 'v1', resource: 'jobs' },
  CronJob: { group: 'batch', version: 'v1', resource: 'cronjobs' },
};

export function pod(spec: any, name = 'agent'): any {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec };
}

/** A workload of `kind` with the pod spec as its template. */
export function workload(kind: string, spec: any, name = 'agent'): any {
  const { group, version } = RESOURCES[kind];
  const apiVersion = group === '' ? version : `${group}/${version}`;
  const labels = { app: name };
  const template = { metadata: { labels }, spec: kind === 'Job' || kind === 'CronJob' ? { restartPolicy: 'Never', ...spec } : spec };
  const body = kind === 'CronJob' ? { schedule: '*/5 * * * *', jobTemplate: { spec: { template } } }
    : kind === 'Job' ? { template }
      : kind === 'StatefulSet' ? { serviceName: name, selector: { matchLabels: labels }, template }
        : kind === 'ReplicationController' ? { selector: labels, template }
          : { selector: { matchLabels: labels }, template };
  if (kind === 'PodTemplate') return { apiVersion, kind, metadata: { name }, template };
  return { apiVersion, kind, metadata: { name }, spec: body };
}

/** Where each kind keeps its pod spec, as the policy names it in messages. */
export function prefixOf(kind: string): string {
  return kind === 'Pod' ? 'spec' : kind === 'CronJob' ? 'spec.jobTemplate.spec.template.spec' : kind === 'PodTemplate' ? 'template.spec' : 'spec.template.spec';
}

/** One request of the corpus. */
export interface CorpusCase {
  readonly name: string;
  readonly role: NamespaceRole;
  /** CREATE: the object. UPDATE: the object as it is stored first (created for real before the policy exists). */
  readonly object: any;
  /** For an UPDATE: the change, applied to the stored object (the server's, or `object` offline). */
  readonly update?: (stored: any) => any;
  readonly subResource?: 'ephemeralcontainers';
  /** The main policy's failed validations, in order, for a namespace; empty: admitted; undefined: not matched. */
  readonly fails: (ns: string) => string[] | undefined;
  /** What the warnings policy says (empty: nothing). */
  readonly warns?: string[];
}

const none = () => [];

/** The cases; every kind the policy matches, ephemeral containers and updates. */
export function corpus(): CorpusCase[] {
  const cases: CorpusCase[] = [
    { name: 'an approved HostProcess pod in a namespace approved by name', role: 'approved', object: pod(goodSpec()), fails: none },
    { name: 'an approved HostProcess pod in a namespace approved by label', role: 'labelled', object: pod(goodSpec()), fails: none },
    { name: 'a HostProcess pod in a namespace not approved', role: 'other', object: pod(goodSpec()), fails: ns => [badNamespace(ns)] },
    {
      name: 'a pod that is not HostProcess, anywhere and from any image',
      role: 'other',
      object: pod({ containers: [{ name: 'web', image: BAD_IMAGE }] }),
      fails: () => undefined,
    },
    {
      name: 'every Docker Hub spelling of an approved repository',
      role: 'approved',
      object: pod(goodSpec({
        containers: ['nginx:1.27', 'docker.io/nginx:1.27', 'library/nginx:1.27', 'index.docker.io/library/nginx:1.27']
          .map((image, i) => ({ name: `c${i}`, image })),
      })),
      fails: none,
    },
    {
      name: 'an image that only starts like an approved repository, and an init container\'s image',
      role: 'approved',
      object: pod(goodSpec({
        initContainers: [{ name: 'init', image: BAD_IMAGE }],
        containers: [{ name: 'agent', image: 'nginx-evil:1' }],
      })),
      fails: () => [`${badImage('spec.initContainers[name="init"]')} (and 1 more)`],
    },
    {
      name: 'an account that is not approved, and a container without one under a pod without one',
      role: 'approved',
      object: pod(goodSpec({
        securityContext: { windowsOptions: { hostProcess: true } },
        containers: [
          { name: 'a', image: GOOD_IMAGE, securityContext: { windowsOptions: { runAsUserName: 'CONTOSO\\agent' } } },
          { name: 'b', image: GOOD_IMAGE },
        ],
      })),
      fails: () => [`${noAccount('spec')} (and 1 more)`],
    },
    {
      name: 'an account that is not approved on a container',
      role: 'approved',
      object: pod(goodSpec({
        containers: [{ name: 'a', image: GOOD_IMAGE, securityContext: { windowsOptions: { runAsUserName: 'CONTOSO\\agent' } } }],
      })),
      fails: () => [badAccount('spec.containers[name="a"]', 'CONTOSO\\agent')],
    },
    {
      name: 'no Windows node selection (required by the corpus policy)',
      role: 'approved',
      object: pod(goodSpec({ nodeSelector: undefined })),
      fails: () => [`spec.nodeSelector: ${noWindowsSelectionMessage({ name: 'windows' })} (HostProcessAdmissionPolicy rule: Windows node selection)`],
    },
    {
      name: 'a HostProcess pod under an approved service account it names',
      role: 'approved',
      object: pod(goodSpec({ serviceAccountName: 'agent' })),
      fails: none,
    },
    {
      name: 'a HostProcess pod under a service account not approved',
      role: 'approved',
      object: pod(goodSpec({ serviceAccountName: 'intruder' })),
      fails: () => [badServiceAccount('spec', 'intruder', '"default", "agent"')],
    },
    {
      name: 'a container of an image approved for commands, with a command, args and an exec probe',
      role: 'approved',
      object: pod(goodSpec({
        containers: [{ name: 'agent', image: 'nginx:1.27', command: ['nginx'], args: ['-g', 'daemon off;'], livenessProbe: { exec: { command: ['nginx', '-t'] } } }],
      })),
      fails: none,
    },
    {
      name: 'a command in a container of an approved image not approved for commands',
      role: 'approved',
      object: pod(goodSpec({ containers: [{ name: 'agent', image: GOOD_IMAGE, command: ['powershell.exe', '-Command', 'Get-Process'] }] })),
      fails: () => [badCommand('spec.containers[name="agent"].command', COMMANDS_FOR_NGINX)],
    },
    {
      name: 'an exec probe and a lifecycle exec hook, each the only command of its container, and an empty command',
      role: 'approved',
      object: pod(goodSpec({
        containers: [
          { name: 'empty', image: GOOD_IMAGE, command: [] },
          { name: 'probed', image: GOOD_IMAGE, readinessProbe: { exec: { command: ['cmd', '/c', 'exit 0'] } } },
          { name: 'hooked', image: GOOD_IMAGE, lifecycle: { preStop: { exec: { command: ['cmd', '/c', 'exit 0'] } } } },
        ],
      })),
      fails: () => [`${badCommand('spec.containers[name="probed"].readinessProbe.exec', COMMANDS_FOR_NGINX)} (and 1 more)`],
    },
    {
      name: 'the approved service account and no command, in a namespace both listed and labelled (strict)',
      role: 'strict-both',
      object: pod(goodSpec({ serviceAccountName: 'agent' })),
      fails: none,
    },
    {
      name: 'a namespace listed but not labelled (strict)',
      role: 'strict-named',
      object: pod(goodSpec({ serviceAccountName: 'agent' })),
      fails: ns => [strictNamespace(ns)],
    },
    {
      name: 'a namespace labelled but not listed (strict)',
      role: 'strict-labelled',
      object: pod(goodSpec({ serviceAccountName: 'agent' })),
      fails: ns => [strictNamespace(ns)],
    },
    {
      name: 'a Pod that names no service account runs as default, which is not approved (strict)',
      role: 'strict-both',
      object: pod(goodSpec()),
      fails: () => [badServiceAccount('spec', 'default', '"agent"')],
    },
    {
      name: 'a Deployment whose template names no service account (strict)',
      role: 'strict-both',
      object: workload('Deployment', goodSpec()),
      fails: () => [badServiceAccount('spec.template.spec', 'default', '"agent"')],
    },
    {
      name: 'a DaemonSet that names its service account by the deprecated serviceAccount field (strict)',
      role: 'strict-both',
      object: workload('DaemonSet', goodSpec({ serviceAccount: 'agent' })),
      fails: none,
    },
    {
      name: 'args of an approved image, with no image approved for commands (strict)',
      role: 'strict-both',
      object: workload('DaemonSet', goodSpec({ serviceAccountName: 'agent', containers: [{ name: 'agent', image: 'nginx:1.27', args: ['-v'] }] })),
      fails: () => [badCommand('spec.template.spec.containers[name="agent"].args', 'for no image')],
    },
    {
      name: 'a relative workingDir: the warnings policy warns',
      role: 'approved',
      object: pod(goodSpec({ containers: [{ name: 'agent', image: GOOD_IMAGE, workingDir: 'bin' }] })),
      fails: none,
      warns: [`spec.containers[name="agent"].workingDir: relative path "bin": ${RELATIVE_WORKING_DIR}`],
    },
  ];
  for (const kind of Object.keys(RESOURCES).filter(k => k !== 'Pod')) {
    cases.push({ name: `an approved ${kind}`, role: 'approved', object: workload(kind, goodSpec()), fails: none });
    cases.push({
      name: `a ${kind} with an image not approved`,
      role: 'approved',
      object: workload(kind, goodSpec({ containers: [{ name: 'agent', image: BAD_IMAGE }] })),
      fails: () => [badImage(`${prefixOf(kind)}.containers[name="agent"]`)],
    });
  }
  const running = pod(goodSpec(), 'running');
  const withSpec = (stored: any, patch: Record<string, unknown>) => ({ ...stored, spec: { ...stored.spec, ...patch } });
  const firstContainer = (stored: any, image: string) => [{ ...stored.spec.containers[0], image }];
  const deployed = workload('Deployment', goodSpec(), 'deployed');
  cases.push(
    {
      name: 'an UPDATE of a running pod that changes only its labels',
      role: 'other',
      object: running,
      update: stored => ({ ...stored, metadata: { ...stored.metadata, labels: { relabelled: 'yes' } } }),
      fails: () => undefined,
    },
    {
      name: 'an UPDATE of a running pod to an image not approved',
      role: 'approved',
      object: running,
      update: stored => withSpec(stored, { containers: firstContainer(stored, BAD_IMAGE) }),
      fails: () => [badImage('spec.containers[name="agent"]')],
    },
    {
      name: 'an ephemeral container not approved, added by the pods/ephemeralcontainers subresource',
      role: 'approved',
      object: running,
      subResource: 'ephemeralcontainers',
      update: stored => withSpec(stored, { ephemeralContainers: [{ name: 'debug', image: BAD_IMAGE }] }),
      fails: () => [badImage('spec.ephemeralContainers[name="debug"]')],
    },
    {
      name: 'an ephemeral container of an approved image with a command not approved',
      role: 'approved',
      object: running,
      subResource: 'ephemeralcontainers',
      update: stored => withSpec(stored, { ephemeralContainers: [{ name: 'debug', image: GOOD_IMAGE, command: ['powershell.exe'] }] }),
      fails: () => [badCommand('spec.ephemeralContainers[name="debug"].command', COMMANDS_FOR_NGINX)],
    },
    {
      name: 'an approved ephemeral container',
      role: 'approved',
      object: running,
      subResource: 'ephemeralcontainers',
      update: stored => withSpec(stored, { ephemeralContainers: [{ name: 'debug', image: GOOD_IMAGE }] }),
      fails: none,
    },
    {
      name: 'an UPDATE that scales a Deployment in a namespace not approved (created before the policy)',
      role: 'other',
      object: deployed,
      update: stored => withSpec(stored, { replicas: 3 }),
      fails: () => undefined,
    },
    {
      name: 'an UPDATE of that Deployment\'s template',
      role: 'other',
      object: deployed,
      update: stored => withSpec(stored, {
        template: { ...stored.spec.template, spec: { ...stored.spec.template.spec, containers: firstContainer(stored.spec.template, `${GOOD_IMAGE}-2`) } },
      }),
      fails: ns => [badNamespace(ns)],
    },
  );
  return cases;
}

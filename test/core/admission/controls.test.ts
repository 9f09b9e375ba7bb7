// The policy's controls of issue 23 (items 2, 4, 5), run by the tests' CEL evaluator (vap.ts):
// service accounts, commands, and namespaces that need both a listed name and the label. The same
// controls are judged by the real API servers and cel-go in the corpus (corpus.ts).
import { messages, Request } from './vap';
import { AdmissionPolicyOptions, BUILT_IN_ACCOUNTS, admissionPolicyProblems } from '../../../src/core/admission/options';
import { hostProcessAdmissionPolicy } from '../../../src/core/admission/policy';

const IMAGE = 'ghcr.io/kubernetes-sigs/sig-windows/csi-proxy:v1.1.2';
const BASE = 'mcr.microsoft.com/oss/kubernetes/windows-host-process-containers-base-image:v1.0.0';

const OPTIONS: AdmissionPolicyOptions = {
  name: 'hostprocess',
  namespaces: ['kube-system'],
  namespaceLabels: {},
  imagePrefixes: ['ghcr.io/kubernetes-sigs/sig-windows/', 'mcr.microsoft.com/oss/kubernetes/'],
  users: BUILT_IN_ACCOUNTS,
  validationActions: ['Deny'],
  requireWindowsOs: false,
  requireWindowsNodeSelection: false,
  warnings: false,
};

function pod(spec: Record<string, unknown> = {}): any {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'agent' },
    spec: {
      hostNetwork: true,
      securityContext: { windowsOptions: { hostProcess: true, runAsUserName: 'NT AUTHORITY\\SYSTEM' } },
      containers: [{ name: 'agent', image: IMAGE }],
      ...spec,
    },
  };
}

function denied(options: Partial<AdmissionPolicyOptions>, request: Request): string[] | undefined {
  const all = { ...OPTIONS, ...options };
  expect(admissionPolicyProblems(all)).toEqual([]);
  const m = hostProcessAdmissionPolicy(all);
  return messages(m.policy, m.binding, request);
}

describe('service accounts', () => {
  const notApproved = (account: string, approved: string) => `spec.serviceAccountName: Invalid value: "${account}": not an approved ` +
    `service account for HostProcess pods (a pod that names none runs as "default"); approved are ${approved}: run under an ` +
    'approved service account, or ask the platform team to approve this one (HostProcessAdmissionPolicy rule: approved service accounts)';

  test.each<[string, Record<string, unknown>, string[]]>([
    ['a listed service account', { serviceAccountName: 'csi-proxy' }, []],
    ['another one', { serviceAccountName: 'intruder' }, [notApproved('intruder', '"csi-proxy"')]],
    ['none named: default', {}, [notApproved('default', '"csi-proxy"')]],
    ['an empty name: default', { serviceAccountName: '' }, [notApproved('default', '"csi-proxy"')]],
    ['the deprecated serviceAccount alone', { serviceAccount: 'csi-proxy' }, []],
    ['serviceAccountName wins over serviceAccount', { serviceAccountName: 'intruder', serviceAccount: 'csi-proxy' }, [notApproved('intruder', '"csi-proxy"')]],
  ])('%s', (_, spec, expected) => {
    expect(denied({ serviceAccounts: ['csi-proxy'] }, { object: pod(spec), namespace: 'kube-system' })).toEqual(expected);
  });

  test('default, listed, admits a pod that names none; without the option any account is admitted', () => {
    expect(denied({ serviceAccounts: ['default'] }, { object: pod(), namespace: 'kube-system' })).toEqual([]);
    expect(denied({}, { object: pod({ serviceAccountName: 'intruder' }), namespace: 'kube-system' })).toEqual([]);
  });

  test('an empty list or a name that is not a DNS subdomain is a problem', () => {
    expect(admissionPolicyProblems({ ...OPTIONS, serviceAccounts: [] })).toEqual([
      'serviceAccounts: Required value: list at least one service account (a pod that names none runs as "default"), or leave ' +
      'serviceAccounts out to allow any: without one the policy admits no HostProcess pod',
    ]);
    expect(admissionPolicyProblems({ ...OPTIONS, serviceAccounts: ['Agent_1'] })).toEqual([
      'serviceAccounts[0]: Invalid value: "Agent_1": a service account name must be a DNS subdomain (at most 253 lowercase letters, ' +
      'digits, "-" and ".")',
    ]);
  });
});

describe('commands', () => {
  const refused = (path: string, approved: string) => `${path}: Forbidden: a HostProcess container may not choose its command ` +
    `(command, args, exec probes and lifecycle exec hooks) unless its image is approved for commands; approved ${approved}: run the ` +
    'image\'s own entrypoint, or ask the platform team to approve commands for its repository (HostProcessAdmissionPolicy rule: approved commands)';
  const exec = { exec: { command: ['powershell.exe', '-Command', 'whoami'] } };

  // Issue 23: the HostProcess base image, approved, ran any PowerShell as SYSTEM.
  test.each<[string, any, string]>([
    ['command', { command: ['powershell.exe', '-Command', 'whoami'] }, 'command'],
    ['args', { args: ['-Command', 'whoami'] }, 'args'],
    ['a liveness probe', { livenessProbe: exec }, 'livenessProbe.exec'],
    ['a readiness probe', { readinessProbe: exec }, 'readinessProbe.exec'],
    ['a startup probe', { startupProbe: exec }, 'startupProbe.exec'],
    ['a postStart hook', { lifecycle: { postStart: exec } }, 'lifecycle.postStart.exec'],
    ['a preStop hook', { lifecycle: { preStop: exec } }, 'lifecycle.preStop.exec'],
  ])('%s is refused for an image not approved for commands', (_, fields, field) => {
    const object = pod({ containers: [{ name: 'agent', image: BASE, ...fields }] });
    expect(denied({ commandImagePrefixes: [] }, { object, namespace: 'kube-system' }))
      .toEqual([refused(`spec.containers[name="agent"].${field}`, 'for no image')]);
    expect(denied({ commandImagePrefixes: ['ghcr.io/kubernetes-sigs/sig-windows/csi-proxy:'] }, { object, namespace: 'kube-system' }))
      .toEqual([refused(`spec.containers[name="agent"].${field}`, 'for images under "ghcr.io/kubernetes-sigs/sig-windows/csi-proxy:"')]);
    // Approved for commands: admitted; not checked: admitted.
    expect(denied({ commandImagePrefixes: ['mcr.microsoft.com/oss/kubernetes/windows-host-process-containers-base-image:'] },
      { object, namespace: 'kube-system' })).toEqual([]);
    expect(denied({}, { object, namespace: 'kube-system' })).toEqual([]);
  });

  test('no command, an empty command and non-exec handlers are not commands', () => {
    const object = pod({
      initContainers: [{ name: 'init', image: IMAGE, command: [], args: [] }],
      containers: [{ name: 'agent', image: IMAGE, livenessProbe: { tcpSocket: { port: 80 } }, lifecycle: { preStop: { sleep: { seconds: 1 } } } }],
    });
    expect(denied({ commandImagePrefixes: [] }, { object, namespace: 'kube-system' })).toEqual([]);
  });

  test('init and ephemeral containers, a Docker Hub spelling, and a count of the others', () => {
    const object = pod({
      initContainers: [{ name: 'init', image: BASE, args: ['x'] }],
      containers: [{ name: 'agent', image: 'nginx:1', command: ['nginx'] }, { name: 'b', image: BASE, command: ['cmd'] }],
      ephemeralContainers: [{ name: 'debug', image: BASE, command: ['cmd'] }],
    });
    expect(denied({ imagePrefixes: [...OPTIONS.imagePrefixes, 'docker.io/library/'], commandImagePrefixes: ['docker.io/nginx:'] },
      { object, namespace: 'kube-system' })).toEqual([`${refused('spec.initContainers[name="init"].args', 'for images under "docker.io/nginx:"')} (and 2 more)`]);
  });

  test('a prefix without a boundary is a problem', () => {
    expect(admissionPolicyProblems({ ...OPTIONS, commandImagePrefixes: ['mcr.microsoft.com'] })).toEqual([
      'commands.imagePrefixes[0]: Invalid value: "mcr.microsoft.com": an image prefix must end with "/" (a registry or repository ' +
      'path: "mcr.microsoft.com/"), ":" (any tag of one repository: "mcr.microsoft.com:") or "@" (any digest of one repository), ' +
      'or it also matches images that merely start with the same letters',
    ]);
  });
});

describe('namespaces by name and label', () => {
  const label = { 'platform.example.com/hostprocess': 'approved' };
  const message = (ns: string) => `metadata.namespace: Forbidden: HostProcess pods are not approved in namespace "${ns}"; approved ` +
    'are the namespaces "kube-system", "agents" when labelled platform.example.com/hostprocess=approved: deploy to an approved ' +
    'namespace, or ask the platform team to approve this one (HostProcessAdmissionPolicy rule: approved namespaces)';
  const both = { namespaces: ['kube-system', 'agents'], namespaceLabels: label, requireNamespaceNameAndLabels: true };

  test.each<[string, string, { [key: string]: string }, boolean]>([
    ['listed and labelled', 'agents', label, true],
    ['listed, not labelled', 'agents', {}, false],
    ['listed, labelled otherwise', 'agents', { 'platform.example.com/hostprocess': 'no' }, false],
    ['labelled, not listed', 'team-a', label, false],
  ])('%s', (_, namespace, namespaceLabels, admitted) => {
    expect(denied(both, { object: pod(), namespace, namespaceLabels })).toEqual(admitted ? [] : [message(namespace)]);
    // Either is enough without the option.
    const either = denied({ ...both, requireNamespaceNameAndLabels: false }, { object: pod(), namespace, namespaceLabels });
    expect(either).toEqual(namespace === 'agents' || namespaceLabels === label ? [] : [expect.any(String)]);
  });

  test('the option without both a name and a label is a problem', () => {
    const problem = 'requireNamespaceNameAndLabels: Invalid value: true: a namespace must then be both listed in namespaces and ' +
      'labelled with namespaceLabels, so give both (or leave requireNamespaceNameAndLabels out to accept either)';
    expect(admissionPolicyProblems({ ...OPTIONS, requireNamespaceNameAndLabels: true })).toEqual([problem]);
    expect(admissionPolicyProblems({ ...OPTIONS, namespaces: [], namespaceLabels: label, requireNamespaceNameAndLabels: true })).toEqual([problem]);
  });
});

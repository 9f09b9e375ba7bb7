// The policy's CEL, run by a real CEL evaluator (vap.ts) against hand-written objects: what it
// admits, every way around it that it must refuse, with the exact message, and what it warns about
// in the lint's words.
import * as fs from 'fs';
import * as path from 'path';
import { parse, run } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import * as ts from 'typescript';
import { Request, admit, evaluated, messages, toCel } from './vap';
import { APPROVAL_CEL } from '../../../src/core/admission/approvals';
import { formatCel } from '../../../src/core/admission/format';
import { normalizeImage, normalizedImageCel } from '../../../src/core/admission/image';
import { AdmissionPolicyOptions, BUILT_IN_ACCOUNTS, admissionPolicyProblems } from '../../../src/core/admission/options';
import { POD_SPEC_VARIABLES, hostProcessCel } from '../../../src/core/admission/pod-spec-cel';
import { hostProcessAdmissionPolicy, policyChecks } from '../../../src/core/admission/policy';
import { RULE_CEL, podFieldCondition } from '../../../src/core/admission/rule-cel';
import { asksForHostProcess } from '../../../src/core/k8s/pod';
import { RULES, catalog } from '../../../src/core/rules/catalog';
import { Severity } from '../../../src/core/validation/finding';
import { POD_FIELDS } from '../../../src/core/validation/pod-os';
import { HostProcessValidator } from '../../../src/core/validation/validator';

const SYSTEM = 'NT AUTHORITY\\SYSTEM';
const CSI_PROXY = 'ghcr.io/kubernetes-sigs/sig-windows/csi-proxy:v1.1.2';
const KUBE_PROXY = 'sigwindowstools/kube-proxy:v1.31.0-calico-hostprocess';
const POWERSHELL = 'mcr.microsoft.com/powershell:lts-nanoserver-ltsc2022';

const OPTIONS: AdmissionPolicyOptions = {
  name: 'hostprocess',
  namespaces: ['kube-system', 'windows-agents'],
  namespaceLabels: {},
  imagePrefixes: ['ghcr.io/kubernetes-sigs/sig-windows/', 'sigwindowstools/', 'mcr.microsoft.com/powershell:'],
  users: BUILT_IN_ACCOUNTS,
  validationActions: ['Deny'],
  requireWindowsOs: false,
  requireWindowsNodeSelection: false,
  warnings: true,
};

const RULE_IMAGES = ' (HostProcessAdmissionPolicy rule: approved images)';
const RULE_ACCOUNTS = ' (HostProcessAdmissionPolicy rule: approved accounts)';
const NOT_APPROVED_IMAGE = 'not an approved image for HostProcess containers; approved are images under ' +
  '"ghcr.io/kubernetes-sigs/sig-windows/", "sigwindowstools/", "mcr.microsoft.com/powershell:": use an approved image, ' +
  `or ask the platform team to approve its registry or repository${RULE_IMAGES}`;
const NOT_APPROVED_ACCOUNT = 'not an approved account for HostProcess containers; approved are "NT AUTHORITY\\\\SYSTEM", ' +
  '"NT AUTHORITY\\\\Local service", "NT AUTHORITY\\\\NetworkService": run as an approved account, or ask the platform team to ' +
  `approve this one${RULE_ACCOUNTS}`;

const manifests = hostProcessAdmissionPolicy(OPTIONS);
const strict = hostProcessAdmissionPolicy({ ...OPTIONS, name: 'strict', requireWindowsOs: true, requireWindowsNodeSelection: true });

/** A HostProcess pod spec the policy admits (and the API server accepts). */
function spec(patch: Record<string, unknown> = {}): any {
  return {
    os: { name: 'windows' },
    nodeSelector: { 'kubernetes.io/os': 'windows' },
    hostNetwork: true,
    securityContext: { windowsOptions: { hostProcess: true, runAsUserName: SYSTEM } },
    containers: [{ name: 'csi-proxy', image: CSI_PROXY }],
    ...patch,
  };
}

function pod(podSpec: any, name = 'agent'): any {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: podSpec };
}

function workload(kind: string, podSpec: any): any {
  const apiVersion = kind === 'Job' || kind === 'CronJob' ? 'batch/v1' : 'apps/v1';
  const template = { metadata: { labels: { app: 'agent' } }, spec: podSpec };
  const body = kind === 'CronJob'
    ? { schedule: '*/5 * * * *', jobTemplate: { spec: { template } } }
    : { selector: { matchLabels: { app: 'agent' } }, template };
  return { apiVersion, kind, metadata: { name: 'agent' }, spec: body };
}

function denied(request: Request, m = manifests): string[] | undefined {
  return messages(m.policy, m.binding, request);
}

function warned(request: Request, m = manifests): string[] | undefined {
  return messages(m.warningPolicy, m.warningBinding, request);
}

describe('admits', () => {
  test.each([
    ['a HostProcess pod of an approved image and account in kube-system', pod(spec()), 'kube-system'],
    ['an account set on the container only', pod(spec({
      securityContext: { windowsOptions: { hostProcess: true } },
      containers: [{ name: 'c', image: CSI_PROXY, securityContext: { windowsOptions: { runAsUserName: 'NT AUTHORITY\\Local service' } } }],
    })), 'windows-agents'],
    ['a Docker Hub image without a registry, against a Docker Hub prefix', pod(spec({ containers: [{ name: 'kube-proxy', image: KUBE_PROXY }] })), 'kube-system'],
    ['the same image with docker.io/ written out', pod(spec({ containers: [{ name: 'kube-proxy', image: `docker.io/${KUBE_PROXY}` }] })), 'kube-system'],
    ['any tag of a repository approved with ":"', pod(spec({ containers: [{ name: 'ps', image: POWERSHELL }] })), 'kube-system'],
  ])('%s', (_, object, namespace) => {
    expect(denied({ object, namespace })).toEqual([]);
  });

  test.each(['Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet', 'Job', 'CronJob'])('an approved %s', kind => {
    expect(denied({ object: workload(kind, spec()), namespace: 'kube-system' })).toEqual([]);
  });

  test('a namespace approved by label', () => {
    const labelled = hostProcessAdmissionPolicy({ ...OPTIONS, namespaces: [], namespaceLabels: { 'platform.example.com/hostprocess': 'allowed' } });
    const object = pod(spec());
    expect(denied({ object, namespace: 'agents', namespaceLabels: { 'platform.example.com/hostprocess': 'allowed' } }, labelled)).toEqual([]);
    expect(denied({ object, namespace: 'agents', namespaceLabels: { 'platform.example.com/hostprocess': 'no' } }, labelled)).toEqual([
      'metadata.namespace: Forbidden: HostProcess pods are not approved in namespace "agents"; approved are namespaces labelled ' +
      'platform.example.com/hostprocess=allowed: deploy to an approved namespace, or ask the platform team to approve this one ' +
      '(HostProcessAdmissionPolicy rule: approved namespaces)',
    ]);
    expect(denied({ object, namespace: 'agents' }, labelled)).toHaveLength(1);
  });
});

describe('does not apply to', () => {
  test.each([
    ['a pod that is not HostProcess, in any namespace', pod({ containers: [{ name: 'web', image: 'nginx' }] })],
    ['a pod with hostProcess: false at pod level', pod({ securityContext: { windowsOptions: { hostProcess: false } }, containers: [{ name: 'c', image: 'nginx' }] })],
    ['a Windows pod that is not HostProcess', pod({ os: { name: 'windows' }, securityContext: { windowsOptions: { runAsUserName: 'ContainerUser' } }, containers: [{ name: 'c', image: 'evil.example/x' }] })],
    ['a Deployment that is not HostProcess', workload('Deployment', { containers: [{ name: 'web', image: 'nginx' }] })],
    ['a kind the policy does not match', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' } }],
  ])('%s', (_, object) => {
    expect(denied({ object, namespace: 'default' })).toBeUndefined();
    expect(warned({ object, namespace: 'default' })).toBeUndefined();
  });

  test('an UPDATE that leaves the pod spec as it was (a relabelled, scaled or grandfathered workload)', () => {
    const old = workload('Deployment', spec({ containers: [{ name: 'c', image: 'evil.example/agent:1' }] }));
    const scaled = { ...old, metadata: { ...old.metadata, labels: { tier: 'node' } }, spec: { ...old.spec, replicas: 3 } };
    expect(denied({ object: scaled, oldObject: old, namespace: 'default' })).toBeUndefined();
    // ... but an UPDATE that changes the template is checked.
    const changed = workload('Deployment', spec({ containers: [{ name: 'c', image: 'evil.example/agent:2' }] }));
    expect(denied({ object: changed, oldObject: old, namespace: 'kube-system' })).toEqual([
      `spec.template.spec.containers[name="c"].image: Invalid value: "evil.example/agent:2": ${NOT_APPROVED_IMAGE}`,
    ]);
  });
});

// Each attempt is refused with exactly these messages.
describe('refuses every way around it', () => {
  const bad = 'docker.io/attacker/agent:latest';
  test.each<[string, Request, string[]]>([
    ['hostProcess at pod level only, with a disallowed image',
      { object: pod({ ...spec(), containers: [{ name: 'a', image: bad }] }), namespace: 'kube-system' },
      [`spec.containers[name="a"].image: Invalid value: "${bad}": ${NOT_APPROVED_IMAGE}`]],
    ['hostProcess on the container only (no pod-level windowsOptions)',
      { object: pod({ hostNetwork: true, containers: [{ name: 'a', image: bad, securityContext: { windowsOptions: { hostProcess: true, runAsUserName: SYSTEM } } }] }), namespace: 'kube-system' },
      [`spec.containers[name="a"].image: Invalid value: "${bad}": ${NOT_APPROVED_IMAGE}`]],
    ['a disallowed image in an init container',
      { object: pod(spec({ initContainers: [{ name: 'setup', image: bad }] })), namespace: 'kube-system' },
      [`spec.initContainers[name="setup"].image: Invalid value: "${bad}": ${NOT_APPROVED_IMAGE}`]],
    ['hostProcess set only on an init container',
      { object: pod({ hostNetwork: true, initContainers: [{ name: 'setup', image: bad, securityContext: { windowsOptions: { hostProcess: true, runAsUserName: SYSTEM } } }], containers: [{ name: 'c', image: CSI_PROXY, securityContext: { windowsOptions: { runAsUserName: SYSTEM } } }] }), namespace: 'kube-system' },
      [`spec.initContainers[name="setup"].image: Invalid value: "${bad}": ${NOT_APPROVED_IMAGE}`]],
    ['a disallowed image in the second container',
      { object: pod(spec({ containers: [{ name: 'ok', image: CSI_PROXY }, { name: 'sidecar', image: 'mcr.microsoft.com/windows/servercore:ltsc2022' }] })), namespace: 'kube-system' },
      [`spec.containers[name="sidecar"].image: Invalid value: "mcr.microsoft.com/windows/servercore:ltsc2022": ${NOT_APPROVED_IMAGE}`]],
    ['a prefix that only shares letters with an approved repository',
      { object: pod(spec({ containers: [{ name: 'a', image: 'ghcr.io/kubernetes-sigs/sig-windows-evil/agent:1' }] })), namespace: 'kube-system' },
      [`spec.containers[name="a"].image: Invalid value: "ghcr.io/kubernetes-sigs/sig-windows-evil/agent:1": ${NOT_APPROVED_IMAGE}`]],
    ['a registry host that starts like an approved one',
      { object: pod(spec({ containers: [{ name: 'a', image: 'ghcr.io.attacker.example/kubernetes-sigs/sig-windows/agent:1' }] })), namespace: 'kube-system' },
      [`spec.containers[name="a"].image: Invalid value: "ghcr.io.attacker.example/kubernetes-sigs/sig-windows/agent:1": ${NOT_APPROVED_IMAGE}`]],
    ['a Docker Hub image of another organization',
      { object: pod(spec({ containers: [{ name: 'a', image: 'sigwindowstools-evil/kube-proxy:1' }] })), namespace: 'kube-system' },
      [`spec.containers[name="a"].image: Invalid value: "sigwindowstools-evil/kube-proxy:1": ${NOT_APPROVED_IMAGE}`]],
    ['two disallowed images: the first is named, with the count of the others',
      { object: pod(spec({ initContainers: [{ name: 'i', image: bad }], containers: [{ name: 'c', image: bad }] })), namespace: 'kube-system' },
      [`spec.initContainers[name="i"].image: Invalid value: "${bad}": ${NOT_APPROVED_IMAGE} (and 1 more)`]],
    ['a container account outside the list (overriding an approved pod account)',
      { object: pod(spec({ containers: [{ name: 'a', image: CSI_PROXY, securityContext: { windowsOptions: { runAsUserName: 'CONTOSO\\admin' } } }] })), namespace: 'kube-system' },
      [`spec.containers[name="a"].securityContext.windowsOptions.runAsUserName: Invalid value: "CONTOSO\\\\admin": ${NOT_APPROVED_ACCOUNT}`]],
    ['a local group that was not opted in, at pod level',
      { object: pod(spec({ securityContext: { windowsOptions: { hostProcess: true, runAsUserName: 'hpc-localgroup' } } })), namespace: 'kube-system' },
      [`spec.securityContext.windowsOptions.runAsUserName: Invalid value: "hpc-localgroup": ${NOT_APPROVED_ACCOUNT}`]],
    ['no account at all',
      { object: pod(spec({ securityContext: { windowsOptions: { hostProcess: true } } })), namespace: 'kube-system' },
      ['spec.securityContext.windowsOptions.runAsUserName: Required value: a HostProcess container must run as an approved account ' +
        '("NT AUTHORITY\\\\SYSTEM", "NT AUTHORITY\\\\Local service", "NT AUTHORITY\\\\NetworkService"); set runAsUserName at pod or ' +
        `container level${RULE_ACCOUNTS}`]],
    ['a CronJob whose job template runs a disallowed image',
      { object: workload('CronJob', spec({ containers: [{ name: 'a', image: bad }] })), namespace: 'kube-system' },
      [`spec.jobTemplate.spec.template.spec.containers[name="a"].image: Invalid value: "${bad}": ${NOT_APPROVED_IMAGE}`]],
    ['a DaemonSet in a namespace that is not approved',
      { object: workload('DaemonSet', spec()), namespace: 'default' },
      ['metadata.namespace: Forbidden: HostProcess pods are not approved in namespace "default"; approved are the namespaces ' +
        '"kube-system", "windows-agents": deploy to an approved namespace, or ask the platform team to approve this one ' +
        '(HostProcessAdmissionPolicy rule: approved namespaces)']],
    ['a pod in a namespace that is not approved, as a disallowed account and image: every rule reports',
      { object: pod(spec({ securityContext: { windowsOptions: { hostProcess: true, runAsUserName: 'CONTOSO\\admin' } }, containers: [{ name: 'a', image: bad }] })), namespace: 'team-a' },
      [
        'metadata.namespace: Forbidden: HostProcess pods are not approved in namespace "team-a"; approved are the namespaces ' +
        '"kube-system", "windows-agents": deploy to an approved namespace, or ask the platform team to approve this one ' +
        '(HostProcessAdmissionPolicy rule: approved namespaces)',
        `spec.containers[name="a"].image: Invalid value: "${bad}": ${NOT_APPROVED_IMAGE}`,
        `spec.securityContext.windowsOptions.runAsUserName: Invalid value: "CONTOSO\\\\admin": ${NOT_APPROVED_ACCOUNT}`,
      ]],
  ])('%s', (_, request, expected) => {
    expect(denied(request)).toEqual(expected);
  });

  test.each(['Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet', 'Job'])('a %s template with a disallowed image', kind => {
    expect(denied({ object: workload(kind, spec({ containers: [{ name: 'a', image: bad }] })), namespace: 'kube-system' })).toEqual([
      `spec.template.spec.containers[name="a"].image: Invalid value: "${bad}": ${NOT_APPROVED_IMAGE}`,
    ]);
  });

  test("an UPDATE of a running pod's image", () => {
    const running = pod(spec());
    const swapped = pod(spec({ containers: [{ name: 'csi-proxy', image: bad }] }));
    expect(denied({ object: swapped, oldObject: running, namespace: 'kube-system' })).toEqual([
      `spec.containers[name="csi-proxy"].image: Invalid value: "${bad}": ${NOT_APPROVED_IMAGE}`,
    ]);
  });

  test('an ephemeral container added to an approved pod (kubectl debug: UPDATE of pods/ephemeralcontainers)', () => {
    const running = pod(spec());
    const debugged = pod(spec({ ephemeralContainers: [{ name: 'debugger', image: bad, securityContext: { windowsOptions: { hostProcess: true } } }] }));
    expect(manifests.policy.spec.matchConstraints.resourceRules[0].resources).toContain('pods/ephemeralcontainers');
    expect(denied({ object: debugged, oldObject: running, namespace: 'kube-system', subResource: 'ephemeralcontainers' })).toEqual([
      `spec.ephemeralContainers[name="debugger"].image: Invalid value: "${bad}": ${NOT_APPROVED_IMAGE}`,
    ]);
    // The same ephemeral container with an approved image is admitted.
    const approved = pod(spec({ ephemeralContainers: [{ name: 'debugger', image: POWERSHELL }] }));
    expect(denied({ object: approved, oldObject: running, namespace: 'kube-system', subResource: 'ephemeralcontainers' })).toEqual([]);
  });

  test('an ephemeral container that is the only one to say hostProcess', () => {
    const running = pod({ hostNetwork: true, containers: [{ name: 'c', image: CSI_PROXY }] });
    const debugged = pod({ ...running.spec, ephemeralContainers: [{ name: 'debugger', image: bad, securityContext: { windowsOptions: { hostProcess: true, runAsUserName: SYSTEM } } }] });
    expect(denied({ object: debugged, oldObject: running, namespace: 'kube-system', subResource: 'ephemeralcontainers' })).toEqual([
      `spec.ephemeralContainers[name="debugger"].image: Invalid value: "${bad}": ${NOT_APPROVED_IMAGE}`,
      // The pod's own container now runs as HostProcess too (the API server requires all or none)
      // and has no account.
      'spec.securityContext.windowsOptions.runAsUserName: Required value: a HostProcess container must run as an approved account ' +
        '("NT AUTHORITY\\\\SYSTEM", "NT AUTHORITY\\\\Local service", "NT AUTHORITY\\\\NetworkService"); set runAsUserName at pod or ' +
        `container level${RULE_ACCOUNTS}`,
    ]);
  });

  test('the binding enforces as asked', () => {
    for (const actions of [['Deny'], ['Warn', 'Audit'], ['Audit']]) {
      const m = hostProcessAdmissionPolicy({ ...OPTIONS, validationActions: actions });
      const decisions = admit(m.policy, m.binding, { object: pod(spec()), namespace: 'default' })!;
      expect(decisions.map(d => d.actions)).toEqual([actions]);
      expect(m.warningBinding.spec.validationActions).toEqual(['Warn']);
    }
  });
});

describe('optional requirements', () => {
  test('with both, every rule reports', () => {
    const object = pod({ hostNetwork: true, securityContext: { windowsOptions: { hostProcess: true, runAsUserName: 'hpc-localgroup' } }, containers: [{ name: 'a', image: 'evil.example/a' }] });
    expect(denied({ object, namespace: 'default' }, strict)).toEqual([
      'metadata.namespace: Forbidden: HostProcess pods are not approved in namespace "default"; approved are the namespaces ' +
      '"kube-system", "windows-agents": deploy to an approved namespace, or ask the platform team to approve this one ' +
      '(HostProcessAdmissionPolicy rule: approved namespaces)',
      `spec.containers[name="a"].image: Invalid value: "evil.example/a": ${NOT_APPROVED_IMAGE}`,
      `spec.securityContext.windowsOptions.runAsUserName: Invalid value: "hpc-localgroup": ${NOT_APPROVED_ACCOUNT}`,
      expect.stringMatching(/^spec\.os\.name: Required value: /),
      expect.stringMatching(/^spec\.nodeSelector: no Windows node selection: the pod may be scheduled onto a Linux node, whose kubelet runs it without/),
    ]);
  });

  test('spec.os.name: windows', () => {
    const { os, ...withoutOs } = spec();
    expect(os).toEqual({ name: 'windows' });
    expect(denied({ object: pod(withoutOs), namespace: 'kube-system' }, strict)).toEqual([
      'spec.os.name: Required value: a HostProcess pod must declare spec.os.name: windows, so that the API server applies its ' +
      'Windows checks and a Linux kubelet refuses it; set os.name to windows (HostProcessAdmissionPolicy rule: Windows pod OS)',
    ]);
    expect(denied({ object: pod(withoutOs), namespace: 'kube-system' })).toEqual([]);
  });

  test('a Windows node selection, by nodeSelector or by every term of a required node affinity', () => {
    const affinity = (terms: any[]) => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } });
    const windowsTerm = { matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['windows'] }] };
    const linuxTerm = { matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['windows', 'linux'] }] };
    const term = (key: string, operator: string, values?: string[]) => ({ matchExpressions: [{ key, operator, ...(values ? { values } : {}) }] });
    const [BUILD, SKU] = ['node.kubernetes.io/windows-build', 'kubernetes.azure.com/os-sku'];
    const cases: [any, boolean][] = [
      [spec(), true],
      [spec({ nodeSelector: undefined, affinity: affinity([windowsTerm]) }), true],
      [spec({ nodeSelector: undefined, affinity: affinity([windowsTerm, {}]) }), true],
      [spec({ nodeSelector: undefined, affinity: affinity([windowsTerm, linuxTerm]) }), false],
      [spec({ nodeSelector: { 'kubernetes.io/os': 'linux' } }), false],
      [spec({ nodeSelector: undefined }), false],
      [spec({ nodeSelector: undefined, affinity: affinity([]) }), false],
      // Labels only Windows nodes carry (src/core/k8s/windows-node-labels.ts), as the lint accepts them.
      [spec({ nodeSelector: { [BUILD]: '10.0.20348' } }), true],
      [spec({ nodeSelector: { [SKU]: 'Windows2025' } }), true],
      [spec({ nodeSelector: { [SKU]: 'Ubuntu' } }), false],
      [spec({ nodeSelector: undefined, affinity: affinity([term(BUILD, 'Exists'), term(SKU, 'In', ['Windows2019', 'WindowsAnnual'])]) }), true],
      [spec({ nodeSelector: undefined, affinity: affinity([term(BUILD, 'In', ['10.0.17763'])]) }), true],
      [spec({ nodeSelector: undefined, affinity: affinity([term(BUILD, 'In', [])]) }), false],
      [spec({ nodeSelector: undefined, affinity: affinity([term(SKU, 'Exists')]) }), false],
      [spec({ nodeSelector: undefined, affinity: affinity([term(SKU, 'In', ['Windows2022', 'AzureLinux'])]) }), false],
      [spec({ nodeSelector: undefined, affinity: affinity([term(BUILD, 'DoesNotExist')]) }), false],
    ];
    for (const [podSpec, selects] of cases) {
      const result = denied({ object: pod(podSpec), namespace: 'kube-system' }, strict)!;
      const lintWarns = HostProcessValidator.validatePodSpec(podSpec, 'spec').some(f => f.field === 'spec.nodeSelector');
      // The policy decides as the lint does.
      expect(lintWarns).toBe(!selects);
      expect(result).toEqual(selects ? [] : [expect.stringMatching(/^spec\.nodeSelector: no Windows node selection: .*\(HostProcessAdmissionPolicy rule: Windows node selection\)$/)]);
    }
  });
});

// Lint paths name containers by index, the policy's by name.
function byName(manifest: any, field: string, prefix: string): string {
  const specAt = prefix.split('.').reduce((o, k) => o?.[k], manifest);
  return field.replace(/\.(initContainers|containers|ephemeralContainers)\[(\d+)\]/, (_, list, i) => `.${list}[name="${specAt[list][Number(i)].name}"]`);
}

describe('warns as the lint does, in its words', () => {
  const cases: [string, any][] = [
    ['a relative workingDir', pod(spec({ containers: [{ name: 'a', image: CSI_PROXY, workingDir: '..\\bin' }] }))],
    ['a drive-relative workingDir is fine, a sandbox one too', pod(spec({ containers: [{ name: 'a', image: CSI_PROXY, workingDir: 'C:\\x' }, { name: 'b', image: CSI_PROXY, workingDir: '$env:CONTAINER_SANDBOX_MOUNT_POINT\\bin' }] }))],
    ['Linux-only fields without spec.os', pod(spec({
      os: undefined,
      hostPID: true,
      hostIPC: true,
      securityContext: { windowsOptions: { hostProcess: true, runAsUserName: SYSTEM }, runAsUser: 0, fsGroup: 1 },
      initContainers: [{ name: 'i', image: CSI_PROXY, securityContext: { privileged: true, capabilities: {} } }],
    }))],
    // The API server refuses both together (share-process-namespace-host-pid): no warning that it accepts the field.
    ['shareProcessNamespace with hostPID, without spec.os', pod(spec({ os: undefined, hostPID: true, shareProcessNamespace: true }))],
    ['shareProcessNamespace without hostPID, without spec.os', pod(spec({ os: undefined, hostPID: false, shareProcessNamespace: true }))],
    ['no Windows node selection, with spec.os', pod(spec({ nodeSelector: undefined }))],
    ['no Windows node selection, without spec.os', workload('DaemonSet', spec({ nodeSelector: undefined, os: undefined }))],
    ['nothing to warn about', workload('CronJob', spec())],
  ];
  test.each(cases)('%s', (_, object) => {
    const prefix = object.kind === 'Pod' ? 'spec' : object.kind === 'CronJob' ? 'spec.jobTemplate.spec.template.spec' : 'spec.template.spec';
    const lint = HostProcessValidator.validateManifest(object).filter(f => f.severity === Severity.WARNING)
      .map(f => `${byName(object, f.field, prefix)}: ${f.message}`);
    const policy = warned({ object, namespace: 'kube-system' })!;
    // The policy gives one message per rule (the first field, and how many more): each is one of the lint's.
    const firstOnly = policy.map(m => m.replace(/ \(also \d+ more such fields?\)$/, ''));
    for (const message of firstOnly) {
      expect(lint).toContain(message);
    }
    // ... and every lint warning is covered by a policy message of its rule.
    const rules = (ms: string[]) => new Set(ms.map(m => m.replace(/^[^:]*: /, '')));
    expect(rules(firstOnly)).toEqual(rules(lint));
  });

  test('counts the further fields of a rule', () => {
    const object = pod(spec({ os: undefined, securityContext: { windowsOptions: { hostProcess: true, runAsUserName: SYSTEM }, runAsUser: 0, fsGroup: 1, seccompProfile: { type: 'RuntimeDefault' } } }));
    const policy = warned({ object, namespace: 'kube-system' })!;
    expect(policy).toEqual([expect.stringMatching(/^spec\.securityContext\.seccompProfile: accepted only because spec\.os is not set: .* \(also 2 more such fields\)$/)]);
  });
});

describe('CEL for the fields Windows pods may not set agrees with the lint', () => {
  const values = [undefined, null, true, false, 0, 1, [], [{ name: 'a', value: 'b' }], {}, { type: 'RuntimeDefault' }];
  test.each(POD_FIELDS.map(([field, isForbidden]) => [field, isForbidden] as const))('%s', (field, isForbidden) => {
    // sysctls is a list in every object the API server decodes.
    for (const value of field === 'securityContext.sysctls' ? [undefined, [], [{ name: 'a', value: 'b' }]] : values) {
      const [head, tail] = field.split('.');
      const podSpec: any = tail ? { [head]: value === undefined ? {} : { [tail]: value } } : { [head]: value };
      // null is dropped: the API server hands CEL the object without null fields.
      const input = JSON.parse(JSON.stringify(podSpec, (_, v) => v === null ? undefined : v));
      const cel = run(podFieldCondition('spec', field), { spec: toCel(input) });
      expect([field, value, cel]).toEqual([field, value, isForbidden(input)]);
    }
  });
});

describe('the options', () => {
  test('are refused with a message that names the field, the problem and the fix', () => {
    expect(admissionPolicyProblems({ ...OPTIONS, name: 'Bad_Name', namespaces: ['Kube_System'], imagePrefixes: [], users: [] })).toEqual([
      'name: Invalid value: "Bad_Name": a policy name must be a DNS subdomain of at most 244 characters (253 less "-warnings"): ' +
      'lowercase letters, digits, "-" and "."',
      'namespaces[0]: Invalid value: "Kube_System": a namespace name must be a DNS label (at most 63 lowercase letters, digits ' +
      'and "-", starting and ending with a letter or digit)',
      'imagePrefixes: Required value: list at least one image prefix, a registry or repository ending in "/" such as ' +
      '"mcr.microsoft.com/oss/kubernetes/": without one the policy admits no HostProcess pod',
      'users: Required value: list at least one account (HostProcessUser.SYSTEM, LOCAL_SERVICE, NETWORK_SERVICE or a ' +
      'localGroup), or leave users out for the three built-in accounts',
    ]);
  });

  test('image prefixes need a boundary', () => {
    expect(admissionPolicyProblems({ ...OPTIONS, imagePrefixes: ['mcr.microsoft.com', ' ghcr.io/'] })).toEqual([
      'imagePrefixes[0]: Invalid value: "mcr.microsoft.com": an image prefix must end with "/" (a registry or repository path: ' +
      '"mcr.microsoft.com/"), ":" (any tag of one repository: "mcr.microsoft.com:") or "@" (any digest of one repository), or ' +
      'it also matches images that merely start with the same letters',
      'imagePrefixes[1]: Invalid value: " ghcr.io/": an image prefix cannot be empty or contain spaces (write a registry or ' +
      'repository such as "mcr.microsoft.com/oss/kubernetes/")',
    ]);
  });

  test('namespaces are needed, by name or by label, and labels must be labels', () => {
    expect(admissionPolicyProblems({ ...OPTIONS, namespaces: [] })).toEqual([
      'namespaces: Required value: name at least one namespace (namespaces) or a label that allowed namespaces carry ' +
      '(namespaceLabels): without one the policy admits no HostProcess pod anywhere',
    ]);
    expect(admissionPolicyProblems({ ...OPTIONS, namespaceLabels: { 'bad key': 'x', 'ok': 'bad value!' } })).toEqual([
      'namespaceLabels: Invalid value: "bad key": a label key is an optional DNS subdomain prefix and "/", then a name of at ' +
      'most 63 letters, digits, "-", "_" and "."',
      'namespaceLabels.ok: Invalid value: "bad value!": a label value is at most 63 letters, digits, "-", "_" and ".", ' +
      'starting and ending with a letter or digit',
    ]);
    expect(admissionPolicyProblems(OPTIONS)).toEqual([]);
  });

  test('image references are normalized as runtimes read them', () => {
    expect(['nginx:1', 'sigwindowstools/kube-proxy:v1', 'docker.io/x/y', 'index.docker.io/x/y', 'localhost/x', 'localhost:5000/x',
      'mcr.microsoft.com/x', 'mcr.microsoft.com:', 'Registry/x'].map(normalizeImage))
      .toEqual(['docker.io/library/nginx:1', 'docker.io/sigwindowstools/kube-proxy:v1', 'docker.io/x/y', 'docker.io/x/y', 'localhost/x',
        'localhost:5000/x', 'mcr.microsoft.com/x', 'docker.io/library/mcr.microsoft.com:', 'Registry/x']);
    // A prefix that ends at the registry stays whole: Docker Hub's `library/` is added only to a name.
    expect(['docker.io/', 'index.docker.io/', 'docker.io/nginx:', 'index.docker.io/nginx@', 'docker.io/library/'].map(normalizeImage))
      .toEqual(['docker.io/', 'docker.io/', 'docker.io/library/nginx:', 'docker.io/library/nginx@', 'docker.io/library/']);
  });

  test('every spelling of an approved Docker Hub image is admitted, and nothing else', () => {
    const m = hostProcessAdmissionPolicy({ ...OPTIONS, imagePrefixes: ['nginx:', 'sigwindowstools/'] });
    const verdict = (image: string) => denied({ object: pod(spec({ containers: [{ name: 'c', image }] })), namespace: 'kube-system' }, m)!.length === 0;
    const admitted = ['nginx:1', 'docker.io/nginx:1', 'docker.io/library/nginx:1', 'index.docker.io/library/nginx:1', 'index.docker.io/nginx:1',
      KUBE_PROXY, `docker.io/${KUBE_PROXY}`, `index.docker.io/${KUBE_PROXY}`];
    const refused = ['nginx-evil:1', 'docker.io/nginxx:1', 'library/nginx-evil:1', 'Sigwindowstools/kube-proxy:1', 'sigwindowstools.attacker.example/kube-proxy:1',
      'registry-1.docker.io.attacker.example/sigwindowstools/x', 'ghcr.io/sigwindowstools/x'];
    expect(admitted.filter(i => !verdict(i))).toEqual([]);
    expect(refused.filter(verdict)).toEqual([]);
  });
});

// Image references are normalized as distribution/reference's splitDockerDomain does
// (normalize.go@v0.6.0), in TypeScript for the prefixes and in CEL for the images.
describe('images are normalized as distribution/reference does', () => {
  // Each reference and its full name, from normalize_test.go@v0.6.0 (TestParseRepositoryInfo: the
  // familiar, full and ambiguous names of each case; TestNormalizedSplitHostname: domain/path), and
  // the spellings of issue 23 with tags and digests.
  const FULL_NAMES: [string, string][] = [
    ['localhost/fooo', 'localhost/fooo'],
    ['localhost/fooo/bar', 'localhost/fooo/bar'],
    ['LOCALDOMAIN/fooo', 'LOCALDOMAIN/fooo'],
    ['LOCALDOMAIN/fooo/bar', 'LOCALDOMAIN/fooo/bar'],
    ['fooo/bar', 'docker.io/fooo/bar'],
    ['docker.io/fooo/bar', 'docker.io/fooo/bar'],
    ['index.docker.io/fooo/bar', 'docker.io/fooo/bar'],
    ['ubuntu', 'docker.io/library/ubuntu'],
    ['docker.io/library/ubuntu', 'docker.io/library/ubuntu'],
    ['library/ubuntu', 'docker.io/library/ubuntu'],
    ['nonlibrary/ubuntu', 'docker.io/nonlibrary/ubuntu'],
    ['other/library', 'docker.io/other/library'],
    ['127.0.0.1:8000/private/moonbase', '127.0.0.1:8000/private/moonbase'],
    ['127.0.0.1:8000/privatebase', '127.0.0.1:8000/privatebase'],
    ['example.com/private/moonbase', 'example.com/private/moonbase'],
    ['example.com:8000/privatebasee', 'example.com:8000/privatebasee'],
    ['ubuntu-12.04-base', 'docker.io/library/ubuntu-12.04-base'],
    ['index.docker.io/library/ubuntu-12.04-base', 'docker.io/library/ubuntu-12.04-base'],
    ['foo', 'docker.io/library/foo'],
    ['docker.io/foo', 'docker.io/library/foo'],
    ['library/foo/bar', 'docker.io/library/foo/bar'],
    ['store/foo/bar', 'docker.io/store/foo/bar'],
    ['Foo/bar', 'Foo/bar'],
    ['FOO/bar', 'FOO/bar'],
    ['test.com/foo', 'test.com/foo'],
    ['test_com/foo', 'docker.io/test_com/foo'],
    ['docker/migrator', 'docker.io/docker/migrator'],
    ['test-com:8080/foo', 'test-com:8080/foo'],
    ['xn--n3h.com:18080/foo', 'xn--n3h.com:18080/foo'],
    ['docker.io/library/foo/bar', 'docker.io/library/foo/bar'],
    ['nginx:1.27', 'docker.io/library/nginx:1.27'],
    ['docker.io/nginx:1.27', 'docker.io/library/nginx:1.27'],
    ['index.docker.io/nginx:1.27', 'docker.io/library/nginx:1.27'],
    ['index.docker.io/library/nginx@sha256:0123', 'docker.io/library/nginx@sha256:0123'],
    ['index.docker.io/docker.io/library/nginx:1', 'docker.io/docker.io/library/nginx:1'],
  ];

  test.each(FULL_NAMES)('%s is %s, in TypeScript and in CEL', (reference, full) => {
    expect(normalizeImage(reference)).toBe(full);
    expect(run(normalizedImageCel('image'), { image: reference }, { funcs: strings })).toBe(full);
  });

  const verdict = (prefixes: string[], image: string) =>
    denied({ object: pod(spec({ containers: [{ name: 'c', image }] })), namespace: 'kube-system' },
      hostProcessAdmissionPolicy({ ...OPTIONS, imagePrefixes: prefixes }))!.length === 0;

  // Issue 23: each of these was refused, as the policy kept `docker.io/<name>` without `library/`.
  test.each<[string, string]>([
    ['docker.io/nginx:', 'nginx:1.27'],
    ['docker.io/nginx:', 'library/nginx:1.27'],
    ['docker.io/nginx:', 'docker.io/library/nginx:1.27'],
    ['docker.io/nginx:', 'index.docker.io/library/nginx:1.27'],
    ['docker.io/library/', 'index.docker.io/nginx:1.27'],
    ['docker.io/library/', 'docker.io/nginx:1.27'],
  ])('with the prefix %s, %s is admitted', (prefix, image) => {
    expect(verdict([prefix], image)).toBe(true);
  });

  test.each<[string, string]>([
    ['docker.io/nginx:', 'nginx-evil:1'],
    ['docker.io/nginx:', 'docker.io/nginxx:1'],
    ['docker.io/nginx:', 'docker.io/library/nginx/evil:1'],
    ['docker.io/nginx:', 'attacker/nginx:1'],
    ['docker.io/nginx:', 'docker.io.attacker.example/library/nginx:1'],
    ['docker.io/nginx:', 'index.docker.io.attacker.example/nginx:1'],
    ['docker.io/nginx:', 'localhost/library/nginx:1'],
    ['docker.io/nginx:', 'Docker.io/library/nginx:1'],
    ['docker.io/library/', 'index.docker.io/docker.io/library/nginx:1'],
    ['docker.io/library/', 'docker.io//nginx:1'],
    ['docker.io/library/', 'index.docker.io/'],
    ['docker.io/library/', 'attacker/nginx:1'],
    ['docker.io/library/', 'evil.example/library/nginx:1'],
  ])('with the prefix %s, %s is still refused', (prefix, image) => {
    expect(verdict([prefix], image)).toBe(false);
  });
});

// Cost: every comprehension inside another one iterates a list literal (the approved prefixes, a
// one-element list that names a value) or a part of the element being visited (a term's
// expressions, an expression's values), never the pod's containers again. So each expression
// visits each container a bounded number of times, and its cost is linear in the size of the pod.
describe('cost', () => {
  function nestedRanges(expr: any, inLoop: string[], problems: string[]): void {
    if (!expr || typeof expr !== 'object') return;
    if (expr.$typeName === 'cel.expr.Expr' && expr.exprKind?.case === 'comprehensionExpr') {
      const c = expr.exprKind.value;
      if (inLoop.length > 0) {
        const range = c.iterRange;
        const root = rootIdent(range);
        if (range.exprKind.case !== 'listExpr' && !(root !== undefined && inLoop.includes(root))) {
          problems.push(`a comprehension over ${JSON.stringify(root ?? range.exprKind.case)} inside a loop over ${inLoop.join(', ')}`);
        }
      }
      nestedRanges(c.iterRange, inLoop, problems);
      nestedRanges(c.accuInit, inLoop, problems);
      nestedRanges(c.loopCondition, [...inLoop, c.iterVar], problems);
      nestedRanges(c.loopStep, [...inLoop, c.iterVar], problems);
      nestedRanges(c.result, inLoop, problems);
      return;
    }
    for (const value of Object.values(expr)) {
      if (Array.isArray(value)) value.forEach(v => nestedRanges(v, inLoop, problems));
      else nestedRanges(value, inLoop, problems);
    }
  }
  function rootIdent(expr: any): string | undefined {
    switch (expr.exprKind.case) {
      case 'identExpr': return expr.exprKind.value.name;
      case 'selectExpr': return rootIdent(expr.exprKind.value.operand);
      default: return undefined;
    }
  }

  test('no expression iterates the containers inside a loop over containers', () => {
    const problems: string[] = [];
    for (const policy of [strict.policy, strict.warningPolicy, manifests.policy, manifests.warningPolicy]) {
      for (const e of expressionsOf(policy)) {
        const found: string[] = [];
        nestedRanges(parse(e.expression).expr, [], found);
        problems.push(...found.map(f => `${e.where}: ${f}`));
      }
    }
    expect(problems).toEqual([]);
  });

  test('the checker finds a quadratic expression', () => {
    const found: string[] = [];
    nestedRanges(parse('variables.spec.containers.all(c, variables.spec.containers.exists(d, d.name == c.name))').expr, [], found);
    expect(found).toEqual(['a comprehension over "variables" inside a loop over c']);
  });
});

function expressionsOf(policy: any): { where: string; expression: string }[] {
  const name = policy.metadata.name;
  return [
    ...policy.spec.matchConditions.map((c: any, i: number) => ({ where: `${name} spec.matchConditions[${i}]`, expression: c.expression })),
    ...policy.spec.variables.map((v: any, i: number) => ({ where: `${name} spec.variables[${i}]`, expression: v.expression })),
    ...policy.spec.validations.flatMap((v: any, i: number) => [
      { where: `${name} spec.validations[${i}].expression`, expression: v.expression },
      { where: `${name} spec.validations[${i}].messageExpression`, expression: v.messageExpression },
    ]),
  ];
}

// The policy's "HostProcess pod" is the library's one definition (src/core/k8s/pod.ts
// asksForHostProcess), evaluated by the CEL evaluator on the cases where definitions once disagreed.
test.each<[string, any]>([
  ['nothing Windows', { containers: [{ name: 'c' }] }],
  ['pod-level true', { securityContext: { windowsOptions: { hostProcess: true } }, containers: [{ name: 'c' }] }],
  ['only an init container', { initContainers: [{ name: 'i', securityContext: { windowsOptions: { hostProcess: true } } }], containers: [{ name: 'c' }] }],
  ['only an ephemeral container', { containers: [{ name: 'c' }], ephemeralContainers: [{ name: 'e', securityContext: { windowsOptions: { hostProcess: true } } }] }],
  ['pod true, its container false', { securityContext: { windowsOptions: { hostProcess: true } }, containers: [{ name: 'c', securityContext: { windowsOptions: { hostProcess: false } } }] }],
  ['hostProcess: "true" (a string)', { securityContext: { windowsOptions: { hostProcess: 'true' } }, containers: [{ name: 'c' }] }],
])('the policy\'s HostProcess condition agrees with asksForHostProcess: %s', (_, podSpec) => {
  expect(run(hostProcessCel('spec'), { spec: toCel(podSpec) })).toBe(asksForHostProcess(podSpec));
});

// Each validation of both policies belongs to a check keyed by the rule it enforces: a rule of the
// catalog (its messages are then the engine's) or one of the policy's own (approvals.ts).
describe('every check is keyed by a rule', () => {
  const optionSets: AdmissionPolicyOptions[] = [
    OPTIONS,
    { ...OPTIONS, requireWindowsOs: true, requireWindowsNodeSelection: true },
    { ...OPTIONS, warnings: false, namespaceLabels: { a: 'b' } },
  ];

  test.each(optionSets.map((o, i) => [i, o] as const))('options %d: the policies are their checks, each of a rule that exists', (_, options) => {
    const { main, warnings } = policyChecks(options);
    const m = hostProcessAdmissionPolicy(options);
    // As written, with line breaks (format.ts) that change no expression's meaning.
    const validations = (checks: typeof main) => checks.flatMap(c => c.validations)
      .map(v => ({ ...v, expression: formatCel(v.expression), messageExpression: formatCel(v.messageExpression) }));
    const variables = (checks: typeof main) => checks.flatMap(c => c.variables).map(v => ({ ...v, expression: formatCel(v.expression) }));
    const own = POD_SPEC_VARIABLES.length;
    expect(m.policy.spec.validations).toEqual(validations(main).map(v => ({ ...v, reason: 'Forbidden' })));
    expect(m.policy.spec.variables.slice(own)).toEqual(variables(main));
    expect(m.warningPolicy?.spec.validations ?? []).toEqual(validations(warnings));
    expect(m.warningPolicy?.spec.variables.slice(own) ?? []).toEqual(variables(warnings));
    for (const check of [...main, ...warnings]) {
      expect([check.id, RULES.has(check.id) || check.id in APPROVAL_CEL]).toEqual([check.id, true]);
      expect([check.id, check.validations.length > 0]).toEqual([check.id, true]);
    }
    // The warnings policy warns about the catalog's warnings only.
    expect(warnings.map(c => [c.id, RULES.get(c.id)?.severity])).toEqual(warnings.map(c => [c.id, 'warning']));
  });

  test('rules with a CEL form are the catalog\'s; the policy\'s own checks are not', () => {
    expect(Object.keys(RULE_CEL).filter(id => !RULES.has(id))).toEqual([]);
    expect(Object.keys(APPROVAL_CEL).filter(id => RULES.has(id))).toEqual([]);
    // Distinct and kebab-case, as the catalog's IDs must be.
    const asRules = Object.keys(APPROVAL_CEL).map(id => ({ id, severity: 'error', provenance: 'library', description: '', remediation: '', sources: [] } as const));
    expect(() => catalog(asRules)).not.toThrow();
  });
});

// No message is written twice: every phrase (four words or more) of a string in src/core/admission
// occurs in no other string of src/, and in no other string of src/core/admission. The policy's
// messages of catalog rules are the engine's own strings, imported, never copied.
test('no message of the policy is written twice', () => {
  const src = path.join(__dirname, '..', '..', '..', 'src');
  const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap(e =>
    e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []);
  const phrase = /[A-Za-z]{2,}(?:[,;:'()"]* [,;:'()"]*[A-Za-z]{2,}){3,}/;
  const literals: { file: string; text: string }[] = [];
  for (const file of files(src)) {
    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateLiteralToken(node)) {
        const text = node.text.trim();
        if (phrase.test(text)) literals.push({ file: path.relative(src, file), text });
      }
      node.forEachChild(visit);
    };
    visit(ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true));
  }
  const admission = literals.filter(s => s.file.startsWith(path.join('core', 'admission')));
  expect(admission.length).toBeGreaterThan(20);
  const twice = admission.flatMap(a => literals.filter(s => s !== a && (s.text.includes(a.text) || a.text.includes(s.text)))
    .map(s => `${a.file} ${JSON.stringify(a.text)} and ${s.file} ${JSON.stringify(s.text)}`));
  expect(twice).toEqual([]);
});

// Last: the tests above ran every expression the policies write, messages included.
test('every expression of both policies was evaluated', () => {
  const all = [manifests.policy, manifests.warningPolicy, strict.policy].flatMap(expressionsOf).map(e => e.where);
  expect(all.filter(w => !evaluated.has(w))).toEqual([]);
});

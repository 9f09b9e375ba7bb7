import { Severity } from 'cdk8s-hostprocess';
import { hostProcessSpec, lines } from './helpers';
import { selectsWindowsNodes } from '../../../src/core/validation/node-selection';
import { validatePodSpec } from '../../../src/core/validation/pod-spec-rules';

const SELECTION = 'no Windows node selection: the pod may be scheduled onto a Linux node';
const FIX = ' (cdk8s-hostprocess warning; the API server accepts it)';
const WITH_OS = `${SELECTION}, whose kubelet rejects it ("Failed to admit pod as the OS field doesn't match node OS")${FIX}`;
const WITHOUT_OS = `${SELECTION}, whose kubelet runs it without passing hostProcess to the container runtime${FIX}`;

const os = (key: string, operator: string, values: string[]) => ({ matchExpressions: [{ key, operator, values }] });
const required = (...nodeSelectorTerms: any[]) => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms } } });
const OS = 'kubernetes.io/os';
const BUILD = 'node.kubernetes.io/windows-build';
const SKU = 'kubernetes.azure.com/os-sku';

describe('a HostProcess pod must select Windows nodes (library warning)', () => {
  test.each<[string, Record<string, unknown>, boolean]>([
    ['nodeSelector kubernetes.io/os: windows', { nodeSelector: { [OS]: 'windows' } }, true],
    ['nodeSelector with other labels too', { nodeSelector: { [OS]: 'windows', 'kubernetes.io/arch': 'amd64' } }, true],
    ['no nodeSelector', { nodeSelector: undefined }, false],
    ['nodeSelector kubernetes.io/os: linux', { nodeSelector: { [OS]: 'linux' } }, false],
    ['nodeSelector kubernetes.io/os: Windows (label values are case-sensitive)', { nodeSelector: { [OS]: 'Windows' } }, false],
    ['another label only', { nodeSelector: { 'kubernetes.io/arch': 'amd64' } }, false],
    // Labels only Windows nodes carry (src/core/k8s/windows-node-labels.ts).
    ['nodeSelector node.kubernetes.io/windows-build (the kubelet sets it on Windows only)', { nodeSelector: { [BUILD]: '10.0.20348' } }, true],
    ['nodeSelector kubernetes.azure.com/os-sku: Windows2022', { nodeSelector: { [SKU]: 'Windows2022' } }, true],
    ['nodeSelector kubernetes.azure.com/os-sku: WindowsAnnual', { nodeSelector: { [SKU]: 'WindowsAnnual' } }, true],
    ['nodeSelector kubernetes.azure.com/os-sku: Ubuntu (a Linux SKU)', { nodeSelector: { [SKU]: 'Ubuntu' } }, false],
    ['nodeSelector kubernetes.azure.com/os-sku: windows2022 (label values are case-sensitive)', { nodeSelector: { [SKU]: 'windows2022' } }, false],
    ['nodeSelector kubernetes.io/os: linux and a Windows build (matches no node, so none of Linux)', { nodeSelector: { [OS]: 'linux', [BUILD]: '10.0.20348' } }, true],
    ['affinity: windows-build Exists', { nodeSelector: undefined, affinity: required(os(BUILD, 'Exists', [])) }, true],
    ['affinity: windows-build In [any builds]', { nodeSelector: undefined, affinity: required(os(BUILD, 'In', ['10.0.17763', '10.0.20348'])) }, true],
    ['affinity: windows-build DoesNotExist (not recognised)', { nodeSelector: undefined, affinity: required(os(BUILD, 'DoesNotExist', [])) }, false],
    ['affinity: os-sku In [Windows2019, Windows2025]', { nodeSelector: undefined, affinity: required(os(SKU, 'In', ['Windows2019', 'Windows2025'])) }, true],
    ['affinity: os-sku In [Windows2022, Ubuntu]', { nodeSelector: undefined, affinity: required(os(SKU, 'In', ['Windows2022', 'Ubuntu'])) }, false],
    ['affinity: os-sku Exists (Linux nodes have it too)', { nodeSelector: undefined, affinity: required(os(SKU, 'Exists', [])) }, false],
    ['affinity: os Exists (every node has it)', { nodeSelector: undefined, affinity: required(os(OS, 'Exists', [])) }, false],
    ['affinity: each term by another Windows label', {
      nodeSelector: undefined, affinity: required(os(OS, 'In', ['windows']), os(BUILD, 'Exists', []), os(SKU, 'In', ['Windows2022'])),
    }, true],
    ['affinity: one term, os In [windows]', { nodeSelector: undefined, affinity: required(os(OS, 'In', ['windows'])) }, true],
    ['affinity: every term has os In [windows]', {
      nodeSelector: undefined,
      affinity: required(
        { matchExpressions: [{ key: OS, operator: 'In', values: ['windows'] }, { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] }] },
        os(OS, 'In', ['windows'])),
    }, true],
    ['affinity: an empty term matches no node', { nodeSelector: undefined, affinity: required({}, os(OS, 'In', ['windows'])) }, true],
    ['affinity: terms are ORed, and one allows any OS', {
      nodeSelector: undefined, affinity: required(os(OS, 'In', ['windows']), os('kubernetes.io/arch', 'In', ['amd64'])),
    }, false],
    ['affinity: os In [windows, linux]', { nodeSelector: undefined, affinity: required(os(OS, 'In', ['windows', 'linux'])) }, false],
    ['affinity: os NotIn [linux] (not recognised)', { nodeSelector: undefined, affinity: required(os(OS, 'NotIn', ['linux'])) }, false],
    ['affinity: no terms', { nodeSelector: undefined, affinity: required() }, false],
    ['preferred affinity only', {
      nodeSelector: undefined,
      affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: os(OS, 'In', ['windows']) }] } },
    }, false],
  ])('%s: selects Windows %s', (_name, patch, selected) => {
    const spec = hostProcessSpec(patch);
    expect(selectsWindowsNodes(spec)).toBe(selected);
    const findings = validatePodSpec(spec, 'spec');
    expect(findings.filter(f => f.severity === Severity.ERROR)).toEqual([]);
    expect(findings.map(f => f.field)).toEqual(selected ? [] : ['spec.nodeSelector']);
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['with spec.os.name: windows a Linux kubelet rejects the pod', { nodeSelector: undefined }, WITH_OS],
    ['without spec.os a Linux kubelet admits it', { nodeSelector: undefined, os: undefined }, WITHOUT_OS],
  ])('%s', (_name, patch, message) => {
    expect(lines(hostProcessSpec(patch))).toEqual([`spec.nodeSelector: ${message}`]);
    expect(validatePodSpec(hostProcessSpec(patch), 'spec')[0].severity).toBe(Severity.WARNING);
  });

  test('the field path follows the pod template', () => {
    expect(lines(hostProcessSpec({ nodeSelector: undefined }), 'spec.template.spec')).toEqual([`spec.template.spec.nodeSelector: ${WITH_OS}`]);
  });

  test('a Windows pod that is not HostProcess is not checked', () => {
    expect(lines({ os: { name: 'windows' }, containers: [{ name: 'a', image: 'img' }] })).toEqual([]);
  });
});

import { HostProcessValidator, Severity } from 'cdk8s-hostprocess';
import { hostProcessSpec } from './helpers';
import { isWindowsOrHostProcess, podSpecsOf } from '../../../src/core/validation/manifest';

const spec = { containers: [{ name: 'a', image: 'img' }] };
const annotations = { 'microsoft.com/hostprocess-inherit-user': 'true' };
const template = { metadata: { annotations }, spec };

describe('podSpecsOf', () => {
  test.each<[string, any, string]>([
    ['Pod', { kind: 'Pod', metadata: { annotations }, spec }, 'spec'],
    ['PodTemplate', { kind: 'PodTemplate', template }, 'template.spec'],
    ['Deployment', { kind: 'Deployment', spec: { template } }, 'spec.template.spec'],
    ['ReplicaSet', { kind: 'ReplicaSet', spec: { template } }, 'spec.template.spec'],
    ['StatefulSet', { kind: 'StatefulSet', spec: { template } }, 'spec.template.spec'],
    ['DaemonSet', { kind: 'DaemonSet', spec: { template } }, 'spec.template.spec'],
    ['Job', { kind: 'Job', spec: { template } }, 'spec.template.spec'],
    ['CronJob', { kind: 'CronJob', spec: { jobTemplate: { spec: { template } } } }, 'spec.jobTemplate.spec.template.spec'],
  ])('%s: the pod spec, its field path and the pod\'s annotations', (_kind, manifest, prefix) => {
    expect(podSpecsOf(manifest)).toEqual([{ spec, prefix, annotations }]);
  });

  test.each<[string, any]>([
    ['another kind', { kind: 'Service', spec: { ports: [] } }],
    ['a workload without a template', { kind: 'DaemonSet', spec: {} }],
    ['no kind', { spec }],
    ['not an object', 'kind: Pod'],
    ['null', null],
    ['kind: constructor', { kind: 'constructor', spec }],
    ['kind: toString', { kind: 'toString', spec }],
    ['kind: __proto__', { kind: '__proto__', spec }],
  ])('none for %s', (_name, manifest) => {
    expect(podSpecsOf(manifest)).toEqual([]);
  });
});

describe('isWindowsOrHostProcess', () => {
  test.each<[string, any, boolean]>([
    ['spec.os.name windows', { os: { name: 'windows' }, containers: [] }, true],
    ['pod windowsOptions', { securityContext: { windowsOptions: {} }, containers: [] }, true],
    ['container windowsOptions', { containers: [{ securityContext: { windowsOptions: { hostProcess: true } } }] }, true],
    ['init container windowsOptions', { initContainers: [{ securityContext: { windowsOptions: {} } }], containers: [] }, true],
    ['ephemeral container windowsOptions', { ephemeralContainers: [{ securityContext: { windowsOptions: {} } }], containers: [] }, true],
    ['a Linux pod', { os: { name: 'linux' }, containers: [{ securityContext: { runAsUser: 0 } }] }, false],
    ['only a Windows nodeSelector', { nodeSelector: { 'kubernetes.io/os': 'windows' }, containers: [] }, false],
  ])('%s: %s', (_name, podSpec, expected) => {
    expect(isWindowsOrHostProcess(podSpec)).toBe(expected);
    expect(HostProcessValidator.isWindowsOrHostProcess(podSpec)).toBe(expected);
  });
});

describe('HostProcessValidator', () => {
  test('validateManifest prefixes fields for the kind', () => {
    const manifest = {
      kind: 'CronJob',
      spec: { jobTemplate: { spec: { template: { spec: hostProcessSpec({ hostNetwork: false }) } } } },
    };
    expect(HostProcessValidator.validateManifest(manifest)).toEqual([{
      rule: 'host-process-host-network',
      field: 'spec.jobTemplate.spec.template.spec.hostNetwork',
      message: 'Invalid value: false: hostNetwork must be true if pod contains any hostProcess containers',
      severity: Severity.ERROR,
      remediation: 'set hostNetwork: true (HostProcess pods always use the host network); remove hostNetwork: false',
    }]);
  });

  test('validatePodSpec returns warnings as well as errors', () => {
    const podSpec = hostProcessSpec({ containers: [{ name: 'a', image: 'img', workingDir: 'hpc' }] });
    expect(HostProcessValidator.validatePodSpec(podSpec, 'spec.template.spec').map(f => [f.field, f.severity])).toEqual([
      ['spec.template.spec.containers[0].workingDir', Severity.WARNING],
    ]);
  });

  test('validateManifest has nothing to say about kinds without pods', () => {
    expect(HostProcessValidator.validateManifest({ kind: 'ConfigMap', data: {} })).toEqual([]);
    // Names of Object.prototype members are kinds like any other, not lookups that throw.
    expect(HostProcessValidator.validateManifest({ kind: 'constructor', spec: {} })).toEqual([]);
  });
});

import { Severity } from 'cdk8s-hostprocess';
import { hostProcessSpec, lines } from './helpers';
import { inheritsRuntimeUser } from '../../../src/core/validation/container-user';
import { validatePodSpec } from '../../../src/core/validation/pod-spec-rules';
import { HostProcessValidator } from '../../../src/core/validation/validator';

const NO_USER = 'no runAsUserName on the container or the pod: it runs as the user its image names, if the node has it ' +
  '(cdk8s-hostprocess warning; the API server accepts it)';
const SYSTEM = 'NT AUTHORITY\\SYSTEM';
const IMAGE = 'mcr.microsoft.com/oss/kubernetes/windows-host-process-containers-base-image:v1.0.0';
const FIELD = 'securityContext.windowsOptions.runAsUserName';

const hostProcessOnly = { windowsOptions: { hostProcess: true } };
const own = (user: unknown) => ({ securityContext: { windowsOptions: { runAsUserName: user } } });

describe('a HostProcess container needs an account: its own runAsUserName or the pod\'s (container runtime warning)', () => {
  test.each<[string, Record<string, unknown>, string[]]>([
    ['the pod sets one', {}, []],
    ['every container sets its own', {
      securityContext: hostProcessOnly,
      initContainers: [{ name: 'i', image: IMAGE, ...own(SYSTEM) }],
      containers: [{ name: 'a', image: IMAGE, ...own('NT AUTHORITY\\Local service') }],
    }, []],
    ['nobody sets one: each container is warned about', {
      securityContext: hostProcessOnly,
      initContainers: [{ name: 'i', image: IMAGE }],
      containers: [{ name: 'a', image: IMAGE }, { name: 'b', image: IMAGE }],
    }, [`spec.initContainers[0].${FIELD}`, `spec.containers[0].${FIELD}`, `spec.containers[1].${FIELD}`]],
    ['only the container without its own', {
      securityContext: hostProcessOnly,
      containers: [{ name: 'a', image: IMAGE, ...own(SYSTEM) }, { name: 'b', image: IMAGE }],
    }, [`spec.containers[1].${FIELD}`]],
    ['the containers ask for HostProcess themselves', {
      securityContext: undefined,
      containers: [{ name: 'a', image: IMAGE, securityContext: { windowsOptions: { hostProcess: true } } }],
    }, [`spec.containers[0].${FIELD}`]],
    ['pod windowsOptions without a user and a container with gMSA only', {
      securityContext: hostProcessOnly,
      containers: [{ name: 'a', image: IMAGE, securityContext: { windowsOptions: { gmsaCredentialSpecName: 'spec' } } }],
    }, [`spec.containers[0].${FIELD}`]],
  ])('%s', (_name, patch, fields) => {
    const findings = validatePodSpec(hostProcessSpec(patch), 'spec').filter(f => f.rule === 'host-process-no-run-as-user-name');
    expect(findings.map(f => [f.field, f.message, f.severity])).toEqual(fields.map(field => [field, NO_USER, Severity.WARNING]));
  });

  test('an empty runAsUserName is the API server\'s error, not also this warning', () => {
    const spec = hostProcessSpec({ securityContext: { windowsOptions: { hostProcess: true, runAsUserName: '' } } });
    expect(lines(spec)).toEqual(['spec.securityContext.windowsOptions.runAsUserName: Invalid value: "": runAsUserName cannot be an empty string']);
  });

  test('a Windows pod that is not HostProcess is not checked', () => {
    expect(lines({ os: { name: 'windows' }, nodeSelector: { 'kubernetes.io/os': 'windows' }, containers: [{ name: 'a', image: IMAGE }] })).toEqual([]);
  });
});

describe('the pod annotation microsoft.com/hostprocess-inherit-user: "true" (hcsshim uses the runtime\'s token)', () => {
  test.each<[string, unknown, boolean]>([
    ['"true"', { 'microsoft.com/hostprocess-inherit-user': 'true' }, true],
    ['"True" (hcsshim compares with "true")', { 'microsoft.com/hostprocess-inherit-user': 'True' }, false],
    ['"false"', { 'microsoft.com/hostprocess-inherit-user': 'false' }, false],
    ['another annotation', { 'example.com/x': 'true' }, false],
    ['no annotations', undefined, false],
    ['annotations that are not a map', 'true', false],
  ])('%s: inherits %s', (_name, annotations, inherits) => {
    expect(inheritsRuntimeUser(annotations)).toBe(inherits);
    const spec = hostProcessSpec({ securityContext: hostProcessOnly });
    expect(validatePodSpec(spec, 'spec', annotations).map(f => f.field)).toEqual(inherits ? [] : [`spec.containers[0].${FIELD}`]);
  });

  const annotations = { 'microsoft.com/hostprocess-inherit-user': 'true' };
  const spec = hostProcessSpec({ securityContext: hostProcessOnly });
  test.each<[string, any]>([
    ['a Pod\'s own metadata', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', annotations }, spec }],
    ['a DaemonSet\'s pod template', { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'd' }, spec: { template: { metadata: { annotations }, spec } } }],
    ['a CronJob\'s pod template', {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'c' },
      spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { metadata: { annotations }, spec } } } },
    }],
  ])('is read from %s', (_name, manifest) => {
    expect(HostProcessValidator.validateManifest(manifest)).toEqual([]);
  });

  test('on the workload instead of its pod template it is not the pod\'s', () => {
    const manifest = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'd', annotations }, spec: { template: { spec } } };
    expect(HostProcessValidator.validateManifest(manifest).map(f => `${f.field}: ${f.message}`))
      .toEqual([`spec.template.spec.containers[0].${FIELD}: ${NO_USER}`]);
  });
});

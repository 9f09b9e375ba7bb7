import * as fc from 'fast-check';
import { errors, hostProcessSpec, withContainer, withPodSecurity } from './helpers';
import { CONTAINER_FIELDS, CONTAINER_FORBIDDEN_PROPS, POD_FIELDS, POD_FORBIDDEN_PROPS, setsAnyPodField, setsForbiddenProp } from '../../../src/core/validation/pod-os';

const FORBIDDEN = 'Forbidden: cannot be set for a windows pod';
const LINUX_FORBIDDEN = 'Forbidden: windows options cannot be set for a linux pod';
const linuxPod = (fields: Record<string, unknown>) => ({ os: { name: 'linux' }, containers: [{ name: 'a', image: 'img' }], ...fields });

describe('spec.os values (rule 9)', () => {
  test.each<[string, unknown, string[]]>([
    ['windows', { name: 'windows' }, []],
    ['unset: no OS checks', undefined, []],
    // validation.go@v1.35.4 validateOS: field.Required with no detail.
    ['empty name', { name: '' }, ['spec.os.name: Required value']],
    ['missing name', {}, ['spec.os.name: Required value']],
    ['capitalised (case-sensitive)', { name: 'Windows' }, ['spec.os: Unsupported value: "Windows": supported values: "linux", "windows"']],
    ['another OS', { name: 'darwin' }, ['spec.os: Unsupported value: "darwin": supported values: "linux", "windows"']],
  ])('%s', (_name, os, expected) => {
    expect(errors(hostProcessSpec({ os }))).toEqual(expected);
  });

  test('an invalid OS skips the Windows checks', () => {
    const spec = { ...withPodSecurity({ runAsUser: 1000 }), os: { name: 'Windows' } };
    expect(errors(spec)).toEqual(['spec.os: Unsupported value: "Windows": supported values: "linux", "windows"']);
  });

  test('without spec.os, Linux-only fields and windowsOptions may coexist (rule 11)', () => {
    const spec = { ...withPodSecurity({ runAsUser: 1000 }), os: undefined, nodeSelector: { 'kubernetes.io/os': 'windows' } };
    expect(errors(spec)).toEqual([]);
  });
});

describe('linux pods cannot have windowsOptions (rule 10)', () => {
  test.each<[string, any, string[]]>([
    ['plain linux pod', linuxPod({}), []],
    ['linux pod with Linux fields', linuxPod({ securityContext: { runAsUser: 1000 } }), []],
    ['pod windowsOptions', linuxPod({ securityContext: { windowsOptions: { runAsUserName: 'ContainerUser' } } }),
      [`spec.securityContext.windowsOptions: ${LINUX_FORBIDDEN}`]],
    ['every container kind', linuxPod({
      initContainers: [{ name: 'i', image: 'img', securityContext: { windowsOptions: {} } }],
      containers: [{ name: 'a', image: 'img', securityContext: { windowsOptions: {} } }],
    }), [
      `spec.initContainers[0].securityContext.windowsOptions: ${LINUX_FORBIDDEN}`,
      `spec.containers[0].securityContext.windowsOptions: ${LINUX_FORBIDDEN}`,
    ]],
  ])('%s', (_name, spec, expected) => {
    expect(errors(spec)).toEqual(expected);
  });
});

describe('pod fields forbidden for a windows pod (rule 12)', () => {
  test.each<[string, any, string[]]>([
    ['securityContext.appArmorProfile', withPodSecurity({ appArmorProfile: { type: 'RuntimeDefault' } }), [`spec.securityContext.appArmorProfile: ${FORBIDDEN}`]],
    ['securityContext.seLinuxOptions', withPodSecurity({ seLinuxOptions: { level: 's0' } }), [`spec.securityContext.seLinuxOptions: ${FORBIDDEN}`]],
    ['hostUsers: true', hostProcessSpec({ hostUsers: true }), [`spec.hostUsers: ${FORBIDDEN}`]],
    ['hostPID: true', hostProcessSpec({ hostPID: true }), [`spec.hostPID: ${FORBIDDEN}`]],
    ['hostPID: false is allowed', hostProcessSpec({ hostPID: false }), []],
    ['hostIPC: true', hostProcessSpec({ hostIPC: true }), [`spec.hostIPC: ${FORBIDDEN}`]],
    ['hostIPC: false is allowed', hostProcessSpec({ hostIPC: false }), []],
    ['securityContext.seccompProfile', withPodSecurity({ seccompProfile: { type: 'RuntimeDefault' } }), [`spec.securityContext.seccompProfile: ${FORBIDDEN}`]],
    ['securityContext.fsGroup', withPodSecurity({ fsGroup: 2000 }), [`spec.securityContext.fsGroup: ${FORBIDDEN}`]],
    ['securityContext.fsGroupChangePolicy', withPodSecurity({ fsGroupChangePolicy: 'Always' }), [`spec.securityContext.fsGroupChangePolicy: ${FORBIDDEN}`]],
    ['securityContext.sysctls', withPodSecurity({ sysctls: [{ name: 'kernel.shm_rmid_forced', value: '1' }] }), [`spec.securityContext.sysctls: ${FORBIDDEN}`]],
    ['empty sysctls are allowed', withPodSecurity({ sysctls: [] }), []],
    ['shareProcessNamespace: false', hostProcessSpec({ shareProcessNamespace: false }), [`spec.shareProcessNamespace: ${FORBIDDEN}`]],
    ['securityContext.runAsUser', withPodSecurity({ runAsUser: 0 }), [`spec.securityContext.runAsUser: ${FORBIDDEN}`]],
    ['securityContext.runAsGroup', withPodSecurity({ runAsGroup: 0 }), [`spec.securityContext.runAsGroup: ${FORBIDDEN}`]],
    ['securityContext.supplementalGroups', withPodSecurity({ supplementalGroups: [1000] }), [`spec.securityContext.supplementalGroups: ${FORBIDDEN}`]],
    ['securityContext.supplementalGroupsPolicy', withPodSecurity({ supplementalGroupsPolicy: 'Strict' }), [`spec.securityContext.supplementalGroupsPolicy: ${FORBIDDEN}`]],
    ['securityContext.seLinuxChangePolicy', withPodSecurity({ seLinuxChangePolicy: 'Recursive' }), [`spec.securityContext.seLinuxChangePolicy: ${FORBIDDEN}`]],
    ['runAsNonRoot: false and windowsOptions are allowed', withPodSecurity({ runAsNonRoot: false }), []],
    ['null counts as unset', withPodSecurity({ runAsUser: null, fsGroup: null }), []],
  ])('%s', (_name, spec, expected) => {
    expect(errors(spec)).toEqual(expected);
  });

  test('every forbidden pod field at once, in the order Kubernetes reports them', () => {
    const spec = {
      ...withPodSecurity({
        appArmorProfile: {},
        seLinuxOptions: {},
        seccompProfile: {},
        fsGroup: 1,
        fsGroupChangePolicy: 'Always',
        sysctls: [{ name: 'a', value: 'b' }],
        runAsUser: 1,
        runAsGroup: 1,
        supplementalGroups: [],
        supplementalGroupsPolicy: 'Merge',
        seLinuxChangePolicy: 'MountOption',
      }),
      hostUsers: true,
      hostPID: true,
      hostIPC: true,
      shareProcessNamespace: false,
    };
    expect(errors(spec)).toEqual([
      'spec.securityContext.appArmorProfile', 'spec.securityContext.seLinuxOptions', 'spec.hostUsers', 'spec.hostPID',
      'spec.hostIPC', 'spec.securityContext.seccompProfile', 'spec.securityContext.fsGroup',
      'spec.securityContext.fsGroupChangePolicy', 'spec.securityContext.sysctls', 'spec.shareProcessNamespace',
      'spec.securityContext.runAsUser', 'spec.securityContext.runAsGroup', 'spec.securityContext.supplementalGroups',
      'spec.securityContext.supplementalGroupsPolicy', 'spec.securityContext.seLinuxChangePolicy',
    ].map(f => `${f}: ${FORBIDDEN}`));
  });
});

describe('container fields forbidden for a windows pod, even when false (rule 13)', () => {
  const C = 'spec.containers[0].securityContext';
  test.each<[string, unknown]>([
    ['appArmorProfile', { type: 'RuntimeDefault' }],
    ['seLinuxOptions', { level: 's0' }],
    ['seccompProfile', { type: 'RuntimeDefault' }],
    ['capabilities', { drop: ['ALL'] }],
    ['readOnlyRootFilesystem', false],
    ['privileged', false],
    ['allowPrivilegeEscalation', false],
    ['procMount', 'Default'],
    ['runAsUser', 0],
    ['runAsGroup', 0],
  ])('%s', (field, value) => {
    expect(errors(withContainer({ securityContext: { [field]: value } }))).toEqual([`${C}.${field}: ${FORBIDDEN}`]);
  });

  test('windowsOptions and runAsNonRoot: false are allowed on a container', () => {
    expect(errors(withContainer({ securityContext: { runAsNonRoot: false, windowsOptions: { hostProcess: true } } }))).toEqual([]);
  });

  test('init containers are checked too, before containers', () => {
    const spec = hostProcessSpec({
      initContainers: [{ name: 'i', image: 'img', securityContext: { privileged: true } }],
      containers: [{ name: 'a', image: 'img', securityContext: { capabilities: {} } }],
    });
    expect(errors(spec)).toEqual([
      `spec.initContainers[0].securityContext.privileged: ${FORBIDDEN}`,
      `spec.containers[0].securityContext.capabilities: ${FORBIDDEN}`,
    ]);
  });
});

describe('pod-level resources on a windows pod (validatePodResources, v1.34+)', () => {
  const RESOURCES_FORBIDDEN = 'Forbidden: may not be set for a windows pod';
  const resources = { limits: { cpu: '1', memory: '1Gi' } };
  test.each<[string, string, any, string[]]>([
    ['windows pod with resources', 'spec', hostProcessSpec({ resources }), [`spec.resources: ${RESOURCES_FORBIDDEN}`]],
    ['empty resources are still set', 'spec', hostProcessSpec({ resources: {} }), [`spec.resources: ${RESOURCES_FORBIDDEN}`]],
    ['in a pod template', 'spec.template.spec', hostProcessSpec({ resources }), [`spec.template.spec.resources: ${RESOURCES_FORBIDDEN}`]],
    ['null counts as unset', 'spec', hostProcessSpec({ resources: null }), []],
    ['container resources are allowed', 'spec', withContainer({ resources }), []],
    ['linux pod: not this rule', 'spec', linuxPod({ resources }), []],
    ['no spec.os: not this rule, even with a windows nodeSelector', 'spec',
      hostProcessSpec({ os: undefined, nodeSelector: { 'kubernetes.io/os': 'windows' }, resources }), []],
    ['invalid OS name: not this rule', 'spec', hostProcessSpec({ os: { name: 'Windows' }, resources }),
      ['spec.os: Unsupported value: "Windows": supported values: "linux", "windows"']],
  ])('%s', (_name, prefix, spec, expected) => {
    expect(errors(spec, prefix)).toEqual(expected);
  });

  test('is reported after the containers, before hostPort, HostProcess and the other Windows checks', () => {
    const spec = hostProcessSpec({
      resources,
      hostPID: true,
      containers: [{
        name: 'a',
        image: 'img',
        ports: [{ containerPort: 80, hostPort: 81 }],
        securityContext: { windowsOptions: { runAsUserName: '' } },
      }, {
        name: 'b',
        image: 'img',
        securityContext: { windowsOptions: { hostProcess: false } },
      }],
    });
    expect(errors(spec, 'spec.template.spec')).toEqual([
      'spec.template.spec.containers[0].securityContext.windowsOptions.runAsUserName: Invalid value: "": runAsUserName cannot be an empty string',
      `spec.template.spec.resources: ${RESOURCES_FORBIDDEN}`,
      'spec.template.spec.containers[0].ports[0].hostPort: Invalid value: 81: must match `containerPort` when `hostNetwork` is true',
      'spec.template.spec.containers[1].securityContext.windowsOptions.hostProcess: Invalid value: false: pod hostProcess value must be identical if both are specified, was true',
      'spec.template.spec: Invalid value: "": If pod contains any hostProcess containers then all containers must be HostProcess containers',
      `spec.template.spec.hostPID: ${FORBIDDEN}`,
    ]);
  });
});

describe('the kplus props that write fields validateWindows forbids', () => {
  test('each writes a field of validateWindows\' own table', () => {
    const podFields = POD_FIELDS.map(([field]) => field);
    expect(POD_FORBIDDEN_PROPS.map(p => `securityContext.${p.field}`).filter(f => !podFields.includes(f))).toEqual([]);
    expect(CONTAINER_FORBIDDEN_PROPS.map(p => p.field).filter(f => !CONTAINER_FIELDS.includes(f))).toEqual([]);
  });

  test.each<[string, unknown, boolean]>([
    ['set', 0, true], ['set', undefined, false], ['true', true, true], ['true', false, false],
    ['non-empty', [{ name: 'a', value: 'b' }], true], ['non-empty', [], false],
  ])('when %s, the value %j counts as set: %s', (when, value, set) => {
    expect(setsForbiddenProp({ p: value }, { field: 'f', prop: 'p', when: when as any, why: '', fix: '' })).toBe(set);
  });
});

describe('setsAnyPodField, which spares the engine the table when nothing of it is set', () => {
  const value = fc.oneof(fc.constant(undefined), fc.constant(null), fc.boolean(), fc.integer(), fc.string(),
    fc.constant([]), fc.array(fc.integer(), { minLength: 1, maxLength: 2 }), fc.constant({}));
  // A few of the table's fields (and two it does not list) at a time, so that each is often alone.
  const fields = [...POD_FIELDS.map(([f]) => f), 'hostNetwork', 'securityContext.windowsOptions'];
  const podSpec = fc.uniqueArray(fc.tuple(fc.constantFrom(...fields), value), { maxLength: 3, selector: ([f]) => f }).map(entries => {
    const spec: any = {};
    for (const [field, v] of entries) {
      if (field.startsWith('securityContext.')) (spec.securityContext ??= {})[field.slice(16)] = v;
      else spec[field] = v;
    }
    return spec;
  });

  test('is true whenever a condition of the table holds (never hides a finding)', () => {
    fc.assert(fc.property(podSpec, spec => !POD_FIELDS.some(([, holds]) => holds(spec)) || setsAnyPodField(spec)), { seed: 20261203, numRuns: 2000 });
  });

  test.each(POD_FIELDS.map(([field]) => [field]))('is true for %s set alone', field => {
    const [head, tail] = field.startsWith('securityContext.') ? ['securityContext', field.slice(16)] : [field, undefined];
    const spec = tail === undefined ? { [head]: true } : { securityContext: { [tail]: [1] } };
    expect(setsAnyPodField(spec)).toBe(true);
  });

  test('is false for the HostProcess pod the constructs write', () => {
    expect(setsAnyPodField({ hostNetwork: true, securityContext: { windowsOptions: { hostProcess: true, runAsUserName: 'NT AUTHORITY\\SYSTEM' } } })).toBe(false);
  });
});

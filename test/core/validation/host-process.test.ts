import { errors, hostProcessSpec } from './helpers';

// Rules §A: validateWindowsHostProcessPod. Each row: a pod spec and exactly what the API server reports.
const image = 'img';
const hp = (value?: boolean) => (value === undefined ? {} : { securityContext: { windowsOptions: { hostProcess: value } } });
const ctr = (name: string, value?: boolean) => ({ name, image, ...hp(value) });
const pod = (podValue: boolean | undefined, fields: Record<string, unknown>) => ({
  hostNetwork: true,
  ...hp(podValue),
  ...fields,
});

const ALL_OR_NOTHING = 'spec: Invalid value: "": If pod contains any hostProcess containers then all containers must be HostProcess containers';
const HOST_NETWORK = 'spec.hostNetwork: Invalid value: false: hostNetwork must be true if pod contains any hostProcess containers';

describe('hostProcess agreement, all-or-nothing and hostNetwork (rules 1-4)', () => {
  test.each<[string, any, string[]]>([
    ['pod true, containers inherit', pod(true, { containers: [ctr('a'), ctr('b')] }), []],
    ['pod unset, every container true', pod(undefined, { containers: [ctr('a', true), ctr('b', true)] }), []],
    ['pod and container both true', pod(true, { containers: [ctr('a', true)] }), []],
    ['pod and container both false', pod(false, { containers: [ctr('a', false)] }), []],
    ['no hostProcess anywhere, no hostNetwork', { containers: [ctr('a')] }, []],
    ['pod true, container false', pod(true, { containers: [ctr('a'), ctr('b', false)] }), [
      'spec.containers[1].securityContext.windowsOptions.hostProcess: Invalid value: false: pod hostProcess value must be identical if both are specified, was true',
      ALL_OR_NOTHING,
    ]],
    ['pod false, container true', pod(false, { containers: [ctr('a', true)] }), [
      'spec.containers[0].securityContext.windowsOptions.hostProcess: Invalid value: true: pod hostProcess value must be identical if both are specified, was false',
    ]],
    ['one container true, one unset, pod unset', pod(undefined, { containers: [ctr('a', true), ctr('b')] }), [ALL_OR_NOTHING]],
    ['init container not HostProcess', pod(undefined, { initContainers: [ctr('i')], containers: [ctr('a', true)] }), [ALL_OR_NOTHING]],
    ['init container false under pod true', pod(true, { initContainers: [ctr('i', false)], containers: [ctr('a')] }), [
      'spec.initContainers[0].securityContext.windowsOptions.hostProcess: Invalid value: false: pod hostProcess value must be identical if both are specified, was true',
      ALL_OR_NOTHING,
    ]],
    ['ephemeral container false under pod true', pod(true, { containers: [ctr('a')], ephemeralContainers: [ctr('e', false)] }), [
      'spec.ephemeralContainers[0].securityContext.windowsOptions.hostProcess: Invalid value: false: pod hostProcess value must be identical if both are specified, was true',
      ALL_OR_NOTHING,
      'spec.ephemeralContainers: Forbidden: cannot be set on create',
    ]],
    ['hostNetwork unset', { ...hp(true), containers: [ctr('a')] }, [HOST_NETWORK]],
    ['hostNetwork false', { ...hp(true), hostNetwork: false, containers: [ctr('a')] }, [HOST_NETWORK]],
    ['hostNetwork false, container-level only', { hostNetwork: false, containers: [ctr('a', true)] }, [HOST_NETWORK]],
    ['hostNetwork false without HostProcess', { hostNetwork: false, containers: [ctr('a')] }, []],
  ])('%s', (_name, spec, expected) => {
    expect(errors(spec)).toEqual(expected);
  });
});

describe('ephemeral containers on create (rule 7)', () => {
  test('a Pod cannot be created with ephemeral containers', () => {
    const spec = hostProcessSpec({ ephemeralContainers: [{ name: 'debug', image }] });
    expect(errors(spec)).toEqual(['spec.ephemeralContainers: Forbidden: cannot be set on create']);
  });

  test('a pod template cannot have ephemeral containers either', () => {
    const spec = hostProcessSpec({ ephemeralContainers: [{ name: 'debug', image }] });
    expect(errors(spec, 'spec.template.spec')).toEqual(['spec.template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod template']);
  });

  test('an empty list is not an ephemeral container', () => {
    expect(errors(hostProcessSpec({ ephemeralContainers: [] }))).toEqual([]);
  });
});

import { errors, hostProcessSpec } from './helpers';

const MUST_MATCH = 'must match `containerPort` when `hostNetwork` is true';
const withPorts = (ports: any[], extra: Record<string, unknown> = {}) =>
  hostProcessSpec({ containers: [{ name: 'a', image: 'img', ports }], ...extra });

describe('hostPort with hostNetwork (rule 19)', () => {
  test.each<[string, string, any, string[]]>([
    ['template: hostPort unset', 'spec.template.spec', withPorts([{ containerPort: 9182 }]), []],
    ['template: hostPort 0', 'spec.template.spec', withPorts([{ containerPort: 9182, hostPort: 0 }]), []],
    ['template: hostPort equal', 'spec.template.spec', withPorts([{ containerPort: 9182, hostPort: 9182 }]), []],
    ['template: hostPort differs', 'spec.template.spec', withPorts([{ containerPort: 9182, hostPort: 9090 }]),
      [`spec.template.spec.containers[0].ports[0].hostPort: Invalid value: 9090: ${MUST_MATCH}`]],
    ['Pod: hostPort unset is defaulted to containerPort', 'spec', withPorts([{ containerPort: 9182 }]), []],
    ['Pod: hostPort differs', 'spec', withPorts([{ containerPort: 9182, hostPort: 9090 }]),
      [`spec.containers[0].ports[0].hostPort: Invalid value: 9090: ${MUST_MATCH}`]],
    ['without hostNetwork nothing to match (no HostProcess either)', 'spec',
      { containers: [{ name: 'a', image: 'img', ports: [{ containerPort: 80, hostPort: 8080 }] }] }, []],
    ['init containers are not checked', 'spec.template.spec',
      hostProcessSpec({ initContainers: [{ name: 'i', image: 'img', ports: [{ containerPort: 80, hostPort: 8080 }] }] }), []],
  ])('%s', (_name, prefix, spec, expected) => {
    expect(errors(spec, prefix)).toEqual(expected);
  });
});

describe('duplicate hostPorts (rule 20)', () => {
  const two = (a: any, b: any) => hostProcessSpec({
    containers: [{ name: 'a', image: 'img', ports: [a] }, { name: 'b', image: 'img', ports: [b] }],
  });
  test.each<[string, string, any, string[]]>([
    ['same hostPort twice', 'spec.template.spec', two({ containerPort: 80, hostPort: 80 }, { containerPort: 80, hostPort: 80 }),
      ['spec.template.spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//80"']],
    ['different protocols', 'spec.template.spec', two({ containerPort: 53, hostPort: 53 }, { containerPort: 53, hostPort: 53, protocol: 'UDP' }), []],
    ['template: unset hostPorts are not compared', 'spec.template.spec', two({ containerPort: 80 }, { containerPort: 80 }), []],
    ['Pod: unset hostPorts are defaulted, then compared', 'spec', two({ containerPort: 80 }, { containerPort: 80 }),
      ['spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//80"']],
  ])('%s', (_name, prefix, spec, expected) => {
    expect(errors(spec, prefix)).toEqual(expected);
  });
});

describe('hostUsers: false with host namespaces (validateHostUsers)', () => {
  // validation.go@v1.35.4 validateHostUsers; the HostPID and HostIPC paths are capitalised upstream.
  const WHEN = 'Forbidden: when `hostUsers` is false';
  const noOs = (fields: Record<string, unknown>) => hostProcessSpec({ os: undefined, ...fields });
  test.each<[string, any, string[]]>([
    ['hostNetwork', noOs({ hostUsers: false }), [`spec.hostNetwork: ${WHEN}`]],
    ['hostPID', noOs({ hostUsers: false, hostPID: true }), [`spec.hostNetwork: ${WHEN}`, `spec.HostPID: ${WHEN}`]],
    ['hostIPC', noOs({ hostUsers: false, hostIPC: true }), [`spec.hostNetwork: ${WHEN}`, `spec.HostIPC: ${WHEN}`]],
    ['hostPID and hostIPC false are fine', noOs({ hostUsers: false, hostPID: false, hostIPC: false }), [`spec.hostNetwork: ${WHEN}`]],
    ['hostUsers: true checks nothing', noOs({ hostUsers: true, hostPID: true, hostIPC: true }), []],
  ])('%s', (_name, spec, expected) => {
    expect(errors(spec)).toEqual(expected);
  });

  test('is reported before the Windows checks', () => {
    expect(errors(hostProcessSpec({ hostUsers: false, hostPID: true }))).toEqual([
      `spec.hostNetwork: ${WHEN}`,
      `spec.HostPID: ${WHEN}`,
      'spec.hostUsers: Forbidden: cannot be set for a windows pod',
      'spec.hostPID: Forbidden: cannot be set for a windows pod',
    ]);
  });
});

describe('shareProcessNamespace with hostPID (validateShareProcessNamespace)', () => {
  // validation.go@v1.37.2 validateShareProcessNamespace: refused only when both are true.
  const BOTH = 'Invalid value: true: ShareProcessNamespace and HostPID cannot both be enabled';
  const noOs = (fields: Record<string, unknown>) => hostProcessSpec({ os: undefined, ...fields });
  test.each<[string, string, any, string[]]>([
    ['both true', 'spec', noOs({ hostPID: true, shareProcessNamespace: true }), [`spec.shareProcessNamespace: ${BOTH}`]],
    ['both true in a template', 'spec.template.spec', noOs({ hostPID: true, shareProcessNamespace: true }),
      [`spec.template.spec.shareProcessNamespace: ${BOTH}`]],
    ['shareProcessNamespace false', 'spec', noOs({ hostPID: true, shareProcessNamespace: false }), []],
    ['hostPID false', 'spec', noOs({ hostPID: false, shareProcessNamespace: true }), []],
    ['hostPID unset', 'spec', noOs({ shareProcessNamespace: true }), []],
    ['not booleans: a decoding error, not this rule', 'spec', noOs({ hostPID: 'true', shareProcessNamespace: 'true' }), []],
  ])('%s', (_name, prefix, spec, expected) => {
    expect(errors(spec, prefix)).toEqual(expected);
  });

  test('is reported before the Windows checks, which forbid both fields too', () => {
    expect(errors(hostProcessSpec({ hostPID: true, shareProcessNamespace: true }))).toEqual([
      `spec.shareProcessNamespace: ${BOTH}`,
      'spec.hostPID: Forbidden: cannot be set for a windows pod',
      'spec.shareProcessNamespace: Forbidden: cannot be set for a windows pod',
    ]);
  });
});

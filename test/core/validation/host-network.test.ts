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

describe('hostUsers: false with hostNetwork (validateHostUsers)', () => {
  test('is forbidden, before the Windows checks', () => {
    expect(errors(hostProcessSpec({ hostUsers: false }))).toEqual([
      'spec.hostNetwork: Forbidden: when `pod.Spec.HostUsers` is false',
      'spec.hostUsers: Forbidden: cannot be set for a windows pod',
    ]);
  });
});

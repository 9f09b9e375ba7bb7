// validateContainers and validateInitContainers (validation.go@v1.37.2), container by container: the
// words are the API server's, checked against it by the rule cases and the differential fuzzer.
import { errors, hostProcessSpec } from './helpers';

const DNS_LABEL = 'a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end ' +
  'with an alphanumeric character (e.g. \'my-name\',  or \'123-abc\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?\')';
const RANGE = 'must be between 1 and 65535, inclusive';
const C = 'spec.template.spec.containers[0]';

/** A Linux pod template (only the rules of this file apply) with one container of `fields`. */
const withContainer = (fields: Record<string, unknown>, spec: Record<string, unknown> = {}) =>
  ({ containers: [{ name: 'a', image: 'img', ...fields }], ...spec });

describe('a container\'s name and image (validateContainerCommon)', () => {
  test.each<[string, any, string[]]>([
    ['no name', { name: undefined }, [`${C}.name: Required value`]],
    ['an empty name', { name: '' }, [`${C}.name: Required value`]],
    ['upper case', { name: 'Agent' }, [`${C}.name: Invalid value: "Agent": ${DNS_LABEL}`]],
    ['dots', { name: 'agent.v2' }, [`${C}.name: Invalid value: "agent.v2": must not contain dots`]],
    ['64 characters', { name: 'a'.repeat(64) }, [`${C}.name: Invalid value: "${'a'.repeat(64)}": must be no more than 63 characters`]],
    ['63 characters', { name: 'a'.repeat(63) }, []],
    ['no image', { image: undefined }, [`${C}.image: Required value`]],
    ['an empty image', { image: '' }, [`${C}.image: Required value`]],
  ])('%s', (_name, fields, expected) => {
    expect(errors(withContainer(fields), 'spec.template.spec')).toEqual(expected);
  });

  test('names are unique across containers and init containers', () => {
    const spec = { containers: [{ name: 'a', image: 'img' }, { name: 'a', image: 'img' }], initContainers: [{ name: 'a', image: 'img' }] };
    expect(errors(spec)).toEqual(['spec.containers[1].name: Duplicate value: "a"', 'spec.initContainers[0].name: Duplicate value: "a"']);
  });
});

describe('container ports (validateContainerPorts)', () => {
  test.each<[string, any[], string[]]>([
    ['named ports', [{ name: 'http', containerPort: 80 }, { name: 'metrics', containerPort: 9100, hostPort: 9100, protocol: 'TCP' }], []],
    ['containerPort 0', [{ containerPort: 0 }], [`${C}.ports[0].containerPort: Required value`]],
    ['no containerPort', [{ name: 'http' }], [`${C}.ports[0].containerPort: Required value`]],
    ['containerPort 99999', [{ containerPort: 99999 }], [`${C}.ports[0].containerPort: Invalid value: 99999: ${RANGE}`]],
    ['containerPort -1', [{ containerPort: -1 }], [`${C}.ports[0].containerPort: Invalid value: -1: ${RANGE}`]],
    ['hostPort 70000', [{ containerPort: 80, hostPort: 70000 }], [`${C}.ports[0].hostPort: Invalid value: 70000: ${RANGE}`]],
    ['hostPort 0 is unset', [{ containerPort: 80, hostPort: 0 }], []],
    ['a lower-case protocol', [{ containerPort: 80, protocol: 'tcp' }],
      [`${C}.ports[0].protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"`]],
    ['an empty protocol is defaulted to TCP', [{ containerPort: 80, protocol: '' }], []],
    ['a name in upper case', [{ name: 'HTTP', containerPort: 80 }], [
      `${C}.ports[0].name: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)`,
      `${C}.ports[0].name: Invalid value: "HTTP": must contain at least one letter (a-z)`,
    ]],
    ['a name of 16 characters', [{ name: 'x'.repeat(16), containerPort: 80 }],
      [`${C}.ports[0].name: Invalid value: "${'x'.repeat(16)}": must be no more than 15 characters`]],
    ['a name twice', [{ name: 'web', containerPort: 80 }, { name: 'web', containerPort: 81 }], [`${C}.ports[1].name: Duplicate value: "web"`]],
  ])('%s', (_name, ports, expected) => {
    expect(errors(withContainer({ ports }), 'spec.template.spec')).toEqual(expected);
  });

  test('a bare Pod on the host network takes an unset hostPort from containerPort (SetDefaults_Pod)', () => {
    const spec = withContainer({ ports: [{ containerPort: 99999 }] }, { hostNetwork: true });
    expect(errors(spec)).toEqual([
      `spec.containers[0].ports[0].containerPort: Invalid value: 99999: ${RANGE}`,
      `spec.containers[0].ports[0].hostPort: Invalid value: 99999: ${RANGE}`,
    ]);
    expect(errors(spec, 'spec.template.spec')).toEqual([`${C}.ports[0].containerPort: Invalid value: 99999: ${RANGE}`]);
  });

  test('an init container\'s hostPorts clash only with its own, and are named initContainers[0] as upstream does', () => {
    const ports = [{ containerPort: 80, hostPort: 80 }, { containerPort: 81, hostPort: 80 }];
    const spec = {
      containers: [{ name: 'a', image: 'img', ports: [{ containerPort: 80, hostPort: 80 }] }],
      initContainers: [{ name: 'i', image: 'img' }, { name: 'j', image: 'img', ports }],
    };
    expect(errors(spec)).toEqual(['spec.initContainers[0].ports[1].hostPort: Duplicate value: "TCP//80"']);
  });
});

describe('volume mounts (ValidateVolumeMounts)', () => {
  const volumes = [{ name: 'logs', emptyDir: {} }];
  test.each<[string, any[], string[]]>([
    ['a mount of a volume', [{ name: 'logs', mountPath: 'C:\\logs' }], []],
    ['a volume the pod does not have', [{ name: 'missing', mountPath: 'C:\\x' }], [`${C}.volumeMounts[0].name: Not found: "missing"`]],
    ['no volume name', [{ mountPath: 'C:\\x' }], [`${C}.volumeMounts[0].name: Required value`, `${C}.volumeMounts[0].name: Not found: ""`]],
    ['no mountPath', [{ name: 'logs' }], [`${C}.volumeMounts[0].mountPath: Required value`]],
    ['a mountPath twice', [{ name: 'logs', mountPath: 'C:\\a' }, { name: 'logs', mountPath: 'C:\\a' }],
      [`${C}.volumeMounts[1].mountPath: Invalid value: "C:\\\\a": must be unique`]],
  ])('%s', (_name, mounts, expected) => {
    expect(errors(withContainer({ volumeMounts: mounts }, { volumes }), 'spec.template.spec')).toEqual(expected);
  });
});

describe('resources (validateResourceRequirements)', () => {
  test.each<[string, any, string[]]>([
    ['requests within limits', { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '0.1', memory: '128Mi' } }, []],
    ['equal in another form', { limits: { cpu: '2' }, requests: { cpu: '2000m' } }, []],
    // Values are printed as Quantity.String() does: 1024Mi is 1Gi, 1500m stays.
    ['a request above its limit', { limits: { memory: '1024Mi' }, requests: { memory: '1025Mi' } },
      [`${C}.resources.requests: Invalid value: "1025Mi": must be less than or equal to memory limit of 1Gi`]],
    ['decimal and binary compared by value', { limits: { memory: '1G' }, requests: { memory: '1Gi' } },
      [`${C}.resources.requests: Invalid value: "1Gi": must be less than or equal to memory limit of 1G`]],
    ['a negative limit', { limits: { cpu: '-1' } }, [`${C}.resources.limits[cpu]: Invalid value: "-1": must be greater than or equal to 0`]],
    ['a resource containers cannot ask for', { requests: { foo: '1' } }, [
      `${C}.resources.requests[foo]: Invalid value: "foo": must be a standard resource type or fully qualified`,
      `${C}.resources.requests[foo]: Invalid value: "foo": must be a standard resource for containers`,
    ]],
    ['a quota name', { requests: { pods: '1' } }, [`${C}.resources.requests[pods]: Invalid value: "pods": must be a standard resource for containers`]],
    ['hugepages must request what they limit', { limits: { 'hugepages-2Mi': '2Mi' }, requests: { 'hugepages-2Mi': '4Mi' } },
      [`${C}.resources.requests: Invalid value: "4Mi": must be equal to hugepages-2Mi limit of 2Mi`]],
    ['an extended resource needs a limit', { requests: { 'example.com/gpu': '1' } },
      [`${C}.resources.limits: Required value: Limit must be set for non overcommitable resources`]],
    ['a cdk8s Quantity', { limits: { cpu: { value: '1' } }, requests: { cpu: { value: '1500m' } } },
      [`${C}.resources.requests: Invalid value: "1500m": must be less than or equal to cpu limit of 1`]],
    ['a quantity that does not parse is the decoder\'s', { limits: { cpu: 'abc' } }, []],
  ])('%s', (_name, resources, expected) => {
    expect(errors(withContainer({ resources }), 'spec.template.spec')).toEqual(expected);
  });

  test('a bare Pod requests what it limits (SetDefaults_Pod), so a negative limit is a negative request too', () => {
    expect(errors(withContainer({ resources: { limits: { cpu: '-1' } } }))).toEqual([
      'spec.containers[0].resources.limits[cpu]: Invalid value: "-1": must be greater than or equal to 0',
      'spec.containers[0].resources.requests[cpu]: Invalid value: "-1": must be greater than or equal to 0',
    ]);
  });
});

describe('a container\'s securityContext (ValidateSecurityContext)', () => {
  const value = (sc: string) => `{"Capabilities":null,"Privileged":true,"SELinuxOptions":null,"WindowsOptions":null,${sc}` +
    '"RunAsNonRoot":null,"ReadOnlyRootFilesystem":null,"AllowPrivilegeEscalation":false,"ProcMount":null,"SeccompProfile":null,"AppArmorProfile":null}';
  test.each<[string, any, string[]]>([
    ['runAsUser -1', { runAsUser: -1 }, [`${C}.securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive`]],
    ['privileged may escalate', { privileged: true, allowPrivilegeEscalation: true }, []],
    // The v1.37.2 API server prints the internal struct as JSON, Go field names and all.
    ['privileged but may not escalate', { privileged: true, allowPrivilegeEscalation: false }, [
      `${C}.securityContext: Invalid value: ${value('"RunAsUser":null,"RunAsGroup":null,')}: cannot set \`allowPrivilegeEscalation\` to false and \`privileged\` to true`,
    ]],
    ['CAP_SYS_ADMIN but may not escalate', { capabilities: { add: ['CAP_SYS_ADMIN'] }, allowPrivilegeEscalation: false }, [
      `${C}.securityContext: Invalid value: {"Capabilities":{"Add":["CAP_SYS_ADMIN"],"Drop":null},"Privileged":null,"SELinuxOptions":null,` +
      '"WindowsOptions":null,"RunAsUser":null,"RunAsGroup":null,"RunAsNonRoot":null,"ReadOnlyRootFilesystem":null,"AllowPrivilegeEscalation":false,' +
      '"ProcMount":null,"SeccompProfile":null,"AppArmorProfile":null}: cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN',
    ]],
  ])('%s', (_name, securityContext, expected) => {
    expect(errors(withContainer({ securityContext }), 'spec.template.spec')).toEqual(expected);
  });
});

describe('init containers (validateInitContainers)', () => {
  const I = 'spec.initContainers[0]';
  const FORBIDDEN = 'Forbidden: may not be set for init containers without restartPolicy=Always';
  const probe = { exec: { command: ['cmd'] } };
  test.each<[string, any, string[]]>([
    ['a sidecar may have probes and hooks', { restartPolicy: 'Always', livenessProbe: probe, lifecycle: { preStop: probe } }, []],
    ['a sidecar\'s probes are checked', { restartPolicy: 'Always', startupProbe: {} }, [`${I}.startupProbe: Required value: must specify a handler type`]],
    ['others may not', { livenessProbe: probe, readinessProbe: probe, startupProbe: probe, lifecycle: { preStop: probe } }, [
      `${I}.lifecycle: ${FORBIDDEN}`, `${I}.livenessProbe: ${FORBIDDEN}`, `${I}.readinessProbe: ${FORBIDDEN}`, `${I}.startupProbe: ${FORBIDDEN}`,
    ]],
    // ContainerRestartRules (on by default from 1.35) adds Never and OnFailure.
    ['restartPolicy Never', { restartPolicy: 'Never' }, []],
    ['restartPolicy Sometimes', { restartPolicy: 'Sometimes' },
      [`${I}.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "Never", "OnFailure"`]],
  ])('%s', (_name, fields, expected) => {
    expect(errors({ containers: [{ name: 'a', image: 'img' }], initContainers: [{ name: 'i', image: 'img', ...fields }] })).toEqual(expected);
  });
});

test('each container\'s findings come together, in validateContainerCommon\'s order, before the pod\'s own', () => {
  const spec = hostProcessSpec({
    hostNetwork: false,
    containers: [
      { name: 'A', ports: [{ containerPort: 0 }], securityContext: { windowsOptions: { runAsUserName: '' } }, lifecycle: { preStop: {} } },
      { name: 'A', image: 'img' },
    ],
  });
  expect(errors(spec).map(l => l.slice(0, l.indexOf(': ')))).toEqual([
    'spec.containers[0].name',
    'spec.containers[0].image',
    'spec.containers[0].ports[0].containerPort',
    'spec.containers[0].securityContext.windowsOptions.runAsUserName',
    'spec.containers[0].lifecycle.preStop',
    'spec.containers[1].name',
    'spec.containers[1].name',
    'spec.hostNetwork',
  ]);
});

test('ephemeral containers are checked as the others are, and by a name of their own', () => {
  const spec = { containers: [{ name: 'a', image: 'img' }], ephemeralContainers: [{ name: 'a', image: '' }] };
  expect(errors(spec)).toEqual([
    'spec.ephemeralContainers[0].image: Required value',
    'spec.ephemeralContainers[0].name: Duplicate value: "a"',
    'spec.ephemeralContainers: Forbidden: cannot be set on create',
  ]);
});

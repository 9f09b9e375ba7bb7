import * as YAML from 'yaml';
import { decodeErrors, decodeFindings } from '../../../src/core/validation/decode';
import { formatFinding } from '../../../src/core/validation/util';

// The decoder's wording: sigs.k8s.io/json's UnmarshalTypeError and strict errors (see decode.ts);
// test/core/k8s/schema-generated.test.ts holds every field of every kind to the real decoder.
const REJECTS = '(the API server rejects the object before it checks anything else;';
const QUANTITY = 'quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'';

function daemonSet(podSpecYaml: string): any {
  const spec = YAML.parse(podSpecYaml, { version: '1.1' });
  return { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' }, spec: { template: { spec } } };
}

function decoded(manifest: any, version?: string): string[] {
  return decodeFindings(manifest, version).map(formatFinding);
}

describe('decode: JSON types as the API server decodes them', () => {
  test.each<[string, string, string[]]>([
    ['a quoted bool', 'securityContext: {windowsOptions: {hostProcess: "true"}}', [
      'spec.template.spec.securityContext.windowsOptions.hostProcess: json: cannot unmarshal string into Go struct field ' +
      `WindowsSecurityContextOptions.spec.template.spec.securityContext.windowsOptions.hostProcess of type bool ${REJECTS} write true or false, without quotes)`,
    ]],
    ['hostNetwork: "true"', 'hostNetwork: "true"', [
      `spec.template.spec.hostNetwork: json: cannot unmarshal string into Go struct field PodSpec.spec.template.spec.hostNetwork of type bool ${REJECTS} write true or false, without quotes)`,
    ]],
    ['a number for a string: the path has no list index, the field does', 'containers: [{name: a}, {name: b, securityContext: {windowsOptions: {runAsUserName: 123}}}]', [
      'spec.template.spec.containers[1].securityContext.windowsOptions.runAsUserName: json: cannot unmarshal number into Go struct field ' +
      `WindowsSecurityContextOptions.spec.template.spec.containers.securityContext.windowsOptions.runAsUserName of type string ${REJECTS} quote the value)`,
    ]],
    ['a list where an object belongs: the type is the struct\'s', 'securityContext: [{runAsNonRoot: true}]', [
      `spec.template.spec.securityContext: json: cannot unmarshal array into Go struct field PodSpec.spec.template.spec.securityContext of type v1.PodSecurityContext ${REJECTS} give a mapping)`,
    ]],
    ['an object where a list belongs', 'containers: {name: a}', [
      `spec.template.spec.containers: json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container ${REJECTS} give a list)`,
    ]],
    ['a list element of the wrong type keeps the list field\'s struct', 'containers: ["agent"]', [
      `spec.template.spec.containers[0]: json: cannot unmarshal string into Go struct field PodSpec.spec.template.spec.containers of type v1.Container ${REJECTS} give a mapping)`,
    ]],
    ['a fraction in an int32 field', 'containers: [{name: a, ports: [{containerPort: 80.5}]}]', [
      `spec.template.spec.containers[0].ports[0].containerPort: json: cannot unmarshal number 80.5 into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32 ${REJECTS} write a whole number, without quotes)`,
    ]],
    ['a number past int32', 'containers: [{name: a, ports: [{containerPort: 3000000000}]}]', [
      `spec.template.spec.containers[0].ports[0].containerPort: json: cannot unmarshal number 3000000000 into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32 ${REJECTS} write a whole number, without quotes)`,
    ]],
    ['a named string type is named', 'os: {name: 1}', [
      `spec.template.spec.os.name: json: cannot unmarshal number into Go struct field PodOS.spec.template.spec.os.name of type v1.OSName ${REJECTS} quote the value)`,
    ]],
    ['a map value, and its key in the field', 'nodeSelector: {kubernetes.io/os: true}', [
      `spec.template.spec.nodeSelector[kubernetes.io/os]: json: cannot unmarshal bool into Go struct field PodSpec.spec.template.spec.nodeSelector of type string ${REJECTS} quote the value)`,
    ]],
    ['an inlined struct\'s field is named through it (VolumeSource), its struct is the outer one', 'volumes: [{name: v, hostPath: "C:\\\\x"}]', [
      `spec.template.spec.volumes[0].hostPath: json: cannot unmarshal string into Go struct field Volume.spec.template.spec.volumes.VolumeSource.hostPath of type v1.HostPathVolumeSource ${REJECTS} give a mapping)`,
    ]],
    ['an ephemeral container\'s fields come from EphemeralContainerCommon', 'ephemeralContainers: [{name: d, securityContext: {privileged: "yes"}}]', [
      'spec.template.spec.ephemeralContainers[0].securityContext.privileged: json: cannot unmarshal string into Go struct field ' +
      `SecurityContext.spec.template.spec.ephemeralContainers.EphemeralContainerCommon.securityContext.privileged of type bool ${REJECTS} write true or false, without quotes)`,
    ]],
    ['every field is checked, not only those the rules read', 'containers: [{name: a, resources: 5, env: "x", args: [1]}]\ndnsPolicy: 1', [
      `spec.template.spec.containers[0].resources: json: cannot unmarshal number into Go struct field Container.spec.template.spec.containers.resources of type v1.ResourceRequirements ${REJECTS} give a mapping)`,
      `spec.template.spec.containers[0].env: json: cannot unmarshal string into Go struct field Container.spec.template.spec.containers.env of type []v1.EnvVar ${REJECTS} give a list)`,
      `spec.template.spec.containers[0].args[0]: json: cannot unmarshal number into Go struct field Container.spec.template.spec.containers.args of type string ${REJECTS} quote the value)`,
      `spec.template.spec.dnsPolicy: json: cannot unmarshal number into Go struct field PodSpec.spec.template.spec.dnsPolicy of type v1.DNSPolicy ${REJECTS} quote the value)`,
    ]],
    ['an IntOrString decodes a non-string as an int32', 'containers: [{name: a, livenessProbe: {httpGet: {port: true}}, readinessProbe: {tcpSocket: {port: 1.5}}}]', [
      'spec.template.spec.containers[0].livenessProbe.httpGet.port: json: cannot unmarshal bool into Go struct field ' +
      `HTTPGetAction.spec.template.spec.containers.livenessProbe.ProbeHandler.httpGet.port of type int32 ${REJECTS} write a whole number, or a string such as 25% or a port name)`,
      'spec.template.spec.containers[0].readinessProbe.tcpSocket.port: json: cannot unmarshal number 1.5 into Go struct field ' +
      `TCPSocketAction.spec.template.spec.containers.readinessProbe.ProbeHandler.tcpSocket.port of type int32 ${REJECTS} write a whole number, or a string such as 25% or a port name)`,
    ]],
    ['an IntOrString takes a name or a number; a gRPC port is an int32 only', 'containers: [{name: a, livenessProbe: {httpGet: {port: http}}, startupProbe: {tcpSocket: {port: 8080}}, readinessProbe: {grpc: {port: "x"}}}]', [
      'spec.template.spec.containers[0].readinessProbe.grpc.port: json: cannot unmarshal string into Go struct field ' +
      `GRPCAction.spec.template.spec.containers.readinessProbe.ProbeHandler.grpc.port of type int32 ${REJECTS} write a whole number, without quotes)`,
    ]],
    ['a quantity is parsed: its own words, without the field', 'containers: [{name: a, resources: {limits: {cpu: "1x", memory: 64Mi}, requests: {cpu: 1kM, memory: 1.5}}}]', [
      `spec.template.spec.containers[0].resources.limits[cpu]: ${QUANTITY} ${REJECTS} write a quantity such as 500m, 2 or 64Mi)`,
      `spec.template.spec.containers[0].resources.requests[cpu]: unable to parse quantity's suffix ${REJECTS} write a quantity such as 500m, 2 or 64Mi)`,
    ]],
    // Kubernetes reads YAML 1.1: `yes` is a bool, and a null decodes to the zero value.
    ['YAML 1.1 yes is a bool; null is no error', 'hostNetwork: yes\nsecurityContext: {windowsOptions: {hostProcess: ~}}\ncontainers: null', []],
    ['a timestamp-looking value is a string in JSON', 'containers: [{name: a, image: 2024-01-01}]', []],
    ['a valid pod spec', 'hostNetwork: true\ncontainers: [{name: a, image: i, ports: [{containerPort: 80, hostPort: 80}], securityContext: {runAsUser: 0}, resources: {limits: {cpu: 500m}}}]', []],
  ])('%s', (_, spec, expected) => {
    expect(decoded(daemonSet(spec))).toEqual(expected);
  });

  test.each<[string, any, string[]]>([
    ['a Pod\'s spec', { kind: 'Pod', spec: { hostNetwork: 'true' } }, ['spec.hostNetwork: json: cannot unmarshal string into Go struct field PodSpec.spec.hostNetwork of type bool']],
    ['a CronJob\'s pod', { kind: 'CronJob', spec: { jobTemplate: { spec: { template: { spec: { hostIPC: 'no' } } } } } },
      ['spec.jobTemplate.spec.template.spec.hostIPC: json: cannot unmarshal string into Go struct field PodSpec.spec.jobTemplate.spec.template.spec.hostIPC of type bool']],
    ['a template that is not an object', { kind: 'Deployment', spec: { template: 'x' } },
      ['spec.template: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.template of type v1.PodTemplateSpec']],
    ['a top-level field names the kind\'s struct', { kind: 'Job', spec: [] }, ['spec: json: cannot unmarshal array into Go struct field Job.spec of type v1.JobSpec']],
    ['a label value that is a number (a common Helm slip)', { kind: 'Pod', metadata: { labels: { version: 1.5 } } },
      ['metadata.labels[version]: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string']],
    ['a time is RFC 3339, in time.Parse\'s words', { kind: 'Pod', metadata: { creationTimestamp: '2024-01-01' } },
      ['metadata.creationTimestamp: parsing time "2024-01-01" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T"']],
    ['a time that is not a string is decoded as a string', { kind: 'Pod', metadata: { creationTimestamp: 5, deletionTimestamp: null } },
      ['metadata.creationTimestamp: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.creationTimestamp of type string']],
    ['the status is decoded too', { kind: 'Deployment', status: { replicas: '3' } },
      ['status.replicas: json: cannot unmarshal string into Go struct field DeploymentStatus.status.replicas of type int32']],
    ['a ReplicationController and a PodTemplate', { kind: 'PodTemplate', template: { spec: { hostPID: 1 } } },
      ['template.spec.hostPID: json: cannot unmarshal number into Go struct field PodSpec.template.spec.hostPID of type bool']],
    ['the API version of the types is decoded', { apiVersion: 'apps/v1', kind: 'StatefulSet', spec: { replicas: true } },
      ['spec.replicas: json: cannot unmarshal bool into Go struct field StatefulSetSpec.spec.replicas of type int32']],
    ['another API version is not: the lint does not have its types', { apiVersion: 'extensions/v1beta1', kind: 'DaemonSet', spec: { templateGeneration: 1, x: 'y' } }, []],
    ['a kind without pods is not decoded', { kind: 'Service', spec: 'x' }, []],
    ['nor one named like an Object member', { kind: 'constructor', spec: 'x' }, []],
    ['nor an object that is not a mapping', 'Pod', []],
  ])('%s', (_, manifest, expected) => {
    expect(decoded(manifest).map(m => m.replace(/ \(the API server rejects.*$/, ''))).toEqual(expected);
  });
});

describe('decode: unknown fields, as strict field validation rejects them', () => {
  test.each<[string, any, string[]]>([
    ['a field at the wrong level: the path as the server writes it, and the field meant', daemonSet('containers: [{name: a}, {name: b, capabilities: {add: [NET_ADMIN]}}]'), [
      'spec.template.spec.containers[1].capabilities: unknown field "spec.template.spec.containers[1].capabilities" (did you mean "securityContext.capabilities"?)',
    ]],
    ['two structs down', daemonSet('containers: [{name: a, hostProcess: true}]\nrunAsUserName: x'), [
      'spec.template.spec.containers[0].hostProcess: unknown field "spec.template.spec.containers[0].hostProcess" (did you mean "securityContext.windowsOptions.hostProcess"?)',
      'spec.template.spec.runAsUserName: unknown field "spec.template.spec.runAsUserName" (did you mean "securityContext.windowsOptions.runAsUserName"?)',
    ]],
    ['names are case-sensitive', daemonSet('hostnetwork: true\nsecurityContext: {windowsOptions: {hostprocess: true}}'), [
      'spec.template.spec.hostnetwork: unknown field "spec.template.spec.hostnetwork" (did you mean "hostNetwork"?)',
      'spec.template.spec.securityContext.windowsOptions.hostprocess: unknown field "spec.template.spec.securityContext.windowsOptions.hostprocess" (did you mean "hostProcess"?)',
    ]],
    ['a typo of a letter or two', daemonSet('conatiners: []\nnodeSelecter: {}'), [
      'spec.template.spec.conatiners: unknown field "spec.template.spec.conatiners" (did you mean "containers"?)',
      'spec.template.spec.nodeSelecter: unknown field "spec.template.spec.nodeSelecter" (did you mean "nodeSelector"?)',
    ]],
    ['nothing close: no suggestion; what is under an unknown field is not looked at', daemonSet('agentConfig: {deeper: {foo: 1}}'), [
      'spec.template.spec.agentConfig: unknown field "spec.template.spec.agentConfig"',
    ]],
    ['in metadata, at the top, and in status', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labelz: {} }, extra: 1, status: { phase: 'x', ready: true } }, [
      'metadata.labelz: unknown field "metadata.labelz" (did you mean "labels"?)',
      'extra: unknown field "extra"',
      'status.ready: unknown field "status.ready"',
    ]],
    ['a key named like an Object member is an unknown field, nothing else', daemonSet('toString: x\nconstructor: 1\n__proto__: 2'), [
      'spec.template.spec.toString: unknown field "spec.template.spec.toString"',
      'spec.template.spec.constructor: unknown field "spec.template.spec.constructor"',
      'spec.template.spec.__proto__: unknown field "spec.template.spec.__proto__"',
    ]],
    ['a quote in a name is escaped as Go quotes it', daemonSet('"a\\"b": 1'), [
      'spec.template.spec.a"b: unknown field "spec.template.spec.a\\"b"',
    ]],
    ['wrong types and unknown fields together, in the order of the document', daemonSet('hostNetwork: "true"\ncontainers: [{name: a, imagePullpolicy: Always}]'), [
      `spec.template.spec.hostNetwork: json: cannot unmarshal string into Go struct field PodSpec.spec.template.spec.hostNetwork of type bool ${REJECTS} write true or false, without quotes)`,
      'spec.template.spec.containers[0].imagePullpolicy: unknown field "spec.template.spec.containers[0].imagePullpolicy" (did you mean "imagePullPolicy"?)',
    ]],
  ])('%s', (_, manifest, expected) => {
    expect(decoded(manifest)).toEqual(expected);
  });

  test('each finding is of its catalog rule, with the server\'s words apart from the hint', () => {
    expect(decodeErrors(daemonSet('hostnetwork: true'))).toEqual([{
      rule: 'unknown-field', field: 'spec.template.spec.hostnetwork', words: 'unknown field "spec.template.spec.hostnetwork"', hint: 'did you mean "hostNetwork"?',
    }]);
    expect(decodeFindings(daemonSet('hostNetwork: 1'))).toEqual([expect.objectContaining({ rule: 'decode-type-mismatch', severity: 'error' })]);
  });
});

describe('decode: the API types of each Kubernetes release', () => {
  test.each<[string, string, string | undefined, string[]]>([
    ['pod-level resources: a field of 1.37, unknown to 1.30', 'resources: {limits: {cpu: 1}}', 'v1.30.14', [
      'spec.template.spec.resources: unknown field "spec.template.spec.resources"',
    ]],
    ['... and known to 1.37, the default', 'resources: {limits: {cpu: 1}}', undefined, []],
    ['1.30\'s decoder does not name inlined structs', 'volumes: [{name: v, hostPath: "C:\\\\x"}]', 'v1.30.14', [
      `spec.template.spec.volumes[0].hostPath: json: cannot unmarshal string into Go struct field Volume.spec.template.spec.volumes.hostPath of type v1.HostPathVolumeSource ${REJECTS} give a mapping)`,
    ]],
    ['1.37\'s does', 'volumes: [{name: v, hostPath: "C:\\\\x"}]', 'v1.37.2', [
      `spec.template.spec.volumes[0].hostPath: json: cannot unmarshal string into Go struct field Volume.spec.template.spec.volumes.VolumeSource.hostPath of type v1.HostPathVolumeSource ${REJECTS} give a mapping)`,
    ]],
  ])('%s', (_, spec, version, expected) => {
    expect(decoded(daemonSet(spec), version)).toEqual(expected);
  });

  test('a release the lint does not have is an error naming those it has', () => {
    expect(() => decodeFindings(daemonSet('{}'), 'v1.31.0')).toThrow('no API types for Kubernetes v1.31.0: the lint has v1.37.2, v1.30.14');
  });
});

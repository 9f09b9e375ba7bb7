import * as YAML from 'yaml';
import { decodeFindings } from '../../../src/core/validation/decode';
import { formatFinding } from '../../../src/core/validation/util';

// The decoder's wording: sigs.k8s.io/json's UnmarshalTypeError (see decode.ts).
const REJECTS = '(the API server rejects the object before it checks anything else;';

function daemonSet(podSpecYaml: string): any {
  const spec = YAML.parse(podSpecYaml, { version: '1.1' });
  return { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' }, spec: { template: { spec } } };
}

function decoded(manifest: any): string[] {
  return decodeFindings(manifest).map(formatFinding);
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
    ['an inlined struct\'s fields are the outer one\'s: Volume.hostPath', 'volumes: [{name: v, hostPath: "C:\\\\x"}]', [
      `spec.template.spec.volumes[0].hostPath: json: cannot unmarshal string into Go struct field Volume.spec.template.spec.volumes.hostPath of type v1.HostPathVolumeSource ${REJECTS} give a mapping)`,
    ]],
    ['an ephemeral container\'s fields belong to EphemeralContainer', 'ephemeralContainers: [{name: d, securityContext: {privileged: "yes"}}]', [
      `spec.template.spec.ephemeralContainers[0].securityContext.privileged: json: cannot unmarshal string into Go struct field SecurityContext.spec.template.spec.ephemeralContainers.securityContext.privileged of type bool ${REJECTS} write true or false, without quotes)`,
    ]],
    ['every error is reported, not only the first', 'hostNetwork: "true"\nhostPID: 1', [
      expect.stringContaining('PodSpec.spec.template.spec.hostNetwork of type bool') as unknown as string,
      expect.stringContaining('json: cannot unmarshal number into Go struct field PodSpec.spec.template.spec.hostPID of type bool') as unknown as string,
    ]],
    // Kubernetes reads YAML 1.1: `yes` is a bool, and a null decodes to the zero value.
    ['YAML 1.1 yes is a bool; null is no error', 'hostNetwork: yes\nsecurityContext: {windowsOptions: {hostProcess: ~}}\ncontainers: null', []],
    ['a timestamp-looking value is a string in JSON', 'containers: [{name: a, image: 2024-01-01}]', []],
    ['a valid pod spec', 'hostNetwork: true\ncontainers: [{name: a, image: i, ports: [{containerPort: 80, hostPort: 80}], securityContext: {runAsUser: 0}}]', []],
    ['fields the rules do not read are not checked', 'containers: [{name: a, resources: 5, env: "x"}]\ndnsPolicy: 1', []],
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
    ['a kind without pods is not decoded', { kind: 'Service', spec: 'x' }, []],
    ['nor one named like an Object member', { kind: 'constructor', spec: 'x' }, []],
    ['a key named like an Object member is no field', { kind: 'Pod', spec: { toString: 'x', constructor: 1 } }, []],
  ])('%s', (_, manifest, expected) => {
    expect(decoded(manifest).map(m => m.replace(/ \(the API server rejects.*$/, ''))).toEqual(expected);
  });
});

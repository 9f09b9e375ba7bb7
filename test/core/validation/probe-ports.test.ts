import { portNameProblems, probePortFindings } from '../../../src/core/validation/probe-ports';
import { podView } from '../../../src/core/validation/util';

const P = 'spec.template.spec';

function findings(containers: any[], initContainers?: any[]): string[] {
  const out: any[] = [];
  probePortFindings(podView({ containers, initContainers }, P), out);
  return out.map(f => `${f.severity} ${f.field}: ${f.message}`);
}

const MISSING = (probe: string, action: string, name: string, ctr = 'agent', path = `${P}.containers[0]`) =>
  `error ${path}.${probe}.${action}.port: Invalid value: "${name}": no port of container "${ctr}" is named "${name}": ` +
  'the probe would always fail (cdk8s-hostprocess rule; the API server does not check it)';

describe('named probe ports', () => {
  test.each<[string, any, string[]]>([
    ['a declared name', { name: 'agent', ports: [{ name: 'healthz', containerPort: 9808 }], livenessProbe: { httpGet: { port: 'healthz' } } }, []],
    ['a number', { name: 'agent', livenessProbe: { httpGet: { port: 9808 } } }, []],
    ['digits as a string (the kubelet parses them)', { name: 'agent', livenessProbe: { tcpSocket: { port: '9808' } } }, []],
    ['an exec probe', { name: 'agent', livenessProbe: { exec: { command: ['cmd'] } } }, []],
    ['an undeclared httpGet port', { name: 'agent', livenessProbe: { httpGet: { port: 'healthz' } } }, [MISSING('livenessProbe', 'httpGet', 'healthz')]],
    ['an undeclared tcpSocket port', { name: 'agent', ports: [{ containerPort: 80 }], readinessProbe: { tcpSocket: { port: 'http' } } },
      [MISSING('readinessProbe', 'tcpSocket', 'http')]],
    ['a startup probe', { name: 'agent', ports: [{ name: 'http', containerPort: 80 }], startupProbe: { httpGet: { port: 'https' } } },
      [MISSING('startupProbe', 'httpGet', 'https')]],
    ['a cdk8s IntOrString', { name: 'agent', livenessProbe: { httpGet: { port: { value: 'healthz' } } } }, [MISSING('livenessProbe', 'httpGet', 'healthz')]],
  ])('%s', (_name, container, expected) => {
    expect(findings([container])).toEqual(expected);
  });

  test('a sidecar init container is checked at its own path', () => {
    expect(findings([{ name: 'agent' }], [{ name: 'log', restartPolicy: 'Always', livenessProbe: { httpGet: { port: 'healthz' } } }]))
      .toEqual([MISSING('livenessProbe', 'httpGet', 'healthz', 'log', `${P}.initContainers[0]`)]);
  });

  test.each([
    ['healthz', []],
    ['', ['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)', 'must contain at least one letter (a-z)']],
    ['web-8080', []],
    ['abcdefghijklmnop', ['must be no more than 15 characters']],
  ])('port name %j', (name, problems) => {
    expect(portNameProblems(name)).toEqual(problems);
  });
});

import { Duration, Testing } from 'cdk8s';
import { HostProcessDaemonSet, HostProcessProbe } from 'cdk8s-hostprocess';
import * as kplus from 'cdk8s-plus-27';

const image = 'example.com/csi-node:1.0';
const C = 'spec.template.spec.containers[0]';

function synth(container: kplus.ContainerProps): any {
  const chart = Testing.chart();
  new HostProcessDaemonSet(chart, 'csi', { containers: [container] });
  return Testing.synth(chart)[0].spec.template.spec.containers[0];
}

describe('HostProcessProbe', () => {
  test('httpGet on a named port, as Kubernetes spells it', () => {
    const c = synth({
      image,
      ports: [{ name: 'healthz', number: 9808 }],
      liveness: HostProcessProbe.fromHttpGet('/healthz', 'healthz', { periodSeconds: Duration.seconds(10) }),
    });
    expect(c.livenessProbe).toStrictEqual({
      failureThreshold: 3,
      periodSeconds: 10,
      httpGet: { path: '/healthz', port: 'healthz', scheme: 'HTTP' },
    });
  });

  test('tcpSocket on a named port', () => {
    const c = synth({ image, ports: [{ name: 'metrics', number: 9182 }], readiness: HostProcessProbe.fromTcpSocket('metrics') });
    expect(c.readinessProbe).toStrictEqual({ failureThreshold: 3, tcpSocket: { port: 'metrics' } });
  });

  test('a name no port of the container has fails synth, naming the construct, the field and the fix', () => {
    const chart = Testing.chart();
    new HostProcessDaemonSet(chart, 'csi', {
      containers: [{ name: 'node', image, ports: [{ name: 'metrics', number: 9182 }], liveness: HostProcessProbe.fromHttpGet('/healthz', 'healthz') }],
    });
    expect(() => Testing.synth(chart)).toThrow(`[test/csi] ${C}.livenessProbe.httpGet.port: Invalid value: "healthz": ` +
      'no port of container "node" is named "healthz": the probe would always fail (cdk8s-hostprocess rule; the API server does not check it) ' +
      '(rule probe-port-name-unknown); fix: add a port with that name to the probe\'s container, or give the port number');
  });

  test('a port of another container does not count: the kubelet looks in the probe\'s own container', () => {
    const chart = Testing.chart();
    new HostProcessDaemonSet(chart, 'csi', {
      containers: [
        { name: 'node', image, readiness: HostProcessProbe.fromTcpSocket('healthz') },
        { name: 'liveness-probe', image, ports: [{ name: 'healthz', number: 9808 }] },
      ],
    });
    expect(() => Testing.synth(chart)).toThrow(`${C}.readinessProbe.tcpSocket.port: Invalid value: "healthz": no port of container "node"`);
  });

  test.each([
    ['Healthz', 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)'],
    ['9808', 'must contain at least one letter (a-z)'],
    ['a-very-long-port-name', 'must be no more than 15 characters'],
    ['health--z', 'must not contain consecutive hyphens'],
    ['-healthz', 'must not begin or end with a hyphen'],
  ])('an invalid port name %j is an error at once, in the API server\'s words', (name, problem) => {
    expect(() => HostProcessProbe.fromHttpGet('/', name)).toThrow(`HostProcessProbe.fromHttpGet: port: Invalid value: ${JSON.stringify(name)}: `);
    expect(() => HostProcessProbe.fromTcpSocket(name)).toThrow(problem);
  });

  test('a port number in the options as well is an error', () => {
    expect(() => HostProcessProbe.fromHttpGet('/', 'healthz', { port: 9808 })).toThrow(
      'HostProcessProbe.fromHttpGet: options.port: Invalid value: 9808: the port is the name given; remove options.port, or use kplus.Probe.fromHttpGet for a port number');
  });
});

// Probes and lifecycle hooks (validateHandler, validateProbe, validateLifecycle; validation.go@v1.37.2):
// the words are the API server's, checked against it by the rule cases and the differential fuzzer.
import { errors } from './helpers';

const C = 'spec.containers[0]';
const RANGE = 'must be between 1 and 65535, inclusive';
const withContainer = (fields: Record<string, unknown>, spec: Record<string, unknown> = {}) =>
  ({ containers: [{ name: 'a', image: 'img', ports: [{ name: 'http', containerPort: 80 }], ...fields }], ...spec });

describe('lifecycle hooks', () => {
  test.each<[string, any, string[]]>([
    ['one handler each', { postStart: { exec: { command: ['cmd'] } }, preStop: { httpGet: { port: 'http' } } }, []],
    ['an empty preStop (the issue\'s case)', { preStop: {} }, [`${C}.lifecycle.preStop: Required value: must specify a handler type`]],
    ['null counts as unset', { preStop: null }, []],
    ['two handlers: the second is refused', { postStart: { exec: { command: ['cmd'] }, sleep: { seconds: 1 } } },
      [`${C}.lifecycle.postStart.sleep: Forbidden: may not specify more than 1 handler type`]],
    ['exec without a command', { preStop: { exec: {} } }, [`${C}.lifecycle.preStop.exec.command: Required value`]],
    ['exec with an empty command', { preStop: { exec: { command: [] } } }, [`${C}.lifecycle.preStop.exec.command: Required value`]],
    ['an httpGet port out of range', { preStop: { httpGet: { port: 0 } } }, [`${C}.lifecycle.preStop.httpGet.port: Invalid value: 0: ${RANGE}`]],
    ['an httpGet without a port', { preStop: { httpGet: { path: '/' } } }, [`${C}.lifecycle.preStop.httpGet.port: Invalid value: 0: ${RANGE}`]],
    ['a tcpSocket port name that is no name', { preStop: { tcpSocket: { port: 'Bad' } } }, [
      `${C}.lifecycle.preStop.tcpSocket.port: Invalid value: "Bad": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)`,
    ]],
    ['a sleep of 0 seconds (v1.37.2; 1.30 refuses it)', { preStop: { sleep: { seconds: 0 } } }, []],
    ['a sleep of the whole grace period', { preStop: { sleep: { seconds: 30 } } }, []],
    ['a sleep longer than the default grace period', { preStop: { sleep: { seconds: 31 } } },
      [`${C}.lifecycle.preStop.sleep: Invalid value: 31: must be non-negative and less than terminationGracePeriodSeconds (30)`]],
    ['a negative sleep', { preStop: { sleep: { seconds: -1 } } },
      [`${C}.lifecycle.preStop.sleep: Invalid value: -1: must be non-negative and less than terminationGracePeriodSeconds (30)`]],
  ])('%s', (_name, lifecycle, expected) => {
    expect(errors(withContainer({ lifecycle }))).toEqual(expected);
  });

  test('a sleep is measured against the pod\'s own grace period; a bare Pod\'s negative one is raised to 1', () => {
    const sleep = { lifecycle: { preStop: { sleep: { seconds: 31 } } } };
    expect(errors(withContainer(sleep, { terminationGracePeriodSeconds: 60 }))).toEqual([]);
    expect(errors(withContainer(sleep, { terminationGracePeriodSeconds: -5 }))).toEqual([
      `${C}.lifecycle.preStop.sleep: Invalid value: 31: must be non-negative and less than terminationGracePeriodSeconds (1)`,
    ]);
  });
});

describe('probes', () => {
  test.each<[string, string, any, string[]]>([
    ['each handler', 'livenessProbe', { grpc: { port: 9090 } }, []],
    ['a named httpGet port', 'readinessProbe', { httpGet: { port: 'http' } }, []],
    ['no handler', 'readinessProbe', { periodSeconds: 5 }, [`${C}.readinessProbe: Required value: must specify a handler type`]],
    ['two handlers', 'livenessProbe', { tcpSocket: { port: 80 }, exec: { command: ['cmd'] } },
      [`${C}.livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type`]],
    ['a grpc port out of range', 'startupProbe', { grpc: { port: 65536 } }, [`${C}.startupProbe.grpc.port: Invalid value: 65536: ${RANGE}`]],
    ['digits as a port name', 'livenessProbe', { tcpSocket: { port: '8080' } },
      [`${C}.livenessProbe.tcpSocket.port: Invalid value: "8080": must contain at least one letter (a-z)`]],
    ['a cdk8s IntOrString', 'livenessProbe', { httpGet: { port: { value: 0 } } }, [`${C}.livenessProbe.httpGet.port: Invalid value: 0: ${RANGE}`]],
    ['a negative period', 'livenessProbe', { exec: { command: ['cmd'] }, periodSeconds: -1 },
      [`${C}.livenessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0`]],
    // 0 is unset: SetDefaults_Probe gives it the default.
    ['a zero period and threshold are defaults', 'startupProbe', { exec: { command: ['cmd'] }, periodSeconds: 0, successThreshold: 0 }, []],
    ['liveness successThreshold 2', 'livenessProbe', { exec: { command: ['cmd'] }, successThreshold: 2 },
      [`${C}.livenessProbe.successThreshold: Invalid value: 2: must be 1`]],
    ['readiness successThreshold 2', 'readinessProbe', { exec: { command: ['cmd'] }, successThreshold: 2 }, []],
    ['terminationGracePeriodSeconds 0', 'livenessProbe', { exec: { command: ['cmd'] }, terminationGracePeriodSeconds: 0 },
      [`${C}.livenessProbe.terminationGracePeriodSeconds: Invalid value: 0: must be greater than 0`]],
    ['terminationGracePeriodSeconds on a readiness probe', 'readinessProbe', { exec: { command: ['cmd'] }, terminationGracePeriodSeconds: 5 },
      [`${C}.readinessProbe.terminationGracePeriodSeconds: Invalid value: 5: must not be set for readinessProbes`]],
  ])('%s', (_name, probe, value, expected) => {
    expect(errors(withContainer({ [probe]: value }))).toEqual(expected);
  });
});

import * as kplus from './kplus';
import { portNameProblems } from '../core/validation/probe-ports';
import { goQuote } from '../core/validation/util';

/**
 * Probes on a named container port (`port: healthz`), which kplus' probes cannot write (they take
 * a port number). Node agents name their ports and point their probes at the name. At synth, a
 * probe whose name no port of its own container has is an error: the kubelet looks the name up
 * among that container's ports only.
 *
 * @example
 * new HostProcessDaemonSet(chart, 'agent', {
 *   containers: [{
 *     image: 'example.com/agent:1.0',
 *     ports: [{ name: 'healthz', number: 9808 }],
 *     liveness: HostProcessProbe.fromHttpGet('/healthz', 'healthz'),
 *   }],
 * });
 */
export class HostProcessProbe {
  /**
   * An HTTP GET probe on the container port named `port`: `httpGet: {path, port: <name>}`.
   *
   * @param path the URL path to request
   * @param portName the name of one of the container's ports
   * @param options the other probe options, as for `kplus.Probe.fromHttpGet` (without `port`)
   */
  public static fromHttpGet(path: string, portName: string, options: kplus.HttpGetProbeOptions = {}): kplus.Probe {
    return kplus.Probe.fromHttpGet(path, { ...options, port: namedPort('fromHttpGet', portName, options.port) });
  }

  /**
   * A TCP probe on the container port named `port`: `tcpSocket: {port: <name>}`.
   *
   * @param portName the name of one of the container's ports
   * @param options the other probe options, as for `kplus.Probe.fromTcpSocket` (without `port`)
   */
  public static fromTcpSocket(portName: string, options: kplus.TcpSocketProbeOptions = {}): kplus.Probe {
    return kplus.Probe.fromTcpSocket({ ...options, port: namedPort('fromTcpSocket', portName, options.port) });
  }

  private constructor() {}
}

// kplus writes the probe port as `k8s.IntOrString.fromNumber(port)`, whose value is written as it
// is: given the name, the manifest has `port: <name>`, as Kubernetes spells a named port. A test
// checks the output on every cdk8s-plus line.
function namedPort(method: string, port: string, numbered: number | undefined): number {
  if (numbered !== undefined) {
    throw new Error(`HostProcessProbe.${method}: options.port: Invalid value: ${numbered}: the port is the name given; ` +
      `remove options.port, or use kplus.Probe.${method} for a port number`);
  }
  const problems = portNameProblems(port);
  if (problems.length > 0) {
    throw new Error(`HostProcessProbe.${method}: port: Invalid value: ${goQuote(port)}: ${problems.join(', ')}`);
  }
  return port as unknown as number;
}

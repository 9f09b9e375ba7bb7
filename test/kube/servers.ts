// The servers the global setup started, for the test files of the server suites.
import { closeConnections, KubeEndpoint } from './server';

/** Every running test API server, newest Kubernetes first. */
export function kubeServers(): KubeEndpoint[] {
  const json = process.env.CDK8S_HOSTPROCESS_KUBE;
  return json ? JSON.parse(json) : [];
}

/**
 * `describe` over every server, or one skipped describe saying why there is none (never with
 * CI=true: the global setup fails the run instead).
 */
export function describeEachServer(name: string, fn: (endpoint: KubeEndpoint) => void): void {
  const servers = kubeServers();
  if (servers.length === 0) {
    describe.skip(`${name} (skipped: ${process.env.CDK8S_HOSTPROCESS_KUBE_SKIPPED ?? 'no test API server'})`, () => {
      test('needs a server', () => undefined);
    });
    return;
  }
  afterAll(closeConnections);
  for (const endpoint of servers) {
    describe(`${name} on Kubernetes ${endpoint.version}`, () => fn(endpoint));
  }
}

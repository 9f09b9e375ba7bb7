// Jest global setup of the server suites: one real API server per Kubernetes version, reached by
// the test files through CDK8S_HOSTPROCESS_KUBE (test/kube/servers.ts).
import * as os from 'os';
import * as path from 'path';
import { ensureBinaries } from './build';
import { closeConnections, KubeEndpoint, startServer, stopServer } from './server';
import { KUBE_VERSIONS } from './versions';

export default async function setup(): Promise<void> {
  const log = (line: string) => process.stderr.write(`[kube] ${line}\n`);
  const root = path.join(os.tmpdir(), `cdk8s-hostprocess-kube-${process.pid}`);
  const endpoints: KubeEndpoint[] = [];
  try {
    // CDK8S_HOSTPROCESS_KUBE_VERSIONS=v1.37.2 runs one version only, for a quicker run by hand.
    const only = process.env.CDK8S_HOSTPROCESS_KUBE_VERSIONS?.split(',');
    const versions = only ? KUBE_VERSIONS.filter((v) => only.includes(v.kubernetes)) : KUBE_VERSIONS;
    if (versions.length === 0) throw new Error(`CDK8S_HOSTPROCESS_KUBE_VERSIONS=${only} names none of ${KUBE_VERSIONS.map((v) => v.kubernetes).join(', ')}`);
    for (const version of versions) {
      const binaries = ensureBinaries(version, log);
      const started = Date.now();
      const endpoint = await startServer(version, binaries, path.join(root, version.kubernetes));
      endpoints.push(endpoint);
      log(`${version.kubernetes} at ${endpoint.url}, ready in ${((Date.now() - started) / 1000).toFixed(1)} s (${binaries.origin})`);
    }
  } catch (error) {
    closeConnections();
    for (const endpoint of endpoints) await stopServer(endpoint);
    // A test run that cannot ask the real server must not pass as one that did: with CI=true it
    // fails; by hand, the suites say why they skip.
    if (process.env.CI === 'true' || process.env.CI === '1') throw error;
    process.env.CDK8S_HOSTPROCESS_KUBE_SKIPPED = (error as Error).message;
    log(`the server suites skip: ${(error as Error).message}`);
    return;
  }
  closeConnections();
  process.env.CDK8S_HOSTPROCESS_KUBE = JSON.stringify(endpoints);
  (globalThis as { kubeEndpoints?: KubeEndpoint[] }).kubeEndpoints = endpoints;
}

/**
 * `npm run kube:up [version]`: builds kube-apiserver and etcd once (or takes KUBEBUILDER_ASSETS),
 * starts them in the background on loopback and prints the path of a kubeconfig as the last line,
 * e.g. `kubectl --kubeconfig "$(npm run -s kube:up | tail -1)" apply --dry-run=server -f app.yaml`.
 * `npm run kube:down` (`up.ts --down`) stops every server kube:up started.
 */
import * as fs from 'fs';
import * as path from 'path';
import { cacheDir, ensureBinaries } from './build';
import { ensureNamespace } from './client';
import { closeConnections, KubeEndpoint, startServer, stopServer } from './server';
import { KUBE_VERSIONS } from './versions';

const RUN = () => path.join(cacheDir(), 'run');

async function up(wanted?: string): Promise<void> {
  const version = wanted === undefined ? KUBE_VERSIONS[0] : KUBE_VERSIONS.find((v) => v.kubernetes === wanted || v.kubernetes === `v${wanted}`);
  if (!version) {
    throw new Error(`no Kubernetes ${wanted} here; choose one of ${KUBE_VERSIONS.map((v) => v.kubernetes).join(', ')}`);
  }
  const binaries = ensureBinaries(version, (line) => console.error(line));
  const dir = path.join(RUN(), version.kubernetes);
  const running = path.join(dir, 'endpoint.json');
  if (fs.existsSync(running)) await stopServer(JSON.parse(fs.readFileSync(running, 'utf-8')));
  const endpoint = await startServer(version, binaries, dir, true);
  // No controller manager runs to create `default` accounts: pods in `default` need it.
  await ensureNamespace(endpoint, 'default');
  closeConnections();
  console.error(`Kubernetes ${version.kubernetes} API server at ${endpoint.url} (${binaries.origin}); stop it with npm run kube:down`);
  console.log(endpoint.kubeconfig);
}

async function down(): Promise<void> {
  if (!fs.existsSync(RUN())) return;
  for (const version of fs.readdirSync(RUN())) {
    const file = path.join(RUN(), version, 'endpoint.json');
    if (!fs.existsSync(file)) continue;
    const endpoint: KubeEndpoint = JSON.parse(fs.readFileSync(file, 'utf-8'));
    await stopServer(endpoint);
    fs.rmSync(path.join(RUN(), version), { recursive: true, force: true });
    console.error(`stopped the Kubernetes ${endpoint.version} API server at ${endpoint.url}`);
  }
}

const args = process.argv.slice(2);
if (args.includes('--down')) {
  void down();
} else {
  up(args[0]).catch((error: Error) => {
    console.error(`kube:up: ${error.message}`);
    process.exit(1);
  });
}

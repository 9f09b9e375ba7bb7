// The test API server's binaries: kube-apiserver and etcd, built from source through the Go
// module proxy once per version into a cache outside the repository, or taken from
// KUBEBUILDER_ASSETS (controller-runtime envtest's convention: a folder holding kube-apiserver
// and etcd, as setup-envtest installs them), so users with setup-envtest need no Go.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ETCD_VERSION, KubeVersion } from './versions';

/** Where the built binaries live: $CDK8S_HOSTPROCESS_KUBE_CACHE, else ~/.cache/cdk8s-hostprocess/kube. */
export function cacheDir(): string {
  return process.env.CDK8S_HOSTPROCESS_KUBE_CACHE
    ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'cdk8s-hostprocess', 'kube');
}

/** The two binaries of one server. */
export interface KubeBinaries {
  readonly kubeApiserver: string;
  readonly etcd: string;
  /** Where they came from, for the test output. */
  readonly origin: string;
}

/** The binaries for a version, without building: KUBEBUILDER_ASSETS or the cache, else undefined. */
export function findBinaries(version: KubeVersion): KubeBinaries | undefined {
  const assets = process.env.KUBEBUILDER_ASSETS;
  if (assets) {
    const found = { kubeApiserver: path.join(assets, 'kube-apiserver'), etcd: path.join(assets, 'etcd'), origin: `KUBEBUILDER_ASSETS=${assets}` };
    for (const binary of [found.kubeApiserver, found.etcd]) {
      if (!fs.existsSync(binary)) throw new Error(`KUBEBUILDER_ASSETS is set but ${binary} does not exist: point it at a folder holding kube-apiserver and etcd (setup-envtest use), or unset it to build them with Go`);
    }
    return found;
  }
  const built = { kubeApiserver: apiserverPath(version), etcd: etcdPath(), origin: `built from source (${version.kubernetes}, etcd ${ETCD_VERSION}) in ${cacheDir()}` };
  return fs.existsSync(built.kubeApiserver) && fs.existsSync(built.etcd) ? built : undefined;
}

function apiserverPath(version: KubeVersion): string {
  return path.join(cacheDir(), version.kubernetes, 'kube-apiserver');
}

function etcdPath(): string {
  return path.join(cacheDir(), `etcd-${ETCD_VERSION}`, 'etcd');
}

/** The binaries for a version, building what the cache lacks (minutes the first time). */
export function ensureBinaries(version: KubeVersion, log: (line: string) => void = () => {}): KubeBinaries {
  const found = findBinaries(version);
  if (found) return found;
  if (!fs.existsSync(etcdPath())) buildEtcd(log);
  if (!fs.existsSync(apiserverPath(version))) buildApiserver(version, log);
  return findBinaries(version)!;
}

function go(args: string[], cwd: string, log: (line: string) => void, env: NodeJS.ProcessEnv = {}): void {
  log(`go ${args.join(' ')}   (in ${cwd})`);
  const result = spawnSync('go', args, {
    cwd,
    env: { ...process.env, GOFLAGS: '-mod=mod', CGO_ENABLED: '0', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.error) {
    throw new Error(`cannot run go (${result.error.message}): the server tests build kube-apiserver and etcd with Go; install Go, or set KUBEBUILDER_ASSETS to a folder holding both binaries`);
  }
  if (result.status !== 0) throw new Error(`go ${args.join(' ')} failed (exit ${result.status}) in ${cwd}`);
}

/** A fresh module folder; the binary is moved into place only when the build succeeds. */
function moduleDir(name: string, goMod: string, toolsGo: string): string {
  const dir = path.join(cacheDir(), 'src', name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'go.mod'), goMod);
  fs.writeFileSync(path.join(dir, 'tools.go'), toolsGo);
  return dir;
}

function tools(importPath: string): string {
  return `//go:build tools\n\npackage tools\n\nimport _ "${importPath}"\n`;
}

function buildEtcd(log: (line: string) => void): void {
  const dir = moduleDir(`etcd-${ETCD_VERSION}`, 'module local/etcd\n\ngo 1.24\n', tools('go.etcd.io/etcd/server/v3'));
  go(['get', `go.etcd.io/etcd/server/v3@${ETCD_VERSION}`], dir, log);
  go(['mod', 'tidy'], dir, log);
  const out = etcdPath();
  fs.mkdirSync(path.dirname(out), { recursive: true });
  go(['build', '-trimpath', '-ldflags=-s -w', '-o', `${out}.tmp`, 'go.etcd.io/etcd/server/v3'], dir, log);
  fs.renameSync(`${out}.tmp`, out);
}

/**
 * k8s.io/kubernetes is built as a module: its go.mod points its staging modules at
 * ./staging/src/k8s.io/*, which a module download does not have, so the build's go.mod replaces
 * each with the published staging module of the same release (v0.<minor>.<patch>).
 */
function buildApiserver(version: KubeVersion, log: (line: string) => void): void {
  const dir = moduleDir(`kubernetes-${version.kubernetes}`, 'module local/kube\n\ngo 1.24\n', tools('k8s.io/kubernetes/cmd/kube-apiserver'));
  go(['mod', 'download', `k8s.io/kubernetes@${version.kubernetes}`], dir, log);
  const upstream = fs.readFileSync(path.join(goModCache(dir), 'cache', 'download', 'k8s.io', 'kubernetes', '@v', `${version.kubernetes}.mod`), 'utf-8');
  const staging = [...upstream.matchAll(/^\s*(k8s\.io\/[a-z0-9-]+) => \.\/staging\/src\//gm)].map((m) => m[1])
    .filter((module) => !module.startsWith('k8s.io/sample-'));
  if (staging.length === 0) throw new Error(`no staging replace lines in k8s.io/kubernetes@${version.kubernetes}'s go.mod`);
  const goMod = [
    'module local/kube', '', 'go 1.24', '',
    `require k8s.io/kubernetes ${version.kubernetes}`, '',
    'replace (',
    ...staging.map((module) => `\t${module} => ${module} ${version.staging}`),
    ')', '',
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'go.mod'), goMod);
  go(['mod', 'tidy'], dir, log);
  const [, minor] = /^v1\.(\d+)\./.exec(version.kubernetes)!;
  const pkg = 'k8s.io/component-base/version';
  const ldflags = [
    '-s', '-w',
    `-X ${pkg}.gitVersion=${version.kubernetes}`,
    `-X ${pkg}.gitMajor=1`,
    `-X ${pkg}.gitMinor=${minor}`,
    `-X ${pkg}.gitTreeState=clean`,
  ].join(' ');
  const out = apiserverPath(version);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  go(['build', '-trimpath', `-ldflags=${ldflags}`, '-o', `${out}.tmp`, 'k8s.io/kubernetes/cmd/kube-apiserver'], dir, log);
  fs.renameSync(`${out}.tmp`, out);
}

function goModCache(cwd: string): string {
  const result = spawnSync('go', ['env', 'GOMODCACHE'], { cwd, encoding: 'utf-8' });
  if (result.status !== 0) throw new Error(`go env GOMODCACHE failed: ${result.stderr}`);
  return result.stdout.trim();
}

// The cel-go evaluator of test/cel-go/main.go, built once per Kubernetes release into the cache the
// test API servers use (test/kube/build.ts): a module that requires k8s.io/apiserver at the release's
// staging version and github.com/google/cel-go at the version that k8s.io/apiserver's go.mod
// requires, fetched through the Go module proxy. The build is keyed by the hash of the Go sources,
// so an edit rebuilds it.
import { spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { cacheDir } from '../kube/build';
import { KUBE_VERSIONS, KubeVersion } from '../kube/versions';

/**
 * The cel-go each release's k8s.io/apiserver requires: its go.mod's `github.com/google/cel-go`
 * line (k8s.io/apiserver go.mod@v0.37.2: v0.29.2; @v0.30.14: v0.17.8). The build fails if the
 * resolved module graph picks another.
 */
export const CEL_GO_VERSIONS: { readonly [staging: string]: string } = {
  'v0.37.2': 'v0.29.2',
  'v0.30.14': 'v0.17.8',
};

const SOURCES = ['main.go', 'compile_1_30.go', 'compile_1_37.go'];

/** The build tags of a release: k8s130 selects compile_1_30.go. */
function tags(version: KubeVersion): string[] {
  return /^v1\.30\./.test(version.kubernetes) ? ['-tags=k8s130'] : [];
}

function hashOfSources(): string {
  const hash = crypto.createHash('sha256');
  for (const file of SOURCES) hash.update(file).update(fs.readFileSync(path.join(__dirname, file)));
  return hash.digest('hex').slice(0, 12);
}

function binaryPath(version: KubeVersion): string {
  return path.join(cacheDir(), 'cel-go', `${version.kubernetes}-${hashOfSources()}`, 'vap-eval');
}

/** The evaluator for a release, if built. */
export function findEvaluator(version: KubeVersion): string | undefined {
  const binary = binaryPath(version);
  return fs.existsSync(binary) ? binary : undefined;
}

function go(args: string[], cwd: string): void {
  const result = spawnSync('go', args, {
    cwd,
    encoding: 'utf-8',
    env: { ...process.env, GOFLAGS: '-mod=mod', CGO_ENABLED: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.error) {
    throw new Error(`cannot run go (${result.error.message}): the cel-go tests build an evaluator with Go; install Go`);
  }
  if (result.status !== 0) throw new Error(`go ${args.join(' ')} failed (exit ${result.status}) in ${cwd}:\n${result.stderr}`);
}

/** The evaluator for a release, building it when the cache lacks it (a minute or two the first time). */
export function ensureEvaluator(version: KubeVersion): string {
  const found = findEvaluator(version);
  if (found) return found;
  const celGo = CEL_GO_VERSIONS[version.staging];
  if (!celGo) throw new Error(`no cel-go version recorded for k8s.io/apiserver ${version.staging}: add it to CEL_GO_VERSIONS from its go.mod`);
  const dir = path.join(cacheDir(), 'src', `cel-go-${version.kubernetes}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const file of SOURCES) fs.copyFileSync(path.join(__dirname, file), path.join(dir, file));
  fs.writeFileSync(path.join(dir, 'go.mod'), [
    'module local/vapeval', '', 'go 1.24', '',
    'require (',
    `\tk8s.io/api ${version.staging}`,
    `\tk8s.io/apimachinery ${version.staging}`,
    `\tk8s.io/apiserver ${version.staging}`,
    `\tgithub.com/google/cel-go ${celGo}`,
    ')', '',
  ].join('\n'));
  go(['mod', 'tidy'], dir);
  const resolved = /^\s*github\.com\/google\/cel-go (v\S+)/m.exec(fs.readFileSync(path.join(dir, 'go.mod'), 'utf-8'))?.[1];
  if (resolved !== celGo) {
    throw new Error(`k8s.io/apiserver ${version.staging} resolves github.com/google/cel-go ${resolved}, not ${celGo}: update CEL_GO_VERSIONS from its go.mod`);
  }
  const out = binaryPath(version);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  go(['build', '-trimpath', ...tags(version), '-o', `${out}.tmp`, '.'], dir);
  fs.renameSync(`${out}.tmp`, out);
  return out;
}

/** Every release the servers test, newest first. */
export const EVALUATED_VERSIONS = KUBE_VERSIONS;

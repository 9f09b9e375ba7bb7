// The bench's peers: other tools run on the lint's stream, each as a whole process (its start, its
// schema or table loading and its pass over the file), timed by the wall clock, with the peak RSS
// GNU time reads from wait3 (peer-tools.ts, parseGnuTimeMaxRss). The lint command is measured the
// same way, so the ratios compare like with like.
//   lint          node lib/core/cli/main.js lint --summary <stream>: the bin, one thread
//   kubeconform   v0.8.0, built from the Go module proxy into the cache (or $KUBECONFORM), with
//                 -strict -summary -n <workers>, against standalone strict JSON schemas made from
//                 the OpenAPI document of the Kubernetes release the lint checks against by default
//   kube-linter   $KUBE_LINTER, a cached build, or built from the Go module proxy; when neither
//                 works, the row says why (the go command's error)
// The binaries and schemas live outside the repository, in $XDG_CACHE_HOME (else ~/.cache)
// /cdk8s-hostprocess/peers, as test/kube/build.ts keeps the API server's.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  KindRef, SCHEMA_FILE_TEMPLATE, parseGnuTimeMaxRss, parseKubeconformSummary, parseKubeLinterJson, parseLintSummary,
  schemaFileName, standaloneStrictSchemas,
} from './peer-tools';

const KUBECONFORM_MODULE = 'github.com/yannh/kubeconform';
const KUBECONFORM_VERSION = 'v0.8.0';
// kube-linter's module path (stackrox/kube-linter imports itself as golang.stackrox.io/kube-linter,
// pkg/command/lint/command.go) and its command's package (cmd/kube-linter/kube-linter.go); no
// version is pinned, as the Go module proxy here lists none to choose from.
const KUBE_LINTER_PACKAGE = 'golang.stackrox.io/kube-linter/cmd/kube-linter';
const KUBE_LINTER_VERSION = 'latest';
const GNU_TIME = '/usr/bin/time';

/** One tool on the bench's stream: how to run it and how to read what it did. */
export interface Peer {
  readonly id: string;
  /** The table's row name. */
  readonly label: string;
  readonly version?: string;
  readonly command?: string[];
  /** Why there is no command (the tool could not be had). */
  readonly unavailable?: string;
  /** What the tool says it did with the documents; throws when it did not go through all of them. */
  readonly check?: (out: { stdout: string; stderr: string }, documents: number) => string;
}

/** One timed run of a peer. */
export interface PeerRun {
  readonly ms: number;
  readonly docsPerSecond: number;
  /** Bytes; undefined without GNU time. */
  readonly maxRss?: number;
  /** What the tool reported (its summary). */
  readonly detail: string;
}

/** $XDG_CACHE_HOME (else ~/.cache)/cdk8s-hostprocess/peers. */
export function peersCacheDir(): string {
  return path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'cdk8s-hostprocess', 'peers');
}

function go(args: string[], env: NodeJS.ProcessEnv = {}): { ok: boolean; stdout: string; stderr: string } {
  const result = spawnSync('go', args, {
    cwd: os.tmpdir(),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, CGO_ENABLED: '0', ...env },
  });
  if (result.error) return { ok: false, stdout: '', stderr: `cannot run go (${result.error.message})` };
  return { ok: result.status === 0, stdout: result.stdout, stderr: result.stderr.trim() };
}

/** `go install <pkg>@<version>` into `dir`; the binary, or the go command's error. */
function goInstall(pkg: string, version: string, dir: string, ldflags: string): { binary?: string; error?: string } {
  const binary = path.join(dir, path.basename(pkg));
  if (fs.existsSync(binary)) return { binary };
  const tmp = `${dir}.tmp`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  process.stderr.write(`go install ${pkg}@${version} (into ${dir})\n`);
  const result = go(['install', '-trimpath', `-ldflags=${ldflags}`, `${pkg}@${version}`], { GOBIN: tmp });
  if (!result.ok) {
    fs.rmSync(tmp, { recursive: true, force: true });
    return { error: `go install ${pkg}@${version}: ${result.stderr.split('\n').filter(l => !l.startsWith('go: downloading')).join(' ')}` };
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(tmp, dir);
  return { binary };
}

/**
 * The OpenAPI v2 document of a Kubernetes release: api/openapi-spec/swagger.json of the
 * k8s.io/kubernetes module at the release tag (the API server's /openapi/v2, which the release's
 * hack/update-openapi-spec.sh writes there; api/openapi-spec/README.md@v1.37.2 describes it),
 * fetched through the Go module proxy (cached after the first time; the test API server's build
 * downloads the same module).
 */
function swaggerOf(release: string): any {
  const result = go(['mod', 'download', '-json', `k8s.io/kubernetes@${release}`]);
  let info: any;
  try {
    info = JSON.parse(result.stdout);
  } catch {
    throw new Error(`go mod download k8s.io/kubernetes@${release} failed: ${result.stderr}`);
  }
  if (info.Error || !info.Dir) throw new Error(`go mod download k8s.io/kubernetes@${release} failed: ${info.Error ?? result.stderr}`);
  return JSON.parse(fs.readFileSync(path.join(info.Dir, 'api', 'openapi-spec', 'swagger.json'), 'utf8'));
}

/** The folder of standalone strict schemas for `kinds` of `release`, made once into the cache. */
function schemaFolder(release: string, kinds: readonly KindRef[]): string {
  const dir = path.join(peersCacheDir(), 'schemas', `${release}-standalone-strict`);
  const missing = kinds.filter(k => !fs.existsSync(path.join(dir, schemaFileName(k))));
  if (missing.length > 0) {
    process.stderr.write(`writing kubeconform schemas for ${missing.map(k => k.kind).join(', ')} (${release}) into ${dir}\n`);
    const schemas = standaloneStrictSchemas(swaggerOf(release), missing);
    fs.mkdirSync(dir, { recursive: true });
    for (const [file, schema] of Object.entries(schemas)) {
      fs.writeFileSync(`${path.join(dir, file)}.tmp`, JSON.stringify(schema));
      fs.renameSync(`${path.join(dir, file)}.tmp`, path.join(dir, file));
    }
  }
  return dir;
}

/** A message on one line (it goes into a table cell). */
function oneLine(message: string | undefined): string {
  return (message ?? 'unknown reason').replace(/\s+/g, ' ').trim();
}

function versionOf(binary: string, args: string[]): string {
  const result = spawnSync(binary, args, { encoding: 'utf8' });
  return (result.stdout || result.stderr || '').trim().split('\n')[0];
}

/**
 * The peers for a stream of `kinds`: the lint command, kubeconform with `workers` and with one
 * worker, and kube-linter; a peer that cannot be had comes with the reason instead of a command.
 */
export function peers(repo: string, release: string, kinds: readonly KindRef[], workers: number): Peer[] {
  const main = path.join(repo, 'lib', 'core', 'cli', 'main.js');
  const out: Peer[] = [{
    id: 'lint',
    label: 'cdk8s-hostprocess lint (one thread)',
    version: versionOf(process.execPath, [main, '--version']).split(' ').pop(),
    command: [process.execPath, main, 'lint', '--summary'],
    check: ({ stdout, stderr }, documents) => {
      const s = parseLintSummary(stdout);
      if (!s || s.checked !== documents) throw new Error(`the lint checked ${s?.checked ?? 'no'} of ${documents} documents: ${stdout.slice(-300)}${stderr.slice(-300)}`);
      return `${s.checked} objects checked`;
    },
  }];

  let kubeconform: { binary?: string; error?: string } = process.env.KUBECONFORM ? { binary: process.env.KUBECONFORM } : {};
  if (!kubeconform.binary) {
    kubeconform = goInstall(`${KUBECONFORM_MODULE}/cmd/kubeconform`, KUBECONFORM_VERSION,
      path.join(peersCacheDir(), `kubeconform-${KUBECONFORM_VERSION}`), `-s -w -X main.version=${KUBECONFORM_VERSION}`);
  }
  let schemas: string | undefined;
  if (kubeconform.binary) {
    try {
      schemas = schemaFolder(release, kinds);
    } catch (e) {
      kubeconform = { error: `its schemas: ${(e as Error).message}` };
    }
  }
  for (const n of [...new Set([workers, 1])]) {
    const id = n === 1 ? 'kubeconform-1' : 'kubeconform';
    const label = `kubeconform -strict, ${n} worker${n === 1 ? '' : 's'} (-n ${n})`;
    if (!kubeconform.binary || schemas === undefined) {
      out.push({ id, label, unavailable: oneLine(kubeconform.error) });
      continue;
    }
    out.push({
      id,
      label,
      version: versionOf(kubeconform.binary, ['-v']),
      // -strict: unknown fields and duplicate keys are errors (pkg/config/config.go@v0.8.0; with
      // the strict schemas' additionalProperties: false, validator.go's UnmarshalStrict for the
      // duplicates); -schema-location ending in "json" is used as the template as it is
      // (pkg/registry/registry.go@v0.8.0, New); a missing schema is an error, not a skip.
      command: [kubeconform.binary, '-strict', '-summary', '-n', String(n), '-schema-location', path.join(schemas, SCHEMA_FILE_TEMPLATE)],
      check: ({ stdout }, documents) => {
        const s = parseKubeconformSummary(stdout);
        if (!s || s.resources !== documents || s.valid + s.invalid !== documents) {
          throw new Error(`kubeconform validated ${s ? `${s.valid + s.invalid} of ${s.resources}` : 'no'} documents of ${documents}: ${stdout.slice(-500)}`);
        }
        return `${s.valid} valid, ${s.invalid} invalid, ${s.errors} errors, ${s.skipped} skipped`;
      },
    });
  }

  let kubeLinter: { binary?: string; error?: string } = process.env.KUBE_LINTER ? { binary: process.env.KUBE_LINTER } : {};
  if (!kubeLinter.binary) {
    kubeLinter = goInstall(KUBE_LINTER_PACKAGE, KUBE_LINTER_VERSION, path.join(peersCacheDir(), 'kube-linter'), '-s -w');
  }
  out.push(kubeLinter.binary ? {
    id: 'kube-linter',
    label: 'kube-linter, default checks',
    version: versionOf(kubeLinter.binary, ['version']),
    command: [kubeLinter.binary, 'lint', '--format', 'json'],
    // Every document of the stream has a report: its default check no-read-only-root-fs
    // ("Enabled by default: Yes", docs/generated/checks.md; scope DeploymentLike,
    // pkg/builtinchecks/yamls/read-only-root-fs.yaml) reports a container without
    // readOnlyRootFilesystem, which no container of documents.ts sets.
    check: ({ stdout }, documents) => {
      const r = parseKubeLinterJson(stdout);
      if (r.objects !== documents) throw new Error(`kube-linter reported on ${r.objects} of ${documents} objects: ${stdout.slice(0, 300)}`);
      return `${r.reports} reports on ${r.objects} of ${documents} objects`;
    },
  } : { id: 'kube-linter', label: 'kube-linter', unavailable: oneLine(kubeLinter.error) });
  return out;
}

/** Whether GNU time is installed (Debian package `time`): the peak RSS of a child needs it. */
export function hasGnuTime(): boolean {
  return spawnSync(GNU_TIME, ['--version'], { encoding: 'utf8' }).status === 0;
}

/** One run of a peer on `stream`: wall time (spawn to exit), and peak RSS by GNU time. */
export function runPeer(peer: Peer, stream: string, documents: number): PeerRun {
  if (!peer.command) throw new Error(`${peer.label} is not available: ${peer.unavailable}`);
  const command = [...peer.command, stream];
  const timeFile = path.join(os.tmpdir(), `cdk8s-hostprocess-peer-${process.pid}.time`);
  const gnuTime = hasGnuTime();
  const argv = gnuTime ? [GNU_TIME, '-f', '%M', '-o', timeFile, ...command] : command;
  const t0 = performance.now();
  const result = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024, timeout: 1_800_000 });
  const ms = performance.now() - t0;
  // Each tool's exit status is 1 when it found something (the lint's findings, kubeconform's
  // invalid documents, kube-linter's reports); anything else is a failure.
  if (result.error || (result.status !== 0 && result.status !== 1)) {
    throw new Error(`${command.join(' ')} failed (${result.error?.message ?? result.status ?? result.signal}):\n${result.stderr.slice(-2000)}`);
  }
  const detail = peer.check!({ stdout: result.stdout, stderr: result.stderr }, documents);
  let maxRss: number | undefined;
  if (gnuTime) {
    maxRss = parseGnuTimeMaxRss(fs.readFileSync(timeFile, 'utf8'));
    fs.rmSync(timeFile, { force: true });
  }
  return { ms, docsPerSecond: documents / (ms / 1000), maxRss, detail };
}

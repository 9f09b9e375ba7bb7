// `npm run bench`: what HostProcessDaemonSet costs over plain kplus and raw objects, how much of
// synth the validation takes, how fast lint is against a schema validator, and what importing the
// library costs. Every measurement runs in its own child process (plain node on the compiled JS,
// the in-process synth comparison too: both variants in that one process),
// no TypeScript compiler loaded), interleaved over rounds; medians are reported.
//
// Environment: BENCH_ROUNDS (default 5; N of 5,000 and more run in at most BENCH_LARGE_ROUNDS,
// default 3, to keep the run under ten minutes), BENCH_SIZES (default 100,1000,5000),
// BENCH_LINT_DOCS (default 10000), BENCH_STREAM_MB (the large stream, default 1024), BENCH_OUT
// (default bench/results.json).
//
// `node dist/bench/run.js lint` runs the lint measurements only (the rounds and the large stream)
// and replaces them in results.json, keeping the other figures of the last full run;
// `node dist/bench/run.js peers` the same for the peers (peers.ts: the lint command, kubeconform and
// kube-linter as whole processes on the bench's stream, in BENCH_PEER_ROUNDS rounds, default
// min(BENCH_ROUNDS, BENCH_LARGE_ROUNDS); KUBECONFORM and KUBE_LINTER name binaries to use).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { STREAM_KINDS, documents, parseStream, yamlStream } from './documents';
import { Peer, PeerRun, hasGnuTime, peers, runPeer } from './peers';
import { VARIANTS, Variant } from './variants';

const REPO = path.resolve(__dirname, '..', '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const LARGE_ROUNDS = Number(process.env.BENCH_LARGE_ROUNDS ?? 3);
const LARGE = 5000;
const SIZES = (process.env.BENCH_SIZES ?? '100,1000,5000').split(',').map(Number);
const LINT_DOCS = Number(process.env.BENCH_LINT_DOCS ?? 10000);
const OUT = path.resolve(REPO, process.env.BENCH_OUT ?? 'bench/results.json');
const IMPORT_RUNS_PER_ROUND = 8;
const LINT_MODES = ['rules', 'decode', 'schema', 'lint', 'lint-old', 'schema-yaml'] as const;
const STREAM_MB = Number(process.env.BENCH_STREAM_MB ?? 1024);
const PARSERS = ['yaml-all', 'yaml-document', 'yaml', 'js-yaml', 'lint'] as const;
const ONLY_LINT = process.argv[2] === 'lint';
const ONLY_PEERS = process.argv[2] === 'peers';
const PEER_ROUNDS = Number(process.env.BENCH_PEER_ROUNDS ?? Math.min(ROUNDS, LARGE_ROUNDS));
// Issue 19: synth of N HostProcessDaemonSets against N kplus.DaemonSets in one process (CPU time),
// IN_PROCESS_ROUNDS rounds in each bench round's process; twice: with the code optimized as a
// process that synthesizes one app after another has it (a young-generation GC before each app:
// the target), and after a forced full GC before each app, after which V8 optimizes the code again
// (synth-worker.ts, InProcessGc).
const IN_PROCESS_N = Number(process.env.BENCH_IN_PROCESS_N ?? 2000);
const IN_PROCESS_ROUNDS = 4;

const TARGETS = {
  hostprocessOverKplus: 1.0,
  hostprocessOverKplusInProcess: 1.05,
  validationShare: 0.05,
  lintOverSchema: 3,
  importMs: 15,
  linearity: 5.5,
  // Issue 11: lint from YAML text at least 3x the implementation before streaming, and a 1 GB
  // stream in at most 300 MB of peak RSS.
  lintOverOld: 3,
  streamPeakRssMb: 300,
  // Issue 21: the lint ahead of every peer on documents per second (peer / lint below 1).
  peerOverLintDocsPerSecond: 1,
};

// The compiled bench resolves `cdk8s-hostprocess` as a user's app does: through a node_modules
// folder, to this package's `main` (lib/index.js). The folder is outside the checkout (found
// through NODE_PATH): a link to the checkout inside it would loop for tools that walk the tree.
const MODULES = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-hostprocess-bench-'));
function linkPackage(): void {
  fs.symlinkSync(REPO, path.join(MODULES, 'cdk8s-hostprocess'), 'dir');
}

function child(script: string, args: string[], stdinFile?: string): any {
  const command = stdinFile === undefined
    ? [process.execPath, '--expose-gc', path.join(__dirname, script), ...args]
    // Standard input as a pipe, as `helm template ... | lint -` gives it.
    : ['bash', '-c', `cat "$0" | "${process.execPath}" --expose-gc "${path.join(__dirname, script)}" ${args.join(' ')}`, stdinFile];
  const result = spawnSync(command[0], command.slice(1), {
    cwd: REPO,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 1_800_000,
    env: { ...process.env, NODE_PATH: MODULES },
  });
  if (result.status !== 0) {
    throw new Error(`${script} ${args.join(' ')} failed (${result.status ?? result.signal}):\n${result.stderr}`);
  }
  const lines = result.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function medians<T extends { [k: string]: any }>(runs: T[], keys: (keyof T)[]): { [k: string]: number } {
  const out: { [k: string]: number } = {};
  for (const key of keys) {
    out[key as string] = median(runs.map(r => r[key] as number));
  }
  return out;
}

function rotate<T>(items: T[], by: number): T[] {
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

interface Task { label: string; run: () => void }

function main(): void {
  linkPackage();
  const startedAt = new Date();
  const loadBefore = os.loadavg();

  // One stream for every lint measurement: generating it is not what is measured.
  const stream = path.join(__dirname, 'stream');
  const yaml = yamlStream(documents(LINT_DOCS));
  fs.writeFileSync(`${stream}.yaml`, yaml);
  fs.writeFileSync(`${stream}.json`, JSON.stringify(parseStream(yaml)));
  // The peers, built or found once (minutes the first time: Go builds, the schemas).
  const peerList = ONLY_LINT ? [] : peers(REPO, kubernetesRelease(), STREAM_KINDS, os.cpus().length);
  const peerRuns: { [id: string]: PeerRun[] } = {};

  const check = ONLY_LINT || ONLY_PEERS ? { equal: true } : child('synth-worker.js', ['check']);
  if (!check.equal) {
    throw new Error(`the raw variant is not the HostProcess spec:\n${JSON.stringify(check, undefined, 2)}`);
  }

  const synthRuns: { [key: string]: any[] } = {};
  const validationRuns: { [n: number]: any[] } = {};
  const lintRuns: { [mode: string]: any[] } = {};
  const importRuns: any[] = [];
  const inProcessRuns: any[] = [];
  const inProcessFullGcRuns: any[] = [];

  const rounds = ONLY_PEERS ? PEER_ROUNDS : ROUNDS;
  for (let round = 0; round < rounds; round++) {
    const tasks: Task[] = [];
    for (const n of SIZES.filter(size => !ONLY_LINT && !ONLY_PEERS && (size < LARGE || round < LARGE_ROUNDS))) {
      // Alternate the order of the variants so that none always runs first after a heavy one.
      const variants = round % 2 ? [...VARIANTS].reverse() : VARIANTS;
      for (const variant of rotate(variants, round)) {
        tasks.push({
          label: `synth ${variant} ${n}`,
          run: () => (synthRuns[`${variant}/${n}`] ??= []).push(child('synth-worker.js', ['synth', variant, String(n)])),
        });
      }
      tasks.push({
        label: `validation ${n}`,
        run: () => (validationRuns[n] ??= []).push(child('synth-worker.js', ['validation', String(n)])),
      });
    }
    if (!ONLY_LINT && !ONLY_PEERS) {
      tasks.push({
        label: `synth ${IN_PROCESS_N} in one process`,
        run: () => inProcessRuns.push(child('synth-worker.js', ['inprocess', String(IN_PROCESS_N), String(IN_PROCESS_ROUNDS), 'scavenge'])),
      });
      tasks.push({
        label: `synth ${IN_PROCESS_N} in one process, a forced full GC before each app`,
        run: () => inProcessFullGcRuns.push(child('synth-worker.js', ['inprocess', String(IN_PROCESS_N), String(IN_PROCESS_ROUNDS), 'full'])),
      });
    }
    for (const mode of ONLY_PEERS ? [] : LINT_MODES) {
      tasks.push({
        label: `lint ${mode}`,
        run: () => (lintRuns[mode] ??= []).push(child('lint-worker.js', [mode, stream, String(LINT_DOCS)])),
      });
    }
    for (let i = 0; i < (ONLY_LINT || ONLY_PEERS ? 0 : IMPORT_RUNS_PER_ROUND); i++) {
      tasks.push({ label: 'import', run: () => importRuns.push(child('import-worker.js', [])) });
    }
    for (const peer of peerList.filter(p => p.command && round < PEER_ROUNDS)) {
      tasks.push({
        label: `peer ${peer.id}`,
        run: () => (peerRuns[peer.id] ??= []).push(runPeer(peer, `${stream}.yaml`, LINT_DOCS)),
      });
    }
    const ordered = rotate(tasks, round * 3);
    ordered.forEach((task, i) => {
      if (process.stderr.isTTY) {
        process.stderr.write(`\rround ${round + 1}/${rounds}, ${i + 1}/${ordered.length}: ${task.label}`.padEnd(70));
      }
      task.run();
    });
    process.stderr.write(`${process.stderr.isTTY ? '\r' : ''}round ${round + 1}/${rounds} done`.padEnd(70) + '\n');
  }

  const peerResult = ONLY_LINT ? undefined : summarizePeers(peerList, peerRuns, `${stream}.yaml`);
  if (ONLY_PEERS) {
    // The last run's figures and its machine stay as they are (if there is one); the peers, measured
    // alone, carry their own time and machine.
    const last = fs.existsSync(OUT) ? JSON.parse(fs.readFileSync(OUT, 'utf8')) : {};
    const peersAlone = {
      ...peerResult!.peers,
      alone: {
        startedAt: startedAt.toISOString(),
        durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
        machine: machine(loadBefore),
      },
    };
    const { runs: lastRuns, ...lastRest } = last;
    const report = {
      ...lastRest,
      targets: { ...last.targets, peerOverLintDocsPerSecond: TARGETS.peerOverLintDocsPerSecond },
      peers: peersAlone,
      verdicts: [...(last.verdicts ?? []).filter((v: any) => !isPeerVerdict(v)), peerResult!.verdict],
      runs: { ...lastRuns, peers: peerRuns },
    };
    fs.writeFileSync(OUT, JSON.stringify(report, undefined, 2) + '\n');
    process.stdout.write(`${peersTable(report.peers)}\n\nWritten to ${path.relative(process.cwd(), OUT)}\n`);
    return;
  }
  // The choice of parser: each once on the bench's stream, parsing only.
  const parsers: { [parser: string]: any } = {};
  for (const parser of PARSERS) {
    parsers[parser] = child('lint-worker.js', [`parse-${parser}`, stream, String(LINT_DOCS)]);
  }
  const streams = measureStreams(`${stream}.yaml`, lintRuns.lint[0].outcome);
  const fresh = summarize({ synthRuns, validationRuns, lintRuns, importRuns, inProcessRuns, inProcessFullGcRuns, streams });
  let results: any = fresh;
  let runs: any = {
    synth: synthRuns,
    synthInProcess: inProcessRuns,
    synthInProcessFullGc: inProcessFullGcRuns,
    validation: validationRuns,
    lint: lintRuns,
    import: importRuns,
  };
  if (ONLY_LINT) {
    // Keep the last full run's other figures.
    const last = JSON.parse(fs.readFileSync(OUT, 'utf8'));
    const keep = (v: any) => isPeerVerdict(v) || !/lint|stream/i.test(v.target);
    const verdicts = [...last.verdicts.filter(keep), ...fresh.verdicts.filter((v: any) => !keep(v))];
    results = { ...last, lint: fresh.lint, streams: fresh.streams, parsers, verdicts };
    runs = { ...last.runs, lint: lintRuns };
    for (const key of ['startedAt', 'durationSeconds', 'machine', 'config', 'targets', 'runs']) delete results[key];
  }
  if (!ONLY_LINT) {
    results = { ...results, parsers };
  }
  if (peerResult) {
    results = { ...results, peers: peerResult.peers, verdicts: [...results.verdicts, peerResult.verdict] };
    runs = { ...runs, peers: peerRuns };
  }
  const report = {
    startedAt: startedAt.toISOString(),
    durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
    machine: machine(loadBefore),
    config: {
      rounds: ROUNDS,
      largeRounds: LARGE_ROUNDS,
      sizes: SIZES,
      lintDocuments: LINT_DOCS,
      importRuns: importRuns.length,
      streamMb: STREAM_MB,
      peerRounds: ONLY_LINT ? 0 : PEER_ROUNDS,
      ...(ONLY_LINT ? { only: 'lint (the other figures are from the last full run)' } : {}),
    },
    targets: TARGETS,
    ...results,
    runs,
  };
  fs.writeFileSync(OUT, JSON.stringify(report, undefined, 2) + '\n');
  print(report);
  process.stdout.write(`\nWritten to ${path.relative(process.cwd(), OUT)}\n`);
}

interface Streams {
  /** The bench's stream (LINT_DOCS documents) read as a file by the command (runStream). */
  small: any;
  /** The large stream, generated for the run: its size, documents, and the command on it as a file and on standard input. */
  large: { bytes: number; documents: number; file: any; stdin: any };
}

/**
 * The command as the bin runs it, on the bench's stream and on a stream of STREAM_MB MB made of
 * copies of it (generated into a temporary folder, deleted after): peak RSS and documents per second.
 */
function measureStreams(small: string, findingsPerCopy: number): Streams {
  const smallRun = child('lint-worker.js', ['stream', small, String(LINT_DOCS)]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-hostprocess-stream-'));
  try {
    const big = path.join(dir, 'stream.yaml');
    const copy = fs.readFileSync(small);
    const copies = Math.ceil((STREAM_MB * 1024 * 1024) / (copy.length + 4));
    const fd = fs.openSync(big, 'w');
    for (let i = 0; i < copies; i++) {
      fs.writeSync(fd, copy);
      fs.writeSync(fd, '\n---\n');
    }
    fs.closeSync(fd);
    const count = copies * LINT_DOCS;
    process.stderr.write(`large stream: ${(fs.statSync(big).size / 1024 / 1024).toFixed(0)} MB, ${count.toLocaleString('en-US')} documents\n`);
    const file = child('lint-worker.js', ['stream', big, String(count)]);
    const stdin = child('lint-worker.js', ['stream', '-', String(count)], big);
    for (const [how, r] of [['file', file], ['stdin', stdin]] as const) {
      if (r.outcome !== copies * findingsPerCopy) {
        throw new Error(`the large stream (${how}) gave ${r.outcome} findings, not ${copies} x ${findingsPerCopy}`);
      }
    }
    return { small: smallRun, large: { bytes: fs.statSync(big).size, documents: count, file, stdin } };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function summarize({ synthRuns, validationRuns, lintRuns, importRuns, inProcessRuns, inProcessFullGcRuns, streams }: {
  synthRuns: { [key: string]: any[] };
  inProcessRuns: any[];
  inProcessFullGcRuns: any[];
  validationRuns: { [n: number]: any[] };
  lintRuns: { [mode: string]: any[] };
  importRuns: any[];
  streams: Streams;
}) {
  const synth = SIZES.filter(() => !ONLY_LINT).map(n => {
    const of = (v: Variant) => medians(synthRuns[`${v}/${n}`], ['totalMs', 'constructMs', 'synthMs', 'peakRss', 'peakRssGrowth']);
    const [hostprocess, kplus, raw] = VARIANTS.map(of);
    return {
      n,
      hostprocess,
      kplus,
      raw,
      hostprocessOverKplus: hostprocess.totalMs / kplus.totalMs,
      hostprocessOverRaw: hostprocess.totalMs / raw.totalMs,
      kplusOverRaw: kplus.totalMs / raw.totalMs,
      memoryHostprocessOverKplus: hostprocess.peakRssGrowth / kplus.peakRssGrowth,
      memoryHostprocessOverRaw: hostprocess.peakRssGrowth / raw.peakRssGrowth,
    };
  });
  const linearity: { [v: string]: number } = {};
  if (!ONLY_LINT && SIZES.includes(1000) && SIZES.includes(5000)) {
    for (const v of VARIANTS) {
      linearity[v] = synth.find(s => s.n === 5000)![v].totalMs / synth.find(s => s.n === 1000)![v].totalMs;
    }
  }
  const validation = SIZES.filter(() => !ONLY_LINT).map(n => {
    const runs = validationRuns[n];
    return {
      n,
      ...medians(runs, ['validationMs', 'synthMs', 'totalMs', 'podSecurityMs', 'rulesMs']),
      // Medians of each run's own share.
      shareOfSynth: median(runs.map(r => r.validationMs / r.synthMs)),
      shareOfConstructAndSynth: median(runs.map(r => r.validationMs / r.totalMs)),
      podSecurityShareOfSynth: median(runs.map(r => r.podSecurityMs / r.synthMs)),
      rulesShareOfSynth: median(runs.map(r => r.rulesMs / r.synthMs)),
      // Building the pod spec to check, filtering and formatting findings.
      restShareOfSynth: median(runs.map(r => (r.validationMs - r.podSecurityMs - r.rulesMs) / r.synthMs)),
    };
  });
  const inProcess = ONLY_LINT ? undefined : summarizeInProcess(inProcessRuns);
  const inProcessFullGc = ONLY_LINT ? undefined : summarizeInProcess(inProcessFullGcRuns);
  const lintMedians: { [mode: string]: { ms: number; docsPerSecond: number; maxRss: number } } = {};
  for (const mode of LINT_MODES) {
    lintMedians[mode] = {
      ms: median(lintRuns[mode].map(r => r.ms)),
      docsPerSecond: median(lintRuns[mode].map(r => r.docsPerSecond)),
      maxRss: median(lintRuns[mode].map(r => r.maxRss)),
    };
  }
  const outputs = new Set([...lintRuns.lint, ...lintRuns['lint-old']].map(r => r.output));
  if (outputs.size !== 1) {
    throw new Error(`lint and the old lint printed different findings: ${[...outputs].join(', ')}`);
  }
  const lintResult = {
    documents: LINT_DOCS,
    ...lintMedians,
    // Medians of each round's own ratio (the two ran in the same round, under the same load).
    lintOverOld: median(lintRuns.lint.map((r, i) => r.docsPerSecond / lintRuns['lint-old'][i].docsPerSecond)),
    sameFindingsAsOld: true,
    rulesOverSchema: lintMedians.rules.docsPerSecond / lintMedians.schema.docsPerSecond,
    lintOverSchemaYaml: lintMedians.lint.docsPerSecond / lintMedians['schema-yaml'].docsPerSecond,
    // What lint spends outside the rules and the API types check: YAML parsing, mostly.
    parseShareOfLint: 1 - (lintMedians.rules.ms + lintMedians.decode.ms) / lintMedians.lint.ms,
    // The API types check (unknown fields, wrong types: decode.ts) of every object, and loading its
    // table (parsing the generated JSON and compiling it, once per run), within it.
    decodeShareOfLint: lintMedians.decode.ms / lintMedians.lint.ms,
    decodeLoadMs: median(lintRuns.decode.map(r => r.loadMs)),
  };
  const importResult = {
    runs: importRuns.length,
    hostprocessMs: median(importRuns.map(r => r.hostprocessMs)),
    kplusMs: median(importRuns.map(r => r.kplusMs)),
  };
  const large = streams.large;
  const streamResult = {
    small: { bytes: fs.statSync(path.join(__dirname, 'stream.yaml')).size, ...streams.small },
    large,
    // Peak RSS of the old implementation on the bench's stream, over the new one's on the same file.
    oldOverNewRssSmall: lintMedians['lint-old'].maxRss / streams.small.maxRss,
  };
  const peakMb = Math.max(large.file.maxRss, large.stdin.maxRss) / 1024 / 1024;
  const verdicts = [
    {
      target: `lint from YAML text at least ${TARGETS.lintOverOld}x the implementation before streaming`,
      value: `${lintResult.lintOverOld.toFixed(2)}x (${Math.round(lintMedians.lint.docsPerSecond)} vs ${Math.round(lintMedians['lint-old'].docsPerSecond)} docs/s)`,
      met: lintResult.lintOverOld >= TARGETS.lintOverOld,
    },
    {
      target: `a ${(large.bytes / 1024 ** 3).toFixed(2)} GB stream in at most ${TARGETS.streamPeakRssMb} MB peak RSS (file and stdin)`,
      value: `file ${(large.file.maxRss / 1024 / 1024).toFixed(0)} MB, stdin ${(large.stdin.maxRss / 1024 / 1024).toFixed(0)} MB`,
      met: peakMb <= TARGETS.streamPeakRssMb,
    },
    {
      target: `HostProcessDaemonSet at or below ${TARGETS.hostprocessOverKplus}x kplus.DaemonSet at every N`,
      value: synth.map(s => `${s.n}: ${s.hostprocessOverKplus.toFixed(2)}x`).join(', '),
      met: synth.every(s => s.hostprocessOverKplus <= TARGETS.hostprocessOverKplus),
    },
    ...inProcessVerdicts(inProcess, `HostProcessDaemonSet within ${TARGETS.hostprocessOverKplusInProcess}x kplus.DaemonSet, `
      + `N = ${inProcess?.n.toLocaleString('en-US')}, in one process`),
    ...inProcessVerdicts(inProcessFullGc, 'the same, with a forced full GC before each app (V8 optimizes the code again in each)'),
    {
      target: `validation at most ${TARGETS.validationShare * 100}% of synth time`,
      value: validation.map(v => `${v.n}: ${(v.shareOfSynth * 100).toFixed(1)}%`).join(', '),
      met: validation.every(v => v.shareOfSynth <= TARGETS.validationShare),
    },
    {
      target: `lint at least ${TARGETS.lintOverSchema}x faster than the schema validator`,
      value: `parsed: ${lintResult.rulesOverSchema.toFixed(1)}x, with YAML parsing: ${lintResult.lintOverSchemaYaml.toFixed(2)}x`,
      met: lintResult.rulesOverSchema >= TARGETS.lintOverSchema,
    },
    {
      target: `import overhead at most ${TARGETS.importMs} ms`,
      value: `${importResult.hostprocessMs.toFixed(1)} ms`,
      met: importResult.hostprocessMs <= TARGETS.importMs,
    },
    {
      target: `cost linear in N (5,000 at most ${TARGETS.linearity}x 1,000)`,
      value: Object.entries(linearity).map(([v, r]) => `${v}: ${r.toFixed(2)}x`).join(', '),
      met: linearity.hostprocess !== undefined && linearity.hostprocess <= TARGETS.linearity,
    },
  ];
  return {
    synth,
    synthInProcess: inProcess,
    synthInProcessFullGc: inProcessFullGc,
    linearity,
    validation,
    lint: lintResult,
    streams: streamResult,
    import: importResult,
    verdicts,
  };
}

/** The verdict of an in-process measurement (none when it did not run) against issue 19's target. */
function inProcessVerdicts(m: ReturnType<typeof summarizeInProcess> | undefined, target: string) {
  if (m === undefined) return [];
  return [{
    target,
    value: `${m.hostprocessOverKplus.toFixed(3)}x (middle half of the rounds ${range(m.hostprocessOverKplusQuartiles)}x; `
      + `kplus over itself ${m.kplusOverKplus.toFixed(3)}x, ${range(m.kplusOverKplusQuartiles)}x)`,
    met: m.hostprocessOverKplus <= TARGETS.hostprocessOverKplusInProcess,
  }];
}

/** Quartiles as the verdicts and tables print them: `1.10-1.14`. */
function range(bounds: number[]): string {
  return bounds.map(q => q.toFixed(2)).join('-');
}

/** The first and third quartiles of `values`. */
function quartiles(values: number[]): [number, number] {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1) + 0.5))];
  return [at(0.25), at(0.75)];
}

/**
 * HostProcessDaemonSet over kplus.DaemonSet in one process: the median of the rounds' own ratios
 * (both ran in the same round, in the same process, under the same load), and the same for the
 * kplus app over itself, which shows how far a ratio here moves by chance.
 */
function summarizeInProcess(runs: any[]) {
  const times = (label: string) => runs.flatMap(r => (r.cpuMs[label] ?? []) as number[]);
  const hostprocess = times('hostprocess');
  const hostprocessAgain = times('hostprocessAgain');
  const kplus = times('kplus');
  const kplusAgain = times('kplusAgain');
  // Each round gives two ratios, one per pair, and two of each app against itself (the noise).
  const overKplus = [...hostprocess.map((ms, i) => ms / kplus[i]), ...hostprocessAgain.map((ms, i) => ms / kplusAgain[i])];
  const noise = kplusAgain.map((ms, i) => ms / kplus[i]);
  const hostprocessNoise = hostprocessAgain.map((ms, i) => ms / hostprocess[i]);
  return {
    n: runs[0]?.n ?? IN_PROCESS_N,
    rounds: kplus.length,
    hostprocessMs: median([...hostprocess, ...hostprocessAgain]),
    kplusMs: median([...kplus, ...kplusAgain]),
    hostprocessOverKplus: median(overKplus),
    hostprocessOverKplusQuartiles: quartiles(overKplus),
    kplusOverKplus: median(noise),
    kplusOverKplusQuartiles: quartiles(noise),
    // Unset in the results of a bench from before each app ran twice.
    hostprocessOverHostprocess: hostprocessNoise.length === 0 ? undefined : median(hostprocessNoise),
    hostprocessOverHostprocessQuartiles: hostprocessNoise.length === 0 ? undefined : quartiles(hostprocessNoise),
  };
}

/** The Kubernetes release the lint checks the API types of by default: the peers' schemas are of the same release. */
function kubernetesRelease(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(REPO, 'lib', 'core', 'k8s', 'api-types')).DEFAULT_KUBERNETES_VERSION;
}

/** A path as the results show it: the node binary as `node`, the checkout as `.`, the home folder as `~`. */
function shortPath(arg: string): string {
  if (arg === process.execPath) return 'node';
  if (arg.startsWith(`${REPO}/`)) return path.relative(REPO, arg);
  return arg.startsWith(`${os.homedir()}/`) ? `~/${path.relative(os.homedir(), arg)}` : arg;
}

function isPeerVerdict(v: { target: string }): boolean {
  return /\bpeer\b/.test(v.target);
}

/**
 * Medians of the peers' runs, and each peer's docs/s and peak RSS over the lint command's, as the
 * median of the rounds' own ratios (the two ran in the same round, under the same load).
 */
function summarizePeers(list: Peer[], runs: { [id: string]: PeerRun[] }, stream: string) {
  const lint = runs.lint ?? [];
  const rows = list.map(peer => {
    if (!peer.command) return { id: peer.id, label: peer.label, unavailable: peer.unavailable };
    const r = runs[peer.id];
    const measured = r.every(x => x.maxRss !== undefined) && lint.every(x => x.maxRss !== undefined);
    return {
      id: peer.id,
      label: peer.label,
      version: peer.version,
      command: [...peer.command, stream].map(shortPath).join(' '),
      ms: median(r.map(x => x.ms)),
      docsPerSecond: median(r.map(x => x.docsPerSecond)),
      maxRss: measured ? median(r.map(x => x.maxRss!)) : undefined,
      reported: r[r.length - 1].detail,
      docsPerSecondOverLint: median(r.map((x, i) => x.docsPerSecond / lint[i].docsPerSecond)),
      maxRssOverLint: measured ? median(r.map((x, i) => x.maxRss! / lint[i].maxRss!)) : undefined,
    };
  });
  const others = rows.filter(r => r.id !== 'lint');
  const measured = others.filter(r => r.docsPerSecondOverLint !== undefined);
  const verdict = {
    target: `the lint ahead of every peer on documents per second (peer / lint below ${TARGETS.peerOverLintDocsPerSecond}x)`,
    value: others.map(r => (r.docsPerSecondOverLint === undefined ? `${r.id} not available` : `${r.id} ${r.docsPerSecondOverLint.toFixed(2)}x`)).join(', '),
    met: measured.length > 0 && measured.every(r => r.docsPerSecondOverLint! < TARGETS.peerOverLintDocsPerSecond),
  };
  return {
    peers: {
      documents: LINT_DOCS,
      bytes: fs.statSync(stream).size,
      cores: os.cpus().length,
      rounds: PEER_ROUNDS,
      method: 'each tool a whole process on the same file (start, loading its schemas or tables, the pass, its output to a pipe), '
        + 'timed by the wall clock from spawn to exit; peak RSS: '
        + (hasGnuTime() ? 'GNU time -f %M (the maximum resident set size wait3 returns)' : 'not measured (GNU time, /usr/bin/time, Debian package time, is not installed)'),
      rows,
    },
    verdict,
  };
}

/** The peers' table (the README's). */
function peersTable(p: any): string {
  const mb = (v: number | undefined) => (v === undefined ? 'not measured' : `${(v / 1024 / 1024).toFixed(0)} MB`);
  const x = (v: number | undefined) => (v === undefined ? '' : `${v.toFixed(2)}x`);
  const out = [`The lint and its peers on the bench's stream (${p.documents.toLocaleString('en-US')} documents, ${mb(p.bytes)}, ${p.cores} cores), `
    + `each a whole process, medians of ${p.rounds} rounds; ratios against the lint, per round:`, ''];
  out.push(table(['tool', 'docs/s', 'peak RSS', 'docs/s / lint', 'peak RSS / lint', 'it reported'], p.rows.map((r: any) => (r.unavailable !== undefined
    ? [r.label, `not available: ${r.unavailable}`, '', '', '', '']
    : [`${r.label}${r.version ? ` ${r.version}` : ''}`, `${Math.round(r.docsPerSecond).toLocaleString('en-US')} (${(r.ms / 1000).toFixed(2)} s)`,
      mb(r.maxRss), x(r.docsPerSecondOverLint), x(r.maxRssOverLint), r.reported]))));
  out.push(`Time: ${p.method}.`);
  if (p.alone) {
    const m = p.alone.machine;
    out.push(`Measured on their own (node dist/bench/run.js peers) at ${p.alone.startedAt}: ${m.nproc} cores, ${m.cpu}, node ${m.node}; `
      + `load average ${m.loadAverageBefore.join(' ')} before, ${m.loadAverageAfter.join(' ')} after.`);
  }
  return out.join('\n');
}

function print(report: any): void {
  const ms = (v: number) => `${v.toFixed(0)} ms`;
  const mb = (v: number) => `${(v / 1024 / 1024).toFixed(0)} MB`;
  const x = (v: number) => `${v.toFixed(2)}x`;
  const out: string[] = [];
  out.push(`Machine: ${report.machine.nproc} cores, ${report.machine.cpu}, node ${report.machine.node}; `
    + `load average ${report.machine.loadAverageBefore.join(' ')} before, ${report.machine.loadAverageAfter.join(' ')} after`);
  out.push(`Medians of ${report.config.rounds} rounds (N of ${LARGE.toLocaleString('en-US')} and more: ${Math.min(report.config.rounds, report.config.largeRounds)}), one process per measurement.`, '');
  out.push('Construct + app.synthYaml(), N DaemonSets in one chart (namespace kube-system):', '');
  out.push(table(
    ['N', 'HostProcessDaemonSet', 'kplus.DaemonSet', 'raw KubeDaemonSet', 'HP / kplus', 'HP / raw', 'kplus / raw', 'peak RSS growth HP / kplus / raw'],
    report.synth.map((s: any) => [
      String(s.n), ms(s.hostprocess.totalMs), ms(s.kplus.totalMs), ms(s.raw.totalMs),
      x(s.hostprocessOverKplus), x(s.hostprocessOverRaw), x(s.kplusOverRaw),
      `${mb(s.hostprocess.peakRssGrowth)} / ${mb(s.kplus.peakRssGrowth)} / ${mb(s.raw.peakRssGrowth)}`,
    ]),
  ));
  const ip = report.synthInProcess;
  if (ip !== undefined) {
    out.push('', `In one process, CPU time of construct + app.synthYaml(), N = ${ip.n.toLocaleString('en-US')}, ${ip.rounds} rounds `
      + '(medians; a ratio is the median of the rounds\' own ratios, the middle half of them in brackets):', '');
    const row = (label: string, m: any) => [
      label, ms(m.hostprocessMs), ms(m.kplusMs),
      `${m.hostprocessOverKplus.toFixed(3)}x (${range(m.hostprocessOverKplusQuartiles)}x)`,
      `${m.kplusOverKplus.toFixed(3)}x (${range(m.kplusOverKplusQuartiles)}x)`,
      m.hostprocessOverHostprocess === undefined ? '-'
        : `${m.hostprocessOverHostprocess.toFixed(3)}x (${range(m.hostprocessOverHostprocessQuartiles)}x)`,
    ];
    const fullGc = report.synthInProcessFullGc;
    out.push(table(['before each app', 'HostProcessDaemonSet', 'kplus.DaemonSet', 'HP / kplus', 'kplus / kplus (the same app again: noise)', 'HP / HP (noise)'], [
      row('young-generation GC (code stays optimized)', ip),
      ...(fullGc === undefined ? [] : [row('forced full GC (code optimized again)', fullGc)]),
    ]));
  }
  if (Object.keys(report.linearity).length > 0) {
    out.push('', `5,000 / 1,000: ${Object.entries(report.linearity).map(([v, r]) => `${v} ${x(r as number)}`).join(', ')}`);
  }
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  out.push('', 'Validation during app.synthYaml() of N HostProcessDaemonSets (every node validation timed):', '');
  out.push(table(
    ['N', 'app.synthYaml()', 'in validations', 'share', 'Pod Security check', 'rules engine + intent checks', 'building the spec to check, rest'],
    report.validation.map((v: any) => [
      String(v.n), ms(v.synthMs), ms(v.validationMs), pct(v.shareOfSynth),
      `${ms(v.podSecurityMs)} (${pct(v.podSecurityShareOfSynth)})`,
      `${ms(v.rulesMs)} (${pct(v.rulesShareOfSynth)})`,
      pct(v.restShareOfSynth),
    ]),
  ));
  const l = report.lint;
  const rate = (m: any) => `${Math.round(m.docsPerSecond).toLocaleString('en-US')} docs/s (${ms(m.ms)})`;
  out.push('', `Lint, ${l.documents.toLocaleString('en-US')} pod documents, one cold pass:`, '');
  out.push(table(['', 'cdk8s-hostprocess lint', 'kubernetes-models validate()', 'lint / schema'], [
    ['parsed documents', rate(l.rules), rate(l.schema), x(l.rulesOverSchema)],
    ['parsed documents, the API types check (unknown fields, wrong types)', rate(l.decode), '', ''],
    ['from YAML text', rate(l.lint), rate(l['schema-yaml']), x(l.lintOverSchemaYaml)],
  ]));
  out.push(`From YAML text, the API types check is ${(l.decodeShareOfLint * 100).toFixed(0)}% of lint's time (loading its table `
    + `${l.decodeLoadMs.toFixed(1)} ms of it), the rules ${(l.rules.ms / l.lint.ms * 100).toFixed(0)}%, the rest (YAML parsing) ${(l.parseShareOfLint * 100).toFixed(0)}%.`);
  const st = report.streams;
  out.push('', 'Lint from YAML text, before streaming (bench/old-lint.ts) and now, same rounds:', '');
  out.push(table(['', 'docs/s', 'peak RSS'], [
    [`old: the whole stream with the yaml package (${mb(st.small.bytes)})`, rate(l['lint-old']), mb(l['lint-old'].maxRss)],
    ['new: lint() on the same text in memory', rate(l.lint), mb(l.lint.maxRss)],
    ['new: the command on the same file, streamed', rate(st.small), mb(st.small.maxRss)],
    [`new: the command on ${mb(st.large.bytes)} (${st.large.documents.toLocaleString('en-US')} docs), a file`, rate(st.large.file), mb(st.large.file.maxRss)],
    [`new: the same ${mb(st.large.bytes)} on standard input (a pipe)`, rate(st.large.stdin), mb(st.large.stdin.maxRss)],
  ]));
  const p = report.parsers;
  out.push('', 'YAML parsing alone, the bench\'s stream, one pass each:', '');
  out.push(table(['parser', 'docs/s', 'peak RSS'], [
    ['yaml: parseAllDocuments + toJS, the whole stream (before)', rate(p['yaml-all']), mb(p['yaml-all'].maxRss)],
    ['yaml: parseDocument + toJS, a document at a time', rate(p['yaml-document']), mb(p['yaml-document'].maxRss)],
    ['yaml: parse, a document at a time', rate(p.yaml), mb(p.yaml.maxRss)],
    ['js-yaml 4: load, default schema (YAML 1.2 core)', rate(p['js-yaml']), mb(p['js-yaml'].maxRss)],
    ['lint now: splitter + js-yaml 4 with go-yaml v2 scalars', rate(p.lint), mb(p.lint.maxRss)],
  ]));
  out.push(`new / old: ${x(l.lintOverOld)} docs/s (median of the rounds' ratios), ${x(st.oldOverNewRssSmall)} less peak RSS on the same file; the same findings.`);
  out.push('', `require('cdk8s-hostprocess') after require('cdk8s-plus-27'): ${report.import.hostprocessMs.toFixed(1)} ms `
    + `(cdk8s-plus-27 itself: ${report.import.kplusMs.toFixed(1)} ms), median of ${report.import.runs} processes.`);
  if (report.peers) {
    out.push('', peersTable(report.peers));
  }
  out.push('', 'Targets:', '');
  out.push(table(['target', 'measured', ''], report.verdicts.map((v: any) => [v.target, v.value, v.met ? 'met' : 'MISSED'])));
  process.stdout.write(out.join('\n') + '\n');
}

function table(header: string[], rows: string[][]): string {
  const lines = [header, header.map(() => '---'), ...rows];
  return lines.map(r => `| ${r.join(' | ')} |`).join('\n');
}

function machine(loadBefore: number[]) {
  return {
    nproc: os.cpus().length,
    cpu: cpuModel(),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverageBefore: loadBefore.map(round2),
    loadAverageAfter: os.loadavg().map(round2),
  };
}

function cpuModel(): string {
  try {
    const line = fs.readFileSync('/proc/cpuinfo', 'utf8').split('\n').find(l => l.startsWith('model name'));
    return line ? line.split(':')[1].trim() : os.cpus()[0]?.model ?? 'unknown';
  } catch {
    return os.cpus()[0]?.model ?? 'unknown';
  }
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

main();

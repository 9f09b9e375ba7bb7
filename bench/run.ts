// `npm run bench`: what HostProcessDaemonSet costs over plain kplus and raw objects, how much of
// synth the validation takes, how fast lint is against a schema validator, and what importing the
// library costs. Every measurement runs in its own child process (plain node on the compiled JS,
// no TypeScript compiler loaded), interleaved over rounds; medians are reported.
//
// Environment: BENCH_ROUNDS (default 5; N of 5,000 and more run in at most BENCH_LARGE_ROUNDS,
// default 3, to keep the run under ten minutes), BENCH_SIZES (default 100,1000,5000),
// BENCH_LINT_DOCS (default 10000), BENCH_OUT (default bench/results.json).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { documents, parseStream, yamlStream } from './documents';
import { VARIANTS, Variant } from './variants';

const REPO = path.resolve(__dirname, '..', '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const LARGE_ROUNDS = Number(process.env.BENCH_LARGE_ROUNDS ?? 3);
const LARGE = 5000;
const SIZES = (process.env.BENCH_SIZES ?? '100,1000,5000').split(',').map(Number);
const LINT_DOCS = Number(process.env.BENCH_LINT_DOCS ?? 10000);
const OUT = path.resolve(REPO, process.env.BENCH_OUT ?? 'bench/results.json');
const IMPORT_RUNS_PER_ROUND = 8;
const LINT_MODES = ['rules', 'schema', 'lint', 'schema-yaml'] as const;

const TARGETS = {
  hostprocessOverKplus: 1.0,
  validationShare: 0.05,
  lintOverSchema: 3,
  importMs: 15,
  linearity: 5.5,
};

// The compiled bench resolves `cdk8s-hostprocess` as a user's app does: through a node_modules
// folder, to this package's `main` (lib/index.js). The folder is outside the checkout (found
// through NODE_PATH): a link to the checkout inside it would loop for tools that walk the tree.
const MODULES = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-hostprocess-bench-'));
function linkPackage(): void {
  fs.symlinkSync(REPO, path.join(MODULES, 'cdk8s-hostprocess'), 'dir');
}

function child(script: string, args: string[]): any {
  const result = spawnSync(process.execPath, ['--expose-gc', path.join(__dirname, script), ...args], {
    cwd: REPO,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 600_000,
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

  const check = child('synth-worker.js', ['check']);
  if (!check.equal) {
    throw new Error(`the raw variant is not the HostProcess spec:\n${JSON.stringify(check, undefined, 2)}`);
  }

  const synthRuns: { [key: string]: any[] } = {};
  const validationRuns: { [n: number]: any[] } = {};
  const lintRuns: { [mode: string]: any[] } = {};
  const importRuns: any[] = [];

  for (let round = 0; round < ROUNDS; round++) {
    const tasks: Task[] = [];
    for (const n of SIZES.filter(size => size < LARGE || round < LARGE_ROUNDS)) {
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
    for (const mode of LINT_MODES) {
      tasks.push({
        label: `lint ${mode}`,
        run: () => (lintRuns[mode] ??= []).push(child('lint-worker.js', [mode, stream, String(LINT_DOCS)])),
      });
    }
    for (let i = 0; i < IMPORT_RUNS_PER_ROUND; i++) {
      tasks.push({ label: 'import', run: () => importRuns.push(child('import-worker.js', [])) });
    }
    const ordered = rotate(tasks, round * 3);
    ordered.forEach((task, i) => {
      if (process.stderr.isTTY) {
        process.stderr.write(`\rround ${round + 1}/${ROUNDS}, ${i + 1}/${ordered.length}: ${task.label}`.padEnd(70));
      }
      task.run();
    });
    process.stderr.write(`${process.stderr.isTTY ? '\r' : ''}round ${round + 1}/${ROUNDS} done`.padEnd(70) + '\n');
  }

  const results = summarize({ synthRuns, validationRuns, lintRuns, importRuns });
  const report = {
    startedAt: startedAt.toISOString(),
    durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
    machine: {
      nproc: os.cpus().length,
      cpu: cpuModel(),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      loadAverageBefore: loadBefore.map(round2),
      loadAverageAfter: os.loadavg().map(round2),
    },
    config: { rounds: ROUNDS, largeRounds: LARGE_ROUNDS, sizes: SIZES, lintDocuments: LINT_DOCS, importRuns: importRuns.length },
    targets: TARGETS,
    ...results,
    runs: { synth: synthRuns, validation: validationRuns, lint: lintRuns, import: importRuns },
  };
  fs.writeFileSync(OUT, JSON.stringify(report, undefined, 2) + '\n');
  print(report);
  process.stdout.write(`\nWritten to ${path.relative(process.cwd(), OUT)}\n`);
}

function summarize({ synthRuns, validationRuns, lintRuns, importRuns }: {
  synthRuns: { [key: string]: any[] };
  validationRuns: { [n: number]: any[] };
  lintRuns: { [mode: string]: any[] };
  importRuns: any[];
}) {
  const synth = SIZES.map(n => {
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
  if (SIZES.includes(1000) && SIZES.includes(5000)) {
    for (const v of VARIANTS) {
      linearity[v] = synth.find(s => s.n === 5000)![v].totalMs / synth.find(s => s.n === 1000)![v].totalMs;
    }
  }
  const validation = SIZES.map(n => {
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
  const lintMedians: { [mode: string]: { ms: number; docsPerSecond: number } } = {};
  for (const mode of LINT_MODES) {
    lintMedians[mode] = { ms: median(lintRuns[mode].map(r => r.ms)), docsPerSecond: median(lintRuns[mode].map(r => r.docsPerSecond)) };
  }
  const lintResult = {
    documents: LINT_DOCS,
    ...lintMedians,
    rulesOverSchema: lintMedians.rules.docsPerSecond / lintMedians.schema.docsPerSecond,
    lintOverSchemaYaml: lintMedians.lint.docsPerSecond / lintMedians['schema-yaml'].docsPerSecond,
    // What lint spends outside the rules: YAML parsing, mostly.
    parseShareOfLint: 1 - lintMedians.rules.ms / lintMedians.lint.ms,
  };
  const importResult = {
    runs: importRuns.length,
    hostprocessMs: median(importRuns.map(r => r.hostprocessMs)),
    kplusMs: median(importRuns.map(r => r.kplusMs)),
  };
  const verdicts = [
    {
      target: `HostProcessDaemonSet at or below ${TARGETS.hostprocessOverKplus}x kplus.DaemonSet at every N`,
      value: synth.map(s => `${s.n}: ${s.hostprocessOverKplus.toFixed(2)}x`).join(', '),
      met: synth.every(s => s.hostprocessOverKplus <= TARGETS.hostprocessOverKplus),
    },
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
  return { synth, linearity, validation, lint: lintResult, import: importResult, verdicts };
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
    ['from YAML text', rate(l.lint), rate(l['schema-yaml']), x(l.lintOverSchemaYaml)],
  ]));
  out.push(`From YAML text, ${(l.parseShareOfLint * 100).toFixed(0)}% of lint's time is outside the rules (YAML 1.1 parsing, the same parser for both).`);
  out.push('', `require('cdk8s-hostprocess') after require('cdk8s-plus-27'): ${report.import.hostprocessMs.toFixed(1)} ms `
    + `(cdk8s-plus-27 itself: ${report.import.kplusMs.toFixed(1)} ms), median of ${report.import.runs} processes.`);
  out.push('', 'Targets:', '');
  out.push(table(['target', 'measured', ''], report.verdicts.map((v: any) => [v.target, v.value, v.met ? 'met' : 'MISSED'])));
  process.stdout.write(out.join('\n') + '\n');
}

function table(header: string[], rows: string[][]): string {
  const lines = [header, header.map(() => '---'), ...rows];
  return lines.map(r => `| ${r.join(' | ')} |`).join('\n');
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

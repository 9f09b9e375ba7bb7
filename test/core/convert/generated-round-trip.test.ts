// Generated round trips (issue 22 item 1): valid HostProcess manifests of every kind convert reads,
// drawn by fast-check (generator.ts), are converted for the root line (cdk8s-hostprocess); every
// program compiles with strict tsc (all in one compile) and runs (all in one node process), and
// what it synthesizes equals the input as parsed values but for the documented additions and the
// fields stderr says were left out; a field stderr says was kept must be in the output as the input
// has it (round-trip-check.ts). `npm test` runs a fixed seed and 60 cases; FUZZ_MODE=long (`npm
// run fuzz`) a random seed (printed) and 600. FC_SEED=<n> reproduces a run, FC_RUNS=<n> sets the count.
import * as fc from 'fast-check';
import { ConvertCase, convertCases } from './generator';
import { dotted, Path, POD_PATHS, unexplained } from './round-trip-check';
import { ProgramApp, parseAll } from './run-programs';
import { ConvertDiagnostic, ConvertResult, ROOT_LINE, convert } from '../../../src/core/convert/convert';
import { LONG, seed, wholeNumber } from '../../util/fuzz-env';


/** 60 cases compile and run in about 25 s on the 2-core test machine (one tsc, one node). */
const RUNS = wholeNumber('FC_RUNS', LONG ? 600 : 60);
const SEED = seed('FC_SEED', 20260302);
/** Programs compiled by one tsc and run by one node process. */
const BATCH = 150;

const CASES: ConvertCase[] = fc.sample(convertCases(), { seed: SEED, numRuns: RUNS });

interface Outcome {
  readonly c: ConvertCase;
  readonly result: ConvertResult;
  readonly failures: string[];
}

const outcomes: Outcome[] = [];
let app: ProgramApp;

/** Leaf fields of a value, with their paths. */
function leaves(v: any, p: Path = [], acc: Path[] = []): Path[] {
  if (v !== null && typeof v === 'object' && Object.keys(v).length > 0) {
    for (const [k, x] of Object.entries(v)) leaves(x, [...p, Array.isArray(v) ? Number(k) : k], acc);
  } else {
    acc.push(p);
  }
  return acc;
}

/** How a leaf field of a converted object came out: the handling of the note over it, else typed. */
function handling(object: any, p: Path, notes: ConvertDiagnostic[]): string {
  const field = dotted(p);
  for (const n of notes) {
    // A kept volume is named by its name (`volumes[name="x"]`): the index of that volume.
    const byName = /^(.*volumes)\[name=(".*")\]$/.exec(n.field);
    let noteField = n.field;
    if (byName) {
      const list = p.slice(0, p.indexOf('volumes') + 1).reduce((o: any, k) => o?.[k], object);
      const i = Array.isArray(list) ? list.findIndex((x: any) => JSON.stringify(x?.name) === byName[2]) : -1;
      noteField = `${byName[1]}[${i}]`;
    }
    if (n.handling !== 'added' && (field === noteField || field.startsWith(`${noteField}.`) || field.startsWith(`${noteField}[`))) return n.handling;
  }
  return 'typed';
}

const figures = { objects: 0, constructs: 0, apiObjects: 0, typed: 0, kept: 0, leftOut: 0, exit0: 0, exit1: 0 };

beforeAll(() => {
  app = new ProgramApp('generated-round-trip');
  const results = CASES.map((c, i) => convert([{ file: `case-${i}.yaml`, content: c.yaml }], { packageName: 'cdk8s-hostprocess', line: ROOT_LINE }));
  for (let start = 0; start < CASES.length; start += BATCH) {
    const names = CASES.slice(start, start + BATCH).map((_, j) => `case${start + j}`);
    const programs = Object.fromEntries(names.map((n, j) => [n, results[start + j].program ?? '']));
    const tsc = app.compile(programs);
    const runs = app.runAll(names);
    names.forEach((n, j) => {
      const c = CASES[start + j];
      const result = results[start + j];
      const failures: string[] = [];
      if (result.problems.length > 0 || ![0, 1].includes(result.exitCode)) failures.push(`exit ${result.exitCode}: ${result.stderr.join('\n')}`);
      if (result.stderr.length !== result.diagnostics.length) failures.push(`stderr has ${result.stderr.length} lines for ${result.diagnostics.length} diagnostics`);
      const tscErrors = tsc.split('\n').filter(l => l.includes(`/${n}.ts(`) || l.startsWith(`${n}.ts(`));
      if (tscErrors.length > 0) failures.push(`tsc: ${tscErrors.join('\n')}`);
      const expected = c.objects.filter(o => o.construct).length;
      const constructs = Object.entries(result.objects).filter(([k]) => k !== 'ApiObject').reduce((a, [, v]) => a + v, 0);
      if (constructs !== expected) failures.push(`${constructs} HostProcess constructs written for ${expected} HostProcess objects: ${JSON.stringify(result.objects)}`);
      const run = runs[n];
      if (run.status !== 0) {
        failures.push(`the program failed: ${run.stderr.split('\n').slice(0, 6).join('\n')}`);
      } else {
        failures.push(...unexplained(parseAll(c.yaml), run.objects, result.diagnostics));
      }
      outcomes.push({ c, result, failures });
    });
    // tsc output not attributed to a program (the tsconfig, say) fails every case of the batch.
    const other = tsc.split('\n').filter(l => l.trim() !== '' && !/(^|\/)case[0-9]+\.ts\(/.test(l) && !l.startsWith(' '));
    if (other.length > 0) throw new Error(`tsc: ${other.join('\n')}`);
  }
  for (const { c, result } of outcomes) {
    if (result.exitCode === 0) figures.exit0++;
    if (result.exitCode === 1) figures.exit1++;
    for (const o of c.objects) {
      figures.objects++;
      if (!o.construct) {
        figures.apiObjects++;
        continue;
      }
      figures.constructs++;
      const notes = result.diagnostics.filter(d => d.kind === o.manifest.kind && d.name === o.manifest.metadata.name);
      for (const p of leaves(o.manifest)) {
        const h = handling(o.manifest, p, notes);
        if (h === 'kept') figures.kept++;
        else if (h === 'left-out') figures.leftOut++;
        else figures.typed++;
      }
    }
  }
  const kinds: { [kind: string]: number } = {};
  for (const c of CASES) for (const o of c.objects) kinds[o.manifest.kind] = (kinds[o.manifest.kind] ?? 0) + 1;
  console.log([
    `generated round trips: seed ${SEED}, ${CASES.length} cases (FC_SEED=${SEED} FC_RUNS=${RUNS} reproduces the run)`,
    `  ${figures.objects} objects (${JSON.stringify(kinds)}): ${figures.constructs} HostProcess constructs, ${figures.apiObjects} ApiObjects`,
    `  fields of the constructs' inputs: ${figures.typed} typed, ${figures.kept} kept through an escape hatch, ${figures.leftOut} left out`,
    `  exit 0: ${figures.exit0} cases, exit 1: ${figures.exit1}`,
  ].join('\n'));
}, 600_000);

afterAll(() => {
  app?.remove();
});

test('every generated case converts, compiles with strict tsc, runs and round-trips', () => {
  const failed = outcomes.filter(o => o.failures.length > 0);
  // Every failure line; the input and stderr of the first failing case.
  const report = failed.map(o => `case ${outcomes.indexOf(o)} (${o.c.layout}):\n${o.failures.map(f => `  ${f}`).join('\n')}`);
  if (failed.length > 0) {
    report.push(['first failing case\n--- input', failed[0].c.yaml, '--- stderr', ...failed[0].result.stderr].join('\n'));
  }
  expect({ failed: failed.length, report }).toEqual({ failed: 0, report: [] });
  expect(outcomes.length).toBe(CASES.length);
});

test('the cases cover every kind, Lists, objects without names and each handling', () => {
  const kinds = new Set(CASES.flatMap(c => c.objects.filter(o => o.construct).map(o => o.manifest.kind)));
  expect([...kinds].sort()).toEqual(Object.keys(POD_PATHS).sort());
  expect(CASES.some(c => c.layout !== 'documents' && c.yaml.includes('kind: List'))).toBe(true);
  expect(CASES.some(c => c.objects.some(o => o.manifest.metadata.name === undefined))).toBe(true);
  expect(figures.typed).toBeGreaterThan(0);
  expect(figures.kept).toBeGreaterThan(0);
  expect(figures.leftOut).toBeGreaterThan(0);
  expect(figures.exit0).toBeGreaterThan(0);
});

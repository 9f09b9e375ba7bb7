// Runs programs `convert` writes as a user runs them: in an app folder whose node_modules holds the
// library package of each line (lib/ for cdk8s-hostprocess, dist/lines/<line>/ for
// cdk8s-hostprocess-<line>, built by `npx projen compile`), cdk8s, constructs and every cdk8s-plus
// line; compiled together by one strict tsc, then each run by node. Shared by the convert tests that
// run programs (never-throws, self round trip, generated round trips).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { KPLUS_LINES, ROOT_LINE } from '../../../src/core/kplus-lines';

export const ROOT = path.join(__dirname, '..', '..', '..');

/** The library package of a line (`cdk8s-hostprocess`, `cdk8s-hostprocess-33`). */
export function packageOf(line: number): string {
  return line === ROOT_LINE ? 'cdk8s-hostprocess' : `cdk8s-hostprocess-${line}`;
}

/** Where a line's library package is built, or undefined when it is not (no `npx projen compile` yet). */
export function builtPackage(line: number): string | undefined {
  const dir = line === ROOT_LINE ? ROOT : path.join(ROOT, 'dist', 'lines', String(line));
  return fs.existsSync(path.join(dir, 'lib', 'index.js')) ? dir : undefined;
}

/** The lines whose packages are built here. */
export function builtLines(): number[] {
  return KPLUS_LINES.filter(l => builtPackage(l) !== undefined);
}

/** What running one program gave. */
export interface ProgramRun {
  readonly status: number | null;
  readonly stderr: string;
  /** The synthesized objects (of every chart file, in order), when it ran. */
  readonly objects: any[];
}

/** An app folder for programs. */
export class ProgramApp {
  public readonly dir: string;

  constructor(prefix: string = 'convert-run') {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), `cdk8s-hostprocess-${prefix}-`));
    const modules = path.join(this.dir, 'node_modules');
    fs.mkdirSync(modules);
    for (const line of builtLines()) {
      fs.symlinkSync(builtPackage(line)!, path.join(modules, packageOf(line)));
    }
    for (const m of ['cdk8s', 'constructs', '@types', ...KPLUS_LINES.map(l => `cdk8s-plus-${l}`)]) {
      fs.symlinkSync(path.join(ROOT, 'node_modules', m), path.join(modules, m));
    }
  }

  /**
   * Compiles `programs` (file name without `.ts` → text) with strict tsc (noUnusedLocals,
   * noImplicitAny, ... as `convert --out` writes its tsconfig) and returns tsc's output ('' when
   * clean).
   */
  public compile(programs: { [name: string]: string }): string {
    for (const [name, text] of Object.entries(programs)) fs.writeFileSync(path.join(this.dir, `${name}.ts`), text);
    fs.writeFileSync(path.join(this.dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        strict: true,
        noImplicitAny: true,
        noImplicitReturns: true,
        noUnusedLocals: true,
        noUnusedParameters: true,
        module: 'CommonJS',
        target: 'ES2022',
        lib: ['es2022'],
        types: ['node'],
        skipLibCheck: true,
        outDir: 'out',
      },
      files: Object.keys(programs).map(n => `${n}.ts`),
    }));
    const tsc = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', this.dir], { encoding: 'utf8' });
    return tsc.stdout + tsc.stderr;
  }

  /**
   * Compiles `programs` without type checking (TypeScript's transpileModule): for the tests' own
   * programs, whose types are not what is tested.
   */
  public transpile(programs: { [name: string]: string }): void {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ts = require('typescript');
    fs.mkdirSync(path.join(this.dir, 'out'), { recursive: true });
    for (const [name, text] of Object.entries(programs)) {
      const js = ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
      fs.writeFileSync(path.join(this.dir, 'out', `${name}.js`), js);
    }
  }

  /**
   * Runs compiled programs one after the other in one node process (one load of cdk8s and each
   * cdk8s-plus line for all), each writing to a folder of its own; a program that throws is reported
   * with its error and does not stop the others.
   */
  public runAll(names: string[]): { [name: string]: ProgramRun } {
    const driver = path.join(this.dir, 'run-all.js');
    fs.writeFileSync(driver, [
      'const fs = require(\'fs\');',
      'const path = require(\'path\');',
      'const [dir, ...names] = process.argv.slice(2);',
      'const results = {};',
      'for (const name of names) {',
      '  process.env.CDK8S_OUTDIR = path.join(dir, `run-${name}`, \'dist\');',
      '  fs.rmSync(path.dirname(process.env.CDK8S_OUTDIR), { recursive: true, force: true });',
      '  try { require(path.join(dir, \'out\', `${name}.js`)); results[name] = { status: 0, stderr: \'\' }; }',
      '  catch (e) { results[name] = { status: 1, stderr: String(e && e.stack || e) }; }',
      '}',
      'fs.writeFileSync(path.join(dir, \'run-all.json\'), JSON.stringify(results));',
    ].join('\n'));
    const run = spawnSync(process.execPath, [driver, this.dir, ...names], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`the programs' runner failed (${run.status}): ${run.stderr}`);
    const results = JSON.parse(fs.readFileSync(path.join(this.dir, 'run-all.json'), 'utf8'));
    return Object.fromEntries(names.map(name => {
      const outdir = path.join(this.dir, `run-${name}`, 'dist');
      const r = results[name];
      const objects = r.status === 0 && fs.existsSync(outdir)
        ? fs.readdirSync(outdir).sort().flatMap(f => parseAll(fs.readFileSync(path.join(outdir, f), 'utf8')))
        : [];
      return [name, { ...r, objects }];
    }));
  }

  /** Runs a compiled program in a folder of its own; its output as parsed objects. */
  public run(name: string): ProgramRun {
    const cwd = path.join(this.dir, `run-${name}`);
    fs.rmSync(cwd, { recursive: true, force: true });
    fs.mkdirSync(cwd);
    const outdir = path.join(cwd, 'dist');
    const run = spawnSync(process.execPath, [path.join(this.dir, 'out', `${name}.js`)], {
      cwd, encoding: 'utf8', env: { ...process.env, CDK8S_OUTDIR: outdir }, maxBuffer: 256 * 1024 * 1024,
    });
    const objects = run.status === 0 && fs.existsSync(outdir)
      ? fs.readdirSync(outdir).sort().flatMap(f => parseAll(fs.readFileSync(path.join(outdir, f), 'utf8')))
      : [];
    return { status: run.status, stderr: run.stderr, objects };
  }

  public remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The objects of a YAML stream, as kubectl reads them (YAML 1.1, List items as objects of their own). */
export function parseAll(text: string): any[] {
  const docs = YAML.parseAllDocuments(text, { version: '1.1' });
  return (Array.isArray(docs) ? docs : [docs]).map(d => d.toJS()).filter(v => v !== null && v !== undefined)
    .flatMap(v => (typeof v.kind === 'string' && v.kind.endsWith('List') && Array.isArray(v.items) ? v.items : [v]));
}

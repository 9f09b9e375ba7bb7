// Packages a line's compiled package for Python, Java and Go as a release would (jsii-pacmak, full
// builds), installs each the way a user of that language does, and runs the same programs in each
// language and in TypeScript, each into its own folder of YAML for bindings.test.ts to compare.
//
// What comes from where, and why:
// - Python: the wheel jsii-pacmak builds, pip-installed into a fresh virtual environment with the jsii
//   runtime, cdk8s, cdk8s-plus-NN and constructs from PyPI.
// - Java: the jar jsii-pacmak builds (and deploys to a Maven repository folder), run by Maven with the
//   jsii runtime, cdk8s and constructs from Maven Central. Maven Central as these machines reach it
//   has no org.cdk8s:cdk8s-plus-27 nor -34, so that jar is built here too, by jsii-pacmak from the npm
//   package the TypeScript program uses, once per version (cached).
// - Go: the module jsii-pacmak generates and builds, run with `go run` and jsii-runtime-go from the Go
//   module proxy. The proxy as these machines reach it refuses cdk8s-core-go and cdk8s-plus-go (403)
//   and has constructs-go only from 10.4.2, so their modules are generated here from the npm packages
//   (cached) and replaced locally.
// The dependencies that decide what is written (cdk8s, cdk8s-plus-NN, constructs) are pinned to the
// versions installed in node_modules, which the TypeScript program runs with: only the binding differs.
//
// Caches outside the repository ($CDK8S_HOSTPROCESS_BINDINGS_CACHE, else
// ~/.cache/cdk8s-hostprocess/bindings): pip's cache, the Maven repository, Go's module and build
// caches, and what is built from npm packages that do not change (keyed by package version and
// jsii-pacmak version). Everything of this library is built afresh on every run.
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { loadAssembly, ROOT } from '../../projenrc/assembly';
import { KplusLine, lineDir } from '../../projenrc/lines';
import { convert } from '../../src/core/convert/convert';
import { translate } from '../../src/core/convert/translate';
import { fixturePath, ROUND_TRIP_FIXTURES } from '../core/convert/round-trip-fixtures';

export type Language = 'python' | 'java' | 'go';
export const LANGUAGES: Language[] = ['python', 'java', 'go'];

/** A program every language runs; `typescript` is the reference. */
export interface Program {
  readonly title: string;
  /** The source per language: a README block, or a file under programs/ written with line 27's names. */
  readonly typescript: Source;
  readonly python: Source;
  readonly java: Source;
  readonly go: Source;
}

type Source =
  | { readonly readme: 'typescript' | 'python' | 'java' }
  | { readonly file: string; readonly with?: string[] };

const PROGRAMS_DIR = path.join(__dirname, 'programs');

export const PROGRAMS: Program[] = [
  {
    title: 'the README quick start',
    typescript: { readme: 'typescript' },
    python: { readme: 'python' },
    java: { readme: 'java' },
    go: { file: 'quick-start.go' },
  },
  {
    title: 'the calico-kube-proxy agent (examples/)',
    typescript: { file: 'calico-kube-proxy.ts', with: [path.join('examples', 'calico-kube-proxy', 'chart.ts')] },
    python: { file: 'calico_kube_proxy.py' },
    java: { file: 'CalicoKubeProxy.java' },
    go: { file: 'calico-kube-proxy.go' },
  },
];

/**
 * The round-trip fixtures of convert (test/core/convert/round-trip-fixtures.ts), each converted by
 * `convert --language` (the functions the command runs) for the root line's package and run in
 * every language beside the programs above: `name` is the program's name (a Java package, a Go
 * folder, a Python module).
 */
export const CONVERTED = ROUND_TRIP_FIXTURES.map((fixture) => ({ fixture, name: `c_${fixture.replace(/\.yaml$/, '').replace(/[^a-z0-9]+/gi, '_')}` }));

/** A converted program's run: its source, and where it wrote, or why it did not. */
export interface ConvertedRun {
  /** The program convert wrote (undefined when convert or the translation refused: `error` says why). */
  readonly source?: string;
  readonly outdir: string;
  /** The run's failure (or convert's), with the tail of its output; undefined when it ran. */
  readonly error?: string;
}

/** Plugin versions of the Java programs' build: the compiler is the one jsii-pacmak's builds use. */
const MAVEN_PLUGINS = [
  ['org.apache.maven.plugins', 'maven-compiler-plugin', '3.11.0'],
  ['org.codehaus.mojo', 'exec-maven-plugin', '3.5.0'],
];

export function cacheDir(): string {
  return process.env.CDK8S_HOSTPROCESS_BINDINGS_CACHE
    ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'cdk8s-hostprocess', 'bindings');
}

const PACMAK = path.join(ROOT, 'node_modules', '.bin', 'jsii-pacmak');
const PACMAK_VERSION: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'jsii-pacmak', 'package.json'), 'utf-8')).version;

/** What each language needs on the machine. */
const TOOLCHAINS: { [language in Language]: { needs: string; commands: string[][] } } = {
  python: { needs: 'Python 3 with pip and venv', commands: [['python3', '-m', 'pip', '--version'], ['python3', '-c', 'import venv, ensurepip']] },
  java: { needs: 'a JDK 11+ and Maven 3.6+', commands: [['java', '-version'], ['javac', '-version'], ['mvn', '--version']] },
  go: { needs: 'Go 1.25+', commands: [['go', 'version']] },
};

/** Why the language's toolchain cannot run here, or undefined when it can. */
export function missingToolchain(language: Language): string | undefined {
  const { needs, commands } = TOOLCHAINS[language];
  for (const [command, ...args] of commands) {
    const result = spawnSync(command, args, { encoding: 'utf-8' });
    if (result.error || result.status !== 0) {
      const why = result.error?.message ?? `exit ${result.status}: ${(result.stderr || result.stdout).trim().split('\n').pop()}`;
      return `the ${language} bindings need ${needs}: \`${[command, ...args].join(' ')}\` failed (${why})`;
    }
  }
  return undefined;
}

/** The names a program uses for this library and its cdk8s-plus line, per language. */
interface Names {
  readonly npm: string;
  readonly kplusNpm: string;
  readonly python: readonly [string, string];
  readonly java: readonly [string, string];
  readonly go: readonly [string, string];
}

interface Targets {
  readonly python: { readonly module: string };
  readonly java: { readonly package: string; readonly maven: { readonly groupId: string; readonly artifactId: string } };
  readonly go?: { readonly packageName?: string };
}

function targetsOf(dir: string): Targets {
  return (loadAssembly(dir) as unknown as { targets: Targets }).targets;
}

/** jsii-pacmak's Go package name: the jsii target's, else the npm name without its punctuation. */
function goPackage(npm: string, targets: Targets): string {
  return targets.go?.packageName ?? npm.replace(/[^a-z0-9.]/gi, '').toLowerCase();
}

function kplusDir(line: KplusLine): string {
  return path.join(ROOT, 'node_modules', `cdk8s-plus-${line.line}`);
}

function namesOf(line: KplusLine): Names {
  const own = targetsOf(lineDir(line));
  const kplusNpm = `cdk8s-plus-${line.line}`;
  const kplus = targetsOf(kplusDir(line));
  return {
    npm: line.npmName,
    kplusNpm,
    python: [own.python.module, kplus.python.module],
    java: [own.java.package, kplus.java.package],
    go: [goPackage(line.npmName, own), goPackage(kplusNpm, kplus)],
  };
}

/** A program written with `from`'s names (line 27's), with `to`'s. */
function rename(text: string, language: Language | 'typescript', from: Names, to: Names): string {
  if (language === 'typescript') {
    return text
      .replace(new RegExp(`(['"])${from.npm}\\1`, 'g'), `$1${to.npm}$1`)
      .replace(new RegExp(`(['"])${from.kplusNpm}\\1`, 'g'), `$1${to.kplusNpm}$1`);
  }
  // Python modules, Java packages and Go packages (names, and the last part of import paths) are
  // whole words: cdk8s_hostprocess is not a part of cdk8s_hostprocess_34.
  return from[language].reduce((renamed, name, i) =>
    renamed.replace(new RegExp(`\\b${name.replace(/\./g, '\\.')}\\b`, 'g'), to[language][i]), text);
}

/** The first ```lang block after the heading. */
function readmeBlock(readme: string, heading: string, lang: string): string {
  const start = readme.split('\n').findIndex((l) => l.trim() === heading);
  if (start < 0) throw new Error(`the README has no "${heading}" section`);
  const rest = readme.split('\n').slice(start).join('\n');
  const block = new RegExp(`^\`\`\`${lang}(?: [^\\n]*)?\\n([\\s\\S]*?)^\`\`\``, 'm').exec(rest);
  if (!block) throw new Error(`the README has no \`\`\`${lang} block under "${heading}"`);
  return block[1];
}

/** Where each README quick start is: its section's heading and the block's language. */
const README_BLOCKS: { [language: string]: readonly [string, string] } = {
  typescript: ['## Quick start (TypeScript)', 'ts'],
  python: ['### Quick start in other languages', 'python'],
  java: ['### Quick start in other languages', 'java'],
};

/** The README's Java is statements: a class around them, with the two imports rosetta leaves out. */
function javaMain(block: string, className: string, kplusPackage: string): string {
  const lines = block.trimEnd().split('\n');
  const imports = lines.filter((l) => l.startsWith('import '));
  return [
    'import java.util.List;',
    `import ${kplusPackage}.ContainerProps;`,
    ...imports,
    '',
    `public class ${className} {`,
    '    public static void main(String[] args) {',
    ...lines.filter((l) => !l.startsWith('import ')).map((l) => (l ? `        ${l}` : l)),
    '    }',
    '}',
    '',
  ].join('\n');
}

/** The environment of every child: without the `npm_*` variables of an `npm test` (they would point npm back here). */
function childEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')));
  return { ...inherited, JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: '1', ...env };
}

/** Runs one step of a line; each step's output goes to its own log file, kept with the work folder. */
class Steps {
  private count = 0;
  public readonly seconds: { [step: string]: number } = {};

  constructor(private readonly logs: string) {
    fs.mkdirSync(logs, { recursive: true });
  }

  public async run(name: string, command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<void> {
    const log = path.join(this.logs, `${String(++this.count).padStart(2, '0')}-${name.replace(/[^\w.-]+/g, '-')}.log`);
    const started = Date.now();
    const output: Buffer[] = [];
    const status = await new Promise<number | string>((resolve) => {
      const child = spawn(command, args, { cwd, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.on('data', (d: Buffer) => output.push(d));
      child.stderr.on('data', (d: Buffer) => output.push(d));
      child.on('error', (e) => resolve(e.message));
      child.on('close', (code, signal) => resolve(code ?? String(signal)));
    });
    this.seconds[name] = (this.seconds[name] ?? 0) + (Date.now() - started) / 1000;
    const text = Buffer.concat(output).toString('utf-8');
    fs.writeFileSync(log, `$ ${command} ${args.join(' ')}\n(in ${cwd})\n\n${text}`);
    if (status !== 0) {
      // The JSII deprecation banner of every node child says nothing about the failure.
      const tail = text.split('\n').filter((l) => !l.startsWith('!!') && !/^b'!!/.test(l)).slice(-40).join('\n');
      throw new Error(`${name}: \`${command} ${args.join(' ')}\` failed (${status}) in ${cwd}; the whole output is in ${log}:\n${tail}`);
    }
  }
}

/**
 * Maven's local repository is not safe for two builds at once (both download the same plugins):
 * the Java steps of the lines take turns.
 */
let mavenTurn: Promise<unknown> = Promise.resolve();
function oneMavenAtATime<T>(work: () => Promise<T>): Promise<T> {
  const mine = mavenTurn.then(work, work);
  mavenTurn = mine.catch(() => undefined);
  return mine;
}

const building = new Map<string, Promise<string>>();

/**
 * A folder built from an npm package that does not change (a version on the registry), kept in the
 * cache: built once (both lines need constructs and cdk8s) into a temporary folder, and renamed
 * into place when the build succeeds, so that an interrupted run leaves nothing half built.
 */
function cached(kind: string, npmDir: string, build: (outdir: string) => Promise<void>): Promise<string> {
  const pkg = JSON.parse(fs.readFileSync(path.join(npmDir, 'package.json'), 'utf-8'));
  const dir = path.join(cacheDir(), `jsii-pacmak-${PACMAK_VERSION}`, kind, `${pkg.name}@${pkg.version}`);
  if (!building.has(dir)) {
    building.set(dir, (async () => {
      if (fs.existsSync(dir)) return dir;
      fs.mkdirSync(path.dirname(dir), { recursive: true });
      const tmp = fs.mkdtempSync(`${dir}.tmp-`);
      try {
        await build(tmp);
        fs.renameSync(tmp, dir);
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
      return dir;
    })());
  }
  return building.get(dir)!;
}

function installedVersion(pkg: string): string {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf-8')).version;
}

/** The one folder under `dir` (a Maven artifact's versions, jsii-pacmak's Go packages). */
function onlyEntry(dir: string, what: string): string {
  const entries = fs.existsSync(dir) ? fs.readdirSync(dir).filter((e) => !e.startsWith('maven-metadata')) : [];
  if (entries.length !== 1) throw new Error(`expected one ${what} in ${dir}, found [${entries.join(', ')}]`);
  return entries[0];
}

function goModule(dir: string): string {
  const module = /^module (\S+)/m.exec(fs.readFileSync(path.join(dir, 'go.mod'), 'utf-8'))?.[1];
  if (!module) throw new Error(`${dir}/go.mod names no module`);
  return module;
}

/** What one line's run gives: the YAML folder of each language, or why it has none. */
export interface LineResult {
  readonly line: KplusLine;
  /** The files each TypeScript program wrote, in `typescript`'s folder. */
  readonly files: string[][];
  readonly outdirs: { [language in Language | 'typescript']: string };
  readonly errors: { [language in Language]?: string };
  /** Wall-clock seconds of each step. */
  readonly seconds: { [step: string]: number };
  /** The converted round-trip fixtures (CONVERTED, by name), on the root line only. */
  readonly converted?: { [name: string]: { [language in Language | 'typescript']?: ConvertedRun } };
}

interface Line {
  readonly line: KplusLine;
  readonly pkgDir: string;
  readonly names: Names;
  readonly rootNames: Names;
  readonly readme: string;
  readonly work: string;
  readonly steps: Steps;
  readonly outdir: (language: Language | 'typescript') => string;
  /** The converted round-trip fixtures' sources (on the root line only), once `conversion` is done. */
  converted?: { [name: string]: { [language in Language | 'typescript']?: { source?: string; error?: string } } };
  /** The conversion and the TypeScript runs of the converted programs, which the languages await. */
  conversion: Promise<void>;
  /** The runs of the converted programs, as they end. */
  readonly convertedRuns: { [name: string]: { [language in Language | 'typescript']?: ConvertedRun } };
}

/**
 * Each round-trip fixture converted for this line's package, in TypeScript and translated to each
 * language as `cdk8s-hostprocess convert --language` does: translated in an app folder whose
 * node_modules has the package, cdk8s, cdk8s-plus-NN and jsii-rosetta.
 */
function convertAll(l: Line, started: number[]): Line['converted'] {
  const app = path.join(l.work, 'convert-app');
  const modules = path.join(app, 'node_modules');
  fs.mkdirSync(modules, { recursive: true });
  fs.symlinkSync(l.pkgDir, path.join(modules, l.names.npm), 'dir');
  for (const m of ['cdk8s', 'constructs', l.names.kplusNpm, 'jsii-rosetta']) fs.symlinkSync(path.join(ROOT, 'node_modules', m), path.join(modules, m), 'dir');
  const at = Date.now();
  const out: NonNullable<Line['converted']> = {};
  for (const { fixture, name } of CONVERTED) {
    const file = path.join('test', 'fixtures', fixture);
    const content = fs.readFileSync(fixturePath(fixture));
    out[name] = {};
    for (const language of ['typescript', ...LANGUAGES] as const) {
      const result = convert([{ file, content }], { packageName: l.names.npm, line: l.line.line, language });
      if (result.program === undefined) {
        out[name][language] = { error: `convert wrote no program: ${result.stderr.join('\n')}` };
      } else if (language === 'typescript') {
        out[name][language] = { source: result.program };
      } else {
        const translated = translate(result.program, language, app, [l.names.npm, 'cdk8s', l.names.kplusNpm]);
        out[name][language] = translated.program !== undefined ? { source: translated.program } : { error: `convert --language ${language}: ${translated.error}` };
      }
    }
  }
  started.push((Date.now() - at) / 1000);
  return out;
}

/** Runs a converted program: a failure is its result (the TypeScript program of a bad input fails at synth). */
async function runConverted(l: Line, language: Language | 'typescript', name: string, command: string, args: string[], cwd: string,
  env: NodeJS.ProcessEnv = {}): Promise<void> {
  const outdir = path.join(l.work, 'out', 'converted', language, name);
  const { source: text, error } = l.converted![name][language]!;
  if (text === undefined) {
    l.convertedRuns[name] = { ...l.convertedRuns[name], [language]: { outdir, error } };
    return;
  }
  const failure = await l.steps.run(`${language}: converted ${name}`, command, args, cwd, { ...env, CDK8S_OUTDIR: outdir })
    .then(() => undefined, (e: Error) => e.message);
  l.convertedRuns[name] = { ...l.convertedRuns[name], [language]: { source: text, outdir, error: failure } };
}

/** A program's source for this line, with its file name. */
function source(l: Line, language: Language, program: Program, index: number): { file: string; text: string } {
  const src = program[language];
  if ('readme' in src) {
    const [heading, lang] = README_BLOCKS[src.readme];
    const block = readmeBlock(l.readme, heading, lang);
    if (language === 'java') return { file: `Program${index}.java`, text: javaMain(block, `Program${index}`, l.names.java[1]) };
    return { file: `program${index}.py`, text: block };
  }
  return { file: src.file, text: rename(fs.readFileSync(path.join(PROGRAMS_DIR, src.file), 'utf-8'), language, l.rootNames, l.names) };
}

/** The reference: each TypeScript program, transpiled, run by node against the line's compiled package. */
async function typescript(l: Line): Promise<string[][]> {
  const dir = path.join(l.work, 'typescript');
  const modules = path.join(dir, 'node_modules');
  fs.mkdirSync(modules, { recursive: true });
  fs.symlinkSync(l.pkgDir, path.join(modules, l.names.npm), 'dir');
  const transpile = (text: string, file: string) => {
    const out = path.join(dir, file.replace(/\.ts$/, '.js'));
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, ts.transpileModule(rename(text, 'typescript', l.rootNames, l.names), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
    }).outputText);
    return out;
  };
  const files: string[][] = [];
  for (const [i, program] of PROGRAMS.entries()) {
    const src = program.typescript;
    let main: string;
    if ('readme' in src) {
      main = transpile(readmeBlock(l.readme, ...README_BLOCKS[src.readme]), `program${i}.ts`);
    } else {
      main = transpile(fs.readFileSync(path.join(PROGRAMS_DIR, src.file), 'utf-8'), path.join('test', 'bindings', 'programs', src.file));
      for (const other of src.with ?? []) transpile(fs.readFileSync(path.join(ROOT, other), 'utf-8'), other);
    }
    // Each program alone first, to know which files are its; then all into the folder compared.
    const own = path.join(dir, `out${i}`);
    const env = { CDK8S_OUTDIR: own, NODE_PATH: [modules, path.join(ROOT, 'node_modules')].join(path.delimiter) };
    await l.steps.run(`typescript ${path.basename(main)}`, process.execPath, [main], dir, env);
    files.push(fs.existsSync(own) ? fs.readdirSync(own).sort() : []);
    fs.cpSync(own, l.outdir('typescript'), { recursive: true });
  }
  return files;
}

/** The reference of the converted programs: each TypeScript program convert writes, run as `typescript` runs its own. */
async function typescriptConverted(l: Line): Promise<void> {
  const dir = path.join(l.work, 'typescript');
  const modules = path.join(dir, 'node_modules');
  for (const { name } of CONVERTED) {
    const text = l.converted![name].typescript?.source;
    const main = path.join(dir, 'converted', `${name}.js`);
    fs.mkdirSync(path.dirname(main), { recursive: true });
    fs.writeFileSync(main, text === undefined ? '' : ts.transpileModule(text, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
    }).outputText);
    await runConverted(l, 'typescript', name, process.execPath, [main], dir,
      { NODE_PATH: [modules, path.join(ROOT, 'node_modules')].join(path.delimiter) });
  }
}

async function python(l: Line): Promise<void> {
  const dir = path.join(l.work, 'python');
  const env = { PIP_CACHE_DIR: path.join(cacheDir(), 'pip'), PIP_DISABLE_PIP_VERSION_CHECK: '1' };
  await l.steps.run('python: jsii-pacmak', PACMAK, ['--targets', 'python', '--outdir', path.join(dir, 'pacmak'), '--no-npmignore', l.pkgDir], ROOT, env);
  const dist = path.join(dir, 'pacmak', 'python');
  const wheels = fs.readdirSync(dist).filter((f) => f.endsWith('.whl'));
  if (wheels.length !== 1) throw new Error(`jsii-pacmak wrote ${wheels.length} wheels in ${dist}`);

  const venv = path.join(dir, 'venv');
  await l.steps.run('python: venv', 'python3', ['-m', 'venv', venv], dir, env);
  const py = path.join(venv, 'bin', 'python');
  await l.steps.run('python: pip install', py, ['-m', 'pip', 'install', '--no-input',
    path.join(dist, wheels[0]),
    ...['cdk8s', l.names.kplusNpm, 'constructs'].map((p) => `${p}==${installedVersion(p)}`)], dir, env);
  const errors: string[] = [];
  for (const [i, program] of PROGRAMS.entries()) {
    const { file, text } = source(l, 'python', program, i);
    fs.writeFileSync(path.join(dir, file), text);
    // One failing program does not hide the others' results.
    await l.steps.run(`python: ${file}`, py, [file], dir, { CDK8S_OUTDIR: l.outdir('python') }).catch((e) => errors.push(e.message));
  }
  await l.conversion;
  for (const { name } of l.converted ? CONVERTED : []) {
    const file = path.join(dir, 'converted', `${name}.py`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, l.converted![name].python?.source ?? '');
    await runConverted(l, 'python', name, py, [file], dir);
  }
  if (errors.length > 0) throw new Error(errors.join('\n\n'));
}

async function java(l: Line): Promise<void> {
  const dir = path.join(l.work, 'java');
  const m2 = path.join(cacheDir(), 'maven', 'repository');
  const kplusVersion = installedVersion(l.names.kplusNpm);
  const own = targetsOf(l.pkgDir).java.maven;
  const kplusMaven = targetsOf(kplusDir(l.line)).java.maven;
  const artifactDir = (repo: string, m: { groupId: string; artifactId: string }) => path.join(repo, ...m.groupId.split('.'), m.artifactId);

  // Javadoc is skipped: jsii-pacmak runs it with failOnError false, so it checks nothing, and it is
  // the slowest part of a Java build.
  const pacmakJava = ['--targets', 'java', '--no-npmignore', '--maven-local-repository', m2, '--mvn-define', 'maven.javadoc.skip=true'];
  // A dependency built here for want of one on Maven Central.
  const kplusRepo = path.join(await cached('maven', kplusDir(l.line),
    (out) => l.steps.run(`java: jsii-pacmak ${l.names.kplusNpm}`, PACMAK, [...pacmakJava, '--outdir', out, kplusDir(l.line)], ROOT)), 'java');

  // The package's version is always 0.0.0, so a jar of an earlier run left in the local repository
  // would shadow this run's; and cdk8s-plus-NN must come from the folder it was built into.
  fs.rmSync(artifactDir(m2, own), { recursive: true, force: true });
  fs.rmSync(artifactDir(m2, kplusMaven), { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const settings = path.join(dir, 'settings.xml');
  fs.writeFileSync(settings, [
    '<settings>',
    '  <profiles><profile><id>built-here</id><repositories>',
    `    <repository><id>${l.names.kplusNpm}</id><url>file://${kplusRepo}</url></repository>`,
    '  </repositories></profile></profiles>',
    '  <activeProfiles><activeProfile>built-here</activeProfile></activeProfiles>',
    '</settings>',
    '',
  ].join('\n'));
  await l.steps.run('java: jsii-pacmak', PACMAK, [...pacmakJava, '--outdir', path.join(dir, 'pacmak'), '--mvn-global-settings', settings, l.pkgDir], ROOT);
  const packageRepo = path.join(dir, 'pacmak', 'java');
  const version = onlyEntry(artifactDir(packageRepo, own), 'version');

  const mains: string[] = [];
  const sources = path.join(dir, 'src', 'main', 'java');
  fs.mkdirSync(sources, { recursive: true });
  for (const [i, program] of PROGRAMS.entries()) {
    const { file, text } = source(l, 'java', program, i);
    fs.writeFileSync(path.join(sources, file), text);
    mains.push(path.basename(file, '.java'));
  }
  // The converted programs, each a class Main (Main.java) as convert writes it, in a package of its
  // own: compiled by the same build, then each run by a JVM of its own (a jsii program's node
  // process reads CDK8S_OUTDIR once, and each writes its own manifests.k8s.yaml).
  await l.conversion;
  const converted = (l.converted ? CONVERTED : []).filter(({ name }) => l.converted![name].java?.source !== undefined);
  for (const { name } of converted) {
    fs.mkdirSync(path.join(sources, 'converted', name), { recursive: true });
    fs.writeFileSync(path.join(sources, 'converted', name, 'Main.java'), `package converted.${name};\n${l.converted![name].java!.source}`);
  }
  const dependency = (groupId: string, artifactId: string, v: string) =>
    `    <dependency><groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId><version>${v}</version></dependency>`;
  fs.writeFileSync(path.join(dir, 'pom.xml'), [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<project xmlns="http://maven.apache.org/POM/4.0.0">',
    '  <modelVersion>4.0.0</modelVersion>',
    '  <groupId>bindings.test</groupId><artifactId>programs</artifactId><version>0.0.0</version>',
    '  <properties><maven.compiler.release>11</maven.compiler.release><project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>',
    '  <repositories>',
    `    <repository><id>package</id><url>file://${packageRepo}</url></repository>`,
    `    <repository><id>${l.names.kplusNpm}</id><url>file://${kplusRepo}</url></repository>`,
    '  </repositories>',
    '  <dependencies>',
    dependency(own.groupId, own.artifactId, version),
    dependency(kplusMaven.groupId, kplusMaven.artifactId, kplusVersion),
    // Direct dependencies win over the versions jsii-pacmak resolved its ranges to (the newest).
    dependency('org.cdk8s', 'cdk8s', installedVersion('cdk8s')),
    dependency('software.constructs', 'constructs', installedVersion('constructs')),
    '  </dependencies>',
    '  <build><plugins>',
    ...MAVEN_PLUGINS.map(([g, a, v]) => `    <plugin><groupId>${g}</groupId><artifactId>${a}</artifactId><version>${v}</version>${a === 'exec-maven-plugin'
      ? `<executions>${mains.map((m) => `<execution><id>${m}</id><configuration><mainClass>${m}</mainClass></configuration></execution>`).join('')}${
        // The classpath the converted programs run with (exec:exec writes its command's output to the file).
        '<execution><id>classpath</id><configuration><executable>echo</executable><arguments><classpath/></arguments>'}${
        '<outputFile>${project.build.directory}/classpath.txt</outputFile></configuration></execution>'}</executions>`
      : ''}</plugin>`),
    '  </plugins></build>',
    '</project>',
    '',
  ].join('\n'));
  // As jsii-pacmak runs Maven: the JIT's first tier only, which is faster for short runs.
  const fastJit = ['-XX:+TieredCompilation', '-XX:TieredStopAtLevel=1'];
  await l.steps.run('java: mvn compile exec:java', 'mvn', ['--batch-mode', '--quiet', '-Dstyle.color=never', `-Dmaven.repo.local=${m2}`, 'compile',
    ...mains.map((m) => `exec:java@${m}`), ...converted.length > 0 ? ['exec:exec@classpath'] : []], dir, {
    CDK8S_OUTDIR: l.outdir('java'),
    MAVEN_OPTS: `${process.env.MAVEN_OPTS ?? ''} ${fastJit.join(' ')}`,
  });
  if (converted.length === 0) return;
  const classpath = fs.readFileSync(path.join(dir, 'target', 'classpath.txt'), 'utf-8').trim();
  for (const { name } of CONVERTED) {
    await runConverted(l, 'java', name, 'java', [...fastJit, '-cp', classpath, `converted.${name}.Main`], dir);
  }
}

async function go(l: Line): Promise<void> {
  const dir = path.join(l.work, 'go');
  const env = {
    GOMODCACHE: path.join(cacheDir(), 'go', 'mod'),
    GOCACHE: path.join(cacheDir(), 'go', 'build'),
    // -trimpath: the package is generated into a new folder on every run; without its path in the
    // build cache's keys, what did not change is compiled once.
    GOFLAGS: '-mod=mod -buildvcs=false -trimpath',
    GOTOOLCHAIN: 'local',
  };
  // The modules the proxy lacks, generated from the npm packages the TypeScript program runs with.
  const dependencies: { [packageName: string]: string } = {};
  for (const npm of ['constructs', 'cdk8s', l.names.kplusNpm]) {
    const npmDir = path.join(ROOT, 'node_modules', npm);
    const generated = path.join(await cached('go', npmDir, (out) => l.steps.run(`go: jsii-pacmak ${npm}`, PACMAK,
      ['--targets', 'go', '--code-only', '--outdir', out, '--no-npmignore', npmDir], ROOT)), 'go');
    const pkg = onlyEntry(generated, 'Go package');
    dependencies[pkg] = path.join(generated, pkg);
  }
  // jsii-pacmak's Go build (go mod tidy, go build) replaces the modules it finds beside the package's.
  const pacmakGo = path.join(dir, 'pacmak', 'go');
  fs.mkdirSync(pacmakGo, { recursive: true });
  for (const [pkg, from] of Object.entries(dependencies)) fs.cpSync(from, path.join(pacmakGo, pkg), { recursive: true });
  await l.steps.run('go: jsii-pacmak', PACMAK, ['--targets', 'go', '--outdir', path.join(dir, 'pacmak'), '--no-npmignore', l.pkgDir], ROOT, env);
  const own = path.join(pacmakGo, l.names.go[0]);

  const programs = path.join(dir, 'programs');
  const mains: string[] = [];
  for (const [i, program] of PROGRAMS.entries()) {
    const { text } = source(l, 'go', program, i);
    const main = path.join(programs, `program${i}`);
    fs.mkdirSync(main, { recursive: true });
    fs.writeFileSync(path.join(main, 'main.go'), text);
    mains.push(`./program${i}`);
  }
  const replaced = [own, ...Object.values(dependencies)];
  const goMod = (module: string) => [
    `module ${module}`,
    '',
    'go 1.25',
    '',
    `require ${goModule(own)} v0.0.0`,
    '',
    ...replaced.map((d) => `replace ${goModule(d)} => ${d}`),
    '',
  ].join('\n');
  fs.writeFileSync(path.join(programs, 'go.mod'), goMod('bindings.test/programs'));
  await l.steps.run('go: go mod tidy', 'go', ['mod', 'tidy'], programs, env);
  for (const main of mains) {
    await l.steps.run(`go: go run ${main}`, 'go', ['run', main], programs, { ...env, CDK8S_OUTDIR: l.outdir('go') });
  }
  await l.conversion;
  if (!l.converted) return;
  // The converted programs, each main.go as convert writes it, in a module of their own (one that
  // does not build does not stop the programs above): one build for all, then each binary run.
  const converted = path.join(dir, 'converted');
  for (const { name } of CONVERTED) {
    const text = l.converted[name].go?.source;
    if (text === undefined) continue;
    fs.mkdirSync(path.join(converted, name), { recursive: true });
    fs.writeFileSync(path.join(converted, name, 'main.go'), text);
  }
  fs.writeFileSync(path.join(converted, 'go.mod'), goMod('bindings.test/converted'));
  const built = await l.steps.run('go: go build converted', 'go', ['build', '-o', path.join(converted, 'bin') + path.sep, './...'], converted, env)
    .then(() => undefined, (e: Error) => e.message);
  for (const { name } of CONVERTED) {
    if (built !== undefined) {
      l.convertedRuns[name] = { ...l.convertedRuns[name], go: { source: l.converted[name].go?.source, outdir: '', error: built } };
    } else {
      await runConverted(l, 'go', name, path.join(converted, 'bin', name), [], converted);
    }
  }
}

const BUILD: { [language in Language]: (l: Line) => Promise<void> } = {
  python,
  java: (l) => oneMavenAtATime(() => java(l)),
  go,
};

/**
 * Packages, installs and runs every program of one line in each language (at the same time), after
 * the TypeScript reference. A language's failure is its result; the TypeScript program's fails the run.
 */
export async function runLine(line: KplusLine, rootLine: KplusLine, languages: Language[], work: string): Promise<LineResult> {
  const pkgDir = lineDir(line);
  const dir = path.join(work, String(line.line));
  const outdir = (language: Language | 'typescript') => path.join(dir, 'out', language);
  const l: Line = {
    line,
    pkgDir,
    names: namesOf(line),
    rootNames: namesOf(rootLine),
    // The package's own README: a line's package has its code written with the line's names.
    readme: fs.readFileSync(path.join(pkgDir, 'README.md'), 'utf-8'),
    work: dir,
    steps: new Steps(path.join(dir, 'logs')),
    outdir,
    convertedRuns: {},
    conversion: Promise.resolve(),
  };
  const files = await typescript(l);
  // The converted round-trip fixtures run on the root line, as the round-trip test converts them.
  // Converting (jsii-rosetta, a minute) holds this process, not the builds the languages start
  // first (jsii-pacmak, pip, Maven and Go are child processes), which await it only to run them.
  const convertSeconds: number[] = [];
  if (line.root) {
    l.conversion = new Promise<void>((resolve, reject) => setImmediate(() => {
      try {
        l.converted = convertAll(l, convertSeconds);
        resolve();
      } catch (e) {
        reject(e);
      }
    })).then(() => typescriptConverted(l));
  }
  const errors: { [language in Language]?: string } = {};
  await Promise.all([
    ...languages.map((language) => BUILD[language](l).catch((e: Error) => {
      errors[language] = e.message;
    })),
    // A conversion that throws fails every language that awaits it, with its message.
    l.conversion.catch(() => undefined),
  ]);
  // Every converted program has an entry per language: its run, or why there is none.
  for (const [name, sources] of Object.entries(l.converted ?? {})) {
    for (const language of LANGUAGES) {
      if (l.convertedRuns[name]?.[language]) continue;
      const why = sources[language]?.error ?? errors[language] ?? `${language} did not run (its toolchain is missing)`;
      l.convertedRuns[name] = { ...l.convertedRuns[name], [language]: { source: sources[language]?.source, outdir: '', error: why } };
    }
  }
  return {
    line,
    files,
    outdirs: { typescript: outdir('typescript'), python: outdir('python'), java: outdir('java'), go: outdir('go') },
    errors,
    seconds: { ...l.steps.seconds, ...convertSeconds.length > 0 ? { 'convert --language': convertSeconds[0] } : {} },
    converted: line.root ? l.convertedRuns : undefined,
  };
}

/**
 * Builds the package of every cdk8s-plus line other than the root's from the one `src/` tree.
 *
 * `.projenrc.ts` lists the lines and writes `projenrc/kplus-lines.json`. For each line that is not
 * the root package, `compile` stages `dist/lines/<line>/` (a copy of `src/` in which the one
 * cdk8s-plus import, `src/plus/kplus.ts`, names that line; a package.json with its own name, peer
 * dependencies and jsii targets; README, LICENSE and the bundled `js-yaml`) and runs jsii there;
 * `package` packs each staged line into `dist/js/` as `jsii-pacmak --target js` does for the root.
 *
 * Usage: ts-node projenrc/lines.ts compile|package [LINE...]
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './assembly';

/** One cdk8s-plus line, as `.projenrc.ts` writes it to `projenrc/kplus-lines.json`. */
export interface KplusLine {
  /** The cdk8s-plus line: 27 for cdk8s-plus-27. */
  readonly line: number;
  /** The cdk8s-plus-<line> version range of the peer dependency. */
  readonly kplusRange: string;
  /** The npm package of this line. */
  readonly npmName: string;
  /** Whether this line is the repository's own package (built by `npx projen compile` itself). */
  readonly root: boolean;
  /** The jsii targets of the line's package. */
  readonly targets: { [language: string]: unknown };
}

/** The file that holds the one cdk8s-plus import, relative to `src/`. */
export const KPLUS_MODULE = path.join('plus', 'kplus.ts');
/** The line the repository's `src/` is written against. */
export const SOURCE_LINE = 27;

export function kplusLines(): KplusLine[] {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'projenrc', 'kplus-lines.json'), 'utf-8')).lines;
}

/** Where a line that is not the root package is staged and built. */
export function lineDir(line: KplusLine): string {
  return line.root ? ROOT : path.join(ROOT, 'dist', 'lines', String(line.line));
}

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, {
    cwd, stdio: 'inherit', env: { ...process.env, JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION: '1' },
  });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} (in ${path.relative(ROOT, cwd) || '.'}) failed with ${result.status ?? result.signal}`);
  }
}

/**
 * The README of `line`'s package: the root README with every code block written for the line (the
 * npm package, the cdk8s-plus import, the Python modules and the Java packages of the line), and a
 * first paragraph that says so. Prose and tables stay as they are.
 */
export function lineReadme(readme: string, line: KplusLine): string {
  if (line.root) {
    return readme;
  }
  const n = line.line;
  const code = (block: string) => block
    .replace(/(['"])cdk8s-hostprocess\1/g, `$1${line.npmName}$1`)
    .replace(/(npm install )cdk8s-hostprocess(?=\s)/g, `$1${line.npmName}`)
    .replace(new RegExp(`cdk8s-plus-${SOURCE_LINE}\\b`, 'g'), `cdk8s-plus-${n}`)
    .replace(new RegExp(`cdk8s_plus_${SOURCE_LINE}\\b`, 'g'), `cdk8s_plus_${n}`)
    .replace(new RegExp(`org\\.cdk8s\\.plus${SOURCE_LINE}\\b`, 'g'), `org.cdk8s.plus${n}`)
    .replace(/\bcdk8s_hostprocess\b/g, `cdk8s_hostprocess_${n}`)
    .replace(/\bio\.github\.cdk8shostprocess\.(?=[A-Z*])/g, `io.github.cdk8shostprocess.plus${n}.`);
  // Fenced blocks are the odd parts between lines that start with ```.
  const parts = readme.split(/^(?=```)/m);
  let inBlock = false;
  const written = parts.map(part => {
    const opens = part.startsWith('```');
    if (opens) inBlock = !inBlock;
    return inBlock && opens ? code(part) : part;
  });
  const text = written.join('');
  const title = text.indexOf('\n');
  return `${text.slice(0, title + 1)}\n> This is **${line.npmName}**, the package for cdk8s-plus-${n}: the code below is written ` +
    `with its names (\`${line.npmName}\`, \`cdk8s-plus-${n}\`, \`cdk8s_hostprocess_${n}\`, ` +
    `\`io.github.cdk8shostprocess.plus${n}\`); the text speaks of the library as cdk8s-hostprocess.\n${text.slice(title + 1)}`;
}

/** `src/` with the one cdk8s-plus import naming `line`; fails if any other file imports cdk8s-plus. */
function stageSources(line: KplusLine, dir: string): void {
  const src = path.join(ROOT, 'src');
  const out = path.join(dir, 'src');
  fs.rmSync(out, { recursive: true, force: true });
  fs.cpSync(src, out, { recursive: true });
  const importPattern = /from '(cdk8s-plus-\d+)'/g;
  for (const file of fs.readdirSync(src, { recursive: true, encoding: 'utf-8' }).filter(f => f.endsWith('.ts'))) {
    const text = fs.readFileSync(path.join(src, file), 'utf-8');
    const imports = [...text.matchAll(importPattern)];
    if (file !== KPLUS_MODULE && imports.length > 0) {
      throw new Error(`src/${file} imports ${imports[0][1]}: only src/${KPLUS_MODULE} may import cdk8s-plus (import kplus from it)`);
    }
    if (file === KPLUS_MODULE) {
      if (imports.length !== 1 || imports[0][1] !== `cdk8s-plus-${SOURCE_LINE}`) {
        throw new Error(`src/${KPLUS_MODULE} must import cdk8s-plus-${SOURCE_LINE} exactly once`);
      }
      fs.writeFileSync(path.join(out, file), text.replace(importPattern, `from 'cdk8s-plus-${line.line}'`));
    }
  }
}

function stagePackage(line: KplusLine, dir: string): void {
  const root = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf-8'));
  const peerDependencies: { [name: string]: string } = {};
  for (const [name, range] of Object.entries(root.peerDependencies as { [name: string]: string })) {
    if (!/^cdk8s-plus-\d+$/.test(name)) peerDependencies[name] = range;
  }
  peerDependencies[`cdk8s-plus-${line.line}`] = line.kplusRange;
  // What jsii expects beside each peer dependency: its minimum, as the root's devDependencies are.
  const devDependencies = Object.fromEntries(Object.entries(peerDependencies).map(([name, range]) =>
    [name, root.devDependencies[name] ?? range.replace(/^\^/, '')]));
  const pkg = {
    name: line.npmName,
    description: `${root.description} For cdk8s-plus-${line.line}.`,
    repository: root.repository,
    bin: root.bin,
    author: root.author,
    devDependencies,
    peerDependencies,
    dependencies: root.dependencies,
    bundledDependencies: root.bundledDependencies,
    keywords: root.keywords,
    main: root.main,
    license: root.license,
    stability: root.stability,
    publishConfig: root.publishConfig,
    version: root.version,
    types: root.types,
    files: ['lib/**/*.js', 'lib/**/*.d.ts', '.jsii', 'README.md', 'LICENSE'],
    jsii: { ...root.jsii, targets: line.targets },
  };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
  for (const file of ['LICENSE', 'tsconfig.json']) {
    fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
  }
  fs.writeFileSync(path.join(dir, 'README.md'), lineReadme(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf-8'), line));
  // npm packs bundled dependencies, and their own dependencies, from the package's node_modules:
  // the same set as the root's tarball (js-yaml brings argparse).
  for (const dep of withDependencies(root.bundledDependencies as string[])) {
    const target = path.join(dir, 'node_modules', dep);
    fs.rmSync(target, { recursive: true, force: true });
    fs.cpSync(path.join(ROOT, 'node_modules', dep), target, { recursive: true });
  }
}

/** `deps` and, transitively, the dependencies they have installed at the top of node_modules. */
function withDependencies(deps: string[]): string[] {
  const all = new Set<string>();
  const visit = (dep: string) => {
    if (all.has(dep)) return;
    all.add(dep);
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', dep, 'package.json'), 'utf8'));
    for (const child of Object.keys(manifest.dependencies ?? {})) {
      if (!fs.existsSync(path.join(ROOT, 'node_modules', dep, 'node_modules', child))) visit(child);
    }
  };
  deps.forEach(visit);
  return [...all];
}

function compile(line: KplusLine): void {
  const dir = lineDir(line);
  fs.mkdirSync(dir, { recursive: true });
  fs.rmSync(path.join(dir, 'lib'), { recursive: true, force: true });
  stageSources(line, dir);
  stagePackage(line, dir);
  console.log(`lines: ${line.npmName}: jsii in ${path.relative(ROOT, dir)}`);
  run(path.join(ROOT, 'node_modules', '.bin', 'jsii'), ['--silence-warnings=reserved-word'], dir);
  makeBinsExecutable(dir);
}

/**
 * Makes the package's `bin` files executable (mode 755), as `.projenrc.ts` does for the root's: npm
 * packs each file with its mode on disk, and the jsii bindings run a bin from the unpacked tarball,
 * with no npm install to set the bits.
 */
function makeBinsExecutable(dir: string): void {
  const { bin } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf-8'));
  for (const file of Object.values(bin ?? {}) as string[]) {
    fs.chmodSync(path.join(dir, file), 0o755);
  }
}

function pack(line: KplusLine): void {
  const dir = lineDir(line);
  if (!fs.existsSync(path.join(dir, '.jsii'))) {
    throw new Error(`${path.relative(ROOT, dir)}/.jsii is missing: run "npx projen compile" first`);
  }
  const out = path.join(ROOT, 'dist', 'js');
  fs.mkdirSync(out, { recursive: true });
  run(path.join(ROOT, 'node_modules', '.bin', 'jsii-pacmak'), ['--target', 'js', '--outdir', path.join(dir, 'dist')], dir);
  for (const file of fs.readdirSync(path.join(dir, 'dist', 'js'))) {
    fs.copyFileSync(path.join(dir, 'dist', 'js', file), path.join(out, file));
    console.log(`lines: ${line.npmName}: dist/js/${file}`);
  }
}

function main(): number {
  const [command, ...only] = process.argv.slice(2);
  const steps: { [name: string]: (line: KplusLine) => void } = { compile, package: pack };
  const step = steps[command];
  if (!step) {
    console.error('usage: ts-node projenrc/lines.ts compile|package [LINE...]');
    return 2;
  }
  const lines = kplusLines().filter(l => !l.root && (only.length === 0 || only.includes(String(l.line))));
  try {
    lines.forEach(step);
  } catch (e) {
    console.error(`lines: ${(e as Error).message}`);
    return 1;
  }
  return 0;
}

if (require.main === module) {
  process.exitCode = main();
}

/**
 * Builds the package of every cdk8s-plus line other than the root's from the one `src/` tree.
 *
 * `.projenrc.ts` lists the lines and writes `projenrc/kplus-lines.json`. For each line that is not
 * the root package, `compile` stages `dist/lines/<line>/` (a copy of `src/` in which the one
 * cdk8s-plus import, `src/plus/kplus.ts`, names that line; a package.json with its own name, peer
 * dependencies and jsii targets; README, the docs/ pages, CHANGELOG, LICENSE and the bundled `js-yaml`)
 * and runs jsii there;
 * `package` packs each staged line for one jsii target (`--target`, js by default) into `dist/<target>/`
 * beside the root's, as `jsii-pacmak --target <target>` does for the root: `package:<target>` runs it
 * after the root's, so that every language's folder holds every line's package.
 *
 * Usage: ts-node projenrc/lines.ts compile [LINE...] | package [--target js|python|java|dotnet|go] [LINE...]
 */
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
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

/** The markdown a line's package ships beside its code: README.md, CHANGELOG.md and the pages of docs/. */
export function packagedDocs(): string[] {
  const docs = fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`);
  return ['README.md', 'CHANGELOG.md', ...docs];
}

/** Where a repository file is on GitHub (`tree` for a folder), for a link from a page the package ships to a file it does not. */
function repositoryUrl(file: string): string {
  const root = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf-8'));
  const repo = String(root.repository.url).replace(/^git\+/, '').replace(/\.git$/, '');
  const folder = fs.existsSync(path.join(ROOT, file)) && fs.statSync(path.join(ROOT, file)).isDirectory();
  return `${repo}/${folder ? 'tree' : 'blob'}/main/${file}`;
}

/**
 * A markdown file of `line`'s package (`file`, relative to the repository root: README.md or
 * docs/x.md): every code block written for the line (the npm package, the cdk8s-plus import, the
 * Python modules and the Java packages of the line), a first paragraph that says so, and each
 * relative link to a file the package does not ship (examples/, bench/, API.md) made absolute on
 * the repository, so that no link of the installed package is broken. Prose and tables stay as they
 * are; links between the packaged pages stay relative.
 */
export function lineMarkdown(text: string, line: KplusLine, file: string): string {
  if (line.root) {
    return text;
  }
  const shipped = new Set(packagedDocs());
  const relink = (prose: string) => prose.replace(/\]\(([^)\s#]+)((?:#[^)\s]*)?)\)/g, (link, target: string, anchor: string) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return link;
    const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), target));
    if (shipped.has(resolved) || resolved === 'docs' || resolved === 'docs/') return link;
    return `](${repositoryUrl(resolved)}${anchor})`;
  });
  return lineReadme(text, line, relink);
}

/**
 * The README of `line`'s package: the root README with every code block written for the line (the
 * npm package, the cdk8s-plus import, the Python modules and the Java packages of the line), and a
 * first paragraph that says so. Prose and tables stay as they are, but for `prose` (links).
 */
export function lineReadme(readme: string, line: KplusLine, prose: (text: string) => string = (t) => t): string {
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
    return inBlock && opens ? code(part) : prose(part);
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
    files: ['lib/**/*.js', 'lib/**/*.d.ts', '.jsii', ...packagedDocs(), 'LICENSE'],
    jsii: { ...root.jsii, targets: line.targets },
  };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
  for (const file of ['LICENSE', 'tsconfig.json']) {
    fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
  }
  // The README and every page it links to, written for this line (its names in code, links that work installed).
  fs.rmSync(path.join(dir, 'docs'), { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'docs'));
  for (const file of packagedDocs()) {
    fs.writeFileSync(path.join(dir, file), lineMarkdown(fs.readFileSync(path.join(ROOT, file), 'utf-8'), line, file));
  }
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
  stageSources(line, dir);
  stagePackage(line, dir);
  // jsii has no incremental build: a line whose staged inputs are those of its last build is not
  // built again (a fresh clone has no stamp, and builds every line).
  const stampFile = path.join(dir, '.compile-stamp');
  const stamp = inputsDigest(dir);
  if (fs.existsSync(path.join(dir, '.jsii')) && fs.existsSync(path.join(dir, 'lib')) &&
    fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf-8') === stamp) {
    console.log(`lines: ${line.npmName}: up to date in ${path.relative(ROOT, dir)}`);
    return;
  }
  fs.rmSync(stampFile, { force: true });
  fs.rmSync(path.join(dir, 'lib'), { recursive: true, force: true });
  console.log(`lines: ${line.npmName}: jsii in ${path.relative(ROOT, dir)}`);
  run(path.join(ROOT, 'node_modules', '.bin', 'jsii'), ['--silence-warnings=reserved-word'], dir);
  makeBinsExecutable(dir);
  fs.writeFileSync(stampFile, stamp);
}

/**
 * A digest of what jsii reads in a staged line: its sources, package.json, tsconfig.json, README and
 * LICENSE, and the installed dependencies (the root's package-lock.json).
 */
function inputsDigest(dir: string): string {
  const hash = createHash('sha256');
  const files = fs.readdirSync(path.join(dir, 'src'), { recursive: true, encoding: 'utf-8' }).map(f => path.join('src', f)).sort();
  for (const file of [...files, 'package.json', 'tsconfig.json', 'README.md', 'LICENSE']) {
    const full = path.join(dir, file);
    if (fs.statSync(full).isFile()) {
      hash.update(`${file}\0`).update(fs.readFileSync(full)).update('\0');
    }
  }
  hash.update(fs.readFileSync(path.join(ROOT, 'package-lock.json')));
  return hash.digest('hex');
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

/** The jsii-pacmak targets a line's package is built for, as `package:<target>` builds the root's. */
export const PACKAGE_TARGETS = ['js', 'python', 'java', 'dotnet', 'go'] as const;
export type PackageTarget = typeof PACKAGE_TARGETS[number];

/** The files of a package that a registry receives (not checksums, signatures or Go sources). */
const PACKAGE_FILE = /(\.tgz|\.whl|\.tar\.gz|\.pom|\.jar|\.nupkg|\.snupkg|\/go\.mod)$/;

/**
 * Packs `line` for `target` with jsii-pacmak in its staged folder and copies what it writes into
 * `dist/<target>/`, beside the root's: the folder projen's `package:<target>` writes and publib
 * publishes from (npm tarballs, wheels, a Maven repository, NuGet packages, one Go module each).
 */
function pack(line: KplusLine, target: PackageTarget): void {
  const dir = lineDir(line);
  if (!fs.existsSync(path.join(dir, '.jsii'))) {
    throw new Error(`${path.relative(ROOT, dir)}/.jsii is missing: run "npx projen compile" first`);
  }
  const built = path.join(dir, 'dist', target);
  const out = path.join(ROOT, 'dist', target);
  fs.rmSync(built, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  run(path.join(ROOT, 'node_modules', '.bin', 'jsii-pacmak'), ['--target', target, '--outdir', path.join(dir, 'dist')], dir);
  // A Maven repository and Go modules are folders: merged into the root's, file by file.
  fs.cpSync(built, out, { recursive: true });
  const files = fs.readdirSync(built, { recursive: true, encoding: 'utf-8' })
    .map(f => f.split(path.sep).join('/'))
    .filter(f => PACKAGE_FILE.test(`/${f}`));
  if (files.length === 0) {
    throw new Error(`jsii-pacmak --target ${target} wrote no package for ${line.npmName}`);
  }
  for (const file of files.sort()) {
    console.log(`lines: ${line.npmName}: dist/${target}/${file}`);
  }
}

function main(): number {
  const [command, ...args] = process.argv.slice(2);
  const usage = 'usage: ts-node projenrc/lines.ts compile [LINE...] | package [--target js|python|java|dotnet|go] [LINE...]';
  let target: PackageTarget = 'js';
  const targetAt = args.indexOf('--target');
  if (targetAt >= 0) {
    const value = args.splice(targetAt, 2)[1];
    if (!PACKAGE_TARGETS.includes(value as PackageTarget)) {
      console.error(usage);
      return 2;
    }
    target = value as PackageTarget;
  }
  const steps: { [name: string]: (line: KplusLine) => void } = { compile, package: line => pack(line, target) };
  const step = steps[command];
  if (!step || (command !== 'package' && targetAt >= 0)) {
    console.error(usage);
    return 2;
  }
  const only = args;
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

// The `cdk8s-hostprocess` command runs from the packed tarball of this jest project's cdk8s-plus line
// as the jsii bindings (Python, Java, Go, .NET) run it: they unpack the tarball and start the bin file
// itself, with no npm install to set its executable bits or install its dependencies. So the bin file
// must be executable in the tarball, and `js-yaml` must come bundled inside it.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { HOST_NETWORK_FALSE, HOST_NETWORK_FIX, HOST_NETWORK_MESSAGE } from './core/cli/manifests';
import { LINE } from './util/line';

const ROOT = path.join(__dirname, '..');
const SEED_FILE = path.join(ROOT, 'test', 'fixtures', 'aks-hostprocess.yaml');

/** The packages of every line (projenrc/kplus-lines.json, written by .projenrc.ts). */
const LINES: { line: number; npmName: string; root: boolean }[] =
  JSON.parse(fs.readFileSync(path.join(ROOT, 'projenrc', 'kplus-lines.json'), 'utf-8')).lines;
const THIS = LINES.find((l) => l.line === LINE)!;

/** The environment without the `npm_*` variables of the `npm test` that runs jest (see consumer.test.ts), nor NODE_PATH and NODE_OPTIONS. */
function childEnv(): NodeJS.ProcessEnv {
  const keep = new Set(['npm_config_cache', 'npm_config_registry', 'npm_config_userconfig']);
  return Object.fromEntries(Object.entries(process.env).filter(([k]) =>
    (!k.toLowerCase().startsWith('npm_') || keep.has(k.toLowerCase())) && k !== 'NODE_PATH' && k !== 'NODE_OPTIONS'));
}

let tmp: string;
/** The unpacked tarball: what the package's `package/` entries become. */
let unpacked: string;
let bin: string;

beforeAll(() => {
  const dir = THIS.root ? ROOT : path.join(ROOT, 'dist', 'lines', String(LINE));
  if (!fs.existsSync(path.join(dir, 'lib', 'core', 'cli', 'main.js'))) {
    throw new Error(`${path.relative(ROOT, dir) || '.'}/lib is missing: run "npx projen compile" first`);
  }
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), `cdk8s-hostprocess-bin-${LINE}-`));
  const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp],
    { cwd: dir, env: childEnv(), encoding: 'utf-8', maxBuffer: 64 * 1024 * 1024 });
  if (pack.status !== 0) throw new Error(`npm pack (in ${dir}) failed with ${pack.status}:\n${pack.stdout}\n${pack.stderr}`);
  const tarball = path.join(tmp, JSON.parse(pack.stdout)[0].filename);
  // Unpacked under the system temporary directory, outside this repository's node_modules.
  const extract = spawnSync('tar', ['-xzf', tarball, '-C', tmp], { encoding: 'utf-8' });
  if (extract.status !== 0) throw new Error(`tar -xzf ${tarball} failed with ${extract.status}:\n${extract.stderr}`);
  unpacked = path.join(tmp, 'package');
  const manifest = JSON.parse(fs.readFileSync(path.join(unpacked, 'package.json'), 'utf-8'));
  expect(manifest.name).toBe(THIS.npmName);
  expect(manifest.bin).toEqual({ 'cdk8s-hostprocess': 'lib/core/cli/main.js' });
  bin = path.join(unpacked, manifest.bin['cdk8s-hostprocess']);
}, 2 * 60 * 1000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** Starts the bin file itself, as a program (its `#!/usr/bin/env node` line picks node), not `node <file>`. */
function runBin(args: string[], stdin = '') {
  const result = spawnSync(bin, args, { cwd: tmp, env: childEnv(), input: stdin, encoding: 'utf-8' });
  return { error: result.error?.message, status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('the bin file is executable by everyone in the packed tarball', () => {
  expect(fs.statSync(bin).mode.toString(8).slice(-3)).toBe('755');
});

test('the bundled js-yaml (with its dependency argparse) is inside the tarball, beside the bin, and nothing else is', () => {
  expect(fs.readdirSync(path.join(unpacked, 'node_modules')).filter(d => !d.startsWith('.'))).toEqual(['argparse', 'js-yaml']);
  expect(fs.existsSync(path.join(unpacked, 'node_modules', 'js-yaml', 'package.json'))).toBe(true);
});

test('the bin file lints the AKS seed manifest: exit 0, nothing printed', () => {
  expect(runBin(['lint', SEED_FILE])).toEqual({ error: undefined, status: 0, stdout: '', stderr: '' });
  expect(runBin(['lint', '--format', 'json', SEED_FILE])).toEqual({ error: undefined, status: 0, stdout: '[]\n', stderr: '' });
});

test('the bin file lints a copy with hostNetwork: false from standard input: exit 1, the finding', () => {
  expect(runBin(['lint', '-'], HOST_NETWORK_FALSE)).toEqual({
    error: undefined,
    status: 1,
    stdout: `<stdin>:23:7: error: DaemonSet/privileged-daemonset spec.template.spec.hostNetwork: ${HOST_NETWORK_MESSAGE} ${HOST_NETWORK_FIX}\n`,
    stderr: '',
  });
});

test('convert, run from this line\'s package, writes a program for this line unless told otherwise', () => {
  const result = runBin(['convert', '-'], HOST_NETWORK_FALSE.replace('hostNetwork: false', 'hostNetwork: true'));
  expect(result.stdout).toContain(`from '${THIS.npmName}';`);
  expect(result.stdout).toContain(`import * as kplus from 'cdk8s-plus-${LINE}';`);
  const root = runBin(['convert', '--package', 'cdk8s-hostprocess', '-'], HOST_NETWORK_FALSE.replace('hostNetwork: false', 'hostNetwork: true'));
  expect(root.stdout).toContain('import * as kplus from \'cdk8s-plus-27\';');
});

test('the tarball\'s README is this line\'s: its code imports this line\'s package and cdk8s-plus', () => {
  const readme = fs.readFileSync(path.join(unpacked, 'README.md'), 'utf-8');
  const blocks = readme.split(/^```/m).filter((_, i) => i % 2 === 1).join('\n');
  expect(blocks).toContain(`from '${THIS.npmName}';`);
  // The quick start in Python imports kplus' ContainerProps (the TypeScript cdk8s-plus imports are in docs/, below).
  expect(blocks).toContain(`from cdk8s_plus_${LINE} import ContainerProps`);
  if (!THIS.root) {
    expect(readme.split('\n')[2]).toBe(`> This is **${THIS.npmName}**, the package for cdk8s-plus-${LINE}: the code below is written with its names ` +
      `(\`${THIS.npmName}\`, \`cdk8s-plus-${LINE}\`, \`cdk8s_hostprocess_${LINE}\`, \`io.github.cdk8shostprocess.plus${LINE}\`); ` +
      'the text speaks of the library as cdk8s-hostprocess.');
    // No code written for another line's package.
    expect(blocks.match(/'cdk8s-hostprocess'|cdk8s-plus-27\b|cdk8s_plus_27\b|\bcdk8s_hostprocess\b|io\.github\.cdk8shostprocess\.[A-Z]/g)).toBeNull();
    expect(blocks).toContain(`from cdk8s_hostprocess_${LINE} import`);
    expect(blocks).toContain(`import io.github.cdk8shostprocess.plus${LINE}.HostProcessDaemonSet;`);
  }
});

/** The relative links of a markdown file, outside code blocks and inline code. */
function relativeLinks(text: string): string[] {
  return text.split(/^```/m).filter((_, i) => i % 2 === 0).join('\n').replace(/`[^`]*`/g, '')
    .match(/\]\([^)\s]+\)/g)?.map((l) => l.slice(2, -1)).filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t)) ?? [];
}

test('the tarball ships the docs/ pages the README links to, written for this line, and their links work installed', () => {
  const pages = ['README.md', 'CHANGELOG.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  const readmeLinks = relativeLinks(fs.readFileSync(path.join(unpacked, 'README.md'), 'utf-8')).map((l) => l.split('#')[0]);
  expect(readmeLinks.filter((l) => l.startsWith('docs/')).length).toBeGreaterThan(10);
  const broken: string[] = [];
  for (const page of pages) {
    expect({ page, shipped: fs.existsSync(path.join(unpacked, page)) }).toEqual({ page, shipped: true });
    const text = fs.readFileSync(path.join(unpacked, page), 'utf-8');
    for (const link of relativeLinks(text)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(page), link.split('#')[0]));
      // The root package is the repository's own files: a page of docs/ may link to a source file
      // the package does not ship (examples/, bench/), which npm's site resolves on the repository.
      const ours = THIS.root ? page === 'README.md' || target.startsWith('docs/') || target.endsWith('.md') : true;
      if (ours && !fs.existsSync(path.join(unpacked, target))) broken.push(`${page}: ${link}`);
    }
    if (!THIS.root && page.startsWith('docs/')) {
      // Each page says which line it is written for, and its code names only this line's packages.
      expect(text.split('\n')[2]).toMatch(new RegExp(`^> This is \\*\\*${THIS.npmName}\\*\\*, the package for cdk8s-plus-${LINE}:`));
      const blocks = text.split(/^```/m).filter((_, i) => i % 2 === 1).join('\n');
      expect({ page, other: blocks.match(/'cdk8s-hostprocess'|cdk8s-plus-27\b|cdk8s_plus_27\b|\bcdk8s_hostprocess\b/g) }).toEqual({ page, other: null });
    }
  }
  expect(broken).toEqual([]);
  const cookbook = fs.readFileSync(path.join(unpacked, 'docs', 'cookbook.md'), 'utf-8');
  expect(cookbook).toContain(`from '${THIS.npmName}';`);
  expect(cookbook).toContain(`from 'cdk8s-plus-${LINE}';`);
  if (!THIS.root) {
    expect(cookbook).toContain('](https://github.com/cdk8s-hostprocess/cdk8s-hostprocess/blob/main/examples/csi-proxy/chart.ts)');
  }
});

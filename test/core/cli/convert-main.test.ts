// End-to-end runs of the compiled `convert` command, as users run it (`npm test` compiles lib/
// first): the program on stdout, the app with --out, diagnostics on stderr, the exit codes.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..', '..');
const MAIN = path.join(ROOT, 'lib', 'core', 'cli', 'main.js');
const FIXTURES = path.join(ROOT, 'test', 'fixtures');

let dir: string;

function run(args: string[], stdin: string = '') {
  const result = spawnSync(process.execPath, [MAIN, ...args], { input: stdin, encoding: 'utf8', cwd: dir });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  if (!fs.existsSync(MAIN)) {
    throw new Error(`${MAIN} is missing: run npx projen compile first (npm test does)`);
  }
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-hostprocess-convert-'));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a manifest that converts to typed code: the program on stdout, nothing on stderr, exit 0', () => {
  const result = run(['convert', path.join(FIXTURES, 'csi-proxy.yaml')]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(result.stdout).toBe(fs.readFileSync(path.join(__dirname, '..', 'convert', 'programs', 'csi-proxy.ts'), 'utf8'));
});

test('standard input, as `helm template ... | cdk8s-hostprocess convert -` gives it', () => {
  const result = run(['convert', '-'], fs.readFileSync(path.join(FIXTURES, 'csi-proxy.yaml'), 'utf8'));
  expect(result.status).toBe(0);
  expect(result.stdout).toContain('new HostProcessDaemonSet(chart, \'csi-proxy\', {');
});

test('a field left out: exit 1, one stderr line per field, the program still printed', () => {
  const file = path.join(FIXTURES, 'convert', 'csi-smb-node-windows.yaml');
  const result = run(['convert', file]);
  expect(result.status).toBe(1);
  expect(result.stderr.trim().split('\n')).toEqual([
    `${file}:1 DaemonSet/csi-smb-node-win spec.template.spec.securityContext.seccompProfile: left out: the API server rejects it in a windows pod ` +
    '(`Forbidden: cannot be set for a windows pod`, validateWindows in kubernetes pkg/apis/core/validation/validation.go@v1.35.4) and the library writes spec.os.name: windows',
  ]);
  expect(result.stdout).toContain('// spec.template.spec.securityContext.seccompProfile: left out:');
});

test('--out writes a cdk8s app with the chosen package and its cdk8s-plus line', () => {
  const out = path.join(dir, 'agent-app');
  const result = run(['convert', '--package', 'cdk8s-hostprocess-33', '--out', out, path.join(FIXTURES, 'csi-proxy.yaml')]);
  expect(result.status).toBe(0);
  expect(result.stdout).toBe('');
  expect(result.stderr).toBe(`cdk8s-hostprocess convert: wrote ${out}/main.ts, package.json, tsconfig.json and cdk8s.yaml: cd ${out} && npm install && npx cdk8s synth\n`);
  expect(fs.readdirSync(out).sort()).toEqual(['cdk8s.yaml', 'main.ts', 'package.json', 'tsconfig.json']);
  const pkg = JSON.parse(fs.readFileSync(path.join(out, 'package.json'), 'utf8'));
  const own = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  expect(pkg.dependencies).toEqual({
    'cdk8s-hostprocess-33': `^${own.version}`,
    'cdk8s': `^${own.devDependencies.cdk8s.replace(/^\^/, '')}`,
    'cdk8s-plus-33': `^${own.devDependencies['cdk8s-plus-33']}`,
    'constructs': `^${own.devDependencies.constructs.replace(/^\^/, '')}`,
  });
  const main = fs.readFileSync(path.join(out, 'main.ts'), 'utf8');
  expect(main).toContain('from \'cdk8s-hostprocess-33\';');
  expect(main).toContain('import * as kplus from \'cdk8s-plus-33\';');
});

test('--out to a place that cannot be written: exit 2, one line', () => {
  fs.writeFileSync(path.join(dir, 'a-file'), '');
  const result = run(['convert', '--out', path.join(dir, 'a-file', 'app'), path.join(FIXTURES, 'csi-proxy.yaml')]);
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(/^cdk8s-hostprocess convert: .*a-file\/app: cannot write the app: .+\n$/);
});

test.each([
  [['convert'], 'cdk8s-hostprocess convert: no input: give a file, a folder or - for standard input (see cdk8s-hostprocess convert --help)\n'],
  [['convert', '--package', 'other', 'a.yaml'], 'cdk8s-hostprocess convert: --package "other": not a package of the library (cdk8s-hostprocess, or cdk8s-hostprocess-NN for NN in 25, 28, 29, 30, 31, 32, 33, 34) (see cdk8s-hostprocess convert --help)\n'],
])('usage error %j: exit 2, one line, nothing on stdout', (args, stderr) => {
  expect(run(args)).toEqual({ status: 2, stdout: '', stderr });
});

test('unreadable input and empty standard input: exit 2 and no program', () => {
  expect(run(['convert', 'missing.yaml'])).toEqual({ status: 2, stdout: '', stderr: 'cdk8s-hostprocess convert: missing.yaml: no such file or directory\n' });
  expect(run(['convert', '-'], '')).toEqual({ status: 2, stdout: '', stderr: 'cdk8s-hostprocess convert: <stdin>: no documents on standard input\n' });
});

test('--help of convert, and the command list in the top-level help', () => {
  const help = run(['convert', '--help']);
  expect(help.status).toBe(0);
  expect(help.stdout).toContain('Usage: cdk8s-hostprocess convert [--package NAME] [--out DIR | --language LANG] PATH... | -');
  expect(run(['--help']).stdout).toContain('Usage: cdk8s-hostprocess convert');
});

test('--language where the packages are not installed: exit 2, one line saying where to run it', () => {
  const result = run(['convert', '--language', 'python', path.join(FIXTURES, 'csi-proxy.yaml')]);
  expect(result.status).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(/^cdk8s-hostprocess convert: --language translates with the types of cdk8s-hostprocess, cdk8s, cdk8s-plus-27, which are not installed where the command runs \(.*\): run it in the app folder after npm install \(.*\)\n$/);
}, 60_000);

// `convert --language`: the committed calico kube-proxy program translated by jsii-rosetta with the
// library's types, resolved from an app folder whose node_modules has the library (this repository,
// compiled by `npm test` before jest), cdk8s and cdk8s-plus-27.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseConvertArgs } from '../../../src/core/convert/convert';
import { translate } from '../../../src/core/convert/translate';

const ROOT = path.join(__dirname, '..', '..', '..');
const PROGRAM = fs.readFileSync(path.join(__dirname, 'programs', 'calico-kube-proxy.ts'), 'utf8');
const PACKAGES = ['cdk8s-hostprocess', 'cdk8s', 'cdk8s-plus-27'];
let app: string;
let empty: string;

beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, '.jsii'))) {
    throw new Error('.jsii is missing: run npx projen compile first (npm test does)');
  }
  app = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-hostprocess-translate-'));
  fs.mkdirSync(path.join(app, 'node_modules'));
  fs.symlinkSync(ROOT, path.join(app, 'node_modules', 'cdk8s-hostprocess'));
  for (const m of ['cdk8s', 'cdk8s-plus-27', 'constructs']) {
    fs.symlinkSync(path.join(ROOT, 'node_modules', m), path.join(app, 'node_modules', m));
  }
  empty = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-hostprocess-translate-empty-'));
});

afterAll(() => {
  fs.rmSync(app, { recursive: true, force: true });
  fs.rmSync(empty, { recursive: true, force: true });
});

test.each([
  ['python', ['from cdk8s_hostprocess import DaemonSetUpdateStrategy, HostProcessDaemonSet', 'kube_proxy_windows = HostProcessDaemonSet(chart, "kube-proxy-windows",',
    '    user=HostProcessUser.of("NT AUTHORITY\\\\system"),', 'containers=[kplus.ContainerProps(']],
  ['java', ['import io.github.cdk8shostprocess.HostProcessDaemonSet;', 'HostProcessDaemonSet kubeProxyWindows = HostProcessDaemonSet.Builder.create(chart, "kube-proxy-windows")',
    '.user(HostProcessUser.of("NT AUTHORITY\\\\system"))']],
  ['csharp', ['using Cdk8sHostProcess;', 'new HostProcessDaemonSet(chart, "kube-proxy-windows", new HostProcessDaemonSetProps {']],
  ['go', ['cdk8shostprocess.NewHostProcessDaemonSet(chart, jsii.String("kube-proxy-windows"), &HostProcessDaemonSetProps{']],
])('%s, with the library\'s types (structs, builders, jsii names)', (language, expected) => {
  const result = translate(PROGRAM, language, app, PACKAGES);
  expect(result.error).toBeUndefined();
  for (const line of expected) {
    expect(result.program).toContain(line);
  }
}, 60_000);

test('without the packages installed where it runs: an error that says where to run it, no untyped guess', () => {
  const result = translate(PROGRAM, 'python', empty, PACKAGES);
  expect(result.program).toBeUndefined();
  expect(result.error).toMatch(new RegExp(`^--language translates with the types of cdk8s-hostprocess, cdk8s, cdk8s-plus-27, which are not installed where the command runs \\(${empty}\\): run it in the app folder after npm install \\(Cannot find module 'cdk8s'`));
}, 60_000);

test('without jsii-rosetta: how to install it', () => {
  const result = translate(PROGRAM, 'java', app, PACKAGES, () => {
    throw new Error('Cannot find module \'jsii-rosetta\'');
  });
  expect(result).toEqual({
    error: '--language needs jsii-rosetta, which translates the program with the library\'s types: npm install --save-dev jsii-rosetta (in the app folder), then run the command there',
  });
});

test.each([
  [['--language', 'rust', 'a.yaml'], '--language "rust": use typescript, python, java, csharp, go'],
  [['--language', 'python', '--out', 'app', 'a.yaml'], '--out writes a TypeScript app, --language prints the program in another language: give one of them'],
])('%j is a usage error', (argv, message) => {
  expect(parseConvertArgs(argv).usageError).toBe(message);
});

// `convert --language`: the committed calico kube-proxy program translated by jsii-rosetta with the
// library's types, resolved from an app folder whose node_modules has the library (this repository,
// compiled by `npm test` before jest), cdk8s and cdk8s-plus-27.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { convert, parseConvertArgs } from '../../../src/core/convert/convert';
import { CDK8S_STRUCTS, LIBRARY_STRUCTS, tidyImports } from '../../../src/core/convert/imports';
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
  ['go', ['cdk8shostprocess.NewHostProcessDaemonSet(chart, jsii.String("kube-proxy-windows"), &cdk8shostprocess.HostProcessDaemonSetProps{',
    'package main', 'import "github.com/cdk8s-team/cdk8s-plus-go/cdk8splus27/v2"', 'cdk8s.NewApp(nil)']],
])('%s, with the library\'s types (structs, builders, jsii names)', (language, expected) => {
  const result = translate(PROGRAM, language, app, PACKAGES);
  expect(result.error).toBeUndefined();
  for (const line of expected) {
    expect(result.program).toContain(line);
  }
}, 60_000);

test('go: env in the input\'s order (added after the workload is made: a Go map has none), nil for an optional argument left out', () => {
  const lines = translate(PROGRAM, 'go', app, PACKAGES).program!.split('\n').map(l => l.trim());
  expect(lines.filter(l => /EnvVariables|AddVariable/.test(l)).map(l => l.replace(/, cdk8splus27\.EnvValue_FromFieldRef.*/, ''))).toEqual([
    '(*kubeProxyWindows.Containers())[0].Env().AddVariable(jsii.String("NODENAME")',
    '(*kubeProxyWindows.Containers())[0].Env().AddVariable(jsii.String("POD_IP")',
  ]);
  expect(lines).toContain('(*kubeProxyWindows.Containers())[0].Env().AddVariable(jsii.String("POD_IP"), cdk8splus27.EnvValue_FromFieldRef(cdk8splus27.EnvFieldPaths_POD_IP, nil))');
}, 60_000);

test('go: a program convert does not write is refused with the line, not guessed', () => {
  const result = translate(`${PROGRAM}\nfor (const x of [1]) { app.synth(); }\n`, 'go', app, PACKAGES);
  expect(result.program).toBeUndefined();
  expect(result.error).toMatch(/^convert cannot write this in Go \(line \d+: ForOfStatement\)$/);
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

describe('imports: each once, below the header, none missing (issue 22 item 7)', () => {
  // escape-hatches.ts writes metadata (ApiObjectMetadata, a cdk8s struct) six times.
  const ESCAPE_HATCHES = fs.readFileSync(path.join(__dirname, 'programs', 'escape-hatches.ts'), 'utf8');

  test('python: one `from cdk8s import` line with ApiObjectMetadata once, below the header comment', () => {
    const result = translate(ESCAPE_HATCHES, 'python', app, PACKAGES);
    expect(result.error).toBeUndefined();
    const lines = result.program!.split('\n');
    expect(lines[0]).toBe('# Written by `cdk8s-hostprocess convert`.');
    expect(lines.filter(l => l.startsWith('from cdk8s import'))).toEqual(['from cdk8s import ApiObject, ApiObjectMetadata, App, Chart, Cron, Duration, JsonPatch']);
    const imports = lines.filter(l => /^(from|import) /.test(l));
    expect(new Set(imports).size).toBe(imports.length);
  }, 60_000);

  test('java: the cdk8s struct it builds (ApiObjectMetadata.builder()) is imported', () => {
    const result = translate(ESCAPE_HATCHES, 'java', app, PACKAGES);
    expect(result.error).toBeUndefined();
    expect(result.program).toContain('ApiObjectMetadata.builder()');
    expect(result.program).toContain('import org.cdk8s.ApiObjectMetadata;\n');
  }, 60_000);

  test('tidyImports\' struct lists are the structs of cdk8s\' and the library\'s .jsii', () => {
    const structs = (file: string) => Object.values(JSON.parse(fs.readFileSync(file, 'utf8')).types as { [fqn: string]: any })
      .filter(t => t.datatype).map(t => t.name).sort();
    expect([...CDK8S_STRUCTS].sort()).toEqual(structs(path.join(ROOT, 'node_modules', 'cdk8s', '.jsii')));
    expect([...LIBRARY_STRUCTS].sort()).toEqual(structs(path.join(ROOT, '.jsii')));
  });

  test('python: names merged per module, sorted, the plain imports after', () => {
    expect(tidyImports('from a import X, X\n# header\nfrom a import B\nimport c as k\nimport c as k\n\nx = 1\n', 'python'))
      .toBe('# header\nfrom a import B, X\nimport c as k\n\nx = 1\n');
  });
});

describe('--language writes programs that run as the TypeScript does (issue 22 item 7; run by test/bindings/)', () => {
  const fixture = (name: string, language: string) => {
    const file = path.join('test', 'fixtures', 'convert', name);
    const result = convert([{ file, content: fs.readFileSync(path.join(ROOT, file)) }], { packageName: 'cdk8s-hostprocess', line: 27, language });
    const translated = translate(result.program!, language, app, PACKAGES);
    expect(translated.error).toBeUndefined();
    return { typescript: result.program!, program: translated.program! };
  };

  test('an ApiObject\'s fields other than apiVersion, kind and metadata are JSON patches (jsii\'s ApiObjectProps has no others)', () => {
    const { typescript, program } = fixture('escape-hatches.yaml', 'python');
    expect(typescript).toContain('const nodeConfigMetrics = new ApiObject(chart, \'service-node-config-metrics\', {\n');
    expect(typescript).toContain('nodeConfigMetrics.addJsonPatch(JsonPatch.add(\'/spec\', {');
    expect(program).toContain('node_config_metrics.add_json_patch(JsonPatch.add("/spec", {');
    // The TypeScript program of `convert` without --language keeps them as props.
    expect(fs.readFileSync(path.join(__dirname, 'programs', 'escape-hatches.ts'), 'utf8')).toContain('  spec: { selector: { app: \'node-config-controller\' }');
  }, 60_000);

  test('python: a dict key as written (rosetta snake_cases it), a keyword name with jsii\'s trailing _', () => {
    const escapes = fixture('escape-hatches.yaml', 'python').program;
    expect(escapes).toContain('"preStop": {"exec": {"command": ["cmd.exe", "/c", "exit"]}}');
    expect(escapes).toContain('"targetPort": "metrics"');
    expect(escapes).not.toMatch(/pre_stop|target_port|config_map_ref/);
    expect(fixture('flannel-overlay.yaml', 'python').program).toContain('kplus.NodeLabelQuery.in_("kubernetes.io/os", ["windows"])');
  }, 60_000);

  test('java: a class Main with main(), java.util imported, getters under calls, maps in order', () => {
    const { program } = fixture('flannel-overlay.yaml', 'java');
    const lines = program.split('\n');
    expect(lines.slice(0, 4)).toEqual(['// Written by `cdk8s-hostprocess convert`.', 'import java.util.LinkedHashMap;', 'import java.util.List;', 'import java.util.Map;']);
    expect(lines.filter(l => l.startsWith('public class '))).toEqual(['public class Main {']);
    expect(program).toContain('\n    public static void main(final String[] args) {\n        App app = new App();\n');
    expect(program).toContain('.getScheduling().attract(Node.labeled(NodeLabelQuery.in("kubernetes.io/os", List.of("windows"))');
    expect(program).not.toMatch(/\.scheduling\./);
    // Map.of has no order: env (kplus writes it in the map's order) would not be the input's.
    expect(program).toMatch(/\.envVariables\(orderedMap\(\s*Map\.entry\("POD_NAME", /);
    expect(program.match(/private static <V> Map<String, V> orderedMap\(/g)).toHaveLength(1);
  }, 60_000);
});

test('for a jsii language, an ApiObject without a name: its other metadata and fields as patches, null fields dropped as cdk8s drops them from props', () => {
  const input = JSON.stringify({
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'cfg-', labels: { a: 'b' }, annotations: null }, data: { x: '1', y: null },
  });
  const result = convert([{ file: 'cm.yaml', content: Buffer.from(input) }], { packageName: 'cdk8s-hostprocess', line: 27, language: 'java' });
  expect(result.program).toContain([
    'const configMap = new ApiObject(chart, \'configmap-ConfigMap\', { apiVersion: \'v1\', kind: \'ConfigMap\', metadata: { labels: { a: \'b\' } } });',
    '// the fields other than apiVersion, kind and metadata as JSON patches: a jsii language passes no others as props',
    'configMap.addJsonPatch(JsonPatch.add(\'/data\', { x: \'1\' }));',
    'configMap.addJsonPatch(JsonPatch.add(\'/metadata/generateName\', \'cfg-\'));',
    '// cdk8s writes a metadata.name; the input has none',
    'configMap.addJsonPatch(JsonPatch.remove(\'/metadata/name\'));',
  ].join('\n'));
});

// The packed tarball of this jest project's cdk8s-plus line works in a fresh cdk8s app, set up as
// `cdk8s init typescript-app` of the newest cdk8s-cli does: the app's package.json, tsconfig.json and
// cdk8s.yaml come from the template in cdk8s-cli (a devDependency here), with that line's cdk8s-plus
// (the template's own line as it is). The library is `npm pack`ed (the root's lib/, or the line's
// package staged by `npx projen compile` under dist/lines/<line>), installed with the rest from the
// npm registry into a temporary directory; then `tsc` type-checks, strictly, a chart that passes the
// app's own kplus objects into HostProcess constructs, `cdk8s synth` writes it, and the README quick
// start runs as written. Both outputs must equal line 27's (the snapshots are shared by every line).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { LINE } from './util/line';
import { spoolManifests } from './util/spool';

const ROOT = path.join(__dirname, '..');
/** The cdk8s-cli whose `typescript-app` template the app starts from (`npm view cdk8s-cli version`). */
const CDK8S_CLI = path.join(ROOT, 'node_modules', 'cdk8s-cli');
const TEMPLATE = path.join(CDK8S_CLI, 'templates', 'typescript-app');

/** The version installed here: the same as the tests use, and already in npm's cache. */
const installed = (pkg: string): string =>
  JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf-8')).version;

/**
 * The environment of a child npm: without the `npm_*` variables of the `npm test` that runs jest
 * (`npm_config_local_prefix` and the like would point it back at this repository).
 */
function childEnv(): NodeJS.ProcessEnv {
  const keep = new Set(['npm_config_cache', 'npm_config_registry', 'npm_config_userconfig']);
  return Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_') || keep.has(k.toLowerCase())),
  );
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  const result = spawnSync(command, args, { cwd, env: { ...childEnv(), ...env }, encoding: 'utf-8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) failed with ${result.status ?? result.signal}:\n` +
      `${result.stdout}\n${result.stderr}\n${result.error ?? ''}`);
  }
  return result.stdout;
}

/** The packages of every line (projenrc/kplus-lines.json, written by .projenrc.ts). */
const LINES: { line: number; npmName: string; root: boolean }[] =
  JSON.parse(fs.readFileSync(path.join(ROOT, 'projenrc', 'kplus-lines.json'), 'utf-8')).lines;
const THIS = LINES.find((l) => l.line === LINE)!;
const KPLUS = `cdk8s-plus-${LINE}`;

/** The template's file, with the `{{ name }}` placeholders `cdk8s init` fills in. */
function template(file: string, values: { [name: string]: string }): string {
  return fs.readFileSync(path.join(TEMPLATE, file), 'utf-8')
    .replace(/\{\{ *([$\w]+) *\}\}/g, (m, name: string) => values[name] ?? m);
}

/** The cdk8s-plus line of the app `cdk8s init typescript-app` writes. */
function initLine(): number {
  const deps = Object.keys(JSON.parse(template('package.json', {})).dependencies);
  return Number(/^cdk8s-plus-(\d+)$/.exec(deps.find((d) => d.startsWith('cdk8s-plus-'))!)![1]);
}

// The app's own kplus objects (a config map volume, a service account, a toleration) go into the
// library's constructs: this compiles only if both use the same cdk8s-plus.
const mainTs = (pkg: string) => `import { App, Chart } from 'cdk8s';
import * as kplus from '${KPLUS}';
import { HostProcessDaemonSet, HostProcessJob, HostProcessTolerations, HostProcessUser } from '${pkg}';

const app = new App();
const chart = new Chart(app, 'agents', { namespace: 'kube-system' });

const config = new kplus.ConfigMap(chart, 'agent-config', { data: { 'agent.conf': 'level=info' } });
const volume: kplus.Volume = kplus.Volume.fromConfigMap(chart, 'config', config);
const serviceAccount: kplus.ServiceAccount = new kplus.ServiceAccount(chart, 'agent-account');
const critical: kplus.NodeTaintQuery = kplus.NodeTaintQuery.exists('CriticalAddonsOnly');

const agent = new HostProcessDaemonSet(chart, 'agent', {
  user: HostProcessUser.LOCAL_SERVICE,
  nodeSelector: { 'example.com/pool': 'agents' },
  serviceAccount,
  automountServiceAccountToken: true,
  volumes: [volume],
  containers: [{
    name: 'agent',
    image: 'mcr.microsoft.com/powershell:lts-nanoserver-ltsc2022',
    volumeMounts: [{ volume, path: 'C:\\\\config' }],
  }],
});
agent.scheduling.tolerate(kplus.Node.tainted(critical));
const windowsTaint: kplus.NodeTaintQuery = HostProcessTolerations.windowsOsTaint();
agent.scheduling.tolerate(kplus.Node.tainted(windowsTaint));

const setup = new HostProcessJob(chart, 'setup', {
  serviceAccount,
  volumes: [volume],
  containers: [{
    name: 'setup',
    image: 'mcr.microsoft.com/powershell:lts-nanoserver-ltsc2022',
    command: ['powershell.exe', '-Command', 'Get-Content C:\\\\config\\\\agent.conf'],
    volumeMounts: [{ volume, path: 'C:\\\\config' }],
  }],
});
setup.scheduling.tolerate(kplus.Node.tainted(critical));

app.synth();
`;

/** The README's TypeScript quick start, importing the package of this line. */
function quickStart(pkg: string): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf-8');
  const block = /## Quick start \(TypeScript\)\n\n```ts nofixture\n([\s\S]*?)```/.exec(readme);
  if (!block) throw new Error('README.md has no "## Quick start (TypeScript)" ts block');
  return block[1].replace(/from 'cdk8s-hostprocess'/g, `from '${pkg}'`);
}

function readYaml(file: string): any[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf-8')).map((d) => d.toJS());
}

test('the cdk8s init template is on a line this library has a package for', () => {
  expect(LINES.map((l) => l.line)).toContain(initLine());
});

// The name is the same on every line, so that every line shares line 27's snapshots.
test('the packed tarball in a fresh cdk8s app of its line: tsc, cdk8s synth, the README quick start', () => {
  const dir = THIS.root ? ROOT : path.join(ROOT, 'dist', 'lines', String(LINE));
  if (!fs.existsSync(path.join(dir, 'lib', 'index.js'))) {
    throw new Error(`${path.relative(ROOT, dir) || '.'}/lib is missing: run "npx projen compile" first`);
  }
  const app = fs.mkdtempSync(path.join(os.tmpdir(), `cdk8s-hostprocess-consumer-${LINE}-`));
  try {
    const packed = JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', app], dir));
    const tarball: string = packed[0].filename;
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf-8'));

    // What `cdk8s init typescript-app` writes, with this line's cdk8s-plus. Left out: the template's
    // jest setup (this test does not run the app's tests) and `imports: [k8s]` in cdk8s.yaml (the
    // chart uses no imported types, and `cdk8s import` downloads the schema from GitHub).
    const pkg = JSON.parse(template('package.json', {
      $base: 'consumer-app',
      cdk8s_core_version: installed('cdk8s'),
      cdk8s_plus_version: installed(KPLUS),
      constructs_version: installed('constructs'),
      cdk8s_cli_spec: installed('cdk8s-cli'),
    }));
    const templateKplus = Object.keys(pkg.dependencies).find((d) => d.startsWith('cdk8s-plus-'))!;
    delete pkg.dependencies[templateKplus];
    pkg.dependencies[KPLUS] = `^${installed(KPLUS)}`;
    pkg.dependencies[THIS.npmName] = `file:./${tarball}`;
    for (const jest of ['jest', 'ts-jest', '@types/jest']) delete pkg.devDependencies[jest];
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify(pkg, undefined, 2));
    fs.copyFileSync(path.join(TEMPLATE, 'tsconfig.json'), path.join(app, 'tsconfig.json'));
    fs.writeFileSync(path.join(app, 'cdk8s.yaml'), template('cdk8s.yaml', {}).replace(/^imports:\n(?:\s+-.*\n?)*/m, ''));
    fs.writeFileSync(path.join(app, 'main.ts'), mainTs(THIS.npmName));
    fs.writeFileSync(path.join(app, 'quickstart.ts'), quickStart(THIS.npmName));

    run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', '--loglevel=error'], app);
    // The package names this line's cdk8s-plus alone, as a peer, and brings no other line along;
    // it bundles js-yaml (with its one dependency, argparse) and nothing else
    // (cdk8s-cli itself depends on a cdk8s-plus; that one is the CLI's).
    const lib = JSON.parse(fs.readFileSync(path.join(app, 'node_modules', THIS.npmName, 'package.json'), 'utf-8'));
    const kplusDeps = (deps: { [name: string]: string } = {}) => Object.keys(deps).filter((d) => d.startsWith('cdk8s-plus-'));
    expect([kplusDeps(lib.peerDependencies), kplusDeps(lib.dependencies)]).toEqual([[KPLUS], []]);
    expect(fs.existsSync(path.join(app, 'node_modules', THIS.npmName, 'node_modules'))
      ? fs.readdirSync(path.join(app, 'node_modules', THIS.npmName, 'node_modules')).filter((d) => !d.startsWith('.')) : []).toEqual(['argparse', 'js-yaml']);

    run(path.join(app, 'node_modules', '.bin', 'tsc'), ['--noEmit', '-p', 'tsconfig.json'], app);
    run(path.join(app, 'node_modules', '.bin', 'cdk8s'), ['synth', '--no-check-upgrade'], app);
    run(path.join(app, 'node_modules', '.bin', 'ts-node'), ['quickstart.ts'], app, { CDK8S_OUTDIR: 'quickstart' });

    const file = path.join(app, 'dist', 'agents.k8s.yaml');
    const docs = readYaml(file);
    expect(docs.map((d) => d.kind)).toEqual(['ConfigMap', 'ServiceAccount', 'DaemonSet', 'Job']);
    const spec = docs[2].spec.template.spec;
    expect(spec.securityContext.windowsOptions).toEqual({ hostProcess: true, runAsUserName: 'NT AUTHORITY\\Local service' });
    expect(spec.serviceAccountName).toBe(docs[1].metadata.name);
    expect(spec.volumes[0].configMap.name).toBe(docs[0].metadata.name);
    expect(JSON.stringify(docs)).not.toMatch(/runAsNonRoot|privileged|readOnlyRootFilesystem|fsGroupChangePolicy|shareProcessNamespace/);
    // The same YAML on every line: one snapshot, shared by the jest projects of all lines.
    expect(docs).toMatchSnapshot('agents chart');
    expect(readYaml(path.join(app, 'quickstart', 'agents.k8s.yaml'))).toMatchSnapshot('README quick start');

    // The command line ships in the same tarball, with its bundled dependencies.
    expect(manifest.bin).toEqual({ 'cdk8s-hostprocess': 'lib/core/cli/main.js' });
    run(path.join(app, 'node_modules', '.bin', 'cdk8s-hostprocess'), ['lint', file], app);
  } finally {
    fs.rmSync(app, { recursive: true, force: true });
  }
}, 10 * 60 * 1000);

// `convert --out` writes an app that installs (the packed tarball of this line, named by
// --package) and synthesizes with `cdk8s synth` what the input manifest has. The name is the same on
// every line, so that every line shares line 27's snapshot.
test('convert --out: the app it writes installs the packed tarball and cdk8s synth writes the input', () => {
  const dir = THIS.root ? ROOT : path.join(ROOT, 'dist', 'lines', String(LINE));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `cdk8s-hostprocess-convert-${LINE}-`));
  try {
    const packed = JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], dir));
    const tarball = path.join(work, packed[0].filename);
    const app = path.join(work, 'agents');
    const fixture = path.join(ROOT, 'test', 'fixtures', 'windows-exporter.yaml');
    run(process.execPath, [path.join(dir, 'lib', 'core', 'cli', 'main.js'), 'convert', '--package', THIS.npmName, '--out', app, fixture], work);

    const pkg = JSON.parse(fs.readFileSync(path.join(app, 'package.json'), 'utf-8'));
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['cdk8s', KPLUS, THIS.npmName, 'constructs'].sort());
    // The version convert writes is this package's own, not on the registry: install the tarball.
    pkg.dependencies[THIS.npmName] = `file:${tarball}`;
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify(pkg, undefined, 2));
    run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', '--loglevel=error'], app);
    run(path.join(app, 'node_modules', '.bin', 'tsc'), ['--noEmit', '-p', 'tsconfig.json'], app);
    run(path.join(app, 'node_modules', '.bin', 'cdk8s'), ['synth', '--no-check-upgrade'], app);

    const docs = readYaml(path.join(app, 'dist', 'manifests.k8s.yaml'));
    spoolManifests(docs);
    const input = readYaml(fixture);
    expect(docs.map((d) => `${d.kind}/${d.metadata.name}`)).toEqual(input.map((d) => `${d.kind}/${d.metadata.name}`));
    expect(docs[0]).toEqual(input[0]);
    expect(docs[2]).toEqual(input[2]);
    expect(docs[1].spec.template.spec.securityContext).toEqual(input[1].spec.template.spec.securityContext);
    expect(docs).toMatchSnapshot('converted windows-exporter');
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}, 10 * 60 * 1000);

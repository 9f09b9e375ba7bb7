// The packed tarball works in a fresh cdk8s app, set up as `cdk8s init typescript-app` would:
// `npm pack` the library (lib/ from `npx projen compile`), install it with cdk8s, cdk8s-plus-27,
// constructs, cdk8s-cli, typescript and ts-node from the npm registry into a temporary directory,
// `cdk8s synth` an app that imports 'cdk8s-hostprocess', and check the YAML.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

const ROOT = path.join(__dirname, '..');
/** A cdk8s-cli release on the registry (`npm view cdk8s-cli version`). */
const CDK8S_CLI_VERSION = '2.207.60';

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

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, env: childEnv(), encoding: 'utf-8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) failed with ${result.status ?? result.signal}:\n` +
      `${result.stdout}\n${result.stderr}\n${result.error ?? ''}`);
  }
  return result.stdout;
}

const MAIN_TS = `import { App, Chart } from 'cdk8s';
import { HostProcessDaemonSet, HostProcessUser } from 'cdk8s-hostprocess';

const app = new App();
const chart = new Chart(app, 'agents', { namespace: 'kube-system' });
new HostProcessDaemonSet(chart, 'agent', {
  user: HostProcessUser.LOCAL_SERVICE,
  nodeSelector: { 'example.com/pool': 'agents' },
  containers: [{ name: 'agent', image: 'mcr.microsoft.com/powershell:lts-nanoserver-ltsc2022' }],
});
app.synth();
`;

// What `cdk8s init typescript-app` writes, less the jest setup and the imported k8s API.
const TSCONFIG = {
  compilerOptions: {
    alwaysStrict: true,
    declaration: true,
    experimentalDecorators: true,
    inlineSourceMap: true,
    inlineSources: true,
    lib: ['es2020'],
    module: 'CommonJS',
    noEmitOnError: true,
    noFallthroughCasesInSwitch: true,
    noImplicitAny: true,
    noImplicitReturns: true,
    noImplicitThis: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    resolveJsonModule: true,
    strict: true,
    strictNullChecks: true,
    strictPropertyInitialization: true,
    stripInternal: true,
    target: 'ES2020',
  },
  include: ['**/*.ts'],
  exclude: ['node_modules', 'dist'],
};

test('the npm tarball works in a fresh cdk8s app: cdk8s synth of a HostProcessDaemonSet', () => {
  if (!fs.existsSync(path.join(ROOT, 'lib', 'index.js'))) {
    throw new Error('lib/ is missing: run "npx projen compile" first');
  }
  const app = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-hostprocess-consumer-'));
  try {
    const packed = JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', app], ROOT));
    const tarball: string = packed[0].filename;
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf-8'));

    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({
      name: 'consumer-app',
      version: '0.0.0',
      private: true,
      scripts: { synth: 'cdk8s synth' },
      dependencies: {
        'cdk8s': installed('cdk8s'),
        'cdk8s-plus-27': installed('cdk8s-plus-27'),
        'constructs': installed('constructs'),
        'cdk8s-hostprocess': `file:./${tarball}`,
      },
      devDependencies: {
        'cdk8s-cli': CDK8S_CLI_VERSION,
        'ts-node': installed('ts-node'),
        'typescript': installed('typescript'),
      },
    }, undefined, 2));
    fs.writeFileSync(path.join(app, 'cdk8s.yaml'), 'language: typescript\napp: npx ts-node main.ts\n');
    fs.writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify(TSCONFIG, undefined, 2));
    fs.writeFileSync(path.join(app, 'main.ts'), MAIN_TS);

    run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', '--loglevel=error'], app);
    run(path.join(app, 'node_modules', '.bin', 'cdk8s'), ['synth', '--no-check-upgrade'], app);

    const file = path.join(app, 'dist', 'agents.k8s.yaml');
    const docs = parseAllDocuments(fs.readFileSync(file, 'utf-8')).map((d) => d.toJS());
    expect(docs.map((d) => d.kind)).toEqual(['DaemonSet']);
    const spec = docs[0].spec.template.spec;
    expect(spec.securityContext.windowsOptions).toEqual({
      hostProcess: true,
      runAsUserName: 'NT AUTHORITY\\Local service',
    });
    expect(spec.hostNetwork).toBe(true);
    expect(spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'windows', 'example.com/pool': 'agents' });
    expect(spec.os).toEqual({ name: 'windows' });
    expect(JSON.stringify(docs)).not.toMatch(/runAsNonRoot|privileged|readOnlyRootFilesystem|fsGroupChangePolicy/);

    // The command line ships in the same tarball, with its bundled dependencies.
    if (manifest.bin?.['cdk8s-hostprocess']) {
      run(path.join(app, 'node_modules', '.bin', 'cdk8s-hostprocess'), ['lint', file], app);
    }
  } finally {
    fs.rmSync(app, { recursive: true, force: true });
  }
}, 10 * 60 * 1000);

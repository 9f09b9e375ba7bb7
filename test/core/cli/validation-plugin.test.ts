// The lint as a cdk8s validation plugin (HostProcessValidation): first on cdk8s-cli's own
// ValidationContext and ValidationReport (node_modules/cdk8s-cli), then inside the real
// `cdk8s synth`, which loads the compiled package from cdk8s.yaml `validations:` by its local path.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ValidationContext } from 'cdk8s-cli/plugins';
import { HOST_NETWORK_FALSE, HOST_NETWORK_MESSAGE, NO_NODE_SELECTOR, SEED } from './manifests';
import { HostProcessValidation, HostProcessValidationProps } from '../../../src/core/cli/validation-plugin';
import { settings } from '../../../src/core/cli/validation-plugin-run';
import { RULES } from '../../../src/core/rules/catalog';
import { Severity } from '../../../src/core/validation/finding';

const ROOT = path.join(__dirname, '..', '..', '..');
const VERSION: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
const DOCS = 'https://github.com/cdk8s-hostprocess/cdk8s-hostprocess/blob/main/docs/rules.md';
const HOST_NETWORK = 'host-process-host-network';
const NODE_SELECTION = 'host-process-no-windows-node-selection';

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-hostprocess-validation-plugin-'));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A manifest file under the test's folder. */
function manifest(name: string, content: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

/** Runs the plugin as cdk8s-cli does, on cdk8s-cli's own ValidationContext; its report as JSON, and what it logged. */
async function validate(files: string[], props?: HostProcessValidationProps, metadata: { [name: string]: { path: string } } = {}) {
  const context = new ValidationContext(files, 'cdk8s-hostprocess', VERSION, metadata);
  const logged: string[] = [];
  context.logger.log = (message: string) => logged.push(message);
  await new HostProcessValidation(props).validate(context);
  return { report: context.report.toJson(), success: context.report.success, logged };
}

describe('on cdk8s-cli\'s ValidationContext', () => {
  test('a valid HostProcess DaemonSet: success, no violations, the counts as metadata', async () => {
    const { report, success } = await validate([manifest('seed.yaml', SEED)]);
    expect(success).toBe(true);
    expect(report.violations).toEqual([]);
    expect(report.summary.metadata).toEqual({
      'Kubernetes version': '1.37.2',
      'Fails on': 'error',
      'Configuration': 'none',
      'Objects checked': '1 of 1',
      'Errors': '0',
      'Warnings': '0',
      'Suppressed': '0',
    });
  });

  test('an error: failure, a violation with the rule ID, message, remediation, field and construct path', async () => {
    const file = manifest('host-network.yaml', HOST_NETWORK_FALSE);
    const { report, success } = await validate([file, manifest('seed-2.yaml', SEED)], {}, { 'privileged-daemonset': { path: 'app/agents/ds' } });
    expect(success).toBe(false);
    expect(report.summary.status).toBe('failure');
    expect(report.summary.metadata).toMatchObject({ 'Objects checked': '2 of 2', 'Errors': '1', 'Warnings': '0' });
    expect(report.violations).toEqual([{
      ruleName: HOST_NETWORK,
      recommendation: `error: ${HOST_NETWORK_MESSAGE}`,
      fix: `${RULES.get(HOST_NETWORK)!.remediation} (${DOCS}#${HOST_NETWORK})`,
      violatingConstructs: [{
        resourceName: 'privileged-daemonset',
        locations: ['spec.template.spec.hostNetwork (DaemonSet, line: 23:7)'],
        manifestPath: file,
        constructPath: 'app/agents/ds',
      }],
    }]);
    // cdk8s-cli prints the report as a table.
    const context = new ValidationContext([file], 'cdk8s-hostprocess', VERSION);
    await new HostProcessValidation().validate(context);
    expect(context.report.toString()).toContain(`Recommendation: error: ${HOST_NETWORK_MESSAGE}`);
  });

  test('the same finding in two objects is one violation with both resources', async () => {
    const file = manifest('two.yaml', `${HOST_NETWORK_FALSE}---\n${HOST_NETWORK_FALSE.replace(/privileged-daemonset/g, 'second')}`);
    const { report } = await validate([file]);
    expect(report.violations.map(v => [v.ruleName, v.violatingConstructs.map(c => [c.resourceName, c.locations])])).toEqual([
      [HOST_NETWORK, [['privileged-daemonset', ['spec.template.spec.hostNetwork (DaemonSet, line: 23:7)']], ['second', ['spec.template.spec.hostNetwork (DaemonSet, line: 55:7)']]]],
    ]);
  });

  test('a suppression annotation silences the finding: success, counted as suppressed', async () => {
    const suppressed = HOST_NETWORK_FALSE.replace('  namespace: kube-system\n',
      `  namespace: kube-system\n  annotations:\n    ignore-check.hostprocess.cdk8s.io/${HOST_NETWORK}: "a test of the suppression"\n`);
    const { report, success } = await validate([manifest('suppressed.yaml', suppressed)]);
    expect([success, report.violations, report.summary.metadata?.Suppressed]).toEqual([true, [], '1']);
  });

  test('a warning is a violation that fails only with failOn: warning', async () => {
    const file = manifest('no-node-selector.yaml', NO_NODE_SELECTOR);
    const byDefault = await validate([file]);
    expect(byDefault.success).toBe(true);
    expect(byDefault.report.violations.map(v => [v.ruleName, v.recommendation.split(':')[0]])).toEqual([[NODE_SELECTION, 'warning']]);
    const strict = await validate([file], { failOn: Severity.WARNING });
    expect([strict.success, strict.report.summary.metadata?.['Fails on'], strict.report.summary.metadata?.Warnings]).toEqual([false, 'warning', '1']);
  });

  test('include and exclude filter the rules as the lint\'s flags do', async () => {
    const file = manifest('host-network-2.yaml', HOST_NETWORK_FALSE);
    expect((await validate([file], { exclude: [HOST_NETWORK] })).success).toBe(true);
    expect((await validate([file], { include: [NODE_SELECTION] })).success).toBe(true);
    expect((await validate([file], { include: [HOST_NETWORK] })).report.violations.map(v => v.ruleName)).toEqual([HOST_NETWORK]);
  });

  test('kubernetesVersion: the API types of that release decode the objects', async () => {
    // spec.hostnameOverride is a field of the newest release's PodSpec, not of 1.30's.
    const file = manifest('hostname-override.yaml', SEED.replace('      hostNetwork: true\n', '      hostNetwork: true\n      hostnameOverride: node1\n'));
    expect((await validate([file])).success).toBe(true);
    const { report, success } = await validate([file], { kubernetesVersion: '1.30' });
    expect([success, report.summary.metadata?.['Kubernetes version']]).toEqual([false, '1.30.14']);
    expect(report.violations.map(v => [v.ruleName, v.violatingConstructs[0].locations])).toEqual([
      ['unknown-field', ['spec.template.spec.hostnameOverride (DaemonSet, line: 24:7)']],
    ]);
  });

  test('a manifest that cannot be checked fails the report, and the plugin logs why', async () => {
    const { report, success, logged } = await validate([manifest('broken.yaml', 'a: [\n')]);
    expect([success, report.summary.metadata?.['Not checked (logged above)']]).toEqual([false, '1']);
    expect(logged).toEqual([expect.stringMatching(/^HostProcessValidation: .*broken\.yaml: document 1, line \d+, column \d+: .+/)]);
  });
});

describe('the properties', () => {
  test('the configuration file in the folder cdk8s synth runs in is read, and the properties add to it', () => {
    const project = fs.mkdtempSync(path.join(dir, 'project-'));
    fs.writeFileSync(path.join(project, '.cdk8s-hostprocess.yaml'), `checks:\n  exclude: [${HOST_NETWORK}]\nfailOn: warning\n`);
    expect(settings({ exclude: [NODE_SELECTION] }, project)).toEqual({
      configFile: '.cdk8s-hostprocess.yaml',
      options: expect.objectContaining({ exclude: [HOST_NETWORK, NODE_SELECTION], failOn: 'warning' }),
    });
    expect(settings({ failOn: 'error' }, project).options.failOn).toBe('error');
    fs.writeFileSync(path.join(project, 'other.yaml'), 'failOn: warning\n');
    fs.rmSync(path.join(project, '.cdk8s-hostprocess.yaml'));
    expect(settings({ config: 'other.yaml' }, project)).toEqual({ configFile: 'other.yaml', options: expect.objectContaining({ failOn: 'warning', exclude: [] }) });
  });

  test.each<[string, unknown, string]>([
    ['an unknown property', { failon: 'warning' },
      'HostProcessValidation: properties.failon: not a property of HostProcessValidation: the properties are failOn, include, exclude, config, kubernetesVersion, all'],
    ['an unknown rule', { include: ['host-process-host-netwrk'] },
      `HostProcessValidation: properties.include[0]: unknown rule "host-process-host-netwrk" (did you mean "${HOST_NETWORK}"?): cdk8s-hostprocess rules lists the rules`],
    ['a rule that cannot be excluded', { exclude: ['unknown-field'] },
      `HostProcessValidation: properties.exclude[0]: rule unknown-field cannot be excluded: ${RULES.get('unknown-field')!.cannotSuppress}`],
    ['a rule ID as a string', { include: HOST_NETWORK },
      `HostProcessValidation: properties.include: "${HOST_NETWORK}", not a list of rule IDs: write include: [rule-id, ...]`],
    ['failOn', { failOn: 'warn' }, 'HostProcessValidation: properties.failOn: "warn" is not error or warning'],
    ['a version YAML read as a number', { kubernetesVersion: 1.3 },
      'HostProcessValidation: properties.kubernetesVersion: the number 1.3, not a version: quote it ("1.30"), as YAML reads 1.30 as 1.3; the lint has the API types of Kubernetes 1.37.2 or 1.30.14'],
    ['a version the lint has no API types of', { kubernetesVersion: '1.29' },
      'HostProcessValidation: properties.kubernetesVersion: "1.29": the lint has the API types of Kubernetes 1.37.2 or 1.30.14 only (give one of those, or its minor)'],
    ['all', { all: 'yes' }, 'HostProcessValidation: properties.all: "yes", not true or false'],
    ['a configuration file that cannot be read', { config: 'missing.yaml' },
      'HostProcessValidation: properties.config: missing.yaml: the configuration cannot be read: no such file or directory'],
  ])('%s: an error naming the property and the fix', (_, props, message) => {
    expect(() => new HostProcessValidation(props as HostProcessValidationProps))
      .toThrow(`${message} (fix the properties of the plugin's entry under validations: in cdk8s.yaml)`);
  });

  test('every property that cannot be used is named at once', () => {
    expect(() => new HostProcessValidation({ failOn: 'x', all: 1 } as any)).toThrow(
      'HostProcessValidation: 2 properties cannot be used:\n  properties.failOn: "x" is not error or warning\n  properties.all: 1, not true or false');
  });

  test('a configuration file the lint refuses is named with its field, to be fixed there', () => {
    const project = fs.mkdtempSync(path.join(dir, 'project-'));
    fs.writeFileSync(path.join(project, '.cdk8s-hostprocess.yaml'), 'checks:\n  include: [nope]\n');
    expect(() => settings({}, project)).toThrow(
      new Error('HostProcessValidation: .cdk8s-hostprocess.yaml: checks.include[0]: unknown rule "nope": cdk8s-hostprocess rules lists the rules'));
    fs.writeFileSync(path.join(project, '.cdk8s-hostprocess.yml'), '');
    expect(() => settings({}, project)).toThrow(new Error('HostProcessValidation: .cdk8s-hostprocess.yaml and .cdk8s-hostprocess.yml ' +
      'are both in the current folder: keep one, or give properties.config'));
  });
});

// The real `cdk8s synth` (node_modules/.bin/cdk8s, the cdk8s-cli devDependency) on a small app in a
// folder outside the repository, whose cdk8s.yaml names the plugin as the README does: by the local
// path of the installed package (here a symbolic link to this repository, as `npm link` makes),
// which cdk8s-cli requires directly instead of installing it from npm (lib/plugins/_manager.js,
// loadPackage: an absolute path or one starting with `./` is local). The app and the plugin load
// the compiled lib/, as users get it.
describe('cdk8s synth', () => {
  const CDK8S = path.join(ROOT, 'node_modules', '.bin', 'cdk8s');
  let app: string;

  /** The app: a clean HostProcess DaemonSet, and per SCENARIO a raw DaemonSet with hostNetwork: false, a warning, their suppressions. */
  const APP = `const { ApiObject, App, Chart } = require('cdk8s');
const { HostProcessDaemonSet } = require('cdk8s-hostprocess');
const scenario = process.env.SCENARIO;
const image = 'mcr.microsoft.com/windows/nanoserver:ltsc2022';
const app = new App();
const chart = new Chart(app, 'agents');
new HostProcessDaemonSet(chart, 'clean', { containers: [{ name: 'agent', image }] });
if (scenario === 'error' || scenario === 'silenced') {
  const annotations = scenario === 'silenced' ? { 'ignore-check.hostprocess.cdk8s.io/${HOST_NETWORK}': 'a test of the suppression' } : undefined;
  new ApiObject(chart, 'raw', {
    apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'raw', annotations },
    spec: {
      selector: { matchLabels: { app: 'raw' } },
      template: {
        metadata: { labels: { app: 'raw' } },
        spec: {
          nodeSelector: { 'kubernetes.io/os': 'windows' },
          hostNetwork: false,
          securityContext: { windowsOptions: { hostProcess: true, runAsUserName: 'NT AUTHORITY\\\\SYSTEM' } },
          containers: [{ name: 'agent', image }],
        },
      },
    },
  });
}
if (scenario === 'warning' || scenario === 'silenced') {
  const relative = new HostProcessDaemonSet(chart, 'relative', { containers: [{ name: 'agent', image, workingDir: 'hpc' }] });
  if (scenario === 'silenced') relative.hostProcess.acknowledge('host-process-relative-working-dir', 'the image sets its own working directory');
}
app.synth();
`;

  beforeAll(() => {
    if (!fs.existsSync(path.join(ROOT, 'lib', 'index.js'))) throw new Error('lib/index.js is missing: run "npx projen compile" first (npm test does)');
    app = fs.mkdtempSync(path.join(dir, 'app-'));
    fs.mkdirSync(path.join(app, 'node_modules'));
    fs.symlinkSync(ROOT, path.join(app, 'node_modules', 'cdk8s-hostprocess'), 'dir');
    fs.symlinkSync(path.join(ROOT, 'node_modules', 'cdk8s'), path.join(app, 'node_modules', 'cdk8s'), 'dir');
    fs.writeFileSync(path.join(app, 'main.js'), APP);
  });

  /** `cdk8s synth` of SCENARIO in a folder of its own, with the plugin's `properties`; exit code and output. */
  function synth(scenario: string, properties: object = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
    const cwd = fs.mkdtempSync(path.join(app, `${scenario}-`));
    fs.symlinkSync(path.join(app, 'node_modules'), path.join(cwd, 'node_modules'), 'dir');
    fs.writeFileSync(path.join(cwd, 'cdk8s.yaml'), [
      'app: node ../main.js',
      'validations:',
      '  - package: ./node_modules/cdk8s-hostprocess',
      `    version: ${VERSION}`,
      '    class: HostProcessValidation',
      `    properties: ${JSON.stringify(properties)}`,
      '',
    ].join('\n'));
    return new Promise((resolve, reject) => {
      const child = spawn(CDK8S, ['synth', '--no-check-upgrade'], { cwd, env: { ...process.env, SCENARIO: scenario, NO_COLOR: '1' } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', d => (stdout += d));
      child.stderr.on('data', d => (stderr += d));
      child.on('error', reject);
      child.on('close', status => resolve({ status, stdout, stderr }));
    });
  }

  test('an error fails synth (exit 2) with the rule, its message and the construct; a clean app passes; suppressions silence', async () => {
    // In parallel: each is a cdk8s-cli, an app and the plugin, about 2 s of CPU.
    const [error, clean, warning, silenced] = await Promise.all([
      synth('error'),
      synth('clean'),
      synth('warning', { failOn: 'warning' }),
      synth('silenced', { failOn: 'warning' }),
    ]);

    expect(error.status).toBe(2);
    expect(error.stdout).toContain(`${HOST_NETWORK} (1 occurrences)`);
    expect(error.stdout).toContain('- Construct Path: agents/raw');
    expect(error.stdout).toContain('- Resource Name: raw');
    expect(error.stdout).toContain('> spec.template.spec.hostNetwork (DaemonSet, line: ');
    expect(error.stdout).toContain(`Recommendation: error: ${HOST_NETWORK_MESSAGE}`);
    expect(error.stdout).toContain(`How to fix: ${RULES.get(HOST_NETWORK)!.remediation} (${DOCS}#${HOST_NETWORK})`);
    expect(error.stderr).toContain('Validation failed');

    expect([clean.status, clean.stderr]).toEqual([0, '']);
    expect(clean.stdout).toMatch(/Status\s*│ success/);
    expect(clean.stdout).toContain('Validations ended succesfully');

    // The construct prints the warning at synth; the plugin fails on it with failOn: warning.
    expect(warning.status).toBe(2);
    expect(warning.stdout).toContain('host-process-relative-working-dir (1 occurrences)');
    expect(warning.stdout).toContain('- Construct Path: agents/relative/Resource');

    // The annotation and acknowledge() silence the error and the warning; they are counted.
    expect([silenced.status, silenced.stderr]).toEqual([0, '']);
    expect(silenced.stdout).toMatch(/Suppressed\s*│ 2/);
  }, 2 * 60 * 1000);
});

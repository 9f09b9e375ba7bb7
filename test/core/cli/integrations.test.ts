// Where teams run the lint: the GitHub Action (action.yml) and the pre-commit hook
// (.pre-commit-hooks.yaml), each run here as far as it runs offline: the Action's shell steps with
// the runner's conventions (inputs as environment, $GITHUB_OUTPUT), the hook by pre-commit itself.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { HOST_NETWORK_FALSE, SEED } from './manifests';

const ROOT = path.join(__dirname, '..', '..', '..');
const MAIN = path.join(ROOT, 'lib', 'core', 'cli', 'main.js');
const CI = process.env.CI === 'true' || process.env.CI === '1';

let dir: string;

beforeAll(() => {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npx projen compile first (npm test does)`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-hostprocess-integrations-'));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the GitHub Action', () => {
  const action = YAML.parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8'));

  /** Runs the composite steps a runner would, up to the upload (which needs GitHub). */
  function runAction(inputs: { [name: string]: string }, cwd: string) {
    const values: { [name: string]: string } = {};
    for (const [name, input] of Object.entries<any>(action.inputs)) values[name] = inputs[name] ?? input.default;
    const outputs: { [name: string]: string } = {};
    const logs: string[] = [];
    for (const step of action.runs.steps) {
      const expr = (text: string) => text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, e: string) => {
        const input = /^inputs\.([\w-]+)$/.exec(e);
        if (input) return values[input[1]];
        const output = /^steps\.lint\.outputs\.([\w-]+)$/.exec(e);
        if (output) return outputs[output[1]] ?? '';
        throw new Error(`the test does not evaluate ${e}`);
      });
      if (step.uses !== undefined) {
        // The upload needs GitHub: check only what it would be given.
        expect(step.uses).toBe('github/codeql-action/upload-sarif@v3');
        expect(expr(step.with.sarif_file)).toBe(values['sarif-file']);
        continue;
      }
      if (step.if === '${{ steps.lint.outputs.exit-code != \'0\' }}' && outputs['exit-code'] === '0') continue;
      const githubOutput = path.join(dir, 'github-output');
      fs.writeFileSync(githubOutput, '');
      const env = Object.fromEntries(Object.entries<string>(step.env ?? {}).map(([k, v]) => [k, expr(v)]));
      // The run script itself holds no expression: inputs reach it only through its environment.
      expect(step.run).not.toContain('${{');
      const result = spawnSync('bash', ['-e', '-c', step.run], { cwd, encoding: 'utf8', env: { ...process.env, ...env, GITHUB_OUTPUT: githubOutput } });
      logs.push(result.stdout + result.stderr);
      for (const line of fs.readFileSync(githubOutput, 'utf8').split('\n').filter(l => l.includes('='))) {
        outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
      }
      if (result.status !== 0) return { status: result.status, outputs, logs };
    }
    return { status: 0, outputs, logs };
  }

  test.each([
    ['a valid manifest', 0, SEED],
    ['hostNetwork: false', 1, HOST_NETWORK_FALSE],
  ])('%s: the report is written, then the step\'s status is the lint\'s (%d)', (_, exitCode, manifest) => {
    const work = fs.mkdtempSync(path.join(dir, 'action-'));
    fs.mkdirSync(path.join(work, 'rendered'));
    fs.writeFileSync(path.join(work, 'rendered', 'agent.yaml'), manifest);
    // The package from this checkout, as npx installs a folder; the published one in real use.
    const result = runAction({ paths: 'rendered', package: `file:${ROOT}`, args: '--all' }, work);
    expect(result.outputs['exit-code']).toBe(String(exitCode));
    expect(result.status).toBe(exitCode);
    const sarif = JSON.parse(fs.readFileSync(path.join(work, 'cdk8s-hostprocess.sarif'), 'utf8'));
    const results = sarif.runs[0].results;
    expect(results.map((r: any) => r.ruleId)).toEqual(exitCode === 0 ? [] : ['host-process-host-network']);
    if (exitCode !== 0) expect(results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('rendered/agent.yaml');
  }, 120_000);

  test('an input with shell syntax is a path, not code', () => {
    const work = fs.mkdtempSync(path.join(dir, 'action-'));
    const result = runAction({ paths: '$(touch pwned) `touch pwned2`', package: `file:${ROOT}` }, work);
    expect(result.outputs['exit-code']).toBe('2');
    expect(fs.readdirSync(work).sort()).toEqual(['cdk8s-hostprocess.sarif']);
  }, 120_000);
});

describe('the pre-commit hook', () => {
  // pre-commit from PyPI, in a virtual environment kept between runs, in the same cache as the
  // test API servers and the bindings' toolchains (test/kube/build.ts, test/bindings/build.ts).
  const venv = path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'cdk8s-hostprocess', 'pre-commit-venv');
  const preCommit = path.join(venv, 'bin', 'pre-commit');

  function sh(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
    return spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  }

  beforeAll(() => {
    if (fs.existsSync(preCommit)) return;
    const python = sh('python3', ['-m', 'venv', venv], os.tmpdir());
    const pip = python.status === 0 ? sh(path.join(venv, 'bin', 'pip'), ['install', '--quiet', 'pre-commit==4.3.0'], os.tmpdir()) : python;
    if (pip.status !== 0) {
      const why = `cannot install pre-commit from PyPI: ${pip.error?.message ?? pip.stderr}`;
      if (CI) throw new Error(why);
      console.warn(`the pre-commit test skips: ${why}`);
    }
  }, 300_000);

  test('a commit of a broken manifest is stopped with the finding; a valid one passes', () => {
    if (!fs.existsSync(preCommit) && !CI) return;
    const repo = fs.mkdtempSync(path.join(dir, 'repo-'));
    const git = (...args: string[]) => expect(sh('git', args, repo).status).toBe(0);
    git('init', '-q');
    // The repository being committed to has the package installed, as the hook expects.
    fs.mkdirSync(path.join(repo, 'node_modules', '.bin'), { recursive: true });
    fs.symlinkSync(ROOT, path.join(repo, 'node_modules', 'cdk8s-hostprocess'));
    fs.symlinkSync(MAIN, path.join(repo, 'node_modules', '.bin', 'cdk8s-hostprocess'));
    fs.writeFileSync(path.join(repo, '.gitignore'), 'node_modules/\n');
    fs.writeFileSync(path.join(repo, 'good.yaml'), SEED);
    fs.writeFileSync(path.join(repo, 'bad.yaml'), HOST_NETWORK_FALSE);
    git('add', '.');
    // The hooks repository: this checkout's .pre-commit-hooks.yaml, committed (try-repo reads
    // what a clone would have).
    const hooks = fs.mkdtempSync(path.join(dir, 'hooks-'));
    fs.copyFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), path.join(hooks, '.pre-commit-hooks.yaml'));
    for (const args of [['init', '-q'], ['add', '.'], ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'hooks']]) {
      expect(sh('git', args, hooks).status).toBe(0);
    }
    const home = { PRE_COMMIT_HOME: path.join(dir, 'pre-commit-home') };
    const good = sh(preCommit, ['try-repo', hooks, 'cdk8s-hostprocess-lint', '--files', 'good.yaml'], repo, home);
    expect([good.status, good.stdout]).toEqual([0, expect.stringMatching(/cdk8s-hostprocess lint\.+Passed/)]);
    const bad = sh(preCommit, ['try-repo', hooks, 'cdk8s-hostprocess-lint', '--files', 'bad.yaml', 'good.yaml'], repo, home);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/cdk8s-hostprocess lint\.+Failed/);
    expect(bad.stdout).toContain('bad.yaml:23:7: error: ');
    expect(bad.stdout).toContain('spec.template.spec.hostNetwork: Invalid value: false: hostNetwork must be true');
  }, 300_000);
});

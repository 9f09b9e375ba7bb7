// End-to-end runs of the compiled command, as users run it (`npm test` compiles lib/ first).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CRON_JOB, HOST_NETWORK_FALSE, HOST_NETWORK_FIX, HOST_NETWORK_MESSAGE, LINUX_POD, LIST, SEED } from './manifests';

/** The lines of SEED (it ends in a newline); hostNetwork is line 23, column 7, of SEED and its copies. */
const SEED_LINES = SEED.split('\n').length - 1;
import { ScanFs, pathInputs } from '../../../src/core/cli/main';

const ROOT = path.join(__dirname, '..', '..', '..');
const MAIN = path.join(ROOT, 'lib', 'core', 'cli', 'main.js');
const SEED_FILE = path.join(ROOT, 'test', 'fixtures', 'aks-hostprocess.yaml');

let dir: string;

function write(name: string, content: string | Uint8Array): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

function run(args: string[], stdin?: string) {
  const result = spawnSync(process.execPath, [MAIN, ...args], { input: stdin ?? '', encoding: 'utf8', cwd: dir });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, lines: result.stdout.split('\n').filter(l => l) };
}

beforeAll(() => {
  if (!fs.existsSync(MAIN)) {
    throw new Error(`${MAIN} is missing: run npx projen compile first (npm test does)`);
  }
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-hostprocess-lint-'));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the AKS seed manifest exits 0 and prints nothing', () => {
  expect(run(['lint', SEED_FILE])).toMatchObject({ status: 0, stdout: '', stderr: '' });
});

test('a copy with hostNetwork: false exits 1 and names spec.template.spec.hostNetwork', () => {
  write('hn.yaml', HOST_NETWORK_FALSE);
  expect(run(['lint', 'hn.yaml'])).toMatchObject({
    status: 1,
    lines: [`hn.yaml:23:7: error: DaemonSet/privileged-daemonset spec.template.spec.hostNetwork: ${HOST_NETWORK_MESSAGE} ${HOST_NETWORK_FIX}`],
    stderr: '',
  });
});

test('a binary file exits 2 with one line naming the file, and no stack trace', () => {
  write('agent.exe', Uint8Array.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]));
  const result = run(['lint', 'agent.exe']);
  expect(result.status).toBe(2);
  expect(result.stderr).toBe('cdk8s-hostprocess lint: agent.exe: binary file (it has bytes YAML does not allow: NUL, control characters or invalid UTF-8), not YAML\n');
});

test('a missing file exits 2, and the other files are still checked', () => {
  write('hn.yaml', HOST_NETWORK_FALSE);
  const result = run(['lint', 'missing.yaml', 'hn.yaml']);
  expect(result.status).toBe(2);
  expect(result.stderr).toBe('cdk8s-hostprocess lint: missing.yaml: no such file or directory\n');
  expect(result.lines).toEqual([`hn.yaml:23:7: error: DaemonSet/privileged-daemonset spec.template.spec.hostNetwork: ${HOST_NETWORK_MESSAGE} ${HOST_NETWORK_FIX}`]);
});

test('broken YAML exits 2 naming the file and the line', () => {
  write('broken.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nkind: Pod\n');
  const result = run(['lint', 'broken.yaml']);
  expect(result.status).toBe(2);
  expect(result.stderr).toBe('cdk8s-hostprocess lint: broken.yaml: document 1, line 4, column 1: not valid YAML: duplicated mapping key "kind"\n');
});

test('a document that is not a mapping exits 2', () => {
  write('seq.yaml', '- apiVersion: v1\n  kind: Pod\n');
  expect(run(['lint', 'seq.yaml'])).toMatchObject({
    status: 2,
    stderr: 'cdk8s-hostprocess lint: seq.yaml: document 1, line 1: not a mapping (it is a sequence), so not a Kubernetes object\n',
  });
});

test('standard input with no documents (a failed helm template) exits 2', () => {
  expect(run(['lint', '-'], '')).toMatchObject({ status: 2, stdout: '', stderr: 'cdk8s-hostprocess lint: <stdin>: no documents on standard input\n' });
});

// Enough findings to fill a pipe's buffer, so that the command is still writing when the reader goes.
function manyFindings(count: number): string {
  return 'apiVersion: v1\nkind: Pod\nmetadata: {name: many}\nspec:\n  nodeSelector: {kubernetes.io/os: windows}\n  hostNetwork: true\n' +
    '  securityContext: {windowsOptions: {hostProcess: true}}\n  containers:\n' +
    // Each its own name: two containers of one name would be findings of their own.
    Array.from({ length: count }, (_, i) => `    - {name: c${i}, image: i, securityContext: {runAsNonRoot: true}}\n`).join('');
}

test('| head -1 ends the command quietly, with its exit status', () => {
  write('many.yaml', manyFindings(2000));
  const result = spawnSync('bash', ['-c', `"${process.execPath}" "${MAIN}" lint many.yaml | head -1; echo "status \${PIPESTATUS[0]}" >&2`], { cwd: dir, encoding: 'utf8' });
  expect(result.stdout).toMatch(/^many\.yaml:\d+:\d+: error: Pod\/many spec\.containers\[0\]\.securityContext\.runAsNonRoot: Invalid value: true: [^\n]*\n$/);
  expect(result.stderr).toBe('status 1\n');
});

const devFull = fs.existsSync('/dev/full') ? test : test.skip;
devFull('a full disk is exit 2 and one line, not a stack trace', () => {
  write('hn.yaml', HOST_NETWORK_FALSE);
  const result = spawnSync('bash', ['-c', `"${process.execPath}" "${MAIN}" lint hn.yaml > /dev/full`], { cwd: dir, encoding: 'utf8' });
  expect(result.status).toBe(2);
  expect(result.stderr).toBe('cdk8s-hostprocess lint: cannot write the output: no space left on device\n');
});

test('- reads standard input, for helm template output', () => {
  const result = run(['lint', '-'], `---\n# Source: agent/templates/ok.yaml\n${SEED}---\n# Source: agent/templates/bad.yaml\n${HOST_NETWORK_FALSE}`);
  expect(result.status).toBe(1);
  expect(result.lines).toEqual([`<stdin>:${2 + SEED_LINES + 2 + 23}:7: error: DaemonSet/privileged-daemonset spec.template.spec.hostNetwork: ${HOST_NETWORK_MESSAGE} ${HOST_NETWORK_FIX}`]);
});

describe('streams', () => {
  // More than the 1 MiB the command reads at a time, so documents and lines cross chunk boundaries.
  const count = 400;
  const stream = Array.from({ length: count }, () => HOST_NETWORK_FALSE).join('---\n');
  const lines = HOST_NETWORK_FALSE.split('\n').length;

  test('a file larger than a read is checked a document at a time, each finding at its line', () => {
    write('stream.yaml', Array.from({ length: count * 8 }, () => HOST_NETWORK_FALSE).join('---\n'));
    const result = run(['lint', 'stream.yaml']);
    expect(fs.statSync(path.join(dir, 'stream.yaml')).size).toBeGreaterThan(2 * 1024 * 1024);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.lines).toHaveLength(count * 8);
    expect(result.lines[result.lines.length - 1]).toBe(`stream.yaml:${(count * 8 - 1) * lines + 23}:7: error: DaemonSet/privileged-daemonset spec.template.spec.hostNetwork: ${HOST_NETWORK_MESSAGE} ${HOST_NETWORK_FIX}`);
  });

  test('standard input is streamed the same way', () => {
    const result = run(['lint', '--format', 'json', '-'], stream);
    const findings = JSON.parse(result.stdout);
    expect(findings).toHaveLength(count);
    expect(findings[count - 1]).toMatchObject({ file: '<stdin>', document: count, objectLine: (count - 1) * lines + 1, line: (count - 1) * lines + 23, column: 7 });
  });

  test('--max-document-size: a larger document on standard input is exit 2 naming it; the others are still checked', () => {
    const big = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  blob: ${'x'.repeat(3000)}\n`;
    const result = run(['lint', '--max-document-size', '2K', '-'], `${big}---\n${HOST_NETWORK_FALSE}`);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('cdk8s-hostprocess lint: <stdin>: document 1, line 1: document larger than 2K bytes (--max-document-size 2K); not parsed\n');
    expect(result.lines).toEqual([`<stdin>:${6 + 23}:7: error: DaemonSet/privileged-daemonset spec.template.spec.hostNetwork: ${HOST_NETWORK_MESSAGE} ${HOST_NETWORK_FIX}`]);
    expect(run(['lint', '--max-document-size', 'big', '-'], '')).toMatchObject({
      status: 2,
      stderr: 'cdk8s-hostprocess lint: --max-document-size "big" is not a size: use bytes, or a number with K, M or G (64M) (see cdk8s-hostprocess lint --help)\n',
    });
  });
});

test('a folder is searched recursively for *.yaml and *.yml files, in name order', () => {
  write('tree/a/ok.yaml', SEED);
  write('tree/b/nested/bad.yml', HOST_NETWORK_FALSE);
  write('tree/c/notes.txt', 'not checked');
  write('tree/c/list.yaml', LIST);
  const result = run(['lint', 'tree']);
  expect(result.status).toBe(1);
  expect(result.lines).toEqual([
    `${path.join('tree', 'b', 'nested', 'bad.yml')}:23:7: error: DaemonSet/privileged-daemonset spec.template.spec.hostNetwork: ${HOST_NETWORK_MESSAGE} ${HOST_NETWORK_FIX}`,
    `${path.join('tree', 'c', 'list.yaml')}:25:11: error: Deployment/bad spec.template.spec.hostNetwork: ${HOST_NETWORK_MESSAGE} ${HOST_NETWORK_FIX}`,
  ]);
});

describe('files as a shell gives them', () => {
  const HN = (file: string) => `${file}:23:7: error: DaemonSet/privileged-daemonset spec.template.spec.hostNetwork: ${HOST_NETWORK_MESSAGE} ${HOST_NETWORK_FIX}`;

  test('an explicit FIFO is read: lint <(helm template ...)', () => {
    write('hn.yaml', HOST_NETWORK_FALSE);
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${MAIN}" lint <(cat hn.yaml)`], { cwd: dir, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^\/dev\/fd\/\d+:23:7: error: DaemonSet\/privileged-daemonset spec\.template\.spec\.hostNetwork: /);
  });

  test('a FIFO met in a folder is skipped with a notice (reading it could block), the exit code unchanged', () => {
    write('fifo/ok.yaml', SEED);
    spawnSync('mkfifo', [path.join(dir, 'fifo', 'pipe.yaml')]);
    const result = run(['lint', 'fifo']);
    expect(result).toMatchObject({
      status: 0,
      stdout: '',
      stderr: `cdk8s-hostprocess lint: ${path.join('fifo', 'pipe.yaml')}: skipped: a FIFO (named pipe), not a regular file (give its path to read it)\n`,
    });
  });

  test('a symbolic link to a folder is followed once; a link back into the folder is a loop, reported', () => {
    write('links/real/bad.yaml', HOST_NETWORK_FALSE);
    fs.symlinkSync('real', path.join(dir, 'links', 'second'));
    fs.symlinkSync('..', path.join(dir, 'links', 'real', 'up'));
    fs.symlinkSync('bad.yaml', path.join(dir, 'links', 'real', 'same.yaml'));
    const result = run(['lint', 'links']);
    const real = fs.realpathSync(path.join(dir, 'links'));
    expect(result.status).toBe(1);
    expect(result.lines).toEqual([HN(path.join('links', 'real', 'bad.yaml')), HN(path.join('links', 'real', 'same.yaml'))]);
    expect(result.stderr.split('\n').filter(l => l)).toEqual([
      `cdk8s-hostprocess lint: ${path.join('links', 'real', 'up')}: skipped: a symbolic link to ${real}, a folder it is inside of (a loop)`,
      `cdk8s-hostprocess lint: ${path.join('links', 'second')}: skipped: a symbolic link to ${path.join(real, 'real')}, which was already scanned`,
    ]);
  });

  test('a subfolder that cannot be read is reported, and its siblings are still checked', () => {
    write('perm/a/bad.yaml', HOST_NETWORK_FALSE);
    write('perm/b/ok.yaml', SEED);
    write('perm/c/bad.yaml', HOST_NETWORK_FALSE);
    const root = path.join(dir, 'perm');
    // Root, as CI runs, reads every folder: the failure is substituted.
    const failing: ScanFs = {
      statSync: p => fs.statSync(p),
      realpathSync: p => fs.realpathSync(p),
      readdirSync: (p, o) => {
        if (p === path.join(root, 'b')) throw Object.assign(new Error("EACCES: permission denied, scandir 'b'"), { code: 'EACCES' });
        return fs.readdirSync(p, o);
      },
    };
    const inputs = pathInputs(root, failing);
    expect(inputs.map(i => [path.relative(root, i.file), i.readError ?? 'read'])).toEqual([
      [path.join('a', 'bad.yaml'), 'read'],
      ['b', 'folder cannot be read: permission denied'],
      [path.join('c', 'bad.yaml'), 'read'],
    ]);
  });
});

test('a CronJob with only a warning exits 0 and prints the warning', () => {
  write('cron.yaml', CRON_JOB);
  const result = run(['lint', 'cron.yaml']);
  expect(result.status).toBe(0);
  expect(result.lines).toHaveLength(1);
  expect(result.lines[0]).toMatch(/^cron\.yaml:18:15: warning: CronJob\/nightly spec\.jobTemplate\.spec\.template\.spec\.containers\[0\]\.workingDir: relative path "scripts"/);
});

test('--format json prints an array of findings', () => {
  write('hn.yaml', HOST_NETWORK_FALSE);
  const result = run(['lint', '--format', 'json', 'hn.yaml']);
  expect(result.status).toBe(1);
  expect(JSON.parse(result.stdout)).toEqual([{
    type: 'finding',
    file: 'hn.yaml',
    document: 1,
    line: 23,
    column: 7,
    objectLine: 1,
    kind: 'DaemonSet',
    name: 'privileged-daemonset',
    rule: 'host-process-host-network',
    field: 'spec.template.spec.hostNetwork',
    message: HOST_NETWORK_MESSAGE,
    severity: 'error',
    remediation: 'set hostNetwork: true (HostProcess pods always use the host network); remove hostNetwork: false',
  }]);
});

test('--format json: stdout is one JSON document also for usage errors and unreadable inputs', () => {
  for (const args of [['lint', '--format', 'json', '--strict', 'a.yaml'], ['lint', '--strict', '--format=json'], ['check', '--format', 'json']]) {
    const result = run(args);
    expect(result.status).toBe(2);
    const [entry] = JSON.parse(result.stdout);
    expect(entry).toMatchObject({ type: 'usage', severity: 'error', message: expect.stringMatching(/^cdk8s-hostprocess( lint: unknown option --strict|: unknown command "check")/) });
  }
  const missing = run(['lint', '--format', 'json', 'missing.yaml']);
  expect(missing.status).toBe(2);
  expect(JSON.parse(missing.stdout)).toEqual([{ type: 'input', file: 'missing.yaml', message: 'no such file or directory', severity: 'error' }]);
  const empty = run(['lint', '--format', 'json', '-'], '');
  expect(JSON.parse(empty.stdout)).toEqual([{ type: 'input', file: '<stdin>', message: 'no documents on standard input', severity: 'error' }]);
});

test('--format sarif and --format junit keep the exit status', () => {
  write('hn.yaml', HOST_NETWORK_FALSE);
  const sarif = run(['lint', '--format', 'sarif', 'hn.yaml']);
  expect(sarif.status).toBe(1);
  expect(JSON.parse(sarif.stdout).runs[0].results.map((r: any) => [r.ruleId, r.locations[0].physicalLocation.artifactLocation.uri])).toEqual([['host-process-host-network', 'hn.yaml']]);
  const junit = run(['lint', '--format=junit', 'hn.yaml']);
  expect(junit.status).toBe(1);
  expect(junit.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="cdk8s-hostprocess lint" tests="1" failures="1" errors="0" skipped="0">\n/);
});

test('--all checks pods that are neither HostProcess nor Windows', () => {
  write('web.yaml', LINUX_POD);
  expect(run(['lint', 'web.yaml']).status).toBe(0);
  const result = run(['lint', '--all', 'web.yaml']);
  expect(result.status).toBe(1);
  expect(result.lines).toEqual(['web.yaml:9:35: error: Pod/web spec.containers[0].ports[0].hostPort: Invalid value: 8080: must match `containerPort` when `hostNetwork` is true ' +
    '[host-port-mismatch] fix: remove hostPort or set it to the containerPort']);
});

test('--help exits 0; a usage error exits 2 with one line', () => {
  const help = run(['lint', '--help']);
  expect(help.status).toBe(0);
  expect(help.stdout).toContain('Usage: cdk8s-hostprocess lint [--format text|json|sarif|junit] [--all] [--kubernetes-version V]\n' +
    '                             [--max-document-size SIZE] [--config FILE | --no-config]\n' +
    '                             [--include IDS] [--exclude IDS] [--fail-on error|warning]\n' +
    '                             [--skip GLOBS] [--summary] PATH... | -');
  expect(help.stdout).toContain('(kubectl\'s default): 1.37 (1.37.2) or 1.30 (1.30.14), any patch release of');
  expect(run(['lint', '--format', 'xml', 'a.yaml'])).toMatchObject({
    status: 2,
    stdout: '',
    stderr: 'cdk8s-hostprocess lint: unknown format "xml": use text, json, sarif or junit (see cdk8s-hostprocess lint --help)\n',
  });
  expect(run(['check', 'a.yaml'])).toMatchObject({ status: 2 });
});

test('the package declares the command as its bin, with a node shebang', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  expect(pkg.bin).toEqual({ 'cdk8s-hostprocess': 'lib/core/cli/main.js' });
  expect(fs.readFileSync(MAIN, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  expect(pkg.bundledDependencies).toEqual(['js-yaml']);
});

test('the example output of docs/lint.md is what the command prints', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'docs', 'lint.md'), 'utf8');
  const block = /\$ npx cdk8s-hostprocess lint rendered\/\n([\s\S]*?)\n\$ echo \$\?\n(\d+)\n/.exec(readme);
  expect(block).not.toBeNull();
  const result = spawnSync(process.execPath, [MAIN, 'lint', 'rendered/'], { cwd: path.join(ROOT, 'test', 'fixtures'), encoding: 'utf8' });
  expect(result.stdout).toBe(block![1] + '\n');
  expect(result.status).toBe(Number(block![2]));
});

test('a .cdk8s-hostprocess.yaml in the current folder configures the run; --summary counts; a bad one is exit 2 naming it', () => {
  const folder = path.join(dir, 'configured');
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, 'hn.yaml'), HOST_NETWORK_FALSE);
  fs.writeFileSync(path.join(folder, '.cdk8s-hostprocess.yaml'), 'checks:\n  exclude: [host-process-host-network]\n');
  const lint = (...args: string[]) => spawnSync(process.execPath, [MAIN, 'lint', ...args], { cwd: folder, encoding: 'utf8' });
  expect(lint('--summary', 'hn.yaml')).toMatchObject({
    status: 0,
    stdout: 'cdk8s-hostprocess lint: 1 file read, 1 object (1 checked): 0 errors, 0 warnings, 0 suppressed\n',
  });
  expect(lint('--no-config', 'hn.yaml').status).toBe(1);
  fs.writeFileSync(path.join(folder, '.cdk8s-hostprocess.yaml'), 'checks:\n  exclude: [host-proces-host-network]\n');
  expect(lint('hn.yaml')).toMatchObject({
    status: 2,
    stdout: '',
    stderr: 'cdk8s-hostprocess lint: .cdk8s-hostprocess.yaml: checks.exclude[0]: unknown rule "host-proces-host-network" ' +
      '(did you mean "host-process-host-network"?): cdk8s-hostprocess rules lists the rules (see cdk8s-hostprocess lint --help)\n',
  });
});

import { CRON_JOB, HOST_NETWORK_FALSE, HOST_NETWORK_FIX, HOST_NETWORK_MESSAGE, LINUX_POD, LIST, NO_NODE_SELECTOR, PRIVILEGED_NO_OS, RELATIVE_MOUNT_PATH, SEED } from './manifests';
import {
  DEFAULT_MAX_DOCUMENT_SIZE, LintInput, LintOptions, LintRules, MAX_ALIAS_NODES, ReadError, STDIN,
  formatLintFinding, formatSize, lint, lintStream, parseArgs, parseSize,
} from '../../../src/core/cli/lint';
import { Severity } from '../../../src/core/validation/finding';

const TEXT: LintOptions = { format: 'text', all: false };

/** What the text output writes after an unknown-field finding's message. */
const UNKNOWN_FIX = '[unknown-field] fix: remove the field or correct its name (names are case-sensitive); kubectl explain <kind>.<field> lists the fields';

function input(file: string, content: string | Uint8Array): LintInput {
  return { file, content };
}

describe('lint: table of inputs', () => {
  test.each<[string, LintInput[], LintOptions, number, string[], string[]]>([
    ['the AKS seed is valid', [input('seed.yaml', SEED)], TEXT, 0, [], []],
    ['hostNetwork: false is an error naming the field', [input('hn.yaml', HOST_NETWORK_FALSE)], TEXT, 1,
      [`hn.yaml:23:7: error: DaemonSet/privileged-daemonset spec.template.spec.hostNetwork: ${HOST_NETWORK_MESSAGE} ${HOST_NETWORK_FIX}`], []],
    ['a CronJob pod is found under spec.jobTemplate; a warning alone exits 0', [input('cron.yaml', CRON_JOB)], TEXT, 0,
      ['cron.yaml:18:15: warning: CronJob/nightly spec.jobTemplate.spec.template.spec.containers[0].workingDir: relative path "scripts":'], []],
    ['a Linux pod is not checked by default', [input('web.yaml', LINUX_POD)], TEXT, 0, [], []],
    ['--all checks a Linux pod too', [input('web.yaml', LINUX_POD)], { format: 'text', all: true }, 1,
      ['web.yaml:9:35: error: Pod/web spec.containers[0].ports[0].hostPort: Invalid value: 8080: must match `containerPort` when `hostNetwork` is true'], []],
    ['a List: each item is checked, with the document of the List', [input('list.yaml', LIST)], TEXT, 1,
      [`list.yaml:25:11: error: Deployment/bad spec.template.spec.hostNetwork: ${HOST_NETWORK_MESSAGE}`], []],
    ['documents are numbered from 1, empty ones skipped but counted', [input('multi.yaml', `---\n---\n${SEED}---\n${HOST_NETWORK_FALSE}---\n`)], TEXT, 1,
      ['multi.yaml:57:7: error: DaemonSet/privileged-daemonset spec.template.spec.hostNetwork:'], []],
    ['a binary file is unreadable input', [input('bin', Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 0, 1]))], TEXT, 2,
      [], ['cdk8s-hostprocess lint: bin: binary file (it has bytes YAML does not allow: NUL, control characters or invalid UTF-8), not YAML']],
    ['a binary file without NUL bytes (a PNG header) is unreadable input too', [input('logo.png', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))], TEXT, 2,
      [], ['cdk8s-hostprocess lint: logo.png: binary file (it has bytes YAML does not allow: NUL, control characters or invalid UTF-8), not YAML']],
    ['a pod whose OS is mistyped is checked, so the error shows', [input('os.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  os: {name: Windows}\n  containers: [{name: a, image: b}]\n')], TEXT, 1,
      ['os.yaml:5:3: error: Pod/p spec.os: Unsupported value: "Windows": supported values: "linux", "windows"'], []],
    ['broken YAML names the line and column', [input('broken.yaml', 'kind: Pod\nmetadata: {name: "x}\n')], TEXT, 2,
      [], ['cdk8s-hostprocess lint: broken.yaml: document 1, line 3, column 1: not valid YAML: unexpected end of the stream within a double quoted scalar']],
    ['a document that is not a mapping', [input('seq.yaml', '- a\n- b\n')], TEXT, 2,
      [], ['cdk8s-hostprocess lint: seq.yaml: document 1, line 1: not a mapping (it is a sequence), so not a Kubernetes object']],
    ['a text file is a scalar document, not a mapping', [input('notes.yaml', 'just some words\n')], TEXT, 2,
      [], ['cdk8s-hostprocess lint: notes.yaml: document 1, line 1: not a mapping (it is a string: "just some words"), so not a Kubernetes object']],
    ['an input that could not be read', [{ file: 'gone.yaml', readError: 'no such file or directory' }], TEXT, 2,
      [], ['cdk8s-hostprocess lint: gone.yaml: no such file or directory']],
    ['the other inputs, and the other documents of a file, are still checked', [
      input('bin', '\0'),
      input('mixed.yaml', `- not a mapping\n---\n${HOST_NETWORK_FALSE}`),
    ], TEXT, 2,
    [`mixed.yaml:25:7: error: DaemonSet/privileged-daemonset spec.template.spec.hostNetwork: ${HOST_NETWORK_MESSAGE}`],
    ['cdk8s-hostprocess lint: bin: binary file', 'cdk8s-hostprocess lint: mixed.yaml: document 1, line 1: not a mapping']],
    ['YAML 1.1 booleans, as Kubernetes reads them: hostNetwork: yes is true', [input('yes.yaml', SEED.replace('hostNetwork: true', 'hostNetwork: yes'))], TEXT, 0, [], []],
  ])('%s', (_, inputs, options, exitCode, stdout, stderr) => {
    const result = lint(inputs, options);
    expect(result.exitCode).toBe(exitCode);
    expect(result.stdout).toHaveLength(stdout.length);
    stdout.forEach((line, i) => expect(result.stdout[i].slice(0, line.length)).toBe(line));
    expect(result.stderr).toHaveLength(stderr.length);
    stderr.forEach((line, i) => expect(result.stderr[i].slice(0, line.length)).toBe(line));
  });
});

describe('lint: nothing lost', () => {
  test('a broken document is reported with its index and line; the documents after it are still checked', () => {
    const result = lint([input('helm.yaml', `${SEED}---\nkind: Pod\nmetadata: {name: a}\nmetadata: {name: b}\n---\n${HOST_NETWORK_FALSE}`)], TEXT);
    // SEED ends in a newline: its lines, then `---`, `kind`, the first metadata and the second one.
    const line = SEED.split('\n').length - 1 + 4;
    expect(result.stderr).toEqual([`cdk8s-hostprocess lint: helm.yaml: document 2, line ${line}, column 1: not valid YAML: duplicated mapping key "metadata"`]);
    expect(result.stdout).toEqual([`helm.yaml:59:7: error: DaemonSet/privileged-daemonset spec.template.spec.hostNetwork: ${HOST_NETWORK_MESSAGE} ${HOST_NETWORK_FIX}`]);
    expect(result.problems).toEqual([{ file: 'helm.yaml', document: 2, line, column: 1, message: 'not valid YAML: duplicated mapping key "metadata"' }]);
    expect(result.exitCode).toBe(2);
  });

  test('findings carry the line of their document, and of their List item', () => {
    const result = lint([input('a.yaml', `# header\n---\n${LIST}---\n\n${HOST_NETWORK_FALSE}`)], TEXT);
    const listLines = LIST.split('\n');
    const deployment = listLines.findIndex(l => l.includes('kind: Deployment'));
    const lines = result.findings.map(f => [f.document, f.objectLine]);
    // The Deployment item starts on its `- apiVersion` line, the line before its kind; the list
    // itself starts on line 3 of the file.
    expect(lines).toEqual([[1, 3 + deployment - 1], [2, 3 + listLines.length + 1]]);
    // Each finding's own line is its field's: hostNetwork, in the List's Deployment and in the DaemonSet.
    const hostNetwork = listLines.findIndex((l, i) => i > deployment && l.includes('hostNetwork: false'));
    expect(result.findings.map(f => [f.line, f.column])).toEqual([[3 + hostNetwork, 11], [3 + listLines.length + 1 + 22, 7]]);
  });

  test.each<[string, string]>([
    ['nothing', ''],
    ['only comments and empty documents', '# rendered by a failed helm\n---\n---\n'],
  ])('standard input with %s is exit 2: a failed `helm template | lint -` must not pass', (_, content) => {
    const result = lint([input(STDIN, content)], TEXT);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toEqual(['cdk8s-hostprocess lint: <stdin>: no documents on standard input']);
  });

  test('an empty file is fine: a folder may have one', () => {
    expect(lint([input('empty.yaml', ''), input('seed.yaml', SEED)], TEXT)).toMatchObject({ exitCode: 0, stdout: [], stderr: [] });
  });

  test('more findings than a spread can take, in one object, are all printed', () => {
    const count = 200_000;
    const rules: LintRules = {
      podSpecsOf: m => [{ spec: m.spec, prefix: 'spec' }],
      isWindowsOrHostProcess: () => true,
      validatePodSpec: () => Array.from({ length: count }, (_, i) => ({ rule: 'r', field: `spec.containers[${i}].x`, message: 'm', severity: Severity.ERROR, remediation: 'fix' })),
    };
    const result = lint([input('big.yaml', 'kind: Pod\nmetadata: {name: p}\nspec: {}\n')], TEXT, rules);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toHaveLength(count);
    expect(result.stdout[count - 1]).toBe(`big.yaml:3:1: error: Pod/p spec.containers[${count - 1}].x: m [r] fix: fix`);
  });

  test('a pod with thousands of containers in error reports each (the real engine)', () => {
    const count = 3000;
    // Each its own name: two containers of one name would be findings of their own.
    const containers = Array.from({ length: count }, (_, i) => `    - {name: c${i}, image: i, securityContext: {runAsNonRoot: true}}\n`).join('');
    const pod = `${RELATIVE_MOUNT_PATH.split('  containers:')[0]}  containers:\n${containers}`;
    const result = lint([input('many.yaml', pod)], TEXT);
    expect(result.stdout).toHaveLength(count);
    expect(result.stdout[count - 1]).toMatch(new RegExp(`^many.yaml:${3009}:49: error: Pod/config spec.containers\\[${count - 1}\\].securityContext.runAsNonRoot: Invalid value: true: `));
  });

  test('more than 1,000 YAML aliases are read (the yaml default would refuse them)', () => {
    const aliases = Array.from({ length: 1500 }, () => '*c').join(', ');
    const config = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\nx-anchors: &c {a: b}\nx-uses: [${aliases}]\n`;
    const result = lint([input('aliases.yaml', `${SEED}---\n${config}`)], TEXT);
    expect(result).toMatchObject({ exitCode: 0, stderr: [] });
  });

  test('an alias bomb is that document\'s problem; the other documents and files are still checked', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) {
      const prev = String.fromCharCode(96 + i);
      levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    const result = lint([input('bomb.yaml', `${SEED}---\n${levels.join('\n')}\n`), input('hn.yaml', HOST_NETWORK_FALSE)], TEXT);
    expect(result.stderr).toEqual([`cdk8s-hostprocess lint: bomb.yaml: document 2, line ${SEED.split('\n').length + 1}: ` +
      `YAML aliases (*name) expand to more than ${MAX_ALIAS_NODES} nodes, the bound against alias bombs; not checked`]);
    expect(result.stdout).toEqual([`hn.yaml:23:7: error: DaemonSet/privileged-daemonset spec.template.spec.hostNetwork: ${HOST_NETWORK_MESSAGE} ${HOST_NETWORK_FIX}`]);
    expect(result.exitCode).toBe(2);
  });

  test.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])('kind: %s is a kind without pods, not an internal error', kind => {
    expect(lint([input('odd.yaml', `apiVersion: v1\nkind: ${kind}\nmetadata: {name: x}\nspec: {template: {spec: {}}}\n`)], TEXT))
      .toMatchObject({ exitCode: 0, stdout: [], stderr: [] });
  });

  test('a document nested deeper than the parser can go is reported, and the rest still checked', () => {
    const deep = `a: ${'['.repeat(20000)}${']'.repeat(20000)}\n`;
    const result = lint([input('deep.yaml', `${deep}---\n${HOST_NETWORK_FALSE}`), input('seed.yaml', SEED)], TEXT);
    expect(result.stderr).toHaveLength(1);
    expect(result.stderr[0]).toMatch(/^cdk8s-hostprocess lint: deep\.yaml: document 1, line 1(, column \d+)?: not valid YAML: nesting exceeded maxDepth \(1000\)$/);
    expect(result.stdout).toEqual([`deep.yaml:25:7: error: DaemonSet/privileged-daemonset spec.template.spec.hostNetwork: ${HOST_NETWORK_MESSAGE} ${HOST_NETWORK_FIX}`]);
  });

  test('a rule that throws is one line naming the file, the document and the object; the next object is checked', () => {
    const rules: LintRules = {
      podSpecsOf: m => [{ spec: m.spec, prefix: 'spec' }],
      isWindowsOrHostProcess: () => true,
      validatePodSpec: spec => {
        if (spec.boom) throw new RangeError('Maximum call stack size exceeded\n    at somewhere (x.js:1:1)');
        return [{ rule: 'r', field: 'spec.f', message: 'm', severity: Severity.ERROR, remediation: 'fix' }];
      },
    };
    const result = lint([input('a.yaml', 'kind: Pod\nmetadata: {name: p}\nspec: {boom: true}\n---\nkind: Pod\nmetadata: {name: q}\nspec: {}\n')], TEXT, rules);
    expect(result.stderr).toEqual(['cdk8s-hostprocess lint: a.yaml: document 1, line 1: Pod/p: could not be checked: Maximum call stack size exceeded']);
    expect(result.stdout).toEqual(['a.yaml:7:1: error: Pod/q spec.f: m [r] fix: fix']);
  });
});

describe('lint: types as the API server decodes them', () => {
  test('hostNetwork: "true" is the decode error, not a misleading Invalid value: false', () => {
    const result = lint([input('hn.yaml', SEED.replace('hostNetwork: true', 'hostNetwork: "true"'))], TEXT);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toEqual([
      'hn.yaml:23:7: error: DaemonSet/privileged-daemonset spec.template.spec.hostNetwork: json: cannot unmarshal string into Go struct field ' +
      'PodSpec.spec.template.spec.hostNetwork of type bool (the API server rejects the object before it checks anything else; ' +
      'write true or false, without quotes) [decode-type-mismatch] fix: write the value with the type the field has (a list, a string, a number, ...)',
    ]);
  });

  test('hostProcess: "true" is an error, not a pod that is silently not HostProcess', () => {
    const result = lint([input('hp.yaml', SEED.replace('hostProcess: true', 'hostProcess: "true"'))], TEXT);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toHaveLength(1);
    expect(result.stdout[0]).toContain('spec.template.spec.securityContext.windowsOptions.hostProcess: json: cannot unmarshal string into Go struct field ' +
      'WindowsSecurityContextOptions.spec.template.spec.securityContext.windowsOptions.hostProcess of type bool');
  });

  test('a Linux pod with a decode error is left alone by default, and reported with --all', () => {
    const pod = LINUX_POD.replace('hostNetwork: true', 'hostNetwork: "true"');
    expect(lint([input('web.yaml', pod)], TEXT)).toMatchObject({ exitCode: 0, stdout: [] });
    const all = lint([input('web.yaml', pod)], { format: 'text', all: true });
    expect(all.stdout).toEqual([expect.stringMatching(/^web\.yaml:5:3: error: Pod\/web spec\.hostNetwork: json: cannot unmarshal string into Go struct field PodSpec\.spec\.hostNetwork of type bool /)]);
  });

  test('a pod template the API server cannot decode is an error, not a pod that is not there', () => {
    const result = lint([input('d.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {template: "{{ .Values.pod }}"}\n')], TEXT);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toEqual([expect.stringMatching(/^d\.yaml:4:8: error: Deployment\/d spec\.template: json: cannot unmarshal string into Go struct field DeploymentSpec\.spec\.template of type v1\.PodTemplateSpec /)]);
  });
});

describe('lint: fields and types as strict decoding checks them, for a Kubernetes release', () => {
  const unknown = SEED.replace('hostNetwork: true', 'hostNetwork: true\n      hostnetwork: true');
  const podResources = SEED.replace('hostNetwork: true', 'hostNetwork: true\n      resources: {limits: {cpu: "2"}}');

  test.each<[string, string, LintOptions, number, string[]]>([
    ['an unknown field is an error naming the field as the API server does, and the field meant', unknown, TEXT, 1, [
      'u.yaml:24:7: error: DaemonSet/privileged-daemonset spec.template.spec.hostnetwork: unknown field "spec.template.spec.hostnetwork" (did you mean "hostNetwork"?) ' + UNKNOWN_FIX,
    ]],
    ['a field of a newer release (pod-level resources) is known to the default, 1.37.2', podResources, TEXT, 0, []],
    ['... and unknown to --kubernetes-version 1.30', podResources, { ...TEXT, kubernetesVersion: 'v1.30.14' }, 1, [
      'u.yaml:24:7: error: DaemonSet/privileged-daemonset spec.template.spec.resources: unknown field "spec.template.spec.resources" ' + UNKNOWN_FIX,
    ]],
    ['an unknown field in a Linux pod is left alone by default', LINUX_POD.replace('hostNetwork: true', 'hostNetwork: true\n  foo: 1'), TEXT, 0, []],
    ['... and reported with --all, instead of the rules, as the API server decodes before it validates',
      LINUX_POD.replace('hostNetwork: true', 'hostNetwork: true\n  foo: 1'), { format: 'text', all: true }, 1, [
        'u.yaml:6:3: error: Pod/web spec.foo: unknown field "spec.foo" ' + UNKNOWN_FIX,
      ]],
  ])('%s', (_, yaml, options, exitCode, stdout) => {
    const result = lint([input('u.yaml', yaml)], options);
    expect(result.stdout).toEqual(stdout);
    expect(result.exitCode).toBe(exitCode);
  });

  test('--format json: the rule, the field and the remediation of an unknown field', () => {
    const [finding] = JSON.parse(lint([input('u.yaml', unknown)], { format: 'json', all: false }).stdout[0]);
    expect(finding).toMatchObject({
      type: 'finding',
      rule: 'unknown-field',
      field: 'spec.template.spec.hostnetwork',
      severity: 'error',
      remediation: 'remove the field or correct its name (names are case-sensitive); kubectl explain <kind>.<field> lists the fields',
    });
  });
});

describe('lint: what will go wrong on the node (warnings, exit 0)', () => {
  const WARNING = '(cdk8s-hostprocess warning; the API server accepts it)';
  test.each<[string, LintInput, string[]]>([
    ['a relative mountPath is no warning: kubelet makes it c:\\config on every runtime', input('config.yaml', RELATIVE_MOUNT_PATH), []],
    ['a HostProcess DaemonSet without a Windows node selection', input('ds.yaml', NO_NODE_SELECTOR), [
      'ds.yaml:16:5: warning: DaemonSet/privileged-daemonset spec.template.spec.nodeSelector: no Windows node selection: the pod ' +
      'may be scheduled onto a Linux node, whose kubelet runs it without passing hostProcess to the container runtime ' +
      `${WARNING} [host-process-no-windows-node-selection] fix: add nodeSelector kubernetes.io/os: windows`,
    ]],
    ['privileged: true without spec.os', input('priv.yaml', PRIVILEGED_NO_OS), [
      'priv.yaml:12:25: warning: Pod/priv spec.containers[0].securityContext.privileged: accepted only because spec.os is not ' +
      'set: with spec.os.name: windows the API server rejects it (Forbidden: cannot be set for a windows pod); a Windows kubelet ' +
      `does not pass it to the container runtime ${WARNING} [host-process-windows-field-without-os] ` +
      'fix: remove the field (with spec.os.name: windows the API server rejects it)',
    ]],
  ])('%s', (_, file, stdout) => {
    const result = lint([file], TEXT);
    expect(result).toMatchObject({ exitCode: 0, stdout, stderr: [] });
  });

  test('privileged: true with spec.os.name: windows is the API server error instead', () => {
    const result = lint([input('priv.yaml', PRIVILEGED_NO_OS.replace('spec:\n', 'spec:\n  os: {name: windows}\n'))], TEXT);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toEqual(['priv.yaml:13:25: error: Pod/priv spec.containers[0].securityContext.privileged: Forbidden: cannot be set for a windows pod [windows-pod-forbidden-field] fix: remove the field: Windows has no such setting']);
  });
});

describe('lint: output', () => {
  test('json: an array of {file, document, line, column, objectLine, kind, name, rule, field, message, severity, remediation}', () => {
    const result = lint([input('hn.yaml', HOST_NETWORK_FALSE), input('cron.yaml', CRON_JOB)], { format: 'json', all: false });
    expect(result.stdout).toHaveLength(1);
    const findings = JSON.parse(result.stdout[0]);
    expect(findings).toEqual([
      {
        type: 'finding',
        file: 'hn.yaml',
        document: 1,
        // hostNetwork's key; the object starts on line 1.
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
      },
      expect.objectContaining({ file: 'cron.yaml', kind: 'CronJob', name: 'nightly', rule: 'host-process-relative-working-dir', severity: 'warning' }),
    ]);
    expect(result.exitCode).toBe(1);
  });

  test('json: an input that could not be checked is an entry of type input, and stdout stays one JSON document', () => {
    const result = lint([input('broken.yaml', 'kind: Pod\nkind: Pod\n'), { file: 'gone.yaml', readError: 'no such file or directory' }, input('hn.yaml', HOST_NETWORK_FALSE)],
      { format: 'json', all: false });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toHaveLength(1);
    expect(JSON.parse(result.stdout[0])).toEqual([
      expect.objectContaining({ type: 'finding', file: 'hn.yaml', severity: 'error' }),
      { type: 'input', file: 'broken.yaml', document: 1, line: 2, column: 1, message: 'not valid YAML: duplicated mapping key "kind"', severity: 'error' },
      { type: 'input', file: 'gone.yaml', message: 'no such file or directory', severity: 'error' },
    ]);
    expect(result.stderr).toEqual([
      'cdk8s-hostprocess lint: broken.yaml: document 1, line 2, column 1: not valid YAML: duplicated mapping key "kind"',
      'cdk8s-hostprocess lint: gone.yaml: no such file or directory',
    ]);
  });

  test('text: control characters in a name are escaped, so a finding is one line that shows what is there', () => {
    const pod = PRIVILEGED_NO_OS.replace('metadata: {name: priv}', 'metadata: {name: "a\\nb\\x1b[31mred\\u202etxt"}');
    const result = lint([input('priv.yaml', pod)], TEXT);
    expect(result.stdout).toHaveLength(1);
    expect(result.stdout[0]).toMatch(/^priv\.yaml:12:25: warning: Pod\/a\\nb\\x1b\[31mred\\u202etxt spec\.containers\[0\]/);
    expect(result.stdout[0]).not.toMatch(/[\n\x1b\u202e]/);
  });

  test('a very long value is cut, in text and in json, with how much is left out', () => {
    const long = 'A'.repeat(5_000_000);
    const pod = `${RELATIVE_MOUNT_PATH.replace('metadata: {name: config}', `metadata: {name: ${long}}`).replace('image: i', `image: i\n      workingDir: ${long}`)}`;
    const cutName = `${'A'.repeat(300)}…(${long.length - 300} more characters)`;
    const cutValue = `relative path "${cutName}"`;
    const text = lint([input('long.yaml', pod)], TEXT).stdout;
    expect(text).toHaveLength(1);
    expect(text[0].length).toBeLessThan(2000);
    expect(text[0]).toContain(`warning: Pod/${cutName} spec.containers[0].workingDir: ${cutValue}: containerd 1.6`);
    const json = lint([input('long.yaml', pod)], { format: 'json', all: false }).stdout;
    expect(json[0].length).toBeLessThan(3000);
    const [entry] = JSON.parse(json[0]);
    expect(entry.name).toBe(cutName);
    expect(entry.message.startsWith(`${cutValue}: containerd 1.6`)).toBe(true);
  });

  test('a folder entry skipped on purpose is a notice: on stderr, in json as type skipped, the exit code unchanged', () => {
    const inputs = [input('seed.yaml', SEED), { file: 'dir/pipe.yaml', notice: 'skipped: a FIFO (named pipe), not a regular file (give its path to read it)' }];
    expect(lint(inputs, TEXT)).toMatchObject({
      exitCode: 0,
      stdout: [],
      stderr: ['cdk8s-hostprocess lint: dir/pipe.yaml: skipped: a FIFO (named pipe), not a regular file (give its path to read it)'],
    });
    expect(JSON.parse(lint(inputs, { format: 'json', all: false }).stdout[0])).toEqual([
      { type: 'skipped', file: 'dir/pipe.yaml', message: 'skipped: a FIFO (named pipe), not a regular file (give its path to read it)', severity: 'note' },
    ]);
  });

  test('json with no findings is an empty array', () => {
    expect(lint([input('seed.yaml', SEED)], { format: 'json', all: false }).stdout).toEqual(['[]']);
  });

  test('text: `file:line:column: severity: kind/name field: message [rule] fix: remediation`', () => {
    const finding = { file: 'f.yaml', document: 2, line: 14, column: 9, kind: 'Pod', name: 'p', rule: 'host-process-host-network', field: 'spec.x', message: 'msg', remediation: 'do this' };
    expect(formatLintFinding({ ...finding, severity: 'error' })).toBe('f.yaml:14:9: error: Pod/p spec.x: msg [host-process-host-network] fix: do this');
    expect(formatLintFinding({ ...finding, severity: 'warning' })).toBe('f.yaml:14:9: warning: Pod/p spec.x: msg [host-process-host-network] fix: do this');
    // Without a known column (a finding made elsewhere), the line's start.
    expect(formatLintFinding({ ...finding, column: undefined, severity: 'error' })).toBe('f.yaml:14:1: error: Pod/p spec.x: msg [host-process-host-network] fix: do this');
  });

  test('an object without a name uses generateName, else <no name>', () => {
    const rules: LintRules = {
      podSpecsOf: m => [{ spec: m.spec, prefix: 'spec' }],
      isWindowsOrHostProcess: () => true,
      validatePodSpec: () => [{ rule: 'r', field: 'spec.f', message: 'm', severity: Severity.ERROR, remediation: 'fix' }],
    };
    const result = lint([input('a.yaml', 'kind: Pod\nmetadata: {generateName: agent-}\nspec: {}\n---\nkind: Pod\nspec: {}\n')], TEXT, rules);
    expect(result.stdout).toEqual(['a.yaml:3:1: error: Pod/agent- spec.f: m [r] fix: fix', 'a.yaml:6:1: error: Pod/<no name> spec.f: m [r] fix: fix']);
  });

  test('a rule that throws on an odd shape is reported as unreadable input, not a crash', () => {
    const rules: LintRules = {
      podSpecsOf: () => { throw new Error('spec.template is a string'); },
      isWindowsOrHostProcess: () => true,
      validatePodSpec: () => [],
    };
    const result = lint([input('odd.yaml', 'kind: DaemonSet\nmetadata: {name: d}\n')], TEXT, rules);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toEqual(['cdk8s-hostprocess lint: odd.yaml: document 1, line 1: DaemonSet/d: could not be checked: spec.template is a string']);
  });
});

describe('parseArgs', () => {
  test.each<[string[], Partial<ReturnType<typeof parseArgs>>]>([
    [['a.yaml'], { paths: ['a.yaml'], options: { format: 'text', all: false }, help: false }],
    [['--format', 'json', '--all', 'a', 'dir/', '-'], { paths: ['a', 'dir/', '-'], options: { format: 'json', all: true } }],
    [['--format=text', 'a'], { paths: ['a'], options: { format: 'text', all: false } }],
    [['--', '--all'], { paths: ['--all'], options: { format: 'text', all: false } }],
    [['--help'], { help: true, paths: [] }],
    [['-h'], { help: true }],
    [[], { usageError: 'no input: give YAML files or folders, or - to read standard input' }],
    [['--format', 'xml', 'a'], { usageError: 'unknown format "xml": use text, json, sarif or junit' }],
    [['a', '--format'], { usageError: '--format needs a value: text, json, sarif or junit' }],
    [['--strict', 'a'], { usageError: 'unknown option --strict' }],
    [['a'], { options: { format: 'text', all: false, maxDocumentSize: DEFAULT_MAX_DOCUMENT_SIZE } }],
    [['--max-document-size', '1K', 'a'], { paths: ['a'], options: { format: 'text', all: false, maxDocumentSize: 1024 } }],
    [['--max-document-size=2g', 'a'], { options: { format: 'text', all: false, maxDocumentSize: 2 * 1024 ** 3 } }],
    [['--max-document-size=500', 'a'], { options: { format: 'text', all: false, maxDocumentSize: 500 } }],
    [['a', '--max-document-size'], { usageError: '--max-document-size needs a value: bytes, or a number with K, M or G (64M)' }],
    [['--max-document-size', '0', 'a'], { usageError: '--max-document-size "0" is not a size: use bytes, or a number with K, M or G (64M)' }],
    [['--max-document-size', '64MB', 'a'], { usageError: '--max-document-size "64MB" is not a size: use bytes, or a number with K, M or G (64M)' }],
    [['--max-document-size', '-1', 'a'], { usageError: '--max-document-size "-1" is not a size: use bytes, or a number with K, M or G (64M)' }],
    [['a'], { options: { format: 'text', all: false, kubernetesVersion: 'v1.37.2' } }],
    [['--kubernetes-version', '1.30', 'a'], { paths: ['a'], options: { format: 'text', all: false, kubernetesVersion: 'v1.30.14' } }],
    [['--kubernetes-version=v1.37.2', 'a'], { options: { format: 'text', all: false, kubernetesVersion: 'v1.37.2' } }],
    [['--kubernetes-version', '1.30.2', 'a'], { options: { kubernetesVersion: 'v1.30.14' } }],
    [['--kubernetes-version', '1.31', 'a'], { usageError: '--kubernetes-version "1.31": the lint has the API types of Kubernetes 1.37 (1.37.2) and 1.30 (1.30.14) only' }],
    [['--kubernetes-version=latest', 'a'], { usageError: '--kubernetes-version "latest": the lint has the API types of Kubernetes 1.37 (1.37.2) and 1.30 (1.30.14) only' }],
    [['a', '--kubernetes-version'], { usageError: '--kubernetes-version needs a value: 1.37 (1.37.2) or 1.30 (1.30.14)' }],
  ])('%j', (argv, expected) => {
    expect(parseArgs(argv)).toMatchObject(expected);
  });
});

describe('sizes', () => {
  test.each<[string, number | undefined]>([['1', 1], ['64M', 64 * 1024 * 1024], ['64m', 64 * 1024 * 1024], ['3k', 3072], ['1G', 1024 ** 3], ['', undefined], ['1.5M', undefined], ['M', undefined]])('parseSize(%j)', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  test.each<[number, string]>([[64 * 1024 * 1024, '64M'], [1024, '1K'], [1000, '1000'], [1536, '1536'], [2 * 1024 ** 3, '2G']])('formatSize(%d)', (bytes, text) => {
    expect(formatSize(bytes)).toBe(text);
  });
});

describe('lint: a document larger than --max-document-size', () => {
  const small = { ...TEXT, maxDocumentSize: 2048 };
  const huge = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n${Array.from({ length: 300 }, (_, i) => `  k${i}: v\n`).join('')}`;

  test('is reported with its file, document and line, not parsed; the others are still checked; exit 2', () => {
    const text = `${SEED}---\n${huge}---\n${HOST_NETWORK_FALSE}`;
    const line = SEED.split('\n').length + 1;
    const result = lint([input('big.yaml', text)], small);
    expect(result.stderr).toEqual([`cdk8s-hostprocess lint: big.yaml: document 2, line ${line}: document larger than 2K bytes (--max-document-size 2K); not parsed`]);
    expect(result.problems).toEqual([{ file: 'big.yaml', document: 2, line, message: 'document larger than 2K bytes (--max-document-size 2K); not parsed' }]);
    expect(result.stdout).toEqual([`big.yaml:360:7: error: DaemonSet/privileged-daemonset spec.template.spec.hostNetwork: ${HOST_NETWORK_MESSAGE} ${HOST_NETWORK_FIX}`]);
    expect(result.exitCode).toBe(2);
  });

  test('the default limit lets the same document through', () => {
    expect(lint([input('big.yaml', huge)], TEXT)).toMatchObject({ exitCode: 0, stderr: [] });
  });

  test('json: an input entry with its document and line', () => {
    const result = lint([input('big.yaml', huge)], { ...small, format: 'json' });
    expect(JSON.parse(result.stdout[0])).toEqual([
      { type: 'input', file: 'big.yaml', document: 1, line: 1, message: 'document larger than 2K bytes (--max-document-size 2K); not parsed', severity: 'error' },
    ]);
  });
});

describe('lint: line numbers across documents', () => {
  test('each finding names its document\'s line in the stream, with directives, comments, CRLF and ... between documents', () => {
    const crlf = HOST_NETWORK_FALSE.replace(/\n/g, '\r\n');
    const text = `%YAML 1.1\n---\n# Source: a\n${HOST_NETWORK_FALSE}...\n# Source: b\n--- \n\n${crlf}---\r\n${HOST_NETWORK_FALSE}`;
    const n = HOST_NETWORK_FALSE.split('\n').length - 1;
    const result = lint([input('s.yaml', text)], TEXT);
    expect(result.findings.map(f => [f.document, f.objectLine])).toEqual([[1, 4], [2, 4 + n + 4], [3, 4 + 2 * n + 5]]);
    // hostNetwork is line 23 of each copy, CRLF or not.
    expect(result.findings.map(f => [f.line, f.column])).toEqual([[4 + 22, 7], [4 + n + 4 + 22, 7], [4 + 2 * n + 5 + 22, 7]]);
  });

  test('a YAML error is at its line in the stream, not in its document', () => {
    const result = lint([input('s.yaml', `${SEED}---\n${SEED}---\na: "open\n`)], TEXT);
    expect(result.problems).toEqual([{
      file: 's.yaml',
      document: 3,
      line: 2 * SEED.split('\n').length + 2,
      column: 1,
      message: 'not valid YAML: unexpected end of the stream within a double quoted scalar',
    }]);
  });
});

describe('lintStream: a document at a time', () => {
  const counting = () => {
    const checked: string[] = [];
    const rules: LintRules = {
      podSpecsOf: m => [{ spec: m.spec, prefix: 'spec' }],
      isWindowsOrHostProcess: () => true,
      validatePodSpec: spec => {
        checked.push(spec.id);
        return [{ rule: 'r', field: 'spec.id', message: String(spec.id), severity: Severity.ERROR, remediation: 'fix' }];
      },
    };
    return { checked, rules };
  };

  test('each document is checked as soon as its end arrives, before the rest of the input is read', async () => {
    const { checked, rules } = counting();
    const seen: string[][] = [];
    async function* chunks() {
      yield 'kind: Pod\nmetadata: {name: a}\nspec: {id: a}\n';
      seen.push([...checked]);
      // The next marker ends the first document.
      yield '---\nkind: Pod\nmetadata: {name: b}\n';
      seen.push([...checked]);
      yield 'spec: {id: b}\n---\nkind: Pod\nmetadata: {name: c}\nspec: {id: c}\n';
      seen.push([...checked]);
    }
    const result = await lintStream([{ file: STDIN, chunks: chunks() }], TEXT, rules);
    expect(seen).toEqual([[], ['a'], ['a', 'b']]);
    expect(checked).toEqual(['a', 'b', 'c']);
    expect(result.stdout).toEqual(['<stdin>:3:8: error: Pod/a spec.id: a [r] fix: fix', '<stdin>:7:8: error: Pod/b spec.id: b [r] fix: fix', '<stdin>:11:8: error: Pod/c spec.id: c [r] fix: fix']);
  });

  test('a stream is never held whole: 2,000 documents in chunks, each checked while the next chunk is read', async () => {
    const { checked, rules } = counting();
    let behind = 0;
    async function* chunks() {
      for (let i = 0; i < 2000; i++) {
        // Every document before this chunk has been checked: the `---` that ended it came in the chunk before.
        behind = Math.max(behind, i - checked.length);
        yield `kind: Pod\nmetadata: {name: p${i}}\nspec: {id: p${i}}\n---\n`;
      }
    }
    const result = await lintStream([{ file: 'many.yaml', chunks: chunks() }], TEXT, rules);
    expect(behind).toBe(0);
    expect(result.findings).toHaveLength(2000);
    // The object's line, and the finding's: its field spec.id, on the object's third line.
    expect(result.findings[1999]).toMatchObject({ document: 2000, objectLine: 4 * 1999 + 1, line: 4 * 1999 + 3, column: 8 });
  });

  test('the same results as lint for the same input, whatever the chunks', async () => {
    const text = `${SEED}---\n${HOST_NETWORK_FALSE}---\n- not a mapping\n---\n${LIST}`;
    const whole = lint([input('a.yaml', text)], TEXT);
    const bytes = Buffer.from(text);
    const chunks = Array.from({ length: Math.ceil(bytes.length / 13) }, (_, i) => bytes.subarray(i * 13, i * 13 + 13));
    expect(await lintStream([{ file: 'a.yaml', chunks }], TEXT)).toEqual(whole);
  });

  test('an error while reading is the input\'s read error; the documents read before it are still checked', async () => {
    async function* chunks() {
      yield `${HOST_NETWORK_FALSE}---\n`;
      throw new ReadError('input/output error');
    }
    const result = await lintStream([{ file: 'a.yaml', chunks: chunks() }, input('b.yaml', HOST_NETWORK_FALSE)], TEXT);
    expect(result.stdout).toEqual([
      `a.yaml:23:7: error: DaemonSet/privileged-daemonset spec.template.spec.hostNetwork: ${HOST_NETWORK_MESSAGE} ${HOST_NETWORK_FIX}`,
      `b.yaml:23:7: error: DaemonSet/privileged-daemonset spec.template.spec.hostNetwork: ${HOST_NETWORK_MESSAGE} ${HOST_NETWORK_FIX}`,
    ]);
    expect(result.stderr).toEqual(['cdk8s-hostprocess lint: a.yaml: input/output error']);
    expect(result.exitCode).toBe(2);
  });

  test('standard input that streams no documents is exit 2', async () => {
    const result = await lintStream([{ file: STDIN, chunks: ['# nothing\n', '---\n'] }], TEXT);
    expect(result.stderr).toEqual(['cdk8s-hostprocess lint: <stdin>: no documents on standard input']);
    expect(result.exitCode).toBe(2);
  });

  test('lint refuses an input given as a stream, with a message', () => {
    expect(lint([{ file: 'a.yaml', chunks: ['a: 1\n'] }], TEXT).stderr).toEqual(['cdk8s-hostprocess lint: a.yaml: internal error: an input read as a stream needs lintStream']);
  });
});

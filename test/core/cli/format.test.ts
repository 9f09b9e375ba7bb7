import '@microsoft/jest-sarif';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { CRON_JOB, HOST_NETWORK_FALSE, HOST_NETWORK_MESSAGE, PRIVILEGED_NO_OS, SEED } from './manifests';
import { MAX_MESSAGE_CHARS, artifactUri, clip, clipMessage, escapeControl, formatLintProblem, renderJsonError, sarifRule } from '../../../src/core/cli/format';
import { LintInput, lint } from '../../../src/core/cli/lint';

function input(file: string, content: string): LintInput {
  return { file, content };
}

describe('clip', () => {
  test.each<[string, string, number, string]>([
    ['a short value is kept', 'abc', 5, 'abc'],
    ['a value of exactly the bound is kept', 'abcde', 5, 'abcde'],
    ['a longer one is cut, saying how much is left out', 'abcdefgh', 5, 'abcde…(3 more characters)'],
    ['never between the halves of a surrogate pair', 'abcd😀xyz', 5, 'abcd…(5 more characters)'],
  ])('%s', (_, value, max, expected) => {
    expect(clip(value, max)).toBe(expected);
  });

  test('a long quoted value in a message is cut inside its quotes; the rest of the message stays', () => {
    const message = `Invalid value: "${'x'.repeat(1000)}": must be short; fix it`;
    expect(clipMessage(message)).toBe(`Invalid value: "${'x'.repeat(300)}…(700 more characters)": must be short; fix it`);
  });

  test('a message still too long is cut too', () => {
    expect(clipMessage('word '.repeat(1000))).toHaveLength(MAX_MESSAGE_CHARS + '…(3000 more characters)'.length);
  });
});

describe('escapeControl', () => {
  test.each<[string, string, string]>([
    ['newlines and tabs', 'a\nb\r\tc', 'a\\nb\\r\\tc'],
    ['an ANSI escape', '\x1b[31mred', '\\x1b[31mred'],
    ['DEL and C1 controls', '\x7f\x9b', '\\x7f\\x9b'],
    ['bidirectional overrides and line separators', 'a\u202eb\u2066c\u2028', 'a\\u202eb\\u2066c\\u2028'],
    ['other text is kept, backslashes too', 'C:\\hpc ünïcödé 😀', 'C:\\hpc ünïcödé 😀'],
  ])('%s', (_, value, expected) => {
    expect(escapeControl(value)).toBe(expected);
  });

  test('a file name with a newline cannot start a line of its own in a problem', () => {
    expect(formatLintProblem({ file: 'a\nb.yaml', message: 'no such file or directory' })).toBe('cdk8s-hostprocess lint: a\\nb.yaml: no such file or directory');
  });
});

test('renderJsonError is one JSON array with one entry', () => {
  expect(JSON.parse(renderJsonError('usage', 'cdk8s-hostprocess lint: unknown option --x'))).toEqual([
    { type: 'usage', message: 'cdk8s-hostprocess lint: unknown option --x', severity: 'error' },
  ]);
});

describe('sarif', () => {
  const checked = lint([input('rendered/agent.yaml', `${SEED}---\n${HOST_NETWORK_FALSE}`), input('rendered/cron job.yaml', CRON_JOB)], { format: 'sarif', all: false });
  const log = JSON.parse(checked.stdout[0]);

  test('is a valid SARIF 2.1.0 log (the SARIF schema, with ajv)', () => {
    expect(checked.stdout).toHaveLength(1);
    expect(log).toBeValidSarifLog();
  });

  test('the schema check can fail: a result without a message is not valid', () => {
    const broken = JSON.parse(checked.stdout[0]);
    delete broken.runs[0].results[0].message;
    expect(broken).not.toBeValidSarifLog();
  });

  test('each result has its rule, level, file and the line and column of its field; its rule has the fix as help', () => {
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('cdk8s-hostprocess lint');
    expect(run.results).toEqual([
      {
        ruleId: 'host-process-host-network',
        ruleIndex: 0,
        level: 'error',
        message: { text: `DaemonSet/privileged-daemonset spec.template.spec.hostNetwork: ${HOST_NETWORK_MESSAGE}` },
        locations: [{
          // hostNetwork's key, line 23 of the second document.
          physicalLocation: { artifactLocation: { uri: 'rendered/agent.yaml' }, region: { startLine: SEED.split('\n').length + 23, startColumn: 7 } },
          logicalLocations: [{ fullyQualifiedName: 'DaemonSet/privileged-daemonset/spec.template.spec.hostNetwork', kind: 'member' }],
        }],
      },
      expect.objectContaining({
        ruleId: 'host-process-relative-working-dir',
        ruleIndex: 1,
        level: 'warning',
        message: { text: expect.stringContaining('containerd 1.6 resolves it against the image\'s directory, 1.7+ against') },
        locations: [expect.objectContaining({ physicalLocation: { artifactLocation: { uri: 'rendered/cron%20job.yaml' }, region: { startLine: 18, startColumn: 15 } } })],
      }),
    ]);
    const rule = (r: any) => [r.id, r.shortDescription.text, r.help.text, r.defaultConfiguration.level, r.properties.provenance];
    expect(run.tool.driver.rules.map(rule)).toEqual([
      ['host-process-host-network', 'a pod with HostProcess containers must set hostNetwork: true',
        'set hostNetwork: true (HostProcess pods always use the host network); remove hostNetwork: false', 'error', 'api-server'],
      ['host-process-relative-working-dir', 'a relative workingDir resolves differently on containerd 1.6 and 1.7+',
        'start the path with $env:CONTAINER_SANDBOX_MOUNT_POINT\\ for the image, or change to a host directory in the command', 'warning', 'container-runtime'],
    ]);
    expect(run.invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [] }]);
  });

  test('an input that could not be checked is an error notification, and the run did not succeed', () => {
    const result = lint([input('broken.yaml', 'kind: Pod\nkind: Pod\n'), { file: 'gone.yaml', readError: 'no such file or directory' }], { format: 'sarif', all: false });
    const sarif = JSON.parse(result.stdout[0]);
    expect(sarif).toBeValidSarifLog();
    expect(result.exitCode).toBe(2);
    expect(sarif.runs[0].invocations).toEqual([{
      executionSuccessful: false,
      toolExecutionNotifications: [
        {
          level: 'error',
          message: { text: 'cdk8s-hostprocess lint: broken.yaml: document 1, line 2, column 1: not valid YAML: duplicated mapping key "kind"' },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'broken.yaml' }, region: { startLine: 2, startColumn: 1 } } }],
        },
        {
          level: 'error',
          message: { text: 'cdk8s-hostprocess lint: gone.yaml: no such file or directory' },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'gone.yaml' } } }],
        },
      ],
    }]);
  });

  test.each<[string, string]>([
    ['rendered/agent.yaml', 'rendered/agent.yaml'],
    ['./a b.yaml', 'a%20b.yaml'],
    ['dir\\win.yaml', 'dir/win.yaml'],
    ['/abs/x#1.yaml', 'file:///abs/x%231.yaml'],
    ['C:\\charts\\x.yaml', 'file:///C:/charts/x.yaml'],
    ['<stdin>', '%3Cstdin%3E'],
  ])('the file %s is the URI %s', (file, uri) => {
    expect(artifactUri(file)).toBe(uri);
  });

  // One rule, one ID: the same for every kind (the field path is no part of it), whatever the
  // message says, and distinct for distinct rules that share a field.
  test.each<[string, string, string]>([
    ['a DaemonSet', 'DaemonSet', 'spec: {selector: {}, template: {spec: %s}}'],
    ['a Pod', 'Pod', 'spec: %s'],
    ['a CronJob', 'CronJob', 'spec: {schedule: "* * * * *", jobTemplate: {spec: {template: {spec: %s}}}}'],
  ])('the rule of a finding in %s is the catalog rule', (_, kind, spec) => {
    const pod = '{os: {name: windows}, hostNetwork: true, hostPID: true, hostUsers: false, securityContext: {windowsOptions: {hostProcess: true}}, ' +
      'containers: [{name: a, image: b, securityContext: {runAsNonRoot: true}}]}';
    const result = lint([input('k.yaml', `kind: ${kind}\nmetadata: {name: agent}\n${spec.replace('%s', pod)}\n`)], { format: 'sarif', all: false });
    const run = JSON.parse(result.stdout[0]).runs[0];
    expect(run.results.map((r: any) => [r.ruleId, r.locations[0].logicalLocations[0].fullyQualifiedName.replace(/^.*?\/agent\/(spec\.jobTemplate\.spec\.template\.spec|spec\.template\.spec|spec)\./, '')])).toEqual([
      ['host-users-host-namespaces', 'hostNetwork'],
      ['host-users-host-namespaces', 'HostPID'],
      ['windows-pod-forbidden-field', 'hostUsers'],
      ['windows-pod-forbidden-field', 'hostPID'],
      ['host-process-run-as-non-root', 'containers[0].securityContext.runAsNonRoot'],
      ['host-process-no-run-as-user-name', 'containers[0].securityContext.windowsOptions.runAsUserName'],
      ['host-process-no-windows-node-selection', 'nodeSelector'],
    ]);
    expect(run.tool.driver.rules.map((r: any) => r.id)).toEqual([
      'host-users-host-namespaces', 'windows-pod-forbidden-field', 'host-process-run-as-non-root', 'host-process-no-run-as-user-name',
      'host-process-no-windows-node-selection',
    ]);
  });

  test('a finding of a rule not in the catalog is a bug: the SARIF renderer says so', () => {
    expect(() => sarifRule('no-such-rule')).toThrow('a finding of rule "no-such-rule", which is not in the catalog');
  });
});

describe('junit', () => {
  const parse = (xml: string) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: name => ['testsuite', 'testcase'].includes(name) }).parse(xml);

  test('a test case per checked object, failing with its errors; warnings in system-out; unreadable inputs are errors', () => {
    const result = lint([
      input('rendered/agent.yaml', `${SEED}---\n${HOST_NETWORK_FALSE}---\napiVersion: v1\nkind: Service\nmetadata: {name: svc}\n`),
      input('cron.yaml', CRON_JOB),
      input('broken.yaml', 'kind: Pod\nkind: Pod\n'),
    ], { format: 'junit', all: false });
    expect(result.stdout).toHaveLength(1);
    expect(XMLValidator.validate(result.stdout[0])).toBe(true);
    const xml = parse(result.stdout[0]);
    expect(xml.testsuites).toMatchObject({ name: 'cdk8s-hostprocess lint', tests: '4', failures: '1', errors: '1', skipped: '0' });
    const [agent, cron, broken] = xml.testsuites.testsuite;
    expect(agent).toMatchObject({ name: 'rendered/agent.yaml', tests: '2', failures: '1', errors: '0' });
    expect(agent.testcase[0]).toEqual({ classname: 'rendered/agent.yaml', name: 'document 1 DaemonSet/privileged-daemonset', file: 'rendered/agent.yaml', line: '1' });
    // A case per object and rule, at the line of its finding, with the line:column of each and the fix.
    const line = SEED.split('\n').length + 23;
    expect(agent.testcase[1]).toMatchObject({
      name: 'document 2 DaemonSet/privileged-daemonset host-process-host-network',
      line: String(line),
      failure: {
        'type': 'error',
        'message': `spec.template.spec.hostNetwork: ${HOST_NETWORK_MESSAGE}`,
        '#text': `${line}:7 spec.template.spec.hostNetwork: ${HOST_NETWORK_MESSAGE}\nfix: set hostNetwork: true (HostProcess pods always use the host network); remove hostNetwork: false`,
      },
    });
    expect(cron.testcase[0].name).toBe('document 1 CronJob/nightly host-process-relative-working-dir');
    expect(cron.testcase[0].failure).toBeUndefined();
    expect(cron.testcase[0]['system-out']).toMatch(/^18:15 spec\.jobTemplate\.spec\.template\.spec\.containers\[0\]\.workingDir: warning: relative path "scripts"/);
    expect(broken.testcase[0]).toMatchObject({
      name: 'document 1',
      error: { type: 'input', message: 'cdk8s-hostprocess lint: broken.yaml: document 1, line 2, column 1: not valid YAML: duplicated mapping key "kind"' },
    });
  });

  test('markup, control characters and unpaired surrogates in names stay well-formed XML', () => {
    const pod = PRIVILEGED_NO_OS.replace('metadata: {name: priv}', 'metadata: {name: "<a href=\'x\'>&\\x01\\uD800</a>"}');
    const result = lint([input('odd.yaml', pod)], { format: 'junit', all: false });
    expect(XMLValidator.validate(result.stdout[0])).toBe(true);
    expect(parse(result.stdout[0]).testsuites.testsuite[0].testcase[0].name).toBe('document 1 Pod/<a href=\'x\'>&\\x01\\ud800</a> host-process-windows-field-without-os');
  });
});

import '@microsoft/jest-sarif';
// Suppressions: ignore-check.hostprocess.cdk8s.io/<rule>: "<justification>" on an object, parsed in
// one place (rules/suppression.ts) and honoured by every output of the lint.
import { XMLParser } from 'fast-xml-parser';
import { LintOptions, lint } from '../../../src/core/cli/lint';
import { SUPPRESSION_PREFIX, parseSuppressions, suppressionAnnotation, suppressionKey } from '../../../src/core/rules/suppression';
import { CRON_JOB, NO_NODE_SELECTOR } from '../cli/manifests';

const KEY = (rule: string) => `${SUPPRESSION_PREFIX}${rule}`;

describe('parseSuppressions', () => {
  test.each<[string, unknown, [string, string][], [string, string, string][]]>([
    ['a rule with its justification', { [KEY('host-process-relative-working-dir')]: 'the image sets its own directory' },
      [['host-process-relative-working-dir', 'the image sets its own directory']], []],
    ['other annotations are left alone', { 'ignore-check.kube-linter.io/privileged': 'x', 'a': 'b' }, [], []],
    ['an empty justification suppresses, and is a finding', { [KEY('host-process-relative-working-dir')]: ' ' },
      [['host-process-relative-working-dir', '']],
      [['suppression-without-reason', `metadata.annotations[${KEY('host-process-relative-working-dir')}]`, 'rule host-process-relative-working-dir is suppressed without a justification']]],
    ['an unknown rule suppresses nothing and is a finding, with the ID meant', { [KEY('host-proces-host-network')]: 'x' }, [],
      [['suppression-unknown-rule', `metadata.annotations[${KEY('host-proces-host-network')}]`, 'no rule "host-proces-host-network" in the catalog (did you mean "host-process-host-network"?); the annotation suppresses nothing']]],
    ['a decoding rule cannot be suppressed', { [KEY('unknown-field')]: 'x' }, [],
      [['suppression-unknown-rule', `metadata.annotations[${KEY('unknown-field')}]`, 'rule unknown-field cannot be suppressed: the API server refuses the object before any other check']]],
    ['nor a suppression rule', { [KEY('suppression-without-reason')]: 'x' }, [],
      [['suppression-unknown-rule', `metadata.annotations[${KEY('suppression-without-reason')}]`, 'rule suppression-without-reason is about the suppression annotations themselves']]],
    ['annotations that are not a mapping are the decoder\'s to report', ['x'], [], []],
    ['a value that is not a string is the decoder\'s to report', { [KEY('host-port-mismatch')]: 3 }, [], []],
  ])('%s', (_, annotations, byRule, findings) => {
    const parsed = parseSuppressions(annotations, 'metadata.annotations');
    expect([...parsed.byRule]).toEqual(byRule);
    expect(parsed.findings.map(f => [f.rule, f.field, f.message.slice(0, findings.find(x => x[0] === f.rule)?.[2].length)]))
      .toEqual(findings.map(([rule, field, message]) => [rule, field, message]));
  });
});

describe('suppressionAnnotation (for code that writes the annotation)', () => {
  test('the key and the reason', () => {
    expect(suppressionAnnotation('host-process-relative-working-dir', 'the image sets it'))
      .toEqual({ key: 'ignore-check.hostprocess.cdk8s.io/host-process-relative-working-dir', value: 'the image sets it' });
    expect(suppressionKey('host-port-mismatch')).toBe('ignore-check.hostprocess.cdk8s.io/host-port-mismatch');
  });

  test.each<[string, string, string]>([
    ['host-proces-host-network', 'r', 'cannot acknowledge "host-proces-host-network": no rule "host-proces-host-network" in the catalog (did you mean "host-process-host-network"?)'],
    ['unknown-field', 'r', 'cannot acknowledge "unknown-field": rule unknown-field cannot be suppressed'],
    ['host-port-mismatch', '  ', 'cannot acknowledge host-port-mismatch without a reason: give why the rule does not apply'],
  ])('%s with %j is refused', (id, reason, message) => {
    expect(() => suppressionAnnotation(id, reason)).toThrow(message);
  });
});

// The CronJob's warning (a relative workingDir), acknowledged on the object's own metadata.
const ACKNOWLEDGED = CRON_JOB.replace('metadata: {name: nightly}',
  `metadata:\n  name: nightly\n  annotations:\n    ${KEY('host-process-relative-working-dir')}: "the image's entrypoint changes directory first"`);
const JUSTIFICATION = 'the image\'s entrypoint changes directory first';
const options = (format: LintOptions['format'], more: Partial<LintOptions> = {}): LintOptions => ({ format, all: false, ...more });

describe('the lint honours suppressions', () => {
  test('text: the suppressed finding is not printed, a line says how many were; exit 0 even with --fail-on warning', () => {
    const result = lint([{ file: 'cron.yaml', content: ACKNOWLEDGED }], options('text', { failOn: 'warning' }));
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toEqual(['cdk8s-hostprocess lint: 1 finding suppressed by ignore-check.hostprocess.cdk8s.io annotations (--format json lists them)']);
  });

  test('--summary: objects, findings by severity, suppressed', () => {
    const result = lint([{ file: 'cron.yaml', content: ACKNOWLEDGED }, { file: 'ds.yaml', content: NO_NODE_SELECTOR }], options('text', { summary: true }));
    expect(result.stdout).toHaveLength(2);
    expect(result.stdout[0]).toMatch(/^ds\.yaml:\d+:\d+: warning: DaemonSet\/privileged-daemonset spec\.template\.spec\.nodeSelector: /);
    expect(result.stdout[1]).toBe('cdk8s-hostprocess lint: 2 files read, 2 objects (2 checked): 0 errors, 1 warning, 1 suppressed');
    expect(result.summary).toEqual({ files: 2, skipped: 0, objects: 2, checked: 2, errors: 0, warnings: 1, suppressed: 1 });
  });

  test('json: the finding is there, marked suppressed with its justification; --summary adds an entry', () => {
    const entries = JSON.parse(lint([{ file: 'cron.yaml', content: ACKNOWLEDGED }], options('json', { summary: true })).stdout[0]);
    expect(entries).toEqual([
      expect.objectContaining({ type: 'finding', rule: 'host-process-relative-working-dir', suppressed: { justification: JUSTIFICATION } }),
      { type: 'summary', files: 1, skipped: 0, objects: 1, checked: 1, errors: 0, warnings: 0, suppressed: 1 },
    ]);
  });

  test('sarif: the result has an inSource suppression with the justification (SARIF 2.1.0 result.suppressions, checked against the schema)', () => {
    const log = JSON.parse(lint([{ file: 'cron.yaml', content: ACKNOWLEDGED }], options('sarif')).stdout[0]);
    expect(log).toBeValidSarifLog();
    expect(log.runs[0].results).toEqual([
      expect.objectContaining({ ruleId: 'host-process-relative-working-dir', suppressions: [{ kind: 'inSource', justification: JUSTIFICATION }] }),
    ]);
  });

  test('junit: the object and rule\'s test case is skipped with the justification, and does not fail even with --fail-on warning', () => {
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: name => ['testsuite', 'testcase'].includes(name) })
      .parse(lint([{ file: 'cron.yaml', content: ACKNOWLEDGED }], options('junit', { failOn: 'warning' })).stdout[0]);
    expect(xml.testsuites).toMatchObject({ tests: '1', failures: '0', skipped: '1' });
    expect(xml.testsuites.testsuite[0].testcase[0]).toMatchObject({
      name: 'document 1 CronJob/nightly host-process-relative-working-dir',
      skipped: { message: `suppressed by ${KEY('host-process-relative-working-dir')}: ${JUSTIFICATION}` },
    });
  });

  test('junit with --fail-on warning: an unsuppressed warning fails its case', () => {
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: name => ['testsuite', 'testcase'].includes(name) })
      .parse(lint([{ file: 'cron.yaml', content: CRON_JOB }], options('junit', { failOn: 'warning' })).stdout[0]);
    expect(xml.testsuites).toMatchObject({ tests: '1', failures: '1' });
    expect(xml.testsuites.testsuite[0].testcase[0].failure.type).toBe('warning');
  });

  test('a pod template\'s annotation suppresses too (every pod of the workload carries it)', () => {
    const templated = CRON_JOB.replace('        spec:\n          restartPolicy: Never',
      `        metadata:\n          annotations:\n            ${KEY('host-process-relative-working-dir')}: "checked"\n        spec:\n          restartPolicy: Never`);
    expect(templated).not.toBe(CRON_JOB);
    const [finding] = lint([{ file: 'cron.yaml', content: templated }], options('json')).findings;
    expect(finding).toMatchObject({ rule: 'host-process-relative-working-dir', suppressed: { justification: 'checked' } });
  });

  test('an empty justification suppresses and is a warning at the annotation; an unknown rule is a warning too', () => {
    const content = CRON_JOB.replace('metadata: {name: nightly}',
      `metadata:\n  name: nightly\n  annotations:\n    ${KEY('host-process-relative-working-dir')}: ""\n    ${KEY('no-such-rule')}: "why"`);
    const result = lint([{ file: 'cron.yaml', content }], options('text', { failOn: 'warning' }));
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toEqual([
      `cron.yaml:6:5: warning: CronJob/nightly metadata.annotations[${KEY('host-process-relative-working-dir')}]: rule host-process-relative-working-dir ` +
      'is suppressed without a justification; write why it does not apply to this object as the annotation\'s value [suppression-without-reason] ' +
      'fix: write why the rule does not apply to this object as the annotation\'s value',
      `cron.yaml:7:5: warning: CronJob/nightly metadata.annotations[${KEY('no-such-rule')}]: no rule "no-such-rule" in the catalog; the annotation suppresses nothing ` +
      '[suppression-unknown-rule] fix: name a rule that cdk8s-hostprocess rules lists (IDs are kebab-case and case-sensitive), or remove the annotation',
      'cdk8s-hostprocess lint: 1 finding suppressed by ignore-check.hostprocess.cdk8s.io annotations (--format json lists them)',
    ]);
  });

  test('the suppression rules can be excluded by configuration', () => {
    const content = CRON_JOB.replace('metadata: {name: nightly}', `metadata: {name: nightly, annotations: {${KEY('host-process-relative-working-dir')}: ""}}`);
    expect(lint([{ file: 'cron.yaml', content }], options('text', { exclude: ['suppression-without-reason'], failOn: 'warning' })).exitCode).toBe(0);
  });
});

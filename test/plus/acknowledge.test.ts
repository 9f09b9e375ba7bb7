// Synth-time warnings that can be acknowledged from code (workload.hostProcess.acknowledge, writing
// the lint's suppression annotation) and made fatal app-wide (HostProcessWarnings.failSynth).
import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import { HostProcessDaemonSet, HostProcessPod, HostProcessWarnings } from 'cdk8s-hostprocess';
import * as YAML from 'yaml';
import { lint } from '../../src/core/cli/lint';

const image = 'mcr.microsoft.com/windows/nanoserver:ltsc2022';
const RELATIVE = 'host-process-relative-working-dir';

/** A DaemonSet whose container has a relative workingDir: one warning, of rule RELATIVE. */
function agent(chart: Chart): HostProcessDaemonSet {
  return new HostProcessDaemonSet(chart, 'agent', { containers: [{ name: 'agent', image, workingDir: 'hpc' }] });
}

/** Synthesizes `chart`; the warnings printed, and the error if synth fails. */
function synth(chart: Chart): { manifests?: any[]; warnings: string[]; error?: string } {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    return { manifests: Testing.synth(chart), warnings: warn.mock.calls.map(a => String(a[0])) };
  } catch (e) {
    return { warnings: warn.mock.calls.map(a => String(a[0])), error: (e as Error).message };
  } finally {
    warn.mockRestore();
  }
}

test('without an acknowledgement the warning is printed, with its rule', () => {
  const chart = new Chart(Testing.app(), 'agents');
  agent(chart);
  const { warnings, error } = synth(chart);
  expect(error).toBeUndefined();
  expect(warnings).toEqual([expect.stringMatching(new RegExp(`^Warning: \\[agents/agent\\] spec\\.template\\.spec\\.containers\\[0\\]\\.workingDir: .*\\(rule ${RELATIVE}\\); fix: start the path with .*$`))]);
});

test('acknowledge() writes the suppression annotation on the workload and silences the warning at synth and in lint', () => {
  const chart = new Chart(Testing.app(), 'agents');
  agent(chart).hostProcess.acknowledge(RELATIVE, 'the image sets its own working directory');
  const { manifests, warnings, error } = synth(chart);
  expect([warnings, error]).toEqual([[], undefined]);
  expect(manifests![0].metadata.annotations).toEqual({ [`ignore-check.hostprocess.cdk8s.io/${RELATIVE}`]: 'the image sets its own working directory' });
  // The lint reads the same annotation: the finding is there, suppressed with the reason.
  const result = lint([{ file: 'agents.yaml', content: YAML.stringify(manifests![0]) }], { format: 'json', all: false });
  const findings = JSON.parse(result.stdout[0]);
  expect(findings.filter((f: any) => f.rule === RELATIVE).map((f: any) => f.suppressed)).toEqual([{ justification: 'the image sets its own working directory' }]);
  expect(result.exitCode).toBe(0);
});

test('an annotation written by a patch on the pod template acknowledges too, as the lint reads it', () => {
  const chart = new Chart(Testing.app(), 'agents');
  ApiObject.of(agent(chart)).addJsonPatch(JsonPatch.add('/spec/template/metadata/annotations', { [`ignore-check.hostprocess.cdk8s.io/${RELATIVE}`]: 'set by the image' }));
  expect(synth(chart).warnings).toEqual([]);
});

test('an acknowledgement without a reason written by a patch silences the rule but is itself a warning', () => {
  const chart = new Chart(Testing.app(), 'agents');
  ApiObject.of(agent(chart)).addJsonPatch(JsonPatch.add('/metadata/annotations', { [`ignore-check.hostprocess.cdk8s.io/${RELATIVE}`]: '' }));
  expect(synth(chart).warnings).toEqual([expect.stringMatching(
    new RegExp(`^Warning: \\[agents/agent\\] metadata\\.annotations\\[ignore-check\\.hostprocess\\.cdk8s\\.io/${RELATIVE}\\]: .*\\(rule suppression-without-reason\\); fix: .*$`))]);
});

test.each([
  ['an unknown rule, with the nearest ID', 'host-process-relative-workingdir', 'why', /^\[agents\/agent\] acknowledge: cannot acknowledge "host-process-relative-workingdir": no rule .* \(did you mean "host-process-relative-working-dir"\?\)/],
  ['an empty reason', RELATIVE, '  ', /^\[agents\/agent\] acknowledge: cannot acknowledge host-process-relative-working-dir without a reason: give why the rule does not apply/],
  ['an error', 'host-process-host-network', 'why', /^\[agents\/agent\] acknowledge: cannot acknowledge host-process-host-network: it is an error, not a warning .*; fix the field it names instead \(/],
])('acknowledge() refuses %s, naming the workload', (_what, rule, reason, message) => {
  const chart = new Chart(Testing.app(), 'agents');
  const workload = agent(chart);
  expect(() => workload.hostProcess.acknowledge(rule, reason)).toThrow(message);
  expect(synth(chart).manifests![0].metadata.annotations).toBeUndefined();
});

describe('HostProcessWarnings.failSynth', () => {
  test('makes an unacknowledged warning fail synth, saying how to acknowledge it', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'agents');
    agent(chart);
    HostProcessWarnings.failSynth(chart);
    const { warnings, error } = synth(chart);
    expect(warnings).toEqual([]);
    expect(error).toMatch(new RegExp(`\\[agents/agent\\] spec\\.template\\.spec\\.containers\\[0\\]\\.workingDir: .*\\(rule ${RELATIVE}\\); fix: .* \\(a warning, made an error by HostProcessWarnings\\.failSynth; acknowledge it with workload\\.hostProcess\\.acknowledge\\(ruleId, reason\\)`));
  });

  test('lets an acknowledged warning pass, and applies to every workload of the app, set before or after them', () => {
    const app = Testing.app();
    HostProcessWarnings.failSynth(app);
    const chart = new Chart(app, 'agents');
    agent(chart).hostProcess.acknowledge(RELATIVE, 'the image sets its own working directory');
    expect(synth(chart).error).toBeUndefined();
    new HostProcessPod(chart, 'pod', { containers: [{ name: 'agent', image, workingDir: '..\\x' }] });
    expect(synth(chart).error).toMatch(/\[agents\/pod\] spec\.containers\[0\]\.workingDir: .*\(a warning, made an error/);
  });

  test('leaves other apps alone', () => {
    HostProcessWarnings.failSynth(Testing.app());
    const chart = new Chart(Testing.app(), 'agents');
    agent(chart);
    const { warnings, error } = synth(chart);
    expect([error, warnings]).toEqual([undefined, [expect.stringContaining(RELATIVE)]]);
  });
});

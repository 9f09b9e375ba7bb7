// The rule cases (test/cases/<rule>/<case>.yaml) replayed through the constructs, on the line this
// jest project runs on: each case's spec is written into the HostProcess construct of its kind with
// an escape-hatch patch, and synth must report exactly the case's findings (errors fail synth,
// warnings are printed), since the synth-time checks run on the JSON as written.
import { ApiObject, Chart, Cron, JsonPatch, Testing } from 'cdk8s';
import {
  HostProcessCronJob, HostProcessDaemonSet, HostProcessDeployment, HostProcessJob, HostProcessPod,
} from 'cdk8s-hostprocess';
import { RULES } from '../../src/core/rules/catalog';
import { RuleCase, ruleCases } from '../util/cases';
import { LINE } from '../util/line';

const containers = [{ name: 'agent', image: 'mcr.microsoft.com/windows/nanoserver:ltsc2022' }];

/** The construct of each kind a case can be written with. */
const CONSTRUCTS: { [kind: string]: (chart: Chart) => unknown } = {
  Pod: c => new HostProcessPod(c, 'agent', { containers }),
  DaemonSet: c => new HostProcessDaemonSet(c, 'agent', { containers }),
  Deployment: c => new HostProcessDeployment(c, 'agent', { containers }),
  Job: c => new HostProcessJob(c, 'agent', { containers }),
  CronJob: c => new HostProcessCronJob(c, 'agent', { schedule: Cron.daily(), containers }),
};

/** Why a case is not replayed through a construct, if it is not. */
function notReplayed(c: RuleCase): string | undefined {
  if (CONSTRUCTS[c.manifest?.kind] === undefined) {
    return `no construct writes a ${c.manifest?.kind}`;
  }
  if (c.expect.some(f => f.rule === 'decode-type-mismatch' || f.rule === 'unknown-field')) {
    return 'a manifest the API server cannot decode: the typed classes of a line cannot write it';
  }
  if (c.expect.some(f => f.field.startsWith('metadata.'))) {
    return 'a finding on the object\'s own metadata, which the construct names itself';
  }
  return undefined;
}

const FINDING = /^\s*(?:Warning: )?\[[^\]]*\] (.*) \(rule ([a-z0-9-]+)\)(?:; fix: .*)?$/;

/** Synthesizes `c`'s spec (and, for a Pod, its annotations) written into the construct of its kind. */
function replay(c: RuleCase): { errors: string[]; warnings: string[] } {
  const chart = new Chart(Testing.app(), 'agents');
  const apiObject = ApiObject.of(CONSTRUCTS[c.manifest.kind](chart) as any);
  apiObject.addJsonPatch(JsonPatch.replace('/spec', c.manifest.spec));
  if (c.manifest.kind === 'Pod' && c.manifest.metadata?.annotations !== undefined) {
    apiObject.addJsonPatch(JsonPatch.add('/metadata/annotations', c.manifest.metadata.annotations));
  }
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    Testing.synth(chart);
    return { errors: [], warnings: warn.mock.calls.map(a => String(a[0])) };
  } catch (e) {
    return { errors: (e as Error).message.split('\n').slice(1), warnings: warn.mock.calls.map(a => String(a[0])) };
  } finally {
    warn.mockRestore();
  }
}

/** A synth line as `{rule, text}`, `text` being `<field>: <message>`. */
const parsed = (line: string) => {
  const m = FINDING.exec(line);
  return m ? { rule: m[2], text: m[1] } : { rule: '?', text: line };
};

/** The value at a field path as findings write it (`spec.containers[0].name`). */
const valueAt = (json: any, field: string) =>
  field.replace(/\[([^\]]+)\]/g, '.$1').split('.').reduce((o, k) => o?.[k], json);

const cases = ruleCases();
const replayed = cases.filter(c => notReplayed(c) === undefined);

test('the cases replayed through the constructs, and why the others are not', () => {
  const skipped = cases.filter(c => notReplayed(c) !== undefined).map(c => `${c.file}: ${notReplayed(c)}`);
  console.log(`rule cases through the constructs on cdk8s-plus-${LINE}: ${replayed.length} of ${cases.length} replayed\n  ${skipped.join('\n  ')}`);
  expect(replayed.length).toBeGreaterThan(cases.length * 0.8);
});

describe.each(replayed)('$file', (c) => {
  test('synth reports exactly the expected findings: errors fail it, warnings are printed', () => {
    const { errors, warnings } = replay(c);
    const dropped = errors.map(parsed).filter(f => f.rule === 'escape-hatch-field-dropped');
    if (dropped.length > 0) {
      // A field of the case that this line's typed classes cannot write: synth says so, never
      // silently, naming a field the case's manifest has; its other findings are about a manifest
      // this line cannot write.
      for (const f of dropped) {
        expect([f.text, valueAt(c.manifest, f.text.slice(0, f.text.indexOf(': ')))]).not.toEqual([f.text, undefined]);
      }
      return;
    }
    const expected = (severity: string) => c.expect.filter(f => RULES.get(f.rule)!.severity === severity)
      .map(f => ({ rule: f.rule, text: `${f.field}: ${f.message}` }));
    expect(errors.map(parsed)).toEqual(expected('error'));
    expect(warnings.map(parsed)).toEqual(expected('warning'));
  });
});

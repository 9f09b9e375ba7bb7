// Rule cases as data (test/cases/<rule>/<case>.yaml, see its README): each replayed through the
// engine and the lint command, which must report exactly the expected findings.
import { lint } from '../../src/core/cli/lint';
import { KUBERNETES_VERSIONS } from '../../src/core/k8s/api-types';
import { RULES } from '../../src/core/rules/catalog';
import { HostProcessValidator } from '../../src/core/validation/validator';
import { ruleCases } from '../util/cases';

const cases = ruleCases();

/** Rules no manifest case can show, and where they are tested instead. */
const NOT_FROM_A_MANIFEST: { [rule: string]: string } = {
  'pod-security-level': 'needs the namespace declared in the same app: test/plus/namespace.test.ts',
  'host-process-node-selector-os': 'a construct prop: test/plus/intent.test.ts',
  'host-process-windows-build-conflict': 'a construct prop: test/plus/intent.test.ts',
  'escape-hatch-field-dropped': 'what a cdk8s-plus line\'s typed classes drop of a construct\'s patch: test/plus/written-json.test.ts, test/core/convert/convert.test.ts',
  'suppression-without-reason': 'the lint\'s own, about its ignore-check annotations (not the engine\'s): test/core/rules/suppression.test.ts',
  'suppression-unknown-rule': 'the lint\'s own, about its ignore-check annotations (not the engine\'s): test/core/rules/suppression.test.ts',
};

// A case expects a finding of its folder's rule, or none at all: then it shows what the rule accepts.
test('every case is well formed, in the folder of a rule it expects (or of a rule it shows passing)', () => {
  expect(cases.length).toBeGreaterThan(0);
  for (const c of cases) {
    expect([c.file, RULES.has(c.rule), typeof c.description, c.kubernetes, (typeof c.apiServer === 'string' ? [c.apiServer] : Object.values(c.apiServer)).every(v => ['accepts', 'rejects'].includes(v))])
      .toEqual([c.file, true, 'string', ['v1.35.4', ...KUBERNETES_VERSIONS].includes(c.kubernetes) ? c.kubernetes : 'v1.35.4 or a release of the API types', true]);
    expect([c.file, c.expect.length === 0 || c.expect.some(f => f.rule === c.rule)]).toEqual([c.file, true]);
  }
});

test('every catalog rule has a case, or a reason it has none', () => {
  const covered = new Set(cases.filter(c => c.expect.some(f => f.rule === c.rule)).map(c => c.rule));
  expect([...RULES.keys()].filter(id => !covered.has(id) && !NOT_FROM_A_MANIFEST[id])).toEqual([]);
  expect(Object.keys(NOT_FROM_A_MANIFEST).filter(id => !RULES.has(id) || covered.has(id))).toEqual([]);
});

describe.each(cases)('$file', (c) => {
  test('lint reports exactly the expected findings', () => {
    // A case of the API types' rules (decoding) is linted with its release's types.
    const kubernetesVersion = KUBERNETES_VERSIONS.includes(c.kubernetes) ? c.kubernetes : undefined;
    const result = lint([{ file: c.file, content: JSON.stringify(c.manifest) }], { format: 'json', all: false, kubernetesVersion });
    const findings = JSON.parse(result.stdout[0]).map((f: any) => ({ rule: f.rule, field: f.field, message: f.message }));
    expect(findings).toEqual(c.expect);
    expect(result.exitCode).toBe(c.expect.some(f => RULES.get(f.rule)!.severity === 'error') ? 1 : 0);
  });

  // The engine has no decoder: a manifest the API server cannot decode is lint's alone.
  if (!c.expect.some(f => f.rule === 'decode-type-mismatch' || f.rule === 'unknown-field')) {
    test('the engine reports exactly the expected findings, with each rule\'s severity and remediation', () => {
      const findings = HostProcessValidator.validateManifest(c.manifest);
      expect(findings.map(f => ({ rule: f.rule, field: f.field, message: f.message }))).toEqual(c.expect);
      for (const f of findings) {
        expect([f.severity, f.remediation]).toEqual([RULES.get(f.rule)!.severity, RULES.get(f.rule)!.remediation]);
      }
    });
  }
});

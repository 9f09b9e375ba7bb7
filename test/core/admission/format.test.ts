// The policy's CEL with line breaks (format.ts): every line of the synthesized policies is short,
// and each formatted expression is the same program as the unformatted one.
import { parse, run } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { CORPUS_OPTIONS, STRICT_OPTIONS } from './corpus';
import { formatCel, WIDTH } from '../../../src/core/admission/format';
import { hostProcessAdmissionPolicy } from '../../../src/core/admission/policy';

function expressions(policy: any): string[] {
  return [
    ...policy.spec.matchConditions.map((c: any) => c.expression),
    ...policy.spec.variables.map((v: any) => v.expression),
    ...policy.spec.validations.flatMap((v: any) => [v.expression, v.messageExpression]),
  ];
}

test('every line of every expression is at most about WIDTH characters (issue 23: lines of 7,800)', () => {
  for (const options of [CORPUS_OPTIONS, STRICT_OPTIONS]) {
    const m = hostProcessAdmissionPolicy(options);
    const lines = [m.policy, m.warningPolicy].filter(p => p).flatMap(expressions).flatMap(e => e.split('\n'));
    expect(lines.length).toBeGreaterThan(300);
    // A line may pass WIDTH by what cannot be broken: a path, or a regular expression's literal.
    expect(Math.max(...lines.map(l => l.length))).toBeLessThanOrEqual(WIDTH + 30);
    expect(lines.filter(l => l.length > WIDTH).length).toBeLessThan(lines.length / 50);
  }
});

test.each<[string, string]>([
  ['a conditional', `x == 1 ? '${'a'.repeat(60)}' : x == 2 ? '${'b'.repeat(60)}' : 'c'`],
  ['a long literal, split at spaces', `'${'word '.repeat(60)}end'`],
  ['operators and brackets', `[${Array.from({ length: 30 }, (_, i) => `'item ${i}'`).join(', ')}].exists(s, s == 'item 3' || s.startsWith('it\\'s ${'z'.repeat(80)}'))`],
])('%s keeps its value', (_, expression) => {
  const formatted = formatCel(expression);
  expect(formatted).not.toBe(expression);
  expect(formatted.split('\n').every(l => l.length <= WIDTH)).toBe(true);
  for (const x of [1n, 2n, 3n]) {
    expect(run(formatted, { x }, { funcs: strings })).toEqual(run(expression, { x }, { funcs: strings }));
  }
  expect(() => parse(formatted)).not.toThrow();
});

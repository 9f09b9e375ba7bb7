// The rules catalog: one entry per rule, stable kebab-case IDs, and every rule reported by some
// code path (the code names rules by a type the catalog defines, so a finding of an unknown rule
// does not compile).
import * as fs from 'fs';
import * as path from 'path';
import { RULES, Rule, catalog, ruleMessage } from '../../../src/core/rules/catalog';

const SRC = path.join(__dirname, '..', '..', '..', 'src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [fs.readFileSync(path.join(dir, e.name), 'utf8')] : []);
}

const rule = (id: string): Rule => ({ id, severity: 'error', provenance: 'library', description: 'd', remediation: 'r', sources: [] });

test('refuses a duplicate ID, naming it', () => {
  expect(() => catalog([rule('a-rule'), rule('b-rule'), rule('a-rule')])).toThrow('rule ID "a-rule" is in the catalog twice');
});

test.each(['Upper-case', 'under_score', '-leading', 'trailing-', 'x'.repeat(64), ''])('refuses the ID %j', id => {
  expect(() => catalog([rule(id)])).toThrow(`rule ID ${JSON.stringify(id)} is not kebab-case of at most 63 characters`);
});

test('every rule has a one-line description and remediation, and sources', () => {
  for (const r of RULES.values()) {
    expect([r.id, r.description.includes('\n'), r.remediation.includes('\n'), r.description.length > 0, r.remediation.length > 0, r.sources.length > 0])
      .toEqual([r.id, false, false, true, true, true]);
  }
});

test('every rule in the catalog is reported somewhere in src/ (no rule without a check)', () => {
  const code = sources(SRC).join('\n');
  const unused = [...RULES.keys()].filter(id => !code.includes(`finding('${id}'`));
  expect(unused).toEqual([]);
});

test('a rule\'s fixed words come from the catalog; asking for those of a rule without them is a bug', () => {
  expect(ruleMessage('host-process-host-network')).toBe('hostNetwork must be true if pod contains any hostProcess containers');
  expect(() => ruleMessage('host-port-duplicate')).toThrow('rule host-port-duplicate has no fixed message');
});

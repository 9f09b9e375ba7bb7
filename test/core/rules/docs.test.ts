import * as fs from 'fs';
import * as path from 'path';
import { sarifRule } from '../../../src/core/cli/format';
import { RULES } from '../../../src/core/rules/catalog';
import { rulesJson, rulesMarkdown, rulesText } from '../../../src/core/rules/docs';

const DOC = path.join(__dirname, '..', '..', '..', 'docs', 'rules.md');

test('docs/rules.md is the catalog as written now (npx projen docs:rules rewrites it)', () => {
  expect(fs.readFileSync(DOC, 'utf8')).toBe(rulesMarkdown());
});

test('every rule has a section whose anchor is its ID, and a row in the index that links to it', () => {
  const doc = rulesMarkdown();
  for (const id of RULES.keys()) {
    expect([id, doc.includes(`\n## ${id}\n`), doc.includes(`| [${id}](#${id}) |`)]).toEqual([id, true, true]);
  }
});

test('a rule\'s section holds its severity, who enforces it, its fix, message and sources', () => {
  const doc = rulesMarkdown();
  const section = doc.slice(doc.indexOf('\n## host-process-host-network\n'), doc.indexOf('\n## ', doc.indexOf('\n## host-process-host-network\n') + 1));
  expect(section).toContain('- **Severity:** error (fails synth and lint)');
  expect(section).toContain('- **Who enforces it:** the API server refuses the object');
  expect(section).toContain('- **Message:** `hostNetwork must be true if pod contains any hostProcess containers`');
  expect(section).toContain(`- **Fix:** ${RULES.get('host-process-host-network')!.remediation}`);
  expect(section).toContain('validateWindowsHostProcessPod');
});

test('the text and JSON lists hold every rule in catalog order', () => {
  expect(rulesJson().map(r => r.id)).toEqual([...RULES.keys()]);
  const text = rulesText();
  const firstLines = text.split('\n').filter(l => !l.startsWith(' '));
  expect(firstLines.map(l => l.split(' ')[0])).toEqual([...RULES.keys()]);
  expect(text).toContain(`fix: ${RULES.get('host-process-host-network')!.remediation}`);
});

test('SARIF links each rule to its entry in docs/rules.md', () => {
  for (const id of RULES.keys()) {
    const uri = sarifRule(id).helpUri;
    expect(uri).toBe(`https://github.com/cdk8s-hostprocess/cdk8s-hostprocess/blob/main/docs/rules.md#${id}`);
    expect(rulesMarkdown()).toContain(`\n## ${uri.slice(uri.indexOf('#') + 1)}\n`);
  }
});

// The catalog for users: every rule as text (the `rules` command), as JSON, and as the checked-in
// docs/rules.md, all written from the catalog and nothing else.
import { Provenance, RULES, Rule } from './catalog';

const WHO: { [p in Provenance]: string } = {
  'api-server': 'the API server refuses the object',
  'kubelet': 'the kubelet on the node',
  'container-runtime': 'the container runtime on the node (containerd, hcsshim)',
  'library': 'the library only (from the Kubernetes HostProcess documentation; nothing in the cluster checks it)',
};

/** The rules in catalog order, as plain objects (the `rules --format json` output). */
export function rulesJson(rules: ReadonlyMap<string, Rule> = RULES): Rule[] {
  return [...rules.values()].map(r => ({ ...r }));
}

/** One line per rule: ID, severity, provenance and description; then its remediation. */
export function rulesText(rules: ReadonlyMap<string, Rule> = RULES): string {
  const width = Math.max(...[...rules.keys()].map(id => id.length));
  return [...rules.values()].map(r =>
    `${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.provenance.padEnd(17)}  ${r.description}\n${' '.repeat(width + 2)}fix: ${r.remediation}`,
  ).join('\n');
}

/** The anchor of a rule's entry in docs/rules.md (its ID: a heading of kebab-case words). */
export function ruleAnchor(id: string): string {
  return `docs/rules.md#${id}`;
}

/** docs/rules.md: an index table, then one section per rule. */
export function rulesMarkdown(rules: ReadonlyMap<string, Rule> = RULES): string {
  const lines = [
    '<!-- Generated from src/core/rules/catalog.ts by `npx projen docs:rules`; do not edit. -->',
    '# Rules',
    '',
    'Every check of the synth-time validation, the `lint` command and the admission policy\'s warnings,',
    'in the order the API server reports them. The ID is stable and the same for every workload kind;',
    '`cdk8s-hostprocess rules` prints this list.',
    '',
    '| ID | Severity | Who enforces it | Description |',
    '| --- | --- | --- | --- |',
    ...[...rules.values()].map(r => `| [${r.id}](#${r.id}) | ${r.severity} | ${r.provenance} | ${cell(r.description)} |`),
    '',
  ];
  for (const r of rules.values()) {
    lines.push(
      `## ${r.id}`,
      '',
      `${r.description}.`,
      '',
      ...(r.rationale === undefined ? [] : [r.rationale, '']),
      `- **Severity:** ${r.severity}${r.severity === 'error' ? ' (fails synth and lint)' : ' (reported; synth and lint pass)'}`,
      `- **Who enforces it:** ${WHO[r.provenance]}`,
      ...(r.message === undefined ? [] : [`- **Message:** \`${r.message}\``]),
      `- **Fix:** ${r.remediation}`,
      ...(r.kubernetes === undefined ? [] : [`- **Read from:** Kubernetes ${r.kubernetes}${r.since === undefined ? '' : `; enforced from ${r.since} (earlier releases' default feature gates do not)`}`]),
      ...(r.cannotSuppress === undefined ? [] : [`- **Cannot be excluded or suppressed:** ${r.cannotSuppress}`]),
      `- **Sources:** ${r.sources.map(s => (s.startsWith('http') ? `<${s}>` : `\`${s}\``)).join('; ')}`,
      '',
    );
  }
  return lines.join('\n');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

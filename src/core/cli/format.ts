// How the lint command prints what it found: text lines that are safe to show in a terminal or a
// CI log, and a JSON document that is always one valid document.
import type { FailOn } from './config';
import type { CheckedObject, LintFinding, LintProblem, LintSummary } from './report';
import { RULES } from '../rules/catalog';
import { ruleAnchor } from '../rules/docs';
import { SUPPRESSION_PREFIX as SUPPRESSION_ANNOTATION } from '../rules/suppression';

/** The name the command reports itself by. */
export const COMMAND = 'cdk8s-hostprocess lint';

/** The most characters of one value (a name, a quoted value in a message) the output repeats. */
export const MAX_VALUE_CHARS = 300;

/** The most characters of one message the output prints. */
export const MAX_MESSAGE_CHARS = 2000;

/** `s`, or its first `max` characters and `…(N more characters)`. */
export function clip(s: string, max: number = MAX_VALUE_CHARS): string {
  if (s.length <= max) {
    return s;
  }
  // Not between the two halves of a surrogate pair.
  const end = isHighSurrogate(s.charCodeAt(max - 1)) ? max - 1 : max;
  return `${s.slice(0, end)}…(${s.length - end} more characters)`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

// A Go-quoted value in a message (`Invalid value: "..."`): Go's %q escapes everything but `"`
// and `\` inside, so the first unescaped `"` ends it.
const QUOTED = /"(?:[^"\\]|\\.)*"/g;

/** A message with each long quoted value cut, and then the message itself if still too long. */
export function clipMessage(message: string): string {
  const cut = message.length > MAX_VALUE_CHARS
    ? message.replace(QUOTED, q => (q.length > MAX_VALUE_CHARS + 2 ? `"${clip(q.slice(1, -1))}"` : q))
    : message;
  return clip(cut, MAX_MESSAGE_CHARS);
}

// Control characters (C0, DEL, C1), line and paragraph separators, and the bidirectional controls
// that can make a terminal show text other than what is there.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: { readonly [ch: string]: string } = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** `s` with control characters written as escapes (`\n`, `\x1b`, `\u202e`), so it is one plain line. */
export function escapeControl(s: string): string {
  return s.replace(UNSAFE, ch => {
    const code = ch.charCodeAt(0);
    return NAMED[ch] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
  });
}

/** A finding as the output shows it: long values cut. */
export function presentFinding(f: LintFinding): LintFinding {
  return {
    file: f.file,
    document: f.document,
    line: f.line,
    column: f.column ?? 1,
    objectLine: f.objectLine ?? f.line,
    kind: clip(f.kind),
    name: clip(f.name),
    rule: f.rule,
    field: clip(f.field, MAX_MESSAGE_CHARS),
    message: clipMessage(f.message),
    severity: f.severity,
    remediation: f.remediation,
    ...(f.suppressed === undefined ? {} : { suppressed: { justification: clipMessage(f.suppressed.justification) } }),
  };
}

/**
 * `file:line:column: severity: kind/name field: message [rule] fix: remediation`, as compilers
 * write it (editors and CI problem matchers jump to the line), the line and column of the field.
 */
export function formatLintFinding(finding: LintFinding): string {
  const f = presentFinding(finding);
  return escapeControl(`${f.file}:${f.line}:${f.column}: ${f.severity}: ${f.kind}/${f.name} ${f.field}: ${f.message} [${f.rule}] fix: ${f.remediation}`);
}

function plural(n: number, one: string, many: string = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The text output's line for findings suppressed by annotations (which it does not print). */
export function formatSuppressedCount(suppressed: number): string {
  return `${COMMAND}: ${plural(suppressed, 'finding')} suppressed by ignore-check.hostprocess.cdk8s.io annotations (--format json lists them)`;
}

/** `--summary`: files, objects, findings by severity and suppressed, in one line. */
export function formatSummary(s: LintSummary): string {
  return `${COMMAND}: ${plural(s.files, 'file')} read${s.skipped > 0 ? ` (${s.skipped} skipped)` : ''}, ` +
    `${plural(s.objects, 'object')} (${s.checked} checked): ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${s.suppressed} suppressed`;
}

/** `cdk8s-hostprocess lint: file: document N, line L, column C: message`, the location as known. */
export function formatLintProblem(p: LintProblem, command: string = COMMAND): string {
  const where = [
    p.document !== undefined ? `document ${p.document}` : undefined,
    p.line !== undefined ? `line ${p.line}` : undefined,
    p.column !== undefined ? `column ${p.column}` : undefined,
  ].filter(w => w !== undefined);
  return escapeControl(`${command}: ${p.file}: ${where.length > 0 ? `${where.join(', ')}: ` : ''}${clipMessage(p.message)}`);
}

/** One entry of the JSON output. */
export type JsonEntry =
  | ({ readonly type: 'finding' } & LintFinding)
  | ({ readonly type: 'summary' } & LintSummary)
  | ({ readonly type: 'input'; readonly severity: 'error' } & LintProblem)
  | ({ readonly type: 'skipped'; readonly severity: 'note' } & LintProblem)
  | { readonly type: 'usage' | 'internal'; readonly message: string; readonly severity: 'error' };

/**
 * The JSON output: an array of the findings (`type: "finding"`), then the inputs or documents
 * that could not be checked (`type: "input"`, with `document`, `line` and `column` when known),
 * then the folder entries skipped on purpose (`type: "skipped"`).
 */
export function renderJson(findings: LintFinding[], problems: LintProblem[], notices: LintProblem[] = [], summary?: LintSummary): string {
  const entries: JsonEntry[] = [];
  for (const f of findings) {
    entries.push({ type: 'finding', ...presentFinding(f) });
  }
  for (const p of problems) {
    entries.push({ type: 'input', file: p.file, document: p.document, line: p.line, column: p.column, message: clipMessage(p.message), severity: 'error' });
  }
  for (const n of notices) {
    entries.push({ type: 'skipped', file: n.file, message: clipMessage(n.message), severity: 'note' });
  }
  if (summary !== undefined) {
    entries.push({ type: 'summary', ...summary });
  }
  return JSON.stringify(entries, undefined, 2);
}

/** The JSON output of a usage error (`type: "usage"`) or a failure of the command (`type: "internal"`). */
export function renderJsonError(type: 'usage' | 'internal', message: string): string {
  const entries: JsonEntry[] = [{ type, message: clipMessage(message), severity: 'error' }];
  return JSON.stringify(entries, undefined, 2);
}

/** Where the project is documented, for the SARIF tool and its rules. */
const REPOSITORY_URI = 'https://github.com/cdk8s-hostprocess/cdk8s-hostprocess';
export const INFORMATION_URI = `${REPOSITORY_URI}#lint-existing-manifests`;

/** A path as a SARIF artifact URI: relative paths stay relative (to the repository root, for GitHub). */
export function artifactUri(file: string): string {
  const slashed = file.replace(/\\/g, '/');
  const encoded = slashed.split('/').map(encodeURIComponent).join('/');
  if (/^[A-Za-z]:\//.test(slashed)) {
    return `file:///${slashed.slice(0, 2)}${encoded.slice(encoded.indexOf('/'))}`;
  }
  return slashed.startsWith('/') ? `file://${encoded}` : encoded.replace(/^(\.\/)+/, '');
}

function physicalLocation(file: string, line: number | undefined, column?: number) {
  const region = line !== undefined ? { region: { startLine: line, ...(column !== undefined ? { startColumn: column } : {}) } } : {};
  return { physicalLocation: { artifactLocation: { uri: artifactUri(file) }, ...region } };
}

/** A catalog rule as a SARIF reportingDescriptor: its ID, description, remediation and provenance. */
export function sarifRule(id: string) {
  const rule = RULES.get(id);
  if (rule === undefined) {
    throw new Error(`a finding of rule ${JSON.stringify(id)}, which is not in the catalog`);
  }
  return {
    id: rule.id,
    shortDescription: { text: rule.description },
    help: { text: rule.remediation },
    // The rule's entry in docs/rules.md (written from the catalog), in the repository.
    helpUri: `${REPOSITORY_URI}/blob/main/${ruleAnchor(rule.id)}`,
    defaultConfiguration: { level: rule.severity },
    properties: { provenance: rule.provenance, sources: rule.sources },
  };
}

/**
 * SARIF 2.1.0, as GitHub code scanning reads it: a rule per catalog rule that has findings (its
 * stable ID, description and remediation), each result at the line and column of its field (where
 * its object starts when the field's is not known), its message the finding's, a suppressed one
 * with its suppression; the inputs that could not be checked are error notifications of the
 * invocation, which then did not succeed.
 */
export function renderSarif(findings: LintFinding[], problems: LintProblem[]): string {
  const rules: ReturnType<typeof sarifRule>[] = [];
  const ruleIndex = new Map<string, number>();
  const results = [];
  for (const finding of findings) {
    const f = presentFinding(finding);
    const rule = { id: f.rule };
    let index = ruleIndex.get(rule.id);
    if (index === undefined) {
      index = rules.length;
      ruleIndex.set(rule.id, index);
      rules.push(sarifRule(rule.id));
    }
    results.push({
      ruleId: rule.id,
      ruleIndex: index,
      level: f.severity,
      message: { text: `${f.kind}/${f.name} ${f.field}: ${f.message}` },
      locations: [{
        ...physicalLocation(f.file, f.line, f.column),
        logicalLocations: [{ fullyQualifiedName: `${f.kind}/${f.name}/${f.field}`, kind: 'member' }],
      }],
      // SARIF 2.1.0 result.suppressions: an inSource suppression (the annotation) with its justification.
      ...(f.suppressed === undefined ? {} : { suppressions: [{ kind: 'inSource', justification: f.suppressed.justification }] }),
    });
  }
  const notifications = problems.map(p => ({
    level: 'error',
    message: { text: formatLintProblem(p) },
    locations: [physicalLocation(p.file, p.line, p.column)],
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: COMMAND, informationUri: INFORMATION_URI, rules } },
      invocations: [{ executionSuccessful: problems.length === 0, toolExecutionNotifications: notifications }],
      results,
    }],
  };
  return JSON.stringify(log, undefined, 2);
}

// XML 1.0 has no place for most control characters nor for unpaired surrogates.
const NOT_XML = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ufffe\uffff]/g;
const XML_ENTITIES: { readonly [ch: string]: string } = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text safe in XML content and attributes: controls escaped as in the text output, markup as entities. */
export function xmlText(s: string): string {
  return escapeControl(s)
    .replace(NOT_XML, ch => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/[&<>"']/g, ch => XML_ENTITIES[ch]);
}

/**
 * JUnit XML, as GitLab and Jenkins read it: a test suite per file, and per checked object a test
 * case for each rule it has findings of (`document 1 DaemonSet/agent host-process-host-network`,
 * with the file and the line of the first finding), failing with its findings when they fail the
 * run (errors; warnings too with `failOn` warning), skipped with the justification when an
 * annotation suppresses the rule, passing otherwise (warnings in `system-out`); an object without
 * findings is one passing case (`document 1 DaemonSet/agent`). An input or document that could not
 * be checked is a test case with an error.
 */
export function renderJunit(checked: CheckedObject[], findings: LintFinding[], problems: LintProblem[], failOn: FailOn = 'error'): string {
  const key = (file: string, document: number, line: number) => `${file}\u0000${document}\u0000${line}`;
  const byObject = new Map<string, LintFinding[]>();
  for (const f of findings) {
    const k = key(f.file, f.document, f.objectLine ?? f.line);
    const list = byObject.get(k);
    if (list) list.push(f); else byObject.set(k, [f]);
  }
  interface Case { readonly xml: string; readonly failed: boolean; readonly error: boolean; readonly skipped: boolean }
  const suites = new Map<string, Case[]>();
  const add = (file: string, c: Case) => {
    const list = suites.get(file);
    if (list) list.push(c); else suites.set(file, [c]);
  };
  const fails = (f: LintFinding) => f.severity === 'error' || failOn === 'warning';
  for (const o of checked) {
    const object = `document ${o.document} ${clip(o.kind)}/${clip(o.name)}`;
    const own = byObject.get(key(o.file, o.document, o.line)) ?? [];
    if (own.length === 0) {
      add(o.file, { xml: `    <testcase classname="${xmlText(o.file)}" name="${xmlText(object)}" file="${xmlText(o.file)}" line="${o.line}" />`, failed: false, error: false, skipped: false });
      continue;
    }
    const byRule = new Map<string, LintFinding[]>();
    for (const f of own) {
      const list = byRule.get(f.rule);
      if (list) list.push(f); else byRule.set(f.rule, [f]);
    }
    for (const [rule, list] of byRule) {
      const shown = list.map(presentFinding);
      const attrs = `classname="${xmlText(o.file)}" name="${xmlText(`${object} ${rule}`)}" file="${xmlText(o.file)}" line="${shown[0].line}"`;
      const text = (f: LintFinding) => `${f.line}:${f.column} ${f.field}: ${f.severity === 'warning' ? 'warning: ' : ''}${f.message}`;
      let body: string;
      let failed = false;
      let skipped = false;
      if (shown[0].suppressed !== undefined) {
        skipped = true;
        const why = `suppressed by ${SUPPRESSION_ANNOTATION}${rule}: ${shown[0].suppressed.justification || '(no justification)'}`;
        body = `\n      <skipped message="${xmlText(why)}" />\n      <system-out>${shown.map(f => xmlText(text(f))).join('\n')}</system-out>`;
      } else if (shown.some(fails)) {
        failed = true;
        const summary = shown.length === 1 ? `${shown[0].field}: ${shown[0].message}` : `${shown.length} findings`;
        body = `\n      <failure type="${shown[0].severity}" message="${xmlText(summary)}">${shown.map(f => xmlText(text(f))).join('\n')}\nfix: ${xmlText(shown[0].remediation)}</failure>`;
      } else {
        body = `\n      <system-out>${shown.map(f => xmlText(text(f))).join('\n')}</system-out>`;
      }
      add(o.file, { xml: `    <testcase ${attrs}>${body}\n    </testcase>`, failed, error: false, skipped });
    }
  }
  for (const p of problems) {
    const where = p.document !== undefined ? `document ${p.document}` : 'input';
    const attrs = `classname="${xmlText(p.file)}" name="${xmlText(where)}" file="${xmlText(p.file)}"${p.line !== undefined ? ` line="${p.line}"` : ''}`;
    const line = formatLintProblem(p);
    add(p.file, { xml: `    <testcase ${attrs}>\n      <error type="input" message="${xmlText(line)}">${xmlText(line)}</error>\n    </testcase>`, failed: false, error: true, skipped: false });
  }
  const count = (cases: Case[]) =>
    `tests="${cases.length}" failures="${cases.filter(c => c.failed).length}" errors="${cases.filter(c => c.error).length}" skipped="${cases.filter(c => c.skipped).length}"`;
  const all = [...suites.values()].flat();
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="${COMMAND}" ${count(all)}>`];
  for (const [file, cases] of suites) {
    lines.push(`  <testsuite name="${xmlText(file)}" ${count(cases)}>`);
    for (const c of cases) lines.push(c.xml);
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return lines.join('\n');
}

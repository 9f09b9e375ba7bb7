// How the lint command prints what it found: text lines that are safe to show in a terminal or a
// CI log, and a JSON document that is always one valid document.
import type { LintFinding, LintProblem } from './lint';

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
    kind: clip(f.kind),
    name: clip(f.name),
    field: clip(f.field, MAX_MESSAGE_CHARS),
    message: clipMessage(f.message),
    severity: f.severity,
  };
}

/** `file:document kind/name field: message`, with `warning: ` before the message of a warning. */
export function formatLintFinding(finding: LintFinding): string {
  const f = presentFinding(finding);
  const severity = f.severity === 'warning' ? 'warning: ' : '';
  return escapeControl(`${f.file}:${f.document} ${f.kind}/${f.name} ${f.field}: ${severity}${f.message}`);
}

/** `cdk8s-hostprocess lint: file: document N, line L, column C: message`, the location as known. */
export function formatLintProblem(p: LintProblem): string {
  const where = [
    p.document !== undefined ? `document ${p.document}` : undefined,
    p.line !== undefined ? `line ${p.line}` : undefined,
    p.column !== undefined ? `column ${p.column}` : undefined,
  ].filter(w => w !== undefined);
  return escapeControl(`${COMMAND}: ${p.file}: ${where.length > 0 ? `${where.join(', ')}: ` : ''}${clipMessage(p.message)}`);
}

/** One entry of the JSON output. */
export type JsonEntry =
  | ({ readonly type: 'finding' } & LintFinding)
  | ({ readonly type: 'input'; readonly severity: 'error' } & LintProblem)
  | { readonly type: 'usage' | 'internal'; readonly message: string; readonly severity: 'error' };

/**
 * The JSON output: an array of the findings (`type: "finding"`), then the inputs or documents
 * that could not be checked (`type: "input"`, with `document`, `line` and `column` when known).
 */
export function renderJson(findings: LintFinding[], problems: LintProblem[]): string {
  const entries: JsonEntry[] = [];
  for (const f of findings) {
    entries.push({ type: 'finding', ...presentFinding(f) });
  }
  for (const p of problems) {
    entries.push({ type: 'input', file: p.file, document: p.document, line: p.line, column: p.column, message: clipMessage(p.message), severity: 'error' });
  }
  return JSON.stringify(entries, undefined, 2);
}

/** The JSON output of a usage error (`type: "usage"`) or a failure of the command (`type: "internal"`). */
export function renderJsonError(type: 'usage' | 'internal', message: string): string {
  const entries: JsonEntry[] = [{ type, message: clipMessage(message), severity: 'error' }];
  return JSON.stringify(entries, undefined, 2);
}

import { Finding, Severity } from './finding';
import { RuleId, rule } from '../rules/catalog';

/** How a warning of the library's own (not the API server's) ends. */
export const LIBRARY_WARNING = '(cdk8s-hostprocess warning; the API server accepts it)';

/** A finding of rule `id` about `field`: its severity and remediation are the rule's. */
export function finding(id: RuleId, field: string, message: string): Finding {
  const r = rule(id);
  return { rule: r.id, field, message, severity: r.severity === 'error' ? Severity.ERROR : Severity.WARNING, remediation: r.remediation };
}

/**
 * Renders a value the way Kubernetes' `field.Invalid` does: strings with Go `%q` quoting
 * (backslashes and quotes escaped, non-printable characters as `\x..`/`\u....`), numbers and
 * booleans bare.
 */
export function goQuote(value: unknown): string {
  if (typeof value === 'string') {
    return quoteString(value);
  }
  return String(value);
}

const NAMED_ESCAPES: { [ch: string]: string } = {
  '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '\\': '\\\\', '"': '\\"',
};
// Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

// strconv.Quote, which %q uses. JSON.stringify differs for control characters (\u0001 vs \x01)
// and leaves DEL and other non-printable runes unescaped.
function quoteString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (NAMED_ESCAPES[ch] !== undefined) {
      out += NAMED_ESCAPES[ch];
    } else if (PRINTABLE.test(ch)) {
      out += ch;
    } else if (code < 0x80) {
      out += `\\x${code.toString(16).padStart(2, '0')}`;
    } else if (code < 0x10000) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else {
      out += `\\U${code.toString(16).padStart(8, '0')}`;
    }
  }
  return `${out}"`;
}

/** `<field>: Invalid value: <v>: <detail>`, without the field. */
export function invalid(value: unknown, detail: string): string {
  return `Invalid value: ${goQuote(value)}: ${detail}`;
}

/** `<field>: Forbidden: <detail>`, without the field. */
export function forbidden(detail: string): string {
  return `Forbidden: ${detail}`;
}

/** `<field>: Required value[: <detail>]`, without the field. */
export function required(detail = ''): string {
  return detail === '' ? 'Required value' : `Required value: ${detail}`;
}

/** `<field>: Duplicate value: <v>`, without the field. */
export function duplicate(value: unknown): string {
  return `Duplicate value: ${goQuote(value)}`;
}

/** `<field>: Not found: <v>`, without the field. */
export function notFound(value: unknown): string {
  return `Not found: ${goQuote(value)}`;
}

/** `<field>: Unsupported value: <v>: supported values: "a", "b"`, without the field (field.NotSupported). */
export function notSupported(value: unknown, supported: readonly string[]): string {
  return `Unsupported value: ${goQuote(value)}: supported values: ${supported.map(goQuote).join(', ')}`;
}

/** The length of a string as Go's `len` counts it: in UTF-8 bytes. */
export function byteLength(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}

/** Formats a finding as one line: `<field>: <message>`. */
export function formatFinding(f: Finding): string {
  return `${f.field}: ${f.message}`;
}

/**
 * A finding as synth reports it: `<field>: <message> (rule <id>); fix: <remediation>`, the rule
 * and the fix in the order the lint's text output gives them.
 */
export function formatSynthFinding(f: Finding): string {
  return `${formatFinding(f)} (rule ${f.rule})${f.remediation ? `; fix: ${f.remediation}` : ''}`;
}

/** Whether a value is a list with at least one item. */
export function hasItems(value: unknown): value is unknown[] {
  return Array.isArray(value) && value.length > 0;
}

/** Whether a JSON value is present: Kubernetes decodes both a missing key and `null` to nil. */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** The lists of containers a pod spec has, in the order Kubernetes visits them (`VisitContainersWithPath`). */
export const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/** One of `initContainers`, `containers`, `ephemeralContainers`. */
export type ContainerList = typeof CONTAINER_LISTS[number];

/** A container of a pod spec and its field path (`spec.containers[0]`). */
export interface ContainerAt {
  /** The container, as plain JSON. */
  readonly container: any;
  /** Its field path, prefix included. */
  readonly path: string;
  /** The list it is in. */
  readonly list: ContainerList;
}

/**
 * The containers of `spec` with their field paths: init, regular, then ephemeral containers, as
 * Kubernetes visits them.
 */
export function containersOf(spec: any, prefix: string): ContainerAt[] {
  const result: ContainerAt[] = [];
  // Indexed loops, no callbacks: the engine runs once per workload at synth, mostly before V8
  // optimizes it, where each call and closure counts (docs/performance.md, "Where synth's time goes").
  for (let l = 0; l < CONTAINER_LISTS.length; l++) {
    const list = CONTAINER_LISTS[l];
    const containers = spec?.[list];
    if (!Array.isArray(containers)) continue;
    for (let i = 0; i < containers.length; i++) {
      result.push({ container: containers[i] ?? {}, path: `${prefix}.${list}[${i}]`, list });
    }
  }
  return result;
}

/**
 * One pod spec as the rules see it: the spec, its field path, and its containers listed once
 * (every rule reads them; listing them per rule was most of the engine's cost).
 */
export interface PodView {
  /** The pod spec. */
  readonly spec: any;
  /** Its field path (`spec`, `spec.template.spec`, ...). */
  readonly prefix: string;
  /** Every init, regular and ephemeral container, in the order Kubernetes visits them. */
  readonly containers: ContainerAt[];
  /**
   * The pod's `metadata.annotations` (a pod template's for a workload), as plain JSON; unset when
   * the caller has the pod spec only.
   */
  readonly annotations?: unknown;
}

/** The view of `spec` at `prefix`, with the pod's annotations when known. */
export function podView(spec: any, prefix: string, annotations?: unknown): PodView {
  return { spec, prefix, containers: containersOf(spec, prefix), annotations };
}

// Small builders of CEL source text. The policy writes standard CEL (the cel-spec language
// definition: has(), all/exists/filter/map, startsWith/contains/matches, in, ?:) and two functions
// of cel-go's strings extension, replace() and substring(). Kubernetes registers that extension in
// every release that serves admissionregistration.k8s.io/v1 policies (1.30+): ext.Strings version 2
// from 1.29 (k8s.io/apiserver pkg/cel/environment/base.go@v0.30.0, the same at v0.30.14, with
// cel-go v0.17.8 in its go.mod), and both functions are in every version of it (google/cel-go
// ext/strings.go@v0.17.8 registers them unconditionally). Nothing from the optional-types syntax
// (`?.`, `[?`), cel.bind (not in base.go) or the two-variable comprehensions (Kubernetes 1.32+,
// same file), so the policy runs on every such Kubernetes, and in the tests' evaluator.

/** A CEL string literal (single-quoted) for `value`: backslashes and quotes escaped. */
export function celString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, '\\\'').replace(/\n/g, '\\n')}'`;
}

/** A CEL list literal of strings. */
export function celStrings(values: readonly string[]): string {
  return `[${values.map(celString).join(', ')}]`;
}

/**
 * `has(base.a) && has(base.a.b) && ...` for a dotted path below `base`: true when every field on
 * the way is present. Kubernetes gives a policy unstructured JSON, where a field that is absent
 * is an error to select but false to `has()`.
 */
export function hasPath(base: string, path: string): string {
  const parts = path.split('.');
  return parts.map((_, i) => `has(${base}.${parts.slice(0, i + 1).join('.')})`).join(' && ');
}

/** `(c1) || (c2) ...`, or `false` for none. */
export function anyOf(conditions: readonly string[]): string {
  return conditions.length === 0 ? 'false' : conditions.map(c => `(${c})`).join(' || ');
}

/** `(c1) && (c2) ...`, or `true` for none. */
export function allOf(conditions: readonly string[]): string {
  return conditions.length === 0 ? 'true' : conditions.map(c => `(${c})`).join(' && ');
}

/** Concatenates CEL list expressions, `[]` for none. */
export function concat(lists: readonly string[]): string {
  return lists.length === 0 ? '[]' : lists.map(l => `(${l})`).join(' + ');
}

/**
 * The CEL string expression `value` in double quotes, with backslashes and quotes escaped as the
 * lint's goQuote does them (src/core/validation/util.ts).
 */
export function quotedCel(value: string): string {
  return `'"' + ${value}.replace('\\\\', '\\\\\\\\').replace('"', '\\\\"') + '"'`;
}

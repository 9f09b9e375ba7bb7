// Small builders of CEL source text. The policy writes standard CEL (the cel-spec language
// definition: has(), all/exists/filter/map, startsWith/contains/matches, in, ?:) plus one function of
// the strings extension, replace(), which Kubernetes has had since 1.29 (ext.Strings version 2 in
// kubernetes/kubernetes staging/src/k8s.io/apiserver/pkg/cel/environment/base.go). Nothing from the
// optional-types syntax (`?.`, `[?`), cel.bind (not in Kubernetes' environment) or the two-variable
// comprehensions (Kubernetes 1.32+, same file), so the policy runs on every Kubernetes that serves
// admissionregistration.k8s.io/v1 policies (1.30+), and in the tests' evaluator.

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

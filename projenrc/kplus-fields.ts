/**
 * Writes `src/core/kplus-fields.ts`: which fields the typed classes (L1, `lib/imports/k8s.js`) of
 * each installed cdk8s-plus line write, for the kinds the constructs write through them.
 *
 * cdk8s' `ApiObject.toJson()` applies escape-hatch patches to the untyped JSON, and each L1 class
 * then passes the result through `toJson_<Type>` functions that keep only the fields that line's
 * Kubernetes API has, read from the key the TypeScript prop has (`setHostnameAsFqdn` for
 * `setHostnameAsFQDN`), a quantity or int-or-string from `{ value }`. Those functions are generated
 * code of one fixed form (cdk8s import, json2jsii); this reads them, and refuses any field whose
 * form it does not know, so that a new line's change of form fails `npx projen` instead of being
 * read wrongly. test/plus/written-json.test.ts holds the table to the functions themselves on every
 * line.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './assembly';

/** The kinds the constructs write through kplus' typed classes (`Kube<Kind>Props` in k8s.js). */
const KINDS = ['Pod', 'Deployment', 'DaemonSet', 'Job', 'CronJob', 'Namespace'];

/** How one L1 type's toJson writes one field. */
interface Field {
  /** `any`, `wrapped` or an L1 type name, with `[]` for a list and `{}` for a map of them. */
  readonly shape: string;
  /** The key the typed class reads the field from. */
  readonly prop: string;
}

type Types = Map<string, Map<string, Field>>;

const MAP = /^\(\(obj\.(\w+)\) === undefined\) \? undefined : \(Object\.entries\(obj\.\w+\)\.reduce\(\(r, i\) => \(i\[1\] === undefined\) \? r : \(\{ \.\.\.r, \[i\[0\]\]: (.*) \}\), \{\}\)\)$/;

/** The field a `'<wire>': <expr>` line of a toJson function writes, or an error naming it. */
function fieldOf(type: string, wire: string, expr: string): Field {
  const forms: [RegExp, (m: RegExpExecArray) => Field][] = [
    [/^obj\.(\w+)(\?\.map\(y => y\)|\?\.toISOString\(\))?$/, m => ({ shape: 'any', prop: m[1] })],
    [/^obj\.(\w+)\?\.value$/, m => ({ shape: 'wrapped', prop: m[1] })],
    [/^obj\.(\w+)\?\.map\(y => y\?\.value\)$/, m => ({ shape: 'wrapped[]', prop: m[1] })],
    [/^toJson_(\w+)\(obj\.(\w+)\)$/, m => ({ shape: m[1], prop: m[2] })],
    [/^obj\.(\w+)\?\.map\(y => toJson_(\w+)\(y\)\)$/, m => ({ shape: `${m[2]}[]`, prop: m[1] })],
  ];
  for (const [re, field] of forms) {
    const m = re.exec(expr);
    if (m) return field(m);
  }
  const map = MAP.exec(expr);
  const entry = map?.[2];
  if (map && (entry === 'i[1]' || entry === 'i[1]?.map(y => y)')) return { shape: 'any', prop: map[1] };
  if (map && entry === 'i[1]?.value') return { shape: 'wrapped{}', prop: map[1] };
  const child = entry === undefined ? null : /^toJson_(\w+)\(i\[1\]\)$/.exec(entry);
  if (map && child) return { shape: `${child[1]}{}`, prop: map[1] };
  throw new Error(`projenrc/kplus-fields.ts: toJson_${type} writes '${wire}' as \`${expr}\`, a form this does not read`);
}

/** Every toJson function of a line's k8s.js: type -> field (manifest name) -> how it is written. */
function readLine(line: number): Types {
  const file = path.join(ROOT, 'node_modules', `cdk8s-plus-${line}`, 'lib', 'imports', 'k8s.js');
  const source = fs.readFileSync(file, 'utf-8');
  const types: Types = new Map();
  const fn = /^function toJson_(\w+)\(obj\) \{\n([\s\S]*?)^\}/gm;
  for (let m = fn.exec(source); m; m = fn.exec(source)) {
    const fields = new Map<string, Field>();
    for (const [, wire, expr] of m[2].matchAll(/^ {8}'([^']+)': (.*),$/gm)) {
      fields.set(wire, fieldOf(m[1], wire, expr));
    }
    types.set(m[1], fields);
  }
  return types;
}

/** The L1 type a shape names, if any. */
function typeOf(shape: string): string | undefined {
  const name = shape.replace(/(\[\]|\{\})$/, '');
  return name === 'any' || name === 'wrapped' ? undefined : name;
}

/** The types reachable from the kinds' props in one line. */
function reachable(types: Types): Set<string> {
  const seen = new Set<string>();
  const todo = KINDS.map(k => `Kube${k}Props`);
  for (let t = todo.pop(); t !== undefined; t = todo.pop()) {
    if (seen.has(t)) continue;
    const fields = types.get(t);
    if (!fields) throw new Error(`projenrc/kplus-fields.ts: no toJson_${t}`);
    seen.add(t);
    for (const f of fields.values()) {
      const child = typeOf(f.shape);
      if (child !== undefined) todo.push(child);
    }
  }
  return seen;
}

/** The lines as `from-to`, refusing a set that is not one run of consecutive lines. */
function range(lines: number[], all: readonly number[], where: string): string {
  const from = all.indexOf(lines[0]);
  if (lines.some((l, i) => all[from + i] !== l)) {
    throw new Error(`projenrc/kplus-fields.ts: ${where} is written by lines ${lines.join(', ')}, not one run of lines`);
  }
  return `${lines[0]}-${lines[lines.length - 1]}`;
}

/** The lines of `src/core/kplus-fields.ts` for the installed lines `lines` (oldest first). */
export function kplusFieldsSource(lines: readonly number[]): string[] {
  // type -> field -> its forms, each with the lines that write it so (a field's L1 type may be
  // renamed between lines: PersistentVolumeClaimSpec.resources became VolumeResourceRequirements).
  const union = new Map<string, Map<string, { field: Field; lines: number[] }[]>>();
  for (const line of lines) {
    const types = readLine(line);
    for (const t of reachable(types)) {
      if (!union.has(t)) union.set(t, new Map());
      const fields = union.get(t)!;
      for (const [wire, field] of types.get(t)!) {
        const forms = fields.get(wire) ?? [];
        fields.set(wire, forms);
        const same = forms.find(f => f.field.shape === field.shape && f.field.prop === field.prop);
        if (same) {
          same.lines.push(line);
        } else {
          forms.push({ field, lines: [line] });
        }
      }
    }
  }
  const out = [
    '// Generated by .projenrc.ts (projenrc/kplus-fields.ts) from lib/imports/k8s.js of every cdk8s-plus line',
    '// installed: run npx projen after a line is added or updated.',
    '',
    '/** The L1 type of the props of each kind the constructs write through kplus\' typed classes. */',
    'export const KPLUS_KINDS: { readonly [kind: string]: string } = {',
    ...KINDS.map(k => `  ${k}: 'Kube${k}Props',`),
    '};',
    '',
    '/**',
    ' * Every field of the L1 types those kinds reach, by type and by the field\'s name in the manifest,',
    ' * as `<shape>[ @<from>-<to>][ as <prop>]`, or several of those separated by ` | ` where lines differ:',
    ' * - shape: `any`, written as it is (scalars, lists of scalars, maps of strings, free-form values);',
    ' *   `wrapped`, a quantity or int-or-string, read from `{ value }`; or the L1 type of an object; each',
    ' *   with `[]` for a list and `{}` for a map of them;',
    ' * - `@<from>-<to>`: the cdk8s-plus lines whose typed classes write the field so, when not every line\'s do;',
    ' * - `as <prop>`: the key the typed classes read the field from, when it is not the field\'s name.',
    ' */',
    'export const KPLUS_FIELDS: { readonly [type: string]: { readonly [field: string]: string } } = {',
  ];
  const byName = <T>([a]: [string, T], [b]: [string, T]) => (a < b ? -1 : a > b ? 1 : 0);
  for (const [t, fields] of [...union].sort(byName)) {
    out.push(`  ${t}: {`);
    for (const [wire, forms] of [...fields].sort(byName)) {
      const text = forms.map(({ field, lines: written }) => {
        const when = written.length === lines.length ? '' : ` @${range(written, lines, `${t}.${wire}`)}`;
        return `${field.shape}${when}${field.prop === wire ? '' : ` as ${field.prop}`}`;
      });
      const key = /^[A-Za-z_$][\w$]*$/.test(wire) ? wire : `'${wire}'`;
      out.push(`    ${key}: '${text.join(' | ')}',`);
    }
    out.push('  },');
  }
  out.push('};', '');
  return out;
}

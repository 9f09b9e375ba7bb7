// What a cdk8s-plus line's typed classes keep of an escape-hatch patch. cdk8s applies
// `ApiObject.of(x).addJsonPatch(...)` to an object's untyped JSON (cdk8s lib/api-object.js@2.70.0,
// ApiObject.toJson); the L1 class under a kplus construct then writes only the fields its line's
// Kubernetes API has, each read from the key of its TypeScript prop (`setHostnameAsFqdn` for
// `setHostnameAsFQDN`) and a quantity or int-or-string from `{ value }` (toJson_<Type> in the line's
// lib/imports/k8s.js). Whatever else a patch writes is silently left out of the manifest. The table
// of what each line writes is generated from every line's imports (../kplus-fields.ts); here it
// finds, for synth, what the typed classes would drop of an untyped JSON, and, for convert, writes a
// value to patch in the form they read, without what they would drop.
import { Finding } from './finding';
import { finding } from './util';
import { KPLUS_FIELDS, KPLUS_KINDS } from '../kplus-fields';
import { KPLUS_LINES, ROOT_LINE } from '../kplus-lines';

/** How one line's typed classes write one field. */
interface Form {
  /** `any` (written as it is), `wrapped` (read from `{ value }`) or the L1 type of an object. */
  readonly of: string;
  /** `''` for one, `[]` for a list, `{}` for a map of them. */
  readonly many: string;
  /** The key the typed classes read the field from. */
  readonly prop: string;
  readonly from: number;
  readonly to: number;
}

/** A field of an L1 type: its name in the manifest and how each line writes it. */
interface Field {
  readonly name: string;
  readonly forms: readonly Form[];
}

interface TypeFields {
  readonly byName: ReadonlyMap<string, Field>;
  readonly byProp: ReadonlyMap<string, Field>;
}

/** One step of a path: a field of an object, an index of a list or a key of a map. */
interface Step {
  readonly field?: string;
  readonly index?: number;
  readonly key?: string;
}

const FORM = /^(\w+)(\[\]|\{\})?(?: @(\d+)-(\d+))?(?: as (\w+))?$/;
const TYPE_NAMES = new Map(Object.entries(KPLUS_FIELDS));
const KINDS = new Map(Object.entries(KPLUS_KINDS));
const parsed = new Map<string, TypeFields>();

/** The fields of L1 type `name`, read from the table the first time they are needed. */
function typeFields(name: string): TypeFields | undefined {
  let fields = parsed.get(name);
  const table = TYPE_NAMES.get(name);
  if (fields === undefined && table !== undefined) {
    const byName = new Map<string, Field>();
    const byProp = new Map<string, Field>();
    for (const [field, text] of Object.entries(table)) {
      const forms = text.split(' | ').map(f => {
        const m = FORM.exec(f)!;
        return { of: m[1], many: m[2] ?? '', prop: m[5] ?? field, from: Number(m[3] ?? KPLUS_LINES[0]), to: Number(m[4] ?? KPLUS_LINES[KPLUS_LINES.length - 1]) };
      });
      byName.set(field, { name: field, forms });
      for (const f of forms) byProp.set(f.prop, { name: field, forms });
    }
    fields = { byName, byProp };
    parsed.set(name, fields);
  }
  return fields;
}

/**
 * The fields of L1 type `type` that cdk8s-plus `line`'s typed classes write: each field's name in
 * the manifest, the key they read it from, and how (`any`, `wrapped` or an L1 type; `many` is `''`,
 * `[]` or `{}`).
 */
export function fieldsWritten(type: string, line: number): { name: string; prop: string; of: string; many: string }[] {
  return [...typeFields(type)?.byName.values() ?? []].flatMap(f => {
    const form = formOn(f, line);
    return form ? [{ name: f.name, prop: form.prop, of: form.of, many: form.many }] : [];
  });
}

function formOn(field: Field | undefined, line: number): Form | undefined {
  return field?.forms.find(f => f.from <= line && line <= f.to);
}

function isMap(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The path as the API server writes it: `spec.containers[0].resources.limits[memory]`. */
function fieldPath(steps: readonly Step[]): string {
  return steps.map((s, i) => (s.field !== undefined ? `${i === 0 ? '' : '.'}${s.field}` : `[${s.index ?? s.key}]`)).join('');
}

/** The keys and indexes of a path. */
function keysOf(steps: readonly Step[]): (string | number)[] {
  return steps.map(s => s.field ?? s.index ?? s.key!);
}

/** The JSON pointer of a path of keys and indexes. */
function pointer(keys: readonly (string | number)[]): string {
  return keys.map(k => `/${String(k).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** Whether `line`'s typed classes write the field at `steps` of an object of L1 type `root`. */
function writes(line: number, root: string, steps: readonly Step[]): boolean {
  let form: Form = { of: root, many: '', prop: '', from: line, to: line };
  for (const step of steps) {
    if (step.field === undefined) {
      if (form.many !== (step.index !== undefined ? '[]' : '{}')) return false;
      form = { ...form, many: '' };
      continue;
    }
    const next = form.many === '' ? formOn(typeFields(form.of)?.byName.get(step.field), line) : undefined;
    if (next === undefined) return false;
    form = next;
  }
  return true;
}

/** The package of the library for cdk8s-plus `line`. */
function packageOf(line: number): string {
  return line === ROOT_LINE ? 'cdk8s-hostprocess' : `cdk8s-hostprocess-${line}`;
}

/**
 * Why `line`'s typed classes drop the field at `steps` of an object of L1 type `root`, naming the
 * lines that write it, and what to do: `fix(other, newer)` names a line that writes it, newer or
 * older than `line`; `unknown` is said of a field no line has.
 */
function droppedWhy(line: number, root: string, steps: readonly Step[], fix: (other: number, newer: boolean) => string, unknown: string): string {
  const lines = KPLUS_LINES.filter(l => writes(l, root, steps));
  const drops = `dropped by the typed classes of cdk8s-plus-${line}`;
  if (lines.length === 0) {
    return `${drops}: no cdk8s-plus line has this field (${unknown})`;
  }
  const first = `cdk8s-plus-${lines[0]} is the first line that writes it`;
  const later = lines.find(l => l > line);
  if (later !== undefined) {
    return `${drops}, which do not have this field: ${later === lines[0] ? first : `${first}, and cdk8s-plus-${later} the next`} (${fix(later, true)})`;
  }
  const last = lines[lines.length - 1];
  return `${drops}, which no longer have this field: ${first} and cdk8s-plus-${last} the last (${fix(last, false)})`;
}

/**
 * The fields a patch writes in `untyped` (an object's JSON before its L1 class types it: what the
 * base `ApiObject.prototype.toJson` gives, patches applied) that the typed classes of cdk8s-plus
 * `line` would drop, each a finding of rule escape-hatch-field-dropped. None for a kind the
 * constructs do not write through typed classes.
 */
export function droppedFieldFindings(untyped: unknown, line: number): Finding[] {
  const root = isMap(untyped) && typeof untyped.kind === 'string' ? KINDS.get(untyped.kind) : undefined;
  if (root === undefined || !KPLUS_LINES.includes(line)) {
    return [];
  }
  const findings: Finding[] = [];
  const fix = (l: number, newer: boolean) => `use ${packageOf(l)} or ${newer ? 'newer' : 'older'}, or remove the escape-hatch patch`;
  // The path walked, as steps (manifest names) and as the keys of the untyped JSON: pushed and
  // popped as the walk goes (synth walks every patched object), copied only for a finding.
  const steps: Step[] = [];
  const keys: (string | number)[] = [];
  /** A finding for the field at the path walked, or at its field `step` when given. */
  const drop = (why: (at: Step[]) => string, step?: Step) => {
    const at = step ? [...steps, step] : [...steps];
    findings.push(finding('escape-hatch-field-dropped', fieldPath(at), why(at)));
  };
  const enter = (step: Step, key: string | number, walk: () => void) => {
    steps.push(step);
    keys.push(key);
    walk();
    steps.pop();
    keys.pop();
  };

  const visit = (value: unknown, form: Form): void => {
    if (form.many === '[]' && Array.isArray(value)) {
      value.forEach((v, i) => enter({ index: i }, i, () => visitOne(v, form.of)));
    } else if (form.many === '{}' && isMap(value)) {
      for (const [k, v] of Object.entries(value)) enter({ key: k }, k, () => visitOne(v, form.of));
    } else if (form.many === '') {
      visitOne(value, form.of);
    }
  };
  const visitOne = (value: unknown, of: string): void => {
    if (value === undefined || value === null || of === 'any') return;
    if (of === 'wrapped') {
      if (!isMap(value) || value.value === undefined || value.value === null) {
        drop(() => `dropped by the typed classes of cdk8s-plus-${line}, which read a quantity or int-or-string from { value } ` +
          `(patch ${pointer(keys)} with { value: ${JSON.stringify(value)} } instead)`);
      }
    } else if (isMap(value)) {
      visitObject(value, of);
    }
  };
  const visitObject = (obj: { [key: string]: unknown }, type: string): void => {
    const fields = typeFields(type);
    if (fields === undefined) return;
    for (const [key, value] of Object.entries(obj)) {
      // A missing value and null are both nothing to lose (apiVersion and kind come from the class).
      if (value === undefined || value === null || (steps.length === 0 && (key === 'apiVersion' || key === 'kind'))) continue;
      const field = fields.byProp.get(key);
      const form = formOn(field, line);
      if (form !== undefined && form.prop === key) {
        enter({ field: field!.name }, key, () => visit(value, form));
        continue;
      }
      const named = formOn(fields.byName.get(key), line);
      if (named !== undefined) {
        drop(() => `dropped by the typed classes of cdk8s-plus-${line}, which read this field from the key ` +
          `${JSON.stringify(named.prop)} (patch ${pointer([...keys, named.prop])} instead)`, { field: key });
      } else {
        drop(at => droppedWhy(line, root, at, fix, 'check its name, or remove the escape-hatch patch'), { field: field?.name ?? key });
      }
    }
  };
  visitObject(untyped as { [key: string]: unknown }, root);
  return findings;
}

/** What `typedPatch` makes of a value convert keeps through an escape hatch. */
export interface TypedPatch {
  /** Whether anything is left to patch. */
  readonly kept: boolean;
  /** The path to patch, with the keys the typed classes read. */
  readonly path: readonly (string | number)[];
  /** The value to patch: keys as the typed classes read them, quantities and int-or-strings as `{ value }`. */
  readonly value: unknown;
  /** The keys renamed (`hostIPC` as `hostIpc`) and whether values were wrapped, for the comment. */
  readonly renamed: readonly string[];
  readonly wrapped: boolean;
  /** Each field the typed classes drop (its path, as the input has it), left out of the value, with why. */
  readonly dropped: readonly { readonly path: readonly (string | number)[]; readonly message: string }[];
  /** Objects left out because they would be empty without what was dropped. */
  readonly emptied: readonly (readonly (string | number)[])[];
}

/** A value left out whole: it would be empty without what the typed classes drop. */
const EMPTIED = Symbol('emptied');

/**
 * `value`, which convert keeps at `path` of an object of kind `kind` (manifest names, as the input
 * has it), in the form the typed classes of cdk8s-plus `line` read, without the fields they would
 * drop (and without the objects that would be empty without them). Unchanged for a kind the
 * constructs do not write through typed classes.
 */
export function typedPatch(kind: string, line: number, path: readonly (string | number)[], value: unknown): TypedPatch {
  const root = KINDS.get(kind);
  const renamed = new Set<string>();
  const dropped: { path: (string | number)[]; message: string }[] = [];
  const emptied: (string | number)[][] = [];
  let wrapped = false;
  const result = (kept: boolean, at: readonly (string | number)[], v: unknown): TypedPatch =>
    ({ kept, path: at, value: v, renamed: [...renamed], wrapped, dropped, emptied });
  if (root === undefined || !KPLUS_LINES.includes(line)) {
    return result(true, path, value);
  }
  const fix = (l: number, newer: boolean) => `convert with --package ${packageOf(l)} or ${newer ? 'newer' : 'older'} to keep it`;
  const drop = (steps: Step[]) => dropped.push({ path: keysOf(steps), message: droppedWhy(line, root, steps, fix, 'check its name') });

  const rename = (name: string, prop: string): string => {
    if (prop !== name) renamed.add(`${prop} for ${name}`);
    return prop;
  };
  const convertValue = (v: unknown, form: Form, steps: Step[]): unknown => {
    if (form.many === '[]' && Array.isArray(v)) {
      // A list keeps its items where they are, an emptied one as {}.
      return v.map((item, i) => {
        const out = convertOne(item, form.of, [...steps, { index: i }]);
        return out === EMPTIED ? {} : out;
      });
    }
    if (form.many === '{}' && isMap(v)) {
      return mapOf(Object.entries(v), ([k, item]) => [k, convertOne(item, form.of, [...steps, { key: k }])], steps);
    }
    return form.many === '' ? convertOne(v, form.of, steps) : v;
  };
  const convertOne = (v: unknown, of: string, steps: Step[]): unknown => {
    if (v === undefined || v === null || of === 'any') return v;
    if (of === 'wrapped') {
      wrapped = true;
      return { value: v };
    }
    return isMap(v) ? convertObject(v, of, steps) : v;
  };
  const convertObject = (obj: { [key: string]: unknown }, type: string, steps: Step[]): unknown => {
    const fields = typeFields(type);
    if (fields === undefined) return obj;
    return mapOf(Object.entries(obj), ([k, v]) => {
      const field = fields.byName.get(k);
      const form = formOn(field, line);
      if (form === undefined) {
        drop([...steps, { field: k }]);
        return undefined;
      }
      return [rename(k, form.prop), convertValue(v, form, [...steps, { field: k }])];
    }, steps);
  };
  /** The map of `entries` as `entry` makes them, left out (EMPTIED) when all it had was dropped. */
  const mapOf = (entries: [string, unknown][], entry: (e: [string, unknown]) => [string, unknown] | undefined, steps: Step[]): unknown => {
    const out: { [key: string]: unknown } = {};
    for (const e of entries) {
      const kept = entry(e);
      // A map key is the input's own (`__proto__` too): defined, never assigned.
      if (kept !== undefined && kept[1] !== EMPTIED) {
        Object.defineProperty(out, kept[0], { value: kept[1], enumerable: true, writable: true, configurable: true });
      }
    }
    if (entries.length > 0 && Object.keys(out).length === 0) {
      emptied.push(keysOf(steps));
      return EMPTIED;
    }
    return out;
  };

  // The path first: each field renamed as the typed classes read it, or the whole value dropped.
  let form: Form = { of: root, many: '', prop: '', from: line, to: line };
  const steps: Step[] = [];
  const keys: (string | number)[] = [];
  for (const segment of path) {
    if (form.of === 'any') {
      keys.push(segment);
      continue;
    }
    if (form.many !== '') {
      steps.push(typeof segment === 'number' ? { index: segment } : { key: segment });
      keys.push(segment);
      form = { ...form, many: '' };
      continue;
    }
    const field = typeof segment === 'string' ? typeFields(form.of)?.byName.get(segment) : undefined;
    const next = formOn(field, line);
    steps.push({ field: String(segment) });
    if (next === undefined) {
      drop(steps);
      return result(false, path, undefined);
    }
    keys.push(rename(String(segment), next.prop));
    form = next;
  }
  const v = convertValue(value, form, steps);
  return v === EMPTIED ? result(false, path, undefined) : result(true, keys, v);
}

// What converting a pod spec shares: the props it gives, the fields it could not type (kept by
// JSON patch or left out, with a reason), and the helpers that take fields out of the input.
import { FieldNote, Patch, fieldName, pointer } from './emit';
import { typedPatch } from '../validation/escape-hatch-fields';
import { WINDOWS_FORBIDDEN } from '../validation/pod-os';

export type Path = (string | number)[];

/** Stands for the construct's variable in statements written before it has one. */
export const SELF = '\u0000self\u0000';
export type Json = { [key: string]: any };

/** What converting one pod spec gives the construct. */
export interface PodProps {
  /** Props of the construct (typed values as `Code`). */
  readonly props: Json;
  /** Statements after the construct (`<var>.scheduling.tolerate(...)`), with `SELF` for its variable. */
  readonly after: string[];
  readonly patches: Patch[];
  readonly notes: FieldNote[];
}

/** Collects what a conversion could not type. */
export class Leftovers {
  public readonly patches: Patch[] = [];
  public readonly notes: FieldNote[] = [];

  constructor(
    /** The kind of the object converted. */
    private readonly kind: string,
    /** The cdk8s-plus line whose typed classes write it, and so the patches. */
    private readonly line: number,
  ) {}

  /**
   * Keeps `value` at `path` through a JSON patch, written as the line's typed classes read it (they
   * drop whatever else a patch writes): what they would drop is left out, naming the first line
   * that writes it.
   */
  public keep(path: Path, value: unknown, why: string = 'the library has no typed prop for it'): void {
    const typed = typedPatch(this.kind, this.line, path, value);
    for (const d of typed.dropped) {
      this.leaveOut([...d.path], `${d.message} (rule escape-hatch-field-dropped)`);
    }
    for (const e of typed.emptied) {
      this.leaveOut([...e], `it would be empty without what cdk8s-plus-${this.line}'s typed classes drop`);
    }
    if (!typed.kept) {
      return;
    }
    const field = fieldName(path);
    const as = [...typed.renamed, ...(typed.wrapped ? ['quantities and int-or-strings as { value }'] : [])];
    const partly = typed.dropped.length > 0 ? `, without what cdk8s-plus-${this.line}'s typed classes drop` : '';
    const how = `${as.length === 0 ? 'kept as written' : `kept as cdk8s-plus' typed classes read it (${as.join('; ')})`}${partly}`;
    this.patches.push({ op: 'add', pointer: pointer([...typed.path]), value: typed.value, comment: `${field}: ${why}; ${how}` });
    this.notes.push({ field, handling: 'kept', message: `${why}; kept through an escape hatch (JsonPatch.add)` });
  }

  /**
   * `value` at `path` as the line's typed classes read it, what they would drop left out (as
   * `keep` does), for a patch written elsewhere (a volume appended to the list); undefined when
   * nothing of it would be kept.
   */
  public typed(path: Path, value: unknown): unknown {
    const typed = typedPatch(this.kind, this.line, path, value);
    for (const d of typed.dropped) this.leaveOut([...d.path], `${d.message} (rule escape-hatch-field-dropped)`);
    for (const e of typed.emptied) this.leaveOut([...e], `it would be empty without what cdk8s-plus-${this.line}'s typed classes drop`);
    return typed.kept ? typed.value : undefined;
  }

  /** Whether the line's typed classes keep `value` at `path` whole (nothing dropped). */
  public writes(path: Path, value: unknown): boolean {
    const typed = typedPatch(this.kind, this.line, path, value);
    return typed.kept && typed.dropped.length === 0;
  }

  /** Leaves `path` out of the program, saying why. */
  public leaveOut(path: Path, why: string): void {
    this.notes.push({ field: fieldName(path), handling: 'left-out', message: `left out: ${why}` });
  }

  /** Keeps every field still in `rest` (an object at `path` in the output) through JSON patches. */
  public keepRest(rest: Json, path: Path): void {
    for (const [k, v] of Object.entries(rest)) {
      if (v !== undefined) {
        this.keep([...path, k], v);
      }
    }
  }
}

/** Takes `key` out of `obj` and returns its value. */
export function take(obj: Json, key: string): any {
  const value = obj[key];
  delete obj[key];
  return value;
}

/** Why a field `validateWindows` forbids is left out. */
export const WINDOWS_REJECTS = `the API server rejects it in a windows pod (\`${WINDOWS_FORBIDDEN}\`, ` +
  'validateWindows in kubernetes pkg/apis/core/validation/validation.go@v1.35.4) and the library writes spec.os.name: windows';

/** `v` if it is an array, else none. */
export function asArray(v: unknown): any[] {
  return Array.isArray(v) ? v : [];
}

/** Whether `v` is a list of strings. */
export function isStringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every(s => typeof s === 'string');
}

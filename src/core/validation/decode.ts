// An object checked as the API server decodes it, before it validates anything: every value against
// the Go type of its field, and every field name against the fields the type has, along the API
// types of a Kubernetes release (k8s/api-types.ts, generated from k8s.io/api). Used by the lint
// command; the constructs write typed values and do not need it.
//
// The API server decodes a JSON body with its strict serializer when the request asks for
// fieldValidation=Strict, kubectl's default (k8s.io/apiserver pkg/endpoints/handlers/create.go@v0.37.2:
// s.StrictSerializer for Strict and Warn), that is kjson.UnmarshalStrict: sigs.k8s.io/json, a fork of
// encoding/json that matches names case-sensitively and collects unknown and duplicate fields
// (k8s.io/apimachinery pkg/runtime/serializer/json/json.go@v0.37.2, unmarshal). Two kinds of error:
// - a type error, UnmarshalTypeError: `json: cannot unmarshal <value> into Go struct field
//   <Struct>.<path> of type <type>` (sigs.k8s.io/json internal/golang/encoding/json/decode.go, at
//   v0.0.0-20250730193827-2d320260d730, which k8s.io/apimachinery@v0.37.2 requires, and at
//   v0.0.0-20221116044647-bc3834ca7abd for v0.30.14): <value> is `string`, `number` (`number 1.5`
//   when the number does not fit an integer field), `bool`, `array` or `object`; <Struct> the Go
//   struct that has the field (a list's or map's, for their elements); <path> the JSON names from
//   the root without list indices or map keys, and, from the 2025 decoder on, the Go name of an
//   inlined struct before its fields (`Volume.spec.volumes.VolumeSource.hostPath`); <type> Go's name
//   of the field's type once pointers are removed (`bool`, `int32`, `v1.OSName`, `[]v1.Container`).
//   Types with a decoding of their own word their errors themselves (decode-values.ts):
//   IntOrString decodes a non-string as an int32, Quantity runs ParseQuantity on any value, Time
//   parses a string as RFC 3339. The server reports one type error: the first type of its own that
//   fails (its error stops decoding and is returned at once), else the first UnmarshalTypeError
//   (kept while the rest of the object is decoded).
// - strict errors, only when there is no other error: `unknown field "<path>"` for each unknown
//   field (kubernetes_patch.go: at most 100, each once), the path with list indices and map keys
//   (`spec.containers[0].foo`), in the order of the document. A duplicate field cannot reach here:
//   the lint's YAML reader refuses a key twice in a mapping.
// The server answers 400 BadRequest with `<Kind> in version "<version>" cannot be handled as a
// <Kind>: <error>` (k8s.io/apiserver pkg/endpoints/handlers/rest.go@v0.37.2, transformDecodeError),
// the strict errors as `strict decoding error: unknown field "a", unknown field "b"`
// (k8s.io/apimachinery pkg/runtime/error.go@v0.37.2, strictDecodingError).
//
// The lint reports every error at once, each with its field: a type error at the field that has
// it, an unknown field at the path the server names. A null is no error (it decodes to the zero
// value). kubectl and Helm send JSON converted from the YAML without a target type, so a YAML number
// stays a number (sigs.k8s.io/yaml yaml.go@v1.4.0 YAMLToJSON).
import { quantityError, rfc3339Error } from './decode-values';
import { Finding } from './finding';
import { finding, goQuote } from './util';
import { ApiTypes, GoType, StructType, apiTypes } from '../k8s/api-types';

/** One error of the decoder. */
export interface DecodeError {
  readonly rule: 'decode-type-mismatch' | 'unknown-field';
  /** The lint's field: list indices as `[0]`, map keys as `[key]`; for an unknown field, the server's path. */
  readonly field: string;
  /** The decoder's own words (without `strict decoding error: ` for an unknown field). */
  readonly words: string;
  /** What to write instead, or the field that was probably meant. */
  readonly hint?: string;
}

const REJECTS = 'the API server rejects the object before it checks anything else';

/**
 * The decode errors of an object of a kind the lint reads, as findings, along the API types of
 * Kubernetes `version` (default: the newest the lint has); none for other kinds, nor for an object
 * of another API version than the types' (`extensions/v1beta1`), whose types the lint does not have.
 */
export function decodeFindings(manifest: any, version?: string): Finding[] {
  return decodeErrors(manifest, version).map(e => {
    const message = e.hint === undefined ? e.words : `${e.words} (${e.hint})`;
    return e.rule === 'unknown-field' ? finding('unknown-field', e.field, message) : finding('decode-type-mismatch', e.field, message);
  });
}

/** The decoder's errors on an object, in the order of the document (see decodeFindings). */
export function decodeErrors(manifest: any, version?: string): DecodeError[] {
  const types: ApiTypes = apiTypes(version);
  const kind = typeof manifest?.kind === 'string' && types.kinds.has(manifest.kind) ? types.kinds.get(manifest.kind)! : undefined;
  if (kind === undefined || !isObject(manifest) || (manifest.apiVersion !== undefined && manifest.apiVersion !== kind.apiVersion)) {
    return [];
  }
  const walk = new Walk();
  walk.struct(manifest, kind.type);
  return walk.errors;
}

/** A step of the path from the root: a field, a list index or a map key. */
const FIELD = 0;
const INDEX = 1;
const KEY = 2;

/** One walk over an object, with the path to where it is. */
class Walk {
  public readonly errors: DecodeError[] = [];
  // The path, as parallel stacks: what each step is, its name, index or key, and for a field its
  // name in type errors.
  private readonly steps: number[] = [];
  private readonly names: (string | number)[] = [];
  private readonly decoderNames: string[] = [];

  public struct(value: { [key: string]: unknown }, type: StructType): void {
    const fields = type.fields;
    for (const key of Object.keys(value)) {
      const field = fields.get(key);
      if (field === undefined) {
        this.unknown(key, type);
        continue;
      }
      this.push(FIELD, key, field.decoderName);
      this.value(value[key], field.type, type.name);
      this.pop();
    }
  }

  // `owner` is the Go struct whose field holds the value: type errors name it, and keep it for the
  // elements of a list or map field.
  private value(value: unknown, type: GoType, owner: string): void {
    if (value === null || value === undefined) return;
    switch (type.kind) {
      case 'struct':
        if (isObject(value)) this.struct(value as { [key: string]: unknown }, type);
        else this.mismatch(value, type.go, owner, 'give a mapping');
        return;
      case 'slice':
        if (!Array.isArray(value)) {
          this.mismatch(value, type.go, owner, 'give a list');
          return;
        }
        for (let i = 0; i < value.length; i++) {
          this.push(INDEX, i, '');
          this.value(value[i], type.elem, owner);
          this.pop();
        }
        return;
      case 'map':
        if (!isObject(value)) {
          this.mismatch(value, type.go, owner, 'give a mapping');
          return;
        }
        for (const key of Object.keys(value)) {
          this.push(KEY, key, '');
          this.value(value[key], type.elem, owner);
          this.pop();
        }
        return;
      case 'bool':
        if (typeof value !== 'boolean') this.mismatch(value, type.go, owner, 'write true or false, without quotes');
        return;
      case 'string':
        if (typeof value !== 'string' && jsonKind(value) !== 'string') this.mismatch(value, type.go, owner, 'quote the value');
        return;
      case 'int':
        if (typeof value !== 'number' || !fitsInt(value, type.min, type.limit)) {
          this.mismatch(value, type.go, owner, 'write a whole number, without quotes', true);
        }
        return;
      case 'float':
        if (typeof value !== 'number') this.mismatch(value, type.go, owner, 'write a number, without quotes');
        return;
      case 'int-or-string':
        // intstr.IntOrString's UnmarshalJSON: a string, or else encoding/json into its int32.
        if (jsonKind(value) !== 'string' && (typeof value !== 'number' || !fitsInt(value, -(2 ** 31), 2 ** 31))) {
          this.mismatch(value, 'int32', owner, 'write a whole number, or a string such as 25% or a port name', true);
        }
        return;
      case 'quantity': {
        const words = quantityError(jsonKind(value) === 'string' ? String(value) : value);
        if (words !== undefined) this.error('decode-type-mismatch', this.field(), words, `${REJECTS}; write a quantity such as 500m, 2 or 64Mi`);
        return;
      }
      case 'time':
        if (jsonKind(value) !== 'string') {
          this.mismatch(value, 'string', owner, 'write a time such as "2024-01-31T12:00:00Z"');
        } else {
          const words = rfc3339Error(String(value));
          if (words !== undefined) this.error('decode-type-mismatch', this.field(), words, `${REJECTS}; write an RFC 3339 time such as "2024-01-31T12:00:00Z"`);
        }
        return;
      case 'any':
      case 'raw':
        return;
    }
  }

  // A number that does not fit an integer field is named with its text (`number 1.5`).
  private mismatch(value: unknown, go: string, owner: string, hint: string, integer = false): void {
    const json = jsonKind(value);
    const what = json === 'number' && integer ? `number ${String(value)}` : json;
    this.error('decode-type-mismatch', this.field(),
      `json: cannot unmarshal ${what} into Go struct field ${owner}.${this.decoderPath()} of type ${go}`, `${REJECTS}; ${hint}`);
  }

  private unknown(key: string, type: StructType): void {
    const depth = this.steps.length;
    let path = '';
    for (let i = 0; i < depth; i++) {
      path += this.steps[i] === INDEX ? `[${this.names[i]}]` : `${i > 0 ? '.' : ''}${this.names[i]}`;
    }
    path = depth === 0 ? key : `${path}.${key}`;
    const meant = suggestion(key, type);
    this.error('unknown-field', path, `unknown field ${goQuote(path)}`, meant === undefined ? undefined : `did you mean ${meant}?`);
  }

  private error(rule: DecodeError['rule'], field: string, words: string, hint?: string): void {
    this.errors.push(hint === undefined ? { rule, field, words } : { rule, field, words, hint });
  }

  private push(step: number, name: string | number, decoderName: string): void {
    this.steps.push(step);
    this.names.push(name);
    this.decoderNames.push(decoderName);
  }

  private pop(): void {
    this.steps.pop();
    this.names.pop();
    this.decoderNames.pop();
  }

  /** The lint's field of where the walk is: `spec.containers[0].ports`, `metadata.labels[app]`. */
  private field(): string {
    let path = '';
    for (let i = 0; i < this.steps.length; i++) {
      path += this.steps[i] === FIELD ? `${i > 0 ? '.' : ''}${this.names[i]}` : `[${this.names[i]}]`;
    }
    return path;
  }

  /** The path a type error names: fields only (inlined structs' Go names where the decoder writes them). */
  private decoderPath(): string {
    const parts: string[] = [];
    for (let i = 0; i < this.steps.length; i++) {
      if (this.steps[i] === FIELD) parts.push(this.decoderNames[i]);
    }
    return parts.join('.');
  }
}

/**
 * The field an unknown name probably meant, quoted: one of the struct's own that differs only in
 * case or by a letter or two (`hostnetwork`, `contianers`), or a field of that name one or two
 * structs down (`capabilities` on a container: `securityContext.capabilities`). Only looked for
 * when a name is unknown.
 */
function suggestion(key: string, type: StructType): string | undefined {
  const lower = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = key.length >= 5 ? 2 : key.length >= 3 ? 1 : 0;
  for (const name of type.fields.keys()) {
    if (name.toLowerCase() === lower) return goQuote(name);
    const distance = editDistance(lower, name.toLowerCase(), bestDistance);
    if (distance <= bestDistance && (best === undefined || distance < bestDistance)) {
      best = name;
      bestDistance = distance;
    }
  }
  if (best !== undefined) return goQuote(best);
  // One struct field down, then two (`hostProcess` on a container: securityContext.windowsOptions).
  let level: [string, StructType][] = [['', type]];
  for (let depth = 1; depth <= 2; depth++) {
    const next: [string, StructType][] = [];
    for (const [prefix, struct] of level) {
      for (const [name, field] of struct.fields) {
        if (field.type.kind !== 'struct') continue;
        if (field.type.fields.has(key)) return goQuote(`${prefix}${name}.${key}`);
        next.push([`${prefix}${name}.`, field.type]);
      }
    }
    level = next;
  }
  return undefined;
}

/** Levenshtein distance of a and b, or more than `max` once it must be. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length];
}

function isObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && jsonKind(value) === 'object';
}

// A YAML timestamp (`2024-01-01`) or binary is a string once the YAML is JSON.
function jsonKind(value: unknown): string {
  if (typeof value === 'string' || value instanceof Date || value instanceof Uint8Array) return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value) || value instanceof Set) return 'array';
  return 'object';
}

function fitsInt(n: number, min: number, limit: number): boolean {
  return Number.isInteger(n) && n >= min && n < limit;
}

// The Go types the API server decodes an object into, per Kubernetes release: the generated tables
// of src/core/k8s/schema/ (projenrc/schema/main.go reads them from k8s.io/api by reflection), each
// compiled into a graph of types when first used. validation/decode.ts walks an object along it.
import { SCHEMA_TEXT, SCHEMA_VERSIONS } from './schema/versions.generated';

/** The Kubernetes releases whose API types the lint has, newest first: `v1.37.2`. */
export const KUBERNETES_VERSIONS: readonly string[] = SCHEMA_VERSIONS;

/** The release used unless one is chosen: the newest. */
export const DEFAULT_KUBERNETES_VERSION: string = SCHEMA_VERSIONS[0];

/**
 * The release whose API types stand for `text`: a release (`1.30.14`, `v1.30.14`) or a minor
 * (`1.30`, `v1.30`) of one the lint has. Any patch of such a minor is that release too: Kubernetes
 * changes its API types only in minor releases. Undefined for another minor, or not a version.
 */
export function kubernetesVersion(text: string): string | undefined {
  const match = /^v?(\d{1,4})\.(\d{1,4})(?:\.(\d{1,6}))?$/.exec(text);
  if (match === null) return undefined;
  const minor = `v${Number(match[1])}.${Number(match[2])}.`;
  return SCHEMA_VERSIONS.find(v => v.startsWith(minor));
}

/** A Go type as the decoder sees it, named as its messages name it (`go`: `v1.OSName`, `[]v1.Container`). */
export type GoType =
  | { readonly kind: 'bool' | 'string' | 'float' | 'any'; readonly go: string }
  /** An integer type, and the numbers that fit it: `min <= n < limit`. */
  | { readonly kind: 'int'; readonly go: string; readonly min: number; readonly limit: number }
  | StructType
  | { readonly kind: 'slice' | 'map'; readonly go: string; readonly elem: GoType }
  /** A type with a JSON decoding of its own (see projenrc/schema/main.go, `special`). */
  | { readonly kind: SpecialJson; readonly go: string };

/** The JSON decodings of their own that decode.ts implements. */
export type SpecialJson = 'int-or-string' | 'quantity' | 'time' | 'raw';
const SPECIAL: readonly string[] = ['int-or-string', 'quantity', 'time', 'raw'] satisfies SpecialJson[];

/** A Go struct. */
export interface StructType {
  readonly kind: 'struct';
  readonly go: string;
  /** Its name without the package, as the decoder's messages give the struct a field is in. */
  readonly name: string;
  /** Its JSON fields, by JSON name (own entries only). */
  readonly fields: ReadonlyMap<string, StructField>;
}

/** A struct's field. */
export interface StructField {
  readonly type: GoType;
  /**
   * The field as the decoder's type errors name it: the JSON name, after the Go names of the
   * inlined structs it comes from where the release's decoder writes them (`VolumeSource.hostPath`).
   */
  readonly decoderName: string;
}

/** One kind's type. */
export interface KindType {
  readonly apiVersion: string;
  readonly type: StructType;
}

/** The API types of one release. */
export interface ApiTypes {
  /** `v1.37.2`. */
  readonly kubernetes: string;
  /** The kinds the lint reads, with their types. */
  readonly kinds: ReadonlyMap<string, KindType>;
}

/** The generated table, as projenrc/schema/main.go writes it. */
interface Table {
  readonly kubernetes: string;
  readonly kinds: { readonly [kind: string]: { readonly apiVersion: string; readonly type: string } };
  readonly types: { readonly [go: string]: string | TableStruct | { readonly json: string } };
}

interface TableStruct {
  readonly fields: { readonly [json: string]: string };
  readonly inline?: { readonly [json: string]: string };
}

const INT_RANGES: { readonly [go: string]: readonly [number, number] } = {
  int8: [-(2 ** 7), 2 ** 7],
  int16: [-(2 ** 15), 2 ** 15],
  int32: [-(2 ** 31), 2 ** 31],
  int64: [-(2 ** 63), 2 ** 63],
  int: [-(2 ** 63), 2 ** 63],
  uint8: [0, 2 ** 8],
  uint16: [0, 2 ** 16],
  uint32: [0, 2 ** 32],
  uint64: [0, 2 ** 64],
  uint: [0, 2 ** 64],
};

const compiled = new Map<string, ApiTypes>();

/** The API types of a release in KUBERNETES_VERSIONS (default: the newest), compiled once. */
export function apiTypes(version: string = DEFAULT_KUBERNETES_VERSION): ApiTypes {
  let types = compiled.get(version);
  if (types === undefined) {
    const text = Object.prototype.hasOwnProperty.call(SCHEMA_TEXT, version) ? SCHEMA_TEXT[version] : undefined;
    if (text === undefined) {
      throw new Error(`no API types for Kubernetes ${version}: the lint has ${KUBERNETES_VERSIONS.join(', ')}`);
    }
    types = compile(JSON.parse(text));
    compiled.set(version, types);
  }
  return types;
}

/** The table as a graph of types; every type of it is resolved, so a table the code cannot read fails here. */
function compile(table: Table): ApiTypes {
  const byRef = new Map<string, GoType>();
  const has = (go: string) => Object.prototype.hasOwnProperty.call(table.types, go);
  const fail = (message: string): never => {
    throw new Error(`the API types of Kubernetes ${table.kubernetes}: ${message}`);
  };

  function resolve(ref: string): GoType {
    let type = byRef.get(ref);
    if (type === undefined) {
      type = build(ref);
      byRef.set(ref, type);
    }
    return type;
  }

  // A reference as main.go writes it: a named type, `[]T`, `[]*T`, `map[K]V` or a basic type.
  function build(ref: string): GoType {
    if (ref.startsWith('[]')) {
      return { kind: 'slice', go: ref, elem: resolve(ref.slice(2).replace(/^\*+/, '')) };
    }
    if (ref.startsWith('map[')) {
      const end = ref.indexOf(']');
      return { kind: 'map', go: ref, elem: resolve(ref.slice(end + 1).replace(/^\*+/, '')) };
    }
    if (has(ref)) {
      return named(ref, table.types[ref]);
    }
    return basic(ref, ref);
  }

  function basic(go: string, underlying: string): GoType {
    if (underlying === 'bool' || underlying === 'string') return { kind: underlying, go };
    if (underlying === 'float32' || underlying === 'float64') return { kind: 'float', go };
    if (underlying === 'interface {}') return { kind: 'any', go };
    const range = Object.prototype.hasOwnProperty.call(INT_RANGES, underlying) ? INT_RANGES[underlying] : undefined;
    if (range === undefined) return fail(`type ${go} is ${underlying}, which the lint cannot decode`);
    return { kind: 'int', go, min: range[0], limit: range[1] };
  }

  function named(go: string, entry: Table['types'][string]): GoType {
    if (typeof entry === 'string') {
      // A named type's underlying type: a basic type takes the name; a list or map keeps its shape.
      const underlying = resolve(entry);
      return underlying.kind === 'slice' || underlying.kind === 'map' ? { ...underlying, go } : basic(go, entry);
    }
    if ('json' in entry) {
      if (!SPECIAL.includes(entry.json)) return fail(`type ${go} decodes JSON as ${entry.json}, which the lint does not implement`);
      return { kind: entry.json as SpecialJson, go };
    }
    const fields = new Map<string, StructField>();
    const struct: StructType = { kind: 'struct', go, name: go.slice(go.lastIndexOf('.') + 1), fields };
    // Set before the fields are resolved: a struct may be reached again through its own fields.
    byRef.set(go, struct);
    for (const [json, ref] of Object.entries(entry.fields)) {
      const inline = entry.inline?.[json];
      fields.set(json, { type: resolve(ref), decoderName: inline === undefined ? json : `${inline}.${json}` });
    }
    return struct;
  }

  const kinds = new Map<string, KindType>();
  for (const [kind, { apiVersion, type }] of Object.entries(table.kinds)) {
    const resolved = resolve(type);
    if (resolved.kind !== 'struct') fail(`kind ${kind} is not a struct`);
    kinds.set(kind, { apiVersion, type: resolved as StructType });
  }
  return { kubernetes: table.kubernetes, kinds };
}

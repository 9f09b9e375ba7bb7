// One YAML document read as Kubernetes reads it. kubectl and the API server turn YAML into JSON
// with sigs.k8s.io/yaml (ToJSON in k8s.io/apimachinery pkg/util/yaml/decoder.go@v0.37.0-beta.0,
// which requires sigs.k8s.io/yaml v1.6.0), which decodes with go-yaml v2 (yaml.go@v1.6.0 imports
// go.yaml.in/yaml/v2, the continuation of the goyaml.v2 fork whose code the repository held up to
// v1.4.0, where resolve.go and decode.go were read): YAML 1.1 scalars, not the YAML 1.2 core
// schema. The parser is js-yaml 4
// (about 8 times as fast as the `yaml` package here, see docs/performance.md) with a schema that
// resolves plain scalars as go-yaml v2's resolve() does.
import * as jsyaml from 'js-yaml';

/**
 * A plain scalar's value as go-yaml v2 resolves it, or `undefined` for a string. Mirrors
 * resolve() in sigs.k8s.io/yaml goyaml.v2/resolve.go@v1.4.0:
 * - booleans: y, Y, yes, Yes, YES, true, True, TRUE, on, On, ON and the same for false with n, no,
 *   false, off (YAML 1.1's list; `hostNetwork: yes` is true for kubectl);
 * - null: ~, null, Null, NULL (and the empty scalar);
 * - .inf, .Inf, .INF with an optional sign, and .nan, .NaN, .NAN;
 * - integers as Go's strconv.ParseInt(s, 0, 64) reads them once `_` is removed: decimal, 0x hex,
 *   0o and leading-zero octal (`0777` is 511), 0b binary; out of int64 range, ParseUint; then
 *   floats of the form `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`;
 * - base 60 (`1:30`) is not a number ("purposefully unsupported" there), and timestamps
 *   (`2001-12-14`) stay strings: decoding into interface{} keeps a timestamp's text "for backward
 *   compatibility" (goyaml.v2/decode.go@v1.4.0, d.scalar, case reflect.Interface).
 */
export function resolveScalar(s: string): unknown {
  if (s.length === 0) {
    return null;
  }
  const c = s.charCodeAt(0);
  // The first character decides, as go-yaml's resolveTable hint does: most scalars are names.
  if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d) {
    // A digit, `+` or `-`.
    return s.length > 2 && (s === '+.inf' || s === '+.Inf' || s === '+.INF' || s === '-.inf' || s === '-.Inf' || s === '-.INF')
      ? (c === 0x2d ? -Infinity : Infinity)
      : resolveNumber(s);
  }
  if (c === 0x2e) {
    // `.`: .inf, .nan or a float such as .5
    if (SPECIAL.has(s)) {
      return SPECIAL.get(s);
    }
    return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s) ? finite(Number(s)) : undefined;
  }
  return WORDS.has(s) ? WORDS.get(s) : undefined;
}

/** The words with a value of their own, and that value. */
function table(entries: [unknown, string[]][]): Map<string, unknown> {
  const map = new Map<string, unknown>();
  for (const [value, words] of entries) {
    for (const word of words) map.set(word, value);
  }
  return map;
}

const WORDS = table([
  [true, ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']],
  [false, ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']],
  [null, ['~', 'null', 'Null', 'NULL']],
]);

const SPECIAL = table([
  [Infinity, ['.inf', '.Inf', '.INF']],
  [NaN, ['.nan', '.NaN', '.NAN']],
]);

// Go's integer literal syntax for ParseInt with base 0 (underscores already removed).
const GO_INT = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/;
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const UINT64_MAX = BigInt('18446744073709551615');
const INT64_MIN = -BigInt('9223372036854775808');

function resolveNumber(s: string): number | undefined {
  const plain = s.includes('_') ? s.replace(/_/g, '') : s;
  if (GO_INT.test(plain)) {
    const negative = plain.charCodeAt(0) === 0x2d;
    const unsigned = plain.charCodeAt(0) === 0x2d || plain.charCodeAt(0) === 0x2b ? plain.slice(1) : plain;
    if (unsigned.length < 16 && !/^0[xXbBoO]/.test(unsigned) && !(unsigned.length > 1 && unsigned.charCodeAt(0) === 0x30)) {
      // Decimal, well inside int64 (`-0` is the integer 0 in Go).
      return Number(plain) + 0;
    }
    const magnitude = BigInt(/^0[0-7]+$/.test(unsigned) ? `0o${unsigned.slice(1)}` : unsigned);
    const value = negative ? -magnitude : magnitude;
    // ParseInt, then (without a sign) ParseUint: a value past both is not an integer.
    if (value >= INT64_MIN && value <= UINT64_MAX && !(plain.charCodeAt(0) === 0x2b && value > BigInt('9223372036854775807'))) {
      return Number(value);
    }
  }
  if (YAML_FLOAT.test(plain)) {
    // ParseFloat fails past float64's range (1e400): then the scalar is a string.
    return finite(Number(plain));
  }
  return undefined;
}

function finite(n: number): number | undefined {
  return Number.isFinite(n) ? n : undefined;
}

// resolve() result passed from the type's resolve to its construct (they run back to back).
let resolved: unknown;

/** The implicit type of every plain scalar that is not a string. */
const GO_SCALAR = new jsyaml.Type('tag:yaml.org,2002:go-yaml-v2-scalar', {
  kind: 'scalar',
  resolve: (data: string | null) => {
    if (data === null) {
      return false;
    }
    resolved = resolveScalar(data);
    return resolved !== undefined;
  },
  construct: () => resolved,
});

/** `<<`: merge keys, which go-yaml v2 supports (resolveMap's "<<" entry, yaml_MERGE_TAG). */
const MERGE = new jsyaml.Type('tag:yaml.org,2002:merge', {
  kind: 'scalar',
  resolve: (data: string | null) => data === '<<',
  construct: () => '<<',
});

/** An explicit standard tag (`!!int "3"`): the value must resolve to it, as go-yaml requires. */
function explicit(name: string, accept: (value: unknown) => boolean): jsyaml.Type {
  return new jsyaml.Type(`tag:yaml.org,2002:${name}`, {
    kind: 'scalar',
    resolve: (data: string | null) => {
      resolved = resolveScalar(data ?? '');
      return accept(resolved);
    },
    construct: () => resolved,
  });
}

/** Any other tag (`!foo`, `!!set`): go-yaml keeps the node's value and drops the tag. */
function anyTag(prefix: string, kind: 'scalar' | 'sequence' | 'mapping'): jsyaml.Type {
  return new jsyaml.Type(prefix, { kind, multi: true, construct: (data: unknown) => data ?? (kind === 'scalar' ? '' : data) });
}

const SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({
  implicit: [MERGE, GO_SCALAR],
  explicit: [
    explicit('bool', v => typeof v === 'boolean'),
    explicit('int', v => typeof v === 'number' && Number.isInteger(v)),
    // !!float accepts an integer too (resolve's deferred check turns int into float).
    explicit('float', v => typeof v === 'number'),
    explicit('null', v => v === null),
    new jsyaml.Type('tag:yaml.org,2002:timestamp', { kind: 'scalar', construct: (data: string | null) => data ?? '' }),
    // !!binary is base64 text; go-yaml decodes it into a string.
    new jsyaml.Type('tag:yaml.org,2002:binary', {
      kind: 'scalar',
      resolve: (data: string | null) => /^[A-Za-z0-9+/=\s]*$/.test(data ?? ''),
      construct: (data: string | null) => Buffer.from((data ?? '').replace(/\s/g, ''), 'base64').toString('utf8'),
    }),
    ...(['scalar', 'sequence', 'mapping'] as const).flatMap(kind => [anyTag('!', kind), anyTag('tag:', kind)]),
  ],
});

/** A document that is not valid YAML, with where (1-based, in the stream). */
export class YamlSyntaxError extends Error {
  constructor(message: string, public readonly line: number, public readonly column: number) {
    super(message);
    this.name = 'YamlSyntaxError';
  }
}

/** Aliases that expand past the bound, or refer to a node they are inside of. */
export class YamlAliasError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'YamlAliasError';
  }
}

/** How deep a document may nest: deeper than any manifest, well within the parser's stack. */
export const MAX_DEPTH = 1000;

export interface ParseOptions {
  /** The stream's line number of the text's first line. */
  readonly firstLine: number;
  /** The most nodes aliases may add (see MAX_ALIAS_NODES in lint.ts). */
  readonly maxAliasNodes: number;
  /** When set, gets the 1-based line of every mapping and sequence. */
  readonly lines?: Map<object, number>;
  /** When set (and `lines` is not), gets js-yaml's open and close event of every node (see positions.ts). */
  readonly listener?: (event: string, state: any) => void;
}

/**
 * Parses one YAML document as Kubernetes does: go-yaml v2 scalars, and a key that appears twice
 * in a mapping is an error. The API server checks for duplicate keys with
 * sigs.k8s.io/yaml YAMLToJSONStrict (k8s.io/apimachinery
 * pkg/runtime/serializer/json/json.go@v0.37.0-beta.0, "to catch duplicate fields in YAML that
 * would have been dropped"), which go-yaml v2 reports as "key ... already set in map"
 * (goyaml.v2/decode.go@v1.4.0, d.mapping, strict mode).
 */
export function parseYaml(text: string, options: ParseOptions): unknown {
  let listener: ((event: string, state: any) => void) | undefined = options.listener;
  const lines = options.lines;
  if (lines !== undefined) {
    const starts: number[] = [];
    listener = (event, state) => {
      if (event === 'open') {
        starts.push(state.line);
      } else {
        const line = starts.pop()!;
        if (typeof state.result === 'object' && state.result !== null && !lines.has(state.result)) {
          lines.set(state.result, line + options.firstLine);
        }
      }
    };
  }
  let value: unknown;
  try {
    value = jsyaml.load(text, {
      schema: SCHEMA,
      json: false,
      maxDepth: MAX_DEPTH,
      maxTotalMergeKeys: options.maxAliasNodes,
      listener,
    } as jsyaml.LoadOptions);
  } catch (e) {
    if (e instanceof jsyaml.YAMLException) {
      const mark = (e as any).mark;
      let reason: string = e.reason;
      if (reason === 'duplicated mapping key' && mark) {
        // Name the key, as go-yaml's "key ... already set in map" does.
        const key = /^\s*(?:-\s+)*("[^"\n]*"|'[^'\n]*'|[^\s:#][^:\n]*?)\s*:(?:\s|$)/.exec(text.slice(mark.position - mark.column).split('\n')[0].slice(mark.column));
        if (key) {
          reason = `duplicated mapping key ${/^["']/.test(key[1]) ? key[1] : JSON.stringify(key[1])}`;
        }
      }
      throw new YamlSyntaxError(reason, (mark?.line ?? 0) + options.firstLine, (mark?.column ?? 0) + 1);
    }
    throw e;
  }
  // js-yaml gives an alias the anchored object itself (no copy), so a bomb costs nothing to parse,
  // but a walk over it is exponential; and a node can contain an alias to itself.
  if (typeof value === 'object' && value !== null && text.includes('*') && ANCHOR.test(text)) {
    checkAliases(value, options.maxAliasNodes);
  }
  return value;
}

/** An anchor (`&name`), without which there is no alias; a `*` alone is often a glob in a command. */
const ANCHOR = /(?:^|[\s[{,])&[^\s,[\]{}]/;

/**
 * Counts the nodes the aliases add (what the value would have if each alias were a copy of its
 * node), without expanding them: each object's expanded size is computed once.
 */
function checkAliases(root: object, maxAliasNodes: number): void {
  const sizes = new Map<object, number>();
  const onPath = new Set<object>();
  let distinct = 0;
  // An explicit stack: the expanded value can be far deeper than the document.
  const stack: { node: any; children: unknown[]; next: number; size: number }[] = [];
  const enter = (node: any) => {
    onPath.add(node);
    const children: unknown[] = Array.isArray(node) ? node : Object.values(node);
    stack.push({ node, children, next: 0, size: 1 });
  };
  enter(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next < top.children.length) {
      const child = top.children[top.next++];
      if (typeof child !== 'object' || child === null) {
        top.size++;
        distinct++;
        continue;
      }
      const known = sizes.get(child);
      if (known !== undefined) {
        top.size += known;
      } else if (onPath.has(child)) {
        throw new YamlAliasError('a YAML alias (*name) refers to a node it is inside of (a recursive alias); not checked');
      } else {
        enter(child);
      }
      continue;
    }
    stack.pop();
    onPath.delete(top.node);
    sizes.set(top.node, top.size);
    distinct++;
    if (stack.length > 0) {
      stack[stack.length - 1].size += top.size;
    }
    if (top.size - distinct > maxAliasNodes) {
      break;
    }
  }
  const expanded = sizes.get(root) ?? Infinity;
  if (expanded - distinct > maxAliasNodes) {
    throw new YamlAliasError(`YAML aliases (*name) expand to more than ${maxAliasNodes} nodes, the bound against alias bombs; not checked`);
  }
}

// TypeScript source text for `convert`: values as literals, names as identifiers, and the imports
// a program needs. Pure.

/** A piece of TypeScript written as is inside a literal (`HostProcessUser.SYSTEM`, `Duration.seconds(5)`). */
export class Code {
  constructor(public readonly text: string) {}
}

/** A call (`fn(arg, ...)`) whose arguments go on lines of their own when the call is too long. */
export class Call extends Code {
  constructor(public readonly fn: string, public readonly args: unknown[]) {
    super(`${fn}(${args.map(a => flatLiteral(a) ?? '?').join(', ')})`);
  }
}

/** `fn(args...)` as a `Code` value. */
export function call(fn: string, ...args: unknown[]): Call {
  return new Call(fn, args);
}

/** `code` as a `Code` value. */
export function code(text: string): Code {
  return new Code(text);
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const LINE = 100;

/**
 * Characters escaped in every string literal and replaced in every comment convert writes: control
 * characters (C0, DEL, C1 with NEL), the line and paragraph separators (JavaScript line
 * terminators, ECMA-262 LineTerminator), format characters (bidirectional overrides, the byte
 * order mark, zero-width characters: text that reads differently than it compiles), lone
 * surrogates, private-use and unassigned code points.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}\p{Cn}]/gu;

/** The UTF-16 code units of `s`. */
export function utf16(s: string): number[] {
  return Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));
}

function hex4(unit: number): string {
  return unit.toString(16).padStart(4, '0');
}

/**
 * A TypeScript string literal in single quotes, as the project's eslint rules want them. The only
 * function that writes input text into a TypeScript string: nothing in it can end the literal
 * (quotes and backslashes escaped, every line terminator and every character of `UNSAFE` as a
 * `\uXXXX` escape), and it has no `${` or backtick meaning (it is not a template literal).
 */
export function str(s: string): string {
  // eslint's quotes rule allows double quotes where they avoid escaping a single quote.
  const quote = s.includes('\'') && !s.includes('"') ? '"' : '\'';
  const escaped = s
    .replace(/\\/g, '\\\\')
    .replace(quote === '"' ? /"/g : /'/g, `\\${quote}`)
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(UNSAFE, c => utf16(c).map(u => `\\u${hex4(u)}`).join(''));
  return `${quote}${escaped}${quote}`;
}

/**
 * Input-derived text as it may stand in a comment of the program, in TypeScript and in every
 * language `--language` translates to (jsii-rosetta copies comments as they are). The only function
 * that writes input text into a comment. What could end a comment or be read as code is replaced
 * visibly:
 * - every character outside printable ASCII becomes `<U+XXXX>`: line terminators of every
 *   language (LF, CR, NEL, U+2028, U+2029; C# also ends a line at NEL and the separators), the
 *   characters of `UNSAFE`, and any other non-ASCII character (so no source encoding matters);
 * - an asterisk before a slash becomes `*<U+002F>` (the pair ends a block comment);
 * - a backslash run before `u` is doubled: Java translates `\uXXXX` escapes before it reads
 *   comments (JLS 3.3), so `\u000a` in a Java comment would end it; after an odd number of
 *   backslashes it is no escape.
 */
export function commentText(text: string): string {
  return text
    .replace(/[^\x20-\x7E]/gu, c => `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`)
    .replace(/\*\//g, '*<U+002F>')
    .replace(/\\+(?=u)/g, run => run + run);
}

/** `// <text>`: a line comment of input-derived text, made safe by `commentText`. */
export function comment(text: string): string {
  return `// ${commentText(text)}`;
}

/**
 * A table of the enum members convert writes for the values Kubernetes allows, without a
 * prototype: a value such as `constructor` or `__proto__` finds nothing.
 */
export function enumTable(entries: { [value: string]: string }): { readonly [value: string]: string | undefined } {
  return Object.freeze(Object.assign(Object.create(null), entries));
}

// eslint's quote-props `consistent-as-needed`: every key of an object quoted if one must be.
function key(k: string, quote: boolean): string {
  return quote || !IDENTIFIER.test(k) ? str(k) : k;
}

function quoteAll(keys: string[]): boolean {
  return keys.some(k => !IDENTIFIER.test(k));
}

/** `<prefix><value><suffix>` (a statement), on one line when it fits, else `value` broken into lines. */
export function statement(prefix: string, value: unknown, suffix: string = ';'): string {
  const flat = flatLiteral(value);
  if (flat !== undefined && prefix.length + flat.length + suffix.length <= LINE) {
    return `${prefix}${flat}${suffix}`;
  }
  return `${prefix}${literal(value, '')}${suffix}`;
}

/**
 * `value` as a TypeScript expression: objects and arrays on one line when short, else one entry
 * per line at `indent`. `undefined` entries are left out; `Code` is written as is.
 */
export function literal(value: unknown, indent: string = ''): string {
  const flat = flatLiteral(value);
  if (flat !== undefined && indent.length + flat.length <= LINE) {
    return flat;
  }
  const inner = indent + '  ';
  if (value instanceof Call) {
    return callLiteral(value, indent, inner);
  }
  return multiLine(value, indent);
}

function callLiteral(value: Call, indent: string, inner: string): string {
  // The last argument (usually the options object) may open on the call's line.
  const lastArg = value.args.length > 0 ? value.args[value.args.length - 1] : undefined;
  const head = value.args.slice(0, -1).map(a => flatLiteral(a));
  if (head.every(h => h !== undefined) && (isObject(lastArg) || Array.isArray(lastArg))) {
    const start = `${value.fn}(${[...head, ''].join(', ')}`;
    const lastFlat = flatLiteral(lastArg);
    if (lastFlat !== undefined && indent.length + start.length + lastFlat.length + 1 <= LINE) {
      return `${start}${lastFlat})`;
    }
    if (indent.length + start.length <= LINE) {
      return `${start}${multiLine(lastArg, indent)})`;
    }
  }
  return `${value.fn}(\n${value.args.map(a => `${inner}${literal(a, inner)},\n`).join('')}${indent})`;
}

/** An array or object with one entry per line (anything else as `literal` writes it). */
function multiLine(value: unknown, indent: string): string {
  const inner = indent + '  ';
  if (value instanceof Call) {
    return callLiteral(value, indent, inner);
  }
  if (Array.isArray(value)) {
    return `[\n${value.map(v => `${inner}${literal(v, inner)},\n`).join('')}${indent}]`;
  }
  if (isObject(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    const quote = quoteAll(entries.map(([k]) => k));
    return `{\n${entries.map(([k, v]) => `${inner}${key(k, quote)}: ${literal(v, inner)},\n`).join('')}${indent}}`;
  }
  return flatLiteral(value) ?? (value instanceof Code ? value.text : 'undefined');
}

function flatLiteral(value: unknown): string | undefined {
  if (value instanceof Call) {
    const args = value.args.map(flatLiteral);
    return args.some(a => a === undefined) ? undefined : `${value.fn}(${args.join(', ')})`;
  }
  if (value instanceof Code) {
    return value.text.includes('\n') ? undefined : value.text;
  }
  if (typeof value === 'string') {
    return str(value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    const parts = value.map(flatLiteral);
    return parts.some(p => p === undefined) ? undefined : `[${parts.join(', ')}]`;
  }
  if (isObject(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) {
      return '{}';
    }
    const quote = quoteAll(entries.map(([k]) => k));
    const parts = entries.map(([k, v]) => {
      const flat = flatLiteral(v);
      return flat === undefined ? undefined : `${key(k, quote)}: ${flat}`;
    });
    return parts.some(p => p === undefined) ? undefined : `{ ${parts.join(', ')} }`;
  }
  return undefined;
}

/** Whether `value` is a plain object (not an array, not `null`, not `Code`). */
export function isObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Code);
}

const RESERVED = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum',
  'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null',
  'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield',
  'let', 'static', 'implements', 'interface', 'package', 'private', 'protected', 'public', 'await', 'async',
  // the program's own names
  'app', 'chart', 'kplus', 'App', 'Chart', 'ApiObject', 'Duration', 'JsonPatch', 'Cron', 'Size', 'Cpu',
  // the Java program's (imports.ts JAVA_ORDERED_MAP), and Java's own names it uses
  'orderedMap', 'args', 'List', 'Map', 'LinkedHashMap', 'Main',
]);

/**
 * Hands out camelCase variable names made from Kubernetes names (`kube-proxy-windows` →
 * `kubeProxyWindows`), each once.
 */
export class Names {
  private readonly used = new Set<string>();

  /** A fresh identifier for `name`, with `suffix` (e.g. `Config`) when the plain one is taken. */
  public variable(name: string, suffix: string = ''): string {
    const words = name.split(/[^A-Za-z0-9]+/).filter(w => w.length > 0);
    let base = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('');
    if (base === '' || /^[0-9]/.test(base)) {
      base = `object${base.charAt(0).toUpperCase()}${base.slice(1)}`;
    }
    const candidates = [base, `${base}${suffix}`];
    for (const candidate of candidates) {
      if (!this.used.has(candidate) && !RESERVED.has(candidate)) {
        this.used.add(candidate);
        return candidate;
      }
    }
    for (let i = 2; ; i++) {
      const candidate = `${base}${suffix}${i}`;
      if (!this.used.has(candidate)) {
        this.used.add(candidate);
        return candidate;
      }
    }
  }
}

/** Construct ids: unique within the chart, readable, from Kubernetes names. */
export class Ids {
  private readonly used = new Set<string>();

  /** A fresh construct id for `name` (`/` is not allowed in ids). */
  public id(name: string): string {
    const base = name.replace(/\//g, '-') || 'object';
    let candidate = base;
    for (let i = 2; this.used.has(candidate); i++) {
      candidate = `${base}-${i}`;
    }
    this.used.add(candidate);
    return candidate;
  }
}

/** The names a program imports, by module. */
export class Imports {
  private readonly named = new Map<string, Set<string>>();
  private readonly namespaces = new Map<string, string>();

  /** `import { name } from 'module'`; returns `name`. */
  public use(module: string, name: string): string {
    let names = this.named.get(module);
    if (!names) {
      names = new Set();
      this.named.set(module, names);
    }
    names.add(name);
    return name;
  }

  /** `import * as alias from 'module'`; returns `alias`. */
  public namespace(module: string, alias: string): string {
    this.namespaces.set(module, alias);
    return alias;
  }

  /**
   * The import statements for what `body` uses (a name may have been asked for by code that was
   * then not written), modules in alphabetical order as eslint's import/order rule wants them.
   */
  public render(body: string): string[] {
    const used = (name: string) => new RegExp(`(^|[^A-Za-z0-9_$.])${name.replace(/\$/g, '\\$')}[.(]`).test(body);
    const modules = [...new Set([...this.named.keys(), ...this.namespaces.keys()])].sort();
    const lines: string[] = [];
    for (const module of modules) {
      const names = new Set([...this.named.get(module) ?? []].filter(used));
      if (names.size > 0) {
        lines.push(`import { ${[...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }) || (a < b ? -1 : 1)).join(', ')} } from ${str(module)};`);
      }
      const alias = this.namespaces.get(module);
      if (alias && used(alias)) {
        lines.push(`import * as ${alias} from ${str(module)};`);
      }
    }
    return lines;
  }
}

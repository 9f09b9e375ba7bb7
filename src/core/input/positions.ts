// Where a field of a parsed document is written: line and column of its key (or of its list item).
// Not recorded by the first parse, which stays as fast as js-yaml allows: for a document with
// findings, its lines are scanned along the field's path where they are plain block YAML (most
// manifests), and otherwise it is parsed again with js-yaml's node events (open and close of
// every node).
import { parseYaml } from './kubernetes-yaml';

/** A 1-based line and column in the input. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** What is known of one mapping or sequence: where it starts, and where each key or item is. */
interface NodePositions extends Position {
  keys?: Map<string, Position>;
  items?: Position[];
}

/** A path from the document's root: keys, and indices of sequences. */
export type NodePath = readonly (string | number)[];

const SPACE = 0x20;
const TAB = 0x09;
const COLON = 0x3a;

/**
 * Locates fields of one document's text (which parsed before): parsed again, once, on the first
 * question. Hold it only while the document's findings are located: it keeps the text.
 */
export class FieldLocator {
  private nodes: Map<object, NodePositions> | undefined;
  private lines: string[] | undefined;
  private root: unknown;

  /** `scan` false: always parse (the tests compare both ways). */
  constructor(private readonly text: string, private readonly firstLine: number, private readonly maxAliasNodes: number,
    private readonly scan: boolean = true) {}

  /**
   * The position of `field` (`spec.template.spec.containers[0].workingDir`, map keys as
   * `[key]`) in the object at `base` (the root, or a List's item): its key's, or for a field
   * that is not written (a missing `hostNetwork`) that of the deepest field above it that is, or
   * the object's own. Undefined when not even the object is known.
   */
  public locate(base: NodePath, field: string): Position | undefined {
    const steps = [...base.map(String), ...fieldPath(field)];
    if (this.scan) {
      const scanned = scanBlock(this.lines ??= this.text.split('\n'), this.firstLine, steps);
      if (scanned !== CANNOT_TELL) return scanned;
    }
    const nodes = this.index();
    let value: any = this.root;
    for (const step of base) {
      value = value?.[step];
    }
    let best: Position | undefined = typeof value === 'object' && value !== null ? nodes.get(value) : undefined;
    for (const step of fieldPath(field)) {
      if (typeof value !== 'object' || value === null) break;
      const node = nodes.get(value);
      const index = Array.isArray(value) ? Number(step) : undefined;
      const at = index !== undefined ? node?.items?.[index] : node?.keys?.get(step);
      if (at === undefined) break;
      best = at;
      value = index !== undefined ? value[index] : value[step];
    }
    return best === undefined ? undefined : { line: best.line, column: best.column };
  }

  private index(): Map<object, NodePositions> {
    if (this.nodes !== undefined) return this.nodes;
    const nodes = new Map<object, NodePositions>();
    const firstLine = this.firstLine;
    // Flat stacks, no allocation per scalar: the open nodes' positions and where their children
    // start in the children stack (each child's key, when it is one, and position).
    const openLines: number[] = [];
    const openColumns: number[] = [];
    const openChildren: number[] = [];
    const childKeys: (string | undefined)[] = [];
    const childLines: number[] = [];
    const childColumns: number[] = [];
    const listener = (event: string, state: any) => {
      const input: string = state.input;
      if (event === 'open') {
        // A node starts where its content does: after the spaces before it, on its line.
        let p: number = state.position;
        let c = input.charCodeAt(p);
        while (c === SPACE || c === TAB) c = input.charCodeAt(++p);
        openLines.push(state.line + firstLine);
        openColumns.push(p - state.lineStart + 1);
        openChildren.push(childKeys.length);
        return;
      }
      const line = openLines.pop()!;
      const column = openColumns.pop()!;
      const first = openChildren.pop()!;
      const result = state.result;
      let key: string | undefined;
      if (typeof result === 'object' && result !== null) {
        if (!nodes.has(result)) {
          const node: NodePositions = { line, column };
          const count = childKeys.length - first;
          if (Array.isArray(result)) {
            // Every item of a sequence is one node (a single-pair mapping in a flow sequence, `[a: b]`, is not: then no items).
            if (count === result.length) {
              node.items = [];
              for (let k = first; k < childKeys.length; k++) node.items.push({ line: childLines[k], column: childColumns[k] });
            }
          } else if (count > 0) {
            node.keys = new Map();
            for (let k = first; k < childKeys.length; k++) {
              const name = childKeys[k];
              if (name !== undefined) node.keys.set(name, { line: childLines[k], column: childColumns[k] });
            }
          }
          nodes.set(result, node);
        }
      } else if (typeof result === 'string' || typeof result === 'number' || typeof result === 'boolean') {
        // A key is the scalar a `:` follows on its line.
        let p: number = state.position;
        let c = input.charCodeAt(p);
        while (c === SPACE || c === TAB) c = input.charCodeAt(++p);
        if (c === COLON) key = String(result);
      }
      childKeys.length = first;
      childLines.length = first;
      childColumns.length = first;
      if (openLines.length > 0) {
        childKeys.push(key);
        childLines.push(line);
        childColumns.push(column);
      }
    };
    this.root = parseYaml(this.text, { firstLine: this.firstLine, maxAliasNodes: this.maxAliasNodes, listener });
    this.nodes = nodes;
    return nodes;
  }
}

/** What scanBlock returns when the text is not plain block YAML along the path. */
export const CANNOT_TELL = null;

/**
 * The position of the node at `steps` (keys, and indices as digits), found in the lines of a
 * document written in block style, as FieldLocator.locate answers it (the deepest node of the path
 * that is written), without parsing: about a tenth of a parse (see docs/performance.md). In block
 * style every line indented exactly as a mapping's first key is one of its keys (or an entry of a
 * sequence under a key, `key:` then `- item` at the same indent), because the content of a block
 * or multi-line scalar is indented more than its parent (YAML 1.2.2, 8.1.1.1 and 7.3.1; the same in
 * YAML 1.1). CANNOT_TELL, for the parser to answer, when anything else is on the path: a flow
 * collection, an anchor, alias or tag, an explicit or quoted key, a document that starts on its
 * `---` line.
 */
export function scanBlock(lines: readonly string[], firstLine: number, steps: readonly string[]): Position | undefined | typeof CANNOT_TELL {
  // The root: the first line that is content (not blank, a comment, a directive or a marker).
  let l = 0;
  for (; l < lines.length; l++) {
    const t = lines[l].trim();
    if (t === '---') continue;
    if (t === '' || t.startsWith('#') || t.startsWith('%')) continue;
    break;
  }
  if (l >= lines.length || lines[l].startsWith('---') || lines[l].startsWith('...')) return CANNOT_TELL;
  let c = indentOf(lines[l]);
  let best: Position = { line: l + firstLine, column: c + 1 };
  for (const step of steps) {
    const text = lines[l];
    const ch = text.charCodeAt(c);
    if (ch === DASH_CODE && isBlank(text.charCodeAt(c + 1))) {
      // A block sequence: its entries are the lines with `-` at column c.
      if (!/^[0-9]+$/.test(step)) return best;
      const index = Number(step);
      let count = -1;
      let k = l;
      for (; k < lines.length; k++) {
        const indent = k === l ? c : indentOf(lines[k]);
        if (k !== l && isSkipped(lines[k], indent)) continue;
        if (indent < c) return best;
        if (indent === c) {
          if (lines[k].charCodeAt(c) !== DASH_CODE || !isBlank(lines[k].charCodeAt(c + 1))) return best;
          if (++count === index) break;
        }
      }
      if (k >= lines.length) return best;
      // The entry's content: after `- ` on its line, or on the next content line.
      let p = c + 1;
      while (lines[k].charCodeAt(p) === SPACE) p++;
      if (p < lines[k].length && lines[k].charCodeAt(p) !== HASH) {
        if (!isPlainStart(lines[k].charCodeAt(p))) return CANNOT_TELL;
        l = k;
        c = p;
      } else {
        const next = nextContent(lines, k + 1, c);
        if (next === undefined) return best;
        [l, c] = next;
      }
      best = { line: l + firstLine, column: c + 1 };
      continue;
    }
    if (!isPlainStart(ch)) return CANNOT_TELL;
    // A block mapping: its keys are the lines indented c (a `- ` there is a sequence under the previous key).
    let k = l;
    let rest: number | undefined;
    for (; k < lines.length; k++) {
      const indent = k === l ? c : indentOf(lines[k]);
      if (k !== l && isSkipped(lines[k], indent)) continue;
      if (indent < c) return best;
      if (indent > c) continue;
      const line = lines[k];
      if (line.charCodeAt(c) === DASH_CODE && isBlank(line.charCodeAt(c + 1))) continue;
      if (!isPlainStart(line.charCodeAt(c))) return CANNOT_TELL;
      const colon = keyEnd(line, c);
      if (colon === undefined) return CANNOT_TELL;
      if (line.slice(c, colon).trimEnd() === step) {
        rest = colon + 1;
        break;
      }
    }
    if (rest === undefined) return best;
    best = { line: k + firstLine, column: c + 1 };
    // The value: after `key: ` on its line, or on the next content line (a sequence may sit at the key's indent).
    const line = lines[k];
    let p = rest;
    while (line.charCodeAt(p) === SPACE) p++;
    if (p < line.length && line.charCodeAt(p) !== HASH) {
      if (!isPlainStart(line.charCodeAt(p))) return CANNOT_TELL;
      l = k;
      c = p;
    } else {
      const next = nextContent(lines, k + 1, c - 1);
      if (next === undefined) return best;
      [l, c] = next;
      if (c === best.column - 1 && !(lines[l].charCodeAt(c) === DASH_CODE && isBlank(lines[l].charCodeAt(c + 1)))) return best;
    }
  }
  return best;
}

const DASH_CODE = 0x2d;
const HASH = 0x23;

function indentOf(line: string): number {
  let i = 0;
  while (line.charCodeAt(i) === SPACE) i++;
  return i;
}

/** A blank line or a comment: no content. */
function isSkipped(line: string, indent: number): boolean {
  return indent >= line.length || line.charCodeAt(indent) === HASH || line.charCodeAt(indent) === 0x0d;
}

function isBlank(code: number): boolean {
  return Number.isNaN(code) || code === SPACE || code === TAB || code === 0x0d;
}

/** Whether a node starting with `code` is a plain scalar or a block collection's key (not a flow collection, quote, anchor, alias, tag, block scalar or explicit key). */
function isPlainStart(code: number): boolean {
  // { [ " ' & * ! | > ? % @ `
  return !(code === 0x7b || code === 0x5b || code === 0x22 || code === 0x27 || code === 0x26 || code === 0x2a || code === 0x21 ||
    code === 0x7c || code === 0x3e || code === 0x3f || code === 0x25 || code === 0x40 || code === 0x60 || Number.isNaN(code));
}

/** The index of the `:` that ends a plain key starting at `c` (followed by a blank), or undefined. */
function keyEnd(line: string, c: number): number | undefined {
  for (let p = c; p < line.length; p++) {
    const code = line.charCodeAt(p);
    if (code === COLON && isBlank(line.charCodeAt(p + 1))) return p;
    if (code === HASH && p > c && isBlank(line.charCodeAt(p - 1))) return undefined;
  }
  return undefined;
}

/** The next content line after `from` indented more than `parent`, with its indent. */
function nextContent(lines: readonly string[], from: number, parent: number): [number, number] | undefined {
  for (let k = from; k < lines.length; k++) {
    const indent = indentOf(lines[k]);
    if (isSkipped(lines[k], indent)) continue;
    return indent > parent ? [k, indent] : undefined;
  }
  return undefined;
}

/** `a.b[0][c.d].e` as `['a', 'b', '0', 'c.d', 'e']`. */
export function fieldPath(field: string): string[] {
  const steps: string[] = [];
  let i = 0;
  while (i < field.length) {
    if (field[i] === '[') {
      const end = field.indexOf(']', i);
      if (end < 0) break;
      steps.push(field.slice(i + 1, end));
      i = end + 1;
    } else if (field[i] === '.') {
      i++;
    } else {
      let end = i;
      while (end < field.length && field[end] !== '.' && field[end] !== '[') end++;
      steps.push(field.slice(i, end));
      i = end;
    }
  }
  return steps;
}

// Line breaks for the policy's CEL, so that a reviewer can read the synthesized YAML: an expression
// that does not fit in WIDTH characters is broken at its weakest operator (`?:`, then `||`, `&&`,
// `+`), else inside its brackets (one argument or element a line), each part indented under it,
// and a string literal too long for a line is written as a sum of shorter ones. CEL treats line
// breaks as spaces (the cel-spec language definition, "Syntax": WHITESPACE includes newlines), and
// the sum of literals is the same string, so the policy decides and says the same.

/** The widest line the formatter aims for, indentation included. */
export const WIDTH = 100;

const OPEN = '([{';
const CLOSE = ')]}';

/** Each character's bracket depth, with string literals (and escapes in them) skipped as depth -1. */
function depths(text: string): number[] {
  const out: number[] = [];
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote !== undefined) {
      out.push(-1);
      if (ch === '\\') {
        out.push(-1);
        i++;
      } else if (ch === quote) {
        quote = undefined;
      }
      continue;
    }
    if (ch === '\'' || ch === '"') {
      quote = ch;
      out.push(-1);
      continue;
    }
    if (CLOSE.includes(ch)) depth--;
    out.push(depth);
    if (OPEN.includes(ch)) depth++;
  }
  return out;
}

/** The top-level positions of `op` in `text`. */
function topLevel(text: string, d: number[], op: string): number[] {
  const at: number[] = [];
  for (let i = 0; i + op.length <= text.length; i++) {
    if (d[i] === 0 && text.startsWith(op, i)) at.push(i);
  }
  return at;
}

function splitAt(text: string, positions: number[], width: number): string[] {
  const parts: string[] = [];
  let from = 0;
  for (const p of positions) {
    parts.push(text.slice(from, p).trim());
    from = p + width;
  }
  parts.push(text.slice(from).trim());
  return parts;
}

/** A string literal (with its quotes) as a sum of literals that each fit `room`, split at spaces. */
function splitLiteral(literal: string, room: number): string[] {
  const quote = literal[0];
  const body = literal.slice(1, -1);
  const chunks: string[] = [];
  let rest = body;
  while (rest.length + 2 > room) {
    const cut = rest.lastIndexOf(' ', room - 2);
    if (cut <= 0) break;
    chunks.push(rest.slice(0, cut + 1));
    rest = rest.slice(cut + 1);
  }
  chunks.push(rest);
  return chunks.map(c => `${quote}${c}${quote}`);
}

/** `text` formatted to start at column `indent` (its first line not indented). */
export function formatCel(text: string, indent = 0): string {
  text = text.trim();
  if (indent + text.length <= WIDTH) return text;
  const pad = ' '.repeat(indent);
  const d = depths(text);
  // A conditional: `c ? a : b`, the weakest and right-associative; its `:` is the one that matches.
  const question = topLevel(text, d, '?')[0];
  if (question !== undefined) {
    let nested = 0;
    let colon = -1;
    for (let i = question + 1; i < text.length; i++) {
      if (d[i] !== 0) continue;
      if (text[i] === '?') nested++;
      if (text[i] === ':') {
        if (nested === 0) { colon = i; break; }
        nested--;
      }
    }
    if (colon > 0) {
      const [cond, then, otherwise] = [text.slice(0, question), text.slice(question + 1, colon), text.slice(colon + 1)];
      return `${formatCel(cond, indent)}\n${pad}  ? ${formatCel(then, indent + 4)}\n${pad}  : ${formatCel(otherwise, indent + 4)}`;
    }
  }
  for (const op of ['||', '&&', '+']) {
    const at = topLevel(text, d, op);
    if (at.length > 0) {
      const parts = splitAt(text, at, op.length);
      return parts.map((p, i) => (i === 0 ? formatCel(p, indent) : `${pad}${op} ${formatCel(p, indent + op.length + 1)}`)).join('\n');
    }
  }
  // A string literal alone.
  if (d.every(x => x === -1)) {
    return splitLiteral(text, WIDTH - indent - 2).map((c, i) => (i === 0 ? c : `${pad}+ ${c}`)).join('\n');
  }
  // A primary: break inside each long bracket group, one comma-separated part a line.
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (d[i] === 0 && OPEN.includes(text[i])) {
      let j = i + 1;
      while (j < text.length && !(d[j] === 0 && CLOSE.includes(text[j]))) j++;
      const inner = text.slice(i + 1, j);
      const innerDepths = depths(inner);
      const commas = topLevel(inner, innerDepths, ',');
      const parts = splitAt(inner, commas, 1);
      const lineStart = out.lastIndexOf('\n') + 1;
      if (indent + (out.length - lineStart) + inner.length + 2 <= WIDTH) {
        out += text.slice(i, j + 1);
      } else {
        out += `${text[i]}\n${parts.map(p => `${pad}  ${formatCel(p, indent + 2)}`).join(',\n')}\n${pad}${text[j]}`;
      }
      i = j + 1;
    } else {
      out += text[i];
      i++;
    }
  }
  return out;
}

// Splits a YAML stream into its documents as the bytes arrive, so that the lint command holds one
// document at a time, never the whole stream.
//
// Sound because of the YAML spec's c-forbidden production (YAML 1.2.2, section 9.1.4; the same
// rule as YAML 1.1's, section 9.1.4 "Document markers"): a line that starts at column 0 with `---`
// or `...` followed by a space, a tab, a line break or the end of the stream is a document marker
// wherever it appears; it cannot be content of a block scalar, a quoted scalar or a flow
// collection. So a line-based split is exact, and each piece can be given to a parser on its own.

/** One document of a stream, with where it starts. */
export interface SplitDocument {
  /** Its 1-based index in the stream. */
  readonly index: number;
  /** The 1-based line of the stream where its text starts (directives, comments or its `---`). */
  readonly firstLine: number;
  /**
   * The 1-based line where its content starts (its root node: the `--- content` line, or the first
   * line that is neither blank, a comment, nor a directive); `firstLine` when it has none.
   */
  readonly contentLine: number;
  /** Whether it has content at all (not only comments, directives and markers). */
  readonly hasContent: boolean;
  /** Its size in bytes. */
  readonly size: number;
  /** Its text from `firstLine` on; absent when it is larger than the limit (its bytes were not kept). */
  readonly text?: string;
}

const NL = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const DASH = 0x2d;
const DOT = 0x2e;
const HASH = 0x23;
const PERCENT = 0x25;

/** What is kept of a line's start to classify it (a marker, a comment, content). */
const HEAD = 64;

type Marker = 'start' | 'end' | undefined;

/** The start of a line that ends in a later chunk. */
interface Partial {
  /** Its bytes; absent once its document is over the limit. */
  parts?: Uint8Array[];
  size: number;
  head: Uint8Array;
}

/**
 * A line-based YAML document splitter: `push` the stream's chunks, then `end`; each document is
 * handed to `onDocument` as soon as its end is seen (the next marker, or the end of the stream).
 * A document larger than `maxDocumentSize` bytes is handed over without its text, and its bytes
 * are not kept. Chunks are kept by reference until their document is handed over, not copied.
 */
export class DocumentSplitter {
  private index = 0;
  /** The 1-based number of the line being read. */
  private line = 1;
  /** The current document's complete lines from earlier chunks (none once it is over the limit). */
  private parts: Uint8Array[] = [];
  private size = 0;
  private oversized = false;
  private firstLine = 1;
  private contentLine = 0;
  private hasMarker = false;
  private partial: Partial | undefined;
  private started = false;

  constructor(
    private readonly onDocument: (doc: SplitDocument) => void,
    private readonly maxDocumentSize: number = Infinity,
  ) {}

  /** Feeds the next bytes of the stream. */
  public push(chunk: Uint8Array): void {
    if (!this.started && chunk.length > 0) {
      this.started = true;
      // A byte order mark may start the stream (YAML 1.2.2, 5.2 "Character Encodings").
      if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
        chunk = chunk.subarray(3);
      }
    }
    let docStart = 0; // where the current document's bytes start in this chunk
    let pos = 0;
    for (let nl = chunk.indexOf(NL); nl >= 0; nl = chunk.indexOf(NL, pos)) {
      const carried = this.partial;
      this.partial = undefined;
      const head = carried === undefined ? chunk.subarray(pos, Math.min(nl + 1, pos + HEAD)) : extend(carried.head, chunk.subarray(0, nl + 1));
      const lineLength = (carried?.size ?? 0) + nl + 1 - pos;
      const marker = markerOf(head);
      if (marker === 'start' && (this.hasMarker || this.contentLine > 0)) {
        // The document before this line ends (when the line started in an earlier chunk, pos is 0).
        this.emit(chunk.subarray(docStart, pos));
        this.reset(this.line);
        docStart = pos;
      }
      if (carried !== undefined) {
        if (carried.parts === undefined) {
          this.oversized = true;
        } else if (!this.oversized) {
          this.parts.push(...carried.parts);
        }
      }
      this.add(lineLength);
      if (marker === 'start') {
        this.hasMarker = true;
        if (this.contentLine === 0 && hasContentAfterMarker(head)) {
          this.contentLine = this.line;
        }
      } else if (marker === 'end') {
        if (this.hasMarker || this.contentLine > 0) {
          this.emit(chunk.subarray(docStart, nl + 1));
        }
        // A `...` with no document before it ends nothing, and is dropped with the comments before it.
        this.reset(this.line + 1);
        docStart = nl + 1;
      } else if (this.contentLine === 0 && isContent(head, !this.hasMarker)) {
        this.contentLine = this.line;
      }
      this.line++;
      pos = nl + 1;
    }
    if (!this.oversized && pos > docStart) {
      this.parts.push(chunk.subarray(docStart, pos));
    }
    if (pos < chunk.length) {
      // The start of a line that ends in a later chunk.
      const rest = chunk.subarray(pos);
      const partial = this.partial ?? { parts: [], size: 0, head: new Uint8Array(0) };
      partial.size += rest.length;
      partial.head = extend(partial.head, rest);
      partial.parts?.push(rest);
      if (this.size + partial.size > this.maxDocumentSize) {
        // Too large for the current document; the line is still kept in case it starts the next
        // one (a `---` line), unless it is too large for any document.
        this.oversized = true;
        this.parts = [];
        if (partial.size > this.maxDocumentSize) {
          partial.parts = undefined;
        }
      }
      this.partial = partial;
    }
  }

  /** Ends the stream: hands over its last document. */
  public end(): void {
    if (this.partial !== undefined) {
      // The last line has no line break: read it as if it had one.
      this.push(Uint8Array.of(NL));
    }
    if (this.hasMarker || this.contentLine > 0) {
      this.emit(new Uint8Array(0));
    }
    this.reset(this.line);
  }

  private add(lineLength: number): void {
    this.size += lineLength;
    if (this.size > this.maxDocumentSize) {
      this.oversized = true;
      this.parts = [];
    }
  }

  /** Hands over the current document, whose last bytes are `last`. */
  private emit(last: Uint8Array): void {
    this.index++;
    let text: string | undefined;
    if (!this.oversized) {
      if (last.length > 0) {
        this.parts.push(last);
      }
      text = decode(this.parts);
    }
    this.onDocument({
      index: this.index,
      firstLine: this.firstLine,
      contentLine: this.contentLine > 0 ? this.contentLine : this.firstLine,
      hasContent: this.contentLine > 0,
      size: this.size,
      text,
    });
  }

  private reset(firstLine: number): void {
    this.parts = [];
    this.size = 0;
    this.oversized = false;
    this.firstLine = firstLine;
    this.contentLine = 0;
    this.hasMarker = false;
  }
}

/** Where a line starts after a byte order mark, which may open any document of a stream (YAML 1.2.2, 9.1.1). */
function afterBom(head: Uint8Array): number {
  return head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
}

/** `---` or `...` at column 0 (after a byte order mark), then a space, a tab, a line break or the end. */
function markerOf(head: Uint8Array): Marker {
  const o = afterBom(head);
  if (head.length < o + 3) {
    return undefined;
  }
  const c = head[o];
  if ((c !== DASH && c !== DOT) || head[o + 1] !== c || head[o + 2] !== c) {
    return undefined;
  }
  if (head.length > o + 3) {
    const next = head[o + 3];
    if (next !== SPACE && next !== TAB && next !== NL && next !== CR) {
      return undefined;
    }
  }
  return c === DASH ? 'start' : 'end';
}

/** Whether a `---` line has a node after the marker (`--- {a: 1}`, `--- |`), not only a comment. */
function hasContentAfterMarker(head: Uint8Array): boolean {
  for (let i = afterBom(head) + 3; i < head.length; i++) {
    const c = head[i];
    if (c === SPACE || c === TAB) continue;
    return c !== NL && c !== CR && c !== HASH;
  }
  return false;
}

/** Whether a line is content: not blank, not a comment, not a directive (in a document's prologue). */
function isContent(head: Uint8Array, inPrologue: boolean): boolean {
  if (inPrologue && head.length > 0 && head[0] === PERCENT) {
    return false;
  }
  for (let i = 0; i < head.length; i++) {
    const c = head[i];
    if (c === SPACE || c === TAB) continue;
    return c !== NL && c !== CR && c !== HASH;
  }
  // Only white space so far (the head of a long line): content if anything else follows.
  return head.length >= HEAD;
}

/** `head` with `more` after it, up to HEAD bytes. */
function extend(head: Uint8Array, more: Uint8Array): Uint8Array {
  if (head.length >= HEAD) {
    return head;
  }
  const result = new Uint8Array(Math.min(HEAD, head.length + more.length));
  result.set(head);
  result.set(more.subarray(0, result.length - head.length), head.length);
  return result;
}

function decode(parts: Uint8Array[]): string {
  const bytes = parts.length === 1 ? parts[0] : Buffer.concat(parts);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

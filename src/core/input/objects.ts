// Reading Kubernetes objects from YAML input, for lint and convert alike: the bytes of one input, as
// they arrive, split into documents, each parsed as kubectl would (go-yaml v2 scalars, duplicate keys
// an error, aliases bounded), and the objects of each (itself, or the items of a `List`) with the
// line each starts on. What cannot be read is a problem located by file, document, line and column.
import { DocumentSplitter, SplitDocument } from './document-splitter';
import { YamlAliasError, YamlSyntaxError, parseYaml } from './kubernetes-yaml';
import { FieldLocator, NodePath, Position } from './positions';
import type { LintProblem } from '../cli/report';

/**
 * The most nodes a document may reach through YAML aliases (`*name`): the nodes the aliases would
 * add if each were a copy of the node it names. A bound rather than none, against alias
 * bombs ("billion laughs"); as high as the 400,000 decode operations up to which Kubernetes' YAML
 * decoder lets 99% of a document come from aliases (alias_ratio_range_low in
 * sigs.k8s.io/yaml goyaml.v2/decode.go@v1.4.0, now go.yaml.in/yaml/v2).
 */
export const MAX_ALIAS_NODES = 400_000;

/** The default largest document parsed: 64 MiB, far above any manifest, far below the memory a parse of it takes. */
export const DEFAULT_MAX_DOCUMENT_SIZE = 64 * 1024 * 1024;

// YAML allows neither NUL nor the other C0 controls but tab, LF and CR, nor DEL; U+FFFD is what
// decoding put in place of bytes that are not UTF-8.
// eslint-disable-next-line no-control-regex
export const BINARY = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F\uFFFD]/;

/** The message for an input that is not YAML. */
export const BINARY_MESSAGE = 'binary file (it has bytes YAML does not allow: NUL, control characters or invalid UTF-8), not YAML';

/** One object of an input, with where it starts. */
export interface LocatedObject {
  /** The object, as plain JSON (a mapping). */
  readonly object: { [key: string]: any };
  readonly file: string;
  /** The 1-based index of its YAML document in the file. */
  readonly document: number;
  /** The 1-based line where it starts (its document, or its item in a `List`). */
  readonly line: number;
  /**
   * Where a field of the object is written (see FieldLocator.locate): the document is parsed again
   * on the first call. Call it only while the object is being handled (it holds the document).
   */
  readonly locate?: (field: string) => Position | undefined;
}

/** Where the objects and problems of an input go. */
export interface ObjectSink {
  /** One object; an exception thrown here is the caller's to report (the reader stops on it). */
  object(o: LocatedObject): void;
  problem(p: LintProblem): void;
}

/** How a reader reads. */
export interface ReaderOptions {
  /** The largest document parsed, in bytes; a larger one is a problem. Default DEFAULT_MAX_DOCUMENT_SIZE. */
  readonly maxDocumentSize?: number;
  /** The problem for a document larger than the limit. */
  readonly tooLarge: (limit: number) => string;
}

/** Reads one input as its bytes arrive: each document is read, and its objects given, as it ends. */
export class ObjectReader {
  /** How many documents had content (a mapping or not, readable or not). */
  public nonEmpty = 0;
  /** Set once the input is known not to be YAML: the rest is not read. */
  public stopped = false;
  private readonly splitter: DocumentSplitter;

  constructor(private readonly file: string, private readonly sink: ObjectSink, private readonly options: ReaderOptions) {
    this.splitter = new DocumentSplitter(doc => this.document(doc), options.maxDocumentSize ?? DEFAULT_MAX_DOCUMENT_SIZE);
  }

  public push(chunk: Uint8Array | string): void {
    if (!this.stopped) {
      this.splitter.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    }
  }

  public end(): void {
    if (!this.stopped) {
      this.splitter.end();
    }
  }

  /** Stops reading (the input failed, or its reader broke on it). */
  public stop(): void {
    this.stopped = true;
  }

  private document(doc: SplitDocument): void {
    if (this.stopped) {
      return;
    }
    const place = { file: this.file, document: doc.index, line: doc.contentLine };
    if (doc.text === undefined) {
      this.sink.problem({ ...place, message: this.options.tooLarge(this.options.maxDocumentSize ?? DEFAULT_MAX_DOCUMENT_SIZE) });
      this.nonEmpty++;
      return;
    }
    if (!doc.hasContent) {
      return;
    }
    if (BINARY.test(doc.text)) {
      this.sink.problem({ file: this.file, message: BINARY_MESSAGE });
      this.stopped = true;
      return;
    }
    let value: unknown;
    try {
      value = parseYaml(doc.text, { firstLine: doc.firstLine, maxAliasNodes: MAX_ALIAS_NODES });
    } catch (e) {
      this.nonEmpty++;
      if (e instanceof YamlSyntaxError) {
        this.sink.problem({ ...place, line: e.line, column: e.column, message: `not valid YAML: ${e.message}` });
      } else if (e instanceof YamlAliasError) {
        this.sink.problem({ ...place, message: e.message });
      } else {
        this.sink.problem({ ...place, message: `internal error: ${errorMessage(e)}` });
      }
      return;
    }
    if (value === null || value === undefined) {
      return;
    }
    this.nonEmpty++;
    if (!isMapping(value)) {
      this.sink.problem({ ...place, message: `not a mapping (it is ${describe(value)}), so not a Kubernetes object` });
      return;
    }
    let lines: Map<object, number> | undefined;
    if (isList(value)) {
      // Where each item starts: parsed again, noting every node's line (Lists are rare).
      lines = new Map();
      value = parseYaml(doc.text, { firstLine: doc.firstLine, maxAliasNodes: MAX_ALIAS_NODES, lines });
    }
    const locator = new FieldLocator(doc.text, doc.firstLine, MAX_ALIAS_NODES);
    for (const { object, line, path } of objectsOf(value, lines, place.line, [])) {
      this.sink.object({ object, file: this.file, document: doc.index, line, locate: field => locator.locate(path, field) });
    }
  }
}

/** Whether `value` is a `List` (`v1/List`, `PodList`, ...): its items are objects of their own. */
export function isList(value: any): boolean {
  return typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items);
}

/**
 * The objects of a document with the line each starts on: itself, or the mapping items of a `List`,
 * which sit on lines of their own.
 */
function objectsOf(value: any, lines: Map<object, number> | undefined, line: number,
  path: NodePath): { object: any; line: number; path: NodePath }[] {
  if (!isList(value)) {
    return [{ object: value, line, path }];
  }
  const result: { object: any; line: number; path: NodePath }[] = [];
  (value.items as unknown[]).forEach((item, i) => {
    if (!isMapping(item)) return;
    result.push(...objectsOf(item, lines, lines?.get(item) ?? line, [...path, 'items', i]));
  });
  return result;
}

/** Whether `value` is a YAML mapping (a JSON object). */
export function isMapping(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) {
    return 'a sequence';
  }
  const text = typeof value === 'string' ? value.slice(0, 41) : String(value);
  return `a ${typeof value === 'object' ? 'value' : typeof value}: ${JSON.stringify(text).slice(0, 40)}`;
}

/** An error's message, as one line. */
export function errorMessage(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.split('\n')[0];
}

import * as YAML from 'yaml';
import { DocumentSplitter, SplitDocument } from '../../../src/core/input/document-splitter';
import { parseYaml } from '../../../src/core/input/kubernetes-yaml';

function split(text: string | Uint8Array, chunkSize = Infinity, max = Infinity): SplitDocument[] {
  const docs: SplitDocument[] = [];
  const splitter = new DocumentSplitter(d => docs.push(d), max);
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  for (let i = 0; i < bytes.length; i += Math.min(chunkSize, bytes.length)) {
    splitter.push(bytes.subarray(i, i + Math.min(chunkSize, bytes.length)));
  }
  splitter.end();
  return docs;
}

/** Each document parsed on its own, as lint does. */
function values(text: string, chunkSize = Infinity): unknown[] {
  return split(text, chunkSize).filter(d => d.hasContent).map(d => parseYaml(d.text!, { firstLine: d.firstLine, maxAliasNodes: 1000 }));
}

/** The whole stream parsed at once by a YAML parser that follows the spec (the yaml package). */
function reference(text: string): unknown[] {
  return YAML.parseAllDocuments(text, { version: '1.1' }).map(d => {
    expect(d.errors).toEqual([]);
    return d.toJS();
  }).filter(v => v !== null && v !== undefined);
}

// Streams whose documents a parser of the whole stream and the splitter must agree on.
const STREAMS: [string, string][] = [
  ['plain documents', 'a: 1\n---\nb: 2\n'],
  ['a leading --- and comments before it', '# Source: chart/templates/a.yaml\n---\na: 1\n# trailing comment\n---\n# Source: b\nb: 2\n'],
  ['content on the --- line', '--- {a: 1}\n--- b\n---   [1, 2]\n'],
  ['a block scalar after ---', '--- |\n  line one\n   line two\n---\nb: 2\n'],
  ['--- at column 0 inside a block scalar ends it (c-forbidden)', 'a: |\n  text\n---\nb: |\n  more\n'],
  ['an indented --- is content of the block scalar', 'a: |\n  ---\n  ...\n  --- x\nb: 1\n'],
  ['---x and ...x are not markers', 'a:\n---x: 1\n...y: 2\n'],
  ['... ends a document; a bare document may follow', 'a: 1\n...\nb: 2\n...\n'],
  ['... then --- then a document', 'a: 1\n...\n---\nb: 2\n'],
  ['directives before ---', '%YAML 1.1\n---\na: 1\n...\n%YAML 1.1\n%TAG !e! tag:example.com,2000:\n---\nb: !e!x 2\n'],
  ['a comment after ---', '--- # first\na: 1\n--- # second\nb: 2\n'],
  ['CRLF line ends', 'a: 1\r\n---\r\nb: 2\r\n...\r\nc: 3\r\n'],
  ['a multi-line quoted scalar', 'a: "one\n  two"\n---\nb: \'x\n  y\'\n'],
  ['empty documents', '---\n---\na: 1\n---\n---\n'],
  ['no final line break', 'a: 1\n---\nb: 2'],
  ['a final --- without a line break', 'a: 1\n---'],
];

describe('split at document markers, as a parser of the whole stream reads it', () => {
  test.each(STREAMS)('%s', (_, text) => {
    expect(values(text)).toEqual(reference(text));
  });

  test.each(STREAMS)('%s: the same documents whatever the chunk size', (_, text) => {
    const whole = split(text);
    for (let size = 1; size <= text.length; size++) {
      expect(split(text, size)).toEqual(whole);
    }
  });

  test('a byte order mark at the start of the stream is dropped', () => {
    const docs = split(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('---\na: 1\n')]));
    expect(docs.map(d => d.text)).toEqual(['---\na: 1\n']);
    expect(values('\ufeffa: 1\n')).toEqual([{ a: 1 }]);
  });

  test('a byte order mark may open any document: before its --- (files with one, concatenated)', () => {
    const docs = split('a: 1\n\ufeff---\nb: 2\n');
    expect(docs.map(d => [d.index, d.firstLine, d.contentLine])).toEqual([[1, 1, 1], [2, 2, 3]]);
    expect(docs.map(d => parseYaml(d.text!, { firstLine: d.firstLine, maxAliasNodes: 1000 }))).toEqual([{ a: 1 }, { b: 2 }]);
    expect(split('\ufeff--- {c: 1}\n')[0].contentLine).toBe(1);
  });

  test('documents are numbered from 1, empty ones counted; comments before the first --- do not make one', () => {
    const docs = split('# header\n---\na: 1\n---\n# only a comment\n---\nb: 2\n');
    expect(docs.map(d => [d.index, d.hasContent])).toEqual([[1, true], [2, false], [3, true]]);
  });

  test('--- followed by a tab is a marker too', () => {
    expect(split('a: 1\n---\tb: 2\n').map(d => [d.index, d.contentLine, d.text])).toEqual([[1, 1, 'a: 1\n'], [2, 2, '---\tb: 2\n']]);
  });

  test('only comments: no document', () => {
    expect(split('# rendered by a failed helm\n\n')).toEqual([]);
    expect(split('')).toEqual([]);
  });
});

describe('lines', () => {
  test('firstLine is where the text starts, contentLine where the root node does', () => {
    const text = '# c\n---\n\n# about a\na: 1\n--- {b: 1}\n...\n%YAML 1.1\n---\nc: 1\n';
    expect(split(text).map(d => [d.firstLine, d.contentLine])).toEqual([[1, 5], [6, 6], [8, 10]]);
  });

  test('CRLF counts one line per line break', () => {
    expect(split('a: 1\r\n---\r\n\r\nb: 2\r\n').map(d => d.contentLine)).toEqual([1, 4]);
  });

  test('an empty document\'s contentLine is its first line', () => {
    expect(split('a: 1\n---\n# nothing\n---\nb: 1\n').map(d => [d.hasContent, d.contentLine])).toEqual([[true, 1], [false, 2], [true, 5]]);
  });
});

describe('maxDocumentSize', () => {
  const big = `a: ${'x'.repeat(100)}\n`;
  const text = `first: 1\n---\n${big}${big}---\nlast: 1\n`;

  test('a larger document comes without its text, with its size and lines; the others are whole', () => {
    for (const chunkSize of [1, 7, 64, 1000]) {
      const docs = split(text, chunkSize, 150);
      expect(docs.map(d => [d.index, d.text === undefined, d.contentLine])).toEqual([[1, false, 1], [2, true, 3], [3, false, 6]]);
      expect(docs[1].size).toBe(4 + 2 * big.length);
      expect(docs[2].text).toBe('---\nlast: 1\n');
    }
  });

  test('a single line longer than the limit, split over many chunks, is not kept; the next document is found', () => {
    const long = `---\nkey: ${'y'.repeat(10_000)}\n---\nafter: 1\n`;
    const docs = split(long, 100, 1000);
    expect(docs.map(d => [d.text === undefined, d.firstLine])).toEqual([[true, 1], [false, 3]]);
    expect(docs[1].text).toBe('---\nafter: 1\n');
  });

  test('at the limit is fine', () => {
    expect(split('a: 1\n', 1, 5)[0].text).toBe('a: 1\n');
    expect(split('a: 1\n', 1, 4)[0].text).toBeUndefined();
  });
});

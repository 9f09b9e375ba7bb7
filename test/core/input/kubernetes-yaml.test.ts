import * as YAML from 'yaml';
import { MAX_DEPTH, YamlAliasError, YamlSyntaxError, parseYaml, resolveScalar } from '../../../src/core/input/kubernetes-yaml';

const OPTIONS = { firstLine: 1, maxAliasNodes: 400_000 };

function value(text: string): unknown {
  return parseYaml(text, OPTIONS);
}

/** What lint read before js-yaml: the yaml package with YAML 1.1, as plain JS. */
function old(text: string): unknown {
  return YAML.parse(text, { version: '1.1' });
}

// Each row: a plain scalar, what go-yaml v2 makes of it (sigs.k8s.io/yaml goyaml.v2/resolve.go@v1.4.0,
// resolve(); decode.go@v1.4.0 for timestamps), and whether lint read it so before (the yaml package).
describe('plain scalars as go-yaml v2 resolves them', () => {
  test.each<[string, unknown, boolean]>([
    // YAML 1.1 booleans: hostNetwork: yes is true for kubectl.
    ['yes', true, true], ['Yes', true, true], ['YES', true, true], ['y', true, true], ['Y', true, true],
    ['on', true, true], ['On', true, true], ['ON', true, true], ['true', true, true], ['True', true, true], ['TRUE', true, true],
    ['no', false, true], ['n', false, true], ['N', false, true], ['off', false, true], ['OFF', false, true], ['false', false, true], ['FALSE', false, true],
    // Only the three spellings: anything else is a string.
    ['tRUE', 'tRUE', true], ['yES', 'yES', true], ['oN', 'oN', true],
    ['~', null, true], ['null', null, true], ['Null', null, true], ['NULL', null, true], ['nULL', 'nULL', true],
    // Integers as strconv.ParseInt(s, 0, 64) reads them, with _ removed.
    ['0', 0, true], ['42', 42, true], ['+12', 12, true], ['-7', -7, true], ['0777', 511, true], ['0x1F', 31, true], ['0b101', 5, true],
    ['-0b11', -3, true], ['1_000', 1000, true], ['0x_1F', 31, true],
    // An integer: Go has no negative zero; the yaml package made the float -0 of it.
    ['-0', 0, false],
    // Go 1.13+ reads a 0o prefix; the yaml package's 1.1 schema did not.
    ['0o17', 15, false],
    ['1e3', 1000, true], ['.5', 0.5, true], ['1.', 1, true], ['-.5', -0.5, true], ['08', 8, true], ['09.5', 9.5, true], ['1_000.5', 1000.5, true],
    ['.inf', Infinity, true], ['-.Inf', -Infinity, true], ['+.INF', Infinity, true],
    // Past float64: ParseFloat fails, so a string.
    ['1e400', '1e400', false],
    // Past uint64 in hex: neither ParseInt nor ParseUint, and not a decimal float: a string.
    ['0x1FFFFFFFFFFFFFFFF', '0x1FFFFFFFFFFFFFFFF', false],
    // Base 60 is "purposefully unsupported" by go-yaml v2; the yaml package read 1:30 as 90.
    ['1:30', '1:30', false], ['190:20:30', '190:20:30', false],
    // Timestamps stay strings when decoded into interface{}; the yaml package made Dates of them.
    ['2001-12-14', '2001-12-14', false], ['2001-12-14T21:59:43.10-05:00', '2001-12-14T21:59:43.10-05:00', false],
    ['=', '=', true], ['-x', '-x', true], ['+', '+', true], ['0x', '0x', true], ['1.2.3', '1.2.3', true], ['v1', 'v1', true],
    ['NT AUTHORITY\\SYSTEM', 'NT AUTHORITY\\SYSTEM', true],
  ])('%s', (scalar, expected, sameAsBefore) => {
    expect(value(`k: ${scalar}\n`)).toEqual({ k: expected });
    const before = (old(`k: ${scalar}\n`) as any).k;
    if (sameAsBefore) {
      expect(before).toEqual(expected);
    } else {
      expect(before).not.toEqual(expected);
    }
  });

  test('NaN', () => {
    expect(resolveScalar('.nan')).toBeNaN();
    expect(resolveScalar('.NaN')).toBeNaN();
  });

  test('a quoted scalar is always a string', () => {
    expect(value('a: "yes"\nb: \'0777\'\nc: "~"\n')).toEqual({ a: 'yes', b: '0777', c: '~' });
  });

  test('the empty value is null', () => {
    expect(value('a:\nb: ""\n')).toEqual({ a: null, b: '' });
  });

  test('keys resolve too: y: is the key "true", as sigs.k8s.io/yaml turns a bool key into a string (and as before)', () => {
    expect(value('y: 1\n1: a\n')).toEqual({ true: 1, 1: 'a' });
    expect(old('y: 1\n1: a\n')).toEqual({ true: 1, 1: 'a' });
  });
});

describe('YAML 1.1 features Kubernetes reads', () => {
  test('merge keys (<<), one mapping or a list; the mapping\'s own keys win, as before', () => {
    const text = 'base: &b {image: i, name: a}\nc:\n  <<: *b\n  name: c\nd:\n  <<: [{x: 1}, *b]\n';
    const expected = { base: { image: 'i', name: 'a' }, c: { image: 'i', name: 'c' }, d: { x: 1, image: 'i', name: 'a' } };
    expect(value(text)).toEqual(expected);
    expect(old(text)).toEqual(expected);
  });

  test('explicit tags: !!str keeps the text, !!int and !!bool must resolve to their type, !!binary is decoded', () => {
    expect(value('a: !!str 12\nb: !!int "12"\nc: !!bool "yes"\nd: !!float 1\ne: !!binary aGVsbG8=\n')).toEqual({ a: '12', b: 12, c: true, d: 1, e: 'hello' });
    expect(() => value('a: !!int x\n')).toThrow(new YamlSyntaxError('cannot resolve a node with !<tag:yaml.org,2002:int> explicit tag', 1, 11));
  });

  test('an unknown tag is dropped and the value kept, as go-yaml does', () => {
    expect(value('a: !foo bar\nb: !custom {c: 1}\nc: !!set {x: null}\nd: !seq [1]\n')).toEqual({ a: 'bar', b: { c: 1 }, c: { x: null }, d: [1] });
  });

  test('a key twice in a mapping is an error naming the key, at the second one', () => {
    expect(() => value('kind: Pod\nmetadata: {name: a}\nmetadata: {name: b}\n')).toThrow(new YamlSyntaxError('duplicated mapping key "metadata"', 3, 1));
    expect(() => value('spec:\n  containers:\n    - name: a\n      name: b\n')).toThrow(new YamlSyntaxError('duplicated mapping key "name"', 4, 7));
    expect(() => value('a: {x: 1, "x": 2}\n')).toThrow(/^duplicated mapping key/);
  });

  test('errors are located in the stream: firstLine offsets the line', () => {
    expect(() => parseYaml('# c\na: "x\n', { ...OPTIONS, firstLine: 100 })).toThrow(new YamlSyntaxError('unexpected end of the stream within a double quoted scalar', 102, 1));
  });

  test('nesting deeper than MAX_DEPTH is an error, not a stack overflow', () => {
    expect(() => value(`a: ${'['.repeat(MAX_DEPTH + 5)}${']'.repeat(MAX_DEPTH + 5)}\n`)).toThrow(new RegExp(`^nesting exceeded maxDepth \\(${MAX_DEPTH}\\)$`));
  });
});

describe('aliases', () => {
  test('an alias is read as its node', () => {
    expect(value('a: &x {b: 1}\nc: *x\n')).toEqual({ a: { b: 1 }, c: { b: 1 } });
  });

  test('aliases that expand past the bound are an error; up to it, fine', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 5; i++) {
      levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    }
    // 10^5 leaves and their lists: about 111,000 nodes.
    const text = `${levels.join('\n')}\n`;
    expect(() => parseYaml(text, { firstLine: 1, maxAliasNodes: 200_000 })).not.toThrow();
    expect(() => parseYaml(text, { firstLine: 1, maxAliasNodes: 100_000 }))
      .toThrow(new YamlAliasError('YAML aliases (*name) expand to more than 100000 nodes, the bound against alias bombs; not checked'));
  });

  test('an alias inside the node it names is an error (go-yaml: "anchor ... value contains itself")', () => {
    expect(() => value('a: &a\n  b: *a\n')).toThrow(new YamlAliasError('a YAML alias (*name) refers to a node it is inside of (a recursive alias); not checked'));
    expect(() => value('a: &a [1, *a]\n')).toThrow(YamlAliasError);
  });

  test('a star in a plain scalar is not an alias', () => {
    expect(value('image: registry/*:latest\nglob: a*b\n')).toEqual({ image: 'registry/*:latest', glob: 'a*b' });
  });
});

describe('List item lines', () => {
  test('lines maps each mapping and sequence to the line it starts on', () => {
    const lines = new Map<object, number>();
    const v: any = parseYaml('kind: List\nitems:\n  - kind: Pod\n    metadata: {name: a}\n  - kind: Pod\n', { ...OPTIONS, firstLine: 10, lines });
    expect(lines.get(v)).toBe(10);
    expect(lines.get(v.items[0])).toBe(12);
    expect(lines.get(v.items[1])).toBe(14);
  });
});

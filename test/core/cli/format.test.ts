import { MAX_MESSAGE_CHARS, clip, clipMessage, escapeControl, formatLintProblem, renderJsonError } from '../../../src/core/cli/format';

describe('clip', () => {
  test.each<[string, string, number, string]>([
    ['a short value is kept', 'abc', 5, 'abc'],
    ['a value of exactly the bound is kept', 'abcde', 5, 'abcde'],
    ['a longer one is cut, saying how much is left out', 'abcdefgh', 5, 'abcde…(3 more characters)'],
    ['never between the halves of a surrogate pair', 'abcd😀xyz', 5, 'abcd…(5 more characters)'],
  ])('%s', (_, value, max, expected) => {
    expect(clip(value, max)).toBe(expected);
  });

  test('a long quoted value in a message is cut inside its quotes; the rest of the message stays', () => {
    const message = `Invalid value: "${'x'.repeat(1000)}": must be short; fix it`;
    expect(clipMessage(message)).toBe(`Invalid value: "${'x'.repeat(300)}…(700 more characters)": must be short; fix it`);
  });

  test('a message still too long is cut too', () => {
    expect(clipMessage('word '.repeat(1000))).toHaveLength(MAX_MESSAGE_CHARS + '…(3000 more characters)'.length);
  });
});

describe('escapeControl', () => {
  test.each<[string, string, string]>([
    ['newlines and tabs', 'a\nb\r\tc', 'a\\nb\\r\\tc'],
    ['an ANSI escape', '\x1b[31mred', '\\x1b[31mred'],
    ['DEL and C1 controls', '\x7f\x9b', '\\x7f\\x9b'],
    ['bidirectional overrides and line separators', 'a\u202eb\u2066c\u2028', 'a\\u202eb\\u2066c\\u2028'],
    ['other text is kept, backslashes too', 'C:\\hpc ünïcödé 😀', 'C:\\hpc ünïcödé 😀'],
  ])('%s', (_, value, expected) => {
    expect(escapeControl(value)).toBe(expected);
  });

  test('a file name with a newline cannot start a line of its own in a problem', () => {
    expect(formatLintProblem({ file: 'a\nb.yaml', message: 'no such file or directory' })).toBe('cdk8s-hostprocess lint: a\\nb.yaml: no such file or directory');
  });
});

test('renderJsonError is one JSON array with one entry', () => {
  expect(JSON.parse(renderJsonError('usage', 'cdk8s-hostprocess lint: unknown option --x'))).toEqual([
    { type: 'usage', message: 'cdk8s-hostprocess lint: unknown option --x', severity: 'error' },
  ]);
});

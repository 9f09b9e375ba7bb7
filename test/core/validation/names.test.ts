// The API server's name and port checks (k8s.io/apimachinery pkg/util/validation@v0.37.2).
import { dns1123LabelProblems, isValidPortNumber } from '../../../src/core/validation/names';

const REGEX = 'a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end ' +
  'with an alphanumeric character (e.g. \'my-name\',  or \'123-abc\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?\')';

test.each<[string, string[]]>([
  ['agent', []], ['123-abc', []], ['a'.repeat(63), []],
  ['Agent', [REGEX]], ['-agent', [REGEX]], ['a_b', [REGEX]],
  ['agent.v2', ['must not contain dots']],
  ['a'.repeat(64), ['must be no more than 63 characters']],
  // Go's len counts bytes: 32 two-byte letters are 64.
  ['é'.repeat(32), ['must be no more than 63 characters', REGEX]],
  [`${'a'.repeat(62)}.b`, ['must be no more than 63 characters', 'must not contain dots']],
])('the label %j: %j', (name, problems) => {
  expect(dns1123LabelProblems(name)).toEqual(problems);
});

test.each([[1, true], [65535, true], [0, false], [65536, false], [-1, false]])('port %d is valid: %s', (port, valid) => {
  expect(isValidPortNumber(port)).toBe(valid);
});

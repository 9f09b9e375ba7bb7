import { goQuote } from '../../../src/core/validation/util';

describe('goQuote renders values as Go %q and %v do', () => {
  test.each<[unknown, string]>([
    ['NT AUTHORITY\\SYSTEM', '"NT AUTHORITY\\\\SYSTEM"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['tab\there', '"tab\\there"'],
    ['bell\x07', '"bell\\a"'],
    ['nul\x00', '"nul\\x00"'],
    ['del\x7f', '"del\\x7f"'],
    ['é', '"é"'],
    ['\u00ad', '"\\u00ad"'],
    ['', '""'],
    [true, 'true'],
    [9090, '9090'],
  ])('%j', (value, expected) => {
    expect(goQuote(value)).toBe(expected);
  });
});

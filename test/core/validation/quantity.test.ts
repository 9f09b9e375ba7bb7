// Quantities as k8s.io/apimachinery pkg/api/resource@v0.37.2 parses, compares and prints them.
import { compareQuantities, formatQuantity, parseQuantity } from '../../../src/core/validation/quantity';

describe('the canonical form (Quantity.String)', () => {
  test.each<[unknown, string]>([
    ['1000m', '1'], ['1500m', '1500m'], ['0.5', '500m'], ['2000', '2k'], ['1500', '1500'], ['-1', '-1'], ['0', '0'], ['0Gi', '0'],
    ['1024Mi', '1Gi'], ['1536Mi', '1536Mi'], ['0.5Gi', '512Mi'], ['1.5Ki', '1536'], ['512Ki', '512Ki'], ['100Ki', '100Ki'],
    ['1G', '1G'], ['1e3', '1e3'], ['1E', '1E'], [' 2 ', '2'], ['0.0000000001', '1n'], [3, '3'], [0.25, '250m'], [{ value: '1Gi' }, '1Gi'],
  ])('%j is printed %s', (input, printed) => {
    expect(formatQuantity(parseQuantity(input)!)).toBe(printed);
  });

  test.each([['abc'], ['1e'], ['1Qi'], [''], ['.'], [true], [null]])('%j is no quantity (a decode error)', input => {
    expect(parseQuantity(input)).toBeUndefined();
  });

  test.each<[string, string, number]>([
    ['1Gi', '1G', 1], ['2', '2000m', 0], ['100m', '0.1', 0], ['-1', '0', -1], ['1025Mi', '1Gi', 1],
  ])('%s compared with %s is %d', (a, b, expected) => {
    expect(compareQuantities(parseQuantity(a)!, parseQuantity(b)!)).toBe(expected);
  });
});

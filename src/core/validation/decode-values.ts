// The JSON decodings of their own that the API types use (k8s.io/apimachinery at v0.37.2 and
// v0.30.14, the same code in both): what each accepts, and the words of its errors.

/** ErrFormatWrong of k8s.io/apimachinery pkg/api/resource/quantity.go. */
export const QUANTITY_FORMAT_WRONG = 'quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'';
/** ErrSuffix of the same file. */
export const QUANTITY_SUFFIX = 'unable to parse quantity\'s suffix';

/**
 * Why resource.Quantity's UnmarshalJSON refuses a value, or undefined when it accepts it. It takes
 * the JSON text (a string's without its quotes), trims spaces and calls ParseQuantity, which fails
 * when parseQuantityString finds no number and suffix, or when the suffix is none of the known
 * ones (quantity.go, suffix.go). Its third error, ErrNumeric, needs a number ParseQuantity's own
 * syntax check lets through and inf.Dec cannot read: not checked.
 */
export function quantityError(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = (typeof value === 'string' ? value : typeof value === 'object' ? '{' : String(value)).trim();
  if (text.length === 0) return QUANTITY_FORMAT_WRONG;
  if (text === '0') return undefined;
  const suffix = quantitySuffix(text);
  if (suffix === undefined) return QUANTITY_FORMAT_WRONG;
  return knownSuffix(suffix) ? undefined : QUANTITY_SUFFIX;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/** parseQuantityString: the suffix of a quantity, or undefined for ErrFormatWrong. */
function quantitySuffix(str: string): string | undefined {
  let pos = 0;
  const end = str.length;
  if (str[0] === '-' || str[0] === '+') pos++;
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return '';
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos >= end) return '';
  if (str[pos] === '.') {
    pos++;
    while (pos < end && isDigit(str[pos])) pos++;
    if (pos >= end) return '';
  }
  const suffixStart = pos;
  while (pos < end && 'eEinumkKMGTP'.includes(str[pos])) pos++;
  if (pos >= end) return str.slice(suffixStart);
  if (str[pos] === '-' || str[pos] === '+') pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  return pos >= end ? str.slice(suffixStart) : undefined;
}

const SUFFIXES = new Set(['', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei']);
const INT64_LIMIT = BigInt(2) ** BigInt(63);

/** suffixHandler.interpret: a decimal or binary SI suffix, or e/E and an int64 exponent. */
function knownSuffix(suffix: string): boolean {
  if (SUFFIXES.has(suffix)) return true;
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    const match = /^[-+]?[0-9]+$/.exec(suffix.slice(1));
    if (match === null) return false;
    const n = BigInt(suffix.slice(1));
    return n >= -INT64_LIMIT && n < INT64_LIMIT;
  }
  return false;
}

/** time.RFC3339, the layout metav1.Time's UnmarshalJSON parses with (pkg/apis/meta/v1/time.go). */
const RFC3339 = '2006-01-02T15:04:05Z07:00';

/**
 * Why time.Parse(time.RFC3339, s) fails, in Go's words, or undefined when it succeeds: a port of
 * Go's time.parse (go1.26 src/time/format.go) for that one layout, whose elements are 2006, -, 01,
 * -, 02, T, 15, :, 04, :, 05 (with an optional fraction), Z07:00.
 */
export function rfc3339Error(value: string): string | undefined {
  const bad = (layoutElem: string, valueElem: string) =>
    `parsing time ${timeQuote(value)} as ${timeQuote(RFC3339)}: cannot parse ${timeQuote(valueElem)} as ${timeQuote(layoutElem)}`;
  const outOfRange = (what: string) => `parsing time ${timeQuote(value)}: ${what} out of range`;
  let rest = value;
  // getnum: one or two digits (two when fixed); undefined when it does not start with a digit.
  const getnum = (fixed: boolean): number | undefined => {
    if (!isDigit(rest[0])) return undefined;
    if (!isDigit(rest[1])) {
      if (fixed) return undefined;
      const n = Number(rest[0]);
      rest = rest.slice(1);
      return n;
    }
    const n = Number(rest.slice(0, 2));
    rest = rest.slice(2);
    return n;
  };
  const skip = (prefix: string): boolean => {
    if (!rest.startsWith(prefix)) return false;
    rest = rest.slice(prefix.length);
    return true;
  };

  // 2006
  if (rest.length < 4 || !/^[0-9]{4}/.test(rest)) return bad('2006', rest);
  const year = Number(rest.slice(0, 4));
  rest = rest.slice(4);
  if (!skip('-')) return bad('-', rest);
  // 01
  let hold = rest;
  const month = getnum(true);
  if (month === undefined) return bad('01', hold);
  if (month <= 0 || month > 12) return outOfRange('month');
  if (!skip('-')) return bad('-', rest);
  // 02: any one- or two-digit day here; checked against the month at the end.
  hold = rest;
  const day = getnum(true);
  if (day === undefined) return bad('02', hold);
  if (!skip('T')) return bad('T', rest);
  // 15
  hold = rest;
  const hour = getnum(false);
  if (hour !== undefined && hour >= 24) return outOfRange('hour');
  if (hour === undefined) return bad('15', hold);
  if (!skip(':')) return bad(':', rest);
  // 04
  hold = rest;
  const minute = getnum(true);
  if (minute !== undefined && minute >= 60) return outOfRange('minute');
  if (minute === undefined) return bad('04', hold);
  if (!skip(':')) return bad(':', rest);
  // 05, and a fraction the layout does not have but Parse takes after seconds
  hold = rest;
  const second = getnum(true);
  if (second === undefined) return bad('05', hold);
  if (second >= 60) return outOfRange('second');
  if (rest.length >= 2 && (rest[0] === '.' || rest[0] === ',') && isDigit(rest[1])) {
    let n = 2;
    while (n < rest.length && isDigit(rest[n])) n++;
    rest = rest.slice(n);
  }
  // Z07:00
  hold = rest;
  if (rest[0] === 'Z') {
    rest = rest.slice(1);
  } else {
    if (rest.length < 6 || rest[3] !== ':') return bad('Z07:00', hold);
    const sign = rest[0];
    const twoDigits = (s: string) => (/^[0-9]{2}$/.test(s) ? Number(s) : undefined);
    const hh = twoDigits(rest.slice(1, 3));
    const mm = hh === undefined ? undefined : twoDigits(rest.slice(4, 6));
    rest = rest.slice(6);
    // Offsets of 24 hours or 60 minutes pass, as some write them; a range error, the minutes' last,
    // comes before a malformed offset.
    if (mm !== undefined && mm > 60) return outOfRange('time zone offset minute');
    if (hh !== undefined && hh > 24) return outOfRange('time zone offset hour');
    if (hh === undefined || mm === undefined || (sign !== '+' && sign !== '-')) return bad('Z07:00', hold);
  }
  if (rest.length > 0) return `parsing time ${timeQuote(value)}: extra text: ${timeQuote(rest)}`;
  if (day < 1 || day > daysIn(month, year)) return outOfRange('day');
  return undefined;
}

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const UTF8 = new TextEncoder();

/** time's own quote (format.go): `"` and `\` escaped, bytes outside printable ASCII as `\xNN`. */
function timeQuote(s: string): string {
  let out = '"';
  for (const c of s) {
    const code = c.codePointAt(0)!;
    if (code >= 0x80 || code < 0x20) {
      for (const byte of UTF8.encode(c)) out += `\\x${byte.toString(16).padStart(2, '0')}`;
    } else {
      out += c === '"' || c === '\\' ? `\\${c}` : c;
    }
  }
  return `${out}"`;
}

// Resource quantities as the API server reads and prints them (k8s.io/apimachinery
// pkg/api/resource/quantity.go and amount.go@v0.37.2: ParseQuantity, Cmp, String), so that the
// resource rules compare requests with limits as it does and quote values in its canonical form
// (`1000m` is printed `1`, `1024Mi` is `1Gi`).

/** How a quantity was written, which decides how it is printed. */
type Format = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** A parsed quantity: its value in nano-units (ParseQuantity rounds finer values up, away from zero). */
export interface Quantity {
  readonly nanos: bigint;
  readonly format: Format;
}

const DECIMAL: { [suffix: string]: number } = { 'n': -9, 'u': -6, 'm': -3, '': 0, 'k': 3, 'M': 6, 'G': 9, 'T': 12, 'P': 15, 'E': 18 };
const BINARY: { [suffix: string]: number } = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const QUANTITY = /^([+-]?)([0-9]*)(?:\.([0-9]*))?([eEinumkKMGTP]*[-+]?[0-9]*)$/;
const TEN = BigInt(10);

/** Integer division rounding away from zero, as inf.Dec's RoundUp. */
function divideUp(n: bigint, d: bigint): bigint {
  const q = n / d;
  return q * d === n ? q : n < BigInt(0) ? q - BigInt(1) : q + BigInt(1);
}

/**
 * The quantity a JSON value holds (a string, or a number), or undefined when it is none: those are
 * decode errors (decode-values.ts), which stop the API server before it validates anything. A
 * cdk8s `k8s.Quantity` (`{ value }`) is read as its value.
 */
export function parseQuantity(value: unknown): Quantity | undefined {
  const raw = value !== null && typeof value === 'object' && 'value' in value ? (value as { value: unknown }).value : value;
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const text = String(raw);
  // Manifests repeat a few quantities (`100m`, `128Mi`): a parsed one is kept, as Quantity is immutable.
  if (parsed.has(text)) return parsed.get(text);
  const quantity = parse(text);
  if (parsed.size >= PARSED_LIMIT) parsed.clear();
  parsed.set(text, quantity);
  return quantity;
}

const PARSED_LIMIT = 1024;
const parsed = new Map<string, Quantity | undefined>();

function parse(text: string): Quantity | undefined {
  const match = QUANTITY.exec(text.trim());
  if (match === null || (match[2] === '' && (match[3] ?? '') === '')) return undefined;
  const [, sign, whole, fraction = '', suffix] = match;
  let digits = BigInt(`${whole}${fraction}` || '0');
  if (sign === '-') digits = -digits;
  // value = digits × 10^-fraction.length × multiplier, in nanos (× 10^9)
  let power = 9 - fraction.length;
  let factor = BigInt(1);
  let format: Format;
  if (suffix in DECIMAL) {
    format = 'DecimalSI';
    power += DECIMAL[suffix];
  } else if (suffix in BINARY) {
    format = 'BinarySI';
    factor = BigInt(2) ** BigInt(BINARY[suffix]);
  } else if (/^[eE][-+]?[0-9]+$/.test(suffix) && Math.abs(Number(suffix.slice(1))) <= 40) {
    format = 'DecimalExponent';
    power += Number(suffix.slice(1));
  } else {
    return undefined;
  }
  const scaled = digits * factor;
  const nanos = power >= 0 ? scaled * TEN ** BigInt(power) : divideUp(scaled, TEN ** BigInt(-power));
  return { nanos, format };
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b` (Quantity.Cmp). */
export function compareQuantities(a: Quantity, b: Quantity): number {
  return a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0;
}

const DECIMAL_SUFFIX: { [exponent: number]: string } = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const BINARY_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const NANO = BigInt(1_000_000_000);

/**
 * The canonical form Quantity.String() prints (CanonicalizeBytes): a binary quantity as an integer
 * times the largest power of 1024 that divides it (as a decimal one when it is under 1024 or not
 * whole), a decimal one as an integer times the largest power of 1000 that divides it.
 */
export function formatQuantity(q: Quantity): string {
  if (q.nanos === BigInt(0)) return '0';
  const negative = q.nanos < BigInt(0);
  const abs = negative ? -q.nanos : q.nanos;
  const sign = negative ? '-' : '';
  if (q.format === 'BinarySI' && abs >= BigInt(1024) * NANO && abs % NANO === BigInt(0)) {
    let amount = abs / NANO;
    let exponent = 0;
    const k = BigInt(1024);
    while (exponent < BINARY_SUFFIX.length - 1 && amount % k === BigInt(0)) {
      amount /= k;
      exponent++;
    }
    return `${sign}${amount}${BINARY_SUFFIX[exponent]}`;
  }
  // AsCanonicalBytes: remove the factors of ten, then lower the exponent to a multiple of three.
  let amount = abs;
  let exponent = -9;
  while (amount % TEN === BigInt(0)) {
    amount /= TEN;
    exponent++;
  }
  const extra = ((exponent % 3) + 3) % 3;
  amount *= TEN ** BigInt(extra);
  exponent -= extra;
  if (q.format === 'DecimalExponent' || DECIMAL_SUFFIX[exponent] === undefined) {
    return `${sign}${amount}${exponent === 0 ? '' : `e${exponent}`}`;
  }
  return `${sign}${amount}${DECIMAL_SUFFIX[exponent]}`;
}

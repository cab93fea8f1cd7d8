import Decimal from 'decimal.js';

export type AmountParse = { kind: 'empty' } | { kind: 'amount'; value: Decimal } | { kind: 'invalid' };

const MULTIPLIERS: [RegExp, number][] = [
  [/\bmia\.?/g, 1e9],
  [/\bmio\.?/g, 1e6],
  [/\bmill?\.?/g, 1e6],
  [/\bt\.?\s?kr\.?/g, 1e3],
  [/\btkr\.?/g, 1e3],
];

/**
 * Parses an amount written the Danish way: "9.400.000", "357.500 kr.", "9,4 mio. kr.",
 * "-0,8", "1 175 000", "(1.000)". Never throws.
 */
export function parseDanishAmount(input: string): AmountParse {
  if (typeof input !== 'string') return { kind: 'invalid' };
  let s = input
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2212\u2012\u2013\u2014]/g, '-')
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();
  if (s === '') return { kind: 'empty' };

  let factor = 1;
  for (const [re, f] of MULTIPLIERS) {
    if (re.test(s)) {
      factor = f;
      s = s.replace(re, ' ');
      break;
    }
  }
  s = s
    .replace(/\bkr\.?/g, ' ')
    .replace(/\bdkk\b/g, ' ')
    .replace(/,-$/, '')
    .replace(/\s+/g, ' ')
    .trim();

  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    negative = true;
    s = paren[1].trim();
  }
  const sign = /^([+-])\s*(.*)$/.exec(s);
  if (sign) {
    negative = negative !== (sign[1] === '-');
    s = sign[2];
  }
  if (s.endsWith('-') && /\d/.test(s)) {
    negative = !negative;
    s = s.slice(0, -1).trim();
  }
  if (s === '') return { kind: 'invalid' };

  const digits = normaliseDigits(s);
  if (digits === null) return { kind: 'invalid' };
  let value = new Decimal(digits).times(factor);
  if (negative) value = value.negated();
  if (value.isZero()) value = new Decimal(0);
  return { kind: 'amount', value };
}

/** Turns a Danish (or plain) number text into a JS-style decimal string, or null. */
function normaliseDigits(s: string): string | null {
  // Spaces as thousands separators: "1 175 000"
  if (/^\d{1,3}( \d{3})+(,\d+)?$/.test(s)) s = s.replace(/ /g, '');
  if (/^\d+$/.test(s)) return s;
  // Danish: dots group thousands, comma is the decimal mark
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) return s.replace(/\./g, '').replace(',', '.');
  if (/^\d*,\d+$/.test(s)) return s.replace(',', '.');
  if (/^\d+,$/.test(s)) return s.slice(0, -1);
  // English decimal point, as in CSV exports: "1234.5" (a dot not grouping three digits)
  if (/^\d*\.\d+$/.test(s) && !/^\d{1,3}\.\d{3}$/.test(s)) return s;
  // English grouping with a decimal point: "1,175,000.50"
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) return s.replace(/,/g, '');
  return null;
}

/** Formats an amount the Danish way: 9400000 -> "9.400.000", -0.8 -> "-0,8". */
export function formatDanishAmount(value: Decimal.Value, maxDecimals = 2): string {
  const d = new Decimal(value).toDecimalPlaces(maxDecimals, Decimal.ROUND_HALF_UP);
  const negative = d.isNegative() && !d.isZero();
  const [intPart, frac] = d.abs().toFixed().split('.');
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}${grouped}${frac ? ',' + frac : ''}`;
}

export function formatKroner(value: Decimal.Value): string {
  return `${formatDanishAmount(value)} kr.`;
}

/** Compares amounts to the øre, so float noise in cached formula results is not a mismatch. */
export function sameAmount(a: Decimal, b: Decimal): boolean {
  return a.toDecimalPlaces(2).equals(b.toDecimalPlaces(2));
}

export function sum(values: (Decimal | null | undefined)[]): Decimal {
  return values.reduce<Decimal>((acc, v) => (v ? acc.plus(v) : acc), new Decimal(0));
}

/**
 * The one table of how amounts are written by hand in Danish workbooks, and the two things
 * built from it: the parser the core reads with, and the formula text that makes Excel or
 * LibreOffice compute the same value from the same text. Because both come from this table,
 * they cannot drift apart.
 */
import Decimal from 'decimal.js';

/** A unit written after the number; the first listed spelling is the canonical one. */
export interface UnitWord {
  spellings: string[];
  factor: number;
}

/** Scale words, longest spellings first within each unit so "t.kr." wins over "kr.". */
export const SCALE_UNITS: UnitWord[] = [
  { spellings: ['mia.', 'mia'], factor: 1e9 },
  { spellings: ['mill.', 'mill', 'mio.', 'mio', 'mil.', 'mil'], factor: 1e6 },
  { spellings: ['t. kr.', 't.kr.', 't. kr', 't.kr', 'tkr.', 'tkr', 't kr.', 't kr'], factor: 1e3 },
];

/** Currency words that carry no scale. */
export const CURRENCY_WORDS = ['kr.', 'kr', 'dkk'];

/** Characters that separate words or group thousands: space, no-break space, narrow and thin. */
export const SPACE_CHARS = [' ', '\u00a0', '\u202f', '\u2009', '\t'];

/** Characters used for minus: hyphen-minus, minus sign, figure dash, en and em dash. */
export const MINUS_CHARS = ['-', '\u2212', '\u2012', '\u2013', '\u2014'];

/** The ",-" Danes write after whole kroner ("2.860.000,-"). */
export const WHOLE_KRONER_SUFFIX = ',-';

/** Excel keeps 15 significant digits; an amount with more cannot be held exactly. */
export const MAX_SIGNIFICANT_DIGITS = 15;

export type AmountParse =
  | { kind: 'empty' }
  | { kind: 'amount'; value: Decimal; syntax: AmountSyntax }
  | { kind: 'invalid'; reason: 'syntax' | 'precision' };

/** How one text amount was written: what a formula must replace and how it reads the rest. */
export interface AmountSyntax {
  /** [from, to] replacements on the lower-cased text, in this order. */
  replacements: [string, string][];
  negative: boolean;
  decimalSeparator: ',' | '.';
  groupSeparator: '.' | ',';
  factor: number;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const SPACE_RE = new RegExp(`[${SPACE_CHARS.join('')}]+`, 'g');
const MINUS_RE = new RegExp(`[${MINUS_CHARS.slice(1).join('')}]`, 'g');
/** A unit word stands alone: after the start, a space, a digit or "(", before the end, a space, ")" or "kr". */
const wordRe = (w: string) => new RegExp(`(^|[\\s\\d(])${escapeRe(w)}(?=$|[\\s)]|kr|dkk)`);
const noSpaces = (s: string) => s.replace(SPACE_RE, '');

/** Reads the digits of a number written Danish, English or plain; null when it is neither. */
function readDigits(s: string): { digits: string; decimal: ',' | '.'; group: '.' | ',' } | null {
  const danish = { decimal: ',' as const, group: '.' as const };
  const english = { decimal: '.' as const, group: ',' as const };
  if (/^\d+$/.test(s)) return { digits: s, ...danish };
  // Danish: dots group thousands, a comma is the decimal mark.
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) return { digits: s.replace(/\./g, '').replace(',', '.'), ...danish };
  if (/^\d*,\d+$/.test(s)) return { digits: s.replace(',', '.'), ...danish };
  if (/^\d+,$/.test(s)) return { digits: s.slice(0, -1), ...danish };
  // English decimal point, as in CSV exports: "1234.5" (a dot that does not group three digits).
  if (/^\d*\.\d+$/.test(s) && !/^\d{1,3}\.\d{3}$/.test(s)) return { digits: s, ...english };
  // English grouping with a decimal point: "1,175,000.50".
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) return { digits: s.replace(/,/g, ''), ...english };
  return null;
}

/** Significant digits of a plain decimal string. */
export function significantDigits(digits: string): number {
  const t = digits.replace('.', '').replace(/^0+/, '');
  return t.replace(/0+$/, '').length;
}

/**
 * Parses an amount written the Danish way: "9.400.000", "357.500 kr.", "9,4 mio. kr.", "-0,8",
 * "1 175 000", "(50.000)", "500 tkr.", "2.860.000,-", "357.500 DKK". Never throws.
 */
export function parseAmountText(input: string): AmountParse {
  if (typeof input !== 'string') return { kind: 'invalid', reason: 'syntax' };
  const lower = input.toLowerCase();
  const literals: string[] = [];
  const note = (literal: string) => {
    if (!literals.includes(literal)) literals.push(literal);
  };
  let s = lower.normalize('NFKC').replace(MINUS_RE, '-').replace(SPACE_RE, ' ').trim();
  if (s === '') return { kind: 'empty' };

  let factor = 1;
  scale: for (const unit of SCALE_UNITS) {
    for (const spelling of unit.spellings) {
      const re = wordRe(spelling);
      if (!re.test(s)) continue;
      factor = unit.factor;
      s = s.replace(re, '$1 ');
      note(noSpaces(spelling));
      break scale;
    }
  }
  for (const word of CURRENCY_WORDS) {
    const re = wordRe(word);
    if (re.test(s)) {
      s = s.replace(re, '$1 ');
      note(word);
    }
  }
  s = s.replace(/\s+/g, ' ').trim();
  if (s.endsWith(WHOLE_KRONER_SUFFIX)) {
    s = s.slice(0, -WHOLE_KRONER_SUFFIX.length).trim();
    note(WHOLE_KRONER_SUFFIX);
  }

  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    negative = true;
    s = paren[1].trim();
    note('(');
    note(')');
  }
  const sign = /^([+-])\s*(.*)$/.exec(s);
  if (sign) {
    negative = negative !== (sign[1] === '-');
    s = sign[2];
    note(sign[1]);
  }
  if (s.endsWith('-') && /\d/.test(s)) {
    negative = !negative;
    s = s.slice(0, -1).trim();
    note('-');
  }
  if (s === '') return { kind: 'invalid', reason: 'syntax' };
  // Spaces group thousands: "1 175 000".
  if (/^\d{1,3}( \d{3})+(,\d+)?$/.test(s)) s = s.replace(/ /g, '');
  const read = readDigits(s);
  if (!read) return { kind: 'invalid', reason: 'syntax' };
  if (significantDigits(read.digits) > MAX_SIGNIFICANT_DIGITS) return { kind: 'invalid', reason: 'precision' };

  let value = new Decimal(read.digits).times(factor);
  if (negative) value = value.negated();
  if (value.isZero()) value = new Decimal(0);
  // A formula first removes every kind of space and turns every minus into "-", then the words.
  const replacements: [string, string][] = [
    ...SPACE_CHARS.filter((ch) => lower.includes(ch)).map((ch): [string, string] => [ch, '']),
    ...MINUS_CHARS.slice(1)
      .filter((ch) => lower.includes(ch))
      .map((ch): [string, string] => [ch, '-']),
    ...literals.map((l): [string, string] => [l, '']),
  ];
  return {
    kind: 'amount',
    value,
    syntax: { replacements, negative, decimalSeparator: read.decimal, groupSeparator: read.group, factor },
  };
}

// ---------------------------------------------------------------------------------------------
// Formula text

/** A string literal in a formula, or a UNICHAR() for characters that do not travel well. */
function formulaLiteral(s: string): string {
  const parts: string[] = [];
  let plain = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (code < 32 || code > 126) {
      if (plain) parts.push(`"${plain.replace(/"/g, '""')}"`);
      plain = '';
      parts.push(`UNICHAR(${code})`);
    } else plain += ch;
  }
  if (plain || parts.length === 0) parts.push(`"${plain.replace(/"/g, '""')}"`);
  return parts.join('&');
}

/** What the SUBSTITUTE chain leaves of the text, simulated here the way the engine does it. */
function afterReplacements(text: string, syntax: AmountSyntax): string {
  let s = text.toLowerCase();
  for (const [from, to] of syntax.replacements) s = s.split(from).join(to);
  return s;
}

/**
 * NUMBERVALUE as Microsoft documents it: spaces ignored; group separators before the decimal
 * separator ignored; nothing else but digits and one decimal separator allowed.
 */
export function numberValue(text: string, decimal: string, group: string): number | null {
  const s = text.replace(/ /g, '');
  if (s === '') return 0;
  const at = s.indexOf(decimal);
  const whole = (at < 0 ? s : s.slice(0, at)).split(group).join('');
  const frac = at < 0 ? '' : s.slice(at + 1);
  if (!/^\d*$/.test(whole) || !/^\d*$/.test(frac) || whole + frac === '') return null;
  return Number(`${whole || '0'}.${frac || '0'}`);
}

/**
 * A formula expression that gives `ref` (a cell holding `text`) the value the core reads from
 * the text, or null when no formula provably agrees (then the caller uses the core's value).
 */
export function amountFormula(ref: string, text: string): string | null {
  const parsed = parseAmountText(text);
  if (parsed.kind !== 'amount') return null;
  const { syntax, value } = parsed;
  const rest = afterReplacements(text, syntax);
  const n = numberValue(rest, syntax.decimalSeparator, syntax.groupSeparator);
  if (n === null) return null;
  const computed = new Decimal(n).times(syntax.factor).times(syntax.negative ? -1 : 1);
  if (!computed.minus(value).abs().lessThan(0.005)) return null;
  let inner = `LOWER(${ref})`;
  for (const [from, to] of syntax.replacements)
    inner = `SUBSTITUTE(${inner},${formulaLiteral(from)},${formulaLiteral(to)})`;
  const number = `NUMBERVALUE(${inner},"${syntax.decimalSeparator}","${syntax.groupSeparator}")`;
  const scaled = syntax.factor === 1 ? number : `${number}*${syntax.factor}`;
  return syntax.negative ? `(-${scaled})` : syntax.factor === 1 ? scaled : `(${scaled})`;
}

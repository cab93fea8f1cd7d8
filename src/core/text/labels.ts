/** Label matching that survives case, markup, punctuation and small typos. */

/** Text that needs none of the steps below but lower case: the common case, done quickly. */
const PLAIN = /^[^<:*\s\u0300-\u036f]+(?: [^<:*\s\u0300-\u036f]+)*$/;

export function normaliseLabel(text: string): string {
  if (PLAIN.test(text)) return text.toLowerCase();
  return text
    .normalize('NFC')
    .replace(/<[^>]*>/g, ' ')
    .toLowerCase()
    .replace(/[\u00a0\s]+/g, ' ')
    .replace(/[:*]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

let prevRow = new Int32Array(64);
let curRow = new Int32Array(64);

/** Levenshtein distance, giving up (limit + 1) as soon as it must exceed `limit`. */
export function editDistance(a: string, b: string, limit = 3): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (b.length + 1 > prevRow.length) {
    prevRow = new Int32Array(b.length * 2 + 2);
    curRow = new Int32Array(b.length * 2 + 2);
  }
  let prev = prevRow;
  let cur = curRow;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let best = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      let v = prev[j] + 1;
      const ins = cur[j - 1] + 1;
      if (ins < v) v = ins;
      const sub = prev[j - 1] + cost;
      if (sub < v) v = sub;
      cur[j] = v;
      if (v < best) best = v;
    }
    if (best > limit) return limit + 1;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[b.length];
}

/** Allowed typos grow with the label: none for short words, 1 up to 8 letters, 2 beyond. */
export function tolerance(label: string): number {
  if (label.length <= 4) return 0;
  return label.length <= 8 ? 1 : 2;
}

/** A label equal to `target`, a typo or two allowed by its length (see tolerance). */
export function labelEquals(label: string, target: string): boolean {
  const tol = tolerance(target);
  return label === target || (Math.abs(label.length - target.length) <= tol && editDistance(label, target, tol) <= tol);
}

/** A label that begins with `target`, a typo or two allowed in that beginning. */
export function labelStartsWith(label: string, target: string): boolean {
  if (label.startsWith(target)) return true;
  const tol = tolerance(target);
  const head = label.slice(0, target.length);
  return head.length === target.length && editDistance(head, target, tol) <= tol;
}

/**
 * A plan's total label: the template's "I alt" or one of its kin, a typo allowed, as the whole
 * label (a month table's total column and its total row).
 */
const PLAN_TOTAL_LABELS = ['i alt', 'i alt kr.', 'i alt (kr.)', 'total', 'sum'];
export const isPlanTotalLabel = (label: string) => label !== '' && PLAN_TOTAL_LABELS.some((l) => labelEquals(label, l));

/**
 * A published table's total row: the label begins with a total word ("I alt", "Total",
 * "Hovedtotal", "Samlet", "Sum") or ends in "i alt"/"total" ("Myndighed i alt").
 */
const TABLE_TOTAL = /^(?:i alt|total|hovedtotal|samlet|sum)\b|\bi alt$|\btotal$/;
export const isTableTotalLabel = (label: string) => TABLE_TOTAL.test(label);

/**
 * When a plan must be made, unless the plan says otherwise: an expected overrun of 5 % of the
 * corrected budget or 1 mio. kr. (the template's own words, spec §2).
 */
export const DEFAULT_TRIGGER = { percent: 5, millions: 1 } as const;

export function firstYear(text: string): number | null {
  const m = /(?:^|\D)((?:19|20)\d{2})(?!\d)/.exec(text);
  return m ? Number(m[1]) : null;
}

/**
 * The one month vocabulary: the label a plan's month header writes, the Danish name the texts
 * use, the Danish forms a date or header is read in, and the other spellings a header may use.
 */
export const MONTHS = [
  { label: 'JAN', name: 'januar', danish: ['jan', 'januar'], other: ['january'] },
  { label: 'FEB', name: 'februar', danish: ['feb', 'februar'], other: ['february'] },
  { label: 'MAR', name: 'marts', danish: ['mar', 'marts'], other: ['march', 'mrt'] },
  { label: 'APR', name: 'april', danish: ['apr', 'april'], other: [] },
  { label: 'MAJ', name: 'maj', danish: ['maj'], other: ['may'] },
  { label: 'JUN', name: 'juni', danish: ['jun', 'juni'], other: ['june'] },
  { label: 'JUL', name: 'juli', danish: ['jul', 'juli'], other: ['july'] },
  { label: 'AUG', name: 'august', danish: ['aug', 'august'], other: [] },
  { label: 'SEP', name: 'september', danish: ['sep', 'sept', 'september'], other: [] },
  { label: 'OKT', name: 'oktober', danish: ['okt', 'oktober'], other: ['oct', 'october'] },
  { label: 'NOV', name: 'november', danish: ['nov', 'november'], other: [] },
  { label: 'DEC', name: 'december', danish: ['dec', 'december'], other: [] },
] as const;

/** The header labels JAN–DEC, as the template writes them. */
export const MONTH_LABELS: string[] = MONTHS.map((m) => m.label);
/** The Danish names januar–december, as the texts write them. */
export const MONTH_NAMES: string[] = MONTHS.map((m) => m.name);

/** 1..12 for a Danish month name or abbreviation in lower case ("marts", "sept"), else 0. */
export function danishMonthNumber(word: string): number {
  const k = MONTHS.findIndex((m) => (m.danish as readonly string[]).includes(word));
  return k + 1;
}

const MONTH_BY_NAME = new Map(MONTHS.flatMap((m, k) => [...m.danish, ...m.other].map((n): [string, number] => [n, k])));

/** 0..11 for a normalised month label ("jan", "maj", "okt.", "marts"), else -1. */
export function monthOfLabel(label: string): number {
  if (label.length > 10) return -1;
  return MONTH_BY_NAME.get(label.endsWith('.') ? label.slice(0, -1) : label) ?? -1;
}

/** 0..11 for a month header ("JAN", "Maj", "okt.", "Marts"), else -1. */
export function monthIndex(text: string): number {
  return text.length > 12 ? -1 : monthOfLabel(normaliseLabel(text));
}

/** The unit a title or header states: 1 (kr.), 1000 ("1.000 kr.", "t.kr.") or 1.000.000 ("mio. kr."). */
export function statedUnit(text: string): 1 | 1000 | 1_000_000 | null {
  const t = text.toLowerCase();
  if (/mio\.?\s*kr|i mio\b|mio\.\s*$/.test(t)) return 1_000_000;
  if (/1\.?000\s*kr|1\.?000 kroner|\bt\.?\s?kr\b|\btkr\b/.test(t)) return 1000;
  return null;
}

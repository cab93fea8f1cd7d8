/** Label matching that survives case, markup, punctuation and small typos. */

export function normaliseLabel(text: string): string {
  return text
    .normalize('NFC')
    .replace(/<[^>]*>/g, ' ')
    .toLowerCase()
    .replace(/[\u00a0\s]+/g, ' ')
    .replace(/[:*]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function editDistance(a: string, b: string, limit = 3): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      best = Math.min(best, cur[j]);
    }
    if (best > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** Allowed typos grow with the label: none for short words, 1 up to 8 letters, 2 beyond. */
function tolerance(label: string): number {
  if (label.length <= 4) return 0;
  return label.length <= 8 ? 1 : 2;
}

/** True when the normalised text is the label, give or take a small typo. */
export function labelEquals(text: string, label: string): boolean {
  const t = normaliseLabel(text);
  return t === label || editDistance(t, label, tolerance(label)) <= tolerance(label);
}

/** True when the text starts with the label (typo-tolerant on that prefix). */
export function labelStartsWith(text: string, label: string): boolean {
  const t = normaliseLabel(text);
  if (t.startsWith(label)) return true;
  const head = t.slice(0, label.length);
  return head.length === label.length && editDistance(head, label, tolerance(label)) <= tolerance(label);
}

export function labelIncludes(text: string, label: string): boolean {
  return normaliseLabel(text).includes(label);
}

export function firstYear(text: string): number | null {
  const m = /(?:^|\D)((?:19|20)\d{2})(?!\d)/.exec(text);
  return m ? Number(m[1]) : null;
}

const MONTHS: string[][] = [
  ['jan', 'januar', 'january'],
  ['feb', 'februar', 'february'],
  ['mar', 'marts', 'march', 'mrt'],
  ['apr', 'april'],
  ['maj', 'may'],
  ['jun', 'juni', 'june'],
  ['jul', 'juli', 'july'],
  ['aug', 'august'],
  ['sep', 'sept', 'september'],
  ['okt', 'oktober', 'oct', 'october'],
  ['nov', 'november'],
  ['dec', 'december'],
];

/** 0..11 for a month header ("JAN", "Maj", "okt.", "Marts"), else -1. */
export function monthIndex(text: string): number {
  const t = normaliseLabel(text).replace(/\.$/, '');
  return MONTHS.findIndex((names) => names.includes(t));
}

export const MONTH_LABELS = ['JAN', 'FEB', 'MAR', 'APR', 'MAJ', 'JUN', 'JUL', 'AUG', 'SEP', 'OKT', 'NOV', 'DEC'];

/** Month header rows: JAN…DEC as the template has it, and rows that nearly are (misspelt, out of order, one missing). */
import { toA1 } from '../model/a1';
import { Grid } from '../model/grid';
import type { MonthHeaderProblem } from '../model/plan';
import { editDistance, MONTH_LABELS, monthOfLabel } from '../text/labels';

export interface MonthHeader {
  row: number;
  firstMonthCol: number;
  /** Header cells that do not say the month their column holds (read by position all the same). */
  problems: MonthHeaderProblem[];
}

/**
 * 0–11 for a month label, also misspelt ("jnu", "sept.", "0kt"): a known name, or three or four
 * letters one edit (or one swap) from a month's abbreviation; -1 for anything else.
 */
export function monthLike(label: string): number {
  const known = monthOfLabel(label);
  if (known >= 0 || label.length < 3 || label.length > 4) return known;
  const l = label.endsWith('.') ? label.slice(0, -1) : label;
  if (l.length === 3) {
    const swapped = MONTH_BY_LETTERS.get([...l].sort().join(''));
    if (swapped !== undefined) return swapped;
  }
  for (let k = 0; k < 12; k++) if (editDistance(l, MONTH_ABBREVIATIONS[k], 1) <= 1) return k;
  return -1;
}

const MONTH_ABBREVIATIONS = MONTH_LABELS.map((m) => m.toLowerCase());
/** Each abbreviation by its letters in order ("jnu" → 5), for a swapped pair. */
const MONTH_BY_LETTERS = new Map(MONTH_ABBREVIATIONS.map((m, k): [string, number] => [[...m].sort().join(''), k]));

/**
 * Every row with a month header, top to bottom: twelve cells side by side from JAN to DEC. A row
 * of month names that is out of order, has a month twice, a misspelt or an empty one is a header
 * too — read by position, each wrong cell a problem — so that a plan is never lost to its header.
 * Such a row needs ten or more of its twelve cells to be months, eight of them different.
 */
export function findMonthHeaders(g: Grid): MonthHeader[] {
  const headers: MonthHeader[] = [];
  const rowsSeen = new Set<number>();
  for (const { row, col } of g.labels().find((l) => monthLike(l) >= 0, 10)) {
    if (!g.holds(row) || rowsSeen.has(row) || headers.some((h) => h.row === row)) continue;
    // The strict form first: JAN…DEC from this cell.
    if (monthOfLabel(g.label(row, col)) === 0) {
      let ok = true;
      for (let k = 1; k < 12 && ok; k++) ok = monthOfLabel(g.label(row, col + k)) === k;
      if (ok) {
        headers.push({ row, firstMonthCol: col, problems: [] });
        continue;
      }
    }
    rowsSeen.add(row);
    const loose = looseMonthHeader(g, row);
    if (loose && !headers.some((h) => h.row === row)) headers.push(loose);
  }
  return headers.sort((a, b) => a.row - b.row);
}

/** A month header that is not JAN…DEC as it should be, or null when the row is none. */
function looseMonthHeader(g: Grid, row: number): MonthHeader | null {
  const end = g.rowEnd(row);
  for (let c = g.left; c <= end; c++) {
    if (monthLike(g.label(row, c)) < 0) continue;
    // A run of month-like or empty cells (at most two empty ones) from c.
    const months: number[] = [];
    let empties = 0;
    let k = c;
    for (; k <= end + 1 && months.length < 13; k++) {
      const m = monthLike(g.label(row, k));
      if (m >= 0) months.push(m);
      else if (g.isEmpty(row, k) && empties < 2 && k < end) {
        months.push(-1);
        empties++;
      } else break;
    }
    while (months.length && months[months.length - 1] === -1) months.pop();
    const named = months.filter((m) => m >= 0);
    if (named.length >= 10 && new Set(named).size >= 8 && months.length >= 11 && months.length <= 13) {
      const problems: MonthHeaderProblem[] = [];
      for (let i = 0; i < 12; i++) {
        const found = i < months.length ? months[i] : -1;
        // Right by position and spelt as a month: no problem (a misspelt month is one).
        if (found === i && monthOfLabel(g.label(row, c + i)) === i) continue;
        problems.push({ address: toA1(row, c + i), month: i, found: g.text(row, c + i) });
        // A month missing from a run of eleven: the later cells are one to the left of theirs.
        if (months.length === 11 && found === i + 1) break;
      }
      if (months.length > 12) problems.push({ address: toA1(row, c + 12), month: -1, found: g.text(row, c + 12) });
      return { row, firstMonthCol: c, problems };
    }
    c = Math.max(c, k - 1);
  }
  return null;
}

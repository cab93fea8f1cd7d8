/**
 * The "Overblik" sheet of the finance team's overview: one row per plan with its figures, the
 * difference and coverage as live formulas, an "I alt" row of live sums, and the workbooks that
 * could not be used below it with their reasons.
 */
import Decimal from 'decimal.js';
import type { OverviewFailure, OverviewPlan, OverviewTotals } from '../overview';
import { sheetText } from '../text/da';
import { isoToSerial } from '../text/dates';
import { HEADER } from './palette';
import { DATE_FORMAT, NUMBER_FORMAT, PERCENT_FORMAT, sheetCells, type WritePlan } from './writePlan';

const T = sheetText.overview;
const BOLD = { bold: true };
const dec = (n: number | null) => (n === null ? null : new Decimal(n));

/** The write plan of a new workbook's "Overblik" sheet. */
export function buildOverviewSheet(
  plans: OverviewPlan[],
  failed: OverviewFailure[],
  totals: OverviewTotals,
): { plan: WritePlan; sheet: string; expected: Map<string, Decimal> } {
  const sheet = T.sheet;
  const { cells, expected, put, formula } = sheetCells(sheet);
  put(0, 0, T.title, { bold: true, fontSize: 14 });
  const head = 2;
  T.headers.forEach((h, c) => put(head, c, h, { ...HEADER, wrap: true }));
  plans.forEach((p, i) => {
    const r = head + 1 + i;
    const x = r + 1;
    [p.file, p.sheet, p.center, p.area].forEach((v, c) => put(r, c, v));
    put(r, 4, p.year);
    put(r, 5, p.atStart, undefined, NUMBER_FORMAT);
    put(r, 6, p.atLastUpdate, undefined, NUMBER_FORMAT);
    put(r, 7, p.target, undefined, NUMBER_FORMAT);
    put(r, 8, p.total, undefined, NUMBER_FORMAT);
    const target = dec(p.target);
    formula(r, 9, `IF(H${x}="","",I${x}-H${x})`, target ? new Decimal(p.total).minus(target) : '', NUMBER_FORMAT);
    formula(
      r,
      10,
      `IF(OR(H${x}="",H${x}=0),"",I${x}/H${x})`,
      target && !target.isZero() ? new Decimal(p.total).dividedBy(target) : '',
      PERCENT_FORMAT,
    );
    put(r, 11, p.errors);
    put(r, 12, p.warnings);
    put(
      r,
      13,
      Object.entries(p.codes)
        .map(([code, n]) => `${code} (${n})`)
        .join(', '),
    );
    if (p.updated) put(r, 14, isoToSerial(p.updated), undefined, DATE_FORMAT);
  });
  // The plans' rows as A1 numbers, and the totals row (0-based) right below them.
  const first = head + 2;
  const last = head + 1 + plans.length;
  const total = head + 1 + plans.length;
  const sumOf = (col: string, value: Decimal, format = NUMBER_FORMAT) =>
    formula(
      total,
      col.charCodeAt(0) - 65,
      plans.length ? `SUM(${col}${first}:${col}${last})` : '0',
      value,
      format,
      BOLD,
    );
  put(total, 0, T.total, BOLD);
  sumOf('H', new Decimal(totals.target));
  sumOf('I', new Decimal(totals.total));
  sumOf('J', new Decimal(totals.difference));
  sumOf('L', new Decimal(totals.errors), '0');
  sumOf('M', new Decimal(totals.warnings), '0');
  if (failed.length) {
    const top = total + 2;
    put(top, 0, T.failed, BOLD);
    T.failedHeaders.forEach((h, c) => put(top + 1, c, h, HEADER));
    failed.forEach((f, i) => {
      put(top + 2 + i, 0, f.file);
      put(top + 2 + i, 1, f.reason);
    });
  }
  const plan: WritePlan = {
    sheets: [
      {
        action: 'create',
        name: sheet,
        owned: true,
        activate: true,
        columnWidths: [28, 18, 22, 24, 6, 16, 16, 16, 16, 14, 10, 6, 9, 30, 12].map((width, col) => ({ col, width })),
      },
    ],
    cells,
    charts: [],
    guards: [],
  };
  return { plan, sheet, expected };
}

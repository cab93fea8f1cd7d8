/**
 * The "Overblik" sheet of the finance team's overview: one row per plan with its figures, the
 * difference and coverage as live formulas, an "I alt" row of live sums, and the workbooks that
 * could not be used below it with their reasons.
 */
import Decimal from 'decimal.js';
import type { OverviewFailure, OverviewPlan, OverviewTotals } from '../overview';
import { sheetText } from '../text/da';
import { isoToSerial } from '../text/dates';
import { columnLetters, quoteSheetName } from '../model/a1';
import { HEADER } from './palette';
import { chooseSheetName, type NamedSheet } from './sheetNames';
import { DATE_FORMAT, NUMBER_FORMAT, PERCENT_FORMAT, sheetCells, type WritePlan } from './writePlan';

const T = sheetText.overview;
const BOLD = { bold: true };
const dec = (n: number | null) => (n === null ? null : new Decimal(n));

/** A text as a formula's string literal (quotes doubled): a file's name is never formula text. */
const literal = (text: string) => `"${text.replace(/"/g, '""')}"`;

/**
 * Where a plan's link leads: its sheet in this workbook ("#'Ark'!A1"), or in the workbook at
 * `file` ("[sti/fil.xlsx]'Ark'!A1", Excel's HYPERLINK syntax for a place in another workbook;
 * support.microsoft.com, HYPERLINK function).
 */
export function planLink(sheet: string, file: string | null): string {
  const place = `${quoteSheetName(sheet)}!A1`;
  return file === null ? `#${place}` : `[${file}]${place}`;
}

export interface OverviewSheetOptions {
  /** The workbook the sheet goes into (the pane's): an own "Overblik" is replaced, a user's kept. */
  workbook?: { sheets: NamedSheet[] };
  /** Each plan's link target (planLink); none: no link column. */
  link?: (plan: OverviewPlan) => string;
}

/** The write plan of the "Overblik" sheet, in a new workbook or (the pane) in the open one. */
export function buildOverviewSheet(
  plans: OverviewPlan[],
  failed: OverviewFailure[],
  totals: OverviewTotals,
  options: OverviewSheetOptions = {},
): { plan: WritePlan; sheet: string; action: 'create' | 'replace'; note?: string; expected: Map<string, Decimal> } {
  const choice = chooseSheetName(T.sheet, options.workbook ?? { sheets: [] });
  const sheet = choice.name;
  const { cells, expected, put, formula } = sheetCells(sheet);
  const linkCol = T.headers.length;
  put(0, 0, T.title, { bold: true, fontSize: 14 });
  const head = 2;
  T.headers.forEach((h, c) => put(head, c, h, { ...HEADER, wrap: true }));
  if (options.link) put(head, linkCol, T.link, { ...HEADER, wrap: true });
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
    if (options.link) formula(r, linkCol, `HYPERLINK(${literal(options.link(p))},${literal(T.open)})`, T.open);
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
  const right = options.link ? linkCol : linkCol - 1;
  // The chart below everything else, where the table's first columns are (in view without scrolling).
  const chartTop = total + 2 + (failed.length ? failed.length + 3 : 0);
  const charts = plans.length ? [coverageChart(sheet, plans, head, right + 2, chartTop, put, formula)] : [];
  const plan: WritePlan = {
    sheets: [
      {
        action: choice.action,
        name: sheet,
        owned: true,
        activate: true,
        columnWidths: [28, 18, 22, 24, 6, 16, 16, 16, 16, 14, 10, 6, 9, 30, 12, 8].map((width, col) => ({
          col,
          width,
        })),
        freezeRows: head + 1,
        // Printed for the committee: landscape, one page wide, the header on every page.
        page: { landscape: true, paper: 'A4', fitToWidth: true, titleRows: [head + 1, head + 1] },
        autoFilter: `A${head + 1}:${columnLetters(right)}${Math.max(last, head + 2)}`,
      },
    ],
    cells,
    charts,
    guards: [],
  };
  return { plan, sheet, action: choice.action, note: choice.note, expected };
}

/**
 * The chart of coverage per plan, over a block of its own beside the table (a name and the
 * coverage per plan, live formulas): a chart's source is one block of cells, and the table's
 * names and coverage do not stand side by side.
 */
function coverageChart(
  sheet: string,
  plans: OverviewPlan[],
  head: number,
  col: number,
  chartTop: number,
  put: ReturnType<typeof sheetCells>['put'],
  formula: ReturnType<typeof sheetCells>['formula'],
) {
  T.chartHeaders.forEach((h, c) => put(head, col + c, h, HEADER));
  plans.forEach((p, i) => {
    const x = head + 2 + i;
    formula(head + 1 + i, col, `IF(C${x}="",B${x},C${x})`, p.center || p.sheet);
    formula(
      head + 1 + i,
      col + 1,
      `IF(K${x}="",0,K${x})`,
      p.target && p.target !== 0 ? new Decimal(p.total).dividedBy(p.target) : new Decimal(0),
      PERCENT_FORMAT,
    );
  });
  const bottom = head + plans.length;
  return {
    sheet,
    name: 'HandleplanOverblik',
    title: T.chartTitle,
    type: 'column' as const,
    valueFormat: '0%',
    source: `${columnLetters(col)}${head + 1}:${columnLetters(col + 1)}${bottom + 1}`,
    from: `A${chartTop + 1}`,
    to: `H${chartTop + 19}`,
  };
}

/**
 * Are we on track? Reading the "Status <måned> YYYY" sheet (what the controller typed in it)
 * and its rules. The sheet itself is built in statusSheet.ts: per initiative, the plan's effect
 * to date as live formulas, realised effect and status typed by the controller, difference,
 * share realised and a traffic light.
 */
import Decimal from 'decimal.js';
import { rangeA1, toA1, sameSheetName } from '../model/a1';
import { isNonZero } from '../amounts/amounts';
import { sheetText, statusText } from '../text/da';
import { finding, type Finding } from '../model/findings';
import { type CellValue, type Grid } from '../model/grid';
import type { OtherTable } from './otherTables';
import type { ActionPlan, AmountCell } from '../model/plan';
import { readAmount } from '../read/cells';
import { hasText } from '../read/tableColumns';
import { danishMonthNumber, normaliseLabel } from '../text/labels';
import { planYear } from '../model/planQueries';

const S = sheetText.status;
export const DEFAULT_THRESHOLDS = { green: 1, yellow: 0.9 };

/** What the controller typed for one initiative. */
export interface StatusInput {
  number: number;
  area: string;
  realised: CellValue;
  status: string;
}

/** A status sheet as read back: where it stands, and what was typed in it. */
export interface StatusSheet {
  sheet: string;
  month: number | null;
  year: number | null;
  planSheet: string | null;
  thresholds: { green: number; yellow: number };
  headerRow: number;
  /** Per initiative number: its row, cells and what was typed. */
  rows: {
    number: number;
    row: number;
    area: string;
    action: string;
    planned: AmountCell;
    realised: AmountCell;
    status: string;
  }[];
  removed: StatusInput[];
  totalRow: number | null;
  /** The cells the controller types in (realised amounts, status texts, thresholds), to guard. */
  inputCells: string[];
}

const COLUMNS = ['nr.', 'indsatsområde', 'handling', 'planlagt effekt til dato', 'realiseret effekt til dato'];

/** Reads a status sheet the add-in wrote (and the controller filled in); null if the sheet is not one. */
export function readStatusSheet(g: Grid): StatusSheet | null {
  const header = g.labels().first((l) => l === 'realiseret effekt til dato', 40);
  if (!header) return null;
  const r = header.row;
  const col = (label: string) => {
    for (let c = g.left; c <= g.rowEnd(r); c++) if (g.label(r, c) === label) return c;
    return -1;
  };
  const [nrCol, areaCol, actionCol, plannedCol, realisedCol] = COLUMNS.map(col);
  const statusCol = col('status');
  if (nrCol < 0 || plannedCol < 0 || realisedCol < 0) return null;
  const title = g.text(g.top, g.left);
  const m = /^status\s+(\S+)\s+(\d{4})$/.exec(normaliseLabel(title));
  const month = m ? monthNumber(m[1]) : null;
  const year = m ? Number(m[2]) : null;
  let planSheet: string | null = null;
  let green = DEFAULT_THRESHOLDS.green;
  let yellow = DEFAULT_THRESHOLDS.yellow;
  const inputCells: string[] = [];
  for (let k = g.top; k < r; k++) {
    const label = g.label(k, g.left);
    const value = g.value(k, g.left + 1);
    if (label === normaliseLabel(S.plan) && typeof value === 'string') planSheet = value;
    if (label === normaliseLabel(S.green) && typeof value === 'number')
      ((green = value), inputCells.push(toA1(k, g.left + 1)));
    if (label === normaliseLabel(S.yellow) && typeof value === 'number')
      ((yellow = value), inputCells.push(toA1(k, g.left + 1)));
  }
  const rows: StatusSheet['rows'] = [];
  let totalRow: number | null = null;
  let k = r + 1;
  for (; k <= g.bottom; k++) {
    const nr = g.value(k, nrCol);
    if (typeof nr === 'string' && normaliseLabel(nr) === normaliseLabel(S.total)) {
      totalRow = k;
      break;
    }
    if (typeof nr !== 'number' || !Number.isInteger(nr)) break;
    rows.push({
      number: nr,
      row: k,
      area: areaCol >= 0 ? g.text(k, areaCol) : '',
      action: actionCol >= 0 ? g.text(k, actionCol) : '',
      planned: readAmount(g, k, plannedCol),
      realised: readAmount(g, k, realisedCol),
      status: statusCol >= 0 ? g.text(k, statusCol) : '',
    });
    inputCells.push(toA1(k, realisedCol));
    if (statusCol >= 0) inputCells.push(toA1(k, statusCol));
  }
  // "Fjernede indsatser": Nr. | Indsatsområde | Realiseret effekt til dato | Status.
  const removed: StatusInput[] = [];
  const block = g.labels().first((l) => l === normaliseLabel(S.removed), 40, 0, k);
  if (block) {
    for (let b = block.row + 2; b <= g.bottom; b++) {
      const nr = g.value(b, block.col);
      if (typeof nr !== 'number') break;
      removed.push({
        number: nr,
        area: g.text(b, block.col + 1),
        realised: g.value(b, block.col + 2),
        status: g.text(b, block.col + 3),
      });
      inputCells.push(toA1(b, block.col + 2), toA1(b, block.col + 3));
    }
  }
  return {
    sheet: g.name,
    month,
    year,
    planSheet,
    thresholds: { green, yellow },
    headerRow: r,
    rows,
    removed,
    totalRow,
    inputCells,
  };
}

/** 1–12 for a status sheet's month name ("september"), from the one month vocabulary. */
function monthNumber(name: string): number | null {
  return danishMonthNumber(name.toLowerCase()) || null;
}

/** The initiatives a status follows: those with a text or an effect, by number. */
export function statusNumbers(plan: ActionPlan): number[] {
  const numbers = new Set<number>();
  for (const i of plan.initiatives) if (hasText(i)) numbers.add(i.number);
  for (const r of plan.monthTable.rows)
    if (r.number !== null && r.months.some((m) => isNonZero(m))) numbers.add(r.number);
  return [...numbers].sort((a, b) => a - b);
}

/**
 * The rules on a status sheet (kind `status`): an initiative behind plan by more than the yellow
 * threshold (warning at its realised cell, saying by how much), a realised amount missing where
 * effect was planned to date (info), and a sheet that no longer fits its plan (warning).
 */
export function readStatusTables(g: Grid, plans: ActionPlan[]): OtherTable[] {
  const s = readStatusSheet(g);
  if (!s) return [];
  const findings: Finding[] = [];
  const at = (code: 'STATUS_BEHIND' | 'STATUS_MISSING' | 'STATUS_STALE', cell: string, message: string, amounts = {}) =>
    findings.push(finding(code, g.name, cell, message, amounts));
  for (const r of s.rows) {
    const planned = r.planned.value;
    const realised = r.realised.value;
    if (!planned || !planned.greaterThan(0)) continue;
    if (!realised) {
      if (r.realised.source === 'empty')
        at('STATUS_MISSING', r.realised.address, statusText.missing(r.number, planned));
      continue;
    }
    const share = realised.dividedBy(planned);
    if (share.lessThan(s.thresholds.yellow))
      at('STATUS_BEHIND', r.realised.address, statusText.behind(r.number, planned, realised, share), {
        expected: planned,
        actual: realised,
      });
  }
  const plan = s.planSheet ? plans.find((p) => sameSheetName(p.sheet, s.planSheet!)) : undefined;
  const titleCell = toA1(g.top, g.left);
  if (s.planSheet && !plan && plans.length > 0) at('STATUS_STALE', titleCell, statusText.noPlan(g.name, s.planSheet));
  if (plan) {
    const year = planYear(plan);
    if (year !== null && s.year !== null && s.year > year)
      at('STATUS_STALE', titleCell, statusText.afterPlan(g.name, year));
    const inPlan = new Set(statusNumbers(plan));
    const inSheet = new Set(s.rows.map((r) => r.number));
    const same = inPlan.size === inSheet.size && [...inPlan].every((n) => inSheet.has(n));
    if (!same) at('STATUS_STALE', titleCell, statusText.planChanged(g.name, plan.sheet));
  }
  const sum = (f: (r: StatusSheet['rows'][number]) => Decimal | null) =>
    s.rows.reduce((a, r) => a.plus(f(r) ?? 0), new Decimal(0));
  const lastRow = s.totalRow ?? s.rows.at(-1)?.row ?? s.headerRow;
  return [
    {
      kind: 'status',
      sheet: g.name,
      range: rangeA1(s.headerRow, g.left, lastRow, g.left + 7),
      summary: {
        month: s.month,
        year: s.year,
        plan: s.planSheet,
        initiatives: s.rows.length,
        plannedToDate: sum((r) => r.planned.value).toNumber(),
        realisedToDate: sum((r) => r.realised.value).toNumber(),
        removed: s.removed.length,
      },
      findings,
    },
  ];
}

/** The month of a status address given as "2021-09" or "9": 1–12, or null. */
export function parseStatusMonth(text: string): { year: number | null; month: number } | null {
  const m = /^\s*(?:(\d{4})-)?(\d{1,2})\s*$/.exec(text);
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return { year: m[1] ? Number(m[1]) : null, month };
}

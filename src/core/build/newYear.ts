import { yearOfIso } from '../text/dates';
import Decimal from 'decimal.js';
import { parseA1, toA1 } from '../model/a1';
import { Grid, type WorkbookSnapshot } from '../model/grid';
import type { ActionPlan, AmountCell } from '../model/plan';
import { chooseSheetName } from './sheetNames';
import { buildPlanSheet, type PlanContent } from './template';
import { planLabelCells } from './projection';
import { planYear } from '../model/planQueries';
import { fitTexts, type CellWrite, type WritePlan } from './writePlan';

export interface NewYearOptions {
  /** The date of the write (ISO); its year stands in for a plan without one. Passed in, never read from the clock. */
  today: string;
  /** Default: the plan's year + 1. */
  year?: number;
  /** Carry the initiatives over (default) or start with none. */
  initiatives?: boolean;
  /** Spread each continuing initiative's full-year effect evenly over the 12 months. */
  even?: boolean;
}

export interface NewYearResult {
  plan: WritePlan;
  sheet: string;
  year: number;
  /** The new plan's planned effect (0 unless the effects are spread evenly). */
  total: Decimal;
  /** Danish notes: a name that was taken, a text too long for a cell. */
  notes: string[];
}

/**
 * The year a new year's plan may not have: the plan's own or an earlier one (a copy for the
 * same year is a second plan for it, not next year's). Gives the plan's year when refused.
 */
export function yearNotAfterPlan(plan: ActionPlan, year: number): number | null {
  const from = planYear(plan);
  return from !== null && year <= from ? from : null;
}

/** The new sheet's name: the plan's own with the year moved on ("Handleplan 2021" → "Handleplan 2022"). */
function newSheetName(plan: ActionPlan, from: number | null, year: number): string {
  return from !== null && plan.sheet.includes(String(from))
    ? plan.sheet.split(String(from)).join(String(year))
    : `HANDLEPLAN ${year}`;
}

const replaceYear = (text: string, from: number | null, to: number) =>
  from !== null && text.includes(String(from))
    ? text.split(String(from)).join(String(to))
    : text.replace(/(19|20)\d{2}/, String(to));

/**
 * Next year's HANDLEPLAN sheet: a copy of the plan's sheet (same layout and styles) with every
 * year reference moved on, initiatives carried over or cleared, monthly effects spread evenly
 * or emptied, block amounts and dates emptied, and totals kept as they are (formulas stay).
 */
export function buildNewYear(plan: ActionPlan, workbook: WorkbookSnapshot, options: NewYearOptions): NewYearResult {
  const from = planYear(plan);
  const year = options.year ?? (from ?? yearOfIso(options.today)) + 1;
  const carry = options.initiatives ?? true;
  const choice = chooseSheetName(newSheetName(plan, from, year), workbook);
  const sheet = choice.name;
  const grid = new Grid(workbook.sheets.find((s) => s.name === plan.sheet)!);
  const cells: CellWrite[] = [];
  const set = (row: number, col: number, value: string | number | null, formula?: string) =>
    cells.push({ sheet, address: toA1(row, col), value, ...(formula ? { formula } : {}) });

  for (const label of [plan.title, plan.monthTable.title, plan.block.asOf]) {
    if (label) set(label.row, label.col, replaceYear(label.text, label.year ?? from, year));
  }
  for (const line of [plan.block.atStart, plan.block.atLastUpdate, plan.block.afterThisUpdate]) {
    if (line && line.amount.source !== 'empty') set(line.amount.row, line.amount.col, null);
  }
  for (const date of [plan.startDate, plan.updatedDate]) if (date && date.raw !== null) set(date.row, date.col, null);

  const table = plan.monthTable;
  if (!carry) {
    for (const initiative of plan.initiatives) {
      const { row, col: numberCol } = parseA1(initiative.address);
      const numberOnly =
        typeof grid.value(row, numberCol) === 'number' || /^\d{1,2}\.?$/.test(grid.text(row, numberCol));
      if (!numberOnly) set(row, numberCol, initiative.number); // "1 5.20 opholdssteder" keeps its number
      for (let c = numberCol + 1; c <= grid.right; c++) if (!grid.isEmpty(row, c)) set(row, c, null);
    }
  }

  // Monthly effects: the full-year effect (December × 12) spread evenly, or empty.
  const newMonths = table.rows.map((row) => {
    const december = row.months[11].value ?? new Decimal(0);
    const continuing = carry && options.even && !december.isZero();
    return row.months.map(() => (continuing ? december.times(12).dividedBy(12) : null));
  });
  table.rows.forEach((row, i) => {
    row.months.forEach((cell, k) => {
      const v = newMonths[i][k];
      if (v !== null || cell.source !== 'empty') set(cell.row, cell.col, v === null ? null : v.toNumber());
    });
  });
  // Totals stay formulas; their results are updated so the file is consistent before Excel recalculates.
  const total = (cell: AmountCell | null, value: Decimal) => {
    if (!cell) return;
    if (cell.formula) set(cell.row, cell.col, value.toNumber(), cell.formula);
    else if (cell.source !== 'empty') set(cell.row, cell.col, value.toNumber());
  };
  const rowSums = newMonths.map((m) => m.reduce<Decimal>((a, v) => (v ? a.plus(v) : a), new Decimal(0)));
  table.rows.forEach((row, i) => total(row.total, rowSums[i]));
  if (table.totalRow) {
    table.totalRow.months.forEach((cell, k) =>
      total(
        cell,
        newMonths.reduce<Decimal>((a, m) => (m[k] ? a.plus(m[k]!) : a), new Decimal(0)),
      ),
    );
    total(
      table.totalRow.total,
      rowSums.reduce((a, b) => a.plus(b), new Decimal(0)),
    );
  }

  const writePlan: WritePlan = {
    sheets: [{ action: 'create', name: sheet, copyOf: plan.sheet, after: plan.sheet, owned: false, activate: true }],
    cells,
    charts: [],
    appends: [],
    guards: [{ sheet: plan.sheet, cells: planLabelCells(plan) }],
  };
  return {
    plan: writePlan,
    sheet,
    year,
    total: rowSums.reduce((a, b) => a.plus(b), new Decimal(0)),
    notes: [...(choice.note ? [choice.note] : []), ...fitTexts(writePlan)],
  };
}

/** A blank canonical HANDLEPLAN for a year, with six numbered rows. */
export function buildTemplate(year: number, workbook: WorkbookSnapshot = { sheets: [] }): NewYearResult {
  const choice = chooseSheetName(`HANDLEPLAN ${year}`, workbook);
  const content: PlanContent = {
    year,
    initiatives: [],
    rowCount: 6,
    block: { atStart: null, atLastUpdate: null, afterThisUpdate: null },
  };
  const plan = buildPlanSheet(choice.name, content);
  return {
    plan,
    sheet: choice.name,
    year,
    total: new Decimal(0),
    notes: [...(choice.note ? [choice.note] : []), ...fitTexts(plan)],
  };
}

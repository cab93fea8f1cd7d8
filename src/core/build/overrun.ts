import { HEADER_FILL } from './palette';
import Decimal from 'decimal.js';
import { parseA1, toA1 } from '../model/a1';
import { sheetText } from '../text/da';
import { formatDanishDate, isoToSerial } from '../text/dates';
import { Grid, type WorkbookSnapshot } from '../model/grid';
import { formatKroner } from '../amounts/money';
import type { ActionPlan, AmountCell } from '../model/plan';
import { chooseSheetName } from './sheetNames';
import { planTotal, planYear } from '../model/planQueries';
import { DATE_FORMAT, NUMBER_FORMAT, type CellWrite, type WritePlan } from './writePlan';

export interface CellChange {
  sheet: string;
  address: string;
  label: string;
  before: string;
  after: string;
}

export interface OverrunUpdate {
  plan: WritePlan;
  changes: CellChange[];
  /** The cell that holds the new target after the update. */
  target: AmountCell;
  historySheet: string;
  notes: string[];
}

/** An amount as a preview shows it, with its unit. */
const show = (v: Decimal | null | undefined) => (v ? formatKroner(v) : sheetText.empty);

/**
 * The block update of spec §5: "ved opstart" kept (set only when empty), "ved sidste
 * opdatering" := the old "efter denne opdatering", "efter denne opdatering" := the new amount,
 * "Opdateret" := today, "PR. 31.12.YYYY" made consistent; a missing block is written below
 * the month table in the canonical layout, on empty cells only. Also appends a history row.
 */
export function buildOverrunUpdate(
  plan: ActionPlan,
  workbook: WorkbookSnapshot,
  amount: Decimal,
  today: string,
): OverrunUpdate {
  const sheet = plan.sheet;
  const grid = new Grid(workbook.sheets.find((s) => s.name === sheet)!);
  const cells: CellWrite[] = [];
  const changes: CellChange[] = [];
  const notes: string[] = [];
  const year = planYear(plan) ?? Number(today.slice(0, 4));
  const change = (
    row: number,
    col: number,
    label: string,
    before: string,
    after: string,
    write: Omit<CellWrite, 'sheet' | 'address'>,
  ) => {
    const address = toA1(row, col);
    cells.push({ sheet, address, ...write });
    if (before !== after) changes.push({ sheet, address, label, before, after });
  };

  const { atStart, atLastUpdate, afterThisUpdate, asOf, heading } = plan.block;
  const table = plan.monthTable;
  // Where a missing block (or missing lines) go: canonical offsets from the heading.
  let headRow = heading?.row ?? null;
  const anyLine = atStart ?? atLastUpdate ?? afterThisUpdate;
  const labelCol = heading?.col ?? (anyLine ? parseA1(anyLine.labelAddress).col : table.labelCol);
  const valueCol = (atStart ?? atLastUpdate ?? afterThisUpdate)?.amount.col ?? labelCol + 5;
  if (headRow === null && !atStart && !atLastUpdate && !afterThisUpdate) {
    const lastRow = table.totalRow?.row ?? table.rows.at(-1)?.row ?? table.headerRow;
    headRow = lastRow + 2;
    const free = (r: number) => {
      for (let k = 0; k < 5; k++) for (let c = labelCol; c <= valueCol; c++) if (!grid.isEmpty(r + k, c)) return false;
      return true;
    };
    while (!free(headRow)) headRow++;
    change(headRow, labelCol, sheetText.blockHeading, sheetText.empty, sheetText.blockHeading, {
      value: sheetText.blockHeading,
    });
  }
  const ensureLine = (
    line: typeof atStart,
    offset: number,
    label: string,
  ): { row: number; col: number; old: Decimal | null } => {
    if (line) return { row: line.row, col: line.amount.col, old: line.amount.value };
    const row = (headRow ?? 0) + offset;
    if (grid.isEmpty(row, labelCol)) change(row, labelCol, label, sheetText.empty, label, { value: label });
    return { row, col: valueCol, old: null };
  };
  const start = ensureLine(atStart, 2, sheetText.atStart);
  const last = ensureLine(atLastUpdate, 3, sheetText.atLastUpdate);
  const after = ensureLine(afterThisUpdate, 4, sheetText.afterThisUpdate);

  const asOfText = sheetText.asOf(year);
  if (asOf) {
    if (asOf.year !== year) change(asOf.row, asOf.col, 'PR. 31.12.', asOf.text, asOfText, { value: asOfText });
  } else if (headRow !== null && grid.isEmpty(headRow + 1, labelCol)) {
    change(headRow + 1, labelCol, 'PR. 31.12.', sheetText.empty, asOfText, { value: asOfText });
  }

  const newStart = start.old ?? amount;
  const newLast = after.old;
  const amountWrite = (v: Decimal | null) => ({ value: v ? v.toNumber() : null, numberFormat: NUMBER_FORMAT });
  change(start.row, start.col, sheetText.atStart, show(start.old), show(newStart), amountWrite(newStart));
  change(last.row, last.col, sheetText.atLastUpdate, show(last.old), show(newLast), amountWrite(newLast));
  change(after.row, after.col, sheetText.afterThisUpdate, show(after.old), show(amount), amountWrite(amount));

  if (plan.updatedDate) {
    const { row, col, date } = plan.updatedDate;
    change(row, col, sheetText.updated, date ? formatDanishDate(date) : sheetText.empty, formatDanishDate(today), {
      value: isoToSerial(today, plan.date1904),
      numberFormat: DATE_FORMAT,
    });
  } else {
    notes.push(sheetText.noUpdatedCell);
  }

  // The labels that say which cell is which must still be where they were read.
  const labels = [
    heading?.address,
    asOf?.address,
    atStart?.labelAddress,
    atLastUpdate?.labelAddress,
    afterThisUpdate?.labelAddress,
  ];
  const guards = [{ sheet, cells: labels.filter((a): a is string => a !== undefined) }];
  const history = historyWrite(plan, workbook, today, [start.old, last.old, after.old, newStart, newLast, amount]);
  if (history.note) notes.push(history.note);
  const planWrite: WritePlan = {
    sheets: history.sheets,
    cells: [...cells, ...history.cells],
    charts: [],
    appends: [history.append],
    guards,
  };

  const target: AmountCell = {
    row: after.row,
    col: after.col,
    address: toA1(after.row, after.col),
    value: amount,
    source: 'number',
    raw: amount.toNumber(),
  };
  return { plan: planWrite, changes, target, historySheet: history.name, notes };
}

/**
 * One row per update in the add-in's own history sheet (made with its header the first time):
 * the date, the plan's sheet, the three block amounts before and after, and the plan's total.
 */
function historyWrite(
  plan: ActionPlan,
  workbook: WorkbookSnapshot,
  today: string,
  amounts: [Decimal | null, Decimal | null, Decimal | null, Decimal, Decimal | null, Decimal],
): {
  name: string;
  note: string | null;
  sheets: WritePlan['sheets'];
  cells: CellWrite[];
  append: NonNullable<WritePlan['appends']>[number];
} {
  const history = chooseSheetName(sheetText.historySheet, workbook);
  const sheets: WritePlan['sheets'] = [];
  const cells: CellWrite[] = [];
  if (history.action === 'create') {
    sheets.push({
      action: 'create',
      name: history.name,
      owned: true,
      columnWidths: sheetText.historyHeader.map((h, col) => ({ col, width: Math.max(12, h.length + 2) })),
    });
    sheetText.historyHeader.forEach((h, c) =>
      cells.push({ sheet: history.name, address: toA1(0, c), value: h, style: { bold: true, fill: HEADER_FILL } }),
    );
  }
  const n = (v: Decimal | null) => (v ? v.toNumber() : null);
  const append = {
    sheet: history.name,
    values: [isoToSerial(today, plan.date1904), plan.sheet, ...amounts.map(n), planTotal(plan).toNumber()],
    numberFormats: [DATE_FORMAT, null, ...Array(7).fill(NUMBER_FORMAT)],
  };
  return { name: history.name, note: history.note ?? null, sheets, cells, append };
}

import Decimal from 'decimal.js';
import { rangeA1, toA1, sameSheetName } from '../model/a1';
import { isDateFormat } from '../text/dates';
import { Grid, type CellPos, type SheetSnapshot, type WorkbookSnapshot } from '../model/grid';
import type {
  ActionPlan,
  AmountCell,
  BlockLine,
  DateCell,
  OverrunBlock,
  TextCell,
  TriggerRule,
  YearLabel,
} from '../model/plan';
import { effectRowsOf, lastEffectRow } from './tableColumns';
import { DEFAULT_TRIGGER, firstYear, labelEquals, labelStartsWith, normaliseLabel } from '../text/labels';
import { readAmount, readDate, textCell, yearLabel, valueRightOf } from './cells';
import { MonthHeader, findMonthHeaders } from './monthHeaders';
import { readMonthTable } from './monthTable';
import { readInitiatives } from './initiatives';

function parseTrigger(cell: TextCell): TriggerRule | null {
  const t = normaliseLabel(cell.text);
  const pct = /(\d+(?:,\d+)?)\s*%/.exec(t);
  const mio = /(\d+(?:,\d+)?)\s*mio/.exec(t);
  if (!pct && !mio) return null;
  const num = (m: RegExpExecArray | null, fallback: number) =>
    m ? new Decimal(m[1].replace(',', '.')) : new Decimal(fallback);
  return {
    address: cell.address,
    percent: num(pct, DEFAULT_TRIGGER.percent),
    amount: num(mio, DEFAULT_TRIGGER.millions).times(1_000_000),
  };
}

function readBlock(g: Grid, fromRow: number): OverrunBlock {
  const block: OverrunBlock = { heading: null, asOf: null, atStart: null, atLastUpdate: null, afterThisUpdate: null };
  const labels: { key: 'atStart' | 'atLastUpdate' | 'afterThisUpdate'; row: number; col: number }[] = [];
  // The block lies below the month table: its few rows are read directly.
  for (let r = fromRow; r <= g.bottom; r++) {
    const end = g.rowEnd(r);
    for (let c = g.left; c <= end; c++) {
      const n = g.label(r, c);
      if (!n || n.length > 120) continue;
      if (!block.heading && labelEquals(n, 'forventet merforbrug')) block.heading = textCell(g, r, c);
      else if (!block.asOf && /^pr\.?\s*31[./-]\s*12[./-]\s*\d{4}/.test(n)) block.asOf = yearLabel(g, r, c);
      else if (n.includes('ved opstart')) labels.push({ key: 'atStart', row: r, col: c });
      else if (n.includes('sidste opdatering')) labels.push({ key: 'atLastUpdate', row: r, col: c });
      else if (n.includes('efter denne opdatering')) labels.push({ key: 'afterThisUpdate', row: r, col: c });
    }
  }
  const found = labels.map((l) => ({ ...l, valueCol: valueRightOf(g, l.row, l.col) }));
  const knownCol = found.find((l) => l.valueCol !== null)?.valueCol ?? null;
  for (const l of found) {
    if (block[l.key]) continue;
    const col = l.valueCol ?? knownCol ?? l.col + 5;
    const line: BlockLine = { labelAddress: toA1(l.row, l.col), row: l.row, amount: readAmount(g, l.row, col) };
    block[l.key] = line;
  }
  return block;
}

/** The header part above the tables: title, trigger rule, center, dates, corrected budget, cause. */
function readHeader(g: Grid, headerEnd: number) {
  let title: YearLabel | null = null;
  let trigger: TriggerRule | null = null;
  let center: TextCell | null = null;
  let unit: TextCell | null = null;
  let startDate: DateCell | null = null;
  let updatedDate: DateCell | null = null;
  let correctedBudget: AmountCell | null = null;
  let reason: TextCell | null = null;
  const isLabel = (l: string) => /:\s*$/.test(l) || labelStartsWith(l, 'ansvarlig');
  for (let r = g.top; r < headerEnd; r++) {
    const end = g.rowEnd(r);
    for (let c = g.left; c <= end; c++) {
      const n = g.label(r, c);
      if (!n || n.length > 200) continue;
      const valueCol = () => valueRightOf(g, r, c, isLabel);
      if (!title && /^handleplan\b/.test(n) && firstYear(n)) title = yearLabel(g, r, c);
      else if (!trigger && n.includes('udarbejdes ved')) trigger = parseTrigger(textCell(g, r, c));
      else if (!startDate && labelStartsWith(n, 'opstart af handleplan'))
        startDate = readDate(g, r, valueCol() ?? c + 1);
      else if (!updatedDate && labelStartsWith(n, 'opdateret')) updatedDate = readDate(g, r, valueCol() ?? c + 1);
      else if (!correctedBudget && labelStartsWith(n, 'korrigeret budget')) {
        const vc = valueCol();
        if (vc !== null) correctedBudget = readAmount(g, r, vc);
      } else if (!center && labelEquals(n.replace(/:.*$/, '').trim(), 'center')) {
        const vc = valueCol();
        if (vc !== null) center = textCell(g, r, vc);
      } else if (!unit && labelStartsWith(n, 'virksomhed')) {
        const vc = valueCol();
        if (vc !== null) unit = textCell(g, r, vc);
      } else if (!reason && labelStartsWith(n, 'årsag til merforbrug')) {
        const vc = valueCol();
        if (vc !== null) reason = textCell(g, r, vc);
        else if (!g.isEmpty(r + 1, c)) reason = textCell(g, r + 1, c);
      }
    }
  }
  return { title, trigger, center, unit, startDate, updatedDate, correctedBudget, reason };
}

/** Reads the plan whose month table has `header`, within the rows of `g`. */
function readPlan(g: Grid, header: MonthHeader): ActionPlan {
  const monthTable = readMonthTable(g, header);
  const { headerRow: initiativeHeaderRow, initiatives, columns: initiativeColumns } = readInitiatives(g, monthTable);
  const headerEnd = initiativeHeaderRow ?? monthTable.title?.row ?? monthTable.headerRow;
  const head = readHeader(g, headerEnd);
  const lastTableRow = monthTable.totalRow?.row ?? lastEffectRow(monthTable) ?? monthTable.headerRow;
  const block = readBlock(g, lastTableRow + 1);
  for (const line of [block.atStart, block.atLastUpdate, block.afterThisUpdate]) {
    if (!line) continue;
    const { row, col } = line.amount;
    const v = g.value(row, col);
    const format = g.numberFormat(row, col);
    if (typeof v === 'number' && v !== 0 && isDateFormat(format))
      (monthTable.dateFormatted ??= []).push({ address: toA1(row, col), value: v, format: format! });
  }

  // The plan's range: from its first part to its last, across the table and the block.
  let top = monthTable.headerRow;
  let bottom = lastTableRow;
  let left = monthTable.labelCol;
  let right = monthTable.totalCol ?? monthTable.firstMonthCol + 11;
  const note = (row: number, col: number) => {
    if (row < top) top = row;
    if (row > bottom) bottom = row;
    if (col < left) left = col;
    if (col > right) right = col;
  };
  for (const line of [block.atStart, block.atLastUpdate, block.afterThisUpdate])
    if (line) note(line.amount.row, line.amount.col);
  for (const t of [
    head.correctedBudget,
    head.title,
    head.startDate,
    head.updatedDate,
    block.heading,
    block.asOf,
    monthTable.title,
  ])
    if (t) note(t.row, t.col);
  if (initiatives?.count) {
    note(initiatives.sheetRow(0), monthTable.labelCol);
    note(initiatives.sheetRow(initiatives.count - 1), monthTable.labelCol);
  }

  return {
    sheet: g.name,
    range: rangeA1(top, left, bottom, right),
    ...head,
    initiativeHeaderRow,
    initiativeColumns,
    get initiatives() {
      return initiatives ? initiatives.list() : [];
    },
    initiativeColumnsRead: initiatives ?? undefined,
    monthTable,
    block,
    hidden: g.sheet.veryHidden ? 'veryHidden' : g.sheet.hidden ? 'hidden' : undefined,
    date1904: g.sheet.date1904 === true,
  };
}

/**
 * Calls back for every amount cell of a plan that is not a plain number (or empty) known from the
 * øre store — those are the only ones that can be unusable or text — in reading order: months and
 * totals, the table's total row, the block, the corrected budget.
 */
export function forEachUnplainAmountCell(plan: ActionPlan, f: (cell: AmountCell) => void): void {
  const { monthTable, block } = plan;
  const rows = effectRowsOf(monthTable);
  for (let i = 0; i < rows.count; i++) {
    // A plain row's months are numbers or empty: only their sums concern anyone, not the cells.
    if (!rows.plain(i)) for (const m of rows.row(i).months) f(m);
    if (!rows.hasTotals || rows.totalOre(i) !== undefined) continue;
    const total = rows.row(i).total;
    if (total) f(total);
  }
  if (monthTable.totalRow) {
    for (const m of monthTable.totalRow.months) f(m);
    if (monthTable.totalRow.total) f(monthTable.totalRow.total);
  }
  for (const line of [block.atStart, block.atLastUpdate, block.afterThisUpdate]) if (line) f(line.amount);
  if (plan.correctedBudget) f(plan.correctedBudget);
}

/**
 * Where each plan of a sheet begins: the first row after the previous plan's month table that
 * holds a part of the next plan (its title, its initiatives' header, its month-table title), or
 * its month header itself.
 */
function planRegions(g: Grid, headers: MonthHeader[]): { top: number; bottom: number }[] {
  if (headers.length <= 1) return [{ top: g.top, bottom: g.bottom }];
  const starts = g
    .labels()
    .find(
      (l) =>
        (/^handleplan\b/.test(l) && firstYear(l) !== null) ||
        labelEquals(l, 'indsatsområde') ||
        ((l.includes('effekt') || l.includes('måned')) && firstYear(l) !== null),
      200,
    )
    .map((p) => p.row);
  const regions: { top: number; bottom: number }[] = [];
  let top = g.top;
  headers.forEach((h, k) => {
    const next = headers[k + 1];
    let bottom = g.bottom;
    if (next) {
      // The table ends at its total row, or where two empty rows follow it.
      const table = readMonthTable(g.view(top, next.row - 1), h);
      const end = table.totalRow?.row ?? lastEffectRow(table) ?? h.row;
      const first = starts.filter((r) => r > end && r <= next.row).reduce((m, r) => Math.min(m, r), next.row);
      bottom = first - 1;
    }
    regions.push({ top, bottom });
    top = bottom + 1;
  });
  return regions;
}

/** Reads every HANDLEPLAN on one sheet, top to bottom; none when the sheet has no month table. */
export function readActionPlans(sheetOrGrid: SheetSnapshot | Grid): ActionPlan[] {
  const g = sheetOrGrid instanceof Grid ? sheetOrGrid : new Grid(sheetOrGrid);
  const headers = findMonthHeaders(g);
  if (headers.length === 0) return [];
  const regions = planRegions(g, headers);
  return headers.map((h, k) => readPlan(regions.length > 1 ? g.view(regions[k].top, regions[k].bottom) : g, h));
}

/** The first HANDLEPLAN on a sheet, or null. */
export function readActionPlan(sheet: SheetSnapshot | Grid): ActionPlan | null {
  return readActionPlans(sheet)[0] ?? null;
}

/** Sheets in reading order: the active one first, then the rest as they stand. */
export function sheetsInReadingOrder(workbook: WorkbookSnapshot, only?: string): SheetSnapshot[] {
  if (only !== undefined) {
    return workbook.sheets.filter((s) => sameSheetName(s.name, only));
  }
  const active = workbook.sheets.find((s) => s.name === workbook.activeSheet);
  return active ? [active, ...workbook.sheets.filter((s) => s !== active)] : workbook.sheets;
}

export type { CellPos };

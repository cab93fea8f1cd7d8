import ExcelJS from 'exceljs';
import { columnLetters, quoteSheetName } from '../core/a1';
import type { CellStyle, CellWrite, ChartSpec, WritePlan } from '../core/writePlan';
import { addCharts } from './charts';
import { ownerMarkName } from '../core/writePlan';
import { ownedSheetNames } from './read';

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;

function applyStyle(cell: ExcelJS.Cell, style: CellStyle) {
  if (style.bold || style.italic || style.fontSize || style.fontColor) {
    cell.font = {
      ...cell.font,
      ...(style.bold ? { bold: true } : {}),
      ...(style.italic ? { italic: true } : {}),
      ...(style.fontSize ? { size: style.fontSize } : {}),
      ...(style.fontColor ? { color: { argb: argb(style.fontColor) } } : {}),
    };
  }
  if (style.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(style.fill) } };
  if (style.wrap || style.horizontal || style.verticalTop) {
    cell.alignment = {
      ...(style.wrap ? { wrapText: true } : {}),
      ...(style.horizontal ? { horizontal: style.horizontal } : {}),
      ...(style.verticalTop ? { vertical: 'top' as const } : {}),
    };
  }
  if (style.borderBottom) cell.border = { bottom: { style: 'thin' } };
}

/** In the file format, functions newer than Excel 2007 carry the _xlfn. prefix. */
export const fileFormula = (formula: string) =>
  formula.replace(/^=/, '').replace(/(?<![\w.])NUMBERVALUE\(/g, '_xlfn.NUMBERVALUE(');

function writeCell(ws: ExcelJS.Worksheet, w: CellWrite) {
  const cell = ws.getCell(w.address);
  if (w.formula) {
    const result = w.value ?? undefined;
    cell.value = {
      formula: fileFormula(w.formula),
      ...(result !== undefined ? { result } : {}),
    } as ExcelJS.CellFormulaValue;
  } else if (w.value !== undefined) {
    cell.value = w.value;
  }
  if (w.numberFormat) cell.numFmt = w.numberFormat;
  if (w.style) applyStyle(cell, w.style);
}

function markOwned(workbook: ExcelJS.Workbook, sheet: string) {
  if (ownedSheetNames(workbook).has(sheet)) return;
  workbook.definedNames.add(`${quoteSheetName(sheet)}!$A$1`, ownerMarkName(sheet));
}

/** Copies a sheet's cells, styles, merges, column widths and settings into another sheet. */
function copySheetInto(workbook: ExcelJS.Workbook, source: string, target: ExcelJS.Worksheet) {
  const src = workbook.getWorksheet(source);
  if (!src) throw new Error(`Write plan copies a missing sheet: ${source}`);
  const model = src.model as unknown as Record<string, unknown>;
  const { id, name } = target;
  target.model = { ...model, id, name, mergeCells: model.merges } as unknown as ExcelJS.WorksheetModel;
  target.name = name;
}

/** Moves a sheet to a position in the tab order by renumbering the order. */
function placeAt(workbook: ExcelJS.Workbook, ws: ExcelJS.Worksheet, index: number) {
  const order = workbook.worksheets.filter((s) => s !== ws);
  order.splice(Math.min(index, order.length), 0, ws);
  order.forEach((s, k) => {
    (s as unknown as { orderNo: number }).orderNo = k;
  });
}

/** Charts waiting for the workbook to be saved (ExcelJS itself cannot write them). */
const pendingCharts = new WeakMap<ExcelJS.Workbook, ChartSpec[]>();

/** The last row that holds anything, 0-based; -1 for an empty sheet. */
function lastUsedRow(ws: ExcelJS.Worksheet): number {
  let last = -1;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    if (row.values && (row.values as unknown[]).some((v) => v !== null && v !== undefined && v !== '')) last = r - 1;
  });
  return last;
}

/** Applies a write plan to an ExcelJS workbook in memory; save it with saveXlsx. */
export function applyWritePlanToXlsx(workbook: ExcelJS.Workbook, plan: WritePlan): void {
  const charts = (pendingCharts.get(workbook) ?? []).filter((c) => !plan.sheets.some((s) => s.name === c.sheet));
  pendingCharts.set(workbook, [...charts, ...plan.charts]);
  // Formulas written without results are computed by Excel when the file opens.
  workbook.calcProperties = { ...workbook.calcProperties, fullCalcOnLoad: true };
  for (const action of plan.sheets) {
    let ws = workbook.getWorksheet(action.name);
    let position: number | undefined;
    if (ws && action.action === 'replace') {
      position = workbook.worksheets.indexOf(ws);
      workbook.removeWorksheet(ws.id);
      ws = undefined;
    }
    if (!ws) {
      ws = workbook.addWorksheet(action.name);
      if (action.copyOf) copySheetInto(workbook, action.copyOf, ws);
      const afterIndex = action.after ? workbook.worksheets.findIndex((s) => s.name === action.after) : -1;
      if (afterIndex >= 0) placeAt(workbook, ws, afterIndex + 1);
      else if (position !== undefined) placeAt(workbook, ws, position);
    }
    for (const { col, width } of action.columnWidths ?? []) ws.getColumn(columnLetters(col)).width = width;
    if (action.owned) markOwned(workbook, action.name);
  }
  const sheets = new Map<string, ExcelJS.Worksheet>();
  for (const w of plan.cells) {
    let ws = sheets.get(w.sheet);
    if (!ws) {
      ws = workbook.getWorksheet(w.sheet);
      if (!ws) throw new Error(`Write plan names a missing sheet: ${w.sheet}`);
      sheets.set(w.sheet, ws);
    }
    writeCell(ws, w);
  }
  for (const append of plan.appends ?? []) {
    const ws = workbook.getWorksheet(append.sheet);
    if (!ws) throw new Error(`Write plan appends to a missing sheet: ${append.sheet}`);
    const row = lastUsedRow(ws) + 1;
    append.values.forEach((value, c) => {
      const cell = ws.getCell(row + 1, c + 1);
      cell.value = value;
      const fmt = append.numberFormats?.[c];
      if (fmt) cell.numFmt = fmt;
    });
  }
  const activate = plan.sheets.find((s) => s.activate);
  if (activate) {
    const index = workbook.worksheets.findIndex((s) => s.name === activate.name);
    workbook.views = [{ ...(workbook.views?.[0] ?? {}), activeTab: index, firstSheet: 0 } as ExcelJS.WorkbookView];
    workbook.worksheets.forEach((s, k) => {
      s.views = [{ ...(s.views?.[0] ?? {}), tabSelected: k === index } as unknown as ExcelJS.WorksheetView];
    });
  }
}

/** Saves the workbook, charts included. */
export async function saveXlsx(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  const buffer = (await workbook.xlsx.writeBuffer()) as ArrayBuffer;
  const charts = pendingCharts.get(workbook) ?? [];
  return charts.length ? addCharts(buffer, charts) : new Uint8Array(buffer);
}

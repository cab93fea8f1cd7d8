import ExcelJS from 'exceljs';
import { columnLetters, quoteSheetName } from '../core/a1';
import type { CellStyle, CellWrite, WritePlan } from '../core/writePlan';
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

function writeCell(ws: ExcelJS.Worksheet, w: CellWrite) {
  const cell = ws.getCell(w.address);
  if (w.formula) {
    const result = w.value ?? undefined;
    cell.value = {
      formula: w.formula.replace(/^=/, ''),
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

/** Moves a sheet to a position in the tab order by renumbering the order. */
function placeAt(workbook: ExcelJS.Workbook, ws: ExcelJS.Worksheet, index: number) {
  const order = workbook.worksheets.filter((s) => s !== ws);
  order.splice(Math.min(index, order.length), 0, ws);
  order.forEach((s, k) => {
    (s as unknown as { orderNo: number }).orderNo = k;
  });
}

/** Applies a write plan to an ExcelJS workbook in memory; the caller saves it. */
export function applyWritePlanToXlsx(workbook: ExcelJS.Workbook, plan: WritePlan): void {
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
  const activate = plan.sheets.find((s) => s.activate);
  if (activate) {
    const index = workbook.worksheets.findIndex((s) => s.name === activate.name);
    workbook.views = [{ ...(workbook.views?.[0] ?? {}), activeTab: index, firstSheet: 0 } as ExcelJS.WorkbookView];
    workbook.worksheets.forEach((s, k) => {
      s.views = [{ ...(s.views?.[0] ?? {}), tabSelected: k === index } as unknown as ExcelJS.WorksheetView];
    });
  }
}

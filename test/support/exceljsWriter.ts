/**
 * Test fixtures: a write plan's cells put into an ExcelJS workbook, so tests read packages
 * written by another library than ours, as real files are.
 */
import ExcelJS from 'exceljs';
import type { CellStyle, WritePlan } from '../../src/core/build/writePlan';
import { fileFormula } from '../../src/xlsx/formulaText';

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;

function applyStyle(cell: ExcelJS.Cell, style: CellStyle) {
  if (style.bold || style.italic || style.fontSize || style.fontColor) {
    cell.font = {
      ...(style.bold ? { bold: true } : {}),
      ...(style.italic ? { italic: true } : {}),
      ...(style.fontSize ? { size: style.fontSize } : {}),
      ...(style.fontColor ? { color: { argb: argb(style.fontColor) } } : {}),
    };
  }
  if (style.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(style.fill) } };
  if (style.wrap || style.horizontal || style.verticalTop)
    cell.alignment = {
      ...(style.wrap ? { wrapText: true } : {}),
      ...(style.horizontal ? { horizontal: style.horizontal } : {}),
      ...(style.verticalTop ? { vertical: 'top' as const } : {}),
    };
}

/** Adds the plan's sheets (create only) and cells to the workbook. */
export function writePlanWithExcelJs(workbook: ExcelJS.Workbook, plan: WritePlan): void {
  for (const action of plan.sheets) {
    const ws = workbook.getWorksheet(action.name) ?? workbook.addWorksheet(action.name);
    for (const { col, width } of action.columnWidths ?? []) ws.getColumn(col + 1).width = width;
  }
  for (const w of plan.cells) {
    const cell = workbook.getWorksheet(w.sheet)!.getCell(w.address);
    if (w.formula)
      cell.value = {
        formula: fileFormula(w.formula),
        ...(w.value !== undefined && w.value !== null ? { result: w.value } : {}),
      } as ExcelJS.CellFormulaValue;
    else if (w.value !== undefined) cell.value = w.value;
    if (w.numberFormat) cell.numFmt = w.numberFormat;
    if (w.style) applyStyle(cell, w.style);
  }
}

import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { slagelse2021 } from '../../examples/slagelse-2021';
import type { WorkbookSnapshot } from '../../src/core/model/grid';
import { buildPlanSheet, type PlanContent } from '../../src/core/build/template';
import { validateWorkbook } from '../../src/core/validate';
import { nodeInflate } from '../../src/cli/zlib';
import { readXlsx } from '../../src/xlsx/read';
import { writePlanWithExcelJs } from './exceljsWriter';

export interface PlanWorkbookOptions {
  sheet?: string;
  /** 0-based top-left of the plan. */
  origin?: { row: number; col: number };
  /** Sheets placed before the plan's sheet. */
  sheetsBefore?: string[];
  /** Edits made after the canonical plan is in place, with the plan's top-left for offsets. */
  edit?: (ws: ExcelJS.Worksheet, at: (address: string) => ExcelJS.Cell) => void;
}

export const cloneContent = (c: PlanContent = slagelse2021): PlanContent => JSON.parse(JSON.stringify(c));

/** Builds the plan as an .xlsx workbook in memory, in the canonical layout at any origin. */
export function planWorkbook(content: PlanContent = slagelse2021, options: PlanWorkbookOptions = {}): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  for (const name of options.sheetsBefore ?? []) workbook.addWorksheet(name).getCell('A1').value = 'Andet indhold';
  const sheet = options.sheet ?? `Handleplan ${content.year}`;
  const origin = options.origin ?? { row: 0, col: 0 };
  writePlanWithExcelJs(workbook, buildPlanSheet(sheet, content, origin));
  const ws = workbook.getWorksheet(sheet)!;
  // Addresses in edits are canonical (A1-based); shift them to the origin.
  const at = (address: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(address)!;
    const col = m[1].split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    return ws.getCell(Number(m[2]) + origin.row, col + origin.col);
  };
  options.edit?.(ws, at);
  return workbook;
}

/** Saves and reopens, so tests read what a real .xlsx file holds. */
export async function roundTrip(workbook: ExcelJS.Workbook): Promise<WorkbookSnapshot> {
  return readBytes(await xlsxBuffer(workbook));
}

/** What our reader makes of .xlsx bytes (every sheet parsed). */
export async function readBytes(data: Uint8Array): Promise<WorkbookSnapshot> {
  return (await readXlsx(data, nodeInflate, { all: true })).snapshot;
}

export async function xlsxBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function validatePlanWorkbook(content?: PlanContent, options?: PlanWorkbookOptions) {
  return validateWorkbook(await roundTrip(planWorkbook(content, options)));
}

/** Opens bytes with ExcelJS: another library than ours, to check what others make of our files. */
export async function openWithExcelJs(data: Uint8Array | Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(data) as unknown as ArrayBuffer);
  return wb;
}

/** Every part of a package, inflated, by name. */
export function unzipParts(data: Uint8Array | Buffer): Record<string, Uint8Array> {
  return unzipSync(new Uint8Array(data));
}

/**
 * One write-refusal policy (src/core/writeRefusal.ts), two adapters: the same workbook in the
 * Excel model and as an .xlsx file, the same write, the same verdict — refused with the same
 * code, or let through.
 */
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { slagelse2021 } from '../examples/slagelse-2021';
import { nodeDeflate, nodeInflate } from '../src/cli/zlib';
import { parseA1 } from '../src/core/model/a1';
import { WorkbookError } from '../src/core/model/adapter';
import type { WorkbookSnapshot } from '../src/core/model/grid';
import { buildPlanSheet } from '../src/core/build/template';
import type { WritePlan } from '../src/core/build/writePlan';
import { OfficeWorkbookAdapter } from '../src/excel/officeAdapter';
import { Package } from '../src/xlsx/package';
import { readWorkbook } from '../src/xlsx/read';
import { writePackage } from '../src/xlsx/write';
import { ExcelModel } from './support/fakeExcel';
import { unzipParts } from './support/workbooks';

interface Case {
  name: string;
  /** The sheet is protected, with these cells left unlocked (a template's inputs). */
  protect?: { unlocked: string[] };
  structureLocked?: boolean;
  /** Changed after the reading the write was planned on. */
  changedAfter?: { address: string; value: number };
  plan: WritePlan;
  expected: string | null;
}

const SHEET = 'Handleplan 2021';
const cell = (address: string, value: number): WritePlan => ({
  sheets: [],
  cells: [{ sheet: SHEET, address, value }],
  charts: [],
});

const CASES: Case[] = [
  { name: 'a plain write', plan: cell('F34', 9_800_000), expected: null },
  {
    name: 'a cell changed since the reading',
    changedAfter: { address: 'F34', value: 1 },
    plan: cell('F34', 9_800_000),
    expected: 'Stale',
  },
  {
    name: 'a locked cell of a protected sheet',
    protect: { unlocked: ['F22'] },
    plan: cell('F34', 1),
    expected: 'SheetProtected',
  },
  {
    name: 'an unlocked cell of a protected sheet',
    protect: { unlocked: ['F34'] },
    plan: cell('F34', 1),
    expected: null,
  },
  {
    name: 'a new row on a protected sheet',
    protect: { unlocked: ['F34'] },
    plan: { sheets: [], cells: [], charts: [], appends: [{ sheet: SHEET, values: ['x'] }] },
    expected: 'SheetProtected',
  },
  {
    name: 'a new sheet in a workbook whose structure is locked',
    structureLocked: true,
    plan: {
      sheets: [{ action: 'create', name: 'Ny', owned: true }],
      cells: [{ sheet: 'Ny', address: 'A1', value: 'x' }],
      charts: [],
    },
    expected: 'WorkbookProtected',
  },
];

const planCells = () => buildPlanSheet(SHEET, slagelse2021).cells.filter((w) => w.value !== null || w.formula);

/** The Excel model's verdict. */
async function inExcel(c: Case): Promise<string | null> {
  const model = new ExcelModel();
  const sheet = model.addSheet(SHEET);
  model.active = SHEET;
  for (const w of planCells()) {
    const { row, col } = parseA1(w.address);
    sheet.set(row, col, { value: w.value ?? '', formula: w.formula, numberFormat: w.numberFormat });
  }
  for (const a of c.protect?.unlocked ?? []) {
    const { row, col } = parseA1(a);
    sheet.set(row, col, { format: { 'protection.locked': false } });
  }
  sheet.protected = !!c.protect;
  model.structureProtected = !!c.structureLocked;
  const adapter = new OfficeWorkbookAdapter(
    (batch) => model.run(batch),
    () => true,
  );
  const before = await adapter.readAllSheets();
  if (c.changedAfter) model.userEdit(SHEET, c.changedAfter.address, c.changedAfter.value);
  return adapter.applyWritePlan(c.plan, before).then(
    () => null,
    (e) => (e instanceof WorkbookError ? e.code : String(e)),
  );
}

/** The .xlsx writer's verdict, on the same workbook written by ExcelJS. */
async function inXlsx(c: Case): Promise<string | null> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  for (const w of planCells()) {
    const { row, col } = parseA1(w.address);
    const target = ws.getCell(row + 1, col + 1);
    target.value = w.formula
      ? { formula: w.formula.slice(1), result: w.value as number }
      : (w.value as string | number);
  }
  for (const a of c.protect?.unlocked ?? []) ws.getCell(a).protection = { locked: false };
  if (c.protect) await ws.protect('', {});
  let data = new Uint8Array(await wb.xlsx.writeBuffer());
  if (c.structureLocked) {
    const parts = unzipParts(data);
    const xml = new TextDecoder()
      .decode(parts['xl/workbook.xml'])
      .replace(/<workbookProtection[^>]*\/>/, '')
      .replace(/<sheets>/, '<workbookProtection lockStructure="1"/><sheets>');
    data = zipSync({ ...parts, 'xl/workbook.xml': new TextEncoder().encode(xml) });
  }
  const before: WorkbookSnapshot = await readWorkbook(new Package(data, nodeInflate), { all: true });
  if (c.changedAfter) {
    ws.getCell(c.changedAfter.address).value = c.changedAfter.value;
    data = new Uint8Array(await wb.xlsx.writeBuffer());
  }
  return writePackage(new Package(data, nodeInflate), c.plan, before, nodeDeflate).then(
    () => null,
    (e) => (e instanceof WorkbookError ? e.code : String(e)),
  );
}

test.each(CASES.map((c) => [c.name, c] as const))('%s: both adapters give the same verdict', async (_name, c) => {
  const [excel, xlsx] = await Promise.all([inExcel(c), inXlsx(c)]);
  expect({ excel, xlsx }).toEqual({ excel: c.expected, xlsx: c.expected });
});

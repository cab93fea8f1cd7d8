import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parseRange } from '../core/a1';
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from '../core/grid';
import { OWNER_MARK_PREFIX } from '../core/writePlan';

/** Past this many cells a sheet is cut to its top-left part; a handleplan is far smaller. */
const MAX_CELLS = 4_000_000;

export function dateToSerial(d: Date): number {
  return d.getTime() / 86_400_000 + 25_569;
}

function plainValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : dateToSerial(v);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.error === 'string') return { error: o.error };
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((t) => t.text ?? '').join('');
    if ('text' in o) return plainValue(o.text);
    if ('result' in o) return plainValue(o.result);
  }
  return null;
}

function readCell(cell: ExcelJS.Cell): { value: CellValue; formula: string | null } {
  if (cell.isMerged && cell.master !== cell) return { value: null, formula: null };
  if (cell.type === ExcelJS.ValueType.Formula) {
    let formula: string | null = null;
    try {
      formula = cell.formula ? `=${cell.formula}` : null;
    } catch {
      formula = null; // a shared formula whose master is missing
    }
    return { value: plainValue(cell.result), formula };
  }
  return { value: plainValue(cell.value), formula: null };
}

/** Sheets that carry the add-in's mark: names HANDLEPLAN_ADDIN_* that point at them. */
export function ownedSheetNames(workbook: ExcelJS.Workbook): Set<string> {
  const owned = new Set<string>();
  const model = (workbook.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model ?? [];
  for (const { name, ranges } of model) {
    if (!name.startsWith(OWNER_MARK_PREFIX)) continue;
    for (const r of ranges) {
      const m = /^'?(.*?)'?!/.exec(r);
      if (m) owned.add(m[1].replace(/''/g, "'"));
    }
  }
  return owned;
}

export function snapshotSheet(ws: ExcelJS.Worksheet, owned = false): SheetSnapshot {
  const entries: { r: number; c: number; value: CellValue; formula: string | null; numFmt: string | null }[] = [];
  let top = Infinity,
    left = Infinity,
    bottom = -1,
    right = -1;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const { value, formula } = readCell(cell);
      if (value === null && formula === null) return;
      entries.push({ r: r - 1, c: c - 1, value, formula, numFmt: cell.numFmt ?? null });
      top = Math.min(top, r - 1);
      left = Math.min(left, c - 1);
      bottom = Math.max(bottom, r - 1);
      right = Math.max(right, c - 1);
    });
  });
  const base = {
    name: ws.name,
    hidden: ws.state !== 'visible',
    ownedByAddin: owned,
    protected: Boolean((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet),
  };
  if (entries.length === 0) return { ...base, origin: { row: 0, col: 0 }, values: [], formulas: [], numberFormats: [] };
  const width = right - left + 1;
  const height = Math.min(bottom - top + 1, Math.max(1, Math.floor(MAX_CELLS / width)));
  const values: CellValue[][] = Array.from({ length: height }, () => new Array<CellValue>(width).fill(null));
  const formulas: (string | null)[][] = Array.from({ length: height }, () =>
    new Array<string | null>(width).fill(null),
  );
  const numberFormats: (string | null)[][] = Array.from({ length: height }, () =>
    new Array<string | null>(width).fill(null),
  );
  for (const e of entries) {
    const i = e.r - top;
    if (i >= height) continue;
    values[i][e.c - left] = e.value;
    formulas[i][e.c - left] = e.formula;
    numberFormats[i][e.c - left] = e.numFmt;
  }
  return { ...base, origin: { row: top, col: left }, values, formulas, numberFormats };
}

export function snapshotWorkbook(workbook: ExcelJS.Workbook): WorkbookSnapshot {
  const owned = ownedSheetNames(workbook);
  const sheets = workbook.worksheets.map((ws) => snapshotSheet(ws, owned.has(ws.name)));
  const activeTab = workbook.views?.[0]?.activeTab;
  const activeSheet = typeof activeTab === 'number' ? workbook.worksheets[activeTab]?.name : undefined;
  return { sheets, activeSheet };
}

/** ExcelJS expands a data validation to every cell it covers; a whole-sheet one never ends. */
const MAX_VALIDATION_CELLS = 1_000_000;

function validationArea(sqref: string): number {
  let area = 0;
  for (const part of sqref.trim().split(/\s+/)) {
    try {
      const r = parseRange(part);
      area += (r.bottom - r.top + 1) * (r.right - r.left + 1);
    } catch {
      return Infinity;
    }
  }
  return area;
}

/** Drops data validations too large for ExcelJS; returns the file unchanged when there are none. */
async function withoutHugeValidations(data: ArrayBuffer | Uint8Array): Promise<ArrayBuffer | Uint8Array> {
  const zip = await JSZip.loadAsync(data);
  if (!zip.file(/^xl\/workbook\d*\.xml$/i).length) throw new Error('The archive holds no workbook part');
  let changed = false;
  for (const path of Object.keys(zip.files).filter((p) => /^xl\/worksheets\/[^/]+\.xml$/.test(p))) {
    const xml = await zip.file(path)!.async('string');
    if (!xml.includes('<dataValidation')) continue;
    const next = xml
      .replace(/<dataValidation\b[^>]*?(?:\/>|>[\s\S]*?<\/dataValidation>)/g, (el) => {
        const sqref = /\bsqref="([^"]*)"/.exec(el)?.[1] ?? '';
        return validationArea(sqref) > MAX_VALIDATION_CELLS ? '' : el;
      })
      .replace(/<dataValidations\b[^>]*>\s*<\/dataValidations>/g, '');
    if (next !== xml) {
      zip.file(path, next);
      changed = true;
    }
  }
  return changed ? zip.generateAsync({ type: 'uint8array' }) : data;
}

export async function loadXlsx(data: ArrayBuffer | Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await withoutHugeValidations(data)) as ArrayBuffer);
  return workbook;
}

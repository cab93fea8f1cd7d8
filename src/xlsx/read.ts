/**
 * Reads an .xlsx package into the core's workbook snapshot by streaming: shared strings and
 * number formats first, then every worksheet once through a cheap scan for the labels that can
 * anchor a table (month headers, "Overført fra tidligere år", …) and only the sheets that have
 * one — or the sheet asked for — into the grid. Cells are counted as they are stored, against a
 * hard limit; the box around them does not matter. The parts: read/styles.ts, read/sharedStrings.ts,
 * read/signal.ts (the scan), read/sheet.ts (one sheet) and read/cellStore.ts (its cells).
 */
import { sameSheetName } from '../core/model/a1';
import type { SheetSnapshot, WorkbookSnapshot } from '../core/model/grid';
import { isTableSignal } from '../core/text/signals';
import { isOwnerMark, ownedSheets as ownedByMarks } from '../core/build/writePlan';
import type { Limits } from './limits';
import { Package, type Inflater, type WorkbookInfo } from './package';
import { readSharedStrings } from './read/sharedStrings';
import { readSheet, type SheetContext } from './read/sheet';
import { scanSheet } from './read/signal';
import { readStyles } from './read/styles';

export interface ReadOptions {
  /** Only this sheet (by name, without regard to case) is parsed; others are listed unread. */
  sheet?: string;
  /** Every worksheet is parsed (browser mode shows them); otherwise only those with a signal. */
  all?: boolean;
  limits?: Limits;
  /** Filled in as the read goes: which sheets were scanned and which tokenized into the grid. */
  stats?: ReadStats;
}

/** What a read did, sheet by sheet (the tests and the bench count it). */
export interface ReadStats {
  scanned: string[];
  tokenized: string[];
  /** Inflated bytes the scans looked at. */
  scannedBytes: number;
}

/** Sheets that carry the add-in's mark: defined names HANDLEPLAN_ADDIN_* that point at them. */
export const ownedSheets = (info: WorkbookInfo): Set<string> => ownedByMarks(info.definedNames);

/** The package as the core's workbook snapshot. */
export async function readWorkbook(pkg: Package, options: ReadOptions = {}): Promise<WorkbookSnapshot> {
  const limits = options.limits ?? pkg.budget.limits;
  const info = await pkg.workbook();
  const strings = await readSharedStrings(pkg, info.sharedStringsPart, limits);
  const styles = await readStyles(pkg, info.stylesPart);
  const ctx: SheetContext = { strings, styles, date1904: info.date1904, cells: { count: 0, limit: limits.cells } };
  const owned = ownedSheets(info);
  const wanted = options.sheet;
  const worksheets = info.sheets.filter((s) => s.kind === 'worksheet');
  const signals = new Set<number>();
  strings.forEach((s, i) => {
    if (isTableSignal(s)) signals.add(i);
  });
  // With one worksheet, or little to read, the scan would cost more than it saves.
  const small = worksheets.reduce((n, s) => n + (pkg.entry(s.part!)?.size ?? 0), 0) < limits.scanAboveBytes;
  const sheets: SheetSnapshot[] = [];
  for (const s of info.sheets) {
    const base = {
      name: s.name,
      hidden: s.state !== 'visible',
      veryHidden: s.state === 'veryHidden',
      ownedByAddin: owned.has(s.name),
      date1904: info.date1904,
    };
    let parse = false;
    if (s.part) {
      if (wanted !== undefined) parse = sameSheetName(s.name, wanted);
      else if (options.all || worksheets.length === 1 || small) parse = true;
      else {
        const scan = await scanSheet(pkg, s.part, signals);
        options.stats?.scanned.push(s.name);
        if (options.stats) options.stats.scannedBytes += scan.bytes;
        parse = scan.found;
      }
    }
    if (!parse || !s.part) {
      sheets.push({ ...base, origin: { row: 0, col: 0 }, values: [], unread: true });
      continue;
    }
    options.stats?.tokenized.push(s.name);
    // Assigned, not spread: a spread would make the sheet's arrays from its compact store.
    sheets.push(Object.assign(await readSheet(pkg, s.part, s.name, ctx), base));
  }
  const active = info.sheets[info.activeTab]?.name;
  return {
    sheets,
    activeSheet: active,
    calculation: info.calcMode === 'manual' ? 'manual' : 'automatic',
    ownerMarks: info.definedNames.map((n) => n.name).filter(isOwnerMark),
  };
}

/** Opens and reads a package in one step. */
export async function readXlsx(data: Uint8Array, inflater: Inflater, options: ReadOptions = {}) {
  const pkg = new Package(data, inflater, options.limits);
  return { pkg, snapshot: await readWorkbook(pkg, options) };
}

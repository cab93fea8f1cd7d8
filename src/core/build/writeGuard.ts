import { parseA1, rangeA1 } from '../model/a1';
import { Grid, sameCellValue, type CellState, type SheetSnapshot, type WorkbookSnapshot } from '../model/grid';
import type { WritePlan } from './writePlan';

/** What an adapter found in the workbook just before writing, for the sheets the plan guards. */
export interface FreshSheet {
  usedRange: string | null;
  cells: Map<string, CellState>;
}

/** The used range of a snapshot: the box around every cell that holds a value or formula. */
export function usedRangeOf(sheet: SheetSnapshot): string | null {
  if (sheet.usedRange !== undefined) return sheet.usedRange;
  const g = new Grid(sheet);
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  g.forEachCell((row, col) => {
    if (g.isEmpty(row, col) && g.formula(row, col) === null) return;
    if (row < top) top = row;
    if (row > bottom) bottom = row;
    if (col < left) left = col;
    if (col > right) right = col;
  });
  return bottom < 0 ? null : rangeA1(top, left, bottom, right);
}

/**
 * The cells a write must find as validated, per sheet: the guards' cells and every cell of an
 * existing sheet that the write overwrites. Sheets whose cells were never read are left out.
 */
export function guardedCells(plan: WritePlan, before: WorkbookSnapshot): Map<string, Set<string>> {
  const made = new Set(plan.sheets.map((s) => s.name));
  // A sheet the write replaces is still guarded where the write says so (what the user typed in
  // it is carried over, so it must be what was read); the cells written on it are new.
  const created = new Set(plan.sheets.filter((s) => s.action === 'create').map((s) => s.name));
  const read = new Map(before.sheets.filter((s) => !s.unread).map((s) => [s.name, s]));
  const out = new Map<string, Set<string>>();
  const add = (sheet: string, address: string, skip: Set<string>) => {
    if (skip.has(sheet) || !read.has(sheet)) return;
    const set = out.get(sheet) ?? new Set<string>();
    set.add(address);
    out.set(sheet, set);
  };
  for (const g of plan.guards ?? []) {
    if (!out.has(g.sheet) && read.has(g.sheet) && !created.has(g.sheet)) out.set(g.sheet, new Set());
    for (const c of g.cells) add(g.sheet, c, created);
  }
  for (const c of plan.cells) add(c.sheet, c.address, made);
  return out;
}

/** The content of a cell in a snapshot (give a grid when asking about many cells). */
export function cellState(sheet: SheetSnapshot | Grid, address: string): CellState {
  const g = sheet instanceof Grid ? sheet : new Grid(sheet);
  const { row, col } = parseA1(address);
  return { value: g.value(row, col), formula: g.formula(row, col) };
}

/**
 * Where the workbook no longer is what was validated: "Ark!B7" for a changed cell, "Ark" for a
 * sheet whose used range moved (a row inserted or deleted) or that has gone. Empty: go ahead.
 */
export function staleProblems(
  plan: WritePlan,
  before: WorkbookSnapshot,
  fresh: Map<string, FreshSheet | null>,
): string[] {
  const problems: string[] = [];
  for (const [sheetName, cells] of guardedCells(plan, before)) {
    const sheet = before.sheets.find((s) => s.name === sheetName)!;
    const now = fresh.get(sheetName);
    if (!now) {
      problems.push(sheetName);
      continue;
    }
    if ((now.usedRange ?? null) !== (usedRangeOf(sheet) ?? null)) problems.push(sheetName);
    const g = new Grid(sheet);
    for (const address of cells) {
      const was = cellState(g, address);
      const is = now.cells.get(address) ?? { value: null, formula: null };
      if (!sameCellValue(was.value, is.value) || (was.formula ?? null) !== (is.formula ?? null))
        problems.push(`${sheetName}!${address}`);
    }
  }
  return problems;
}

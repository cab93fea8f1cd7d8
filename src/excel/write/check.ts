/** Before a write: the one sync that checks the workbook is still what was validated and loads what an undo needs. */
import type { WorkbookSnapshot } from '../../core/model/grid';
import { writeRefusal } from '../../core/build/writeRefusal';
import { guardedCells, type FreshSheet } from '../../core/build/writeGuard';
import { type SheetAction, type WritePlan } from '../../core/build/writePlan';
import { ownedFromNames } from '../officeAdapter';
import { rangeOrigin, toCellValue } from '../snapshot';

export interface OldCell {
  sheet: string;
  address: string;
  value: unknown;
  valueType: string;
  formula: unknown;
  /**
   * The number format in the user's locale (numberFormatLocal, ExcelApi 1.7): read and restored
   * through the same property, since Excel on the web can return numberFormat localised
   * (office-js #2824, #1553, #1632); numberFormat where 1.7 is missing.
   */
  numberFormat: unknown;
  local: boolean;
  /** The cell's protection (locked unless the template unlocked it), on a protected sheet. */
  locked: boolean;
}

/** What the check found: the workbook's state before the write, enough to undo it exactly. */
export interface WriteCheck {
  sheets: { id: string; name: string; protected: boolean }[];
  activeId: string;
  names: { name: string; value: string; comment: string }[];
  owned: Set<string>;
  structureProtected: boolean;
  oldCells: OldCell[];
  fresh: Map<string, FreshSheet | null>;
  /** Next free row (0-based) of each sheet that gets history rows. */
  nextRow: Map<string, number>;
  /** Where history rows go, with the number formats the cells there had. */
  appendAreas: { sheet: string; row: number; rows: number; cols: number; formats: (r: number, c: number) => unknown }[];
}

export async function checkWrite(
  context: Excel.RequestContext,
  plan: WritePlan,
  before: WorkbookSnapshot,
  api17: boolean,
): Promise<WriteCheck> {
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/id,items/name,items/protection/protected');
  const active = worksheets.getActiveWorksheet();
  active.load('id');
  const names = context.workbook.names;
  names.load('items/name,items/value,items/comment');
  const protection = api17 ? context.workbook.protection : null;
  protection?.load('protected');
  const loadCell = (range: Excel.Range) =>
    api17
      ? range.load('values,valueTypes,formulas,numberFormatLocal,format/protection/locked')
      : range.load('values,valueTypes,formulas,numberFormat,format/protection/locked');

  const existing = new Set(before.sheets.map((s) => s.name));
  const guarded = guardedCells(plan, before);
  const cellLoads: { sheet: string; address: string; range: Excel.Range }[] = [];
  const usedLoads = new Map<string, Excel.Range>();
  // Only sheets that were there when validated are asked for; one that has gone since fails
  // the check with ItemNotFound, before anything is written.
  for (const [sheet, addresses] of guarded) {
    const ws = worksheets.getItem(sheet);
    const used = ws.getUsedRangeOrNullObject(true);
    used.load('address');
    usedLoads.set(sheet, used);
    for (const address of addresses) {
      const range = ws.getRange(address);
      loadCell(range);
      cellLoads.push({ sheet, address, range });
    }
  }
  // Cells on sheets the snapshot did not read still need their old contents for an undo.
  const made = new Set(plan.sheets.map((s) => s.name));
  for (const c of plan.cells) {
    if (made.has(c.sheet) || guarded.has(c.sheet) || !existing.has(c.sheet)) continue;
    const range = worksheets.getItem(c.sheet).getRange(c.address);
    loadCell(range);
    cellLoads.push({ sheet: c.sheet, address: c.address, range });
  }
  const appendSheets = [...new Set((plan.appends ?? []).map((a) => a.sheet))].filter(
    (s) => existing.has(s) && !made.has(s),
  );
  const appendLoads = appendSheets.map((sheet) => {
    const ws = worksheets.getItem(sheet);
    const range = ws.getUsedRangeOrNullObject(true);
    range.load('address,rowCount');
    // With formats: the cells below the last value may still have number formats to restore.
    const formatted = ws.getUsedRangeOrNullObject(false);
    formatted.load('address,numberFormat');
    return { sheet, range, formatted };
  });
  await context.sync();

  const fresh = new Map<string, FreshSheet | null>();
  for (const [sheet, used] of usedLoads) {
    fresh.set(sheet, {
      usedRange: used.isNullObject ? null : used.address.slice(used.address.lastIndexOf('!') + 1),
      cells: new Map(),
    });
  }
  const oldCells: OldCell[] = [];
  for (const { sheet, address, range } of cellLoads) {
    const f = fresh.get(sheet);
    const formula = range.formulas[0][0];
    const state = {
      value: toCellValue(range.values[0][0], range.valueTypes[0][0]),
      formula: isFormula(formula, range.values[0][0]) ? (formula as string) : null,
    };
    f?.cells.set(address, state);
    oldCells.push({
      sheet,
      address,
      value: range.values[0][0],
      valueType: range.valueTypes[0][0],
      formula,
      numberFormat: api17 ? range.numberFormatLocal[0][0] : range.numberFormat[0][0],
      local: api17,
      locked: range.format.protection.locked !== false,
    });
  }
  const nextRow = new Map<string, number>();
  const appendAreas: WriteCheck['appendAreas'] = [];
  for (const { sheet, range, formatted } of appendLoads) {
    const row = range.isNullObject ? 0 : rangeOrigin(range.address).row + range.rowCount;
    nextRow.set(sheet, row);
    const appends = (plan.appends ?? []).filter((a) => a.sheet === sheet);
    const origin = formatted.isNullObject ? null : rangeOrigin(formatted.address);
    const formats = formatted.isNullObject ? [] : formatted.numberFormat;
    appendAreas.push({
      sheet,
      row,
      rows: appends.length,
      cols: Math.max(...appends.map((a) => a.values.length)),
      formats: (r, c) => (origin ? (formats[r - origin.row]?.[c - origin.col] ?? 'General') : 'General'),
    });
  }
  return {
    sheets: worksheets.items.map((w) => ({ id: w.id, name: w.name, protected: w.protection.protected })),
    activeId: active.id,
    names: names.items.map((n) => ({ name: n.name, value: String(n.value), comment: n.comment ?? '' })),
    owned: ownedFromNames(names.items),
    structureProtected: protection?.protected ?? false,
    oldCells,
    fresh,
    nextRow,
    appendAreas,
  };
}

/** Throws before anything is written when the write could not go ahead safely (the core's policy). */
export function refuseUnsafeWrite(
  plan: WritePlan,
  before: WorkbookSnapshot,
  check: WriteCheck,
  actions: SheetAction[],
) {
  const locked = new Set(check.oldCells.filter((c) => c.locked).map((c) => `${c.sheet}!${c.address}`));
  const refusal = writeRefusal(
    plan,
    before,
    {
      fresh: check.fresh,
      structureProtected: check.structureProtected,
      sheets: check.sheets.map((s) => ({ name: s.name, protected: !!s.protected })),
      locked: (sheet, address) => locked.has(`${sheet}!${address}`),
    },
    actions,
  );
  if (refusal) throw refusal;
}

/**
 * A cell holds a formula only when its formula differs from its value: Range.formulas gives a
 * text cell's text, so a text that begins with "=" comes back as "=…" (office-js #6687).
 */

export function isFormula(formula: unknown, value: unknown): boolean {
  return typeof formula === 'string' && formula.startsWith('=') && formula !== value;
}

/**
 * The write half of the Office adapter, loaded on the first write: the check, the queued write
 * and its undo.
 */
import { columnLetters, rangeA1 } from '../core/model/a1';
import { WorkbookError } from '../core/model/adapter';
import type { WorkbookSnapshot } from '../core/model/grid';
import { resolveSheetActions } from '../core/build/sheetNames';
import { writeRefusal } from '../core/build/writeRefusal';
import { guardedCells, type FreshSheet } from '../core/build/writeGuard';
import {
  isOwnerMark,
  ownerMarkSheet,
  ownerMarkName,
  type CellWrite,
  type ChartSpec,
  type SheetAction,
  type WriteOutcome,
  type WritePlan,
} from '../core/build/writePlan';
import { ownedFromNames, toWorkbookError, type ApiSupport, type ExcelRun } from './officeAdapter';
import { rangeOrigin, toCellValue } from './snapshot';

/**
 * Applies a write plan as a transaction: one sync checks that the workbook is still what was
 * validated (and loads what an undo needs), one sync writes it all. A write that fails at any
 * operation is undone: sheets it made are deleted by their ids, renamed sheets get their
 * names and places back, names and cells are restored, and the original error is kept.
 */
export async function applyWritePlan(
  run: ExcelRun,
  supports: ApiSupport,
  plan: WritePlan,
  before: WorkbookSnapshot,
): Promise<WriteOutcome> {
  // Ctrl+Z after a failed write: with ExcelApi 1.20 the write and its undo are one undo record
  // (mergeUndoGroup), so one Ctrl+Z returns to the workbook as it was before, never to a half
  // write. A write that creates, renames or moves sheets uses APIs Excel cannot undo (they clear
  // the undo history, and inside a merged group they fail with UndoNotSupported): it runs without
  // the group, and its undo ends with such a call, so no half-written state is left to Ctrl+Z.
  const merge = supports('1.20') && plan.sheets.length === 0;
  try {
    return await run(
      async (context) => {
        const check = await checkWrite(context, plan, before, supports('1.7'));
        const resolved = resolveSheetActions(
          plan,
          check.sheets.map((s) => ({ name: s.name, ownedByAddin: check.owned.has(s.name) })),
        );
        refuseUnsafeWrite(plan, before, check, resolved.actions);
        try {
          await queueWritePlan(context, plan, resolved.actions, check, {
            conditionalFormats: supports('1.6'),
            pageLayout: supports('1.9'),
          });
          await context.sync();
        } catch (error) {
          try {
            await rollback(context, check);
          } catch (rollbackError) {
            throw new WorkbookError('RollbackFailed', {}, { error, rollbackError });
          }
          throw error;
        }
        return { sheetNames: resolved.names, notes: resolved.notes };
      },
      merge ? { mergeUndoGroup: true } : undefined,
    );
  } catch (e) {
    const error = toWorkbookError(e);
    // Where the write and its undo are two undo records, Ctrl+Z would bring the half write back.
    if (!merge && plan.sheets.length === 0 && error.code !== 'Stale') error.params.undoWarning = 'yes';
    throw error;
  }
}

/** A cell as the check found it, to compare and to restore. */
interface OldCell {
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

async function checkWrite(
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
function refuseUnsafeWrite(plan: WritePlan, before: WorkbookSnapshot, check: WriteCheck, actions: SheetAction[]) {
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

/**
 * A column width in characters (as the .xlsx files store it, `<col width>`) in points, the unit
 * of RangeFormat.columnWidth. ECMA-376 Part 1, §18.3.1.13: pixels = Truncate(((256 × width +
 * Truncate(128 / MDW)) / 256) × MDW), with the maximum digit width MDW = 7 pixels of the default
 * font (Calibri 11); a pixel is 0,75 point at 96 dpi. 28 characters: 196 px, 147 points.
 */
export function widthInPoints(characters: number, mdw = 7): number {
  const pixels = Math.trunc(((256 * characters + Math.trunc(128 / mdw)) / 256) * mdw);
  return pixels * 0.75;
}

/** The most a write puts in one sync, well under Excel on the web's 5 MB per request. */
export const WRITE_SYNC_BYTES = 2_000_000;
/** What one operation costs in a request beyond its data (about 150 bytes). */
export const OPERATION_BYTES = 150;

/** A cell write's share of a request: its data, and an operation for each property set. */
function cellWriteBytes(w: CellWrite): number {
  const data = String(w.formula ?? w.value ?? '').length + (w.numberFormat?.length ?? 0);
  const ops = 2 + (w.numberFormat ? 1 : 0) + (w.style ? Object.keys(w.style).length : 0);
  return data + ops * OPERATION_BYTES;
}

/** A name no sheet has: the write builds new sheets under such names and renames them last. */
function temporaryName(taken: Set<string>, kind: 'ny' | 'gl'): string {
  for (let n = 1; ; n++) {
    const name = `HP_${kind}_${Date.now().toString(36).slice(-5)}_${n}`;
    if (!taken.has(name.toLowerCase())) {
      taken.add(name.toLowerCase());
      return name;
    }
  }
}

function hexColor(c: string) {
  return c.startsWith('#') ? c : `#${c}`;
}

/**
 * A value as Excel must receive it: text behind an apostrophe, so it stays text — but not in a
 * cell formatted as Text ("@"), which keeps what it is given as text, the apostrophe included.
 */
export function excelValue(v: string | number | null | undefined, textCell = false): string | number {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' && !textCell ? `'${v}` : v;
}

function queueCell(ws: Excel.Worksheet, w: CellWrite, styled: boolean, textCell: boolean, protectedSheet = false) {
  const range = ws.getRange(w.address);
  // The format first: a cell formatted as Text keeps a number written into it as text, so a
  // number meant for such a cell is written once the cell has its number format. A protected
  // sheet takes values in its unlocked cells, but no formats: the cell keeps its own.
  if (w.numberFormat && !protectedSheet) range.numberFormat = [[w.numberFormat]];
  if (w.formula) range.formulas = [[w.formula]];
  else if (w.value !== undefined) range.values = [[excelValue(w.value, textCell || w.numberFormat === '@')]];
  const s = w.style;
  if (!s || !styled) return;
  if (s.bold) range.format.font.bold = true;
  if (s.italic) range.format.font.italic = true;
  if (s.fontSize) range.format.font.size = s.fontSize;
  if (s.fontColor) range.format.font.color = hexColor(s.fontColor);
  if (s.fill) range.format.fill.color = hexColor(s.fill);
  if (s.wrap) range.format.wrapText = true;
  if (s.horizontal)
    range.format.horizontalAlignment =
      s.horizontal === 'left' ? 'Left' : s.horizontal === 'center' ? 'Center' : 'Right';
  if (s.verticalTop) range.format.verticalAlignment = 'Top';
  if (s.borderBottom) range.format.borders.getItem('EdgeBottom').style = 'Continuous';
}

function queueChart(ws: Excel.Worksheet, spec: ChartSpec) {
  const chart = ws.charts.add('Line', ws.getRange(spec.source), 'Columns');
  chart.name = spec.name;
  chart.title.text = spec.title;
  chart.setPosition(spec.from, spec.to);
}

/**
 * Queues the write, without syncing, in an order that keeps a failure harmless: new sheets are
 * built under temporary names; then the user's cells and history rows are written; then a
 * replaced sheet steps aside under a temporary name, the new sheets take their names and
 * places, get their marks and the active one is activated; the old sheets and marks go last.
 */
export async function queueWritePlan(
  context: Excel.RequestContext,
  plan: WritePlan,
  actions: SheetAction[],
  check: WriteCheck,
  /** What this Excel can do beyond ExcelApi 1.4: left out where it cannot (the cells are all written). */
  features: { conditionalFormats: boolean; pageLayout: boolean } = { conditionalFormats: false, pageLayout: false },
): Promise<void> {
  // Excel on the web takes at most 5 MB in one request: a large write goes in several syncs,
  // all before the sheets are put in place (a failure in any of them is undone like any other).
  let bytes = 0;
  const budget = async (more: number) => {
    bytes += more;
    if (bytes < WRITE_SYNC_BYTES) return;
    bytes = 0;

    await context.sync();
  };
  const worksheets = context.workbook.worksheets;
  const taken = new Set(check.sheets.map((s) => s.name.toLowerCase()));
  const sheets = new Map<string, Excel.Worksheet>();
  const planned = new Map(plan.sheets.map((a, i) => [a.name, actions[i]]));
  actions.forEach((action) => {
    const temporary = temporaryName(taken, 'ny');
    let ws: Excel.Worksheet;
    if (action.copyOf) {
      // Layout and styles come along with a copy (ExcelApi 1.7; the pane checks for it first).
      const source = worksheets.getItem(action.copyOf);
      ws = source.copy('After', source);
      ws.name = temporary;
    } else ws = worksheets.add(temporary);
    sheets.set(action.name, ws);
    for (const { col, width } of action.columnWidths ?? []) {
      ws.getRange(`${columnLetters(col)}:${columnLetters(col)}`).format.columnWidth = widthInPoints(width);
    }
  });
  const sheetFor = (name: string) => {
    const action = planned.get(name);
    if (action) return { ws: sheets.get(action.name)!, ours: true };
    return { ws: worksheets.getItem(name), ours: false };
  };
  // New sheets' contents first, then the user's cells: styles only on the add-in's own sheets.
  const cells = [...plan.cells].sort((a, b) => Number(!planned.has(a.sheet)) - Number(!planned.has(b.sheet)));
  const protectedSheets = new Set(check.sheets.filter((x) => x.protected).map((x) => x.name));
  const textFormat = new Set(
    check.oldCells.filter((c) => c.numberFormat === '@').map((c) => `${c.sheet}!${c.address}`),
  );
  for (const w of cells) {
    const { ws, ours } = sheetFor(w.sheet);
    queueCell(ws, w, ours, !ours && textFormat.has(`${w.sheet}!${w.address}`), !ours && protectedSheets.has(w.sheet));
    await budget(cellWriteBytes(w));
  }
  for (const chart of plan.charts) queueChart(sheetFor(chart.sheet).ws, chart);
  for (const action of actions) {
    const ws = sheets.get(action.name)!;
    if (features.conditionalFormats) {
      (action.conditionalFormats ?? []).forEach((f, k) => {
        // ExcelApi 1.6; the enum's string value, so no Excel global is needed here. add() puts a
        // format at the top priority (0), so each is given its place in the plan's order, and
        // the first that holds stops the rest, as the .xlsx path writes them.
        const cf = ws.getRange(f.range).conditionalFormats.add('Custom' as Excel.ConditionalFormatType);
        cf.custom.rule.formula = `=${f.formula}`;
        cf.custom.format.fill.color = f.fill;
        if (f.fontColor) cf.custom.format.font.color = f.fontColor;
        cf.priority = k;
        cf.stopIfTrue = true;
      });
    }
    if (features.pageLayout && action.page) {
      // ExcelApi 1.9.
      const layout = ws.pageLayout;
      if (action.page.landscape) layout.orientation = 'Landscape' as Excel.PageOrientation;
      if (action.page.paper === 'A4') layout.paperSize = 'A4' as Excel.PaperType;
      if (action.page.titleRows) layout.setPrintTitleRows(`$${action.page.titleRows[0]}:$${action.page.titleRows[1]}`);
      if (action.page.fitToWidth) layout.zoom = { horizontalFitToPages: 1 };
    }
  }
  const nextRow = new Map(check.nextRow);
  for (const append of plan.appends ?? []) {
    const target = planned.get(append.sheet)?.name ?? append.sheet;
    const row = nextRow.get(target) ?? (planned.has(append.sheet) ? 1 : 0);
    nextRow.set(target, row + 1);
    const range = sheetFor(append.sheet).ws.getRange(rangeA1(row, 0, row, append.values.length - 1));
    range.values = [append.values.map((v) => excelValue(v))];
    range.numberFormat = [append.numberFormats?.map((f) => f ?? 'General') ?? append.values.map(() => 'General')];
  }

  // Into place: the final order is the old one with each new sheet after its "after" sheet
  // (a replacement where the old one stood); the old sheets wait right behind their successors.
  const order = check.sheets.map((s) => s.name);
  const oldSheets: Excel.Worksheet[] = [];
  for (const action of actions) {
    const ws = sheets.get(action.name)!;
    let at = action.after !== undefined ? order.indexOf(action.after) + 1 : order.length;
    if (action.action === 'replace') {
      const old = worksheets.getItem(action.name);
      old.name = temporaryName(taken, 'gl');
      oldSheets.push(old);
      at = action.after !== undefined && at > 0 ? at : order.indexOf(action.name);
      const oldAt = order.indexOf(action.name);
      order.splice(oldAt, 1);
      if (at > oldAt) at--;
      order.splice(at, 0, action.name, `\u0000old:${action.name}`);
    } else {
      if (at <= 0) at = order.length;
      order.splice(at, 0, action.name);
    }
    ws.name = action.name;
  }
  actions
    .map((a) => ({ ws: sheets.get(a.name)!, at: order.indexOf(a.name) }))
    .sort((a, b) => a.at - b.at)
    .forEach(({ ws, at }) => {
      ws.position = at;
    });
  const names = new Set(check.names.map((n) => n.name));
  for (const action of actions) {
    if (!action.owned) continue;
    const mark = ownerMarkName(action.name, names);
    names.add(mark);
    // Hidden from the Name Manager; no comment (a name's comment cannot be undone on the web).
    const item = context.workbook.names.add(mark, sheets.get(action.name)!.getRange('A1'));
    item.visible = false;
  }
  const activate = actions.find((s) => s.activate);
  if (activate) sheets.get(activate.name)!.activate();
  for (const action of actions.filter((a) => a.action === 'replace')) {
    for (const n of check.names) {
      if (ownerMarkSheet(n.name, n.value) === action.name) context.workbook.names.getItem(n.name).delete();
    }
  }
  for (const old of oldSheets) old.delete();
}

/** The value to write back into a cell so that it holds exactly what it held. */
function restoreValue(old: OldCell): { formulas?: unknown; values?: unknown } {
  if (isFormula(old.formula, old.value)) return { formulas: old.formula };
  if (old.valueType === 'Empty') return { values: '' };
  // Text is restored as text: behind an apostrophe, or as it is in a Text ("@") cell.
  if (old.valueType === 'String')
    return { values: old.numberFormat === '@' ? String(old.value) : `'${String(old.value)}` };
  return { values: old.value };
}

/**
 * Undoes a failed write from the state the check recorded: cells rewritten and history rows
 * emptied first; then, only where they changed, sheets that were not there deleted (by id),
 * names and places given back, names restored and the active sheet activated again. Calls
 * Excel cannot undo (a sheet deleted, renamed or moved) come last, so that Ctrl+Z afterwards
 * finds no half-written state to bring back; a write of cells only makes none of them.
 */
async function rollback(context: Excel.RequestContext, check: WriteCheck): Promise<void> {
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/id,items/name,items/position');
  const names = context.workbook.names;
  names.load('items/name');
  const active = worksheets.getActiveWorksheet();
  active.load('id');
  await context.sync();
  const known = new Map(check.sheets.map((s) => [s.id, s]));
  // Sheets by id: a sheet may still stand under a temporary name when the write failed.
  const idOf = new Map(check.sheets.map((s) => [s.name, s.id]));
  const sheetOf = (name: string) => worksheets.getItem(idOf.get(name) ?? name);
  for (const old of check.oldCells) {
    const range = sheetOf(old.sheet).getRange(old.address);
    const back = restoreValue(old);
    if (back.formulas !== undefined) range.formulas = [[back.formulas]];
    else range.values = [[back.values]];
    if (check.sheets.find((x) => x.name === old.sheet)?.protected) continue; // its format was not touched
    if (old.local) range.numberFormatLocal = [[old.numberFormat]];
    else range.numberFormat = [[old.numberFormat]];
  }
  for (const area of check.appendAreas) {
    // History rows went below the last value: the cells there were empty, with these formats.
    const range = sheetOf(area.sheet).getRange(rangeA1(area.row, 0, area.row + area.rows - 1, area.cols - 1));
    const rows = Array.from({ length: area.rows }, (_, i) => i);
    const cols = Array.from({ length: area.cols }, (_, j) => j);
    range.values = rows.map(() => cols.map(() => ''));
    range.numberFormat = rows.map((i) => cols.map((j) => area.formats(area.row + i, j)));
  }
  const hadNames = new Map(check.names.map((n) => [n.name.toUpperCase(), n]));
  const hasNames = new Set(names.items.map((n) => n.name.toUpperCase()));
  for (const n of names.items) if (!hadNames.has(n.name.toUpperCase())) names.getItem(n.name).delete();
  for (const n of check.names) {
    if (!hasNames.has(n.name.toUpperCase()) && isOwnerMark(n.name)) {
      // By the sheet's id, not its name: the sheets get their names back only below.
      const sheet = check.sheets.find((x) => x.name === ownerMarkSheet(n.name, n.value));
      const address = n.value.slice(n.value.lastIndexOf('!') + 1) || '$A$1';
      const item = sheet
        ? names.add(n.name, worksheets.getItem(sheet.id).getRange(address))
        : names.add(n.name, n.value.startsWith('=') ? n.value : `=${n.value}`);
      item.visible = false;
    }
  }
  if (active.id !== check.activeId) worksheets.getItem(check.activeId).activate();
  const added = worksheets.items.filter((ws) => !known.has(ws.id));
  for (const ws of added) worksheets.getItem(ws.id).delete();
  for (const ws of worksheets.items) {
    const was = known.get(ws.id);
    if (was && was.name !== ws.name) worksheets.getItem(ws.id).name = was.name;
  }
  // Places as they were: only where one differs (with sheets gone, the others close up).
  const now = worksheets.items.filter((ws) => known.has(ws.id)).map((ws) => ws.id);
  const order = check.sheets.map((s) => s.id);
  if (added.length > 0 || now.some((id, i) => order[i] !== id))
    check.sheets.forEach((s, i) => {
      worksheets.getItem(s.id).position = i;
    });
  await context.sync();
}

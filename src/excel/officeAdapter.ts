import { columnLetters, rangeA1 } from '../core/a1';
import { WorkbookError, type WorkbookAdapter } from '../core/adapter';
import { workbookErrorText, writeText } from '../core/da';
import type { SheetSnapshot, WorkbookSnapshot } from '../core/grid';
import { OWNER_MARK_PREFIX, ownerMarkName, type CellWrite, type ChartSpec, type WritePlan } from '../core/writePlan';
import { emptySheet, rangeOrigin, rangeToRows, type RangeData } from './snapshot';

export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

const PAYLOAD_CODES = new Set([
  'RequestPayloadSizeLimitExceeded',
  'ResponsePayloadSizeLimitExceeded',
  'RangeExceedsLimit',
]);
/** Cells per chunked read: four properties per cell stay well under Excel on the web's 5 MB. */
export const CHUNK_CELLS = 50_000;

const errorCode = (e: unknown) => (e as { code?: string } | null)?.code ?? 'Unknown';

/** Turns an Office.js error into a Danish WorkbookError, telling errors apart by code. */
export function toWorkbookError(e: unknown): WorkbookError {
  if (e instanceof WorkbookError) return e;
  const code = errorCode(e);
  return new WorkbookError(workbookErrorText[code] ?? workbookErrorText.Unknown, code, e);
}

/** Owned sheets are marked by workbook names HANDLEPLAN_ADDIN_n that refer to their A1. */
export function ownedFromNames(names: { name: string; value: unknown }[]): Set<string> {
  const owned = new Set<string>();
  for (const n of names) {
    if (!n.name.startsWith(OWNER_MARK_PREFIX)) continue;
    const m = /^=?'?(.*?)'?!/.exec(String(n.value));
    if (m) owned.add(m[1].replace(/''/g, "'"));
  }
  return owned;
}

/** Queues the loads every read needs: the sheet list, the active sheet, the workbook names. */
function queueWorkbookInfo(context: Excel.RequestContext) {
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name,items/visibility');
  const active = worksheets.getActiveWorksheet();
  active.load('name');
  const names = context.workbook.names;
  names.load('items/name,items/value');
  return { worksheets, active, names };
}

export class OfficeWorkbookAdapter implements WorkbookAdapter {
  readonly kind = 'excel' as const;

  constructor(private readonly run: ExcelRun) {}

  async readActiveSheet(): Promise<WorkbookSnapshot> {
    return this.read('active');
  }

  async readAllSheets(): Promise<WorkbookSnapshot> {
    return this.read('all');
  }

  /** One sync when the sheets fit Excel's limits; chunked reads of a sheet that does not. */
  private async read(which: 'active' | 'all'): Promise<WorkbookSnapshot> {
    try {
      return await this.run(async (context) => {
        const { worksheets, active, names } = queueWorkbookInfo(context);
        const activeRange = active.getUsedRangeOrNullObject(true);
        activeRange.load('address,rowCount,columnCount,values,valueTypes,formulas,numberFormat');
        if (which === 'active') {
          await context.sync();
          const sheets = worksheets.items.map((ws) =>
            ws.name === active.name ? this.toSheet(active.name, activeRange) : emptySheet(ws.name),
          );
          return this.mark(sheets, names.items, active.name);
        }
        await context.sync(); // the sheet list is needed before the other sheets can be asked for
        const ranges = worksheets.items.map((ws) => {
          const r = ws.name === active.name ? activeRange : ws.getUsedRangeOrNullObject(true);
          if (r !== activeRange) r.load('address,rowCount,columnCount,values,valueTypes,formulas,numberFormat');
          return { name: ws.name, hidden: ws.visibility !== 'Visible', range: r };
        });
        await context.sync();
        const sheets = ranges.map(({ name, hidden, range }) => ({ ...this.toSheet(name, range), hidden }));
        return this.mark(sheets, names.items, active.name);
      });
    } catch (e) {
      if (!PAYLOAD_CODES.has(errorCode(e))) throw toWorkbookError(e);
    }
    return this.readInChunks(which);
  }

  private mark(
    sheets: SheetSnapshot[],
    names: { name: string; value: unknown }[],
    activeSheet: string,
  ): WorkbookSnapshot {
    const owned = ownedFromNames(names);
    return {
      sheets: sheets.map((s) => ({ ...s, ownedByAddin: owned.has(s.name) })),
      activeSheet,
      ownerMarks: names.map((n) => n.name).filter((n) => n.startsWith(OWNER_MARK_PREFIX)),
    };
  }

  private toSheet(name: string, range: Excel.Range): SheetSnapshot {
    if (range.isNullObject) return emptySheet(name);
    return { name, origin: rangeOrigin(range.address), ...rangeToRows(range as unknown as RangeData) };
  }

  /** The fallback for ranges beyond Excel's limits: size first, then blocks of rows. */
  private async readInChunks(which: 'active' | 'all'): Promise<WorkbookSnapshot> {
    try {
      return await this.run(async (context) => {
        const { worksheets, active, names } = queueWorkbookInfo(context);
        await context.sync();
        const wanted = worksheets.items.filter((ws) => which === 'all' || ws.name === active.name);
        const used = wanted.map((ws) => {
          const r = ws.getUsedRangeOrNullObject(true);
          r.load('address,rowCount,columnCount');
          return { ws, r };
        });
        await context.sync();
        const read = new Map<string, SheetSnapshot>();
        for (const { ws, r } of used) {
          if (r.isNullObject) {
            read.set(ws.name, emptySheet(ws.name));
            continue;
          }
          const origin = rangeOrigin(r.address);
          const rowsPerChunk = Math.max(1, Math.floor(CHUNK_CELLS / r.columnCount));
          const sheet: SheetSnapshot = { name: ws.name, origin, values: [], formulas: [], numberFormats: [] };
          for (let start = 0; start < r.rowCount; start += rowsPerChunk) {
            const rows = Math.min(rowsPerChunk, r.rowCount - start);
            const address = rangeA1(
              origin.row + start,
              origin.col,
              origin.row + start + rows - 1,
              origin.col + r.columnCount - 1,
            );
            const chunk = ws.getRange(address);
            chunk.load('values,valueTypes,formulas,numberFormat');
            // eslint-disable-next-line office-addins/no-context-sync-in-loop -- each chunk must stay under the payload limit
            await context.sync();
            const part = rangeToRows(chunk as unknown as RangeData);
            sheet.values.push(...part.values);
            sheet.formulas!.push(...part.formulas);
            sheet.numberFormats!.push(...part.numberFormats);
          }
          read.set(ws.name, sheet);
        }
        const sheets = worksheets.items.map((ws) => read.get(ws.name) ?? emptySheet(ws.name));
        return this.mark(sheets, names.items, active.name);
      });
    } catch (e) {
      throw toWorkbookError(e);
    }
  }

  async selectCell(sheet: string, address: string): Promise<void> {
    try {
      await this.run(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(address).select();
        await context.sync();
      });
    } catch (e) {
      throw toWorkbookError(e);
    }
  }

  /**
   * Applies a write plan: one sync to check (protection, names, the cells it overwrites, where
   * history rows go) when the plan touches existing sheets, then one sync that writes it all.
   * Should the write fail part-way, what it had done is undone, so the workbook is as it was.
   */
  async applyWritePlan(plan: WritePlan, before: WorkbookSnapshot): Promise<void> {
    try {
      await this.run(async (context) => {
        const check = needsCheck(plan, before) ? await checkWrite(context, plan, before) : emptyCheck();
        const undo = queueWritePlan(context, plan, before, check);
        try {
          await context.sync();
        } catch (e) {
          await rollback(context, undo);
          throw e;
        }
      });
    } catch (e) {
      throw toWorkbookError(e);
    }
  }
}

/** What the check found: old contents to restore, next free rows for history lines. */
export interface WriteCheck {
  oldCells: { sheet: string; address: string; formulas: unknown[][]; numberFormat: unknown[][] }[];
  nextRow: Map<string, number>;
  /** The workbook's names as the check found them; null when no check ran. */
  names: Set<string> | null;
}

const emptyCheck = (): WriteCheck => ({ oldCells: [], nextRow: new Map(), names: null });

const existingSheets = (before: WorkbookSnapshot) => new Set(before.sheets.map((s) => s.name));

function needsCheck(plan: WritePlan, before: WorkbookSnapshot): boolean {
  const existing = existingSheets(before);
  const created = new Set(plan.sheets.map((s) => s.name));
  return (
    plan.sheets.some((s) => s.action === 'replace') ||
    (plan.appends ?? []).length > 0 ||
    plan.cells.some((c) => existing.has(c.sheet) && !created.has(c.sheet))
  );
}

async function checkWrite(
  context: Excel.RequestContext,
  plan: WritePlan,
  before: WorkbookSnapshot,
): Promise<WriteCheck> {
  const existing = existingSheets(before);
  const created = new Set(plan.sheets.filter((s) => s.action === 'create').map((s) => s.name));
  const replaced = new Set(plan.sheets.filter((s) => s.action === 'replace').map((s) => s.name));
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name,items/protection/protected');
  const names = context.workbook.names;
  names.load('items/name');
  const userCells = plan.cells
    .filter((c) => existing.has(c.sheet) && !created.has(c.sheet) && !replaced.has(c.sheet))
    .map((c) => {
      const range = worksheets.getItem(c.sheet).getRange(c.address);
      range.load('formulas,numberFormat');
      return { c, range };
    });
  const appendSheets = [...new Set((plan.appends ?? []).map((a) => a.sheet))].filter(
    (s) => existing.has(s) && !created.has(s),
  );
  const used = appendSheets.map((sheet) => {
    const range = worksheets.getItem(sheet).getUsedRangeOrNullObject(true);
    range.load('address,rowCount');
    return { sheet, range };
  });
  await context.sync();

  const byName = new Map(worksheets.items.map((ws) => [ws.name, ws]));
  for (const name of new Set([...userCells.map((u) => u.c.sheet), ...replaced, ...appendSheets])) {
    if (byName.get(name)?.protection.protected) throw new WorkbookError(writeText.protectedSheet(name), 'AccessDenied');
  }
  for (const name of created) {
    if (byName.has(name)) throw new WorkbookError(writeText.sheetAppeared(name), 'Conflict');
  }
  const nextRow = new Map<string, number>();
  for (const { sheet, range } of used) {
    nextRow.set(sheet, range.isNullObject ? 0 : rangeOrigin(range.address).row + range.rowCount);
  }
  return {
    oldCells: userCells.map(({ c, range }) => ({
      sheet: c.sheet,
      address: c.address,
      formulas: range.formulas,
      numberFormat: range.numberFormat,
    })),
    nextRow,
    names: new Set(names.items.map((n) => n.name)),
  };
}

interface Undo {
  createdSheets: string[];
  oldCells: WriteCheck['oldCells'];
  addedNames: string[];
}

/** Undoes a failed write: removes the sheets and names it added, restores the cells it changed. */
async function rollback(context: Excel.RequestContext, undo: Undo): Promise<void> {
  const sheets = undo.createdSheets.map((name) => context.workbook.worksheets.getItemOrNullObject(name));
  const names = undo.addedNames.map((name) => context.workbook.names.getItemOrNullObject(name));
  for (const x of [...sheets, ...names]) x.load('isNullObject');
  await context.sync();
  for (const ws of sheets) if (!ws.isNullObject) ws.delete();
  for (const n of names) if (!n.isNullObject) n.delete();
  for (const old of undo.oldCells) {
    const range = context.workbook.worksheets.getItem(old.sheet).getRange(old.address);
    range.formulas = old.formulas as string[][];
    range.numberFormat = old.numberFormat as string[][];
  }
  await context.sync();
}

function hexColor(c: string) {
  return c.startsWith('#') ? c : `#${c}`;
}

function queueCell(ws: Excel.Worksheet, w: CellWrite) {
  const range = ws.getRange(w.address);
  if (w.formula) range.formulas = [[w.formula]];
  else if (w.value !== undefined) range.values = [[w.value ?? '']];
  if (w.numberFormat) range.numberFormat = [[w.numberFormat]];
  const s = w.style;
  if (!s) return;
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
 * Queues a write plan on the context, without syncing, in an order that keeps a failure
 * harmless: new sheets (a replaced sheet's successor under a temporary name) and their contents
 * first, then the user's cells and history rows, and only then the old sheets are removed and
 * the new ones renamed, placed, marked and activated. Returns what a rollback must undo.
 */
export function queueWritePlan(
  context: Excel.RequestContext,
  plan: WritePlan,
  before: WorkbookSnapshot,
  check: WriteCheck = emptyCheck(),
): Undo {
  const worksheets = context.workbook.worksheets;
  const sheets = new Map<string, Excel.Worksheet>();
  const undo: Undo = { createdSheets: [], oldCells: check.oldCells, addedNames: [] };
  plan.sheets.forEach((action, i) => {
    const temporary = action.action === 'replace' ? `HP_ny_${Date.now() % 100000}_${i}` : action.name;
    let ws: Excel.Worksheet;
    if (action.copyOf) {
      // Layout and styles come along with a copy (ExcelApi 1.7; the pane checks for it first).
      const source = worksheets.getItem(action.copyOf);
      ws = source.copy('After', source);
      ws.name = temporary;
    } else ws = worksheets.add(temporary);
    undo.createdSheets.push(temporary);
    sheets.set(action.name, ws);
    for (const { col, width } of action.columnWidths ?? []) {
      // Excel measures column width in points; a character is about 7 points.
      ws.getRange(`${columnLetters(col)}:${columnLetters(col)}`).format.columnWidth = width * 7;
    }
  });
  const sheetFor = (name: string) => {
    let ws = sheets.get(name);
    if (!ws) {
      ws = worksheets.getItem(name);
      sheets.set(name, ws);
    }
    return ws;
  };
  for (const w of plan.cells) queueCell(sheetFor(w.sheet), w);
  for (const chart of plan.charts) queueChart(sheetFor(chart.sheet), chart);
  const nextRow = new Map(check.nextRow);
  for (const append of plan.appends ?? []) {
    const row = nextRow.get(append.sheet) ?? 1; // a sheet created in this plan: below its header
    nextRow.set(append.sheet, row + 1);
    const ws = sheetFor(append.sheet);
    const range = ws.getRange(rangeA1(row, 0, row, append.values.length - 1));
    range.values = [append.values.map((v) => v ?? '')];
    range.numberFormat = [append.numberFormats?.map((f) => f ?? 'General') ?? append.values.map(() => 'General')];
  }

  const order = before.sheets.map((s) => s.name);
  for (const action of plan.sheets) {
    const ws = sheets.get(action.name)!;
    let position = action.after !== undefined ? order.indexOf(action.after) + 1 : -1;
    if (action.action === 'replace') {
      const old = order.indexOf(action.name);
      if (position <= 0) position = old;
      worksheets.getItem(action.name).delete();
      order.splice(old, 1);
      if (position > old) position--;
      ws.name = action.name;
    }
    if (position >= 0) {
      ws.position = position;
      order.splice(position, 0, action.name);
    } else order.push(action.name);
    if (action.owned) {
      const mark = ownerMarkName(action.name);
      const exists = check.names ? check.names.has(mark) : before.ownerMarks?.includes(mark);
      if (exists) context.workbook.names.getItem(mark).delete();
      context.workbook.names.add(mark, ws.getRange('A1'), 'Handleplan: arket er oprettet af tilføjelsesprogrammet');
      undo.addedNames.push(mark);
    }
  }
  const activate = plan.sheets.find((s) => s.activate);
  if (activate) sheets.get(activate.name)!.activate();
  return undo;
}

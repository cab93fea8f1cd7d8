import { rangeA1, sameSheetName } from '../core/model/a1';
import {
  WorkbookError,
  workbookErrorCode,
  type AdapterCapabilities,
  type WorkbookAdapter,
} from '../core/model/adapter';
import type { SheetSnapshot, WorkbookSnapshot } from '../core/model/grid';
import { isOwnerMark, ownedSheets, type WriteOutcome, type WritePlan } from '../core/build/writePlan';
import { emptySheet, rangeOrigin, rangeToRows, type RangeData } from './snapshot';

/**
 * Excel.run, passed in. `options` are Excel.RunOptions: `mergeUndoGroup` (ExcelApi 1.20) makes
 * every sync of the batch one undo record (learn.microsoft.com, "Undo support in Excel add-ins").
 */
export type ExcelRun = <T>(
  batch: (context: Excel.RequestContext) => Promise<T>,
  /** mergeUndoGroup: Excel.RunOptions; context: run in an existing request context (Excel.run(context, batch)). */
  options?: { mergeUndoGroup?: boolean; context?: Excel.RequestContext },
) => Promise<T>;
/** Excel.run itself, with the options passed on: what the pane and the ribbon command pass in. */
export const excelRun: ExcelRun = (batch, options) =>
  options?.context
    ? Excel.run(options.context, batch)
    : options?.mergeUndoGroup
      ? Excel.run({ mergeUndoGroup: true }, batch)
      : Excel.run(batch);

/** Office.context.requirements.isSetSupported('ExcelApi', version), passed in. */
export type ApiSupport = (version: string) => boolean;

const PAYLOAD_CODES = new Set([
  'RequestPayloadSizeLimitExceeded',
  'ResponsePayloadSizeLimitExceeded',
  'RangeExceedsLimit',
]);
/** Cells per chunked read: four properties per cell stay well under Excel on the web's 5 MB. */
export const CHUNK_CELLS = 50_000;

const errorCode = (e: unknown) => workbookErrorCode((e as { code?: string } | null)?.code);

/** Turns an Office.js error into a WorkbookError with Excel's code; the pane words it. */
export function toWorkbookError(e: unknown): WorkbookError {
  if (e instanceof WorkbookError) return e;
  return new WorkbookError(errorCode(e), {}, e);
}

/** Owned sheets are marked by workbook names HANDLEPLAN_ADDIN_… that refer to their A1. */
export const ownedFromNames = (names: { name: string; value: unknown }[]): Set<string> => ownedSheets(names);

/** A sheet's used range with everything a snapshot holds, queued to load. */
function usedRange(ws: Excel.Worksheet): Excel.Range {
  const range = ws.getUsedRangeOrNullObject(true);
  range.load('address,rowCount,columnCount,values,valueTypes,formulas,numberFormat');
  return range;
}

/** Queues the loads every read needs: the sheet list, the active sheet, the workbook names. */
/** What every read asks besides the cells: sheets, names, the calculation mode, the date system. */
interface WorkbookInfo {
  worksheets: Excel.WorksheetCollection;
  active: Excel.Worksheet;
  names: Excel.NamedItemCollection;
  application: Excel.Application;
  /** DATE(1904;1;1) as the workbook counts: 0 in the 1904 date system, 1462 in the 1900 one. */
  dateProbe: Excel.FunctionResult<number> | null;
}

function queueWorkbookInfo(context: Excel.RequestContext, supports: ApiSupport): WorkbookInfo {
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name,items/visibility');
  const active = worksheets.getActiveWorksheet();
  active.load('name');
  const names = context.workbook.names;
  names.load('items/name,items/value');
  // Application.calculationMode: readable from ExcelApi 1.1 (a runtime setting of Excel).
  const application = context.workbook.application;
  application.load('calculationMode');
  // Office.js has no date-system property; the worksheet function DATE (Functions, ExcelApi 1.2)
  // answers in the workbook's own system without writing a cell.
  let dateProbe: Excel.FunctionResult<number> | null = null;
  if (supports('1.2')) {
    dateProbe = context.workbook.functions.date(1904, 1, 1);
    dateProbe.load('value');
  }
  return { worksheets, active, names, application, dateProbe };
}

export class OfficeWorkbookAdapter implements WorkbookAdapter {
  readonly capabilities: AdapterCapabilities;

  constructor(
    private readonly run: ExcelRun,
    private readonly supports: ApiSupport = () => false,
    /** Office.context.platform: "PC", "OfficeOnline", "Mac", "iOS", … */
    platform = 'PC',
  ) {
    this.capabilities = {
      undoHistory: true,
      canCopySheets: supports('1.7'),
      canWatchChanges: supports('1.7'),
      canDownload: false,
      canSaveFiles: platform === 'PC' || platform === 'OfficeOnline',
      readsWholeWorkbook: false,
    };
  }

  async readActiveSheet(): Promise<WorkbookSnapshot> {
    return this.read({ kind: 'active' });
  }

  async readAllSheets(): Promise<WorkbookSnapshot> {
    return this.read({ kind: 'all' });
  }

  async readSheet(name: string): Promise<WorkbookSnapshot> {
    return this.read({ kind: 'sheets', names: [name] });
  }

  async readSheets(names: string[]): Promise<WorkbookSnapshot> {
    return this.read({ kind: 'sheets', names });
  }

  /**
   * Calls back when the user changes the sheet (Worksheet.onChanged, ExcelApi 1.7); returns a
   * function that stops watching. Where Excel tells the source (ExcelApi 1.14), the add-in's own
   * changes are left out; elsewhere the pane ignores changes while it writes.
   */
  async watchSheet(sheet: string, onChange: () => void): Promise<() => Promise<void>> {
    const registration = await this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      const handler = ws.onChanged.add(async (args) => {
        if ((args as { triggerSource?: string }).triggerSource === 'ThisLocalAddin') return;
        onChange();
      });
      await context.sync();
      return handler;
    });
    // A handler is removed in the request context it was added in, inside Excel.run with that
    // context (Microsoft's Events docs: "Remove an event handler"); a failure is logged.
    return async () => {
      try {
        await this.run(
          async () => {
            registration.remove();
            await registration.context.sync();
          },
          { context: registration.context as Excel.RequestContext },
        );
      } catch (e) {
        console.warn('Handleplan: the change watch could not be removed', e);
      }
    };
  }

  /** One sync when the sheets fit Excel's limits; chunked reads of a sheet that does not. */
  private async read(which: Which): Promise<WorkbookSnapshot> {
    try {
      return await this.run(async (context) => {
        const info = queueWorkbookInfo(context, this.supports);
        const { worksheets, active } = info;
        if (which.kind === 'active') {
          const range = usedRange(active);
          await context.sync();
          const sheets = worksheets.items.map((w) =>
            w.name === active.name ? this.toSheet(active.name, range) : { ...emptySheet(w.name), unread: true },
          );
          return this.mark(sheets, info);
        }
        if (which.kind === 'sheets') {
          const ranges = new Map(
            which.names.map((name) => {
              return [name.toLowerCase(), usedRange(worksheets.getItem(name))];
            }),
          );
          await context.sync();
          const sheets = worksheets.items.map((w) => {
            const range = ranges.get(w.name.toLowerCase());
            return range ? this.toSheet(w.name, range) : { ...emptySheet(w.name), unread: true };
          });
          return this.mark(sheets, info);
        }
        await context.sync(); // the sheet list is needed before the other sheets can be asked for
        const ranges = worksheets.items.map((ws) => ({ name: ws.name, range: usedRange(ws) }));
        await context.sync();
        const sheets = ranges.map(({ name, range }) => this.toSheet(name, range));
        return this.mark(sheets, info);
      });
    } catch (e) {
      if (!PAYLOAD_CODES.has(errorCode(e))) throw toWorkbookError(e);
    }
    return this.readInChunks(which);
  }

  private mark(sheets: SheetSnapshot[], info: WorkbookInfo): WorkbookSnapshot {
    const names = info.names.items;
    const owned = ownedFromNames(names);
    const visibility = new Map(info.worksheets.items.map((w) => [w.name, w.visibility]));
    const date1904 = info.dateProbe !== null && info.dateProbe.value === 0;
    return {
      sheets: sheets.map((s) => ({
        ...s,
        hidden: (visibility.get(s.name) ?? 'Visible') !== 'Visible',
        veryHidden: visibility.get(s.name) === 'VeryHidden',
        ownedByAddin: owned.has(s.name),
        date1904,
      })),
      activeSheet: info.active.name,
      ownerMarks: names.map((n) => n.name).filter(isOwnerMark),
      calculation: info.application.calculationMode === 'Manual' ? 'manual' : 'automatic',
    };
  }

  private toSheet(name: string, range: Excel.Range): SheetSnapshot {
    if (range.isNullObject) return { ...emptySheet(name), usedRange: null };
    // Past Excel's limits a read can come back with values null rather than an error: it is
    // read again in blocks, never taken for an empty sheet.
    if (range.values === null || range.formulas === null) throw new WorkbookError('ResponsePayloadSizeLimitExceeded');
    return {
      name,
      origin: rangeOrigin(range.address),
      usedRange: range.address.slice(range.address.lastIndexOf('!') + 1),
      ...rangeToRows(range as unknown as RangeData),
    };
  }

  /** The fallback for ranges beyond Excel's limits: size first, then blocks of rows. */
  private async readInChunks(which: Which): Promise<WorkbookSnapshot> {
    try {
      return await this.run(async (context) => {
        const info = queueWorkbookInfo(context, this.supports);
        const { worksheets, active } = info;
        await context.sync();
        const wanted = worksheets.items.filter((ws) =>
          which.kind === 'all'
            ? true
            : which.kind === 'active'
              ? ws.name === active.name
              : which.names.some((n) => sameSheetName(n, ws.name)),
        );
        const used = wanted.map((ws) => {
          const r = ws.getUsedRangeOrNullObject(true);
          r.load('address,rowCount,columnCount');
          return { ws, r };
        });
        await context.sync();
        const read = new Map<string, SheetSnapshot>();
        for (const { ws, r } of used) {
          if (r.isNullObject) {
            read.set(ws.name, { ...emptySheet(ws.name), usedRange: null });
            continue;
          }
          const origin = rangeOrigin(r.address);
          const rowsPerChunk = Math.max(1, Math.floor(CHUNK_CELLS / r.columnCount));
          const sheet: SheetSnapshot = {
            name: ws.name,
            origin,
            usedRange: r.address.slice(r.address.lastIndexOf('!') + 1),
            values: [],
            formulas: [],
            numberFormats: [],
          };
          // A block too large for one response (an error, or values that come back null) is
          // read again as two halves, down to a single row.
          const readRows = async (start: number, rows: number): Promise<void> => {
            const address = rangeA1(
              origin.row + start,
              origin.col,
              origin.row + start + rows - 1,
              origin.col + r.columnCount - 1,
            );
            const chunk = ws.getRange(address);
            chunk.load('values,valueTypes,formulas,numberFormat');
            let tooLarge = false;
            try {
              // eslint-disable-next-line office-addins/no-context-sync-in-loop -- each block must stay under the payload limit
              await context.sync();
              tooLarge = chunk.values === null || chunk.formulas === null;
            } catch (e) {
              if (!PAYLOAD_CODES.has(errorCode(e))) throw e;
              tooLarge = true;
            }
            if (tooLarge) {
              if (rows === 1) throw new WorkbookError('ResponsePayloadSizeLimitExceeded');
              const half = Math.ceil(rows / 2);
              await readRows(start, half);
              await readRows(start + half, rows - half);
              return;
            }
            const part = rangeToRows(chunk as unknown as RangeData);
            for (const row of part.values) sheet.values.push(row);
            for (const row of part.formulas) sheet.formulas!.push(row);
            for (const row of part.numberFormats) sheet.numberFormats!.push(row);
          };
          for (let start = 0; start < r.rowCount; start += rowsPerChunk)
            await readRows(start, Math.min(rowsPerChunk, r.rowCount - start));
          read.set(ws.name, sheet);
        }
        const sheets = worksheets.items.map((ws) => read.get(ws.name) ?? { ...emptySheet(ws.name), unread: true });
        return this.mark(sheets, info);
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
   * Applies a write plan as a transaction: one sync checks that the workbook is still what was
   * validated (and loads what an undo needs), one sync writes it all. A write that fails at any
   * operation is undone: sheets it made are deleted by their ids, renamed sheets get their
   * names and places back, names and cells are restored, and the original error is kept.
   */
  async applyWritePlan(plan: WritePlan, before: WorkbookSnapshot): Promise<WriteOutcome> {
    // The write (check, queue, undo) is its own chunk: reading a plan needs none of it.
    const { applyWritePlan } = await import(/* webpackChunkName: "excel-write" */ './officeWrite');
    return applyWritePlan(this.run, this.supports, plan, before);
  }
}

type Which = { kind: 'active' } | { kind: 'all' } | { kind: 'sheets'; names: string[] };

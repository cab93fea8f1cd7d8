/**
 * An in-memory Excel object model that behaves like Office.js where it matters:
 * - properties can be read only after load() and sync(); writes are queued and applied at sync()
 *   in order, and an operation that fails leaves the earlier ones applied and drops the rest;
 * - values written must match the range's 2-D size exactly; strings are coerced as Excel does
 *   ("2021" becomes a number, "=…", "+…", "-…" and "@…" formulas, "TRUE" a boolean; a leading
 *   apostrophe keeps the rest as text);
 * - merged areas hold their value in the top-left cell; writing into the rest of one fails with
 *   MergedRangeConflict;
 * - sheet names follow Excel's rules on add, rename and copy (31 characters, none of \ / ? * [ ] :,
 *   no apostrophe first or last, not "History", unique without regard to case);
 * - workbook structure protection stops adding, deleting, renaming and moving sheets;
 * - names refer to a sheet, follow it when it is renamed and turn into #REF! when it is deleted;
 * - errors carry Excel's codes; a response over the payload limit fails with
 *   ResponsePayloadSizeLimitExceeded, a request over it with RequestPayloadSizeLimitExceeded;
 * - sync() calls are counted; a hook runs before every Excel.run, to change the workbook "between"
 *   two calls as a user would;
 * - the undo history: each sync that changes the workbook is one undo record, a run with
 *   RunOptions.mergeUndoGroup (ExcelApi 1.20) one record for all its syncs; a call Excel cannot
 *   undo (Worksheet.copy, delete, name, position) clears the history from that call, and inside
 *   a merged group it fails with UndoNotSupported ("Undo support in Excel add-ins",
 *   learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-capabilities; the issue's
 *   list of sheet operations);
 * - conditional formats: add() inserts at the top priority (ConditionalFormatCollection.add,
 *   ExcelApi 1.6), priority and stopIfTrue settable; the first rule that holds with stopIfTrue
 *   decides the look;
 * - a cell formatted as Text ("@") keeps a string written to it as it is, a leading apostrophe
 *   included (Excel's Text format); Range.formulas gives a text cell's text, "=…" too
 *   (office-js #6687);
 * - a protected sheet refuses writes to locked cells only (format.protection.locked, ExcelApi
 *   1.2; unlocked input cells of a template can be written);
 * - numberFormatLocal (ExcelApi 1.7) in the user's locale (da-DK: "#.##0,00"); with
 *   localisedNumberFormat set, numberFormat too comes back localised, as on the web
 *   (office-js #2824, #1553, #1632).
 */
import { columnIndex, parseRange, rangeA1, toA1, type RangeRef } from '../../src/core/model/a1';

type Raw = string | number | boolean;

export class OfficeError extends Error {
  constructor(
    readonly code: string,
    message = code,
  ) {
    super(message);
  }
}

export interface ModelCell {
  value: Raw;
  formula?: string;
  error?: boolean;
  numberFormat?: string;
  format: Record<string, unknown>;
}

export class ModelChart {
  name = '';
  title = '';
  type: string;
  position: [string, string] | null = null;
  constructor(
    type: string,
    readonly source: string,
  ) {
    this.type = type;
  }
}

let nextSheetId = 1;

export interface ModelConditionalFormat {
  range: string;
  type: string;
  formula?: string;
  fill?: string;
  fontColor?: string;
  stopIfTrue?: boolean;
}

export class ModelSheet {
  readonly id: string;
  cells = new Map<string, ModelCell>();
  protected = false;
  visibility = 'Visible';
  charts: ModelChart[] = [];
  columnWidths = new Map<number, number>();
  merges: RangeRef[] = [];
  conditionalFormats: ModelConditionalFormat[] = [];
  /** Rows frozen at the top (Worksheet.freezePanes) and the range the sheet's AutoFilter covers. */
  frozenRows = 0;
  autoFilter: string | null = null;
  page: {
    orientation?: string;
    paperSize?: string;
    printTitleRows?: string;
    zoom?: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  } = {};
  /** onChanged handlers registered on this sheet (not copied by clone()). */
  changeHandlers = new Set<(args: ChangeEvent) => unknown>();
  constructor(
    public name: string,
    id?: string,
  ) {
    this.id = id ?? `{00000000-0000-0000-0000-${String(nextSheetId++).padStart(12, '0')}}`;
  }

  clone(): ModelSheet {
    const c = new ModelSheet(this.name, this.id);
    for (const [k, cell] of this.cells) c.cells.set(k, { ...cell, format: { ...cell.format } });
    c.protected = this.protected;
    c.visibility = this.visibility;
    c.charts = this.charts.map((ch) => Object.assign(new ModelChart(ch.type, ch.source), ch));
    c.columnWidths = new Map(this.columnWidths);
    c.merges = this.merges.map((m) => ({ ...m }));
    c.conditionalFormats = this.conditionalFormats.map((f) => ({ ...f }));
    c.page = { ...this.page };
    c.frozenRows = this.frozenRows;
    c.autoFilter = this.autoFilter;
    return c;
  }

  key(r: number, c: number) {
    return `${r},${c}`;
  }
  get(r: number, c: number) {
    return this.cells.get(this.key(r, c));
  }
  set(r: number, c: number, patch: Partial<ModelCell>) {
    const cell = this.get(r, c) ?? { value: '', format: {} };
    const next: ModelCell = { ...cell, ...patch, format: { ...cell.format, ...(patch.format ?? {}) } };
    if (next.formula === undefined) delete next.formula;
    if (!next.error) delete next.error;
    if (next.numberFormat === undefined || next.numberFormat === 'General') delete next.numberFormat;
    // An empty cell with no format is no cell at all, as in Excel.
    if (next.value === '' && !next.formula && !next.numberFormat && Object.keys(next.format).length === 0)
      this.cells.delete(this.key(r, c));
    else this.cells.set(this.key(r, c), next);
  }
  /** Fills cells from rows of values as Excel would hold them (no coercion). */
  fill(address: string, rows: (Raw | null | { formula: string; result: Raw } | { error: string })[][]) {
    const { row, col } = parseA1Cell(address);
    rows.forEach((r, i) =>
      r.forEach((v, j) => {
        if (v === null) return;
        if (typeof v === 'object' && 'formula' in v)
          this.set(row + i, col + j, { value: v.result, formula: v.formula });
        else if (typeof v === 'object' && 'error' in v) this.set(row + i, col + j, { value: v.error, error: true });
        else this.set(row + i, col + j, { value: v });
      }),
    );
  }
  /** Inserts empty rows above row `at` (0-based), moving everything below down, as Excel does. */
  insertRows(at: number, count = 1) {
    const moved = new Map<string, ModelCell>();
    for (const [k, cell] of this.cells) {
      const [r, c] = k.split(',').map(Number);
      moved.set(this.key(r >= at ? r + count : r, c), cell);
    }
    this.cells = moved;
    this.merges = this.merges.map((m) => (m.top >= at ? { ...m, top: m.top + count, bottom: m.bottom + count } : m));
  }
  merge(address: string) {
    this.merges.push(parseRange(address));
  }
  /** The merged area a cell lies in, when it is not the area's top-left cell. */
  hiddenByMerge(r: number, c: number): boolean {
    return this.merges.some(
      (m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right && (r !== m.top || c !== m.left),
    );
  }
  usedBounds(valuesOnly = true) {
    let top = Infinity,
      left = Infinity,
      bottom = -1,
      right = -1;
    for (const [k, cell] of this.cells) {
      if (valuesOnly && cell.value === '' && !cell.formula) continue;
      const [r, c] = k.split(',').map(Number);
      top = Math.min(top, r);
      left = Math.min(left, c);
      bottom = Math.max(bottom, r);
      right = Math.max(right, c);
    }
    return bottom < 0 ? null : { top, left, bottom, right };
  }
}

function parseA1Cell(address: string) {
  const r = parseRange(address);
  return { row: r.top, col: r.left };
}

/** Excel's rules for a sheet name; throws what Excel throws. */
function checkSheetName(model: ExcelModel, name: string, self?: ModelSheet) {
  if (
    typeof name !== 'string' ||
    name.length === 0 ||
    name.length > 31 ||
    /[\\/?*[\]:]/.test(name) ||
    name.startsWith("'") ||
    name.endsWith("'") ||
    name.toLowerCase() === 'history'
  )
    throw new OfficeError('InvalidArgument', `The sheet name "${name}" is not valid.`);
  if (model.sheets.some((x) => x !== self && x.name.toLowerCase() === name.toLowerCase()))
    throw new OfficeError('ItemAlreadyExists', `A sheet named "${name}" already exists.`);
}

/** What Excel makes of a value written through Range.values. */
export function coerce(v: unknown): { value: Raw; formula?: string } {
  if (typeof v === 'number' || typeof v === 'boolean') return { value: v };
  if (v === null || v === undefined) return { value: '' };
  const s = String(v);
  if (s.startsWith("'")) return { value: s.slice(1) };
  if (/^[+-]?\d+(\.\d+)?(E[+-]?\d+)?$/i.test(s.trim())) return { value: Number(s) };
  if (/^(TRUE|FALSE)$/i.test(s.trim())) return { value: s.trim().toUpperCase() === 'TRUE' };
  if (s.length > 1 && /^[=+\-@]/.test(s)) return { value: '', formula: s.startsWith('=') ? s : `=${s}` };
  return { value: s };
}

interface ModelName {
  sheet: ModelSheet | null;
  address: string;
  comment?: string;
  /** NamedItem.visible: false hides the name from the Name Manager. */
  visible?: boolean;
}

export class ExcelModel {
  sheets: ModelSheet[] = [];
  active = '';
  names = new Map<string, ModelName>();
  structureProtected = false;
  selection: { sheet: string; address: string } | null = null;
  syncCount = 0;
  runCount = 0;
  payloadLimitBytes = 5_000_000;
  /** Test hook: throw this code when the n-th operation (counted over all syncs) runs. */
  failOnOperation: { index: number; code: string } | null = null;
  /** Test hook: more such failures, e.g. one in the write and one in its undo. */
  failures: { index: number; code: string }[] = [];
  operationsRun = 0;
  /** Test hook: runs before each Excel.run, with the run's number (0-based). */
  beforeRun: ((run: number) => void) | null = null;
  /**
   * Excel's calculation mode. A runtime setting of the application, not of the file, readable
   * from ExcelApi 1.1 (learn.microsoft.com/javascript/api/excel/excel.application#calculationMode).
   */
  calculationMode: 'Automatic' | 'AutomaticExceptTables' | 'Manual' = 'Automatic';
  /**
   * The workbook uses the 1904 date system (Mac workbooks; "Date systems in Excel"): serial 0 is
   * 1 January 1904, 1462 days after the 1900 system's serial of that day.
   */
  date1904 = false;
  /** The undo history: the workbook before each undo record, oldest first. */
  undoStack: string[] = [];
  /** Change events tell their source (ExcelApi 1.14); before that they do not. */
  triggerSourceSupported = true;
  /** A response over the limit gives values === null rather than an error. */
  nullOnLargeResponse = false;
  /** Excel on the web's bug: Range.numberFormat returns the local format (office-js #2824). */
  localisedNumberFormat = false;

  /** An independent copy of the workbook, same sheet ids, for trying a write many times. */
  clone(): ExcelModel {
    const m = new ExcelModel();
    m.sheets = this.sheets.map((s) => s.clone());
    const byId = new Map(m.sheets.map((s) => [s.id, s]));
    for (const [k, v] of this.names) m.names.set(k, { ...v, sheet: v.sheet ? (byId.get(v.sheet.id) ?? null) : null });
    m.active = this.active;
    m.structureProtected = this.structureProtected;
    m.payloadLimitBytes = this.payloadLimitBytes;
    m.calculationMode = this.calculationMode;
    m.date1904 = this.date1904;
    m.localisedNumberFormat = this.localisedNumberFormat;
    m.nullOnLargeResponse = this.nullOnLargeResponse;
    return m;
  }

  addSheet(name: string) {
    checkSheetName(this, name);
    const s = new ModelSheet(name);
    this.sheets.push(s);
    if (!this.active) this.active = name;
    return s;
  }
  sheet(key: string) {
    const s = this.sheets.find((x) => x.id === key || x.name.toLowerCase() === key.toLowerCase());
    if (!s) throw new OfficeError('ItemNotFound', `The requested resource doesn't exist.`);
    return s;
  }
  /** A name's value as Office.js gives it. */
  nameValue(n: ModelName): string {
    return n.sheet && this.sheets.includes(n.sheet) ? `=${quote(n.sheet.name)}!${n.address}` : '=#REF!';
  }
  /** A deep copy of the workbook's whole state, to compare before and after. */
  dump() {
    return JSON.stringify(
      {
        sheets: this.sheets.map((s) => ({
          name: s.name,
          visibility: s.visibility,
          protected: s.protected,
          cells: [...s.cells.entries()].sort(),
          merges: s.merges,
          charts: s.charts,
          conditionalFormats: s.conditionalFormats,
          page: s.page,
          columnWidths: [...s.columnWidths.entries()].sort(),
        })),
        names: [...this.names.entries()].map(([k, v]) => [k, this.nameValue(v), v.comment ?? null]).sort(),
        active: this.active,
        structureProtected: this.structureProtected,
      },
      null,
      1,
    );
  }
  /** The whole state an undo returns to. */
  private state(): string {
    return JSON.stringify({
      sheets: this.sheets.map((s) => ({
        name: s.name,
        id: s.id,
        visibility: s.visibility,
        protected: s.protected,
        cells: [...s.cells.entries()],
        merges: s.merges,
        conditionalFormats: s.conditionalFormats,
        page: s.page,
        columnWidths: [...s.columnWidths.entries()],
        charts: s.charts,
      })),
      names: [...this.names.entries()].map(([k, v]) => [
        k,
        v.sheet?.id ?? null,
        v.address,
        v.comment ?? null,
        v.visible,
      ]),
      active: this.active,
    });
  }
  /** Opens an undo record: the state before the changes that follow. */
  recordUndo(): void {
    this.undoStack.push(this.state());
  }
  /** A call Excel cannot undo: the history is cleared from it (what follows is a new record). */
  clearUndo(): void {
    this.undoStack = [];
  }
  /** Ctrl+Z: the workbook goes back to before the last undo record. */
  undo(): boolean {
    const state = this.undoStack.pop();
    if (state === undefined) return false;
    const s = JSON.parse(state);
    const byId = new Map(this.sheets.map((x) => [x.id, x]));
    this.sheets = s.sheets.map((x: { id: string; name: string }) => {
      const sheet = new ModelSheet(x.name, x.id);
      const was = x as unknown as Record<string, unknown>;
      sheet.visibility = was.visibility as string;
      sheet.protected = was.protected as boolean;
      sheet.cells = new Map(was.cells as [string, ModelCell][]);
      sheet.merges = was.merges as RangeRef[];
      sheet.conditionalFormats = was.conditionalFormats as ModelConditionalFormat[];
      sheet.page = was.page as ModelSheet['page'];
      sheet.columnWidths = new Map(was.columnWidths as [number, number][]);
      sheet.charts = (was.charts as ModelChart[]).map((ch) => Object.assign(new ModelChart(ch.type, ch.source), ch));
      sheet.changeHandlers = byId.get(x.id)?.changeHandlers ?? new Set();
      return sheet;
    });
    const sheets = new Map(this.sheets.map((x) => [x.id, x]));
    this.names = new Map(
      (s.names as [string, string | null, string, string | null, boolean | undefined][]).map(
        ([k, id, address, comment, visible]) => [
          k,
          { sheet: id ? (sheets.get(id) ?? null) : null, address, comment: comment ?? undefined, visible },
        ],
      ),
    );
    this.active = s.active;
    return true;
  }
  run<T>(
    batch: (context: Excel.RequestContext) => Promise<T>,
    options?: { mergeUndoGroup?: boolean; context?: unknown },
  ): Promise<T> {
    this.beforeRun?.(this.runCount);
    this.runCount++;
    // Excel.run(context, batch) goes on in a request context made before (an event handler's).
    const context =
      options?.context instanceof FakeContext
        ? options.context
        : new FakeContext(this, options?.mergeUndoGroup === true);
    return batch(context as unknown as Excel.RequestContext).then((result) => {
      if (context.pending()) throw new Error('Excel.run ended with operations that were never synced');
      return result;
    });
  }
  /** Change events waiting to be delivered once the current sync is done. */
  pendingEvents: { sheet: ModelSheet; args: ChangeEvent }[] = [];
  /** A cell's value changed: tell the sheet's onChanged handlers (after the sync, as Excel does). */
  changed(sheet: ModelSheet, address: string, triggerSource: 'ThisLocalAddin' | 'Unknown') {
    if (sheet.changeHandlers.size === 0) return;
    // WorksheetChangedEventArgs.triggerSource exists from ExcelApi 1.14 only.
    const args: ChangeEvent = { address, triggerSource, source: 'Local', worksheetId: sheet.id };
    if (!this.triggerSourceSupported) delete (args as Partial<ChangeEvent>).triggerSource;
    this.pendingEvents.push({ sheet, args });
  }
  /** Delivers queued change events, each in its own task like Excel's. */
  deliverEvents() {
    const events = this.pendingEvents;
    this.pendingEvents = [];
    for (const { sheet, args } of events) for (const h of sheet.changeHandlers) setTimeout(() => void h(args), 0);
  }
  /** Test hook: the user types into a cell. */
  userEdit(sheetName: string, address: string, value: Raw) {
    const s = this.sheet(sheetName);
    const { row, col } = parseA1Cell(address);
    s.set(row, col, coerce(value));
    this.changed(s, address, 'Unknown');
    this.deliverEvents();
  }
  requireStructureUnlocked() {
    if (this.structureProtected) throw new OfficeError('AccessDenied', 'The workbook structure is protected.');
  }
}

export interface ChangeEvent {
  address: string;
  triggerSource: 'ThisLocalAddin' | 'Unknown';
  source: 'Local' | 'Remote';
  worksheetId: string;
}

type Op = { run: () => void; bytes: number; undoable: boolean };
type Load = { target: Loadable; props: string[] };

class FakeContext {
  private ops: Op[] = [];
  private loads: Load[] = [];
  workbook: FakeWorkbook;
  /** The merged group's record is open (one record for every sync of the run). */
  private groupOpen = false;
  constructor(
    readonly model: ExcelModel,
    /** RunOptions.mergeUndoGroup. */
    readonly merged = false,
  ) {
    this.workbook = new FakeWorkbook(this);
  }
  queue(run: () => void, payload: unknown = null) {
    // A request counts its data and about 150 bytes for each operation (Excel on the web: 5 MB).
    this.ops.push({ run, bytes: (payload === null ? 0 : JSON.stringify(payload).length) + 150, undoable: true });
  }
  /** An operation Excel cannot undo (a sheet copied, deleted, renamed or moved). */
  queueNotUndoable(run: () => void) {
    this.ops.push({ run, bytes: 150, undoable: false });
  }
  queueLoad(target: Loadable, props: string[]) {
    this.loads.push({ target, props });
  }
  pending() {
    return this.ops.length > 0 || this.loads.length > 0;
  }
  async sync(): Promise<void> {
    this.model.syncCount++;
    const ops = this.ops;
    const loads = this.loads;
    this.ops = [];
    this.loads = [];
    if (ops.reduce((n, op) => n + op.bytes, 0) > this.model.payloadLimitBytes)
      throw new OfficeError('RequestPayloadSizeLimitExceeded');
    // One undo record per sync that changes something, or one for the whole merged run.
    if (ops.length > 0 && (!this.merged || !this.groupOpen)) {
      this.model.recordUndo();
      this.groupOpen = true;
    }
    try {
      for (const op of ops) {
        const at = this.model.operationsRun;
        const f = [this.model.failOnOperation, ...this.model.failures].find((x) => x?.index === at);
        if (f) {
          this.model.operationsRun++;
          throw new OfficeError(f.code);
        }
        this.model.operationsRun++;
        if (!op.undoable) {
          if (this.merged) throw new OfficeError('UndoNotSupported');
          op.run();
          // The history is cleared from this call; what this sync does after it is a new record.
          this.model.clearUndo();
          this.model.recordUndo();
          continue;
        }
        op.run();
      }
    } finally {
      this.model.deliverEvents();
    }
    const results = loads.map((l) => ({ l, data: l.target.resolve(l.props) }));
    const bytes = results.reduce(
      (n, r) => n + 150 + JSON.stringify(r.data, (_k, v) => (v instanceof Loadable ? null : v)).length,
      0,
    );
    if (bytes > this.model.payloadLimitBytes) {
      // A very large read may come back with values null instead of an error (office-js issues).
      if (this.model.nullOnLargeResponse) {
        for (const { l, data } of results) {
          for (const k of ['values', 'formulas', 'numberFormat', 'valueTypes']) if (k in data) data[k] = null;
          l.target.accept(data);
        }
        return;
      }
      throw new OfficeError('ResponsePayloadSizeLimitExceeded');
    }
    for (const { l, data } of results) l.target.accept(data);
  }
}

abstract class Loadable {
  protected loaded: Record<string, unknown> = {};
  constructor(protected readonly ctx: FakeContext) {}
  load(props: string | string[] = '') {
    const list = (Array.isArray(props) ? props : props.split(',')).map((p) => p.trim()).filter(Boolean);
    this.ctx.queueLoad(this, list);
    return this;
  }
  abstract resolve(props: string[]): Record<string, unknown>;
  accept(data: Record<string, unknown>) {
    Object.assign(this.loaded, data);
  }
  protected read<T>(prop: string): T {
    if (!(prop in this.loaded)) {
      throw new OfficeError(
        'PropertyNotLoaded',
        `The property '${prop}' is not available. Call load() and context.sync() first.`,
      );
    }
    return this.loaded[prop] as T;
  }
}

class FakeWorkbook {
  worksheets: FakeWorksheetCollection;
  names: FakeNames;
  protection: FakeWorkbookProtection;
  application: FakeApplication;
  functions: FakeFunctions;
  constructor(ctx: FakeContext) {
    this.worksheets = new FakeWorksheetCollection(ctx);
    this.names = new FakeNames(ctx);
    this.protection = new FakeWorkbookProtection(ctx);
    this.application = new FakeApplication(ctx);
    this.functions = new FakeFunctions(ctx);
  }
}

/** Workbook.application: the calculation mode, read after load and sync like any property. */
class FakeApplication extends Loadable {
  get calculationMode(): string {
    return this.read('calculationMode');
  }
  resolve() {
    return { calculationMode: this.ctx.model.calculationMode };
  }
}

/**
 * Workbook.functions (ExcelApi 1.2, learn.microsoft.com/javascript/api/excel/excel.functions):
 * worksheet functions evaluated without a cell; a FunctionResult's value after load and sync.
 * DATE gives the serial in the workbook's own date system.
 */
class FakeFunctions {
  constructor(private readonly ctx: FakeContext) {}
  date(year: number, month: number, day: number) {
    const model = this.ctx.model;
    return new FakeFunctionResult(this.ctx, () => {
      const serial = Date.UTC(year, month - 1, day) / 86_400_000 + 25_569;
      return model.date1904 ? serial - 1462 : serial;
    });
  }
}

class FakeFunctionResult extends Loadable {
  constructor(
    ctx: FakeContext,
    private readonly compute: () => number,
  ) {
    super(ctx);
  }
  get value(): number {
    return this.read('value');
  }
  resolve() {
    return { value: this.compute(), error: null };
  }
}

class FakeWorkbookProtection extends Loadable {
  get protected(): boolean {
    return this.read('protected');
  }
  resolve() {
    return { protected: this.ctx.model.structureProtected };
  }
}

class FakeWorksheetCollection extends Loadable {
  get items(): FakeWorksheet[] {
    return this.read('items');
  }
  resolve(props: string[]) {
    const wanted = props.map((p) => p.replace(/^items\//, ''));
    return {
      items: this.ctx.model.sheets.map((s) => {
        const ws = new FakeWorksheet(this.ctx, () => s);
        ws.accept(ws.resolve(wanted));
        return ws;
      }),
    };
  }
  getActiveWorksheet() {
    return new FakeWorksheet(this.ctx, () => this.ctx.model.sheet(this.ctx.model.active));
  }
  getItem(key: string) {
    let bound: ModelSheet | null = null;
    return new FakeWorksheet(this.ctx, () => (bound ??= this.ctx.model.sheet(key)));
  }
  getItemOrNullObject(key: string) {
    return new FakeWorksheet(this.ctx, () => this.ctx.model.sheet(key), true);
  }
  add(name: string) {
    let created: ModelSheet | null = null;
    this.ctx.queue(() => {
      const model = this.ctx.model;
      model.requireStructureUnlocked();
      checkSheetName(model, name);
      created = new ModelSheet(name);
      model.sheets.push(created);
    });
    // Like Office.js, the proxy follows the sheet object, not its name (it survives a rename).
    return new FakeWorksheet(this.ctx, () => {
      if (!created) throw new OfficeError('ItemNotFound');
      return created;
    });
  }
}

class FakeWorksheet extends Loadable {
  charts: FakeCharts;
  constructor(
    ctx: FakeContext,
    readonly sheet: () => ModelSheet,
    private readonly orNull = false,
  ) {
    super(ctx);
    this.charts = new FakeCharts(ctx, this);
  }
  get isNullObject(): boolean {
    return this.read('isNullObject');
  }
  get id(): string {
    return this.read('id');
  }
  get name(): string {
    return this.read('name');
  }
  set name(next: string) {
    this.ctx.queueNotUndoable(() => {
      const model = this.ctx.model;
      const s = this.sheet();
      if (s.name === next) return;
      model.requireStructureUnlocked();
      checkSheetName(model, next, s);
      if (model.active === s.name) model.active = next;
      s.name = next;
    });
  }
  get visibility(): string {
    return this.read('visibility');
  }
  get position(): number {
    return this.read('position');
  }
  set position(p: number) {
    this.ctx.queueNotUndoable(() => {
      const model = this.ctx.model;
      const s = this.sheet();
      if (model.sheets.indexOf(s) === p) return;
      model.requireStructureUnlocked();
      if (p < 0 || p >= model.sheets.length) throw new OfficeError('InvalidArgument');
      const list = model.sheets.filter((x) => x !== s);
      list.splice(p, 0, s);
      model.sheets = list;
    });
  }
  get protection() {
    return { protected: this.read<boolean>('protection/protected') };
  }
  /**
   * Worksheet.freezePanes (ExcelApi 1.7): freezeRows(count) keeps the top rows in view; a sheet
   * has one frozen pane, so a later call replaces it (learn.microsoft.com, Excel.WorksheetFreezePanes).
   */
  get freezePanes() {
    const ctx = this.ctx;
    const sheet = () => this.sheet();
    return {
      freezeRows(count: number) {
        ctx.queue(() => (sheet().frozenRows = count));
      },
    };
  }
  /**
   * Worksheet.autoFilter (ExcelApi 1.9): apply(range) puts filter buttons on the range's first
   * row; a sheet holds one AutoFilter (learn.microsoft.com, Excel.AutoFilter), and a protected
   * sheet refuses it.
   */
  get autoFilter() {
    const ctx = this.ctx;
    const sheet = () => this.sheet();
    return {
      apply(range: FakeRange) {
        ctx.queue(() => {
          if (sheet().protected) throw new OfficeError('AccessDenied');
          sheet().autoFilter = range.address_ ?? null;
        });
      },
    };
  }
  /** Worksheet.pageLayout (ExcelApi 1.9): orientation, paper size, print titles. */
  get pageLayout() {
    const ctx = this.ctx;
    const sheet = () => this.sheet();
    return {
      set orientation(v: string) {
        ctx.queue(() => (sheet().page.orientation = v));
      },
      set paperSize(v: string) {
        ctx.queue(() => (sheet().page.paperSize = v));
      },
      setPrintTitleRows(rows: string) {
        ctx.queue(() => (sheet().page.printTitleRows = rows));
      },
      /** PageLayout.zoom (ExcelApi 1.9): { horizontalFitToPages: 1 } prints fit to the page width. */
      set zoom(v: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number }) {
        ctx.queue(() => (sheet().page.zoom = { ...v }));
      },
    };
  }
  /** Worksheet.onChanged: handlers are added and removed in a sync, like Office.js. */
  get onChanged() {
    const ctx = this.ctx;
    return {
      add: (handler: (args: ChangeEvent) => unknown) => {
        ctx.queue(() => this.sheet().changeHandlers.add(handler));
        return {
          context: ctx,
          remove: () => ctx.queue(() => this.sheet().changeHandlers.delete(handler)),
        };
      },
    };
  }
  resolve(props: string[]) {
    if (this.orNull && !this.ctx.model.sheets.some((x) => x === safe(this.sheet))) return { isNullObject: true };
    const s = this.sheet();
    const all: Record<string, unknown> = {
      isNullObject: false,
      id: s.id,
      name: s.name,
      visibility: s.visibility,
      position: this.ctx.model.sheets.indexOf(s),
      'protection/protected': s.protected,
    };
    return Object.fromEntries(props.filter((p) => p in all).map((p) => [p, all[p]]));
  }
  copy(positionType: string, relativeTo: FakeWorksheet) {
    let created: ModelSheet | null = null;
    this.ctx.queueNotUndoable(() => {
      const src = this.sheet();
      const model = this.ctx.model;
      model.requireStructureUnlocked();
      // Excel names a copy "Name (2)", shortening the name so that it fits 31 characters.
      let name = '';
      for (let n = 2; !name || model.sheets.some((x) => x.name.toLowerCase() === name.toLowerCase()); n++)
        name = `${src.name.slice(0, 31 - ` (${n})`.length)} (${n})`;
      created = new ModelSheet(name);
      for (const [k, cell] of src.cells) created.cells.set(k, JSON.parse(JSON.stringify(cell)));
      created.columnWidths = new Map(src.columnWidths);
      created.merges = src.merges.map((m) => ({ ...m }));
      // A copy brings the sheet's conditional formats and page layout along (Worksheet.copy).
      created.conditionalFormats = src.conditionalFormats.map((f) => ({ ...f }));
      created.page = JSON.parse(JSON.stringify(src.page));
      const at = model.sheets.indexOf(relativeTo.sheet()) + (positionType === 'After' ? 1 : 0);
      model.sheets.splice(at, 0, created);
    });
    return new FakeWorksheet(this.ctx, () => {
      if (!created) throw new OfficeError('ItemNotFound');
      return created;
    });
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean) {
    return new FakeRange(this.ctx, this, null, valuesOnly ?? false);
  }
  getRange(address: string) {
    return new FakeRange(this.ctx, this, address);
  }
  activate() {
    this.ctx.queue(() => {
      this.ctx.model.active = this.sheet().name;
    });
  }
  delete() {
    this.ctx.queueNotUndoable(() => {
      const model = this.ctx.model;
      const s = this.sheet();
      model.requireStructureUnlocked();
      if (model.sheets.filter((x) => x.visibility === 'Visible' && x !== s).length === 0)
        throw new OfficeError('InvalidOperation', 'A workbook must keep one visible sheet.');
      const at = model.sheets.indexOf(s);
      model.sheets = model.sheets.filter((x) => x !== s);
      if (model.active === s.name) model.active = model.sheets[Math.min(at, model.sheets.length - 1)].name;
    });
  }
}

type Bounds = { top: number; left: number; bottom: number; right: number };

/** Bounds of a range address; whole columns ("B:B") reach over every row. */
function boundsOf(address: string): Bounds {
  const col = /^([A-Z]+):([A-Z]+)$/.exec(address);
  if (col) return { top: 0, left: columnIndex(col[1]), bottom: 1_048_575, right: columnIndex(col[2]) };
  return parseRange(address);
}

class FakeRange extends Loadable {
  format: Record<string, unknown>;
  conditionalFormats: { add: (type: string) => unknown };
  constructor(
    ctx: FakeContext,
    readonly ws: FakeWorksheet,
    readonly address_: string | null,
    private readonly valuesOnly = true,
  ) {
    super(ctx);
    const set = (key: string, v: unknown) => this.queueFormat(key, v);
    const font: Record<string, unknown> = {};
    const fill: Record<string, unknown> = {};
    for (const k of ['bold', 'italic', 'size', 'color']) {
      Object.defineProperty(font, k, {
        set: (v) => {
          set(`font.${k}`, v);
        },
      });
    }
    Object.defineProperty(fill, 'color', {
      set: (v) => {
        set('fill.color', v);
      },
    });
    const range = this;
    this.conditionalFormats = {
      add: (type: string) => {
        const made: ModelConditionalFormat = { range: '', type };
        ctx.queue(() => {
          const b = range.bounds();
          if (!b) throw new OfficeError('InvalidArgument');
          made.range = rangeA1(b.top, b.left, b.bottom, b.right);
          // A new conditional format takes the top priority (0): it is tried first.
          range.ws.sheet().conditionalFormats.unshift(made);
        });
        const setter = (apply: (v: string) => void) => ({
          set: (v: string) => ctx.queue(() => apply(v)),
        });
        const rule = {};
        Object.defineProperty(
          rule,
          'formula',
          setter((v) => (made.formula = v)),
        );
        const cfFill = {};
        Object.defineProperty(
          cfFill,
          'color',
          setter((v) => (made.fill = v)),
        );
        const cfFont = {};
        Object.defineProperty(
          cfFont,
          'color',
          setter((v) => (made.fontColor = v)),
        );
        const result = { custom: { rule, format: { fill: cfFill, font: cfFont } } };
        Object.defineProperty(result, 'priority', {
          set: (p: number) => {
            ctx.queue(() => {
              const list = range.ws.sheet().conditionalFormats;
              const at = list.indexOf(made);
              if (at < 0 || p < 0) throw new OfficeError('InvalidArgument');
              list.splice(at, 1);
              list.splice(Math.min(p, list.length), 0, made);
            });
          },
        });
        Object.defineProperty(result, 'stopIfTrue', {
          set: (v: boolean) => {
            ctx.queue(() => (made.stopIfTrue = v));
          },
        });
        return result;
      },
    };
    const protection = {};
    Object.defineProperty(protection, 'locked', {
      set: (v) => {
        set('protection.locked', v);
      },
      get: () => this.read('format/protection/locked'),
    });
    this.format = {
      font,
      fill,
      protection,
      borders: {
        getItem: (edge: string) => ({
          set style(v: unknown) {
            set(`border.${edge}`, v);
          },
        }),
      },
    };
    for (const k of ['wrapText', 'horizontalAlignment', 'verticalAlignment', 'columnWidth']) {
      Object.defineProperty(this.format, k, {
        set: (v) => {
          set(k, v);
        },
      });
    }
  }
  private bounds(): Bounds | null {
    if (this.address_ !== null) return boundsOf(this.address_);
    return this.ws.sheet().usedBounds(this.valuesOnly);
  }
  get isNullObject(): boolean {
    return this.read('isNullObject');
  }
  get address(): string {
    return this.read('address');
  }
  get rowCount(): number {
    return this.read('rowCount');
  }
  get columnCount(): number {
    return this.read('columnCount');
  }
  get values(): Raw[][] {
    return this.read('values');
  }
  set values(v: unknown[][]) {
    this.queueWrite('values', v);
  }
  get formulas(): Raw[][] {
    return this.read('formulas');
  }
  set formulas(v: unknown[][]) {
    this.queueWrite('formulas', v);
  }
  get numberFormat(): string[][] {
    return this.read('numberFormat');
  }
  set numberFormat(v: unknown[][]) {
    this.queueWrite('numberFormat', v);
  }
  get valueTypes(): string[][] {
    return this.read('valueTypes');
  }
  get numberFormatLocal(): string[][] {
    return this.read('numberFormatLocal');
  }
  set numberFormatLocal(v: unknown[][]) {
    this.queueWrite(
      'numberFormat',
      v.map((r) => r.map((f) => fromLocalFormat(String(f)))),
    );
  }
  resolve(props: string[]) {
    const s = this.ws.sheet();
    const b = this.bounds();
    if (!b) return { isNullObject: true };
    const grid = <T>(f: (cell: ModelCell | undefined) => T) =>
      Array.from({ length: b.bottom - b.top + 1 }, (_, i) =>
        Array.from({ length: b.right - b.left + 1 }, (_, j) =>
          f(s.hiddenByMerge(b.top + i, b.left + j) ? undefined : s.get(b.top + i, b.left + j)),
        ),
      );
    const out: Record<string, unknown> = { isNullObject: false };
    for (const p of props) {
      if (p === 'address') out.address = `${quote(s.name)}!${rangeA1(b.top, b.left, b.bottom, b.right)}`;
      else if (p === 'rowCount') out.rowCount = b.bottom - b.top + 1;
      else if (p === 'columnCount') out.columnCount = b.right - b.left + 1;
      else if (p === 'values') out.values = grid((c) => c?.value ?? '');
      else if (p === 'formulas') out.formulas = grid((c) => c?.formula ?? c?.value ?? '');
      else if (p === 'numberFormat')
        out.numberFormat = grid((c) =>
          this.ctx.model.localisedNumberFormat
            ? toLocalFormat(c?.numberFormat ?? 'General')
            : (c?.numberFormat ?? 'General'),
        );
      else if (p === 'numberFormatLocal')
        out.numberFormatLocal = grid((c) => toLocalFormat(c?.numberFormat ?? 'General'));
      else if (p === 'format/protection/locked') {
        const c = s.get(b.top, b.left);
        out['format/protection/locked'] = c?.format['protection.locked'] !== false;
      } else if (p === 'valueTypes') {
        out.valueTypes = grid((c) =>
          !c || (c.value === '' && !c.formula)
            ? 'Empty'
            : c.error
              ? 'Error'
              : typeof c.value === 'number'
                ? 'Double'
                : typeof c.value === 'boolean'
                  ? 'Boolean'
                  : 'String',
        );
      }
    }
    return out;
  }
  private queueWrite(kind: 'values' | 'formulas' | 'numberFormat', data: unknown[][]) {
    this.ctx.queue(() => {
      const s = this.ws.sheet();
      const b = this.bounds()!;
      const rows = b.bottom - b.top + 1;
      const cols = b.right - b.left + 1;
      if (!Array.isArray(data) || data.length !== rows || data.some((r) => !Array.isArray(r) || r.length !== cols)) {
        throw new OfficeError(
          'InvalidArgument',
          'The number of rows or columns in the input array does not match the size or dimensions of the range.',
        );
      }
      // A protected sheet takes values in its unlocked cells only, and no formats at all.
      if (s.protected) {
        if (kind === 'numberFormat') throw new OfficeError('AccessDenied');
        for (let r = b.top; r <= b.bottom; r++)
          for (let c = b.left; c <= b.right; c++)
            if (s.get(r, c)?.format['protection.locked'] !== false) throw new OfficeError('AccessDenied');
      }
      if (kind !== 'numberFormat') {
        for (let r = b.top; r <= b.bottom; r++)
          for (let c = b.left; c <= b.right; c++)
            if (s.hiddenByMerge(r, c)) throw new OfficeError('MergedRangeConflict');
      }
      data.forEach((r, i) =>
        r.forEach((v, j) => {
          const row = b.top + i;
          const col = b.left + j;
          // null in a written array leaves that cell as it is (Range.values, Range.formulas).
          if (v === null) return;
          if (kind === 'numberFormat') s.set(row, col, { numberFormat: String(v) });
          else if (kind === 'values' && s.get(row, col)?.numberFormat === '@') {
            // A Text cell keeps what it is given as text: no formula, no number, the apostrophe
            // kept ("Text format treats the content of a cell as text … even when you type
            // numbers": Microsoft Support, "Available number formats in Excel").
            s.set(row, col, { value: String(v), formula: undefined, error: false });
            this.ctx.model.changed(s, toA1(row, col), 'ThisLocalAddin');
          } else {
            const { value, formula } = coerce(v);
            s.set(row, col, { value, formula, error: false });
            this.ctx.model.changed(s, toA1(row, col), 'ThisLocalAddin');
          }
        }),
      );
    }, data);
  }
  private queueFormat(key: string, value: unknown) {
    this.ctx.queue(() => {
      const s = this.ws.sheet();
      if (s.protected) throw new OfficeError('AccessDenied');
      const b = this.bounds()!;
      if (key === 'columnWidth') {
        for (let c = b.left; c <= b.right; c++) s.columnWidths.set(c, Number(value));
        return;
      }
      for (let r = b.top; r <= Math.min(b.bottom, b.top + 10_000); r++) {
        for (let c = b.left; c <= b.right; c++) s.set(r, c, { format: { [key]: value } });
      }
    });
  }
  clear(applyTo = 'All') {
    this.ctx.queue(() => {
      const s = this.ws.sheet();
      if (s.protected) throw new OfficeError('AccessDenied');
      const b = this.bounds()!;
      for (let r = b.top; r <= b.bottom; r++)
        for (let c = b.left; c <= b.right; c++) {
          if (!s.get(r, c)) continue;
          if (applyTo === 'Contents') s.set(r, c, { value: '', formula: undefined, error: false });
          else s.cells.delete(s.key(r, c));
        }
    });
  }
  select() {
    this.ctx.queue(() => {
      const s = this.ws.sheet();
      const b = this.bounds()!;
      this.ctx.model.selection = { sheet: s.name, address: rangeA1(b.top, b.left, b.bottom, b.right) };
    });
  }
}

/** A number format as da-DK shows it (numberFormatLocal): "," and "." change places outside quotes. */
export function toLocalFormat(format: string): string {
  if (format === 'General') return 'Standard';
  return format.replace(/"[^"]*"|[.,]/g, (m) => (m === '.' ? ',' : m === ',' ? '.' : m));
}

/** The en-US number format of a da-DK one. */
export function fromLocalFormat(format: string): string {
  if (format === 'Standard') return 'General';
  return format.replace(/"[^"]*"|[.,]/g, (m) => (m === '.' ? ',' : m === ',' ? '.' : m));
}

const quote = (name: string) => (/^[A-Za-z0-9_]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`);

function safe<T>(f: () => T): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}

class FakeNames extends Loadable {
  get items(): { name: string; value: string; comment: string }[] {
    return this.read('items');
  }
  resolve() {
    return {
      items: [...this.ctx.model.names.entries()].map(([name, v]) => ({
        name,
        value: this.ctx.model.nameValue(v),
        comment: v.comment ?? '',
      })),
    };
  }
  add(name: string, reference: FakeRange | string, comment?: string) {
    this.ctx.queue(() => {
      const model = this.ctx.model;
      if ([...model.names.keys()].some((k) => k.toLowerCase() === name.toLowerCase()))
        throw new OfficeError('ItemAlreadyExists', 'A name with that name already exists.');
      if (!/^[\p{L}_\\][\p{L}\p{N}_.]*$/u.test(name)) throw new OfficeError('InvalidArgument');
      let sheet: ModelSheet;
      let address: string;
      if (typeof reference === 'string') {
        const m = /^=?(?:'((?:[^']|'')+)'|([^!]+))!(.+)$/.exec(reference);
        if (!m) throw new OfficeError('InvalidArgument');
        sheet = model.sheet((m[1] ?? m[2]).replace(/''/g, "'"));
        address = m[3];
      } else {
        sheet = reference.ws.sheet();
        const b = boundsOf(reference.address_ ?? 'A1');
        address = `$${toA1(b.top, b.left).replace(/(\d+)$/, '$$$1')}`;
      }
      model.names.set(name, { sheet, address, comment: comment || undefined });
    });
    const ctx = this.ctx;
    return {
      set visible(v: boolean) {
        ctx.queue(() => {
          const n = ctx.model.names.get(name);
          if (!n) throw new OfficeError('ItemNotFound');
          n.visible = v;
        });
      },
    };
  }
  getItem(name: string) {
    return new FakeNamedItem(this.ctx, name);
  }
  getItemOrNullObject(name: string) {
    return new FakeNamedItem(this.ctx, name);
  }
}

class FakeNamedItem extends Loadable {
  constructor(
    ctx: FakeContext,
    readonly itemName: string,
  ) {
    super(ctx);
  }
  get isNullObject(): boolean {
    return this.read('isNullObject');
  }
  resolve() {
    return { isNullObject: !this.ctx.model.names.has(this.itemName) };
  }
  delete() {
    this.ctx.queue(() => {
      if (!this.ctx.model.names.delete(this.itemName)) throw new OfficeError('ItemNotFound');
    });
  }
}

class FakeCharts {
  constructor(
    private readonly ctx: FakeContext,
    private readonly ws: FakeWorksheet,
  ) {}
  add(type: string, source: FakeRange, _seriesBy: string) {
    let chart: ModelChart | null = null;
    const withChart = (f: (c: ModelChart) => void) => this.ctx.queue(() => f(chart!));
    this.ctx.queue(() => {
      const s = this.ws.sheet();
      if (s.protected) throw new OfficeError('AccessDenied');
      chart = new ModelChart(type, source.address_ ?? '');
      s.charts.push(chart);
    });
    const api = {
      set name(v: string) {
        withChart((c) => {
          c.name = v;
        });
      },
      title: {
        set text(v: string) {
          withChart((c) => {
            c.title = v;
          });
        },
      },
      setPosition: (from: string, to: string) =>
        withChart((c) => {
          c.position = [from, to];
        }),
    };
    return api;
  }
}

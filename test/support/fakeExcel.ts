/**
 * An in-memory Excel object model that behaves like Office.js where it matters: properties
 * can be read only after load() and sync(); writes are queued and applied at sync() in order
 * (a failing operation leaves the earlier ones applied, as in Excel); values written must match
 * the range's 2-D size exactly; errors carry Excel's codes; responses over the payload limit
 * fail with ResponsePayloadSizeLimitExceeded. It counts sync() calls.
 */
import { columnIndex, parseRange, rangeA1, toA1 } from '../../src/core/a1';

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

export class ModelSheet {
  cells = new Map<string, ModelCell>();
  protected = false;
  visibility = 'Visible';
  charts: ModelChart[] = [];
  columnWidths = new Map<number, number>();
  constructor(public name: string) {}

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
    this.cells.set(this.key(r, c), next);
  }
  /** Fills cells from rows of values; strings starting with "=" are formulas (value = result). */
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
  usedBounds() {
    let top = Infinity,
      left = Infinity,
      bottom = -1,
      right = -1;
    for (const [k, cell] of this.cells) {
      if (cell.value === '' && !cell.formula) continue;
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

export class ExcelModel {
  sheets: ModelSheet[] = [];
  active = '';
  names = new Map<string, { ref: string; comment?: string }>();
  selection: { sheet: string; address: string } | null = null;
  syncCount = 0;
  payloadLimitBytes = 5_000_000;
  /** Test hook: throw this code when the n-th operation of a sync runs. */
  failOnOperation: { index: number; code: string } | null = null;
  operationsRun = 0;

  addSheet(name: string) {
    const s = new ModelSheet(name);
    this.sheets.push(s);
    if (!this.active) this.active = name;
    return s;
  }
  sheet(name: string) {
    const s = this.sheets.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!s) throw new OfficeError('ItemNotFound', `The requested resource doesn't exist.`);
    return s;
  }
  /** A deep copy of the workbook's state, to compare before and after. */
  dump() {
    return JSON.stringify({
      sheets: this.sheets.map((s) => ({
        name: s.name,
        cells: [...s.cells.entries()].sort(),
        charts: s.charts,
        protected: s.protected,
      })),
      names: [...this.names.entries()].sort(),
    });
  }
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    const context = new FakeContext(this);
    return batch(context as unknown as Excel.RequestContext).then((result) => {
      if (context.pending()) throw new Error('Excel.run ended with operations that were never synced');
      return result;
    });
  }
}

type Op = () => void;
type Load = { target: Loadable; props: string[] };

class FakeContext {
  private ops: Op[] = [];
  private loads: Load[] = [];
  workbook: FakeWorkbook;
  constructor(readonly model: ExcelModel) {
    this.workbook = new FakeWorkbook(this);
  }
  queue(op: Op) {
    this.ops.push(op);
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
    for (const op of ops) {
      const f = this.model.failOnOperation;
      if (f && this.model.operationsRun === f.index) {
        this.model.operationsRun++;
        throw new OfficeError(f.code);
      }
      this.model.operationsRun++;
      op();
    }
    const results = loads.map((l) => ({ l, data: l.target.resolve(l.props) }));
    const bytes = results.reduce(
      (n, r) => n + JSON.stringify(r.data, (_k, v) => (v instanceof Loadable ? null : v)).length,
      0,
    );
    if (bytes > this.model.payloadLimitBytes) throw new OfficeError('ResponsePayloadSizeLimitExceeded');
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
  constructor(ctx: FakeContext) {
    this.worksheets = new FakeWorksheetCollection(ctx);
    this.names = new FakeNames(ctx);
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
        const ws = new FakeWorksheet(this.ctx, () => this.ctx.model.sheet(s.name));
        ws.accept(ws.resolve(wanted));
        return ws;
      }),
    };
  }
  getActiveWorksheet() {
    return new FakeWorksheet(this.ctx, () => this.ctx.model.sheet(this.ctx.model.active));
  }
  getItem(name: string) {
    let bound: ModelSheet | null = null;
    return new FakeWorksheet(this.ctx, () => (bound ??= this.ctx.model.sheet(name)));
  }
  getItemOrNullObject(name: string) {
    return new FakeWorksheet(this.ctx, () => this.ctx.model.sheet(name), true);
  }
  add(name: string) {
    let created: ModelSheet | null = null;
    this.ctx.queue(() => {
      if (this.ctx.model.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase()))
        throw new OfficeError('ItemAlreadyExists');
      if (!name || name.length > 31 || /[\\/?*[\]:]/.test(name)) throw new OfficeError('InvalidArgument');
      created = this.ctx.model.addSheet(name);
    });
    // Like Office.js, the proxy follows the sheet object, not its name (it survives a rename).
    return new FakeWorksheet(this.ctx, () => created ?? this.ctx.model.sheet(name));
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
  get name(): string {
    return this.read('name');
  }
  set name(next: string) {
    this.ctx.queue(() => {
      if (this.ctx.model.sheets.some((x) => x.name.toLowerCase() === next.toLowerCase()))
        throw new OfficeError('ItemAlreadyExists');
      const s = this.sheet();
      if (this.ctx.model.active === s.name) this.ctx.model.active = next;
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
    this.ctx.queue(() => {
      const s = this.sheet();
      const list = this.ctx.model.sheets.filter((x) => x !== s);
      list.splice(p, 0, s);
      this.ctx.model.sheets = list;
    });
  }
  get protection() {
    return { protected: this.read<boolean>('protection/protected') };
  }
  resolve(props: string[]) {
    if (this.orNull && !this.ctx.model.sheets.some((x) => x === safe(this.sheet))) return { isNullObject: true };
    const s = this.sheet();
    const all: Record<string, unknown> = {
      isNullObject: false,
      name: s.name,
      visibility: s.visibility,
      position: this.ctx.model.sheets.indexOf(s),
      'protection/protected': s.protected,
    };
    return Object.fromEntries(props.filter((p) => p in all).map((p) => [p, all[p]]));
  }
  copy(positionType: string, relativeTo: FakeWorksheet) {
    let created: ModelSheet | null = null;
    this.ctx.queue(() => {
      const src = this.sheet();
      const model = this.ctx.model;
      let name = `${src.name} (2)`;
      for (let n = 3; model.sheets.some((x) => x.name === name); n++) name = `${src.name} (${n})`;
      created = new ModelSheet(name);
      for (const [k, cell] of src.cells) created.cells.set(k, JSON.parse(JSON.stringify(cell)));
      created.columnWidths = new Map(src.columnWidths);
      const at = model.sheets.indexOf(relativeTo.sheet()) + (positionType === 'After' ? 1 : 0);
      model.sheets.splice(at, 0, created);
    });
    return new FakeWorksheet(this.ctx, () => {
      if (!created) throw new OfficeError('ItemNotFound');
      return created;
    });
  }
  getUsedRangeOrNullObject(_valuesOnly?: boolean) {
    return new FakeRange(this.ctx, this, null);
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
    this.ctx.queue(() => {
      const s = this.sheet();
      this.ctx.model.sheets = this.ctx.model.sheets.filter((x) => x !== s);
      for (const v of this.ctx.model.names.values()) if (v.ref.includes(s.name)) v.ref = '=#REF!$A$1';
    });
  }
}

type Bounds = { top: number; left: number; bottom: number; right: number };

/** Bounds of a range address; whole columns ("B:B") reach only over the sheet's used rows. */
function boundsOf(address: string): Bounds {
  const col = /^([A-Z]+):([A-Z]+)$/.exec(address);
  if (col) return { top: 0, left: columnIndex(col[1]), bottom: 1_048_575, right: columnIndex(col[2]) };
  return parseRange(address);
}

class FakeRange extends Loadable {
  format: Record<string, unknown>;
  constructor(
    ctx: FakeContext,
    readonly ws: FakeWorksheet,
    readonly address_: string | null,
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
    this.format = {
      font,
      fill,
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
    return this.ws.sheet().usedBounds();
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
  resolve(props: string[]) {
    const s = this.ws.sheet();
    const b = this.bounds();
    if (!b) return { isNullObject: true };
    const grid = <T>(f: (cell: ModelCell | undefined) => T) =>
      Array.from({ length: b.bottom - b.top + 1 }, (_, i) =>
        Array.from({ length: b.right - b.left + 1 }, (_, j) => f(s.get(b.top + i, b.left + j))),
      );
    const out: Record<string, unknown> = { isNullObject: false };
    for (const p of props) {
      if (p === 'address') out.address = `${quote(s.name)}!${rangeA1(b.top, b.left, b.bottom, b.right)}`;
      else if (p === 'rowCount') out.rowCount = b.bottom - b.top + 1;
      else if (p === 'columnCount') out.columnCount = b.right - b.left + 1;
      else if (p === 'values') out.values = grid((c) => c?.value ?? '');
      else if (p === 'formulas') out.formulas = grid((c) => c?.formula ?? c?.value ?? '');
      else if (p === 'numberFormat') out.numberFormat = grid((c) => c?.numberFormat ?? 'General');
      else if (p === 'valueTypes') {
        out.valueTypes = grid((c) =>
          !c || c.value === ''
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
      if (s.protected) throw new OfficeError('AccessDenied');
      data.forEach((r, i) =>
        r.forEach((v, j) => {
          const row = b.top + i;
          const col = b.left + j;
          if (kind === 'numberFormat') s.set(row, col, { numberFormat: String(v) });
          else if (kind === 'formulas' && typeof v === 'string' && v.startsWith('='))
            s.set(row, col, { formula: v, value: '' });
          else s.set(row, col, { value: v as Raw, formula: undefined, error: false });
        }),
      );
    });
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
  select() {
    this.ctx.queue(() => {
      const s = this.ws.sheet();
      const b = this.bounds()!;
      this.ctx.model.selection = { sheet: s.name, address: rangeA1(b.top, b.left, b.bottom, b.right) };
    });
  }
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
  get items(): { name: string; value: string }[] {
    return this.read('items');
  }
  resolve() {
    return { items: [...this.ctx.model.names.entries()].map(([name, v]) => ({ name, value: v.ref })) };
  }
  add(name: string, reference: FakeRange, comment?: string) {
    this.ctx.queue(() => {
      if (this.ctx.model.names.has(name))
        throw new OfficeError('InvalidArgument', 'A name with that name already exists.');
      const s = reference.ws.sheet();
      const b = boundsOf(reference.address_ ?? 'A1');
      this.ctx.model.names.set(name, {
        ref: `=${quote(s.name)}!$${toA1(b.top, b.left).replace(/(\d+)$/, '$$$1')}`,
        comment,
      });
    });
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

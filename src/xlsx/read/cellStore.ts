/**
 * A worksheet's cells kept compactly as they stream in: a few typed columns (row, column, kind,
 * number) in blocks, texts and formulas as their UTF-8 bytes until a reader asks for one. A sheet of a hundred
 * thousand rows then costs the engine a few dozen buffers instead of an array per row and a
 * string per text, all of which it would copy and mark while the rest is read. The snapshot's
 * `values`, `formulas` and `numberFormats` arrays are made from it when first asked for, exactly as
 * the row-by-row reader made them: rows from the first holding a value to the last, each as wide as
 * its last cell, holes where nothing is.
 */
import { rangeA1 } from '../../core/model/a1';
import type { CellSource, CellValue, SheetSnapshot } from '../../core/model/grid';
import { translateFormula } from '../formulaText';
import { decodeOoxmlText } from '../xml';
import { decodeText } from '../xmlBytes';
import { cellText, MAX_READ_CELL_CHARS } from './sharedStrings';

const SHIFT = 16;
const BLOCK = 1 << SHIFT;
const MASK = BLOCK - 1;
/** Texts' bytes go into blocks this large (a cell's text is at most 32,767 characters, < 98 KB). */
const TEXT_BLOCK = 1 << 20;

type Typed = Int32Array | Float64Array | Uint8Array;

/** A column of numbers in blocks of 4,096, so that growing never copies what it holds. */
class Column<T extends Typed> {
  readonly blocks: T[] = [];
  constructor(readonly make: (n: number) => T) {}
  set(k: number, v: number): void {
    this.blocks[k >>> SHIFT][k & MASK] = v;
  }
  at(k: number): number {
    return this.blocks[k >>> SHIFT][k & MASK];
  }
}

const NONE = 0; // a formula without a value
const NUMBER = 1;
const TEXT = 2; // bytes in the text blocks, decoded when asked for
const OTHER = 3; // any other value, in `others`

const HAS_VALUE = 1;
const HAS_FORMULA = 2;
const HAS_FORMAT = 4;

export class CellStore implements CellSource {
  // One entry per cell, in the order the cells came, in blocks of BLOCK.
  private readonly rowOf = new Column((n) => new Int32Array(n));
  private readonly colOf = new Column((n) => new Int32Array(n));
  private readonly kind = new Column((n) => new Uint8Array(n));
  /** The number; for a text its first byte; for any other value its index in `others`. */
  private readonly num = new Column((n) => new Float64Array(n));
  /** A text's end. */
  private readonly textEnd = new Column((n) => new Int32Array(n));
  /**
   * The cell's formula, by the number formulaText, formulaBytes or formulaFollower gave it (0:
   * none); its format, by its index in `formats` + 1 (0: none).
   */
  private readonly formulaOf = new Column((n) => new Int32Array(n));
  private readonly formatOf = new Column((n) => new Int32Array(n));
  /** Index 0 unused: made with an object in it, the array never changes its kind of elements (one shape for the engine). */
  private readonly others: CellValue[] = [null];
  /**
   * Formula f (numbered from 1) at index f - 1: where its bytes stand in the text blocks
   * (`formulaFrom`, `formulaTo`), or, for a shared formula's follower (`formulaMaster` > 0), the
   * master's number and the follower's offset from it (rows in `formulaFrom`, columns in
   * `formulaTo`). Its text, once made (or given made), in `formulaMade`.
   */
  private readonly formulaMade = new Map<number, string>();
  private readonly formulaFrom: number[] = [];
  private readonly formulaTo: number[] = [];
  private readonly formulaMaster: number[] = [];
  private readonly formats: string[] = [];
  private readonly textBlocks: Uint8Array[] = [];
  private textAt = TEXT_BLOCK;
  private count = 0;
  private capacity = 0;
  private sorted = true;
  private lastRow = -1;
  private lastCol = -1;

  // Made by finish():
  height = 0;
  top = 0;
  /** The cells in reading order (null: in the order they came). */
  private order: Int32Array | null = null;
  private rowStart = new Int32Array(1);
  private rowLast = new Int32Array(0);
  private rowFlags = new Uint8Array(0);

  private push(row: number, col: number, kind: number, num: number, formula: number, format: string | null) {
    const k = this.count++;
    if (row < this.lastRow || (row === this.lastRow && col <= this.lastCol)) this.sorted = false;
    this.lastRow = row;
    this.lastCol = col;
    if (k >= this.capacity) this.reserve(1, 0);
    const at = k & MASK;
    const b = k >>> SHIFT;
    this.rowOf.blocks[b][at] = row;
    this.colOf.blocks[b][at] = col;
    this.kind.blocks[b][at] = kind;
    this.num.blocks[b][at] = num;
    this.formulaOf.blocks[b][at] = formula;
    this.formatOf.blocks[b][at] = format === null ? 0 : this.formatIndex(format);
    return k;
  }

  /**
   * Room for `cells` more cells and `textBytes` more bytes of text. The reader makes room for a
   * chunk's cells and texts before reading it, so that storing a cell never takes the branch that
   * grows the columns (a branch first taken late would cost the engine the code it compiled for
   * the cell path). A text block may so end up to a chunk's length short of full.
   */
  reserve(cells: number, textBytes: number): void {
    while (this.capacity < this.count + cells) {
      for (const c of this.columns()) c.blocks.push(c.make(BLOCK));
      this.capacity += BLOCK;
    }
    // The first block is made by the first text (a sheet of numbers needs none).
    if (this.textBlocks.length > 0 && this.textAt + textBytes > TEXT_BLOCK) this.newTextBlock();
  }

  private newTextBlock(): void {
    this.textBlocks.push(new Uint8Array(TEXT_BLOCK));
    this.textAt = 0;
  }

  private columns(): Column<Typed>[] {
    return [this.rowOf, this.colOf, this.kind, this.num, this.textEnd, this.formulaOf, this.formatOf];
  }

  private formatIndex(format: string): number {
    const i = this.formats.indexOf(format);
    return i >= 0 ? i + 1 : this.formats.push(format);
  }

  /** A formula whose text is made ("=…"): its number for add and addText. */
  formulaText(text: string): number {
    return this.newFormula(text, 0, 0, 0);
  }

  /**
   * A formula as its bytes `b[from, to)`, plain ASCII with neither an entity nor an _xHHHH_
   * escape and not blank (the caller makes sure): its text ("=" and the bytes, trimmed) is made
   * when asked for.
   */
  formulaBytes(b: Uint8Array, from: number, to: number): number {
    const start = this.keep(b, from, to);
    return this.newFormula(undefined, start, start + to - from, 0);
  }

  /** A shared formula's follower: the master's formula (its number) moved by `rows`, `cols`. */
  formulaFollower(master: number, rows: number, cols: number): number {
    return this.newFormula(undefined, rows, cols, master);
  }

  private newFormula(made: string | undefined, from: number, to: number, master: number): number {
    this.formulaFrom.push(from);
    this.formulaTo.push(to);
    const f = this.formulaMaster.push(master);
    if (made !== undefined) this.formulaMade.set(f, made);
    return f;
  }

  /** Formula f's text, made the first time it is asked for. */
  private formulaAt(f: number): string {
    const made = this.formulaMade.get(f);
    if (made !== undefined) return made;
    const master = this.formulaMaster[f - 1];
    const from = this.formulaFrom[f - 1];
    const to = this.formulaTo[f - 1];
    let text: string;
    if (master > 0) text = `=${translateFormula(this.formulaAt(master).slice(1), from, to)}`;
    else {
      const { bytes, from: s, to: e } = this.bytesAt(from, to);
      text = `=${decodeOoxmlText(decodeText(bytes, s, e)).trim()}`;
    }
    this.formulaMade.set(f, text);
    return text;
  }

  /** A cell whose value is already made (or none: a formula saved without its result). */
  add(row: number, col: number, value: CellValue, formula: number, format: string | null): void {
    if (typeof value === 'number') this.push(row, col, NUMBER, value, formula, format);
    else if (value === null) this.push(row, col, NONE, 0, formula, format);
    else this.push(row, col, OTHER, this.others.push(value) - 1, formula, format);
  }

  /** A text cell's raw character data `b[from, to)` (entities and _xHHHH_ escapes not yet decoded). */
  addText(row: number, col: number, b: Uint8Array, from: number, to: number, formula: number): void {
    const n = to - from;
    // A text that could be over Excel's limit is decoded now, so that the limit is met at reading.
    if (n === 0 || n > MAX_READ_CELL_CHARS)
      return this.add(row, col, cellText(decodeText(b, from, to), false), formula, null);
    const start = this.keep(b, from, to);
    const k = this.push(row, col, TEXT, start, formula, null);
    this.textEnd.set(k, start + n);
  }

  /** Copies `b[from, to)` (at most a cell's text) into the text blocks: where it starts there. */
  private keep(b: Uint8Array, from: number, to: number): number {
    const n = to - from;
    if (this.textAt + n > TEXT_BLOCK) this.newTextBlock();
    const start = (this.textBlocks.length - 1) * TEXT_BLOCK + this.textAt;
    const block = this.textBlocks[this.textBlocks.length - 1];
    // A cell's text is short: a loop costs less than a view and a call.
    if (n < 64) for (let q = 0, at = this.textAt; q < n; q++) block[at + q] = b[from + q];
    else block.set(b.subarray(from, to), this.textAt);
    this.textAt += n;
    return start;
  }

  /** Puts the cells in reading order and notes each row's extent; the used range where values are. */
  finish(): string | null {
    const count = this.count;
    let order: Int32Array | null = null;
    if (!this.sorted) order = this.readingOrder();
    const n = order ? order.length : count;
    const at = (p: number) => (order ? order[p] : p);
    let top = Infinity;
    let bottom = -1;
    let left = Infinity;
    let right = -1;
    for (let p = 0; p < n; p++) {
      const k = at(p);
      if (this.kind.at(k) === NONE) continue;
      const r = this.rowOf.at(k);
      const c = this.colOf.at(k);
      if (r < top) top = r;
      if (r > bottom) bottom = r;
      if (c < left) left = c;
      if (c > right) right = c;
    }
    this.order = order;
    if (bottom < 0) return null;
    const height = bottom - top + 1;
    this.top = top;
    this.height = height;
    const rowStart = new Int32Array(height + 1);
    const rowLast = new Int32Array(height);
    const flags = new Uint8Array(height);
    let p = 0;
    while (p < n && this.rowOf.at(at(p)) < top) p++;
    for (let i = 0; i < height; i++) {
      rowStart[i] = p;
      for (; p < n; p++) {
        const k = at(p);
        if (this.rowOf.at(k) !== top + i) break;
        rowLast[i] = this.colOf.at(k);
        if (this.kind.at(k) !== NONE) flags[i] |= HAS_VALUE;
        if (this.formulaOf.at(k) !== 0) flags[i] |= HAS_FORMULA;
        if (this.formatOf.at(k) !== 0) flags[i] |= HAS_FORMAT;
      }
    }
    rowStart[height] = p;
    this.rowStart = rowStart;
    this.rowLast = rowLast;
    this.rowFlags = flags;
    return rangeA1(top, left, bottom, right);
  }

  /** The cells sorted by row and column; of a cell given twice (a damaged file), the later one. */
  private readingOrder(): Int32Array {
    const ks = Array.from({ length: this.count }, (_, k) => k);
    ks.sort((a, b) => this.rowOf.at(a) - this.rowOf.at(b) || this.colOf.at(a) - this.colOf.at(b) || a - b);
    const kept: number[] = [];
    for (let p = 0; p < ks.length; p++) {
      const k = ks[p];
      const next = ks[p + 1];
      if (next !== undefined && this.rowOf.at(next) === this.rowOf.at(k) && this.colOf.at(next) === this.colOf.at(k))
        continue;
      kept.push(k);
    }
    return Int32Array.from(kept);
  }

  /** The cell at row index i, column j (-1: none). */
  private find(i: number, j: number): number {
    if (i < 0 || i >= this.height) return -1;
    let lo = this.rowStart[i];
    let hi = this.rowStart[i + 1] - 1;
    const order = this.order;
    // A row's cells are in column order: a binary search.
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const k = order ? order[mid] : mid;
      const c = this.colOf.at(k);
      if (c === j) return k;
      if (c < j) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  valuesWidth(i: number): number {
    return this.rowFlags[i] & HAS_VALUE ? this.rowLast[i] + 1 : 0;
  }

  width(i: number): number {
    return this.rowFlags[i] & (HAS_VALUE | HAS_FORMULA) ? this.rowLast[i] + 1 : 0;
  }

  value(i: number, j: number): CellValue {
    const k = this.find(i, j);
    return k < 0 ? null : this.valueOf(k);
  }

  private valueOf(k: number): CellValue {
    switch (this.kind.at(k)) {
      case NUMBER:
        return this.num.at(k);
      case TEXT:
        return this.text(k);
      case OTHER:
        return this.others[this.num.at(k)];
      default:
        return null;
    }
  }

  /** Where text k's bytes stand: its block, and where in it they start and end. One object, reused. */
  private span(k: number): typeof textSpan {
    return this.bytesAt(this.num.at(k), this.textEnd.at(k));
  }

  /** The bytes kept from `start` to `end` (see keep): their block, and where in it. */
  private bytesAt(start: number, end: number): typeof textSpan {
    textSpan.bytes = this.textBlocks[Math.floor(start / TEXT_BLOCK)];
    textSpan.from = start % TEXT_BLOCK;
    textSpan.to = textSpan.from + end - start;
    return textSpan;
  }

  private text(k: number): string {
    const { bytes, from, to } = this.span(k);
    return cellText(decodeText(bytes, from, to), false);
  }

  numbers(i: number, j: number, count: number, out: Float64Array, at: number): boolean {
    out.fill(0, at, at + count);
    if (i < 0 || i >= this.height) return true;
    const order = this.order;
    const end = this.rowStart[i + 1];
    // The row's first cell at or after column j, then its cells in column order.
    let lo = this.rowStart[i];
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.colOf.at(order ? order[mid] : mid) < j) lo = mid + 1;
      else hi = mid;
    }
    for (let p = lo; p < end; p++) {
      const k = order ? order[p] : p;
      const c = this.colOf.at(k) - j;
      if (c >= count) break;
      const kind = this.kind.at(k);
      // Anything else is a text, another value or a formula saved without its result.
      if (kind === NUMBER) out[at + c] = this.num.at(k);
      else return false;
    }
    return true;
  }

  formula(i: number, j: number): string | null {
    const k = this.find(i, j);
    const f = k < 0 ? 0 : this.formulaOf.at(k);
    return f === 0 ? null : this.formulaAt(f);
  }

  numberFormat(i: number, j: number): string | null {
    const k = this.find(i, j);
    const f = k < 0 ? 0 : this.formatOf.at(k);
    return f === 0 ? null : this.formats[f - 1];
  }

  hasFormulas(i: number): boolean {
    return (this.rowFlags[i] & HAS_FORMULA) !== 0;
  }

  hasFormats(i: number): boolean {
    return (this.rowFlags[i] & HAS_FORMAT) !== 0;
  }

  forEachText(first: number, last: number, f: (i: number, j: number, trimmedLength: number) => void): void {
    const order = this.order;
    for (let i = Math.max(first, 0); i <= last && i < this.height; i++) {
      if (!(this.rowFlags[i] & HAS_VALUE)) continue;
      for (let p = this.rowStart[i]; p < this.rowStart[i + 1]; p++) {
        const k = order ? order[p] : p;
        const kind = this.kind.at(k);
        if (kind === TEXT) f(i, this.colOf.at(k), this.trimmedLength(k));
        else if (kind === OTHER) {
          const v = this.others[this.num.at(k)];
          if (typeof v === 'string' && v.length > 0) f(i, this.colOf.at(k), v.trim().length);
        }
      }
    }
  }

  /**
   * A text's trimmed length in UTF-16 units, counted from its UTF-8 bytes; decoded instead when
   * an entity or an _xHHHH_ escape may change it, or a character other than ASCII stands at an end
   * (it may be white space that trim removes).
   */
  private trimmedLength(k: number): number {
    // Copied out: decoding (below) moves the span on.
    const { bytes: b, from: start, to: end } = this.span(k);
    let from = start;
    let to = end;
    while (from < to && isSpace(b[from])) from++;
    while (to > from && isSpace(b[to - 1])) to--;
    if (from < to && (b[from] >= 0x80 || b[to - 1] >= 0x80)) return this.text(k).trim().length;
    let units = 0;
    for (let q = from; q < to; q++) {
      const c = b[q];
      if (c < 0x80) {
        if (c === 38 || (c === 95 && q + 1 < to && b[q + 1] === 120)) return this.text(k).trim().length; // & or _x
        units++;
        continue;
      }
      // A well-formed sequence is one unit (two beyond the BMP); anything doubtful is decoded.
      const tail = c >= 0xc2 && c < 0xe0 ? 1 : c > 0xe0 && c < 0xf0 && c !== 0xed ? 2 : c > 0xf0 && c < 0xf4 ? 3 : 0;
      if (tail === 0 || q + tail >= to) return this.text(k).trim().length;
      for (let t = 1; t <= tail; t++) if ((b[q + t] & 0xc0) !== 0x80) return this.text(k).trim().length;
      units += tail === 3 ? 2 : 1;
      q += tail;
    }
    return units;
  }

  /** The arrays of a snapshot, made from the cells (when something asks for them). */
  arrays(): Pick<SheetSnapshot, 'values' | 'formulas' | 'numberFormats'> {
    const values: CellValue[][] = new Array(this.height);
    const formulas: (string | null)[][] = new Array(this.height);
    const numberFormats: (string | null)[][] = new Array(this.height);
    const order = this.order;
    for (let i = 0; i < this.height; i++) {
      const flags = this.rowFlags[i];
      const width = this.rowLast[i] + 1;
      const v: CellValue[] = flags & HAS_VALUE ? new Array(width) : [];
      const f: (string | null)[] | undefined = flags & HAS_FORMULA ? new Array(width) : undefined;
      const n: (string | null)[] | undefined = flags & HAS_FORMAT ? new Array(width) : undefined;
      for (let p = this.rowStart[i]; p < this.rowStart[i + 1]; p++) {
        const k = order ? order[p] : p;
        const c = this.colOf.at(k);
        const value = this.valueOf(k);
        if (value !== null && flags & HAS_VALUE) v[c] = value;
        if (f && this.formulaOf.at(k)) f[c] = this.formulaAt(this.formulaOf.at(k));
        if (n && this.formatOf.at(k)) n[c] = this.formats[this.formatOf.at(k) - 1];
      }
      values[i] = v;
      if (f) formulas[i] = f;
      if (n) numberFormats[i] = n;
    }
    return { values, formulas, numberFormats };
  }
}

const textSpan: { bytes: Uint8Array; from: number; to: number } = { bytes: new Uint8Array(0), from: 0, to: 0 };

/** The white space String.prototype.trim removes, as far as ASCII goes. */
const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);

/**
 * A snapshot of the store: `cells` for the readers, and `values`, `formulas` and `numberFormats`
 * made when first read (enumerable, so that copying or posting the snapshot makes them), after which
 * `cells` is dropped: the arrays are then the sheet, as anyone may change them.
 */
export function storeSnapshot(store: CellStore, base: Omit<SheetSnapshot, 'values' | 'origin'>): SheetSnapshot {
  const snapshot = { ...base, origin: { row: store.top, col: 0 } } as SheetSnapshot;
  // Not enumerable: a copy (spread, structured clone, JSON) takes the arrays, never the store.
  Object.defineProperty(snapshot, 'cells', { value: store, writable: true, enumerable: false, configurable: true });
  let made: ReturnType<CellStore['arrays']> | null = null;
  const make = () => {
    if (!made) {
      made = store.arrays();
      delete snapshot.cells;
      for (const key of ['values', 'formulas', 'numberFormats'] as const)
        Object.defineProperty(snapshot, key, {
          value: made[key],
          writable: true,
          enumerable: true,
          configurable: true,
        });
    }
    return made;
  };
  for (const key of ['values', 'formulas', 'numberFormats'] as const)
    Object.defineProperty(snapshot, key, {
      get: () => make()[key],
      set: (v) => {
        make();
        Object.defineProperty(snapshot, key, { value: v, writable: true, enumerable: true, configurable: true });
      },
      enumerable: true,
      configurable: true,
    });
  return snapshot;
}

import { toA1 } from './a1';
import { NumberColumn } from '../amounts/numberColumn';
import { editDistance, normaliseLabel, tolerance } from '../text/labels';

/** An Excel error value such as #REF! or #VALUE!. */
export interface CellError {
  error: string;
  /**
   * Set when the file stored something no reader can use as the cell's value: a number cell
   * whose text is not a number ("310000kr", "1E+309"), or a shared-string index that does not
   * exist. It holds what was stored (or what is missing), to show at the cell.
   */
  stored?: string;
}

export type CellValue = number | string | boolean | CellError | null;

export function isCellError(v: unknown): v is CellError {
  return typeof v === 'object' && v !== null && typeof (v as CellError).error === 'string';
}

/**
 * What an adapter read from one sheet: rows from `origin.row` down, each an array of cells from
 * column `origin.col`, the way Office.js returns a used range. A row may be shorter than the
 * widest one, and may have holes; a missing cell is empty. Dates are Excel serial numbers.
 */
export interface SheetSnapshot {
  name: string;
  origin: { row: number; col: number };
  values: CellValue[][];
  /**
   * The same cells kept compactly, where the adapter has them so (the .xlsx reader): readers go
   * through it, and `values`, `formulas` and `numberFormats` are made from it when first asked.
   */
  cells?: CellSource;
  /** Formula text ('=SUM(B22:M22)') where the cell holds one, else null or missing. */
  formulas?: (string | null)[][];
  numberFormats?: (string | null)[][];
  hidden?: boolean;
  /** Set by an adapter when the sheet carries the add-in's ownership mark. */
  ownedByAddin?: boolean;
  protected?: boolean;
  /** On a protected sheet: the cells its protection leaves editable (unlocked), where known. */
  unlockedCells?: string[];
  /** The used range as the adapter saw it ("C5:P38"), null for an empty sheet. */
  usedRange?: string | null;
  /** True for a sheet whose name is known but whose cells were not read. */
  unread?: boolean;
  /** "Very hidden" (only VBA can show it again), as against hidden from the Unhide menu. */
  veryHidden?: boolean;
  /**
   * The workbook counts dates from 1904 (Mac workbooks, `workbookPr date1904`): serial 0 is
   * 1 January 1904. Date cells hold the workbook's own serials; the readers and writers convert.
   */
  date1904?: boolean;
}

export interface WorkbookSnapshot {
  /** In tab order. */
  sheets: SheetSnapshot[];
  activeSheet?: string;
  /** Names of the workbook's defined names that mark the add-in's sheets. */
  ownerMarks?: string[];
  /**
   * 'manual' when formulas are not recalculated by themselves (the file's `calcPr calcMode`, or
   * Excel's calculation mode): cached results may be out of date.
   */
  calculation?: 'manual' | 'automatic';
}

/**
 * A sheet's cells as the readers ask for them, by row index `i` (rows from the snapshot's origin)
 * and column index `j` (columns from its origin): the one way the Grid reads a snapshot. Office.js
 * gives arrays (ArrayCells reads them); the .xlsx reader gives a compact store that keeps a large
 * sheet's cells in a few typed columns instead of an object per row and a string per text.
 */
export interface CellSource {
  /** Rows from the origin down (the last one holds a value). */
  readonly height: number;
  /** The length row i's array of values has (0 when it holds no value). */
  valuesWidth(i: number): number;
  /** The columns row i can hold a value or a formula in. */
  width(i: number): number;
  value(i: number, j: number): CellValue;
  formula(i: number, j: number): string | null;
  numberFormat(i: number, j: number): string | null;
  /** True when some cell of row i holds a formula. */
  hasFormulas(i: number): boolean;
  /** True when some cell of row i keeps a number format. */
  hasFormats(i: number): boolean;
  /** Every text (not empty) of rows `first`..`last` in reading order, with its trimmed length. */
  forEachText(first: number, last: number, f: (i: number, j: number, trimmedLength: number) => void): void;
  /**
   * Row i's cells j..j + count - 1 into `out` from `at` when each is a number or empty (0) without
   * a formula; false as soon as one is anything else (it is then to be read as a cell). One call
   * for a row of amounts instead of one per cell.
   */
  numbers(i: number, j: number, count: number, out: Float64Array, at: number): boolean;
}

/** The cells of a snapshot made of arrays (read where they stand, so that a changed array is seen). */
export class ArrayCells implements CellSource {
  constructor(private readonly sheet: SheetSnapshot) {}

  get height(): number {
    return this.sheet.values.length;
  }

  valuesWidth(i: number): number {
    return this.sheet.values[i]?.length ?? 0;
  }

  width(i: number): number {
    return Math.max(this.sheet.values[i]?.length ?? 0, this.sheet.formulas?.[i]?.length ?? 0);
  }

  value(i: number, j: number): CellValue {
    const v = this.sheet.values[i]?.[j];
    return v === undefined ? null : v;
  }

  formula(i: number, j: number): string | null {
    return this.sheet.formulas?.[i]?.[j] ?? null;
  }

  numberFormat(i: number, j: number): string | null {
    return this.sheet.numberFormats?.[i]?.[j] ?? null;
  }

  hasFormulas(i: number): boolean {
    return this.sheet.formulas?.[i]?.some((f) => !!f) ?? false;
  }

  hasFormats(i: number): boolean {
    return !!this.sheet.numberFormats?.[i];
  }

  numbers(i: number, j: number, count: number, out: Float64Array, at: number): boolean {
    const row = this.sheet.values[i];
    const formulas = this.sheet.formulas?.[i];
    for (let k = 0; k < count; k++) {
      const v = row?.[j + k];
      if (typeof v === 'number') out[at + k] = v;
      else if ((v === undefined || v === null) && !formulas?.[j + k]) out[at + k] = 0;
      else return false;
    }
    return true;
  }

  forEachText(first: number, last: number, f: (i: number, j: number, trimmedLength: number) => void): void {
    const values = this.sheet.values;
    for (let i = first; i <= last; i++) {
      const r = values[i];
      if (!r) continue;
      for (let j = 0; j < r.length; j++) {
        const v = r[j];
        if (typeof v === 'string' && v.length > 0) f(i, j, v.trim().length);
      }
    }
  }
}

/** One cell's content, to compare what a write would overwrite with what was validated. */
export interface CellState {
  value: CellValue;
  formula: string | null;
}

export function sameCellValue(a: CellValue, b: CellValue): boolean {
  if (isCellError(a) || isCellError(b)) return isCellError(a) && isCellError(b) && a.error === b.error;
  return a === b;
}

export interface CellPos {
  row: number;
  col: number;
}

/** The cells of a sheet as the readers see them: values by position, and an index of labels. */
export class Grid {
  readonly name: string;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  private rightCol: number | undefined;
  private labelIndex: LabelIndex | null = null;
  /** The cells, however the adapter keeps them. */
  readonly cells: CellSource;

  constructor(
    readonly sheet: SheetSnapshot,
    /** A view on part of the sheet's rows (one of several plans on it); the whole sheet by default. */
    rows?: { top: number; bottom: number },
    index?: LabelIndex,
  ) {
    this.name = sheet.name;
    this.cells = sheet.cells ?? new ArrayCells(sheet);
    const top = sheet.origin.row;
    this.left = sheet.origin.col;
    this.top = rows ? Math.max(top, rows.top) : top;
    const height = this.cells.height;
    this.bottom = rows ? Math.min(top + height - 1, rows.bottom) : top + height - 1;
    if (index) this.labelIndex = index;
  }

  /** The last column any row reaches (worked out when first asked: it means reading every row). */
  get right(): number {
    if (this.rightCol === undefined) {
      let width = 0;
      const cells = this.cells;
      for (let i = 0; i < cells.height; i++) width = Math.max(width, cells.valuesWidth(i));
      this.rightCol = this.left + width - 1;
    }
    return this.rightCol;
  }

  /** The same sheet, rows `top`..`bottom` only, sharing the label index. */
  view(top: number, bottom: number): Grid {
    return new Grid(this.sheet, { top, bottom }, this.labels());
  }

  value(row: number, col: number): CellValue {
    return this.cells.value(row - this.sheet.origin.row, col - this.left);
  }

  formula(row: number, col: number): string | null {
    return this.cells.formula(row - this.sheet.origin.row, col - this.left);
  }

  /** Cells `col`..`col + count - 1` of a row into `out` from `at`, when each is a number or empty (see CellSource.numbers). */
  numbers(row: number, col: number, count: number, out: Float64Array, at: number): boolean {
    return this.cells.numbers(row - this.sheet.origin.row, col - this.left, count, out, at);
  }

  numberFormat(row: number, col: number): string | null {
    return this.cells.numberFormat(row - this.sheet.origin.row, col - this.left);
  }

  /** True when some cell of the row holds a formula. */
  rowHasFormulas(row: number): boolean {
    return this.cells.hasFormulas(row - this.sheet.origin.row);
  }

  /** True when some cell of the row keeps a number format (only a date's is kept). */
  rowHasFormats(row: number): boolean {
    return this.cells.hasFormats(row - this.sheet.origin.row);
  }

  text(row: number, col: number): string {
    const v = this.value(row, col);
    if (v === null || isCellError(v)) return '';
    return String(v).trim();
  }

  isEmpty(row: number, col: number): boolean {
    const v = this.value(row, col);
    return v === null || (typeof v === 'string' && v.trim() === '');
  }

  /** The last column of a row that can hold a cell (so loops need not cross the sheet's width). */
  rowEnd(row: number): number {
    return this.left + this.cells.width(row - this.sheet.origin.row) - 1;
  }

  address(row: number, col: number): string {
    return toA1(row, col);
  }

  /** The normalised label of a text cell ('' for any other cell). */
  label(row: number, col: number): string {
    const v = this.value(row, col);
    return typeof v === 'string' ? normaliseLabel(v) : '';
  }

  labels(): LabelIndex {
    return (this.labelIndex ??= new LabelIndex(this));
  }

  /** True when a cell lies in this view's rows. */
  holds(row: number): boolean {
    return row >= this.top && row <= this.bottom;
  }

  /** Calls back for every cell that holds a value or a formula, row by row. */
  forEachCell(f: (row: number, col: number, value: CellValue) => void): void {
    const cells = this.cells;
    const first = this.top - this.sheet.origin.row;
    const last = this.bottom - this.sheet.origin.row;
    for (let i = first; i <= last; i++) {
      const width = cells.width(i);
      for (let j = 0; j < width; j++) {
        const v = cells.value(i, j);
        if (v === null && !cells.formula(i, j)) continue;
        f(this.sheet.origin.row + i, this.left + j, v);
      }
    }
  }
}

/** A text cell and its normalised label. */
export interface LabelCell extends CellPos {
  label: string;
}

/**
 * Every text cell of a sheet, in reading order, made in one pass: readers ask for the cells
 * whose label fits instead of each normalising every cell again. A label is normalised only
 * when a question could concern it (by its length), and then once.
 */
export class LabelIndex {
  // Parallel columns of numbers rather than an object per cell: a large plan has hundreds of
  // thousands of texts.
  private readonly rows = new NumberColumn();
  private readonly cols = new NumberColumn();
  /** Each text's trimmed length, so that a question about lengths need not touch the text. */
  private readonly lens = new NumberColumn();
  private count = 0;
  /** Labels normalised so far, by index: few, as most texts are ruled out by their length. */
  private readonly labels = new Map<number, string>();
  private readonly grid: Grid;
  private skippedRanges: { top: number; bottom: number }[] = [];

  /** From now on, rows in these ranges (and those skipped before) are left out of every answer. */
  skipRows(ranges: { top: number; bottom: number }[]): void {
    if (ranges.length === 0) return;
    this.skippedRanges = [...this.skippedRanges, ...ranges].sort((a, b) => a.top - b.top);
  }

  /** True when a row was left out by skipRows. */
  isSkipped(row: number): boolean {
    return this.skippedRanges.some((r) => row >= r.top && row <= r.bottom);
  }

  constructor(g: Grid) {
    this.grid = g;
    // The values only: a text is never a formula's concern, so the formulas' rows are not touched.
    const { origin } = g.sheet;
    g.cells.forEachText(g.top - origin.row, g.bottom - origin.row, (i, j, trimmedLength) => {
      this.rows.push(origin.row + i);
      this.cols.push(g.left + j);
      this.lens.push(trimmedLength);
      this.count++;
    });
  }

  /** Where the last trimmedLength lookup ended: readers mostly ask row after row. */
  private hint = 0;

  /**
   * The trimmed length of the text in a cell, 0 for a cell without text, answered from the index
   * without touching the text itself (on a large sheet each text read again is a cache miss).
   */
  trimmedLength(row: number, col: number): number {
    const { rows, cols, count } = this;
    // A few steps on from the last answer; a binary search when the cell is elsewhere.
    const h = Math.min(this.hint, count);
    let lo = 0;
    let hi = h - 1;
    if (h === 0 || this.before(h - 1, row, col)) {
      let i = h;
      for (let steps = 0; i < count && this.before(i, row, col) && steps < 32; steps++) i++;
      lo = i;
      hi = i === count || !this.before(i, row, col) ? i : count;
    }
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.before(mid, row, col)) lo = mid + 1;
      else hi = mid;
    }
    this.hint = lo;
    return lo < count && rows.at(lo) === row && cols.at(lo) === col ? this.lens.at(lo) : 0;
  }

  /** True when the i-th text lies before the cell in reading order. */
  private before(i: number, row: number, col: number): boolean {
    const r = this.rows.at(i);
    return r < row || (r === row && this.cols.at(i) < col);
  }

  /** The normalised label of the i-th text, made once. */
  private label(i: number): string {
    let label = this.labels.get(i);
    if (label === undefined) {
      const raw = this.grid.value(this.rows.at(i), this.cols.at(i)) as string;
      this.labels.set(i, (label = normaliseLabel(raw)));
    }
    return label;
  }

  /**
   * The cells whose label satisfies `test`, in reading order. Labels longer than `maxLength`
   * cannot satisfy it (a label is never longer than its trimmed text), so those texts are skipped
   * unread.
   */
  find(test: (label: string) => boolean, maxLength = Infinity, minLength = 0): LabelCell[] {
    const out: LabelCell[] = [];
    this.scan(test, maxLength, minLength, -Infinity, (row, col, label) => {
      out.push({ row, col, label });
      return false;
    });
    return out;
  }

  /** The first cell at or below `fromRow` whose label satisfies `test`. */
  first(test: (label: string) => boolean, maxLength = Infinity, minLength = 0, fromRow = -Infinity): LabelCell | null {
    let found: LabelCell | null = null;
    this.scan(test, maxLength, minLength, fromRow, (row, col, label) => {
      found = { row, col, label };
      return true;
    });
    return found;
  }

  /** Calls `hit` for each fitting cell in reading order until it returns true. */
  private scan(
    test: (label: string) => boolean,
    maxLength: number,
    minLength: number,
    fromRow: number,
    hit: (row: number, col: number, label: string) => boolean,
  ): void {
    const { rows, cols, lens, count } = this;
    for (let i = 0; i < count; i++) {
      const skipTo = this.pastSkipped(i);
      if (skipTo !== i) {
        i = skipTo - 1;
        continue;
      }
      if (rows.at(i) < fromRow || lens.at(i) < minLength || lens.at(i) > maxLength) continue;
      const label = this.label(i);
      if (label.length >= minLength && label.length <= maxLength && test(label) && hit(rows.at(i), cols.at(i), label))
        return;
    }
  }

  /**
   * The first index at or after `i` whose row is not skipped: a whole skipped range (a plan's
   * hundred thousand rows) is passed in one binary search, not cell by cell.
   */
  private pastSkipped(i: number): number {
    const ranges = this.skippedRanges;
    if (ranges.length === 0) return i;
    const { rows, count } = this;
    for (;;) {
      if (i >= count) return i;
      const row = rows.at(i);
      const range = ranges.find((r) => row >= r.top && row <= r.bottom);
      if (!range) return i;
      let lo = i;
      let hi = count;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (rows.at(mid) <= range.bottom) lo = mid + 1;
        else hi = mid;
      }
      i = lo;
    }
  }

  /** Cells whose label starts with `label`, a small typo allowed in that prefix. */
  startingWith(label: string, maxLength = Infinity): LabelCell[] {
    const tol = tolerance(label);
    return this.find(
      (t) => t.startsWith(label) || editDistance(t.slice(0, label.length), label, tol) <= tol,
      maxLength,
      label.length,
    );
  }
}

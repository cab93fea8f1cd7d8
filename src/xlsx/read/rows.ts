/**
 * A worksheet's cells gathered row by row as they stream in. The cells of the row being read are
 * kept aside and put into an array of exactly the row's width when the row ends: arrays grown
 * cell by cell would carry spare room (a large plan has hundreds of thousands of rows). Rows are
 * indexed by column from A, so a lone cell far to the right costs one sparse slot.
 */
import { rangeA1 } from '../../core/model/a1';
import type { CellValue, SheetSnapshot } from '../../core/model/grid';

export class RowCollector {
  // Rows by number in plain arrays (rows come in order in any sound file; a gap leaves a hole).
  private readonly rows: (CellValue[] | undefined)[] = [];
  private readonly formulaRows: ((string | null)[] | undefined)[] = [];
  private readonly formatRows: ((string | null)[] | undefined)[] = [];
  private currentRow = -1;
  private readonly rowCols: number[] = [];
  private readonly rowValues: CellValue[] = [];
  private readonly rowFormulas: (string | null)[] = [];
  private readonly rowFormats: (string | null)[] = [];
  private rowHasFormula = false;
  private rowHasFormat = false;
  /** Where values lie over the whole sheet. */
  private left = Infinity;
  private right = -1;
  private top = Infinity;
  private bottom = -1;

  add(row: number, col: number, value: CellValue, formula: string | null, format: string | null) {
    if (row !== this.currentRow) {
      this.flush();
      this.currentRow = row;
    }
    this.rowCols.push(col);
    this.rowValues.push(value);
    this.rowFormulas.push(formula);
    this.rowFormats.push(format);
    if (formula !== null) this.rowHasFormula = true;
    if (format !== null) this.rowHasFormat = true;
  }

  /** An array of exactly the row's width with the row's cells in place (holes where none). */
  private exact<T>(cells: T[], width: number): T[] {
    const a = new Array<T>(width);
    const cols = this.rowCols;
    for (let i = 0; i < cols.length; i++) if (cells[i] !== null) a[cols[i]] = cells[i];
    return a;
  }

  /** Puts the row being read in place. */
  flush() {
    const cols = this.rowCols;
    if (cols.length === 0) return;
    let width = 0;
    let hasValue = false;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i];
      if (c + 1 > width) width = c + 1;
      // The used range is where values are (a formula saved without its result is not one).
      if (this.rowValues[i] === null) continue;
      hasValue = true;
      if (c < this.left) this.left = c;
      if (c > this.right) this.right = c;
    }
    const row = this.currentRow;
    const old = this.rows[row];
    if (old) {
      // A row that came twice (not in a sound file): merge into what was there.
      for (let i = 0; i < cols.length; i++) old[cols[i]] = this.rowValues[i];
    } else if (hasValue) this.rows[row] = this.exact(this.rowValues, width);
    if (hasValue) {
      if (row < this.top) this.top = row;
      if (row > this.bottom) this.bottom = row;
    }
    if (this.rowHasFormula) this.formulaRows[row] = this.exact(this.rowFormulas, width);
    if (this.rowHasFormat) this.formatRows[row] = this.exact(this.rowFormats, width);
    cols.length = 0;
    this.rowValues.length = 0;
    this.rowFormulas.length = 0;
    this.rowFormats.length = 0;
    this.rowHasFormula = false;
    this.rowHasFormat = false;
  }

  /** The rows read as a sheet snapshot: absolute column positions, the used range where values are. */
  snapshot(name: string, isProtected: boolean): SheetSnapshot {
    this.flush();
    const { rows, formulaRows, formatRows, top, bottom, left, right } = this;
    if (bottom < 0)
      return {
        name,
        origin: { row: 0, col: 0 },
        values: [],
        formulas: [],
        numberFormats: [],
        usedRange: null,
        protected: isProtected,
      };
    const height = bottom - top + 1;
    const values: CellValue[][] = new Array(height);
    const formulas: (string | null)[][] = new Array(height);
    const numberFormats: (string | null)[][] = new Array(height);
    for (let i = 0; i < height; i++) {
      values[i] = rows[top + i] ?? [];
      const f = formulaRows[top + i];
      if (f) formulas[i] = f;
      const n = formatRows[top + i];
      if (n) numberFormats[i] = n;
    }
    return {
      name,
      origin: { row: top, col: 0 },
      values,
      formulas,
      numberFormats,
      usedRange: rangeA1(top, left, bottom, right),
      protected: isProtected,
    };
  }
}

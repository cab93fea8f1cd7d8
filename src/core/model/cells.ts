/**
 * A sheet's cells as the readers ask for them, by row index `i` (rows from the snapshot's origin)
 * and column index `j` (columns from its origin): the one way the Grid reads a snapshot. Office.js
 * gives arrays (ArrayCells reads them); the .xlsx reader gives a compact store that keeps a large
 * sheet's cells in a few typed columns instead of an object per row and a string per text.
 */
import type { CellValue, SheetSnapshot } from './grid';

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

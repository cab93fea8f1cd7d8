import { toA1 } from './a1';

/** An Excel error value such as #REF! or #VALUE!. */
export interface CellError {
  error: string;
}

export type CellValue = number | string | boolean | CellError | null;

export function isCellError(v: unknown): v is CellError {
  return typeof v === 'object' && v !== null && typeof (v as CellError).error === 'string';
}

/**
 * What an adapter read from one sheet: a dense rectangle starting at `origin`
 * (0-based), the way Office.js returns a used range. Dates are Excel serial numbers.
 */
export interface SheetSnapshot {
  name: string;
  origin: { row: number; col: number };
  values: CellValue[][];
  /** Formula text ('=SUM(B22:M22)') where the cell holds one, else null. */
  formulas?: (string | null)[][];
  numberFormats?: (string | null)[][];
  hidden?: boolean;
  /** Set by an adapter when the sheet carries the add-in's ownership mark. */
  ownedByAddin?: boolean;
  protected?: boolean;
  /** The used range as the adapter saw it ("C5:P38"), null for an empty sheet. */
  usedRange?: string | null;
  /** True for a sheet whose name is known but whose cells were not read. */
  unread?: boolean;
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

export interface WorkbookSnapshot {
  /** In tab order. */
  sheets: SheetSnapshot[];
  activeSheet?: string;
  /** Names of the workbook's defined names that mark the add-in's sheets. */
  ownerMarks?: string[];
}

export class Grid {
  readonly name: string;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;

  constructor(readonly sheet: SheetSnapshot) {
    this.name = sheet.name;
    this.top = sheet.origin.row;
    this.left = sheet.origin.col;
    const width = sheet.values.reduce((w, r) => Math.max(w, r.length), 0);
    this.bottom = this.top + sheet.values.length - 1;
    this.right = this.left + width - 1;
  }

  value(row: number, col: number): CellValue {
    const r = this.sheet.values[row - this.top];
    if (!r) return null;
    const v = r[col - this.left];
    return v === undefined ? null : v;
  }

  formula(row: number, col: number): string | null {
    return this.sheet.formulas?.[row - this.top]?.[col - this.left] ?? null;
  }

  numberFormat(row: number, col: number): string | null {
    return this.sheet.numberFormats?.[row - this.top]?.[col - this.left] ?? null;
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

  address(row: number, col: number): string {
    return toA1(row, col);
  }

  /** Calls back for every cell that holds a value or a formula, row by row. */
  forEachCell(f: (row: number, col: number, value: CellValue) => void): void {
    const { values, formulas } = this.sheet;
    for (let i = 0; i < values.length; i++) {
      const r = values[i];
      const fr = formulas?.[i];
      const width = Math.max(r?.length ?? 0, fr?.length ?? 0);
      for (let j = 0; j < width; j++) {
        const v = r?.[j] ?? null;
        if (v === null && !fr?.[j]) continue;
        f(this.top + i, this.left + j, v);
      }
    }
  }
}

import { quoteSheetName, toA1 } from '../model/a1';
import { amountFormula } from './amountSyntax';
import type { AmountCell } from '../model/plan';

const absolute = (row: number, col: number) => toA1(row, col).replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');

/** An absolute reference to a cell on another sheet: 'Handleplan 2021'!$F$22. */
export function sheetRef(sheet: string, row: number, col: number): string {
  return `${quoteSheetName(sheet)}!${absolute(row, col)}`;
}

export function sheetRange(sheet: string, top: number, left: number, bottom: number, right: number): string {
  return `${quoteSheetName(sheet)}!${absolute(top, left)}:${absolute(bottom, right)}`;
}

/**
 * Live references to the plan's amount cells. Numbers and formula results are referred to as
 * they are; a text amount through the formula that amountSyntax.ts proves to agree with the core;
 * a text amount no formula can read through a cell that holds the core's value (a "fallback").
 */
export class AmountRefs {
  readonly fallbacks: AmountCell[] = [];

  constructor(
    readonly sheet: string,
    /** Where the k-th fallback value is written, as a reference from the formula's sheet. */
    private readonly fallbackRef: (k: number) => string,
  ) {}

  private textRef(cell: AmountCell): string {
    const formula = amountFormula(sheetRef(this.sheet, cell.row, cell.col), String(cell.raw));
    if (formula !== null) return formula;
    let k = this.fallbacks.indexOf(cell);
    if (k < 0) k = this.fallbacks.push(cell) - 1;
    return this.fallbackRef(k);
  }

  /** A live expression for one amount cell. */
  one(cell: AmountCell): string {
    return cell.source === 'text' ? this.textRef(cell) : sheetRef(this.sheet, cell.row, cell.col);
  }

  /** SUM over a block of amount cells, plus the text amounts SUM would skip. */
  sum(cells: AmountCell[]): string {
    if (cells.length === 0) return '0';
    let top = Infinity;
    let left = Infinity;
    let bottom = -Infinity;
    let right = -Infinity;
    for (const c of cells) {
      if (c.row < top) top = c.row;
      if (c.row > bottom) bottom = c.row;
      if (c.col < left) left = c.col;
      if (c.col > right) right = c.col;
    }
    const parts = [`SUM(${sheetRange(this.sheet, top, left, bottom, right)})`];
    for (const c of cells) if (c.source === 'text') parts.push(this.textRef(c));
    return parts.join('+');
  }
}

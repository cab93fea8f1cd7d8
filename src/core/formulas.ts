import { quoteSheetName, toA1 } from './a1';
import type { AmountCell } from './plan';

/** An absolute reference to a cell on another sheet: 'Handleplan 2021'!$F$22. */
export function sheetRef(sheet: string, row: number, col: number): string {
  const a1 = toA1(row, col).replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
  return `${quoteSheetName(sheet)}!${a1}`;
}

export function sheetRange(sheet: string, top: number, left: number, bottom: number, right: number): string {
  const a = toA1(top, left).replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
  const b = toA1(bottom, right).replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
  return `${quoteSheetName(sheet)}!${a}:${b}`;
}

const MULTIPLIERS: [RegExp, string, number][] = [
  [/mia/i, 'mia.', 1e9],
  [/mio|mill/i, 'mio.', 1e6],
];

/**
 * A formula expression that gives a text amount ("310.000", "357.500 kr.", "9,4 mio. kr.")
 * the value the core reads from it, so projections stay live and agree with the core even
 * where Excel's SUM would skip the text.
 */
export function textAmountExpression(ref: string, raw: string): string {
  let inner = `LOWER(${ref})`;
  let factor = 1;
  for (const [re, word, f] of MULTIPLIERS) {
    if (re.test(raw)) {
      inner = `SUBSTITUTE(${inner},"${word}","")`;
      factor = f;
      break;
    }
  }
  inner = `SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${inner},"kr.",""),"kr","")," ","")`;
  const value = `NUMBERVALUE(${inner},",",".")`;
  return factor === 1 ? value : `(${value}*${factor})`;
}

/** A live expression for one amount cell. */
export function amountExpression(sheet: string, cell: AmountCell): string {
  const ref = sheetRef(sheet, cell.row, cell.col);
  return cell.source === 'text' ? textAmountExpression(ref, String(cell.raw)) : ref;
}

/** SUM over a block of amount cells, plus the text amounts SUM would skip. */
export function sumExpression(sheet: string, cells: AmountCell[]): string {
  const rows = cells.map((c) => c.row);
  const cols = cells.map((c) => c.col);
  const range = sheetRange(sheet, Math.min(...rows), Math.min(...cols), Math.max(...rows), Math.max(...cols));
  const texts = cells
    .filter((c) => c.source === 'text')
    .map((c) => textAmountExpression(sheetRef(sheet, c.row, c.col), String(c.raw)));
  return [`SUM(${range})`, ...texts].join('+');
}

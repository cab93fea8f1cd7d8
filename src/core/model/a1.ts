/** A1 addressing. Rows and columns are 0-based inside the code, 1-based only in A1 text. */

export function columnLetters(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function toA1(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

export interface CellRef {
  row: number;
  col: number;
}

export function parseA1(address: string): CellRef {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!m) throw new Error(`Invalid A1 address: ${address}`);
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
}

export function rangeA1(top: number, left: number, bottom: number, right: number): string {
  const a = toA1(top, left);
  const b = toA1(bottom, right);
  return a === b ? a : `${a}:${b}`;
}

export interface RangeRef {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function parseRange(text: string): RangeRef {
  const [a, b = a] = text.split(':');
  const p = parseA1(a);
  const q = parseA1(b);
  return {
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
}

/** Sheet names with spaces or punctuation must be quoted in formulas. */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/**
 * Whether two names are the same sheet. Excel compares sheet names without regard to case
 * ("Handleplan" and "HANDLEPLAN" cannot both exist) but keeps every space, so this is the one
 * comparison the CLI, both adapters and the builders use.
 */
export const sameSheetName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

import { parseRange } from '../core/model/a1';
import type { CellValue, SheetSnapshot } from '../core/model/grid';

/** "'Plan 2021'!C5:P38" -> the top-left of the range. */
export function rangeOrigin(address: string): { row: number; col: number } {
  const ref = address.slice(address.lastIndexOf('!') + 1);
  const r = parseRange(ref);
  return { row: r.top, col: r.left };
}

/** Office.js gives "" for empty cells and errors as text with valueType "Error". */
export function toCellValue(value: unknown, valueType: string | undefined): CellValue {
  if (valueType === 'Error') return { error: String(value) };
  if (value === '' || value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return String(value);
}

export interface RangeData {
  values: unknown[][];
  valueTypes: string[][];
  formulas: unknown[][];
  numberFormat: unknown[][];
}

export function rangeToRows(data: RangeData) {
  const values = data.values.map((row, i) => row.map((v, j) => toCellValue(v, data.valueTypes[i]?.[j])));
  // A formula only where it differs from the value: a text cell "=…" reads back as "=…" from
  // Range.formulas too (office-js #6687).
  const formulas = data.formulas.map((row, i) =>
    row.map((f, j) => (typeof f === 'string' && f.startsWith('=') && f !== data.values[i]?.[j] ? f : null)),
  );
  const numberFormats = data.numberFormat.map((row) =>
    row.map((f) => (typeof f === 'string' && f !== 'General' ? f : null)),
  );
  return { values, formulas, numberFormats };
}

export function emptySheet(name: string): SheetSnapshot {
  return { name, origin: { row: 0, col: 0 }, values: [], formulas: [], numberFormats: [] };
}

/** A plan's cells as the readers see them: amounts (formulas without a result worked out), dates, texts, year labels and initiative numbers. */
import Decimal from 'decimal.js';
import { toA1 } from '../model/a1';
import { ReadAmountCell, MAX_EXACT_KRONER } from '../amounts/amounts';
import { parseAmountText } from '../amounts/amountSyntax';
import { formulaValue } from '../amounts/formulaValue';
import { Grid, isCellError } from '../model/grid';
import type { AmountCell, DateCell, TextCell, YearLabel } from '../model/plan';
import { firstYear } from '../text/labels';
import { readDateCell } from '../text/dates';

/** How far right of a label we look for its value. */
const VALUE_REACH = 8;

export function readAmount(g: Grid, row: number, col: number, depth = 0): AmountCell {
  const raw = g.value(row, col);
  if (typeof raw === 'number') {
    const formula = g.formula(row, col) ?? undefined;
    if (!Number.isFinite(raw)) return new ReadAmountCell(row, col, raw, 'invalid', null, undefined, formula);
    // Excel keeps 15 significant digits: an amount beyond that was not stored as typed.
    if (raw >= MAX_EXACT_KRONER || raw <= -MAX_EXACT_KRONER)
      return new ReadAmountCell(row, col, raw, 'invalid', null, undefined, formula, 'precision');
    return new ReadAmountCell(row, col, raw, formula ? 'formula' : 'number', raw, undefined, formula);
  }
  const formula = g.formula(row, col) ?? undefined;
  if (isCellError(raw) || typeof raw === 'boolean')
    return new ReadAmountCell(row, col, raw, 'invalid', null, undefined, formula);
  if (raw === null && formula) {
    // A formula saved without its result (some generators do that): worked out here, or
    // reported at the cell when it cannot be.
    const v = depth < 3 ? evaluateFormula(g, formula, depth) : null;
    return v
      ? new ReadAmountCell(row, col, raw, 'formula', null, v, formula)
      : new ReadAmountCell(row, col, raw, 'invalid', null, undefined, formula, 'uncached');
  }
  if (raw === null) return new ReadAmountCell(row, col, raw, 'empty', null);
  const parsed = parseAmountText(raw);
  if (parsed.kind === 'empty') return new ReadAmountCell(row, col, raw, 'empty', null, undefined, formula);
  if (parsed.kind === 'invalid')
    return new ReadAmountCell(row, col, raw, 'invalid', null, undefined, formula, parsed.reason);
  return new ReadAmountCell(row, col, raw, 'text', null, parsed.value, formula);
}

/** The value of a formula with no cached result, from the cells it refers to (see formulaValue). */
function evaluateFormula(g: Grid, formula: string, depth: number): Decimal | null {
  return formulaValue(formula, {
    cell(r, c) {
      const a = readAmount(g, r, c, depth + 1);
      // Arithmetic on text is #VALUE! in Excel; an empty cell is 0.
      if (a.source === 'empty') return new Decimal(0);
      return a.source === 'text' || a.source === 'invalid' ? null : a.value;
    },
    summed(r, c) {
      const a = readAmount(g, r, c, depth + 1);
      if (a.source === 'invalid') return a.problem === 'uncached' || isCellError(a.raw) ? null : new Decimal(0);
      return a.value ?? new Decimal(0);
    },
  });
}

export function readDate(g: Grid, row: number, col: number): DateCell {
  return { row, col, address: toA1(row, col), ...readDateCell(g.value(row, col), g.sheet.date1904 === true) };
}

export function textCell(g: Grid, row: number, col: number): TextCell {
  return { row, col, address: toA1(row, col), text: g.text(row, col) };
}

export function yearLabel(g: Grid, row: number, col: number): YearLabel {
  const t = textCell(g, row, col);
  return { ...t, year: firstYear(t.text) };
}

/** The first non-empty cell right of a label, or null. */
export function valueRightOf(g: Grid, row: number, col: number, stopAt?: (label: string) => boolean): number | null {
  const end = Math.min(g.rowEnd(row), col + VALUE_REACH);
  for (let c = col + 1; c <= end; c++) {
    if (g.isEmpty(row, c)) continue;
    if (stopAt?.(g.label(row, c))) return null;
    return c;
  }
  return null;
}

/** An initiative number from a label cell: 1, "1", "1.", "Indsats 1", "1 5.20 opholdssteder"; any size. */
export function labelNumber(g: Grid, row: number, col: number): number | null {
  const v = g.value(row, col);
  if (typeof v === 'number') return Number.isInteger(v) && v >= 1 && v < 1e9 ? v : null;
  if (typeof v !== 'string') return null;
  const m = /^(?:indsats\s*(?:nr\.?)?\s*)?(\d{1,9})(?:[.)]?$|[.)]?\s+\S)/i.exec(v.trim());
  return m ? Number(m[1]) : null;
}

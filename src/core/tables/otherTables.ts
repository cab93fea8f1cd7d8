import Decimal from 'decimal.js';
import { rangeA1, toA1 } from '../model/a1';
import { otherTableText, type TableKind } from '../text/da';
import { yearInCell } from '../text/dates';
import type { Finding } from '../model/findings';
import { finding } from '../model/findings';
import type { Grid } from '../model/grid';
import { sameAmount } from '../amounts/money';
import type { AmountCell } from '../model/plan';
import { readAmount } from '../read/cells';
import { labelEquals, labelStartsWith, statedUnit } from '../text/labels';

/** A table of spec §7 found on a sheet, with its own findings. */
export interface OtherTable {
  kind: TableKind;
  sheet: string;
  range: string;
  summary: Record<string, unknown>;
  findings: Finding[];
  /** An activity forecast's total Mer-/mindreforbrug, which can become the plan's expected overrun. */
  overrun?: { value: Decimal; cell: string };
}

const yearOf = (g: Grid, r: number, c: number): number | null => yearInCell(g.value(r, c));

/** The first non-empty cell of a row, when it is a text: the row's label. */
export function rowLabel(g: Grid, r: number): { col: number; text: string; label: string } | null {
  const end = g.rowEnd(r);
  for (let c = g.left; c <= end; c++) {
    const t = g.text(r, c);
    if (t && typeof g.value(r, c) === 'string') return { col: c, text: t, label: g.label(r, c) };
    if (t) return null;
  }
  return null;
}

/** The texts of rows `from`..`to` of a sheet (a table's titles), to find its unit or legend in. */
export function rowsText(g: Grid, from: number, to: number): string {
  let text = '';
  for (let k = Math.max(g.top, from); k <= Math.min(g.bottom, to); k++)
    for (let c = g.left; c <= g.rowEnd(k); c++) text += ` ${g.text(k, c)}`;
  return text;
}

/**
 * Half a unit of the last digit shown in a table published rounded (1.000 kr., mio. kr.); 0 for a
 * table in kroner, which is checked to the krone. A check of n figures may be off by n times it.
 */
export function roundingHalf(unit: number | null, decimals: number): Decimal {
  return unit !== null && unit > 1 ? new Decimal(10).pow(-decimals).dividedBy(2) : new Decimal(0);
}

/**
 * The carry-forward table (Randers): a header row of years, "Overført fra tidligere år",
 * signed rows, "Overførsel til efterfølgende år". Each carry-out must be carry-in + the rows,
 * and each carry-in the carry-out computed for the year before (so one wrong figure is one finding).
 */
export function readMultiYearTables(g: Grid): OtherTable[] {
  const tables: OtherTable[] = [];
  const starts = g.labels().startingWith('overført fra tidligere');
  let done = -1;
  for (const start of starts) {
    const r = start.row;
    if (r <= done) continue;
    const inLabel = rowLabel(g, r);
    if (!inLabel || inLabel.col !== start.col) continue;
    let outRow = -1;
    for (let k = r + 1; k <= Math.min(g.bottom, r + 60); k++) {
      const l = rowLabel(g, k);
      if (l && labelStartsWith(l.label, 'overførsel til efterfølgende')) {
        outRow = k;
        break;
      }
    }
    if (outRow < 0) continue;
    let headerRow = -1;
    let yearCols: number[] = [];
    for (let h = r - 1; h >= Math.max(g.top, r - 3) && headerRow < 0; h--) {
      const cols = [];
      for (let c = inLabel.col + 1; c <= g.rowEnd(h); c++) if (yearOf(g, h, c) !== null) cols.push(c);
      if (cols.length >= 2) {
        headerRow = h;
        yearCols = cols;
      }
    }
    if (headerRow < 0) continue;
    const findings: Finding[] = [];
    const amount = (row: number, col: number): AmountCell => readAmount(g, row, col);
    let chainOut: Decimal | null = null;
    const years = yearCols.map((c) => yearOf(g, headerRow, c)!);
    // The header's corner or the title above says the unit ("Mio. kr."); kroner otherwise.
    const unit = statedUnit(rowsText(g, headerRow - 2, headerRow));
    const unitText = unit === 1_000_000 ? 'mio. kr.' : unit === 1000 ? 't.kr.' : 'kr.';
    yearCols.forEach((c, j) => {
      const carryIn = amount(r, c);
      let inValue = carryIn.value ?? new Decimal(0);
      if (j > 0 && chainOut !== null && !sameAmount(inValue, chainOut)) {
        findings.push(
          finding(
            'CARRY_MISMATCH',
            g.name,
            carryIn.address,
            otherTableText.carryIn(years[j], chainOut, carryIn.value, unit),
            {
              expected: chainOut,
              actual: carryIn.value,
            },
          ),
        );
        inValue = chainOut;
      }
      let rows = new Decimal(0);
      for (let k = r + 1; k < outRow; k++) rows = rows.plus(amount(k, c).value ?? 0);
      const expected = inValue.plus(rows);
      const carryOut = amount(outRow, c);
      if (!carryOut.value || !sameAmount(carryOut.value, expected)) {
        findings.push(
          finding(
            'CARRY_MISMATCH',
            g.name,
            carryOut.address,
            otherTableText.carryOut(years[j], expected, carryOut.value, unit),
            {
              expected,
              actual: carryOut.value,
            },
          ),
        );
      }
      chainOut = expected;
    });
    tables.push({
      kind: 'multi-year',
      sheet: g.name,
      range: rangeA1(headerRow, inLabel.col, outRow, yearCols.at(-1)!),
      summary: {
        years,
        unit: unitText,
        carryIn: amount(r, yearCols[0]).value?.toNumber() ?? null,
        carryOut: amount(outRow, yearCols.at(-1)!).value?.toNumber() ?? null,
      },
      findings,
    });
    done = outRow;
  }
  return tables;
}

/** The budget status table (Ballerup): Budget, Prognose, Afvigelse; Afvigelse = Prognose − Budget. */
export function readBudgetStatusTables(g: Grid): OtherTable[] {
  const tables: OtherTable[] = [];
  const isBudget = (l: string) => labelEquals(l, 'budget') || /^budget \d{4}$/.test(l);
  const isForecast = (l: string) => labelEquals(l, 'prognose') || /^prognose \d{4}$/.test(l);
  const isDeviation = (l: string) => labelEquals(l, 'afvigelse') || labelStartsWith(l, 'mer-/mindreforbrug');
  // Header rows: rows with a deviation column (the rarest of the three labels).
  const rows = [
    ...new Set(
      g
        .labels()
        .find(isDeviation, 30)
        .map((p) => p.row),
    ),
  ];
  let done = -1;
  for (const r of rows) {
    if (r <= done || !g.holds(r)) continue;
    let budget = -1,
      forecast = -1,
      deviation = -1;
    const end = g.rowEnd(r);
    for (let c = g.left; c <= end; c++) {
      const l = g.label(r, c);
      if (!l || l.length > 30) continue;
      if (isBudget(l)) budget = budget < 0 ? c : budget;
      else if (isForecast(l)) forecast = forecast < 0 ? c : forecast;
      else if (isDeviation(l)) deviation = deviation < 0 ? c : deviation;
    }
    if (budget < 0 || forecast < 0 || deviation < 0) continue;
    const unit = statedUnit(rowsText(g, r - 3, r));
    const findings: Finding[] = [];
    let last = r;
    let checked = 0;
    for (let k = r + 1; k <= g.bottom; k++) {
      const [b, p, d] = [budget, forecast, deviation].map((c) => readAmount(g, k, c));
      if (!b.value && !p.value && !d.value) {
        if (rowLabel(g, k) === null) break;
        continue;
      }
      last = k;
      if (!b.value || !p.value || !d.value) continue;
      checked++;
      const expected = p.value.minus(b.value);
      if (!sameAmount(d.value, expected)) {
        findings.push(
          finding(
            'DEVIATION_MISMATCH',
            g.name,
            d.address,
            otherTableText.deviation(rowLabel(g, k)?.text ?? toA1(k, g.left), expected, d.value, unit),
            { expected, actual: d.value },
          ),
        );
      }
    }
    if (checked === 0) continue;
    tables.push({
      kind: 'budget-status',
      sheet: g.name,
      range: rangeA1(r, Math.min(g.left, budget), last, Math.max(budget, forecast, deviation)),
      summary: { rows: checked },
      findings,
    });
    done = last;
  }
  return tables;
}

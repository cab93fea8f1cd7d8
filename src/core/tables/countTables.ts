/** Tables with total rows: counts by period or amounts by year, whose "I alt", "Total" and "Samlet" rows total other rows. */
import Decimal from 'decimal.js';
import { rangeA1 } from '../model/a1';
import { activityText, budgetTableText } from '../text/da';
import { finding, type Finding } from '../model/findings';
import type { Grid } from '../model/grid';
import { readAmount } from '../read/cells';
import type { OtherTable } from './otherTables';
import { rowLabel, rowsText, roundingHalf } from './otherTables';
import { isTableTotalLabel, statedUnit } from '../text/labels';
import { isYear } from '../text/dates';
import { totalsOf } from './tableTotals';

const sameExact = (a: Decimal, b: Decimal) => a.toDecimalPlaces(6).equals(b.toDecimalPlaces(6));

/**
 * Reads tables with total rows (kind `count-table`): counts by period (Randers Figur 1, Tabel
 * 2) or amounts by year, in which "I alt …", "Total" and "Samlet" rows total other rows.
 */
export function readTotalTables(g: Grid): OtherTable[] {
  const tables: OtherTable[] = [];
  const labels = g.labels().find(isTableTotalLabel, 60);
  let done = -1;
  for (const t of labels) {
    if (t.row <= done) continue;
    const own = rowLabel(g, t.row);
    if (!own || own.col !== t.col) continue;
    const labelCol = t.col;
    const numberCols = (row: number) => {
      const cols: number[] = [];
      for (let c = labelCol + 1; c <= g.rowEnd(row); c++) {
        const a = readAmount(g, row, c);
        if (a.source !== 'empty' && a.source !== 'invalid') cols.push(c);
      }
      return cols;
    };
    const cols = numberCols(t.row);
    if (cols.length === 0) continue;
    // A row of consecutive years ("mio. kr. | 2023 | 2024 | …") is the header, not a row to add.
    const isYearHeader = (row: number) => {
      const ys = cols.map((c) => g.value(row, c));
      return ys.every((y, i) => typeof y === 'number' && isYear(y) && (i === 0 || y === (ys[i - 1] as number) + 1));
    };
    const isDataRow = (row: number) =>
      !g.labels().isSkipped(row) &&
      rowLabel(g, row)?.col === labelCol &&
      cols.some((c) => readAmount(g, row, c).source !== 'empty') &&
      !isYearHeader(row);
    let top = t.row;
    while (top - 1 >= g.top && isDataRow(top - 1)) top--;
    let bottom = t.row;
    while (bottom + 1 <= g.bottom && isDataRow(bottom + 1)) bottom++;
    const rows = [];
    for (let k = top; k <= bottom; k++) rows.push({ row: k, label: rowLabel(g, k)!.text, norm: rowLabel(g, k)!.label });
    const totals = rows.filter((x) => isTableTotalLabel(x.norm));
    const details = rows.filter((x) => !isTableTotalLabel(x.norm));
    if (details.length < 2) continue;
    const findings: Finding[] = [];
    // A table published in 1.000 kr. or mio. kr. is rounded: half a unit of the last digit shown
    // for every figure of a sum (the stated total included) is a rounding difference, a warning.
    const unit = statedUnit(rowsText(g, top - 3, top - 1));
    let decimals = 0;
    for (const x of rows)
      for (const c of cols) {
        const v = readAmount(g, x.row, c).value;
        if (v) decimals = Math.max(decimals, v.decimalPlaces());
      }
    const half = roundingHalf(unit, decimals);
    const sumOf = (members: { row: number }[], c: number) => {
      let sum = new Decimal(0);
      for (const m of members) sum = sum.plus(readAmount(g, m.row, c).value ?? 0);
      return sum;
    };
    for (const total of totals) {
      const members = totalsOf(total.label, totals, details, (x) => x.label);
      for (const c of cols) {
        const cell = readAmount(g, total.row, c);
        if (cell.source === 'empty') continue;
        if (cell.source === 'invalid') {
          findings.push(finding('NOT_A_NUMBER', g.name, cell.address, activityText.notANumber(String(cell.raw))));
          continue;
        }
        let expected = sumOf(members, c);
        // One wrong figure, one finding: a total of the subtotals that agrees with the detail rows
        // is right, whatever a subtotal among them says (that subtotal is the finding).
        if (members !== details && cell.value && !sameExact(cell.value, expected)) {
          const all = sumOf(details, c);
          if (sameExact(cell.value, all)) continue;
        }
        if (cell.value && sameExact(cell.value, expected)) continue;
        const bound = half.times(members.length + 1);
        if (cell.value && bound.greaterThan(0) && cell.value.minus(expected).abs().lessThanOrEqualTo(bound)) {
          findings.push(
            finding(
              'ROUNDING_DIFFERENCE',
              g.name,
              cell.address,
              budgetTableText.rounding(
                activityText.total(total.label, expected, cell.value, unit).replace(/\.$/, ''),
                cell.value,
                expected,
                bound,
              ),
              { expected, actual: cell.value },
            ),
          );
          continue;
        }
        findings.push(
          finding(
            'TABLE_TOTAL_MISMATCH',
            g.name,
            cell.address,
            activityText.total(total.label, expected, cell.value, unit),
            {
              expected,
              actual: cell.value,
            },
          ),
        );
      }
    }
    const headerRow = top - 1 >= g.top ? top - 1 : top;
    tables.push({
      kind: 'count-table',
      sheet: g.name,
      range: rangeA1(headerRow, labelCol, bottom, Math.max(...cols)),
      summary: { rows: details.length, totals: totals.map((x) => x.label), columns: cols.length },
      findings,
    });
    done = bottom;
  }
  return tables;
}

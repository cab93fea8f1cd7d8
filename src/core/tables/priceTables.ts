/** Price development tables: two years' prices and the stated percentage between them. */
import Decimal from 'decimal.js';
import { rangeA1, toA1 } from '../model/a1';
import { activityText, budgetTableText } from '../text/da';
import { finding, type Finding } from '../model/findings';
import type { Grid } from '../model/grid';
import { readAmount } from '../read/cells';
import type { OtherTable } from './otherTables';
import { rowLabel, rowsText, roundingHalf } from './otherTables';
import { statedUnit } from '../text/labels';
import { yearInCell } from '../text/dates';

/** Percent points and the decimals they were stated with, from a cell ("2%", 0.02, 11). */
function statedPercent(g: Grid, r: number, c: number): { points: Decimal; decimals: number } | null {
  const v = g.value(r, c);
  if (typeof v === 'number') {
    const format = g.numberFormat(r, c) ?? '';
    const points = format.includes('%') || Math.abs(v) < 1 ? new Decimal(v).times(100) : new Decimal(v);
    const p = points.toDecimalPlaces(8);
    const fromFormat = /%/.test(format) ? (/\.(0+)%/.exec(format)?.[1].length ?? 0) : null;
    return { points: p, decimals: fromFormat ?? Math.min(4, p.decimalPlaces()) };
  }
  if (typeof v !== 'string') return null;
  const m = /^\s*([+-−]?\d+(?:[.,]\d+)?)\s*%\s*$/.exec(v);
  if (!m) return null;
  const text = m[1].replace('−', '-').replace(',', '.');
  return { points: new Decimal(text), decimals: text.split('.')[1]?.length ?? 0 };
}

/** Reads price development tables (kind `price-development`): two years' prices and the stated %. */
export function readPriceTables(g: Grid): OtherTable[] {
  const tables: OtherTable[] = [];
  for (const h of g.labels().find((l) => l.startsWith('prisudvikling'), 40)) {
    const r = h.row;
    const years: number[] = [];
    for (let c = g.left; c < h.col; c++) {
      if (yearInCell(g.value(r, c)) !== null) years.push(c);
    }
    if (years.length < 2) continue;
    const [c1, c2] = years.slice(-2);
    const findings: Finding[] = [];
    const unit = statedUnit(rowsText(g, r - 3, r));
    let decimals = 0;
    for (let k = r + 1; k <= Math.min(g.bottom, r + 60); k++)
      for (const c of [c1, c2]) {
        const v = readAmount(g, k, c).value;
        if (v) decimals = Math.max(decimals, v.decimalPlaces());
      }
    const half = roundingHalf(unit, decimals);
    let last = r;
    let checked = 0;
    for (let k = r + 1; k <= g.bottom; k++) {
      const label = rowLabel(g, k);
      const p1 = readAmount(g, k, c1);
      const p2 = readAmount(g, k, c2);
      const stated = statedPercent(g, k, h.col);
      if (!label && p1.source === 'empty' && p2.source === 'empty') break;
      last = k;
      for (const a of [p1, p2])
        if (a.source === 'invalid')
          findings.push(finding('NOT_A_NUMBER', g.name, a.address, activityText.notANumber(String(a.raw))));
      if (!p1.value || !p2.value || p1.value.isZero()) continue;
      const actual = p2.value.minus(p1.value).dividedBy(p1.value).times(100);
      const address = toA1(k, h.col);
      if (!stated) {
        if (!g.isEmpty(k, h.col))
          findings.push(finding('NOT_A_NUMBER', g.name, address, activityText.notAPercent(g.text(k, h.col))));
        continue;
      }
      checked++;
      const shown = actual.toDecimalPlaces(stated.decimals, Decimal.ROUND_HALF_UP);
      const statedShown = stated.points.toDecimalPlaces(stated.decimals, Decimal.ROUND_HALF_UP);
      if (shown.equals(statedShown)) continue;
      // Prices published rounded (1.000 kr., mio. kr.): the stated % may come from the prices
      // before rounding. Within what the rounded prices allow it is a rounding difference.
      if (half.greaterThan(0)) {
        const pct = (a: Decimal, b: Decimal) => b.minus(a).dividedBy(a).times(100);
        const lo = pct(p1.value.plus(half), p2.value.minus(half));
        const hi = pct(p1.value.minus(half), p2.value.plus(half));
        const unrounded = stated.points;
        const low = Decimal.min(lo, hi).minus(new Decimal(10).pow(-stated.decimals).dividedBy(2));
        const high = Decimal.max(lo, hi).plus(new Decimal(10).pow(-stated.decimals).dividedBy(2));
        if (unrounded.greaterThanOrEqualTo(low) && unrounded.lessThanOrEqualTo(high)) {
          findings.push(
            finding(
              'ROUNDING_DIFFERENCE',
              g.name,
              address,
              budgetTableText.rounding(
                activityText.priceDevelopment(label?.text ?? address, p1.value, p2.value, shown, stated.points),
                stated.points,
                shown,
                Decimal.max(high.minus(shown), shown.minus(low)),
              ),
              { expected: shown, actual: stated.points },
            ),
          );
          continue;
        }
      }
      {
        findings.push(
          finding(
            'PRICE_DEVELOPMENT_MISMATCH',
            g.name,
            address,
            activityText.priceDevelopment(label?.text ?? address, p1.value, p2.value, shown, stated.points),
            {
              expected: shown,
              actual: stated.points,
            },
          ),
        );
      }
    }
    if (checked === 0) continue;
    tables.push({
      kind: 'price-development',
      sheet: g.name,
      range: rangeA1(r, g.left, last, h.col),
      summary: { rows: checked, years: [g.value(r, c1), g.value(r, c2)] },
      findings,
    });
  }
  return tables;
}

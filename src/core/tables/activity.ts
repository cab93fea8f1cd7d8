/**
 * Where the overrun comes from: the activity tables of spec §7, read as controllers keep them.
 *
 * - Activity forecast ("pris gange mængde"): per measure, Budget and Prognose each as
 *   helårsborgere × gennemsnitspris = beløb; Mer-/mindreforbrug = prognose − budget =
 *   mængdeeffekt + priseffekt. Headers in one row ("Budget helårsborgere") or two ("Budget" over
 *   "Helårsborgere"); also Ballerup's forms: a persons table (Regnskab / Budget / Prognose under
 *   a label that says "helårsborgere") and an amounts table ("Prognose angivet i kr." with
 *   "Mer-/mindreforbrug").
 * - Price development: two years' average prices and the stated % (Randers Tabel 1).
 * - Tables with total rows ("I alt", "I alt – handle", "Total", "Samlet"): each total is the sum
 *   of the rows it totals (see `totalsOf` for the grouping).
 */
import Decimal from 'decimal.js';
import { rangeA1, toA1 } from '../model/a1';
import { activityText, budgetTableText } from '../text/da';
import { finding, type Finding } from '../model/findings';
import type { Grid } from '../model/grid';
import type { AmountCell } from '../model/plan';
import { readAmount } from '../read/cells';
import type { OtherTable } from './otherTables';
import { rowLabel, rowsText, roundingHalf } from './otherTables';
import { isTableTotalLabel, statedUnit } from '../text/labels';
import { isYear, yearInCell } from '../text/dates';

type Period = 'regnskab' | 'budget' | 'forecast';
type Role = 'persons' | 'price' | 'amount' | 'deviation' | 'volume' | 'priceEffect';

interface Column {
  col: number;
  period: Period | null;
  role: Role | null;
}

/** A period word in a header: Regnskab, Budget, Prognose (any year after it). */
function periodOf(h: string): Period | null {
  if (/\bregnskab/.test(h)) return 'regnskab';
  if (/\bbudget/.test(h)) return 'budget';
  if (/\bprognose|\bforventet/.test(h)) return 'forecast';
  return null;
}

/** What a column holds, from its header text (both header rows, normalised). */
function roleOf(h: string): Role | null {
  if (/m(æ|ae)ngde ?effekt/.test(h)) return 'volume';
  if (/pris ?effekt/.test(h)) return 'priceEffect';
  if (/^(heraf )?(mer-?\/? ?mindreforbrug|afvigelse)/.test(h) || /(^| )mer-?\/ ?mindreforbrug/.test(h))
    return 'deviation';
  if (/hel(å|aa)rsborger|hel(å|aa)rspersoner|\bantal\b/.test(h)) return 'persons';
  if (/prisudvikling/.test(h)) return null;
  if (/(gns\.? ?|gennemsnits|enheds)pris|\bpris\b|\btakst/.test(h)) return 'price';
  if (/bel(ø|o)b|\bkr\.?$|\budgift/.test(h)) return 'amount';
  return null;
}

/** The suffix that groups a row ("Plejefamilie – handle" → "handle"), or null. */
export function groupSuffix(label: string): string | null {
  const m = / [–—-] (.+)$/.exec(label);
  return m ? m[1].trim() : null;
}

const krone = (d: Decimal) => d.toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
const sameKrone = (a: Decimal, b: Decimal) => krone(a).equals(krone(b));
const sameExact = (a: Decimal, b: Decimal) => a.toDecimalPlaces(6).equals(b.toDecimalPlaces(6));

/** An activity forecast's own figures, for "Brug som forventet merforbrug". */
export interface ActivitySummary {
  measures: number;
  /** Each measure's figures by column: "budget.persons", "forecast.price", "deviation", … */
  rows: Record<string, number | string>[];
  budget: number | null;
  forecast: number | null;
  deviation: number | null;
  volume: number | null;
  price: number | null;
}

interface ActivityRow {
  row: number;
  label: string;
  cells: Map<string, AmountCell>;
}

const key = (period: Period | null, role: Role) => `${period ?? ''}:${role}`;

/**
 * The header of an activity table at row `r`: one row, or two when the row above names the
 * periods over the columns (a group label runs right until the next one). The measures' column
 * is where the first row below holds its text; its header may say what the figures are
 * (Ballerup: "Prognose antal helårsborgere", "Prognose angivet i kr.").
 */
function headerColumns(
  g: Grid,
  r: number,
): { columns: Column[]; top: number; labelCol: number; labelRole: Role | null } | null {
  const end = Math.max(g.rowEnd(r), r > g.top ? g.rowEnd(r - 1) : 0);
  const above = r > g.top ? r - 1 : null;
  const groups = new Map<number, string>();
  if (above !== null) {
    let current = '';
    for (let c = g.left; c <= end; c++) {
      const l = g.label(above, c);
      if (l) current = periodOf(l) || roleOf(l) === 'deviation' || /^afvigelse/.test(l) ? l : '';
      groups.set(c, current);
    }
  }
  const usesAbove = [...groups.values()].some((l) => l && periodOf(l));
  const labelCol = rowLabel(g, r + 1)?.col ?? g.left;
  const labelText = g.label(r, labelCol);
  const labelRole: Role | null = /hel(å|aa)rsborger|\bantal\b/.test(labelText)
    ? 'persons'
    : /\bi kr\b|\bkr\./.test(labelText)
      ? 'amount'
      : null;
  const columns: Column[] = [];
  for (let c = labelCol + 1; c <= end; c++) {
    const own = g.label(r, c);
    const text = `${usesAbove ? (groups.get(c) ?? '') : ''} ${own}`.trim();
    if (!own && !text) continue;
    let role = roleOf(own) ?? roleOf(text);
    const period = role === 'deviation' || role === 'volume' || role === 'priceEffect' ? null : periodOf(text);
    // Ballerup: period columns under a label that says what they count.
    if (!role && period && labelRole) role = labelRole;
    if (role) columns.push({ col: c, period, role });
  }
  const known = columns.filter(
    (c) => c.period || c.role === 'deviation' || c.role === 'volume' || c.role === 'priceEffect',
  );
  if (known.length < 1) return null;
  return { columns: known, top: usesAbove ? above! : r, labelCol, labelRole };
}

/** Reads every activity forecast table on a sheet (kind `activity-forecast`). */
export function readActivityTables(g: Grid): OtherTable[] {
  const tables: OtherTable[] = [];
  const candidates = g
    .labels()
    .find(
      (l) =>
        /hel(å|aa)rsborger|gns\.? ?pris|gennemsnitspris|m(æ|ae)ngde ?effekt|pris ?effekt|prognose angivet i kr/.test(l),
      80,
    );
  const rows = [...new Set(candidates.map((c) => c.row))].sort((a, b) => a - b);
  let done = -1;
  for (const r of rows) {
    if (r <= done || !g.holds(r)) continue;
    const header = headerColumns(g, r);
    if (!header) continue;
    const has = (period: Period | null, role: Role) =>
      header.columns.some((c) => c.period === period && c.role === role);
    const full = ['budget', 'forecast'].some((p) => has(p as Period, 'persons') && has(p as Period, 'price'));
    const persons = header.columns.filter((c) => c.role === 'persons' && c.period).length >= 2;
    const deviations = header.columns.some((c) => c.role === 'deviation') && header.labelRole === 'amount';
    if (!full && !persons && !deviations) continue;
    const table = readActivityRows(g, r, header);
    if (!table) continue;
    tables.push(table.table);
    done = table.last;
  }
  return tables;
}

function readActivityRows(
  g: Grid,
  headerRow: number,
  header: { columns: Column[]; top: number; labelCol: number },
): { table: OtherTable; last: number } | null {
  const rows: ActivityRow[] = [];
  const totals: ActivityRow[] = [];
  let last = headerRow;
  for (let k = headerRow + 1; k <= g.bottom; k++) {
    const label = g.text(k, header.labelCol);
    const cells = new Map<string, AmountCell>();
    let any = false;
    for (const c of header.columns) {
      const a = readAmount(g, k, c.col);
      if (a.source !== 'empty') any = true;
      cells.set(key(c.period, c.role!), a);
    }
    if (!label && !any) break;
    if (label && !any && rows.length > 0 && g.rowEnd(k) < header.columns[0].col) {
      // A text-only row ends the table when it starts a new paragraph; inside, it is a sub-heading.
      const next = g.text(k + 1, header.labelCol);
      if (!next) break;
    }
    last = k;
    const entry = { row: k, label, cells };
    if (isTableTotalLabel(g.label(k, header.labelCol))) totals.push(entry);
    else rows.push(entry);
  }
  if (rows.length === 0) return null;

  const findings: Finding[] = [];
  const sheet = g.name;
  const at = (code: Parameters<typeof finding>[0], cell: AmountCell, message: string, expected: Decimal) =>
    findings.push(finding(code, sheet, cell.address, message, { expected, actual: cell.value }));
  const get = (r: ActivityRow, period: Period | null, role: Role) => r.cells.get(key(period, role));
  const val = (a: AmountCell | undefined) => (a && a.source !== 'invalid' ? a.value : null);

  for (const r of [...rows, ...totals]) {
    for (const a of r.cells.values())
      if (a.source === 'invalid')
        findings.push(finding('NOT_A_NUMBER', sheet, a.address, activityText.notANumber(String(a.raw))));
  }
  let measures = 0;
  for (const r of rows) {
    const amounts: Partial<Record<Period, Decimal>> = {};
    const persons: Partial<Record<Period, Decimal>> = {};
    const prices: Partial<Record<Period, Decimal>> = {};
    let used = false;
    for (const period of ['regnskab', 'budget', 'forecast'] as Period[]) {
      const p = val(get(r, period, 'persons'));
      const q = val(get(r, period, 'price'));
      const amountCell = get(r, period, 'amount');
      const a = val(amountCell);
      if (p) persons[period] = p;
      if (q) prices[period] = q;
      if ([p, q, a].some((x) => x && !x.isZero())) used = true;
      if (p && q && amountCell && amountCell.source !== 'invalid') {
        const expected = p.times(q);
        if (!a || !sameKrone(a, expected))
          at('ACTIVITY_AMOUNT_MISMATCH', amountCell, activityText.amount(r.label, p, q, expected, a), expected);
        amounts[period] = a ?? expected;
      } else if (a) amounts[period] = a;
    }
    if (used) measures++;
    const devCell = get(r, null, 'deviation') ?? get(r, 'forecast', 'deviation');
    const dev = val(devCell);
    if (devCell && devCell.source !== 'invalid' && amounts.budget && amounts.forecast) {
      const expected = amounts.forecast.minus(amounts.budget);
      if (!dev || !sameKrone(dev, expected))
        at('ACTIVITY_DEVIATION_MISMATCH', devCell, activityText.deviation(r.label, expected, dev), expected);
    }
    const volCell = get(r, null, 'volume');
    const priceCell = get(r, null, 'priceEffect');
    const vol = val(volCell);
    const pe = val(priceCell);
    const pb = persons.budget,
      pf = persons.forecast,
      qb = prices.budget,
      qf = prices.forecast;
    if (volCell && priceCell && pb && pf && qb && qf) {
      // Each effect by its definition, so one wrong figure is one finding at its cell.
      const expectedVolume = pf.minus(pb).times(qb);
      const expectedPrice = pf.times(qf.minus(qb));
      if (volCell.source !== 'invalid' && (!vol || !sameKrone(vol, expectedVolume)))
        at('ACTIVITY_EFFECT_MISMATCH', volCell, activityText.volume(r.label, expectedVolume, vol), expectedVolume);
      if (priceCell.source !== 'invalid' && (!pe || !sameKrone(pe, expectedPrice)))
        at('ACTIVITY_EFFECT_MISMATCH', priceCell, activityText.price(r.label, expectedPrice, pe), expectedPrice);
    } else if (volCell && priceCell && devCell && vol && pe && dev && !sameKrone(vol.plus(pe), dev)) {
      at('ACTIVITY_EFFECT_MISMATCH', priceCell, activityText.effects(r.label, dev, vol.plus(pe)), dev.minus(vol));
    }
  }

  // Total rows: each numeric column (not prices) sums the rows it totals.
  const summable = header.columns.filter((c) => c.role !== 'price');
  const sumOf = (list: ActivityRow[], k: string) =>
    list.reduce((s, r) => s.plus(val(r.cells.get(k)) ?? 0), new Decimal(0));
  for (const t of totals) {
    const members = totalsOf(t.label, totals, rows, (x) => x.label);
    for (const c of summable) {
      const k = key(c.period, c.role!);
      const cell = t.cells.get(k)!;
      if (cell.source === 'empty' || cell.source === 'invalid') continue;
      const expected = sumOf(members, k);
      if (!cell.value || !sameKrone(cell.value, expected))
        at('TABLE_TOTAL_MISMATCH', cell, activityText.total(t.label, expected, cell.value, 1), expected);
    }
  }

  const total = totals.find((t) => groupSuffix(t.label) === null) ?? null;
  const figure = (period: Period | null, role: Role) => {
    const k = key(period, role);
    const cell = total?.cells.get(k);
    const d = cell && val(cell) ? val(cell)! : rows.some((r) => r.cells.has(k)) ? sumOf(rows, k) : null;
    return d;
  };
  const deviation = figure(null, 'deviation');
  const budget = figure('budget', 'amount');
  const forecast = figure('forecast', 'amount');
  const derived = deviation ?? (budget && forecast ? forecast.minus(budget) : null);
  const devColumn = header.columns.find((c) => c.role === 'deviation');
  const summary: ActivitySummary = {
    measures,
    rows: rows.map((r) => {
      const figures: Record<string, number | string> = { measure: r.label };
      for (const [k, a] of r.cells) {
        const v = val(a);
        if (v) figures[k.startsWith(':') ? k.slice(1) : k.replace(':', '.')] = v.toNumber();
      }
      return figures;
    }),
    budget: budget?.toNumber() ?? null,
    forecast: forecast?.toNumber() ?? null,
    deviation: derived?.toNumber() ?? null,
    volume: figure(null, 'volume')?.toNumber() ?? null,
    price: figure(null, 'priceEffect')?.toNumber() ?? null,
  };
  const right = Math.max(...header.columns.map((c) => c.col));
  return {
    table: {
      kind: 'activity-forecast',
      sheet,
      range: rangeA1(header.top, header.labelCol, last, right),
      summary: summary as unknown as Record<string, unknown>,
      findings,
      overrun:
        derived !== null
          ? { value: derived, cell: total && devColumn ? toA1(total.row, devColumn.col) : toA1(last, right) }
          : undefined,
    },
    last,
  };
}

/**
 * The rows a total row totals. "I alt – handle" totals the detail rows whose label ends in
 * "– handle". A total without a suffix ("I alt", "Total", "Samlet") totals the suffixed total
 * rows when the table has any ("Total" = "I alt – handle" + "I alt – ej handle"), else every
 * detail row. A "Total"/"Samlet" below an unsuffixed "I alt" totals that "I alt" row's rows.
 */
export function totalsOf<T>(label: string, totals: T[], details: T[], labelOf: (x: T) => string): T[] {
  const suffix = groupSuffix(label);
  if (suffix !== null) return details.filter((d) => groupSuffix(labelOf(d))?.toLowerCase() === suffix.toLowerCase());
  const suffixed = totals.filter((t) => groupSuffix(labelOf(t)) !== null);
  if (suffixed.length > 0) return suffixed;
  return details;
}

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

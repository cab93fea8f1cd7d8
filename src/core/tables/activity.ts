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
import { activityText } from '../text/da';
import { finding, type Finding } from '../model/findings';
import type { Grid } from '../model/grid';
import type { AmountCell } from '../model/plan';
import { readAmount } from '../read/cells';
import type { OtherTable } from './otherTables';
import { rowLabel } from './otherTables';
import { isTableTotalLabel } from '../text/labels';
import { groupSuffix, totalsOf } from './tableTotals';

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

const krone = (d: Decimal) => d.toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
const sameKrone = (a: Decimal, b: Decimal) => krone(a).equals(krone(b));

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
  const report: Report = (code, cell, message, expected) =>
    findings.push(finding(code, sheet, cell.address, message, { expected, actual: cell.value }));

  for (const r of [...rows, ...totals]) notANumber(r, sheet, findings);
  let measures = 0;
  for (const r of rows) {
    const { amounts, persons, prices, used } = amountMismatch(r, report);
    if (used) measures++;
    deviationMismatch(r, amounts, report);
    effectMismatch(r, persons, prices, report);
  }
  for (const t of totals) totalMismatch(t, totals, rows, header.columns, report);

  const sumOf = (list: ActivityRow[], k: string) =>
    list.reduce((acc, r) => acc.plus(val(r.cells.get(k)) ?? 0), new Decimal(0));
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

/** Raises one finding at a cell, with the figure it should hold. */
type Report = (code: Parameters<typeof finding>[0], cell: AmountCell, message: string, expected: Decimal) => void;

const get = (r: ActivityRow, period: Period | null, role: Role) => r.cells.get(key(period, role));
const val = (a: AmountCell | undefined) => (a && a.source !== 'invalid' ? a.value : null);

/** NOT_A_NUMBER: a figure of the table that is no amount. */
function notANumber(r: ActivityRow, sheet: string, findings: Finding[]): void {
  for (const a of r.cells.values())
    if (a.source === 'invalid')
      findings.push(finding('NOT_A_NUMBER', sheet, a.address, activityText.notANumber(String(a.raw))));
}

/**
 * ACTIVITY_AMOUNT_MISMATCH: a period's amount is not helårsborgere × pris. Returns the row's
 * figures by period (the amount as stated, or as computed where the cell is empty) for the rules after.
 */
function amountMismatch(r: ActivityRow, report: Report) {
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
        report('ACTIVITY_AMOUNT_MISMATCH', amountCell, activityText.amount(r.label, p, q, expected, a), expected);
      amounts[period] = a ?? expected;
    } else if (a) amounts[period] = a;
  }
  return { amounts, persons, prices, used };
}

/** ACTIVITY_DEVIATION_MISMATCH: the stated mer-/mindreforbrug is not prognose − budget. */
function deviationMismatch(r: ActivityRow, amounts: Partial<Record<Period, Decimal>>, report: Report): void {
  const devCell = get(r, null, 'deviation') ?? get(r, 'forecast', 'deviation');
  const dev = val(devCell);
  if (devCell && devCell.source !== 'invalid' && amounts.budget && amounts.forecast) {
    const expected = amounts.forecast.minus(amounts.budget);
    if (!dev || !sameKrone(dev, expected))
      report('ACTIVITY_DEVIATION_MISMATCH', devCell, activityText.deviation(r.label, expected, dev), expected);
  }
}

/**
 * ACTIVITY_EFFECT_MISMATCH: the volume effect is not (prognose − budget) helårsborgere × budget
 * price, or the price effect not prognose helårsborgere × price change; without the persons and
 * prices, the two effects must add up to the deviation.
 */
function effectMismatch(
  r: ActivityRow,
  persons: Partial<Record<Period, Decimal>>,
  prices: Partial<Record<Period, Decimal>>,
  report: Report,
): void {
  const volCell = get(r, null, 'volume');
  const priceCell = get(r, null, 'priceEffect');
  const devCell = get(r, null, 'deviation') ?? get(r, 'forecast', 'deviation');
  const [vol, pe, dev] = [val(volCell), val(priceCell), val(devCell)];
  const { budget: pb, forecast: pf } = persons;
  const { budget: qb, forecast: qf } = prices;
  if (volCell && priceCell && pb && pf && qb && qf) {
    // Each effect by its definition, so one wrong figure is one finding at its cell.
    const expectedVolume = pf.minus(pb).times(qb);
    const expectedPrice = pf.times(qf.minus(qb));
    if (volCell.source !== 'invalid' && (!vol || !sameKrone(vol, expectedVolume)))
      report('ACTIVITY_EFFECT_MISMATCH', volCell, activityText.volume(r.label, expectedVolume, vol), expectedVolume);
    if (priceCell.source !== 'invalid' && (!pe || !sameKrone(pe, expectedPrice)))
      report('ACTIVITY_EFFECT_MISMATCH', priceCell, activityText.price(r.label, expectedPrice, pe), expectedPrice);
  } else if (volCell && priceCell && devCell && vol && pe && dev && !sameKrone(vol.plus(pe), dev)) {
    report('ACTIVITY_EFFECT_MISMATCH', priceCell, activityText.effects(r.label, dev, vol.plus(pe)), dev.minus(vol));
  }
}

/** TABLE_TOTAL_MISMATCH: a total row's figure (any column but prices) is not the sum of the rows it totals. */
function totalMismatch(
  t: ActivityRow,
  totals: ActivityRow[],
  rows: ActivityRow[],
  columns: Column[],
  report: Report,
): void {
  const members = totalsOf(t.label, totals, rows, (x) => x.label);
  for (const c of columns.filter((col) => col.role !== 'price')) {
    const k = key(c.period, c.role!);
    const cell = t.cells.get(k)!;
    if (cell.source === 'empty' || cell.source === 'invalid') continue;
    const expected = members.reduce((acc, r) => acc.plus(val(r.cells.get(k)) ?? 0), new Decimal(0));
    if (!cell.value || !sameKrone(cell.value, expected))
      report('TABLE_TOTAL_MISMATCH', cell, activityText.total(t.label, expected, cell.value, 1), expected);
  }
}

/**
 * Budget follow-up tables as municipalities publish them (spec §10): the columns by their many
 * names (korrigeret/oprindeligt/vedtaget budget, tillægsbevillinger, forventet regnskab, FR,
 * prognose, regnskab, afvigelse, mer-/mindreforbrug, nettoafvigelse …), the sign legend, the unit
 * ("1.000 kr.", "t.kr.", "mio. kr."), U/I/N rows, group totals above or below their rows. Checks:
 * afvigelse = forventet − budget (or budget − forventet, by the legend), the budget chain
 * oprindeligt + tillæg = korrigeret, netto = udgift + indtægt, and totals. In a table published
 * in 1.000 kr. or mio. kr., a difference within the rounding bound is a warning, not an error.
 */
import Decimal from 'decimal.js';
import { rangeA1, toA1 } from '../model/a1';
import { budgetTableText } from '../text/da';
import { finding, type Finding, type FindingCode } from '../model/findings';
import type { Grid } from '../model/grid';
import type { AmountCell } from '../model/plan';
import { readAmount } from '../read/cells';
import { isTableTotalLabel, labelEquals, statedUnit } from '../text/labels';
import { rowLabel, rowsText, roundingHalf, type OtherTable } from './otherTables';

type Role = 'budget' | 'original' | 'supplement' | 'forecast' | 'actual' | 'deviation' | 'afterTb' | 'other';

const near = labelEquals;
const starts = (label: string, target: string) => label.startsWith(target);
/** A header without its year, period and unit: "korrigeret budget 2025 pr. 31. oktober" → "korrigeret budget". */
const core = (label: string) =>
  label
    .replace(/\(.*?\)/g, ' ')
    .replace(/\b(?:pr\.?|ultimo|primo)\b.*$/, ' ')
    .replace(/\b(?:19|20)\d{2}\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The role of a column header, from the vocabulary of published follow-ups. */
export function columnRole(label: string): Role | null {
  if (!label || label.length > 80 || label.includes('%')) return null;
  const l = core(label);
  if (/^afvigelse (?:efter|inkl\.?) /.test(l) || /efter tb$/.test(l)) return 'afterTb';
  if (near(l, 'afvigelse') || starts(l, 'afvigelse') || starts(l, 'forventet afvigelse') || near(l, 'nettoafvigelse'))
    return 'deviation';
  if (starts(l, 'mer-/mindreforbrug') || starts(l, 'mer/mindreforbrug') || near(l, 'merforbrug')) return 'deviation';
  if (starts(l, 'oprindeligt budget') || starts(l, 'oprindelig budget') || starts(l, 'vedtaget budget'))
    return 'original';
  if (starts(l, 'korrigeret budget') || starts(l, 'korr. budget') || starts(l, 'korr budget') || near(l, 'budget'))
    return 'budget';
  if (starts(l, 'gældende budget')) return 'budget';
  if (/^tillægsb/.test(l) || l === 'tb' || starts(l, 'overført') || starts(l, 'overførsler') || starts(l, 'ovf.'))
    return 'supplement';
  if (
    near(l, 'prognose') ||
    starts(l, 'forventet regnskab') ||
    starts(l, 'forventet forbrug') ||
    /^(?:\d\. )?fr$/.test(l)
  )
    return 'forecast';
  if (near(l, 'regnskab')) return 'actual';
  if (starts(l, 'forbrug')) return 'other';
  return null;
}

/** The sign the legend gives merforbrug: +1 when afvigelse = forventet − budget, −1 when reversed. */
export function legendSign(text: string): 1 | -1 | null {
  const t = text.toLowerCase().replace(/\s+/g, ' ');
  if (!/merforbrug|mindreforbrug|merudgift|mindreudgift/.test(t)) return null;
  const plusMer = /\(?\+\)?\s*(?:=|er|angiver)?\s*mer(?:forbrug|udgift)|mer(?:forbrug|udgift)\s*(?:=|er)?\s*\(?\+/.test(
    t,
  );
  const minusMer =
    /\(?[-−]\)?\s*(?:=|er|angiver)?\s*mer(?:forbrug|udgift)|mer(?:forbrug|udgift)\s*(?:=|er)?\s*\(?[-−]/.test(t);
  const minusMindre =
    /\(?[-−]\)?\s*(?:=|angiver|er)?\s*mindre(?:forbrug|udgift)|mindre(?:forbrug|udgift)\s*(?:=|er)?\s*\(?[-−]/.test(t);
  const plusMindre =
    /\(?\+\)?\s*(?:=|er|angiver)?\s*mindre(?:forbrug|udgift)|mindre(?:forbrug|udgift)\s*(?:=|er)?\s*\(?\+/.test(t);
  if (/negative (?:tal|beløb)[^.]*\bmer/.test(t) || /positive (?:tal|beløb)[^.]*\bmindre/.test(t)) return -1;
  if (/positive (?:tal|beløb)[^.]*\bmer/.test(t) || /negative (?:tal|beløb)[^.]*\bmindre/.test(t)) return 1;
  if ((plusMer && !minusMer) || (minusMindre && !plusMindre)) return 1;
  if ((minusMer && !plusMer) || (plusMindre && !minusMindre)) return -1;
  return null;
}

interface Row {
  row: number;
  label: string;
  text: string;
  /** U (udgift), I (indtægt), N (netto) where the table marks its rows so. */
  marker: 'U' | 'I' | 'N' | null;
  cells: Map<number, AmountCell>;
  total: boolean;
  /** A heading without figures: it bounds groups. */
  heading: boolean;
}

/** Decimals a figure shows: by its number format, else by its own digits. */
function decimalsShown(g: Grid, a: AmountCell): number {
  const format = g.numberFormat(a.row, a.col);
  const m = format ? /[0#](?:[.,]([0#]+))?/.exec(format.split(';')[0]) : null;
  if (m) return m[1]?.length ?? 0;
  if (typeof a.raw === 'string') {
    const d = /,(\d+)\s*(?:kr\.?)?\s*$/.exec(a.raw.trim());
    return d ? d[1].length : 0;
  }
  const v = a.value;
  return v ? Math.max(0, v.decimalPlaces()) : 0;
}

/** What a check found: within the bound (a rounding difference), or beyond it. */
function compare(actual: Decimal, expected: Decimal, bound: Decimal): 'same' | 'rounding' | 'wrong' {
  const diff = actual.minus(expected).abs();
  if (diff.isZero()) return 'same';
  return bound.greaterThan(0) && diff.lessThanOrEqualTo(bound) ? 'rounding' : 'wrong';
}

/** Every budget follow-up table of the sheet; an Afvigelse column that cannot be paired is an info. */
export function readBudgetTables(g: Grid): OtherTable[] {
  const tables: OtherTable[] = [];
  const headerRows = [
    ...new Set(
      g
        .labels()
        .find((l) => {
          const r = columnRole(l);
          return r === 'deviation' || r === 'afterTb';
        }, 80)
        .map((p) => p.row),
    ),
  ].sort((a, b) => a - b);
  let done = -1;
  for (const r of headerRows) {
    if (r <= done || !g.holds(r)) continue;
    const table = readTable(g, r);
    if (!table) continue;
    tables.push(table.table);
    done = table.last;
  }
  return tables;
}

function readTable(g: Grid, headerRow: number): { table: OtherTable; last: number } | null {
  const cols = headerRoles(g, headerRow);
  const deviationCol = cols.get('deviation')?.[0];
  const budgetCol = cols.get('budget')?.[0] ?? cols.get('original')?.[0];
  const forecastCol = cols.get('forecast')?.[0] ?? cols.get('actual')?.[0];
  const firstCol = Math.min(...[...cols.values()].flat());
  const lastCol = Math.max(...[...cols.values()].flat());

  const { rows, last, markerCol } = tableRows(g, headerRow, [...cols.values()].flat(), firstCol);
  // The unit and the sign legend stand in the title rows and the header, or just below the table.
  const context = `${rowsText(g, headerRow - 3, headerRow)} ${rowsText(g, last + 1, last + 3)}`;
  const withFigures = rows.filter((x) => !x.heading);
  if (withFigures.length === 0) return null;

  const unit = statedUnit(context);
  let decimals = 0;
  for (const x of withFigures) for (const a of x.cells.values()) decimals = Math.max(decimals, decimalsShown(g, a));
  // Half a unit of the last digit shown, for every rounded figure involved (tables in 1.000 kr.
  // or mio. kr.); a whole-kroner table is checked to the krone.
  const half = roundingHalf(unit, decimals);
  const findings: Finding[] = [];
  const range = rangeA1(headerRow, Math.min(g.left, firstCol), last, lastCol);
  const report: Report = (result, code, cell, message, expected, bound) => {
    if (result === 'same') return;
    if (result === 'rounding')
      findings.push(
        finding(
          'ROUNDING_DIFFERENCE',
          g.name,
          cell.address,
          budgetTableText.rounding(message, cell.value!, expected, bound),
          {
            expected,
            actual: cell.value,
          },
        ),
      );
    else findings.push(finding(code, g.name, cell.address, message, { expected, actual: cell.value }));
  };

  if (deviationCol === undefined || budgetCol === undefined || forecastCol === undefined) {
    // An Afvigelse-like column the product cannot pair with its budget and forecast: say so.
    const at = toA1(headerRow, deviationCol ?? cols.get('afterTb')![0]);
    const info = finding(
      'UNPAIRED_DEVIATION',
      g.name,
      at,
      budgetTableText.unpaired(g.text(headerRow, deviationCol ?? cols.get('afterTb')![0])),
    );
    return {
      table: { kind: 'budget-status', sheet: g.name, range, summary: { rows: 0, paired: false }, findings: [info] },
      last,
    };
  }

  // The sign: the legend's, else forventet − budget, unless every row says the other way.
  const legend = legendSign(context);
  const signFromLegend = legend !== null;
  const sign = legend ?? signOfRows(withFigures, budgetCol, forecastCol, deviationCol);

  let checked = 0;
  for (const x of withFigures) {
    const [b, p, d] = [budgetCol, forecastCol, deviationCol].map((c) => x.cells.get(c));
    if (b?.value && p?.value && d?.value) {
      checked++;
      const expected = sign === 1 ? p.value.minus(b.value) : b.value.minus(p.value);
      report(
        compare(d.value, expected, half.times(3)),
        'DEVIATION_MISMATCH',
        d,
        budgetTableText.deviation(x.text, expected, d.value, sign, unit),
        expected,
        half.times(3),
      );
    }
    // The chain: oprindeligt + tillæg/overført = korrigeret.
    const original = cols.get('original')?.[0];
    const corrected = cols.get('budget')?.[0];
    const supplements = cols.get('supplement') ?? [];
    if (original !== undefined && corrected !== undefined && supplements.length > 0) {
      const o = x.cells.get(original)?.value;
      const k = x.cells.get(corrected);
      if (o && k?.value) {
        const expected = supplements.reduce((s, c) => s.plus(x.cells.get(c)?.value ?? 0), o);
        const bound = half.times(2 + supplements.length);
        report(
          compare(k.value, expected, bound),
          'BUDGET_CHAIN_MISMATCH',
          k,
          budgetTableText.chain(x.text, expected, k.value, unit),
          expected,
          bound,
        );
      }
    }
  }
  checkTotals(rows, [...cols.values()].flat(), half, unit, report);
  // One figure, one finding: a cell wrong by two checks is reported by the first.
  const seen = new Set<string>();
  const unique = findings.filter((f) => !seen.has(f.cell) && !!seen.add(f.cell));
  findings.length = 0;
  findings.push(...unique);
  if (checked === 0 && findings.length === 0) return null;
  return {
    table: {
      kind: 'budget-status',
      sheet: g.name,
      range,
      summary: {
        rows: checked,
        unit: unit === 1_000_000 ? 'mio. kr.' : unit === 1000 ? '1.000 kr.' : 'kr.',
        sign: sign === 1 ? 'forventet − budget' : 'budget − forventet',
        signFromLegend,
        markers: markerCol !== null,
      },
      findings,
    },
    last,
  };
}

type Report = (
  result: 'same' | 'rounding' | 'wrong',
  code: FindingCode,
  cell: AmountCell,
  message: string,
  expected: Decimal,
  bound: Decimal,
) => void;

/**
 * Netto rows (U + I above them), labelled totals (the rows of their group, above or below), and
 * group totals printed above their rows. One wrong figure is one finding: a total that agrees
 * with its rows is right, whatever a subtotal among them says.
 */
function checkTotals(rows: Row[], cols: number[], half: Decimal, unit: number | null, report: Report) {
  const sum = (list: Row[], c: number) => list.reduce((s, x) => s.plus(x.cells.get(c)?.value ?? 0), new Decimal(0));
  const figures = (list: Row[], c: number) => list.filter((x) => x.cells.get(c)?.value).length;
  // Netto = udgift + indtægt: the U and I rows since the last N row or heading.
  let parts: Row[] = [];
  for (const x of rows) {
    if (x.heading || x.total) parts = [];
    else if (x.marker === 'U' || x.marker === 'I') parts.push(x);
    else if (x.marker === 'N') {
      if (parts.length > 0) checkSum(x, parts, 'NET_MISMATCH', budgetTableText.net);
      parts = [];
    }
  }
  const marked = rows.some((x) => x.marker !== null);
  // The rows a total adds: with U/I/N markers the N rows (or unmarked ones), else every detail.
  const isDetail = (x: Row) => !x.heading && !x.total && (!marked || x.marker === 'N' || x.marker === null);
  // Group totals above their rows: a row whose following rows up to the next heading or total add
  // up to it (within 1 %, so that a wrong one is still seen as the total it is meant to be).
  const groupAbove = new Map<Row, Row[]>();
  /** The row after the last member of the group a row lies in (groups nest, never overlap). */
  const groupEnd = new Map<Row, number>();
  for (let i = 0; i < rows.length; i++) {
    const x = rows[i];
    if (!isDetail(x)) continue;
    const below: Row[] = [];
    const stop = groupEnd.get(x) ?? rows.length;
    for (let j = i + 1; j < stop && !rows[j].heading && !rows[j].total; j++) if (isDetail(rows[j])) below.push(rows[j]);
    // The longest run that adds up, at least two rows: in every column with figures to within
    // 1 % (so that a wrong group total is still seen as the total it is meant to be).
    for (let n = below.length; n >= 2; n--) {
      const group = below.slice(0, n);
      const used = cols.filter(
        (c) => x.cells.get(c)?.value && !x.cells.get(c)!.value!.isZero() && figures(group, c) >= 2,
      );
      const close =
        used.length > 0 &&
        used.every((c) => {
          const v = x.cells.get(c)!.value!;
          return sum(group, c).minus(v).abs().lessThanOrEqualTo(v.abs().times(0.01));
        });
      if (close) {
        groupAbove.set(x, group);
        const after = rows.indexOf(group[group.length - 1]) + 1;
        for (const m of group) groupEnd.set(m, after);
        break;
      }
    }
  }
  const inGroup = new Set([...groupAbove.values()].flat());
  for (const [x, group] of groupAbove) checkSum(x, group, 'GROUP_TOTAL_MISMATCH', budgetTableText.total);
  // Labelled totals: the top-level rows of their group above (the usual place) or below.
  for (let i = 0; i < rows.length; i++) {
    const t = rows[i];
    if (!t.total || t.heading) continue;
    const above: Row[] = [];
    for (let j = i - 1; j >= 0 && !rows[j].heading && !rows[j].total; j--)
      if (!inGroup.has(rows[j]) && isDetail(rows[j])) above.unshift(rows[j]);
    const below: Row[] = [];
    for (let j = i + 1; j < rows.length && !rows[j].heading && !rows[j].total; j++)
      if (!inGroup.has(rows[j]) && isDetail(rows[j])) below.push(rows[j]);
    const totalsAbove = rows.slice(0, i).filter((r) => r.total);
    const candidates = [above, below, totalsAbove].filter((c) => c.length >= 1);
    if (candidates.length === 0) continue;
    // The candidate that agrees in the most columns is the rows the total adds.
    const score = (list: Row[]) =>
      cols.filter((c) => t.cells.get(c)?.value && sum(list, c).equals(t.cells.get(c)!.value!)).length;
    const best = candidates.reduce((a, b) => (score(b) > score(a) ? b : a));
    checkSum(t, best, 'GROUP_TOTAL_MISMATCH', budgetTableText.total);
  }

  /** A row's figures against the sum of its group's, column by column (with the rounding bound). */
  function checkSum(
    t: Row,
    group: Row[],
    code: 'NET_MISMATCH' | 'GROUP_TOTAL_MISMATCH',
    text: (row: string, expected: Decimal, actual: Decimal, unit: number | null) => string,
  ) {
    for (const c of cols) {
      const cell = t.cells.get(c);
      if (!cell?.value || figures(group, c) === 0) continue;
      const expected = sum(group, c);
      const bound = half.times(figures(group, c) + 1);
      report(
        compare(cell.value, expected, bound),
        code,
        cell,
        text(t.text, expected, cell.value, unit),
        expected,
        bound,
      );
    }
  }
}

/** The header row's columns by role, in order (a second "budget" is the chain's other end). */
function headerRoles(g: Grid, headerRow: number): Map<Role, number[]> {
  const cols = new Map<Role, number[]>();
  const end = g.rowEnd(headerRow);
  for (let c = g.left; c <= end; c++) {
    const l = g.label(headerRow, c);
    if (!l) continue;
    const role = columnRole(l);
    if (!role) continue;
    const list = cols.get(role) ?? [];
    list.push(c);
    cols.set(role, list);
  }
  return cols;
}

/** The table's rows below its header, to two empty rows or a new header row; a U/I/N marker in a cell of its own is kept. */
function tableRows(
  g: Grid,
  headerRow: number,
  columns: number[],
  firstCol: number,
): { rows: Row[]; last: number; markerCol: number | null } {
  const rows: Row[] = [];
  let markerCol: number | null = null;
  let empty = 0;
  let last = headerRow;
  for (let k = headerRow + 1; k <= g.bottom; k++) {
    const cells = new Map<number, AmountCell>();
    for (const c of columns) {
      const a = readAmount(g, k, c);
      if (a.source !== 'empty') cells.set(c, a);
    }
    const label = rowLabel(g, k);
    if (cells.size === 0 && !label) {
      if (++empty >= 2) break;
      continue;
    }
    // A new header row ends the table.
    if (label && columns.some((c) => columnRole(g.label(k, c)) !== null)) break;
    empty = 0;
    last = k;
    // A U/I/N marker in a cell of its own between the label and the figures.
    let marker: Row['marker'] = null;
    for (let c = (label?.col ?? g.left) + 1; c < firstCol; c++) {
      const t = g.text(k, c).toUpperCase();
      if (t === 'U' || t === 'I' || t === 'N') {
        marker = t;
        markerCol ??= c;
      }
    }
    const text = label?.text ?? toA1(k, g.left);
    const norm = label?.label ?? '';
    if (!marker && /^netto\b/.test(norm)) marker = 'N';
    rows.push({ row: k, label: norm, text, marker, cells, total: isTableTotalLabel(norm), heading: cells.size === 0 });
  }
  return { rows, last, markerCol };
}

/** The sign the rows themselves show: budget − forventet only when at least two rows say so and none the other way. */
function signOfRows(withFigures: Row[], budgetCol: number, forecastCol: number, deviationCol: number): 1 | -1 {
  let plus = 0;
  let minus = 0;
  for (const x of withFigures) {
    const [b, p, d] = [budgetCol, forecastCol, deviationCol].map((c) => x.cells.get(c)?.value);
    if (!b || !p || !d || d.isZero()) continue;
    if (d.equals(p.minus(b))) plus++;
    else if (d.equals(b.minus(p))) minus++;
  }
  return minus > 0 && plus === 0 && minus >= 2 ? -1 : 1;
}

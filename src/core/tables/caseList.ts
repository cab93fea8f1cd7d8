/**
 * A case list (spec §12): a header row with an id, a measure, a start and a price column (any of
 * the names in text/caseColumns), anywhere on a sheet, and one case per row below it until an
 * empty row or a total. What cannot be read is a finding at its cell; the cases that can be read
 * go on to the prognosis.
 */
import type Decimal from 'decimal.js';
import { rangeA1, toA1 } from '../model/a1';
import { finding, type Finding } from '../model/findings';
import type { Grid } from '../model/grid';
import { readAmount, readDate } from '../read/cells';
import { caseColumnOf, PRICE_COLUMNS, type CaseColumn } from '../text/caseColumns';
import { caseText } from '../text/da';
import { isTableTotalLabel, normaliseLabel } from '../text/labels';
import type { OtherTable } from './otherTables';

export type PriceKind = 'month' | 'year' | 'day';

/** One case as read: ISO dates (end null: goes on past the year), the price and what it is per. */
export interface Case {
  row: number;
  id: string;
  measure: string;
  start: string;
  end: string | null;
  price: Decimal;
  per: PriceKind;
}

export interface CaseList extends OtherTable {
  kind: 'case-list';
  cases: Case[];
  headerRow: number;
  /** The last case row (0-based; the header row when there is none). */
  lastRow: number;
  /** The columns found, by what they hold (0-based). */
  columns: Partial<Record<CaseColumn, number>>;
}

const PER: Record<string, PriceKind> = { monthPrice: 'month', yearPrice: 'year', dayPrice: 'day' };

/** The case-list columns a row names; null unless it has an id, a measure, a start and a price. */
function headerColumns(g: Grid, r: number): Partial<Record<CaseColumn, number>> | null {
  const columns: Partial<Record<CaseColumn, number>> = {};
  for (let c = g.left; c <= g.rowEnd(r); c++) {
    if (typeof g.value(r, c) !== 'string') continue;
    const column = caseColumnOf(g.label(r, c));
    if (column && columns[column] === undefined) columns[column] = c;
  }
  const hasPrice = PRICE_COLUMNS.some((p) => columns[p] !== undefined);
  return columns.id !== undefined && columns.measure !== undefined && columns.start !== undefined && hasPrice
    ? columns
    : null;
}

/** Every case list on the sheet. */
export function readCaseLists(g: Grid): CaseList[] {
  const lists: CaseList[] = [];
  const headerRows = new Set<number>();
  for (const cell of g.labels().find((l) => caseColumnOf(l) !== null, 40))
    if (!g.labels().isSkipped(cell.row)) headerRows.add(cell.row);
  let after = -1;
  for (const r of [...headerRows].sort((a, b) => a - b)) {
    if (r <= after) continue;
    const columns = headerColumns(g, r);
    if (!columns) continue;
    const list = readCases(g, r, columns);
    after = list.lastRow;
    lists.push(list);
  }
  return lists;
}

/** True when none of the list's columns holds anything in row r. */
function emptyRow(g: Grid, r: number, cols: number[]): boolean {
  return cols.every((c) => g.text(r, c) === '' && g.formula(r, c) === null);
}

/** The cases under a header row, with the findings of the rows that cannot be read. */
function readCases(g: Grid, header: number, columns: Partial<Record<CaseColumn, number>>): CaseList {
  const sheet = g.sheet.name;
  const cols = Object.values(columns) as number[];
  const left = Math.min(...cols);
  const findings: Finding[] = [];
  const cases: Case[] = [];
  let r = header + 1;
  for (; r <= g.bottom; r++) {
    if (emptyRow(g, r, cols)) break;
    if (g.text(r, left) !== '' && isTableTotalLabel(g.label(r, left))) break;
    const c = readCase(g, r, columns, findings);
    if (c) cases.push(c);
  }
  const last = r - 1;
  findings.push(...overlaps(cases, sheet, columns.id!), ...cprColumns(g, header, last, sheet));
  const measures = new Set(cases.map((c) => c.measure));
  return {
    kind: 'case-list',
    sheet,
    range: rangeA1(header, left, Math.max(header, last), g.rowEnd(header)),
    headerRow: header,
    lastRow: Math.max(header, last),
    columns,
    cases,
    summary: { cases: cases.length, measures: measures.size },
    findings,
  };
}

/** One row's case, or null with its findings when a date, the measure or the price cannot be read. */
function readCase(g: Grid, r: number, columns: Partial<Record<CaseColumn, number>>, findings: Finding[]): Case | null {
  const sheet = g.sheet.name;
  const at = (c: number) => toA1(r, c);
  let ok = true;
  const measure = g.text(r, columns.measure!).trim();
  if (!measure) {
    findings.push(finding('CASE_NO_MEASURE', sheet, at(columns.measure!), caseText.noMeasure(r + 1)));
    ok = false;
  }
  const start = readDate(g, r, columns.start!);
  if (!start.date || start.problem === 'invalid') {
    findings.push(
      finding('NOT_A_DATE', sheet, start.address, caseText.badDate('Startdato', g.text(r, columns.start!))),
    );
    ok = false;
  }
  let end: string | null = null;
  if (columns.end !== undefined) {
    const e = readDate(g, r, columns.end);
    if (e.problem === 'invalid') {
      findings.push(finding('NOT_A_DATE', sheet, e.address, caseText.badDate('Slutdato', g.text(r, columns.end))));
      ok = false;
    } else end = e.date;
    if (end && start.date && end < start.date) {
      findings.push(finding('CASE_END_BEFORE_START', sheet, e.address, caseText.endBeforeStart(end, start.date)));
      ok = false;
    }
  }
  let price: { value: Decimal; per: PriceKind } | null = null;
  for (const p of PRICE_COLUMNS) {
    const c = columns[p];
    if (c === undefined) continue;
    const a = readAmount(g, r, c);
    if (a.value !== null && a.value !== undefined && !a.value.isZero()) {
      price = { value: a.value, per: PER[p] };
      break;
    }
  }
  if (!price) {
    const c = PRICE_COLUMNS.map((p) => columns[p]).find((x) => x !== undefined)!;
    findings.push(finding('CASE_NO_PRICE', sheet, at(c), caseText.noPrice(r + 1)));
    ok = false;
  }
  if (!ok || !price || !start.date) return null;
  return {
    row: r,
    id: g.text(r, columns.id!).trim(),
    measure,
    start: start.date,
    end,
    price: price.value,
    per: price.per,
  };
}

/** The same Sags-id twice in one measure with periods that overlap: counted twice, most likely. */
function overlaps(cases: Case[], sheet: string, idCol: number): Finding[] {
  const byKey = new Map<string, Case[]>();
  for (const c of cases) {
    if (!c.id) continue;
    const key = `${c.id}\u0000${c.measure.toLowerCase()}`;
    const group = byKey.get(key);
    if (group) group.push(c);
    else byKey.set(key, [c]);
  }
  const out: Finding[] = [];
  for (const group of byKey.values()) {
    const sorted = [...group].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    for (let i = 1; i < sorted.length; i++) {
      const before = sorted[i - 1];
      if (before.end === null || before.end >= sorted[i].start)
        out.push(
          finding('CASE_OVERLAP', sheet, toA1(sorted[i].row, idCol), caseText.overlap(sorted[i].id, before.row + 1)),
        );
    }
  }
  return out;
}

/** ddmmyy-xxxx or ten digits whose first six are a date: a CPR number, or one in all but name. */
export function isCprLike(text: string): boolean {
  const m = /^(\d{2})(\d{2})(\d{2})-?\d{4}$/.exec(text.trim());
  if (!m) return false;
  const [day, month] = [Number(m[1]), Number(m[2])];
  const days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return month >= 1 && month <= 12 && day >= 1 && day <= days[month - 1];
}

/** A warning at the header of each column holding CPR-like values; the values are never repeated. */
function cprColumns(g: Grid, header: number, last: number, sheet: string): Finding[] {
  const out: Finding[] = [];
  for (let c = g.left; c <= g.rowEnd(header); c++) {
    let count = 0;
    for (let r = header + 1; r <= last; r++) {
      const v = g.value(r, c);
      const text = typeof v === 'number' && Number.isInteger(v) ? String(v).padStart(10, '0') : g.text(r, c);
      if (text && isCprLike(text)) count++;
    }
    if (count > 0) out.push(finding('CPR_LIKE', sheet, toA1(header, c), caseText.cprLike(g.text(header, c), count)));
  }
  return out;
}

/**
 * With an activity forecast in the workbook, each case-list measure it has no row for is told
 * (info, at the measure's first case): its figures cannot be carried over to it.
 */
export function unmatchedMeasures(tables: OtherTable[]): void {
  const forecasts = tables.filter((t) => t.kind === 'activity-forecast');
  if (forecasts.length === 0) return;
  const known = new Set<string>();
  for (const t of forecasts)
    for (const r of (t.summary as { rows?: { measure?: unknown }[] }).rows ?? [])
      if (typeof r.measure === 'string') known.add(normaliseLabel(r.measure));
  for (const list of tables) {
    if (list.kind !== 'case-list') continue;
    const { cases, columns } = list as CaseList;
    const told = new Set<string>();
    for (const c of cases) {
      const key = normaliseLabel(c.measure);
      if (known.has(key) || told.has(key)) continue;
      told.add(key);
      list.findings.push(
        finding(
          'CASE_MEASURE_UNMATCHED',
          list.sheet,
          toA1(c.row, columns.measure!),
          caseText.unmatched(c.measure, forecasts[0].sheet),
        ),
      );
    }
  }
}

/**
 * The "Prognose YYYY" sheet (spec §12): per measure helårsborgere, kroner, gennemsnitspris,
 * afholdt til dato, resten af året, tilgang and the total — every figure a live formula over the
 * case list, so that a case edited there moves the prognosis — and below it "Grundlag pr. <dato>",
 * a copy of the cases it was computed from, for the next prognosis's bridge.
 *
 * Excel and LibreOffice evaluate SUMPRODUCT's arguments element by element, but MIN, MAX and IF
 * inside it aggregate (or need an array formula), so the per-case minimum and maximum are
 * written with ABS: min(a, b) = (a + b − |a − b|) ÷ 2, max(a, b) = (a + b + |a − b|) ÷ 2.
 */
import Decimal from 'decimal.js';
import { columnLetters, quoteSheetName } from '../model/a1';
import type { WorkbookSnapshot } from '../model/grid';
import type { CaseList } from '../tables/caseList';
import type { Prognosis, Tilgang } from '../tables/prognosis';
import { isoToSerial } from '../text/dates';
import { sheetText } from '../text/da';
import { HEADER as PLAIN_HEADER, INPUT } from './palette';
import { chooseSheetName } from './sheetNames';
import { DATE_FORMAT, NUMBER_FORMAT, sheetCells, type CellStyle, type WritePlan } from './writePlan';

const T = sheetText.prognosis;
const HEADER: CellStyle = { ...PLAIN_HEADER, wrap: true };
const BOLD: CellStyle = { bold: true };
const PERSONS = '#,##0.0000';
const KR = '#,##0.00';

export interface PrognosisSheet {
  plan: WritePlan;
  sheet: string;
  action: 'create' | 'replace';
  notes: string[];
  /** The core's figure for every formula cell, to check a spreadsheet engine against. */
  expected: Map<string, Decimal>;
  /** Where the measures' rows start (0-based) and the Grundlag's header stands. */
  firstRow: number;
  grundlagRow: number;
}

/** The case list's columns as absolute ranges over its case rows (null where it has no such column). */
function ranges(list: CaseList) {
  const top = list.headerRow + 2;
  const bottom = Math.max(top, list.lastRow + 1);
  const sheet = quoteSheetName(list.sheet);
  const r = (c: number | undefined) =>
    c === undefined ? null : `${sheet}!$${columnLetters(c)}$${top}:$${columnLetters(c)}$${bottom}`;
  const c = list.columns;
  return {
    id: r(c.id),
    measure: r(c.measure)!,
    start: r(c.start)!,
    end: r(c.end),
    month: r(c.monthPrice),
    year: r(c.yearPrice),
    day: r(c.dayPrice),
  };
}

/** Days each case is active up to `last` (a cell), as an array expression for SUMPRODUCT. */
function activeDays(g: ReturnType<typeof ranges>, first: string, last: string): string {
  const end = g.end ? `(${g.end}+(${g.end}="")*${last})` : last;
  const hi = `(${end}+${last}-ABS(${end}-${last}))/2`;
  const lo = `(${g.start}+${first}+ABS(${g.start}-${first}))/2`;
  const days = `(${hi}-(${lo})+1)`;
  return `((${days}+ABS${days})/2)`;
}

/** Kroner per active day of each case: døgnpris, månedspris × 12 ÷ D, årspris ÷ D. */
function pricePerDay(g: ReturnType<typeof ranges>, yearDays: string): string {
  const parts = [
    g.day ? g.day : null,
    g.month ? `${g.month}*12/${yearDays}` : null,
    g.year ? `${g.year}/${yearDays}` : null,
  ].filter(Boolean);
  return `(${parts.join('+')})`;
}

const dec = (n: number | Decimal) => new Decimal(n);

/** The write plan of the prognosis sheet for the case list and the core's figures. */
export function buildPrognosisSheet(
  list: CaseList,
  p: Prognosis,
  workbook: WorkbookSnapshot,
  tilgang: ReadonlyMap<string, Tilgang> = new Map(),
): PrognosisSheet {
  const choice = chooseSheetName(T.sheet(p.year), workbook);
  const sheet = choice.name;
  const { cells, expected, put, formula } = sheetCells(sheet);
  const g = ranges(list);
  put(0, 0, T.title(p.year), { bold: true, fontSize: 14 });
  put(1, 0, T.source(list.sheet, list.range), { italic: true });
  // The year and the as-of date: the as-of date is an input, the rest follows from it.
  put(3, 0, T.asOf, BOLD);
  put(3, 1, isoToSerial(p.asOf), INPUT, DATE_FORMAT);
  put(4, 0, T.firstDay);
  formula(4, 1, `DATE(${p.year},1,1)`, dec(isoToSerial(`${p.year}-01-01`)), DATE_FORMAT);
  put(5, 0, T.lastDay);
  formula(5, 1, `DATE(${p.year},12,31)`, dec(isoToSerial(`${p.year}-12-31`)), DATE_FORMAT);
  put(6, 0, T.days);
  const yearDays = isoToSerial(`${p.year + 1}-01-01`) - isoToSerial(`${p.year}-01-01`);
  formula(6, 1, 'B6-B5+1', dec(yearDays), '0');
  const [asOf, first, last, D] = ['$B$4', '$B$5', '$B$6', '$B$7'];
  const head = 8;
  T.headers.forEach((h, c) => put(head, c, h, HEADER));
  const yearA = activeDays(g, first, last);
  const toDateA = activeDays(g, first, asOf);
  const perDay = pricePerDay(g, D);
  // Start months after the as-of month, j = 1 … k (k = 12 − the as-of month), each for min(varighed, j) months.
  const months = (dur: string) =>
    `SUMPRODUCT((ROW($A$1:$A$12)<=12-MONTH(${asOf}))*((ROW($A$1:$A$12)+${dur}-ABS(ROW($A$1:$A$12)-${dur}))/2))`;
  p.measures.forEach((m, i) => {
    const r = head + 1 + i;
    const x = r + 1;
    const is = `(${g.measure}=$A${x})`;
    put(r, 0, m.measure);
    formula(r, 1, `COUNTIF(${g.measure},$A${x})`, dec(m.cases), '0');
    formula(r, 2, `SUMPRODUCT(${is}*${yearA})/${D}`, m.fullYearPersons, PERSONS);
    formula(r, 3, `SUMPRODUCT(${is}*${yearA}*${perDay})`, m.amount, KR);
    formula(r, 4, `IF(C${x}=0,"",D${x}/C${x})`, m.averagePrice ?? '', KR);
    formula(r, 5, `SUMPRODUCT(${is}*${toDateA}*${perDay})`, m.toDate, KR);
    // Rounded to the øre as the core rounds it: afholdt + resten = kroner, to the øre.
    formula(r, 6, `ROUND(D${x},2)-ROUND(F${x},2)`, m.restOfYear, KR);
    const t = tilgang.get(m.measure);
    put(r, 7, t ? t.perMonth.toNumber() : null, INPUT, '0.0');
    put(r, 8, t ? t.months.toNumber() : null, INPUT, '0.0');
    put(r, 9, t?.price ? t.price.toNumber() : null, INPUT, NUMBER_FORMAT);
    formula(r, 10, `IF(H${x}="",0,H${x}*${months(`I${x}`)}/12*IF(J${x}="",N(E${x}),J${x}))`, m.tilgang, KR);
    formula(r, 11, `D${x}+K${x}`, m.withTilgang, KR);
  });
  const total = head + 1 + p.measures.length;
  const [top, bottom] = [head + 2, Math.max(head + 2, total)];
  put(total, 0, T.total, BOLD);
  const sum = (c: number, value: Decimal, format: string) =>
    formula(
      total,
      c,
      p.measures.length ? `SUM(${columnLetters(c)}${top}:${columnLetters(c)}${bottom})` : '0',
      value,
      format,
      BOLD,
    );
  sum(1, dec(p.total.cases), '0');
  sum(2, p.total.fullYearPersons, PERSONS);
  sum(3, p.total.amount, KR);
  formula(total, 4, `IF(C${total + 1}=0,"",D${total + 1}/C${total + 1})`, p.total.averagePrice ?? '', KR, BOLD);
  sum(5, p.total.toDate, KR);
  formula(total, 6, `ROUND(D${total + 1},2)-ROUND(F${total + 1},2)`, p.total.restOfYear, KR, BOLD);
  sum(10, p.total.tilgang, KR);
  sum(11, p.total.withTilgang, KR);
  // The Grundlag: the cases as computed from, so the next prognosis can say what changed.
  const grundlag = total + 3;
  put(grundlag, 0, T.grundlag(p.asOf), { bold: true, fontSize: 12 });
  T.grundlagHeaders.forEach((h, c) => put(grundlag + 1, c, h, HEADER));
  list.cases.forEach((c, i) => {
    const r = grundlag + 2 + i;
    put(r, 0, c.id);
    put(r, 1, c.measure);
    put(r, 2, isoToSerial(c.start), undefined, DATE_FORMAT);
    if (c.end) put(r, 3, isoToSerial(c.end), undefined, DATE_FORMAT);
    put(r, c.per === 'month' ? 4 : c.per === 'year' ? 5 : 6, c.price.toNumber(), undefined, KR);
  });
  const plan: WritePlan = {
    sheets: [
      {
        action: choice.action,
        name: sheet,
        owned: true,
        activate: true,
        columnWidths: [30, 8, 13, 15, 14, 15, 15, 12, 12, 12, 14, 15].map((width, col) => ({ col, width })),
        freezeRows: head + 1,
      },
    ],
    cells,
    charts: [],
    guards: [{ sheet: list.sheet, cells: [] }],
  };
  return {
    plan,
    sheet,
    action: choice.action,
    notes: choice.note ? [choice.note] : [],
    expected,
    firstRow: head + 1,
    grundlagRow: grundlag + 1,
  };
}

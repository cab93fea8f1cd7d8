import { HEADER as PLAIN_HEADER, HEADER_FILL, INPUT } from './palette';
import Decimal from 'decimal.js';
import { toA1, sameSheetName } from '../model/a1';
import { sheetText } from '../text/da';
import type { WorkbookSnapshot } from '../model/grid';
import { Grid } from '../model/grid';
import { chooseSheetName } from './sheetNames';
import { fitTexts, NUMBER_FORMAT, sheetCells, type CellStyle, type WritePlan } from './writePlan';

/** One measure of the activity forecast; figures left out are empty input cells. */
export interface ForecastRow {
  measure: string;
  budgetPersons?: number | null;
  budgetPrice?: number | null;
  forecastPersons?: number | null;
  forecastPrice?: number | null;
}

export interface ForecastSheet {
  plan: WritePlan;
  sheet: string;
  notes: string[];
  /** The core's exact figure for every formula cell, by address (to check a spreadsheet engine against). */
  expected: Map<string, Decimal>;
  /** Where the total Mer-/mindreforbrug lands. */
  totalCell: string;
  /** The sheet is there already, as the add-in made it (the controller's figures in it): nothing is written. */
  existing?: boolean;
}

const T = sheetText.forecast;
const HEADER: CellStyle = { ...PLAIN_HEADER, wrap: true };
const GROUP: CellStyle = { bold: true, fill: HEADER_FILL, horizontal: 'center' };
const PERSONS_FORMAT = '#,##0.0';

/**
 * The "Aktivitetsprognose YYYY" sheet: one row per measure with Budget and Prognose as
 * helårsborgere × gennemsnitspris = beløb, the Mer-/mindreforbrug and its volume and price
 * effects, and an "I alt" row. Inputs are yellow; every computed cell is a live formula, and
 * mængdeeffekt + priseffekt = Mer-/mindreforbrug exactly:
 * (E − B)·C + E·(F − C) = E·F − B·C = G − D.
 */
export function buildForecastSheet(
  year: number,
  workbook: WorkbookSnapshot = { sheets: [] },
  rows: ForecastRow[] = T.measures.map((measure) => ({ measure })),
): ForecastSheet {
  // Made before (its title where the add-in writes it): it holds the controller's figures and is
  // left as it is, so that making the forecast twice gives the workbook of making it once.
  const made = workbook.sheets.find((s) => sameSheetName(s.name, T.sheet(year)));
  if (made && !made.unread && new Grid(made).text(0, 0) === T.title(year))
    return {
      plan: { sheets: [], cells: [], charts: [] },
      sheet: made.name,
      notes: [],
      expected: new Map(),
      totalCell: 'H1',
      existing: true,
    };
  const choice = chooseSheetName(T.sheet(year), workbook);
  const sheet = choice.name;
  const { cells, expected, put, formula: cellFormula } = sheetCells(sheet);
  const formula = (r: number, c: number, f: string, value: Decimal, style?: CellStyle, numberFormat = NUMBER_FORMAT) =>
    cellFormula(r, c, f, value, numberFormat, style);

  put(0, 0, T.title(year), { bold: true, fontSize: 14 });
  put(1, 0, T.model, { italic: true });
  put(2, 0, T.inputs, { italic: true });
  const group = 4;
  const head = group + 1;
  put(group, 1, T.budget(year), GROUP);
  put(group, 2, null, GROUP);
  put(group, 3, null, GROUP);
  put(group, 4, T.forecast(year), GROUP);
  put(group, 5, null, GROUP);
  put(group, 6, null, GROUP);
  put(group, 7, T.deviationGroup, GROUP);
  put(group, 8, null, GROUP);
  put(group, 9, null, GROUP);
  [T.measure, T.persons, T.price, T.amount, T.persons, T.price, T.amount, T.deviation, T.volume, T.priceEffect].forEach(
    (h, c) => put(head, c, h, HEADER),
  );

  const first = head + 1;
  const sums = Array.from({ length: 10 }, () => new Decimal(0));
  const d = (n: number | null | undefined) => new Decimal(n ?? 0);
  rows.forEach((row, i) => {
    const r = first + i;
    const x = r + 1; // the row's number in A1 references
    const [B, C, E, F] = [row.budgetPersons, row.budgetPrice, row.forecastPersons, row.forecastPrice].map(d);
    put(r, 0, row.measure);
    put(r, 1, row.budgetPersons ?? null, INPUT, PERSONS_FORMAT);
    put(r, 2, row.budgetPrice ?? null, INPUT, NUMBER_FORMAT);
    put(r, 4, row.forecastPersons ?? null, INPUT, PERSONS_FORMAT);
    put(r, 5, row.forecastPrice ?? null, INPUT, NUMBER_FORMAT);
    const D = B.times(C);
    const G = E.times(F);
    const values: [number, string, Decimal][] = [
      [3, `B${x}*C${x}`, D],
      [6, `E${x}*F${x}`, G],
      [7, `G${x}-D${x}`, G.minus(D)],
      [8, `(E${x}-B${x})*C${x}`, E.minus(B).times(C)],
      [9, `E${x}*(F${x}-C${x})`, E.times(F.minus(C))],
    ];
    for (const [c, f, v] of values) {
      formula(r, c, f, v);
      sums[c] = sums[c].plus(v);
    }
    sums[1] = sums[1].plus(B);
    sums[4] = sums[4].plus(E);
  });
  const last = first + rows.length - 1;
  const total = last + 1;
  put(total, 0, T.total, { bold: true, borderBottom: true });
  for (const c of [1, 3, 4, 6, 7, 8, 9]) {
    const col = 'ABCDEFGHIJ'[c];
    const f = rows.length ? `SUM(${col}${first + 1}:${col}${last + 1})` : '0';
    formula(total, c, f, sums[c], { bold: true }, c === 1 || c === 4 ? PERSONS_FORMAT : NUMBER_FORMAT);
  }
  put(total + 2, 0, T.effectsNote, { italic: true });
  put(total + 3, 0, T.signNote, { italic: true });

  const plan: WritePlan = {
    sheets: [
      {
        action: 'create',
        name: sheet,
        // The controller's own figures live here: the sheet is not the add-in's to replace.
        owned: false,
        activate: true,
        columnWidths: [34, 13, 13, 15, 13, 13, 15, 17, 17, 17].map((width, col) => ({ col, width })),
      },
    ],
    cells,
    charts: [],
  };
  return {
    plan,
    sheet,
    notes: [...(choice.note ? [choice.note] : []), ...fitTexts(plan)],
    expected,
    totalCell: toA1(total, 7),
  };
}

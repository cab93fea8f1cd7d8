/**
 * Where the overrun comes from: activity forecasts (helårsborgere × pris), price development and
 * tables with total rows, built from the seed documents' own figures (Randers' plan for
 * Familieområdet 2023, Ballerup's report of 2024).
 */
import Decimal from 'decimal.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeDeflate, nodeInflate } from '../src/cli/zlib';
import { groupSuffix, totalsOf } from '../src/core/tables/tableTotals';
import { buildForecastSheet, type ForecastRow } from '../src/core/build/forecastSheet';
import { Grid, type CellValue, type SheetSnapshot, type WorkbookSnapshot } from '../src/core/model/grid';
import { buildOverrunUpdate } from '../src/core/build/overrun';
import { validateWorkbook } from '../src/core/validate';
import { OfficeWorkbookAdapter } from '../src/excel/officeAdapter';
import { blankPackage } from '../src/xlsx/blank';
import { Package } from '../src/xlsx/package';
import { writePackage } from '../src/xlsx/write';
import { parseA1 } from '../src/core/model/a1';
import { snapshotOfPlan } from './support/bigWorkbooks';
import { modelWithPlan } from './support/excelFixtures';
import { recalculate, requireLibreOffice } from './support/libreoffice';
import { readBytes, unzipParts } from './support/workbooks';
import { run } from '../src/cli/main';

const tmp = mkdtempSync(join(tmpdir(), 'handleplan-activity-'));

/** A sheet from rows of cells, as an adapter would read it (A1 at the top left). */
const sheet = (name: string, rows: CellValue[][]): SheetSnapshot => ({
  name,
  origin: { row: 0, col: 0 },
  values: rows,
});
const workbook = (...sheets: SheetSnapshot[]): WorkbookSnapshot => ({ sheets, activeSheet: sheets[0].name });
const codes = (wb: WorkbookSnapshot) => validateWorkbook(wb).findings.map((f) => `${f.code}@${f.cell}`);

// Randers, Tabel 1: average prices per placement type and the stated development.
const randersPrices = (): CellValue[][] => [
  ['Tabel 1. Gennemsnitlige udgifter pr. anbragt'],
  [null, 2021, 2022, 'Prisudvikling'],
  ['Plejefamilie', 431_000, 439_700, 0.02],
  ['Netværksplejefamilie', 148_800, 165_000, 0.11],
  ['Døgninstitution / opholdssted', 1_082_200, 1_122_100, 0.04],
];

describe('price development (Randers Tabel 1)', () => {
  test('the printed table holds: 2,0 % → 2 %, 10,9 % → 11 %, 3,7 % → 4 %', () => {
    const result = validateWorkbook(workbook(sheet('Tabel 1', randersPrices())));
    expect(result.tables.map((t) => t.kind)).toEqual(['price-development']);
    expect(result.findings).toEqual([]);
  });

  test('a stated percentage one point off is one finding, at that cell', () => {
    const rows = randersPrices();
    rows[3][3] = 0.12; // Netværksplejefamilie: 11 % → 12 %
    expect(codes(workbook(sheet('Tabel 1', rows)))).toEqual(['PRICE_DEVELOPMENT_MISMATCH@D4']);
    const f = validateWorkbook(workbook(sheet('Tabel 1', rows))).findings[0];
    expect(f.message).toContain('12 %');
    expect(f.message).toContain('11 %');
  });

  test('written as text ("2%", "2,0 %") it is read at the precision shown', () => {
    const rows = randersPrices();
    rows[2][3] = '2%';
    rows[3][3] = '10,9 %';
    rows[4][3] = '3,7 %';
    expect(codes(workbook(sheet('Tabel 1', rows)))).toEqual([]);
    rows[4][3] = '3,6 %'; // 3,687 % shown with one decimal is 3,7 %
    expect(codes(workbook(sheet('Tabel 1', rows)))).toEqual(['PRICE_DEVELOPMENT_MISMATCH@D5']);
  });

  test('a development that is no percentage is a finding, not skipped', () => {
    const rows = randersPrices();
    rows[2][3] = 'ca. to';
    expect(codes(workbook(sheet('Tabel 1', rows)))).toEqual(['NOT_A_NUMBER@D3']);
  });
});

// Randers, Figur 1: placements per quarter by type, with "I alt – handle", "I alt – ej handle" and "Total".
const Q = ['1. kvartal 2021', '2. kvartal 2021', '3. kvartal 2021', '4. kvartal 2021'];
const randersPlacements = (): CellValue[][] => [
  ['Anbringelsestype', ...Q, ...Q.map((q) => q.replace('2021', '2022'))],
  ['Institution/opholdssted – handle', 44, 46, 46, 45, 40, 47, 52, 53],
  ['Institution/opholdssted – ej handle', 4, 1, 1, 2, 2, 2, 2, 2],
  ['Plejefamilie – handle', 124, 123, 121, 119, 120, 118, 116, 113],
  ['Plejefamilie – ej handle', 18, 17, 17, 18, 18, 17, 15, 14],
  ['Netværksplejefamilie – handle', 20, 21, 19, 18, 19, 18, 18, 17],
  ['Netværksplejefamilie – ej handle', 0, 0, 0, 0, 0, 0, 0, 0],
  ['I alt – handle', 187, 190, 186, 182, 180, 183, 186, 183],
  ['I alt – ej handle', 22, 18, 18, 20, 20, 19, 17, 16],
  ['Total', 209, 208, 205, 202, 199, 202, 203, 200],
];

describe('tables with total rows (Randers Figur 1 and Tabel 2)', () => {
  test('Figur 1 as printed gives exactly the findings its own figures imply', () => {
    // "I alt – handle" totals the "… – handle" rows:
    //   Q1 2021: 44 + 124 + 20 = 188, printed 187 → B8
    //   Q2 2021: 46 + 123 + 21 = 190 ✓   Q3: 46 + 121 + 19 = 186 ✓   Q4: 45 + 119 + 18 = 182 ✓
    //   Q1 2022: 40 + 120 + 19 = 179, printed 180 → F8
    //   Q2 2022: 47 + 118 + 18 = 183 ✓   Q3: 52 + 116 + 18 = 186 ✓   Q4: 53 + 113 + 17 = 183 ✓
    // "I alt – ej handle" totals the "… – ej handle" rows: 22 18 18 20 20 19 17 16, all ✓.
    // "Total" totals the two "I alt" rows as printed:
    //   187 + 22 = 209 ✓   190 + 18 = 208 ✓   186 + 18 = 204, printed 205 → D10   182 + 20 = 202 ✓
    //   180 + 20 = 200, printed 199 — but the detail rows give 179 + 20 = 199: the Total is right
    //   and the one wrong figure is F8 (one wrong figure, one finding)
    //   183 + 19 = 202 ✓   186 + 17 = 203 ✓   183 + 16 = 199, printed 200 → I10
    const result = validateWorkbook(workbook(sheet('Figur 1', randersPlacements())));
    expect(result.tables.map((t) => t.kind)).toEqual(['count-table']);
    expect(result.findings.map((f) => `${f.code}@${f.cell}`)).toEqual([
      'TABLE_TOTAL_MISMATCH@B8',
      'TABLE_TOTAL_MISMATCH@F8',
      'TABLE_TOTAL_MISMATCH@D10',
      'TABLE_TOTAL_MISMATCH@I10',
    ]);
    const b8 = result.findings[0];
    expect(b8.expected?.toNumber()).toBe(188);
    expect(b8.actual?.toNumber()).toBe(187);
  });

  test('Tabel 2 ("I alt" over every row, some with a suffix) holds; a wrong figure is one finding', () => {
    const rows: CellValue[][] = [
      [null, 2019, 2020, 2021, 2022, '2023*'],
      ['Plejefamilie', 140, 127, 125, 123, 117],
      ['Netværksplejefamilie', 17, 16, 23, 19, 15],
      ['Plejefamilie – uden handleforpligtelse', 15, 19, 19, 18, 14],
      ['Netværksplejefamilie – uden handleforpligtelse', 1, 2, 0, 0, 0],
      ['I alt', 173, 164, 167, 160, 146],
    ];
    expect(codes(workbook(sheet('Tabel 2', rows)))).toEqual([]);
    rows[2][3] = 24;
    expect(codes(workbook(sheet('Tabel 2', rows)))).toEqual(['TABLE_TOTAL_MISMATCH@D6']);
  });

  test('the effect table in mio. kr. (hyphenated labels, empty cells) holds to the decimal', () => {
    const rows: CellValue[][] = [
      ['mio. kr.', 2023, 2024, 2025, 2026, 2027, 2028],
      ['ansættelse af 2 plejefamiliekonsulenter pr. 1/4-23', 0.8, 1, 1, 1, 1, 1],
      ['reduktion i udgifter - 1 barn i familiepleje', -0.3, -0.6, -0.6, -0.6, -0.6, -0.6],
      ['reduktion i udgifter - 2 børn i familiepleje', null, -1.2, -1.2, -1.2, -1.2, -1.2],
      ['reduktion i udgifter - 3 børn i familiepleje', null, null, -1.8, -1.8, -1.8, -1.8],
      ['reduktion i udgifter - 4 børn i familiepleje', null, null, null, -2.4, -2.4, -2.4],
      ['I alt', 0.5, -0.8, -2.6, -5, -5, -5],
    ];
    expect(codes(workbook(sheet('Effekt', rows)))).toEqual([]);
  });

  test('grouping: a suffixed total takes its suffix’s rows; a plain one the suffixed totals, else the details', () => {
    expect(groupSuffix('Plejefamilie – handle')).toBe('handle');
    expect(groupSuffix('reduktion i udgifter - 1 barn')).toBe('1 barn');
    expect(groupSuffix('Kontaktperson, eksterne forløb')).toBeNull();
    const details = ['A – handle', 'A – ej handle', 'B – handle', 'B – ej handle'];
    const totals = ['I alt – handle', 'I alt – ej handle', 'Total'];
    const id = (x: string) => x;
    expect(totalsOf('I alt – handle', totals, details, id)).toEqual(['A – handle', 'B – handle']);
    expect(totalsOf('Total', totals, details, id)).toEqual(['I alt – handle', 'I alt – ej handle']);
    expect(totalsOf('I alt', ['I alt'], ['A', 'B'], id)).toEqual(['A', 'B']);
  });
});

// Ballerup 2024: helårsborgere (Regnskab 2023 / Budget 2024 / Prognose 2024) and Mer-/mindreforbrug in kr.
const ballerup = {
  persons: [
    ['Anbringelse – eget værelse', 9, 15, 15],
    ['Anbringelse – institution', 20, 15, 17],
    ['Kontaktperson, eksterne forløb', 127, 97, 112],
    ['Aflastning/afløsning - alle former', 95, 95, 114],
    ['Dagbehandling', 54, 54, 54],
  ] as [string, number, number, number][],
  deviation: new Map([
    ['Anbringelse – eget værelse', 130_295],
    ['Anbringelse – institution', 3_425_047],
    ['Kontaktperson, eksterne forløb', 195_495],
    ['Aflastning/afløsning - alle former', 2_559_437],
    ['Dagbehandling', 2_182_255],
  ]),
};

describe('Ballerup’s activity tables', () => {
  test('the helårsborgere and kr. tables are read with their figures', () => {
    const rows: CellValue[][] = [
      ['Prognose antal helårsborgere', 'Regnskab 2023', 'Budget 2024', 'Prognose 2024'],
      ...ballerup.persons.slice(0, 2),
      [],
      ['Prognose angivet i kr. (- angiver mindreforbrug)', 'Mer-/mindreforbrug'],
      ['Anbringelse – eget værelse', 130_295],
      ['Anbringelse – institution', 3_425_047],
      [],
      ['Prognose angivet i helårsborgere', 'Regnskab 2023', 'Budget 2024', 'Prognose 2024'],
      ['Kontaktperson, eksterne forløb', 127, 97, 112],
    ];
    const result = validateWorkbook(workbook(sheet('Status', rows)));
    expect(result.findings).toEqual([]);
    expect(result.tables.map((t) => [t.kind, t.range])).toEqual([
      ['activity-forecast', 'A1:D3'],
      ['activity-forecast', 'A5:B7'],
      ['activity-forecast', 'A9:D10'],
    ]);
    expect(result.tables[0].summary.rows).toEqual([
      { measure: 'Anbringelse – eget værelse', 'regnskab.persons': 9, 'budget.persons': 15, 'forecast.persons': 15 },
      { measure: 'Anbringelse – institution', 'regnskab.persons': 20, 'budget.persons': 15, 'forecast.persons': 17 },
    ]);
    expect(result.tables[1].summary.rows).toEqual([
      { measure: 'Anbringelse – eget værelse', deviation: 130_295 },
      { measure: 'Anbringelse – institution', deviation: 3_425_047 },
    ]);
    expect(result.tables[1].overrun?.value.toNumber()).toBe(130_295 + 3_425_047);
  });

  /**
   * Ballerup states persons and the deviation, not prices. Given a budget price per measure, the
   * forecast price that the stated deviation implies is (deviation + budget persons × budget
   * price) / forecast persons; the sheet built from those reproduces every stated deviation.
   */
  const budgetPrice: Record<string, number> = {
    'Anbringelse – eget værelse': 520_000,
    'Anbringelse – institution': 1_150_000,
    'Kontaktperson, eksterne forløb': 60_000,
    'Aflastning/afløsning - alle former': 130_000,
    Dagbehandling: 300_000,
  };
  const ballerupRows = (): ForecastRow[] =>
    ballerup.persons.map(([measure, , budget, forecast]) => ({
      measure,
      budgetPersons: budget,
      budgetPrice: budgetPrice[measure],
      forecastPersons: forecast,
      forecastPrice: new Decimal(ballerup.deviation.get(measure)!)
        .plus(new Decimal(budget).times(budgetPrice[measure]))
        .dividedBy(forecast)
        .toNumber(),
    }));

  test('an activity sheet from Ballerup’s persons and prices reproduces its Mer-/mindreforbrug', () => {
    const built = buildForecastSheet(2024, { sheets: [] }, ballerupRows());
    const snapshot = snapshotOfPlan(built.plan);
    const result = validateWorkbook(snapshot);
    expect(result.findings).toEqual([]);
    const table = result.tables.find((t) => t.kind === 'activity-forecast')!;
    const rows = table.summary.rows as Record<string, number>[];
    for (const r of rows) {
      const stated = ballerup.deviation.get(r.measure as unknown as string)!;
      expect(Math.round(r.deviation)).toBe(stated);
      // Volume + price = deviation on every row, exactly as the formulas compute it.
      expect(new Decimal(r.volume).plus(r.priceEffect).toDecimalPlaces(6).toNumber()).toBeCloseTo(r.deviation, 6);
    }
    const sum = [...ballerup.deviation.values()].reduce((a, b) => a + b, 0);
    expect(Math.round(table.overrun!.value.toNumber())).toBe(sum); // 8.492.529 kr.
    expect(sum).toBe(8_492_529);
    // Kontaktperson: more courses (+15) at a negotiated lower price.
    const k = rows.find((r) => (r.measure as unknown as string).startsWith('Kontaktperson'))!;
    expect(k.volume).toBe(15 * 60_000);
    expect(k.priceEffect).toBeLessThan(0);
    // Dagbehandling: as many persons as budgeted, the whole deviation is price.
    const d = rows.find((r) => (r.measure as unknown as string) === 'Dagbehandling')!;
    expect(d.volume).toBe(0);
    expect(Math.round(d.priceEffect)).toBe(2_182_255);
  });

  test('each rule has a raised/near-miss pair; a wrong figure is found at its cell', () => {
    const built = buildForecastSheet(2024, { sheets: [] }, ballerupRows());
    const s = snapshotOfPlan(built.plan);
    const at = (address: string) => {
      const { row, col } = parseA1(address);
      return { row, col };
    };
    const set = (snap: WorkbookSnapshot, address: string, v: CellValue) => {
      const copy = structuredClone(snap);
      const { row, col } = at(address);
      copy.sheets[0].values[row][col] = v;
      copy.sheets[0].formulas![row][col] = null;
      return copy;
    };
    const value = (address: string) => {
      const { row, col } = at(address);
      return s.sheets[0].values[row][col] as number;
    };
    // Row 7 is the first measure. D = B × C (to the krone).
    expect(codes(set(s, 'D7', value('D7') + 0.4))).toEqual([]);
    // A typed amount that is not persons × price, with what Excel recalculates from it (H7 and
    // the totals follow D7): one finding, at D7.
    let typed = set(s, 'D7', value('D7') + 1000);
    typed = set(typed, 'H7', value('H7') - 1000);
    typed = set(typed, 'D12', value('D12') + 1000);
    typed = set(typed, 'H12', value('H12') - 1000);
    expect(codes(typed)).toEqual(['ACTIVITY_AMOUNT_MISMATCH@D7']);
    // H = G − D.
    expect(codes(set(s, 'H8', value('H8') - 0.4))).toEqual([]);
    expect(codes(set(s, 'H8', value('H8') - 2))).toEqual([
      'ACTIVITY_DEVIATION_MISMATCH@H8',
      'TABLE_TOTAL_MISMATCH@H12',
    ]);
    // I = (E − B) × C and J = E × (F − C).
    expect(codes(set(s, 'I9', value('I9') + 0.3))).toEqual([]);
    expect(codes(set(s, 'I9', value('I9') + 1000))).toEqual([
      'ACTIVITY_EFFECT_MISMATCH@I9',
      'TABLE_TOTAL_MISMATCH@I12',
    ]);
    expect(codes(set(s, 'J10', value('J10') - 5))).toEqual([
      'ACTIVITY_EFFECT_MISMATCH@J10',
      'TABLE_TOTAL_MISMATCH@J12',
    ]);
    // The total row.
    expect(codes(set(s, 'G12', value('G12') + 1))).toEqual(['TABLE_TOTAL_MISMATCH@G12']);
    // A figure that is no number is a finding at its cell, never skipped.
    expect(codes(set(s, 'B7', 'femten'))).toContain('NOT_A_NUMBER@B7');
  });

  test('the one-row header form with abbreviations reads the same', () => {
    const rows: CellValue[][] = [
      [
        'Indsats',
        'Budget helårsborgere',
        'Budget gns. pris',
        'Budget beløb',
        'Prognose helårsborgere',
        'Prognose gns. pris',
        'Prognose beløb',
        'Mer-/mindreforbrug',
        'Mængdeeffekt',
        'Priseffekt',
      ],
      ['Aflastning', 95, 130_000, 12_350_000, 114, 135_000, 15_390_000, 3_040_000, 2_470_000, 570_000],
      ['Dagbehandling', 54, 300_000, 16_200_000, 54, 300_000, 16_200_000, 0, 0, 0],
      ['I alt', 149, null, 28_550_000, 168, null, 31_590_000, 3_040_000, 2_470_000, 570_000],
    ];
    const result = validateWorkbook(workbook(sheet('Prognose', rows)));
    expect(result.findings).toEqual([]);
    expect(result.tables.map((t) => t.kind)).toEqual(['activity-forecast']);
    expect(result.tables[0].overrun?.value.toNumber()).toBe(3_040_000);
    rows[1][8] = 2_000_000;
    expect(codes(workbook(sheet('Prognose', rows)))).toEqual([
      'ACTIVITY_EFFECT_MISMATCH@I2',
      'TABLE_TOTAL_MISMATCH@I4',
    ]);
  });

  test('a blank forecast sheet (measures, no figures) is read and gives no finding', () => {
    const built = buildForecastSheet(2026);
    const result = validateWorkbook(snapshotOfPlan(built.plan));
    expect(result.findings).toEqual([]);
    expect(result.tables.map((t) => t.kind)).toEqual(['activity-forecast']);
    expect(result.tables[0].summary.measures).toBe(0);
  });
});

describe('a written "Aktivitetsprognose" in LibreOffice', () => {
  beforeAll(() => requireLibreOffice());

  test('every formula cell equals the core’s figure, and volume + price = deviation on every row', async () => {
    const rows: ForecastRow[] = [
      {
        measure: 'Plejefamilie',
        budgetPersons: 146,
        budgetPrice: 431_000,
        forecastPersons: 139.5,
        forecastPrice: 439_700,
      },
      {
        measure: 'Netværksplejefamilie',
        budgetPersons: 19,
        budgetPrice: 148_800,
        forecastPersons: 17.25,
        forecastPrice: 165_000,
      },
      {
        measure: 'Døgninstitution / opholdssted',
        budgetPersons: 55,
        budgetPrice: 1_082_200,
        forecastPersons: 61,
        forecastPrice: 1_122_100,
      },
      {
        measure: 'Kontaktperson',
        budgetPersons: 97,
        budgetPrice: 60_000,
        forecastPersons: 112,
        forecastPrice: 53_765.77,
      },
      { measure: 'Uden tal' },
    ];
    const built = buildForecastSheet(2024, { sheets: [] }, rows);
    const pkg = new Package(blankPackage(nodeDeflate), nodeInflate);
    const { data } = await writePackage(pkg, built.plan, { sheets: [] }, nodeDeflate);
    const file = join(tmp, 'aktivitetsprognose.xlsx');
    writeFileSync(file, data);
    const after = await readBytes(readFileSync(recalculate(file)));
    const g = new Grid(after.sheets.find((s) => s.name === built.sheet)!);
    expect(built.expected.size).toBe(5 * 5 + 7);
    for (const [address, expected] of built.expected) {
      const { row, col } = parseA1(address);
      const v = g.value(row, col);
      expect({ address, v: typeof v === 'number' ? new Decimal(v).toDecimalPlaces(4).toNumber() : v }).toEqual({
        address,
        v: expected.toDecimalPlaces(4).toNumber(),
      });
    }
    for (let r = 6; r < 6 + rows.length + 1; r++) {
      const n = (c: number) => g.value(r, c) as number;
      expect(n(8) + n(9)).toBeCloseTo(n(7), 6);
    }
    // And what LibreOffice computed validates clean.
    expect(validateWorkbook(after).findings).toEqual([]);
  });
});

describe('"Brug som forventet merforbrug"', () => {
  test('in the Excel model: one check and one write sync; the block and Historik as for a typed amount', async () => {
    const { model } = modelWithPlan();
    const forecast = buildForecastSheet(2021, { sheets: [] }, [
      { measure: 'Aflastning', budgetPersons: 95, budgetPrice: 130_000, forecastPersons: 114, forecastPrice: 160_000 },
    ]);
    const s = model.addSheet(forecast.sheet);
    for (const w of forecast.plan.cells) {
      const { row, col } = parseA1(w.address);
      s.set(row, col, { value: w.value ?? '', formula: w.formula });
    }
    const adapter = new OfficeWorkbookAdapter(
      (batch) => model.run(batch),
      () => true,
    );
    const read = await adapter.readAllSheets();
    const result = validateWorkbook(read);
    const table = result.tables.find((t) => t.kind === 'activity-forecast')!;
    // 114 × 160.000 − 95 × 130.000 = 18.240.000 − 12.350.000
    expect(table.overrun!.value.toNumber()).toBe(5_890_000);
    const update = buildOverrunUpdate(result.plans[0].plan, read, table.overrun!.value, '2026-11-23');
    const typed = buildOverrunUpdate(result.plans[0].plan, read, new Decimal(5_890_000), '2026-11-23');
    expect(update.changes).toEqual(typed.changes);
    model.syncCount = 0;
    await adapter.applyWritePlan(update.plan, read);
    expect(model.syncCount).toBe(2);
    expect(model.sheet('Handleplan 2021').get(33, 5)?.value).toBe(5_890_000);
    expect(model.sheet('Handleplan 2021').get(32, 5)?.value).toBe(9_400_000);
    expect(model.sheets.map((x) => x.name)).toContain('Historik');
  });
});

describe('handleplan forecast', () => {
  const runCli = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const status = await run(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { status, out: out.join('\n'), err: err.join('\n') };
  };

  test('a new workbook with the sheet; validate reports it as kind activity-forecast', async () => {
    const file = join(tmp, 'prognose.xlsx');
    const made = await runCli('forecast', '--year', '2026', '-o', file);
    expect(made).toMatchObject({ status: 0, err: '' });
    expect(made.out).toContain('Aktivitetsprognose 2026');
    const checked = await runCli('validate', file, '--json');
    expect(checked.status).toBe(0);
    const json = JSON.parse(checked.out);
    expect(json.tables.map((t: { kind: string }) => t.kind)).toEqual(['activity-forecast']);
    expect(json.findings).toEqual([]);
  });

  test('added to an existing workbook: the plan keeps its bytes, both are read', async () => {
    const input = join(__dirname, '../examples/handleplan-slagelse-2021.xlsx');
    const file = join(tmp, 'med-prognose.xlsx');
    expect((await runCli('forecast', input, '--year', '2021', '-o', file)).status).toBe(0);
    const json = JSON.parse((await runCli('validate', file, '--json')).out);
    expect(json.tables.map((t: { kind: string }) => t.kind)).toEqual(['handleplan', 'activity-forecast']);
    const before = unzipParts(readFileSync(input));
    const after = unzipParts(readFileSync(file));
    expect(
      Buffer.compare(Buffer.from(after['xl/worksheets/sheet1.xml']), Buffer.from(before['xl/worksheets/sheet1.xml'])),
    ).toBe(0);
  });

  test('a missing or bad year is one Danish line and exit 2', async () => {
    const r = await runCli('forecast', '-o', join(tmp, 'x.xlsx'));
    expect(r.status).toBe(2);
    expect(r.err.split('\n')).toHaveLength(1);
    expect((await runCli('forecast', '--year', 'næste', '-o', join(tmp, 'x.xlsx'))).status).toBe(2);
  });
});

/**
 * The prognosis from the known cases (spec §12): a generated case list of 240 cases whose figures
 * this test works out its own way (day by day, in whole øre × days-of-year as integers), the
 * case list's findings as raised/near-miss pairs, and what is not a case list.
 */
import Decimal from 'decimal.js';
import { join } from 'node:path';
import type { CellValue, WorkbookSnapshot } from '../src/core/model/grid';
import { readCaseLists, isCprLike, type CaseList } from '../src/core/tables/caseList';
import { prognosis, tilgangPersons } from '../src/core/tables/prognosis';
import { Grid } from '../src/core/model/grid';
import { validateWorkbook } from '../src/core/validate';
import { isoToSerial } from '../src/core/text/dates';

const HEADER = ['Sags-id', 'Indsats', 'Startdato', 'Forventet slutdato', 'Månedspris', 'Årspris', 'Døgnpris', 'Note'];
const MEASURES = ['Anbringelse – institution', 'Aflastning', 'Kontaktperson', 'Dagbehandling'];

interface Made {
  id: string;
  measure: string;
  start: string;
  end: string | null;
  /** In øre. */
  price: bigint;
  per: 'month' | 'year' | 'day';
}

/** A deterministic case list of `n` cases around `year`: before and after it, open ends, every price kind. */
function makeCases(n: number, year: number): Made[] {
  let seed = year * 7919;
  const rand = (k: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648), seed % k);
  const iso = (y: number, m: number, d: number) =>
    `${y}-${String(m).padStart(2, '0')}-${String(Math.min(d, 28)).padStart(2, '0')}`;
  const out: Made[] = [];
  for (let i = 0; i < n; i++) {
    const startYear = year - 1 + rand(2); // the year before or the year itself
    const start =
      i % 17 === 0
        ? `${year}-02-29`.replace(/-02-29$/, year % 4 === 0 ? '-02-29' : '-02-28')
        : iso(startYear, 1 + rand(12), 1 + rand(28));
    const endKind = rand(4);
    const end =
      endKind === 0
        ? null
        : endKind === 1
          ? iso(year + 1, 1 + rand(12), 1 + rand(28))
          : iso(year, 1 + rand(12), 1 + rand(28));
    const per = (['month', 'year', 'day'] as const)[i % 3];
    const price =
      per === 'day'
        ? BigInt(150_000 + rand(400_000))
        : per === 'month'
          ? BigInt(2_000_000 + rand(9_000_000))
          : BigInt(30_000_000 + rand(90_000_000));
    out.push({
      id: `S-${1000 + i}`,
      measure: MEASURES[i % MEASURES.length],
      start,
      end: end && end < start ? null : end,
      price,
      per,
    });
  }
  return out;
}

/** The case list as a sheet: dates as Excel serials (some as Danish text), prices in kroner with øre. */
function sheetOf(
  cases: Made[],
  top = 2,
  extra: (c: Made, i: number) => CellValue = () => null,
  textDates = true,
): WorkbookSnapshot {
  const values: CellValue[][] = [];
  for (let r = 0; r < top; r++) values.push([]);
  values[0] = ['Sagsliste pr. 30-06'];
  values.push([...HEADER]);
  cases.forEach((c, i) => {
    const kr = Number(c.price) / 100;
    const date = (iso: string | null) =>
      iso === null
        ? null
        : textDates && i % 5 === 0
          ? `${iso.slice(8)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`
          : isoToSerial(iso);
    values.push([
      c.id,
      c.measure,
      date(c.start),
      date(c.end),
      c.per === 'month' ? kr : null,
      c.per === 'year' ? kr : null,
      c.per === 'day' ? kr : null,
      extra(c, i),
    ]);
  });
  return { sheets: [{ name: 'Sager', origin: { row: 0, col: 0 }, values }], activeSheet: 'Sager' };
}

const utcDay = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000;

/** The test's own arithmetic: day by day, kroner as an integer of øre × D, rounded half up once. */
function expected(cases: Made[], year: number, asOf: string) {
  const first = utcDay(`${year}-01-01`);
  const D = utcDay(`${year + 1}-01-01`) - first;
  const cut = utcDay(asOf);
  const perMeasure = new Map<string, { days: number; n: bigint; toDate: bigint; cases: number }>();
  for (const c of cases) {
    const m = perMeasure.get(c.measure) ?? { days: 0, n: 0n, toDate: 0n, cases: 0 };
    m.cases++;
    const perDay = c.per === 'day' ? c.price * BigInt(D) : c.per === 'month' ? c.price * 12n : c.price;
    for (let d = first; d < first + D; d++) {
      if (d < utcDay(c.start) || (c.end !== null && d > utcDay(c.end))) continue;
      m.days++;
      m.n += perDay;
      if (d <= cut) m.toDate += perDay;
    }
    perMeasure.set(c.measure, m);
  }
  const round = (n: bigint) => {
    const q = n / BigInt(D);
    return 2n * (n % BigInt(D)) >= BigInt(D) ? q + 1n : q;
  };
  const kr = (ore: bigint) => Number(ore) / 100;
  return new Map(
    [...perMeasure].map(([measure, m]) => [
      measure,
      {
        cases: m.cases,
        persons: Math.round((m.days / D) * 10_000) / 10_000,
        amount: kr(round(m.n)),
        toDate: kr(round(m.toDate)),
        restOfYear: kr(round(m.n) - round(m.toDate)),
      },
    ]),
  );
}

const listOf = (snapshot: WorkbookSnapshot): CaseList => {
  const lists = readCaseLists(new Grid(snapshot.sheets[0]));
  expect(lists).toHaveLength(1);
  return lists[0];
};

describe.each([
  [2024, '2024-06-30'], // a leap year
  [2023, '2023-09-15'],
])('the prognosis of %i as of %s', (year, asOf) => {
  const cases = makeCases(240, year);
  test('every measure to the øre and to 4 decimals of a person, worked out independently', () => {
    const list = listOf(sheetOf(cases));
    expect(list.findings).toEqual([]);
    expect(list.cases).toHaveLength(240);
    const p = prognosis(list.cases, year, asOf);
    const want = expected(cases, year, asOf);
    expect(p.measures.map((m) => m.measure).sort()).toEqual([...want.keys()].sort());
    for (const m of p.measures) {
      const w = want.get(m.measure)!;
      expect({
        measure: m.measure,
        cases: m.cases,
        persons: m.fullYearPersons.toNumber(),
        amount: m.amount.toNumber(),
        toDate: m.toDate.toNumber(),
        restOfYear: m.restOfYear.toNumber(),
      }).toEqual({ measure: m.measure, ...w });
      expect(m.averagePrice!.toNumber()).toBeCloseTo(m.amount.toNumber() / (m.fullYearPersons.toNumber() || 1), -2);
    }
    const sum = (f: (m: (typeof p.measures)[number]) => Decimal) =>
      p.measures.reduce((a, m) => a.plus(f(m)), new Decimal(0)).toNumber();
    expect(p.total.cases).toBe(240);
    // The total is rounded once from the exact sum: at most half an øre per measure from the parts.
    expect(Math.abs(p.total.amount.toNumber() - sum((m) => m.amount))).toBeLessThanOrEqual(0.02);
    expect(p.total.toDate.plus(p.total.restOfYear).equals(p.total.amount)).toBe(true);
  });
});

test('a case from before the year to after it counts the whole year: 365 or 366 days, one helårsborger', () => {
  for (const [year, days] of [
    [2024, 366],
    [2023, 365],
  ] as const) {
    const list = listOf(
      sheetOf([{ id: 'A', measure: 'Aflastning', start: `${year - 1}-05-01`, end: null, price: 100_000n, per: 'day' }]),
    );
    const p = prognosis(list.cases, year, `${year}-12-31`);
    expect(p.measures[0].fullYearPersons.toNumber()).toBe(1);
    expect(p.measures[0].amount.toNumber()).toBe(days * 1000);
    expect(p.measures[0].restOfYear.toNumber()).toBe(0);
  }
  // A monthly price for the whole year is twelve months, leap year or not.
  const month = listOf(
    sheetOf([
      { id: 'B', measure: 'Kontaktperson', start: '2020-01-01', end: '2030-01-01', price: 4_500_000n, per: 'month' },
    ]),
  );
  expect(prognosis(month.cases, 2024, '2024-03-31').measures[0].amount.toNumber()).toBe(540_000);
});

test('tilgang: each month after the as-of month adds its persons for min(varighed, months left)', () => {
  // As of 30 September: starts in October (3 months left), November (2), December (1); 6 months' duration.
  const persons = tilgangPersons({ perMonth: new Decimal(2), months: new Decimal(6) }, 9);
  expect(persons.toNumber()).toBe((2 * (3 + 2 + 1)) / 12);
  const list = listOf(
    sheetOf([{ id: 'A', measure: 'Aflastning', start: '2023-01-01', end: null, price: 36_500_000n, per: 'year' }]),
  );
  const p = prognosis(
    list.cases,
    2023,
    '2023-09-30',
    new Map([['Aflastning', { perMonth: new Decimal(2), months: new Decimal(6) }]]),
  );
  // At the measure's average price per helårsborger (365.000 kr.): 1 helårsborger × 365.000.
  expect(p.measures[0].tilgang.toNumber()).toBe(365_000);
  expect(p.measures[0].withTilgang.toNumber()).toBe(730_000);
  expect(p.measures[0].amount.toNumber()).toBe(365_000); // the known cases only
});

describe('the case list’s findings: raised, and the near miss that is not', () => {
  const base: Made = {
    id: 'S-1',
    measure: 'Aflastning',
    start: '2024-03-01',
    end: '2024-06-30',
    price: 100_000n,
    per: 'day',
  };
  const codes = (made: Made[], edit?: (values: CellValue[][]) => void) => {
    const s = sheetOf(made);
    edit?.(s.sheets[0].values);
    return listOf(s).findings.map((f) => `${f.code} ${f.cell}`);
  };
  test('an end before the start; the same day is a one-day case', () => {
    expect(codes([{ ...base, end: '2024-02-29' }], (v) => (v[3][3] = isoToSerial('2024-02-29')))).toEqual([
      'CASE_END_BEFORE_START D4',
    ]);
    expect(codes([{ ...base, end: base.start }])).toEqual([]);
  });
  test('no price or no measure; a price in any one of the columns is enough', () => {
    expect(codes([base], (v) => (v[3][6] = null))).toEqual(['CASE_NO_PRICE E4']);
    expect(codes([base], (v) => (v[3][1] = ''))).toEqual(['CASE_NO_MEASURE B4']);
    expect(codes([base], (v) => ((v[3][6] = null), (v[3][5] = 36_500)))).toEqual([]);
  });
  test('a date that cannot be read; 29 February of a leap year can', () => {
    expect(codes([base], (v) => (v[3][2] = '31-02-2024'))).toEqual(['NOT_A_DATE C4']);
    expect(codes([base], (v) => (v[3][2] = '29-02-2024'))).toEqual([]);
  });
  test('the same Sags-id twice in one measure overlapping; back to back, or in another measure, is not', () => {
    const next = { ...base, start: '2024-06-30', end: null };
    expect(codes([base, next])).toEqual(['CASE_OVERLAP A5']);
    expect(codes([base, { ...next, start: '2024-07-01' }])).toEqual([]);
    expect(codes([base, { ...next, measure: 'Kontaktperson' }])).toEqual([]);
  });
  test('CPR-like values: warned at the column, never printed; a number that is no date is no CPR number', () => {
    const cpr = sheetOf([base, { ...base, id: 'S-2' }], 2, (_c, i) => (i === 0 ? '010180-1234' : '0202801234'));
    const list = listOf(cpr);
    expect(list.findings.map((f) => `${f.code} ${f.cell}`)).toEqual(['CPR_LIKE H3']);
    expect(list.findings[0].message).not.toMatch(/0101|0202|1234/);
    expect(list.findings[0].message).toContain('2 værdier');
    expect(listOf(sheetOf([base], 2, () => '320180-1234')).findings).toEqual([]);
    expect(isCprLike('3112991234')).toBe(true);
    expect(isCprLike('311399-1234')).toBe(false);
  });
  test('a measure the activity forecast has no row for (info); one it has is matched by name', () => {
    const s = sheetOf([base, { ...base, id: 'S-2', measure: 'Dagbehandling' }]);
    const forecast: CellValue[][] = [
      [],
      ['Indsats', 'Budget helårsborgere', 'Budget gns. pris', 'Budget beløb'],
      ['aflastning', 1, 100_000, 100_000],
    ];
    s.sheets.push({ name: 'Aktivitet', origin: { row: 0, col: 0 }, values: forecast });
    const found = validateWorkbook(s).findings.filter((f) => f.code === 'CASE_MEASURE_UNMATCHED');
    expect(found.map((f) => `${f.cell} ${f.message}`)).toEqual([
      'B5 Indsatsen "Dagbehandling" findes ikke i aktivitetsprognosen ("Aktivitet"), så dens tal kan ikke overføres dertil.',
    ]);
  });
});

test('one case-list word alone is no case list: a ledger with "Sag", "Fra" and "Beløb"', () => {
  const values: CellValue[][] = [['Sag', 'Fra', 'Til', 'Beløb']];
  for (let i = 0; i < 50; i++) values.push([`Sag ${i}`, isoToSerial('2024-01-01'), null, 1000 + i]);
  const snapshot: WorkbookSnapshot = { sheets: [{ name: 'Poster', origin: { row: 0, col: 0 }, values }] };
  expect(readCaseLists(new Grid(snapshot.sheets[0]))).toEqual([]);
  expect(validateWorkbook(snapshot).tables.filter((t) => t.kind === 'case-list')).toEqual([]);
});

test('validate reads case lists as tables of their own, with their findings', () => {
  const result = validateWorkbook(
    sheetOf([{ id: 'S-1', measure: 'Aflastning', start: '2024-03-01', end: '2024-02-01', price: 1n, per: 'day' }]),
  );
  const table = result.tables.find((t) => t.kind === 'case-list')!;
  expect(table.range.startsWith('A3:')).toBe(true);
  expect(result.findings.map((f) => f.code)).toContain('CASE_END_BEFORE_START');
  expect(result.findings.map((f) => f.code)).not.toContain('NO_PLAN');
});

describe('handleplan prognose', () => {
  /** The case list as an .xlsx file, written cell by cell (dates as serials with a date format). */
  async function caseFile(cases: Made[], name: string, textDates = true): Promise<string> {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { Package } = await import('../src/xlsx/package');
    const { writePackage } = await import('../src/xlsx/write');
    const { blankPackage } = await import('../src/xlsx/blank');
    const { nodeDeflate, nodeInflate } = await import('../src/cli/zlib');
    const { toA1 } = await import('../src/core/model/a1');
    const values = sheetOf(cases, 2, () => null, textDates).sheets[0].values;
    const cells = values.flatMap((row, r) =>
      row.flatMap((v, c) =>
        v === null || v === undefined
          ? []
          : [
              {
                sheet: 'Sager',
                address: toA1(r, c),
                value: v as string | number,
                ...((c === 2 || c === 3) && typeof v === 'number' ? { numberFormat: 'dd-mm-yyyy' } : {}),
              },
            ],
      ),
    );
    const plan = { sheets: [{ action: 'create' as const, name: 'Sager', owned: false }], cells, charts: [] };
    const data = (
      await writePackage(new Package(blankPackage(nodeDeflate), nodeInflate), plan, { sheets: [] }, nodeDeflate)
    ).data;
    const path = join(mkdtempSync(join(tmpdir(), 'handleplan-prognose-')), name);
    writeFileSync(path, data);
    return path;
  }

  test('--json: the year, the as-of date, every measure and the total, as the core works them out', async () => {
    const { cli } = await import('./support/cli');
    const cases = makeCases(240, 2024);
    const file = await caseFile(cases, 'sager.xlsx');
    const r = await cli('prognose', file, '--year', '2024', '--as-of', '2024-06-30', '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['year', 'asOf', 'measures', 'total', 'findings']);
    expect([json.year, json.asOf, json.findings]).toEqual([2024, '2024-06-30', []]);
    const want = expected(cases, 2024, '2024-06-30');
    for (const m of json.measures) {
      const w = want.get(m.measure)!;
      expect([m.cases, m.fullYearPersons, m.amount, m.toDate, m.restOfYear]).toEqual([
        w.cases,
        w.persons,
        w.amount,
        w.toDate,
        w.restOfYear,
      ]);
      expect([m.tilgang, m.withTilgang]).toEqual([0, m.amount]);
    }
    expect(json.total.cases).toBe(240);
    // In Danish on a terminal: the table with its total row, and the counts.
    const text = await cli('prognose', file, '--year', '2024', '--as-of', '30-06-2024');
    expect(text.stdout).toMatch(/^Prognose 2024 for .*sager\.xlsx \(sagerne pr\. 30-06-2024\)/);
    expect(text.stdout).toMatch(/\nI alt +240 /);
  });

  test('-o: the workbook with its "Prognose YYYY" sheet beside the case list, the input left as it was', async () => {
    const { cli } = await import('./support/cli');
    const { readFileSync } = await import('node:fs');
    const { Package } = await import('../src/xlsx/package');
    const { readWorkbook } = await import('../src/xlsx/read');
    const { nodeInflate } = await import('../src/cli/zlib');
    const file = await caseFile(makeCases(30, 2024), 'sager.xlsx', false);
    const before = readFileSync(file);
    const out = file.replace(/sager\.xlsx$/, 'med-prognose.xlsx');
    const r = await cli('prognose', file, '--year', '2024', '--as-of', '2024-06-30', '-o', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`Arket "Prognose 2024" er skrevet i ${out}.`);
    expect(readFileSync(file).equals(before)).toBe(true);
    const written = await readWorkbook(new Package(new Uint8Array(readFileSync(out)), nodeInflate), { all: true });
    expect(written.sheets.map((s) => [s.name, s.ownedByAddin ?? false])).toEqual([
      ['Sager', false],
      ['Prognose 2024', true],
    ]);
    // Read again, the sheet is the add-in's own: the case list is counted once, its Grundlag not at all.
    const again = await cli('prognose', out, '--year', '2024', '--as-of', '2024-06-30', '--json');
    expect(JSON.parse(again.stdout).total.cases).toBe(30);
  });

  test('bad input: one Danish line and exit 2 — no case list, no year, a date that is none', async () => {
    const { cli } = await import('./support/cli');
    // A workbook with a plan and no case list.
    const file = join(__dirname, '../examples/handleplan-slagelse-2021.xlsx');
    const cases = await caseFile(makeCases(3, 2024), 'tre.xlsx');
    for (const [args, message] of [
      [[cases, '--year', '2024', '--as-of', '2024-02-31'], /--as-of "2024-02-31" er ingen dato/],
      [[cases], /Mangler året \(--year ÅÅÅÅ\)/],
    ] as const) {
      const r = await cli('prognose', ...args);
      expect([r.code, r.stdout]).toEqual([2, '']);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.split('\n')).toHaveLength(1);
    }
    const none = await cli('prognose', file, '--year', '2024');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^Der blev ikke fundet nogen sagsliste i ".*handleplan-slagelse-2021\.xlsx"/);
  });
});

test('the "Prognose" sheet: live formulas over the case list that LibreOffice works out to the core’s figures', async () => {
  const { requireLibreOffice, recalculate } = await import('./support/libreoffice');
  const { validatePackages } = await import('./support/ooxml');
  const { writeFileSync, readFileSync, mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { Package } = await import('../src/xlsx/package');
  const { writePackage } = await import('../src/xlsx/write');
  const { readWorkbook } = await import('../src/xlsx/read');
  const { nodeDeflate, nodeInflate } = await import('../src/cli/zlib');
  const { buildPrognosisSheet } = await import('../src/core/build/prognosisSheet');
  const { blankPackage } = await import('../src/xlsx/blank');
  const { toA1, parseA1 } = await import('../src/core/model/a1');
  requireLibreOffice();
  const year = 2024;
  const asOf = '2024-09-30';
  const cases = makeCases(220, year);
  const snapshot = sheetOf(cases, 2, () => null, false);
  const list = listOf(snapshot);
  // Expected new cases in two measures: one at its known price, one at a price of its own.
  const tilgang = new Map([
    [MEASURES[1], { perMonth: new Decimal(2), months: new Decimal(4) }],
    [MEASURES[2], { perMonth: new Decimal(1.5), months: new Decimal(2.5), price: new Decimal(61_000) }],
  ]);
  const p = prognosis(list.cases, year, asOf, tilgang);
  const built = buildPrognosisSheet(list, p, snapshot, tilgang);
  // The case list itself, then the sheet, written into one workbook.
  const caseCells = snapshot.sheets[0].values.flatMap((row, r) =>
    row.flatMap((v, c) =>
      v === null || v === undefined ? [] : [{ sheet: 'Sager', address: toA1(r, c), value: v as string | number }],
    ),
  );
  const base = (
    await writePackage(
      new Package(blankPackage(nodeDeflate), nodeInflate),
      { sheets: [{ action: 'create', name: 'Sager', owned: false }], cells: caseCells, charts: [] },
      { sheets: [] },
      nodeDeflate,
    )
  ).data;
  const pkg = new Package(base, nodeInflate);
  const data = (await writePackage(pkg, built.plan, await readWorkbook(pkg, { all: true }), nodeDeflate)).data;
  expect((await validatePackages([{ label: 'prognose.xlsx', data }])).get('prognose.xlsx')).toEqual({
    schema: [],
    rules: [],
  });
  const file = join(mkdtempSync(join(tmpdir(), 'handleplan-prognose-lo-')), 'prognose.xlsx');
  writeFileSync(file, data);
  const recalculated = await readWorkbook(new Package(new Uint8Array(readFileSync(recalculate(file))), nodeInflate), {
    all: true,
  });
  const g = new Grid(recalculated.sheets.find((s) => s.name === 'Prognose 2024')!);
  expect(built.expected.size).toBeGreaterThan(40);
  const mismatches: string[] = [];
  for (const [address, want] of built.expected) {
    const { row, col } = parseA1(address);
    const got = g.value(row, col);
    // Persons are kept to 4 decimals by the core; kroner to the øre.
    const tolerance = col === 2 ? 0.00005 : 0.005;
    if (typeof got !== 'number' || Math.abs(got - want.toNumber()) > tolerance)
      mismatches.push(`${address}: LibreOffice ${JSON.stringify(got)}, core ${want.toString()}`);
  }
  expect(mismatches).toEqual([]);
  // The tilgang is there, and the Grundlag below holds every case.
  expect(p.total.tilgang.toNumber()).toBeGreaterThan(0);
  expect(g.text(built.grundlagRow - 1, 0)).toBe('Grundlag pr. 30-09-2024');
  expect(g.text(built.grundlagRow + 220, 0)).toBe(cases[219].id);
}, 120_000);

test('since the last prognosis: tilgang, afgang and ændringer add up exactly to the change, measure by measure', async () => {
  const { cli } = await import('./support/cli');
  const { readFileSync, writeFileSync, mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { Package } = await import('../src/xlsx/package');
  const { readWorkbook } = await import('../src/xlsx/read');
  const { writePackage } = await import('../src/xlsx/write');
  const { blankPackage } = await import('../src/xlsx/blank');
  const { nodeDeflate, nodeInflate } = await import('../src/cli/zlib');
  const { toA1 } = await import('../src/core/model/a1');
  const dir = mkdtempSync(join(tmpdir(), 'handleplan-bridge-'));
  const may = makeCases(120, 2024);
  const cellsOf = (cases: Made[], rows: number) => {
    const values = sheetOf(cases, 2, () => null, false).sheets[0].values;
    const out = [];
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < HEADER.length; c++)
        out.push({ sheet: 'Sager', address: toA1(r, c), value: (values[r]?.[c] ?? null) as string | number | null });
    return out;
  };
  const first = join(dir, 'maj.xlsx');
  const blank = new Package(blankPackage(nodeDeflate), nodeInflate);
  const plan = {
    sheets: [{ action: 'create' as const, name: 'Sager', owned: false }],
    cells: cellsOf(may, 123),
    charts: [],
  };
  writeFileSync(first, (await writePackage(blank, plan, { sheets: [] }, nodeDeflate)).data);
  const withPrognosis = join(dir, 'maj-med-prognose.xlsx');
  expect((await cli('prognose', first, '--year', '2024', '--as-of', '2024-05-31', '-o', withPrognosis)).code).toBe(0);
  const earlier = JSON.parse(
    (await cli('prognose', first, '--year', '2024', '--as-of', '2024-05-31', '--json')).stdout,
  );

  // August's extract: the last 10 cases have ended (gone), case 3 got a new price, case 7 new dates,
  // and 15 new cases came.
  const august = may
    .slice(0, 110)
    .map((c, i) =>
      i === 3 ? { ...c, price: c.price + 12_345n } : i === 7 ? { ...c, start: '2024-03-01', end: '2024-10-15' } : c,
    );
  const newcomers = makeCases(15, 2025).map((c, i) => ({ ...c, id: `N-${i}`, start: '2024-07-01' }));
  const edited = [...august, ...newcomers];
  const pkg = new Package(new Uint8Array(readFileSync(withPrognosis)), nodeInflate);
  const before = await readWorkbook(pkg, { all: true });
  const second = join(dir, 'august.xlsx');
  const patch = { sheets: [], cells: cellsOf(edited, 3 + edited.length), charts: [] };
  writeFileSync(second, (await writePackage(pkg, patch, before, nodeDeflate)).data);

  const r = await cli('prognose', second, '--year', '2024', '--as-of', '2024-08-31', '--json');
  expect(r.code).toBe(0);
  const json = JSON.parse(r.stdout);
  expect(json.since.asOf).toBe('2024-05-31');
  const ore = (n: number) => Math.round(n * 100);
  for (const m of json.since.measures) {
    const was = earlier.measures.find((x: { measure: string }) => x.measure === m.measure);
    const is = json.measures.find((x: { measure: string }) => x.measure === m.measure);
    expect(ore(m.before.amount)).toBe(ore(was?.amount ?? 0));
    expect(ore(m.now.amount)).toBe(ore(is?.amount ?? 0));
    // Exactly, in whole øre: before + tilgang + afgang + ændringer = now.
    expect(ore(m.before.amount) + ore(m.tilgang.amount) + ore(m.afgang.amount) + ore(m.changes.amount)).toBe(
      ore(m.now.amount),
    );
    const p4 = (n: number) => Math.round(n * 10_000);
    expect(
      p4(m.before.fullYearPersons) +
        p4(m.tilgang.fullYearPersons) +
        p4(m.afgang.fullYearPersons) +
        p4(m.changes.fullYearPersons),
    ).toBe(p4(m.now.fullYearPersons));
  }
  // The parts are what changed: the newcomers' amount, the gone cases' amount, two cases changed.
  const sumOf = (cases: Made[]) =>
    [...expected(cases, 2024, '2024-08-31').values()].reduce((a, w) => a + ore(w.amount), 0);
  expect(Math.abs(ore(json.since.total.tilgang.amount) - sumOf(newcomers))).toBeLessThanOrEqual(4);
  expect(Math.abs(ore(json.since.total.afgang.amount) + sumOf(may.slice(110)))).toBeLessThanOrEqual(4);
  expect(json.since.total.changes.amount).not.toBe(0);
  expect(ore(json.total.amount) - ore(earlier.total.amount)).toBe(
    ore(json.since.total.tilgang.amount) + ore(json.since.total.afgang.amount) + ore(json.since.total.changes.amount),
  );
});

test('an earlier prognosis sheet gives back its Grundlag, its as-of date and the tilgang typed into it', async () => {
  const { buildPrognosisSheet } = await import('../src/core/build/prognosisSheet');
  const { snapshotOfPlan } = await import('./support/bigWorkbooks');
  const { readEarlierPrognosis } = await import('../src/core/tables/earlierPrognosis');
  const snapshot = sheetOf(makeCases(40, 2024), 2, () => null, false);
  const list = listOf(snapshot);
  const tilgang = new Map([
    [MEASURES[0], { perMonth: new Decimal(1), months: new Decimal(3), price: new Decimal(90_000) }],
  ]);
  const built = buildPrognosisSheet(list, prognosis(list.cases, 2024, '2024-04-30', tilgang), snapshot, tilgang);
  const sheet = { ...snapshotOfPlan(built.plan).sheets[0], ownedByAddin: true };
  const earlier = readEarlierPrognosis({ sheets: [...snapshot.sheets, sheet] }, 2024)!;
  expect(earlier.asOf).toBe('2024-04-30');
  expect(earlier.cases.map((c) => [c.id, c.start, c.end, c.price.toNumber(), c.per])).toEqual(
    list.cases.map((c) => [c.id, c.start, c.end, c.price.toNumber(), c.per]),
  );
  expect(
    [...earlier.tilgang].map(([m, t]) => [m, t.perMonth.toNumber(), t.months.toNumber(), t.price?.toNumber()]),
  ).toEqual([[MEASURES[0], 1, 3, 90_000]]);
  // A user's sheet of that name is no earlier prognosis.
  expect(readEarlierPrognosis({ sheets: [...snapshot.sheets, { ...sheet, ownedByAddin: false }] }, 2024)).toBeNull();
});

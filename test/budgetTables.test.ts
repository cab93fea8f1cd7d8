/**
 * Budget follow-up tables as municipalities publish them, with their figures (figures are facts;
 * each fixture names its source). The verdicts are worked out by hand in the comments, rounding
 * within and beyond the bound included. The Ballerup 2024 budget status and the Randers 2023
 * carry-forward table (the seeds) are in otherTables.test.ts.
 */
import ExcelJS from 'exceljs';
import { columnRole, legendSign } from '../src/core/tables/budgetTables';
import { validateWorkbook } from '../src/core/validate';
import { statedUnit } from '../src/core/text/labels';
import { roundTrip } from './support/workbooks';

type Rows = (string | number | null)[][];

async function validateRows(rows: Rows, sheet = 'Opfølgning') {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  rows.forEach((r, i) =>
    r.forEach((v, j) => {
      if (v !== null) ws.getCell(i + 1, j + 1).value = v;
    }),
  );
  return validateWorkbook(await roundTrip(wb));
}

const verdict = (r: Awaited<ReturnType<typeof validateRows>>) =>
  r.findings.map((f) => `${f.severity}:${f.code}@${f.cell}`);

/**
 * "Godkendelse af budgetopfølgning 3 - 2025 pr. 31. oktober", resultatopgørelse (mio. kr.),
 * monrad.app/agenda_items/49699. Columns: oprindeligt budget, korrigeret budget, forventet
 * regnskab, forventet afvigelse (forventet − korrigeret), afvigelse i % (not checked).
 */
const RESULTATOPGORELSE: Rows = [
  [
    'Resultatopgørelse (mio. kr.)',
    'Oprindeligt budget 2025',
    'Korrigeret budget 2025 pr. 31. oktober',
    'Forventet regnskab 2025 pr. 31. oktober',
    'Forventet afvigelse til korrigeret budget',
    'Afvigelse til korrigeret budget i %',
  ],
  ['DET SKATTEFINANSIEREDE OMRÅDE'],
  ['Indtægter'],
  ['Skatter', -2093.8, -2093.8, -2091.7, 2.1, '0,1%'],
  ['Generelle tilskud mv.', -988.8, -974.2, -980.9, -6.7, '0,7%'],
  ['Indtægter i alt', -3082.7, -3068.0, -3072.6, -4.6, '0,1%'],
  ['Driftsudgifter (ekskl. Forsyningsvirksomhed)'],
  ['Børne- og Familieudvalget', 768.2, 769.5, 771.0, 1.5, '0,2%'],
  ['Kultur-, Fritids- og Landdistriktsudvalget', 48.2, 68.5, 60.0, -8.5, '12,5%'],
  ['Beskæftigelsesudvalget', 762.0, 761.6, 761.6, 0.0, '0,0%'],
  ['Social- og Sundhedsudvalget', 949.2, 948.1, 950.2, 2.1, '0,2%'],
  ['Teknik- og Miljøudvalget', 61.0, 62.8, 64.2, 1.4, '2,3%'],
  ['Økonomiudvalget', 357.9, 372.7, 368.2, -4.4, '1,2%'],
  ['Driftsudgifter i alt', 2946.6, 2983.3, 2975.3, -8.0, '0,3%'],
  ['Driftsresultat før finansiering', -136.0, -84.7, -97.3, -12.6, '14,8%'],
  ['Renter mv.', 7.2, 7.2, -1.8, -9.0, '124,7%'],
  ['-'],
  ['Resultat af ordinær driftsvirksomhed', -128.8, -77.5, -99.0, -21.6, '27,8%'],
  ['Anlægsudgifter (ekskl. Forsyningsvirksomhed)'],
  ['Børne- og Familieudvalget', 20.8, 23.5, 21.5, -2.0, '8,5%'],
];

describe('a published resultatopgørelse in mio. kr. with one decimal', () => {
  test('as printed: rounding differences are warnings, never errors', async () => {
    // By hand (bound: 0,05 per rounded figure involved, the stated result included):
    //   Økonomiudvalget: 368,2 − 372,7 = −4,5, printed −4,4: 0,1 ≤ 3 × 0,05 → warning at E13
    //   Resultat af ordinær drift: −99,0 − (−77,5) = −21,5, printed −21,6: 0,1 ≤ 0,15 → E18
    //   Indtægter i alt, oprindeligt: −2.093,8 − 988,8 = −3.082,6, printed −3.082,7 → B6
    //   Driftsudgifter i alt (six rows, bound 7 × 0,05 = 0,35):
    //     oprindeligt 2.946,5 (printed 2.946,6) → B14; korrigeret 2.983,2 (2.983,3) → C14;
    //     forventet 2.975,2 (2.975,3) → D14; afvigelse −7,9 (−8,0) → E14
    //   Every other deviation is forventet − korrigeret exactly.
    const r = await validateRows(RESULTATOPGORELSE);
    expect(r.tables.map((t) => [t.kind, t.summary.unit, t.summary.sign])).toEqual([
      ['budget-status', 'mio. kr.', 'forventet − budget'],
    ]);
    expect(verdict(r).sort()).toEqual(
      [
        'warning:ROUNDING_DIFFERENCE@E13',
        'warning:ROUNDING_DIFFERENCE@E18',
        'warning:ROUNDING_DIFFERENCE@B6',
        'warning:ROUNDING_DIFFERENCE@B14',
        'warning:ROUNDING_DIFFERENCE@C14',
        'warning:ROUNDING_DIFFERENCE@D14',
        'warning:ROUNDING_DIFFERENCE@E14',
      ].sort(),
    );
    expect(r.findings.find((f) => f.cell === 'E13')!.message).toMatch(
      /^Afrundingsdifference: .*-4,5 mio\. kr\. Forskellen på 0,1/,
    );
  });

  test('beyond the bound it is an error: Økonomiudvalget −4,2 is 0,3 from −4,5', async () => {
    const rows = RESULTATOPGORELSE.map((r) => [...r]);
    rows[12][4] = -4.2;
    const r = await validateRows(rows);
    const e = r.findings.find((f) => f.cell === 'E13')!;
    expect([e.severity, e.code, e.expected?.toNumber(), e.actual?.toNumber()]).toEqual([
      'error',
      'DEVIATION_MISMATCH',
      -4.5,
      -4.2,
    ]);
    // The total's deviation: −7,7 against −8,0 is 0,3 ≤ 0,35 — still within the bound.
    expect(r.findings.find((f) => f.cell === 'E14')!.code).toBe('ROUNDING_DIFFERENCE');
  });

  test('the bound is inclusive, and a table in whole kroner is checked to the krone', async () => {
    const inclusive: Rows = [
      ['(mio. kr.)', 'Korrigeret budget', 'Forventet regnskab', 'Afvigelse'],
      ['Familieområdet', 10.0, 10.2, 0.35], // 0,2 + 3 × 0,05 = 0,35: on the bound
      ['Dagtilbud', 5.0, 5.0, 0.16], // 0,16 > 0,15 (two decimals shown: bound 0,015) → error
    ];
    const r = await validateRows(inclusive);
    // With two decimals shown the bound is 3 × 0,005 = 0,015: 0,35 − 0,2 = 0,15 > 0,015 → error.
    expect(verdict(r)).toEqual(['error:DEVIATION_MISMATCH@D2', 'error:DEVIATION_MISMATCH@D3']);
    const oneDecimal: Rows = [
      ['(mio. kr.)', 'Korrigeret budget', 'Forventet regnskab', 'Afvigelse'],
      ['Familieområdet', 10.0, 10.3, 0.45], // not one decimal: read with two → beyond
    ];
    expect(verdict(await validateRows(oneDecimal))).toEqual(['error:DEVIATION_MISMATCH@D2']);
    const kroner: Rows = [
      ['Kr.', 'Korrigeret budget', 'Forventet regnskab', 'Afvigelse'],
      ['Familieområdet', 9_400_000, 9_400_001, 0],
    ];
    expect(verdict(await validateRows(kroner))).toEqual(['error:DEVIATION_MISMATCH@D2']);
  });
});

/**
 * Københavns Kommune, Børne- og Ungdomsudvalget 11.03.2026, "Regnskab 2025", Tabel 1:
 * regnskabsresultatet for 2025 fordelt på bevillingsområder (mio. kr.), kk.dk.
 */
const KK_BUU_2025: Rows = [
  ['Tabel 1: Regnskabsresultatet for 2025 fordelt på bevillingsområder (mio. kr.)'],
  [null, 'Ordinær drift', 'Uforbrugte midler', 'Resultat 2025'],
  ['Dagtilbud', -40.4, 55.4, 15.0],
  ['Dagtilbud special', 7.2, 1.8, 9.0],
  ['Undervisning', -20.1, 71.2, 51.1],
  ['Specialundervisning', -22.3, 18.5, -3.9],
  ['Sundhed', 5.0, 26.6, 31.6],
  ['Administration', -2.2, 11.0, 8.8],
  ['I alt', -72.8, 184.3, 111.5],
];

describe('a published result table with an "I alt" row (mio. kr.)', () => {
  test('as printed: two column totals differ within the rounding bound', async () => {
    // Ordinær drift: −40,4 + 7,2 − 20,1 − 22,3 + 5,0 − 2,2 = −72,8 ✓
    // Uforbrugte midler: 55,4 + 1,8 + 71,2 + 18,5 + 26,6 + 11,0 = 184,5, printed 184,3:
    //   0,2 ≤ 7 × 0,05 = 0,35 → warning at C9
    // Resultat: 15,0 + 9,0 + 51,1 − 3,9 + 31,6 + 8,8 = 111,6, printed 111,5 → warning at D9
    const r = await validateRows(KK_BUU_2025);
    expect(verdict(r)).toEqual(['warning:ROUNDING_DIFFERENCE@C9', 'warning:ROUNDING_DIFFERENCE@D9']);
  });

  test('a figure off by more than the bound is an error', async () => {
    const rows = KK_BUU_2025.map((r) => [...r]);
    rows[8][2] = 183.9; // 0,6 from 184,5
    expect(verdict(await validateRows(rows))).toEqual([
      'error:TABLE_TOTAL_MISMATCH@C9',
      'warning:ROUNDING_DIFFERENCE@D9',
    ]);
  });
});

/**
 * Herning Kommune, Børne- og Familieudvalget, "Regnskab, målopfølgning og genbevillinger 2025"
 * (monrad.app/agenda_items/120844): "Der søges overført i alt 13,9 mio. kr. fordelt med
 * -8,6 mio. kr. til 2026 og 22,5 mio. kr. til 2027"; the sign legend from the same municipality's
 * budget follow-up pr. 31/8 2020 ("Afvigelser, som fremgår med positive beløb, er mindreforbrug,
 * mens merforbrug fremgår som negative beløb").
 */
describe('Herning: overførsler and a legend with the other sign', () => {
  test('the overførsler add up', async () => {
    const rows: Rows = [
      ['Overførsler fra 2025 (mio. kr.)', 'Drift'],
      ['Til 2026', -8.6],
      ['Til 2027', 22.5],
      ['I alt', 13.9],
    ];
    const r = await validateRows(rows);
    expect(r.tables.map((t) => t.kind)).toEqual(['count-table']);
    expect(r.findings).toEqual([]);
  });

  test('by the legend, afvigelse = budget − forventet: right rows hold, a row in the other sign is wrong', async () => {
    const rows: Rows = [
      ['Forventet regnskab, drift, pr. 31. august 2020 (mio. kr.)'],
      ['Afvigelser, som fremgår med positive beløb, er mindreforbrug, mens merforbrug fremgår som negative beløb.'],
      ['Område', 'Korrigeret budget 2020', 'Forventet regnskab 2020', 'Afvigelse'],
      ['Skoler', 700.0, 680.0, 20.0],
      ['Dagtilbud', 400.0, 389.6, 10.4],
      ['Børn og familie', 300.0, 302.0, 2.0], // merforbrug of 2,0 must be −2,0
    ];
    const r = await validateRows(rows);
    expect(r.tables[0].summary).toEqual(expect.objectContaining({ sign: 'budget − forventet', signFromLegend: true }));
    expect(verdict(r)).toEqual(['error:DEVIATION_MISMATCH@D6']);
    expect(r.findings[0].expected?.toNumber()).toBe(-2);
  });
});

describe('the vocabulary of published follow-ups', () => {
  test.each([
    ['Korrigeret budget 2025', 'budget'],
    ['Korr. budget', 'budget'],
    ['Oprindeligt budget', 'original'],
    ['Vedtaget budget 2026', 'original'],
    ['Forventet regnskab 2025 pr. 31. oktober', 'forecast'],
    ['FR', 'forecast'],
    ['1. FR', 'forecast'],
    ['Forventet forbrug', 'forecast'],
    ['Forbrug ultimo marts', 'other'],
    ['Regnskab', 'actual'],
    ['Afvigelse', 'deviation'],
    ['Mer-/mindreforbrug', 'deviation'],
    ['Nettoafvigelse', 'deviation'],
    ['Tillægsbevillinger', 'supplement'],
    ['Afvigelse efter TB', 'afterTb'],
    ['Afvigelse til korrigeret budget i %', null],
  ])('%s is %s', (header, role) => {
    expect(columnRole(header.toLowerCase())).toBe(role);
  });

  test.each([
    ['(+)=merforbrug (-)=mindreforbrug', 1],
    ['merforbrug + / Mindreforbrug -', 1],
    ['Prognose angivet i kr. (- angiver mindreforbrug)', 1],
    ['N.B. I afvigelseskolonnerne yderst til højre er negative tal merudgifter og positive tal er mindreudgifter.', -1],
    ['(-) = merforbrug, (+) = mindreforbrug', -1],
    ['Afvigelse', null],
  ])('the legend "%s" gives the sign %s', (text, sign) => {
    expect(legendSign(text)).toBe(sign);
  });

  test.each([
    ['Serviceudgifter (1.000 kr.)', 1000],
    ['Hele 1.000 kr.', 1000],
    ['Beløb i t.kr.', 1000],
    ['Resultatopgørelse (mio. kr.)', 1_000_000],
    ['Budget 2024', null],
  ])('the unit of "%s" is %s', (text, unit) => {
    expect(statedUnit(text)).toBe(unit);
  });
});

describe('the budget chain, U/I/N rows and group totals above their rows', () => {
  test('oprindeligt + tillæg = korrigeret; netto = udgift + indtægt; a group total above its rows', async () => {
    const rows: Rows = [
      [
        'Børneudvalget (1.000 kr.)',
        'U/I',
        'Oprindeligt budget',
        'Tillægsbevillinger',
        'Korrigeret budget',
        'Forventet regnskab',
        'Afvigelse',
      ],
      ['Tilbud til børn og unge med særlige behov', 'N', 150000, 5000, 155000, 160000, 5000],
      ['Opholdssteder m.v.', 'U', 60000, 2000, 62000, 65000, 3000],
      ['Opholdssteder m.v.', 'I', -5000, 0, -5000, -5500, -500],
      ['Opholdssteder m.v.', 'N', 55000, 2000, 57000, 59500, 2500],
      ['Forebyggende foranstaltninger', 'U', 95000, 3000, 98000, 100500, 2500],
      ['Forebyggende foranstaltninger', 'N', 95000, 3000, 98000, 100500, 2500],
      ['I alt', 'N', 150000, 5000, 155000, 160000, 5000],
    ];
    const r = await validateRows(rows);
    expect(r.tables[0].summary).toEqual(expect.objectContaining({ unit: '1.000 kr.', markers: true }));
    expect(r.findings).toEqual([]);

    // One wrong figure each: the chain (E3), a netto row (F5), the group total above (C2).
    const wrong = rows.map((x) => [...x]);
    wrong[2][4] = 62500; // 60.000 + 2.000 = 62.000
    wrong[4][5] = 60500; // 65.000 − 5.500 = 59.500
    wrong[1][2] = 151000; // 55.000 + 95.000 = 150.000
    const w = await validateRows(wrong);
    expect(verdict(w)).toEqual(
      expect.arrayContaining([
        'error:BUDGET_CHAIN_MISMATCH@E3',
        'error:NET_MISMATCH@F5',
        'error:GROUP_TOTAL_MISMATCH@C2',
      ]),
    );
  });

  test('an Afvigelse column without budget and forecast to pair is an info, never "ingen handleplan"', async () => {
    const r = await validateRows([
      ['Område', 'Forbrug ultimo marts', 'Afvigelse'],
      ['Familieområdet', 1200, 300],
    ]);
    expect(verdict(r)).toEqual(['info:UNPAIRED_DEVIATION@C1']);
    expect(r.findings.some((f) => f.code === 'NO_PLAN')).toBe(false);
  });
});

describe('a percentage computed from rounded prices', () => {
  const table = (stated: string): Rows => [
    ['Gennemsnitspriser (1.000 kr.)', 2023, 2024, 'Prisudvikling'],
    ['Plejefamilie', 500, 505, stated],
  ];
  test('within what the rounded prices allow it is a rounding difference (a warning)', async () => {
    // 500 → 505 is 1,0 %; the prices before rounding lie in [499,5; 500,5] and [504,5; 505,5],
    // so the change lies in [0,80 %; 1,20 %]: "1,2 %" can be right.
    expect(verdict(await validateRows(table('1,2 %')))).toEqual(['warning:ROUNDING_DIFFERENCE@D2']);
    expect(verdict(await validateRows(table('1,0 %')))).toEqual([]);
  });
  test('beyond it, an error', async () => {
    expect(verdict(await validateRows(table('1,5 %')))).toEqual(['error:PRICE_DEVELOPMENT_MISMATCH@D2']);
  });
});

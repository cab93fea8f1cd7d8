import ExcelJS from 'exceljs';
import { parseA1 } from '../src/core/model/a1';
import { validateWorkbook } from '../src/core/validate';
import { cli } from './support/cli';
import { BALLERUP } from './support/published';
import { roundTrip } from './support/workbooks';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The Randers 2023 carry-forward table (mio. kr.), from the seed document. */
const RANDERS: (string | number | null)[][] = [
  ['Mio. kr.', 2023, 2024, 2025, 2026, 2027, 2028],
  ['Overført fra tidligere år', 16.4, 28.4, 32.2, 32.2, 27.8, 20.4],
  ['Fokus på plejefamilier (1)', 0.5, -0.8, -2.6, -5.0, -5.0, -5.0],
  ['Spiseforstyrrelse (2)', -0.5, -1.2, -1.2, -1.2, -1.2, -1.2],
  ['Investering i egne tilbud (3)', 2.0, -1.2, -1.2, -1.2, -1.2, -1.2],
  ['Øvrige initiativer:', 10.0, 7.0, 5.0, 3.0, 0.0, 0.0],
  ['- Støttet samvær (4)', null, null, null, null, null, null],
  ['- Familiebehandling/indsatser (5)', null, null, null, null, null, null],
  ['Overførsel til efterfølgende år', 28.4, 32.2, 32.2, 27.8, 20.4, 13.0],
];

async function workbookWith(rows: (string | number | null)[][], at = 'B3', sheet = 'Økonomi') {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  const { row, col } = parseA1(at);
  rows.forEach((r, i) =>
    r.forEach((v, j) => {
      if (v !== null) ws.getCell(row + 1 + i, col + 1 + j).value = v;
    }),
  );
  return roundTrip(wb);
}

describe('CARRY_MISMATCH (the Randers carry-forward table)', () => {
  test('the real table holds', async () => {
    const result = validateWorkbook(await workbookWith(RANDERS));
    expect(result.findings).toEqual([]);
    expect(result.tables).toEqual([
      expect.objectContaining({
        kind: 'multi-year',
        range: 'B3:H11',
        summary: expect.objectContaining({
          years: [2023, 2024, 2025, 2026, 2027, 2028],
          unit: 'mio. kr.',
          carryIn: 16.4,
          carryOut: 13,
        }),
      }),
    ]);
  });

  test('one wrong carry-out is one finding, at that cell', async () => {
    const rows = RANDERS.map((r) => [...r]);
    rows[8][3] = 32.0;
    const { findings } = validateWorkbook(await workbookWith(rows));
    expect(findings.map((f) => [f.code, f.severity, f.cell, f.expected?.toNumber(), f.actual?.toNumber()])).toEqual([
      ['CARRY_MISMATCH', 'error', 'E11', 32.2, 32],
    ]);
  });

  test('one wrong carry-in is one finding, at that cell', async () => {
    const rows = RANDERS.map((r) => [...r]);
    rows[1][4] = '31,2';
    const { findings } = validateWorkbook(await workbookWith(rows));
    expect(findings.map((f) => [f.code, f.cell, f.expected?.toNumber()])).toEqual([['CARRY_MISMATCH', 'F4', 32.2]]);
  });
});

describe('DEVIATION_MISMATCH (the Ballerup budget status)', () => {
  test('the printed figures: two deviations are not Prognose − Budget, and the group totals do not add up', async () => {
    const { findings, tables } = validateWorkbook(await workbookWith(BALLERUP, 'A1', 'Status'));
    expect(tables.map((t) => [t.kind, t.range])).toEqual([['budget-status', 'A1:D7']]);
    // Worked out by hand from the seed: "inden for servicerammen" is printed above its three rows
    // (85.465.000 + 84.365.701 + 858.000 = 170.688.701, not 170.038.701; prognose 90.825.314 +
    // 87.525.982 + 1.035.070 = 179.386.366, not 178.786.371); "Samlet" is inden for + uden for
    // (170.038.701 − 14.550.151 = 155.488.550; 178.786.371 − 7.328.452 = 171.457.919). D2 is
    // wrong both ways, and reported once. D7 = 8.747.665 + 7.149.548 holds.
    expect(findings.map((f) => [f.code, f.severity, f.cell, f.expected?.toNumber(), f.actual?.toNumber()])).toEqual([
      ['DEVIATION_MISMATCH', 'error', 'D2', 8747670, 8747665],
      ['DEVIATION_MISMATCH', 'error', 'D6', 7221699, 7149548],
      ['GROUP_TOTAL_MISMATCH', 'error', 'B2', 170688701, 170038701],
      ['GROUP_TOTAL_MISMATCH', 'error', 'C2', 179386366, 178786371],
      ['GROUP_TOTAL_MISMATCH', 'error', 'B7', 155488550, 155560701],
      ['GROUP_TOTAL_MISMATCH', 'error', 'C7', 171457919, 171457914],
    ]);
    expect(findings[0].message).toContain('8.747.670');
  });

  test('near miss: the same table with consistent figures holds', async () => {
    const rows = BALLERUP.map((r) => [...r]);
    // Budget and prognose of the group from its rows, deviations = prognose − budget, Samlet = the sum.
    rows[1] = [rows[1][0], 170688701, 179386366, 179386366 - 170688701];
    rows[5][3] = 7221699;
    rows[6] = [rows[6][0], 170688701 - 14550151, 179386366 - 7328452, 179386366 - 170688701 + 7221699];
    expect(validateWorkbook(await workbookWith(rows, 'A1', 'Status')).findings).toEqual([]);
  });

  test('the command line reports both tables with their kinds', async () => {
    const wb = new ExcelJS.Workbook();
    const a = wb.addWorksheet('Overførsel');
    RANDERS.forEach((r) => a.addRow(r));
    const b = wb.addWorksheet('Status');
    BALLERUP.forEach((r) => b.addRow(r));
    const file = join(mkdtempSync(join(tmpdir(), 'handleplan-other-')), 'tabeller.xlsx');
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    const r = await cli('validate', file, '--json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.tables.map((t: { kind: string; sheet: string }) => [t.kind, t.sheet])).toEqual([
      ['multi-year', 'Overførsel'],
      ['budget-status', 'Status'],
    ]);
    expect(json.findings.map((f: { code: string }) => f.code)).toEqual([
      'DEVIATION_MISMATCH',
      'DEVIATION_MISMATCH',
      'GROUP_TOTAL_MISMATCH',
      'GROUP_TOTAL_MISMATCH',
      'GROUP_TOTAL_MISMATCH',
      'GROUP_TOTAL_MISMATCH',
    ]);
  });
});

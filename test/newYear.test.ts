import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cli } from './support/cli';
import { buildNewYear } from '../src/core/build/newYear';
import { validateWorkbook } from '../src/core/validate';
import { OfficeWorkbookAdapter } from '../src/excel/officeAdapter';
import { changedCells, cellMap } from './support/cells';
import { modelWithPlan } from './support/excelFixtures';
import { openWithExcelJs, planWorkbook, readBytes, xlsxBuffer } from './support/workbooks';

/** The date the tests write on (the builders never read the clock). */
const TODAY = '2026-12-03';

const ROOT = resolve(__dirname, '..');
const EXAMPLE = join(ROOT, 'examples/handleplan-slagelse-2021.xlsx');
const tmp = mkdtempSync(join(tmpdir(), 'handleplan-newyear-'));

const open = async (file: string) => readBytes(readFileSync(file));
const cell = (s: Awaited<ReturnType<typeof open>>, sheet: string, a: string) => {
  const v = cellMap(s, sheet).get(a);
  return v ? JSON.parse(v)[0] : null;
};

describe('handleplan new-year', () => {
  test('from the 2021 example with --even: Handleplan 2022, 310.000 a month for initiative 1, only NO_TARGET', async () => {
    const out = join(tmp, 'even.xlsx');
    const r = await cli('new-year', EXAMPLE, '--even', '-o', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`Skrev ${out}: arket "Handleplan 2022" er oprettet.`);
    const after = await open(out);
    expect(after.sheets.map((s) => s.name)).toEqual(['Handleplan 2021', 'Handleplan 2022']);
    expect(after.activeSheet).toBe('Handleplan 2022');
    const result = validateWorkbook(after, { sheet: 'Handleplan 2022' });
    const { plan, summary } = result.plans[0];
    expect(summary.year).toBe(2022);
    expect(summary.initiatives).toBe(5);
    expect(plan.monthTable.rows[0].months.map((m) => m.value?.toNumber())).toEqual(Array(12).fill(310_000));
    expect(cell(after, 'Handleplan 2022', 'A1')).toBe('HANDLEPLAN 2022');
    expect(cell(after, 'Handleplan 2022', 'A20')).toBe('ØKONOMISK EFFEKT FORDELT PR. MÅNED I 2022');
    expect(cell(after, 'Handleplan 2022', 'A31')).toBe('PR. 31.12.2022');
    expect(JSON.parse(cellMap(after, 'Handleplan 2022').get('N22')!)[1]).toBe('=SUM(B22:M22)');
    expect(result.findings.map((f) => [f.code, f.severity])).toEqual([['NO_TARGET', 'error']]);
    // the original sheet is unchanged, every cell
    const before = await open(EXAMPLE);
    expect(changedCells(cellMap(before, 'Handleplan 2021'), cellMap(after, 'Handleplan 2021'))).toEqual([]);
  });

  test('layout and styles come along with the copy', async () => {
    const out = join(tmp, 'styles.xlsx');
    await cli('new-year', EXAMPLE, '-o', out);
    const wb = await openWithExcelJs(readFileSync(out));
    const ws = wb.getWorksheet('Handleplan 2022')!;
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('B21').fill).toMatchObject({ fgColor: { argb: 'FFD9E1F2' } });
    expect(ws.getColumn('D').width).toBe(40);
  });

  test('without --even the months are empty; the dates and block amounts are emptied', async () => {
    const out = join(tmp, 'empty.xlsx');
    await cli('new-year', EXAMPLE, '-o', out);
    const after = await open(out);
    const { plan, summary, findings } = validateWorkbook(after, { sheet: 'Handleplan 2022' }).plans[0];
    expect(summary.total.toNumber()).toBe(0);
    expect(summary.startDate).toBeNull();
    expect(plan.block.atStart?.amount.value).toBeNull();
    expect(plan.monthTable.totalRow?.total?.value?.toNumber()).toBe(0);
    expect(findings.map((f) => f.code).sort()).toEqual([
      'INITIATIVE_WITHOUT_EFFECT',
      'INITIATIVE_WITHOUT_EFFECT',
      'INITIATIVE_WITHOUT_EFFECT',
      'INITIATIVE_WITHOUT_EFFECT',
      'INITIATIVE_WITHOUT_EFFECT',
      'NO_TARGET',
    ]);
  });

  test('--no-initiatives and --year', async () => {
    const out = join(tmp, 'none.xlsx');
    await cli('new-year', EXAMPLE, '--no-initiatives', '--even', '--year', '2024', '-o', out);
    const after = await open(out);
    const { summary, findings } = validateWorkbook(after, { sheet: 'Handleplan 2024' }).plans[0];
    expect(summary.year).toBe(2024);
    expect(summary.initiatives).toBe(0);
    expect(summary.total.toNumber()).toBe(0);
    expect(findings.map((f) => f.code)).toEqual(['NO_TARGET']);
    expect(cell(after, 'Handleplan 2024', 'A13')).toBe(1);
    expect((await cli('new-year', EXAMPLE, '--year', '22', '-o', out)).stderr).toMatch(/ikke et årstal/);
  });

  test('a sheet name already taken is never overwritten', async () => {
    const wb = planWorkbook();
    wb.addWorksheet('Handleplan 2022').getCell('A1').value = 'Mit udkast';
    const file = join(tmp, 'taken.xlsx');
    writeFileSync(file, await xlsxBuffer(wb));
    const out = join(tmp, 'taken-out.xlsx');
    const r = await cli('new-year', file, '-o', out);
    expect(r.stdout).toContain('"Handleplan 2022 (2)"');
    const before = await open(file);
    const after = await open(out);
    for (const s of before.sheets) expect(changedCells(cellMap(before, s.name), cellMap(after, s.name))).toEqual([]);
    expect(cell(after, 'Handleplan 2022 (2)', 'A1')).toBe('HANDLEPLAN 2022');
  });

  test('a folder: good workbooks are rolled over, a corrupt one is reported, a summary ends it', async () => {
    const inDir = join(tmp, 'ind');
    const outDir = join(tmp, 'ud');
    mkdirSync(inDir);
    writeFileSync(join(inDir, 'a-slagelse.xlsx'), readFileSync(EXAMPLE));
    writeFileSync(
      join(inDir, 'b-forskudt.xlsx'),
      await xlsxBuffer(planWorkbook(undefined, { origin: { row: 4, col: 2 }, sheetsBefore: ['Forside'] })),
    );
    writeFileSync(join(inDir, 'c-beskadiget.xlsx'), Buffer.from('PK\u0003\u0004 ikke en projektmappe'));
    writeFileSync(join(inDir, 'noter.txt'), 'ikke en projektmappe');
    const r = await cli('new-year', inDir, '--even', '-o', outDir);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^\[1\/3\] a-slagelse\.xlsx: "Handleplan 2022" oprettet/);
    expect(lines[1]).toMatch(/^\[2\/3\] b-forskudt\.xlsx: "Handleplan 2022" oprettet/);
    expect(lines[2]).toMatch(/^\[3\/3\] c-beskadiget\.xlsx: FEJL – Filen .* kunne ikke læses som \.xlsx/);
    expect(lines[3]).toBe('3 filer: 2 rullet over til næste år, 1 fejlede.');
    expect(existsSync(join(outDir, 'a-slagelse.xlsx'))).toBe(true);
    expect(existsSync(join(outDir, 'c-beskadiget.xlsx'))).toBe(false);
    const shifted = await open(join(outDir, 'b-forskudt.xlsx'));
    expect(validateWorkbook(shifted, { sheet: 'Handleplan 2022' }).plans[0].plan.range).toBe('C5:P38');
  });
});

describe('handleplan template', () => {
  test('--year 2025: recognised, only NO_TARGET, the canonical layout cell by cell', async () => {
    const out = join(tmp, 'template.xlsx');
    expect((await cli('template', '--year', '2025', '-o', out)).code).toBe(0);
    const s = await open(out);
    const result = validateWorkbook(s);
    expect(result.plans[0].summary.year).toBe(2025);
    expect(result.findings.map((f) => f.code)).toEqual(['NO_TARGET']);
    const sheet = 'HANDLEPLAN 2025';
    const expected: Record<string, unknown> = {
      A1: 'HANDLEPLAN 2025',
      A2: 'Udarbejdes ved forventet merforbrug på 5 % af korrigeret budget - eller 1 mio.kr.',
      A4: 'Center:',
      E4: 'Ansvarlig:',
      A5: 'Virksomhed / område:',
      E5: 'Ansvarlig:',
      A6: 'Opstart af handleplan:',
      A7: 'Opdateret:',
      A9: 'Årsag til merforbrug:',
      B12: 'INDSATSOMRÅDE',
      C12: 'KONKRETE MÅL',
      D12: 'HANDLING OG INDSATS',
      E12: 'KONSEKVENSER',
      A13: 1,
      A14: 2,
      A15: 3,
      A16: 4,
      A17: 5,
      A18: 6,
      A20: 'ØKONOMISK EFFEKT FORDELT PR. MÅNED I 2025',
      B21: 'JAN',
      C21: 'FEB',
      D21: 'MAR',
      E21: 'APR',
      F21: 'MAJ',
      G21: 'JUN',
      H21: 'JUL',
      I21: 'AUG',
      J21: 'SEP',
      K21: 'OKT',
      L21: 'NOV',
      M21: 'DEC',
      N21: 'I ALT',
      A22: 1,
      A23: 2,
      A24: 3,
      A25: 4,
      A26: 5,
      A27: 6,
      A28: 'I alt',
      A30: 'FORVENTET MERFORBRUG',
      A31: 'PR. 31.12.2025',
      A32: 'Forventet merforbrug ved opstart af handleplan:',
      A33: 'Forventet merforbrug ved sidste opdatering:',
      A34: 'Forventet merforbrug efter denne opdatering:',
    };
    for (const [a, v] of Object.entries(expected)) expect([a, cell(s, sheet, a)]).toEqual([a, v]);
    const formula = (a: string) => JSON.parse(cellMap(s, sheet).get(a)!)[1];
    expect(formula('N22')).toBe('=SUM(B22:M22)');
    expect(formula('B28')).toBe('=SUM(B22:B27)');
    expect(formula('N28')).toBe('=SUM(N22:N27)');
    expect(cell(s, sheet, 'F34')).toBeNull();
  });
});

test("Office.js: the new year's sheet is created in one write batch, next to the plan, and activated", async () => {
  const { model } = modelWithPlan(undefined, { before: ['Forside'] });
  model.addSheet('Noter');
  const adapter = new OfficeWorkbookAdapter((batch) => model.run(batch));
  const snapshot = await adapter.readActiveSheet();
  const plan = validateWorkbook(snapshot, { sheet: snapshot.activeSheet }).plans[0].plan;
  const result = buildNewYear(plan, snapshot, { even: true, today: TODAY });
  model.syncCount = 0;
  await adapter.applyWritePlan(result.plan, snapshot);
  expect(model.syncCount).toBe(2); // the check, then the write
  expect(model.sheets.map((s) => s.name)).toEqual(['Forside', 'Handleplan 2021', 'Handleplan 2022', 'Noter']);
  expect(model.active).toBe('Handleplan 2022');
  const ws = model.sheet('Handleplan 2022');
  expect(ws.get(0, 0)?.value).toBe('HANDLEPLAN 2022');
  expect(ws.get(21, 1)?.value).toBe(310_000);
  expect(ws.get(21, 13)?.formula).toBe('=SUM(B22:M22)');
  expect(ws.get(33, 5)?.value).toBe(''); // the block amount emptied, its format kept
  const reread = validateWorkbook(await adapter.readActiveSheet());
  expect(reread.plans[0].summary.year).toBe(2022);
});

test('the copy keeps merged cells', async () => {
  const wb = planWorkbook();
  wb.getWorksheet('Handleplan 2021')!.mergeCells('A10:N10');
  const file = join(tmp, 'merged.xlsx');
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  const out = join(tmp, 'merged-out.xlsx');
  await cli('new-year', file, '-o', out);
  const copy = (await openWithExcelJs(readFileSync(out))).getWorksheet('Handleplan 2022')!;
  expect((copy.model as unknown as { merges: string[] }).merges).toContain('A10:N10');
});

/**
 * Wrong results found by trying the product: each is a test that the result is now right.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { slagelse2021 } from '../examples/slagelse-2021';
import { buildNewYear } from '../src/core/build/newYear';
import { buildProjection } from '../src/core/build/projection';
import { buildPlanSheet } from '../src/core/build/template';
import { validateWorkbook } from '../src/core/validate';
import { MAX_CELL_TEXT } from '../src/core/build/writePlan';
import { cli } from './support/cli';
import { writePlanWithExcelJs } from './support/exceljsWriter';
import { cloneContent, planWorkbook, readBytes, roundTrip, xlsxBuffer } from './support/workbooks';

/** The date the tests write on (the builders never read the clock). */
const TODAY = '2026-12-03';

const tmp = mkdtempSync(join(tmpdir(), 'handleplan-wrong-'));
const codes = (r: ReturnType<typeof validateWorkbook>) => r.findings.map((f) => `${f.code}@${f.sheet}!${f.cell}`);

describe('every plan on a sheet is read and validated', () => {
  /** A second plan below the first: "abc" in an amount, and a gap of 2,58 mio. kr. to its target. */
  const second = () => {
    const content = cloneContent();
    content.block.afterThisUpdate = 9_400_000 + 2_580_000 - 310_000;
    return content;
  };
  const secondEdits = (at: (a: string) => { value: unknown }) => {
    at('M22').value = 'abc'; // 310.000 gone: the gap becomes 2.580.000
  };

  test("two plans on one sheet: the second one's errors are found, as when it stands alone", async () => {
    const wb = planWorkbook();
    const ws = wb.getWorksheet('Handleplan 2021')!;
    writePlanWithExcelJs(wb, { ...buildPlanSheet('Handleplan 2021', second(), { row: 39, col: 0 }), sheets: [] });
    secondEdits((a) => ws.getCell(`${a.replace(/\d+$/, '')}${Number(/\d+$/.exec(a)![0]) + 39}`));
    const both = validateWorkbook(await roundTrip(wb));
    expect(both.plans.map((p) => p.plan.range)).toEqual(['A1:N34', 'A40:N73']);
    expect(both.plans[0].findings).toEqual([]);
    // The totals still hold the sums from before "abc" was typed, so they disagree too.
    expect(codes(both)).toEqual([
      'NOT_A_NUMBER@Handleplan 2021!M61',
      'ROW_TOTAL_MISMATCH@Handleplan 2021!N61',
      'COLUMN_TOTAL_MISMATCH@Handleplan 2021!M67',
      'GRAND_TOTAL_MISMATCH@Handleplan 2021!N67',
      'TOTAL_BELOW_TARGET@Handleplan 2021!N67',
    ]);
    const gap = both.findings.find((f) => f.code === 'TOTAL_BELOW_TARGET')!;
    expect(gap.expected!.minus(gap.actual!).toNumber()).toBe(2_580_000);

    const alone = validateWorkbook(
      await roundTrip(
        planWorkbook(second(), { edit: (_ws, at) => secondEdits(at as (a: string) => { value: unknown }) }),
      ),
    );
    expect(alone.findings.map((f) => [f.code, f.message])).toEqual(both.findings.map((f) => [f.code, f.message]));

    const file = join(tmp, 'two-plans.xlsx');
    writeFileSync(file, await xlsxBuffer(wb));
    const r = await cli('validate', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('5 fejl, 0 advarsler, 0 oplysninger.');
  });

  test('three plans in a row, each with its own block and dates', async () => {
    const wb = planWorkbook();
    for (const [k, row] of [
      [2022, 39],
      [2023, 78],
    ] as const) {
      writePlanWithExcelJs(wb, {
        ...buildPlanSheet('Handleplan 2021', { ...cloneContent(), year: k }, { row, col: 0 }),
        sheets: [],
      });
    }
    const result = validateWorkbook(await roundTrip(wb));
    expect(result.plans.map((p) => [p.summary.year, p.summary.target?.toNumber(), p.plan.startDate?.address])).toEqual([
      [2021, 9_400_000, 'B6'],
      [2022, 9_400_000, 'B45'],
      [2023, 9_400_000, 'B84'],
    ]);
    expect(result.findings).toEqual([]);
  });
});

describe('a date that cannot be read is a finding at its cell', () => {
  test.each(['31-04-2021', '31-02-2021', '01-01-0000', '31-12-9999', 'snart', '0'])(
    '"%s" as the start date',
    async (text) => {
      const result = validateWorkbook(
        await roundTrip(planWorkbook(undefined, { edit: (_ws, at) => (at('B6').value = text === '0' ? 0 : text) })),
      );
      expect(codes(result)).toEqual(['NOT_A_DATE@Handleplan 2021!B6']);
      expect(result.findings[0].message).toContain(`"${text}" kan ikke læses som en dato`);
    },
  );

  test('"april 2021" is read as 1 April, and said so; effects before it are still found', async () => {
    const result = validateWorkbook(
      await roundTrip(
        planWorkbook(undefined, {
          edit: (_ws, at) => {
            at('B6').value = 'april 2021';
            at('B7').value = 'maj 2021';
            at('C22').value = 5_000; // a February effect
            at('N22').value = 2_485_000;
            at('C28').value = 5_000;
            at('N28').value = 9_405_000;
          },
        }),
      ),
    );
    expect(codes(result)).toEqual([
      'DATE_WITHOUT_DAY@Handleplan 2021!B6',
      'DATE_WITHOUT_DAY@Handleplan 2021!B7',
      'TOTAL_ABOVE_TARGET@Handleplan 2021!N28',
      'EFFECT_BEFORE_START@Handleplan 2021!C22',
    ]);
    expect(result.findings[0].message).toBe(
      'Datoen "april 2021" har ingen dag; den er læst som 01-04-2021. Skriv hele datoen, fx 22-04-2021.',
    );
  });
});

test('an amount with more digits than Excel keeps is rejected, not rounded', async () => {
  const result = validateWorkbook(
    await roundTrip(
      planWorkbook(undefined, {
        edit: (_ws, at) => {
          at('F34').value = '123456789012345678901234';
          at('G22').value = 1e24;
        },
      }),
    ),
  );
  expect(codes(result)).toEqual(
    expect.arrayContaining(['NOT_A_NUMBER@Handleplan 2021!G22', 'NOT_A_NUMBER@Handleplan 2021!F34']),
  );
  expect(result.findings.find((f) => f.cell === 'F34')!.message).toMatch(/flere cifre, end Excel kan gemme præcist/);
  expect(result.plans[0].summary.target?.toNumber()).toBe(9_400_000); // "ved opstart" is the target now
});

describe('options that make no sense are refused with a Danish line', () => {
  let file: string;
  beforeAll(async () => {
    file = join(tmp, 'plan.xlsx');
    writeFileSync(file, await xlsxBuffer(planWorkbook()));
  });
  test.each([
    [['project', '--overrun', '0'], 'Forventet merforbrug skal være over 0 kr.; "0" kan ikke bruges.'],
    [['project', '--overrun', '-5'], 'Forventet merforbrug skal være over 0 kr.; "-5" kan ikke bruges.'],
    [['project', '--overrun', '0,00 kr.'], 'Forventet merforbrug skal være over 0 kr.; "0,00 kr." kan ikke bruges.'],
    [['new-year', '--year', '0000'], 'Året "0000" er ikke et årstal mellem 1900 og 2200 (fx 2025).'],
    [['new-year', '--year', '20211'], 'Året "20211" er ikke et årstal mellem 1900 og 2200 (fx 2025).'],
    [['template', '--year', '1066'], 'Året "1066" er ikke et årstal mellem 1900 og 2200 (fx 2025).'],
  ])('%j', async (args, message) => {
    const [command, ...rest] = args;
    const out = join(tmp, 'never.xlsx');
    const r =
      command === 'template' ? await cli(command, ...rest, '-o', out) : await cli(command, file, ...rest, '-o', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(message);
  });
});

test('a text too long for a cell is cut to 32.767 characters, with a note', async () => {
  const content = cloneContent();
  content.initiatives[0].area = 'x'.repeat(100_000);
  const snapshot = await roundTrip(planWorkbook(content));
  const plan = validateWorkbook(snapshot).plans[0].plan;
  const projection = buildProjection(plan, snapshot, { today: TODAY })!;
  const longest = Math.max(...projection.plan.cells.map((c) => (typeof c.value === 'string' ? c.value.length : 0)));
  expect(longest).toBe(MAX_CELL_TEXT);
  expect(projection.notes.join('\n')).toMatch(
    /er 100\.000 tegn, men en celle kan højst rumme 32\.767; den er afkortet/,
  );
  const newYear = buildNewYear(plan, snapshot, { today: TODAY });
  expect(newYear.notes).toEqual([]);

  const file = join(tmp, 'long.xlsx');
  writeFileSync(file, await xlsxBuffer(planWorkbook(content)));
  const r = await cli('project', file, '-o', join(tmp, 'long-out.xlsx'));
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/den er afkortet/);
  const after = await readBytes(readFileSync(join(tmp, 'long-out.xlsx')));
  const cell = after.sheets.find((s) => s.name === 'Fremskrivning 2021')!.values[21][1];
  expect(typeof cell === 'string' && cell.length).toBe(MAX_CELL_TEXT);
});

test('the counts say "1 advarsel"', async () => {
  const file = join(tmp, 'one-warning.xlsx');
  writeFileSync(file, await xlsxBuffer(planWorkbook(undefined, { edit: (_ws, at) => (at('F34').value = 9_000_000) })));
  const r = await cli('validate', file);
  expect(r.stdout).toContain('0 fejl, 1 advarsel, 0 oplysninger.');
});

describe('plans of any size', () => {
  const bigContent = (n: number) => {
    const content = cloneContent(slagelse2021);
    content.initiatives = Array.from({ length: n }, (_, i) => ({
      number: i + 1,
      area: `Indsats ${i + 1}`,
      goal: 'Mål',
      action: 'Handling',
      consequences: '',
      effects: Array.from({ length: 12 }, (_m, k) => (k < 4 ? null : 3_450)),
    }));
    const total = n * 3_450 * 8;
    content.block = { atStart: total, atLastUpdate: null, afterThisUpdate: total };
    content.startDate = '2021-04-22';
    return content;
  };

  test('100 numbered initiatives are read whole: no false TOTAL_BELOW_TARGET', async () => {
    const result = validateWorkbook(await roundTrip(planWorkbook(bigContent(100))));
    expect(result.plans[0].summary.initiatives).toBe(100);
    expect(result.plans[0].summary.total.toNumber()).toBe(2_760_000);
    expect(result.findings).toEqual([]);
  });

  test('10.000 initiatives: read without overflowing the stack, every row counted', async () => {
    const result = validateWorkbook(await roundTrip(planWorkbook(bigContent(10_000))));
    expect(result.plans[0].plan.monthTable.rows.length).toBe(10_000);
    expect(result.plans[0].summary.total.toNumber()).toBe(276_000_000);
    expect(result.findings).toEqual([]);
    // Written by ExcelJS and read back: seconds of work, minutes on a busy machine.
  }, 300_000);
});

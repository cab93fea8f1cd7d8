import ExcelJS from 'exceljs';
import { readActionPlan } from '../src/core/read/reader';
import { validateWorkbook } from '../src/core/validate';
import { cloneContent, planWorkbook, roundTrip } from './support/workbooks';

const MONTHS_LOWER = ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];

async function read(...args: Parameters<typeof planWorkbook>) {
  const snapshot = await roundTrip(planWorkbook(...args));
  return { snapshot, result: validateWorkbook(snapshot) };
}

describe('template reader', () => {
  test('the Slagelse example reads completely at the canonical addresses', async () => {
    const { result } = await read();
    expect(result.findings).toEqual([]);
    const [{ plan, summary }] = result.plans;
    expect(plan.range).toBe('A1:N34');
    expect(summary.year).toBe(2021);
    expect(summary.target?.toNumber()).toBe(9_400_000);
    expect(summary.total.toNumber()).toBe(9_400_000);
    expect(summary.initiatives).toBe(5);
    expect(summary.startDate).toBe('2021-04-22');
    expect(plan.monthTable.rows.map((r) => r.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(plan.monthTable.rows[3].months[4].value?.toNumber()).toBe(357_500);
    expect(plan.block.afterThisUpdate?.amount.address).toBe('F34');
    expect(plan.initiatives[0]).toMatchObject({ number: 1, area: '5.20 opholdssteder', address: 'A13' });
  });

  test('a plan starting at C5 on a sheet that is not the first', async () => {
    const { snapshot, result } = await read(undefined, {
      origin: { row: 4, col: 2 },
      sheetsBefore: ['Forside', 'Noter'],
    });
    expect(snapshot.sheets.map((s) => s.name)).toEqual(['Forside', 'Noter', 'Handleplan 2021']);
    expect(result.findings).toEqual([]);
    const [{ plan, summary }] = result.plans;
    expect(plan.sheet).toBe('Handleplan 2021');
    expect(plan.range).toBe('C5:P38');
    expect(plan.monthTable.rows[0].total?.address).toBe('P26');
    expect(plan.block.afterThisUpdate?.amount.address).toBe('H38');
    expect(summary.total.toNumber()).toBe(9_400_000);
  });

  test('lower-case and mixed-case month headers', async () => {
    const { result } = await read(undefined, {
      edit: (_ws, at) =>
        MONTHS_LOWER.forEach((m, k) => {
          at(`${String.fromCharCode(66 + k)}21`).value = k % 2 ? m : m[0].toUpperCase() + m.slice(1) + '.';
        }),
    });
    expect(result.plans).toHaveLength(1);
    expect(result.plans[0].summary.total.toNumber()).toBe(9_400_000);
  });

  test('the "INDSATSONMRÅDE" typo still finds the initiatives', async () => {
    const { result } = await read(undefined, {
      edit: (_ws, at) => {
        at('B12').value = 'INDSATSONMRÅDE';
      },
    });
    expect(result.plans[0].plan.initiatives).toHaveLength(6);
    expect(result.plans[0].summary.initiatives).toBe(5);
    expect(result.findings).toEqual([]);
  });

  test('text amounts with thousands dots and "kr." count, and are flagged as text', async () => {
    const { result } = await read(undefined, {
      edit: (_ws, at) => {
        for (const col of 'FGHIJKLM') at(`${col}22`).value = '310.000';
        for (const col of 'FGHIJKLM') at(`${col}25`).value = '357.500 kr.';
        at('F34').value = '9,4 mio. kr.';
      },
    });
    const { summary, findings } = result.plans[0];
    expect(summary.total.toNumber()).toBe(9_400_000);
    expect(summary.target?.toNumber()).toBe(9_400_000);
    expect(findings.filter((f) => f.code === 'TEXT_NUMBER')).toHaveLength(17);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('formulas with cached results are read by their result, a cached 0 included', async () => {
    const { result } = await read(undefined, {
      edit: (_ws, at) => {
        at('F22').value = { formula: '300000+10000', result: 310000 };
        at('B23').value = { formula: '0*1', result: 0 };
      },
    });
    const { plan, findings } = result.plans[0];
    expect(plan.monthTable.rows[0].months[4]).toMatchObject({ source: 'formula', formula: '=300000+10000' });
    expect(plan.monthTable.rows[0].months[4].value?.toNumber()).toBe(310000);
    const cachedZero = plan.monthTable.rows[1].months[0];
    expect(cachedZero.source).toBe('formula');
    expect(cachedZero.value?.toNumber()).toBe(0);
    // the empty sixth row's =SUM has a cached 0 too
    expect(plan.monthTable.rows[5].total?.value?.toNumber()).toBe(0);
    expect(findings).toEqual([]);
  });

  test('a =SUM saved without its result is computed from the cells', async () => {
    const { result } = await read(undefined, {
      edit: (_ws, at) => {
        at('N22').value = { formula: 'SUM(B22:M22)' } as ExcelJS.CellFormulaValue;
      },
    });
    const row = result.plans[0].plan.monthTable.rows[0];
    expect(row.total?.value?.toNumber()).toBe(2_480_000);
    expect(result.findings).toEqual([]);
  });

  test('dates as serial numbers, date cells and Danish date text', async () => {
    const { result } = await read(undefined, {
      edit: (_ws, at) => {
        at('B6').value = 44308;
        at('B6').numFmt = 'General';
        at('B7').value = '22. april 2021';
      },
    });
    expect(result.plans[0].summary.startDate).toBe('2021-04-22');
    expect(result.plans[0].summary.updatedDate).toBe('2021-04-22');
    const { result: asDates } = await read(undefined, {
      edit: (_ws, at) => {
        at('B6').value = new Date(Date.UTC(2021, 3, 22));
      },
    });
    expect(asDates.plans[0].summary.startDate).toBe('2021-04-22');
  });

  test('a seventh initiative row', async () => {
    const content = cloneContent();
    content.rowCount = 7;
    content.initiatives.push({
      number: 7,
      area: '5.22 Plejefamilier',
      goal: 'Flere i familiepleje',
      action: 'Rekruttering',
      consequences: '',
      effects: Array.from({ length: 12 }, (_, k) => (k >= 4 ? 15_000 : null)),
    });
    content.block.afterThisUpdate = 9_520_000;
    const { result } = await read(content);
    const { plan, summary, findings } = result.plans[0];
    expect(plan.monthTable.rows.map((r) => r.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(plan.initiatives.map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(summary.initiatives).toBe(6);
    expect(summary.total.toNumber()).toBe(9_520_000);
    expect(findings).toEqual([]);
  });

  test('number and area in one cell: "1 5.20 opholdssteder"', async () => {
    const { result } = await read(undefined, {
      edit: (_ws, at) => {
        at('A13').value = null;
        at('B13').value = '1 5.20 opholdssteder';
      },
    });
    const first = result.plans[0].plan.initiatives[0];
    expect(first).toMatchObject({ number: 1, area: '5.20 opholdssteder', address: 'B13' });
    expect(result.findings).toEqual([]);
  });

  test('the active sheet is read first', async () => {
    const wb = planWorkbook(undefined, { sheet: 'Plan A' });
    const second = planWorkbook(cloneContent(), { sheet: 'Plan B' });
    const ws = wb.addWorksheet('Plan B');
    second.getWorksheet('Plan B')!.eachRow((row, r) =>
      row.eachCell((c, col) => {
        ws.getCell(r, col).value = c.value;
      }),
    );
    wb.views = [{ activeTab: 1 } as ExcelJS.WorkbookView];
    const result = validateWorkbook(await roundTrip(wb));
    expect(result.plans.map((p) => p.plan.sheet)).toEqual(['Plan B', 'Plan A']);
  });

  test('a sheet without a month table is not a plan', () => {
    expect(
      readActionPlan({ name: 'X', origin: { row: 0, col: 0 }, values: [['HANDLEPLAN 2021'], ['JAN', 'FEB']] }),
    ).toBeNull();
  });
});

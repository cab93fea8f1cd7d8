import { validateWorkbook } from '../src/core/validate';
import { buildPlanSheet } from '../src/core/build/template';
import { OfficeWorkbookAdapter, CHUNK_CELLS } from '../src/excel/officeAdapter';
import { WorkbookError } from '../src/core/model/adapter';
import { ExcelModel, OfficeError } from './support/fakeExcel';
import { modelWithPlan } from './support/excelFixtures';
import { cloneContent } from './support/workbooks';
import { userMessage } from '../src/addin/text';

const adapterFor = (model: ExcelModel) => new OfficeWorkbookAdapter((batch) => model.run(batch));

describe('the in-memory Excel model behaves like Excel', () => {
  test('a property read before load and sync throws', async () => {
    const { model } = modelWithPlan();
    await model.run(async (context) => {
      const range = context.workbook.worksheets.getActiveWorksheet().getRange('A1');
      /* eslint-disable office-addins/call-sync-before-read, office-addins/load-object-before-read, office-addins/call-sync-after-load -- the point of this test */
      expect(() => range.values).toThrow(/not available/);
      range.load('values');
      expect(() => range.values).toThrow(/not available/);
      /* eslint-enable office-addins/call-sync-before-read, office-addins/load-object-before-read, office-addins/call-sync-after-load */
      await context.sync();
      expect(range.values).toEqual([['HANDLEPLAN 2021']]);
    });
  });

  test('values must match the range size exactly', async () => {
    const { model } = modelWithPlan();
    await expect(
      model.run(async (context) => {
        context.workbook.worksheets.getActiveWorksheet().getRange('A1:B2').values = [[1, 2]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  test('errors carry Excel codes: ItemNotFound, AccessDenied', async () => {
    const { model, sheet } = modelWithPlan();
    await expect(
      model.run(async (c) => {
        c.workbook.worksheets.getItem('Nope').load('name');
        await c.sync();
      }),
    ).rejects.toMatchObject({ code: 'ItemNotFound' });
    sheet.protected = true;
    await expect(
      model.run(async (c) => {
        c.workbook.worksheets.getActiveWorksheet().getRange('A1').values = [['x']];
        await c.sync();
      }),
    ).rejects.toMatchObject({ code: 'AccessDenied' });
  });
});

describe('the model coerces, merges, names and protects as Excel does', () => {
  const write = (model: ExcelModel, address: string, values: unknown[][]) =>
    model.run(async (c) => {
      c.workbook.worksheets.getItem('Ark1').getRange(address).values = values;
      await c.sync();
    });

  test('strings written as values are coerced; an apostrophe keeps text', async () => {
    const model = new ExcelModel();
    const sheet = model.addSheet('Ark1');
    await write(model, 'A1:F1', [['2021', '=1+2', "'=1+2", '+cmd', 'TRUE', 'Indsats']]);
    expect(sheet.get(0, 0)?.value).toBe(2021);
    expect(sheet.get(0, 1)?.formula).toBe('=1+2');
    expect(sheet.get(0, 2)).toMatchObject({ value: '=1+2' });
    expect(sheet.get(0, 2)?.formula).toBeUndefined();
    expect(sheet.get(0, 3)?.formula).toBe('=+cmd');
    expect(sheet.get(0, 4)?.value).toBe(true);
    expect(sheet.get(0, 5)?.value).toBe('Indsats');
  });

  test('a merged area shows its value in the top-left cell only and refuses writes elsewhere', async () => {
    const model = new ExcelModel();
    const sheet = model.addSheet('Ark1');
    sheet.fill('B2', [['Flettet', 'skjult']]);
    sheet.merge('B2:C2');
    const values = await model.run(async (c) => {
      const r = c.workbook.worksheets.getItem('Ark1').getRange('B2:C2');
      r.load('values');
      await c.sync();
      // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read -- synced just above
      return r.values;
    });
    expect(values).toEqual([['Flettet', '']]);
    await expect(write(model, 'C2', [['x']])).rejects.toMatchObject({ code: 'MergedRangeConflict' });
    await write(model, 'B2', [['Ny']]);
    expect(sheet.get(1, 1)?.value).toBe('Ny');
  });

  test('sheet names follow Excel rules on add, rename and copy', async () => {
    const model = new ExcelModel();
    model.addSheet('Ark1');
    const add = (name: string) =>
      model.run(async (c) => {
        c.workbook.worksheets.add(name);
        await c.sync();
      });
    for (const bad of ['x'.repeat(32), 'a/b', 'a[b]', "'Plan", "Plan'", 'History', 'history', ''])
      await expect(add(bad)).rejects.toMatchObject({ code: 'InvalidArgument' });
    await expect(add('ark1')).rejects.toMatchObject({ code: 'ItemAlreadyExists' });
    await add('x'.repeat(31));
    await model.run(async (c) => {
      const ws = c.workbook.worksheets.getItem('x'.repeat(31));
      ws.copy('After', ws);
      await c.sync();
    });
    expect(model.sheets.map((s) => s.name)).toEqual(['Ark1', 'x'.repeat(31), `${'x'.repeat(27)} (2)`]);
  });

  test('a protected workbook structure refuses new sheets; names follow their sheet', async () => {
    const model = new ExcelModel();
    model.addSheet('Ark1');
    model.structureProtected = true;
    await expect(
      model.run(async (c) => {
        c.workbook.worksheets.add('Ny');
        await c.sync();
      }),
    ).rejects.toMatchObject({ code: 'AccessDenied' });
    model.structureProtected = false;
    await model.run(async (c) => {
      c.workbook.names.add('Mærke', c.workbook.worksheets.getItem('Ark1').getRange('A1'));
      c.workbook.worksheets.getItem('Ark1').name = 'Omdøbt ark';
      await c.sync();
    });
    expect(model.nameValue(model.names.get('Mærke')!)).toBe("='Omdøbt ark'!$A$1");
  });
});

describe('OfficeWorkbookAdapter', () => {
  test('reading the active sheet costs exactly one sync and validates like the .xlsx path', async () => {
    const { model } = modelWithPlan(undefined, { before: ['Forside'], origin: { row: 4, col: 2 } });
    const snapshot = await adapterFor(model).readActiveSheet();
    expect(model.syncCount).toBe(1);
    expect(snapshot.activeSheet).toBe('Handleplan 2021');
    expect(snapshot.sheets.map((s) => s.name)).toEqual(['Forside', 'Handleplan 2021']);
    const result = validateWorkbook(snapshot);
    expect(result.findings).toEqual([]);
    expect(result.plans[0].plan.range).toBe('C5:P38');
    expect(result.plans[0].summary.total.toNumber()).toBe(9_400_000);
    expect(result.plans[0].plan.monthTable.rows[0].total).toMatchObject({
      source: 'formula',
      formula: '=SUM(D26:O26)',
    });
  });

  test('Excel errors in cells are told apart by value type, text amounts are parsed', async () => {
    const { model, sheet } = modelWithPlan();
    sheet.fill('F23', [[{ error: '#REF!' }, '100.000']]);
    const result = validateWorkbook(await adapterFor(model).readActiveSheet());
    const codes = result.findings.map((f) => `${f.code}@${f.cell}`);
    expect(codes).toContain('NOT_A_NUMBER@F23');
    expect(codes).toContain('TEXT_NUMBER@G23');
  });

  test('reading all sheets', async () => {
    const { model } = modelWithPlan(undefined, { before: ['Forside'] });
    model.active = 'Forside';
    const snapshot = await adapterFor(model).readAllSheets();
    expect(model.syncCount).toBe(2);
    expect(validateWorkbook(snapshot).plans.map((p) => p.plan.sheet)).toEqual(['Handleplan 2021']);
  });

  test('selecting a cell costs one sync and selects it on its sheet', async () => {
    const { model } = modelWithPlan(undefined, { before: ['Forside'] });
    model.active = 'Forside';
    await adapterFor(model).selectCell('Handleplan 2021', 'N23');
    expect(model.syncCount).toBe(1);
    expect(model.selection).toEqual({ sheet: 'Handleplan 2021', address: 'N23' });
    expect(model.active).toBe('Handleplan 2021');
  });

  test('applying a write plan costs one check and one write', async () => {
    const model = new ExcelModel();
    model.addSheet('Ark1');
    const adapter = adapterFor(model);
    const before = await adapter.readAllSheets();
    model.syncCount = 0;
    const plan = buildPlanSheet('Handleplan 2022', { ...cloneContent(), year: 2022 });
    plan.sheets[0].after = 'Ark1';
    await adapter.applyWritePlan(plan, before);
    expect(model.syncCount).toBe(2);
    expect(model.sheets.map((s) => s.name)).toEqual(['Ark1', 'Handleplan 2022']);
    expect(model.active).toBe('Handleplan 2022');
    const ws = model.sheet('Handleplan 2022');
    expect(ws.get(0, 0)?.value).toBe('HANDLEPLAN 2022');
    expect(ws.get(21, 13)?.formula).toBe('=SUM(B22:M22)');
    expect(ws.get(21, 5)).toMatchObject({ value: 310000, numberFormat: '#,##0' });
  });

  test('a write to a protected sheet is refused by the check, with the sheet named', async () => {
    const { model, sheet } = modelWithPlan();
    sheet.protected = true;
    const adapter = adapterFor(model);
    const before = await adapter.readActiveSheet();
    const err = await adapter
      .applyWritePlan({ sheets: [], cells: [{ sheet: sheet.name, address: 'F34', value: 1 }], charts: [] }, before)
      .catch((e) => e);
    expect(err).toBeInstanceOf(WorkbookError);
    expect(err.code).toBe('SheetProtected');
    expect(userMessage(err)).toMatch(/Arket "Handleplan 2021" er beskyttet/);
  });

  test('a 60,000-row used range over the payload limit is read in chunks, giving the same grid', async () => {
    const build = () => {
      const { model, sheet } = modelWithPlan();
      for (let r = 40; r < 60_040; r++)
        sheet.fill(`A${r + 1}`, [[`Linje ${r}`, r, r * 2.5, 'tekst', r % 7 === 0 ? '' : 'x']]);
      return model;
    };
    const unlimited = build();
    unlimited.payloadLimitBytes = Infinity;
    const oneRead = await adapterFor(unlimited).readActiveSheet();
    expect(unlimited.syncCount).toBe(1);

    const limited = build();
    const chunked = await adapterFor(limited).readActiveSheet();
    const sheet = chunked.sheets.find((s) => s.name === 'Handleplan 2021')!;
    expect(sheet.values).toHaveLength(60_040);
    const expectedChunks = Math.ceil(60_040 / Math.floor(CHUNK_CELLS / 14));
    expect(limited.syncCount).toBe(1 + 2 + expectedChunks); // the failed read, sheet list + size, the chunks
    expect(chunked).toEqual(oneRead);
    expect(validateWorkbook(chunked).plans[0].summary.total.toNumber()).toBe(9_400_000);
  });

  test('an error that is not about size is not retried', async () => {
    const model = new ExcelModel();
    model.addSheet('Ark1');
    const adapter = new OfficeWorkbookAdapter(() => Promise.reject(new OfficeError('GeneralException')));
    const err = await adapter.readActiveSheet().catch((e) => e);
    expect(err).toMatchObject({ code: 'GeneralException' });
    expect(userMessage(err)).toBe('Excel meldte en fejl. Prøv igen om lidt.');
  });
});

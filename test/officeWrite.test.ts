import Decimal from 'decimal.js';
import { WorkbookError } from '../src/core/adapter';
import { buildOverrunUpdate } from '../src/core/overrun';
import { buildProjection } from '../src/core/projection';
import { validateWorkbook } from '../src/core/validate';
import { mergeWritePlans } from '../src/core/writePlan';
import { OfficeWorkbookAdapter } from '../src/excel/officeAdapter';
import { modelWithPlan } from './support/excelFixtures';
import type { ExcelModel } from './support/fakeExcel';

const adapterFor = (model: ExcelModel) => new OfficeWorkbookAdapter((batch) => model.run(batch));

/** Reads the workbook as the pane does and builds "update + projection" for it. */
async function preparedWrite(model: ExcelModel, amount = 9_800_000) {
  const adapter = adapterFor(model);
  const snapshot = await adapter.readAllSheets();
  const plan = validateWorkbook(snapshot).plans[0].plan;
  const update = buildOverrunUpdate(plan, snapshot, new Decimal(amount), '2021-06-01');
  const projection = buildProjection(plan, snapshot, update.target)!;
  model.syncCount = 0;
  return { adapter, snapshot, plan: mergeWritePlans(update.plan, projection.plan) };
}

test('update and projection: one check, one write; the chart is there', async () => {
  const { model } = modelWithPlan(undefined, { before: ['Forside'] });
  const { adapter, snapshot, plan } = await preparedWrite(model);
  await adapter.applyWritePlan(plan, snapshot);
  expect(model.syncCount).toBe(2);
  expect(model.sheets.map((s) => s.name)).toEqual(['Forside', 'Handleplan 2021', 'Fremskrivning 2021', 'Historik']);
  const projection = model.sheet('Fremskrivning 2021');
  expect(projection.charts).toHaveLength(1);
  expect(projection.charts[0]).toMatchObject({
    type: 'Line',
    title: 'Kumuleret effekt mod forventet merforbrug',
    position: ['G4', 'O22'],
  });
  expect(projection.charts[0].source).toBe('A5:C17');
  expect(projection.get(5, 3)?.formula).toBe("=SUM('Handleplan 2021'!$B$22:$B$27)");
  const planSheet = model.sheet('Handleplan 2021');
  expect(planSheet.get(33, 5)?.value).toBe(9_800_000);
  expect(planSheet.get(32, 5)?.value).toBe(9_400_000);
  expect(model.sheet('Historik').get(1, 7)?.value).toBe(9_800_000);
  expect([...model.names.keys()].filter((n) => n.startsWith('HANDLEPLAN_ADDIN_'))).toHaveLength(2);
  expect(model.active).toBe('Fremskrivning 2021');

  // written again: the add-in's own sheet is replaced, a second history row appended
  const again = await preparedWrite(model, 9_900_000);
  expect(again.snapshot.sheets.find((s) => s.name === 'Fremskrivning 2021')?.ownedByAddin).toBe(true);
  await again.adapter.applyWritePlan(again.plan, again.snapshot);
  expect(model.syncCount).toBe(2);
  expect(model.sheets.map((s) => s.name)).toEqual(['Forside', 'Handleplan 2021', 'Fremskrivning 2021', 'Historik']);
  expect(model.sheet('Fremskrivning 2021').charts).toHaveLength(1);
  expect(model.sheet('Historik').get(2, 7)?.value).toBe(9_900_000);
  expect(model.sheet('Historik').get(2, 4)?.value).toBe(9_800_000);
});

test('a failure in the middle of the write leaves the workbook as it was', async () => {
  for (const failAt of [3, 40, 200]) {
    const { model } = modelWithPlan(undefined, { before: ['Forside'] });
    const { adapter, snapshot, plan } = await preparedWrite(model);
    const before = model.dump();
    model.operationsRun = 0;
    model.failOnOperation = { index: failAt, code: 'GeneralException' };
    const error = await adapter.applyWritePlan(plan, snapshot).catch((e) => e);
    model.failOnOperation = null;
    expect(error).toBeInstanceOf(WorkbookError);
    expect(error.message).toBe('Excel meldte en fejl. Prøv igen om lidt.');
    expect(model.dump()).toBe(before);
  }
});

test('a protected plan sheet: a Danish message from the check, nothing written', async () => {
  const { model, sheet } = modelWithPlan();
  const { adapter, snapshot, plan } = await preparedWrite(model);
  sheet.protected = true;
  const before = model.dump();
  const error = await adapter.applyWritePlan(plan, snapshot).catch((e) => e);
  expect(error).toBeInstanceOf(WorkbookError);
  expect(error.message).toMatch(/Arket "Handleplan 2021" er beskyttet/);
  expect(model.syncCount).toBe(1);
  expect(model.dump()).toBe(before);
});

test('a sheet that appeared since reading is not overwritten', async () => {
  const { model } = modelWithPlan();
  const { adapter, snapshot, plan } = await preparedWrite(model);
  model.addSheet('Fremskrivning 2021').fill('A1', [['Brugerens ark']]);
  const error = await adapter.applyWritePlan(plan, snapshot).catch((e) => e);
  expect(error.message).toMatch(/Valider igen/);
  expect(model.sheet('Fremskrivning 2021').get(0, 0)?.value).toBe('Brugerens ark');
});

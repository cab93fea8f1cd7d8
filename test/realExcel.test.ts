/**
 * Real Excel where the product's promises live: undo, text, conditional-format priority, number
 * formats in another locale, protection, names, page layout, event handlers. Each test fails on
 * the behaviour the model now has (each rule with its source in test/support/fakeExcel.ts) if the
 * product did what it did before.
 */
import Decimal from 'decimal.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseA1 } from '../src/core/model/a1';
import { WorkbookError } from '../src/core/model/adapter';
import { buildOverrunUpdate } from '../src/core/build/overrun';
import { buildProjection } from '../src/core/build/projection';
import { buildStatus } from '../src/core/build/statusSheet';
import { validateWorkbook } from '../src/core/validate';
import { OfficeWorkbookAdapter } from '../src/excel/officeAdapter';
import { undoWarning, writeFailedMessage } from '../src/addin/text';
import { modelWithPlan } from './support/excelFixtures';
import type { ExcelModel } from './support/fakeExcel';

/** The date the tests write on (the builders never read the clock). */
const TODAY = '2026-12-03';

/** An adapter over the model: the Excel's requirement sets up to `api` (1.20 has mergeUndoGroup). */
const adapterFor = (model: ExcelModel, api = 20) =>
  new OfficeWorkbookAdapter(
    (batch, options) => model.run(batch, options),
    (v) => Number(v.split('.')[1]) <= api,
  );

async function planOf(model: ExcelModel, api = 20) {
  const snapshot = await adapterFor(model, api).readAllSheets();
  return { snapshot, plan: validateWorkbook(snapshot).plans[0].plan };
}

/** A workbook with Historik in it: an update is then a write of cells only. */
async function withHistory() {
  const { model, sheet } = modelWithPlan();
  const { snapshot, plan } = await planOf(model);
  await adapterFor(model).applyWritePlan(
    buildOverrunUpdate(plan, snapshot, new Decimal(9_600_000), '2021-05-01').plan,
    snapshot,
  );
  return { model, sheet };
}

describe('1. Ctrl+Z after a failed write', () => {
  test('with ExcelApi 1.20 the write and its undo are one undo record: Ctrl+Z returns to before', async () => {
    const { model } = await withHistory();
    const { snapshot, plan } = await planOf(model);
    const update = buildOverrunUpdate(plan, snapshot, new Decimal(9_800_000), '2021-06-01').plan;
    expect(update.sheets).toEqual([]);
    const before = model.dump();
    model.failOnOperation = { index: model.operationsRun + 4, code: 'GeneralException' };
    const error = await adapterFor(model)
      .applyWritePlan(update, snapshot)
      .catch((e) => e);
    model.failOnOperation = null;
    expect(error).toBeInstanceOf(WorkbookError);
    expect(model.dump()).toBe(before);
    model.undo();
    expect(model.dump()).toBe(before);
    expect(writeFailedMessage(error)).not.toContain(undoWarning);
  });

  test('without 1.20 they are two: Ctrl+Z would bring the half write back, and the message says so', async () => {
    const { model } = await withHistory();
    const { snapshot, plan } = await planOf(model, 19);
    const update = buildOverrunUpdate(plan, snapshot, new Decimal(9_800_000), '2021-06-01').plan;
    const before = model.dump();
    model.failOnOperation = { index: model.operationsRun + 4, code: 'GeneralException' };
    const error = await adapterFor(model, 19)
      .applyWritePlan(update, snapshot)
      .catch((e) => e);
    model.failOnOperation = null;
    expect(model.dump()).toBe(before);
    expect(writeFailedMessage(error)).toContain('Tryk ikke Ctrl+Z');
    model.undo();
    expect(model.dump()).not.toBe(before); // what the warning is for
  });

  test('a write that creates sheets: its undo ends with a call Excel cannot undo, so Ctrl+Z finds nothing half-written', async () => {
    const { model } = modelWithPlan();
    const { snapshot, plan } = await planOf(model, 19);
    const write = buildProjection(plan, snapshot, { today: TODAY })!.plan;
    const before = model.dump();
    for (const offset of [3, 40, 120]) {
      const m = model.clone();
      m.failOnOperation = { index: offset, code: 'GeneralException' };
      await adapterFor(m, 19)
        .applyWritePlan(write, snapshot)
        .catch(() => undefined);
      m.failOnOperation = null;
      expect(m.dump()).toBe(before);
      m.undo();
      expect(m.dump()).toBe(before);
    }
  });

  test('inside a merged group a call Excel cannot undo fails with UndoNotSupported (so sheet writes are not merged)', async () => {
    const { model } = modelWithPlan();
    const run = model.run(
      async (context) => {
        context.workbook.worksheets.getItem('Handleplan 2021').name = 'Omdøbt';
        await context.sync();
      },
      { mergeUndoGroup: true },
    );
    await expect(run).rejects.toMatchObject({ code: 'UndoNotSupported' });
  });
});

describe('2. the undo restores text as text', () => {
  test('a text cell that begins with "=" is restored as text, never a live formula', async () => {
    const { model, sheet } = await withHistory();
    const { row, col } = parseA1('F33');
    sheet.set(row, col, { value: '=ikke opgjort', formula: undefined });
    const { snapshot, plan } = await planOf(model);
    const update = buildOverrunUpdate(plan, snapshot, new Decimal(9_800_000), '2021-06-01').plan;
    model.failOnOperation = { index: model.operationsRun + 6, code: 'GeneralException' };
    await adapterFor(model)
      .applyWritePlan(update, snapshot)
      .catch(() => undefined);
    model.failOnOperation = null;
    expect(sheet.get(row, col)).toMatchObject({ value: '=ikke opgjort' });
    expect(sheet.get(row, col)?.formula).toBeUndefined();
  });
});

describe('3. cells formatted as Text ("@")', () => {
  test('"PR. 31.12.2021" written into a Text cell reads back without an apostrophe', async () => {
    const { model, sheet } = modelWithPlan();
    const { row, col } = parseA1('A31');
    sheet.set(row, col, { value: 'PR. 31.12.2020', numberFormat: '@' });
    const { snapshot, plan } = await planOf(model);
    await adapterFor(model).applyWritePlan(
      buildOverrunUpdate(plan, snapshot, new Decimal(9_800_000), '2021-06-01').plan,
      snapshot,
    );
    expect(sheet.get(row, col)?.value).toBe('PR. 31.12.2021');
    expect(validateWorkbook(await adapterFor(model).readAllSheets()).plans[0].plan.block.asOf?.year).toBe(2021);
  });
});

describe('4. the traffic light in Excel', () => {
  test('green, yellow, red in that priority, each stopping the rest: a row at 100 % shows green', async () => {
    const { model } = modelWithPlan();
    const { snapshot, plan } = await planOf(model);
    await adapterFor(model).applyWritePlan(buildStatus(plan, snapshot, { month: 9, today: TODAY }).plan, snapshot);
    const formats = model.sheet('Status september 2021').conditionalFormats;
    expect(formats.map((f) => [f.formula, f.stopIfTrue])).toEqual([
      ['=AND(ISNUMBER($G8),$G8>=$B$4)', true],
      ['=AND(ISNUMBER($G8),$G8>=$B$5)', true],
      ['=AND(ISNUMBER($G8),$G8<$B$5)', true],
    ]);
    // At 100 %: the first rule that holds (by priority) decides, and it is the green one.
    const share = 1;
    const [green, yellow] = [0.9999, 0.9];
    const holds = [share >= green, share >= yellow, share < yellow];
    expect(formats[holds.indexOf(true)].fill).toBe('#C6EFCE');
  });
});

describe('5. number formats restored in the user’s locale', () => {
  test('with numberFormat coming back localised (Excel on the web), a failed write leaves every format as it was', async () => {
    const { model } = await withHistory();
    model.localisedNumberFormat = true;
    const { snapshot, plan } = await planOf(model);
    const update = buildOverrunUpdate(plan, snapshot, new Decimal(9_800_000), '2021-06-01').plan;
    const before = model.dump();
    model.failOnOperation = { index: model.operationsRun + 8, code: 'GeneralException' };
    await adapterFor(model)
      .applyWritePlan(update, snapshot)
      .catch(() => undefined);
    model.failOnOperation = null;
    expect(model.dump()).toBe(before);
  });
});

describe('9. protected sheets with unlocked input cells', () => {
  const protectedPlan = async (unlock: string[]) => {
    const { model, sheet } = await withHistory();
    sheet.protected = true;
    for (const a of unlock) {
      const { row, col } = parseA1(a);
      sheet.set(row, col, { format: { 'protection.locked': false } });
    }
    return { model, sheet };
  };

  test('the block amounts and "Opdateret" unlocked: the update is written', async () => {
    const { model, sheet } = await protectedPlan(['F32', 'F33', 'F34', 'B7']);
    const { snapshot, plan } = await planOf(model);
    await adapterFor(model).applyWritePlan(
      buildOverrunUpdate(plan, snapshot, new Decimal(9_800_000), '2021-06-01').plan,
      snapshot,
    );
    expect(sheet.get(33, 5)?.value).toBe(9_800_000);
  });

  test('a locked cell to be written: refused before anything is written', async () => {
    const { model } = await protectedPlan(['F32', 'F33']);
    const { snapshot, plan } = await planOf(model);
    const before = model.dump();
    const error = await adapterFor(model)
      .applyWritePlan(buildOverrunUpdate(plan, snapshot, new Decimal(9_800_000), '2021-06-01').plan, snapshot)
      .catch((e) => e);
    expect(error).toMatchObject({ code: 'SheetProtected' });
    expect(model.dump()).toBe(before);
  });
});

describe('13. ownership names', () => {
  test('the names that mark the add-in’s sheets are hidden from the Name Manager and carry no comment', async () => {
    const { model } = modelWithPlan();
    const { snapshot, plan } = await planOf(model);
    await adapterFor(model).applyWritePlan(buildProjection(plan, snapshot, { today: TODAY })!.plan, snapshot);
    const marks = [...model.names.entries()].filter(([n]) => n.startsWith('HANDLEPLAN_ADDIN_'));
    expect(marks.length).toBe(1);
    expect(marks[0][1]).toMatchObject({ visible: false, comment: undefined });
  });
});

describe('10, 11. the function file and the change watch', () => {
  test("commands.html lets Office's inline styles through (office-js #1687)", () => {
    const html = readFileSync(join(__dirname, '..', 'src', 'ribbon', 'commands.html'), 'utf8');
    expect(/style-src[^;]*'unsafe-inline'/.test(html)).toBe(true);
  });

  test('the change handler is removed inside Excel.run of the context it was added in', async () => {
    const { model, sheet } = modelWithPlan();
    const runs: unknown[] = [];
    const adapter = new OfficeWorkbookAdapter(
      (batch, options) => {
        runs.push(options?.context ?? null);
        return model.run(batch, options);
      },
      () => true,
    );
    const stop = await adapter.watchSheet!('Handleplan 2021', () => undefined);
    expect(sheet.changeHandlers.size).toBe(1);
    await stop();
    expect(sheet.changeHandlers.size).toBe(0);
    expect(runs.at(-1)).not.toBeNull();
  });
});

describe('7. Excel 2016/2019 webviews get a Danish line, not a blank pane', () => {
  const script = readFileSync(join(__dirname, '..', 'src', 'taskpane', 'supported.js'), 'utf8');
  /** Runs the check in a window of the given age: an IE11/EdgeHTML one lacks ES2019+. */
  function runIn(modern: boolean) {
    const appended: string[] = [];
    const element = () => {
      const el = {
        style: {},
        children: [] as unknown[],
        text: '',
        setAttribute() {},
        appendChild(child: { text?: string; children?: unknown[] }) {
          el.children.push(child);
          if (child.text) el.text += child.text;
          return child;
        },
      };
      return el;
    };
    const root = element();
    const document = {
      readyState: 'complete',
      getElementById: () => root,
      createElement: () => element(),
      createTextNode: (t: string) => ({ text: t }),
      addEventListener() {},
      body: root,
    };
    const sandbox: Record<string, unknown> = {
      document,
      window: {},
      Symbol,
      Promise: modern ? Promise : { resolve: Promise.resolve },
      Object: modern ? Object : { ...Object, fromEntries: undefined },
      globalThis: modern ? {} : undefined,
    };

    const vm = require('node:vm') as typeof import('node:vm');
    vm.runInNewContext(script, sandbox);
    const texts = (n: { text?: string; children?: unknown[] }): string[] => [
      ...(n.text ? [n.text] : []),
      ...(n.children ?? []).flatMap((c) => texts(c as { text?: string; children?: unknown[] })),
    ];
    appended.push(...texts(root));
    return appended.join(' ');
  }

  test('an old webview shows "Denne version af Excel understøttes ikke"', () => {
    expect(runIn(false)).toMatch(/Denne version af Excel understøttes ikke/);
  });

  test('a current one shows nothing of it (near miss)', () => {
    expect(runIn(true)).toBe('');
  });

  test('the pane loads the check before its bundle', () => {
    const html = readFileSync(join(__dirname, '..', 'src', 'taskpane', 'taskpane.html'), 'utf8');
    expect(html).toMatch(/<script src="supported\.js"><\/script>/);
  });
});

describe('8. payloads sized by bytes, not cells', () => {
  const wideRows = () => {
    const { model, sheet } = modelWithPlan();
    // Long texts: 50.000 cells of these far exceed 5 MB, so a block by cell count is too large.
    const text = 'Lang bogføringstekst '.repeat(12);
    for (let r = 40; r < 6_040; r++) sheet.fill(`A${r + 1}`, [[text, r, text, text, text, text, text, text]]);
    return model;
  };

  test('a block too large for one response is halved and read again, to the same grid', async () => {
    const unlimited = wideRows();
    unlimited.payloadLimitBytes = Infinity;
    const whole = await adapterFor(unlimited).readActiveSheet();
    const limited = wideRows();
    const read = await adapterFor(limited).readActiveSheet();
    expect(read).toEqual(whole);
    expect(limited.syncCount).toBeGreaterThan(4);
  });

  test('values that come back null past the limit are read again in halves, not taken as empty', async () => {
    const unlimited = wideRows();
    unlimited.payloadLimitBytes = Infinity;
    const whole = await adapterFor(unlimited).readActiveSheet();
    const model = wideRows();
    model.nullOnLargeResponse = true;
    // The first, whole read comes back null too: the adapter must not take it for a read sheet.
    const read = await adapterFor(model).readActiveSheet();
    expect(read.sheets.find((s) => s.name === 'Handleplan 2021')!.values).toHaveLength(whole.sheets[0].values.length);
    expect(read).toEqual(whole);
  });

  test('a write larger than one request goes in several syncs, each under the limit', async () => {
    const { model } = modelWithPlan();
    const { snapshot } = await planOf(model);
    const cells = Array.from({ length: 30_000 }, (_, i) => ({
      sheet: 'Stort',
      address: `A${i + 1}`,
      value: `Række ${i} `.repeat(10),
    }));
    const plan = { sheets: [{ action: 'create' as const, name: 'Stort', owned: true }], cells, charts: [] };
    await adapterFor(model).applyWritePlan(plan, snapshot);
    expect(model.syncCount).toBeGreaterThan(3);
    expect(model.sheet('Stort').get(29_999, 0)?.value).toBe('Række 29999 '.repeat(10));
  });
});

describe('15. column widths in Excel', () => {
  test('characters are turned into points by the file format’s own rule, not guessed', async () => {
    const { widthInPoints } = await import('../src/excel/officeWrite');
    // ECMA-376 §18.3.1.13 with Calibri 11 (7 px digits): 28 characters are 196 px = 147 pt.
    expect(widthInPoints(28)).toBe(147);
    expect(widthInPoints(9.140625)).toBe(48); // Excel's default column, stored as 9,140625: 64 px
    const { model } = modelWithPlan();
    const { snapshot, plan } = await planOf(model);
    await adapterFor(model).applyWritePlan(buildStatus(plan, snapshot, { month: 9, today: TODAY }).plan, snapshot);
    expect(model.sheet('Status september 2021').columnWidths.get(1)).toBe(widthInPoints(28));
  });
});

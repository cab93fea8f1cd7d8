import Decimal from 'decimal.js';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cli } from './support/cli';
import { buildOverrunUpdate } from '../src/core/build/overrun';
import { buildProjection } from '../src/core/build/projection';
import { validateWorkbook } from '../src/core/validate';
import { nodeDeflate, nodeInflate } from '../src/cli/zlib';
import { Package } from '../src/xlsx/package';
import { readWorkbook } from '../src/xlsx/read';
import { writePackage } from '../src/xlsx/write';
import { changedCells, cellMap } from './support/cells';
import { planWorkbook, readBytes, roundTrip, unzipParts, xlsxBuffer } from './support/workbooks';

const tmp = mkdtempSync(join(tmpdir(), 'handleplan-write-'));
const ROOT = resolve(__dirname, '..');
const TODAY = '2026-11-23';

async function reopen(data: Uint8Array | Buffer) {
  return readBytes(data);
}

/** One block update applied to an .xlsx workbook, saved and reopened. */
async function update(data: Uint8Array | Buffer, amount: number, today = TODAY) {
  const pkg = new Package(new Uint8Array(data), nodeInflate);
  const snapshot = await readWorkbook(pkg);
  const { plans } = validateWorkbook(snapshot);
  const result = buildOverrunUpdate(plans[0].plan, snapshot, new Decimal(amount), today);
  const { data: saved } = await writePackage(pkg, result.plan, snapshot, nodeDeflate);
  return { saved, result, after: await reopen(saved) };
}

const value = (s: Awaited<ReturnType<typeof reopen>>, sheet: string, address: string) => {
  const m = cellMap(s, sheet).get(address);
  return m ? JSON.parse(m)[0] : null;
};

describe('the "forventet merforbrug" block', () => {
  test('first update on an empty block', async () => {
    const wb = planWorkbook(undefined, {
      edit: (_ws, at) => {
        for (const a of ['F32', 'F33', 'F34']) at(a).value = null;
      },
    });
    const { after, result } = await update(await xlsxBuffer(wb), 9_400_000);
    expect(value(after, 'Handleplan 2021', 'F32')).toBe(9_400_000);
    expect(value(after, 'Handleplan 2021', 'F33')).toBeNull();
    expect(value(after, 'Handleplan 2021', 'F34')).toBe(9_400_000);
    expect(value(after, 'Handleplan 2021', 'B7')).toBe(46349); // 23-11-2026
    expect(result.changes.map((c) => c.address)).toEqual(['F32', 'F34', 'B7']);
    expect(validateWorkbook(after).plans[0].findings).toEqual([]);
  });

  test('a later update moves "efter denne opdatering" to "ved sidste opdatering"', async () => {
    const { after, result } = await update(await xlsxBuffer(planWorkbook()), 9_800_000);
    expect(value(after, 'Handleplan 2021', 'F32')).toBe(9_400_000);
    expect(value(after, 'Handleplan 2021', 'F33')).toBe(9_400_000);
    expect(value(after, 'Handleplan 2021', 'F34')).toBe(9_800_000);
    expect(result.changes).toContainEqual(
      expect.objectContaining({ address: 'F34', before: '9.400.000 kr.', after: '9.800.000 kr.' }),
    );
    const summary = validateWorkbook(after).plans[0].summary;
    expect(summary.target?.toNumber()).toBe(9_800_000);
    expect(summary.updatedDate).toBe(TODAY);
  });

  test('a missing block is written below the month table in the canonical layout', async () => {
    const wb = planWorkbook(undefined, {
      edit: (ws) => {
        for (let r = 30; r <= 34; r++) ws.getRow(r).values = [];
      },
    });
    const { after } = await update(await xlsxBuffer(wb), 9_400_000);
    expect(value(after, 'Handleplan 2021', 'A30')).toBe('FORVENTET MERFORBRUG');
    expect(value(after, 'Handleplan 2021', 'A31')).toBe('PR. 31.12.2021');
    expect(value(after, 'Handleplan 2021', 'A34')).toBe('Forventet merforbrug efter denne opdatering:');
    expect(value(after, 'Handleplan 2021', 'F34')).toBe(9_400_000);
    expect(validateWorkbook(after).findings).toEqual([]);
  });

  test("a user's note where the block would go is never overwritten", async () => {
    const wb = planWorkbook(undefined, {
      edit: (ws) => {
        for (let r = 30; r <= 34; r++) ws.getRow(r).values = [];
        ws.getCell('B31').value = 'Min note';
      },
    });
    const { after } = await update(await xlsxBuffer(wb), 9_400_000);
    expect(value(after, 'Handleplan 2021', 'B31')).toBe('Min note');
    expect(value(after, 'Handleplan 2021', 'A32')).toBe('FORVENTET MERFORBRUG');
    expect(value(after, 'Handleplan 2021', 'F36')).toBe(9_400_000);
  });

  test('after three updates the history sheet holds three rows with the right amounts', async () => {
    let data: Uint8Array | Buffer = await xlsxBuffer(planWorkbook());
    for (const [amount, day] of [
      [9_600_000, '2021-06-01'],
      [9_800_000, '2021-08-01'],
      [9_400_000, '2021-10-01'],
    ] as const) {
      data = (await update(data, amount, day)).saved;
    }
    const after = await reopen(data);
    const history = after.sheets.find((s) => s.name === 'Historik')!;
    expect(history.ownedByAddin).toBe(true);
    expect(history.values[0][0]).toBe('Dato');
    expect(history.values.slice(1).map((r) => r.slice(2))).toEqual([
      [9_400_000, 0, 9_400_000, 9_400_000, 9_400_000, 9_600_000, 9_400_000],
      [9_400_000, 9_400_000, 9_600_000, 9_400_000, 9_600_000, 9_800_000, 9_400_000],
      [9_400_000, 9_600_000, 9_800_000, 9_400_000, 9_800_000, 9_400_000, 9_400_000],
    ]);
    expect(history.values.slice(1).map((r) => r[1])).toEqual(['Handleplan 2021', 'Handleplan 2021', 'Handleplan 2021']);
    expect(validateWorkbook(after).plans.map((p) => p.plan.sheet)).toEqual(['Handleplan 2021']);
  });
});

describe('handleplan project', () => {
  const input = join(tmp, 'plan.xlsx');
  beforeAll(async () => {
    writeFileSync(input, await xlsxBuffer(planWorkbook(undefined, { sheetsBefore: ['Forside'] })));
  });

  test('writes the projection and changes nothing else', async () => {
    const out = join(tmp, 'out.xlsx');
    const { code, stdout } = await cli('project', input, '--overrun', '9,8 mio.', '-o', out);
    expect(code).toBe(0);
    expect(stdout).toContain('Ark "Fremskrivning 2021" oprettet');
    const before = await reopen(readFileSync(input));
    const after = await reopen(readFileSync(out));
    expect(changedCells(cellMap(before, 'Forside'), cellMap(after, 'Forside'))).toEqual([]);
    expect(changedCells(cellMap(before, 'Handleplan 2021'), cellMap(after, 'Handleplan 2021'))).toEqual([
      'B7',
      'F33',
      'F34',
    ]);
    expect(after.sheets.map((s) => s.name)).toEqual(['Forside', 'Handleplan 2021', 'Fremskrivning 2021', 'Historik']);
  });

  test('running project twice gives the same cells as running it once', async () => {
    const once = join(tmp, 'once.xlsx');
    const twice = join(tmp, 'twice.xlsx');
    expect((await cli('project', input, '-o', once)).code).toBe(0);
    const second = await cli('project', once, '-o', twice);
    expect(second.stdout).toContain('erstattet');
    const a = await reopen(readFileSync(once));
    const b = await reopen(readFileSync(twice));
    expect(b.sheets.map((s) => s.name)).toEqual(a.sheets.map((s) => s.name));
    for (const s of a.sheets) expect(changedCells(cellMap(a, s.name), cellMap(b, s.name))).toEqual([]);
  });

  test('the projection holds a line chart of cumulative effect against the target', async () => {
    const out = join(tmp, 'chart.xlsx');
    await cli('project', input, '-o', out);
    const parts = unzipParts(readFileSync(out));
    const charts = Object.keys(parts).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p));
    expect(charts).toHaveLength(1);
    const xml = new TextDecoder().decode(parts[charts[0]]);
    expect(xml).toContain('<c:lineChart>');
    expect(xml).toContain("'Fremskrivning 2021'!$B$6:$B$17");
    expect(xml).toContain("'Fremskrivning 2021'!$C$6:$C$17");
    expect(xml).toContain("'Fremskrivning 2021'!$A$6:$A$17");
    // the file still opens, and the chart survives a check of its package
    expect((await reopen(readFileSync(out))).sheets.length).toBe(3);
  });

  test("a user's sheet with the projection's name is never touched", async () => {
    const wb = planWorkbook();
    wb.addWorksheet('Fremskrivning 2021').getCell('A1').value = 'Mine egne tal';
    const file = join(tmp, 'taken.xlsx');
    writeFileSync(file, await xlsxBuffer(wb));
    const out = join(tmp, 'taken-out.xlsx');
    const { stdout } = await cli('project', file, '-o', out);
    expect(stdout).toContain('"Fremskrivning 2021 (2)"');
    const after = await reopen(readFileSync(out));
    expect(value(after, 'Fremskrivning 2021', 'A1')).toBe('Mine egne tal');
    expect(value(after, 'Fremskrivning 2021 (2)', 'A1')).toBe('FREMSKRIVNING 2021');
  });

  test('a protected plan sheet: a clear Danish message and nothing written', async () => {
    const wb = planWorkbook();
    await wb.getWorksheet('Handleplan 2021')!.protect('', {});
    const file = join(tmp, 'protected.xlsx');
    writeFileSync(file, await xlsxBuffer(wb));
    const out = join(tmp, 'protected-out.xlsx');
    const { code, stderr } = await cli('project', file, '--overrun', '9.800.000', '-o', out);
    expect(code).toBe(2);
    expect(stderr).toBe('Arket "Handleplan 2021" er beskyttet. Fjern beskyttelsen, og prøv igen. Intet er skrevet.');
    expect(existsSync(out)).toBe(false);
  });

  test('bad amounts and a missing target', async () => {
    expect((await cli('project', input, '--overrun', 'mange', '-o', join(tmp, 'x.xlsx'))).stderr).toMatch(
      /kan ikke læses/,
    );
    const wb = planWorkbook(undefined, {
      edit: (_ws, at) => {
        for (const a of ['F32', 'F33', 'F34']) at(a).value = null;
      },
    });
    const file = join(tmp, 'notarget.xlsx');
    writeFileSync(file, await xlsxBuffer(wb));
    const r = await cli('project', file, '-o', join(tmp, 'y.xlsx'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--overrun/);
    expect((await cli('project', input)).stderr).toMatch(/udfil/);
  });

  test('the example runs end to end', async () => {
    const out = join(tmp, 'example-out.xlsx');
    expect((await cli('project', join(ROOT, 'examples/handleplan-slagelse-2021.xlsx'), '-o', out)).code).toBe(0);
  });

  test('the core projection figures for the example', async () => {
    const snapshot = await roundTrip(planWorkbook());
    const plan = validateWorkbook(snapshot).plans[0].plan;
    const p = buildProjection(plan, snapshot, { today: TODAY })!;
    const figure = (a: string) => p.expected.get(a)?.toNumber();
    expect(figure('D10')).toBe(1_175_000); // May
    expect(figure('B17')).toBe(9_400_000); // cumulative December
    expect(figure('E9')).toBe(9_400_000); // uncovered in April
    expect(figure('E17')).toBe(0);
    expect(figure('C22')).toBe(2_480_000); // initiative 1 this year
    expect(figure('D22')).toBe(3_720_000); // initiative 1 full-year 310.000 × 12
  });
});

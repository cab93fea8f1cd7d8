/**
 * Never a false all-clear: what cannot be read is a finding at its cell. Each workbook is built
 * in code the way other programs write them (a formula with no cached result, a number cell
 * whose text is no number, a shared string that does not exist, month headers out of order,
 * manual calculation, the 1904 date system), and each test asserts the finding's code, severity
 * and cell — and that the verdict is not "Ingen fejl".
 */
import Decimal from 'decimal.js';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOverrunUpdate } from '../src/core/build/overrun';
import { isoToSerial } from '../src/core/text/dates';
import { validateWorkbook } from '../src/core/validate';
import { cli } from './support/cli';
import { cloneContent, planWorkbook, readBytes, xlsxBuffer } from './support/workbooks';

const tmp = mkdtempSync(join(tmpdir(), 'handleplan-clear-'));
type Book = ReturnType<typeof planWorkbook>;
type At = (address: string) => { value: unknown };

/** The plan's bytes with its parts changed as another program would have written them. */
async function patched(wb: Book, edit: (parts: Record<string, string>) => void): Promise<Uint8Array> {
  const files = unzipSync(new Uint8Array(await xlsxBuffer(wb)));
  const text: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(files)) if (/\.xml$|\.rels$/.test(name)) text[name] = strFromU8(bytes);
  edit(text);
  for (const [name, t] of Object.entries(text)) files[name] = strToU8(t);
  return zipSync(files);
}

const sheetPart = (parts: Record<string, string>) =>
  Object.keys(parts).find((p) => /worksheets\/sheet1\.xml$/.test(p))!;

const found = (r: ReturnType<typeof validateWorkbook>) => r.findings.map((f) => `${f.severity}:${f.code}@${f.cell}`);
const errors = (r: ReturnType<typeof validateWorkbook>) => r.findings.filter((f) => f.severity === 'error');

async function validateFile(bytes: Uint8Array, name: string) {
  const file = join(tmp, name);
  writeFileSync(file, bytes);
  return cli('validate', file);
}

describe('a formula saved without its result', () => {
  test('F34 =F32+500000 is worked out: the target is 9,9 mio. and the plan lacks 500.000 kr.', async () => {
    const wb = planWorkbook(undefined, { edit: (_ws, at) => (at('F34').value = { formula: 'F32+500000' } as never) });
    const r = validateWorkbook(await readBytes(await xlsxBuffer(wb)));
    expect(r.plans[0].summary.target?.toNumber()).toBe(9_900_000);
    const gap = r.findings.find((f) => f.code === 'TOTAL_BELOW_TARGET')!;
    expect([gap.severity, gap.expected!.minus(gap.actual!).toNumber()]).toEqual(['error', 500_000]);
    const out = await validateFile(await xlsxBuffer(wb), 'uncached-target.xlsx');
    expect(out.code).toBe(1);
    expect(out.stdout).not.toMatch(/Ingen fejl/);
  });

  test('the arithmetic such cells use: × ÷, parentheses, constants, SUM over ranges', async () => {
    const wb = planWorkbook(undefined, {
      edit: (_ws, at) => {
        at('F34').value = { formula: '(F32*2-SUM(F22:F26)*8)/1+0.5*0' } as never;
      },
    });
    const r = validateWorkbook(await readBytes(await xlsxBuffer(wb)));
    // 2 × 9.400.000 − 8 × 1.175.000 = 9.400.000: the plan holds.
    expect(r.plans[0].summary.target?.toNumber()).toBe(9_400_000);
    expect(errors(r)).toEqual([]);
  });

  test('a formula that cannot be worked out is FORMULA_WITHOUT_RESULT at its cell, never "ved opstart"', async () => {
    const wb = planWorkbook(undefined, {
      edit: (_ws, at) => (at('F34').value = { formula: 'VLOOKUP(1,Ark2!A:B,2,0)' } as never),
    });
    const r = validateWorkbook(await readBytes(await xlsxBuffer(wb)));
    expect(found(r)).toContain('error:FORMULA_WITHOUT_RESULT@F34');
    expect(r.findings.find((f) => f.code === 'FORMULA_WITHOUT_RESULT')!.message).toMatch(
      /intet gemt resultat – åbn og gem filen i Excel/,
    );
    const out = await validateFile(await xlsxBuffer(wb), 'uncached-vlookup.xlsx');
    expect(out.code).toBe(1);
  });

  test('a month cell with a formula and no result is read (worked out, or reported), not taken as empty', async () => {
    const wb = planWorkbook(undefined, {
      edit: (_ws, at) => {
        at('G22').value = { formula: 'F22' } as never; // 310.000, as before
        at('H23').value = { formula: 'INDIRECT("F23")' } as never; // cannot be worked out here
      },
    });
    const r = validateWorkbook(await readBytes(await xlsxBuffer(wb)));
    expect(found(r)).toEqual(expect.arrayContaining(['error:FORMULA_WITHOUT_RESULT@H23']));
    expect(found(r)).not.toContain('error:FORMULA_WITHOUT_RESULT@G22');
    expect(r.findings.filter((f) => f.cell === 'G22')).toEqual([]);
  });
});

describe('a number cell that holds no number', () => {
  const marked = () => planWorkbook(undefined, { edit: (_ws, at) => (at('M22').value = 424242) });

  test.each([
    ['310000kr', '310000kr'],
    ['1E+309', '1E+309'],
  ])('<v>%s</v> is NOT_A_NUMBER at M22', async (stored, shown) => {
    const bytes = await patched(marked(), (p) => {
      const s = sheetPart(p);
      p[s] = p[s].replace('<v>424242</v>', `<v>${stored}</v>`);
    });
    const r = validateWorkbook(await readBytes(bytes));
    expect(found(r)).toContain('error:NOT_A_NUMBER@M22');
    expect(r.findings.find((f) => f.cell === 'M22')!.message).toContain(shown);
    expect((await validateFile(bytes, `garbage-${shown}.xlsx`)).code).toBe(1);
  });

  test('a shared-string index out of range is NOT_A_NUMBER at its cell', async () => {
    const wb = planWorkbook(undefined, { edit: (_ws, at) => (at('M22').value = 'MÆRKE') });
    const bytes = await patched(wb, (p) => {
      const s = sheetPart(p);
      p[s] = p[s].replace(/(<c r="M22"[^>]*t="s"[^>]*>)<v>\d+<\/v>/, '$1<v>99999</v>');
    });
    const r = validateWorkbook(await readBytes(bytes));
    expect(found(r)).toContain('error:NOT_A_NUMBER@M22');
    expect(r.findings.find((f) => f.cell === 'M22')!.message).toMatch(/delt tekst nr\. 99999/);
  });
});

describe('month headers out of order, twice, missing or misspelt', () => {
  const header = async (edit: (at: At) => void) =>
    validateWorkbook(await readBytes(await xlsxBuffer(planWorkbook(undefined, { edit: (_ws, at) => edit(at) }))));

  test('FEB before JAN: the plan is read and both headers are MONTH_HEADER errors', async () => {
    const r = await header((at) => {
      at('B21').value = 'FEB';
      at('C21').value = 'JAN';
    });
    expect(r.plans).toHaveLength(1);
    expect(found(r)).toEqual(expect.arrayContaining(['error:MONTH_HEADER@B21', 'error:MONTH_HEADER@C21']));
    expect(found(r)).not.toContain('error:NO_PLAN@A1');
  });

  test('DEC twice (NOV missing) is an error at the first DEC', async () => {
    const r = await header((at) => (at('L21').value = 'DEC'));
    expect(found(r).filter((f) => f.includes('MONTH_HEADER'))).toEqual(['error:MONTH_HEADER@L21']);
    expect(r.findings.find((f) => f.code === 'MONTH_HEADER')!.message).toMatch(/"DEC".*NOV/);
  });

  test('"JNU" is an error at G21; an empty header at H21 too', async () => {
    const misspelt = await header((at) => (at('G21').value = 'JNU'));
    expect(found(misspelt).filter((f) => f.includes('MONTH_HEADER'))).toEqual(['error:MONTH_HEADER@G21']);
    const empty = await header((at) => (at('H21').value = null));
    expect(found(empty).filter((f) => f.includes('MONTH_HEADER'))).toEqual(['error:MONTH_HEADER@H21']);
    expect(empty.findings.find((f) => f.code === 'MONTH_HEADER')!.message).toMatch(/JUL mangler/);
  });

  test('the months in order are no finding (near miss): lower case and full names', async () => {
    const r = await header((at) => {
      at('B21').value = 'januar';
      at('F21').value = 'Maj';
    });
    expect(r.findings).toEqual([]);
  });
});

describe('stale results and weak verdicts', () => {
  test('manual calculation with formulas in the plan is a warning that names it', async () => {
    const manual = await patched(planWorkbook(), (p) => {
      p['xl/workbook.xml'] = p['xl/workbook.xml'].replace(
        /<calcPr[^>]*\/>/,
        '<calcPr calcId="191029" calcMode="manual"/>',
      );
      if (!p['xl/workbook.xml'].includes('calcMode')) throw new Error('no calcPr to change');
    });
    const r = validateWorkbook(await readBytes(manual));
    expect(found(r)).toEqual(['warning:MANUAL_CALCULATION@A1']);
    expect(r.findings[0].message).toMatch(/manuel beregning/);
    // Automatic calculation: no finding.
    expect(validateWorkbook(await readBytes(await xlsxBuffer(planWorkbook()))).findings).toEqual([]);
  });

  test('two effect rows with the same number: a warning at the second naming the number', async () => {
    const r = validateWorkbook(
      await readBytes(await xlsxBuffer(planWorkbook(undefined, { edit: (_ws, at) => (at('A23').value = 1) }))),
    );
    const dup = r.findings.find((f) => f.code === 'DUPLICATE_NUMBER')!;
    expect([dup.severity, dup.cell]).toEqual(['warning', 'A23']);
    expect(dup.message).toMatch(/Nummer 1 .*A22/);
  });

  test('a negative monthly effect is a warning at the cell; a positive one is none', async () => {
    const content = cloneContent();
    content.initiatives[1].effects[6] = -50_000;
    content.block.afterThisUpdate = 9_400_000 - 150_000;
    const r = validateWorkbook(await readBytes(await xlsxBuffer(planWorkbook(content))));
    expect(found(r)).toEqual(['warning:NEGATIVE_EFFECT@H23']);
  });

  test('a negative target is a warning, a zero target an info', async () => {
    const negative = cloneContent();
    negative.block.afterThisUpdate = -9_400_000;
    const n = validateWorkbook(await readBytes(await xlsxBuffer(planWorkbook(negative))));
    expect(found(n)).toContain('warning:NEGATIVE_TARGET@F34');
    const zero = cloneContent();
    zero.block.atStart = 0;
    zero.block.afterThisUpdate = 0;
    const z = validateWorkbook(await readBytes(await xlsxBuffer(planWorkbook(zero))));
    expect(found(z)).toContain('info:ZERO_TARGET@F34');
  });

  test('an amount formatted as a date is a warning', async () => {
    const wb = planWorkbook(undefined, { edit: (_ws, at) => (at('F34').numFmt = 'dd-mm-yyyy') });
    const r = validateWorkbook(await readBytes(await xlsxBuffer(wb)));
    const f = r.findings.find((x) => x.code === 'AMOUNT_AS_DATE')!;
    expect([f.severity, f.cell]).toEqual(['warning', 'F34']);
  });

  test.each([
    ['hidden', /er skjult/],
    ['veryHidden', /meget skjult/],
  ] as const)('a plan on a %s sheet is an info: the user cannot see it', async (state, text) => {
    const wb = planWorkbook(undefined, { sheetsBefore: ['Forside'] });
    wb.getWorksheet('Handleplan 2021')!.state = state;
    const r = validateWorkbook(await readBytes(await xlsxBuffer(wb)));
    expect(found(r)).toEqual(['info:HIDDEN_PLAN@A1']);
    expect(r.findings[0].message).toMatch(text);
  });
});

describe('the 1904 date system', () => {
  const mac = async () => {
    const bytes = await patched(planWorkbook(), (p) => {
      const s = sheetPart(p);
      // The plan's dates as a Mac workbook stores them: serials counted from 1904.
      p[s] = p[s].replace(/<v>44308<\/v>/g, `<v>${44308 - 1462}</v>`);
      p['xl/workbook.xml'] = p['xl/workbook.xml'].replace(/<workbookPr([^>]*)\/>/, '<workbookPr$1 date1904="1"/>');
      if (!p['xl/workbook.xml'].includes('date1904="1"')) throw new Error('no workbookPr');
    });
    return readBytes(bytes);
  };

  test("dates are read in the workbook's own system", async () => {
    const snapshot = await mac();
    const r = validateWorkbook(snapshot);
    expect(r.plans[0].summary.startDate).toBe('2021-04-22');
    expect(r.plans[0].summary.updatedDate).toBe('2021-04-22');
    expect(r.findings).toEqual([]);
  });

  test("browser mode's grid shows a 1904 workbook's dates as the days they are", async () => {
    const { displayValue } = await import('../src/taskpane/browser/SheetGrid');
    expect(displayValue(44308 - 1462, 'dd-mm-yyyy', true)).toBe('22-04-2021');
    expect(displayValue(44308, 'dd-mm-yyyy')).toBe('22-04-2021');
  });

  test('"Opdateret" is written as the workbook counts, and reads back as the same day', async () => {
    const snapshot = await mac();
    const plan = validateWorkbook(snapshot).plans[0].plan;
    const update = buildOverrunUpdate(plan, snapshot, new Decimal(9_500_000), '2021-06-30');
    const written = update.plan.cells.find((c) => c.address === 'B7')!;
    expect(written.value).toBe(isoToSerial('2021-06-30') - 1462);
    const history = update.plan.appends![0].values[0];
    expect(history).toBe(isoToSerial('2021-06-30') - 1462);
  });
});

describe('what the command line prints cannot lie', () => {
  test('control characters in cell texts are shown escaped, never sent to the terminal', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Status');
    [
      ['2024', 'Budget', 'Prognose', 'Afvigelse'],
      ['MÆRKE', 100, 150, 40],
    ].forEach((r) => ws.addRow(r));
    const bytes = await patched(wb, (p) => {
      const key = Object.keys(p).find((k) => k.endsWith('sharedStrings.xml'))!;
      // Excel's escape for ESC: "_x001B_[2J" clears the screen; then a false verdict.
      p[key] = p[key].replace('MÆRKE', '_x001B_[2J_x001B_[HIngen fejl.');
    });
    const out = await validateFile(bytes, 'escape.xlsx');
    expect(out.code).toBe(1);
    expect(out.stdout + out.stderr).not.toContain(String.fromCharCode(27));
    expect(out.stdout).toContain('\\u001B[2J');
    const json = await cli('validate', join(tmp, 'escape.xlsx'), '--json');
    expect(json.stdout).not.toContain(String.fromCharCode(27));
    expect(JSON.parse(json.stdout).findings[0].message).toContain('\u001b[2J');
  });

  test('validate a.xlsx b.xlsx validates both; the exit status is the worst', async () => {
    const good = join(tmp, 'good.xlsx');
    const bad = join(tmp, 'bad.xlsx');
    writeFileSync(good, await xlsxBuffer(planWorkbook()));
    const wrong = cloneContent();
    wrong.block.afterThisUpdate = 9_500_000;
    writeFileSync(bad, await xlsxBuffer(planWorkbook(wrong)));
    const both = await cli('validate', good, bad);
    expect(both.code).toBe(1);
    expect(both.stdout).toContain('good.xlsx');
    expect(both.stdout).toContain('bad.xlsx');
    const json = await cli('validate', good, bad, '--json');
    expect(JSON.parse(json.stdout).files.map((f: { file: string }) => f.file)).toEqual([good, bad]);
    const missing = await cli('validate', good, join(tmp, 'findes-ikke.xlsx'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/findes-ikke\.xlsx/);
    expect((await cli('validate', good, good)).code).toBe(0);
  });
});

describe('in Excel: the calculation mode and the date system are asked of Excel', () => {
  const load = async () => {
    const { modelWithPlan } = await import('./support/excelFixtures');
    const { OfficeWorkbookAdapter } = await import('../src/excel/officeAdapter');
    const { model, sheet } = modelWithPlan();
    const adapter = new OfficeWorkbookAdapter(
      (batch) => model.run(batch),
      (v) => Number(v.split('.')[1]) <= 7,
    );
    return { model, sheet, adapter };
  };

  test('manual calculation in Excel is the same warning as in a file', async () => {
    const { model, adapter } = await load();
    model.calculationMode = 'Manual';
    const r = validateWorkbook(await adapter.readActiveSheet());
    expect(found(r)).toEqual(['warning:MANUAL_CALCULATION@A1']);
    model.calculationMode = 'Automatic';
    expect(validateWorkbook(await adapter.readActiveSheet()).findings).toEqual([]);
  });

  test('a 1904 workbook: its dates are read as it counts them, in the same sync', async () => {
    const { model, sheet, adapter } = await load();
    model.date1904 = true;
    // The plan's dates as a 1904 workbook holds them.
    for (const a of ['B6', 'B7']) {
      const { parseA1 } = await import('../src/core/model/a1');
      const { row, col } = parseA1(a);
      sheet.set(row, col, { value: (sheet.get(row, col)!.value as number) - 1462 });
    }
    const before = model.syncCount;
    const snapshot = await adapter.readActiveSheet();
    expect(model.syncCount - before).toBe(1);
    const r = validateWorkbook(snapshot);
    expect(r.plans[0].summary.startDate).toBe('2021-04-22');
    expect(r.findings).toEqual([]);
    // "Opdateret" is written as the workbook counts: read back, it is the day written.
    const update = buildOverrunUpdate(r.plans[0].plan, snapshot, new Decimal(9_500_000), '2021-06-30');
    await adapter.applyWritePlan(update.plan, snapshot);
    expect(sheet.get(6, 1)!.value).toBe(isoToSerial('2021-06-30') - 1462);
    const again = validateWorkbook(await adapter.readActiveSheet());
    expect(again.plans[0].summary.updatedDate).toBe('2021-06-30');
  });
});

/**
 * Are we on track? The status sheet per month, built from the Slagelse example with realised
 * amounts for April–September: planned-to-date figures, the traffic light, printing, the rules,
 * and regeneration that keeps what the controller typed.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { slagelse2021 } from '../examples/slagelse-2021';
import { nodeDeflate, nodeInflate } from '../src/cli/zlib';
import { parseA1 } from '../src/core/model/a1';
import { WorkbookError } from '../src/core/model/adapter';
import { Grid, type WorkbookSnapshot } from '../src/core/model/grid';
import { parseStatusMonth, readStatusSheet } from '../src/core/tables/status';
import { buildStatus } from '../src/core/build/statusSheet';
import { buildPlanSheet, type PlanContent } from '../src/core/build/template';
import { validateWorkbook } from '../src/core/validate';
import type { CellWrite, WritePlan } from '../src/core/build/writePlan';
import { OfficeWorkbookAdapter } from '../src/excel/officeAdapter';
import { blankPackage } from '../src/xlsx/blank';
import { Package } from '../src/xlsx/package';
import { readWorkbook } from '../src/xlsx/read';
import { writePackage } from '../src/xlsx/write';
import { ExcelModel } from './support/fakeExcel';
import { modelWithPlan } from './support/excelFixtures';
import { convert, recalculate, requireLibreOffice } from './support/libreoffice';
import { run } from '../src/cli/main';
import { execFileSync } from 'node:child_process';
import { cloneContent, unzipParts } from './support/workbooks';

/** The date the tests write on (the builders never read the clock). */
const TODAY = '2026-12-03';

const tmp = mkdtempSync(join(tmpdir(), 'handleplan-status-'));

/** A workbook file with the plan, as the .xlsx adapter writes it. */
async function planFile(content: PlanContent = slagelse2021): Promise<Uint8Array> {
  const pkg = new Package(blankPackage(nodeDeflate), nodeInflate);
  return (await writePackage(pkg, buildPlanSheet('Handleplan 2021', content), { sheets: [] }, nodeDeflate)).data;
}

/** Applies a write plan to package bytes; returns the new bytes and the snapshot after. */
async function write(data: Uint8Array, plan: (s: WorkbookSnapshot) => WritePlan) {
  const pkg = new Package(data, nodeInflate);
  const before = await readWorkbook(pkg, { all: true });
  const out = (await writePackage(pkg, plan(before), before, nodeDeflate)).data;
  return { data: out, after: await readWorkbook(new Package(out, nodeInflate), { all: true }) };
}

const planOf = (s: WorkbookSnapshot) => validateWorkbook(s).plans[0].plan;
const statusPlan = (month: number) => (s: WorkbookSnapshot) => buildStatus(planOf(s), s, { month, today: TODAY }).plan;
/** What a controller types into the status sheet: cells on it, as plain values. */
const typing = (sheet: string, values: Record<string, string | number>) => (): WritePlan => ({
  sheets: [],
  cells: Object.entries(values).map(([address, value]): CellWrite => ({ sheet, address, value })),
  charts: [],
});
const cell = (s: WorkbookSnapshot, sheet: string, address: string) => {
  const { row, col } = parseA1(address);
  return new Grid(s.sheets.find((x) => x.name === sheet)!).value(row, col);
};

/** Realised to date for April–September: a share of what was planned to date, per initiative. */
const REALISED_SHARE = [1.05, 0.95, 0.6, 1, 0];

describe('the status sheet', () => {
  test('planned to date = the plan’s months January–month; realised as typed; the figures recalculate in LibreOffice', async () => {
    requireLibreOffice();
    let data = await planFile();
    const snapshot = await readWorkbook(new Package(data, nodeInflate), { all: true });
    const plan = planOf(snapshot);
    for (let month = 4; month <= 9; month++) {
      const built = buildStatus(plan, snapshot, { month, today: TODAY });
      // Planned to date for initiative n: the sum of its months 1..month, computed here by hand.
      plan.monthTable.rows.slice(0, 5).forEach((row, i) => {
        const byHand = row.months.slice(0, month).reduce((s, m) => s + (m.value?.toNumber() ?? 0), 0);
        expect({ month, n: row.number, planned: built.expected.get(`D${8 + i}`)?.toNumber() }).toEqual({
          month,
          n: row.number,
          planned: byHand,
        });
      });
      ({ data } = await write(data, statusPlan(month)));
      const sheet = built.sheet;
      const typed: Record<string, number | string> = {};
      plan.monthTable.rows.slice(0, 5).forEach((_row, i) => {
        const planned = built.expected.get(`D${8 + i}`)!.toNumber();
        typed[`E${8 + i}`] = Math.round(planned * REALISED_SHARE[i]);
        typed[`H${8 + i}`] = `Status for indsats ${i + 1} i måned ${month}.`;
      });
      ({ data } = await write(data, typing(sheet, typed)));
    }
    // September in LibreOffice: every formula cell equals the core's figure.
    const file = join(tmp, 'status.xlsx');
    writeFileSync(file, data);
    const after = await readWorkbook(new Package(new Uint8Array(readFileSync(recalculate(file))), nodeInflate), {
      all: true,
    });
    const sheet = 'Status september 2021';
    const september = buildStatus(plan, snapshot, { month: 9, today: TODAY });
    for (const [address, expected] of september.expected) {
      if (!address.startsWith('D') || address === 'D14') continue;
      expect({ address, v: cell(after, sheet, address) }).toEqual({ address, v: expected.toNumber() });
    }
    // Initiative 1: planned to date 1.550.000, realised 1.627.500 → difference +77.500, 105 %.
    expect(cell(after, sheet, 'D8')).toBe(1_550_000);
    expect(cell(after, sheet, 'E8')).toBe(1_627_500);
    expect(cell(after, sheet, 'F8')).toBe(77_500);
    expect(cell(after, sheet, 'G8')).toBeCloseTo(1.05, 10);
    // Totals: planned 5.875.000 to date.
    expect(cell(after, sheet, 'D13')).toBe(5_875_000);
    const realised = [1_627_500, 475_000, 150_000, 1_787_500, 0].reduce((a, b) => a + b, 0);
    expect(cell(after, sheet, 'E13')).toBe(realised);
    expect(cell(after, sheet, 'F13')).toBe(realised - 5_875_000);
    // Every month's sheet is there, the plan untouched.
    expect(after.sheets.map((s) => s.name)).toEqual([
      'Handleplan 2021',
      'Status september 2021',
      'Status august 2021',
      'Status juli 2021',
      'Status juni 2021',
      'Status maj 2021',
      'Status april 2021',
    ]);
  }, 60_000);

  test('the traffic light, A4 landscape and the repeated header are in the written file', async () => {
    const { data } = await write(await planFile(), statusPlan(9));
    const parts = unzipParts(data);
    const sheetPart = Object.keys(parts).find(
      (p) => /worksheets\/sheet\d+\.xml$/.test(p) && new TextDecoder().decode(parts[p]).includes('STATUS SEPTEMBER'),
    )!;
    const xml = new TextDecoder().decode(parts[sheetPart]);
    const rules = [
      ...xml.matchAll(/<cfRule type="expression" dxfId="(\d+)" priority="(\d)"><formula>([^<]*)<\/formula>/g),
    ];
    expect(
      rules.map((r) =>
        r[3]
          .replace(/&quot;/g, '"')
          .replace(/&gt;/g, '>')
          .replace(/&lt;/g, '<'),
      ),
    ).toEqual(['AND(ISNUMBER($G8),$G8>=$B$4)', 'AND(ISNUMBER($G8),$G8>=$B$5)', 'AND(ISNUMBER($G8),$G8<$B$5)']);
    expect(xml).toContain('<conditionalFormatting sqref="G8:G12">');
    expect(xml).toMatch(/<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"\/>/);
    const styles = new TextDecoder().decode(parts['xl/styles.xml']);
    const dxfs = /<dxfs count="3">([\s\S]*?)<\/dxfs>/.exec(styles)![1];
    expect([...dxfs.matchAll(/bgColor rgb="FF(\w{6})"/g)].map((m) => m[1])).toEqual(['C6EFCE', 'FFEB9C', 'FFC7CE']);
    const workbook = new TextDecoder().decode(parts['xl/workbook.xml']);
    expect(workbook).toMatch(
      /<definedName name="_xlnm.Print_Titles" localSheetId="1">'Status september 2021'!\$7:\$7<\/definedName>/,
    );
    // Thresholds stand at the top, 100 % and 90 % by default.
    const after = await readWorkbook(new Package(data, nodeInflate), { all: true });
    expect([cell(after, 'Status september 2021', 'B4'), cell(after, 'Status september 2021', 'B5')]).toEqual([1, 0.9]);
  });

  test('month arguments', () => {
    expect(parseStatusMonth('2021-09')).toEqual({ year: 2021, month: 9 });
    expect(parseStatusMonth('9')).toEqual({ year: null, month: 9 });
    expect(parseStatusMonth('2021-13')).toBeNull();
    expect(parseStatusMonth('september')).toBeNull();
  });
});

describe('regeneration keeps what the controller typed', () => {
  test('after the plan changed (initiative 3 removed, 6 added): typed values in their rows, 3’s in "Fjernede indsatser"', async () => {
    let { data } = await write(await planFile(), statusPlan(9));
    ({ data } = await write(
      data,
      typing('Status september 2021', {
        E8: 1_600_000,
        H8: 'Akutpladserne er i brug.',
        E9: 450_000,
        H9: 'Færre eksterne forløb end ventet.',
        E10: 100_000,
        H10: 'Indsatsen er stoppet.',
        B5: 0.95,
      }),
    ));
    // The plan changes: initiative 3 leaves, initiative 6 comes.
    const changed = cloneContent();
    changed.initiatives = changed.initiatives.filter((i) => i.number !== 3);
    changed.initiatives.push({
      number: 6,
      area: '5.21 Forebyggende',
      goal: 'Ny indsats',
      action: 'Netværksmøder i stedet for anbringelse',
      consequences: '',
      effects: [null, null, null, null, null, null, 50_000, 50_000, 50_000, 50_000, 50_000, 50_000],
    });
    const newPlan = buildPlanSheet('Handleplan 2021', changed);
    ({ data } = await write(data, () => ({ ...newPlan, sheets: [] })));
    const first = await write(data, statusPlan(9));
    const s = readStatusSheet(new Grid(first.after.sheets.find((x) => x.name === 'Status september 2021')!))!;
    expect(s.rows.map((r) => [r.number, r.realised.raw, r.status])).toEqual([
      [1, 1_600_000, 'Akutpladserne er i brug.'],
      [2, 450_000, 'Færre eksterne forløb end ventet.'],
      [4, null, ''],
      [5, null, ''],
      [6, null, ''],
    ]);
    expect(s.removed).toEqual([
      { number: 3, area: '5.21. Forebyggende', realised: 100_000, status: 'Indsatsen er stoppet.' },
    ]);
    expect(s.thresholds).toEqual({ green: 1, yellow: 0.95 });
    // And a second regeneration keeps the removed one's input too.
    const again = await write(first.data, statusPlan(9));
    const s2 = readStatusSheet(new Grid(again.after.sheets.find((x) => x.name === 'Status september 2021')!))!;
    expect(s2.removed).toEqual(s.removed);
    expect(again.after.sheets.filter((x) => x.name.startsWith('Status')).map((x) => x.name)).toEqual([
      'Status september 2021',
    ]);
  });

  test('a new month starts from the previous month’s status texts, not its amounts', async () => {
    let { data } = await write(await planFile(), statusPlan(8));
    ({ data } = await write(data, typing('Status august 2021', { E8: 1_000_000, H8: 'Godt i gang.' })));
    const { after } = await write(data, statusPlan(9));
    const s = readStatusSheet(new Grid(after.sheets.find((x) => x.name === 'Status september 2021')!))!;
    expect([s.rows[0].realised.raw, s.rows[0].status]).toEqual([null, 'Godt i gang.']);
  });

  test('in the Excel model: one check and one write sync, and a failure at any operation leaves the workbook as it was', async () => {
    const { model } = modelWithPlan();
    const adapter = (m: ExcelModel) =>
      new OfficeWorkbookAdapter(
        (batch) => m.run(batch),
        () => true,
      );
    // The first status, then the controller's typing.
    let snapshot = await adapter(model).readAllSheets();
    await adapter(model).applyWritePlan(
      buildStatus(planOf(snapshot), snapshot, { month: 9, today: TODAY }).plan,
      snapshot,
    );
    model.userEdit('Status september 2021', 'E8', 1_600_000);
    model.userEdit('Status september 2021', 'H8', 'Akutpladserne er i brug.');
    expect(model.sheet('Status september 2021').conditionalFormats.map((f) => f.formula)).toEqual([
      '=AND(ISNUMBER($G8),$G8>=$B$4)',
      '=AND(ISNUMBER($G8),$G8>=$B$5)',
      '=AND(ISNUMBER($G8),$G8<$B$5)',
    ]);
    expect(model.sheet('Status september 2021').page).toEqual({
      orientation: 'Landscape',
      paperSize: 'A4',
      printTitleRows: '$7:$7',
      // Fit to the page width in Excel too (PageLayout.zoom, ExcelApi 1.9), as in the file.
      zoom: { horizontalFitToPages: 1 },
    });

    snapshot = await adapter(model).readAllSheets();
    const regenerate = buildStatus(planOf(snapshot), snapshot, { month: 9, today: TODAY });
    expect(regenerate.action).toBe('replace');
    const base = model.clone();
    const expected = base.dump();
    const probe = base.clone();
    await adapter(probe).applyWritePlan(regenerate.plan, snapshot);
    expect(probe.syncCount).toBe(2);
    expect(probe.sheet('Status september 2021').get(7, 4)?.value).toBe(1_600_000);
    expect(probe.sheet('Status september 2021').get(7, 7)?.value).toBe('Akutpladserne er i brug.');
    const operations = probe.operationsRun;
    expect(operations).toBeGreaterThan(100);
    for (let index = 0; index < operations; index++) {
      const m = base.clone();
      m.failOnOperation = { index, code: 'GeneralException' };
      const error = await adapter(m)
        .applyWritePlan(regenerate.plan, snapshot)
        .catch((e) => e);
      m.failOnOperation = null;
      if (!(error instanceof WorkbookError) || m.dump() !== expected) {
        const a = expected.split('\n');
        const b = m.dump().split('\n');
        const at = a.findIndex((l, i) => l !== b[i]);
        throw new Error(
          `a failure at operation ${index} of ${operations} was not undone: ${String(error)} ${String((error as { detail?: { rollbackError?: unknown } }).detail?.rollbackError)} ${((error as { detail?: { rollbackError?: Error } }).detail?.rollbackError as Error)?.message} ${a.slice(at - 3, at + 3).join('|')} ≠ ${b.slice(at - 3, at + 3).join('|')}`,
        );
      }
    }
  });

  test('an edit to a typed cell between reading and writing stops the regeneration', async () => {
    const { model } = modelWithPlan();
    const adapter = new OfficeWorkbookAdapter(
      (batch) => model.run(batch),
      () => true,
    );
    let snapshot = await adapter.readAllSheets();
    await adapter.applyWritePlan(buildStatus(planOf(snapshot), snapshot, { month: 9, today: TODAY }).plan, snapshot);
    snapshot = await adapter.readAllSheets();
    const regenerate = buildStatus(planOf(snapshot), snapshot, { month: 9, today: TODAY });
    model.userEdit('Status september 2021', 'H9', 'Skrevet imens.');
    const error = await adapter.applyWritePlan(regenerate.plan, snapshot).catch((e) => e);
    expect(error).toBeInstanceOf(WorkbookError);
    expect(error.code).toBe('Stale');
    expect(model.sheet('Status september 2021').get(8, 7)?.value).toBe('Skrevet imens.');
  });
});

describe('rules on a status sheet (kind status)', () => {
  async function statusWith(values: Record<string, string | number>, content?: PlanContent) {
    let { data } = await write(await planFile(content), statusPlan(9));
    ({ data } = await write(data, typing('Status september 2021', values)));
    return readWorkbook(new Package(data, nodeInflate), { all: true });
  }
  const found = (s: WorkbookSnapshot) =>
    validateWorkbook(s)
      .findings.filter((f) => f.code.startsWith('STATUS'))
      .map((f) => `${f.code}@${f.cell}`);

  test('behind by more than the yellow threshold: a warning at the realised cell saying by how much; just within: none', async () => {
    // Initiative 1 planned 1.550.000 to date; 90 % is 1.395.000.
    const near = await statusWith({ E8: 1_395_000, E9: 500_000, E10: 250_000, E11: 1_787_500, E12: 1_787_500 });
    expect(found(near)).toEqual([]);
    const behind = await statusWith({ E8: 1_394_000, E9: 500_000, E10: 250_000, E11: 1_787_500, E12: 1_787_500 });
    expect(found(behind)).toEqual(['STATUS_BEHIND@E8']);
    const f = validateWorkbook(behind).findings.find((x) => x.code === 'STATUS_BEHIND')!;
    expect(f.severity).toBe('warning');
    expect(f.message).toContain('156.000 kr. mangler');
    const table = validateWorkbook(behind).tables.find((t) => t.kind === 'status')!;
    expect(table.summary).toMatchObject({ month: 9, year: 2021, plan: 'Handleplan 2021', plannedToDate: 5_875_000 });
  });

  test('realised missing where effect was planned to date: info; nothing planned: nothing', async () => {
    const s = await statusWith({ E8: 1_550_000, E9: 500_000, E10: 250_000, E11: 1_787_500 });
    expect(found(s)).toEqual(['STATUS_MISSING@E12']);
    expect(validateWorkbook(s).findings.find((f) => f.code === 'STATUS_MISSING')!.severity).toBe('info');
  });

  test('a status sheet whose plan no longer matches (initiatives differ): a warning', async () => {
    let { data } = await write(await planFile(), statusPlan(9));
    const changed = cloneContent();
    changed.initiatives = changed.initiatives.filter((i) => i.number !== 5);
    ({ data } = await write(data, () => ({ ...buildPlanSheet('Handleplan 2021', changed), sheets: [] })));
    const s = await readWorkbook(new Package(data, nodeInflate), { all: true });
    expect(found(s)).toContain('STATUS_STALE@A1');
  });

  test('a status sheet for a year after the plan’s: a warning', async () => {
    const { data } = await write(
      await planFile(),
      (s) => buildStatus(planOf(s), s, { month: 3, year: 2022, today: TODAY }).plan,
    );
    const s = await readWorkbook(new Package(data, nodeInflate), { all: true });
    expect(found(s).filter((x) => x.startsWith('STATUS_STALE'))).toEqual(['STATUS_STALE@A1']);
  });
});

describe('the committee’s status report (.docx)', () => {
  test('title, summary figures and one row per initiative with its texts; LibreOffice makes a PDF of it', async () => {
    let { data } = await write(await planFile(), statusPlan(9));
    ({ data } = await write(
      data,
      typing('Status september 2021', {
        E8: 1_627_500,
        H8: 'Der er etableret fire akutpladser; de bruges i stedet for opholdssted.',
        E9: 475_000,
        H9: 'Antallet af eksterne forløb er faldet fra 42 til 31.',
        E10: 150_000,
        H10: 'Kapaciteten i Familiehusene er vurderet; effekten kommer senere.',
        E11: 1_787_500,
        E12: 0,
        H12: 'Ikke påbegyndt.',
      }),
    ));
    const input = join(tmp, 'plan-med-status.xlsx');
    writeFileSync(input, data);
    const out = join(tmp, 'statusrapport.docx');
    const lines: string[] = [];
    const status = await run(['report', input, '--month', '2021-09', '-o', out], {
      out: (t) => lines.push(t),
      err: (t) => lines.push(t),
    });
    expect({ status, lines }).toEqual({ status: 0, lines: [`Skrev statusrapporten "${out}" med 5 indsatser.`] });
    const xml = new TextDecoder().decode(unzipParts(readFileSync(out))['word/document.xml']);
    const texts = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]);
    expect(texts[0]).toBe('Økonomisk handleplan på det specialiserede børneområde 2021 – status september');
    // Summary: the target, the year's planned effect, planned and realised to date, the difference.
    const realised = 1_627_500 + 475_000 + 150_000 + 1_787_500;
    for (const figure of [
      '9.400.000 kr.',
      '5.875.000 kr.',
      `${realised.toLocaleString('da-DK')} kr.`,
      `${(realised - 5_875_000).toLocaleString('da-DK')} kr.`,
    ])
      expect(texts).toContain(figure);
    expect(texts).toContain('Fokus');
    expect(texts).toContain('Handling');
    // One row per initiative: focus, action, status and its figures.
    const rows = [...xml.matchAll(/<w:tr\b[\s\S]*?<\/w:tr>/g)].map((m) =>
      [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]),
    );
    const initiativeRows = rows.filter((r) => r.length === 4);
    expect(initiativeRows).toHaveLength(5);
    expect(initiativeRows[0]).toEqual([
      slagelse2021.initiatives[0].area,
      slagelse2021.initiatives[0].action,
      'Der er etableret fire akutpladser; de bruges i stedet for opholdssted.',
      'Planlagt til dato: 1.550.000 kr. Realiseret: 1.627.500 kr. (105 %).',
    ]);
    expect(initiativeRows[4][3]).toBe('Planlagt til dato: 1.787.500 kr. Realiseret: 0 kr. (0 %).');
    // LibreOffice reads it as a Word document and prints it; the first page goes in the README.
    const pdf = convert(out, 'pdf');
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const png = join(__dirname, '../docs/screenshots/statusrapport');
    execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', pdf, png]);
    expect(readFileSync(`${png}.png`).subarray(1, 4).toString()).toBe('PNG');
  }, 120_000);

  test('without a status sheet for the month: planned figures, realised "ikke opgjort"', async () => {
    const input = join(tmp, 'kun-plan.xlsx');
    writeFileSync(input, await planFile());
    const out = join(tmp, 'uden-status.docx');
    expect(
      await run(['report', input, '--month', '2021-06', '-o', out], { out: () => undefined, err: () => undefined }),
    ).toBe(0);
    const xml = new TextDecoder().decode(unzipParts(readFileSync(out))['word/document.xml']);
    expect(xml).toContain('ikke opgjort');
    expect(xml).toContain('status juni');
  });

  test('bad input is one Danish line and exit 2', async () => {
    const lines: string[] = [];
    const io = { out: (t: string) => lines.push(t), err: (t: string) => lines.push(t) };
    const input = join(tmp, 'kun-plan.xlsx');
    expect(await run(['report', input, '--month', 'september', '-o', join(tmp, 'x.docx')], io)).toBe(2);
    expect(await run(['report', input, '--month', '2021-09', '-o', join(tmp, 'x.xlsx')], io)).toBe(2);
    expect(await run(['status', input, '-o', join(tmp, 'x.xlsx')], io)).toBe(2);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('Måneden "september" kan ikke læses. Skriv fx --month 2021-09.');
  });
});

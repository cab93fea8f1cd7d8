/**
 * The .xlsx path keeps what it does not own: on real-world workbooks (the ExcelJS corpus and
 * LibreOffice-made files with a chart, a pivot table, comments, an image, an external link, a
 * header picture, a sensitivity label and a structure lock) with a plan added, `project`,
 * `new-year` and a second `project` leave every other part byte for byte as it was.
 */
import Decimal from 'decimal.js';
import { zipSync } from 'fflate';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { slagelse2021 } from '../examples/slagelse-2021';
import { nodeDeflate, nodeInflate } from '../src/cli/zlib';
import { parseA1 } from '../src/core/model/a1';
import { Grid } from '../src/core/model/grid';
import { buildProjection } from '../src/core/build/projection';
import { buildPlanSheet } from '../src/core/build/template';
import { validateWorkbook } from '../src/core/validate';
import { Package } from '../src/xlsx/package';
import { readWorkbook } from '../src/xlsx/read';
import { writePackage } from '../src/xlsx/write';
import { cli } from './support/cli';
import { recalculateMany, requireLibreOffice } from './support/libreoffice';
import { readBytes, unzipParts, xlsxBuffer, planWorkbook } from './support/workbooks';

/** The date the tests write on (the builders never read the clock). */
const TODAY = '2026-12-03';

const ROOT = resolve(__dirname, '..');
const tmp = mkdtempSync(join(tmpdir(), 'handleplan-pkg-'));
const CORPUS = [
  ...readdirSync(join(ROOT, 'test/corpus/exceljs')).map((f) => join(ROOT, 'test/corpus/exceljs', f)),
  ...readdirSync(join(ROOT, 'test/corpus/libreoffice')).map((f) => join(ROOT, 'test/corpus/libreoffice', f)),
].filter((f) => f.endsWith('.xlsx'));

const bytes = (file: string) => new Uint8Array(readFileSync(file));
const lower = (parts: Record<string, Uint8Array>) =>
  new Map(Object.entries(parts).map(([k, v]) => [k.replace(/^\/+/, '').toLowerCase(), v]));
const equalBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The user adds the Slagelse plan to their workbook (written here with our own writer). */
async function addPlan(file: string): Promise<string | null> {
  let pkg: Package;
  try {
    pkg = new Package(bytes(file), nodeInflate);
    const snapshot = await readWorkbook(pkg);
    const plan = buildPlanSheet('Handleplan 2021', slagelse2021);
    plan.sheets[0].activate = false;
    const { data } = await writePackage(pkg, plan, snapshot, nodeDeflate);
    const out = join(tmp, `with-plan-${file.split('/').pop()}`);
    writeFileSync(out, data);
    return out;
  } catch {
    return null;
  }
}

describe('real-world workbooks with a plan added: project, new-year, project again', () => {
  const results: { file: string; input: string; final: string; second: string }[] = [];
  const unusable: string[] = [];

  beforeAll(async () => {
    for (const file of CORPUS) {
      if (file.endsWith('-locked.xlsx')) continue;
      const input = await addPlan(file);
      if (!input) {
        unusable.push(file.split('/').pop()!);
        continue;
      }
      const first = input.replace(/\.xlsx$/, '-1.xlsx');
      const second = input.replace(/\.xlsx$/, '-2.xlsx');
      const final = input.replace(/\.xlsx$/, '-3.xlsx');
      for (const [args, out] of [
        [['project', input, '--overrun', '9,8 mio.'], first],
        [['new-year', first, '--sheet', 'Handleplan 2021', '--even'], second],
        [['project', second, '--sheet', 'Handleplan 2021'], final],
      ] as const) {
        const r = await cli(...args, '-o', out);
        if (r.code !== 0) throw new Error(`${file}: ${args[0]} gave ${r.code}: ${r.stderr}`);
      }
      results.push({ file, input: file, final, second });
    }
  }, 300_000);

  test('the corpus is read: only packages with no workbook in them are unusable', () => {
    expect(results.length).toBeGreaterThanOrEqual(35);
    expect(unusable).toEqual(['missing-bits.xlsx']);
  });

  test('every part the add-in does not own keeps its bytes', async () => {
    const problems: string[] = [];
    for (const { file, final } of results) {
      const pkg = new Package(bytes(file), nodeInflate);
      const info = await pkg.workbook();
      const rels = (p: string) => p.replace(/([^/]*)$/, '_rels/$1.rels').toLowerCase();
      const allowed = new Set(
        [
          '[content_types].xml',
          '_rels/.rels',
          info.part,
          rels(info.part),
          'docprops/app.xml',
          'docprops/core.xml',
          info.stylesPart,
          info.sharedStringsPart,
          info.relationships.find((r) => r.type.endsWith('/calcChain'))?.target,
        ]
          .filter((p): p is string => !!p)
          .map((p) => p.toLowerCase()),
      );
      const before = lower(unzipParts(bytes(file)));
      const after = lower(unzipParts(bytes(final)));
      for (const [name, data] of before) {
        if (allowed.has(name) || name.endsWith('/')) continue;
        const now = after.get(name);
        if (!now) problems.push(`${file}: ${name} is gone`);
        else if (!equalBytes(now, data)) problems.push(`${file}: ${name} changed`);
      }
    }
    expect(problems).toEqual([]);
  });

  test('every sheet and every defined name survives', async () => {
    for (const { file, final } of results) {
      const a = await new Package(bytes(file), nodeInflate).workbook();
      const b = await new Package(bytes(final), nodeInflate).workbook();
      const names = b.sheets.map((s) => s.name);
      expect(a.sheets.map((s) => s.name).every((n) => names.includes(n))).toBe(true);
      expect(names.filter((n) => a.sheets.some((s) => s.name === n))).toEqual(a.sheets.map((s) => s.name));
      for (const n of a.definedNames) {
        const sheet = n.localSheetId === null ? null : a.sheets[n.localSheetId]?.name;
        const found = b.definedNames.find(
          (m) => m.name === n.name && (m.localSheetId === null ? null : b.sheets[m.localSheetId]?.name) === sheet,
        );
        expect(found?.value).toBe(n.value);
      }
      expect(names).toEqual(
        expect.arrayContaining(['Handleplan 2021', 'Handleplan 2022', 'Fremskrivning 2021', 'Historik']),
      );
    }
  });

  test('the chart sheet, pivot table, external link, comments, pictures and the label are all still there', () => {
    const final = (name: string) => lower(unzipParts(bytes(results.find((r) => r.file.endsWith(name))!.final)));
    const lo = final('lo-chart-pivot-comment-image-link.xlsx');
    for (const part of [
      'xl/pivottables/pivottable1.xml',
      'xl/pivotcache/pivotcachedefinition1.xml',
      'xl/externallinks/externallink1.xml',
      'xl/comments1.xml',
      'xl/media/image1.png',
      'xl/drawings/vmldrawinghf1.vml',
      'xl/media/logo-header.png',
    ])
      expect(lo.has(part)).toBe(true);
    expect(new TextDecoder().decode(lo.get('docprops/custom.xml'))).toContain('MSIP_Label_');
    const chartSheet = final('chart-sheet.xlsx');
    expect([...chartSheet.keys()].some((k) => k.startsWith('xl/chartsheets/'))).toBe(true);
  });

  test("LibreOffice opens every result and recalculates the projection to the core's figures", async () => {
    requireLibreOffice();
    const recalculated = recalculateMany(results.map((r) => r.final));
    const problems: string[] = [];
    for (const [i, { file, second }] of results.entries()) {
      const snapshot = await readBytes(bytes(second));
      const plan = validateWorkbook(snapshot, { sheet: 'Handleplan 2021' }).plans[0].plan;
      const projection = buildProjection(plan, snapshot, { today: TODAY })!;
      const lo = (await readBytes(bytes(recalculated[i]))).sheets.find((s) => s.name === 'Fremskrivning 2021');
      if (!lo) {
        problems.push(`${file}: LibreOffice lost the projection`);
        continue;
      }
      const g = new Grid(lo);
      for (const [address, expected] of projection.expected) {
        const { row, col } = parseA1(address);
        const v = g.value(row, col);
        if (typeof v !== 'number' || !new Decimal(v).minus(expected).abs().lessThan(1e-6))
          problems.push(`${file}: ${address} LibreOffice ${JSON.stringify(v)}, core ${expected}`);
      }
    }
    expect(problems).toEqual([]);
  }, 300_000);
});

test('a locked workbook structure: no projection sheet is added, and nothing is written', async () => {
  // The user's plan went into the workbook before the structure was locked.
  const unlocked = CORPUS.find((f) => f.endsWith('lo-chart-pivot-comment-image-link.xlsx'))!;
  const plan = buildPlanSheet('Handleplan 2021', slagelse2021);
  const withPlan = await writePackage(new Package(bytes(unlocked), nodeInflate), plan, { sheets: [] }, nodeDeflate);
  const parts = unzipParts(withPlan.data);
  const workbookXml = new TextDecoder()
    .decode(parts['xl/workbook.xml'])
    .replace(/<workbookProtection[^>]*\/>/, '<workbookProtection lockStructure="1"/>');
  const file = join(tmp, 'locked-with-plan.xlsx');
  writeFileSync(file, zipSync({ ...parts, 'xl/workbook.xml': new TextEncoder().encode(workbookXml) }));
  const out = join(tmp, 'locked-out.xlsx');
  const r = await cli('project', file, '-o', out);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/struktur er låst/);
  expect(readdirSync(tmp).includes('locked-out.xlsx')).toBe(false);
  // Adding the plan itself to the locked file is refused the same way.
  const locked = CORPUS.find((f) => f.endsWith('-locked.xlsx'))!;
  await expect(
    writePackage(new Package(bytes(locked), nodeInflate), plan, { sheets: [] }, nodeDeflate),
  ).rejects.toMatchObject({
    code: 'WorkbookProtected',
  });
});

test('a package with non-standard part names validates like the same workbook with standard ones', async () => {
  const standard = await xlsxBuffer(planWorkbook(undefined, { sheetsBefore: ['Forside'] }));
  const parts = unzipParts(standard);
  const rename: Record<string, string> = {
    'xl/workbook.xml': 'bog/hoved.xml',
    'xl/_rels/workbook.xml.rels': 'bog/_rels/hoved.xml.rels',
    'xl/worksheets/sheet1.xml': 'bog/ark/forside.xml',
    'xl/worksheets/sheet2.xml': 'bog/ark/plan.xml',
    'xl/sharedStrings.xml': 'bog/tekster.xml',
    'xl/styles.xml': 'bog/typografi.xml',
  };
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  const out: Record<string, Uint8Array> = {};
  for (const [name, data] of Object.entries(parts)) {
    let body = data;
    if (name === '[Content_Types].xml') {
      let t = text(data);
      for (const [from, to] of Object.entries(rename)) t = t.split(`/${from}`).join(`/${to}`);
      body = new TextEncoder().encode(t);
    } else if (name === '_rels/.rels')
      body = new TextEncoder().encode(text(data).replace('xl/workbook.xml', 'bog/hoved.xml'));
    else if (name === 'xl/_rels/workbook.xml.rels') {
      body = new TextEncoder().encode(
        text(data)
          .replace(/Target="\/?(?:xl\/)?worksheets\/sheet1\.xml"/, 'Target="ark/forside.xml"')
          .replace(/Target="\/?(?:xl\/)?worksheets\/sheet2\.xml"/, 'Target="/bog/ark/plan.xml"')
          .replace(/Target="\/?(?:xl\/)?sharedStrings\.xml"/, 'Target="tekster.xml"')
          .replace(/Target="\/?(?:xl\/)?styles\.xml"/, 'Target="typografi.xml"'),
      );
    }
    out[rename[name] ?? name] = body;
  }
  const strange = join(tmp, 'strange-names.xlsx');
  const normal = join(tmp, 'normal-names.xlsx');
  writeFileSync(strange, zipSync(out));
  writeFileSync(normal, standard);
  const a = await cli('validate', normal, '--json');
  const b = await cli('validate', strange, '--json');
  expect(b.code).toBe(a.code);
  expect(JSON.parse(b.stdout).tables).toEqual(JSON.parse(a.stdout).tables);
  expect(JSON.parse(b.stdout).findings).toEqual(JSON.parse(a.stdout).findings);
  expect(JSON.parse(b.stdout).tables[0].summary.total).toBe(9_400_000);
  // and it can be written to, keeping its part names
  const projected = join(tmp, 'strange-projected.xlsx');
  expect((await cli('project', strange, '-o', projected)).code).toBe(0);
  const names = Object.keys(unzipParts(bytes(projected)));
  expect(names).toEqual(expect.arrayContaining(['bog/hoved.xml', 'bog/ark/plan.xml', 'bog/worksheets/sheet1.xml']));
  expect((await cli('validate', projected, '--json')).code).toBe(0);
});

/**
 * `handleplan overview` (issue 24): a generated folder of a municipality's plans — 33 plans in
 * subfolders, some with errors, some without a target, some workbooks with two plans, one .xlsm,
 * damaged files and a workbook without a plan — read into one row per plan and exact totals.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { nodeDeflate, nodeInflate } from '../src/cli/zlib';
import { buildPlanSheet, type PlanContent } from '../src/core/build/template';
import type { OverviewPlan } from '../src/core/overview';
import { blankPackage } from '../src/xlsx/blank';
import { Package } from '../src/xlsx/package';
import { readWorkbook } from '../src/xlsx/read';
import { writePackage } from '../src/xlsx/write';
import { bigPlanContent } from './support/bigWorkbooks';
import { cli } from './support/cli';
import { OVERVIEW_WORKER_ARG } from '../src/cli/args';
import { convert, recalculate, requireLibreOffice } from './support/libreoffice';
import { validatePackages } from './support/ooxml';
import { Grid } from '../src/core/model/grid';

/** What a plan file holds, and so what its row must say. */
interface Made {
  file: string;
  sheet: string;
  content: PlanContent;
  /** Added to the first initiative's April effect (less than planned): the plan no longer covers its target. */
  off?: number;
  noTarget?: boolean;
}

function content(i: number, made: Omit<Made, 'file' | 'sheet' | 'content'>): PlanContent {
  const c = bigPlanContent(3 + (i % 5), 2021);
  c.center = `Center ${i}`;
  c.unit = `Afdeling ${i}`;
  c.updatedDate = `2021-0${1 + (i % 9)}-15`;
  if (made.off) c.initiatives[0].effects[3] = (c.initiatives[0].effects[3] ?? 0) + made.off;
  if (made.noTarget) c.block = { atStart: null, atLastUpdate: null, afterThisUpdate: null };
  return c;
}

async function workbook(plans: { sheet: string; content: PlanContent }[]): Promise<Uint8Array> {
  let data = blankPackage(nodeDeflate);
  for (const p of plans) {
    const pkg = new Package(data, nodeInflate);
    const snapshot = await readWorkbook(pkg, { all: true });
    data = (await writePackage(pkg, buildPlanSheet(p.sheet, p.content, { row: 0, col: 0 }), snapshot, nodeDeflate))
      .data;
  }
  return data;
}

const root = mkdtempSync(join(tmpdir(), 'handleplan-overview-'));
const made: Made[] = [];

beforeAll(async () => {
  for (let i = 1; i <= 30; i++) {
    const folder = `Område ${1 + (i % 3)}`;
    const ext = i === 7 ? 'xlsm' : 'xlsx';
    const file = join(folder, `Center ${String(i).padStart(2, '0')}.${ext}`);
    const variant = i % 6 === 0 ? { off: -10 * i } : i % 10 === 3 ? { noTarget: true } : {};
    const plans: Made[] = [{ file, sheet: `Handleplan ${i}`, content: content(i, variant), ...variant }];
    // Every ninth workbook keeps two departments' plans.
    if (i % 9 === 0) plans.push({ file, sheet: `Handleplan ${i} B`, content: content(100 + i, {}) });
    mkdirSync(join(root, folder), { recursive: true });
    writeFileSync(join(root, file), await workbook(plans));
    made.push(...plans);
  }
  writeFileSync(join(root, 'Område 1', 'beskadiget.xlsx'), new TextEncoder().encode('ikke en zip'));
  writeFileSync(join(root, 'Område 2', 'noter.xlsx'), blankPackage(nodeDeflate));
  // Skipped: Excel's lock file beside an open workbook, and a hidden file.
  writeFileSync(join(root, 'Område 1', '~$Center 03.xlsx'), new Uint8Array([1, 2, 3]));
  writeFileSync(join(root, 'Område 1', '.skjult.xlsx'), new Uint8Array([1, 2, 3]));
}, 120_000);

const sumOf = (c: PlanContent) =>
  c.initiatives.reduce((s, x) => s + x.effects.reduce<number>((a, v) => a + (v ?? 0), 0), 0);

test('one row per plan, every figure exact, the failed files with their reasons, and the totals', async () => {
  const r = await cli('overview', root, '--json');
  expect(r.code).toBe(1);
  const json = JSON.parse(r.stdout) as {
    files: number;
    plans: OverviewPlan[];
    failed: { file: string; reason: string }[];
    totals: Record<string, number>;
  };
  expect(made.length).toBeGreaterThanOrEqual(33);
  expect(json.files).toBe(32);
  expect(json.plans).toHaveLength(made.length);
  const byKey = new Map(json.plans.map((p) => [`${p.file}|${p.sheet}`, p]));
  for (const m of made) {
    const row = byKey.get(`${m.file}|${m.sheet}`)!;
    const total = sumOf(m.content);
    const target = m.noTarget ? null : total - (m.off ?? 0);
    expect(row).toMatchObject({
      center: m.content.center,
      area: m.content.unit,
      year: 2021,
      total,
      target,
      atStart: target,
      difference: target === null ? null : total - target,
      coverage: target === null ? null : Math.round((total / target) * 10_000) / 10_000,
      updated: m.content.updatedDate,
    });
    if (m.off) expect(row.errors).toBeGreaterThan(0);
    if (!m.off && !m.noTarget) expect(row).toMatchObject({ errors: 0, codes: {} });
    const codeCount = Object.values(row.codes).reduce((a, n) => a + (n ?? 0), 0);
    expect(codeCount).toBe(row.errors + row.warnings);
  }
  // Sorted by file (Danish order, numbers as numbers), then the workbook's sheet order.
  const files = json.plans.map((p) => p.file);
  expect(files).toEqual([...files].sort(new Intl.Collator('da', { numeric: true }).compare));
  expect(json.plans.findIndex((p) => p.sheet === 'Handleplan 9 B')).toBe(
    json.plans.findIndex((p) => p.sheet === 'Handleplan 9') + 1,
  );
  expect(json.failed.map((f) => f.file).sort()).toEqual([
    join('Område 1', 'beskadiget.xlsx'),
    join('Område 2', 'noter.xlsx'),
  ]);
  for (const f of json.failed) {
    expect(f.reason).toMatch(/[æøåÆØÅ]|ikke/);
    expect(f.reason).not.toContain(root); // named as the overview names it, relative to the folder
  }
  const withTarget = made.filter((m) => !m.noTarget);
  expect(json.totals).toEqual({
    plans: made.length,
    total: made.reduce((s, m) => s + sumOf(m.content), 0),
    target: withTarget.reduce((s, m) => s + sumOf(m.content) - (m.off ?? 0), 0),
    difference: withTarget.reduce((s, m) => s + (m.off ?? 0), 0),
    errors: json.plans.reduce((n, p) => n + p.errors, 0),
    warnings: json.plans.reduce((n, p) => n + p.warnings, 0),
    failed: 2,
  });
});

test('the Danish table: aligned, amounts Danish style, the failed files below, and the exit codes', async () => {
  const r = await cli('overview', root);
  expect(r.code).toBe(1);
  const lines = r.stdout.split('\n');
  expect(lines[0]).toMatch(/^Fil\s+Ark\s+Center/);
  expect(lines.find((l) => l.startsWith('I alt'))).toMatch(/\d{1,3}(\.\d{3})+/);
  expect(r.stdout).toContain('Filer der ikke kunne bruges:');
  expect(r.stdout).toContain(`${made.length} handleplaner i 32 filer; 2 filer kunne ikke bruges.`);

  // One sound file: exit 0. Nothing to read: exit 2, one Danish line.
  const good = made.find((m) => !m.off && !m.noTarget)!;
  expect((await cli('overview', join(root, good.file))).code).toBe(0);
  const empty = mkdtempSync(join(tmpdir(), 'handleplan-overview-empty-'));
  const none = await cli('overview', empty);
  expect(none.code).toBe(2);
  expect(none.stderr).toMatch(/ingen projektmapper/);
  expect((await cli('overview', join(root, 'findes ikke'))).code).toBe(2);
});

test('-o writes the "Overblik" sheet; LibreOffice recalculates its totals row to the same figures', async () => {
  requireLibreOffice();
  const out = join(mkdtempSync(join(tmpdir(), 'handleplan-overblik-')), 'overblik.xlsx');
  const r = await cli('overview', root, '--json', '-o', out);
  expect(r.code).toBe(1);
  const { plans, failed, totals } = JSON.parse(r.stdout) as {
    plans: OverviewPlan[];
    failed: unknown[];
    totals: Record<string, number>;
  };
  const report = (await validatePackages([{ label: 'overblik.xlsx', data: new Uint8Array(readFileSync(out)) }])).get(
    'overblik.xlsx',
  )!;
  expect(report).toEqual({ schema: [], rules: [] });
  const recalculated = new Uint8Array(readFileSync(recalculate(out)));
  const sheet = (await readWorkbook(new Package(recalculated, nodeInflate), { all: true })).sheets.find(
    (s) => s.name === 'Overblik',
  )!;
  const g = new Grid(sheet);
  const totalRow = 3 + plans.length;
  expect(g.text(totalRow, 0)).toBe('I alt');
  expect([7, 8, 9, 11, 12].map((c) => g.value(totalRow, c))).toEqual([
    totals.target,
    totals.total,
    totals.difference,
    totals.errors,
    totals.warnings,
  ]);
  // Each row's difference and coverage as LibreOffice works them out.
  plans.forEach((p, i) => {
    expect(g.text(3 + i, 0)).toBe(p.file);
    expect(g.value(3 + i, 9) === '' || g.value(3 + i, 9) === null ? null : g.value(3 + i, 9)).toBe(p.difference);
    const coverage = g.value(3 + i, 10);
    if (p.coverage === null) expect(coverage === '' || coverage === null).toBe(true);
    else expect(Math.round((coverage as number) * 10_000) / 10_000).toBe(p.coverage);
  });
  expect(g.text(totalRow + 2, 0)).toBe('Filer der ikke kunne bruges');
  expect(failed).toHaveLength(2);
  // Each row links to its plan's sheet in its file, named relative to the overview's folder.
  plans.forEach((p, i) => {
    expect(g.text(3 + i, 15)).toBe('Åbn');
    const link = sheet.formulas?.[3 + i - sheet.origin.row]?.[15];
    expect(link).toBe(`=HYPERLINK("[${relative(dirname(out), join(root, p.file))}]'${p.sheet}'!A1","Åbn")`);
  });
  // The header stays in view, the table has filter buttons, and a chart shows coverage per plan.
  const written = new Package(new Uint8Array(readFileSync(out)), nodeInflate);
  const sheetXml = await written.text(written.entries.find((e) => /worksheets\/sheet\d+\.xml$/.test(e.name))!.name);
  expect(sheetXml).toContain('<pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/>');
  expect(sheetXml).toContain(`<autoFilter ref="A3:P${3 + plans.length}"/>`);
  const chart = await written.text(written.entries.find((e) => /charts\/chart\d+\.xml$/.test(e.name))!.name);
  expect(chart).toContain('<c:barDir val="col"/>');
  expect(chart).toContain(`<c:f>Overblik!$R$4:$R$${3 + plans.length}</c:f>`);
  // The chart's block: the plan's name and its coverage, as LibreOffice works them out.
  plans.forEach((p, i) => {
    expect(g.text(3 + i, 17)).toBe(p.center || p.sheet);
    expect(Math.round((g.value(3 + i, 18) as number) * 10_000) / 10_000).toBe(p.coverage ?? 0);
  });
  // Printed as LibreOffice prints it (landscape, one page wide): its first page goes in the README.
  const pdf = convert(out, 'pdf');
  expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  const png = join(__dirname, '../docs/screenshots/overblik');
  execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '110', '-f', '1', '-l', '1', '-singlefile', pdf, png]);
  expect(readFileSync(`${png}.png`).subarray(1, 4).toString()).toBe('PNG');
}, 120_000);

test('the command line reads the workbooks on every core (worker threads) and says exactly the same', async () => {
  const inProcess = await cli('overview', root, '--json');
  const r = spawnSync(process.execPath, ['bin/handleplan.js', 'overview', root, '--json'], {
    cwd: join(__dirname, '..'),
    encoding: 'utf8',
  });
  expect(r.status).toBe(inProcess.code);
  expect(JSON.parse(r.stdout)).toEqual(JSON.parse(inProcess.stdout));
  expect(r.stderr).toBe(''); // no progress lines when stderr is not a terminal
}, 120_000);

test('a worker of the bundled command line answers itself (the overview does not fall back to one core)', () => {
  // readAll reads a workbook in the main thread when a worker fails, with the same result, so the
  // test above cannot tell whether any worker answered; this one asks a worker as readAll does.
  const file = join(root, 'Område 2', 'Center 01.xlsx');
  const script = `
    const { Worker } = require('node:worker_threads');
    const w = new Worker('./lib/cli.js', { argv: [${JSON.stringify(OVERVIEW_WORKER_ARG)}], workerData: { overviewWorker: true } });
    w.on('message', (m) => { process.stdout.write(JSON.stringify(m)); void w.terminate(); });
    w.on('error', (e) => { process.stderr.write(String(e)); process.exit(3); });
    w.on('exit', () => process.exit(0));
    w.postMessage(${JSON.stringify({ path: file, name: 'Center 01.xlsx' })});`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: join(__dirname, '..'), encoding: 'utf8' });
  expect(r.stderr).toBe('');
  const rows = JSON.parse(r.stdout) as OverviewPlan[];
  expect(rows.map((p) => [p.file, p.sheet])).toEqual([['Center 01.xlsx', 'Handleplan 1']]);
}, 60_000);

test('the worker argument typed at the command line starts no worker: one Danish line, exit 2', () => {
  const r = spawnSync(process.execPath, ['bin/handleplan.js', OVERVIEW_WORKER_ARG], {
    cwd: join(__dirname, '..'),
    encoding: 'utf8',
  });
  expect(r.status).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toContain('Ukendt kommando');
});

test('a command that is not an overview loads neither the worker-thread module nor decimal.js from its package', () => {
  // What every start pays for: the bundle holds decimal.js, and only the overview starts workers.
  const script = `
    process.argv.splice(1, 0, 'handleplan');
    process.on('exit', () => process.stderr.write(JSON.stringify({
      builtins: process.moduleLoadList.filter((m) => m.includes('worker_threads')),
      files: Object.keys(require.cache).filter((f) => f.includes('node_modules')),
    })));
    require('./lib/cli.js');`;
  const r = spawnSync(process.execPath, ['-e', script, 'validate', join(root, 'Område 2', 'Center 01.xlsx')], {
    cwd: join(__dirname, '..'),
    encoding: 'utf8',
  });
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stderr)).toEqual({ builtins: [], files: [] });
});

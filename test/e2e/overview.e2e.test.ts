/**
 * Browser mode for the finance team, in Debian's Chromium at 270, 320 and 350 px and at 320 px
 * with 200 % zoom: several workbooks chosen at once give every plan in them, the files that
 * cannot be used with their reasons, the totals, and overblik.xlsx downloaded. Every state is
 * checked for overflow and with axe-core; the 320 px run is by keyboard only.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { slagelse2021 } from '../../examples/slagelse-2021';
import { nodeDeflate, nodeInflate } from '../../src/cli/zlib';
import { buildPlanSheet } from '../../src/core/build/template';
import { mergeWritePlans } from '../../src/core/build/writePlan';
import { blankPackage } from '../../src/xlsx/blank';
import { writePackage } from '../../src/xlsx/write';
import { Grid } from '../../src/core/model/grid';
import { Package } from '../../src/xlsx/package';
import { readWorkbook } from '../../src/xlsx/read';
import { bigWorkbook } from '../support/bigWorkbooks';
import { launchChromium, serveFolder } from './server';
import { check, openPane, shoot, user } from './support';

const ROOT = resolve(__dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'handleplan-overview-e2e-'));
let browser: Browser;
let server: Awaited<ReturnType<typeof serveFolder>>;
const files: string[] = [];
let twoPlans = '';

beforeAll(async () => {
  server = await serveFolder(join(ROOT, 'dist'));
  browser = await launchChromium();
  const put = (name: string, data: Uint8Array) => {
    const path = join(tmp, name);
    writeFileSync(path, data);
    files.push(path);
  };
  put('Center Syd.xlsx', new Uint8Array(readFileSync(join(ROOT, 'examples/handleplan-slagelse-2021.xlsx'))));
  put('Center Nord.xlsx', await bigWorkbook({ initiatives: 4 }));
  put('Familiecentret.xlsx', await bigWorkbook({ initiatives: 12 }));
  put('gammel.xlsx', new Uint8Array(Buffer.from('ikke en projektmappe')));
  // One workbook with a sheet per department, as a finance team often keeps them.
  const plan = mergeWritePlans(
    buildPlanSheet('Børn og familie', slagelse2021),
    buildPlanSheet('Handicap', { ...slagelse2021, center: 'Center for handicap' }),
  );
  twoPlans = join(tmp, 'alle-afdelinger.xlsx');
  const pkg = new Package(blankPackage(nodeDeflate), nodeInflate);
  writeFileSync(twoPlans, (await writePackage(pkg, plan, { sheets: [] }, nodeDeflate)).data);
});

test('"Alle planer" in one workbook with a plan per sheet, and "Skriv overblik" from preview to success', async () => {
  const page = await openPane(browser, server.url, 320);
  const u = user(page, false);
  await u.open(twoPlans);
  await u.expand('Alle planer');
  const items = await page.locator('[data-all-plans] button').allInnerTexts();
  expect(items.map((t) => t.split(' · ')[0])).toEqual(['Børn og familie', 'Handicap']);
  await check(page, 'all plans');
  await u.expand('Skriv overblik');
  await u.press('Se ændringerne', '[data-action="overview"]');
  await page.getByText('Arket "Overblik" oprettes med 2 planer.').waitFor();
  await check(page, 'overview preview');
  await u.press('Skriv ændringerne');
  await page.getByText('Overblikket er skrevet i arket "Overblik".').waitFor();
  await u.expand('Alle planer');
  await check(page, 'overview written');
  await shoot(page, 'all-plans');
  await page.close();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.each([
  [270, false, 1],
  [320, true, 1],
  [350, false, 1],
  [320, false, 2],
])('at %i px (keyboard only: %s, zoom %i×)', (width, keyboard, zoom) => {
  test('several files: every plan, the failed file, the totals and overblik.xlsx', async () => {
    const page = await openPane(browser, server.url, width, { zoom });
    const u = user(page, keyboard);
    await u.open(files);
    await page.getByRole('heading', { name: 'Overblik over 4 filer' }).waitFor();
    const rows = await page.locator('[data-overview-plan]').allInnerTexts();
    expect(rows.map((r) => r.split(' · ')[0])).toEqual(['Center Nord.xlsx', 'Center Syd.xlsx', 'Familiecentret.xlsx']);
    expect(rows[1]).toContain('Forventet merforbrug 9.400.000');
    expect(await page.locator('[data-overview-failed]').allInnerTexts()).toEqual([
      'Filen "gammel.xlsx" er ikke en Excel-projektmappe (.xlsx).',
    ]);
    expect(await page.locator('[data-files-overview-total]').innerText()).toMatch(/^I alt 3 planer: /);
    await check(page, 'overview of files');
    if (width === 320 && zoom === 1) await shoot(page, 'overview-files');
    const download = page.waitForEvent('download');
    await u.press('Hent overblik.xlsx');
    const saved = join(tmp, `overblik-${width}-${zoom}.xlsx`);
    await (await download).saveAs(saved);
    await page.getByText('Overblikket er hentet som overblik.xlsx.').waitFor();
    await check(page, 'overview downloaded');
    const snapshot = await readWorkbook(new Package(new Uint8Array(readFileSync(saved)), nodeInflate), { all: true });
    const g = new Grid(snapshot.sheets.find((s) => s.name === 'Overblik')!);
    expect([3, 4, 5, 6].map((r) => g.text(r, 0))).toEqual([
      'Center Nord.xlsx',
      'Center Syd.xlsx',
      'Familiecentret.xlsx',
      'I alt',
    ]);
    await page.close();
  });
});

/**
 * The pane tells the whole truth and keeps the work, in Debian's Chromium at 270, 320 and 350 px
 * and at 320 px with 200 % zoom: table findings without a plan, warnings in the verdict and their
 * fix, a corrupt file after a good one, changes not downloaded, a finding's cell on a narrow
 * screen, a large file read with progress and cancelled, forced colours and the dark setting.
 * Every state is checked for overflow and with axe-core; the 320 px run is by keyboard only.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { nodeDeflate, nodeInflate } from '../../src/cli/zlib';
import { buildForecastSheet } from '../../src/core/build/forecastSheet';
import { Package } from '../../src/xlsx/package';
import { readWorkbook } from '../../src/xlsx/read';
import { writePackage } from '../../src/xlsx/write';
import { bigWorkbook } from '../support/bigWorkbooks';
import { BALLERUP } from '../support/published';
import { planWorkbook, xlsxBuffer } from '../support/workbooks';
import { launchChromium, serveFolder } from './server';
import { check, openPane, shoot, shootView, tabTo, user, type PageOptions } from './support';

const ROOT = resolve(__dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'handleplan-truth-'));
let browser: Browser;
let server: Awaited<ReturnType<typeof serveFolder>>;
const files = { clean: '', text: '', table: '', corrupt: '', big: '', badForecast: '' };

beforeAll(async () => {
  server = await serveFolder(join(ROOT, 'dist'));
  browser = await launchChromium();
  files.clean = join(tmp, 'handleplan-slagelse-2021.xlsx');
  writeFileSync(files.clean, readFileSync(join(ROOT, 'examples/handleplan-slagelse-2021.xlsx')));
  // Three amounts of initiative 1 stored as text, as pasted from a report.
  files.text = join(tmp, 'beloeb-som-tekst.xlsx');
  writeFileSync(
    files.text,
    await xlsxBuffer(
      planWorkbook(undefined, {
        edit: (_ws, at) => {
          for (const a of ['F22', 'G22', 'H22']) at(a).value = '310.000';
        },
      }),
    ),
  );
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Økonomi');
  BALLERUP.forEach((r, i) => r.forEach((v, j) => (ws.getCell(3 + i, 2 + j).value = v)));
  files.table = join(tmp, 'budgetstatus-uden-plan.xlsx');
  writeFileSync(files.table, await xlsxBuffer(wb));
  // The Slagelse plan beside an activity forecast whose Beløb in D7 is not persons × price.
  const example = new Uint8Array(readFileSync(files.clean));
  const pkg = new Package(example, nodeInflate);
  const snapshot = await readWorkbook(pkg, { all: true });
  const forecast = buildForecastSheet(2021, snapshot, [
    { measure: 'Aflastning', budgetPersons: 95, budgetPrice: 130_000, forecastPersons: 114, forecastPrice: 160_000 },
  ]);
  const d7 = forecast.plan.cells.find((c) => c.address === 'D7')!;
  delete d7.formula;
  d7.value = 12_000_000;
  files.badForecast = join(tmp, 'prognose-med-fejl.xlsx');
  writeFileSync(files.badForecast, (await writePackage(pkg, forecast.plan, snapshot, nodeDeflate)).data);
  files.corrupt = join(tmp, 'beskadiget.xlsx');
  const good = readFileSync(files.clean);
  writeFileSync(files.corrupt, Buffer.concat([good.subarray(0, 2000), Buffer.alloc(4000, 7)]));
  // A plan beside a 300.000-row ledger: a read that takes long enough to watch and cancel.
  files.big = join(tmp, 'plan-med-stort-regnskab.xlsx');
  writeFileSync(files.big, await bigWorkbook({ dataRows: 300_000, dataCols: 6 }));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const newPage = (width: number, options?: PageOptions) => openPane(browser, server.url, width, options);

describe.each([
  [270, false, 1],
  [320, true, 1],
  [350, false, 1],
  [320, false, 2],
])('at %i px (keyboard only: %s, zoom %i×)', (width, keyboard, zoom) => {
  const shots = width === 320 && zoom === 1;
  const name = `${width}px${zoom > 1 ? ` at ${zoom * 100} %` : ''}`;

  test('no plan, a broken table: its errors in the verdict and at their cells', async () => {
    const page = await newPage(width, { zoom });
    const u = user(page, keyboard);
    await u.open(files.table);
    await page.getByText('Ingen handleplan fundet.').waitFor();
    const verdict = await page.locator('[data-verdict]').innerText();
    expect(verdict).toMatch(/Tabellerne i projektmappen har (\d+) fejl: \1 i budgetstatussen i "Økonomi"\./);
    const place = page.getByRole('region', { name: /^Budgetstatus i "Økonomi"/ });
    await place.waitFor();
    expect(await place.innerText()).toMatch(/\d+ fejl/);
    await check(page, `${name}: table without plan`);
    if (shots) await shoot(page, 'table-findings');
    await page.close();
  });

  test('warnings in the verdict, grouped, fixed in one step; a corrupt file then clears the results', async () => {
    const page = await newPage(width, { zoom });
    const u = user(page, keyboard);
    await u.open(files.text);
    await page.getByText('Handleplanen hænger sammen: ingen fejl · 3 advarsler.').waitFor();
    const group = page.locator('[data-group="TEXT_NUMBER"]');
    expect(await group.innerText()).toContain('3 beløb er gemt som tekst (F22:H22)');
    await check(page, `${name}: warnings`);
    if (shots) await shoot(page, 'warnings-grouped');
    await u.press('Lav dem om til tal');
    const preview = page.locator('[data-preview^="fix-TEXT_NUMBER"]');
    await preview.waitFor();
    expect(await preview.innerText()).toMatch(/F22\s*Beløb gemt som tekst\s*"310\.000" → 310\.000\skr\./);
    await check(page, `${name}: fix preview`);
    if (shots) await shoot(page, 'fix-preview');
    await u.press('Skriv ændringerne');
    await page.getByText('3 celler er rettet.').waitFor();
    await page.getByText('Handleplanen hænger sammen: ingen fejl.', { exact: true }).waitFor();
    // After a write, fetching the workbook is the primary action, and its label is not cut.
    const download = page.locator('[data-banner]').getByRole('button', { name: 'Hent projektmappen' });
    expect(await download.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(15, 108, 189)');
    await check(page, `${name}: fixed`);
    if (shots) await shoot(page, 'fix-success');

    // Another file while the change is not downloaded: asked first.
    await u.press('Åbn .xlsx-fil');
    const asked = page.locator('[data-unsaved]');
    await asked.waitFor();
    expect(await asked.innerText()).toContain('Ændringerne i "beloeb-som-tekst.xlsx" er ikke hentet endnu');
    await check(page, `${name}: unsaved changes`);
    const chooser = page.waitForEvent('filechooser');
    await u.press('Åbn en anden fil alligevel');
    await (await chooser).setFiles(files.corrupt);
    await page.getByText(/"beskadiget\.xlsx" (kunne ikke læses|er ikke en Excel-projektmappe)/).waitFor();
    // Nothing of the previous file is left to be taken for this one's verdict.
    expect(await page.locator('[data-verdict]').count()).toBe(0);
    expect(await page.locator('[data-findings]').count()).toBe(0);
    expect(await page.getByText('Åbnet:', { exact: false }).count()).toBe(0);
    await check(page, `${name}: corrupt after good`);
    await page.close();
  });

  test('guards on what is typed: an implausible amount, the plan’s own year, a forecast with errors', async () => {
    const page = await newPage(width, { zoom });
    const u = user(page, keyboard);
    await u.open(files.badForecast);
    await page.getByText(/fejl skal rettes: \d+ i aktivitetsprognosen i "Aktivitetsprognose 2021"\./).waitFor();
    expect(await page.locator('[data-verdict]').innerText()).toContain('Planen dækker det forventede merforbrug.');
    await u.expand('Brug som forventet merforbrug');
    const use = page.locator('[data-action="use-forecast"]');
    expect(await use.innerText()).toMatch(/har \d+ fejl \(se fundene ovenfor\), så dens total kan ikke bruges/);
    expect(await use.getByRole('button', { name: 'Se ændringerne' }).isDisabled()).toBe(true);
    await check(page, `${name}: forecast with errors`);

    await u.expand('Opdater forventet merforbrug');
    await u.fill(/Nyt forventet merforbrug/, '9,38');
    await u.press('Se ændringerne', '[data-action="overrun"]');
    const question = page.getByRole('group', { name: /^Mente du 9,38 mio\. kr\.\?/ });
    await question.waitFor();
    await check(page, `${name}: implausible amount`);
    if (shots) await shoot(page, 'amount-question');
    await u.press('Brug 9.380.000 kr.');
    const preview = page.locator('[data-preview="overrun"]');
    await preview.waitFor();
    expect(await preview.innerText()).toMatch(/9\.400\.000\skr\. → 9\.380\.000\skr\./);
    await u.press('Annuller', '[data-preview="overrun"]');

    await u.expand('Ny årsplan');
    await u.fill(/^ ?År/, '2021', '[data-action="new-year"]');
    await u.press('Se ændringerne', '[data-action="new-year"]');
    await page.getByText('Handleplanen er for 2021: skriv 2022 eller et senere år.').waitFor();
    expect(await page.locator('[data-preview="new-year"]').count()).toBe(0);
    await check(page, `${name}: own year refused`);
    await page.close();
  });

  test('a finding on a narrow screen: its cell in the middle of the grid, its row named, the way back on screen', async () => {
    const page = await newPage(width, { zoom });
    const u = user(page, keyboard);
    await u.open(files.clean);
    await page.getByText('Handleplanen hænger sammen: ingen fejl.').waitFor();
    // A finding far to the right: the plan's grand total.
    await u.expand('Opdater forventet merforbrug');
    await u.fill(/Nyt forventet merforbrug/, '9.420.000');
    await u.press('Se ændringerne', '[data-action="overrun"]');
    await u.press('Skriv ændringerne');
    await page.getByText(/1 fejl skal rettes: 1 i handleplanen\./).waitFor();
    const finding = page.locator('[data-findings] button[data-cell]').first();
    const where = (await finding.getAttribute('data-cell'))!.split('!')[1];
    if (keyboard) {
      await finding.focus();
      await page.keyboard.press('Enter');
    } else await finding.click();
    const cell = page.locator(`td[data-address="${where}"][aria-current="true"]`);
    await cell.waitFor();
    await page.waitForTimeout(400);
    const inView = await cell.evaluate((td) => {
      const scroller = td.closest('[role="region"]')!.getBoundingClientRect();
      const r = td.getBoundingClientRect();
      const head = td.parentElement!.querySelector('th')!.getBoundingClientRect();
      return {
        inside:
          r.left >= head.right - 1 &&
          r.right <= scroller.right + 1 &&
          r.top >= scroller.top &&
          r.bottom <= scroller.bottom,
        onScreen: r.top >= 0 && r.bottom <= window.innerHeight,
      };
    });
    expect(inView).toEqual({ inside: true, onScreen: true });
    expect(await page.locator('[data-where]').innerText()).toMatch(new RegExp(`^${where} – række \\d+`));
    const back = page.getByRole('button', { name: 'Tilbage til fundene' });
    const box = await back.boundingBox();
    expect(box && box.y >= 0 && box.y + box.height <= (page.viewportSize()?.height ?? 0)).toBe(true);
    await check(page, `${name}: finding in grid`);
    if (shots) await shootView(page, 'finding-in-grid');
    if (keyboard) {
      await tabTo(page, /Tilbage til fundene/);
      await page.keyboard.press('Enter');
    } else await back.click();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-cell'))).toContain(where);
    // The tab cannot be closed without a word while the change is not downloaded: the page
    // cancels beforeunload (the browser then asks), and stops once the workbook is fetched.
    const leaving = () =>
      page.evaluate(() => {
        const e = new Event('beforeunload', { cancelable: true });
        window.dispatchEvent(e);
        return e.defaultPrevented;
      });
    expect(await leaving()).toBe(true);
    const download = page.waitForEvent('download');
    await page.locator('[data-banner]').getByRole('button', { name: 'Hent projektmappen' }).click();
    await download;
    expect(await leaving()).toBe(false);
    await page.close();
  });
});

test('a large file: the read shows its progress, can be cancelled, and the page stays responsive', async () => {
  const page = await newPage(320);
  const u = user(page, false);
  await u.open(files.big);
  const status = page.locator('[data-reading]');
  await status.waitFor();
  // The page repaints while the worker reads: the percentage moves.
  const seen = new Set<string>();
  while (seen.size < 2 && (await status.count()) > 0) {
    const t = (await status.innerText().catch(() => '')).match(/\d+ %/)?.[0];
    if (t) seen.add(t);
    await page.waitForTimeout(50);
  }
  expect(seen.size).toBeGreaterThanOrEqual(2);
  await check(page, 'reading a large file');
  await shoot(page, 'reading-progress');
  await page.getByRole('button', { name: 'Annuller' }).click();
  await page.getByText(/Læsningen af "plan-med-stort-regnskab\.xlsx" er annulleret/).waitFor();
  expect(await page.locator('[data-verdict]').count()).toBe(0);
  // And the next file opens as usual.
  await u.open(files.clean);
  await page.getByText('Handleplanen hænger sammen: ingen fejl.').waitFor();
  await page.close();
});

test('forced colours: the highlighted cell takes the system highlight', async () => {
  const page = await newPage(1280);
  await page.emulateMedia({ forcedColors: 'active' });
  await user(page, false).open(files.text);
  await page.getByText(/ingen fejl · 3 advarsler/).waitFor();
  await page.getByRole('button', { name: 'Vis alle 3' }).click();
  await page.locator('[data-findings] button[data-cell]').first().click();
  const cell = page.locator('td[aria-current="true"]');
  await cell.waitFor();
  const colours = await cell.evaluate((td) => {
    const probe = document.createElement('div');
    probe.style.backgroundColor = 'Highlight';
    document.body.append(probe);
    const highlight = getComputedStyle(probe).backgroundColor;
    probe.remove();
    const s = getComputedStyle(td);
    return { background: s.backgroundColor === highlight, outline: s.outlineStyle };
  });
  expect(colours).toEqual({ background: true, outline: 'solid' });
  await page.close();
});

test('browser mode follows the system’s dark setting', async () => {
  const page = await browser.newPage({ viewport: { width: 320, height: 800 }, colorScheme: 'dark', bypassCSP: true });
  await page.route('https://appsforoffice.microsoft.com/**', (route) => route.abort());
  await page.goto(`${server.url}/taskpane.html`);
  await page.getByRole('button', { name: 'Åbn .xlsx-fil' }).waitFor();
  await user(page, false).open(files.clean);
  await page.getByText('Handleplanen hænger sammen: ingen fejl.').waitFor();
  const background = await page
    .locator('.fui-FluentProvider')
    .first()
    .evaluate((el) => getComputedStyle(el).backgroundColor);
  const [r, g, b] = background.match(/\d+/g)!.map(Number);
  expect(r + g + b).toBeLessThan(200);
  await check(page, 'dark');
  await shoot(page, 'dark');
  await page.close();
});

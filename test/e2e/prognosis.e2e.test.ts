/**
 * The Prognose section in browser mode, in Debian's Chromium at 270, 320 and 350 px and at 320 px
 * with 200 % zoom: the year from a case list, "Skriv prognose" from preview to success, each state
 * checked for overflow and with axe-core (the 320 px run by keyboard only), and its screenshot.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { nodeDeflate, nodeInflate } from '../../src/cli/zlib';
import { buildForecastSheet } from '../../src/core/build/forecastSheet';
import { mergeWritePlans } from '../../src/core/build/writePlan';
import { isoToSerial } from '../../src/core/text/dates';
import { Package } from '../../src/xlsx/package';
import { readWorkbook } from '../../src/xlsx/read';
import { writePackage } from '../../src/xlsx/write';
import { launchChromium, serveFolder } from './server';
import { check, openPane, shoot, user } from './support';

const ROOT = resolve(__dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'handleplan-prognosis-e2e-'));
let browser: Browser;
let server: Awaited<ReturnType<typeof serveFolder>>;
let file = '';

beforeAll(async () => {
  server = await serveFolder(join(ROOT, 'dist'));
  browser = await launchChromium();
  // The Slagelse plan, its activity forecast, and the month's case-system extract.
  const pkg = new Package(
    new Uint8Array(readFileSync(join(ROOT, 'examples/handleplan-slagelse-2021.xlsx'))),
    nodeInflate,
  );
  const snapshot = await readWorkbook(pkg, { all: true });
  const forecast = buildForecastSheet(2021, snapshot, [
    { measure: 'Aflastning', budgetPersons: 95, budgetPrice: 130_000 },
    { measure: 'Dagbehandling', budgetPersons: 54, budgetPrice: 300_000 },
  ]);
  const header = ['Sags-id', 'Indsats', 'Startdato', 'Forventet slutdato', 'Døgnpris', 'Månedspris'];
  const rows: (string | number | null)[][] = [header];
  for (let i = 0; i < 60; i++)
    rows.push([
      `S-${2000 + i}`,
      i % 2 ? 'Aflastning' : 'Dagbehandling',
      isoToSerial(`2021-${String(1 + (i % 9)).padStart(2, '0')}-01`),
      i % 3 ? null : isoToSerial('2021-11-30'),
      i % 2 ? 350 + i : null,
      i % 2 ? null : 24_000 + 100 * i,
    ]);
  const cases = {
    sheets: [{ action: 'create' as const, name: 'Sager', owned: false }],
    cells: rows.flatMap((row, r) =>
      row.flatMap((v, c) =>
        v === null
          ? []
          : [
              {
                sheet: 'Sager',
                address: `${'ABCDEF'[c]}${r + 1}`,
                value: v,
                ...(c === 2 || c === 3 ? { numberFormat: 'dd-mm-yyyy' } : {}),
              },
            ],
      ),
    ),
    charts: [],
  };
  file = join(tmp, 'plan-med-sager.xlsx');
  writeFileSync(file, (await writePackage(pkg, mergeWritePlans(forecast.plan, cases), snapshot, nodeDeflate)).data);
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
  test('the year from the known cases, and "Skriv prognose" from preview to success', async () => {
    const page = await openPane(browser, server.url, width, { zoom, height: 1400 });
    const u = user(page, keyboard);
    await u.open(file);
    await page.getByText('Handleplanen hænger sammen: ingen fejl.').waitFor();
    await u.fill(/Sagerne er opgjort pr\./, '30-06-2021', 'section[aria-labelledby="prognosis-heading"]');
    const total = page.locator('[data-prognosis-total]');
    await total.waitFor();
    expect(await total.innerText()).toMatch(/^I alt [\d.]+\skr\. for året: [\d.]+\skr\. afholdt til dato/);
    expect(await page.locator('[data-prognosis] li').count()).toBe(2);
    await check(page, 'prognosis');
    if (width === 320 && zoom === 1) await shoot(page, 'prognose');
    await u.expand('Skriv prognose');
    await u.press('Se ændringerne', '[data-action="prognosis"]');
    await page.locator('[data-preview="prognosis"]').waitFor();
    expect(await page.locator('[data-preview="prognosis"]').innerText()).toContain('Arket "Prognose 2021" oprettes.');
    await check(page, 'prognosis preview');
    await u.press('Skriv ændringerne');
    await page.getByText('Prognosen er skrevet i arket "Prognose 2021".').waitFor();
    await check(page, 'prognosis written');
    await page.close();
  });
});

/**
 * The pane as a controller lives in it, in Debian's Chromium at the task pane widths Microsoft
 * documents (Mac 270 px, Windows 320, web 350): every flow from form to success, no horizontal
 * overflow in any state, axe-core's WCAG 2.1 A/AA rules in every state, and at 320 px the whole
 * run by keyboard only. Screenshots of each flow's preview and success go to docs/screenshots/.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { check, openPane, shoot, SHOTS_DIR, tabTo, user, type PageOptions } from './support';
import { planWorkbook, readBytes, unzipParts, xlsxBuffer } from '../support/workbooks';
import { launchChromium, serveFolder } from './server';
import { nodeDeflate, nodeInflate } from '../../src/cli/zlib';
import { buildForecastSheet } from '../../src/core/build/forecastSheet';
import { Package } from '../../src/xlsx/package';
import { readWorkbook } from '../../src/xlsx/read';
import { writePackage } from '../../src/xlsx/write';

const ROOT = resolve(__dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'handleplan-e2e-'));
mkdirSync(SHOTS_DIR, { recursive: true });

let browser: Browser;
let server: Awaited<ReturnType<typeof serveFolder>>;
const files = { clean: '', wrong: '', none: '', forecast: '' };

beforeAll(async () => {
  server = await serveFolder(join(ROOT, 'dist'));
  browser = await launchChromium();
  files.clean = join(tmp, 'handleplan-slagelse-2021.xlsx');
  writeFileSync(files.clean, readFileSync(join(ROOT, 'examples/handleplan-slagelse-2021.xlsx')));
  files.wrong = join(tmp, 'forkert-total.xlsx');
  writeFileSync(
    files.wrong,
    await xlsxBuffer(
      planWorkbook(undefined, {
        edit: (_ws, at) => {
          at('N23').value = 1_175_000;
        },
      }),
    ),
  );
  // The Slagelse plan with an activity forecast beside it, figures from Ballerup's report.
  const example = new Uint8Array(readFileSync(join(ROOT, 'examples/handleplan-slagelse-2021.xlsx')));
  const pkg = new Package(example, nodeInflate);
  const snapshot = await readWorkbook(pkg, { all: true });
  const forecast = buildForecastSheet(2021, snapshot, [
    {
      measure: 'Anbringelse – eget værelse',
      budgetPersons: 15,
      budgetPrice: 520_000,
      forecastPersons: 15,
      forecastPrice: 528_686,
    },
    {
      measure: 'Anbringelse – institution',
      budgetPersons: 15,
      budgetPrice: 1_150_000,
      forecastPersons: 17,
      forecastPrice: 1_216_179,
    },
    {
      measure: 'Kontaktperson, eksterne forløb',
      budgetPersons: 97,
      budgetPrice: 60_000,
      forecastPersons: 112,
      forecastPrice: 53_710,
    },
    {
      measure: 'Aflastning/afløsning',
      budgetPersons: 95,
      budgetPrice: 130_000,
      forecastPersons: 114,
      forecastPrice: 130_784,
    },
    { measure: 'Dagbehandling', budgetPersons: 54, budgetPrice: 300_000, forecastPersons: 54, forecastPrice: 340_412 },
  ]);
  files.forecast = join(tmp, 'plan-med-aktivitetsprognose.xlsx');
  writeFileSync(files.forecast, (await writePackage(pkg, forecast.plan, snapshot, nodeDeflate)).data);
  const empty = new ExcelJS.Workbook();
  empty.addWorksheet('Budget').getCell('A1').value = 'Budget 2026';
  files.none = join(tmp, 'budget-uden-plan.xlsx');
  writeFileSync(files.none, await xlsxBuffer(empty));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const newPage = (width: number, options: PageOptions = {}) => openPane(browser, server.url, width, options);

describe.each([
  [270, false],
  [320, true],
  [350, false],
])('at %i px (keyboard only: %s)', (width, keyboard) => {
  const shots = width === 320;

  test('every flow, from form to success, with no overflow and no accessibility violation', async () => {
    const page = await newPage(width);
    const u = user(page, keyboard);
    // Before a file: opening one is the primary action; validating waits.
    expect(await page.getByRole('button', { name: 'Valider handleplan' }).isDisabled()).toBe(true);
    const background = (name: string) =>
      page.getByRole('button', { name }).evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await background('Åbn .xlsx-fil')).toBe('rgb(15, 108, 189)'); // Fluent's brand colour: primary
    expect(await background('Valider handleplan')).not.toBe('rgb(15, 108, 189)');
    await check(page, 'start');

    // Errors: validated on open, the code only as small print, references and amounts unbroken.
    await u.open(files.wrong);
    await page.getByText('1 fejl skal rettes: 1 i handleplanen.').waitFor();
    const finding = page.locator('[data-findings] button[data-cell]').first();
    expect(await finding.innerText()).toContain('Handleplan\u00a02021!N23');
    expect(await finding.innerText()).toMatch(/Kode: \w+/);
    await check(page, 'errors');
    if (shots) await shoot(page, 'findings');

    // Narrow screens: a finding leads down to the grid, and back.
    await (keyboard
      ? tabTo(page, /Gå til Handleplan.2021!N23/).then(() => page.keyboard.press('Enter'))
      : finding.click());
    await page.locator('td[data-address="N23"][aria-current="true"]').waitFor();
    expect(await page.locator('td[data-address="N23"]').isVisible()).toBe(true);
    const back = page.getByRole('button', { name: 'Tilbage til fundene' });
    await back.waitFor();
    if (keyboard) {
      await tabTo(page, /Tilbage til fundene/);
      await page.keyboard.press('Enter');
    } else await back.click();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-cell'))).toBe('Handleplan 2021!N23');

    // A clean plan: update the overrun.
    await u.open(files.clean);
    await page.getByText('Handleplanen hænger sammen: ingen fejl.').waitFor();
    expect(await page.locator('dl').innerText()).toContain('Forventet merforbrug');
    await check(page, 'clean');
    await u.expand('Opdater forventet merforbrug');
    await u.fill(/Nyt forventet merforbrug/, '9,8 mio.');
    await u.press('Se ændringerne', '[data-action="overrun"]');
    const overrunPreview = page.locator('[data-preview="overrun"]');
    await overrunPreview.waitFor();
    expect(await overrunPreview.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await overrunPreview.isVisible()).toBe(true);
    await check(page, 'overrun preview');
    if (shots) await shoot(page, 'overrun-preview');
    await u.press('Skriv ændringerne');
    await page.getByText(/Forventet merforbrug er opdateret til 9\.800\.000/).waitFor();
    await check(page, 'overrun written');
    if (shots) await shoot(page, 'overrun-success');

    // The projection.
    await u.expand('Skriv fremskrivning');
    await u.press('Se ændringerne', '[data-action="projection"]');
    await page.locator('[data-preview="projection"]').waitFor();
    await check(page, 'projection preview');
    if (shots) await shoot(page, 'projection-preview');
    await u.press('Skriv ændringerne');
    await page.getByText('Fremskrivningen er skrevet i arket "Fremskrivning 2021".').waitFor();
    await check(page, 'projection written');
    if (shots) await shoot(page, 'projection-success');

    // Next year's plan.
    await u.expand('Ny årsplan');
    await u.press('Se ændringerne', '[data-action="new-year"]');
    const nyPreview = page.locator('[data-preview="new-year"]');
    await nyPreview.waitFor();
    expect(await nyPreview.innerText()).toContain('kopieres til "Handleplan 2022"');
    expect(await nyPreview.innerText()).toContain('De månedlige effekter er tomme.');
    await check(page, 'new year preview');
    if (shots) await shoot(page, 'new-year-preview');
    await u.press('Skriv ændringerne');
    const banner = page.locator('[data-banner]');
    await banner.getByText('Arket "Handleplan 2022" er oprettet.').waitFor();
    expect(await banner.innerText()).toMatch(
      /Næste skridt i "Handleplan 2022": skriv det forventede merforbrug ved opstart/,
    );
    const picker = page.getByRole('combobox', { name: 'Handleplan' });
    expect(await picker.inputValue()).toBe('Handleplan 2022!A1');
    expect(await page.getByText(/"Handleplan 2022" er ny og endnu ikke udfyldt/).isVisible()).toBe(true);
    expect(await page.locator('[data-findings]').innerText()).toContain('Kode: NO_TARGET');
    expect(await page.getByText(/fejl skal rettes/).count()).toBe(0);
    // The next step is open: the new plan's expected overrun.
    expect(
      await page
        .getByRole('button', { name: 'Opdater forventet merforbrug', exact: true })
        .getAttribute('aria-expanded'),
    ).toBe('true');
    // In browser mode the yellow cells are filled in Excel: the banner says how.
    expect(await banner.innerText()).toContain('hent projektmappen, udfyld den i Excel, og åbn den her igen');
    await check(page, 'new year written');
    if (shots) await shoot(page, 'new-year-success');
    // "Gå til" shows the new sheet in the grid; the banner stays.
    await u.press('Gå til Handleplan 2022');
    expect(await page.getByRole('combobox', { name: 'Vis ark' }).inputValue()).toBe('Handleplan 2022');
    expect(await banner.isVisible()).toBe(true);
    // The picker chooses the plan, and the grid follows.
    if (keyboard) {
      await tabTo(page, /^ ?Handleplan Handleplan /);
      await page.keyboard.type('Handleplan 2021'); // a closed select chooses by typing
    } else await picker.selectOption('Handleplan 2021!A1');
    // 2021 now expects 9,8 mio. against 9,4 mio. planned.
    await page.getByRole('region', { name: 'Overblik: Handleplan 2021' }).waitFor();
    expect(await page.locator('dl').innerText()).toMatch(/Mangler at dække\s+400\.000\s+kr\./);
    expect(await page.getByRole('combobox', { name: 'Vis ark' }).inputValue()).toBe('Handleplan 2021');
    // "Hent" gives the workbook with everything written.
    const download = page.waitForEvent('download');
    await u.press('Hent projektmappen');
    const saved = join(tmp, `hentet-${width}.xlsx`);
    await (await download).saveAs(saved);
    const after = await readBytes(readFileSync(saved));
    expect(after.sheets.map((s) => s.name).sort()).toEqual(
      ['Fremskrivning 2021', 'Handleplan 2022', 'Handleplan 2021', 'Historik'].sort(),
    );
    await u.press('Luk beskeden');
    expect(await banner.count()).toBe(0);

    // No plan: why, and a blank template.
    await u.open(files.none);
    await page.getByText('Ingen handleplan fundet.').waitFor();
    await check(page, 'no plan');
    await u.fill(/^ ?År/, '2026', '[data-action="template"]');
    await u.press('Se ændringerne', '[data-action="template"]');
    await page.locator('[data-preview="template"]').waitFor();
    await check(page, 'template preview');
    if (shots) await shoot(page, 'template-preview');
    await u.press('Skriv ændringerne');
    await page.getByText('Arket "HANDLEPLAN 2026" med en tom handleplan er oprettet.').waitFor();
    await page.getByRole('region', { name: 'Overblik: HANDLEPLAN 2026' }).waitFor();
    await check(page, 'template written');
    if (shots) await shoot(page, 'template-success');
    await page.close();
  });
});

test('a file that is no workbook gives a clear message and an accessible pane', async () => {
  const page = await newPage(320);
  const bad = join(tmp, 'beskadiget.xlsx');
  writeFileSync(bad, Buffer.from('dette er ikke en projektmappe'));
  await user(page, true).open(bad);
  await page.getByText(/"beskadiget\.xlsx" er ikke en Excel-projektmappe/).waitFor();
  expect(await page.getByRole('button', { name: 'Valider handleplan' }).isDisabled()).toBe(true);
  await check(page, 'bad file');
  await page.close();
});

describe.each([270, 320, 350])('Aktivitetsprognose at %i px', (width) => {
  test('its total and split, the sheet in the grid, and "Brug som forventet merforbrug"', async () => {
    const page = await newPage(width);
    const u = user(page, width === 320);
    await u.open(files.forecast);
    await page.getByText('Handleplanen hænger sammen: ingen fejl.').waitFor();
    const summary = page.locator('[data-forecast]');
    await summary.waitFor();
    expect(await summary.innerText()).toMatch(
      /"Aktivitetsprognose 2021": mer-\/mindreforbrug i alt 8\.49\d\.\d{3}\skr\./,
    );
    await check(page, 'forecast');
    await u.expand('Brug som forventet merforbrug');
    await u.press('Se ændringerne', '[data-action="use-forecast"]');
    await page.locator('[data-preview="use-forecast"]').waitFor();
    await check(page, 'use forecast preview');
    if (width === 320) await shoot(page, 'forecast-preview');
    await u.press('Skriv ændringerne');
    await page.getByText(/Forventet merforbrug er opdateret til 8\.49\d\.\d{3}/).waitFor();
    await check(page, 'use forecast written');
    if (width === 320) await shoot(page, 'forecast-success');
    await page.close();
  });
});

describe.each([270, 320, 350])('Status at %i px', (width) => {
  test('the month’s status sheet from form to success, and the committee’s report downloaded', async () => {
    const page = await newPage(width);
    const keyboard = width === 320;
    const u = user(page, keyboard);
    await u.open(files.clean);
    await page.getByText('Handleplanen hænger sammen: ingen fejl.').waitFor();
    await u.expand('Status');
    const month = page.getByRole('combobox', { name: 'Måned' });
    await month.waitFor();
    if (keyboard) {
      await tabTo(page, /^ ?Måned/);
      await page.keyboard.type('september'); // a closed select chooses by typing
    } else await month.selectOption('9');
    expect(await month.inputValue()).toBe('9');
    await u.press('Se ændringerne', '[data-action="status"]');
    await page.locator('[data-preview="status"]').waitFor();
    expect(await page.locator('[data-preview="status"]').innerText()).toContain(
      'Arket "Status september 2021" oprettes efter handleplanen.',
    );
    await check(page, 'status preview');
    if (width === 320) await shoot(page, 'status-preview');
    await u.press('Skriv ændringerne');
    await page.getByText('Arket "Status september 2021" er skrevet.').waitFor();
    await check(page, 'status written');
    if (width === 320) await shoot(page, 'status-success');
    // Nothing realised is typed yet: the report is asked about before it is made.
    await u.press('Hent statusrapport (.docx)');
    await page.locator('[data-report-empty]').waitFor();
    await check(page, 'report asked about');
    const download = page.waitForEvent('download');
    await u.press('Hent alligevel');
    const saved = join(tmp, `status-${width}.docx`);
    await (await download).saveAs(saved);
    const xml = new TextDecoder().decode(unzipParts(readFileSync(saved))['word/document.xml']);
    expect(xml).toContain('Økonomisk handleplan på det specialiserede børneområde 2021 – status september');
    await page.getByText(/Statusrapporten "Status september 2021.docx" er hentet\./).waitFor();
    await check(page, 'report downloaded');
    await page.close();
  });
});

test('wide: the forecast sheet in the grid, screenshot for the README', async () => {
  const page = await newPage(1280);
  await user(page, false).open(files.forecast);
  await page.locator('[data-forecast]').waitFor();
  await page.getByRole('combobox', { name: 'Vis ark' }).selectOption('Aktivitetsprognose 2021');
  await page.locator('td[data-address="H12"]').waitFor();
  expect(await page.locator('td[data-address="A6"]').innerText()).toBe('Indsats');
  await check(page, 'forecast grid');
  const file = join(ROOT, 'docs/screenshots/aktivitetsprognose.png');
  await page.screenshot({ path: file });
  expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
  await page.close();
});

test('wide: the pane beside the grid, screenshot for the README', async () => {
  const page = await newPage(1280);
  await user(page, false).open(files.wrong);
  await page.getByText('1 fejl skal rettes: 1 i handleplanen.').waitFor();
  await page.locator('[data-findings] button[data-cell]').first().click();
  await page.locator('td[data-address="N23"][aria-current="true"]').waitFor();
  // Wide screens need no way back: the findings stay in view.
  expect(await page.getByRole('button', { name: 'Tilbage til fundene' }).isVisible()).toBe(false);
  await check(page, 'wide');
  const file = join(ROOT, 'assets/screenshot-pane.png');
  await page.screenshot({ path: file });
  expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
  await page.close();
});

/**
 * The pane is locked down: a Content-Security-Policy that allows scripts only from the add-in
 * and office.js, no eval in what is built, no source maps deployed, and nothing leaves the
 * add-in's origin during a whole open-validate-update-project-download run.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { readBytes, xlsxBuffer, planWorkbook } from '../support/workbooks';
import { launchChromium, serveFolder } from './server';

const ROOT = resolve(__dirname, '../..');
const DIST = join(ROOT, 'dist');
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const tmp = mkdtempSync(join(tmpdir(), 'handleplan-lockdown-'));

test('the built bundle has no eval, no new Function and no source maps', () => {
  const files = readdirSync(DIST);
  expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
  const scripts = files.filter((f) => f.endsWith('.js'));
  expect(scripts.length).toBeGreaterThanOrEqual(2);
  for (const f of scripts) {
    const js = readFileSync(join(DIST, f), 'utf8');
    expect({ file: f, eval: /(^|[^\w.$])eval\s*\(/.test(js), newFunction: /new\s+Function\s*\(/.test(js) }).toEqual({
      file: f,
      eval: false,
      newFunction: false,
    });
    expect(js).not.toContain('sourceMappingURL');
  }
  // Every page the add-in serves: the pane, the ribbon command's function file, its dialog.
  for (const page of ['taskpane.html', 'commands.html', 'dialog.html']) {
    const html = readFileSync(join(DIST, page), 'utf8');
    const csp = /http-equiv="?Content-Security-Policy"?\s+content="([^"]*)"/.exec(html)?.[1] ?? '';
    const directive = (name: string) => new RegExp(`(?:^|;\\s*)${name} ([^;]*)`).exec(csp)?.[1].trim();
    expect({ page, script: directive('script-src') }).toEqual({
      page,
      script: "'self' https://appsforoffice.microsoft.com",
    });
    expect({ page, connect: directive('connect-src') }).toEqual({ page, connect: "'self'" });
    expect(csp).not.toContain('unsafe-eval');
  }
});

describe('in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveFolder>>;

  beforeAll(async () => {
    server = await serveFolder(DIST);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a whole run: open, validate, update, project, download — no request leaves the add-in, no policy is broken', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    await page.route(OFFICE_JS, (route) => route.abort());
    await page.goto(`${server.url}/taskpane.html`);
    await page.evaluate(() =>
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`Refused to load ${e.blockedURI} (${e.violatedDirective})`),
      ),
    );

    const file = join(tmp, 'plan.xlsx');
    writeFileSync(file, await xlsxBuffer(planWorkbook()));
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Åbn .xlsx-fil' }).click();
    await (await chooser).setFiles(file);
    await page.getByText('Åbnet: plan.xlsx').waitFor();
    // Validated as soon as it is open.
    await page.getByText('Handleplanen hænger sammen: ingen fejl.').waitFor();

    await page.getByRole('button', { name: 'Opdater forventet merforbrug', exact: true }).click();
    await page.getByRole('textbox', { name: /Nyt forventet merforbrug/ }).fill('9,8 mio.');
    await page.locator('[data-action="overrun"]').getByRole('button', { name: 'Se ændringerne' }).click();
    await page.getByRole('button', { name: 'Skriv ændringerne' }).click();
    await page.getByText(/Forventet merforbrug er opdateret/).waitFor();
    await page.getByRole('button', { name: 'Skriv fremskrivning', exact: true }).click();
    await page.locator('[data-action="projection"]').getByRole('button', { name: 'Se ændringerne' }).click();
    await page.getByRole('button', { name: 'Skriv ændringerne' }).click();
    await page.getByText(/Fremskrivningen er skrevet/).waitFor();
    const download = page.waitForEvent('download');
    await page.locator('[data-banner]').getByRole('button', { name: 'Hent projektmappen' }).click();
    const saved = join(tmp, 'downloaded.xlsx');
    await (await download).saveAs(saved);
    const after = await readBytes(readFileSync(saved));
    expect(after.sheets.map((s) => s.name)).toEqual(['Handleplan 2021', 'Fremskrivning 2021', 'Historik']);

    const elsewhere = requests.filter(
      (u) => !u.startsWith(server.url) && u !== OFFICE_JS && !u.startsWith('blob:') && !u.startsWith('data:'),
    );
    expect(elsewhere).toEqual([]);
    expect(requests).toContain(OFFICE_JS);
    expect(violations).toEqual([]);
    await page.close();
  });
});

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { planWorkbook, xlsxBuffer } from '../support/workbooks';
import { serveFolder } from './server';

const ROOT = resolve(__dirname, '../..');
const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = join(ROOT, 'assets/screenshot-pane.png');
const tmp = mkdtempSync(join(tmpdir(), 'handleplan-e2e-'));

let browser: Browser;
let page: Page;
let server: Awaited<ReturnType<typeof serveFolder>>;

async function axeViolations(p: Page) {
  await p.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await p.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: unknown,
            opts: unknown,
          ) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  });
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Presses Tab until the focused element's text matches, as a keyboard user would. */
async function tabTo(p: Page, text: RegExp, max = 60) {
  for (let i = 0; i < max; i++) {
    await p.keyboard.press('Tab');
    const label = await p.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return '';
      return `${el.getAttribute('aria-label') ?? ''} ${el.innerText ?? ''}`;
    });
    if (text.test(label)) return;
  }
  throw new Error(`Could not reach ${text} with the Tab key`);
}

async function openWithKeyboard(p: Page, file: string) {
  await p.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await p.locator('body').focus();
  const chooser = p.waitForEvent('filechooser');
  await tabTo(p, /Åbn \.xlsx-fil/);
  await p.keyboard.press('Enter');
  await (await chooser).setFiles(file);
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error('Debian chromium is missing: apt-get install -y chromium');
  server = await serveFolder(join(ROOT, 'dist'));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  // As when office.js is blocked or the machine is offline: the pane must fall back to browser mode.
  await page.route('https://appsforoffice.microsoft.com/**', (route) => route.abort());
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('browser mode: validate the example, then click a finding to highlight its cell', async () => {
  await page.goto(`${server.url}/taskpane.html`);
  await page.getByRole('button', { name: 'Åbn .xlsx-fil' }).waitFor();
  expect(await page.getByRole('button', { name: 'Valider handleplan' }).isDisabled()).toBe(true);
  expect(await axeViolations(page)).toEqual([]);

  await openWithKeyboard(page, join(ROOT, 'examples/handleplan-slagelse-2021.xlsx'));
  await page.getByText('Åbnet: handleplan-slagelse-2021.xlsx').waitFor();
  await tabTo(page, /^ ?Valider handleplan/);
  await page.keyboard.press('Enter');
  await page.getByText('Handleplanen hænger sammen: ingen fejl.').waitFor();
  const summary = await page.locator('dl').innerText();
  expect(summary).toContain('9.400.000 kr.');
  expect(await page.locator('td[data-address="N28"]').innerText()).toBe('9.400.000');
  expect(await axeViolations(page)).toEqual([]);

  const wrong = join(tmp, 'forkert-total.xlsx');
  writeFileSync(
    wrong,
    await xlsxBuffer(
      planWorkbook(undefined, {
        edit: (_ws, at) => {
          at('N23').value = 900000;
        },
      }),
    ),
  );
  await openWithKeyboard(page, wrong);
  await page.getByText('Åbnet: forkert-total.xlsx').waitFor();
  await tabTo(page, /^ ?Valider handleplan/);
  await page.keyboard.press('Enter');
  await page.getByText('1 fejl skal rettes.').waitFor();
  await tabTo(page, /Gå til\s+Handleplan 2021!N23/);
  await page.keyboard.press('Enter');
  const cell = page.locator('td[data-address="N23"]');
  await expect(cell.getAttribute('aria-current')).resolves.toBe('true');
  expect(await cell.isVisible()).toBe(true);
  expect(await cell.innerText()).toBe('900.000');
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: SCREENSHOT });
  expect(readFileSync(SCREENSHOT).subarray(1, 4).toString()).toBe('PNG');
});

test('browser mode: a file that is no workbook gives a clear message and an accessible pane', async () => {
  await page.goto(`${server.url}/taskpane.html`);
  await page.getByRole('button', { name: 'Åbn .xlsx-fil' }).waitFor();
  const bad = join(tmp, 'beskadiget.xlsx');
  writeFileSync(bad, Buffer.from('dette er ikke en projektmappe'));
  await openWithKeyboard(page, bad);
  await page.getByText(/"beskadiget\.xlsx" er ikke en Excel-projektmappe/).waitFor();
  expect(await page.getByRole('button', { name: 'Valider handleplan' }).isDisabled()).toBe(true);
  expect(await axeViolations(page)).toEqual([]);
});

/** What every browser test of the pane does the same way: open it, check a state, act as a user. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';

export const SHOTS_DIR = join(__dirname, '../../docs/screenshots');

export async function axeViolations(p: Page) {
  if (!(await p.evaluate(() => 'axe' in window)))
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

/** Nothing wider than its box: the page, the pane, and every card, message, field and finding in it. */
export async function overflowing(p: Page) {
  return p.evaluate(() => {
    const out: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) out.push(`page ${root.scrollWidth} > ${root.clientWidth}`);
    const main = document.querySelector('main')!;
    const boxes = [
      main,
      ...main.querySelectorAll<HTMLElement>(
        'section, [data-banner], [data-verdict], [data-preview], .fui-MessageBar, .fui-MessageBar button, .fui-Field, .fui-Field input, dl, dd, dt, [data-findings] button, select',
      ),
    ];
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${(el as HTMLElement).dataset?.action ? `[${(el as HTMLElement).dataset.action}]` : ''}`;
    for (const el of boxes)
      if (el.scrollWidth > el.clientWidth + 1) {
        // Name the widest thing inside, to say what overflows.
        const right = el.getBoundingClientRect().right;
        const culprit = [...el.querySelectorAll('*')].sort(
          (a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right,
        )[0];
        out.push(
          `${describe(el)} ${el.scrollWidth} > ${el.clientWidth}: ${(el.textContent ?? '').slice(0, 40)}` +
            (culprit
              ? ` (widest: ${describe(culprit)} ending ${Math.round(culprit.getBoundingClientRect().right - right)} px past, "${(culprit.textContent ?? '').slice(0, 40)}")`
              : ''),
        );
      }
    return out;
  });
}

/** Each state is checked the same way: no overflow, no accessibility violation. */
export async function check(p: Page, state: string) {
  // The steady state: nothing still loading (a button enabled when its data arrive changes
  // colour over a transition), the pointer away from what it clicked, transitions finished.
  await p.waitForFunction(() => !document.querySelector('main [role="progressbar"]'));
  await p.mouse.move(0, 0);
  await p.waitForTimeout(300);
  expect({ state, overflow: await overflowing(p) }).toEqual({ state, overflow: [] });
  expect({ state, axe: await axeViolations(p) }).toEqual({ state, axe: [] });
}

/** What the user sees: the viewport, wherever the page is scrolled to (a finding's cell in the grid). */
export async function shootView(p: Page, name: string) {
  const file = join(SHOTS_DIR, `${name}.png`);
  await p.screenshot({ path: file });
  expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
}

export async function shoot(p: Page, name: string) {
  const file = join(SHOTS_DIR, `${name}.png`);
  await p.locator('main').screenshot({ path: file });
  expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
}

/** The accessible text of the focused element: its label, its text. */
export const focusedText = (p: Page) =>
  p.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return '';
    const labels = (el as HTMLInputElement).labels ? [...(el as HTMLInputElement).labels!].map((l) => l.innerText) : [];
    return `${el.getAttribute('aria-label') ?? ''} ${labels.join(' ')} ${el.innerText ?? ''}`.replace(/\s+/g, ' ');
  });

/** Presses Tab until the focused element's text matches, as a keyboard user would. */
export async function tabTo(p: Page, text: RegExp, max = 150) {
  for (let i = 0; i < max; i++) {
    await p.keyboard.press('Tab');
    if (text.test(await focusedText(p))) return;
  }
  throw new Error(`Could not reach ${text} with the Tab key`);
}

/** A user: by mouse, or by keyboard only. */
export function user(p: Page, keyboard: boolean) {
  return {
    async press(name: RegExp | string, within?: string) {
      if (keyboard) {
        const text =
          typeof name === 'string' ? new RegExp(`^ ?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) : name;
        for (let i = 0; i < 5; i++) {
          await tabTo(p, text);
          const inside = within ? await p.evaluate((sel) => !!document.activeElement?.closest(sel), within) : true;
          if (inside) break;
        }
        await p.keyboard.press('Enter');
      } else {
        const scope = within ? p.locator(within) : p;
        await scope.getByRole('button', { name, exact: typeof name === 'string' }).click();
      }
    },
    async fill(label: RegExp, text: string, within?: string) {
      if (keyboard) {
        for (let i = 0; i < 5; i++) {
          await tabTo(p, label);
          if (!within || (await p.evaluate((sel) => !!document.activeElement?.closest(sel), within))) break;
        }
        await p.keyboard.press('Control+A');
        await p.keyboard.type(text);
      } else {
        const scope = within ? p.locator(within) : p;
        await scope.getByRole('textbox', { name: label }).fill(text);
      }
    },
    /** Opens an accordion part (an action, Status) by its heading, unless it is open. */
    async expand(name: string) {
      const toggle = p.getByRole('button', { name, exact: true });
      if ((await toggle.getAttribute('aria-expanded')) === 'true') return;
      if (keyboard) {
        // The chevron before the heading's text is part of what the button shows.
        await tabTo(p, new RegExp(`^ ?[▸▾]?\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`));
        await p.keyboard.press('Enter');
      } else await toggle.click();
      await p.waitForFunction(
        (n) =>
          [...document.querySelectorAll('button[aria-expanded]')].some(
            (b) => (b as HTMLElement).innerText.trim().endsWith(n) && b.getAttribute('aria-expanded') === 'true',
          ),
        name,
      );
    },
    /** Opens a file, or several at once (the overview of them all). */
    async open(file: string | string[]) {
      const chooser = p.waitForEvent('filechooser');
      if (keyboard) {
        await p.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        await tabTo(p, /Åbn \.xlsx-fil/);
        await p.keyboard.press('Enter');
      } else await p.getByRole('button', { name: 'Åbn .xlsx-fil' }).click();
      await (await chooser).setFiles(file);
    },
  };
}

export interface PageOptions {
  /** CSS pixels per device pixel: 2 is 200 % zoom (the pane's width in CSS pixels halves). */
  zoom?: number;
  height?: number;
}

/**
 * The built pane in a fresh page, `width` device pixels wide, as when office.js is blocked or the
 * machine is offline: it falls back to browser mode.
 */
export async function openPane(browser: Browser, url: string, width: number, options: PageOptions = {}) {
  const zoom = options.zoom ?? 1;
  // axe-core is injected as an inline script, which the pane's own policy (tested in
  // lockdown.e2e.test.ts) rightly refuses.
  const page = await browser.newPage({
    viewport: { width: Math.round(width / zoom), height: Math.round((options.height ?? 900) / zoom) },
    deviceScaleFactor: zoom,
    acceptDownloads: true,
    bypassCSP: true,
  });
  await page.route('https://appsforoffice.microsoft.com/**', (route) => route.abort());
  await page.goto(`${url}/taskpane.html`);
  await page.getByRole('button', { name: 'Åbn .xlsx-fil' }).waitFor();
  return page;
}

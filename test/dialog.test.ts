/**
 * @jest-environment jsdom
 */
/**
 * 12. Function-command lifetime: the ribbon's function runtime ends after five minutes, so the
 * dialog it opened cannot count on anyone answering "Luk"; it closes itself. And
 * Office.actions.associate stands at the top level of the function file (Microsoft's sample).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

test('"Luk" closes the dialog even when the runtime that opened it is gone', () => {
  jest.useFakeTimers();
  document.body.innerHTML = '<h1 id="title"></h1><p id="message"></p><button id="close"></button>';
  window.history.pushState({}, '', '/dialog.html?t=Titel&m=Besked&c=Luk');
  const close = jest.spyOn(window, 'close').mockImplementation(() => undefined);
  const messageParent = jest.fn(() => {
    throw new Error('the parent is gone');
  });
  (globalThis as Record<string, unknown>).Office = { context: { ui: { messageParent } } };
  jest.isolateModules(() => {
    require('../src/ribbon/dialog');
  });
  const button = document.getElementById('close') as HTMLButtonElement;
  expect(button.textContent).toBe('Luk');
  button.click();
  expect(messageParent).toHaveBeenCalled();
  jest.advanceTimersByTime(600);
  expect(close).toHaveBeenCalled();
  jest.useRealTimers();
});

test('Office.actions.associate is called at the top level, not inside Office.onReady', () => {
  const source = readFileSync(join(__dirname, '..', 'src', 'ribbon', 'command.ts'), 'utf8');
  const onReady = source.indexOf('Office.onReady(');
  const associate = source.indexOf('Office.actions?.associate(');
  expect(associate).toBeGreaterThan(0);
  // Not in a callback: the call stands before onReady, on a line of its own.
  expect(associate).toBeLessThan(onReady);
  expect(/^Office\.actions\?\.associate\(/m.test(source)).toBe(true);
});

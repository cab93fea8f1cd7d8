/**
 * The ribbon's "Valider handleplan" reaches an open pane by message; without one it says so
 * (and the command then validates by itself). Node's BroadcastChannel is the browser's.
 */
import {
  answerRibbon,
  askPaneToValidate,
  browserTransport,
  type RibbonMessage,
  type Transport,
} from '../src/addin/channel';
import { OfficeWorkbookAdapter } from '../src/excel/officeAdapter';
import Decimal from 'decimal.js';
import { buildOverrunUpdate } from '../src/core/build/overrun';
import { validateWorkbook } from '../src/core/validate';
import { modelWithPlan } from './support/excelFixtures';

const transports: Transport[] = [];
const stops: (() => void)[] = [];
afterEach(() => {
  stops.splice(0).forEach((s) => s());
  transports.splice(0).forEach((t) => t.close());
});
const transport = () => {
  const t = browserTransport();
  transports.push(t);
  return t;
};

test('an open pane answers and validates, once per click', async () => {
  let validations = 0;
  stops.push(answerRibbon(transport(), () => validations++));
  expect(await askPaneToValidate(transport(), 1000)).toBe(true);
  expect(await askPaneToValidate(transport(), 1000)).toBe(true);
  expect(validations).toBe(2);
});

test('no pane open: the command hears nothing and falls back', async () => {
  const started = Date.now();
  expect(await askPaneToValidate(transport(), 150)).toBe(false);
  expect(Date.now() - started).toBeGreaterThanOrEqual(140);
});

test('a message seen on both channels (BroadcastChannel and storage) is handled once', () => {
  const listeners: ((e: { key: string; newValue: string }) => void)[] = [];
  const posted: unknown[] = [];
  class Channel {
    onmessage: ((e: MessageEvent) => void) | null = null;
    handlers: ((e: MessageEvent) => void)[] = [];
    constructor(readonly name: string) {}
    postMessage(m: unknown) {
      posted.push(m);
    }
    addEventListener(_t: string, h: (e: MessageEvent) => void) {
      this.handlers.push(h);
      channels.push(this);
    }
    removeEventListener() {}
    close() {}
  }
  const channels: Channel[] = [];
  const scope = {
    BroadcastChannel: Channel,
    localStorage: { setItem: () => undefined },
    addEventListener: (_t: string, h: (e: { key: string; newValue: string }) => void) => listeners.push(h),
    removeEventListener: () => undefined,
  } as unknown as typeof globalThis;
  const got: RibbonMessage[] = [];
  browserTransport(scope).listen((m) => got.push(m));
  const message = { type: 'validate', id: 'x1' };
  channels[0].handlers[0]({ data: message } as MessageEvent);
  listeners[0]({ key: 'handleplan.ribbon', newValue: JSON.stringify({ ...message, at: 1 }) });
  listeners[0]({ key: 'something else', newValue: '{}' });
  listeners[0]({ key: 'handleplan.ribbon', newValue: 'not json' });
  expect(got).toEqual([message]);
});

test('without BroadcastChannel or with storage blocked, the other channel still carries it', () => {
  const listeners: ((e: { key: string; newValue: string }) => void)[] = [];
  const scope = {
    get localStorage(): Storage {
      throw new Error('SecurityError');
    },
    addEventListener: (_t: string, h: (e: { key: string; newValue: string }) => void) => listeners.push(h),
    removeEventListener: () => undefined,
  } as unknown as typeof globalThis;
  const t = browserTransport(scope);
  expect(() => t.post({ type: 'ack', id: '1' })).not.toThrow();
});

describe('the pane watches its plan sheet (Worksheet.onChanged)', () => {
  test('the user’s edits are reported, the add-in’s own writes are not, and stopping removes the handler', async () => {
    const { model } = modelWithPlan();
    const adapter = new OfficeWorkbookAdapter(
      (batch) => model.run(batch),
      () => true,
    );
    let changes = 0;
    const stop = await adapter.watchSheet('Handleplan 2021', () => changes++);
    expect(model.sheet('Handleplan 2021').changeHandlers.size).toBe(1);
    model.userEdit('Handleplan 2021', 'N23', 5);
    await new Promise((r) => setTimeout(r, 5));
    expect(changes).toBe(1);
    const before = await adapter.readActiveSheet();
    const plan = validateWorkbook(before).plans[0].plan;
    await adapter.applyWritePlan(buildOverrunUpdate(plan, before, new Decimal(9_800_000), '2026-11-23').plan, before);
    expect(model.sheet('Handleplan 2021').get(33, 5)?.value).toBe(9_800_000);
    await new Promise((r) => setTimeout(r, 5));
    expect(changes).toBe(1);
    await stop();
    expect(model.sheet('Handleplan 2021').changeHandlers.size).toBe(0);
    model.userEdit('Handleplan 2021', 'N23', 6);
    await new Promise((r) => setTimeout(r, 5));
    expect(changes).toBe(1);
  });
});

test('two workbooks open: only the pane of the workbook clicked in answers; otherwise the command validates itself', async () => {
  let inA = 0;
  let inB = 0;
  stops.push(answerRibbon(transport(), () => inA++, 'https://kommune.sharepoint.com/Budget%20A.xlsx'));
  stops.push(answerRibbon(transport(), () => inB++, 'C:\\Økonomi\\Budget B.xlsx'));
  expect(await askPaneToValidate(transport(), 1000, 'C:\\Økonomi\\Budget B.xlsx')).toBe(true);
  expect([inA, inB]).toEqual([0, 1]);
  // A third workbook with no pane open: nobody answers, and the command falls back to its own validation.
  expect(await askPaneToValidate(transport(), 200, 'C:\\Økonomi\\Budget C.xlsx')).toBe(false);
  expect([inA, inB]).toEqual([0, 1]);
});

/**
 * A real spreadsheet engine agrees with the core: LibreOffice, told to recalculate every formula
 * on load, recalculates what `handleplan project` wrote, and every formula cell of the projection
 * equals the core's exact figure — as does the result cached in the file for readers that do
 * not calculate. Text amounts of every syntax the parser accepts are computed alike.
 */
import Decimal from 'decimal.js';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../src/cli/main';
import { nodeDeflate, nodeInflate } from '../src/cli/zlib';
import { amountFormula, parseAmountText } from '../src/core/amounts/amountSyntax';
import { Grid } from '../src/core/model/grid';
import { buildProjection } from '../src/core/build/projection';
import { validateWorkbook } from '../src/core/validate';
import type { CellWrite } from '../src/core/build/writePlan';
import { blankPackage } from '../src/xlsx/blank';
import { Package } from '../src/xlsx/package';
import { writePackage } from '../src/xlsx/write';
import { recalculate, requireLibreOffice } from './support/libreoffice';
import { planWorkbook, readBytes, xlsxBuffer } from './support/workbooks';
import { parseA1 } from '../src/core/model/a1';

/** The date the tests write on (the builders never read the clock). */
const TODAY = '2026-12-03';

const tmp = mkdtempSync(join(tmpdir(), 'handleplan-lo-'));

beforeAll(() => requireLibreOffice());

/** The value a sheet holds at an address, as our reader reads it. */
function valueAt(snapshot: Awaited<ReturnType<typeof readBytes>>, sheet: string, address: string) {
  const s = snapshot.sheets.find((x) => x.name === sheet)!;
  const { row, col } = parseA1(address);
  return new Grid(s).value(row, col);
}

/** A workbook written by our own writer from a list of cells on one sheet. */
async function sheetFile(name: string, cells: CellWrite[]): Promise<string> {
  const pkg = new Package(blankPackage(nodeDeflate), nodeInflate);
  const plan = { sheets: [{ action: 'create' as const, name: 'Ark1', owned: false }], cells, charts: [] };
  const { data } = await writePackage(pkg, plan, { sheets: [] }, nodeDeflate);
  const file = join(tmp, name);
  writeFileSync(file, data);
  return file;
}

test("LibreOffice's profile recalculates on load instead of showing the cached result", async () => {
  const file = await sheetFile('control.xlsx', [{ sheet: 'Ark1', address: 'A1', formula: '=1+1', value: 5 }]);
  expect(valueAt(await readBytes(readFileSync(file)), 'Ark1', 'A1')).toBe(5);
  expect(valueAt(await readBytes(readFileSync(recalculate(file))), 'Ark1', 'A1')).toBe(2);
  // A LibreOffice run, however busy the machine: a generous limit of its own.
}, 300_000);

const plans: [string, () => ExcelJS.Workbook][] = [
  ['the Slagelse example', () => planWorkbook()],
  [
    'a plan at C5 on the third sheet',
    () => planWorkbook(undefined, { origin: { row: 4, col: 2 }, sheetsBefore: ['Forside', 'Noter'] }),
  ],
  [
    'text amounts of every kind',
    () =>
      planWorkbook(undefined, {
        edit: (_ws, at) => {
          for (const c of 'FGHIJKLM') at(`${c}22`).value = '310.000';
          for (const c of 'FGHIJKLM') at(`${c}25`).value = '357.500 kr.';
          at('F23').value = '100 tkr.';
          at('G23').value = '(50.000)';
          at('H23').value = '2.860.000,-';
          at('I23').value = '450 t.kr.';
          at('J23').value = '357.500 DKK';
          at('K23').value = '1\u00a0175\u00a0000';
          at('M26').value = '0,3575 mio. kr.';
          at('F34').value = '9,4 mio kr';
        },
      }),
  ],
  [
    'a text amount no formula can read (full-width digits)',
    () =>
      planWorkbook(undefined, {
        edit: (_ws, at) => {
          at('F22').value = '３１０.０００';
        },
      }),
  ],
  [
    'a plan short of its target',
    () =>
      planWorkbook(undefined, {
        edit: (_ws, at) => {
          at('F34').value = 12_000_000;
        },
      }),
  ],
];

test.each(plans)('%s', async (name, make) => {
  const input = join(tmp, `${name.replace(/\W+/g, '-')}.xlsx`);
  writeFileSync(input, await xlsxBuffer(make()));
  const output = input.replace(/\.xlsx$/, '-projected.xlsx');
  const io = {
    out: () => undefined,
    err: (t: string) => {
      throw new Error(t);
    },
  };
  expect(await run(['project', input, '-o', output], io)).toBe(0);

  const snapshot = await readBytes(readFileSync(input));
  const plan = validateWorkbook(snapshot).plans[0].plan;
  const projection = buildProjection(plan, snapshot, { today: TODAY })!;
  expect(projection.expected.size).toBeGreaterThan(80);

  const written = await readBytes(readFileSync(output));
  const recalculated = await readBytes(readFileSync(recalculate(output)));
  const mismatches: string[] = [];
  for (const [address, expected] of projection.expected) {
    for (const [who, book] of [
      ['cached', written],
      ['LibreOffice', recalculated],
    ] as const) {
      const result = valueAt(book, projection.sheet, address);
      const ok = typeof result === 'number' && new Decimal(result).minus(expected).abs().lessThan(1e-6);
      if (!ok) mismatches.push(`${address}: ${who} ${JSON.stringify(result)}, core ${expected.toString()}`);
    }
  }
  expect(mismatches).toEqual([]);
});

/** Amount texts in every syntax the parser accepts, generated. */
const amountText = fc
  .record({
    whole: fc.integer({ min: 0, max: 99_999_999 }),
    decimals: fc.option(fc.integer({ min: 1, max: 99 }), { nil: null }),
    style: fc.constantFrom('danish', 'plain', 'spaces', 'nbsp', 'narrow', 'english'),
    unit: fc.constantFrom(
      '',
      ' kr.',
      ' kr',
      ' DKK',
      ' dkk',
      'kr.',
      ',-',
      ' tkr.',
      ' t.kr.',
      ' t. kr.',
      ' mio.',
      ' mio',
      ' mio. kr.',
      ' mill. kr.',
      ' Mio kr',
      ' mia.',
    ),
    sign: fc.constantFrom('', '-', '+', '\u2212', 'paren', 'trailing', '\u2013'),
    lead: fc.constantFrom('', ' ', 'kr. '),
  })
  .map(({ whole, decimals, style, unit, sign, lead }) => {
    const group = (n: number, sep: string) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
    let number: string;
    const frac = decimals === null || unit === ',-' ? '' : String(decimals).padStart(2, '0');
    if (style === 'danish') number = group(whole, '.') + (frac ? `,${frac}` : '');
    else if (style === 'plain') number = String(whole) + (frac ? `,${frac}` : '');
    else if (style === 'english') number = group(whole, ',') + (frac ? `.${frac}` : '');
    else {
      const sep = style === 'spaces' ? ' ' : style === 'nbsp' ? '\u00a0' : '\u202f';
      number = group(whole, sep) + (frac ? `,${frac}` : '');
    }
    let text = `${lead === 'kr. ' && unit ? '' : lead}${number}${unit}`;
    if (sign === 'paren') text = `(${text})`;
    else if (sign === 'trailing') text = `${text}-`;
    else text = `${sign}${text}`;
    return text;
  })
  .filter((t) => parseAmountText(t).kind === 'amount');

const FIXED = [
  '500 tkr.',
  '450 t.kr.',
  '9,4 mill. kr.',
  '9,4 mio kr',
  '357.500 DKK',
  '2.860.000,-',
  '(50.000)',
  '1\u00a0175\u00a0000',
  '1\u202f175\u202f000 kr.',
  '9,4 mio. kr.',
  '357.500 kr.',
  '-0,8',
  '1,175,000.50',
];

test("for at least 200 amount texts of every syntax, LibreOffice computes the core's value from the formula", async () => {
  const generated = fc.sample(amountText, { numRuns: 400, seed: 20261123 });
  const texts = [...new Set([...FIXED, ...generated])].slice(0, 320);
  expect(texts.length).toBeGreaterThanOrEqual(200);
  const cells: CellWrite[] = [];
  const expected: { row: number; text: string; value: Decimal }[] = [];
  let fallbacks = 0;
  texts.forEach((text, i) => {
    const parsed = parseAmountText(text);
    if (parsed.kind !== 'amount') throw new Error(`not an amount: ${text}`);
    const formula = amountFormula(`A${i + 1}`, text);
    cells.push({ sheet: 'Ark1', address: `A${i + 1}`, value: text });
    if (formula === null) {
      fallbacks++;
      return;
    }
    cells.push({ sheet: 'Ark1', address: `B${i + 1}`, formula: `=${formula}`, value: parsed.value.toNumber() });
    expected.push({ row: i + 1, text, value: parsed.value });
  });
  // Every syntax of the table has a formula; the fallback is for texts beyond it.
  expect(fallbacks).toBe(0);
  const file = await sheetFile('amounts.xlsx', cells);
  const recalculated = await readBytes(readFileSync(recalculate(file)));
  const wrong: string[] = [];
  for (const e of expected) {
    const v = valueAt(recalculated, 'Ark1', `B${e.row}`);
    const back = valueAt(recalculated, 'Ark1', `A${e.row}`);
    if (back !== e.text) wrong.push(`A${e.row}: the text came back as ${JSON.stringify(back)}`);
    if (typeof v !== 'number' || !new Decimal(v).minus(e.value).abs().lessThan(0.005))
      wrong.push(`${JSON.stringify(e.text)}: LibreOffice ${JSON.stringify(v)}, core ${e.value.toString()}`);
  }
  expect(wrong).toEqual([]);
});

test('text that looks like a formula stays text, in the file and in LibreOffice', async () => {
  const tricky = [
    '=HYPERLINK("http://example.com","klik")',
    "+cmd|' /C calc'!A0",
    '-2+3',
    '@SUM(A1)',
    '2021',
    '_x0041_',
  ];
  const file = await sheetFile(
    'tricky.xlsx',
    tricky.map((t, i) => ({ sheet: 'Ark1', address: `A${i + 1}`, value: t })),
  );
  for (const book of [await readBytes(readFileSync(file)), await readBytes(readFileSync(recalculate(file)))]) {
    const s = book.sheets.find((x) => x.name === 'Ark1')!;
    expect(tricky.map((_t, i) => valueAt(book, 'Ark1', `A${i + 1}`))).toEqual(tricky);
    expect(s.formulas?.every((r) => !r || r.every((f) => f === null || f === undefined))).toBe(true);
  }
});

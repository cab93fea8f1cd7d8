/**
 * The compact cell store behind a sheet read from .xlsx: every cell reads the same through it as
 * through the arrays made from it; the one-step path for cells of the usual shape gives what the
 * tag-by-tag path gives for the same cells written with white space between their tags (which
 * that path alone reads); texts' lengths counted from their bytes equal the decoded texts'; and
 * validating a large plan never makes the arrays.
 */
import fc from 'fast-check';
import { bigWorkbook } from './support/bigWorkbooks';
import { cut } from './support/chunks';
import { nodeInflate } from '../src/cli/zlib';
import { Grid, type SheetSnapshot } from '../src/core/model/grid';
import { validateWorkbook } from '../src/core/validate';
import { readXlsx } from '../src/xlsx/read';
import { readSheet, type SheetContext } from '../src/xlsx/read/sheet';
import type { Package } from '../src/xlsx/package';

const utf8 = new TextEncoder();
const STRINGS = ['Delt tekst', '  Mål  ', '', 'Sum'];
const styles = {
  formats: [null, null, '#,##0', null, 'dd-mm-yyyy', null],
  isDate: [false, false, false, false, true, false],
  custom: new Map(),
  unlocked: [false, true, false, false, false, false],
};
const ctx = (): SheetContext => ({ strings: STRINGS, styles, date1904: false, cells: { count: 0, limit: 1e7 } });

async function read(xml: string, cuts: number[] = []): Promise<SheetSnapshot> {
  const bytes = utf8.encode(xml);
  const pkg = { streamUtf8: async (_p: string, on: (c: Uint8Array) => void) => cut(bytes, cuts).forEach(on) };
  return readSheet(pkg as unknown as Package, 'xl/worksheets/sheet1.xml', 'Ark', ctx());
}

const texts = fc.constantFrom(
  'Handling 1',
  '  Område 4  ',
  'Mål for indsats',
  '\u00a0Hård\u00a0',
  'A &amp; B',
  'Linje_x000D_to',
  'Node 𝄞 ok',
  'Mærke \u{E0061} slut',
  '€ 1.000',
  ' ',
  'Tab\tslut\t',
);
const values = fc.oneof(
  fc.record({
    t: fc.constant('n'),
    v: fc.constantFrom('1290', '-3.5', '0.1', '1E+3', '310000kr', '12345678901234567', ''),
  }),
  fc.record({ t: fc.constant('s'), v: fc.constantFrom('0', '1', '2', '3', '9', '') }),
  fc.record({ t: fc.constant('inlineStr'), v: texts }),
  fc.record({ t: fc.constant('str'), v: texts }),
  fc.record({ t: fc.constant('b'), v: fc.constantFrom('1', '0') }),
  fc.record({ t: fc.constant('e'), v: fc.constantFrom('#N/A', '#DIV/0!') }),
  fc.record({ t: fc.constant('d'), v: fc.constant('2024-03-01') }),
);
const cell: fc.Arbitrary<CellSpec> = fc.record({
  col: fc.integer({ min: 0, max: 12 }),
  ref: fc.boolean(),
  style: fc.integer({ min: 0, max: 5 }),
  value: fc.option(values, { nil: undefined }),
  formula: fc.option(
    fc.constantFrom(
      '<f>SUM(A1:B1)</f>',
      '<f>A1&amp;"x"</f>',
      '<f/>',
      '<f> B2 * 2 </f>',
      '<f>"a_x0041_"&amp;A1</f>',
      '<f>A1_x0041_</f>',
      '<f>"\u00a0"&amp;A1</f>',
      '<f>\u00a0A1</f>',
      '<f>  \t</f>',
      // A shared formula's master, its followers (one without a master), a blank master.
      '<f t="shared" ref="A1:M40" si="0">A1+B$1+$C2&amp;"A1"</f>',
      '<f t="shared" si="0"/>',
      '<f t="shared" si="1"/>',
      '<f t="shared" si="0">  </f>',
    ),
    { nil: undefined },
  ),
});
const sheet = fc.array(fc.record({ row: fc.integer({ min: 0, max: 40 }), cells: fc.array(cell, { maxLength: 6 }) }), {
  maxLength: 12,
});

interface CellSpec {
  col: number;
  ref: boolean;
  style: number;
  value?: { t: string; v: string };
  formula?: string;
}
const letter = (c: number) => String.fromCharCode(65 + c);

/** The sheet's XML: `gap` between the tags of a cell (white space sends it down the tag-by-tag path). */
function sheetXml(rows: { row: number; cells: CellSpec[] }[], gap: string) {
  const body = rows
    .map(({ row, cells }) => {
      const sorted = [...cells].sort((a, b) => a.col - b.col);
      const cs = sorted.map((c) => {
        const ref = c.ref ? ` r="${letter(c.col)}${row + 1}"` : '';
        const type = c.value && c.value.t !== 'n' ? ` t="${c.value.t}"` : '';
        const f = c.formula ?? '';
        const v = !c.value
          ? ''
          : c.value.t === 'inlineStr'
            ? `<is><t xml:space="preserve">${c.value.v}</t></is>`
            : `<v>${c.value.v}</v>`;
        const inner = [f, v].filter(Boolean);
        return inner.length === 0
          ? `<c${ref} s="${c.style}"${type}/>`
          : `<c${ref} s="${c.style}"${type}>${gap}${inner.join(gap)}${gap}</c>`;
      });
      return `<row r="${row + 1}">${cs.join('')}</row>`;
    })
    .join('');
  return `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`;
}

/** Every cell of the sheet as the readers see it. */
function cellsOf(s: SheetSnapshot) {
  const g = new Grid(s);
  const out: string[] = [];
  for (let r = g.top; r <= g.bottom; r++)
    for (let c = 0; c <= g.rowEnd(r); c++)
      out.push(JSON.stringify([r, c, g.value(r, c), g.formula(r, c), g.numberFormat(r, c)]));
  // A row's run of numbers, read in one call, from every column to every later one.
  const runs: string[] = [];
  const wrong: string[] = [];
  const buffer = new Float64Array(20);
  for (let r = g.top - 1; r <= g.bottom + 1; r++)
    for (let c = 0; c <= 13; c++)
      for (const count of [1, 3, 12]) {
        buffer.fill(NaN);
        const plain = g.numbers(r, c, count, buffer, 2);
        // As the cells one by one say: numbers, or empty (0) without a formula.
        const one = Array.from({ length: count }, (_, k) => {
          const v = g.value(r, c + k);
          return typeof v === 'number' ? v : v === null && g.formula(r, c + k) === null ? 0 : undefined;
        });
        const got = `${r},${c},${count}:${plain ? Array.from(buffer.subarray(2, 2 + count)).join(' ') : 'no'}`;
        const want = `${r},${c},${count}:${one.includes(undefined) ? 'no' : one.join(' ')}`;
        runs.push(got);
        if (got !== want) wrong.push(`${got} (cells say ${want})`);
      }
  // One expectation for all of them (one per run would cost more than the reading).
  expect(wrong).toEqual([]);
  return { origin: s.origin, usedRange: s.usedRange, right: g.right, cells: out, runs };
}

describe('the compact cell store', () => {
  it('reads every cell as the tag-by-tag path and as the arrays made from it, in any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(sheet, fc.array(fc.nat(), { maxLength: 5 }), async (rows, cuts) => {
        const fast = await read(sheetXml(rows, ''), cuts);
        const slow = await read(sheetXml(rows, '\n  '));
        // An empty sheet is plain arrays from the start.
        expect(fast.cells === undefined).toBe(slow.usedRange === null);
        expect(fast.usedRange).toBe(slow.usedRange);
        const throughStore = cellsOf(fast);
        expect(throughStore).toEqual(cellsOf(slow));
        // The arrays, made now, say the same; the store is then dropped.
        const arrays = { values: fast.values, formulas: fast.formulas, numberFormats: fast.numberFormats };
        expect(fast.cells).toBeUndefined();
        expect(cellsOf(fast)).toEqual(throughStore);
        expect(arrays).toEqual({ values: slow.values, formulas: slow.formulas, numberFormats: slow.numberFormats });
      }),
      { numRuns: 300 },
    );
  });

  it("counts each text's trimmed length from its bytes as the decoded text has it", async () => {
    await fc.assert(
      fc.asyncProperty(sheet, async (rows) => {
        const s = await read(sheetXml(rows, ''));
        if (!s.cells) return;
        const g = new Grid(s);
        const seen: string[] = [];
        s.cells!.forEachText(0, s.cells!.height - 1, (i, j, length) => {
          const v = g.value(s.origin.row + i, j) as string;
          expect(typeof v).toBe('string');
          expect(length).toBe(v.trim().length);
          seen.push(`${i},${j}`);
        });
        // Every text (not empty) is offered, and only texts.
        const all: string[] = [];
        for (let i = 0; i < s.cells!.height; i++)
          for (let j = 0; j < s.cells!.width(i); j++) {
            const v = s.cells!.value(i, j);
            if (typeof v === 'string' && v.length > 0) all.push(`${i},${j}`);
          }
        expect(seen).toEqual(all);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the later of a cell given twice and puts rows that came out of order in place', async () => {
    const s = await read(
      sheetXml(
        [
          { row: 5, cells: [{ col: 1, ref: true, style: 0, value: { t: 'n', v: '7' }, formula: undefined }] },
          {
            row: 2,
            cells: [{ col: 0, ref: true, style: 0, value: { t: 'inlineStr', v: 'Først' }, formula: undefined }],
          },
          { row: 5, cells: [{ col: 1, ref: true, style: 0, value: { t: 'n', v: '8' }, formula: undefined }] },
        ],
        '',
      ),
    );
    const g = new Grid(s);
    expect([s.origin.row, s.usedRange, g.value(2, 0), g.value(5, 1)]).toEqual([2, 'A3:B6', 'Først', 8]);
  });

  it("gives a shared formula's followers the master's formula moved to where they stand, as Excel shows them", async () => {
    // Excel writes a formula filled down as one master (t="shared", its text) and followers
    // (the same si, no text): ECMA-376 Part 1, 18.3.1.40 (f, Formula).
    const f = (si: number, text = '') =>
      text ? `<f t="shared" ref="C2:C5" si="${si}">${text}</f>` : `<f t="shared" si="${si}"/>`;
    const xml = `<worksheet><sheetData>
      <row r="2"><c r="C2">${f(0, 'A2*$B$1+B2&amp;"A1"')}<v>1</v></c><c r="D2">${f(1, 'SUM(A$2:C2)')}<v>1</v></c></row>
      <row r="3"><c r="C3">${f(0)}<v>2</v></c><c r="D3">${f(1)}<v>2</v></c></row>
      <row r="5"><c r="C5">${f(0)}<v>3</v></c><c r="E5">${f(1)}</c><c r="F5">${f(7)}<v>4</v></c></row>
    </sheetData></worksheet>`;
    for (const s of [await read(xml), await read(xml.replace(/></g, '>\n<'))]) {
      const g = new Grid(s);
      expect([g.formula(1, 2), g.formula(2, 2), g.formula(4, 2)]).toEqual([
        '=A2*$B$1+B2&"A1"',
        '=A3*$B$1+B3&"A1"',
        '=A5*$B$1+B5&"A1"',
      ]);
      expect([g.formula(1, 3), g.formula(2, 3), g.formula(4, 4)]).toEqual([
        '=SUM(A$2:C2)',
        '=SUM(A$2:C3)',
        '=SUM(B$2:D5)',
      ]);
      // A follower whose master never came has no formula to show: its value stands alone.
      expect([g.formula(4, 5), g.value(4, 5)]).toEqual([null, 4]);
    }
  });

  it('keeps a formula longer than a text block (a damaged file: Excel stops at 8,192 characters)', async () => {
    const long = `${'A1+'.repeat(700_000)}1`;
    const s = await read(
      `<worksheet><sheetData><row r="1"><c r="A1"><f>${long}</f><v>1</v></c></row></sheetData></worksheet>`,
    );
    expect(new Grid(s).formula(0, 0)).toBe(`=${long}`);
  });

  it('posts and copies as plain arrays (a structured clone or a spread takes no store)', async () => {
    const s = await read(
      sheetXml(
        [
          {
            row: 0,
            cells: [{ col: 0, ref: true, style: 0, value: { t: 'inlineStr', v: 'Mål' }, formula: '<f>SUM(A1:B1)</f>' }],
          },
        ],
        '',
      ),
    );
    const clone = structuredClone(s);
    expect(clone.cells).toBeUndefined();
    expect([clone.values, clone.formulas]).toEqual([[['Mål']], [['=SUM(A1:B1)']]]);
    expect({ ...s }.values).toEqual([['Mål']]);
  });

  it('validates a plan of 5,000 initiatives without making a row array or a string per text', async () => {
    const { snapshot } = await readXlsx(await bigWorkbook({ initiatives: 5_000 }), nodeInflate);
    const result = validateWorkbook(snapshot);
    expect(result.plans).toHaveLength(1);
    expect(result.plans[0].findings.filter((f) => f.severity === 'error')).toEqual([]);
    const plan = snapshot.sheets[0];
    // Still the store: `values` has not been asked for (its getter is in place).
    expect(plan.cells).toBeDefined();
    expect(typeof Object.getOwnPropertyDescriptor(plan, 'values')?.get).toBe('function');
    expect(plan.cells!.height).toBeGreaterThan(10_000);
  });
});

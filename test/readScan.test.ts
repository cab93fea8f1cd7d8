/**
 * The reader tokenizes only the sheets that can hold a table (issue 23): a byte scan of the
 * inflated stream decides, and what it lets through is counted.
 */
import { unzipSync, zipSync } from 'fflate';
import { nodeInflate } from '../src/cli/zlib';
import { validateWorkbook } from '../src/core/validate';
import { Package } from '../src/xlsx/package';
import { readWorkbook, type ReadStats } from '../src/xlsx/read';
import { SignalScanner } from '../src/xlsx/read/scan';
import { bigWorkbook } from './support/bigWorkbooks';

const encode = (s: string) => new TextEncoder().encode(s);
const stats = (): ReadStats => ({ scanned: [], tokenized: [], scannedBytes: 0 });

/** Feeds a sheet's XML to a scanner in chunks of `size` bytes; whether it found a signal. */
function scan(xml: string, signals: number[] = [], size = 7): boolean {
  const scanner = new SignalScanner(new Set(signals));
  const bytes = encode(xml);
  for (let i = 0; i < bytes.length; i += size) if (scanner.feed(bytes.subarray(i, i + size))) return true;
  return scanner.end();
}

const sheet = (cells: string) => `<worksheet><sheetData><row r="1">${cells}</row></sheetData></worksheet>`;

describe('the byte scan', () => {
  test('a shared string is a signal only when its index is one, and only in a t="s" cell', () => {
    expect(scan(sheet('<c r="A1" t="s"><v>3</v></c>'), [3])).toBe(true);
    expect(scan(sheet('<c r="A1" t="s"><v>4</v></c>'), [3])).toBe(false);
    // A number that happens to equal a signal's index is a number.
    expect(scan(sheet('<c r="A1"><v>3</v></c><c r="B1" t="n"><v>3</v></c>'), [3])).toBe(false);
  });

  test('texts in the sheet are judged: inline strings (without phonetic runs) and formula results', () => {
    expect(scan(sheet('<c r="A1" t="inlineStr"><is><t>Prognose 2025</t></is></c>'))).toBe(true);
    expect(scan(sheet('<c r="A1" t="inlineStr"><is><r><t>Progn</t></r><r><t>ose</t></r></is></c>'))).toBe(true);
    expect(scan(sheet('<c r="A1" t="inlineStr"><is><t>Sag 12</t><rPh sb="0" eb="1"><t>JAN</t></rPh></is></c>'))).toBe(
      false,
    );
    expect(scan(sheet('<c r="A1" t="str"><f>"I alt "&amp;B1</f><v>I alt &amp; samlet</v></c>'))).toBe(true);
    expect(scan(sheet('<c r="A1" t="inlineStr"><is><t>Sag 12</t></is></c><c r="B1"><v>1</v></c>'))).toBe(false);
  });

  test('a prefixed namespace, any chunk size, and a label cut by every chunk end', () => {
    const xml =
      '<x:worksheet xmlns:x="urn:x"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>17</x:v></x:c></x:row></x:sheetData></x:worksheet>';
    for (const size of [1, 2, 3, 5, 11, 64, 4096]) {
      expect(scan(xml, [17], size)).toBe(true);
      expect(scan(xml, [18], size)).toBe(false);
    }
  });
});

describe('reading a workbook', () => {
  // A plan beside a 300.000-row ledger: the ledger is scanned, never tokenized.
  let ledgerFile: Uint8Array;
  beforeAll(async () => {
    ledgerFile = await bigWorkbook({ initiatives: 8, dataRows: 300_000, dataCols: 5 });
  });

  test('a sheet without any label the readers look for is scanned, not tokenized', async () => {
    const s = stats();
    const snapshot = await readWorkbook(new Package(ledgerFile, nodeInflate), { stats: s });
    expect(s.scanned).toEqual(expect.arrayContaining(['Data']));
    expect(s.tokenized).toEqual(['Handleplan 2021']);
    expect(s.scannedBytes).toBeGreaterThan(10_000_000);
    expect(snapshot.sheets.find((x) => x.name === 'Data')?.unread).toBe(true);
    const { plans } = validateWorkbook(snapshot);
    expect(plans).toHaveLength(1);
    expect(plans[0].plan.initiatives).toHaveLength(8);
  });

  test('a plan hidden after 300.000 ledger rows on the same sheet is still found', async () => {
    // The plan starts in row 300.002; the ledger fills the rows above it on the plan's own sheet.
    const data = await bigWorkbook({ initiatives: 8, belowXfd: 300_001, dataRows: 1000, dataCols: 3 });
    const parts = unzipSync(data);
    const name = Object.keys(parts).find(
      (n) => /worksheets\/sheet\d*\.xml$/.test(n) && new TextDecoder().decode(parts[n]).includes('XFD1'),
    )!;
    const xml = new TextDecoder().decode(parts[name]);
    const ledger: string[] = [];
    for (let r = 2; r <= 300_001; r++)
      ledger.push(
        `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>Bilag ${r}</t></is></c><c r="B${r}"><v>${r % 997}</v></c></row>`,
      );
    const at = xml.indexOf('</row>') + '</row>'.length;
    parts[name] = encode(xml.slice(0, at) + ledger.join('') + xml.slice(at));
    const s = stats();
    const snapshot = await readWorkbook(new Package(zipSync(parts), nodeInflate), { stats: s });
    expect(s.tokenized).toEqual(['Handleplan 2021']);
    const { plans } = validateWorkbook(snapshot);
    expect(plans).toHaveLength(1);
    expect(plans[0].plan.monthTable.headerRow).toBeGreaterThan(300_000);
    expect(plans[0].plan.initiatives).toHaveLength(8);
  });
});

describe('the first-letter test before a text is decoded', () => {
  test('a text whose first letter no label begins with is never a signal; every label’s first letter passes', async () => {
    const fc = (await import('fast-check')).default;
    const { isTableSignal, mayStartSignal } = await import('../src/core/text/signals');
    for (const label of [
      'JAN',
      'Januar',
      'Prognose',
      'Afvigelse',
      'I alt',
      'Helårsborgere',
      'Døgnpris',
      'Årspris',
      'Månedspris',
    ])
      expect([label, isTableSignal(label), mayStartSignal(label.trimStart().charCodeAt(0))]).toEqual([
        label,
        true,
        true,
      ]);
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.constantFrom('', ' ', '  '), (text, lead) => {
        const t = lead + text;
        const first = t.trimStart().charCodeAt(0);
        if (t.trim() !== '' && !mayStartSignal(first)) expect(isTableSignal(t)).toBe(false);
      }),
      { numRuns: 5000 },
    );
    // Texts as a ledger writes them are ruled out at their first letter.
    expect(['Sag 12', 'Bilag 7', 'Konto 4711'].map((t) => mayStartSignal(t.charCodeAt(0)))).toEqual([
      false,
      false,
      false,
    ]);
  });
});

/**
 * The reader tokenizes only the sheets that can hold a table (issue 23): a byte scan of the
 * inflated stream decides, and what it lets through is counted.
 */
import { unzipSync, zipSync } from 'fflate';
import { nodeInflate } from '../src/cli/zlib';
import { validateWorkbook } from '../src/core/validate';
import { Package } from '../src/xlsx/package';
import { readWorkbook, type ReadStats } from '../src/xlsx/read';
import fc from 'fast-check';
import { isTableSignal } from '../src/core/text/signals';
import { SignalScanner } from '../src/xlsx/read/scan';
import { readSheet } from '../src/xlsx/read/sheet';
import { cut } from './support/chunks';
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

describe('the byte scan against the reader', () => {
  // Shared strings, some of them signals (their indexes are what the scan is given).
  const STRINGS = ['Sag 1', 'I alt', 'Bilag 7', 'JAN', 'Konto'];
  const SIGNALS = STRINGS.flatMap((t, i) => (isTableSignal(t) ? [i] : []));
  const TEXTS = [
    'Sag 12',
    'Bilag 7',
    'Prognose 2025',
    'I alt',
    ' total ',
    'Mål',
    'Helårsborgere',
    'Sum &amp; rest',
    'Q',
  ];
  const text = fc.constantFrom(...TEXTS);
  /** One cell's XML, `p` the namespace prefix, `eq` how its type attribute is written. */
  const cellXml = fc.oneof(
    fc.record({ kind: fc.constant('n'), v: fc.constantFrom('1', '3', '17') }),
    fc.record({ kind: fc.constant('tn'), v: fc.constantFrom('1', '3') }),
    fc.record({ kind: fc.constant('s'), v: fc.constantFrom('0', '1', '2', '3', '4') }),
    fc.record({ kind: fc.constant('inline'), v: text }),
    fc.record({ kind: fc.constant('rich'), v: fc.tuple(text, text) }),
    fc.record({ kind: fc.constant('phonetic'), v: fc.tuple(text, text) }),
    fc.record({ kind: fc.constant('str'), v: text }),
    fc.record({ kind: fc.constant('b'), v: fc.constant('1') }),
  );
  type Cell = { kind: string; v: string | [string, string] };
  const xmlOf = (rows: Cell[][], p: string, eq: string, q: string) => {
    const t = (type: string) => ` t${eq}${q}${type}${q}`;
    const body = rows
      .map((cells, r) => {
        const cs = cells.map((c, j) => {
          const ref = ` r="${String.fromCharCode(65 + j)}${r + 1}"`;
          const v = (x: string) => `<${p}v>${x}</${p}v>`;
          const run = (x: string) => `<${p}r><${p}t xml:space="preserve">${x}</${p}t></${p}r>`;
          switch (c.kind) {
            case 'n':
              return `<${p}c${ref} s="1">${v(c.v as string)}</${p}c>`;
            case 'tn':
              return `<${p}c${ref}${t('n')}>${v(c.v as string)}</${p}c>`;
            case 's':
              return `<${p}c${ref}${t('s')}>${v(c.v as string)}</${p}c>`;
            case 'inline':
              return `<${p}c${ref}${t('inlineStr')}><${p}is><${p}t>${c.v}</${p}t></${p}is></${p}c>`;
            case 'rich':
              return `<${p}c${ref}${t('inlineStr')}><${p}is>${run(c.v[0])}${run(c.v[1])}</${p}is></${p}c>`;
            case 'phonetic':
              return `<${p}c${ref}${t('inlineStr')}><${p}is><${p}t>${c.v[0]}</${p}t><${p}rPh sb="0" eb="1"><${p}t>${c.v[1]}</${p}t></${p}rPh></${p}is></${p}c>`;
            case 'str':
              return `<${p}c${ref}${t('str')}><${p}f>"t="&amp;B1</${p}f>${v(c.v as string)}</${p}c>`;
            default:
              return `<${p}c${ref}${t('b')}>${v(c.v as string)}</${p}c>`;
          }
        });
        return `<${p}row r="${r + 1}">${cs.join('')}</${p}row>`;
      })
      .join('');
    const ns = p ? ` xmlns:${p.slice(0, -1)}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"` : '';
    return `<${p}worksheet${ns}><${p}sheetData>${body}</${p}sheetData></${p}worksheet>`;
  };
  const styles = { formats: [null, null], isDate: [false, false], custom: new Map(), unlocked: [false, false] };

  test('finds a signal exactly when the reader reads some cell whose text is one, in any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cellXml, { maxLength: 5 }), { maxLength: 8 }),
        fc.constantFrom('', 'x:'),
        fc.constantFrom('=', ' = '),
        fc.constantFrom('"', "'"),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (rows, p, eq, q, cuts) => {
          const bytes = encode(xmlOf(rows as Cell[][], p, eq, q));
          const scanner = new SignalScanner(new Set(SIGNALS));
          let found = false;
          for (const chunk of cut(bytes, cuts)) if ((found = scanner.feed(chunk))) break;
          found ||= scanner.end();
          const pkg = { streamUtf8: async (_p: string, on: (c: Uint8Array) => void) => on(bytes) };
          const sheet = await readSheet(pkg as unknown as Package, 'x', 'Ark', {
            strings: STRINGS,
            styles,
            date1904: false,
            cells: { count: 0, limit: 1e6 },
          });
          const truth = sheet.values.some((row) => row.some((v) => typeof v === 'string' && isTableSignal(v)));
          expect(found).toBe(truth);
        },
      ),
      { numRuns: 400 },
    );
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

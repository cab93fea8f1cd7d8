/**
 * Reading is bounded: limits on cells (that exist, not the box around them) and on inflated
 * bytes (checked against the sizes the zip declares before inflating, and again while
 * inflating, for a zip that lies). Beyond them: one Danish line naming the limit.
 */
import { nodeDeflate, nodeInflate } from '../src/cli/zlib';
import { userMessage } from '../src/cli/errors';
import { validateWorkbook } from '../src/core/validate';
import { XlsxError } from '../src/xlsx/errors';
import { LIMITS } from '../src/xlsx/limits';
import { Package } from '../src/xlsx/package';
import { readWorkbook } from '../src/xlsx/read';
import { readZip, writeZip } from '../src/xlsx/zip';
import { bigWorkbook } from './support/bigWorkbooks';

const limits = (over: Partial<typeof LIMITS>) => ({ ...LIMITS, ...over });

test('a plan below a cell in column XFD is found, and only the cells that exist are counted', async () => {
  const data = await bigWorkbook({ belowXfd: 300 });
  const snapshot = await readWorkbook(new Package(data, nodeInflate, limits({ cells: 1_000 })));
  const result = validateWorkbook(snapshot);
  expect(result.plans).toHaveLength(1);
  expect(result.plans[0].plan.range).toBe('A301:N334');
  expect(result.findings).toEqual([]);
  expect(snapshot.sheets[0].usedRange).toBe('A1:XFD334');
});

test('more cells than the limit in the sheets that are read: TooLarge, naming the limit', async () => {
  const data = await bigWorkbook({ dataRows: 2_000, dataCols: 3, dataText: (r) => (r === 5 ? 'JAN' : `Sag ${r}`) });
  const pkg = new Package(data, nodeInflate, limits({ cells: 3_000 }));
  const error = await readWorkbook(pkg).catch((e) => e);
  expect(error).toBeInstanceOf(XlsxError);
  expect(error.params).toEqual({ what: 'cells', limit: 3_000 });
  expect(userMessage(new XlsxError('TooLarge', { what: 'cells', limit: LIMITS.cells }), 'plan.xlsx')).toBe(
    'Filen "plan.xlsx" er for stor til Handleplan: arkene med tabeller har for mange celler (grænsen er 4.000.000).',
  );
});

test('a large sheet without any label that can anchor a table is scanned, not kept', async () => {
  const data = await bigWorkbook({ dataRows: 20_000, dataCols: 5 });
  const snapshot = await readWorkbook(new Package(data, nodeInflate, limits({ cells: 5_000, scanAboveBytes: 0 })));
  expect(snapshot.sheets.map((s) => [s.name, s.unread ?? false])).toEqual([
    ['Data', true],
    ['Handleplan 2021', false],
  ]);
  expect(validateWorkbook(snapshot).plans).toHaveLength(1);
});

test('a part whose declared size is over the limit is refused before it is inflated', async () => {
  const data = await bigWorkbook({ dataRows: 5_000, dataCols: 5, dataText: () => 'Jan' });
  let inflated = 0;
  const counting = (d: Uint8Array, on: (c: Uint8Array) => void) =>
    nodeInflate(d, (c) => ((inflated += c.length), on(c)));
  const pkg = new Package(data, counting, limits({ partBytes: 100_000 }));
  const error = await readWorkbook(pkg, { sheet: 'Data' }).catch((e) => e);
  expect(error).toMatchObject({ code: 'TooLarge', params: { what: 'part', part: 'xl/worksheets/data1.xml' } });
  expect(inflated).toBeLessThan(100_000);
});

test('a zip that declares a small size but inflates to a large one is stopped while inflating', async () => {
  const big = new TextEncoder().encode(`<worksheet><sheetData>${'<row/>'.repeat(200_000)}</sheetData></worksheet>`);
  const zip = writeZip([{ kind: 'new', name: 'x.xml', data: big }], nodeDeflate);
  // Make the central directory lie: the entry says it inflates to 100 bytes.
  const entry = readZip(zip)[0];
  const cdAt = zip.length - 22 - (46 + entry.name.length);
  new DataView(zip.buffer, zip.byteOffset).setUint32(cdAt + 24, 100, true);
  expect(readZip(zip)[0].size).toBe(100);
  const pkg = new Package(zip, nodeInflate, limits({ partBytes: 500_000 }));
  await expect(pkg.text('x.xml')).rejects.toMatchObject({ code: 'TooLarge', params: { what: 'part' } });
});

test('the total of inflated parts has a limit too', async () => {
  const data = await bigWorkbook({ dataRows: 3_000, dataCols: 5, dataText: () => 'Jan' });
  const pkg = new Package(data, nodeInflate, limits({ totalBytes: 50_000 }));
  await expect(readWorkbook(pkg)).rejects.toMatchObject({ code: 'TooLarge', params: { what: 'total' } });
});

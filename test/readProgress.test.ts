import { nodeDeflate } from '../src/cli/zlib';
import { XlsxWorkbookAdapter } from '../src/xlsx/adapter';
import { nodeInflate } from '../src/cli/zlib';
import { ReadCancelled, readWithProgress, type ReadProgress } from '../src/xlsx/readProgress';
import { bigWorkbook } from './support/bigWorkbooks';

test('progress rises to the parts’ total as they are inflated; the reading is the whole workbook', async () => {
  const data = await bigWorkbook({ dataRows: 20_000 });
  const seen: ReadProgress[] = [];
  let clock = 0;
  // A clock that moves 1 ms per chunk: every chunk may be told (everyMs 0), none is skipped.
  const snapshot = await readWithProgress(
    data,
    nodeInflate,
    (p) => seen.push(p),
    () => clock++,
    undefined,
    0,
  );
  expect(snapshot.sheets.map((s) => s.name)).toEqual(['Data', 'Handleplan 2021']);
  expect(seen.length).toBeGreaterThan(2);
  for (let i = 1; i < seen.length; i++) expect(seen[i].done).toBeGreaterThanOrEqual(seen[i - 1].done);
  expect(seen.at(-1)).toEqual({ done: seen[0].total, total: seen[0].total });
  expect(seen[0].done).toBeLessThan(seen[0].total);
});

test('told at most once per interval: a clock that stands still tells only the end', async () => {
  const data = await bigWorkbook({ dataRows: 5_000 });
  const seen: ReadProgress[] = [];
  await readWithProgress(
    data,
    nodeInflate,
    (p) => seen.push(p),
    () => 0,
    undefined,
    100,
  );
  // The first chunk is told (nothing was before), then nothing until the end.
  expect(seen).toHaveLength(2);
});

test('a cancelled read stops with ReadCancelled, not a half reading', async () => {
  const data = await bigWorkbook({ dataRows: 20_000 });
  const controller = new AbortController();
  const reading = readWithProgress(
    data,
    nodeInflate,
    (p) => {
      if (p.done > 0) controller.abort();
    },
    () => 0,
    controller.signal,
    0,
  );
  await expect(reading).rejects.toBeInstanceOf(ReadCancelled);
});

test('the .xlsx adapter reads once for callers that ask at the same time (the pane and the grid after a write)', async () => {
  const data = await bigWorkbook({ dataRows: 100 });
  let reads = 0;
  const adapter = new XlsxWorkbookAdapter(data, { inflate: nodeInflate, deflate: nodeDeflate }, () => undefined, {
    read: (bytes) => {
      reads++;
      return readWithProgress(
        bytes,
        nodeInflate,
        () => undefined,
        () => 0,
      );
    },
  });
  const [a, b] = await Promise.all([adapter.readAllSheets(), adapter.readAllSheets()]);
  expect(reads).toBe(1);
  expect(a).toBe(b);
  expect(a.sheets.map((s) => s.name)).toEqual(['Data', 'Handleplan 2021']);
});

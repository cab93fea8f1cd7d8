/** Prints timings and memory for the work a controller waits on. Run: npm run bench */
import { performance } from 'node:perf_hooks';
import { buildProjection } from '../src/core/projection';
import { validateWorkbook } from '../src/core/validate';
import { OfficeWorkbookAdapter } from '../src/excel/officeAdapter';
import { readBytes } from '../test/support/workbooks';
import { modelWithPlan } from '../test/support/excelFixtures';
import { planWorkbook } from '../test/support/workbooks';

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

async function time<T>(label: string, runs: number, f: () => Promise<T> | T): Promise<T> {
  let result!: T;
  const start = performance.now();
  for (let i = 0; i < runs; i++) result = await f();
  const ms = (performance.now() - start) / runs;
  console.log(`${label.padEnd(58)} ${ms.toFixed(ms < 10 ? 2 : 0).padStart(8)} ms`);
  return result;
}

async function main() {
  console.log(`Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
  const example = Buffer.from(await planWorkbook().xlsx.writeBuffer());
  const snapshot = await time('Slagelse plan: open .xlsx + snapshot', 20, async () => readBytes(example));
  const result = await time('Slagelse plan: read + validate (core)', 200, () => validateWorkbook(snapshot));
  await time('Slagelse plan: build projection (core)', 200, () => buildProjection(result.plans[0].plan, snapshot));

  const big = planWorkbook(undefined, { sheetsBefore: ['Data'] });
  const data = big.getWorksheet('Data')!;
  for (let r = 1; r <= 60_000; r++) data.addRow([`Sag ${r}`, r, r * 1.25, '5.21 Forebyggende', r % 12]);
  const bigFile = Buffer.from(await big.xlsx.writeBuffer());
  console.log(`Workbook with a 60,000-row data sheet: ${mb(bigFile.length)} on disk`);
  const bigSnapshot = await time('60,000 rows: open .xlsx + snapshot', 1, async () => readBytes(bigFile));
  await time('60,000 rows: find and validate the plan (core)', 5, () => validateWorkbook(bigSnapshot));
  console.log(`Memory after: heap ${mb(process.memoryUsage().heapUsed)}, rss ${mb(process.memoryUsage().rss)}`);

  const { model, sheet } = modelWithPlan();
  for (let r = 40; r < 60_040; r++) sheet.fill(`A${r + 1}`, [[`Linje ${r}`, r, r * 2.5, 'tekst']]);
  const adapter = new OfficeWorkbookAdapter((batch) => model.run(batch));
  model.syncCount = 0;
  await time('Office.js model: 60,000-row active sheet, chunked read', 1, () => adapter.readActiveSheet());
  console.log(`Office.js model: context.sync calls for that read: ${model.syncCount}`);
}

void main();

/**
 * A real spreadsheet engine agrees with the core: LibreOffice recalculates the workbook that
 * `handleplan project` wrote, and every formula cell of the projection equals the core's figure.
 */
import Decimal from 'decimal.js';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../src/cli/main';
import { buildProjection } from '../src/core/projection';
import { validateWorkbook } from '../src/core/validate';
import { loadXlsx, snapshotWorkbook } from '../src/xlsx/read';
import { planWorkbook, xlsxBuffer } from './support/workbooks';

const SOFFICE = '/usr/bin/soffice';
const tmp = mkdtempSync(join(tmpdir(), 'handleplan-lo-'));

/** Opens the file in LibreOffice headless and saves it again, recalculated. */
function recalculate(file: string): string {
  const outDir = join(tmp, 'recalculated');
  execFileSync(
    SOFFICE,
    [
      `-env:UserInstallation=file://${join(tmp, 'profile')}`,
      '--headless',
      '--calc',
      '--convert-to',
      'xlsx',
      '--outdir',
      outDir,
      file,
    ],
    {
      stdio: 'pipe',
      timeout: 120_000,
    },
  );
  return join(outDir, file.split('/').pop()!);
}

const plans: [string, () => ExcelJS.Workbook][] = [
  ['the Slagelse example', () => planWorkbook()],
  [
    'a plan at C5 on the third sheet',
    () => planWorkbook(undefined, { origin: { row: 4, col: 2 }, sheetsBefore: ['Forside', 'Noter'] }),
  ],
  [
    'text amounts',
    () =>
      planWorkbook(undefined, {
        edit: (_ws, at) => {
          for (const c of 'FGHIJKLM') at(`${c}22`).value = '310.000';
          for (const c of 'FGHIJKLM') at(`${c}25`).value = '357.500 kr.';
          at('M26').value = '0,3575 mio. kr.';
          at('F34').value = '9,4 mio. kr.';
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

/** The formula's result as saved; ExcelJS's .value leaves out a result of 0. */
function cachedResult(cell: ExcelJS.Cell): unknown {
  return cell.type === ExcelJS.ValueType.Formula ? cell.result : undefined;
}

beforeAll(() => {
  if (!existsSync(SOFFICE)) throw new Error('LibreOffice is missing: apt-get install -y libreoffice-calc-nogui');
});

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

  const snapshot = snapshotWorkbook(await loadXlsx(readFileSync(input)));
  const plan = validateWorkbook(snapshot).plans[0].plan;
  const projection = buildProjection(plan, snapshot)!;
  expect(projection.expected.size).toBeGreaterThan(80);

  const recalculated = await loadXlsx(readFileSync(recalculate(output)));
  const sheet = recalculated.getWorksheet(projection.sheet)!;
  const mismatches: string[] = [];
  for (const [address, expected] of projection.expected) {
    const result = cachedResult(sheet.getCell(address));
    const ok = typeof result === 'number' && new Decimal(result).minus(expected).abs().lessThan(1e-9);
    if (!ok) mismatches.push(`${address}: LibreOffice ${JSON.stringify(result)}, core ${expected.toString()}`);
  }
  expect(mismatches).toEqual([]);
});

import Decimal from 'decimal.js';
import { rename, writeFile } from 'node:fs/promises';
import { cliText, projectText } from './text';
import { todayIso } from '../core/dates';
import { parseDanishAmount } from '../core/money';
import { buildOverrunUpdate } from '../core/overrun';
import { buildProjection } from '../core/projection';
import { targetOf, validateWorkbook } from '../core/validate';
import { mergeWritePlans, type WritePlan } from '../core/writePlan';
import { snapshotWorkbook } from '../xlsx/read';
import { applyWritePlanToXlsx, saveXlsx } from '../xlsx/write';
import { fail } from './errors';
import { openWorkbook } from './files';
import type { Io, ParsedArgs } from './main';

export function parseAmountOption(text: string): Decimal {
  const parsed = parseDanishAmount(text);
  if (parsed.kind !== 'amount') fail(projectText.badAmount(text));
  return (parsed as { value: Decimal }).value;
}

/** Writes through a temporary file, so a failed write never leaves half a workbook. */
export async function writeAtomically(file: string, data: Uint8Array): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}

/** Sheets the plan writes to that are protected: checked before anything is written. */
export function protectedTargets(plan: WritePlan, sheets: { name: string; protected?: boolean }[]): string[] {
  const touched = new Set([
    ...plan.cells.map((c) => c.sheet),
    ...plan.sheets.filter((s) => s.action === 'replace').map((s) => s.name),
    ...(plan.appends ?? []).map((a) => a.sheet),
  ]);
  return sheets.filter((s) => s.protected && touched.has(s.name)).map((s) => s.name);
}

export async function projectCommand(args: ParsedArgs, io: Io): Promise<number> {
  const file = args.positional[0] ?? fail(cliText.missingArgument('en .xlsx-fil'));
  const out =
    typeof args.options.get('-o') === 'string'
      ? (args.options.get('-o') as string)
      : fail(cliText.missingArgument(projectText.missingOut));
  const sheet = args.options.get('--sheet') as string | undefined;
  const overrunText = args.options.get('--overrun') as string | undefined;
  const overrun = overrunText === undefined ? null : parseAmountOption(overrunText);

  const workbook = await openWorkbook(file);
  const snapshot = snapshotWorkbook(workbook);
  if (sheet !== undefined && !snapshot.sheets.some((s) => s.name.toLowerCase() === sheet.toLowerCase()))
    fail(cliText.sheetNotFound(sheet, file));
  const { plans } = validateWorkbook(snapshot, { sheet });
  if (plans.length === 0) fail(cliText.noPlan(file));
  const plan = plans[0].plan;

  const update = overrun ? buildOverrunUpdate(plan, snapshot, overrun, todayIso()) : null;
  const target = update?.target ?? targetOf(plan);
  const projection = target ? buildProjection(plan, snapshot, target) : null;
  if (!projection) fail(projectText.noTarget);
  const writePlan = mergeWritePlans(...(update ? [update.plan] : []), projection!.plan);
  const locked = protectedTargets(writePlan, snapshot.sheets);
  if (locked.length) fail(projectText.protectedSheet(locked[0]));

  applyWritePlanToXlsx(workbook, writePlan);
  await writeAtomically(out, await saveXlsx(workbook));

  io.out(projectText.wrote(out));
  for (const change of update?.changes ?? []) io.out(projectText.cellChange(change));
  if (update) io.out(projectText.historyRow(update.historySheet));
  io.out(
    projection!.action === 'create'
      ? projectText.sheetCreated(projection!.sheet)
      : projectText.sheetReplaced(projection!.sheet),
  );
  for (const note of [...(update?.notes ?? []), ...projection!.notes]) io.out(`  ${note}`);
  return 0;
}

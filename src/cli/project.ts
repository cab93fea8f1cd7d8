import { sameSheetName } from '../core/model/a1';
import Decimal from 'decimal.js';
import { todayIso } from '../core/text/dates';
import { parseAmountText } from '../core/amounts/amountSyntax';
import { buildOverrunUpdate } from '../core/build/overrun';
import { buildProjection } from '../core/build/projection';
import { targetOf, validateWorkbook } from '../core/validate';
import { mergeWritePlans } from '../core/build/writePlan';
import { writePackage } from '../xlsx/write';
import { fail } from './errors';
import { checkOutput, readInput, reading, writeOutput } from './files';
import { outOption, type Io, type ParsedArgs } from './args';
import { cliText, projectText } from './text';
import { nodeDeflate } from './zlib';

/** An expected overrun given on the command line: an amount above 0 kr. */
export function parseAmountOption(text: string): Decimal {
  const parsed = parseAmountText(text);
  if (parsed.kind !== 'amount') return fail(projectText.badAmount(text));
  if (!parsed.value.greaterThan(0)) fail(projectText.amountNotPositive(text));
  return parsed.value;
}

export async function projectCommand(args: ParsedArgs, io: Io): Promise<number> {
  const file = args.positional[0] ?? fail(cliText.missingArgument('en .xlsx-fil'));
  const out = outOption(args);
  const sheet = args.options.get('--sheet') as string | undefined;
  const overrunText = args.options.get('--overrun') as string | undefined;
  const overrun = overrunText === undefined ? null : parseAmountOption(overrunText);

  await checkOutput(out, { kind: 'workbook', input: file });
  const { pkg, snapshot, mode } = await readInput(file, { sheet });
  const info = await reading(file, () => pkg.workbook());
  if (info.strict) fail(cliText.strictWorkbook(file));
  if (sheet !== undefined && !snapshot.sheets.some((s) => sameSheetName(s.name, sheet)))
    fail(cliText.sheetNotFound(sheet, file));
  const { plans } = validateWorkbook(snapshot, { sheet });
  if (plans.length === 0) fail(cliText.noPlan(file));
  const plan = plans[0].plan;

  const today = todayIso(new Date());
  const update = overrun ? buildOverrunUpdate(plan, snapshot, overrun, today) : null;
  const target = update?.target ?? targetOf(plan);
  const projection = target ? buildProjection(plan, snapshot, { target, today }) : null;
  if (!projection) return fail(projectText.noTarget);
  const writePlan = mergeWritePlans(...(update ? [update.plan] : []), projection.plan);
  const { data, outcome } = await reading(file, () => writePackage(pkg, writePlan, snapshot, nodeDeflate));
  await writeOutput(out, data, mode, { kind: 'workbook', input: file, macro: info.macro });

  io.out(projectText.wrote(out));
  for (const change of update?.changes ?? []) io.out(projectText.cellChange(change));
  if (update) io.out(projectText.historyRow(outcome.sheetNames[update.historySheet] ?? update.historySheet));
  const written = outcome.sheetNames[projection.sheet] ?? projection.sheet;
  io.out(projection.action === 'create' ? projectText.sheetCreated(written) : projectText.sheetReplaced(written));
  for (const note of [...(update?.notes ?? []), ...projection.notes, ...outcome.notes]) io.out(`  ${note}`);
  return 0;
}

import { sameSheetName } from '../core/model/a1';
import { todayIso } from '../core/text/dates';
import { parseStatusMonth } from '../core/tables/status';
import { buildStatus } from '../core/build/statusSheet';
import { buildStatusReport } from '../core/build/statusReport';
import { validateWorkbook } from '../core/validate';
import { writePackage } from '../xlsx/write';
import { fail } from './errors';
import { checkOutput, readInput, reading, writeOutput } from './files';
import { outOption, type Io, type ParsedArgs } from './args';
import { cliText, statusCliText } from './text';
import { nodeDeflate } from './zlib';

function monthOption(args: ParsedArgs) {
  const text = args.options.get('--month');
  if (typeof text !== 'string') return fail(cliText.missingArgument(statusCliText.missingMonth));
  return parseStatusMonth(text) ?? fail(statusCliText.badMonth(text));
}

async function planAndSnapshot(args: ParsedArgs) {
  const file = args.positional[0] ?? fail(cliText.missingArgument('en .xlsx-fil'));
  const sheet = args.options.get('--sheet') as string | undefined;
  // Every sheet: the status sheets of the year are read too (what was typed in them is kept).
  const input = await readInput(file, {});
  if (sheet !== undefined && !input.snapshot.sheets.some((s) => sameSheetName(s.name, sheet)))
    fail(cliText.sheetNotFound(sheet, file));
  const result = validateWorkbook(input.snapshot, sheet ? { sheet } : {});
  const plan = result.plans[0] ?? fail(cliText.noPlan(file));
  return { file, input, plan };
}

/** `handleplan status <fil.xlsx> --month ÅÅÅÅ-MM [--sheet NAVN] -o <ud.xlsx>` */
export async function statusCommand(args: ParsedArgs, io: Io): Promise<number> {
  const month = monthOption(args);
  const out = outOption(args);
  await checkOutput(out, { kind: 'workbook', input: args.positional[0] });
  const { file, input, plan } = await planAndSnapshot(args);
  const info = await reading(file, () => input.pkg.workbook());
  if (info.strict) fail(cliText.strictWorkbook(file));
  const built = buildStatus(plan.plan, input.snapshot, {
    month: month.month,
    year: month.year ?? undefined,
    today: todayIso(new Date()),
  });
  const { data, outcome } = await reading(file, () => writePackage(input.pkg, built.plan, input.snapshot, nodeDeflate));
  await writeOutput(out, data, input.mode, { kind: 'workbook', input: file, macro: info.macro });
  const sheet = outcome.sheetNames[built.sheet] ?? built.sheet;
  io.out(statusCliText.wrote(out, sheet, built.action === 'replace'));
  if (built.kept) io.out(statusCliText.kept(built.kept));
  if (built.removed) io.out(statusCliText.removed(built.removed));
  for (const note of [...built.notes, ...outcome.notes]) io.out(`  ${note}`);
  return 0;
}

/** `handleplan report <fil.xlsx> --month ÅÅÅÅ-MM [--sheet NAVN] -o <status.docx>` */
export async function reportCommand(args: ParsedArgs, io: Io): Promise<number> {
  const month = monthOption(args);
  const out = outOption(args);
  await checkOutput(out, { kind: 'docx', input: args.positional[0] });
  const { file, input, plan } = await planAndSnapshot(args);
  const report = buildStatusReport(plan, input.snapshot, {
    month: month.month,
    year: month.year ?? undefined,
    today: todayIso(new Date()),
  });
  // The Word library is loaded only for this command: every other one starts without it.
  const { statusReportDocx } = await import('../docx/statusReport');
  await writeOutput(out, await statusReportDocx(report), 0o644, { kind: 'docx', input: file });
  io.out(statusCliText.reportWrote(out, report.rows.length));
  return 0;
}

import { mkdir, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { cliText, newYearText, projectText } from './text';
import { buildNewYear, buildTemplate } from '../core/newYear';
import { validateWorkbook } from '../core/validate';
import { snapshotWorkbook } from '../xlsx/read';
import { applyWritePlanToXlsx, saveXlsx } from '../xlsx/write';
import ExcelJS from 'exceljs';
import { fail, userMessage } from './errors';
import { openWorkbook } from './files';
import type { Io, ParsedArgs } from './main';
import { writeAtomically } from './project';

function yearOption(args: ParsedArgs): number | undefined {
  const text = args.options.get('--year');
  if (typeof text !== 'string') return undefined;
  if (!/^\d{4}$/.test(text)) fail(newYearText.badYear(text));
  return Number(text);
}

const outOption = (args: ParsedArgs) =>
  typeof args.options.get('-o') === 'string'
    ? (args.options.get('-o') as string)
    : fail(cliText.missingArgument(projectText.missingOut));

/** Rolls one workbook over; returns the new sheet's name. */
async function rollOver(file: string, out: string, args: ParsedArgs): Promise<string> {
  const workbook = await openWorkbook(file);
  const snapshot = snapshotWorkbook(workbook);
  const sheet = args.options.get('--sheet') as string | undefined;
  if (sheet !== undefined && !snapshot.sheets.some((s) => s.name.toLowerCase() === sheet.toLowerCase()))
    fail(cliText.sheetNotFound(sheet, file));
  const { plans } = validateWorkbook(snapshot, { sheet });
  if (plans.length === 0) fail(cliText.noPlan(file));
  const result = buildNewYear(plans[0].plan, snapshot, {
    year: yearOption(args),
    initiatives: !args.options.has('--no-initiatives'),
    even: args.options.has('--even'),
  });
  applyWritePlanToXlsx(workbook, result.plan);
  await writeAtomically(out, await saveXlsx(workbook));
  return result.sheet;
}

export async function newYearCommand(args: ParsedArgs, io: Io): Promise<number> {
  const input = args.positional[0] ?? fail(cliText.missingArgument('en .xlsx-fil eller en mappe'));
  const out = outOption(args);
  yearOption(args); // a bad --year stops before any file is read
  const info = await stat(input).catch(() => fail(cliText.fileNotFound(input)));
  if (!info.isDirectory()) {
    const sheet = await rollOver(input, out, args);
    io.out(newYearText.created(out, sheet));
    return 0;
  }
  // A folder: every .xlsx in it, one line each; one bad file does not stop the rest.
  const files = (await readdir(input)).filter((f) => /\.xlsx$/i.test(f) && !f.startsWith('~$')).sort();
  if (files.length === 0) fail(newYearText.noFiles(input));
  const outInfo = await stat(out).catch(() => null);
  if (outInfo && !outInfo.isDirectory()) fail(newYearText.outIsFile(out));
  await mkdir(out, { recursive: true });
  let ok = 0;
  let failed = 0;
  for (const [i, f] of files.entries()) {
    const target = join(out, basename(f));
    try {
      const sheet = await rollOver(join(input, f), target, args);
      ok++;
      io.out(newYearText.progress(i + 1, files.length, f, newYearText.done(sheet, target)));
    } catch (e) {
      failed++;
      io.out(newYearText.progress(i + 1, files.length, f, newYearText.failed(userMessage(e))));
    }
  }
  io.out(newYearText.summary(ok, failed));
  return failed > 0 ? 1 : 0;
}

export async function templateCommand(args: ParsedArgs, io: Io): Promise<number> {
  const year = yearOption(args) ?? fail(cliText.missingArgument(newYearText.missingYear));
  const out = outOption(args);
  const workbook = new ExcelJS.Workbook();
  const result = buildTemplate(year);
  applyWritePlanToXlsx(workbook, result.plan);
  await writeAtomically(out, await saveXlsx(workbook));
  io.out(newYearText.created(out, result.sheet));
  return 0;
}

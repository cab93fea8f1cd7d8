import { sameSheetName } from '../core/model/a1';
import { todayIso } from '../core/text/dates';
import { mkdir, readdir, realpath, stat } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { buildNewYear, yearNotAfterPlan, buildTemplate } from '../core/build/newYear';
import { validateWorkbook } from '../core/validate';
import { blankPackage } from '../xlsx/blank';
import { Package } from '../xlsx/package';
import { writePackage } from '../xlsx/write';
import { fail, userMessage } from './errors';
import { checkOutput, readInput, reading, writeOutput } from './files';
import { outOption, yearOption, type Io, type ParsedArgs } from './args';
import { cliText, newYearText } from './text';
import { nodeDeflate, nodeInflate } from './zlib';

/** Rolls one workbook over; returns the new sheet's name. */
async function rollOver(file: string, out: string, args: ParsedArgs): Promise<string> {
  const sheet = args.options.get('--sheet') as string | undefined;
  await checkOutput(out, { kind: 'workbook', input: file });
  const { pkg, snapshot, mode } = await readInput(file, { sheet });
  const info = await reading(file, () => pkg.workbook());
  if (info.strict) fail(cliText.strictWorkbook(file));
  if (sheet !== undefined && !snapshot.sheets.some((s) => sameSheetName(s.name, sheet)))
    fail(cliText.sheetNotFound(sheet, file));
  const { plans } = validateWorkbook(snapshot, { sheet });
  if (plans.length === 0) fail(cliText.noPlan(file));
  const year = yearOption(args);
  const planYear = year === undefined ? null : yearNotAfterPlan(plans[0].plan, year);
  if (planYear !== null) fail(newYearText.notAfterPlan(year!, planYear));
  const result = buildNewYear(plans[0].plan, snapshot, {
    year,
    initiatives: !args.options.has('--no-initiatives'),
    even: args.options.has('--even'),
    today: todayIso(new Date()),
  });
  const { data, outcome } = await reading(file, () => writePackage(pkg, result.plan, snapshot, nodeDeflate));
  await writeOutput(out, data, mode, { kind: 'workbook', input: file, macro: info.macro });
  return outcome.sheetNames[result.sheet] ?? result.sheet;
}

/** True when `inner` is `outer` or lies inside it (after following links). */
async function inside(inner: string, outer: string): Promise<boolean> {
  const real = async (p: string) => realpath(p).catch(() => resolve(p));
  const rel = relative(await real(outer), await real(inner));
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith('/'));
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
  const files = (await readdir(input)).filter((f) => /\.xls[xm]$/i.test(f) && !f.startsWith('~$')).sort();
  if (files.length === 0) fail(newYearText.noFiles(input));
  const outInfo = await stat(out).catch(() => null);
  if (outInfo && !outInfo.isDirectory()) fail(newYearText.outIsFile(out));
  if (await inside(out, input)) fail(newYearText.outInsideInput(out, input));
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
      io.out(newYearText.progress(i + 1, files.length, f, newYearText.failed(userMessage(e, f))));
    }
  }
  io.out(newYearText.summary(ok, failed));
  return failed > 0 ? 1 : 0;
}

export async function templateCommand(args: ParsedArgs, io: Io): Promise<number> {
  const year = yearOption(args) ?? fail(cliText.missingArgument(newYearText.missingYear));
  const out = outOption(args);
  const result = buildTemplate(year);
  const pkg = new Package(blankPackage(nodeDeflate), nodeInflate);
  const { data } = await writePackage(pkg, result.plan, { sheets: [] }, nodeDeflate);
  await writeOutput(out, data, 0o644, { kind: 'workbook', macro: false });
  io.out(newYearText.created(out, result.sheet));
  return 0;
}

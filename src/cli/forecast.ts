import { buildForecastSheet } from '../core/build/forecastSheet';
import { blankPackage } from '../xlsx/blank';
import { Package } from '../xlsx/package';
import { writePackage } from '../xlsx/write';
import { fail } from './errors';
import { checkOutput, readInput, reading, writeOutput } from './files';
import { outOption, yearOption, type Io, type ParsedArgs } from './args';
import { cliText, forecastText, newYearText } from './text';
import { nodeDeflate, nodeInflate } from './zlib';

/**
 * `handleplan forecast [fil.xlsx] --year ÅÅÅÅ -o ud.xlsx`: the "Aktivitetsprognose ÅÅÅÅ" sheet,
 * in a new workbook or added to a copy of the given one (every other part kept as it was).
 */
export async function forecastCommand(args: ParsedArgs, io: Io): Promise<number> {
  const year = yearOption(args) ?? fail(cliText.missingArgument(newYearText.missingYear));
  const out = outOption(args);
  const file = args.positional[0];
  let data: Uint8Array;
  let sheet: string;
  let mode: number | undefined;
  let macro = false;
  let existing = false;
  await checkOutput(out, { kind: 'workbook', input: file, macro: file ? undefined : false });
  if (file) {
    const input = await readInput(file, {});
    const info = await reading(file, () => input.pkg.workbook());
    if (info.strict) fail(cliText.strictWorkbook(file));
    macro = info.macro;
    const built = buildForecastSheet(year, input.snapshot);
    const written = await reading(file, () => writePackage(input.pkg, built.plan, input.snapshot, nodeDeflate));
    data = written.data;
    sheet = written.outcome.sheetNames[built.sheet] ?? built.sheet;
    existing = built.existing === true;
    mode = input.mode;
  } else {
    const built = buildForecastSheet(year);
    const pkg = new Package(blankPackage(nodeDeflate), nodeInflate);
    data = (await writePackage(pkg, built.plan, { sheets: [] }, nodeDeflate)).data;
    sheet = built.sheet;
  }
  await writeOutput(out, data, mode, { kind: 'workbook', input: file, macro });
  if (existing) {
    io.out(forecastText.exists(out, sheet));
    return 0;
  }
  io.out(forecastText.created(out, sheet));
  io.out(forecastText.next);
  return 0;
}

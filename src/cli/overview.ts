/**
 * `handleplan overview`: every plan in every workbook under the folders and files given, one
 * row each; a workbook that cannot be used is a row with its reason, never a stop.
 */
import { readdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { formatDanishAmount } from '../core/amounts/money';
import { overviewTotals, type OverviewFailure, type OverviewPlan } from '../core/overview';
import type { Io, ParsedArgs } from './args';
import { checkOutput, writeOutput } from './files';
import { buildOverviewSheet, planLink } from '../core/build/overviewSheet';
import { blankPackage } from '../xlsx/blank';
import { Package } from '../xlsx/package';
import { writePackage } from '../xlsx/write';
import { nodeDeflate, nodeInflate } from './zlib';
import { readAll } from './overviewWorkers';
import type { Workbook } from './overviewRead';
import { cliText, overviewText as T } from './text';

const WORKBOOK = /\.xls[xm]$/i;

/** -o when given (the overview prints without it). */
const optionalOut = (args: ParsedArgs) => {
  const v = args.options.get('-o') ?? args.options.get('--out');
  return typeof v === 'string' ? v : undefined;
};
/** Hidden files, and the lock files Excel keeps beside an open workbook ("~$plan.xlsx"). */
const skipped = (name: string) => name.startsWith('.') || name.startsWith('~$');
const collator = new Intl.Collator('da', { numeric: true });

/** Every workbook under a folder, recursively, named relative to it. */
async function workbooksIn(root: string, dir = root): Promise<Workbook[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const found: Workbook[] = [];
  for (const e of entries) {
    if (skipped(e.name)) continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) found.push(...(await workbooksIn(root, path)));
    else if (e.isFile() && WORKBOOK.test(e.name)) found.push({ path, name: relative(root, path) });
  }
  return found;
}

/** The workbooks the arguments name: folders searched, files taken as given; null when one does not exist. */
async function workbooksOf(given: string[]): Promise<Workbook[] | null> {
  const all: Workbook[] = [];
  for (const g of given) {
    const info = await stat(g).catch(() => null);
    if (!info) return null;
    all.push(...(info.isDirectory() ? await workbooksIn(g) : [{ path: g, name: g }]));
  }
  return all.sort((a, b) => collator.compare(a.name, b.name));
}

export async function overviewCommand(args: ParsedArgs, io: Io): Promise<number> {
  const given = args.positional;
  if (!given.length) {
    io.err(cliText.missingArgument('en mappe eller en .xlsx-fil'));
    return 2;
  }
  const workbooks = await workbooksOf(given);
  if (!workbooks || workbooks.length === 0) {
    io.err(workbooks ? T.nothingToRead(given) : cliText.fileNotFound(given.join(', ')));
    return 2;
  }
  const out = optionalOut(args);
  if (out) await checkOutput(out, { kind: 'workbook', macro: false });
  const plans: OverviewPlan[] = [];
  const failed: OverviewFailure[] = [];
  let done = 0;
  const results = await readAll(workbooks, (w) => {
    if (io.isTerminal) io.err(T.progress(++done, workbooks.length, w.name));
  });
  // In the workbooks' order, whatever order the workers finished in.
  for (const r of results) {
    if (Array.isArray(r)) plans.push(...r);
    else failed.push(r);
  }
  const totals = overviewTotals(plans, failed);
  if (out) {
    // Each row links to its plan, the file named relative to where the overview is saved.
    const pathOf = new Map(workbooks.map((w) => [w.name, resolve(w.path)]));
    const link = (p: OverviewPlan) =>
      planLink(
        p.sheet,
        relative(dirname(resolve(out)), pathOf.get(p.file) ?? p.file)
          .split(sep)
          .join('/'),
      );
    const built = buildOverviewSheet(plans, failed, totals, { link });
    const pkg = new Package(blankPackage(nodeDeflate), nodeInflate);
    await writeOutput(out, (await writePackage(pkg, built.plan, { sheets: [] }, nodeDeflate)).data, undefined, {
      kind: 'workbook',
      macro: false,
    });
  }
  if (args.options.has('--json')) io.out(JSON.stringify({ files: workbooks.length, plans, failed, totals }, null, 2));
  else io.out(overviewTable(plans, failed, totals, workbooks.length));
  return totals.errors > 0 || failed.length > 0 ? 1 : 0;
}

const kr = (n: number | null) => (n === null ? '–' : formatDanishAmount(n, 0));
const pct = (n: number | null) => (n === null ? '–' : `${formatDanishAmount(n * 100, 1)} %`);

/** The overview as an aligned table in Danish, the failed files below it. */
function overviewTable(
  plans: OverviewPlan[],
  failed: OverviewFailure[],
  totals: ReturnType<typeof overviewTotals>,
  files: number,
): string {
  const rows = plans.map((p) => [
    p.file,
    p.sheet,
    p.center,
    p.area,
    p.year === null ? '–' : String(p.year),
    kr(p.target),
    kr(p.total),
    kr(p.difference),
    pct(p.coverage),
    String(p.errors),
    String(p.warnings),
  ]);
  const total = [
    T.total,
    '',
    '',
    '',
    '',
    kr(totals.target),
    kr(totals.total),
    kr(totals.difference),
    '',
    String(totals.errors),
    String(totals.warnings),
  ];
  const table = [T.header, ...rows, total];
  const widths = T.header.map((_, c) => Math.max(...table.map((r) => r[c].length)));
  const numeric = (c: number) => c >= 4;
  const line = (r: string[]) =>
    r
      .map((v, c) => (numeric(c) ? v.padStart(widths[c]) : v.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  const out = [line(T.header), ...rows.map(line), line(total)];
  if (failed.length) out.push('', T.failedHeading, ...failed.map((f) => `  ${f.file}: ${f.reason}`));
  out.push('', T.summary(plans.length, files, failed.length));
  return out.join('\n');
}

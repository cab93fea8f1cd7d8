/**
 * `handleplan prognose <fil.xlsx> --year ÅÅÅÅ [--as-of ÅÅÅÅ-MM-DD] [--json] [-o ud.xlsx]`: where
 * the year will end, from the workbook's case lists (spec §12), measure by measure.
 */
import type Decimal from 'decimal.js';
import { formatDanishAmount } from '../core/amounts/money';
import { SEVERITY_ORDER } from '../core/model/findings';
import type { CaseList } from '../core/tables/caseList';
import { prognosis, type MeasurePrognosis, type Prognosis } from '../core/tables/prognosis';
import { bridge, type Bridge, type BridgePart } from '../core/tables/bridge';
import { readEarlierPrognosis } from '../core/tables/earlierPrognosis';
import { parseDanishDate, todayIso } from '../core/text/dates';
import { validateWorkbook } from '../core/validate';
import { buildPrognosisSheet } from '../core/build/prognosisSheet';
import { writePackage } from '../xlsx/write';
import { fail } from './errors';
import { yearOption, type Io, type ParsedArgs } from './args';
import { checkOutput, readInput, reading, writeOutput } from './files';
import { nodeDeflate } from './zlib';
import { findingJson } from './report';
import { cliText, prognoseText as T } from './text';

/** --as-of: an ISO date (or a Danish one); default today. Clamped to the year by the prognosis. */
function asOfOption(args: ParsedArgs, now: Date): string {
  const text = args.options.get('--as-of');
  if (typeof text !== 'string') return todayIso(now);
  const iso =
    /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) ? text : parseDanishDate(text);
  if (!iso || new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) !== iso) return fail(T.badAsOf(text));
  return iso;
}

const kr = (d: Decimal) => d.toDecimalPlaces(2).toNumber();
const persons = (d: Decimal) => d.toDecimalPlaces(4).toNumber();

function figuresJson(m: Omit<MeasurePrognosis, 'measure'>) {
  return {
    cases: m.cases,
    fullYearPersons: persons(m.fullYearPersons),
    amount: kr(m.amount),
    averagePrice: m.averagePrice === null ? null : kr(m.averagePrice),
    toDate: kr(m.toDate),
    restOfYear: kr(m.restOfYear),
    tilgang: kr(m.tilgang),
    withTilgang: kr(m.withTilgang),
  };
}

const partJson = (b: BridgePart) => ({ amount: kr(b.kroner), fullYearPersons: persons(b.persons) });
const bridgeFigures = (m: Omit<Bridge['total'], never>) => ({
  before: partJson(m.before),
  now: partJson(m.now),
  tilgang: partJson(m.tilgang),
  afgang: partJson(m.afgang),
  changes: partJson(m.changes),
});

/**
 * The JSON of the issue: the year, the as-of date, each measure, the total and the findings; with
 * an earlier prognosis in the workbook, "since": the bridge from its Grundlag.
 */
export function prognosisJson(
  p: Prognosis,
  findings: ReturnType<typeof findingJson>[],
  since?: { asOf: string | null; bridge: Bridge },
) {
  return {
    year: p.year,
    asOf: p.asOf,
    measures: p.measures.map((m) => ({ measure: m.measure, ...figuresJson(m) })),
    total: figuresJson(p.total),
    findings,
    ...(since
      ? {
          since: {
            asOf: since.asOf,
            measures: since.bridge.measures.map((m) => ({ measure: m.measure, ...bridgeFigures(m) })),
            total: bridgeFigures(since.bridge.total),
          },
        }
      : {}),
  };
}

/** The prognosis as an aligned Danish table, the findings below it. */
function prognosisText(file: string, p: Prognosis, findings: ReturnType<typeof findingJson>[], since?: Bridge): string {
  const a = (d: Decimal | null) => (d === null ? '–' : formatDanishAmount(d.toDecimalPlaces(0), 0));
  const row = (m: Omit<MeasurePrognosis, 'measure'>, name: string) => [
    name,
    String(m.cases),
    formatDanishAmount(m.fullYearPersons, 2),
    a(m.amount),
    a(m.averagePrice),
    a(m.toDate),
    a(m.restOfYear),
  ];
  const rows = [T.header, ...p.measures.map((m) => row(m, m.measure)), row(p.total, T.total)];
  const widths = T.header.map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  ');
  const lines = [T.heading(file, p.year, p.asOf), '', ...rows.map(line), ''];
  if (since) lines.push(...bridgeLines(since), '');
  const sorted = [...findings].sort((x, y) => SEVERITY_ORDER.indexOf(x.severity) - SEVERITY_ORDER.indexOf(y.severity));
  for (const f of sorted) {
    lines.push(`${cliText.severity[f.severity].padEnd(8)}  ${`${f.sheet}!${f.cell}`.padEnd(22)}  ${f.code}`);
    lines.push(`          ${f.message}`);
  }
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  lines.push(cliText.counts(count('error'), count('warning'), count('info')));
  return lines.join('\n');
}

/** The bridge as a table: before, tilgang, afgang, ændringer, now, per measure and in total. */
function bridgeLines(b: Bridge): string[] {
  const a = (d: Decimal) => formatDanishAmount(d.toDecimalPlaces(0), 0);
  const row = (m: Bridge['total'], name: string) => [
    name,
    a(m.before.kroner),
    a(m.tilgang.kroner),
    a(m.afgang.kroner),
    a(m.changes.kroner),
    a(m.now.kroner),
  ];
  const rows = [T.bridgeHeader, ...b.measures.map((m) => row(m, m.measure)), row(b.total, T.total)];
  const widths = T.bridgeHeader.map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return [
    T.bridgeHeading,
    ...rows.map((r) => r.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  ')),
  ];
}

export async function prognoseCommand(args: ParsedArgs, io: Io, now = new Date()): Promise<number> {
  const file = args.positional[0] ?? fail(cliText.missingArgument('en .xlsx-fil med en sagsliste'));
  const year = yearOption(args) ?? fail(cliText.missingArgument(T.missingYear));
  const asOf = asOfOption(args, now);
  const out = typeof args.options.get('-o') === 'string' ? (args.options.get('-o') as string) : undefined;
  if (out) await checkOutput(out, { kind: 'workbook', input: file });
  const input = await readInput(file, {});
  const { snapshot } = input;
  const result = validateWorkbook(snapshot);
  const lists = result.tables.filter((t): t is CaseList => t.kind === 'case-list');
  if (lists.length === 0) fail(T.noCaseList(file));
  // An earlier prognosis of the year: its tilgang inputs are used again, its Grundlag bridged from.
  const earlier = readEarlierPrognosis(snapshot, year);
  const tilgang = earlier?.tilgang ?? new Map();
  const cases = lists.flatMap((l) => l.cases);
  const p = prognosis(cases, year, asOf, tilgang);
  const since = earlier ? { asOf: earlier.asOf, bridge: bridge(earlier.cases, cases, year) } : undefined;
  const findings = lists.flatMap((l) => l.findings).map(findingJson);
  if (out) {
    // The sheet's formulas run over one case list: the first, as the sheet says.
    const first = lists.length === 1 ? p : prognosis(lists[0].cases, year, asOf, tilgang);
    const built = buildPrognosisSheet(lists[0], first, snapshot, tilgang);
    const written = await reading(file, () => writePackage(input.pkg, built.plan, snapshot, nodeDeflate));
    const info = await reading(file, () => input.pkg.workbook());
    await writeOutput(out, written.data, input.mode, { kind: 'workbook', input: file, macro: info.macro });
    io.err(T.written(out, written.outcome.sheetNames[built.sheet] ?? built.sheet));
  }
  io.out(
    args.options.has('--json')
      ? JSON.stringify(prognosisJson(p, findings, since), null, 2)
      : prognosisText(file, p, findings, since?.bridge),
  );
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

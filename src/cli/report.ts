import { formatDanishAmount } from '../core/amounts/money';
import type Decimal from 'decimal.js';
import { cliText } from './text';
import type { Finding } from '../core/model/findings';
import { SEVERITY_ORDER } from '../core/model/findings';
import { formatKroner } from '../core/amounts/money';
import type { WorkbookResult } from '../core/validate';

const num = (d: Decimal | null | undefined) => (d === null || d === undefined ? null : d.toNumber());

export function findingJson(f: Finding) {
  return {
    severity: f.severity,
    code: f.code,
    sheet: f.sheet,
    cell: f.cell,
    message: f.message,
    ...(f.expected !== undefined ? { expected: num(f.expected) } : {}),
    ...(f.actual !== undefined ? { actual: num(f.actual) } : {}),
  };
}

/** The JSON of spec §8. */
export function resultJson(file: string, result: WorkbookResult) {
  return {
    file,
    tables: [
      ...result.plans.map(({ plan, summary }) => ({
        sheet: plan.sheet,
        kind: 'handleplan',
        range: plan.range,
        summary: {
          year: summary.year,
          target: num(summary.target),
          total: num(summary.total),
          initiatives: summary.initiatives,
          startDate: summary.startDate,
          updatedDate: summary.updatedDate,
        },
      })),
      ...result.tables.map((t) => ({ sheet: t.sheet, kind: t.kind, range: t.range, summary: t.summary })),
    ],
    findings: result.findings.map(findingJson),
  };
}

/** A readable Danish report for the terminal. */
export function resultText(file: string, result: WorkbookResult): string {
  const lines = [cliText.fileHeader(file), ''];
  for (const { plan, summary } of result.plans) {
    const diff = summary.target ? summary.total.minus(summary.target) : null;
    const rows: [string, string][] = [
      [cliText.initiatives, String(summary.initiatives)],
      [cliText.target, summary.target ? formatKroner(summary.target) : cliText.missing],
      [cliText.total, formatKroner(summary.total)],
      [cliText.difference, diff ? formatKroner(diff) : cliText.missing],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    lines.push(cliText.sheetHeader(plan.sheet, plan.range, summary.year));
    for (const [k, v] of rows) lines.push(`  ${(k + ':').padEnd(width + 1)}  ${v}`);
    lines.push('');
  }
  for (const t of result.tables) {
    lines.push(cliText.otherTable(t.kind, t.sheet, t.range));
    if (t.overrun) lines.push(cliText.forecastDeviation(formatDanishAmount(t.overrun.value.toDecimalPlaces(0))));
    lines.push('');
  }
  const sorted = [...result.findings].sort(
    (a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity),
  );
  for (const f of sorted) {
    lines.push(`${cliText.severity[f.severity].padEnd(8)}  ${`${f.sheet}!${f.cell}`.padEnd(22)}  ${f.code}`);
    lines.push(`          ${f.message}`);
  }
  const count = (s: string) => result.findings.filter((f) => f.severity === s).length;
  if (count('error') === 0) lines.push(cliText.noErrors);
  lines.push(cliText.counts(count('error'), count('warning'), count('info')));
  return lines.join('\n');
}

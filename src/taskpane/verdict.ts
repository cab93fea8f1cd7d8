/**
 * What the pane says about a reading: the verdict line (errors and where they are, warnings,
 * initiatives behind plan, the shortfall in words) and the findings by place (the plan, each
 * table). Pure: the pane renders it, tests read it.
 */
import Decimal from 'decimal.js';
import { parseA1 } from '../core/model/a1';
import type { Finding } from '../core/model/findings';
import type { OtherTable } from '../core/tables/otherTables';
import { effectRowsOf, initiativesOf } from '../core/read/tableColumns';
import type { PlanResult } from '../core/validate';
import { verdictText } from '../addin/text';
import { planKey, type ValidationRun } from '../addin/validation';

export interface Place {
  key: string;
  title: string;
  findings: Finding[];
  /** The plan's findings are named by initiative; a table's by its cells. */
  plan?: PlanResult;
  table?: OtherTable;
}

/** Every place with findings: the plan shown, then every table of the workbook, with or without a plan. */
export function placesOf(run: ValidationRun, current: PlanResult | null): Place[] {
  const places: Place[] = [];
  if (current && current.findings.length > 0)
    places.push({
      key: planKey(current),
      title: verdictText.planPlace(current.plan.sheet),
      findings: current.findings,
      plan: current,
    });
  for (const t of run.result.tables)
    if (t.findings.length > 0)
      places.push({
        key: `${t.sheet}!${t.range}`,
        title: verdictText.tablePlace(t.kind, t.sheet, t.range),
        findings: t.findings,
        table: t,
      });
  return places;
}

export interface Verdict {
  intent: 'success' | 'warning' | 'error' | 'info';
  title: string;
  lines: string[];
}

const count = (fs: readonly Finding[], severity: Finding['severity']) =>
  fs.reduce((n, f) => n + (f.severity === severity ? 1 : 0), 0);

/** The verdict on the plan shown (or on the tables, when there is no plan). */
export function verdictOf(run: ValidationRun, current: PlanResult | null, fresh = false): Verdict {
  const tables = run.result.tables;
  const where: string[] = [];
  let errors = 0;
  let warnings = 0;
  if (current) {
    const e = count(current.findings, 'error');
    if (e > 0) where.push(verdictText.errorsInPlan(e));
    errors += e;
    warnings += count(current.findings, 'warning');
  }
  for (const t of tables) {
    const e = count(t.findings, 'error');
    if (e > 0) where.push(verdictText.errorsInTable(e, t.kind, t.sheet));
    errors += e;
    warnings += count(t.findings, 'warning');
  }
  const lines: string[] = [];
  const behind = tables.flatMap((t) => t.findings.filter((f) => f.code === 'STATUS_BEHIND'));
  if (behind.length > 0) {
    const short = behind.reduce(
      (sum, f) => (f.expected && f.actual ? sum.plus(f.expected.minus(f.actual)) : sum),
      new Decimal(0),
    );
    lines.push(verdictText.behind(behind.length, short, [...new Set(behind.map((f) => f.sheet))]));
  }
  if (!current) {
    const sheetsRead = run.snapshot.sheets.filter((s) => !s.unread && !s.ownedByAddin).length;
    return {
      intent: errors > 0 ? 'error' : 'warning',
      title: verdictText.noPlan,
      lines: [
        ...(errors > 0 ? [verdictText.tableErrors(errors, where)] : []),
        ...(tables.length > 0 && errors === 0 ? [verdictText.tablesClean(tables.length, warnings)] : []),
        verdictText.noPlanWhy(sheetsRead),
        ...lines,
      ],
    };
  }
  const { target, total } = current.summary;
  if (target) lines.unshift(verdictText.coverage(total.minus(target)));
  if (fresh && errors > 0) return { intent: 'info', title: verdictText.freshPlan(current.plan.sheet), lines: [] };
  if (errors > 0) return { intent: 'error', title: verdictText.errors(errors, where), lines };
  return {
    intent: warnings > 0 || behind.length > 0 ? 'warning' : 'success',
    title: verdictText.clean(warnings),
    lines,
  };
}

/**
 * Each finding of a plan named by its initiative's text where its row is an initiative's
 * ("Indsats 3: Hjemtagning af …"), not only by the number in the message.
 */
export function initiativeNames(plan: PlanResult | undefined): (f: Finding) => string | null {
  if (!plan) return () => null;
  const p = plan.plan;
  const byNumber = new Map<number, string>();
  const items = initiativesOf(p);
  for (let i = 0; i < items.count; i++) {
    const it = items.item(i);
    const text = (it.action || it.area || it.goal).trim();
    if (text && !byNumber.has(it.number)) byNumber.set(it.number, text);
  }
  const rowNumber = new Map<number, number>();
  const rows = effectRowsOf(p.monthTable);
  for (let i = 0; i < rows.count; i++) {
    const n = rows.number(i);
    if (n !== null) rowNumber.set(rows.sheetRow(i), n);
  }
  for (let i = 0; i < items.count; i++) rowNumber.set(items.sheetRow(i), items.number(i));
  return (f) => {
    if (f.sheet !== p.sheet) return null;
    const n = rowNumber.get(parseA1(f.cell.split(':')[0]).row);
    const text = n === undefined ? undefined : byNumber.get(n);
    return n === undefined || !text ? null : verdictText.initiative(n, text);
  };
}

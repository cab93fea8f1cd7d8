/**
 * The finance team's overview: one row per validated plan, across many workbooks, and the
 * totals of what is there. Amounts in kroner as numbers; the rows are data, the CLI and the
 * pane word them.
 */
import Decimal from 'decimal.js';
import type { FindingCode } from './model/findings';
import type { PlanResult } from './validate';

export interface OverviewPlan {
  /** The workbook, relative to the folder given (or as given). */
  file: string;
  sheet: string;
  center: string;
  /** The plan's "Virksomhed / område". */
  area: string;
  year: number | null;
  atStart: number | null;
  atLastUpdate: number | null;
  /** The expected overrun the plan must cover; null without one. */
  target: number | null;
  total: number;
  /** total − target; null without a target. */
  difference: number | null;
  /** total ÷ target, to 4 decimals; null without a target. */
  coverage: number | null;
  errors: number;
  warnings: number;
  codes: Partial<Record<FindingCode, number>>;
  /** ISO date or null. */
  updated: string | null;
}

/** A workbook that could not be used, with its Danish reason. */
export interface OverviewFailure {
  file: string;
  reason: string;
}

export interface OverviewTotals {
  plans: number;
  target: number;
  total: number;
  difference: number;
  errors: number;
  warnings: number;
  failed: number;
}

const num = (d: Decimal | null | undefined): number | null => (d ? d.toNumber() : null);

/** One plan's row. */
export function overviewRow(file: string, result: PlanResult): OverviewPlan {
  const { plan, summary, findings } = result;
  const target = summary.target;
  const codes: Partial<Record<FindingCode, number>> = {};
  for (const f of findings) if (f.severity !== 'info') codes[f.code] = (codes[f.code] ?? 0) + 1;
  return {
    file,
    sheet: plan.sheet,
    center: plan.center?.text ?? '',
    area: plan.unit?.text ?? '',
    year: summary.year,
    atStart: num(plan.block.atStart?.amount.value),
    atLastUpdate: num(plan.block.atLastUpdate?.amount.value),
    target: num(target),
    total: summary.total.toNumber(),
    difference: target ? summary.total.minus(target).toNumber() : null,
    coverage: target && !target.isZero() ? summary.total.dividedBy(target).toDecimalPlaces(4).toNumber() : null,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    codes,
    updated: summary.updatedDate,
  };
}

/** The totals of what is there: a plan without a target adds to the total, not to the target or difference. */
export function overviewTotals(plans: OverviewPlan[], failed: OverviewFailure[]): OverviewTotals {
  const sum = (f: (p: OverviewPlan) => number | null) =>
    plans.reduce((s, p) => s.plus(f(p) ?? 0), new Decimal(0)).toNumber();
  return {
    plans: plans.length,
    target: sum((p) => p.target),
    total: sum((p) => p.total),
    difference: sum((p) => p.difference),
    errors: plans.reduce((n, p) => n + p.errors, 0),
    warnings: plans.reduce((n, p) => n + p.warnings, 0),
    failed: failed.length,
  };
}

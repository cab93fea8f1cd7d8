/**
 * Questions about a plan that readers, rules and builders all ask: its target, total, rows and
 * year. Here, before validation, so that no builder needs the validator for them.
 */
import type Decimal from 'decimal.js';
import { parseRange } from './a1';
import { sumRows } from '../amounts/amounts';
import type { ActionPlan, AmountCell } from './plan';

/** The target: "efter denne opdatering" when it holds an amount, else "ved opstart". */
export function targetOf(plan: ActionPlan): AmountCell | null {
  const after = plan.block.afterThisUpdate?.amount;
  if (after?.value) return after;
  const start = plan.block.atStart?.amount;
  return start?.value ? start : null;
}

export function planTotal(plan: ActionPlan): Decimal {
  return sumRows(plan.monthTable.rows);
}

/** The rows a plan covers, from its first part to its last. */
export function planRows(plan: ActionPlan): { top: number; bottom: number } {
  return rowsOfRange(plan.range);
}

/** The rows a range covers ("A7:H12" → 6 to 11). */
export function rowsOfRange(range: string): { top: number; bottom: number } {
  const r = parseRange(range);
  return { top: r.top, bottom: r.bottom };
}

export function planYear(plan: ActionPlan): number | null {
  return plan.title?.year ?? plan.monthTable.title?.year ?? plan.block.asOf?.year ?? null;
}

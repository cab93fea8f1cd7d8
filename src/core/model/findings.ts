import type Decimal from 'decimal.js';

export type Severity = 'error' | 'warning' | 'info';

/** The one severity table: every finding code and how serious it is. */
export const SEVERITY = {
  NO_PLAN: 'error',
  NO_TARGET: 'error',
  NOT_A_NUMBER: 'error',
  FORMULA_WITHOUT_RESULT: 'error',
  TEXT_NUMBER: 'warning',
  AMOUNT_AS_DATE: 'warning',
  MONTH_HEADER: 'error',
  MANUAL_CALCULATION: 'warning',
  DUPLICATE_NUMBER: 'warning',
  NEGATIVE_EFFECT: 'warning',
  NEGATIVE_TARGET: 'warning',
  ZERO_TARGET: 'info',
  HIDDEN_PLAN: 'info',
  NOT_A_DATE: 'error',
  DATE_WITHOUT_DAY: 'warning',
  ROW_TOTAL_MISMATCH: 'error',
  COLUMN_TOTAL_MISMATCH: 'error',
  GRAND_TOTAL_MISMATCH: 'error',
  TOTAL_BELOW_TARGET: 'error',
  TOTAL_ABOVE_TARGET: 'warning',
  EFFECT_BEFORE_START: 'warning',
  EFFECT_WITHOUT_INITIATIVE: 'warning',
  INITIATIVE_WITHOUT_EFFECT: 'warning',
  YEAR_MISMATCH: 'error',
  UPDATED_BEFORE_START: 'warning',
  PLAN_TRIGGER: 'info',
  CARRY_MISMATCH: 'error',
  DEVIATION_MISMATCH: 'error',
  BUDGET_CHAIN_MISMATCH: 'error',
  NET_MISMATCH: 'error',
  GROUP_TOTAL_MISMATCH: 'error',
  ROUNDING_DIFFERENCE: 'warning',
  UNPAIRED_DEVIATION: 'info',
  ACTIVITY_AMOUNT_MISMATCH: 'error',
  ACTIVITY_DEVIATION_MISMATCH: 'error',
  ACTIVITY_EFFECT_MISMATCH: 'error',
  PRICE_DEVELOPMENT_MISMATCH: 'error',
  TABLE_TOTAL_MISMATCH: 'error',
  STATUS_BEHIND: 'warning',
  STATUS_MISSING: 'info',
  STATUS_STALE: 'warning',
  CASE_END_BEFORE_START: 'error',
  CASE_NO_PRICE: 'error',
  CASE_NO_MEASURE: 'error',
  CASE_OVERLAP: 'warning',
  CASE_MEASURE_UNMATCHED: 'info',
  CPR_LIKE: 'warning',
} as const satisfies Record<string, Severity>;

export type FindingCode = keyof typeof SEVERITY;

export interface Finding {
  severity: Severity;
  code: FindingCode;
  sheet: string;
  cell: string;
  message: string;
  expected?: Decimal;
  actual?: Decimal | null;
  /** A total's finding: the range (on the finding's sheet) its cell should sum, for "Indsæt =SUM(…)". */
  sums?: string;
}

export const SEVERITY_ORDER: Severity[] = ['error', 'warning', 'info'];

/** A finding of a code, with its severity from the table. */
export function finding(
  code: FindingCode,
  sheet: string,
  cell: string,
  message: string,
  amounts: Partial<Finding> = {},
): Finding {
  return { severity: SEVERITY[code], code, sheet, cell, message, ...amounts };
}

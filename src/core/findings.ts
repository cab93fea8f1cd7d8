import type Decimal from 'decimal.js';

export type Severity = 'error' | 'warning' | 'info';

export type FindingCode =
  | 'NO_PLAN'
  | 'NO_TARGET'
  | 'NOT_A_NUMBER'
  | 'TEXT_NUMBER'
  | 'ROW_TOTAL_MISMATCH'
  | 'COLUMN_TOTAL_MISMATCH'
  | 'GRAND_TOTAL_MISMATCH'
  | 'TOTAL_BELOW_TARGET'
  | 'TOTAL_ABOVE_TARGET'
  | 'EFFECT_BEFORE_START'
  | 'EFFECT_WITHOUT_INITIATIVE'
  | 'INITIATIVE_WITHOUT_EFFECT'
  | 'YEAR_MISMATCH'
  | 'UPDATED_BEFORE_START'
  | 'PLAN_TRIGGER'
  | 'CARRY_MISMATCH'
  | 'DEVIATION_MISMATCH';

export interface Finding {
  severity: Severity;
  code: FindingCode;
  sheet: string;
  cell: string;
  message: string;
  expected?: Decimal;
  actual?: Decimal | null;
}

export const SEVERITY_ORDER: Severity[] = ['error', 'warning', 'info'];

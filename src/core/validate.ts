import Decimal from 'decimal.js';
import { formatDanishDate } from './dates';
import { findingText } from './da';
import type { Finding, FindingCode, Severity } from './findings';
import type { WorkbookSnapshot } from './grid';
import { sameAmount, sum } from './money';
import type { ActionPlan, AmountCell } from './plan';
import { readBudgetStatusTables, readMultiYearTables, type OtherTable } from './otherTables';
import { readActionPlan, sheetsInReadingOrder } from './reader';

export interface PlanSummary {
  year: number | null;
  target: Decimal | null;
  total: Decimal;
  initiatives: number;
  startDate: string | null;
  updatedDate: string | null;
}

export interface PlanResult {
  plan: ActionPlan;
  summary: PlanSummary;
  findings: Finding[];
}

export interface WorkbookResult {
  plans: PlanResult[];
  /** The multi-year and budget status tables of spec §7. */
  tables: OtherTable[];
  findings: Finding[];
}

/** The target: "efter denne opdatering" when it holds an amount, else "ved opstart". */
export function targetOf(plan: ActionPlan): AmountCell | null {
  const after = plan.block.afterThisUpdate?.amount;
  if (after?.value) return after;
  const start = plan.block.atStart?.amount;
  return start?.value ? start : null;
}

export function planTotal(plan: ActionPlan): Decimal {
  return sum(plan.monthTable.rows.flatMap((r) => r.months.map((m) => m.value)));
}

export function planYear(plan: ActionPlan): number | null {
  return plan.title?.year ?? plan.monthTable.title?.year ?? plan.block.asOf?.year ?? null;
}

const hasText = (i: { area: string; goal: string; action: string; consequences: string }) =>
  [i.area, i.goal, i.action, i.consequences].some((t) => t.trim() !== '');

export function summarise(plan: ActionPlan): PlanSummary {
  const withText = plan.initiatives.filter(hasText).length;
  const withEffect = plan.monthTable.rows.filter((r) => r.months.some((m) => m.value && !m.value.isZero())).length;
  return {
    year: planYear(plan),
    target: targetOf(plan)?.value ?? null,
    total: planTotal(plan),
    initiatives: plan.initiativeHeaderRow === null ? withEffect : withText,
    startDate: plan.startDate?.date ?? null,
    updatedDate: plan.updatedDate?.date ?? null,
  };
}

const SEVERITY: Record<FindingCode, Severity> = {
  NO_PLAN: 'error',
  NO_TARGET: 'error',
  NOT_A_NUMBER: 'error',
  TEXT_NUMBER: 'warning',
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
};

function rawText(a: AmountCell): string {
  if (a.raw && typeof a.raw === 'object') return a.raw.error;
  return String(a.raw ?? '');
}

/** A total cell is checked only when it holds something or its sum is not zero. */
function totalMismatch(cell: AmountCell | null, expected: Decimal): boolean {
  if (!cell || cell.source === 'invalid') return false;
  if (cell.value === null) return !expected.isZero();
  return !sameAmount(cell.value, expected);
}

export function validatePlan(plan: ActionPlan): Finding[] {
  const findings: Finding[] = [];
  const add = (code: FindingCode, cell: string, message: string, amounts: Partial<Finding> = {}) =>
    findings.push({ severity: SEVERITY[code], code, sheet: plan.sheet, cell, message, ...amounts });
  const { monthTable: table, block } = plan;

  for (const a of plan.amountCells) {
    if (a.source === 'invalid') add('NOT_A_NUMBER', a.address, findingText.NOT_A_NUMBER(rawText(a)));
    else if (a.source === 'text' && a.value)
      add('TEXT_NUMBER', a.address, findingText.TEXT_NUMBER(rawText(a), a.value));
  }

  const year = planYear(plan);
  if (year !== null) {
    for (const label of [plan.title, table.title, block.asOf]) {
      if (label?.year && label.year !== year)
        add('YEAR_MISMATCH', label.address, findingText.YEAR_MISMATCH(label.text, label.year, year));
    }
  }

  for (const row of table.rows) {
    const expected = sum(row.months.map((m) => m.value));
    if (totalMismatch(row.total, expected)) {
      add(
        'ROW_TOTAL_MISMATCH',
        row.total!.address,
        findingText.ROW_TOTAL_MISMATCH(row.number, expected, row.total!.value),
        { expected, actual: row.total!.value },
      );
    }
  }
  const total = planTotal(plan);
  if (table.totalRow) {
    table.totalRow.months.forEach((cell, k) => {
      const expected = sum(table.rows.map((r) => r.months[k].value));
      if (totalMismatch(cell, expected)) {
        add('COLUMN_TOTAL_MISMATCH', cell.address, findingText.COLUMN_TOTAL_MISMATCH(k, expected, cell.value), {
          expected,
          actual: cell.value,
        });
      }
    });
    const grand = table.totalRow.total;
    if (totalMismatch(grand, total)) {
      add('GRAND_TOTAL_MISMATCH', grand!.address, findingText.GRAND_TOTAL_MISMATCH(total, grand!.value), {
        expected: total,
        actual: grand!.value,
      });
    }
  }

  const target = targetOf(plan);
  if (!target) {
    const where =
      block.afterThisUpdate?.amount.address ??
      block.atStart?.amount.address ??
      block.heading?.address ??
      plan.range.split(':')[1] ??
      plan.range;
    add('NO_TARGET', where, findingText.NO_TARGET());
  } else if (target.value) {
    const where = table.totalRow?.total?.address ?? target.address;
    if (total.lessThan(target.value) && !sameAmount(total, target.value)) {
      add('TOTAL_BELOW_TARGET', where, findingText.TOTAL_BELOW_TARGET(total, target.value), {
        expected: target.value,
        actual: total,
      });
    } else if (total.greaterThan(target.value) && !sameAmount(total, target.value)) {
      add('TOTAL_ABOVE_TARGET', where, findingText.TOTAL_ABOVE_TARGET(total, target.value), {
        expected: target.value,
        actual: total,
      });
    }
  }

  const start = plan.startDate?.date;
  if (start && year !== null && Number(start.slice(0, 4)) === year) {
    const startMonth = Number(start.slice(5, 7)) - 1;
    for (const row of table.rows) {
      const early = row.months.slice(0, startMonth).findIndex((m) => m.value && !m.value.isZero());
      if (early >= 0) {
        add(
          'EFFECT_BEFORE_START',
          row.months[early].address,
          findingText.EFFECT_BEFORE_START(row.number, early, formatDanishDate(start)),
        );
      }
    }
  }

  if (plan.initiativeHeaderRow !== null) {
    for (const row of table.rows) {
      const hasAmounts = row.months.some((m) => m.value && !m.value.isZero());
      const initiative = plan.initiatives.find((i) => i.number === row.number);
      if (hasAmounts && (!initiative || !hasText(initiative))) {
        add('EFFECT_WITHOUT_INITIATIVE', row.labelAddress, findingText.EFFECT_WITHOUT_INITIATIVE(row.number));
      }
    }
    for (const initiative of plan.initiatives.filter(hasText)) {
      const row = table.rows.find((r) => r.number === initiative.number);
      const effect = row?.months.some((m) => m.value && !m.value.isZero()) ?? false;
      if (!effect)
        add('INITIATIVE_WITHOUT_EFFECT', initiative.address, findingText.INITIATIVE_WITHOUT_EFFECT(initiative.number));
    }
  }

  const updated = plan.updatedDate?.date;
  if (start && updated && updated < start) {
    add(
      'UPDATED_BEFORE_START',
      plan.updatedDate!.address,
      findingText.UPDATED_BEFORE_START(formatDanishDate(updated), formatDanishDate(start)),
    );
  }

  const budget = plan.correctedBudget?.value;
  if (budget && !budget.isZero() && target?.value) {
    const rule = plan.trigger ?? { percent: new Decimal(5), amount: new Decimal(1_000_000) };
    const percent = target.value.dividedBy(budget).times(100);
    const required = percent.greaterThanOrEqualTo(rule.percent) || target.value.greaterThanOrEqualTo(rule.amount);
    add(
      'PLAN_TRIGGER',
      plan.correctedBudget!.address,
      findingText.PLAN_TRIGGER(target.value, percent, required, rule.percent, rule.amount),
    );
  }
  return findings;
}

/** Validates every plan in the workbook (or on one sheet); NO_PLAN when there is none. */
export function validateWorkbook(workbook: WorkbookSnapshot, options: { sheet?: string } = {}): WorkbookResult {
  const sheets = sheetsInReadingOrder(workbook, options.sheet);
  const plans: PlanResult[] = [];
  const tables: OtherTable[] = [];
  for (const sheet of sheets) {
    if (sheet.ownedByAddin) continue;
    const plan = readActionPlan(sheet);
    if (plan) plans.push({ plan, summary: summarise(plan), findings: validatePlan(plan) });
    tables.push(...readMultiYearTables(sheet), ...readBudgetStatusTables(sheet));
  }
  const findings = [...plans.flatMap((p) => p.findings), ...tables.flatMap((t) => t.findings)];
  if (plans.length === 0 && tables.length === 0) {
    const sheet = sheets[0]?.name ?? workbook.sheets[0]?.name ?? '';
    findings.push({ severity: 'error', code: 'NO_PLAN', sheet, cell: 'A1', message: findingText.NO_PLAN() });
  }
  return { plans, tables, findings };
}

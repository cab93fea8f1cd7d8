/**
 * The checks of spec §4, one function per finding code. Each gets the plan and what is worked
 * out once for all of them, and returns its findings.
 */
import Decimal from 'decimal.js';
import { addMonth, monthNonZero, rowOre, Sum, sumCells } from './amounts';
import { findingText } from './da';
import { formatDanishDate } from './dates';
import { finding, type Finding, type FindingCode } from './findings';
import { sameAmount } from './money';
import type { ActionPlan, AmountCell, EffectRow, Initiative } from './plan';
import { forEachAmountCell } from './reader';

export interface RuleContext {
  plan: ActionPlan;
  year: number | null;
  target: AmountCell | null;
  /** The exact sum of every monthly effect. */
  total: Decimal;
  /** The exact sum of each month's column. */
  columnSums: Decimal[];
  /** Whether each effect row has an effect other than 0 in some month. */
  rowHasEffect: boolean[];
  /** Amount cells holding something that is no amount, and amounts stored as text. */
  invalidCells: AmountCell[];
  textCells: AmountCell[];
  initiativesByNumber: Map<number, Initiative>;
  /** The index of the first effect row with each number. */
  rowIndexByNumber: Map<number, number>;
}

/** Works out, in one pass over the plan's cells, what the rules need. */
export function ruleContext(plan: ActionPlan, year: number | null, target: AmountCell | null): RuleContext {
  const columns = Array.from({ length: 12 }, () => new Sum());
  const all = new Sum();
  const rowHasEffect: boolean[] = new Array(plan.monthTable.rows.length);
  const rowIndexByNumber = new Map<number, number>();
  plan.monthTable.rows.forEach((row, i) => {
    let effect = false;
    for (let k = 0; k < 12; k++) {
      addMonth(columns[k], row, k);
      addMonth(all, row, k);
      if (!effect && monthNonZero(row, k)) effect = true;
    }
    rowHasEffect[i] = effect;
    if (row.number !== null && !rowIndexByNumber.has(row.number)) rowIndexByNumber.set(row.number, i);
  });
  const invalidCells: AmountCell[] = [];
  const textCells: AmountCell[] = [];
  forEachAmountCell(plan, (a) => {
    if (a.source === 'invalid') invalidCells.push(a);
    else if (a.source === 'text') textCells.push(a);
  });
  const initiativesByNumber = new Map<number, Initiative>();
  for (const i of plan.initiatives) initiativesByNumber.set(i.number, i);
  return {
    plan,
    year,
    target,
    total: all.total(),
    columnSums: columns.map((c) => c.total()),
    rowHasEffect,
    invalidCells,
    textCells,
    initiativesByNumber,
    rowIndexByNumber,
  };
}

export type Rule = (ctx: RuleContext) => Finding[];

const at = (ctx: RuleContext, code: FindingCode, cell: string, message: string, amounts: Partial<Finding> = {}) =>
  finding(code, ctx.plan.sheet, cell, message, amounts);

export const hasText = (i: { area: string; goal: string; action: string; consequences: string }) =>
  i.area.trim() !== '' || i.goal.trim() !== '' || i.action.trim() !== '' || i.consequences.trim() !== '';

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

/** The same check on whole øre, when both sides have them: no decimal arithmetic at all. */
function totalMismatchOre(cell: AmountCell | null, row: EffectRow): boolean | undefined {
  if (!cell || cell.source === 'invalid') return false;
  const expected = rowOre(row);
  if (expected === undefined) return undefined;
  if (cell.ore === null) return expected !== 0;
  return typeof cell.ore === 'number' ? cell.ore !== expected : undefined;
}

const NOT_A_NUMBER: Rule = (ctx) =>
  ctx.invalidCells.map((a) =>
    at(
      ctx,
      'NOT_A_NUMBER',
      a.address,
      a.problem === 'precision' ? findingText.TOO_MANY_DIGITS(rawText(a)) : findingText.NOT_A_NUMBER(rawText(a)),
    ),
  );

const TEXT_NUMBER: Rule = (ctx) =>
  ctx.textCells
    .filter((a) => a.value)
    .map((a) => at(ctx, 'TEXT_NUMBER', a.address, findingText.TEXT_NUMBER(rawText(a), a.value!)));

const dates = (ctx: RuleContext) => [ctx.plan.startDate, ctx.plan.updatedDate].filter((d) => d !== null);

const NOT_A_DATE: Rule = (ctx) =>
  dates(ctx)
    .filter((d) => d.problem === 'invalid')
    .map((d) => at(ctx, 'NOT_A_DATE', d.address, findingText.NOT_A_DATE(String(d.raw))));

const DATE_WITHOUT_DAY: Rule = (ctx) =>
  dates(ctx)
    .filter((d) => d.problem === 'noDay' && d.date)
    .map((d) =>
      at(ctx, 'DATE_WITHOUT_DAY', d.address, findingText.DATE_WITHOUT_DAY(String(d.raw), formatDanishDate(d.date!))),
    );

const YEAR_MISMATCH: Rule = (ctx) => {
  const { plan, year } = ctx;
  if (year === null) return [];
  return [plan.title, plan.monthTable.title, plan.block.asOf]
    .filter((l) => l?.year && l.year !== year)
    .map((l) => at(ctx, 'YEAR_MISMATCH', l!.address, findingText.YEAR_MISMATCH(l!.text, l!.year!, year)));
};

const ROW_TOTAL_MISMATCH: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const row of ctx.plan.monthTable.rows) {
    if (!row.total || totalMismatchOre(row.total, row) === false) continue;
    const expected = sumCells(row.months);
    if (totalMismatch(row.total, expected))
      out.push(
        at(
          ctx,
          'ROW_TOTAL_MISMATCH',
          row.total.address,
          findingText.ROW_TOTAL_MISMATCH(row.number, expected, row.total.value),
          {
            expected,
            actual: row.total.value,
          },
        ),
      );
  }
  return out;
};

const COLUMN_TOTAL_MISMATCH: Rule = (ctx) => {
  const table = ctx.plan.monthTable;
  if (!table.totalRow) return [];
  return table.totalRow.months.flatMap((cell, k) => {
    const expected = ctx.columnSums[k];
    return totalMismatch(cell, expected)
      ? [
          at(ctx, 'COLUMN_TOTAL_MISMATCH', cell.address, findingText.COLUMN_TOTAL_MISMATCH(k, expected, cell.value), {
            expected,
            actual: cell.value,
          }),
        ]
      : [];
  });
};

const GRAND_TOTAL_MISMATCH: Rule = (ctx) => {
  const grand = ctx.plan.monthTable.totalRow?.total ?? null;
  if (!grand || !totalMismatch(grand, ctx.total)) return [];
  return [
    at(ctx, 'GRAND_TOTAL_MISMATCH', grand.address, findingText.GRAND_TOTAL_MISMATCH(ctx.total, grand.value), {
      expected: ctx.total,
      actual: grand.value,
    }),
  ];
};

const NO_TARGET: Rule = (ctx) => {
  if (ctx.target) return [];
  const { block, range } = ctx.plan;
  const where =
    block.afterThisUpdate?.amount.address ??
    block.atStart?.amount.address ??
    block.heading?.address ??
    range.split(':')[1] ??
    range;
  return [at(ctx, 'NO_TARGET', where, findingText.NO_TARGET())];
};

const targetComparison = (ctx: RuleContext, below: boolean): Finding[] => {
  const target = ctx.target?.value;
  if (!target || sameAmount(ctx.total, target)) return [];
  const where = ctx.plan.monthTable.totalRow?.total?.address ?? ctx.target!.address;
  const amounts = { expected: target, actual: ctx.total };
  if (below && ctx.total.lessThan(target))
    return [at(ctx, 'TOTAL_BELOW_TARGET', where, findingText.TOTAL_BELOW_TARGET(ctx.total, target), amounts)];
  if (!below && ctx.total.greaterThan(target))
    return [at(ctx, 'TOTAL_ABOVE_TARGET', where, findingText.TOTAL_ABOVE_TARGET(ctx.total, target), amounts)];
  return [];
};

const TOTAL_BELOW_TARGET: Rule = (ctx) => targetComparison(ctx, true);
const TOTAL_ABOVE_TARGET: Rule = (ctx) => targetComparison(ctx, false);

const EFFECT_BEFORE_START: Rule = (ctx) => {
  const start = ctx.plan.startDate?.date;
  if (!start || ctx.year === null || Number(start.slice(0, 4)) !== ctx.year) return [];
  const startMonth = Number(start.slice(5, 7)) - 1;
  const out: Finding[] = [];
  for (const row of ctx.plan.monthTable.rows) {
    let early = -1;
    for (let k = 0; k < startMonth && early < 0; k++) if (monthNonZero(row, k)) early = k;
    if (early >= 0)
      out.push(
        at(
          ctx,
          'EFFECT_BEFORE_START',
          row.months[early].address,
          findingText.EFFECT_BEFORE_START(row.number, early, formatDanishDate(start)),
        ),
      );
  }
  return out;
};

const EFFECT_WITHOUT_INITIATIVE: Rule = (ctx) => {
  if (ctx.plan.initiativeHeaderRow === null) return [];
  return ctx.plan.monthTable.rows
    .filter((row, i) => {
      if (!ctx.rowHasEffect[i]) return false;
      const initiative = row.number === null ? undefined : ctx.initiativesByNumber.get(row.number);
      return !initiative || !hasText(initiative);
    })
    .map((row) =>
      at(ctx, 'EFFECT_WITHOUT_INITIATIVE', row.labelAddress, findingText.EFFECT_WITHOUT_INITIATIVE(row.number)),
    );
};

const INITIATIVE_WITHOUT_EFFECT: Rule = (ctx) => {
  if (ctx.plan.initiativeHeaderRow === null) return [];
  return ctx.plan.initiatives
    .filter((i) => {
      if (!hasText(i)) return false;
      const row = ctx.rowIndexByNumber.get(i.number);
      return row === undefined || !ctx.rowHasEffect[row];
    })
    .map((i) => at(ctx, 'INITIATIVE_WITHOUT_EFFECT', i.address, findingText.INITIATIVE_WITHOUT_EFFECT(i.number)));
};

const UPDATED_BEFORE_START: Rule = (ctx) => {
  const start = ctx.plan.startDate?.date;
  const updated = ctx.plan.updatedDate?.date;
  if (!start || !updated || updated >= start) return [];
  return [
    at(
      ctx,
      'UPDATED_BEFORE_START',
      ctx.plan.updatedDate!.address,
      findingText.UPDATED_BEFORE_START(formatDanishDate(updated), formatDanishDate(start)),
    ),
  ];
};

const PLAN_TRIGGER: Rule = (ctx) => {
  const budget = ctx.plan.correctedBudget?.value;
  const target = ctx.target?.value;
  if (!budget || budget.isZero() || !target) return [];
  const rule = ctx.plan.trigger ?? { percent: new Decimal(5), amount: new Decimal(1_000_000) };
  const percent = target.dividedBy(budget).times(100);
  const required = percent.greaterThanOrEqualTo(rule.percent) || target.greaterThanOrEqualTo(rule.amount);
  return [
    at(
      ctx,
      'PLAN_TRIGGER',
      ctx.plan.correctedBudget!.address,
      findingText.PLAN_TRIGGER(target, percent, required, rule.percent, rule.amount),
    ),
  ];
};

/** The rules of a plan, in the order their findings are listed. */
export const PLAN_RULES: Rule[] = [
  NOT_A_NUMBER,
  TEXT_NUMBER,
  NOT_A_DATE,
  DATE_WITHOUT_DAY,
  YEAR_MISMATCH,
  ROW_TOTAL_MISMATCH,
  COLUMN_TOTAL_MISMATCH,
  GRAND_TOTAL_MISMATCH,
  NO_TARGET,
  TOTAL_BELOW_TARGET,
  TOTAL_ABOVE_TARGET,
  EFFECT_BEFORE_START,
  EFFECT_WITHOUT_INITIATIVE,
  INITIATIVE_WITHOUT_EFFECT,
  UPDATED_BEFORE_START,
  PLAN_TRIGGER,
];

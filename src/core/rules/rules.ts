/**
 * The checks of spec §4, one function per finding code. Each gets the plan and what is worked
 * out once for all of them, and returns its findings.
 */
import Decimal from 'decimal.js';
import { sumCells } from '../amounts/amounts';
import { NumberIndex } from '../amounts/numberIndex';
import { effectRowsOf, initiativesOf } from '../read/tableColumns';
import { findingText } from '../text/da';
import { formatDanishDate, readDateCell } from '../text/dates';
import { DEFAULT_TRIGGER } from '../text/labels';
import { isCellError } from '../model/grid';
import { MONTH_LABELS } from '../text/labels';
import { finding, type Finding, type FindingCode } from '../model/findings';
import { sameAmount } from '../amounts/money';
import type { ActionPlan, AmountCell } from '../model/plan';
import { forEachUnplainAmountCell } from '../read/reader';

export interface RuleContext {
  plan: ActionPlan;
  year: number | null;
  target: AmountCell | null;
  /** The exact sum of every monthly effect. */
  total: Decimal;
  /** The exact sum of each month's column. */
  columnSums: Decimal[];
  /** Per effect row, the first month (0–11) with an effect other than 0; 12 when none has. */
  firstEffect: Uint8Array;
  /** Effect rows whose total cell may differ from their months' sum (whole øre could not settle it). */
  totalsToCheck: number[];
  /** Amount cells holding something that is no amount, and amounts stored as text. */
  invalidCells: AmountCell[];
  textCells: AmountCell[];
  /** The position in the plan's initiatives of each initiative number. */
  initiativeByNumber: NumberIndex;
  /** The index of the first effect row with each number. */
  rowByNumber: NumberIndex;
  /** How many initiatives have some text. */
  initiativesWithText: number;
  /** Effect rows whose number an earlier row has too: [row index, the earlier row's index]. */
  duplicateRows: [number, number][];
}

/** Works out, in one pass over the plan's rows, what the rules need. */
export function ruleContext(plan: ActionPlan, year: number | null, target: AmountCell | null): RuleContext {
  const rows = effectRowsOf(plan.monthTable);
  const columnSums = rows.columnSums();
  const firstEffect = new Uint8Array(rows.count);
  const totalsToCheck: number[] = [];
  const rowByNumber = new NumberIndex();
  const duplicateRows: [number, number][] = [];
  for (let i = 0; i < rows.count; i++) {
    firstEffect[i] = rows.firstEffect(i);
    if (rows.hasTotals) {
      const rowOre = rows.rowOre(i);
      const totalOre = rows.totalOre(i);
      const mayDiffer =
        totalOre === undefined
          ? totalMayDiffer(rows.row(i).total, rowOre)
          : Number.isNaN(rowOre) || rowOre !== (totalOre ?? 0);
      if (mayDiffer) totalsToCheck.push(i);
    }
    const number = rows.number(i);
    if (number !== null) {
      const earlier = rowByNumber.get(number);
      if (earlier !== undefined) duplicateRows.push([i, earlier]);
      else rowByNumber.setFirst(number, i);
    }
  }
  const invalidCells: AmountCell[] = [];
  const textCells: AmountCell[] = [];
  forEachUnplainAmountCell(plan, (a) => {
    if (a.source === 'invalid') invalidCells.push(a);
    else if (a.source === 'text') textCells.push(a);
  });
  const initiatives = initiativesOf(plan);
  const initiativeByNumber = new NumberIndex();
  let initiativesWithText = 0;
  for (let i = 0; i < initiatives.count; i++) {
    initiativeByNumber.setFirst(initiatives.number(i), i);
    if (initiatives.filled(i)) initiativesWithText++;
  }
  return {
    plan,
    year,
    target,
    total: columnSums.reduce((a, b) => a.plus(b), new Decimal(0)),
    columnSums,
    firstEffect,
    totalsToCheck,
    invalidCells,
    textCells,
    initiativeByNumber,
    rowByNumber,
    initiativesWithText,
    duplicateRows,
  };
}

/**
 * False when a row's total cell surely matches its months (both in whole øre and equal, or no
 * total cell, or one that is unusable and reported as such); true when it must be checked.
 */
function totalMayDiffer(cell: AmountCell | null, rowOre: number): boolean {
  if (!cell || cell.source === 'invalid') return false;
  if (Number.isNaN(rowOre)) return true;
  if (cell.ore === null) return rowOre !== 0;
  return typeof cell.ore === 'number' ? cell.ore !== rowOre : true;
}

export type Rule = (ctx: RuleContext) => Finding[];

const at = (ctx: RuleContext, code: FindingCode, cell: string, message: string, amounts: Partial<Finding> = {}) =>
  finding(code, ctx.plan.sheet, cell, message, amounts);

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

function notANumberText(a: AmountCell): string {
  if (a.problem === 'precision') return findingText.TOO_MANY_DIGITS(rawText(a));
  if (isCellError(a.raw) && a.raw.stored !== undefined) return findingText.DAMAGED_NUMBER(a.raw.stored);
  return findingText.NOT_A_NUMBER(rawText(a));
}

const NOT_A_NUMBER: Rule = (ctx) =>
  ctx.invalidCells
    .filter((a) => a.problem !== 'uncached')
    .map((a) => at(ctx, 'NOT_A_NUMBER', a.address, notANumberText(a)));

const FORMULA_WITHOUT_RESULT: Rule = (ctx) =>
  ctx.invalidCells
    .filter((a) => a.problem === 'uncached')
    .map((a) => at(ctx, 'FORMULA_WITHOUT_RESULT', a.address, findingText.FORMULA_WITHOUT_RESULT(a.formula ?? '')));

const MONTH_HEADER: Rule = (ctx) =>
  (ctx.plan.monthTable.headerProblems ?? []).map((p) =>
    at(
      ctx,
      'MONTH_HEADER',
      p.address,
      p.month < 0
        ? findingText.MONTH_HEADER_EXTRA(p.found)
        : p.found === ''
          ? findingText.MONTH_HEADER_MISSING(MONTH_LABELS[p.month])
          : findingText.MONTH_HEADER_WRONG(p.found, MONTH_LABELS[p.month]),
    ),
  );

const AMOUNT_AS_DATE: Rule = (ctx) =>
  (ctx.plan.monthTable.dateFormatted ?? []).map((d) => {
    const iso = readDateCell(d.value, ctx.plan.date1904 === true).date;
    return at(ctx, 'AMOUNT_AS_DATE', d.address, findingText.AMOUNT_AS_DATE(iso ? formatDanishDate(iso) : d.format));
  });

const DUPLICATE_NUMBER: Rule = (ctx) => {
  const rows = effectRowsOf(ctx.plan.monthTable);
  return ctx.duplicateRows.map(([i, first]) =>
    at(
      ctx,
      'DUPLICATE_NUMBER',
      rows.row(i).labelAddress,
      findingText.DUPLICATE_NUMBER(rows.number(i)!, rows.row(first).labelAddress),
    ),
  );
};

const NEGATIVE_EFFECT: Rule = (ctx) => {
  const out: Finding[] = [];
  const rows = effectRowsOf(ctx.plan.monthTable);
  for (let i = 0; i < rows.count; i++) {
    const k = rows.firstNegative(i);
    if (k >= 12) continue;
    const row = rows.row(i);
    const cell = row.months[k];
    out.push(at(ctx, 'NEGATIVE_EFFECT', cell.address, findingText.NEGATIVE_EFFECT(row.number, k, cell.value!)));
  }
  return out;
};

const NEGATIVE_TARGET: Rule = (ctx) => {
  const v = ctx.target?.value;
  return v && v.isNegative() && !v.isZero()
    ? [at(ctx, 'NEGATIVE_TARGET', ctx.target!.address, findingText.NEGATIVE_TARGET(v))]
    : [];
};

const ZERO_TARGET: Rule = (ctx) =>
  ctx.target?.value?.isZero() ? [at(ctx, 'ZERO_TARGET', ctx.target.address, findingText.ZERO_TARGET())] : [];

const HIDDEN_PLAN: Rule = (ctx) =>
  ctx.plan.hidden
    ? [
        at(
          ctx,
          'HIDDEN_PLAN',
          ctx.plan.range.split(':')[0],
          findingText.HIDDEN_PLAN(ctx.plan.sheet, ctx.plan.hidden === 'veryHidden'),
        ),
      ]
    : [];

const TEXT_NUMBER: Rule = (ctx) =>
  ctx.textCells
    .filter((a) => a.value)
    .map((a) =>
      at(ctx, 'TEXT_NUMBER', a.address, findingText.TEXT_NUMBER(rawText(a), a.value!), { expected: a.value! }),
    );

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
  const rows = effectRowsOf(ctx.plan.monthTable);
  for (const i of ctx.totalsToCheck) {
    const row = rows.row(i);
    const expected = sumCells(row.months);
    if (totalMismatch(row.total, expected))
      out.push(
        at(
          ctx,
          'ROW_TOTAL_MISMATCH',
          row.total!.address,
          findingText.ROW_TOTAL_MISMATCH(row.number, expected, row.total!.value),
          {
            expected,
            actual: row.total!.value,
            sums: `${row.months[0].address}:${row.months[11].address}`,
          },
        ),
      );
  }
  return out;
};

const COLUMN_TOTAL_MISMATCH: Rule = (ctx) => {
  const table = ctx.plan.monthTable;
  if (!table.totalRow) return [];
  const rows = effectRowsOf(table);
  const span = (k: number) =>
    rows.count > 0 ? `${rows.row(0).months[k].address}:${rows.row(rows.count - 1).months[k].address}` : undefined;
  return table.totalRow.months.flatMap((cell, k) => {
    const expected = ctx.columnSums[k];
    return totalMismatch(cell, expected)
      ? [
          at(ctx, 'COLUMN_TOTAL_MISMATCH', cell.address, findingText.COLUMN_TOTAL_MISMATCH(k, expected, cell.value), {
            expected,
            actual: cell.value,
            sums: span(k),
          }),
        ]
      : [];
  });
};

const GRAND_TOTAL_MISMATCH: Rule = (ctx) => {
  const table = ctx.plan.monthTable;
  const grand = ctx.plan.monthTable.totalRow?.total ?? null;
  if (!grand || !totalMismatch(grand, ctx.total)) return [];
  return [
    at(ctx, 'GRAND_TOTAL_MISMATCH', grand.address, findingText.GRAND_TOTAL_MISMATCH(ctx.total, grand.value), {
      expected: ctx.total,
      actual: grand.value,
      sums: `${table.totalRow!.months[0].address}:${table.totalRow!.months[11].address}`,
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
  const rows = effectRowsOf(ctx.plan.monthTable);
  for (let i = 0; i < rows.count; i++) {
    const early = ctx.firstEffect[i];
    if (early >= startMonth) continue;
    const row = rows.row(i);
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

const hasEffect = (ctx: RuleContext, row: number) => ctx.firstEffect[row] < 12;

const EFFECT_WITHOUT_INITIATIVE: Rule = (ctx) => {
  if (ctx.plan.initiativeHeaderRow === null) return [];
  const out: Finding[] = [];
  const rows = effectRowsOf(ctx.plan.monthTable);
  const initiatives = initiativesOf(ctx.plan);
  for (let i = 0; i < rows.count; i++) {
    if (!hasEffect(ctx, i)) continue;
    const number = rows.number(i);
    const j = number === null ? undefined : ctx.initiativeByNumber.get(number);
    if (j !== undefined && initiatives.filled(j)) continue;
    out.push(
      at(ctx, 'EFFECT_WITHOUT_INITIATIVE', rows.row(i).labelAddress, findingText.EFFECT_WITHOUT_INITIATIVE(number)),
    );
  }
  return out;
};

const INITIATIVE_WITHOUT_EFFECT: Rule = (ctx) => {
  if (ctx.plan.initiativeHeaderRow === null) return [];
  const out: Finding[] = [];
  const initiatives = initiativesOf(ctx.plan);
  for (let j = 0; j < initiatives.count; j++) {
    if (!initiatives.filled(j)) continue;
    const number = initiatives.number(j);
    const row = ctx.rowByNumber.get(number);
    if (row !== undefined && hasEffect(ctx, row)) continue;
    out.push(
      at(ctx, 'INITIATIVE_WITHOUT_EFFECT', initiatives.item(j).address, findingText.INITIATIVE_WITHOUT_EFFECT(number)),
    );
  }
  return out;
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
  const rule = ctx.plan.trigger ?? {
    percent: new Decimal(DEFAULT_TRIGGER.percent),
    amount: new Decimal(DEFAULT_TRIGGER.millions).times(1_000_000),
  };
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
  MONTH_HEADER,
  NOT_A_NUMBER,
  FORMULA_WITHOUT_RESULT,
  TEXT_NUMBER,
  AMOUNT_AS_DATE,
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
  DUPLICATE_NUMBER,
  NEGATIVE_EFFECT,
  NEGATIVE_TARGET,
  ZERO_TARGET,
  PLAN_TRIGGER,
  HIDDEN_PLAN,
];

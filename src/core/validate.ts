import type Decimal from 'decimal.js';
import { findingText } from './text/da';
import { finding, type Finding } from './model/findings';
import { Grid, type WorkbookSnapshot } from './model/grid';
import type { ActionPlan } from './model/plan';
import { planRows, planYear, rowsOfRange, targetOf } from './model/planQueries';

/** Plan questions, asked of the validator by earlier callers; they live in planQueries. */
export { planRows, planTotal, planYear, targetOf } from './model/planQueries';
import { readActivityTables } from './tables/activity';
import { readPriceTables } from './tables/priceTables';
import { readTotalTables } from './tables/countTables';
import { readStatusTables } from './tables/status';
import { readBudgetTables } from './tables/budgetTables';
import { readMultiYearTables, type OtherTable } from './tables/otherTables';
import { readCaseLists, unmatchedMeasures } from './tables/caseList';
import { readActionPlans, sheetsInReadingOrder } from './read/reader';
import { PLAN_RULES, ruleContext, type RuleContext } from './rules/rules';

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
  /** The other tables of spec §7. */
  tables: OtherTable[];
  findings: Finding[];
}

/** What the rules work out once: the target, the totals, initiatives and rows by number. */
function context(plan: ActionPlan): RuleContext {
  return ruleContext(plan, planYear(plan), targetOf(plan));
}

function summary(ctx: RuleContext): PlanSummary {
  const { plan } = ctx;
  let withEffect = 0;
  for (let i = 0; i < ctx.firstEffect.length; i++) if (ctx.firstEffect[i] < 12) withEffect++;
  return {
    year: ctx.year,
    target: ctx.target?.value ?? null,
    total: ctx.total,
    initiatives: plan.initiativeHeaderRow === null ? withEffect : ctx.initiativesWithText,
    startDate: plan.startDate?.date ?? null,
    updatedDate: plan.updatedDate?.date ?? null,
  };
}

export function validatePlan(plan: ActionPlan): Finding[] {
  const ctx = context(plan);
  return PLAN_RULES.flatMap((rule) => rule(ctx));
}

/** True when some cell in the rows holds a formula: its cached result is what the rules trust. */
function holdsFormulas(g: Grid, rows: { top: number; bottom: number }): boolean {
  for (let r = rows.top; r <= rows.bottom; r++) if (g.rowHasFormulas(r)) return true;
  return false;
}

/** Validates every plan and table in the workbook (or on one sheet); NO_PLAN when there is none. */
export function validateWorkbook(workbook: WorkbookSnapshot, options: { sheet?: string } = {}): WorkbookResult {
  const sheets = sheetsInReadingOrder(workbook, options.sheet);
  const plans: PlanResult[] = [];
  const tables: OtherTable[] = [];
  const statusSheets = [];
  for (const sheet of sheets) {
    if (sheet.unread) continue;
    // The add-in's own sheets hold no plan; a status sheet among them is checked below.
    if (sheet.ownedByAddin) {
      statusSheets.push(sheet);
      continue;
    }
    const g = new Grid(sheet);
    const onSheet = readActionPlans(g);
    for (const plan of onSheet) {
      const ctx = context(plan);
      const found = PLAN_RULES.flatMap((rule) => rule(ctx));
      if (workbook.calculation === 'manual' && holdsFormulas(g, planRows(plan)))
        found.push(
          finding('MANUAL_CALCULATION', plan.sheet, plan.range.split(':')[0], findingText.MANUAL_CALCULATION()),
        );
      plans.push({ plan, summary: summary(ctx), findings: found });
    }
    // No other table lies inside a plan: its rows need not be looked through again.
    g.labels().skipRows(onSheet.map((p) => planRows(p)));
    // The most specific tables first; each claims its rows, so a later reader does not take
    // them for another kind (an activity header also names Budget, Prognose and Afvigelse).
    const readers = [
      readCaseLists,
      readActivityTables,
      readPriceTables,
      readMultiYearTables,
      readBudgetTables,
      readTotalTables,
    ];
    for (const read of readers) {
      const found = read(g);
      g.labels().skipRows(found.map((t) => rowsOfRange(t.range)));
      tables.push(...found);
    }
  }
  for (const sheet of statusSheets)
    tables.push(
      ...readStatusTables(
        new Grid(sheet),
        plans.map((p) => p.plan),
      ),
    );
  unmatchedMeasures(tables);
  const findings = [...plans.flatMap((p) => p.findings), ...tables.flatMap((t) => t.findings)];
  if (plans.length === 0 && tables.length === 0) {
    const sheet = sheets[0]?.name ?? workbook.sheets[0]?.name ?? '';
    findings.push(finding('NO_PLAN', sheet, 'A1', findingText.NO_PLAN()));
  }
  return { plans, tables, findings };
}

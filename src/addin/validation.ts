import type { WorkbookAdapter } from '../core/model/adapter';
import type { WorkbookSnapshot } from '../core/model/grid';
import type { PlanResult, WorkbookResult } from '../core/validate';

/**
 * The validator (readers, rules, every table kind) in a chunk of its own: fetched as soon as the
 * pane starts, while Office and the first read of the workbook are under way, so that the pane
 * itself is on screen sooner.
 */
let validator: Promise<typeof import('../core/validate').validateWorkbook> | null = null;
export const loadValidator = () =>
  (validator ??= import(/* webpackChunkName: "validate" */ '../core/validate').then((m) => m.validateWorkbook));

export interface ValidationRun {
  snapshot: WorkbookSnapshot;
  result: WorkbookResult;
  /** When the workbook was read. */
  readAt: Date;
  /** Every sheet was read (not only the active one or the plan's). */
  whole: boolean;
}

const run = (snapshot: WorkbookSnapshot, result: WorkbookResult, whole: boolean): ValidationRun => ({
  snapshot,
  result,
  readAt: new Date(),
  whole,
});

const everySheetRead = (s: WorkbookSnapshot) => s.sheets.every((sheet) => !sheet.unread);

/** The active sheet first (one read); the whole workbook only when it holds no plan. */
export async function validateActiveWorkbook(adapter: WorkbookAdapter): Promise<ValidationRun> {
  const [active, validateWorkbook] = await Promise.all([adapter.readActiveSheet(), loadValidator()]);
  // A reading of every sheet (browser mode) is validated whole: every plan and table in it.
  if (everySheetRead(active)) return run(active, validateWorkbook(active), true);
  const activeOnly = active.activeSheet ? validateWorkbook(active, { sheet: active.activeSheet }) : null;
  if (activeOnly && activeOnly.plans.length > 0) return run(active, activeOnly, false);
  return validateAllSheets(adapter);
}

/** Every sheet of the workbook ("Søg i alle ark"). */
export async function validateAllSheets(adapter: WorkbookAdapter): Promise<ValidationRun> {
  const [all, validateWorkbook] = await Promise.all([adapter.readAllSheets(), loadValidator()]);
  return run(all, validateWorkbook(all), true);
}

/**
 * After a write: these sheets again (one read in Excel), validated; a reading of the whole
 * workbook stays whole.
 */
export async function validateSheets(
  adapter: WorkbookAdapter,
  sheets: string[],
  previous: ValidationRun | null,
): Promise<ValidationRun> {
  if (adapter.capabilities.readsWholeWorkbook || previous?.whole) return validateAllSheets(adapter);
  const [read, validateWorkbook] = await Promise.all([adapter.readSheets([...new Set(sheets)]), loadValidator()]);
  return run(read, validateWorkbook(read), everySheetRead(read));
}

/** A plan's identity across readings: its sheet and where it starts. */
export const planKey = (p: PlanResult) => `${p.plan.sheet}!${p.plan.range.split(':')[0]}`;

export const errorCount = (p: PlanResult) => p.findings.filter((f) => f.severity === 'error').length;

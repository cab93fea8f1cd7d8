import type { WorkbookAdapter } from '../core/adapter';
import type { WorkbookSnapshot } from '../core/grid';
import { validateWorkbook, type WorkbookResult } from '../core/validate';

export interface ValidationRun {
  snapshot: WorkbookSnapshot;
  result: WorkbookResult;
}

/** The active sheet first (one read); the whole workbook only when it holds no plan. */
export async function validateActiveWorkbook(adapter: WorkbookAdapter): Promise<ValidationRun> {
  const active = await adapter.readActiveSheet();
  const activeOnly = active.activeSheet ? validateWorkbook(active, { sheet: active.activeSheet }) : null;
  if (activeOnly && activeOnly.plans.length > 0) return { snapshot: active, result: activeOnly };
  const all = adapter.capabilities.readsWholeWorkbook ? active : await adapter.readAllSheets();
  return { snapshot: all, result: validateWorkbook(all) };
}

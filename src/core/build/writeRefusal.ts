/**
 * The one write-refusal policy of both adapters (Office.js and .xlsx): before anything is
 * written, the workbook must still be what was validated, its structure open to new sheets if
 * the write adds some, and no protected sheet asked to change a locked cell, take a new row or
 * be replaced. Each adapter gathers the facts its own way; the verdict is this one.
 */
import { WorkbookError } from '../model/adapter';
import type { WorkbookSnapshot } from '../model/grid';
import { staleProblems, type FreshSheet } from './writeGuard';
import type { SheetAction, WritePlan } from './writePlan';

export interface WriteFacts {
  /** The sheets the write depends on, as they are now (null: gone). */
  fresh: Map<string, FreshSheet | null>;
  /** The workbook's structure is protected: no sheet may be added, removed or renamed. */
  structureProtected: boolean;
  /** Each sheet as it is now: whether it is protected. */
  sheets: { name: string; protected: boolean }[];
  /** Whether a cell is locked under its sheet's protection (Excel's default for every cell). */
  locked: (sheet: string, address: string) => boolean;
}

/** Why the write must not go ahead, or null. `actions`: the plan's sheet actions as resolved. */
export function writeRefusal(
  plan: WritePlan,
  before: WorkbookSnapshot,
  facts: WriteFacts,
  actions: readonly SheetAction[],
): WorkbookError | null {
  const problems = staleProblems(plan, before, facts.fresh);
  if (problems.length) return new WorkbookError('Stale', { where: problems[0] });
  if (facts.structureProtected && actions.length > 0) return new WorkbookError('WorkbookProtected');
  const made = new Set(plan.sheets.map((s) => s.name));
  const replaced = actions.filter((a) => a.action === 'replace').map((a) => a.name);
  // A template protects its sheet and unlocks the input cells: only a locked cell, a new row
  // (the history), or a replaced sheet makes a protected sheet refuse the write.
  const needsUnlocked = new Set([...(plan.appends ?? []).map((a) => a.sheet), ...replaced]);
  for (const s of facts.sheets) {
    if (!s.protected) continue;
    if (needsUnlocked.has(s.name)) return new WorkbookError('SheetProtected', { sheet: s.name });
    if (made.has(s.name)) continue;
    if (plan.cells.some((c) => c.sheet === s.name && facts.locked(s.name, c.address)))
      return new WorkbookError('SheetProtected', { sheet: s.name });
  }
  return null;
}

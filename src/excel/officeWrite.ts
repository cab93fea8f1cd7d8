/**
 * The write half of the Office adapter, loaded on the first write: the check, the queued write
 * and its undo.
 */
import { WorkbookError } from '../core/model/adapter';
import type { WorkbookSnapshot } from '../core/model/grid';
import { resolveSheetActions } from '../core/build/sheetNames';
import { type WriteOutcome, type WritePlan } from '../core/build/writePlan';
import { toWorkbookError, type ApiSupport, type ExcelRun } from './officeAdapter';
import { checkWrite, refuseUnsafeWrite } from './write/check';
import { queueWritePlan } from './write/queue';
import { rollback } from './write/rollback';

export { isFormula } from './write/check';
export { excelValue, widthInPoints, OPERATION_BYTES, WRITE_SYNC_BYTES } from './write/queue';

/**
 * Applies a write plan as a transaction: one sync checks that the workbook is still what was
 * validated (and loads what an undo needs), one sync writes it all. A write that fails at any
 * operation is undone: sheets it made are deleted by their ids, renamed sheets get their
 * names and places back, names and cells are restored, and the original error is kept.
 */
export async function applyWritePlan(
  run: ExcelRun,
  supports: ApiSupport,
  plan: WritePlan,
  before: WorkbookSnapshot,
): Promise<WriteOutcome> {
  // Ctrl+Z after a failed write: with ExcelApi 1.20 the write and its undo are one undo record
  // (mergeUndoGroup), so one Ctrl+Z returns to the workbook as it was before, never to a half
  // write. A write that creates, renames or moves sheets uses APIs Excel cannot undo (they clear
  // the undo history, and inside a merged group they fail with UndoNotSupported): it runs without
  // the group, and its undo ends with such a call, so no half-written state is left to Ctrl+Z.
  const merge = supports('1.20') && plan.sheets.length === 0;
  try {
    return await run(
      async (context) => {
        const check = await checkWrite(context, plan, before, supports('1.7'));
        const resolved = resolveSheetActions(
          plan,
          check.sheets.map((s) => ({ name: s.name, ownedByAddin: check.owned.has(s.name) })),
        );
        refuseUnsafeWrite(plan, before, check, resolved.actions);
        try {
          await queueWritePlan(context, plan, resolved.actions, check, {
            conditionalFormats: supports('1.6'),
            pageLayout: supports('1.9'),
            views: supports('1.7'),
          });
          await context.sync();
        } catch (error) {
          try {
            await rollback(context, check);
          } catch (rollbackError) {
            throw new WorkbookError('RollbackFailed', {}, { error, rollbackError });
          }
          throw error;
        }
        return { sheetNames: resolved.names, notes: resolved.notes };
      },
      merge ? { mergeUndoGroup: true } : undefined,
    );
  } catch (e) {
    const error = toWorkbookError(e);
    // Where the write and its undo are two undo records, Ctrl+Z would bring the half write back.
    if (!merge && plan.sheets.length === 0 && error.code !== 'Stale') error.params.undoWarning = 'yes';
    throw error;
  }
}

/** A cell as the check found it, to compare and to restore. */

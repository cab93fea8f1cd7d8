import type { WorkbookSnapshot } from './grid';
import type { WritePlan } from './writePlan';

/**
 * What the task pane needs from a workbook, whether it is the live one in Excel (Office.js)
 * or an .xlsx file opened in a plain browser (ExcelJS).
 */
export interface WorkbookAdapter {
  readonly kind: 'excel' | 'browser';
  /** The active sheet with the names of all sheets (other sheets empty). */
  readActiveSheet(): Promise<WorkbookSnapshot>;
  /** Every sheet. */
  readAllSheets(): Promise<WorkbookSnapshot>;
  selectCell(sheet: string, address: string): Promise<void>;
  /** Writes a plan; `before` is the snapshot the plan was built from (sheet order, marks). */
  applyWritePlan(plan: WritePlan, before: WorkbookSnapshot): Promise<void>;
}

/** A failure the user can act on; `message` is Danish and shown as it is. */
export class WorkbookError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    /** The original error, for the developer console; never shown to the user. */
    readonly detail?: unknown,
  ) {
    super(message);
  }
}

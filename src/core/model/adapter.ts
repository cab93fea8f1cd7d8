import type { WorkbookSnapshot } from './grid';
import type { WriteOutcome, WritePlan } from '../build/writePlan';

/** What an adapter can do, computed by the adapter itself, so the pane never asks the host. */
export interface AdapterCapabilities {
  /** Copy a sheet with its layout (Excel: ExcelApi 1.7). */
  canCopySheets: boolean;
  /** Tell when the user changes a sheet (Excel: onChanged, ExcelApi 1.7). */
  canWatchChanges: boolean;
  /** Offer the changed workbook as a file (browser mode). */
  canDownload: boolean;
  /**
   * Save a file the add-in makes (the status report) through the browser's download. Not in
   * Office on Mac, whose web view ignores downloads (office-js issues #2700, #4681).
   */
  canSaveFiles: boolean;
  /** Every read returns the whole workbook (a file in memory); no cheaper partial read. */
  readsWholeWorkbook: boolean;
  /**
   * The host keeps an undo history that a write touches (Excel): creating, renaming or moving a
   * sheet clears it (those calls cannot be undone), which the preview says before the user confirms.
   */
  undoHistory?: boolean;
}

/**
 * What the task pane needs from a workbook, whether it is the live one in Excel (Office.js)
 * or an .xlsx file opened in a plain browser.
 */
export interface WorkbookAdapter {
  readonly capabilities: AdapterCapabilities;
  /** The active sheet with the names of all sheets (other sheets unread). */
  readActiveSheet(): Promise<WorkbookSnapshot>;
  /** One sheet by name, with the names of all sheets. */
  readSheet(name: string): Promise<WorkbookSnapshot>;
  /** These sheets (in one round trip where the host allows), with the names of all sheets. */
  readSheets(names: string[]): Promise<WorkbookSnapshot>;
  /** Every sheet. */
  readAllSheets(): Promise<WorkbookSnapshot>;
  selectCell(sheet: string, address: string): Promise<void>;
  /**
   * Writes a plan as one transaction: checks first that the workbook is still `before` where the
   * plan depends on it, and leaves the workbook as it was if anything fails.
   */
  applyWritePlan(plan: WritePlan, before: WorkbookSnapshot): Promise<WriteOutcome>;
  /** Calls back when the user changes the sheet; returns a function that stops watching. */
  watchSheet?(sheet: string, onChange: () => void): Promise<() => Promise<void>>;
}

/** Excel's own error codes (Excel.ErrorCodes), as office-js reports them. */
export const EXCEL_ERROR_CODES = [
  'AccessDenied',
  'ApiNotFound',
  'Conflict',
  'DirtySupportingFormula',
  'EmptyChartSeries',
  'FilteredRangeConflict',
  'FormulaLengthExceedsLimit',
  'GeneralException',
  'InactiveWorkbook',
  'InsertDeleteConflict',
  'InvalidArgument',
  'InvalidBinding',
  'InvalidOperation',
  'InvalidOperationInCellEditMode',
  'InvalidReference',
  'InvalidSelection',
  'ItemAlreadyExists',
  'ItemNotFound',
  'MergedRangeConflict',
  'NonBlankCellOffSheet',
  'NotImplemented',
  'OpenWorkbookLinksBlocked',
  'OperationCellsExceedLimit',
  'PivotTableRangeConflict',
  'PowerQueryRefreshResourceChallenge',
  'RangeExceedsLimit',
  'RangeImageExceedsLimit',
  'RefreshWorkbookLinksBlocked',
  'RequestAborted',
  'RequestPayloadSizeLimitExceeded',
  'ResponsePayloadSizeLimitExceeded',
  'UnsupportedFeature',
  'UnsupportedFillType',
  'UnsupportedOperation',
  'UnsupportedSheet',
] as const;

/** The add-in's own: a write refused or undone, and anything unforeseen. */
export const ADDIN_ERROR_CODES = [
  'StrictWorkbook',
  'SheetLost',
  'Stale',
  'SheetProtected',
  'WorkbookProtected',
  'RollbackFailed',
  'Unknown',
] as const;

/** What the .xlsx writer refuses or fails with (the command line has a message for each). */
export const XLSX_WRITE_CODES = [
  'StrictWorkbook',
  'Stale',
  'SheetProtected',
  'WorkbookProtected',
  'SheetLost',
  'ItemNotFound',
  'InvalidArgument',
] as const satisfies readonly (ExcelErrorCode | AddinErrorCode)[];
export type XlsxWriteCode = (typeof XLSX_WRITE_CODES)[number];

export type ExcelErrorCode = (typeof EXCEL_ERROR_CODES)[number];
export type AddinErrorCode = (typeof ADDIN_ERROR_CODES)[number];
export type WorkbookErrorCode = ExcelErrorCode | AddinErrorCode;

const KNOWN: ReadonlySet<string> = new Set([...EXCEL_ERROR_CODES, ...ADDIN_ERROR_CODES]);

/** A code as a host reports it, as one of ours ("Unknown" for one we have no message for). */
export function workbookErrorCode(code: string | null | undefined): WorkbookErrorCode {
  return code && KNOWN.has(code) ? (code as WorkbookErrorCode) : 'Unknown';
}

/**
 * A failure the user can act on: Excel's error code or one of the add-in's own, typed, so that
 * the pane and the command line have a Danish message for every one (a missing message is a
 * compile error). `detail` keeps the original error.
 */
export class WorkbookError extends Error {
  constructor(
    readonly code: WorkbookErrorCode,
    readonly params: Record<string, string> = {},
    /** The original error (and a failed undo's), for the developer console; never shown. */
    readonly detail?: unknown,
  ) {
    super(code);
  }
}

import type ExcelJS from 'exceljs';
import type { AdapterCapabilities, WorkbookAdapter } from '../core/adapter';
import type { WorkbookSnapshot } from '../core/grid';
import type { WriteOutcome, WritePlan } from '../core/writePlan';
import { snapshotWorkbook } from './read';
import { applyWritePlanToXlsx, saveXlsx } from './write';

/** The workbook adapter over an .xlsx file held in memory (browser mode). */
export class XlsxWorkbookAdapter implements WorkbookAdapter {
  readonly capabilities: AdapterCapabilities = {
    canCopySheets: true,
    canWatchChanges: false,
    canDownload: true,
    readsWholeWorkbook: true,
  };
  private snapshot: WorkbookSnapshot | null = null;

  constructor(
    readonly workbook: ExcelJS.Workbook,
    private readonly onSelect: (sheet: string, address: string) => void,
  ) {}

  /** A file is read whole; there is no cheaper "active sheet only" read. */
  async readActiveSheet(): Promise<WorkbookSnapshot> {
    return this.readAllSheets();
  }

  async readSheet(): Promise<WorkbookSnapshot> {
    return this.readAllSheets();
  }

  async readAllSheets(): Promise<WorkbookSnapshot> {
    this.snapshot ??= snapshotWorkbook(this.workbook);
    return this.snapshot;
  }

  async selectCell(sheet: string, address: string): Promise<void> {
    this.onSelect(sheet, address);
  }

  async applyWritePlan(plan: WritePlan): Promise<WriteOutcome> {
    applyWritePlanToXlsx(this.workbook, plan);
    this.snapshot = null;
    return { sheetNames: Object.fromEntries(plan.sheets.map((s) => [s.name, s.name])), notes: [] };
  }

  async save(): Promise<Uint8Array> {
    return saveXlsx(this.workbook);
  }
}

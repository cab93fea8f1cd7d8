import type ExcelJS from 'exceljs';
import type { WorkbookAdapter } from '../core/adapter';
import type { WorkbookSnapshot } from '../core/grid';
import type { WritePlan } from '../core/writePlan';
import { snapshotWorkbook } from './read';
import { applyWritePlanToXlsx, saveXlsx } from './write';

/** The workbook adapter over an .xlsx file held in memory (browser mode). */
export class XlsxWorkbookAdapter implements WorkbookAdapter {
  readonly kind = 'browser' as const;
  private snapshot: WorkbookSnapshot | null = null;

  constructor(
    readonly workbook: ExcelJS.Workbook,
    private readonly onSelect: (sheet: string, address: string) => void,
  ) {}

  /** A file is read whole; there is no cheaper "active sheet only" read. */
  async readActiveSheet(): Promise<WorkbookSnapshot> {
    return this.readAllSheets();
  }

  async readAllSheets(): Promise<WorkbookSnapshot> {
    this.snapshot ??= snapshotWorkbook(this.workbook);
    return this.snapshot;
  }

  async selectCell(sheet: string, address: string): Promise<void> {
    this.onSelect(sheet, address);
  }

  async applyWritePlan(plan: WritePlan): Promise<void> {
    applyWritePlanToXlsx(this.workbook, plan);
    this.snapshot = null;
  }

  async save(): Promise<Uint8Array> {
    return saveXlsx(this.workbook);
  }
}

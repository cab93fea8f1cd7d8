import type { AdapterCapabilities, WorkbookAdapter } from '../core/model/adapter';
import type { WorkbookSnapshot } from '../core/model/grid';
import type { WriteOutcome, WritePlan } from '../core/build/writePlan';
import { Package, type Inflater } from './package';
import { readWorkbook } from './read';
import { writePackage } from './write';
import type { Deflate } from './zip';

/**
 * The workbook adapter over an .xlsx file held in memory (browser mode). A write patches the
 * package into a new one, checked against the snapshot it was planned on; the old one stays
 * until the new one is complete.
 */
export class XlsxWorkbookAdapter implements WorkbookAdapter {
  readonly capabilities: AdapterCapabilities = {
    canCopySheets: true,
    canWatchChanges: false,
    canDownload: true,
    canSaveFiles: true,
    readsWholeWorkbook: true,
  };
  private pkg: Package;
  /** The reading of the bytes held, shared by every caller (the pane and the grid ask at once after a write). */
  private snapshot: Promise<WorkbookSnapshot> | null = null;

  constructor(
    data: Uint8Array,
    private readonly zlib: { inflate: Inflater; deflate: Deflate },
    private readonly onSelect: (sheet: string, address: string) => void,
    options: {
      /** The reading already made of these bytes (browser mode reads before it opens). */
      snapshot?: WorkbookSnapshot;
      /** How the bytes are read (browser mode: in a Web Worker); on this thread by default. */
      read?: (data: Uint8Array) => Promise<WorkbookSnapshot>;
    } = {},
  ) {
    this.pkg = new Package(data, zlib.inflate);
    this.snapshot = options.snapshot ? Promise.resolve(options.snapshot) : null;
    this.read = options.read ?? null;
  }
  private readonly read: ((data: Uint8Array) => Promise<WorkbookSnapshot>) | null;

  /** A file is read whole: every worksheet, so the grid can show any of them. */
  async readActiveSheet(): Promise<WorkbookSnapshot> {
    return this.readAllSheets();
  }

  async readSheet(): Promise<WorkbookSnapshot> {
    return this.readAllSheets();
  }

  async readSheets(): Promise<WorkbookSnapshot> {
    return this.readAllSheets();
  }

  async readAllSheets(): Promise<WorkbookSnapshot> {
    const reading = (this.snapshot ??= this.read ? this.read(this.pkg.data) : readWorkbook(this.pkg, { all: true }));
    // A failed reading is not kept: the next call reads again.
    return reading.catch((e) => {
      if (this.snapshot === reading) this.snapshot = null;
      throw e;
    });
  }

  async selectCell(sheet: string, address: string): Promise<void> {
    this.onSelect(sheet, address);
  }

  async applyWritePlan(plan: WritePlan, before: WorkbookSnapshot): Promise<WriteOutcome> {
    const { data, outcome } = await writePackage(this.pkg, plan, before, this.zlib.deflate);
    this.pkg = new Package(data, this.zlib.inflate);
    this.snapshot = null;
    return outcome;
  }

  /** Whether the workbook holds macros (.xlsm): its download keeps that kind. */
  async isMacroWorkbook(): Promise<boolean> {
    return (await this.pkg.workbook()).macro;
  }

  /** The workbook as it is now, as .xlsx bytes. */
  bytes(): Uint8Array {
    return this.pkg.data;
  }
}

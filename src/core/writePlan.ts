/**
 * A write plan is data: what an adapter must write. Builders in the core return one and
 * never write themselves, so the same plan serves Office.js and the .xlsx adapter.
 */

export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  fontSize?: number;
  fontColor?: string;
  /** Background colour, "#RRGGBB". */
  fill?: string;
  wrap?: boolean;
  horizontal?: 'left' | 'center' | 'right';
  verticalTop?: boolean;
  borderBottom?: boolean;
}

export type WriteValue = string | number | null;

export interface CellWrite {
  sheet: string;
  address: string;
  /** The value, or for a formula the result we expect (written as the cached result in .xlsx). */
  value?: WriteValue;
  formula?: string;
  numberFormat?: string;
  style?: CellStyle;
}

export interface SheetAction {
  /** create: a new sheet; replace: an add-in sheet that exists is cleared and rewritten. */
  action: 'create' | 'replace';
  name: string;
  /** Place the new sheet right after this one. */
  after?: string;
  /** Create the sheet as a copy of this one (layout, styles, contents), then apply the cells. */
  copyOf?: string;
  activate?: boolean;
  /** Mark the sheet as the add-in's own, so later runs may replace it. */
  owned: boolean;
  columnWidths?: { col: number; width: number }[];
}

/**
 * A line chart over one block of cells: a header row, category labels in the first column and
 * one series per further column. One contiguous source keeps Office.js at ExcelApi 1.1
 * (charts.add) instead of 1.7 (series.add).
 */
export interface ChartSpec {
  sheet: string;
  name: string;
  title: string;
  type: 'line';
  /** A1 range on the chart's sheet, header row included. */
  source: string;
  /** Top-left and bottom-right cells the chart covers. */
  from: string;
  to: string;
}

/** A row added below the last used row of a sheet (the history log). */
export interface RowAppend {
  sheet: string;
  values: WriteValue[];
  numberFormats?: (string | null)[];
}

export interface WritePlan {
  sheets: SheetAction[];
  cells: CellWrite[];
  charts: ChartSpec[];
  appends?: RowAppend[];
}

export function mergeWritePlans(...plans: WritePlan[]): WritePlan {
  return {
    sheets: plans.flatMap((p) => p.sheets),
    cells: plans.flatMap((p) => p.cells),
    charts: plans.flatMap((p) => p.charts),
    appends: plans.flatMap((p) => p.appends ?? []),
  };
}

/** The ownership mark: a workbook-level name the add-in keeps per sheet it created. */
export const OWNER_MARK_PREFIX = 'HANDLEPLAN_ADDIN_';

/** The mark's name for a sheet: stable, so writing again finds and reuses it. */
export function ownerMarkName(sheet: string): string {
  let h = 0x811c9dc5;
  for (const ch of sheet) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${OWNER_MARK_PREFIX}${h.toString(16).toUpperCase().padStart(8, '0')}`;
}

export const NUMBER_FORMAT = '#,##0';
export const DATE_FORMAT = 'dd-mm-yyyy';
export const PERCENT_FORMAT = '0.0%';

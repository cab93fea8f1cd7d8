import type Decimal from 'decimal.js';
import { toA1 } from '../model/a1';
import { sheetText } from '../text/da';
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
  /** Rules that colour cells by a formula (a traffic light); on sheets the plan creates. */
  conditionalFormats?: ConditionalFormat[];
  /** How the sheet prints; on sheets the plan creates. */
  page?: PageSetup;
  /** Rows kept in view at the top while scrolling (a header), counted from row 1. */
  freezeRows?: number;
  /** A range given filter buttons on its header row, e.g. A3:P40. */
  autoFilter?: string;
}

/**
 * A conditional format: where the formula, written for the range's top-left cell with relative
 * references, is true, the cell gets the fill (and font colour).
 */
export interface ConditionalFormat {
  range: string;
  /** Without "=", e.g. AND(ISNUMBER($G7),$G7>=$B$4). */
  formula: string;
  fill: string;
  fontColor?: string;
}

export interface PageSetup {
  landscape?: boolean;
  paper?: 'A4';
  /** Rows repeated at the top of each printed page, 1-based: [first, last]. */
  titleRows?: [number, number];
  /** Shrink to one page wide. */
  fitToWidth?: boolean;
}

/**
 * A chart (lines, or clustered columns) over one block of cells: a header row, category labels
 * in the first column and one series per further column. One contiguous source keeps Office.js at ExcelApi 1.1
 * (charts.add) instead of 1.7 (series.add).
 */
export interface ChartSpec {
  sheet: string;
  name: string;
  title: string;
  type: 'line' | 'column';
  /** The value axis's number format (default #,##0). */
  valueFormat?: string;
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

/**
 * What must still be as it was validated for a write to go ahead: the sheet's used range and
 * these cells (besides every cell the write overwrites, which is always compared).
 */
export interface SheetGuard {
  sheet: string;
  cells: string[];
}

export interface WritePlan {
  sheets: SheetAction[];
  /** A string value is text, always: adapters never let Excel take it for a formula or number. */
  cells: CellWrite[];
  charts: ChartSpec[];
  appends?: RowAppend[];
  guards?: SheetGuard[];
}

export function mergeWritePlans(...plans: WritePlan[]): WritePlan {
  const guards = new Map<string, Set<string>>();
  for (const g of plans.flatMap((p) => p.guards ?? [])) {
    const set = guards.get(g.sheet) ?? new Set<string>();
    for (const c of g.cells) set.add(c);
    guards.set(g.sheet, set);
  }
  return {
    sheets: plans.flatMap((p) => p.sheets),
    cells: plans.flatMap((p) => p.cells),
    charts: plans.flatMap((p) => p.charts),
    appends: plans.flatMap((p) => p.appends ?? []),
    guards: [...guards].map(([sheet, cells]) => ({ sheet, cells: [...cells] })),
  };
}

/** What a write did: the sheets it made, under the names they got (a name may have been taken since). */
export interface WriteOutcome {
  /** Planned sheet name → the name it was written under. */
  sheetNames: Record<string, string>;
  notes: string[];
}

/** The ownership mark: a workbook-level name the add-in keeps per sheet it created. */
export const OWNER_MARK_PREFIX = 'HANDLEPLAN_ADDIN_';

/**
 * A mark's name for a sheet: the prefix, a hash of the sheet's name and, where that name is
 * taken (a sheet being replaced keeps its mark until the very end of the write), a counter.
 * Marks are recognised by what they refer to, so the name only has to be free.
 */
export function ownerMarkName(sheet: string, taken: ReadonlySet<string> = new Set()): string {
  let h = 0x811c9dc5;
  for (const ch of sheet) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  const base = `${OWNER_MARK_PREFIX}${h.toString(16).toUpperCase().padStart(8, '0')}`;
  const upper = new Set([...taken].map((n) => n.toUpperCase()));
  let name = base;
  for (let n = 2; upper.has(name.toUpperCase()); n++) name = `${base}_${n}`;
  return name;
}

/** The sheet a mark refers to, from its reference text ("='Fremskrivning 2021'!$A$1"). */
export function markedSheet(reference: string): string | null {
  const m = /^=?(?:'((?:[^']|'')*)'|([^!'=]+))!/.exec(reference.trim());
  if (!m) return null;
  return m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
}

/** The sheet a defined name marks as the add-in's, or null when the name is no owner mark. */
export function ownerMarkSheet(name: string, reference: unknown): string | null {
  return name.toUpperCase().startsWith(OWNER_MARK_PREFIX) ? markedSheet(String(reference)) : null;
}

/** Whether a defined name is one of the add-in's owner marks. */
export const isOwnerMark = (name: string) => name.toUpperCase().startsWith(OWNER_MARK_PREFIX);

/** The sheets the add-in owns: those the workbook's owner marks refer to. */
export function ownedSheets(names: readonly { name: string; value: unknown }[]): Set<string> {
  const owned = new Set<string>();
  for (const n of names) {
    const sheet = ownerMarkSheet(n.name, n.value);
    if (sheet !== null) owned.add(sheet);
  }
  return owned;
}

/** Excel holds at most this many characters in a cell. */
export const MAX_CELL_TEXT = 32_767;

/**
 * Cuts every text of the plan that is longer than a cell can hold, in place, and returns a
 * Danish note for each cell that was cut.
 */
export function fitTexts(plan: WritePlan): string[] {
  const notes: string[] = [];
  for (const c of plan.cells) {
    if (typeof c.value === 'string' && !c.formula && c.value.length > MAX_CELL_TEXT) {
      notes.push(sheetText.textCut(c.sheet, c.address, c.value.length, MAX_CELL_TEXT));
      c.value = c.value.slice(0, MAX_CELL_TEXT);
    }
  }
  for (const a of plan.appends ?? [])
    a.values = a.values.map((v) => (typeof v === 'string' && v.length > MAX_CELL_TEXT ? v.slice(0, MAX_CELL_TEXT) : v));
  return notes;
}

export const NUMBER_FORMAT = '#,##0';
export const DATE_FORMAT = 'dd-mm-yyyy';
export const PERCENT_FORMAT = '0.0%';

/**
 * Collects the cells of a sheet a builder makes: values with their look, and formulas with the
 * core's figure as the cached result (kept in `expected`, to check a spreadsheet engine against;
 * a formula whose result is text is written with that text and not checked).
 */
export function sheetCells(sheet: string) {
  const cells: CellWrite[] = [];
  const expected = new Map<string, Decimal>();
  const at = (r: number, c: number) => toA1(r, c);
  return {
    cells,
    expected,
    put(r: number, c: number, value: WriteValue | boolean, style?: CellStyle, numberFormat?: string) {
      cells.push({
        sheet,
        address: at(r, c),
        value: typeof value === 'boolean' ? String(value) : value,
        ...(style ? { style } : {}),
        ...(numberFormat ? { numberFormat } : {}),
      });
    },
    formula(r: number, c: number, f: string, value: Decimal | string, numberFormat?: string, style?: CellStyle) {
      cells.push({
        sheet,
        address: at(r, c),
        formula: `=${f}`,
        value: typeof value === 'string' ? value : value.toNumber(),
        ...(numberFormat ? { numberFormat } : {}),
        ...(style ? { style } : {}),
      });
      if (typeof value !== 'string') expected.set(at(r, c), value);
    },
  };
}

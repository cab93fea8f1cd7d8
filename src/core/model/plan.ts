import type Decimal from 'decimal.js';
import type { CellValue } from './grid';

/** One cell where an amount belongs, as read. `value` is null when empty or unusable. */
export interface AmountCell {
  row: number;
  col: number;
  address: string;
  value: Decimal | null;
  /**
   * The amount in whole øre when that is exact and safe to add as a number (most amounts are);
   * null when there is no amount; missing when only `value` holds it exactly.
   */
  ore?: number | null;
  /** How the amount was stored: number, formula result, text or nothing usable. */
  source: 'number' | 'formula' | 'text' | 'empty' | 'invalid';
  /** Why an amount could not be used: not an amount at all, or more digits than Excel keeps. */
  problem?: 'syntax' | 'precision' | 'uncached';
  raw: CellValue;
  formula?: string;
}

export interface TextCell {
  row: number;
  col: number;
  address: string;
  text: string;
}

export interface DateCell {
  row: number;
  col: number;
  address: string;
  /** ISO date "YYYY-MM-DD", or null when the cell is empty or not a date. */
  date: string | null;
  raw: CellValue;
  /** invalid: something that is no date ("31-04-2021"); noDay: a month only, read as its 1st. */
  problem?: 'invalid' | 'noDay';
}

export interface YearLabel extends TextCell {
  year: number | null;
}

export interface Initiative {
  number: number;
  row: number;
  /** The cell that holds the number (or the number-and-area cell). */
  address: string;
  area: string;
  goal: string;
  action: string;
  consequences: string;
  /** True when one of the four texts holds something; worked out once where the texts are read. */
  readonly filled?: boolean;
}

export interface EffectRow {
  number: number | null;
  row: number;
  labelAddress: string;
  months: AmountCell[];
  total: AmountCell | null;
  /**
   * Month k in whole øre (0 for an empty or unusable month; NaN where only `months` holds the
   * amount exactly), so sums and checks need not look at a cell object. Missing: use `months`.
   */
  oreAt?(k: number): number;
  /**
   * The total cell's whole øre when it holds a plain number, null when it holds nothing, without
   * making the cell; undefined: look at `total` (also when there is no total column).
   */
  totalOre?(): number | null | undefined;
  /** True when every month is a number or empty: nothing to report about the cells themselves. */
  plain?: boolean;
}

export interface MonthTable {
  title: YearLabel | null;
  headerRow: number;
  labelCol: number;
  /** Column of JAN; the 12 months follow it. */
  firstMonthCol: number;
  totalCol: number | null;
  rows: EffectRow[];
  totalRow: { row: number; labelAddress: string; months: AmountCell[]; total: AmountCell | null } | null;
  /** The same rows kept as columns by the reader (no object per row until one is asked for). */
  rowColumns?: EffectRowColumns;
  /** Month header cells that do not name their column's month (the table is read by position). */
  headerProblems?: MonthHeaderProblem[];
  /** Amount cells of the table formatted as dates (what the cell shows is a date, not an amount). */
  dateFormatted?: { address: string; value: number; format: string }[];
}

export interface MonthHeaderProblem {
  address: string;
  /** 0–11: the month the column holds by its position; -1 for a cell past December. */
  month: number;
  /** What the cell says ('' when it is empty). */
  found: string;
}

/**
 * Effect rows read as columns of numbers, with what is worked out for every row as it is read
 * (its sum, its first month with an effect, the columns' sums): what the rules look at, without an
 * object per row (a plan may have a hundred thousand). `row(i)` gives the row itself.
 */
export interface EffectRowColumns {
  readonly count: number;
  /** False when no row can have a total cell (the table has no total column). */
  readonly hasTotals: boolean;
  number(i: number): number | null;
  /** The sheet row of row i. */
  sheetRow(i: number): number;
  /** Row i's twelve months summed in whole øre; NaN when a month has its amount only as a Decimal. */
  rowOre(i: number): number;
  /** The first month (0–11) of row i with an effect other than 0; 12 when it has none. */
  firstEffect(i: number): number;
  /** As EffectRow.totalOre. */
  totalOre(i: number): number | null | undefined;
  /** As EffectRow.plain. */
  plain(i: number): boolean;
  /** The first month (0–11) of row i with a negative effect; 12 when it has none. */
  firstNegative(i: number): number;
  /** The exact sum of each month's column. */
  columnSums(): Decimal[];
  row(i: number): EffectRow;
}

/** Initiatives read as columns, as EffectRowColumns; `item(i)` gives the initiative itself. */
export interface InitiativeColumns {
  readonly count: number;
  number(i: number): number;
  sheetRow(i: number): number;
  /** True when one of the four texts holds something. */
  filled(i: number): boolean;
  item(i: number): Initiative;
}

export interface BlockLine {
  labelAddress: string;
  row: number;
  amount: AmountCell;
}

/** The "FORVENTET MERFORBRUG" block. */
export interface OverrunBlock {
  heading: TextCell | null;
  asOf: YearLabel | null;
  atStart: BlockLine | null;
  atLastUpdate: BlockLine | null;
  afterThisUpdate: BlockLine | null;
}

export interface TriggerRule {
  address: string;
  percent: Decimal;
  amount: Decimal;
}

export interface ActionPlan {
  sheet: string;
  range: string;
  title: YearLabel | null;
  trigger: TriggerRule | null;
  center: TextCell | null;
  unit: TextCell | null;
  startDate: DateCell | null;
  updatedDate: DateCell | null;
  correctedBudget: AmountCell | null;
  reason: TextCell | null;
  initiativeHeaderRow: number | null;
  /** Where the initiatives' area ("Indsatsområde") and action ("Handling og indsats") texts stand. */
  initiativeColumns: { area: number; action: number | null } | null;
  initiatives: Initiative[];
  /** The same initiatives kept as columns by the reader. */
  initiativeColumnsRead?: InitiativeColumns;
  monthTable: MonthTable;
  block: OverrunBlock;
  /** The sheet is hidden, or very hidden, in the workbook. */
  hidden?: 'hidden' | 'veryHidden';
  /** The workbook counts dates from 1904: dates are written as it counts them. */
  date1904?: boolean;
}

/** A plan's month table: one effect row per initiative, kept as columns of øre (see EffectRowStore), and its total row and column. */
import Decimal from 'decimal.js';
import { toA1 } from '../model/a1';
import { cellOre, isNonZero, MAX_EXACT_KRONER, oreOf, Sum } from '../amounts/amounts';
import { isDateFormat } from '../text/dates';
import { Grid, type CellValue } from '../model/grid';
import type { AmountCell, EffectRow, EffectRowColumns, MonthTable, YearLabel } from '../model/plan';
import { NumberColumn } from '../amounts/numberColumn';
import { firstYear, isPlanTotalLabel } from '../text/labels';
import { readAmount, yearLabel, labelNumber } from './cells';
import { MonthHeader } from './monthHeaders';
import { OnDemand } from './onDemand';

/** What the rows of one month table share: the grid and the columns their cells are in. */
interface RowShape {
  g: Grid;
  labelCol: number;
  firstMonthCol: number;
  totalCol: number | null;
}

/** Slot 12 of a row in the øre store: the total cell holds nothing (no formula either). */
const EMPTY_TOTAL = Infinity;

/**
 * The effect rows of a month table, kept as columns of numbers: a sheet row, a number, whether the
 * months are plain, the row's sum and first month with an effect, the total cell's øre; the
 * columns' sums are added up as the rows come. A row object is made only when one is asked for
 * (the rules need none for a plan without findings).
 */
export class EffectRowStore implements EffectRowColumns {
  count = 0;
  private readonly numbers = new NumberColumn();
  private readonly rows = new NumberColumn();
  private readonly plains = new NumberColumn();
  private readonly rowOres = new NumberColumn();
  private readonly firsts = new NumberColumn();
  private readonly negatives = new NumberColumn();
  /** The total cell: its øre, EMPTY_TOTAL when it holds nothing, NaN when it must be read. */
  private readonly totals = new NumberColumn();
  private readonly sums = Array.from({ length: 12 }, () => new Sum());
  private sumsMade: Decimal[] | undefined;
  /** The month cells of the rows that are not plain, read once. */
  private readonly cells = new Map<number, AmountCell[]>();
  private readonly objects = new OnDemand<EffectRow>((i) => new ReadEffectRow(this, i));

  constructor(readonly shape: RowShape) {}

  get hasTotals(): boolean {
    return this.shape.totalCol !== null;
  }

  /**
   * Keeps a row: its months' øre (NaN where only the cell in `cells` holds the amount exactly),
   * and adds them to the columns' sums.
   */
  add(number: number | null, row: number, ores: Float64Array, cells: AmountCell[] | undefined, total: number): void {
    const i = this.count++;
    let rowOre = 0;
    let first = 12;
    let negative = 12;
    for (let k = 0; k < 12; k++) {
      const ore = ores[k];
      if (Number.isNaN(ore)) {
        const cell = cells![k];
        this.sums[k].add(cell);
        if (first === 12 && isNonZero(cell)) first = k;
        if (negative === 12 && cell.value?.isNegative() && !cell.value.isZero()) negative = k;
        rowOre += cellOre(cell);
      } else {
        this.sums[k].addOre(ore);
        if (first === 12 && ore !== 0) first = k;
        if (negative === 12 && ore < 0) negative = k;
        rowOre += ore;
      }
    }
    this.negatives.push(negative);
    this.numbers.push(number ?? NaN);
    this.rows.push(row);
    this.plains.push(cells ? 0 : 1);
    this.rowOres.push(rowOre);
    this.firsts.push(first);
    this.totals.push(total);
    if (cells) this.cells.set(i, cells);
  }

  number(i: number): number | null {
    const n = this.numbers.at(i);
    return Number.isNaN(n) ? null : n;
  }

  sheetRow(i: number): number {
    return this.rows.at(i);
  }

  rowOre(i: number): number {
    return this.rowOres.at(i);
  }

  firstEffect(i: number): number {
    return this.firsts.at(i);
  }

  firstNegative(i: number): number {
    return this.negatives.at(i);
  }

  /** Month k of row i in whole øre (NaN where only the cell holds it), from the sheet again. */
  monthOre(i: number, k: number): number {
    const cells = this.cells.get(i);
    if (cells) {
      return cellOre(cells[k]);
    }
    // A plain row's month is empty or a number with whole øre (plainMonths said so).
    const v = this.shape.g.value(this.rows.at(i), this.shape.firstMonthCol + k);
    return v === null ? 0 : (plainOre(v) ?? NaN);
  }

  totalOre(i: number): number | null | undefined {
    if (this.shape.totalCol === null) return undefined;
    const ore = this.totals.at(i);
    return ore === EMPTY_TOTAL ? null : Number.isNaN(ore) ? undefined : ore;
  }

  plain(i: number): boolean {
    return this.plains.at(i) === 1;
  }

  columnSums(): Decimal[] {
    return (this.sumsMade ??= this.sums.map((s) => s.total()));
  }

  cellsOf(i: number): AmountCell[] | undefined {
    return this.cells.get(i);
  }

  row(i: number): EffectRow {
    return this.objects.get(i);
  }

  /** Every row as an object (made once). */
  list(): EffectRow[] {
    return this.objects.list(this.count);
  }
}

/**
 * An effect row as read, made from the table's columns when somebody asks for it; its cells are
 * read from the sheet when asked for.
 */
class ReadEffectRow implements EffectRow {
  private cells: AmountCell[] | undefined;
  private totalCell: AmountCell | null | undefined;

  constructor(
    private readonly store: EffectRowStore,
    private readonly i: number,
  ) {
    this.cells = store.cellsOf(i);
  }

  get number(): number | null {
    return this.store.number(this.i);
  }

  get row(): number {
    return this.store.sheetRow(this.i);
  }

  get plain(): boolean {
    return this.store.plain(this.i);
  }

  oreAt(k: number): number {
    return this.store.monthOre(this.i, k);
  }

  totalOre(): number | null | undefined {
    return this.store.totalOre(this.i);
  }

  get total(): AmountCell | null {
    if (this.totalCell === undefined) {
      const { g, totalCol } = this.store.shape;
      this.totalCell = totalCol === null ? null : readAmount(g, this.row, totalCol);
    }
    return this.totalCell;
  }

  get labelAddress(): string {
    return toA1(this.row, this.store.shape.labelCol);
  }

  get months(): AmountCell[] {
    if (!this.cells) {
      const { g, firstMonthCol } = this.store.shape;
      const cells: AmountCell[] = new Array(12);
      for (let k = 0; k < 12; k++) cells[k] = readAmount(g, this.row, firstMonthCol + k);
      this.cells = cells;
    }
    return this.cells;
  }
}

/** A plain number's whole øre (see plainMonths); undefined when the cell must be read as a cell. */
function plainOre(v: CellValue): number | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v) || v >= MAX_EXACT_KRONER || v <= -MAX_EXACT_KRONER) return undefined;
  return oreOf(v);
}

/**
 * Writes the months of a row as whole øre when every month is a plain number (or empty) that is
 * a whole number of øre; false when some month needs reading as a cell.
 */
function plainMonths(g: Grid, row: number, firstCol: number, store: Float64Array, at: number): boolean {
  // A formula saved without its result is no empty month: the row is then read cell by cell.
  if (!g.numbers(row, firstCol, 12, store, at)) return false;
  for (let k = 0; k < 12; k++) {
    const o = plainOre(store[at + k]);
    if (o === undefined) return false;
    store[at + k] = o;
  }
  return true;
}

/**
 * Slot 12: the total's whole øre when it is a plain number (its formula, if any, only summed
 * what is there), EMPTY_TOTAL when the cell holds nothing at all, NaN when it must be read.
 */
function plainTotal(g: Grid, row: number, totalCol: number | null): number {
  if (totalCol === null) return NaN;
  const v = g.value(row, totalCol);
  if (v === null) return g.formula(row, totalCol) ? NaN : EMPTY_TOTAL;
  return plainOre(v) ?? NaN;
}

export function readMonthTable(g: Grid, header: MonthHeader): MonthTable {
  const { row: headerRow, firstMonthCol } = header;
  const labelCol = Math.max(g.left, firstMonthCol - 1);
  let totalCol: number | null = null;
  for (let c = firstMonthCol + 12; c <= Math.min(g.rowEnd(headerRow), firstMonthCol + 14); c++) {
    if (isPlanTotalLabel(g.label(headerRow, c))) {
      totalCol = c;
      break;
    }
  }

  const readMonths = (r: number) => {
    const months: AmountCell[] = new Array(12);
    for (let k = 0; k < 12; k++) months[k] = readAmount(g, r, firstMonthCol + k);
    return months;
  };
  const readTotal = (r: number) => (totalCol === null ? null : readAmount(g, r, totalCol));

  let title: YearLabel | null = null;
  for (let r = headerRow - 1; r >= Math.max(g.top, headerRow - 4) && !title; r--) {
    for (let c = g.left; c <= Math.min(g.rowEnd(r), firstMonthCol + 13); c++) {
      const l = g.label(r, c);
      if (l && (l.includes('effekt') || l.includes('måned')) && firstYear(l)) {
        title = yearLabel(g, r, c);
        break;
      }
    }
  }

  const rows = new EffectRowStore({ g, labelCol, firstMonthCol, totalCol });
  const dateFormatted: { address: string; value: number; format: string }[] = [];
  const noteDateFormats = (r: number) => {
    // Formats are kept only where one may matter (a row without any has none to look at).
    if (!g.rowHasFormats(r)) return;
    const last = totalCol ?? firstMonthCol + 11;
    for (let c = firstMonthCol; c <= last; c++) {
      const v = g.value(r, c);
      const format = g.numberFormat(r, c);
      if (typeof v === 'number' && v !== 0 && isDateFormat(format))
        dateFormatted.push({ address: toA1(r, c), value: v, format: format! });
    }
  };
  /** The months of the row being read, in whole øre. */
  const ores = new Float64Array(12);
  let totalRow: MonthTable['totalRow'] = null;
  let emptyRun = 0;
  for (let r = headerRow + 1; r <= g.bottom; r++) {
    const label = g.label(r, labelCol);
    if (isPlanTotalLabel(label)) {
      totalRow = { row: r, labelAddress: toA1(r, labelCol), months: readMonths(r), total: readTotal(r) };
      break;
    }
    const number = firstMonthCol > labelCol ? labelNumber(g, r, labelCol) : rows.count + 1;
    if (number === null && label !== '') break; // the next part of the sheet
    let cells: AmountCell[] | undefined;
    if (!plainMonths(g, r, firstMonthCol, ores, 0)) {
      cells = readMonths(r);
      for (let k = 0; k < 12; k++) ores[k] = cellOre(cells[k]);
    }
    if (number === null) {
      let empty = true;
      if (cells) empty = !cells.some((a) => a.source !== 'empty');
      else for (let k = 0; k < 12 && empty; k++) empty = g.value(r, firstMonthCol + k) === null;
      const total = empty ? readTotal(r) : null;
      if (empty && (total === null || total.source === 'empty')) {
        if (++emptyRun >= 2) break;
        continue;
      }
    }
    emptyRun = 0;
    noteDateFormats(r);
    rows.add(number, r, ores, cells, plainTotal(g, r, totalCol));
  }
  return {
    title,
    headerRow,
    labelCol,
    firstMonthCol,
    totalCol,
    get rows() {
      return rows.list();
    },
    rowColumns: rows,
    totalRow,
    headerProblems: header.problems,
    dateFormatted,
  };
}

import Decimal from 'decimal.js';
import { rangeA1, toA1 } from '../model/a1';
import { cellOre, isNonZero, ReadAmountCell, MAX_EXACT_KRONER, oreOf, Sum } from '../amounts/amounts';
import { parseAmountText } from '../amounts/amountSyntax';
import { isDateFormat, readDateCell } from '../text/dates';
import { formulaValue } from '../amounts/formulaValue';
import {
  Grid,
  isCellError,
  type CellPos,
  type CellValue,
  type SheetSnapshot,
  type WorkbookSnapshot,
} from '../model/grid';
import type {
  ActionPlan,
  AmountCell,
  BlockLine,
  DateCell,
  EffectRow,
  EffectRowColumns,
  Initiative,
  InitiativeColumns,
  MonthHeaderProblem,
  MonthTable,
  OverrunBlock,
  TextCell,
  TriggerRule,
  YearLabel,
} from '../model/plan';
import { NumberColumn } from '../amounts/numberColumn';
import { NumberIndex } from '../amounts/numberIndex';
import { effectRowsOf, lastEffectRow } from './tableColumns';
import { editDistance, firstYear, MONTH_LABELS, monthOfLabel, normaliseLabel, tolerance } from '../text/labels';

const TOTAL_LABELS = ['i alt', 'i alt kr.', 'total', 'sum', 'i alt (kr.)'];
/** How far right of a label we look for its value. */
const VALUE_REACH = 8;

export function readAmount(g: Grid, row: number, col: number, depth = 0): AmountCell {
  const raw = g.value(row, col);
  if (typeof raw === 'number') {
    const formula = g.formula(row, col) ?? undefined;
    if (!Number.isFinite(raw)) return new ReadAmountCell(row, col, raw, 'invalid', null, undefined, formula);
    // Excel keeps 15 significant digits: an amount beyond that was not stored as typed.
    if (raw >= MAX_EXACT_KRONER || raw <= -MAX_EXACT_KRONER)
      return new ReadAmountCell(row, col, raw, 'invalid', null, undefined, formula, 'precision');
    return new ReadAmountCell(row, col, raw, formula ? 'formula' : 'number', raw, undefined, formula);
  }
  const formula = g.formula(row, col) ?? undefined;
  if (isCellError(raw) || typeof raw === 'boolean')
    return new ReadAmountCell(row, col, raw, 'invalid', null, undefined, formula);
  if (raw === null && formula) {
    // A formula saved without its result (some generators do that): worked out here, or
    // reported at the cell when it cannot be.
    const v = depth < 3 ? evaluateFormula(g, formula, depth) : null;
    return v
      ? new ReadAmountCell(row, col, raw, 'formula', null, v, formula)
      : new ReadAmountCell(row, col, raw, 'invalid', null, undefined, formula, 'uncached');
  }
  if (raw === null) return new ReadAmountCell(row, col, raw, 'empty', null);
  const parsed = parseAmountText(raw);
  if (parsed.kind === 'empty') return new ReadAmountCell(row, col, raw, 'empty', null, undefined, formula);
  if (parsed.kind === 'invalid')
    return new ReadAmountCell(row, col, raw, 'invalid', null, undefined, formula, parsed.reason);
  return new ReadAmountCell(row, col, raw, 'text', null, parsed.value, formula);
}

/** The value of a formula with no cached result, from the cells it refers to (see formulaValue). */
function evaluateFormula(g: Grid, formula: string, depth: number): Decimal | null {
  return formulaValue(formula, {
    cell(r, c) {
      const a = readAmount(g, r, c, depth + 1);
      // Arithmetic on text is #VALUE! in Excel; an empty cell is 0.
      if (a.source === 'empty') return new Decimal(0);
      return a.source === 'text' || a.source === 'invalid' ? null : a.value;
    },
    summed(r, c) {
      const a = readAmount(g, r, c, depth + 1);
      if (a.source === 'invalid') return a.problem === 'uncached' || isCellError(a.raw) ? null : new Decimal(0);
      return a.value ?? new Decimal(0);
    },
  });
}

function readDate(g: Grid, row: number, col: number): DateCell {
  return { row, col, address: toA1(row, col), ...readDateCell(g.value(row, col), g.sheet.date1904 === true) };
}

function textCell(g: Grid, row: number, col: number): TextCell {
  return { row, col, address: toA1(row, col), text: g.text(row, col) };
}

function yearLabel(g: Grid, row: number, col: number): YearLabel {
  const t = textCell(g, row, col);
  return { ...t, year: firstYear(t.text) };
}

/** The first non-empty cell right of a label, or null. */
function valueRightOf(g: Grid, row: number, col: number, stopAt?: (label: string) => boolean): number | null {
  const end = Math.min(g.rowEnd(row), col + VALUE_REACH);
  for (let c = col + 1; c <= end; c++) {
    if (g.isEmpty(row, c)) continue;
    if (stopAt?.(g.label(row, c))) return null;
    return c;
  }
  return null;
}

interface MonthHeader {
  row: number;
  firstMonthCol: number;
  /** Header cells that do not say the month their column holds (read by position all the same). */
  problems: MonthHeaderProblem[];
}

/**
 * 0–11 for a month label, also misspelt ("jnu", "sept.", "0kt"): a known name, or three or four
 * letters one edit (or one swap) from a month's abbreviation; -1 for anything else.
 */
export function monthLike(label: string): number {
  const known = monthOfLabel(label);
  if (known >= 0 || label.length < 3 || label.length > 4) return known;
  const l = label.endsWith('.') ? label.slice(0, -1) : label;
  if (l.length === 3) {
    const swapped = MONTH_BY_LETTERS.get([...l].sort().join(''));
    if (swapped !== undefined) return swapped;
  }
  for (let k = 0; k < 12; k++) if (editDistance(l, MONTH_ABBREVIATIONS[k], 1) <= 1) return k;
  return -1;
}

const MONTH_ABBREVIATIONS = MONTH_LABELS.map((m) => m.toLowerCase());
/** Each abbreviation by its letters in order ("jnu" → 5), for a swapped pair. */
const MONTH_BY_LETTERS = new Map(MONTH_ABBREVIATIONS.map((m, k): [string, number] => [[...m].sort().join(''), k]));

/**
 * Every row with a month header, top to bottom: twelve cells side by side from JAN to DEC. A row
 * of month names that is out of order, has a month twice, a misspelt or an empty one is a header
 * too — read by position, each wrong cell a problem — so that a plan is never lost to its header.
 * Such a row needs ten or more of its twelve cells to be months, eight of them different.
 */
export function findMonthHeaders(g: Grid): MonthHeader[] {
  const headers: MonthHeader[] = [];
  const rowsSeen = new Set<number>();
  for (const { row, col } of g.labels().find((l) => monthLike(l) >= 0, 10)) {
    if (!g.holds(row) || rowsSeen.has(row) || headers.some((h) => h.row === row)) continue;
    // The strict form first: JAN…DEC from this cell.
    if (monthOfLabel(g.label(row, col)) === 0) {
      let ok = true;
      for (let k = 1; k < 12 && ok; k++) ok = monthOfLabel(g.label(row, col + k)) === k;
      if (ok) {
        headers.push({ row, firstMonthCol: col, problems: [] });
        continue;
      }
    }
    rowsSeen.add(row);
    const loose = looseMonthHeader(g, row);
    if (loose && !headers.some((h) => h.row === row)) headers.push(loose);
  }
  return headers.sort((a, b) => a.row - b.row);
}

/** A month header that is not JAN…DEC as it should be, or null when the row is none. */
function looseMonthHeader(g: Grid, row: number): MonthHeader | null {
  const end = g.rowEnd(row);
  for (let c = g.left; c <= end; c++) {
    if (monthLike(g.label(row, c)) < 0) continue;
    // A run of month-like or empty cells (at most two empty ones) from c.
    const months: number[] = [];
    let empties = 0;
    let k = c;
    for (; k <= end + 1 && months.length < 13; k++) {
      const m = monthLike(g.label(row, k));
      if (m >= 0) months.push(m);
      else if (g.isEmpty(row, k) && empties < 2 && k < end) {
        months.push(-1);
        empties++;
      } else break;
    }
    while (months.length && months[months.length - 1] === -1) months.pop();
    const named = months.filter((m) => m >= 0);
    if (named.length >= 10 && new Set(named).size >= 8 && months.length >= 11 && months.length <= 13) {
      const problems: MonthHeaderProblem[] = [];
      for (let i = 0; i < 12; i++) {
        const found = i < months.length ? months[i] : -1;
        // Right by position and spelt as a month: no problem (a misspelt month is one).
        if (found === i && monthOfLabel(g.label(row, c + i)) === i) continue;
        problems.push({ address: toA1(row, c + i), month: i, found: g.text(row, c + i) });
        // A month missing from a run of eleven: the later cells are one to the left of theirs.
        if (months.length === 11 && found === i + 1) break;
      }
      if (months.length > 12) problems.push({ address: toA1(row, c + 12), month: -1, found: g.text(row, c + 12) });
      return { row, firstMonthCol: c, problems };
    }
    c = Math.max(c, k - 1);
  }
  return null;
}

const fuzzyEquals = (label: string, target: string) => {
  const tol = tolerance(target);
  return label === target || (Math.abs(label.length - target.length) <= tol && editDistance(label, target, tol) <= tol);
};
const fuzzyStartsWith = (label: string, target: string) => {
  if (label.startsWith(target)) return true;
  const tol = tolerance(target);
  const head = label.slice(0, target.length);
  return head.length === target.length && editDistance(head, target, tol) <= tol;
};
const isTotalLabel = (label: string) => label !== '' && TOTAL_LABELS.some((l) => fuzzyEquals(label, l));

/** An initiative number from a label cell: 1, "1", "1.", "Indsats 1", "1 5.20 opholdssteder"; any size. */
function labelNumber(g: Grid, row: number, col: number): number | null {
  const v = g.value(row, col);
  if (typeof v === 'number') return Number.isInteger(v) && v >= 1 && v < 1e9 ? v : null;
  if (typeof v !== 'string') return null;
  const m = /^(?:indsats\s*(?:nr\.?)?\s*)?(\d{1,9})(?:[.)]?$|[.)]?\s+\S)/i.exec(v.trim());
  return m ? Number(m[1]) : null;
}

/** What the rows of one month table share: the grid and the columns their cells are in. */
interface RowShape {
  g: Grid;
  labelCol: number;
  firstMonthCol: number;
  totalCol: number | null;
}

/** Slot 12 of a row in the øre store: the total cell holds nothing (no formula either). */
const EMPTY_TOTAL = Infinity;

/** Objects by index, made when first asked for and the same one each time after. */
class OnDemand<T> {
  private readonly made = new Map<number, T>();
  private all: T[] | undefined;

  constructor(private readonly make: (i: number) => T) {}

  get(i: number): T {
    if (this.all) return this.all[i];
    let it = this.made.get(i);
    if (it === undefined) this.made.set(i, (it = this.make(i)));
    return it;
  }

  /** All `count` of them as one list (made once). */
  list(count: number): T[] {
    if (!this.all) {
      const all: T[] = new Array(count);
      for (let i = 0; i < count; i++) all[i] = this.get(i);
      this.all = all;
    }
    return this.all;
  }
}

/**
 * The effect rows of a month table, kept as columns of numbers: a sheet row, a number, whether the
 * months are plain, the row's sum and first month with an effect, the total cell's øre; the
 * columns' sums are added up as the rows come. A row object is made only when one is asked for
 * (the rules need none for a plan without findings).
 */
class EffectRowStore implements EffectRowColumns {
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
  for (let k = 0; k < 12; k++) {
    const v = g.value(row, firstCol + k);
    if (v === null) {
      // A formula saved without its result is no empty month: it is read as a cell.
      if (g.formula(row, firstCol + k) !== null) return false;
      store[at + k] = 0;
      continue;
    }
    const o = plainOre(v);
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

function readMonthTable(g: Grid, header: MonthHeader): MonthTable {
  const { row: headerRow, firstMonthCol } = header;
  const labelCol = Math.max(g.left, firstMonthCol - 1);
  let totalCol: number | null = null;
  for (let c = firstMonthCol + 12; c <= Math.min(g.rowEnd(headerRow), firstMonthCol + 14); c++) {
    if (isTotalLabel(g.label(headerRow, c))) {
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
    if (!g.sheet.numberFormats?.[r - g.sheet.origin.row]) return;
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
    if (isTotalLabel(label)) {
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

/** What the initiatives of one table share: the grid and the columns of their texts. */
interface InitiativeShape {
  g: Grid;
  areaCol: number;
  goalCol: number | null;
  actionCol: number | null;
  consequenceCol: number | null;
}

/** "12 Opholdssteder", "12. Opholdssteder": a number in front of the area's text. */
const NUMBER_IN_FRONT = /^(\d{1,9})[.)]?\s+(.*)$/s;
const ONLY_A_NUMBER = /^\d{1,9}$/;

/**
 * The area's text as shown to the controller: without the initiative's number in front of it,
 * and empty when the cell held only the number.
 */
function areaText(g: Grid, row: number, col: number, number: number, numberFromArea: boolean): string {
  const text = g.text(row, col);
  const split = NUMBER_IN_FRONT.exec(text);
  if (split && Number(split[1]) === number) return split[2].trim();
  return numberFromArea && ONLY_A_NUMBER.test(text) ? '' : text;
}

/**
 * True when a cell shows some text (a number counts, an error does not). A text is answered from
 * the label index, without reading the text again.
 */
function showsText(g: Grid, row: number, col: number | null): boolean {
  if (col === null) return false;
  if (g.labels().trimmedLength(row, col) > 0) return true;
  const v = g.value(row, col);
  return v !== null && typeof v !== 'string' && !isCellError(v);
}

/** The initiatives of a plan as columns (see EffectRowStore); an initiative is made when asked for. */
class InitiativeStore implements InitiativeColumns {
  count = 0;
  private readonly numbers = new NumberColumn();
  private readonly rows = new NumberColumn();
  private readonly cols = new NumberColumn();
  private readonly filleds = new NumberColumn();
  private readonly objects = new OnDemand<Initiative>((i) => new ReadInitiative(this, i));

  constructor(readonly shape: InitiativeShape) {}

  add(number: number, row: number, col: number, filled: boolean): void {
    this.count++;
    this.numbers.push(number);
    this.rows.push(row);
    this.cols.push(col);
    this.filleds.push(filled ? 1 : 0);
  }

  number(i: number): number {
    return this.numbers.at(i);
  }

  sheetRow(i: number): number {
    return this.rows.at(i);
  }

  /** The column of the cell that holds initiative i's number. */
  col(i: number): number {
    return this.cols.at(i);
  }

  filled(i: number): boolean {
    return this.filleds.at(i) === 1;
  }

  item(i: number): Initiative {
    return this.objects.get(i);
  }

  list(): Initiative[] {
    return this.objects.list(this.count);
  }
}

/**
 * An initiative as read. Its texts are read from the sheet when somebody asks for them: the
 * rules need only whether there is any (a plan may have a hundred thousand initiatives).
 */
class ReadInitiative implements Initiative {
  constructor(
    private readonly store: InitiativeStore,
    private readonly i: number,
  ) {}

  get number(): number {
    return this.store.number(this.i);
  }

  get row(): number {
    return this.store.sheetRow(this.i);
  }

  get filled(): boolean {
    return this.store.filled(this.i);
  }

  get address(): string {
    return toA1(this.row, this.store.col(this.i));
  }

  get area(): string {
    const { g, areaCol } = this.store.shape;
    return areaText(g, this.row, areaCol, this.number, this.store.col(this.i) === areaCol);
  }

  get goal(): string {
    return this.text(this.store.shape.goalCol);
  }

  get action(): string {
    return this.text(this.store.shape.actionCol);
  }

  get consequences(): string {
    return this.text(this.store.shape.consequenceCol);
  }

  private text(col: number | null): string {
    return col === null ? '' : this.store.shape.g.text(this.row, col);
  }
}

function readInitiatives(
  g: Grid,
  monthTable: MonthTable,
): { headerRow: number | null; initiatives: InitiativeStore | null; columns: ActionPlan['initiativeColumns'] } {
  const limit = (monthTable.title?.row ?? monthTable.headerRow) - 1;
  const tol = tolerance('indsatsområde');
  const header = g.labels().first((l) => fuzzyEquals(l, 'indsatsområde'), Math.min(40, 13 + tol), 13 - tol, g.top);
  if (!header || header.row > limit) return { headerRow: null, initiatives: null, columns: null };
  const { row: r, col: c } = header;
  const colOf = (label: string) => {
    for (let k = c + 1; k <= Math.min(g.rowEnd(r), c + 8); k++) if (fuzzyStartsWith(g.label(r, k), label)) return k;
    return null;
  };
  const shape: InitiativeShape = {
    g,
    areaCol: c,
    goalCol: colOf('konkrete mål') ?? colOf('mål'),
    actionCol: colOf('handling'),
    consequenceCol: colOf('konsekvens'),
  };
  const numberCol = c > g.left ? c - 1 : null;
  const initiatives = new InitiativeStore(shape);
  const seen = new NumberIndex();
  for (let row = r + 1; row <= limit; row++) {
    let number = numberCol === null ? null : labelNumber(g, row, numberCol);
    let areaFilled: boolean;
    let addressCol = numberCol ?? c;
    if (number === null) {
      // The number may stand in front of the area's text, or be all of it.
      const text = g.text(row, c);
      const m = NUMBER_IN_FRONT.exec(text) ?? ONLY_A_NUMBER.exec(text);
      if (!m) continue;
      number = Number(m[1] ?? m[0]);
      addressCol = c;
      areaFilled = areaText(g, row, c, number, true) !== '';
    } else areaFilled = showsText(g, row, c);
    if (seen.has(number)) continue;
    seen.setFirst(number, row);
    const filled =
      areaFilled ||
      showsText(g, row, shape.goalCol) ||
      showsText(g, row, shape.actionCol) ||
      showsText(g, row, shape.consequenceCol);
    initiatives.add(number, row, addressCol, filled);
  }
  return { headerRow: r, initiatives, columns: { area: c, action: shape.actionCol } };
}

function parseTrigger(cell: TextCell): TriggerRule | null {
  const t = normaliseLabel(cell.text);
  const pct = /(\d+(?:,\d+)?)\s*%/.exec(t);
  const mio = /(\d+(?:,\d+)?)\s*mio/.exec(t);
  if (!pct && !mio) return null;
  const num = (m: RegExpExecArray | null, fallback: number) =>
    m ? new Decimal(m[1].replace(',', '.')) : new Decimal(fallback);
  return { address: cell.address, percent: num(pct, 5), amount: num(mio, 1).times(1_000_000) };
}

function readBlock(g: Grid, fromRow: number): OverrunBlock {
  const block: OverrunBlock = { heading: null, asOf: null, atStart: null, atLastUpdate: null, afterThisUpdate: null };
  const labels: { key: 'atStart' | 'atLastUpdate' | 'afterThisUpdate'; row: number; col: number }[] = [];
  // The block lies below the month table: its few rows are read directly.
  for (let r = fromRow; r <= g.bottom; r++) {
    const end = g.rowEnd(r);
    for (let c = g.left; c <= end; c++) {
      const n = g.label(r, c);
      if (!n || n.length > 120) continue;
      if (!block.heading && fuzzyEquals(n, 'forventet merforbrug')) block.heading = textCell(g, r, c);
      else if (!block.asOf && /^pr\.?\s*31[./-]\s*12[./-]\s*\d{4}/.test(n)) block.asOf = yearLabel(g, r, c);
      else if (n.includes('ved opstart')) labels.push({ key: 'atStart', row: r, col: c });
      else if (n.includes('sidste opdatering')) labels.push({ key: 'atLastUpdate', row: r, col: c });
      else if (n.includes('efter denne opdatering')) labels.push({ key: 'afterThisUpdate', row: r, col: c });
    }
  }
  const found = labels.map((l) => ({ ...l, valueCol: valueRightOf(g, l.row, l.col) }));
  const knownCol = found.find((l) => l.valueCol !== null)?.valueCol ?? null;
  for (const l of found) {
    if (block[l.key]) continue;
    const col = l.valueCol ?? knownCol ?? l.col + 5;
    const line: BlockLine = { labelAddress: toA1(l.row, l.col), row: l.row, amount: readAmount(g, l.row, col) };
    block[l.key] = line;
  }
  return block;
}

/** The header part above the tables: title, trigger rule, center, dates, corrected budget, cause. */
function readHeader(g: Grid, headerEnd: number) {
  let title: YearLabel | null = null;
  let trigger: TriggerRule | null = null;
  let center: TextCell | null = null;
  let unit: TextCell | null = null;
  let startDate: DateCell | null = null;
  let updatedDate: DateCell | null = null;
  let correctedBudget: AmountCell | null = null;
  let reason: TextCell | null = null;
  const isLabel = (l: string) => /:\s*$/.test(l) || fuzzyStartsWith(l, 'ansvarlig');
  for (let r = g.top; r < headerEnd; r++) {
    const end = g.rowEnd(r);
    for (let c = g.left; c <= end; c++) {
      const n = g.label(r, c);
      if (!n || n.length > 200) continue;
      const valueCol = () => valueRightOf(g, r, c, isLabel);
      if (!title && /^handleplan\b/.test(n) && firstYear(n)) title = yearLabel(g, r, c);
      else if (!trigger && n.includes('udarbejdes ved')) trigger = parseTrigger(textCell(g, r, c));
      else if (!startDate && fuzzyStartsWith(n, 'opstart af handleplan'))
        startDate = readDate(g, r, valueCol() ?? c + 1);
      else if (!updatedDate && fuzzyStartsWith(n, 'opdateret')) updatedDate = readDate(g, r, valueCol() ?? c + 1);
      else if (!correctedBudget && fuzzyStartsWith(n, 'korrigeret budget')) {
        const vc = valueCol();
        if (vc !== null) correctedBudget = readAmount(g, r, vc);
      } else if (!center && fuzzyEquals(n.replace(/:.*$/, '').trim(), 'center')) {
        const vc = valueCol();
        if (vc !== null) center = textCell(g, r, vc);
      } else if (!unit && fuzzyStartsWith(n, 'virksomhed')) {
        const vc = valueCol();
        if (vc !== null) unit = textCell(g, r, vc);
      } else if (!reason && fuzzyStartsWith(n, 'årsag til merforbrug')) {
        const vc = valueCol();
        if (vc !== null) reason = textCell(g, r, vc);
        else if (!g.isEmpty(r + 1, c)) reason = textCell(g, r + 1, c);
      }
    }
  }
  return { title, trigger, center, unit, startDate, updatedDate, correctedBudget, reason };
}

/** Reads the plan whose month table has `header`, within the rows of `g`. */
function readPlan(g: Grid, header: MonthHeader): ActionPlan {
  const monthTable = readMonthTable(g, header);
  const { headerRow: initiativeHeaderRow, initiatives, columns: initiativeColumns } = readInitiatives(g, monthTable);
  const headerEnd = initiativeHeaderRow ?? monthTable.title?.row ?? monthTable.headerRow;
  const head = readHeader(g, headerEnd);
  const lastTableRow = monthTable.totalRow?.row ?? lastEffectRow(monthTable) ?? monthTable.headerRow;
  const block = readBlock(g, lastTableRow + 1);
  for (const line of [block.atStart, block.atLastUpdate, block.afterThisUpdate]) {
    if (!line) continue;
    const { row, col } = line.amount;
    const v = g.value(row, col);
    const format = g.numberFormat(row, col);
    if (typeof v === 'number' && v !== 0 && isDateFormat(format))
      (monthTable.dateFormatted ??= []).push({ address: toA1(row, col), value: v, format: format! });
  }

  // The plan's range: from its first part to its last, across the table and the block.
  let top = monthTable.headerRow;
  let bottom = lastTableRow;
  let left = monthTable.labelCol;
  let right = monthTable.totalCol ?? monthTable.firstMonthCol + 11;
  const note = (row: number, col: number) => {
    if (row < top) top = row;
    if (row > bottom) bottom = row;
    if (col < left) left = col;
    if (col > right) right = col;
  };
  for (const line of [block.atStart, block.atLastUpdate, block.afterThisUpdate])
    if (line) note(line.amount.row, line.amount.col);
  for (const t of [
    head.correctedBudget,
    head.title,
    head.startDate,
    head.updatedDate,
    block.heading,
    block.asOf,
    monthTable.title,
  ])
    if (t) note(t.row, t.col);
  if (initiatives?.count) {
    note(initiatives.sheetRow(0), monthTable.labelCol);
    note(initiatives.sheetRow(initiatives.count - 1), monthTable.labelCol);
  }

  return {
    sheet: g.name,
    range: rangeA1(top, left, bottom, right),
    ...head,
    initiativeHeaderRow,
    initiativeColumns,
    get initiatives() {
      return initiatives ? initiatives.list() : [];
    },
    initiativeColumnsRead: initiatives ?? undefined,
    monthTable,
    block,
    hidden: g.sheet.veryHidden ? 'veryHidden' : g.sheet.hidden ? 'hidden' : undefined,
    date1904: g.sheet.date1904 === true,
  };
}

/**
 * Calls back for every amount cell of a plan that is not a plain number (or empty) known from the
 * øre store — those are the only ones that can be unusable or text — in reading order: months and
 * totals, the table's total row, the block, the corrected budget.
 */
export function forEachUnplainAmountCell(plan: ActionPlan, f: (cell: AmountCell) => void): void {
  const { monthTable, block } = plan;
  const rows = effectRowsOf(monthTable);
  for (let i = 0; i < rows.count; i++) {
    // A plain row's months are numbers or empty: only their sums concern anyone, not the cells.
    if (!rows.plain(i)) for (const m of rows.row(i).months) f(m);
    if (!rows.hasTotals || rows.totalOre(i) !== undefined) continue;
    const total = rows.row(i).total;
    if (total) f(total);
  }
  if (monthTable.totalRow) {
    for (const m of monthTable.totalRow.months) f(m);
    if (monthTable.totalRow.total) f(monthTable.totalRow.total);
  }
  for (const line of [block.atStart, block.atLastUpdate, block.afterThisUpdate]) if (line) f(line.amount);
  if (plan.correctedBudget) f(plan.correctedBudget);
}

/**
 * Where each plan of a sheet begins: the first row after the previous plan's month table that
 * holds a part of the next plan (its title, its initiatives' header, its month-table title), or
 * its month header itself.
 */
function planRegions(g: Grid, headers: MonthHeader[]): { top: number; bottom: number }[] {
  if (headers.length <= 1) return [{ top: g.top, bottom: g.bottom }];
  const starts = g
    .labels()
    .find(
      (l) =>
        (/^handleplan\b/.test(l) && firstYear(l) !== null) ||
        fuzzyEquals(l, 'indsatsområde') ||
        ((l.includes('effekt') || l.includes('måned')) && firstYear(l) !== null),
      200,
    )
    .map((p) => p.row);
  const regions: { top: number; bottom: number }[] = [];
  let top = g.top;
  headers.forEach((h, k) => {
    const next = headers[k + 1];
    let bottom = g.bottom;
    if (next) {
      // The table ends at its total row, or where two empty rows follow it.
      const table = readMonthTable(g.view(top, next.row - 1), h);
      const end = table.totalRow?.row ?? lastEffectRow(table) ?? h.row;
      const first = starts.filter((r) => r > end && r <= next.row).reduce((m, r) => Math.min(m, r), next.row);
      bottom = first - 1;
    }
    regions.push({ top, bottom });
    top = bottom + 1;
  });
  return regions;
}

/** Reads every HANDLEPLAN on one sheet, top to bottom; none when the sheet has no month table. */
export function readActionPlans(sheetOrGrid: SheetSnapshot | Grid): ActionPlan[] {
  const g = sheetOrGrid instanceof Grid ? sheetOrGrid : new Grid(sheetOrGrid);
  const headers = findMonthHeaders(g);
  if (headers.length === 0) return [];
  const regions = planRegions(g, headers);
  return headers.map((h, k) => readPlan(regions.length > 1 ? g.view(regions[k].top, regions[k].bottom) : g, h));
}

/** The first HANDLEPLAN on a sheet, or null. */
export function readActionPlan(sheet: SheetSnapshot | Grid): ActionPlan | null {
  return readActionPlans(sheet)[0] ?? null;
}

/** Sheets in reading order: the active one first, then the rest as they stand. */
export function sheetsInReadingOrder(workbook: WorkbookSnapshot, only?: string): SheetSnapshot[] {
  if (only !== undefined) {
    const wanted = normaliseLabel(only);
    return workbook.sheets.filter((s) => normaliseLabel(s.name) === wanted);
  }
  const active = workbook.sheets.find((s) => s.name === workbook.activeSheet);
  return active ? [active, ...workbook.sheets.filter((s) => s !== active)] : workbook.sheets;
}

export type { CellPos };

/**
 * Amount cells and their sums, exact. Most amounts are whole øre below 10^13 kr., which a
 * JavaScript number holds and adds exactly; those are added as integers, and decimal.js is used
 * for the rest — so a plan of 100,000 initiatives is summed without a Decimal per cell.
 */
import Decimal from 'decimal.js';
import { toA1 } from '../model/a1';
import { MAX_SIGNIFICANT_DIGITS } from './amountSyntax';
import type { CellValue } from '../model/grid';
import type { AmountCell, EffectRow } from '../model/plan';

/** Whole øre below this are exact in a number, and so are sums of a great many of them. */
const SAFE_ORE = 1e15;
/** Largest amount (kr.) held exactly as a number of 15 significant digits. */
export const MAX_EXACT_KRONER = 10 ** MAX_SIGNIFICANT_DIGITS;

/** The exact øre of a number, or undefined when it is not a whole number of øre that is safe to add. */
export function oreOf(n: number): number | undefined {
  const k = Math.round(n * 100);
  return k / 100 === n && Math.abs(k) < SAFE_ORE ? k : undefined;
}

/** The øre of a Decimal, or undefined. */
export function oreOfDecimal(d: Decimal): number | undefined {
  const k = d.times(100);
  return k.isInteger() && k.abs().lessThan(SAFE_ORE) ? k.toNumber() : undefined;
}

/** What only an unusual amount cell has: a text, an error, a formula, a reason it is unusable. */
interface Unusual {
  raw: CellValue;
  decimal?: Decimal | null;
  formula?: string;
  problem?: AmountCell['problem'];
}

/**
 * An amount cell read from a sheet, kept small (a plan may hold a million of them): a number
 * cell holds its position, its kind, its number and its øre; its Decimal is made when somebody
 * asks for it.
 */
export class ReadAmountCell implements AmountCell {
  private readonly extra: Unusual | undefined;
  readonly ore: number | null | undefined;

  constructor(
    readonly row: number,
    readonly col: number,
    raw: CellValue,
    readonly source: AmountCell['source'],
    /** The amount as a number (a number cell or a formula result), null when none. */
    private readonly num: number | null,
    decimal?: Decimal | null,
    formula?: string,
    problem?: AmountCell['problem'],
  ) {
    if (decimal !== undefined || formula !== undefined || problem !== undefined || raw !== num)
      this.extra = { raw, decimal, formula, problem };
    this.ore = decimal !== undefined && decimal !== null ? oreOfDecimal(decimal) : num === null ? null : oreOf(num);
  }

  get address(): string {
    return toA1(this.row, this.col);
  }

  get raw(): CellValue {
    return this.extra ? this.extra.raw : this.num;
  }

  get formula(): string | undefined {
    return this.extra?.formula;
  }

  get problem(): AmountCell['problem'] {
    return this.extra?.problem;
  }

  get value(): Decimal | null {
    const d = this.extra?.decimal;
    if (d !== undefined) return d;
    return this.num === null ? null : new Decimal(this.num);
  }
}

/** True when the cell holds an amount other than 0. */
export function isNonZero(cell: AmountCell): boolean {
  if (typeof cell.ore === 'number') return cell.ore !== 0;
  if (cell.ore === null) return false;
  return !!cell.value && !cell.value.isZero();
}

/** A running exact sum: whole øre as a number while that is exact, decimal.js for the rest. */
export class Sum {
  private ore = 0;
  private slow: Decimal | null = null;

  addOre(ore: number): void {
    this.ore += ore;
    if (this.ore >= SAFE_ORE * 8 || this.ore <= -SAFE_ORE * 8) this.flush();
  }

  add(c: AmountCell): void {
    if (typeof c.ore === 'number') {
      this.ore += c.ore;
      if (this.ore >= SAFE_ORE * 8 || this.ore <= -SAFE_ORE * 8) this.flush();
    } else if (c.ore === undefined && c.value) this.slow = (this.slow ?? new Decimal(0)).plus(c.value);
  }

  private flush() {
    this.slow = (this.slow ?? new Decimal(0)).plus(new Decimal(this.ore).dividedBy(100));
    this.ore = 0;
  }

  total(): Decimal {
    const total = new Decimal(this.ore).dividedBy(100);
    return this.slow ? this.slow.plus(total) : total;
  }
}

/** The exact sum of the amounts in the cells (empty and unusable cells count as 0). */
export function sumCells(cells: readonly AmountCell[]): Decimal {
  const s = new Sum();
  for (const c of cells) s.add(c);
  return s.total();
}

/** A cell's amount in whole øre: 0 when it has none, NaN when only its Decimal holds it exactly. */
export function cellOre(cell: AmountCell): number {
  return typeof cell.ore === 'number' ? cell.ore : cell.ore === null ? 0 : NaN;
}

/** A month of a row: its øre when exact (0 when empty or unusable), else undefined. */
export function monthOre(row: EffectRow, k: number): number | undefined {
  const ore = row.oreAt ? row.oreAt(k) : NaN;
  if (!Number.isNaN(ore)) return ore;
  const o = cellOre(row.months[k]);
  return Number.isNaN(o) ? undefined : o;
}

/** Adds a month of a row to a sum. */
export function addMonth(sum: Sum, row: EffectRow, k: number): void {
  const ore = row.oreAt ? row.oreAt(k) : NaN;
  if (!Number.isNaN(ore)) sum.addOre(ore);
  else sum.add(row.months[k]);
}

/** True when a month of a row holds an amount other than 0. */
export function monthNonZero(row: EffectRow, k: number): boolean {
  const ore = row.oreAt ? row.oreAt(k) : NaN;
  return Number.isNaN(ore) ? isNonZero(row.months[k]) : ore !== 0;
}

/** The exact sum of the months of every row. */
export function sumRows(rows: readonly EffectRow[]): Decimal {
  const s = new Sum();
  for (const r of rows) for (let k = 0; k < 12; k++) addMonth(s, r, k);
  return s.total();
}

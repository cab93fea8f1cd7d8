/** A plan's initiatives: number, area, goal, action and consequences, kept as columns and made when asked for. */
import { toA1 } from '../model/a1';
import { Grid, isCellError } from '../model/grid';
import type { ActionPlan, Initiative, InitiativeColumns, MonthTable } from '../model/plan';
import { NumberColumn } from '../amounts/numberColumn';
import { NumberIndex } from '../amounts/numberIndex';
import { labelEquals, labelStartsWith, tolerance } from '../text/labels';
import { labelNumber } from './cells';
import { OnDemand } from './onDemand';

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

export function readInitiatives(
  g: Grid,
  monthTable: MonthTable,
): { headerRow: number | null; initiatives: InitiativeStore | null; columns: ActionPlan['initiativeColumns'] } {
  const limit = (monthTable.title?.row ?? monthTable.headerRow) - 1;
  const tol = tolerance('indsatsområde');
  const header = g.labels().first((l) => labelEquals(l, 'indsatsområde'), Math.min(40, 13 + tol), 13 - tol, g.top);
  if (!header || header.row > limit) return { headerRow: null, initiatives: null, columns: null };
  const { row: r, col: c } = header;
  const colOf = (label: string) => {
    for (let k = c + 1; k <= Math.min(g.rowEnd(r), c + 8); k++) if (labelStartsWith(g.label(r, k), label)) return k;
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

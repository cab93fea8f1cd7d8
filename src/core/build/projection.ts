import { HEADER, INPUT } from './palette';
import { yearOfIso } from '../text/dates';
import Decimal from 'decimal.js';
import { toA1 } from '../model/a1';
import { sheetText } from '../text/da';
import { AmountRefs } from '../amounts/formulas';
import type { WorkbookSnapshot } from '../model/grid';
import { monthNonZero, sumCells } from '../amounts/amounts';
import { sum } from '../amounts/money';
import type { ActionPlan, AmountCell } from '../model/plan';
import { chooseSheetName } from './sheetNames';
import { MONTH_LABELS } from '../text/labels';
import { planYear, targetOf } from '../model/planQueries';
import { fitTexts, NUMBER_FORMAT, PERCENT_FORMAT, sheetCells, type CellStyle, type WritePlan } from './writePlan';

export interface ProjectionResult {
  plan: WritePlan;
  sheet: string;
  action: 'create' | 'replace';
  /** Danish notes for the user: a name that was taken, text amounts no formula can read. */
  notes: string[];
  /** The core's exact figure for every formula cell, by address, to check a spreadsheet engine against. */
  expected: Map<string, Decimal>;
}

const BOLD: CellStyle = { bold: true };
const YEARS = 4;

/**
 * The cells that show where the plan's parts are: the month headers, the first and last effect
 * rows' labels and the total row's. (A row inserted or deleted anywhere also moves the used
 * range, which is compared too.)
 */
export function planLabelCells(plan: ActionPlan): string[] {
  const t = plan.monthTable;
  const cells = Array.from({ length: 12 }, (_, k) => toA1(t.headerRow, t.firstMonthCol + k));
  if (t.rows.length) cells.push(t.rows[0].labelAddress, t.rows[t.rows.length - 1].labelAddress);
  if (t.totalRow) cells.push(t.totalRow.labelAddress);
  return cells;
}

/**
 * The "Fremskrivning YYYY" sheet of spec §5: monthly, per-initiative and multi-year tables, all
 * live formulas on the plan's cells, and a line chart of cumulative effect against the target.
 * `target` is the cell that holds the expected overrun (after any block update in the same write).
 */
export function buildProjection(
  plan: ActionPlan,
  workbook: WorkbookSnapshot,
  options: { today: string; target?: AmountCell | null },
): ProjectionResult | null {
  const target = options.target === undefined ? targetOf(plan) : options.target;
  if (!target?.value) return null;
  const year = planYear(plan) ?? yearOfIso(options.today);
  const choice = chooseSheetName(`Fremskrivning ${year}`, workbook);
  const sheet = choice.name;
  const src = plan.sheet;
  const table = plan.monthTable;
  const { cells, expected, put, formula: cellFormula } = sheetCells(sheet);
  // Formulas carry the core's figure as their cached result, for readers that do not calculate;
  // the file asks Excel and LibreOffice to calculate everything on opening all the same.
  const formula = (r: number, c: number, f: string, value: Decimal, numberFormat = NUMBER_FORMAT, style?: CellStyle) =>
    cellFormula(r, c, f, value, numberFormat, style);
  // Text amounts no formula can read are written as the core's values in a side table (Q:S).
  const fallbackTop = 5;
  const refs = new AmountRefs(src, (k) => `$S$${fallbackTop + 3 + k}`);
  const targetExpr = refs.one(target);
  const targetValue = target.value;

  put(0, 0, sheetText.projectionTitle(year), { bold: true, fontSize: 14 });
  put(1, 0, sheetText.projectionSource(src), { italic: true });
  put(2, 0, sheetText.ownedNote, { italic: true });

  // Monthly table: A month, B cumulative, C target, D month's effect, E uncovered (A5:C17 feeds the chart).
  const head = 4;
  [sheetText.month, sheetText.cumulative, sheetText.target, sheetText.monthEffect, sheetText.uncovered].forEach(
    (h, c) => put(head, c, h, HEADER),
  );
  let cumulative = new Decimal(0);
  for (let m = 0; m < 12; m++) {
    const r = head + 1 + m;
    const column = table.rows.map((row) => row.months[m]);
    const effect = sumCells(column);
    cumulative = cumulative.plus(effect);
    put(r, 0, MONTH_LABELS[m]);
    formula(r, 3, refs.sum(column), effect);
    formula(r, 1, m === 0 ? `D${r + 1}` : `B${r}+D${r + 1}`, cumulative);
    formula(r, 2, targetExpr, targetValue);
    formula(r, 4, `C${r + 1}-B${r + 1}`, targetValue.minus(cumulative));
  }
  const monthTotalRow = head + 13;
  put(monthTotalRow, 0, sheetText.total, BOLD);
  formula(monthTotalRow, 3, `SUM(D${head + 2}:D${head + 13})`, cumulative, NUMBER_FORMAT, BOLD);

  // Per initiative: number, area, this year's effect, full-year effect (December × 12), share of target.
  const initHead = monthTotalRow + 3;
  put(initHead - 1, 0, sheetText.initiativesHeading, BOLD);
  [sheetText.number, sheetText.area, sheetText.effectYear(year), sheetText.fullYear, sheetText.share].forEach((h, c) =>
    put(initHead, c, h, HEADER),
  );
  const rows = table.rows.filter((r) => r.months.some((_m, k) => monthNonZero(r, k)));
  const areaOf = new Map(plan.initiatives.map((x) => [x.number, x.area]));
  const initiativeRows: { row: number; number: number | null; area: string; effect: Decimal; fullYear: Decimal }[] = [];
  rows.forEach((row, i) => {
    const r = initHead + 1 + i;
    const effect = sumCells(row.months);
    const december = row.months[11];
    const fullYear = (december.value ?? new Decimal(0)).times(12);
    const area = (row.number === null ? undefined : areaOf.get(row.number)) ?? '';
    put(r, 0, row.number);
    put(r, 1, area);
    formula(r, 2, refs.sum(row.months), effect);
    formula(r, 3, `${refs.one(december)}*12`, fullYear);
    formula(r, 4, `C${r + 1}/${targetExpr}`, effect.dividedBy(targetValue), PERCENT_FORMAT);
    initiativeRows.push({ row: r, number: row.number, area, effect, fullYear });
  });
  const initTotal = initHead + 1 + rows.length;
  const first = initHead + 2;
  const last = initTotal;
  const totalEffect = sum(initiativeRows.map((x) => x.effect));
  const totalFullYear = sum(initiativeRows.map((x) => x.fullYear));
  const sumOf = (col: string) => (rows.length ? `SUM(${col}${first}:${col}${last})` : '0');
  put(initTotal, 0, sheetText.total, BOLD);
  formula(initTotal, 2, sumOf('C'), totalEffect, NUMBER_FORMAT, BOLD);
  formula(initTotal, 3, sumOf('D'), totalFullYear, NUMBER_FORMAT, BOLD);
  formula(initTotal, 4, sumOf('E'), totalEffect.dividedBy(targetValue), PERCENT_FORMAT, BOLD);

  multiYearTable(initTotal + 3, year, targetValue, initiativeRows, put, formula);

  const notes: string[] = [];
  if (refs.fallbacks.length) {
    put(fallbackTop, 16, sheetText.fallbackHeading, BOLD);
    [sheetText.fallbackCell, sheetText.fallbackText, sheetText.fallbackValue].forEach((h, k) =>
      put(fallbackTop + 1, 16 + k, h, HEADER),
    );
    refs.fallbacks.forEach((cell, k) => {
      const r = fallbackTop + 2 + k;
      put(r, 16, `${src}!${cell.address}`);
      put(r, 17, String(cell.raw));
      put(r, 18, cell.value!.toNumber(), INPUT, NUMBER_FORMAT);
    });
    notes.push(sheetText.fallbackNote(refs.fallbacks.map((c) => c.address)));
  }

  const writePlan: WritePlan = {
    sheets: [
      {
        action: choice.action,
        name: sheet,
        after: src,
        owned: true,
        activate: true,
        columnWidths: [30, 18, 20, 18, 20].map((width, col) => ({ col, width })),
      },
    ],
    cells,
    guards: [{ sheet: src, cells: planLabelCells(plan) }],
    charts: [
      {
        sheet,
        name: 'Kumuleret effekt',
        title: sheetText.chartTitle,
        type: 'line',
        source: `A${head + 1}:C${head + 13}`,
        from: 'G4',
        to: 'O22',
      },
    ],
    appends: [],
  };
  if (choice.note) notes.unshift(choice.note);
  notes.push(...fitTexts(writePlan));
  return { plan: writePlan, sheet, action: choice.action, notes, expected };
}

type Put = ReturnType<typeof sheetCells>['put'];
type ProjectionFormula = (
  r: number,
  c: number,
  f: string,
  value: Decimal,
  numberFormat?: string,
  style?: CellStyle,
) => void;

/**
 * The multi-year carry-forward table (Randers form) from row `multiHead`: carry-out = carry-in +
 * overrun + effects (negative), this year's effect in the first year and the full-year effect after.
 */
function multiYearTable(
  multiHead: number,
  year: number,
  targetValue: Decimal,
  initiativeRows: { row: number; number: number | null; area: string; effect: Decimal; fullYear: Decimal }[],
  put: Put,
  formula: ProjectionFormula,
): void {
  // Multi-year carry-forward (Randers form): carry-out = carry-in + overrun + effects (negative).
  put(multiHead - 1, 0, sheetText.multiYearHeading, BOLD);
  put(multiHead, 0, '', HEADER);
  for (let y = 0; y < YEARS; y++) put(multiHead, 1 + y, year + y, HEADER);
  const carryInRow = multiHead + 1;
  const overrunRow = multiHead + 2;
  const firstEffectRow = multiHead + 3;
  const carryOutRow = firstEffectRow + initiativeRows.length;
  put(carryInRow, 0, sheetText.carryIn);
  put(overrunRow, 0, sheetText.overrun);
  put(carryOutRow, 0, sheetText.carryOut, BOLD);
  let carryIn = new Decimal(0);
  for (let y = 0; y < YEARS; y++) {
    const c = 1 + y;
    const col = String.fromCharCode(66 + y);
    const prevCol = String.fromCharCode(65 + y);
    if (y === 0) put(carryInRow, c, 0, INPUT, NUMBER_FORMAT);
    else formula(carryInRow, c, `${prevCol}${carryOutRow + 1}`, carryIn);
    put(overrunRow, c, targetValue.toNumber(), INPUT, NUMBER_FORMAT);
    let effects = new Decimal(0);
    initiativeRows.forEach((x, i) => {
      const r = firstEffectRow + i;
      if (y === 0) put(r, 0, sheetText.initiative(x.number, x.area));
      const value = (y === 0 ? x.effect : x.fullYear).negated();
      effects = effects.plus(value);
      formula(r, c, `-${y === 0 ? 'C' : 'D'}${x.row + 1}`, value);
    });
    const carryOut = carryIn.plus(targetValue).plus(effects);
    const effectRange = initiativeRows.length ? `+SUM(${col}${firstEffectRow + 1}:${col}${carryOutRow})` : '';
    formula(
      carryOutRow,
      c,
      `${col}${carryInRow + 1}+${col}${overrunRow + 1}${effectRange}`,
      carryOut,
      NUMBER_FORMAT,
      BOLD,
    );
    carryIn = carryOut;
  }
  put(carryOutRow + 1, 0, sheetText.signNote, { italic: true });
  put(carryOutRow + 2, 0, sheetText.inputLegend, { italic: true });
}

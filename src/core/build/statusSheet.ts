/**
 * The builder of the "Status <måned> YYYY" sheet, apart from the reader and the rules in
 * status.ts, which every validation loads.
 */
import { HEADER as PLAIN_HEADER, INPUT, TRAFFIC_LIGHT } from './palette';
import { yearOfIso } from '../text/dates';
import Decimal from 'decimal.js';
import { rangeA1, toA1, sameSheetName } from '../model/a1';
import { sheetText } from '../text/da';
import { AmountRefs, sheetRef } from '../amounts/formulas';
import { Grid, type CellValue, type WorkbookSnapshot } from '../model/grid';
import { normaliseLabel } from '../text/labels';

/** A typed value as it is written back: an Excel error as its text. */
const writable = (v: CellValue) => (v !== null && typeof v === 'object' ? v.error : v);
import type { ActionPlan } from '../model/plan';
import { planLabelCells } from './projection';
import { chooseSheetName } from './sheetNames';
import {
  DEFAULT_THRESHOLDS,
  readStatusSheet,
  statusNumbers,
  type StatusInput,
  type StatusSheet,
} from '../tables/status';
import { planYear } from '../model/planQueries';
import {
  fitTexts,
  NUMBER_FORMAT,
  PERCENT_FORMAT,
  sheetCells,
  type CellStyle,
  type SheetGuard,
  type WritePlan,
} from './writePlan';

const S = sheetText.status;
const HEADER: CellStyle = { ...PLAIN_HEADER, wrap: true, verticalTop: true };
const TEXT_INPUT: CellStyle = { ...INPUT, wrap: true, verticalTop: true };
const WRAP: CellStyle = { wrap: true, verticalTop: true };
const LIGHTS = TRAFFIC_LIGHT;

export interface StatusOptions {
  month: number;
  year?: number;
  /** The date of the write (ISO); its year stands in for a plan without one. */
  today: string;
}

export interface StatusResult {
  plan: WritePlan;
  sheet: string;
  action: 'create' | 'replace';
  notes: string[];
  /** The core's figure for every formula cell, by address. */
  expected: Map<string, Decimal>;
  /** Inputs carried over (by initiative number) and into "Fjernede indsatser". */
  kept: number;
  removed: number;
}

const inputOf = (row: StatusSheet['rows'][number]): StatusInput => ({
  number: row.number,
  area: row.area,
  realised: row.realised.raw ?? null,
  status: row.status,
});
const hasInput = (i: StatusInput) => (i.realised !== null && i.realised !== '') || i.status !== '';

/**
 * The status sheet of a plan for a month. A status sheet of the same name the add-in made before
 * is replaced; what the controller typed in it (realised amounts, status texts, thresholds) is
 * carried over by initiative number, and an input whose initiative left the plan goes to
 * "Fjernede indsatser". A new month starts from the previous month's status texts.
 */
export function buildStatus(plan: ActionPlan, workbook: WorkbookSnapshot, options: StatusOptions): StatusResult {
  const year = options.year ?? planYear(plan) ?? yearOfIso(options.today);
  const month = options.month;
  const wanted = S.sheet(month, year);
  const existing = workbook.sheets.find((s) => sameSheetName(s.name, wanted));
  const ours = existing?.ownedByAddin === true;
  const choice = ours ? { name: existing.name, note: null } : chooseSheetName(wanted, workbook);
  const sheet = choice.name;
  const readOf = (name: string) => {
    const s = workbook.sheets.find((x) => sameSheetName(x.name, name) && x.ownedByAddin && !x.unread);
    return s ? readStatusSheet(new Grid(s)) : null;
  };
  const before = ours ? readOf(existing.name) : null;
  // A new month's sheet starts from the latest earlier month's texts.
  let previous: StatusSheet | null = null;
  if (!before) {
    for (let m = month - 1; m >= 1 && !previous; m--) previous = readOf(S.sheet(m, year));
  }

  const inputs = carriedInputs(before, previous);
  const thresholds = before?.thresholds ?? previous?.thresholds ?? DEFAULT_THRESHOLDS;

  const helpers = sheetCells(sheet);
  const { cells, expected, put } = helpers;

  put(0, 0, S.title(month, year), { bold: true, fontSize: 14 });
  put(1, 0, S.plan, { bold: true });
  put(1, 1, plan.sheet);
  put(2, 0, S.toDate(month), { italic: true });
  put(3, 0, S.green);
  put(3, 1, thresholds.green, INPUT, PERCENT_FORMAT);
  put(4, 0, S.yellow);
  put(4, 1, thresholds.yellow, INPUT, PERCENT_FORMAT);
  const head = 6;
  S.headers.forEach((h, c) => put(head, c, h, HEADER));

  // Text amounts no formula can read: the core's value in a side table at K:L, with a note.
  const fallbackTop = head;
  const refs = new AmountRefs(plan.sheet, (k) => `$L$${fallbackTop + 2 + k}`);
  const { numbers, first, last, total, kept } = initiativeRows(plan, month, inputs, head, refs, helpers);

  // What was typed about initiatives no longer in the plan is kept, never dropped.
  const removedInputs = [...inputs.values()].filter(hasInput).sort((a, b) => a.number - b.number);
  let below = total + 2;
  if (removedInputs.length) {
    put(below, 0, S.removed, { bold: true });
    put(below, 2, S.removedNote, { italic: true });
    S.removedHeaders.forEach((h, c) => put(below + 1, c, h, HEADER));
    removedInputs.forEach((input, i) => {
      const r = below + 2 + i;
      put(r, 0, input.number);
      put(r, 1, input.area, WRAP);
      put(r, 2, writable(input.realised), INPUT, NUMBER_FORMAT);
      put(r, 3, input.status, TEXT_INPUT);
    });
    below += removedInputs.length + 3;
  }
  put(below, 0, S.legend, { italic: true });
  const notes: string[] = [...(choice.note ? [choice.note] : [])];
  if (refs.fallbacks.length) {
    put(fallbackTop, 10, sheetText.fallbackCell, HEADER);
    put(fallbackTop, 11, sheetText.fallbackValue, HEADER);
    refs.fallbacks.forEach((c, k) => {
      put(fallbackTop + 1 + k, 10, `${plan.sheet}!${c.address}`);
      put(fallbackTop + 1 + k, 11, c.value?.toNumber() ?? null, undefined, NUMBER_FORMAT);
    });
    notes.push(sheetText.fallbackNote(refs.fallbacks.map((c) => c.address)));
  }

  // What the controller typed elsewhere on the old sheet (a note in a free cell) is kept where it
  // was, or moved below the legend when the new layout needs its cell, and the move is told.
  const taken = new Set(cells.map((c) => c.address));
  const oldGrid = before ? new Grid(workbook.sheets.find((x) => x.name === existing!.name)!) : null;
  const notesKept = oldGrid && before ? freeNotes(oldGrid, before) : [];
  let moveTo = below + 2;
  for (const note of notesKept) {
    let address = toA1(note.row, note.col);
    if (taken.has(address)) {
      const to = toA1(moveTo, note.col);
      notes.push(S.noteMoved(address, to));
      address = to;
      moveTo++;
    }
    taken.add(address);
    cells.push({ sheet, address, value: note.value, ...(note.formula ? { formula: note.formula } : {}) });
  }

  // The traffic light on "Andel realiseret" (and the rows' numbers), thresholds from B4 and B5.
  const conditionalFormats = trafficLights(first, last, numbers.length);

  // The write depends on the plan's layout and on what the controller typed in the old sheet.
  const guards: SheetGuard[] = [{ sheet: plan.sheet, cells: planLabelCells(plan) }];
  if (before)
    guards.push({
      sheet: existing!.name,
      cells: [...before.inputCells, ...notesKept.map((n) => toA1(n.row, n.col))],
    });

  const writePlan: WritePlan = {
    sheets: [
      {
        action: ours ? 'replace' : 'create',
        name: sheet,
        after: plan.sheet,
        owned: true,
        activate: true,
        columnWidths: [6, 28, 40, 16, 16, 14, 12, 48].map((width, col) => ({ col, width })),
        conditionalFormats,
        page: { landscape: true, paper: 'A4', titleRows: [head + 1, head + 1], fitToWidth: true },
      },
    ],
    cells,
    charts: [],
    guards,
  };
  return {
    plan: writePlan,
    sheet,
    action: ours ? 'replace' : 'create',
    notes: [...notes, ...fitTexts(writePlan)],
    expected,
    kept,
    removed: removedInputs.length,
  };
}

/**
 * The cells of an earlier status sheet the add-in did not write: A–B above the header (title,
 * plan, thresholds), A–H from the header to the legend, and the side table at K–L are its own;
 * anything else that holds something the controller typed there.
 */
function freeNotes(
  g: Grid,
  old: StatusSheet,
): { row: number; col: number; value: string | number | null; formula?: string }[] {
  const legend = normaliseLabel(S.legend);
  let end = old.totalRow ?? old.headerRow;
  for (let r = end; r <= g.bottom; r++) if (g.label(r, g.left) === legend) end = r;
  let sideEnd = old.headerRow - 1;
  while (!g.isEmpty(sideEnd + 1, 10) || !g.isEmpty(sideEnd + 1, 11)) sideEnd++;
  const own = (r: number, c: number) =>
    (r < old.headerRow && c <= 1) ||
    (r >= old.headerRow && r <= end && c <= 7) ||
    (r >= old.headerRow && r <= sideEnd && (c === 10 || c === 11));
  const out: { row: number; col: number; value: string | number | null; formula?: string }[] = [];
  g.forEachCell((r, c, v) => {
    if (own(r, c)) return;
    const formula = g.formula(r, c) ?? undefined;
    const value = writable(v);
    if (value === null && !formula) return;
    out.push({ row: r, col: c, value: typeof value === 'boolean' ? String(value) : value, formula });
  });
  return out;
}

type Cells = ReturnType<typeof sheetCells>;

/** The inputs to carry: the sheet's own when it is regenerated, else the latest earlier month's status texts. */
function carriedInputs(before: StatusSheet | null, previous: StatusSheet | null): Map<number, StatusInput> {
  const inputs = new Map<number, StatusInput>();
  if (before) {
    for (const r of before.rows) inputs.set(r.number, inputOf(r));
    for (const r of before.removed) if (!inputs.has(r.number)) inputs.set(r.number, r);
  } else if (previous) {
    for (const r of previous.rows) if (r.status) inputs.set(r.number, { ...inputOf(r), realised: null });
  }
  return inputs;
}

/** One row per initiative (planned to date, realised, difference, share, status) and the total row below them. */
function initiativeRows(
  plan: ActionPlan,
  month: number,
  inputs: Map<number, StatusInput>,
  head: number,
  refs: AmountRefs,
  { put, formula }: Cells,
) {
  const effectRows = new Map(plan.monthTable.rows.filter((r) => r.number !== null).map((r) => [r.number!, r]));
  const numbers = statusNumbers(plan);
  const byNumber = new Map(plan.initiatives.map((i) => [i.number, i]));
  const first = head + 1;
  let plannedSum = new Decimal(0);
  let realisedSum = new Decimal(0);
  let kept = 0;
  numbers.forEach((n, i) => {
    const r = first + i;
    const x = r + 1;
    const initiative = byNumber.get(n);
    const cols = plan.initiativeColumns;
    put(r, 0, n);
    if (initiative && cols) {
      formula(r, 1, `""&${sheetRef(plan.sheet, initiative.row, cols.area)}`, initiative.area, undefined, WRAP);
      if (cols.action !== null)
        formula(r, 2, `""&${sheetRef(plan.sheet, initiative.row, cols.action)}`, initiative.action, undefined, WRAP);
    }
    const months = effectRows.get(n)?.months.slice(0, month) ?? [];
    const planned = months.reduce((s, c) => (c.value ? s.plus(c.value) : s), new Decimal(0));
    formula(r, 3, refs.sum(months), planned, NUMBER_FORMAT);
    const input = inputs.get(n);
    if (input && hasInput(input)) kept++;
    inputs.delete(n);
    put(r, 4, writable(input?.realised ?? null), INPUT, NUMBER_FORMAT);
    put(r, 7, input?.status ?? '', TEXT_INPUT);
    const realised = typeof input?.realised === 'number' ? new Decimal(input.realised) : null;
    formula(r, 5, `IF(E${x}="","",E${x}-D${x})`, realised ? realised.minus(planned) : '', NUMBER_FORMAT);
    formula(
      r,
      6,
      `IF(OR(E${x}="",D${x}=0),"",E${x}/D${x})`,
      realised && !planned.isZero() ? realised.dividedBy(planned) : '',
      PERCENT_FORMAT,
    );
    plannedSum = plannedSum.plus(planned);
    if (realised) realisedSum = realisedSum.plus(realised);
  });
  const last = first + numbers.length - 1;
  const total = last + 1;
  const t = total + 1;
  put(total, 0, S.total, { bold: true, borderBottom: true });
  const range = (c: string) => (numbers.length ? `${c}${first + 1}:${c}${last + 1}` : null);
  formula(total, 3, range('D') ? `SUM(${range('D')})` : '0', plannedSum, NUMBER_FORMAT, { bold: true });
  formula(total, 4, range('E') ? `SUM(${range('E')})` : '0', realisedSum, NUMBER_FORMAT, { bold: true });
  formula(total, 5, `E${t}-D${t}`, realisedSum.minus(plannedSum), NUMBER_FORMAT, { bold: true });
  formula(
    total,
    6,
    `IF(D${t}=0,"",E${t}/D${t})`,
    plannedSum.isZero() ? '' : realisedSum.dividedBy(plannedSum),
    PERCENT_FORMAT,
    {
      bold: true,
    },
  );

  return { numbers, first, last, total, kept };
}

/** The traffic light on "Andel realiseret" (and the rows' numbers), thresholds from B4 and B5. */
function trafficLights(first: number, last: number, count: number) {
  return count
    ? [
        { when: `$G${first + 1}>=$B$4`, ...LIGHTS.green },
        { when: `$G${first + 1}>=$B$5`, ...LIGHTS.yellow },
        { when: `$G${first + 1}<$B$5`, ...LIGHTS.red },
      ].map((l) => ({
        range: rangeA1(first, 6, last, 6),
        formula: `AND(ISNUMBER($G${first + 1}),${l.when})`,
        fill: l.fill,
        fontColor: l.fontColor,
      }))
    : [];
}

/** The write itself: every operation of a write plan queued on the request context, for one sync. */
import { type WriteCheck } from './check';
import { columnLetters, rangeA1 } from '../../core/model/a1';
import {
  ownerMarkSheet,
  ownerMarkName,
  type CellWrite,
  type ChartSpec,
  type SheetAction,
  type WritePlan,
} from '../../core/build/writePlan';

/**
 * A column width in characters (as the .xlsx files store it, `<col width>`) in points, the unit
 * of RangeFormat.columnWidth. ECMA-376 Part 1, §18.3.1.13: pixels = Truncate(((256 × width +
 * Truncate(128 / MDW)) / 256) × MDW), with the maximum digit width MDW = 7 pixels of the default
 * font (Calibri 11); a pixel is 0,75 point at 96 dpi. 28 characters: 196 px, 147 points.
 */
export function widthInPoints(characters: number, mdw = 7): number {
  const pixels = Math.trunc(((256 * characters + Math.trunc(128 / mdw)) / 256) * mdw);
  return pixels * 0.75;
}

/** The most a write puts in one sync, well under Excel on the web's 5 MB per request. */
export const WRITE_SYNC_BYTES = 2_000_000;
/** What one operation costs in a request beyond its data (about 150 bytes). */
export const OPERATION_BYTES = 150;

/** A cell write's share of a request: its data, and an operation for each property set. */
function cellWriteBytes(w: CellWrite): number {
  const data = String(w.formula ?? w.value ?? '').length + (w.numberFormat?.length ?? 0);
  const ops = 2 + (w.numberFormat ? 1 : 0) + (w.style ? Object.keys(w.style).length : 0);
  return data + ops * OPERATION_BYTES;
}

/** A name no sheet has: the write builds new sheets under such names and renames them last. */
function temporaryName(taken: Set<string>, kind: 'ny' | 'gl'): string {
  for (let n = 1; ; n++) {
    const name = `HP_${kind}_${Date.now().toString(36).slice(-5)}_${n}`;
    if (!taken.has(name.toLowerCase())) {
      taken.add(name.toLowerCase());
      return name;
    }
  }
}

function hexColor(c: string) {
  return c.startsWith('#') ? c : `#${c}`;
}

/**
 * A value as Excel must receive it: text behind an apostrophe, so it stays text — but not in a
 * cell formatted as Text ("@"), which keeps what it is given as text, the apostrophe included.
 */
export function excelValue(v: string | number | null | undefined, textCell = false): string | number {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' && !textCell ? `'${v}` : v;
}

function queueCell(ws: Excel.Worksheet, w: CellWrite, styled: boolean, textCell: boolean, protectedSheet = false) {
  const range = ws.getRange(w.address);
  // The format first: a cell formatted as Text keeps a number written into it as text, so a
  // number meant for such a cell is written once the cell has its number format. A protected
  // sheet takes values in its unlocked cells, but no formats: the cell keeps its own.
  if (w.numberFormat && !protectedSheet) range.numberFormat = [[w.numberFormat]];
  if (w.formula) range.formulas = [[w.formula]];
  else if (w.value !== undefined) range.values = [[excelValue(w.value, textCell || w.numberFormat === '@')]];
  const s = w.style;
  if (!s || !styled) return;
  if (s.bold) range.format.font.bold = true;
  if (s.italic) range.format.font.italic = true;
  if (s.fontSize) range.format.font.size = s.fontSize;
  if (s.fontColor) range.format.font.color = hexColor(s.fontColor);
  if (s.fill) range.format.fill.color = hexColor(s.fill);
  if (s.wrap) range.format.wrapText = true;
  if (s.horizontal)
    range.format.horizontalAlignment =
      s.horizontal === 'left' ? 'Left' : s.horizontal === 'center' ? 'Center' : 'Right';
  if (s.verticalTop) range.format.verticalAlignment = 'Top';
  if (s.borderBottom) range.format.borders.getItem('EdgeBottom').style = 'Continuous';
}

function queueChart(ws: Excel.Worksheet, spec: ChartSpec) {
  // ExcelApi 1.1; the enum's string values, so no Excel global is needed here.
  const type = (spec.type === 'column' ? 'ColumnClustered' : 'Line') as Excel.ChartType;
  const chart = ws.charts.add(type, ws.getRange(spec.source), 'Columns' as Excel.ChartSeriesBy);
  chart.name = spec.name;
  chart.title.text = spec.title;
  chart.setPosition(spec.from, spec.to);
}

/** What this Excel can do beyond ExcelApi 1.4, by requirement set. */
interface WriteFeatures {
  conditionalFormats: boolean;
  pageLayout: boolean;
  views?: boolean;
}

/** A new sheet's conditional formats, frozen rows, filter and page setup, where this Excel has them. */
function queueSheetLook(ws: Excel.Worksheet, action: SheetAction, features: WriteFeatures) {
  if (features.conditionalFormats) {
    (action.conditionalFormats ?? []).forEach((f, k) => {
      // ExcelApi 1.6; the enum's string value, so no Excel global is needed here. add() puts a
      // format at the top priority (0), so each is given its place in the plan's order, and
      // the first that holds stops the rest, as the .xlsx path writes them.
      const cf = ws.getRange(f.range).conditionalFormats.add('Custom' as Excel.ConditionalFormatType);
      cf.custom.rule.formula = `=${f.formula}`;
      cf.custom.format.fill.color = f.fill;
      if (f.fontColor) cf.custom.format.font.color = f.fontColor;
      cf.priority = k;
      cf.stopIfTrue = true;
    });
  }
  if (features.views) {
    // Frozen rows: ExcelApi 1.7; a filter on the sheet: ExcelApi 1.9 (checked with pageLayout).
    if (action.freezeRows) ws.freezePanes.freezeRows(action.freezeRows);
    if (action.autoFilter && features.pageLayout) ws.autoFilter.apply(ws.getRange(action.autoFilter));
  }
  if (features.pageLayout && action.page) {
    // ExcelApi 1.9.
    const layout = ws.pageLayout;
    if (action.page.landscape) layout.orientation = 'Landscape' as Excel.PageOrientation;
    if (action.page.paper === 'A4') layout.paperSize = 'A4' as Excel.PaperType;
    if (action.page.titleRows) layout.setPrintTitleRows(`$${action.page.titleRows[0]}:$${action.page.titleRows[1]}`);
    if (action.page.fitToWidth) layout.zoom = { horizontalFitToPages: 1 };
  }
}

/**
 * Queues the write, without syncing, in an order that keeps a failure harmless: new sheets are
 * built under temporary names; then the user's cells and history rows are written; then a
 * replaced sheet steps aside under a temporary name, the new sheets take their names and
 * places, get their marks and the active one is activated; the old sheets and marks go last.
 */
export async function queueWritePlan(
  context: Excel.RequestContext,
  plan: WritePlan,
  actions: SheetAction[],
  check: WriteCheck,
  /** What this Excel can do beyond ExcelApi 1.4: left out where it cannot (the cells are all written). */
  features: WriteFeatures = { conditionalFormats: false, pageLayout: false },
): Promise<void> {
  // Excel on the web takes at most 5 MB in one request: a large write goes in several syncs,
  // all before the sheets are put in place (a failure in any of them is undone like any other).
  let bytes = 0;
  const budget = async (more: number) => {
    bytes += more;
    if (bytes < WRITE_SYNC_BYTES) return;
    bytes = 0;

    await context.sync();
  };
  const worksheets = context.workbook.worksheets;
  const taken = new Set(check.sheets.map((s) => s.name.toLowerCase()));
  const sheets = new Map<string, Excel.Worksheet>();
  const planned = new Map(plan.sheets.map((a, i) => [a.name, actions[i]]));
  actions.forEach((action) => {
    const temporary = temporaryName(taken, 'ny');
    let ws: Excel.Worksheet;
    if (action.copyOf) {
      // Layout and styles come along with a copy (ExcelApi 1.7; the pane checks for it first).
      const source = worksheets.getItem(action.copyOf);
      ws = source.copy('After', source);
      ws.name = temporary;
    } else ws = worksheets.add(temporary);
    sheets.set(action.name, ws);
    for (const { col, width } of action.columnWidths ?? []) {
      ws.getRange(`${columnLetters(col)}:${columnLetters(col)}`).format.columnWidth = widthInPoints(width);
    }
  });
  const sheetFor = (name: string) => {
    const action = planned.get(name);
    if (action) return { ws: sheets.get(action.name)!, ours: true };
    return { ws: worksheets.getItem(name), ours: false };
  };
  // New sheets' contents first, then the user's cells: styles only on the add-in's own sheets.
  const cells = [...plan.cells].sort((a, b) => Number(!planned.has(a.sheet)) - Number(!planned.has(b.sheet)));
  const protectedSheets = new Set(check.sheets.filter((x) => x.protected).map((x) => x.name));
  const textFormat = new Set(
    check.oldCells.filter((c) => c.numberFormat === '@').map((c) => `${c.sheet}!${c.address}`),
  );
  for (const w of cells) {
    const { ws, ours } = sheetFor(w.sheet);
    queueCell(ws, w, ours, !ours && textFormat.has(`${w.sheet}!${w.address}`), !ours && protectedSheets.has(w.sheet));
    await budget(cellWriteBytes(w));
  }
  for (const chart of plan.charts) queueChart(sheetFor(chart.sheet).ws, chart);
  for (const action of actions) queueSheetLook(sheets.get(action.name)!, action, features);
  const nextRow = new Map(check.nextRow);
  for (const append of plan.appends ?? []) {
    const target = planned.get(append.sheet)?.name ?? append.sheet;
    const row = nextRow.get(target) ?? (planned.has(append.sheet) ? 1 : 0);
    nextRow.set(target, row + 1);
    const range = sheetFor(append.sheet).ws.getRange(rangeA1(row, 0, row, append.values.length - 1));
    range.values = [append.values.map((v) => excelValue(v))];
    range.numberFormat = [append.numberFormats?.map((f) => f ?? 'General') ?? append.values.map(() => 'General')];
  }

  // Into place: the final order is the old one with each new sheet after its "after" sheet
  // (a replacement where the old one stood); the old sheets wait right behind their successors.
  const order = check.sheets.map((s) => s.name);
  const oldSheets: Excel.Worksheet[] = [];
  for (const action of actions) {
    const ws = sheets.get(action.name)!;
    let at = action.after !== undefined ? order.indexOf(action.after) + 1 : order.length;
    if (action.action === 'replace') {
      const old = worksheets.getItem(action.name);
      old.name = temporaryName(taken, 'gl');
      oldSheets.push(old);
      at = action.after !== undefined && at > 0 ? at : order.indexOf(action.name);
      const oldAt = order.indexOf(action.name);
      order.splice(oldAt, 1);
      if (at > oldAt) at--;
      order.splice(at, 0, action.name, `\u0000old:${action.name}`);
    } else {
      if (at <= 0) at = order.length;
      order.splice(at, 0, action.name);
    }
    ws.name = action.name;
  }
  actions
    .map((a) => ({ ws: sheets.get(a.name)!, at: order.indexOf(a.name) }))
    .sort((a, b) => a.at - b.at)
    .forEach(({ ws, at }) => {
      ws.position = at;
    });
  const names = new Set(check.names.map((n) => n.name));
  for (const action of actions) {
    if (!action.owned) continue;
    const mark = ownerMarkName(action.name, names);
    names.add(mark);
    // Hidden from the Name Manager; no comment (a name's comment cannot be undone on the web).
    const item = context.workbook.names.add(mark, sheets.get(action.name)!.getRange('A1'));
    item.visible = false;
  }
  const activate = actions.find((s) => s.activate);
  if (activate) sheets.get(activate.name)!.activate();
  for (const action of actions.filter((a) => a.action === 'replace')) {
    for (const n of check.names) {
      if (ownerMarkSheet(n.name, n.value) === action.name) context.workbook.names.getItem(n.name).delete();
    }
  }
  for (const old of oldSheets) old.delete();
}

/** The value to write back into a cell so that it holds exactly what it held. */

/**
 * Steps 2 and 3 of a write: where every sheet ends up (the order as it is, new sheets placed, the
 * replaced ones gone) and each new or replacement sheet as a part of its own — a copy of a sheet
 * (as Excel's copy: hyperlinks and print titles along, the parts it pointed at left behind) or a
 * sheet built from the plan, with its charts.
 */
import { quoteSheetName } from '../../core/model/a1';
import type { CellWrite, SheetAction, WritePlan } from '../../core/build/writePlan';
import { chartXml, drawingXml } from '../charts';
import { relativeTarget, relsPathFor, type WorkbookInfo } from '../package';
import { cellXml, newSheetXml, patchSheetXml, removeElements, setTabSelected } from '../sheetXml';
import { detach } from '../xml';
import { userCell } from './cellWrites';
import type { Draft } from './draft';
import { addOverride, addRel, freeRelId, relationshipsXml, RELTYPE, TYPE, type NewRelationship } from './parts';
import { refuse } from './refuse';

export interface Slot {
  name: string;
  entry?: WorkbookInfo['sheets'][number];
  action?: SheetAction;
  part?: string;
  rId?: string;
  sheetId?: string;
}

/** The sheets in their new order, and the input sheets that are replaced. */
export function sheetOrder(info: WorkbookInfo, actions: readonly SheetAction[]) {
  const order: Slot[] = info.sheets.map((s) => ({ name: s.name, entry: s }));
  const removedSheets: WorkbookInfo['sheets'][number][] = [];
  for (const action of actions) {
    const slot: Slot = { name: action.name, action };
    let at = action.after !== undefined ? order.findIndex((s) => s.name === action.after) + 1 : order.length;
    if (at <= 0) at = order.length;
    if (action.action === 'replace') {
      const old = order.findIndex((s) => s.name === action.name && s.entry);
      if (old >= 0) {
        removedSheets.push(order[old].entry!);
        if (action.after === undefined) at = old;
        order.splice(old, 1);
        if (at > old) at--;
      }
    }
    order.splice(Math.min(at, order.length), 0, slot);
  }
  return { order, removedSheets };
}

/** The elements of a worksheet that point at other parts: a copy does not bring those parts. */
const PART_BOUND = [
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'picture',
  'oleObjects',
  'controls',
  'tableParts',
  'webPublishItems',
];

/** A copy of a sheet's XML for a new sheet: parts it referred to left behind, hyperlinks kept. */
function copySheetXml(xml: string, keepRelIds: Set<string>): string {
  let out = xml;
  for (const name of PART_BOUND) out = removeElements(out, name);
  // Printer settings and the like: the attribute goes, the element stays.
  out = out.replace(/\s(\w+):id\s*=\s*["']([^"']*)["']/g, (m, _p, id: string) => (keepRelIds.has(id) ? m : ''));
  // Extensions that point at parts (slicers, timelines) go; the rest (conditional formats) stay.
  out = out.replace(/<(\w+:)?ext\b[^>]*>[\s\S]*?<\/\1?ext>/g, (m) => (/\s\w+:id\s*=/.test(m) ? '' : m));
  out = out.replace(/(<(?:\w+:)?sheetPr\b[^>]*?)\scodeName\s*=\s*["'][^"']*["']/, '$1');
  return setTabSelected(out, false);
}

/** A sheet made as a copy of another, with the plan's cells written into it. */
async function copiedSheet(draft: Draft, action: SheetAction, writes: CellWrite[], rels: NewRelationship[]) {
  const { pkg, info } = draft;
  const source = info.sheets.find((s) => s.name === action.copyOf);
  if (!source?.part) throw refuse('ItemNotFound');
  const sourceRels = await pkg.relationships(source.part);
  const keep = new Set(sourceRels.filter((r) => r.type === RELTYPE.hyperlink && r.external).map((r) => r.id));
  for (const r of sourceRels)
    if (keep.has(r.id)) rels.push({ id: r.id, type: r.type, target: r.target, external: true });
  const xml = patchSheetXml(
    copySheetXml(await pkg.text(source.part), keep),
    writes.map((w) => userCell(w, draft.book)),
  );
  // A copy brings the source's print area and titles, as Excel's copy does.
  const sourceIndex = info.sheets.indexOf(source);
  for (const n of info.definedNames.filter((d) => d.localSheetId === sourceIndex && /^_xlnm\.Print_/i.test(d.name)))
    draft.pendingNames.push({
      name: n.name,
      local: action.name,
      value: n.value.split(quoteSheetName(source.name)).join(quoteSheetName(action.name)),
    });
  return xml;
}

/** One drawing part with several anchors. */
function mergeDrawings(drawings: string[]): string {
  if (drawings.length === 1) return drawings[0];
  const anchors = drawings.map((d) => /<xdr:twoCellAnchor>[\s\S]*<\/xdr:twoCellAnchor>/.exec(d)![0]);
  return drawings[0].replace(/<xdr:twoCellAnchor>[\s\S]*<\/xdr:twoCellAnchor>/, anchors.join(''));
}

/** The sheet's charts as one drawing part and a chart part each; the drawing's relationship id. */
function addCharts(draft: Draft, part: string, charts: WritePlan['charts'], sheet: string, rels: NewRelationship[]) {
  const { changes, wbDir } = draft;
  const drawingId = 'rIdHp1';
  const drawing = changes.freeName(`${wbDir}drawings/`, 'drawing');
  const anchors: string[] = [];
  const drawingRels: NewRelationship[] = [];
  charts.forEach((spec, k) => {
    const chartPart = changes.freeName(`${wbDir}charts/`, 'chart');
    changes.set(chartPart, chartXml({ ...spec, sheet }));
    draft.types = addOverride(draft.types, chartPart, TYPE.chart);
    drawingRels.push({ id: `rId${k + 1}`, type: RELTYPE.chart, target: relativeTarget(drawing, chartPart) });
    anchors.push(drawingXml(spec, spec.name, `rId${k + 1}`));
  });
  changes.set(drawing, mergeDrawings(anchors));
  changes.set(relsPathFor(drawing), relationshipsXml(drawingRels));
  draft.types = addOverride(draft.types, drawing, TYPE.drawing);
  rels.push({ id: drawingId, type: RELTYPE.drawing, target: relativeTarget(part, drawing) });
  return drawingId;
}

/** A sheet built from the plan: its cells, widths, conditional formats, page setup and charts. */
function builtSheet(
  draft: Draft,
  part: string,
  action: SheetAction,
  writes: CellWrite[],
  charts: WritePlan['charts'],
  rels: NewRelationship[],
) {
  const { book } = draft;
  // Each cell's element made one flat string at once: the pieces a template joins would otherwise
  // stay a tree of small strings until the sheet is joined (a hundred thousand cells: 30 MB more).
  const cells = new Map<string, string>();
  for (const w of writes)
    cells.set(
      w.address,
      detach(cellXml(w.address, { value: w.value, formula: w.formula, style: book.xf(0, w.numberFormat, w.style) })),
    );
  const drawingRelId = charts.length ? addCharts(draft, part, charts, action.name, rels) : undefined;
  const xml = newSheetXml(cells, action.columnWidths ?? [], {
    tabSelected: false,
    drawingRelId,
    conditionalFormats: action.conditionalFormats?.map((f) => ({
      range: f.range,
      formula: f.formula,
      dxfId: book.dxf(f.fill, f.fontColor),
    })),
    page: action.page,
    freezeRows: action.freezeRows,
    autoFilter: action.autoFilter,
  });
  if (action.page?.titleRows) {
    const [first, last] = action.page.titleRows;
    draft.pendingNames.push({
      name: '_xlnm.Print_Titles',
      local: action.name,
      value: `${quoteSheetName(action.name)}!$${first}:$${last}`,
    });
  }
  return xml;
}

/**
 * A new or replacement sheet as a part, with its relationships, content type and a place in the
 * workbook's relationships. `plannedName` is the name the plan uses for its cells and charts.
 */
export async function addSheetPart(
  draft: Draft,
  slot: Slot,
  plannedName: string,
  plan: WritePlan,
  writes: CellWrite[],
  selectTab: boolean,
  nextSheetId: () => string,
) {
  const action = slot.action!;
  const { changes } = draft;
  const part = changes.freeName(`${draft.wbDir}worksheets/`, 'sheet');
  slot.part = part;
  const rels: NewRelationship[] = [];
  let xml = action.copyOf
    ? await copiedSheet(draft, action, writes, rels)
    : builtSheet(
        draft,
        part,
        action,
        writes,
        plan.charts.filter((c) => c.sheet === plannedName),
        rels,
      );
  if (selectTab) xml = setTabSelected(xml, true);
  changes.set(part, xml);
  draft.types = addOverride(draft.types, part, TYPE.worksheet);
  if (rels.length) changes.set(relsPathFor(part), relationshipsXml(rels));
  slot.rId = freeRelId(draft.wbRels);
  draft.wbRels = addRel(draft.wbRels, slot.rId, RELTYPE.worksheet, relativeTarget(draft.info.part, part));
  slot.sheetId = nextSheetId();
}

/**
 * The workbook part after a write: the sheets in their new order, the defined names following
 * their sheets, the active tab, and a full recalculation asked for on load. Elements the writer
 * does not change keep their text.
 */
import { quoteSheetName } from '../../core/model/a1';
import { ownerMarkName, ownerMarkSheet, type SheetAction } from '../../core/build/writePlan';
import { updateSheetTitles } from '../appProps';
import { RELATIONSHIPS_NS, relsPathFor, type WorkbookInfo } from '../package';
import type { Draft } from './draft';
import type { Slot } from './sheetParts';
import { attr, escapeXml } from '../xml';
import { appendEdit, applyEdits, attrOf, attrsOf, childSpans, firstSpan, spans, textOf, withAttr } from '../xmlPatch';
import { refuse } from './refuse';

/**
 * Step 6 of a write: the workbook part with the sheets in `order`, the owner marks of the sheets
 * the add-in owns, the names copied along with sheets, the active tab (`activate`, or the one
 * active before) and a full recalculation on load; the sheet list of docProps/app.xml follows.
 */
export async function writeWorkbookPart(
  draft: Draft,
  order: Slot[],
  actions: readonly SheetAction[],
  removedSheets: readonly WorkbookInfo['sheets'][number][],
  activate: SheetAction | undefined,
) {
  const { info, pkg, changes } = draft;
  const oldIndex = new Map(info.sheets.map((s, i) => [s.name, i]));
  const newIndexOfOld = new Map<number, number>();
  order.forEach((slot, i) => {
    if (slot.entry) newIndexOfOld.set(oldIndex.get(slot.entry.name)!, i);
  });
  let xml = rewriteSheets(await pkg.treeText(info.part), order);
  // The rule of the writer: every input sheet is in the output, but those the add-in replaces.
  const written = new Set(sheetNamesIn(xml));
  for (const s of info.sheets)
    if (!written.has(s.name) && !removedSheets.includes(s)) throw refuse('SheetLost', { sheet: s.name });
  const nameSet = new Set(info.definedNames.map((n) => n.name));
  const marks: { name: string; value: string }[] = [];
  for (const action of actions) {
    if (!action.owned) continue;
    const mark = ownerMarkName(action.name, nameSet);
    nameSet.add(mark);
    marks.push({ name: mark, value: `${quoteSheetName(action.name)}!$A$1` });
  }
  const locals = draft.pendingNames
    .splice(0)
    .map((n) => ({ name: n.name, localSheetId: order.findIndex((s) => s.name === n.local), value: n.value }));
  const replaced = new Set(actions.filter((a) => a.action === 'replace').map((a) => a.name));
  xml = rewriteDefinedNames(xml, newIndexOfOld, replaced, marks, locals);
  const activeIndex = activate
    ? order.findIndex((s) => s.action === activate)
    : (newIndexOfOld.get(info.activeTab) ?? 0);
  xml = rewriteBookView(xml, activeIndex, newIndexOfOld);
  xml = requestFullCalc(xml);
  changes.set(info.part, xml);
  changes.set(relsPathFor(info.part), draft.wbRels);
  await updateAppSheetList(draft, order);
}

/** The sheet list in docProps/app.xml follows the workbook's. */
async function updateAppSheetList(draft: Draft, order: Slot[]) {
  const { info, pkg, changes } = draft;
  const appRel = (await pkg.relationships('')).find((r) => r.type.endsWith('/extended-properties') && !r.external);
  if (!appRel || !pkg.has(appRel.target)) return;
  const before = info.sheets.filter((x) => x.kind === 'worksheet').map((x) => x.name);
  const after = order.filter((slot) => !slot.entry || slot.entry.kind === 'worksheet').map((slot) => slot.name);
  if (before.join('\u0000') === after.join('\u0000')) return;
  const app = await pkg.treeText(appRel.target);
  const updated = updateSheetTitles(app, before, after);
  if (updated !== app) changes.set(appRel.target, updated);
}

/** The names of the <sheet> elements in a workbook part, decoded. */
function sheetNamesIn(xml: string): (string | null)[] {
  const list = spans(xml);
  const block = firstSpan(list, 'sheets', 1);
  return block ? childSpans(list, block, 'sheet').map((e) => attrOf(xml, e, 'name')) : [];
}

/** The <sheets> element in the new order; existing <sheet> elements keep their text. */
function rewriteSheets(
  xml: string,
  order: { name: string; entry?: { name: string; rId: string }; rId?: string; sheetId?: string }[],
): string {
  const list = spans(xml);
  const block = firstSpan(list, 'sheets', 1);
  if (!block) throw refuse('InvalidArgument');
  const p = block.prefix;
  // Each sheet by its name as the reader decoded it (entities and character references alike).
  const elements = new Map<string, string>();
  let rPrefix = 'r';
  for (const el of childSpans(list, block, 'sheet')) {
    const name = attrOf(xml, el, 'name');
    if (name !== null) elements.set(name, xml.slice(el.start, el.end));
    const id = /\s(\w+):id\s*=/.exec(attrsOf(xml, el));
    if (id) rPrefix = id[1];
  }
  const items = order.map((slot) => {
    if (!slot.entry)
      return `<${p}sheet name="${escapeXml(slot.name)}" sheetId="${slot.sheetId}" ${rPrefix}:id="${slot.rId}"/>`;
    const kept = elements.get(slot.entry.name);
    // A write never leaves out a sheet of the input: one that cannot be found stops it.
    if (kept === undefined) throw refuse('SheetLost', { sheet: slot.entry.name });
    return kept;
  });
  const inner = items.join('');
  const open = block.selfClosing
    ? xml.slice(block.start, block.openEnd).replace(/\s*\/>$/, '>')
    : xml.slice(block.start, block.openEnd);
  let out = xml.slice(0, block.start) + open + inner + `</${p}sheets>` + xml.slice(block.end);
  const root = firstSpan(spans(out), 'workbook', 0);
  if (rPrefix === 'r' && root && !/xmlns:r\s*=/.test(out.slice(root.start, root.openEnd)))
    out =
      out.slice(0, root.start) +
      withAttr(out.slice(root.start, root.openEnd), 'xmlns:r', RELATIONSHIPS_NS) +
      out.slice(root.openEnd);
  return out;
}

/** Defined names: sheet-local ones follow their sheet's new index, those of removed sheets and old marks go, new ones come. */
function rewriteDefinedNames(
  xml: string,
  newIndexOfOld: Map<number, number>,
  replaced: Set<string>,
  marks: { name: string; value: string }[],
  locals: { name: string; localSheetId: number; value: string }[],
): string {
  const list = spans(xml);
  const block = firstSpan(list, 'definedNames', 1);
  const p = block?.prefix ?? firstSpan(list, 'sheets', 1)?.prefix ?? '';
  const kept: string[] = [];
  for (const el of block ? childSpans(list, block, 'definedName') : []) {
    const text = xml.slice(el.start, el.end);
    const name = attrOf(xml, el, 'name') ?? '';
    const value = textOf(xml, el);
    if (replaced.has(ownerMarkSheet(name, value) ?? '')) continue;
    const local = attrOf(xml, el, 'localSheetId');
    if (local !== null) {
      const moved = newIndexOfOld.get(Number(local));
      if (moved === undefined) continue;
      if (moved === Number(local)) kept.push(text);
      else {
        const open = withAttr(xml.slice(el.start, el.openEnd), 'localSheetId', String(moved));
        kept.push(open + xml.slice(el.openEnd, el.end));
      }
    } else kept.push(text);
  }
  for (const n of locals)
    kept.push(
      `<${p}definedName name="${escapeXml(n.name)}" localSheetId="${n.localSheetId}">${escapeXml(n.value)}</${p}definedName>`,
    );
  for (const mark of marks)
    kept.push(`<${p}definedName name="${mark.name}" hidden="1">${escapeXml(mark.value)}</${p}definedName>`);
  // One <definedNames> (the schema allows no second), none when there is nothing in it.
  const element = kept.length ? `<${p}definedNames>${kept.join('')}</${p}definedNames>` : '';
  if (block) return xml.slice(0, block.start) + element + xml.slice(block.end);
  if (!element) return xml;
  // After sheets, functionGroups and externalReferences, as the schema orders them.
  for (const name of ['externalReferences', 'functionGroups', 'sheets']) {
    const el = firstSpan(list, name, 1);
    if (el) return xml.slice(0, el.end) + element + xml.slice(el.end);
  }
  return xml;
}

function rewriteBookView(xml: string, activeTab: number, newIndexOfOld: Map<number, number>): string {
  const view = firstSpan(spans(xml), 'workbookView');
  if (!view) return xml;
  let t = withAttr(xml.slice(view.start, view.openEnd), 'activeTab', activeTab > 0 ? String(activeTab) : null);
  const first = attr(attrsOf(xml, view), 'firstSheet');
  if (first !== null) t = withAttr(t, 'firstSheet', String(Math.min(newIndexOfOld.get(Number(first)) ?? 0, activeTab)));
  return xml.slice(0, view.start) + t + xml.slice(view.openEnd);
}

/** The file asks for a full recalculation on load, so readers that calculate do so. */
function requestFullCalc(xml: string): string {
  const list = spans(xml);
  const calc = firstSpan(list, 'calcPr', 1);
  if (calc)
    return (
      xml.slice(0, calc.start) +
      withAttr(xml.slice(calc.start, calc.openEnd), 'fullCalcOnLoad', '1') +
      xml.slice(calc.openEnd)
    );
  const root = firstSpan(list, 'workbook', 0);
  if (!root) return xml;
  const el = `<${root.prefix}calcPr fullCalcOnLoad="1"/>`;
  // Before the elements the schema puts after calcPr.
  const before = [
    'oleSize',
    'customWorkbookViews',
    'pivotCaches',
    'smartTagPr',
    'smartTagTypes',
    'webPublishing',
    'fileRecoveryPr',
    'webPublishObjects',
    'extLst',
  ];
  const next = childSpans(list, root).find((e) => before.includes(e.name));
  if (next) return xml.slice(0, next.start) + el + xml.slice(next.start);
  return applyEdits(xml, [appendEdit(xml, root, el)]);
}

/**
 * Applies a write plan to an .xlsx package by patching it: the cells the add-in owns are changed
 * in place in their sheet's XML; new sheets, drawings and charts are added as new parts with
 * their relationships and content types; styles are appended; defined names added — and every
 * other part is copied with its bytes untouched. A write that cannot go ahead safely (the
 * workbook is no longer what was validated, a sheet or the structure is locked) throws before
 * anything is produced, so the caller's file is never half written.
 */
import { parseA1, quoteSheetName, toA1 } from '../core/model/a1';
import { WorkbookError, type XlsxWriteCode } from '../core/model/adapter';
import { Grid, type WorkbookSnapshot } from '../core/model/grid';
import { resolveSheetActions } from '../core/build/sheetNames';
import { guardedCells, type FreshSheet } from '../core/build/writeGuard';
import { writeRefusal } from '../core/build/writeRefusal';
import {
  markedSheet,
  OWNER_MARK_PREFIX,
  ownerMarkName,
  type CellWrite,
  type SheetAction,
  type WriteOutcome,
  type WritePlan,
} from '../core/build/writePlan';
import { cellState } from '../core/build/writeGuard';
import { updateSheetTitles } from './appProps';
import { chartXml, drawingXml } from './charts';
import { LIMITS } from './limits';
import { Package, REL, RELATIONSHIPS_NS, relativeTarget, relsPathFor, type WorkbookInfo } from './package';
import { readSharedStrings, readSheet, readStyles, type SheetContext } from './read';
import {
  cellXml,
  keepFormula,
  newSheetXml,
  patchSheetXml,
  removeElements,
  setTabSelected,
  type CellPatch,
} from './sheetXml';
import { MINIMAL_STYLES, StyleBook } from './styles';
import { attr, detach, escapeXml } from './xml';
import { XlsxError } from './errors';
import { appendEdit, applyEdits, attrOf, attrsOf, childSpans, firstSpan, spans, textOf, withAttr } from './xmlPatch';
import { writeZip, type Deflate, type ZipOutput } from './zip';

/** A write the .xlsx writer refuses or cannot do: one of the codes the command line has text for. */
const refuse = (code: XlsxWriteCode, params: Record<string, string> = {}) => new WorkbookError(code, params);

const TYPE = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
  rels: 'application/vnd.openxmlformats-package.relationships+xml',
};
const RELTYPE = {
  worksheet: `${RELATIONSHIPS_NS}/worksheet`,
  drawing: `${RELATIONSHIPS_NS}/drawing`,
  chart: `${RELATIONSHIPS_NS}/chart`,
  styles: `${RELATIONSHIPS_NS}/styles`,
  hyperlink: `${RELATIONSHIPS_NS}/hyperlink`,
};

const encoder = new TextEncoder();

/** A package being changed: parts replaced, added and removed, the rest left as they are. */
class Changes {
  readonly text = new Map<string, string>();
  readonly added: string[] = [];
  readonly removed = new Set<string>();

  constructor(private readonly pkg: Package) {}

  has(part: string) {
    const k = part.toLowerCase();
    return (!this.removed.has(k) && this.pkg.has(part)) || this.text.has(k);
  }
  async read(part: string): Promise<string> {
    const k = part.toLowerCase();
    return this.text.get(k) ?? (await this.pkg.text(part));
  }
  set(part: string, xml: string) {
    const k = part.toLowerCase();
    if (!this.pkg.has(part) && !this.text.has(k)) this.added.push(part);
    this.text.set(k, xml);
    this.removed.delete(k);
  }
  remove(part: string) {
    const k = part.toLowerCase();
    this.text.delete(k);
    const i = this.added.findIndex((a) => a.toLowerCase() === k);
    if (i >= 0) this.added.splice(i, 1);
    else if (this.pkg.has(part)) this.removed.add(k);
  }
  /** A part name not yet taken: folder/stemN.xml. */
  freeName(folder: string, stem: string): string {
    for (let n = 1; ; n++) {
      const name = `${folder}${stem}${n}.xml`;
      if (!this.has(name)) return name;
    }
  }
}

/** Relationships of one part, edited as text. */
async function readRels(changes: Changes, part: string): Promise<string> {
  const path = relsPathFor(part);
  return changes.has(path)
    ? changes.read(path)
    : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
}

function freeRelId(rels: string): string {
  for (let n = 1; ; n++) {
    const id = `rIdHp${n}`;
    if (!rels.includes(`"${id}"`)) return id;
  }
}

function addRel(rels: string, id: string, type: string, target: string): string {
  const el = `<Relationship Id="${id}" Type="${type}" Target="${escapeXml(target)}"/>`;
  const list = spans(rels);
  const root = firstSpan(list, 'Relationships', 0);
  if (!root) throw new XlsxError('Corrupt', { part: 'relationships' });
  return applyEdits(rels, [appendEdit(rels, root, el.replace('<Relationship ', `<${root.prefix}Relationship `))]);
}

function removeRel(rels: string, id: string): string {
  const list = spans(rels);
  const edits = list
    .filter((e) => e.name === 'Relationship' && e.depth === 1 && attrOf(rels, e, 'Id') === id)
    .map((e) => ({ from: e.start, to: e.end, text: '' }));
  return applyEdits(rels, edits);
}

function addOverride(types: string, part: string, type: string): string {
  const list = spans(types);
  const root = firstSpan(list, 'Types', 0);
  if (!root) throw new XlsxError('Corrupt', { part: '[Content_Types].xml' });
  const el = `<${root.prefix}Override PartName="/${escapeXml(part)}" ContentType="${type}"/>`;
  return applyEdits(types, [appendEdit(types, root, el)]);
}

/** A Default for an extension, unless the content types already have one. */
function ensureDefault(types: string, extension: string, type: string): string {
  const list = spans(types);
  if (list.some((e) => e.name === 'Default' && attrOf(types, e, 'Extension')?.toLowerCase() === extension))
    return types;
  const root = firstSpan(list, 'Types', 0);
  if (!root) throw new XlsxError('Corrupt', { part: '[Content_Types].xml' });
  const el = `<${root.prefix}Default Extension="${extension}" ContentType="${type}"/>`;
  return applyEdits(types, [{ from: root.openEnd, to: root.openEnd, text: el }]);
}

function removeOverride(types: string, part: string): string {
  const list = spans(types);
  const edits = list
    .filter(
      (e) =>
        e.name === 'Override' &&
        e.depth === 1 &&
        attrOf(types, e, 'PartName')?.toLowerCase() === `/${part}`.toLowerCase(),
    )
    .map((e) => ({ from: e.start, to: e.end, text: '' }));
  return applyEdits(types, edits);
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

export interface PackageWrite {
  data: Uint8Array;
  outcome: WriteOutcome;
}

/** The first part of a part's text, enough to see its sheet views. */
async function head(pkg: Package, part: string, chars = 8192): Promise<string> {
  let text = '';
  const STOP = Symbol('stop');
  try {
    await pkg.streamText(part, (t) => {
      text += t;
      if (text.length >= chars) throw STOP;
    });
  } catch (e) {
    if (e !== STOP) throw e;
  }
  return text.slice(0, chars);
}

/**
 * Applies `plan` to the package, checking first that the sheets it depends on are still as in
 * `before`. Returns the new package's bytes; the input is not changed.
 */
export async function writePackage(
  pkg: Package,
  plan: WritePlan,
  before: WorkbookSnapshot,
  deflate: Deflate,
): Promise<PackageWrite> {
  const info = await pkg.workbook();
  // Strict conformance would need every part written in its namespaces: refused, never mixed.
  if (info.strict) throw refuse('StrictWorkbook');
  const strings = await readSharedStrings(pkg, info.sharedStringsPart, LIMITS);
  const styles = await readStyles(pkg, info.stylesPart);
  const ctx: SheetContext = { strings, styles, date1904: info.date1904, cells: { count: 0, limit: LIMITS.cells } };
  const owned = new Set(
    info.definedNames
      .filter((n) => n.name.toUpperCase().startsWith(OWNER_MARK_PREFIX))
      .map((n) => markedSheet(n.value))
      .filter((s): s is string => s !== null),
  );
  const entryOf = (name: string) => info.sheets.find((s) => s.name === name);

  // 1. The workbook as it is now, where the plan depends on it.
  const resolved = resolveSheetActions(
    plan,
    info.sheets.map((s) => ({ name: s.name, ownedByAddin: owned.has(s.name) })),
  );
  const made = new Set(plan.sheets.map((s) => s.name));
  const guarded = guardedCells(plan, before);
  const touched = new Set<string>([
    ...guarded.keys(),
    ...plan.cells.filter((c) => !made.has(c.sheet)).map((c) => c.sheet),
    ...(plan.appends ?? []).filter((a) => !made.has(a.sheet)).map((a) => a.sheet),
  ]);
  const fresh = new Map<string, FreshSheet | null>();
  const parsed = new Map<string, Awaited<ReturnType<typeof readSheet>>>();
  for (const name of touched) {
    const entry = entryOf(name);
    if (!entry?.part) {
      fresh.set(name, null);
      continue;
    }
    const sheet = await readSheet(pkg, entry.part, name, ctx);
    parsed.set(name, sheet);
    const cells = new Map<string, ReturnType<typeof cellState>>();
    const grid = new Grid(sheet);
    for (const address of guarded.get(name) ?? []) cells.set(address, cellState(grid, address));
    fresh.set(name, { usedRange: sheet.usedRange ?? null, cells });
  }
  // The sheets to be replaced are read too: the policy asks whether they are protected.
  for (const a of resolved.actions)
    if (a.action === 'replace' && !parsed.has(a.name)) {
      const entry = entryOf(a.name);
      if (entry?.part) parsed.set(a.name, await readSheet(pkg, entry.part, a.name, ctx));
    }
  const unlocked = new Map([...parsed].map(([name, s]) => [name, new Set(s.unlockedCells ?? [])]));
  const refusal = writeRefusal(
    plan,
    before,
    {
      fresh,
      structureProtected: info.structureLocked,
      sheets: [...parsed].map(([name, s]) => ({ name, protected: !!s.protected })),
      locked: (sheet, address) => !unlocked.get(sheet)?.has(address),
    },
    resolved.actions,
  );
  if (refusal) throw refusal;
  const replaced = resolved.actions.filter((a) => a.action === 'replace').map((a) => a.name);

  const changes = new Changes(pkg);
  const wbDir = info.part.includes('/') ? info.part.slice(0, info.part.lastIndexOf('/') + 1) : '';
  let types = await pkg.treeText('[Content_Types].xml');
  let wbRels = await readRels(changes, info.part);
  let workbookXml = await pkg.treeText(info.part);

  // Styles: appended to, or created when the package has none.
  let stylesPart = info.stylesPart;
  const book = new StyleBook(stylesPart ? await pkg.treeText(stylesPart) : MINIMAL_STYLES);
  if (!stylesPart) {
    book.changed = true;
    // A styles relationship whose part is missing is used as it is (one styles relationship only).
    const dangling = info.relationships.find((r) => r.type.endsWith(REL.styles) && !r.external);
    if (dangling) stylesPart = dangling.target;
    else {
      stylesPart = changes.freeName(wbDir, 'styles');
      wbRels = addRel(wbRels, freeRelId(wbRels), RELTYPE.styles, relativeTarget(info.part, stylesPart));
    }
    types = removeOverride(types, stylesPart);
    types = addOverride(types, stylesPart, TYPE.styles);
  }

  // 2. Where every sheet ends up: the order as it is, with new sheets placed and old ones gone.
  type Slot = {
    name: string;
    entry?: WorkbookInfo['sheets'][number];
    action?: SheetAction;
    part?: string;
    rId?: string;
    sheetId?: string;
  };
  const order: Slot[] = info.sheets.map((s) => ({ name: s.name, entry: s }));
  let maxSheetId = Math.max(0, ...info.sheets.map((s) => Number(s.sheetId) || 0));
  const planned = new Map(plan.sheets.map((a, i) => [a.name, resolved.actions[i]]));
  const removedSheets: WorkbookInfo['sheets'][number][] = [];
  for (const action of resolved.actions) {
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

  // 3. New and replacement sheets as parts.
  const cellsBySheet = new Map<string, CellWrite[]>();
  for (const c of plan.cells) {
    const list = cellsBySheet.get(c.sheet) ?? [];
    list.push(c);
    cellsBySheet.set(c.sheet, list);
  }
  // History rows go below the last row that holds anything.
  const appendsBySheet = new Map<string, CellWrite[]>();
  const nextRow = new Map<string, number>();
  for (const a of plan.appends ?? []) {
    let row = nextRow.get(a.sheet);
    if (row === undefined) {
      if (made.has(a.sheet))
        row = 1 + (cellsBySheet.get(a.sheet) ?? []).reduce((m, c) => Math.max(m, parseA1(c.address).row), 0);
      else {
        const s = parsed.get(a.sheet);
        row = s && s.usedRange ? parseA1(s.usedRange.split(':').at(-1)!).row + 1 : 0;
      }
    }
    nextRow.set(a.sheet, row + 1);
    const list = appendsBySheet.get(a.sheet) ?? [];
    a.values.forEach((value, c) =>
      list.push({ sheet: a.sheet, address: toA1(row!, c), value, numberFormat: a.numberFormats?.[c] ?? undefined }),
    );
    appendsBySheet.set(a.sheet, list);
  }
  const writesFor = (sheet: string) => [...(cellsBySheet.get(sheet) ?? []), ...(appendsBySheet.get(sheet) ?? [])];
  /** Names Excel copies along with a sheet, waiting for the new sheet's index. */
  const pendingNames: { name: string; local: string; value: string }[] = [];
  /** A cell's new element; a formula cell written with its formula keeps its <f> as it was. */
  const userCell = (w: CellWrite): CellPatch => ({
    ref: w.address,
    build: (old, p) => {
      const style = book.xf(old.style, w.numberFormat);
      if (w.formula && old.xml && /<(\w+:)?f\b/.test(old.xml)) return keepFormula(old.xml, w.value, style, p);
      return prefixed(cellXml(w.address, { value: w.value, formula: w.formula, style }), p);
    },
  });

  // Which tab becomes active: only when every selected tab is one the add-in may change.
  const activate = resolved.actions.find((a) => a.activate);
  const mayChange = new Set<string>([...touched, ...replaced]);
  const selected: string[] = [];
  for (const s of info.sheets) {
    if (!s.part) continue;
    if (/<(\w+:)?sheetView\b[^>]*\stabSelected\s*=\s*["'](1|true)["']/.test(await head(pkg, s.part)))
      selected.push(s.name);
  }
  const activeName = info.sheets[info.activeTab]?.name;
  const canActivate = !!activate && [...selected, ...(activeName ? [activeName] : [])].every((n) => mayChange.has(n));

  for (const slot of order) {
    const action = slot.action;
    if (!action) continue;
    const part = changes.freeName(`${wbDir}worksheets/`, 'sheet');
    slot.part = part;
    const plannedName = [...planned.entries()].find(([, a]) => a === action)![0];
    const writes = writesFor(plannedName);
    // Each cell's element made one flat string at once: the pieces a template joins would otherwise
    // stay a tree of small strings until the sheet is joined (a hundred thousand cells: 30 MB more).
    const toOut = (w: CellWrite) =>
      detach(cellXml(w.address, { value: w.value, formula: w.formula, style: book.xf(0, w.numberFormat, w.style) }));
    let xml: string;
    const sheetRels: { id: string; type: string; target: string; external?: boolean }[] = [];
    if (action.copyOf) {
      const source = entryOf(action.copyOf);
      if (!source?.part) throw refuse('ItemNotFound');
      const sourceRels = await pkg.relationships(source.part);
      const keep = new Set(sourceRels.filter((r) => r.type === RELTYPE.hyperlink && r.external).map((r) => r.id));
      for (const r of sourceRels)
        if (keep.has(r.id)) sheetRels.push({ id: r.id, type: r.type, target: r.target, external: true });
      xml = copySheetXml(await pkg.text(source.part), keep);
      xml = patchSheetXml(xml, writes.map(userCell));
      // A copy brings the source's print area and titles, as Excel's copy does.
      const sourceIndex = info.sheets.indexOf(source);
      for (const n of info.definedNames.filter(
        (d) => d.localSheetId === sourceIndex && /^_xlnm\.Print_/i.test(d.name),
      )) {
        pendingNames.push({
          name: n.name,
          local: action.name,
          value: n.value.split(quoteSheetName(source.name)).join(quoteSheetName(action.name)),
        });
      }
    } else {
      const cells = new Map<string, string>();
      for (const w of writes) cells.set(w.address, toOut(w));
      let drawingId: string | undefined;
      const charts = plan.charts.filter((c) => c.sheet === plannedName);
      if (charts.length) {
        drawingId = 'rIdHp1';
        const drawing = changes.freeName(`${wbDir}drawings/`, 'drawing');
        const anchors: string[] = [];
        const drawingRels: string[] = [];
        charts.forEach((spec, k) => {
          const chartPart = changes.freeName(`${wbDir}charts/`, 'chart');
          changes.set(chartPart, chartXml({ ...spec, sheet: action.name }));
          types = addOverride(types, chartPart, TYPE.chart);
          drawingRels.push(
            `<Relationship Id="rId${k + 1}" Type="${RELTYPE.chart}" Target="${relativeTarget(drawing, chartPart)}"/>`,
          );
          anchors.push(drawingXml(spec, spec.name, `rId${k + 1}`));
        });
        changes.set(drawing, mergeDrawings(anchors));
        changes.set(
          relsPathFor(drawing),
          `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${drawingRels.join('')}</Relationships>`,
        );
        types = addOverride(types, drawing, TYPE.drawing);
        sheetRels.push({ id: drawingId, type: RELTYPE.drawing, target: relativeTarget(part, drawing) });
      }
      xml = newSheetXml(cells, action.columnWidths ?? [], {
        tabSelected: false,
        drawingRelId: drawingId,
        conditionalFormats: action.conditionalFormats?.map((f) => ({
          range: f.range,
          formula: f.formula,
          dxfId: book.dxf(f.fill, f.fontColor),
        })),
        page: action.page,
      });
      if (action.page?.titleRows) {
        const [first, last] = action.page.titleRows;
        pendingNames.push({
          name: '_xlnm.Print_Titles',
          local: action.name,
          value: `${quoteSheetName(action.name)}!$${first}:$${last}`,
        });
      }
    }
    if (canActivate && action === activate) xml = setTabSelected(xml, true);
    changes.set(part, xml);
    types = addOverride(types, part, TYPE.worksheet);
    if (sheetRels.length) {
      changes.set(
        relsPathFor(part),
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheetRels
          .map(
            (r) =>
              `<Relationship Id="${r.id}" Type="${r.type}" Target="${escapeXml(r.target)}"${r.external ? ' TargetMode="External"' : ''}/>`,
          )
          .join('')}</Relationships>`,
      );
    }
    slot.rId = freeRelId(wbRels);
    wbRels = addRel(wbRels, slot.rId, RELTYPE.worksheet, relativeTarget(info.part, part));
    slot.sheetId = String(++maxSheetId);
  }

  // 4. The user's cells, in their sheets' own XML.
  for (const sheet of new Set([...cellsBySheet.keys(), ...appendsBySheet.keys()])) {
    if (made.has(sheet)) continue;
    const entry = entryOf(sheet);
    if (!entry?.part) throw refuse('ItemNotFound', { sheet });
    let patched = patchSheetXml(await changes.read(entry.part), writesFor(sheet).map(userCell));
    if (canActivate && selected.includes(sheet)) patched = setTabSelected(patched, false);
    changes.set(entry.part, patched);
  }

  // 5. Replaced sheets go, with the parts only they used.
  const allRels = await relationshipTargets(pkg);
  for (const old of removedSheets) {
    const rel = info.relationships.find((r) => r.id === old.rId);
    if (rel) wbRels = removeRel(wbRels, rel.id);
    if (old.part) {
      for (const part of await exclusiveParts(pkg, old.part, allRels)) {
        changes.remove(part);
        changes.remove(relsPathFor(part));
        types = removeOverride(types, part);
      }
    }
  }
  // The calculation chain names cells by sheet; Excel rebuilds it when it is gone.
  const calcChain = info.relationships.find((r) => r.type.endsWith(REL.calcChain));
  if (calcChain && resolved.actions.length) {
    wbRels = removeRel(wbRels, calcChain.id);
    changes.remove(calcChain.target);
    types = removeOverride(types, calcChain.target);
  }

  // 6. The workbook part: sheets in their order, names, the active tab, recalculation on load.
  const oldIndex = new Map(info.sheets.map((s, i) => [s.name, i]));
  const newIndexOfOld = new Map<number, number>();
  order.forEach((slot, i) => {
    if (slot.entry) newIndexOfOld.set(oldIndex.get(slot.entry.name)!, i);
  });
  workbookXml = rewriteSheets(workbookXml, order);
  // The rule of the writer: every input sheet is in the output, but those the add-in replaces.
  const written = new Set(
    (() => {
      const list = spans(workbookXml);
      const block = firstSpan(list, 'sheets', 1);
      return block ? childSpans(list, block, 'sheet').map((e) => attrOf(workbookXml, e, 'name')) : [];
    })(),
  );
  for (const s of info.sheets)
    if (!written.has(s.name) && !removedSheets.includes(s)) throw refuse('SheetLost', { sheet: s.name });
  const nameSet = new Set(info.definedNames.map((n) => n.name));
  const marks: { name: string; value: string }[] = [];
  for (const action of resolved.actions) {
    if (!action.owned) continue;
    const mark = ownerMarkName(action.name, nameSet);
    nameSet.add(mark);
    marks.push({ name: mark, value: `${quoteSheetName(action.name)}!$A$1` });
  }
  const locals = pendingNames
    .splice(0)
    .map((n) => ({ name: n.name, localSheetId: order.findIndex((s) => s.name === n.local), value: n.value }));
  workbookXml = rewriteDefinedNames(workbookXml, newIndexOfOld, new Set(replaced), marks, locals);
  const activeIndex = canActivate
    ? order.findIndex((s) => s.action === activate)
    : (newIndexOfOld.get(info.activeTab) ?? 0);
  workbookXml = rewriteBookView(workbookXml, activeIndex, newIndexOfOld);
  workbookXml = requestFullCalc(workbookXml);
  changes.set(info.part, workbookXml);
  changes.set(relsPathFor(info.part), wbRels);
  // The sheet list in docProps/app.xml follows the workbook's.
  const appRel = (await pkg.relationships('')).find((r) => r.type.endsWith('/extended-properties') && !r.external);
  if (appRel && pkg.has(appRel.target)) {
    const before = info.sheets.filter((x) => x.kind === 'worksheet').map((x) => x.name);
    const after = order.filter((slot) => !slot.entry || slot.entry.kind === 'worksheet').map((slot) => slot.name);
    if (before.join('\u0000') !== after.join('\u0000')) {
      const app = await pkg.treeText(appRel.target);
      const updated = updateSheetTitles(app, before, after);
      if (updated !== app) changes.set(appRel.target, updated);
    }
  }
  if (book.changed) changes.set(stylesPart, book.toXml());
  if (changes.added.some((p) => p.endsWith('.rels'))) types = ensureDefault(types, 'rels', TYPE.rels);
  changes.set('[Content_Types].xml', types);

  // 7. The new archive: untouched entries copied as they are.
  const outputs: ZipOutput[] = [];
  for (const entry of pkg.entries) {
    const k = entry.name.replace(/^\/+/, '').toLowerCase();
    if (changes.removed.has(k)) continue;
    const text = changes.text.get(k);
    outputs.push(
      text === undefined
        ? { kind: 'copy', entry, source: pkg.data }
        : { kind: 'new', name: entry.name, data: encoder.encode(text) },
    );
  }
  for (const part of changes.added)
    outputs.push({ kind: 'new', name: part, data: encoder.encode(changes.text.get(part.toLowerCase())!) });
  return { data: writeZip(outputs, deflate), outcome: { sheetNames: resolved.names, notes: resolved.notes } };
}

/** Cell XML with the namespace prefix of the sheet it goes into. */
function prefixed(xml: string, p: string): string {
  return p ? xml.replace(/<(\/?)(c|f|v|is|t)\b/g, `<$1${p}$2`) : xml;
}

/** One drawing part with several anchors. */
function mergeDrawings(drawings: string[]): string {
  if (drawings.length === 1) return drawings[0];
  const anchors = drawings.map((d) => /<xdr:twoCellAnchor>[\s\S]*<\/xdr:twoCellAnchor>/.exec(d)![0]);
  return drawings[0].replace(/<xdr:twoCellAnchor>[\s\S]*<\/xdr:twoCellAnchor>/, anchors.join(''));
}

/** Every internal target of every relationship in the package, with the part it comes from. */
async function relationshipTargets(pkg: Package): Promise<{ from: string; target: string }[]> {
  const out: { from: string; target: string }[] = [];
  for (const e of pkg.entries) {
    const m = /^(.*?)_rels\/([^/]*)\.rels$/i.exec(e.name);
    if (!m) continue;
    const source = `${m[1]}${m[2]}`;
    for (const r of await pkg.relationships(source))
      if (!r.external) out.push({ from: source.toLowerCase(), target: r.target });
  }
  return out;
}

/** A sheet part and the parts reachable from it that nothing else refers to. */
async function exclusiveParts(pkg: Package, part: string, all: { from: string; target: string }[]): Promise<string[]> {
  const out = [part];
  const seen = new Set([part.toLowerCase()]);
  for (let i = 0; i < out.length; i++) {
    for (const r of await pkg.relationships(out[i])) {
      const k = r.target.toLowerCase();
      if (r.external || seen.has(k) || !pkg.has(r.target)) continue;
      const others = all.filter((x) => x.target.toLowerCase() === k && !seen.has(x.from));
      if (others.length) continue;
      seen.add(k);
      out.push(r.target);
    }
  }
  return out;
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
    if (name.toUpperCase().startsWith(OWNER_MARK_PREFIX) && replaced.has(markedSheet(value) ?? '')) continue;
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

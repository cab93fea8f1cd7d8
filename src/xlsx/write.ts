/**
 * Applies a write plan to an .xlsx package by patching it: the cells the add-in owns are changed
 * in place in their sheet's XML; new sheets, drawings and charts are added as new parts with
 * their relationships and content types; styles are appended; defined names added — and every
 * other part is copied with its bytes untouched. A write that cannot go ahead safely (the
 * workbook is no longer what was validated, a sheet or the structure is locked) throws before
 * anything is produced, so the caller's file is never half written.
 *
 * The steps, each in its own file under write/: the check (check.ts), the draft of changed parts
 * (draft.ts), the sheet order and new sheet parts (sheetParts.ts), the user's cells
 * (cellWrites.ts), the workbook part (workbookPart.ts) and the relationships and content types
 * (parts.ts).
 */
import type { WorkbookSnapshot } from '../core/model/grid';
import type { WriteOutcome, WritePlan } from '../core/build/writePlan';
import { LIMITS } from './limits';
import { Package, REL, relsPathFor } from './package';
import { readSharedStrings } from './read/sharedStrings';
import type { SheetContext } from './read/sheet';
import { readStyles } from './read/styles';
import { patchSheetXml, setTabSelected } from './sheetXml';
import { cellWrites, userCell } from './write/cellWrites';
import { checkWrite, type CheckedWrite } from './write/check';
import { archive, openDraft, type Draft } from './write/draft';
import { exclusiveParts, relationshipTargets, removeOverride, removeRel } from './write/parts';
import { refuse } from './write/refuse';
import { addSheetPart, sheetOrder } from './write/sheetParts';
import { writeWorkbookPart } from './write/workbookPart';
import type { Deflate } from './zip';

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
 * The tab to activate and the sheets whose tab is selected now: a sheet is activated only when
 * every selected tab (and the active one) is a sheet the add-in may change.
 */
async function tabChoice(draft: Draft, checked: CheckedWrite) {
  const { info, pkg } = draft;
  const activate = checked.resolved.actions.find((a) => a.activate);
  const mayChange = new Set<string>([...checked.touched, ...checked.replaced]);
  const selected: string[] = [];
  for (const s of info.sheets) {
    if (!s.part) continue;
    if (/<(\w+:)?sheetView\b[^>]*\stabSelected\s*=\s*["'](1|true)["']/.test(await head(pkg, s.part)))
      selected.push(s.name);
  }
  const activeName = info.sheets[info.activeTab]?.name;
  const canActivate = !!activate && [...selected, ...(activeName ? [activeName] : [])].every((n) => mayChange.has(n));
  return { activate: canActivate ? activate : undefined, selected };
}

/** Replaced sheets go, with the parts only they used; the calculation chain goes when sheets change. */
async function removeReplaced(
  draft: Draft,
  removedSheets: readonly { rId: string; part?: string | null }[],
  sheetsChange: boolean,
) {
  const { info, pkg, changes } = draft;
  const allRels = await relationshipTargets(pkg);
  for (const old of removedSheets) {
    const rel = info.relationships.find((r) => r.id === old.rId);
    if (rel) draft.wbRels = removeRel(draft.wbRels, rel.id);
    if (!old.part) continue;
    for (const part of await exclusiveParts(pkg, old.part, allRels)) {
      changes.remove(part);
      changes.remove(relsPathFor(part));
      draft.types = removeOverride(draft.types, part);
    }
  }
  // The calculation chain names cells by sheet; Excel rebuilds it when it is gone.
  const calcChain = info.relationships.find((r) => r.type.endsWith(REL.calcChain));
  if (calcChain && sheetsChange) {
    draft.wbRels = removeRel(draft.wbRels, calcChain.id);
    changes.remove(calcChain.target);
    draft.types = removeOverride(draft.types, calcChain.target);
  }
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

  // 1. The workbook as it is now, where the plan depends on it.
  const checked = await checkWrite(pkg, info, plan, before, ctx);
  const { resolved, made } = checked;
  const draft = await openDraft(pkg, info);

  // 2. Where every sheet ends up; 3. new and replacement sheets as parts.
  const { order, removedSheets } = sheetOrder(info, resolved.actions);
  const writes = cellWrites(plan, made, checked.parsed);
  const { activate, selected } = await tabChoice(draft, checked);
  let maxSheetId = Math.max(0, ...info.sheets.map((s) => Number(s.sheetId) || 0));
  const plannedNames = new Map(resolved.actions.map((a, i) => [a, plan.sheets[i].name]));
  for (const slot of order) {
    if (!slot.action) continue;
    const plannedName = plannedNames.get(slot.action)!;
    await addSheetPart(draft, slot, plannedName, plan, writes.get(plannedName) ?? [], slot.action === activate, () =>
      String(++maxSheetId),
    );
  }

  // 4. The user's cells, in their sheets' own XML.
  for (const [sheet, list] of writes) {
    if (made.has(sheet)) continue;
    const entry = info.sheets.find((s) => s.name === sheet);
    if (!entry?.part) throw refuse('ItemNotFound', { sheet });
    let patched = patchSheetXml(
      await draft.changes.read(entry.part),
      list.map((w) => userCell(w, draft.book)),
    );
    if (activate && selected.includes(sheet)) patched = setTabSelected(patched, false);
    draft.changes.set(entry.part, patched);
  }

  // 5. Replaced sheets go; 6. the workbook part; 7. the new archive.
  await removeReplaced(draft, removedSheets, resolved.actions.length > 0);
  await writeWorkbookPart(draft, order, resolved.actions, removedSheets, activate);
  return { data: archive(draft, deflate), outcome: { sheetNames: resolved.names, notes: resolved.notes } };
}

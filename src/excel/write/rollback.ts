/** After a failed write: everything it did undone, from what the check loaded. */
import { isFormula, type OldCell, type WriteCheck } from './check';
import { rangeA1 } from '../../core/model/a1';
import { isOwnerMark, ownerMarkSheet } from '../../core/build/writePlan';

function restoreValue(old: OldCell): { formulas?: unknown; values?: unknown } {
  if (isFormula(old.formula, old.value)) return { formulas: old.formula };
  if (old.valueType === 'Empty') return { values: '' };
  // Text is restored as text: behind an apostrophe, or as it is in a Text ("@") cell.
  if (old.valueType === 'String')
    return { values: old.numberFormat === '@' ? String(old.value) : `'${String(old.value)}` };
  return { values: old.value };
}

/**
 * Undoes a failed write from the state the check recorded: cells rewritten and history rows
 * emptied first; then, only where they changed, sheets that were not there deleted (by id),
 * names and places given back, names restored and the active sheet activated again. Calls
 * Excel cannot undo (a sheet deleted, renamed or moved) come last, so that Ctrl+Z afterwards
 * finds no half-written state to bring back; a write of cells only makes none of them.
 */
export async function rollback(context: Excel.RequestContext, check: WriteCheck): Promise<void> {
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/id,items/name,items/position');
  const names = context.workbook.names;
  names.load('items/name');
  const active = worksheets.getActiveWorksheet();
  active.load('id');
  await context.sync();
  const known = new Map(check.sheets.map((s) => [s.id, s]));
  // Sheets by id: a sheet may still stand under a temporary name when the write failed.
  const idOf = new Map(check.sheets.map((s) => [s.name, s.id]));
  const sheetOf = (name: string) => worksheets.getItem(idOf.get(name) ?? name);
  for (const old of check.oldCells) {
    const range = sheetOf(old.sheet).getRange(old.address);
    const back = restoreValue(old);
    if (back.formulas !== undefined) range.formulas = [[back.formulas]];
    else range.values = [[back.values]];
    if (check.sheets.find((x) => x.name === old.sheet)?.protected) continue; // its format was not touched
    if (old.local) range.numberFormatLocal = [[old.numberFormat]];
    else range.numberFormat = [[old.numberFormat]];
  }
  for (const area of check.appendAreas) {
    // History rows went below the last value: the cells there were empty, with these formats.
    const range = sheetOf(area.sheet).getRange(rangeA1(area.row, 0, area.row + area.rows - 1, area.cols - 1));
    const rows = Array.from({ length: area.rows }, (_, i) => i);
    const cols = Array.from({ length: area.cols }, (_, j) => j);
    range.values = rows.map(() => cols.map(() => ''));
    range.numberFormat = rows.map((i) => cols.map((j) => area.formats(area.row + i, j)));
  }
  const hadNames = new Map(check.names.map((n) => [n.name.toUpperCase(), n]));
  const hasNames = new Set(names.items.map((n) => n.name.toUpperCase()));
  for (const n of names.items) if (!hadNames.has(n.name.toUpperCase())) names.getItem(n.name).delete();
  for (const n of check.names) {
    if (!hasNames.has(n.name.toUpperCase()) && isOwnerMark(n.name)) {
      // By the sheet's id, not its name: the sheets get their names back only below.
      const sheet = check.sheets.find((x) => x.name === ownerMarkSheet(n.name, n.value));
      const address = n.value.slice(n.value.lastIndexOf('!') + 1) || '$A$1';
      const item = sheet
        ? names.add(n.name, worksheets.getItem(sheet.id).getRange(address))
        : names.add(n.name, n.value.startsWith('=') ? n.value : `=${n.value}`);
      item.visible = false;
    }
  }
  if (active.id !== check.activeId) worksheets.getItem(check.activeId).activate();
  const added = worksheets.items.filter((ws) => !known.has(ws.id));
  for (const ws of added) worksheets.getItem(ws.id).delete();
  for (const ws of worksheets.items) {
    const was = known.get(ws.id);
    if (was && was.name !== ws.name) worksheets.getItem(ws.id).name = was.name;
  }
  // Places as they were: only where one differs (with sheets gone, the others close up).
  const now = worksheets.items.filter((ws) => known.has(ws.id)).map((ws) => ws.id);
  const order = check.sheets.map((s) => s.id);
  if (added.length > 0 || now.some((id, i) => order[i] !== id))
    check.sheets.forEach((s, i) => {
      worksheets.getItem(s.id).position = i;
    });
  await context.sync();
}

import { sheetNameText } from './da';
import type { WorkbookSnapshot } from './grid';

export interface SheetChoice {
  name: string;
  /** create: a new sheet; replace: the add-in's own sheet of that name; */
  action: 'create' | 'replace';
  /** Danish note when the wanted name was taken by a user's sheet. */
  note?: string;
}

const MAX_SHEET_NAME = 31;

/**
 * The name for a sheet the add-in writes: the wanted one, or the add-in's own sheet of that
 * name; never a user's sheet, for which "Navn (2)", "Navn (3)" … is used instead.
 */
export function chooseSheetName(wanted: string, workbook: WorkbookSnapshot): SheetChoice {
  const find = (name: string) => workbook.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  for (let n = 1; n < 100; n++) {
    const suffix = n === 1 ? '' : ` (${n})`;
    const name = wanted.slice(0, MAX_SHEET_NAME - suffix.length) + suffix;
    const existing = find(name);
    const note = n === 1 ? undefined : sheetNameText.taken(wanted, name);
    if (!existing) return { name, action: 'create', note };
    if (existing.ownedByAddin) return { name: existing.name, action: 'replace', note };
  }
  throw new Error('No free sheet name');
}

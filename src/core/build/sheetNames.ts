import { sheetNameText } from '../text/da';
import type { SheetAction, WritePlan } from './writePlan';

export interface SheetChoice {
  name: string;
  /** create: a new sheet; replace: the add-in's own sheet of that name. */
  action: 'create' | 'replace';
  /** Danish note when the wanted name was taken by a user's sheet. */
  note?: string;
}

/** A sheet as far as naming goes. */
export interface NamedSheet {
  name: string;
  ownedByAddin?: boolean;
}

export const MAX_SHEET_NAME = 31;
const FORBIDDEN = /[\\/?*[\]:]/g;

/** A name made valid: forbidden characters replaced, apostrophes trimmed, cut to 31 characters. */
export function cleanSheetName(wanted: string): string {
  let name = wanted
    .replace(FORBIDDEN, '-')
    .replace(/^'+|'+$/g, '')
    .trim();
  if (name.toLowerCase() === 'history') name = `${name} (1)`;
  name = name.slice(0, MAX_SHEET_NAME).replace(/'+$/, '');
  return name || 'Ark';
}

/**
 * The name for a sheet the add-in writes: the wanted one, or the add-in's own sheet of that
 * name; never a user's sheet, for which "Navn (2)", "Navn (3)" … is used instead.
 */
export function chooseSheetName(wanted: string, workbook: { sheets: NamedSheet[] }): SheetChoice {
  const clean = cleanSheetName(wanted);
  const byName = new Map(workbook.sheets.map((s) => [s.name.toLowerCase(), s]));
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : ` (${n})`;
    const name = clean.slice(0, MAX_SHEET_NAME - suffix.length).replace(/'+$/, '') + suffix;
    const existing = byName.get(name.toLowerCase());
    const note = n === 1 ? undefined : sheetNameText.taken(clean, name);
    if (!existing) return { name, action: 'create', note };
    if (existing.ownedByAddin) return { name: existing.name, action: 'replace', note };
  }
}

/**
 * The plan's sheets as they must be written into the workbook as it is now: a sheet that took
 * the planned name since the plan was built is left alone and the next free name used; a sheet
 * planned to be replaced is replaced only while it is still the add-in's, else created anew.
 */
export function resolveSheetActions(
  plan: WritePlan,
  current: NamedSheet[],
): { actions: SheetAction[]; names: Record<string, string>; notes: string[] } {
  const names: Record<string, string> = {};
  const notes: string[] = [];
  const taken: NamedSheet[] = [...current];
  const actions = plan.sheets.map((action) => {
    const existing = current.find((s) => s.name.toLowerCase() === action.name.toLowerCase());
    let choice: SheetChoice;
    if (action.action === 'replace' && existing?.ownedByAddin) choice = { name: existing.name, action: 'replace' };
    else {
      // Nothing is replaced that the plan did not mean to replace, not even the add-in's own.
      choice = chooseSheetName(action.name, { sheets: taken.map((t) => ({ name: t.name })) });
      if (choice.note) notes.push(choice.note);
    }
    names[action.name] = choice.name;
    taken.push({ name: choice.name });
    return { ...action, name: choice.name, action: choice.action };
  });
  return { actions, names, notes };
}

/** One workbook of the overview read into its rows, or the reason it cannot be used (main thread or worker alike). */
import { overviewRow, type OverviewFailure, type OverviewPlan } from '../core/overview';
import { validateWorkbook } from '../core/validate';
import { userMessage } from './errors';
import { readInput } from './files';
import { cliText } from './text';

/** A workbook to read: where it is, and how the overview names it. */
export interface Workbook {
  path: string;
  name: string;
}

/** One workbook's rows, or the reason it cannot be used. */
export async function readOne(w: Workbook): Promise<OverviewPlan[] | OverviewFailure> {
  try {
    const { snapshot } = await readInput(w.path);
    const { plans } = validateWorkbook(snapshot);
    if (plans.length === 0) return { file: w.name, reason: cliText.noPlan(w.name) };
    return plans.map((p) => overviewRow(w.name, p));
  } catch (e) {
    // The reason names the file as the overview does (relative to the folder), not by its full path.
    return { file: w.name, reason: userMessage(e, w.name).split(w.path).join(w.name) };
  }
}

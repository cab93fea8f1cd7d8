import { parseA1 } from '../../src/core/model/a1';
import { slagelse2021 } from '../../examples/slagelse-2021';
import { buildPlanSheet, type PlanContent } from '../../src/core/build/template';
import { ExcelModel } from './fakeExcel';

/** Puts a plan into the in-memory Excel model the way Excel would hold it. */
export function modelWithPlan(
  content: PlanContent = slagelse2021,
  options: { sheet?: string; origin?: { row: number; col: number }; before?: string[] } = {},
) {
  const model = new ExcelModel();
  for (const name of options.before ?? []) model.addSheet(name).fill('A1', [['Andet indhold']]);
  const sheetName = options.sheet ?? `Handleplan ${content.year}`;
  const sheet = model.addSheet(sheetName);
  model.active = sheetName;
  for (const w of buildPlanSheet(sheetName, content, options.origin).cells) {
    if (w.value === null && !w.formula) continue;
    const { row, col } = parseA1(w.address);
    sheet.set(row, col, { value: w.value ?? '', formula: w.formula, numberFormat: w.numberFormat });
  }
  return { model, sheet };
}

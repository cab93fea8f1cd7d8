import { toA1 } from '../../src/core/model/a1';
import type { SheetSnapshot } from '../../src/core/model/grid';
import { validateWorkbook } from '../../src/core/validate';

export const clone = (s: SheetSnapshot): SheetSnapshot => ({
  ...s,
  values: s.values.map((r) => [...(r ?? [])]),
  formulas: s.formulas?.map((r) => (r ? [...r] : r)),
});

/** The share of ±1 kr. changes to amount cells that give an error at the cell, its row total or its column total. */
export function mutationDetection(sheet: SheetSnapshot): { tried: number; caught: number; missed: string[] } {
  const plan = validateWorkbook({ sheets: [sheet] }).plans[0].plan;
  const table = plan.monthTable;
  const totalCol = table.totalCol!;
  const totalRow = table.totalRow!.row;
  const cells: { row: number; col: number }[] = [];
  for (const r of [...table.rows.map((x) => x.row), totalRow])
    for (let c = table.firstMonthCol; c <= totalCol; c++) cells.push({ row: r, col: c });
  let tried = 0;
  let caught = 0;
  const missed: string[] = [];
  for (const { row, col } of cells) {
    for (const delta of [1, -1]) {
      const s = clone(sheet);
      const i = row - s.origin.row;
      const j = col - s.origin.col;
      const old = s.values[i][j];
      s.values[i][j] = (typeof old === 'number' ? old : 0) + delta;
      s.formulas![i] = [...(s.formulas![i] ?? [])];
      s.formulas![i][j] = null;
      const errors = validateWorkbook({ sheets: [s] }).findings.filter((f) => f.severity === 'error');
      const at = new Set([toA1(row, col), toA1(row, totalCol), toA1(totalRow, col)]);
      tried++;
      if (errors.some((f) => at.has(f.cell))) caught++;
      else missed.push(`${toA1(row, col)}${delta > 0 ? '+1' : '-1'}`);
    }
  }
  return { tried, caught, missed };
}

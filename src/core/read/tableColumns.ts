/**
 * The rows of a month table and the initiatives of a plan as columns, whether the reader kept them
 * so or the plan was built as plain arrays (by a test, a builder): the rules ask through these.
 */
import { addMonth, monthNonZero, monthOre, Sum } from '../amounts/amounts';
import type { ActionPlan, EffectRowColumns, Initiative, InitiativeColumns, MonthTable } from '../model/plan';

/** True when an initiative has some text (read once by the reader, else looked at here). */
export const hasText = (i: { area: string; goal: string; action: string; consequences: string; filled?: boolean }) =>
  i.filled ?? (i.area.trim() !== '' || i.goal.trim() !== '' || i.action.trim() !== '' || i.consequences.trim() !== '');

export function effectRowsOf(table: MonthTable): EffectRowColumns {
  if (table.rowColumns) return table.rowColumns;
  const rows = table.rows;
  return {
    count: rows.length,
    hasTotals: true,
    number: (i) => rows[i].number,
    sheetRow: (i) => rows[i].row,
    rowOre: (i) => {
      let ore = 0;
      for (let k = 0; k < 12; k++) ore += monthOre(rows[i], k) ?? NaN;
      return ore;
    },
    firstEffect: (i) => {
      for (let k = 0; k < 12; k++) if (monthNonZero(rows[i], k)) return k;
      return 12;
    },
    firstNegative: (i) => {
      for (let k = 0; k < 12; k++)
        if ((monthOre(rows[i], k) ?? rows[i].months[k]?.value?.toNumber() ?? 0) < 0) return k;
      return 12;
    },
    totalOre: (i) => (rows[i].totalOre ? rows[i].totalOre!() : undefined),
    plain: (i) => rows[i].plain === true,
    columnSums: () => {
      const sums = Array.from({ length: 12 }, () => new Sum());
      for (const row of rows) for (let k = 0; k < 12; k++) addMonth(sums[k], row, k);
      return sums.map((s) => s.total());
    },
    row: (i) => rows[i],
  };
}

export function initiativesOf(plan: ActionPlan): InitiativeColumns {
  if (plan.initiativeColumnsRead) return plan.initiativeColumnsRead;
  const list: Initiative[] = plan.initiatives;
  return {
    count: list.length,
    number: (i) => list[i].number,
    sheetRow: (i) => list[i].row,
    filled: (i) => hasText(list[i]),
    item: (i) => list[i],
  };
}

/** The sheet row of a table's last effect row, or null when it has none. */
export function lastEffectRow(table: MonthTable): number | null {
  const rows = effectRowsOf(table);
  return rows.count ? rows.sheetRow(rows.count - 1) : null;
}

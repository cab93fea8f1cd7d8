import type { WorkbookSnapshot } from '../../src/core/model/grid';
import { toA1 } from '../../src/core/model/a1';

/** Every non-empty cell of a sheet as address -> value|formula|format, for before/after compares. */
export function cellMap(snapshot: WorkbookSnapshot, sheet: string): Map<string, string> {
  const s = snapshot.sheets.find((x) => x.name === sheet)!;
  const out = new Map<string, string>();
  s.values.forEach((row, i) =>
    row.forEach((v, j) => {
      const f = s.formulas?.[i]?.[j] ?? null;
      const fmt = s.numberFormats?.[i]?.[j] ?? null;
      if (v === null && f === null) return;
      out.set(toA1(s.origin.row + i, s.origin.col + j), JSON.stringify([v, f, fmt]));
    }),
  );
  return out;
}

export function changedCells(a: Map<string, string>, b: Map<string, string>): string[] {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => a.get(k) !== b.get(k)).sort();
}

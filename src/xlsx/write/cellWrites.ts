/** The cells a write plan puts into each sheet: its cells, then its history rows below the last. */
import { parseA1, toA1 } from '../../core/model/a1';
import type { CellWrite, WritePlan } from '../../core/build/writePlan';
import { cellXml, keepFormula, type CellPatch } from '../sheetXml';
import type { StyleBook } from '../styles';
import type { ParsedSheet } from './check';

/** Every cell each sheet gets, by sheet name. */
export function cellWrites(
  plan: WritePlan,
  made: ReadonlySet<string>,
  parsed: ReadonlyMap<string, ParsedSheet>,
): Map<string, CellWrite[]> {
  const bySheet = new Map<string, CellWrite[]>();
  const add = (w: CellWrite) => {
    const list = bySheet.get(w.sheet) ?? [];
    list.push(w);
    bySheet.set(w.sheet, list);
  };
  plan.cells.forEach(add);
  const lastPlanned = new Map<string, number>();
  for (const c of plan.cells) lastPlanned.set(c.sheet, Math.max(lastPlanned.get(c.sheet) ?? 0, parseA1(c.address).row));
  // History rows go below the last row that holds anything.
  const nextRow = new Map<string, number>();
  for (const a of plan.appends ?? []) {
    let row = nextRow.get(a.sheet);
    if (row === undefined) {
      if (made.has(a.sheet)) row = 1 + (lastPlanned.get(a.sheet) ?? 0);
      else {
        const s = parsed.get(a.sheet);
        row = s && s.usedRange ? parseA1(s.usedRange.split(':').at(-1)!).row + 1 : 0;
      }
    }
    nextRow.set(a.sheet, row + 1);
    a.values.forEach((value, c) =>
      add({ sheet: a.sheet, address: toA1(row!, c), value, numberFormat: a.numberFormats?.[c] ?? undefined }),
    );
  }
  return bySheet;
}

/** A user sheet's cell, patched in place; a formula cell written with its formula keeps its <f>. */
export function userCell(w: CellWrite, book: StyleBook): CellPatch {
  return {
    ref: w.address,
    build: (old, p) => {
      const style = book.xf(old.style, w.numberFormat);
      if (w.formula && old.xml && /<(\w+:)?f\b/.test(old.xml)) return keepFormula(old.xml, w.value, style, p);
      return prefixed(cellXml(w.address, { value: w.value, formula: w.formula, style }), p);
    },
  };
}

/** Cell XML with the namespace prefix of the sheet it goes into. */
function prefixed(xml: string, p: string): string {
  return p ? xml.replace(/<(\/?)(c|f|v|is|t)\b/g, `<$1${p}$2`) : xml;
}

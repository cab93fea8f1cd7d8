/** Formula text as the file format holds it. */
import { columnIndex, columnLetters } from '../core/model/a1';

/** Functions newer than Excel 2007 carry the _xlfn. prefix in the file format. */
const FUTURE_FUNCTIONS = ['NUMBERVALUE', 'UNICHAR'];

export function fileFormula(formula: string): string {
  let f = formula.replace(/^=/, '');
  for (const fn of FUTURE_FUNCTIONS) f = f.replace(new RegExp(`(?<![\\w.])${fn}\\(`, 'g'), `_xlfn.${fn}(`);
  return f;
}

/** Shifts the relative references of a shared formula from its master cell to another cell. */
export function translateFormula(formula: string, dRow: number, dCol: number): string {
  if (dRow === 0 && dCol === 0) return formula;
  // Outside string literals, A1 references not preceded by a name character or "!" of a sheet are shifted.
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((piece, i) =>
      i % 2 === 1
        ? piece
        : piece.replace(
            /(^|[^A-Za-z0-9_.$'])(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(])/g,
            (m, pre: string, cAbs: string, col: string, rAbs: string, row: string) => {
              const c = cAbs ? columnIndex(col) : columnIndex(col) + dCol;
              const r = rAbs ? Number(row) : Number(row) + dRow;
              if (c < 0 || r < 1) return m;
              return `${pre}${cAbs}${cAbs ? col : columnLetters(c)}${rAbs}${r}`;
            },
          ),
    )
    .join('');
}

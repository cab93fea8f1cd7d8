/**
 * The value of a formula saved without its result (openpyxl and other generators write formulas
 * and no cached value; Excel would show the result, so the add-in works it out too). It knows
 * the arithmetic such cells use: numbers, references to cells of the same sheet, + − × ÷,
 * unary signs, parentheses and SUM over references and ranges. Anything else — another sheet,
 * another function, text — is unknown (null), and the caller reports the cell.
 */
import Decimal from 'decimal.js';
import { parseRange } from '../model/a1';

/** What a reference is worth: a cell's amount, 0 when empty, null when it has none usable. */
export interface ReferenceValues {
  /** The amount of a cell as arithmetic sees it (Excel: text in + − × ÷ is #VALUE!). */
  cell(row: number, col: number): Decimal | null;
  /** The amount of a cell as SUM sees it: what is not an amount counts as nothing. */
  summed(row: number, col: number): Decimal | null;
}

/** A range larger than this is not summed here (a whole column would mean a million reads). */
const MAX_RANGE_CELLS = 1_000_000;

const TOKEN =
  /\s*(?:(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+)|(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)|([A-Za-z][A-Za-z0-9.]*)\s*\(|([-+*/(),;]))/y;

type Token =
  | { kind: 'num'; text: string }
  | { kind: 'ref'; text: string }
  | { kind: 'fn'; name: string }
  | { kind: 'op'; op: string };

function tokens(formula: string): Token[] | null {
  const out: Token[] = [];
  const f = formula.replace(/^\s*=/, '');
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < f.length) {
    if (/^\s*$/.test(f.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(f);
    if (!m) return null;
    at = TOKEN.lastIndex;
    if (m[1] !== undefined) out.push({ kind: 'num', text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: 'ref', text: m[2].replace(/\$/g, '').toUpperCase() });
    else if (m[3] !== undefined) out.push({ kind: 'fn', name: m[3].toUpperCase() });
    else out.push({ kind: 'op', op: m[4] });
  }
  return out;
}

/** The formula's value, or null when it cannot be worked out here. */
export function formulaValue(formula: string, refs: ReferenceValues): Decimal | null {
  const list = tokens(formula);
  if (!list || list.length === 0) return null;
  let i = 0;
  const peek = () => list[i];
  const isOp = (op: string) => {
    const t = list[i];
    return t?.kind === 'op' && t.op === op;
  };
  class Unknown extends Error {}
  const unknown = (): never => {
    throw new Unknown();
  };

  const reference = (text: string, summing: boolean): Decimal => {
    const r = parseRange(text);
    if (!summing && (r.top !== r.bottom || r.left !== r.right)) unknown();
    if ((r.bottom - r.top + 1) * (r.right - r.left + 1) > MAX_RANGE_CELLS) unknown();
    let total = new Decimal(0);
    for (let row = r.top; row <= r.bottom; row++)
      for (let col = r.left; col <= r.right; col++) {
        const v = summing ? refs.summed(row, col) : refs.cell(row, col);
        if (v === null) unknown();
        total = total.plus(v!);
      }
    return total;
  };

  const primary = (summing: boolean): Decimal => {
    const t = peek();
    if (!t) return unknown();
    i++;
    if (t.kind === 'num') return new Decimal(t.text);
    if (t.kind === 'ref') return reference(t.text, summing && !isOp('+') && !isOp('-') && !isOp('*') && !isOp('/'));
    if (t.kind === 'fn') {
      if (t.name !== 'SUM') return unknown();
      let total = new Decimal(0);
      if (isOp(')')) {
        i++;
        return total;
      }
      for (;;) {
        total = total.plus(expression(true));
        if (isOp(',') || isOp(';')) i++;
        else if (isOp(')')) {
          i++;
          return total;
        } else return unknown();
      }
    }
    if (t.op === '(') {
      const v = expression(false);
      if (!isOp(')')) unknown();
      i++;
      return v;
    }
    if (t.op === '-') return primary(false).negated();
    if (t.op === '+') return primary(false);
    return unknown();
  };

  const term = (summing: boolean): Decimal => {
    let v = primary(summing);
    while (isOp('*') || isOp('/')) {
      const op = (list[i++] as { op: string }).op;
      const w = primary(false);
      if (op === '*') v = v.times(w);
      else if (w.isZero()) unknown();
      else v = v.dividedBy(w);
    }
    return v;
  };

  /** An argument of SUM (summing) may be a bare range; inside arithmetic it is one cell. */
  const expression = (summing: boolean): Decimal => {
    let v = term(summing);
    while (isOp('+') || isOp('-')) {
      const op = (list[i++] as { op: string }).op;
      const w = term(false);
      v = op === '+' ? v.plus(w) : v.minus(w);
    }
    return v;
  };

  try {
    const v = expression(false);
    return i === list.length ? v : null;
  } catch (e) {
    if (e instanceof Unknown) return null;
    throw e;
  }
}

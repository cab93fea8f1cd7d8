/**
 * A cell's markup read from the bytes where it stands: its reference, type and style from the
 * attributes of <c>, and a plain number from <v>, without making a string of either.
 */
import { XlsxError } from '../errors';
import { ascii, decodeText, nextLt, startsWith, tagEnd } from '../xmlBytes';

/** Where the reader stands: the cell being read. */
export interface Position {
  row: number;
  col: number;
}

const encoder = new TextEncoder();

/** Reads a cell reference written as text (it held an entity) into `at`; false when it is not one. */
export function readRefText(at: Position, ref: string): boolean {
  const bytes = encoder.encode(ref);
  return readRef(at, bytes, 0, bytes.length);
}

/** Reads a cell reference ("AB12", as bytes) into `at`; false when it is not one. */
export function readRef(at: Position, ref: Uint8Array, from: number, to: number): boolean {
  let c = 0;
  let i = from;
  for (; i < to; i++) {
    const ch = ref[i];
    if (ch >= 65 && ch <= 90) c = c * 26 + ch - 64;
    else if (ch >= 97 && ch <= 122) c = c * 26 + ch - 96;
    else break;
  }
  let r = 0;
  const digitsFrom = i;
  for (; i < to; i++) {
    const ch = ref[i];
    if (ch < 48 || ch > 57) return false;
    r = r * 10 + ch - 48;
  }
  if (c === 0 || i === digitsFrom || r === 0) return false;
  // Excel's sheet ends at column XFD and row 1.048.576: a cell beyond is a damaged file.
  if (c > 16_384 || r > 1_048_576)
    throw new XlsxError('Corrupt', { what: 'outsideSheet', ref: new TextDecoder().decode(ref.subarray(from, to)) });
  at.col = c - 1;
  at.row = r - 1;
  return true;
}

/** Exact powers of ten (10^22 is the largest a double holds exactly). */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * The number `b[from, to)` spells when it is plain — an optional minus, at most 15 digits and at
 * most one decimal point between digits — else NaN (the caller then reads the text as Number
 * does). Exact: the digits make an integer below 2^53 and 10^k is exact, so the one division is
 * rounded once, as Number("…") rounds (the fast path of Clinger's algorithm).
 */
export function simpleNumber(b: Uint8Array, from: number, to: number): number {
  let k = from;
  const negative = b[k] === 45; /* - */
  if (negative) k++;
  let m = 0;
  let digits = 0;
  let point = -1;
  for (; k < to; k++) {
    const ch = b[k];
    if (ch >= 48 && ch <= 57) {
      m = m * 10 + ch - 48;
      digits++;
    } else if (ch === 46 /* . */ && point < 0 && digits > 0) point = digits;
    else return NaN;
  }
  if (digits === 0 || digits > 15 || point === digits) return NaN;
  const scaled = point < 0 ? m : m / POW10[digits - point];
  return negative ? -scaled : scaled;
}

/**
 * The attribute after `k` in a tag's attribute bytes `b[k, to)`: its name's and its value's
 * positions (quotes left out) in the one object `next` returns, reused from call to call; null
 * when there is no further attribute or a value is not quoted. The walk of attrAt and cellAttrs.
 */
const attribute = { nameStart: 0, nameEnd: 0, from: 0, to: 0, next: 0 };
function nextAttribute(b: Uint8Array, k: number, to: number): typeof attribute | null {
  while (k < to) {
    while (k < to && b[k] <= 32) k++;
    const nameStart = k;
    while (k < to && b[k] > 32 && b[k] !== 61 /* = */) k++;
    const nameEnd = k;
    while (k < to && b[k] <= 32) k++;
    if (b[k] !== 61) {
      if (k === nameStart) k++;
      continue;
    }
    k++;
    while (k < to && b[k] <= 32) k++;
    const quote = b[k];
    if (quote !== 34 && quote !== 39) return null;
    const end = b.indexOf(quote, k + 1);
    if (end < 0 || end > to) return null;
    attribute.nameStart = nameStart;
    attribute.nameEnd = nameEnd;
    attribute.from = k + 1;
    attribute.to = end;
    attribute.next = end + 1;
    return attribute;
  }
  return null;
}

/** Where an attribute's value stands in a tag's attribute bytes (quotes left out), or null. */
export function attrAt(b: Uint8Array, from: number, to: number, name: string): { from: number; to: number } | null {
  for (let a = nextAttribute(b, from, to); a; a = nextAttribute(b, a.next, to)) {
    if (a.nameEnd - a.nameStart !== name.length) continue;
    let j = 0;
    while (j < name.length && b[a.nameStart + j] === name.charCodeAt(j)) j++;
    if (j === name.length) return a;
  }
  return null;
}

/** Type names as Excel writes them, so that the common ones need no string made. */
const TYPES = ['s', 'n', 'str', 'inlineStr', 'b', 'e', 'd'];

/**
 * A cell's r, t and s attributes, read in one pass over its attribute bytes: the reference as a
 * position (or as a string when it holds an entity), the type ('n' when absent), and the style
 * index as a number. One object, reused from cell to cell.
 */
const cellAttrValues = { rFrom: -1, rTo: -1, r: null as string | null, t: 'n', s: 0 };
export function cellAttrs(b: Uint8Array, from: number, to: number): typeof cellAttrValues {
  const out = cellAttrValues;
  out.rFrom = out.rTo = -1;
  out.r = null;
  out.t = 'n';
  out.s = 0;
  let seenR = false;
  let seenS = false;
  let seenT = false;
  for (let a = nextAttribute(b, from, to); a; a = nextAttribute(b, a.next, to)) {
    if (a.nameEnd - a.nameStart !== 1) continue;
    const which = b[a.nameStart];
    const { from: vFrom, to: end } = a;
    let plain = true;
    for (let j = vFrom; j < end && plain; j++) plain = b[j] !== 38; /* & */
    if (which === 114 /* r */ && !seenR) {
      seenR = true;
      if (plain) {
        out.rFrom = vFrom;
        out.rTo = end;
      } else out.r = decodeText(b, vFrom, end);
    } else if (which === 116 /* t */ && !seenT) {
      seenT = true;
      out.t = (plain && knownType(b, vFrom, end)) || decodeText(b, vFrom, end);
    } else if (which === 115 /* s */ && !seenS) {
      seenS = true;
      const n = plain ? simpleNumber(b, vFrom, end) : NaN;
      out.s = (Number.isInteger(n) ? n : Number(decodeText(b, vFrom, end))) || 0;
    }
  }
  return out;
}

function knownType(b: Uint8Array, from: number, to: number): string | null {
  for (const t of TYPES) {
    if (t.length !== to - from) continue;
    let j = 0;
    while (j < t.length && b[from + j] === t.charCodeAt(j)) j++;
    if (j === t.length) return t;
  }
  return null;
}

const OPEN_V = ascii('<v>');
const EMPTY_V = ascii('<v/>');
const CLOSE_V = ascii('</v>');
const CLOSE_F = ascii('</f>');
const OPEN_IS_T = ascii('<is><t');
const CLOSE_T_IS = ascii('</t></is>');
const CLOSE_C = ascii('</c>');

/** A tag "<name" at `k` ends its name there (">", "/" or white space follows). */
const nameEnds = (c: number) => c === 62 || c === 47 || c <= 32;

/**
 * A <c> tag's attributes read in one pass up to its ">": the reference as row and column, the
 * type and the style index. One object, reused. `cellTag` fills it, or says false when the tag is
 * anything but plain (an entity, an unquoted or repeated attribute, a reference that is none, a
 * style that is no plain number, cut by the chunk's end): the tag is then read as before.
 */
// Every read of `b` below stays within `b[0, n)`: a read past the end would cost the engine its
// compiled code for these functions (it assumes in-bounds reads until one is not).
export const cellTagValues = {
  /** Its own object of the same shape as the reader's position (one shape for readRef to see). */
  ref: { row: -1, col: -1 } as Position,
  hasRef: false,
  t: 'n',
  s: 0,
  gt: 0,
  selfClosing: false,
};
export function cellTag(b: Uint8Array, k: number, n: number): boolean {
  const out = cellTagValues;
  let seen = 0;
  out.hasRef = false;
  out.t = 'n';
  out.s = 0;
  for (;;) {
    while (k < n && b[k] <= 32) k++;
    if (k + 1 >= n) return false;
    if (b[k] === 62 /* > */ || (b[k] === 47 && b[k + 1] === 62)) {
      out.selfClosing = b[k] === 47;
      out.gt = out.selfClosing ? k + 1 : k;
      return true;
    }
    const name = k;
    while (k < n && b[k] > 32 && b[k] !== 61) k++;
    const nameLength = k - name;
    while (k < n && b[k] <= 32) k++;
    if (k >= n || b[k] !== 61 /* = */) return false;
    k++;
    while (k < n && b[k] <= 32) k++;
    if (k >= n) return false;
    const quote = b[k];
    if (quote !== 34 && quote !== 39) return false;
    const from = ++k;
    while (k < n && b[k] !== quote) if (b[k++] === 38 /* & */) return false;
    if (k >= n) return false;
    const to = k++;
    if (nameLength !== 1) continue;
    const which = b[name];
    const bit = which === 114 /* r */ ? 1 : which === 116 /* t */ ? 2 : which === 115 /* s */ ? 4 : 0;
    if (seen & bit) return false;
    seen |= bit;
    if (bit === 1) {
      if (!readRef(out.ref, b, from, to)) return false;
      out.hasRef = true;
    }
    if (bit === 2) {
      const t = knownType(b, from, to);
      if (t === null) return false;
      out.t = t;
    } else if (bit === 4) {
      const v = simpleNumber(b, from, to);
      if (!Number.isInteger(v)) return false;
      out.s = v;
    }
  }
}

/**
 * Where the parts of a <c> element stand, as `cellElement` found them: its attributes, and the
 * text of <f> (with the formula's attributes), <v> and <is><t> (-1 when absent). One object.
 */
export const cellParts = {
  fAttrs: -1,
  fAttrsTo: -1,
  f: -1,
  fTo: -1,
  v: -1,
  vTo: -1,
  t: -1,
  tTo: -1,
};

/**
 * A whole <c> element (its name ending at `sp`) when it has the shape spreadsheet programs
 * write — `<f …>…</f>`, then `<v>…</v>` or `<is><t …>…</t></is>`, then `</c>`, nothing in
 * between — read into `cellTagValues` and `cellParts`: returns the index after it, or -1 (any other shape, or cut by
 * the end of `b[0, n)`), when the element's tags are to be read one by one.
 */
export function cellElement(b: Uint8Array, sp: number, n: number): number {
  const p = cellParts;
  if (!cellTag(b, sp, n)) return -1;
  const gt = cellTagValues.gt;
  p.fAttrs = p.fAttrsTo = p.f = p.fTo = p.v = p.vTo = p.t = p.tTo = -1;
  let k = gt + 1;
  if (cellTagValues.selfClosing) return k;
  if (k + 2 < n && b[k] === 60 && b[k + 1] === 102 /* f */ && nameEnds(b[k + 2])) {
    const end = tagEnd(b, k + 2);
    if (end < 0) return -1;
    p.fAttrs = k + 2;
    if (b[end - 1] === 47) {
      p.fAttrsTo = end - 1;
      k = end + 1;
    } else {
      p.fAttrsTo = end;
      const e = nextLt(b, end + 1, n);
      if (e < 0 || !startsWith(b, CLOSE_F, e)) return -1;
      p.f = end + 1;
      p.fTo = e;
      k = e + CLOSE_F.length;
    }
  }
  if (startsWith(b, OPEN_V, k)) {
    const e = nextLt(b, k + OPEN_V.length, n);
    if (e < 0 || !startsWith(b, CLOSE_V, e)) return -1;
    p.v = k + OPEN_V.length;
    p.vTo = e;
    k = e + CLOSE_V.length;
  } else if (startsWith(b, EMPTY_V, k)) k += EMPTY_V.length;
  else if (startsWith(b, OPEN_IS_T, k) && k + OPEN_IS_T.length < n && nameEnds(b[k + OPEN_IS_T.length])) {
    const end = tagEnd(b, k + OPEN_IS_T.length);
    if (end < 0 || b[end - 1] === 47) return -1;
    const e = nextLt(b, end + 1, n);
    if (e < 0 || !startsWith(b, CLOSE_T_IS, e)) return -1;
    p.t = end + 1;
    p.tTo = e;
    k = e + CLOSE_T_IS.length;
  }
  return startsWith(b, CLOSE_C, k) ? k + CLOSE_C.length : -1;
}

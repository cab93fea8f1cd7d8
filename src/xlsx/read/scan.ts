/**
 * The cheap pass that decides whether a worksheet is worth tokenizing: a byte scan of the
 * inflated stream, no tokens and no strings made, except for the few texts that stand in the
 * sheet itself (inline strings and formula results), which are decoded to be judged.
 *
 * A shared-string cell (t="s") can anchor a table only when its index is one of the shared
 * strings judged a signal beforehand (`signals`); a number cell never can, whatever its value.
 * So the scan looks only at cells whose type attribute says text (or shared string, when some
 * are signals), found by jumping from one "t" byte to the next; the rest is never walked.
 */
import { isTableSignal, mayStartSignal } from '../../core/text/signals';
import { decodeEntities, decodeOoxmlText } from '../xml';
import { ascii, decodeUtf8, nextByte, nextLt, startsWith, tagEnd } from '../xmlBytes';

const LT = 0x3c; // <
const GT = 0x3e; // >
const SLASH = 0x2f;
const COLON = 0x3a;
const QUOTE = 0x22;
const T = 0x74; // t
const IS_T = ascii('<is><t>');
const NOT_CELL = -1;
const UNFINISHED = -2;
/** What `cell` returns when the cell holds a signal. */
const FOUND = -2;
const APOS = 0x27;

/** The longest construct carried over a chunk's end; a longer cell text is left to the tokenizer. */
const MAX_CARRY = 1 << 20;
/** How much of the next chunk completes a carried construct, most often a cell of a few dozen bytes. */
const HEAD = 4096;

/** `a` followed by the first `length` bytes of `b`, as one array. */
function join(a: Uint8Array, b: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(a.length + length);
  out.set(a, 0);
  out.set(length === b.length ? b : b.subarray(0, length), a.length);
  return out;
}

/** What a scan found, and what it cost (the tests count the sheets that were tokenized). */
export interface ScanResult {
  found: boolean;
  /** Inflated bytes the scan looked at before it stopped. */
  bytes: number;
}

/** A cell's type as far as the scan cares: a shared string, a text in the sheet, or anything else. */
const enum Kind {
  Other,
  Shared,
  Text,
}

/**
 * Scans one sheet's inflated bytes, chunk by chunk. `feed` returns true as soon as a signal is
 * found (the caller then stops the stream); the state carries over a chunk's end.
 */
export class SignalScanner {
  private carry: Uint8Array | null = null;
  found = false;
  bytes = 0;

  constructor(private readonly signals: ReadonlySet<number>) {}

  /** Looks at the next chunk; true once a signal is found. */
  feed(chunk: Uint8Array): boolean {
    if (this.found) return true;
    this.bytes += chunk.length;
    let b = chunk;
    let from = 0;
    if (this.carry) {
      // What was left unfinished is completed from the chunk's head: joining it to the whole
      // chunk would copy every chunk once more.
      const carry = this.carry;
      this.carry = null;
      const headLength = Math.min(chunk.length, HEAD);
      const resume = this.scan(join(carry, chunk, headLength), 0);
      if (this.found) return true;
      if (resume >= carry.length) from = resume - carry.length;
      else {
        // Longer than the head (a long text): joined whole.
        b = join(carry, chunk, chunk.length);
        from = resume;
      }
    }
    const resume = this.scan(b, from);
    if (this.found) return true;
    if (resume < b.length) {
      // An unfinished construct: kept for the next chunk, unless it is too long to be a label.
      if (b.length - resume > MAX_CARRY) return (this.found = true);
      this.carry = b.slice(resume);
    }
    return false;
  }

  /** The stream ended: what is left unfinished cannot be a label. */
  end(): boolean {
    return this.found;
  }

  /**
   * Scans `b`; returns where an unfinished construct starts (b.length when none). Only a cell
   * whose type makes its value a text (t="inlineStr", t="str") or, when some shared string is a
   * signal, a shared string (t="s") can hold a signal, and its type attribute holds a "t": the scan
   * jumps from "t" to "t" (indexOf, in the engine), and reads a cell only where its type is one of
   * those. A ledger's number cells are then never looked at byte by byte.
   */
  private scan(b: Uint8Array, from: number): number {
    const n = b.length;
    // A tag cut by the chunk's end is carried whole to the next chunk.
    const lastLt = b.lastIndexOf(LT);
    const safe = lastLt >= 0 && tagEnd(b, lastLt + 1) < 0 ? lastLt : n;
    const shared = this.signals.size > 0;
    for (let k = b.indexOf(T, from); k >= 0 && k < safe; k = b.indexOf(T, k + 1)) {
      const kind = typeAttribute(b, k, safe);
      if (kind === Kind.Other || (kind === Kind.Shared && !shared)) continue;
      const lt = b.lastIndexOf(LT, k);
      const gt = lt < 0 ? NOT_CELL : cellTagEnd(b, lt, k);
      if (gt === NOT_CELL) continue;
      if (gt < 0) return lt;
      const end = this.cell(b, gt, kind);
      if (end === FOUND) return ((this.found = true), n);
      if (end < 0) return lt;
      k = end - 1;
    }
    return Math.max(safe, from);
  }

  /**
   * The cell whose tag ends at `gt`, of type `kind`: its value (<v>) and inline string (<is>)
   * judged. Returns where the cell ends, FOUND for a signal, or -1 when the cell goes on past
   * the end of `b`.
   */
  private cell(b: Uint8Array, gt: number, kind: Kind): number {
    const n = b.length;
    if (b[gt - 1] === SLASH) return gt + 1;
    // The usual inline string, "<is><t>" and its text: one whose first letter no label begins
    // with is none, and the scan goes on from there (the rest of the cell holds no type attribute).
    const first = gt + 1 + IS_T.length;
    if (
      kind === Kind.Text &&
      first < n &&
      startsWith(b, IS_T, gt + 1) &&
      isLetter(b[first]) &&
      !mayStartSignal(b[first])
    )
      return first;
    for (let i = nextLt(b, gt + 1, n); ; i = nextLt(b, i + 1, n)) {
      if (i < 0 || i + 1 >= n) return -1;
      const closing = b[i + 1] === SLASH;
      let s = closing ? i + 2 : i + 1;
      let e = s;
      while (e < n && isNameByte(b[e])) {
        if (b[e] === COLON) s = e + 1;
        e++;
      }
      if (e >= n) return -1;
      const len = e - s;
      if (closing) {
        if (len === 1 && b[s] === 0x63 /* c */) return e + 1;
        continue;
      }
      if (len === 1 && b[s] === 0x76 /* v */) {
        const open = nextByte(b, GT, e, n);
        const to = open < 0 ? -1 : nextLt(b, open, n);
        if (to < 0) return -1;
        if (kind === Kind.Shared ? this.signals.has(indexIn(b, open + 1, to)) : this.isSignal(b, open + 1, to))
          return FOUND;
        i = to - 1;
      } else if (len === 2 && b[s] === 0x69 /* i */ && b[s + 1] === 0x73 /* s */) {
        // An inline string: its runs' text, phonetic runs left out, judged as one text.
        const to = inlineStringEnd(b, e);
        if (to < 0) return -1;
        if (this.isSignal(b, e, to, true)) return FOUND;
        i = to;
      }
    }
  }

  /** Whether the text between `from` and `to` (a value, or an inline string's markup) is a signal. */
  private isSignal(b: Uint8Array, from: number, to: number, markup = false): boolean {
    // No label the readers look for is longer than 80 characters (isTableSignal); the markup of
    // rich text runs may make the raw bytes longer, so only plain values are cut short here.
    if (!markup && to - from > 320) return false;
    // Most texts of a ledger ("Sag 123", "Bilag …") begin with a letter no label begins with.
    if (!mayStartSignal(firstTextByte(b, from, to, markup))) return false;
    let text = asciiText(b, from, to) ?? decodeUtf8(b, from, to);
    if (markup) text = runsText(text);
    return isTableSignal(decodeOoxmlText(decodeEntities(text)));
  }
}

/**
 * The first non-space byte of a value's text, or of an inline string's first run (after its
 * `<t…>`); 0 (undecided) when there is none to see.
 */
function firstTextByte(b: Uint8Array, from: number, to: number, markup: boolean): number {
  let k = from;
  if (markup) {
    // The first <t> or <t …> (any prefix); an <r>'s <rPr> comes before it and holds no text.
    // (nextLt and nextByte may look past `to`: what they find there is not this text's.)
    for (k = nextLt(b, from, to); k >= 0 && k < to; k = nextLt(b, k + 1, to)) {
      let s = k + 1;
      let e = s;
      while (e < to && isNameByte(b[e])) {
        if (b[e] === COLON) s = e + 1;
        e++;
      }
      if (e - s === 1 && b[s] === 0x74 /* t */ && (b[e] === GT || isSpace(b[e]))) break;
    }
    if (k < 0 || k >= to) return 0;
    k = nextByte(b, GT, k, to);
    if (k < 0 || k >= to) return 0;
    k++;
  }
  while (k < to && isSpace(b[k])) k++;
  return k < to && b[k] !== LT ? b[k] : 0;
}

/** The text of an inline string's runs (<t>…</t>), without phonetic runs (<rPh>…</rPh>). */
function runsText(markup: string): string {
  const noPhonetic = markup.replace(/<(?:\w+:)?rPh[\s>][\s\S]*?<\/(?:\w+:)?rPh>/g, '');
  let out = '';
  const t = /<(?:\w+:)?t(?:\s[^>]*)?>([^<]*)<\/(?:\w+:)?t>/g;
  let m: RegExpExecArray | null;
  while ((m = t.exec(noPhonetic))) out += m[1];
  return out;
}

/** Name bytes of an XML element: letters, digits, '_', '-', '.', ':' (all ASCII in SpreadsheetML). */
function isNameByte(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x30 && c <= 0x3a) ||
    c === 0x5f ||
    c === 0x2d ||
    c === 0x2e
  );
}

/**
 * When the "t" at `k` begins an attribute named t (white space before it, "=" after it, spaces
 * allowed around), the kind of cell its value makes: "s" a shared string, "inlineStr" or "str"
 * text, anything else Other (also when it is no such attribute). `b[0, to)` holds whole tags.
 */
function typeAttribute(b: Uint8Array, k: number, to: number): Kind {
  if (k === 0 || !isSpace(b[k - 1])) return Kind.Other;
  let q = k + 1;
  while (q < to && isSpace(b[q])) q++;
  if (q >= to || b[q] !== 0x3d /* = */) return Kind.Other;
  q++;
  while (q < to && isSpace(b[q])) q++;
  const quote = b[q];
  if (q + 2 >= to || (quote !== QUOTE && quote !== APOS)) return Kind.Other;
  const v = q + 1;
  if (b[v] === 0x73 /* s */ && b[v + 1] === quote) return Kind.Shared;
  if (b[v] === 0x69 /* i */ || (b[v] === 0x73 && b[v + 1] === 0x74) /* st(r) */) return Kind.Text;
  return Kind.Other;
}

/**
 * Where the tag starting at `lt` ends (its ">") when it is a cell's (<c …>, any prefix) and goes
 * on past `k` (the attribute found there is the cell's own, not text after some other tag);
 * NOT_CELL when it is not; UNFINISHED when its end is not in `b` (a quote left open).
 */
function cellTagEnd(b: Uint8Array, lt: number, k: number): number {
  let s = lt + 1;
  let e = s;
  while (e < k && isNameByte(b[e])) {
    if (b[e] === COLON) s = e + 1;
    e++;
  }
  if (e - s !== 1 || b[s] !== 0x63 /* c */ || !isSpace(b[e])) return NOT_CELL;
  const gt = tagEnd(b, e);
  return gt < 0 ? UNFINISHED : gt > k ? gt : NOT_CELL;
}

const isLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** A shared-string index written in `b[from, to)` (spaces allowed around it); -1 when it is none. */
function indexIn(b: Uint8Array, from: number, to: number): number {
  let v = 0;
  let digits = 0;
  for (let k = from; k < to; k++) {
    const c = b[k];
    if (c >= 0x30 && c <= 0x39) {
      v = v * 10 + c - 0x30;
      digits++;
    } else if (!isSpace(c)) return -1;
  }
  return digits > 0 ? v : -1;
}

/** Where the "</is>" (any prefix) that closes an inline string starts, from `from`; -1 when not yet there. */
function inlineStringEnd(b: Uint8Array, from: number): number {
  const n = b.length;
  for (let k = nextLt(b, from, n); k >= 0; k = nextLt(b, k + 1, n)) {
    if (k + 1 >= n) return -1;
    if (b[k + 1] !== SLASH) continue;
    let s = k + 2;
    let e = s;
    while (e < b.length && isNameByte(b[e])) {
      if (b[e] === COLON) s = e + 1;
      e++;
    }
    if (e >= b.length) return -1;
    if (e - s === 2 && b[s] === 0x69 && b[s + 1] === 0x73) return k;
  }
  return -1;
}

/** A short text of ASCII bytes as a string without a decoder (most cell texts of a ledger); null otherwise. */
function asciiText(b: Uint8Array, from: number, to: number): string | null {
  if (to - from > 64) return null;
  for (let k = from; k < to; k++) if (b[k] >= 0x80) return null;
  return String.fromCharCode.apply(null, b.subarray(from, to) as unknown as number[]);
}

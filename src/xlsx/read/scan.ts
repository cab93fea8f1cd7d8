/**
 * The cheap pass that decides whether a worksheet is worth tokenizing: a byte scan of the
 * inflated stream, no tokens and no strings made, except for the few texts that stand in the
 * sheet itself (inline strings and formula results), which are decoded to be judged.
 *
 * A shared-string cell (t="s") can anchor a table only when its index is one of the shared
 * strings judged a signal beforehand (`signals`); a number cell never can, whatever its value.
 * With no signal among the shared strings and no text in the sheet, the scan only walks the tags.
 */
import { isTableSignal, mayStartSignal } from '../../core/text/signals';
import { decodeEntities, decodeOoxmlText } from '../xml';

const LT = 0x3c; // <
const GT = 0x3e; // >
const SLASH = 0x2f;
const COLON = 0x3a;
const QUOTE = 0x22;
const APOS = 0x27;

/** The longest construct carried over a chunk's end; a longer cell text is left to the tokenizer. */
const MAX_CARRY = 1 << 20;

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
  private kind = Kind.Other;
  private readonly decoder = new TextDecoder();
  found = false;
  bytes = 0;

  constructor(private readonly signals: ReadonlySet<number>) {}

  /** Looks at the next chunk; true once a signal is found. */
  feed(chunk: Uint8Array): boolean {
    if (this.found) return true;
    this.bytes += chunk.length;
    let b = chunk;
    if (this.carry) {
      b = new Uint8Array(this.carry.length + chunk.length);
      b.set(this.carry, 0);
      b.set(chunk, this.carry.length);
      this.carry = null;
    }
    const resume = this.scan(b);
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

  /** Scans `b`; returns where an unfinished construct starts (b.length when none). */
  private scan(b: Uint8Array): number {
    const n = b.length;
    let i = b.indexOf(LT);
    while (i >= 0) {
      // The element's local name: after an optional prefix ("x:c").
      let s = i + 1;
      if (s >= n) return i;
      if (b[s] === SLASH || b[s] === 0x3f /* ? */ || b[s] === 0x21 /* ! */) {
        i = b.indexOf(LT, s);
        continue;
      }
      let e = s;
      while (e < n && isNameByte(b[e])) {
        if (b[e] === COLON) s = e + 1;
        e++;
      }
      if (e >= n) return i;
      const len = e - s;
      if (len === 1 && b[s] === 0x63 /* c */) {
        // A cell: its type decides what its value can be.
        const close = b.indexOf(GT, e);
        if (close < 0) return i;
        this.kind = cellKind(b, e, close);
        i = b.indexOf(LT, close);
        continue;
      }
      if (len === 1 && b[s] === 0x76 /* v */ && this.kind !== Kind.Other) {
        const open = b.indexOf(GT, e);
        if (open < 0) return i;
        const end = b.indexOf(LT, open);
        if (end < 0) return i;
        if (this.kind === Kind.Shared ? this.signals.has(indexIn(b, open + 1, end)) : this.isSignal(b, open + 1, end))
          return ((this.found = true), n);
        i = end;
        continue;
      }
      if (len === 2 && b[s] === 0x69 /* i */ && b[s + 1] === 0x73 /* s */) {
        // An inline string: its runs' text, phonetic runs left out, judged as one text.
        const end = inlineStringEnd(b, e);
        if (end < 0) return i;
        if (this.isSignal(b, e, end, true)) return ((this.found = true), n);
        i = b.indexOf(LT, end + 1);
        continue;
      }
      i = b.indexOf(LT, e);
    }
    return n;
  }

  /** Whether the text between `from` and `to` (a value, or an inline string's markup) is a signal. */
  private isSignal(b: Uint8Array, from: number, to: number, markup = false): boolean {
    // No label the readers look for is longer than 80 characters (isTableSignal); the markup of
    // rich text runs may make the raw bytes longer, so only plain values are cut short here.
    if (!markup && to - from > 320) return false;
    // Most texts of a ledger ("Sag 123", "Bilag …") begin with a letter no label begins with.
    if (!mayStartSignal(firstTextByte(b, from, to, markup))) return false;
    let text = asciiText(b, from, to) ?? this.decoder.decode(b.subarray(from, to));
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
    for (k = b.indexOf(LT, from); k >= 0 && k < to; k = b.indexOf(LT, k + 1)) {
      let s = k + 1;
      let e = s;
      while (e < to && isNameByte(b[e])) {
        if (b[e] === COLON) s = e + 1;
        e++;
      }
      if (e - s === 1 && b[s] === 0x74 /* t */ && (b[e] === GT || isSpace(b[e]))) break;
    }
    if (k < 0 || k >= to) return 0;
    k = b.indexOf(GT, k);
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

/** The cell's t attribute in `b[from, to)`: "s" a shared string, "inlineStr" or "str" text, else anything else. */
function cellKind(b: Uint8Array, from: number, to: number): Kind {
  for (let k = from; k + 3 < to; k++) {
    // ' t="' or ' t=\'' — the attribute named exactly t.
    if (b[k] !== 0x74 /* t */ || b[k + 1] !== 0x3d /* = */ || !isSpace(b[k - 1])) continue;
    const q = b[k + 2];
    if (q !== QUOTE && q !== APOS) continue;
    const v = k + 3;
    if (b[v] === 0x73 /* s */ && b[v + 1] === q) return Kind.Shared;
    if (b[v] === 0x69 /* i */ || (b[v] === 0x73 && b[v + 1] === 0x74) /* st(r) */) return Kind.Text;
    return Kind.Other;
  }
  return Kind.Other;
}

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
  for (let k = b.indexOf(LT, from); k >= 0; k = b.indexOf(LT, k + 1)) {
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

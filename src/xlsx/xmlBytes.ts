/**
 * The streaming XML tokenizer of xml.ts, working on the inflated bytes themselves: a worksheet
 * of a hundred thousand rows is mostly markup the reader never needs as text, so nothing is
 * decoded to a string but what the handler asks for (`capturing`), tag names are matched as
 * bytes against the few the handler knows, and attributes are handed on as byte positions.
 * The same rules as xml.ts: elements with or without a prefix, either quote, a ">" inside quotes,
 * comments and processing instructions skipped, CDATA as text, a DOCTYPE refused, tokens beyond
 * MAX_TOKEN_CHARS refused, and text in any chunking read the same. Input is UTF-8; a chunk is
 * never written to again once handed on (both inflaters allocate fresh output).
 */
import { XlsxError } from './errors';
import { decodeEntities, MAX_TOKEN_CHARS } from './xml';

export interface ByteXmlHandler {
  /** While true, the character data that follows is handed to `text` (otherwise skipped). */
  readonly capturing: boolean;
  /** An opening tag: `name` the index of its local name in the tokenizer's names (-1: other). */
  open(name: number, b: Uint8Array, from: number, to: number, selfClosing: boolean): void;
  close(name: number): void;
  /**
   * Character data `b[from, to)`, entities not yet decoded (decodeText does both). A text run
   * comes whole unless it is longer than MAX_TOKEN_CHARS; then in pieces cut between characters
   * and never inside an entity.
   */
  text(b: Uint8Array, from: number, to: number): void;
  /** A CDATA section's text while capturing. */
  cdata(text: string): void;
  /**
   * Offered the whole element when the tokenizer meets the opening tag of the name given as
   * `element` (its name ends at `sp`, `b[0, n)` the bytes at hand): returns the index after the
   * element when it read all of it, or, having changed nothing, -1 to have it as events instead,
   * or ELEMENT_CUT when the bytes at hand end inside it (it is then offered again, whole, with
   * the next chunk's bytes).
   */
  element?(b: Uint8Array, sp: number, n: number): number;
}

const LT = 60;
const GT = 62;
/** What a handler's `element` says when the bytes at hand end inside the element. */
export const ELEMENT_CUT = -2;
/** How much of the next chunk completes a pending token or element (most are a few dozen bytes). */
const RESUME_HEAD = 4096;
const tokenTooLong = () => new XlsxError('TooLarge', { what: 'token', limit: MAX_TOKEN_CHARS });

export class ByteXmlTokenizer {
  /** The names by length, as bytes, with their index. */
  private readonly byLength: { bytes: Uint8Array; id: number }[][] = [];
  /** The incomplete token (starting with "<") or captured text at the end of the last chunks. */
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  /** Bytes looked at so far (a test counts them: reading stays linear). */
  scanned = 0;

  constructor(
    private readonly handler: ByteXmlHandler,
    names: readonly string[],
    /** The name whose elements are offered to the handler's `element` whole (-1: none). */
    private readonly element = -1,
  ) {
    const encoder = new TextEncoder();
    names.forEach((name, id) => {
      const bytes = encoder.encode(name);
      (this.byLength[bytes.length] ??= []).push({ bytes, id });
    });
  }

  write(chunk: Uint8Array): void {
    let b = chunk;
    if (this.pendingBytes) {
      const markup = this.pending[0][0] === LT;
      // Until the byte that can end what is pending comes, the chunk only lengthens it (read
      // again with every chunk, a long token would cost its length squared).
      const ends = chunk.indexOf(markup ? GT : LT);
      if (markup && this.pendingBytes + (ends < 0 ? chunk.length : ends) > MAX_TOKEN_CHARS) throw tokenTooLong();
      if (ends < 0) {
        this.scanned += chunk.length;
        this.pending.push(chunk);
        this.pendingBytes += chunk.length;
        if (!markup && this.pendingBytes > MAX_TOKEN_CHARS) this.flushText();
        return;
      }
      b = this.resume(chunk, ends, markup);
    }
    const used = this.run(b, false);
    if (used < b.length) {
      const rest = b.subarray(used);
      if (rest[0] === LT && rest.length > MAX_TOKEN_CHARS) throw tokenTooLong();
      this.pending = [rest];
      this.pendingBytes = rest.length;
      if (rest[0] !== LT && rest.length > MAX_TOKEN_CHARS) this.flushText();
    }
  }

  /**
   * What is pending, completed by the head of `chunk` up to `ends` (its first ">" or "<"): only
   * that head is joined to it, not the whole chunk, which would be copied once more. Returns the
   * rest to read (the joined bytes when the token is still incomplete, e.g. a ">" in quotes).
   */
  private resume(chunk: Uint8Array, ends: number, markup: boolean): Uint8Array {
    const head = join(
      [...this.pending, chunk.subarray(0, markup ? ends + 1 : ends)],
      this.pendingBytes + ends + (markup ? 1 : 0),
    );
    this.pending = [];
    this.pendingBytes = 0;
    if (!markup) {
      this.scanned += head.length;
      this.handler.text(head, 0, head.length);
      return chunk.subarray(ends);
    }
    const used = this.run(head, false);
    if (used === head.length) return chunk.subarray(ends + 1);
    // Still unfinished (an element cut by the chunk's end, a ">" in quotes): a little more of the
    // chunk, then the chunk from where that reading stopped; the whole chunk is joined only when
    // even that does not finish it.
    const more = Math.min(chunk.length, ends + 1 + RESUME_HEAD);
    const left = head.length - used;
    const longer = join([head.subarray(used), chunk.subarray(ends + 1, more)], left + more - ends - 1);
    const usedLonger = this.run(longer, false);
    if (usedLonger >= left) return chunk.subarray(ends + 1 + usedLonger - left);
    return join([longer.subarray(usedLonger), chunk.subarray(more)], longer.length - usedLonger + chunk.length - more);
  }

  end(): void {
    if (this.pendingBytes) this.run(join(this.pending, this.pendingBytes), true);
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** A captured text longer than a token: what is whole of it goes on now. */
  private flushText(): void {
    const b = join(this.pending, this.pendingBytes);
    const cut = textCut(b, 0, b.length);
    if (cut > 0) this.handler.text(b, 0, cut);
    this.pending = cut < b.length ? [b.subarray(cut)] : [];
    this.pendingBytes = b.length - cut;
  }

  /** Handles every complete token of `b`; returns where the incomplete rest starts. */
  private run(b: Uint8Array, final: boolean): number {
    const h = this.handler;
    const n = b.length;
    this.scanned += n;
    let i = 0;
    while (i < n) {
      const lt = nextLt(b, i, n);
      if (lt < 0) {
        if (!h.capturing) return n;
        if (final) h.text(b, i, n);
        return final ? n : i;
      }
      if (lt > i && h.capturing) h.text(b, i, lt);
      // Reads stay within b[0, n) (one past the end would cost the engine this compiled code).
      if (lt + 1 === n) return final ? n : lt;
      const next = b[lt + 1];
      if (next === 33 /* ! */) {
        const end = this.special(b, lt, final);
        if (end < 0) return final ? n : lt;
        i = end;
        continue;
      }
      if (next === 63 /* ? */) {
        const end = seqEnd(b, QEND, lt + 2);
        if (end < 0) return final ? n : lt;
        i = end;
        continue;
      }
      if (next === 47 /* / */) {
        // A closing tag holds no quotes: its ">" is the first one.
        let gt = lt + 2;
        while (gt < n && b[gt] !== GT) gt++;
        if (gt === n) return final ? n : lt;
        let to = gt;
        while (to > lt + 2 && b[to - 1] <= 32) to--;
        h.close(this.nameId(b, lt + 2, to));
        i = gt + 1;
        continue;
      }
      // The name, then (when the tag goes on) the ">" that ends it, past quoted values.
      let sp = lt + 1;
      while (sp < n && b[sp] > 32 && b[sp] !== GT && b[sp] !== 47) sp++;
      if (sp === n) return final ? n : lt;
      const id = this.nameId(b, lt + 1, sp);
      if (id === this.element && id >= 0) {
        const end = h.element!(b, sp, n);
        if (end >= 0) {
          i = end;
          continue;
        }
        // Kept whole for the next chunk, not read as events (unless nothing more comes).
        if (end === ELEMENT_CUT && !final) return lt;
      }
      const gt = b[sp] === GT ? sp : tagEnd(b, sp);
      if (gt < 0) return final ? n : lt;
      const selfClosing = b[gt - 1] === 47;
      h.open(id, b, sp, selfClosing ? gt - 1 : gt, selfClosing);
      if (selfClosing) h.close(id);
      i = gt + 1;
    }
    return n;
  }

  /** A comment, CDATA or DOCTYPE at `lt`: where it ends (-1: not yet). */
  private special(b: Uint8Array, lt: number, final: boolean): number {
    if (startsWith(b, COMMENT, lt)) return seqEnd(b, COMMENT_END, lt + 4);
    if (startsWith(b, CDATA, lt)) {
      const end = seqEnd(b, CDATA_END, lt + 9);
      if (end >= 0 && this.handler.capturing) this.handler.cdata(decodeUtf8(b, lt + 9, end - 3));
      return end;
    }
    if (!final && b.length - lt < 9) return -1; // "<!--" or "<![CDATA[" cut by the chunk's end
    // A DOCTYPE: OPC forbids DTDs in a package's parts (ECMA-376 Part 2, M1.14).
    throw new XlsxError('Corrupt', { what: 'ambiguous', part: 'DOCTYPE' });
  }

  /** The index of the local name `b[from, to)` (a prefix dropped) among the names; -1 if none. */
  private nameId(b: Uint8Array, from: number, to: number): number {
    for (let k = to - 1; k >= from; k--)
      if (b[k] === 58 /* : */) {
        from = k + 1;
        break;
      }
    const length = to - from;
    const candidates = this.byLength[length];
    if (candidates === undefined) return -1;
    for (let c = 0; c < candidates.length; c++) {
      const bytes = candidates[c].bytes;
      let k = 0;
      while (k < length && bytes[k] === b[from + k]) k++;
      if (k === length) return candidates[c].id;
    }
    return -1;
  }
}

/**
 * The first "<" at or after `i`, or -1: most tags in a sheet stand a few bytes apart, and a
 * loop over those costs less than the call into indexOf, which takes over for long text.
 */
export function nextLt(b: Uint8Array, i: number, n: number): number {
  return nextByte(b, LT, i, n);
}

/** The first byte `c` at or after `i` (looked for as nextLt looks for "<"), or -1; it may lie past `n`. */
export function nextByte(b: Uint8Array, c: number, i: number, n: number): number {
  const near = i + 24 < n ? i + 24 : n;
  for (let k = i; k < near; k++) if (b[k] === c) return k;
  return near < n ? b.indexOf(c, near) : -1;
}

/** An ASCII text as its bytes. */
export const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const COMMENT = ascii('<!--');
const COMMENT_END = ascii('-->');
const CDATA = ascii('<![CDATA[');
const CDATA_END = ascii(']]>');
const QEND = ascii('?>');

/** `seq` at `at` in `b` (false when it would run past the end). */
export function startsWith(b: Uint8Array, seq: Uint8Array, at: number): boolean {
  if (at + seq.length > b.length) return false;
  for (let k = 0; k < seq.length; k++) if (b[at + k] !== seq[k]) return false;
  return true;
}

/** Where the first `seq` from `from` ends (the index after it); -1 when not there. */
function seqEnd(b: Uint8Array, seq: Uint8Array, from: number): number {
  const last = seq[seq.length - 1];
  for (let k = b.indexOf(last, from + seq.length - 1); k >= 0; k = b.indexOf(last, k + 1))
    if (startsWith(b, seq, k - seq.length + 1)) return k + 1;
  return -1;
}

/** The ">" that ends a tag starting at `from`, passing over quoted attribute values; -1 if not yet there. */
export function tagEnd(b: Uint8Array, from: number): number {
  const n = b.length;
  for (let k = from; k < n; k++) {
    const c = b[k];
    if (c === GT) return k;
    if (c === 34 || c === 39) {
      k = b.indexOf(c, k + 1);
      if (k < 0) return -1;
    }
  }
  return -1;
}

function join(pieces: Uint8Array[], length: number): Uint8Array {
  if (pieces.length === 1) return pieces[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Where a text piece may be cut at or before `to`: between characters, never inside an entity. */
function textCut(b: Uint8Array, from: number, to: number): number {
  let cut = to;
  // Back to the first byte of the last character (it goes on with the next piece).
  while (cut > from && (b[cut - 1] & 0xc0) === 0x80) cut--;
  if (cut > from && b[cut - 1] >= 0xc0) cut--;
  for (let k = cut - 1; k >= from && k >= cut - 12; k--) {
    if (b[k] === 59 /* ; */) break;
    if (b[k] === 38 /* & */) return k;
  }
  return cut;
}

// A piece of a part is never the start of its stream: a U+FEFF there is a character of the text
// (Package strips a byte order mark where a part begins), not one for TextDecoder to drop.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const units = new Uint16Array(256);
/** Views of `units` by length, made once: a view made per text would be one more object to collect. */
const unitViews = Array.from({ length: units.length + 1 }, (_, n) => units.subarray(0, n));

/**
 * UTF-8 bytes as a string. Short runs (a cell's value or text) are decoded here, which costs
 * less than a call into TextDecoder; anything unusual (a long run, a malformed or four-byte
 * sequence) goes to TextDecoder, which decides as the standard says.
 */
export function decodeUtf8(b: Uint8Array, from: number, to: number): string {
  if (to - from > units.length) return decoder.decode(b.subarray(from, to));
  let n = 0;
  for (let k = from; k < to; k++) {
    const c = b[k];
    if (c < 0x80) units[n++] = c;
    else if (c >= 0xc2 && c < 0xe0 && k + 1 < to && (b[k + 1] & 0xc0) === 0x80) {
      units[n++] = ((c & 0x1f) << 6) | (b[++k] & 0x3f);
    } else if (c >= 0xe0 && c < 0xf0 && k + 2 < to && (b[k + 1] & 0xc0) === 0x80 && (b[k + 2] & 0xc0) === 0x80) {
      const u = ((c & 0x0f) << 12) | ((b[k + 1] & 0x3f) << 6) | (b[k + 2] & 0x3f);
      if (u < 0x800 || (u >= 0xd800 && u < 0xe000)) return decoder.decode(b.subarray(from, to));
      units[n++] = u;
      k += 2;
    } else return decoder.decode(b.subarray(from, to));
  }
  return String.fromCharCode.apply(null, unitViews[n] as unknown as number[]);
}

/** Character data as text: UTF-8 decoded, entities replaced. */
export function decodeText(b: Uint8Array, from: number, to: number): string {
  const s = decodeUtf8(b, from, to);
  return s.indexOf('&') < 0 ? s : decodeEntities(s);
}

/**
 * A small streaming XML tokenizer for SpreadsheetML, fed text in chunks of any size. It knows
 * what these parts hold: elements (with or without a namespace prefix, which it drops),
 * attributes in either quote, character data with the predefined and numeric entities, CDATA,
 * comments, processing instructions and a DOCTYPE, which it skips (no entity of a DTD is ever
 * expanded). It does not check that the document is well-formed; a part that is not XML gives
 * nonsense to the handler, never a crash or an endless loop.
 */

import { XlsxError } from './errors';

export interface XmlHandler {
  /** An opening tag; `attrs` is the raw attribute text, read with attr(). */
  open(name: string, attrs: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Character data, entities already decoded. */
  text(text: string): void;
}

const localName = (qname: string) => {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
};

/**
 * The longest markup token (a tag with its attributes, a comment, CDATA, a processing
 * instruction, a DOCTYPE) a part may hold: far above anything Excel writes (a cell holds at most
 * 32.767 characters, a formula 8.192), low enough that a damaged or hostile part cannot make the
 * reader hold hundreds of megabytes waiting for a ">". Beyond it the part is refused as damaged.
 */
export const MAX_TOKEN_CHARS = 1 << 20;

/** A token longer than MAX_TOKEN_CHARS: the part cannot be read. */
const tokenTooLong = () => new XlsxError('TooLarge', { what: 'token', limit: MAX_TOKEN_CHARS });

export class XmlTokenizer {
  /** The incomplete token (or text) at the end of the last chunk. */
  private buf = '';
  /** Where the next '"' and "'" are in the string being tokenized (-1: none further). */
  private dq = 0;
  private sq = 0;
  /** Characters handed to the scanner so far (a test counts them: reading stays linear). */
  scanned = 0;

  constructor(private readonly handler: XmlHandler) {}

  write(chunk: string): void {
    let s = chunk;
    if (this.buf.length) {
      // A token cannot end before the next ">": until one comes, the chunk only lengthens it
      // (scanning it again for every chunk would make a long token cost its length squared).
      if (this.buf.charCodeAt(0) === 60 /* < */ && chunk.indexOf('>') < 0) {
        if (this.buf.length + chunk.length > MAX_TOKEN_CHARS) throw tokenTooLong();
        this.buf += chunk;
        return;
      }
      // Only the piece that completes the cut token is joined to it, not the whole chunk: a
      // joined chunk would be copied once more.
      const gt = chunk.indexOf('>');
      const cut = gt < 0 ? chunk.length : gt + 1;
      if (this.buf.charCodeAt(0) === 60 && this.buf.length + cut > MAX_TOKEN_CHARS) throw tokenTooLong();
      const head = this.buf + chunk.slice(0, cut);
      const used = this.run(head, false);
      s = used === head.length ? chunk.slice(cut) : head.slice(used) + chunk.slice(cut);
      this.buf = '';
    }
    this.buf = s.slice(this.run(s, false));
    if (this.buf.length > MAX_TOKEN_CHARS) throw tokenTooLong();
  }

  end(): void {
    this.run(this.buf, true);
    this.buf = '';
  }

  /** Handles every complete token of `s`; returns where the incomplete rest starts. */
  private run(s: string, final: boolean): number {
    const h = this.handler;
    let i = 0;
    const n = s.length;
    this.scanned += n;
    this.dq = 0;
    this.sq = 0;
    while (i < n) {
      const lt = s.indexOf('<', i);
      if (lt < 0) {
        // Text runs on into the next chunk: hand on what is complete now (all of it but an
        // entity cut in two), so that a long text is read once, not joined and read again.
        let keep = n;
        if (!final) {
          const amp = s.lastIndexOf('&');
          if (amp >= i && s.indexOf(';', amp) < 0 && n - amp <= 12) keep = amp;
        }
        if (keep > i) h.text(decodeEntities(s.slice(i, keep)));
        return keep;
      }
      if (lt > i) h.text(decodeEntities(s.slice(i, lt)));
      i = lt;
      const next = s.charCodeAt(lt + 1);
      if (next === 33 /* ! */) {
        if (s.startsWith('<!--', lt)) {
          const end = s.indexOf('-->', lt + 4);
          if (end < 0) return final ? n : lt;
          i = end + 3;
        } else if (s.startsWith('<![CDATA[', lt)) {
          const end = s.indexOf(']]>', lt + 9);
          if (end < 0) return final ? n : lt;
          h.text(s.slice(lt + 9, end));
          i = end + 3;
        } else if (!final && n - lt < 9) {
          return lt; // "<!--" or "<![CDATA[" cut by the chunk's end: wait for the rest
        } else {
          // A DOCTYPE: OPC forbids DTDs in a package's parts (ECMA-376 Part 2, M1.14), and an
          // internal subset can be read more than one way (a "]>" inside an entity value), so
          // the part is damaged.
          throw new XlsxError('Corrupt', { what: 'ambiguous', part: 'DOCTYPE' });
        }
        continue;
      }
      if (next === 63 /* ? */) {
        const end = s.indexOf('?>', lt + 2);
        if (end < 0) return final ? n : lt;
        i = end + 2;
        continue;
      }
      const gt = this.tagEnd(s, lt + 1);
      if (gt < 0) return final ? n : lt;
      if (next === 47 /* / */) {
        h.close(localName(s.slice(lt + 2, gt).trim()));
      } else {
        const selfClosing = s.charCodeAt(gt - 1) === 47;
        const end = selfClosing ? gt - 1 : gt;
        let sp = lt + 1;
        while (sp < end) {
          const c = s.charCodeAt(sp);
          if (c === 32 || c === 9 || c === 10 || c === 13) break;
          sp++;
        }
        const name = localName(s.slice(lt + 1, sp));
        h.open(name, sp < end ? s.slice(sp, end) : '', selfClosing);
        if (selfClosing) h.close(name);
      }
      i = gt + 1;
    }
    return n;
  }

  /**
   * The ">" that ends a tag starting at `from`, passing over quoted attribute values (where a ">"
   * may stand); -1 if not yet there. Jumps from quote to quote rather than reading every character.
   */
  private tagEnd(s: string, from: number): number {
    let k = from;
    for (;;) {
      const gt = s.indexOf('>', k);
      if (gt < 0) return -1;
      if (this.dq >= 0 && this.dq < k) this.dq = s.indexOf('"', k);
      if (this.sq >= 0 && this.sq < k) this.sq = s.indexOf("'", k);
      const q = this.dq < 0 ? this.sq : this.sq < 0 ? this.dq : Math.min(this.dq, this.sq);
      if (q < 0 || q > gt) return gt;
      const close = s.indexOf(s[q], q + 1);
      if (close < 0) return -1;
      k = close + 1;
    }
  }
}

/**
 * A string kept on its own. A substring of a large chunk of XML would otherwise keep the whole
 * chunk alive as long as the cell value lives (V8 slices strings of 13 characters and more), and
 * a joined one would keep its pieces. Slicing a joined string makes the engine copy the join into
 * one new string first, and the slice then keeps only that copy (tested: 300 texts cut from 1 MB
 * strings keep 4 MB, not 300 MB) — less than half the time of a JSON round trip.
 */
export function detach(s: string): string {
  return s.length >= 13 ? (s + ' ').slice(0, -1) : s;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (m, e: string) => {
    if (e[0] !== '#') return NAMED[e];
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

/** An attribute's value from a tag's raw attribute text, entities decoded; null when absent. */
export function attr(attrs: string, name: string): string | null {
  let from = 0;
  for (;;) {
    const at = attrs.indexOf(name, from);
    if (at < 0) return null;
    const before = at === 0 ? 32 : attrs.charCodeAt(at - 1);
    let k = at + name.length;
    while (attrs.charCodeAt(k) === 32) k++;
    if ((before === 32 || before === 9 || before === 10 || before === 13) && attrs.charCodeAt(k) === 61 /* = */) {
      k++;
      while (attrs.charCodeAt(k) === 32) k++;
      const quote = attrs[k];
      if (quote !== '"' && quote !== "'") return null;
      const end = attrs.indexOf(quote, k + 1);
      if (end < 0) return null;
      return decodeEntities(attrs.slice(k + 1, end));
    }
    from = at + name.length;
  }
}

/** Text for an element or attribute: &, <, > and quotes escaped, and characters XML 1.0 cannot hold. */
// eslint-disable-next-line no-control-regex -- exactly the characters XML 1.0 cannot hold
const NOT_IN_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(NOT_IN_XML, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

/**
 * SpreadsheetML writes characters XML cannot hold as _xHHHH_, and a literal "_x" that looks like
 * one as _x005F_x…; this undoes that.
 */
export function decodeOoxmlText(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The SpreadsheetML form of a text: a literal "_xHHHH_" protected, then XML-escaped. */
export function encodeOoxmlText(s: string): string {
  return escapeXml(s.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1'));
}

/** Parses a whole (small) part into a simple element tree, for workbook.xml, rels, styles. */
export interface XmlElement {
  name: string;
  attrs: string;
  children: XmlElement[];
  text: string;
}

export function parseXmlTree(xml: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: '', children: [], text: '' };
  const stack: XmlElement[] = [root];
  const t = new XmlTokenizer({
    open(name, attrs) {
      const el: XmlElement = { name, attrs, children: [], text: '' };
      stack[stack.length - 1].children.push(el);
      stack.push(el);
    },
    close() {
      if (stack.length > 1) stack.pop();
    },
    text(text) {
      stack[stack.length - 1].text += text;
    },
  });
  t.write(xml);
  t.end();
  return root;
}

export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

export function children(el: XmlElement | undefined, name: string): XmlElement[] {
  return el?.children.filter((c) => c.name === name) ?? [];
}

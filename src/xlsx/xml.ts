/**
 * A small streaming XML tokenizer for SpreadsheetML, fed text in chunks of any size. It knows
 * what these parts hold: elements (with or without a namespace prefix, which it drops),
 * attributes in either quote, character data with the predefined and numeric entities, CDATA,
 * comments, processing instructions and a DOCTYPE, which it skips (no entity of a DTD is ever
 * expanded). It does not check that the document is well-formed; a part that is not XML gives
 * nonsense to the handler, never a crash or an endless loop.
 */

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

export class XmlTokenizer {
  private buf = '';

  constructor(private readonly handler: XmlHandler) {}

  write(chunk: string): void {
    this.buf = this.buf.length ? this.buf + chunk : chunk;
    this.buf = this.buf.slice(this.run(this.buf, false));
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
    while (i < n) {
      const lt = s.indexOf('<', i);
      if (lt < 0) {
        if (!final) return i;
        h.text(decodeEntities(s.slice(i)));
        return n;
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
        } else {
          // <!DOCTYPE …> with an internal subset in brackets.
          const bracket = s.indexOf('[', lt);
          const gt = s.indexOf('>', lt);
          if (gt < 0) return final ? n : lt;
          if (bracket >= 0 && bracket < gt) {
            const end = s.indexOf(']>', bracket);
            if (end < 0) return final ? n : lt;
            i = end + 2;
          } else i = gt + 1;
        }
        continue;
      }
      if (next === 63 /* ? */) {
        const end = s.indexOf('?>', lt + 2);
        if (end < 0) return final ? n : lt;
        i = end + 2;
        continue;
      }
      // A tag: its end is the first ">" outside quotes.
      let gt = s.indexOf('>', lt + 1);
      if (gt < 0) return final ? n : lt;
      // A quote inside the tag means a ">" may sit in an attribute value; look only there.
      let quoted = false;
      for (let k = lt + 1; k < gt; k++) {
        const c = s.charCodeAt(k);
        if (c === 34 || c === 39) {
          quoted = true;
          break;
        }
      }
      if (quoted) {
        gt = tagEnd(s, lt + 1);
        if (gt < 0) return final ? n : lt;
      }
      if (next === 47 /* / */) {
        h.close(localName(s.slice(lt + 2, gt).trim()));
      } else {
        const selfClosing = s.charCodeAt(gt - 1) === 47;
        const inner = s.slice(lt + 1, selfClosing ? gt - 1 : gt);
        let sp = 0;
        while (sp < inner.length) {
          const c = inner.charCodeAt(sp);
          if (c === 32 || c === 9 || c === 10 || c === 13) break;
          sp++;
        }
        const name = localName(inner.slice(0, sp));
        const attrs = inner.slice(sp);
        h.open(name, attrs, selfClosing);
        if (selfClosing) h.close(name);
      }
      i = gt + 1;
    }
    return n;
  }
}

/** The ">" that ends a tag starting at `from`, skipping quoted attribute values; -1 if not yet there. */
function tagEnd(s: string, from: number): number {
  let quote = 0;
  for (let k = from; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return k;
  }
  return -1;
}

/**
 * A string kept on its own, in one piece. A substring of a large chunk of XML would otherwise
 * keep the whole chunk alive as long as the cell value lives (V8 slices strings of 13 characters
 * and more), and a joined one would keep its pieces. A JSON round trip makes one flat string.
 */
export function detach(s: string): string {
  return s.length >= 13 ? JSON.parse(JSON.stringify(s)) : s;
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

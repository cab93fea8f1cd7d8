/**
 * Patching a part's XML in place by its elements, never by searching its text: the positions of
 * every element come from a scan that knows comments, CDATA, processing instructions, a DOCTYPE
 * and quoted attribute values (a comment holding "</Relationships>" is a comment). Every byte
 * outside the elements changed stays as it was.
 */
import { attr, decodeEntities } from './xml';

/** An element of a part: where its start tag, its content and its end tag are. */
export interface XmlSpan {
  /** Local name (no namespace prefix). */
  name: string;
  /** The namespace prefix with its colon ("x:"), or "". */
  prefix: string;
  start: number;
  /** Just after the start tag's ">". */
  openEnd: number;
  /** Where the end tag starts (= openEnd for a self-closing element). */
  closeStart: number;
  /** Just after the end tag. */
  end: number;
  selfClosing: boolean;
  depth: number;
  /** Index of the parent element in the list, -1 for the root. */
  parent: number;
}

/** Every element of `xml` in document order, with its positions. */
export function spans(xml: string): XmlSpan[] {
  const out: XmlSpan[] = [];
  const stack: number[] = [];
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) break;
    const next = xml.charCodeAt(lt + 1);
    if (next === 33 /* ! */) {
      if (xml.startsWith('<!--', lt)) i = after(xml, '-->', lt + 4);
      else if (xml.startsWith('<![CDATA[', lt)) i = after(xml, ']]>', lt + 9);
      else i = doctypeEnd(xml, lt);
      continue;
    }
    if (next === 63 /* ? */) {
      i = after(xml, '?>', lt + 2);
      continue;
    }
    const gt = tagEnd(xml, lt + 1);
    if (gt < 0) break;
    if (next === 47 /* / */) {
      const qname = xml.slice(lt + 2, gt).trim();
      const name = local(qname);
      // Close the innermost open element of that name (and any left open inside it).
      for (let k = stack.length - 1; k >= 0; k--) {
        if (out[stack[k]].name !== name) continue;
        while (stack.length > k) {
          const el = out[stack.pop()!];
          el.closeStart = lt;
          el.end = gt + 1;
        }
        break;
      }
    } else {
      const selfClosing = xml.charCodeAt(gt - 1) === 47;
      let sp = lt + 1;
      while (sp < gt && !/[\s/>]/.test(xml[sp])) sp++;
      const qname = xml.slice(lt + 1, sp);
      const colon = qname.indexOf(':');
      const el: XmlSpan = {
        name: colon < 0 ? qname : qname.slice(colon + 1),
        prefix: colon < 0 ? '' : qname.slice(0, colon + 1),
        start: lt,
        openEnd: gt + 1,
        closeStart: gt + 1,
        end: gt + 1,
        selfClosing,
        depth: stack.length,
        parent: stack.length ? stack[stack.length - 1] : -1,
      };
      out.push(el);
      if (!selfClosing) stack.push(out.length - 1);
    }
    i = gt + 1;
  }
  return out;
}

const local = (qname: string) => {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
};

function after(xml: string, marker: string, from: number): number {
  const k = xml.indexOf(marker, from);
  return k < 0 ? xml.length : k + marker.length;
}

function doctypeEnd(xml: string, lt: number): number {
  let k = lt + 2;
  let depth = 0;
  let quote = 0;
  for (; k < xml.length; k++) {
    const c = xml.charCodeAt(k);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 91 /* [ */) depth++;
    else if (c === 93 /* ] */) depth--;
    else if (c === 62 /* > */ && depth <= 0) return k + 1;
  }
  return xml.length;
}

/** The ">" ending a tag that starts at `from`, passing over quoted values; -1 when none. */
function tagEnd(xml: string, from: number): number {
  let quote = 0;
  for (let k = from; k < xml.length; k++) {
    const c = xml.charCodeAt(k);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return k;
  }
  return -1;
}

/** The attribute text of an element's start tag. */
export function attrsOf(xml: string, el: XmlSpan): string {
  const from = el.start + 1 + el.prefix.length + el.name.length;
  return xml.slice(from, el.selfClosing ? el.openEnd - 2 : el.openEnd - 1);
}

/** An attribute of an element, entities decoded; null when absent. */
export function attrOf(xml: string, el: XmlSpan, name: string): string | null {
  return attr(attrsOf(xml, el), name);
}

/** An element's text content, entities decoded (CDATA kept as it is). */
export function textOf(xml: string, el: XmlSpan): string {
  return el.selfClosing ? '' : decodeEntities(xml.slice(el.openEnd, el.closeStart));
}

/** The first element of that local name (at that depth, when given). */
export function firstSpan(list: XmlSpan[], name: string, depth?: number): XmlSpan | undefined {
  return list.find((e) => e.name === name && (depth === undefined || e.depth === depth));
}

/** The children of an element (by its index in the list) with that local name. */
export function childSpans(list: XmlSpan[], parent: XmlSpan, name?: string): XmlSpan[] {
  const index = list.indexOf(parent);
  return list.filter((e) => e.parent === index && (name === undefined || e.name === name));
}

/** Text edits applied in one pass from the end, so positions stay valid. */
export function applyEdits(xml: string, edits: { from: number; to: number; text: string }[]): string {
  let out = xml;
  for (const e of [...edits].sort((a, b) => b.from - a.from || b.to - a.to))
    out = out.slice(0, e.from) + e.text + out.slice(e.to);
  return out;
}

/** An edit that puts `content` at the end of an element's children (opening a self-closing one). */
export function appendEdit(xml: string, el: XmlSpan, content: string): { from: number; to: number; text: string } {
  if (!el.selfClosing) return { from: el.closeStart, to: el.closeStart, text: content };
  const open = xml.slice(el.start, el.openEnd).replace(/\s*\/>$/, '>');
  return { from: el.start, to: el.end, text: `${open}${content}</${el.prefix}${el.name}>` };
}

/** An element's start tag with one attribute set (or removed when `value` is null). */
export function withAttr(tag: string, name: string, value: string | null): string {
  const re = new RegExp(`\\s${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*(?:"[^"]*"|'[^']*')`);
  let t = tag.replace(re, '');
  if (value === null) return t;
  const escaped = value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  t = t.replace(/^(<[^\s/>]+)/, `$1 ${name}="${escaped}"`);
  return t;
}

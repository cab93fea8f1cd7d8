/**
 * docProps/app.xml lists the workbook's sheets (TitlesOfParts, counted under HeadingPairs).
 * When a write adds, replaces or removes sheets, the worksheet titles are brought up to date;
 * everything else in the part keeps its bytes. A part laid out otherwise is left as it is.
 */
import { applyEdits, childSpans, firstSpan, spans, textOf, type XmlSpan } from './xmlPatch';
import { escapeXml } from './xml';

export function updateSheetTitles(xml: string, oldSheets: string[], newSheets: string[]): string {
  const list = spans(xml);
  const root = firstSpan(list, 'Properties', 0);
  if (!root) return xml;
  const pairs = childSpans(list, root, 'HeadingPairs')[0];
  const titles = childSpans(list, root, 'TitlesOfParts')[0];
  if (!pairs || !titles) return xml;
  const pairVector = childSpans(list, pairs, 'vector')[0];
  const titleVector = childSpans(list, titles, 'vector')[0];
  if (!pairVector || !titleVector) return xml;
  const variants = childSpans(list, pairVector, 'variant');
  const lpstrs = childSpans(list, titleVector, 'lpstr');
  // The heading pairs are (name, count); the titles follow them in order. Find the pair whose
  // titles are the old sheets.
  let offset = 0;
  for (let k = 0; k + 1 < variants.length; k += 2) {
    const countEl = childSpans(list, variants[k + 1]).find((e) => e.name === 'i4');
    const count = countEl ? Number(textOf(xml, countEl)) : NaN;
    if (!Number.isInteger(count)) return xml;
    const names = lpstrs.slice(offset, offset + count).map((e) => textOf(xml, e));
    if (count === oldSheets.length && names.every((n, i) => n === oldSheets[i])) {
      return rewrite(xml, titleVector, lpstrs, offset, count, countEl!, newSheets);
    }
    offset += count;
  }
  return xml;
}

function rewrite(
  xml: string,
  vector: XmlSpan,
  lpstrs: XmlSpan[],
  offset: number,
  count: number,
  countEl: XmlSpan,
  names: string[],
): string {
  const p = lpstrs[0]?.prefix ?? vector.prefix;
  const inserted = names.map((n) => `<${p}lpstr>${escapeXml(n)}</${p}lpstr>`).join('');
  const from = count > 0 ? lpstrs[offset].start : offset > 0 ? lpstrs[offset - 1].end : vector.openEnd;
  const to = count > 0 ? lpstrs[offset + count - 1].end : from;
  const size = lpstrs.length - count + names.length;
  const open = xml.slice(vector.start, vector.openEnd).replace(/\ssize\s*=\s*(?:"[^"]*"|'[^']*')/, ` size="${size}"`);
  return applyEdits(xml, [
    { from, to, text: inserted },
    { from: vector.start, to: vector.openEnd, text: open },
    { from: countEl.openEnd, to: countEl.closeStart, text: String(names.length) },
  ]);
}

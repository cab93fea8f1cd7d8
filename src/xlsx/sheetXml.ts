/**
 * Worksheet XML: cells as the add-in writes them (text always as an inline string, formulas
 * with the core's result cached), a new sheet built from scratch, and an existing sheet patched
 * in place — only the cells written change, every other byte of the part stays as it was.
 */
import type { PageSetup } from '../core/build/writePlan';
import { columnIndex, columnLetters, parseA1 } from '../core/model/a1';
import { fileFormula, translateFormula } from './formulaText';
import { encodeOoxmlText, escapeXml } from './xml';

/** What one cell becomes: a value (text, number, empty) or a formula with its cached result. */
export interface CellOut {
  value?: string | number | null;
  formula?: string;
  style: number;
}

/** The <c> element for a cell. Text goes in as an inline string: never a formula, never a number. */
export function cellXml(ref: string, cell: CellOut, p = ''): string {
  const s = cell.style ? ` s="${cell.style}"` : '';
  if (cell.formula) {
    const f = `<${p}f>${escapeXml(fileFormula(cell.formula))}</${p}f>`;
    if (typeof cell.value === 'number' && Number.isFinite(cell.value))
      return `<${p}c r="${ref}"${s}>${f}<${p}v>${numberText(cell.value)}</${p}v></${p}c>`;
    if (typeof cell.value === 'string')
      return `<${p}c r="${ref}"${s} t="str">${f}<${p}v>${encodeOoxmlText(cell.value)}</${p}v></${p}c>`;
    return `<${p}c r="${ref}"${s}>${f}</${p}c>`;
  }
  if (typeof cell.value === 'number' && Number.isFinite(cell.value))
    return `<${p}c r="${ref}"${s}><${p}v>${numberText(cell.value)}</${p}v></${p}c>`;
  if (typeof cell.value === 'string' && cell.value !== '') {
    const space = /^\s|\s$|\n/.test(cell.value) ? ' xml:space="preserve"' : '';
    return `<${p}c r="${ref}"${s} t="inlineStr"><${p}is><${p}t${space}>${encodeOoxmlText(cell.value)}</${p}t></${p}is></${p}c>`;
  }
  return `<${p}c r="${ref}"${s}/>`;
}

/** A number as the file format writes it: shortest round-trip form, no exponent for ordinary amounts. */
function numberText(n: number): string {
  return Object.is(n, -0) ? '0' : String(n);
}

export const SHEET_NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** A new worksheet from its cells (address → xml), column widths in characters, and a drawing. */
export function newSheetXml(
  cells: Map<string, string>,
  widths: { col: number; width: number }[],
  options: {
    tabSelected: boolean;
    drawingRelId?: string;
    /** Conditional formats with their differential format's index in styles.xml. */
    conditionalFormats?: { range: string; formula: string; dxfId: number }[];
    page?: PageSetup;
    /** Rows frozen at the top. */
    freezeRows?: number;
    /** The range with filter buttons. */
    autoFilter?: string;
  },
): string {
  const rows = new Map<number, { col: number; xml: string }[]>();
  let top = Infinity;
  let left = Infinity;
  let bottom = 0;
  let right = 0;
  for (const [ref, xml] of cells) {
    const { row, col } = parseA1(ref);
    let r = rows.get(row);
    if (!r) rows.set(row, (r = []));
    r.push({ col, xml });
    top = Math.min(top, row);
    bottom = Math.max(bottom, row);
    left = Math.min(left, col);
    right = Math.max(right, col);
  }
  const dimension = cells.size ? `${columnLetters(left)}${top + 1}:${columnLetters(right)}${bottom + 1}` : 'A1';
  const cols = widths.length
    ? `<cols>${[...widths]
        .sort((a, b) => a.col - b.col)
        .map((w) => `<col min="${w.col + 1}" max="${w.col + 1}" width="${w.width}" customWidth="1"/>`)
        .join('')}</cols>`
    : '';
  const data = [...rows.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(
      ([row, cs]) =>
        `<row r="${row + 1}">${cs
          .sort((a, b) => a.col - b.col)
          .map((c) => c.xml)
          .join('')}</row>`,
    )
    .join('');
  const page = options.page;
  // A frozen header: the pane below it scrolls (CT_Pane; the top-left cell is the first below).
  const frozen = options.freezeRows ?? 0;
  const pane = frozen
    ? `<pane ySplit="${frozen}" topLeftCell="A${frozen + 1}" activePane="bottomLeft" state="frozen"/>` +
      `<selection pane="bottomLeft" activeCell="A${frozen + 1}" sqref="A${frozen + 1}"/>`
    : '';
  // Each range its own element; priorities count up over the sheet (1 is tried first).
  const formats = (options.conditionalFormats ?? [])
    .map(
      (f, k) =>
        `<conditionalFormatting sqref="${f.range}"><cfRule type="expression" dxfId="${f.dxfId}" priority="${k + 1}"><formula>${escapeXml(f.formula)}</formula></cfRule></conditionalFormatting>`,
    )
    .join('');
  const pageSetup = page
    ? `<pageSetup${page.paper === 'A4' ? ' paperSize="9"' : ''}${page.landscape ? ' orientation="landscape"' : ''}${page.fitToWidth ? ' fitToWidth="1" fitToHeight="0"' : ''}/>`
    : '';
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<worksheet ${SHEET_NS}>` +
    (page?.fitToWidth ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : '') +
    `<dimension ref="${dimension}"/>` +
    `<sheetViews><sheetView workbookViewId="0"${options.tabSelected ? ' tabSelected="1"' : ''}${pane ? `>${pane}</sheetView>` : '/>'}</sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    cols +
    `<sheetData>${data}</sheetData>` +
    (options.autoFilter ? `<autoFilter ref="${options.autoFilter}"/>` : '') +
    formats +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    pageSetup +
    (options.drawingRelId ? `<drawing r:id="${options.drawingRelId}"/>` : '') +
    '</worksheet>'
  );
}

/** The cell a patch replaces: its style index (0 when none) and its element (null when none). */
export interface OldCell {
  style: number;
  xml: string | null;
}

/** A cell patch: builds the new <c> element for an address, in the sheet's namespace prefix. */
export interface CellPatch {
  ref: string;
  build: (old: OldCell, prefix: string) => string;
}

/**
 * A formula cell rewritten with the same formula keeps its <f> element as it was — a shared
 * formula's master or child stays one — and gets the new cached result and style.
 */
export function keepFormula(
  oldXml: string,
  value: string | number | null | undefined,
  style: number,
  p: string,
): string {
  const f = /<(\w+:)?f\b[^>]*?(?:\/>|>[\s\S]*?<\/\1?f>)/.exec(oldXml)![0];
  const open = /^<(\w+:)?c\b[^>]*?>/.exec(oldXml)![0].replace(/\/>$/, '>');
  let tag = open.replace(/\s[st]\s*=\s*["'][^"']*["']/g, '');
  tag = tag.replace(/>$/, `${style ? ` s="${style}"` : ''}${typeof value === 'string' ? ' t="str"' : ''}>`);
  const v =
    typeof value === 'number' && Number.isFinite(value)
      ? `<${p}v>${numberText(value)}</${p}v>`
      : typeof value === 'string'
        ? `<${p}v>${encodeOoxmlText(value)}</${p}v>`
        : '';
  return `${tag}${f}${v}</${p}c>`;
}

const attrValue = (tag: string, name: string) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`).exec(tag)?.[1];

/**
 * Writes cells into an existing worksheet's XML: rows without a patched cell are copied as they
 * are; in a row with one, only that cell is replaced or inserted in column order; missing rows
 * are inserted in row order. The dimension grows to cover new cells.
 */
export function patchSheetXml(xml: string, patches: CellPatch[]): string {
  if (patches.length === 0) return xml;
  const open = /<(\w+:)?sheetData\b[^>]*?(\/?)>/.exec(xml);
  if (!open) throw new Error('worksheet without sheetData');
  const p = open[1] ?? '';
  const byRow = new Map<number, Map<number, CellPatch>>();
  for (const patch of patches) {
    const { row, col } = parseA1(patch.ref);
    let r = byRow.get(row);
    if (!r) byRow.set(row, (r = new Map()));
    r.set(col, patch);
  }
  const pendingRows = [...byRow.keys()].sort((a, b) => a - b);
  let next = 0;
  const out: string[] = [];
  const newRow = (row: number) => {
    const cells = [...byRow.get(row)!.entries()].sort((a, b) => a[0] - b[0]);
    return `<${p}row r="${row + 1}">${cells.map(([, patch]) => patch.build(NO_CELL, p)).join('')}</${p}row>`;
  };

  let body: string;
  let before: string;
  let after: string;
  if (open[2] === '/') {
    before = xml.slice(0, open.index) + `<${p}sheetData>`;
    body = '';
    after = `</${p}sheetData>` + xml.slice(open.index + open[0].length);
  } else {
    const close = xml.indexOf(`</${p}sheetData>`, open.index);
    if (close < 0) throw new Error('worksheet without sheetData end');
    before = xml.slice(0, open.index + open[0].length);
    body = xml.slice(open.index + open[0].length, close);
    after = xml.slice(close);
  }

  const rowRe = new RegExp(`<${p}row\\b([^>]*?)(/?)>`, 'g');
  const rowEnd = `</${p}row>`;
  let pos = 0;
  let lastRow = -1;
  const lostMasters = new Map<string, LostMaster>();
  let m: RegExpExecArray | null;
  while ((m = rowRe.exec(body))) {
    const start = m.index;
    const selfClosing = m[2] === '/';
    const end = selfClosing ? rowRe.lastIndex : body.indexOf(rowEnd, rowRe.lastIndex) + rowEnd.length;
    if (end < rowRe.lastIndex) break;
    const r = attrValue(m[0], 'r');
    const row = r !== undefined ? Number(r) - 1 : lastRow + 1;
    lastRow = row;
    while (next < pendingRows.length && pendingRows[next] < row) {
      out.push(body.slice(pos, start), newRow(pendingRows[next]));
      pos = start;
      next++;
    }
    if (next < pendingRows.length && pendingRows[next] === row) {
      out.push(
        body.slice(pos, start),
        patchRow(body.slice(start, end), m[0], selfClosing, byRow.get(row)!, p, lostMasters),
      );
      pos = end;
      next++;
    }
    rowRe.lastIndex = end;
  }
  out.push(body.slice(pos));
  while (next < pendingRows.length) out.push(newRow(pendingRows[next++]));
  let data = out.join('');
  if (lostMasters.size) data = detachSharedFormulas(data, lostMasters, p);
  return growDimension(before, patches) + data + after;
}

const NO_CELL: OldCell = { style: 0, xml: null };

/** A shared formula whose master cell was overwritten: its text and where the master stood. */
interface LostMaster {
  formula: string;
  row: number;
  col: number;
}

/**
 * The other cells of a shared formula whose master was overwritten with a value: each gets the
 * formula written out in full, shifted to its own place, so nothing refers to the lost master.
 */
function detachSharedFormulas(data: string, masters: Map<string, LostMaster>, p: string): string {
  const re = new RegExp(`(<${p}c\\b[^>]*>)(\\s*)<${p}f\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${p}f>)`, 'g');
  return data.replace(re, (m, cellTag: string, space: string, attrs: string) => {
    const si = attrValue(attrs, 'si');
    if (attrValue(attrs, 't') !== 'shared' || si === undefined || !masters.has(si)) return m;
    const master = masters.get(si)!;
    const ref = attrValue(cellTag, 'r');
    if (!ref) return m;
    const { row, col } = parseA1(ref);
    const text = translateFormula(decodeXml(master.formula), row - master.row, col - master.col);
    return `${cellTag}${space}<${p}f>${escapeXml(text)}</${p}f>`;
  });
}

const decodeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

function patchRow(
  rowXml: string,
  openTag: string,
  selfClosing: boolean,
  cells: Map<number, CellPatch>,
  p: string,
  lostMasters: Map<string, LostMaster>,
): string {
  // The spans hint would no longer cover the row; it is optional, so it goes.
  const tag = openTag.replace(/\sspans\s*=\s*["'][^"']*["']/, '').replace(/\/>$/, '>');
  const inner = selfClosing ? '' : rowXml.slice(openTag.length, rowXml.length - `</${p}row>`.length);
  const pending = [...cells.keys()].sort((a, b) => a - b);
  let next = 0;
  const out: string[] = [tag];
  const cellRe = new RegExp(`<${p}c\\b([^>]*?)(/?)>`, 'g');
  const cellEnd = `</${p}c>`;
  let pos = 0;
  let lastCol = -1;
  let m: RegExpExecArray | null;
  while ((m = cellRe.exec(inner))) {
    const start = m.index;
    const end = m[2] === '/' ? cellRe.lastIndex : inner.indexOf(cellEnd, cellRe.lastIndex) + cellEnd.length;
    if (end < cellRe.lastIndex) break;
    const ref = attrValue(m[0], 'r');
    const col = ref ? columnIndex(ref.replace(/\d+$/, '')) : lastCol + 1;
    lastCol = col;
    while (next < pending.length && pending[next] < col) {
      out.push(inner.slice(pos, start), cells.get(pending[next])!.build(NO_CELL, p));
      pos = start;
      next++;
    }
    if (next < pending.length && pending[next] === col) {
      const style = Number(attrValue(m[0], 's') ?? 0) || 0;
      const oldXml = inner.slice(start, end);
      const built = cells.get(col)!.build({ style, xml: oldXml }, p);
      // A shared formula's master overwritten by something else: its other cells must be told.
      const f = /<(\w+:)?f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1?f>)/.exec(oldXml);
      if (f && attrValue(f[2], 't') === 'shared' && attrValue(f[2], 'ref') && f[3] && !built.includes(f[0])) {
        const si = attrValue(f[2], 'si');
        const { row: r, col: c } = parseA1(ref ?? `${columnLetters(col)}1`);
        if (si !== undefined) lostMasters.set(si, { formula: f[3], row: r, col: c });
      }
      out.push(inner.slice(pos, start), built);
      pos = end;
      next++;
    }
    cellRe.lastIndex = end;
  }
  out.push(inner.slice(pos));
  while (next < pending.length) out.push(cells.get(pending[next++])!.build(NO_CELL, p));
  out.push(`</${p}row>`);
  return out.join('');
}

/** The <dimension> widened to cover the patched cells (it is a hint; Excel recomputes it). */
function growDimension(head: string, patches: CellPatch[]): string {
  const m = /<(\w+:)?dimension\b[^>]*?\sref\s*=\s*["']([^"']*)["'][^>]*\/>/.exec(head);
  if (!m) return head;
  const [a, b = a] = m[2].split(':');
  let top: number, left: number, bottom: number, right: number;
  try {
    const p = parseA1(a);
    const q = parseA1(b);
    top = Math.min(p.row, q.row);
    bottom = Math.max(p.row, q.row);
    left = Math.min(p.col, q.col);
    right = Math.max(p.col, q.col);
  } catch {
    return head;
  }
  let grew = false;
  for (const patch of patches) {
    const { row, col } = parseA1(patch.ref);
    if (row < top || row > bottom || col < left || col > right) grew = true;
    top = Math.min(top, row);
    bottom = Math.max(bottom, row);
    left = Math.min(left, col);
    right = Math.max(right, col);
  }
  if (!grew) return head;
  const ref = `${columnLetters(left)}${top + 1}:${columnLetters(right)}${bottom + 1}`;
  return head.slice(0, m.index) + m[0].replace(m[2], ref) + head.slice(m.index + m[0].length);
}

/** Removes an element (self-closing or with content) wherever it appears; prefix-aware. */
export function removeElements(xml: string, name: string): string {
  return xml.replace(new RegExp(`<(\\w+:)?${name}\\b[^>]*?(?:/>|>[\\s\\S]*?</\\1?${name}>)`, 'g'), '');
}

/** Sets or clears tabSelected on a worksheet's first sheet view. */
export function setTabSelected(xml: string, selected: boolean): string {
  const m = /<(\w+:)?sheetView\b([^>]*?)(\/?)>/.exec(xml);
  if (!m) return xml;
  let tag = m[0].replace(/\stabSelected\s*=\s*["'][^"']*["']/, '');
  if (selected) tag = tag.replace(/^<((?:\w+:)?sheetView)\b/, '<$1 tabSelected="1"');
  return xml.slice(0, m.index) + tag + xml.slice(m.index + m[0].length);
}

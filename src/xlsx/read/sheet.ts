/**
 * One worksheet part streamed into a snapshot: cells decoded as they come (shared strings,
 * inline text, numbers, dates, errors and formulas, shared formulas translated), counted against
 * the read's limit, and gathered row by row.
 */
import { toA1 } from '../../core/model/a1';
import { DATE1904_OFFSET } from '../../core/text/dates';
import type { CellValue, SheetSnapshot } from '../../core/model/grid';
import { XlsxError } from '../errors';
import { translateFormula } from '../formulaText';
import type { Package } from '../package';
import { attr, decodeEntities, decodeOoxmlText, detach, XmlTokenizer, type XmlHandler } from '../xml';
import { RowCollector } from './rows';
import { cellText, cellTooLong, MAX_RAW_CELL_CHARS } from './sharedStrings';
import type { Styles } from './styles';

export interface SheetContext {
  strings: string[];
  styles: Styles;
  date1904: boolean;
  /** Cells stored so far over the whole read, against the limit. */
  cells: { count: number; limit: number };
}

const EXCEL_ERRORS = new Set(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA']);

/** ISO date (t="d" cells) → the 1900 system's serial number. */
function isoToSerialNumber(iso: string): number | null {
  const t = Date.parse(iso.length <= 10 ? `${iso}T00:00:00Z` : iso.endsWith('Z') ? iso : `${iso}Z`);
  return Number.isFinite(t) ? t / 86_400_000 + 25_569 : null;
}

/** A cell's value from its type and stored text. */
function storedValue(type: string, valueText: string, inlineText: string, ctx: SheetContext): CellValue {
  if (type === 's') {
    // An empty value is no index (+'' would be 0, the first shared string).
    const t = valueText.trim();
    const i = t === '' ? NaN : +t;
    if (Number.isInteger(i) && i >= 0 && i < ctx.strings.length) return ctx.strings[i];
    return t !== '' ? { error: '#REF!', stored: `delt tekst nr. ${t}, som ikke findes` } : null;
  }
  if (type === 'inlineStr') return cellText(inlineText);
  if (type === 'str') return cellText(valueText);
  if (type === 'b') return valueText.trim() === '1' || valueText.trim().toLowerCase() === 'true';
  if (type === 'e')
    return { error: EXCEL_ERRORS.has(valueText.trim()) ? valueText.trim() : valueText.trim() || '#VALUE!' };
  if (type === 'd') {
    const serial = valueText.trim() ? isoToSerialNumber(valueText.trim()) : null;
    // Serials are kept as the workbook counts them (the core converts a 1904 workbook's).
    return serial !== null && ctx.date1904 ? serial - DATE1904_OFFSET : serial;
  }
  if (valueText.trim() === '') return null;
  // A number cell whose stored text is no finite number ("310000kr", "1E+309") is kept as
  // what it is — unreadable — so that it is reported at its cell, not dropped.
  const n = +valueText;
  return Number.isFinite(n) ? n : { error: '#NUM!', stored: detach(valueText.trim().slice(0, 100)) };
}

/** Where the reader stands: the cell being read. */
interface Position {
  row: number;
  col: number;
}

/** Reads a cell reference ("AB12") into `at`; false when it is not one. */
function readRef(at: Position, ref: string, from = 0, to = ref.length): boolean {
  let c = 0;
  let i = from;
  for (; i < to; i++) {
    const ch = ref.charCodeAt(i);
    if (ch >= 65 && ch <= 90) c = c * 26 + ch - 64;
    else if (ch >= 97 && ch <= 122) c = c * 26 + ch - 96;
    else break;
  }
  let r = 0;
  const digitsFrom = i;
  for (; i < to; i++) {
    const ch = ref.charCodeAt(i);
    if (ch < 48 || ch > 57) return false;
    r = r * 10 + ch - 48;
  }
  if (c === 0 || i === digitsFrom || r === 0) return false;
  // Excel's sheet ends at column XFD and row 1.048.576: a cell beyond is a damaged file.
  if (c > 16_384 || r > 1_048_576) throw new XlsxError('Corrupt', { what: 'outsideSheet', ref: ref.slice(from, to) });
  at.col = c - 1;
  at.row = r - 1;
  return true;
}

/** Streams a worksheet part into a snapshot. */
export async function readSheet(pkg: Package, part: string, name: string, ctx: SheetContext): Promise<SheetSnapshot> {
  const parser = new SheetParser(ctx);
  const tokenizer = new XmlTokenizer(parser);
  await pkg.streamText(part, (t) => tokenizer.write(t));
  tokenizer.end();
  return parser.snapshot(name);
}

/** The tokenizer's handler for one worksheet: where it stands, the cell being read, and the rows so far. */
class SheetParser implements XmlHandler {
  private readonly collector = new RowCollector();
  private readonly shared = new Map<string, { formula: string; row: number; col: number }>();
  private isProtected = false;
  /** Cells whose style leaves them editable under the sheet's protection (a template's inputs). */
  private readonly unlockedCells: string[] = [];
  private readonly at: Position = { row: -1, col: -1 };
  private type = '';
  private style = 0;
  private inValue = false;
  private inFormula = false;
  private inInline = 0;
  private inT = false;
  private phonetic = 0;
  private valueText = '';
  private formulaText = '';
  private formulaAttrs = '';
  private inlineText = '';
  private hasFormula = false;
  private inSheetData = false;

  constructor(private readonly ctx: SheetContext) {}

  snapshot(name: string): SheetSnapshot {
    const snapshot = this.collector.snapshot(name, this.isProtected);
    if (this.isProtected && this.unlockedCells.length) snapshot.unlockedCells = this.unlockedCells;
    return snapshot;
  }

  open(tag: string, attrs: string, selfClosing: boolean): void {
    this.openAt(tag, attrs, 0, attrs.length, selfClosing);
  }

  openAt(tag: string, text: string, from: number, to: number, selfClosing: boolean): void {
    if (tag === 'c') return this.openCell(text, from, to, selfClosing);
    const attrs = from < to ? text.slice(from, to) : '';
    switch (tag) {
      case 'sheetData':
        this.inSheetData = !selfClosing;
        break;
      case 'row': {
        const r = attr(attrs, 'r');
        this.at.row = r === null ? this.at.row + 1 : Number(r) - 1;
        this.at.col = -1;
        break;
      }
      case 'v':
        this.inValue = !selfClosing;
        break;
      case 'f':
        this.hasFormula = true;
        this.formulaAttrs = attrs;
        this.inFormula = !selfClosing;
        break;
      case 'is':
        this.inInline++;
        break;
      case 't':
        if (this.inInline > 0 && this.phonetic === 0) this.inT = !selfClosing;
        break;
      case 'rPh':
        this.phonetic++;
        break;
      case 'sheetProtection': {
        const v = attr(attrs, 'sheet');
        this.isProtected = v === '1' || v === 'true';
        break;
      }
    }
  }

  /** The hot path: a cell's attributes read where they stand, no string made of them. */
  private openCell(text: string, from: number, to: number, selfClosing: boolean): void {
    if (!this.inSheetData) return;
    const at = this.at;
    const a = cellAttrs(text, from, to);
    if (a.r !== null ? !readRef(at, a.r) : a.rFrom < 0 || !readRef(at, text, a.rFrom, a.rTo)) at.col++;
    this.type = a.t ?? 'n';
    this.style = a.s;
    if (this.ctx.styles.unlocked[this.style]) this.unlockedCells.push(toA1(at.row, at.col));
    this.valueText = this.formulaText = this.formulaAttrs = this.inlineText = '';
    this.hasFormula = false;
    if (selfClosing) this.store();
  }

  close(tag: string): void {
    switch (tag) {
      case 'c':
        if (this.inSheetData) this.store();
        break;
      case 'v':
        this.inValue = false;
        break;
      case 'f':
        this.inFormula = false;
        break;
      case 'is':
        this.inInline--;
        break;
      case 't':
        this.inT = false;
        break;
      case 'rPh':
        this.phonetic--;
        break;
      case 'sheetData':
        this.inSheetData = false;
        break;
    }
  }

  text(text: string): void {
    if (this.inValue) this.valueText += text;
    else if (this.inFormula) this.formulaText += text;
    else if (this.inT) this.inlineText += text;
    else return;
    // No cell holds more than Excel allows: a longer one is a damaged part, not kept in memory.
    if (this.valueText.length + this.formulaText.length + this.inlineText.length > MAX_RAW_CELL_CHARS)
      throw cellTooLong();
  }

  /** The cell's formula; a shared formula's followers get the master's, moved to where they stand. */
  private formulaOf(): string | null {
    const at = this.at;
    const si = attr(this.formulaAttrs, 'si');
    const isShared = attr(this.formulaAttrs, 't') === 'shared';
    const text = decodeOoxmlText(this.formulaText).trim();
    if (text) {
      if (isShared && si !== null) this.shared.set(si, { formula: text, row: at.row, col: at.col });
      return detach(`=${text}`);
    }
    const master = isShared && si !== null ? this.shared.get(si) : undefined;
    return master ? detach(`=${translateFormula(master.formula, at.row - master.row, at.col - master.col)}`) : null;
  }

  private store(): void {
    const ctx = this.ctx;
    const value = storedValue(this.type, this.valueText, this.inlineText, ctx);
    const formula = this.hasFormula ? this.formulaOf() : null;
    // Only a date's format is kept: it says the number is a date (the rest do not matter here).
    const format =
      typeof value === 'number' && ctx.styles.isDate[this.style] ? (ctx.styles.formats[this.style] ?? null) : null;
    if (value === null && formula === null) return;
    if (++ctx.cells.count > ctx.cells.limit) throw new XlsxError('TooLarge', { what: 'cells', limit: ctx.cells.limit });
    this.collector.add(this.at.row, this.at.col, value, formula, format);
  }
}

/**
 * A cell's r, t and s attributes, read in one pass over its attribute text `text[from, to)`: the
 * reference as a position in the text (or as a string when it holds an entity), the type, and the
 * style index as a number. One object, reused from cell to cell.
 */
const cellAttrValues = { rFrom: -1, rTo: -1, r: null as string | null, t: null as string | null, s: 0 };
function cellAttrs(text: string, from: number, to: number): typeof cellAttrValues {
  const out = cellAttrValues;
  out.rFrom = out.rTo = -1;
  out.r = out.t = null;
  out.s = 0;
  let seenR = false;
  let seenS = false;
  let k = from;
  while (k < to) {
    while (k < to && text.charCodeAt(k) <= 32) k++;
    const nameStart = k;
    while (k < to && text.charCodeAt(k) > 32 && text.charCodeAt(k) !== 61 /* = */) k++;
    const nameEnd = k;
    while (k < to && text.charCodeAt(k) <= 32) k++;
    if (text.charCodeAt(k) !== 61) {
      if (k === nameStart) k++;
      continue;
    }
    k++;
    while (k < to && text.charCodeAt(k) <= 32) k++;
    const quote = text.charCodeAt(k);
    if (quote !== 34 && quote !== 39) break;
    const end = text.indexOf(quote === 34 ? '"' : "'", k + 1);
    if (end < 0 || end > to) break;
    if (nameEnd - nameStart === 1) {
      const which = text.charCodeAt(nameStart);
      let plain = true;
      for (let j = k + 1; j < end && plain; j++) plain = text.charCodeAt(j) !== 38; /* & */
      if (which === 114 /* r */ && !seenR) {
        seenR = true;
        if (plain) {
          out.rFrom = k + 1;
          out.rTo = end;
        } else out.r = decodeEntities(text.slice(k + 1, end));
      } else if (which === 116 /* t */ && out.t === null) {
        out.t = plain ? text.slice(k + 1, end) : decodeEntities(text.slice(k + 1, end));
      } else if (which === 115 /* s */ && !seenS) {
        seenS = true;
        out.s = Number(plain ? text.slice(k + 1, end) : decodeEntities(text.slice(k + 1, end))) || 0;
      }
    }
    k = end + 1;
  }
  return out;
}

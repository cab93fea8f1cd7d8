/**
 * One worksheet part streamed into a snapshot: cells read as they come (shared strings, numbers,
 * dates, errors; inline texts and formulas kept as their bytes, a shared formula's followers as
 * the master and their offset, all made into strings when a reader asks), counted against the
 * read's limit, and kept in the compact cell store.
 */
import { toA1 } from '../../core/model/a1';
import { DATE1904_OFFSET } from '../../core/text/dates';
import type { CellValue, SheetSnapshot } from '../../core/model/grid';
import { XlsxError } from '../errors';
import type { Package } from '../package';
import { attr, decodeOoxmlText, detach } from '../xml';
import { ByteXmlTokenizer, decodeText, decodeUtf8, ELEMENT_CUT, type ByteXmlHandler } from '../xmlBytes';
import {
  attrAt,
  cellAttrs,
  cellElement,
  cellParts,
  cellTagValues,
  readRef,
  readRefText,
  simpleNumber,
  type Position,
} from './cellBytes';
import { CellStore, storeSnapshot } from './cellStore';
import { cellText, cellTooLong, MAX_RAW_CELL_CHARS, MAX_READ_CELL_CHARS } from './sharedStrings';
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
  // Texts decoded from the bytes are strings of their own: nothing to detach them from.
  if (type === 'inlineStr') return cellText(inlineText, false);
  if (type === 'str') return cellText(valueText, false);
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

/**
 * Formula bytes that decode to themselves and are not blank: ASCII with neither an entity nor an
 * _xHHHH_ escape, and a character trim keeps (a blank formula is a shared formula's follower).
 */
function plainFormula(b: Uint8Array, from: number, to: number): boolean {
  let blank = true;
  for (let k = from; k < to; k++) {
    const c = b[k];
    if (c >= 0x80 || c === 38 /* & */ || (c === 95 /* _ */ && k + 1 < to && b[k + 1] === 120) /* x */) return false;
    if (c !== 32 && (c < 9 || c > 13)) blank = false;
  }
  return !blank;
}

/** How near the end of the bytes at hand a cell must begin to be taken as cut by it. */
const CUT_REACH = 1024;

/**
 * Whether the cell whose name ends at `sp` is cut by the end of `b[0, n)`: it begins near the end
 * and neither closes its tag with "/>" nor meets its "</c>" (any prefix) before the end. A cell
 * that is merely unusual ends within the bytes and is read as events.
 */
function cutCell(b: Uint8Array, sp: number, n: number): boolean {
  if (n - sp >= CUT_REACH) return false;
  let k = b.indexOf(0x3e /* > */, sp);
  if (k >= 0 && b[k - 1] === 0x2f /* / */) return false;
  for (; k >= 0; k = b.indexOf(0x3e, k + 1))
    if (b[k - 1] === 0x63 /* c */ && (b[k - 2] === 0x2f || b[k - 2] === 0x3a) /* / or : */) return false;
  return true;
}

/** Streams a worksheet part into a snapshot. */
export async function readSheet(pkg: Package, part: string, name: string, ctx: SheetContext): Promise<SheetSnapshot> {
  const parser = new SheetParser(ctx);
  const tokenizer = new ByteXmlTokenizer(parser, TAGS, C);
  // A cell takes three bytes at the least ("<c>"); one more may have begun in the last chunk.
  // Its texts are within the chunk's bytes (a longer one, held over from earlier chunks, is met as it comes).
  await pkg.streamUtf8(part, (chunk) => {
    parser.reserve(Math.ceil(chunk.length / 3) + 1, chunk.length);
    tokenizer.write(chunk);
  });
  parser.reserve(2, 0);
  tokenizer.end();
  return parser.snapshot(name);
}

/** The tags the sheet reader acts on, by index. */
const TAGS = ['c', 'row', 'v', 'f', 'is', 't', 'rPh', 'sheetData', 'sheetProtection'] as const;
const [C, ROW, V, F, IS, T, RPH, SHEET_DATA, SHEET_PROTECTION] = TAGS.map((_, i) => i);

/** The tokenizer's handler for one worksheet: where it stands, the cell being read, and the rows so far. */
class SheetParser implements ByteXmlHandler {
  private readonly cells = new CellStore();
  /** Shared formulas' masters by si: the formula's number in the store, and where it stands. */
  private readonly shared = new Map<string, { formula: number; row: number; col: number }>();
  private isProtected = false;
  /**
   * Cells whose style leaves them editable under the sheet's protection (a template's inputs), as
   * row and column: the protection comes after the cells, and only then are they named.
   */
  private readonly unlockedRows: number[] = [];
  private readonly unlockedCols: number[] = [];
  private readonly at: Position = { row: -1, col: -1 };
  private type = '';
  private style = 0;
  private inValue = false;
  private inFormula = false;
  private inInline = 0;
  private inT = false;
  private phonetic = 0;
  capturing = false;
  private valueText = '';
  /** A value read straight from its bytes (a plain number, no string made); NaN when not. */
  private valueNumber = NaN;
  private valueBytes: Uint8Array | null = null;
  /** A text cell's raw character data where it stands, kept as bytes (the fast path's texts). */
  private textBytes: Uint8Array | null = null;
  private textFrom = 0;
  private textTo = 0;
  private valueFrom = 0;
  private valueTo = 0;
  private formulaText = '';
  /** A formula's text where it stands, kept as bytes (the fast path's). */
  private formulaBytes: Uint8Array | null = null;
  private formulaFrom = 0;
  private formulaTo = 0;
  private formulaAttrs = '';
  private inlineText = '';
  private hasFormula = false;
  private inSheetData = false;

  constructor(private readonly ctx: SheetContext) {}

  /** Room for `cells` more cells and `textBytes` of text in the store (see CellStore.reserve). */
  reserve(cells: number, textBytes: number): void {
    this.cells.reserve(cells, textBytes);
  }

  snapshot(name: string): SheetSnapshot {
    const usedRange = this.cells.finish();
    const unlockedCells =
      this.isProtected && this.unlockedRows.length
        ? this.unlockedRows.map((r, i) => toA1(r, this.unlockedCols[i]))
        : undefined;
    const base = { name, protected: this.isProtected, ...(unlockedCells ? { unlockedCells } : {}) };
    if (usedRange === null)
      return { ...base, origin: { row: 0, col: 0 }, values: [], formulas: [], numberFormats: [], usedRange: null };
    return storeSnapshot(this.cells, { ...base, usedRange });
  }

  open(tag: number, b: Uint8Array, from: number, to: number, selfClosing: boolean): void {
    switch (tag) {
      case C:
        this.openCell(b, from, to, selfClosing);
        break;
      case SHEET_DATA:
        this.inSheetData = !selfClosing;
        break;
      case ROW: {
        const r = attrAt(b, from, to, 'r');
        const n = r ? simpleNumber(b, r.from, r.to) : NaN;
        this.at.row =
          r === null ? this.at.row + 1 : Number.isInteger(n) ? n - 1 : Number(decodeText(b, r.from, r.to)) - 1;
        this.at.col = -1;
        break;
      }
      case V:
        this.inValue = !selfClosing;
        break;
      case F:
        this.hasFormula = true;
        this.formulaAttrs = from < to ? decodeUtf8(b, from, to) : '';
        this.inFormula = !selfClosing;
        break;
      case IS:
        this.inInline++;
        break;
      case T:
        if (this.inInline > 0 && this.phonetic === 0) this.inT = !selfClosing;
        break;
      case RPH:
        this.phonetic++;
        break;
      case SHEET_PROTECTION: {
        const v = attr(decodeUtf8(b, from, to), 'sheet');
        this.isProtected = v === '1' || v === 'true';
        break;
      }
    }
    this.capturing = this.inValue || this.inFormula || this.inT;
  }

  /** The hot path: a cell's attributes read from the bytes where they stand. */
  private openCell(b: Uint8Array, from: number, to: number, selfClosing: boolean): void {
    if (!this.inSheetData) return;
    const at = this.at;
    const a = cellAttrs(b, from, to);
    if (a.r !== null ? !readRefText(at, a.r) : a.rFrom < 0 || !readRef(at, b, a.rFrom, a.rTo)) at.col++;
    this.beginCell(a.t, a.s, selfClosing);
  }

  /** A cell begins where `at` stands: its type and style noted, what the last one held cleared. */
  private beginCell(type: string, style: number, selfClosing: boolean): void {
    const at = this.at;
    this.type = type;
    this.style = style;
    if (this.ctx.styles.unlocked[this.style]) (this.unlockedRows.push(at.row), this.unlockedCols.push(at.col));
    this.valueText = this.formulaText = this.formulaAttrs = this.inlineText = '';
    this.valueNumber = NaN;
    this.valueBytes = this.textBytes = this.formulaBytes = null;
    this.hasFormula = false;
    if (selfClosing) this.store();
  }

  /**
   * A cell of the usual shape read in one step (most of a large sheet): the same state as its
   * tags one by one would leave, then stored. Anything else (-1) comes as events.
   */
  element(b: Uint8Array, sp: number, n: number): number {
    if (!this.inSheetData || this.capturing) return -1;
    const end = cellElement(b, sp, n);
    const p = cellParts;
    if (end < 0) return cutCell(b, sp, n) ? ELEMENT_CUT : -1;
    // A text near Excel's limit is measured as the events measure it.
    if (p.fTo - p.f + p.vTo - p.v + p.tTo - p.t > MAX_RAW_CELL_CHARS) return -1;
    const tag = cellTagValues;
    if (tag.hasRef) {
      this.at.row = tag.ref.row;
      this.at.col = tag.ref.col;
    } else this.at.col++;
    this.beginCell(tag.t, tag.s, tag.selfClosing);
    if (tag.selfClosing) return end;
    if (p.fAttrs >= 0) {
      this.hasFormula = true;
      this.formulaAttrs = p.fAttrs < p.fAttrsTo ? decodeUtf8(b, p.fAttrs, p.fAttrsTo) : '';
      if (p.f < p.fTo) {
        this.formulaBytes = b;
        this.formulaFrom = p.f;
        this.formulaTo = p.fTo;
      }
    }
    const type = this.type;
    if (type === 'inlineStr' ? p.t < p.tTo : type === 'str' && p.v < p.vTo) {
      // A text is kept as its bytes: decoded when a reader asks for it.
      this.textBytes = b;
      this.textFrom = type === 'str' ? p.v : p.t;
      this.textTo = type === 'str' ? p.vTo : p.tTo;
    } else if (p.v < p.vTo) {
      const number = type === 'n' || type === 's' ? simpleNumber(b, p.v, p.vTo) : NaN;
      if (Number.isNaN(number)) this.valueText = decodeText(b, p.v, p.vTo);
      else {
        this.valueNumber = number;
        this.valueBytes = b;
        this.valueFrom = p.v;
        this.valueTo = p.vTo;
      }
    }
    this.store();
    return end;
  }

  close(tag: number): void {
    switch (tag) {
      case C:
        if (this.inSheetData) this.store();
        break;
      case V:
        this.inValue = false;
        break;
      case F:
        this.inFormula = false;
        break;
      case IS:
        this.inInline--;
        break;
      case T:
        this.inT = false;
        break;
      case RPH:
        this.phonetic--;
        break;
      case SHEET_DATA:
        this.inSheetData = false;
        break;
    }
    this.capturing = this.inValue || this.inFormula || this.inT;
  }

  text(b: Uint8Array, from: number, to: number): void {
    if (this.inValue && (this.type === 'n' || this.type === 's') && this.valueText === '' && !this.valueBytes) {
      const n = simpleNumber(b, from, to);
      if (!Number.isNaN(n)) {
        this.valueNumber = n;
        this.valueBytes = b;
        this.valueFrom = from;
        this.valueTo = to;
        return;
      }
    }
    this.append(decodeText(b, from, to));
  }

  cdata(text: string): void {
    this.append(text);
  }

  private append(text: string): void {
    if (this.inValue) {
      if (this.valueBytes) {
        // A value in more than one piece (a comment inside it): the number read so far is text again.
        this.valueText = decodeUtf8(this.valueBytes, this.valueFrom, this.valueTo);
        this.valueBytes = null;
        this.valueNumber = NaN;
      }
      this.valueText += text;
    } else if (this.inFormula) this.formulaText += text;
    else if (this.inT) this.inlineText += text;
    else return;
    // No cell holds more than Excel allows: a longer one is a damaged part, not kept in memory.
    if (this.valueText.length + this.formulaText.length + this.inlineText.length > MAX_RAW_CELL_CHARS)
      throw cellTooLong();
  }

  /**
   * The cell's formula, as its number in the store (0: none); a shared formula's followers get
   * the master's, moved to where they stand. Texts are made when a reader asks for them.
   */
  private formulaOf(): number {
    const at = this.at;
    const attrs = this.formulaAttrs;
    const si = attrs === '' ? null : attr(attrs, 'si');
    const isShared = si !== null && attr(attrs, 't') === 'shared';
    const f = this.ownFormula();
    if (f > 0) {
      if (isShared) this.shared.set(si, { formula: f, row: at.row, col: at.col });
      return f;
    }
    const master = isShared ? this.shared.get(si) : undefined;
    return master ? this.cells.formulaFollower(master.formula, at.row - master.row, at.col - master.col) : 0;
  }

  /** The formula's own text, in the store (its number), or 0 when it has none (a follower's). */
  private ownFormula(): number {
    const b = this.formulaBytes;
    // Kept as bytes when they fit the store's text blocks as a cell's text does (a longer one is
    // a damaged file's: Excel stops at 8,192 characters).
    const length = this.formulaTo - this.formulaFrom;
    if (b !== null && length <= MAX_READ_CELL_CHARS && plainFormula(b, this.formulaFrom, this.formulaTo))
      return this.cells.formulaBytes(b, this.formulaFrom, this.formulaTo);
    const text = decodeOoxmlText(
      b !== null ? decodeText(b, this.formulaFrom, this.formulaTo) : this.formulaText,
    ).trim();
    return text ? this.cells.formulaText(detach(`=${text}`)) : 0;
  }

  /** The value: a number read from its bytes, or the stored text decoded by type. */
  private value(): CellValue {
    const ctx = this.ctx;
    if (this.valueBytes) {
      const n = this.valueNumber;
      if (this.type === 'n') return n;
      if (Number.isInteger(n) && n >= 0 && n < ctx.strings.length) return ctx.strings[n];
      this.valueText = decodeUtf8(this.valueBytes, this.valueFrom, this.valueTo);
    }
    return storedValue(this.type, this.valueText, this.inlineText, ctx);
  }

  private store(): void {
    const ctx = this.ctx;
    const formula = this.hasFormula ? this.formulaOf() : 0;
    if (this.textBytes) {
      this.countCell();
      this.cells.addText(this.at.row, this.at.col, this.textBytes, this.textFrom, this.textTo, formula);
      return;
    }
    const value = this.value();
    // Only a date's format is kept: it says the number is a date (the rest do not matter here).
    const { isDate, formats } = ctx.styles;
    const style = this.style;
    const format =
      typeof value === 'number' && style < isDate.length && isDate[style] ? (formats[style] ?? null) : null;
    if (value === null && formula === 0) return;
    this.countCell();
    this.cells.add(this.at.row, this.at.col, value, formula, format);
  }

  /** One more cell stored over the whole read, against its limit. */
  private countCell(): void {
    const cells = this.ctx.cells;
    if (++cells.count > cells.limit) throw new XlsxError('TooLarge', { what: 'cells', limit: cells.limit });
  }
}

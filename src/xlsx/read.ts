/**
 * Reads an .xlsx package into the core's workbook snapshot by streaming: shared strings and
 * number formats first, then every worksheet once through a cheap scan for the labels that can
 * anchor a table (month headers, "Overført fra tidligere år", …) and only the sheets that have
 * one — or the sheet asked for — into the grid. Cells are counted as they are stored, against a
 * hard limit; the box around them does not matter.
 */
import { rangeA1, toA1 } from '../core/model/a1';
import { DATE1904_OFFSET, isDateFormat } from '../core/text/dates';
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from '../core/model/grid';
import { isTableSignal } from '../core/text/signals';
import { markedSheet, MAX_CELL_TEXT, OWNER_MARK_PREFIX } from '../core/build/writePlan';
import { XlsxError } from './errors';
import type { Limits } from './limits';
import { Package, type Inflater, type WorkbookInfo } from './package';
import { translateFormula } from './formulaText';
import { attr, child, children, decodeEntities, decodeOoxmlText, detach, parseXmlTree, XmlTokenizer } from './xml';

/** Number formats Excel does not write into styles.xml. */
export const BUILTIN_FORMATS: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'dd-mm-yyyy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'dd-mm-yyyy h:mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};

export interface Styles {
  /** The number format of each cell style (cellXfs index). */
  formats: (string | null)[];
  /** Whether each cell style's number format shows a date or time. */
  isDate: boolean[];
  /** Custom number formats by id. */
  custom: Map<number, string>;
  /** Cell styles whose cells a sheet's protection leaves editable (`<protection locked="0"/>`). */
  unlocked: boolean[];
}

export async function readStyles(pkg: Package, part: string | null): Promise<Styles> {
  const styles: Styles = { formats: [], isDate: [], custom: new Map(), unlocked: [] };
  if (!part) return styles;
  const tree = parseXmlTree(await pkg.treeText(part));
  const sheet = child(tree, 'styleSheet');
  for (const f of children(child(sheet, 'numFmts'), 'numFmt')) {
    styles.custom.set(Number(attr(f.attrs, 'numFmtId')), attr(f.attrs, 'formatCode') ?? '');
  }
  for (const xf of children(child(sheet, 'cellXfs'), 'xf')) {
    const id = Number(attr(xf.attrs, 'numFmtId') ?? 0);
    const code = styles.custom.get(id) ?? BUILTIN_FORMATS[id] ?? null;
    styles.formats.push(code === 'General' ? null : code);
    styles.isDate.push(isDateFormat(code));
    const locked = attr(child(xf, 'protection')?.attrs ?? '', 'locked');
    styles.unlocked.push(locked === '0' || locked === 'false');
  }
  return styles;
}

/** The shared strings, rich text joined, phonetic runs left out. */
export async function readSharedStrings(pkg: Package, part: string | null, limits: Limits): Promise<string[]> {
  const strings: string[] = [];
  if (!part) return strings;
  let current: string[] | null = null;
  let currentLength = 0;
  let inT = false;
  let phonetic = 0;
  const tokenizer = new XmlTokenizer({
    open(name, _attrs, selfClosing) {
      if (name === 'si') {
        current = [];
        currentLength = 0;
      } else if (name === 't' && !selfClosing) inT = phonetic === 0;
      else if (name === 'rPh') phonetic++;
    },
    close(name) {
      if (name === 't') inT = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si' && current) {
        strings.push(cellText(current.join('')));
        current = null;
        if (strings.length > limits.sharedStrings)
          throw new XlsxError('TooLarge', { what: 'sharedStrings', limit: limits.sharedStrings });
      }
    },
    text(text) {
      if (!inT || !current) return;
      current.push(text);
      if ((currentLength += text.length) > MAX_RAW_CELL_CHARS) throw cellTooLong();
    },
  });
  await pkg.streamText(part, (t) => tokenizer.write(t));
  tokenizer.end();
  return strings;
}

/**
 * The longest cell text read. Excel holds 32.767 characters in a cell; other programs write
 * longer ones, which are read (and cut, with a note, where the add-in writes them again). Far
 * beyond that a part is damaged or hostile: refused, never held in memory.
 */
export const MAX_READ_CELL_CHARS = 32 * MAX_CELL_TEXT;
/** A cell's text as the file stores it may be longer than what it shows (entities, _xHHHH_ escapes). */
const MAX_RAW_CELL_CHARS = MAX_READ_CELL_CHARS * 8;
const cellTooLong = () => new XlsxError('TooLarge', { what: 'cellText', limit: MAX_READ_CELL_CHARS });

/** A cell's text decoded, refused beyond the limit. */
function cellText(raw: string): string {
  const text = decodeOoxmlText(raw);
  if (text.length > MAX_READ_CELL_CHARS) throw cellTooLong();
  return detach(text);
}

const EXCEL_ERRORS = new Set(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA']);

/** ISO date (t="d" cells) → the 1900 system's serial number. */
function isoToSerialNumber(iso: string): number | null {
  const t = Date.parse(iso.length <= 10 ? `${iso}T00:00:00Z` : iso.endsWith('Z') ? iso : `${iso}Z`);
  return Number.isFinite(t) ? t / 86_400_000 + 25_569 : null;
}

export interface SheetContext {
  strings: string[];
  styles: Styles;
  date1904: boolean;
  /** Cells stored so far over the whole read, against the limit. */
  cells: { count: number; limit: number };
}

/**
 * Streams a worksheet part into a snapshot. Rows are kept as arrays indexed by column from A, so
 * a lone cell far to the right costs one sparse slot, not a row of empty ones.
 */
export async function readSheet(pkg: Package, part: string, name: string, ctx: SheetContext): Promise<SheetSnapshot> {
  // Rows by number in plain arrays (rows come in order in any sound file; a gap leaves a hole).
  const rows: (CellValue[] | undefined)[] = [];
  const formulaRows: ((string | null)[] | undefined)[] = [];
  const formatRows: ((string | null)[] | undefined)[] = [];
  const shared = new Map<string, { formula: string; row: number; col: number }>();
  let isProtected = false;
  /** Cells whose style leaves them editable under the sheet's protection (a template's inputs). */
  const unlockedCells: string[] = [];

  let row = -1;
  let col = -1;
  let type = '';
  let style = 0;
  let inValue = false;
  let inFormula = false;
  let inInline = 0;
  let inT = false;
  let phonetic = 0;
  let valueText = '';
  let formulaText = '';
  let formulaAttrs = '';
  let inlineText = '';
  let hasFormula = false;
  let inSheetData = false;

  // The cells of the row being read, kept aside and put into an array of exactly the row's
  // width when the row ends: arrays grown cell by cell would carry spare room (a large plan has
  // hundreds of thousands of rows).
  let currentRow = -1;
  const rowCols: number[] = [];
  const rowValues: CellValue[] = [];
  const rowFormulas: (string | null)[] = [];
  const rowFormats: (string | null)[] = [];
  let rowHasFormula = false;
  let rowHasFormat = false;
  /** The leftmost and rightmost columns holding a cell, over the whole sheet. */
  let left = Infinity;
  let right = -1;
  let top = Infinity;
  let bottom = -1;
  /** An array of exactly the row's width with the row's cells in place (holes where none). */
  const exact = <T>(cells: T[], width: number): T[] => {
    const a = new Array<T>(width);
    for (let i = 0; i < rowCols.length; i++) if (cells[i] !== null) a[rowCols[i]] = cells[i];
    return a;
  };
  const flushRow = () => {
    if (rowCols.length === 0) return;
    let width = 0;
    let hasValue = false;
    for (let i = 0; i < rowCols.length; i++) {
      const c = rowCols[i];
      if (c + 1 > width) width = c + 1;
      // The used range is where values are (a formula saved without its result is not one).
      if (rowValues[i] === null) continue;
      hasValue = true;
      if (c < left) left = c;
      if (c > right) right = c;
    }
    const old = rows[currentRow];
    if (old) {
      // A row that came twice (not in a sound file): merge into what was there.
      for (let i = 0; i < rowCols.length; i++) old[rowCols[i]] = rowValues[i];
    } else if (hasValue) rows[currentRow] = exact(rowValues, width);
    if (hasValue) {
      if (currentRow < top) top = currentRow;
      if (currentRow > bottom) bottom = currentRow;
    }
    if (rowHasFormula) formulaRows[currentRow] = exact(rowFormulas, width);
    if (rowHasFormat) formatRows[currentRow] = exact(rowFormats, width);
    rowCols.length = 0;
    rowValues.length = 0;
    rowFormulas.length = 0;
    rowFormats.length = 0;
    rowHasFormula = false;
    rowHasFormat = false;
  };
  const store = () => {
    let value: CellValue = null;
    if (type === 's') {
      // An empty value is no index (+'' would be 0, the first shared string).
      const t = valueText.trim();
      const i = t === '' ? NaN : +t;
      if (Number.isInteger(i) && i >= 0 && i < ctx.strings.length) value = ctx.strings[i];
      else if (t !== '') value = { error: '#REF!', stored: `delt tekst nr. ${t}, som ikke findes` };
    } else if (type === 'inlineStr') value = cellText(inlineText);
    else if (type === 'str') value = cellText(valueText);
    else if (type === 'b') value = valueText.trim() === '1' || valueText.trim().toLowerCase() === 'true';
    else if (type === 'e')
      value = { error: EXCEL_ERRORS.has(valueText.trim()) ? valueText.trim() : valueText.trim() || '#VALUE!' };
    else if (type === 'd') {
      const serial = valueText.trim() ? isoToSerialNumber(valueText.trim()) : null;
      // Serials are kept as the workbook counts them (the core converts a 1904 workbook's).
      value = serial !== null && ctx.date1904 ? serial - DATE1904_OFFSET : serial;
    } else if (valueText.trim() !== '') {
      // A number cell whose stored text is no finite number ("310000kr", "1E+309") is kept as
      // what it is — unreadable — so that it is reported at its cell, not dropped.
      const n = +valueText;
      value = Number.isFinite(n) ? n : { error: '#NUM!', stored: detach(valueText.trim().slice(0, 100)) };
    }
    let formula: string | null = null;
    if (hasFormula) {
      const si = attr(formulaAttrs, 'si');
      const isShared = attr(formulaAttrs, 't') === 'shared';
      const text = decodeOoxmlText(formulaText).trim();
      if (text) {
        formula = detach(`=${text}`);
        if (isShared && si !== null) shared.set(si, { formula: text, row, col });
      } else if (isShared && si !== null) {
        const master = shared.get(si);
        if (master) formula = detach(`=${translateFormula(master.formula, row - master.row, col - master.col)}`);
      }
    }
    // Only a date's format is kept: it says the number is a date (the rest do not matter here).
    let format: string | null = null;
    if (typeof value === 'number' && ctx.styles.isDate[style]) format = ctx.styles.formats[style] ?? null;
    if (value === null && formula === null) return;
    if (++ctx.cells.count > ctx.cells.limit) throw new XlsxError('TooLarge', { what: 'cells', limit: ctx.cells.limit });
    if (row !== currentRow) {
      flushRow();
      currentRow = row;
    }
    rowCols.push(col);
    rowValues.push(value);
    rowFormulas.push(formula);
    rowFormats.push(format);
    if (formula !== null) rowHasFormula = true;
    if (format !== null) rowHasFormat = true;
  };

  /** Reads a cell reference ("AB12") into row and col; false when it is not one. */
  const readRef = (ref: string, from = 0, to = ref.length): boolean => {
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
    col = c - 1;
    row = r - 1;
    return true;
  };

  const tokenizer = new XmlTokenizer({
    open(tag, attrs, selfClosing) {
      this.openAt!(tag, attrs, 0, attrs.length, selfClosing);
    },
    openAt(tag, text, from, to, selfClosing) {
      if (tag === 'c') {
        if (!inSheetData) return;
        // The hot path: a cell's attributes read where they stand, no string made of them.
        const a = cellAttrs(text, from, to);
        if (a.r !== null ? !readRef(a.r) : a.rFrom < 0 || !readRef(text, a.rFrom, a.rTo)) col++;
        type = a.t ?? 'n';
        style = a.s;
        if (ctx.styles.unlocked[style]) unlockedCells.push(toA1(row, col));
        valueText = '';
        formulaText = '';
        formulaAttrs = '';
        inlineText = '';
        hasFormula = false;
        if (selfClosing) store();
        return;
      }
      const attrs = from < to ? text.slice(from, to) : '';
      switch (tag) {
        case 'sheetData':
          inSheetData = !selfClosing;
          break;
        case 'row': {
          const r = attr(attrs, 'r');
          row = r === null ? row + 1 : Number(r) - 1;
          col = -1;
          break;
        }
        case 'v':
          inValue = !selfClosing;
          break;
        case 'f':
          hasFormula = true;
          formulaAttrs = attrs;
          inFormula = !selfClosing;
          break;
        case 'is':
          inInline++;
          break;
        case 't':
          if (inInline > 0 && phonetic === 0) inT = !selfClosing;
          break;
        case 'rPh':
          phonetic++;
          break;
        case 'sheetProtection': {
          const v = attr(attrs, 'sheet');
          isProtected = v === '1' || v === 'true';
          break;
        }
      }
    },
    close(tag) {
      switch (tag) {
        case 'c':
          if (inSheetData) store();
          break;
        case 'v':
          inValue = false;
          break;
        case 'f':
          inFormula = false;
          break;
        case 'is':
          inInline--;
          break;
        case 't':
          inT = false;
          break;
        case 'rPh':
          phonetic--;
          break;
        case 'sheetData':
          inSheetData = false;
          break;
      }
    },
    text(text) {
      if (inValue) valueText += text;
      else if (inFormula) formulaText += text;
      else if (inT) inlineText += text;
      else return;
      // No cell holds more than Excel allows: a longer one is a damaged part, not kept in memory.
      if (valueText.length + formulaText.length + inlineText.length > MAX_RAW_CELL_CHARS) throw cellTooLong();
    },
  });
  await pkg.streamText(part, (t) => tokenizer.write(t));
  tokenizer.end();
  flushRow();
  const snapshot = toSnapshot(name, { rows, formulaRows, formatRows, top, bottom, left, right }, isProtected);
  if (isProtected && unlockedCells.length) snapshot.unlockedCells = unlockedCells;
  return snapshot;
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

/** A sheet's rows as read, and where its values lie. */
interface ReadRows {
  rows: (CellValue[] | undefined)[];
  formulaRows: ((string | null)[] | undefined)[];
  formatRows: ((string | null)[] | undefined)[];
  top: number;
  bottom: number;
  left: number;
  right: number;
}

function toSnapshot(name: string, read: ReadRows, isProtected: boolean): SheetSnapshot {
  const { rows, formulaRows, formatRows, top, bottom, left, right } = read;
  if (bottom < 0)
    return {
      name,
      origin: { row: 0, col: 0 },
      values: [],
      formulas: [],
      numberFormats: [],
      usedRange: null,
      protected: isProtected,
    };
  // Rows keep absolute column positions (origin column 0); the used range says where cells are.
  const height = bottom - top + 1;
  const values: CellValue[][] = new Array(height);
  const formulas: (string | null)[][] = new Array(height);
  const numberFormats: (string | null)[][] = new Array(height);
  for (let i = 0; i < height; i++) {
    values[i] = rows[top + i] ?? [];
    const f = formulaRows[top + i];
    if (f) formulas[i] = f;
    const n = formatRows[top + i];
    if (n) numberFormats[i] = n;
  }
  return {
    name,
    origin: { row: top, col: 0 },
    values,
    formulas,
    numberFormats,
    usedRange: rangeA1(top, left, bottom, right),
    protected: isProtected,
  };
}

/**
 * Whether a worksheet holds a label that can anchor a table: a cheap pass over the text, no
 * cell kept. Shared strings are judged once; inline strings as they come.
 */
export async function sheetHasSignal(pkg: Package, part: string, signalIndexes: Set<number>): Promise<boolean> {
  let found = false;
  let tail = '';
  const value = /<(?:\w+:)?v>(\d+)<\/(?:\w+:)?v>|<(?:\w+:)?t(?:\s[^>]*)?>([^<]*)<\/(?:\w+:)?t>/g;
  try {
    await pkg.streamText(part, (text) => {
      if (found) throw FOUND;
      const s = tail + text;
      value.lastIndex = 0;
      let m: RegExpExecArray | null;
      let end = 0;
      while ((m = value.exec(s))) {
        end = value.lastIndex;
        if (m[1] !== undefined ? signalIndexes.has(Number(m[1])) : isTableSignal(decodeOoxmlText(m[2]))) {
          found = true;
          throw FOUND;
        }
      }
      // Keep what could be the start of a match cut by the chunk's end.
      const cut = s.lastIndexOf('<', s.length - 1);
      tail = s.slice(Math.max(end, cut >= 0 && s.length - cut < 4096 ? cut : s.length));
      if (tail.length > 4096) tail = tail.slice(-4096);
    });
  } catch (e) {
    if (e !== FOUND) throw e;
  }
  return found;
}

const FOUND = Symbol('found');

export interface ReadOptions {
  /** Only this sheet (by name, without regard to case) is parsed; others are listed unread. */
  sheet?: string;
  /** Every worksheet is parsed (browser mode shows them); otherwise only those with a signal. */
  all?: boolean;
  limits?: Limits;
}

/** Sheets that carry the add-in's mark: defined names HANDLEPLAN_ADDIN_* that point at them. */
export function ownedSheets(info: WorkbookInfo): Set<string> {
  const owned = new Set<string>();
  for (const n of info.definedNames) {
    if (!n.name.toUpperCase().startsWith(OWNER_MARK_PREFIX)) continue;
    const sheet = markedSheet(n.value);
    if (sheet !== null) owned.add(sheet);
  }
  return owned;
}

/** The package as the core's workbook snapshot. */
export async function readWorkbook(pkg: Package, options: ReadOptions = {}): Promise<WorkbookSnapshot> {
  const limits = options.limits ?? pkg.budget.limits;
  const info = await pkg.workbook();
  const strings = await readSharedStrings(pkg, info.sharedStringsPart, limits);
  const styles = await readStyles(pkg, info.stylesPart);
  const ctx: SheetContext = { strings, styles, date1904: info.date1904, cells: { count: 0, limit: limits.cells } };
  const owned = ownedSheets(info);
  const wanted = options.sheet?.toLowerCase();
  const worksheets = info.sheets.filter((s) => s.kind === 'worksheet');
  const signals = new Set<number>();
  strings.forEach((s, i) => {
    if (isTableSignal(s)) signals.add(i);
  });
  // With one worksheet, or little to read, the scan would cost more than it saves.
  const small = worksheets.reduce((n, s) => n + (pkg.entry(s.part!)?.size ?? 0), 0) < limits.scanAboveBytes;
  const sheets: SheetSnapshot[] = [];
  for (const s of info.sheets) {
    const base = {
      name: s.name,
      hidden: s.state !== 'visible',
      veryHidden: s.state === 'veryHidden',
      ownedByAddin: owned.has(s.name),
      date1904: info.date1904,
    };
    let parse = false;
    if (s.part) {
      if (wanted !== undefined) parse = s.name.toLowerCase() === wanted;
      else parse = options.all || worksheets.length === 1 || small || (await sheetHasSignal(pkg, s.part, signals));
    }
    if (!parse || !s.part) {
      sheets.push({ ...base, origin: { row: 0, col: 0 }, values: [], unread: true });
      continue;
    }
    sheets.push({ ...(await readSheet(pkg, s.part, s.name, ctx)), ...base });
  }
  const active = info.sheets[info.activeTab]?.name;
  return {
    sheets,
    activeSheet: active,
    calculation: info.calcMode === 'manual' ? 'manual' : 'automatic',
    ownerMarks: info.definedNames.map((n) => n.name).filter((n) => n.toUpperCase().startsWith(OWNER_MARK_PREFIX)),
  };
}

/** Opens and reads a package in one step. */
export async function readXlsx(data: Uint8Array, inflater: Inflater, options: ReadOptions = {}) {
  const pkg = new Package(data, inflater, options.limits);
  return { pkg, snapshot: await readWorkbook(pkg, options) };
}

export { rangeA1 };

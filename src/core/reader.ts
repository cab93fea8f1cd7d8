import Decimal from 'decimal.js';
import { parseRange, rangeA1, toA1 } from './a1';
import { parseDanishDate, serialToIso } from './dates';
import { Grid, isCellError, type SheetSnapshot, type WorkbookSnapshot } from './grid';
import { parseDanishAmount } from './money';
import type {
  ActionPlan,
  AmountCell,
  BlockLine,
  DateCell,
  EffectRow,
  Initiative,
  MonthTable,
  OverrunBlock,
  TextCell,
  TriggerRule,
  YearLabel,
} from './plan';
import { firstYear, labelEquals, labelIncludes, labelStartsWith, monthIndex, normaliseLabel } from './text';

const TOTAL_LABELS = ['i alt', 'i alt kr.', 'total', 'sum', 'i alt (kr.)'];
/** How far right of a label we look for its value. */
const VALUE_REACH = 8;

export function readAmount(g: Grid, row: number, col: number, depth = 0): AmountCell {
  const raw = g.value(row, col);
  const formula = g.formula(row, col) ?? undefined;
  const cell = { row, col, address: toA1(row, col), raw, formula };
  if (isCellError(raw) || typeof raw === 'boolean') return { ...cell, value: null, source: 'invalid' };
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return { ...cell, value: null, source: 'invalid' };
    return { ...cell, value: new Decimal(raw), source: formula ? 'formula' : 'number' };
  }
  if (raw === null && formula) {
    // A formula saved without its result (some generators do that): sum it ourselves.
    const v = depth < 3 ? evaluateSum(g, formula, depth) : null;
    return { ...cell, value: v, source: v ? 'formula' : 'empty' };
  }
  if (raw === null) return { ...cell, value: null, source: 'empty' };
  const parsed = parseDanishAmount(raw);
  if (parsed.kind === 'empty') return { ...cell, value: null, source: 'empty' };
  if (parsed.kind === 'invalid') return { ...cell, value: null, source: 'invalid' };
  return { ...cell, value: parsed.value, source: 'text' };
}

/** Evaluates =SUM(range, …) and =a+b-… of plain references; anything else is unknown. */
function evaluateSum(g: Grid, formula: string, depth: number): Decimal | null {
  const f = formula.replace(/^=/, '').replace(/\$/g, '').trim();
  const sumMatch = /^SUM\(([^()]*)\)$/i.exec(f);
  const parts = sumMatch ? sumMatch[1].split(/[,;]/) : f.split(/(?=[+-])/);
  let total = new Decimal(0);
  for (const partRaw of parts) {
    let part = partRaw.trim();
    let sign = 1;
    if (!sumMatch && /^[+-]/.test(part)) {
      sign = part[0] === '-' ? -1 : 1;
      part = part.slice(1).trim();
    }
    if (!/^[A-Z]{1,3}\d+(:[A-Z]{1,3}\d+)?$/i.test(part)) return null;
    const r = parseRange(part);
    for (let row = r.top; row <= r.bottom; row++) {
      for (let col = r.left; col <= r.right; col++) {
        const a = readAmount(g, row, col, depth + 1);
        if (a.value) total = total.plus(a.value.times(sign));
      }
    }
  }
  return total;
}

function readDate(g: Grid, row: number, col: number): DateCell {
  const raw = g.value(row, col);
  let date: string | null = null;
  if (typeof raw === 'number') date = serialToIso(raw);
  else if (typeof raw === 'string') date = parseDanishDate(raw);
  return { row, col, address: toA1(row, col), date, raw };
}

function textCell(g: Grid, row: number, col: number): TextCell {
  return { row, col, address: toA1(row, col), text: g.text(row, col) };
}

function yearLabel(g: Grid, row: number, col: number): YearLabel {
  const t = textCell(g, row, col);
  return { ...t, year: firstYear(t.text) };
}

/** The first non-empty cell right of a label, or null. */
function valueRightOf(g: Grid, row: number, col: number, stopAt?: (text: string) => boolean): number | null {
  for (let c = col + 1; c <= Math.min(g.right, col + VALUE_REACH); c++) {
    if (g.isEmpty(row, c)) continue;
    if (stopAt?.(g.text(row, c))) return null;
    return c;
  }
  return null;
}

interface MonthHeader {
  row: number;
  firstMonthCol: number;
}

function findMonthHeader(g: Grid): MonthHeader | null {
  for (let r = g.top; r <= g.bottom; r++) {
    for (let c = g.left; c <= g.right - 11; c++) {
      const v = g.value(r, c);
      if (typeof v !== 'string' || v.length > 12 || monthIndex(v) !== 0) continue;
      let ok = true;
      for (let k = 1; k < 12 && ok; k++) ok = monthIndex(g.text(r, c + k)) === k;
      if (ok) return { row: r, firstMonthCol: c };
    }
  }
  return null;
}

const isTotalLabel = (text: string) => text !== '' && TOTAL_LABELS.some((l) => labelEquals(text, l));

/** An initiative number from a label cell: 1, "1", "1.", "Indsats 1", "1 5.20 opholdssteder". */
function labelNumber(g: Grid, row: number, col: number): number | null {
  const v = g.value(row, col);
  if (typeof v === 'number') return Number.isInteger(v) && v >= 1 && v <= 99 ? v : null;
  if (typeof v !== 'string') return null;
  const m = /^(?:indsats\s*(?:nr\.?)?\s*)?(\d{1,2})(?:[.)]?$|[.)]?\s+\S)/i.exec(v.trim());
  return m ? Number(m[1]) : null;
}

function readMonthTable(g: Grid, header: MonthHeader): MonthTable {
  const { row: headerRow, firstMonthCol } = header;
  const labelCol = Math.max(g.left, firstMonthCol - 1);
  let totalCol: number | null = null;
  for (let c = firstMonthCol + 12; c <= Math.min(g.right, firstMonthCol + 14); c++) {
    if (isTotalLabel(g.text(headerRow, c))) {
      totalCol = c;
      break;
    }
  }

  const readRowCells = (r: number) => {
    const months = Array.from({ length: 12 }, (_, k) => readAmount(g, r, firstMonthCol + k));
    const total = totalCol === null ? null : readAmount(g, r, totalCol);
    return { months, total };
  };

  let title: YearLabel | null = null;
  for (let r = headerRow - 1; r >= Math.max(g.top, headerRow - 4) && !title; r--) {
    for (let c = g.left; c <= Math.min(g.right, firstMonthCol + 13); c++) {
      const t = g.text(r, c);
      if (t && (labelIncludes(t, 'effekt') || labelIncludes(t, 'måned')) && firstYear(t)) {
        title = yearLabel(g, r, c);
        break;
      }
    }
  }

  const rows: EffectRow[] = [];
  let totalRow: MonthTable['totalRow'] = null;
  let emptyRun = 0;
  for (let r = headerRow + 1; r <= g.bottom; r++) {
    const label = g.text(r, labelCol);
    if (isTotalLabel(label)) {
      totalRow = { row: r, labelAddress: toA1(r, labelCol), ...readRowCells(r) };
      break;
    }
    const number = firstMonthCol > labelCol ? labelNumber(g, r, labelCol) : rows.length + 1;
    const cells = readRowCells(r);
    const hasContent = [...cells.months, ...(cells.total ? [cells.total] : [])].some((a) => a.source !== 'empty');
    if (number === null && label !== '') break; // the next part of the sheet
    if (number === null && !hasContent) {
      if (++emptyRun >= 2) break;
      continue;
    }
    emptyRun = 0;
    rows.push({ number, row: r, labelAddress: toA1(r, labelCol), ...cells });
  }
  return { title, headerRow, labelCol, firstMonthCol, totalCol, rows, totalRow };
}

function readInitiatives(g: Grid, monthTable: MonthTable): { headerRow: number | null; initiatives: Initiative[] } {
  const limit = (monthTable.title?.row ?? monthTable.headerRow) - 1;
  for (let r = g.top; r <= limit; r++) {
    for (let c = g.left; c <= g.right; c++) {
      const t = g.text(r, c);
      if (!t || t.length > 40 || !labelEquals(t, 'indsatsområde')) continue;
      const colOf = (label: string) => {
        for (let k = c + 1; k <= Math.min(g.right, c + 8); k++) if (labelStartsWith(g.text(r, k), label)) return k;
        return null;
      };
      const goalCol = colOf('konkrete mål') ?? colOf('mål');
      const actionCol = colOf('handling');
      const consequenceCol = colOf('konsekvens');
      const numberCol = c > g.left ? c - 1 : null;
      const initiatives: Initiative[] = [];
      for (let row = r + 1; row <= limit; row++) {
        let number = numberCol === null ? null : labelNumber(g, row, numberCol);
        let area = g.text(row, c);
        let address = toA1(row, numberCol ?? c);
        const split = /^(\d{1,2})[.)]?\s+(.*)$/s.exec(area);
        if (split) {
          if (number === null) {
            number = Number(split[1]);
            address = toA1(row, c);
          }
          if (number === Number(split[1])) area = split[2].trim();
        } else if (number === null && /^\d{1,2}$/.test(area)) {
          number = Number(area);
          area = '';
          address = toA1(row, c);
        }
        if (number === null) continue;
        if (initiatives.some((i) => i.number === number)) continue;
        const text = (col: number | null) => (col === null ? '' : g.text(row, col));
        initiatives.push({
          number,
          row,
          address,
          area,
          goal: text(goalCol),
          action: text(actionCol),
          consequences: text(consequenceCol),
        });
      }
      return { headerRow: r, initiatives };
    }
  }
  return { headerRow: null, initiatives: [] };
}

function parseTrigger(cell: TextCell): TriggerRule | null {
  const t = normaliseLabel(cell.text);
  const pct = /(\d+(?:,\d+)?)\s*%/.exec(t);
  const mio = /(\d+(?:,\d+)?)\s*mio/.exec(t);
  if (!pct && !mio) return null;
  const num = (m: RegExpExecArray | null, fallback: number) =>
    m ? new Decimal(m[1].replace(',', '.')) : new Decimal(fallback);
  return { address: cell.address, percent: num(pct, 5), amount: num(mio, 1).times(1_000_000) };
}

function readBlock(g: Grid, fromRow: number): OverrunBlock {
  const block: OverrunBlock = { heading: null, asOf: null, atStart: null, atLastUpdate: null, afterThisUpdate: null };
  const labels: { key: 'atStart' | 'atLastUpdate' | 'afterThisUpdate'; row: number; col: number }[] = [];
  for (let r = fromRow; r <= g.bottom; r++) {
    for (let c = g.left; c <= g.right; c++) {
      const t = g.text(r, c);
      if (!t || t.length > 120) continue;
      const n = normaliseLabel(t);
      if (!block.heading && labelEquals(t, 'forventet merforbrug')) block.heading = textCell(g, r, c);
      else if (!block.asOf && /^pr\.?\s*31[./-]\s*12[./-]\s*\d{4}/.test(n)) block.asOf = yearLabel(g, r, c);
      else if (n.includes('ved opstart')) labels.push({ key: 'atStart', row: r, col: c });
      else if (n.includes('sidste opdatering')) labels.push({ key: 'atLastUpdate', row: r, col: c });
      else if (n.includes('efter denne opdatering')) labels.push({ key: 'afterThisUpdate', row: r, col: c });
    }
  }
  const found = labels.map((l) => ({ ...l, valueCol: valueRightOf(g, l.row, l.col) }));
  const knownCol = found.find((l) => l.valueCol !== null)?.valueCol ?? null;
  for (const l of found) {
    if (block[l.key]) continue;
    const col = l.valueCol ?? knownCol ?? l.col + 5;
    const line: BlockLine = { labelAddress: toA1(l.row, l.col), row: l.row, amount: readAmount(g, l.row, col) };
    block[l.key] = line;
  }
  return block;
}

/** Reads the HANDLEPLAN on one sheet, or null when the sheet has no month table. */
export function readActionPlan(sheet: SheetSnapshot): ActionPlan | null {
  const g = new Grid(sheet);
  const header = findMonthHeader(g);
  if (!header) return null;
  const monthTable = readMonthTable(g, header);
  const { headerRow: initiativeHeaderRow, initiatives } = readInitiatives(g, monthTable);

  let title: YearLabel | null = null;
  let trigger: TriggerRule | null = null;
  let center: TextCell | null = null;
  let unit: TextCell | null = null;
  let startDate: DateCell | null = null;
  let updatedDate: DateCell | null = null;
  let correctedBudget: AmountCell | null = null;
  let reason: TextCell | null = null;
  const isLabel = (t: string) => /:\s*$/.test(t) || labelStartsWith(t, 'ansvarlig');
  const headerEnd = initiativeHeaderRow ?? monthTable.title?.row ?? monthTable.headerRow;
  for (let r = g.top; r < headerEnd; r++) {
    for (let c = g.left; c <= g.right; c++) {
      const t = g.text(r, c);
      if (!t || t.length > 200) continue;
      const valueCol = () => valueRightOf(g, r, c, isLabel);
      if (!title && /^handleplan\b/.test(normaliseLabel(t)) && firstYear(t)) title = yearLabel(g, r, c);
      else if (!trigger && labelIncludes(t, 'udarbejdes ved')) trigger = parseTrigger(textCell(g, r, c));
      else if (!startDate && labelStartsWith(t, 'opstart af handleplan')) {
        const vc = valueCol();
        startDate = readDate(g, r, vc ?? c + 1);
      } else if (!updatedDate && labelStartsWith(t, 'opdateret')) {
        const vc = valueCol();
        updatedDate = readDate(g, r, vc ?? c + 1);
      } else if (!correctedBudget && labelStartsWith(t, 'korrigeret budget')) {
        const vc = valueCol();
        if (vc !== null) correctedBudget = readAmount(g, r, vc);
      } else if (!center && labelEquals(t.replace(/:.*$/, ''), 'center')) {
        const vc = valueCol();
        if (vc !== null) center = textCell(g, r, vc);
      } else if (!unit && labelStartsWith(t, 'virksomhed')) {
        const vc = valueCol();
        if (vc !== null) unit = textCell(g, r, vc);
      } else if (!reason && labelStartsWith(t, 'årsag til merforbrug')) {
        const vc = valueCol();
        if (vc !== null) reason = textCell(g, r, vc);
        else if (!g.isEmpty(r + 1, c)) reason = textCell(g, r + 1, c);
      }
    }
  }

  const lastTableRow = monthTable.totalRow?.row ?? monthTable.rows.at(-1)?.row ?? monthTable.headerRow;
  const block = readBlock(g, lastTableRow + 1);

  const amountCells: AmountCell[] = [];
  for (const r of monthTable.rows) amountCells.push(...r.months, ...(r.total ? [r.total] : []));
  if (monthTable.totalRow) {
    amountCells.push(...monthTable.totalRow.months, ...(monthTable.totalRow.total ? [monthTable.totalRow.total] : []));
  }
  for (const line of [block.atStart, block.atLastUpdate, block.afterThisUpdate])
    if (line) amountCells.push(line.amount);
  if (correctedBudget) amountCells.push(correctedBudget);

  const rows: number[] = [];
  const cols: number[] = [];
  const note = (row: number, col: number) => {
    rows.push(row);
    cols.push(col);
  };
  for (const a of amountCells) note(a.row, a.col);
  for (const t of [title, startDate, updatedDate, block.heading, block.asOf, monthTable.title])
    if (t) note(t.row, t.col);
  note(monthTable.headerRow, monthTable.labelCol);
  note(monthTable.headerRow, monthTable.totalCol ?? monthTable.firstMonthCol + 11);
  for (const i of initiatives) note(i.row, monthTable.labelCol);
  const range = rangeA1(Math.min(...rows), Math.min(...cols), Math.max(...rows), Math.max(...cols));

  return {
    sheet: sheet.name,
    range,
    title,
    trigger,
    center,
    unit,
    startDate,
    updatedDate,
    correctedBudget,
    reason,
    initiativeHeaderRow,
    initiatives,
    monthTable,
    block,
    amountCells,
  };
}

/** Sheets in reading order: the active one first, then the rest as they stand. */
export function sheetsInReadingOrder(workbook: WorkbookSnapshot, only?: string): SheetSnapshot[] {
  if (only !== undefined) {
    const wanted = normaliseLabel(only);
    return workbook.sheets.filter((s) => normaliseLabel(s.name) === wanted);
  }
  const active = workbook.sheets.find((s) => s.name === workbook.activeSheet);
  return active ? [active, ...workbook.sheets.filter((s) => s !== active)] : workbook.sheets;
}

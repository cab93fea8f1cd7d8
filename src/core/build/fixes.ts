/**
 * One fix for a group of findings of one kind: amounts stored as text written as numbers, a
 * total that does not match its cells written as the right sum or as =SUM(…). A builder: it
 * returns a write plan and what changes, and writes nothing.
 */
import type Decimal from 'decimal.js';
import { parseA1, toA1 } from '../model/a1';
import { fixText, sheetText } from '../text/da';
import type { Finding, FindingCode } from '../model/findings';
import { Grid, isCellError, type WorkbookSnapshot } from '../model/grid';
import { formatDanishAmount } from '../amounts/money';
import type { CellChange } from './overrun';
import { NUMBER_FORMAT, type CellWrite, type WritePlan } from './writePlan';

/** number: the amount a text holds, as a number; value: the right sum; sum: =SUM over the cells. */
export type FixKind = 'number' | 'value' | 'sum';

const TOTALS: ReadonlySet<FindingCode> = new Set([
  'ROW_TOTAL_MISMATCH',
  'COLUMN_TOTAL_MISMATCH',
  'GRAND_TOTAL_MISMATCH',
]);

/** The fixes a group of findings (one code) can have; none when a finding lacks what its fix needs. */
export function fixesFor(findings: readonly Finding[]): FixKind[] {
  if (findings.length === 0) return [];
  const code = findings[0].code;
  if (findings.some((f) => f.code !== code || !f.expected)) return [];
  if (code === 'TEXT_NUMBER') return ['number'];
  if (TOTALS.has(code)) return findings.every((f) => f.sums) ? ['value', 'sum'] : ['value'];
  return [];
}

export interface FixPlan {
  plan: WritePlan;
  changes: CellChange[];
}

const shown = (g: Grid, address: string) => {
  const { row, col } = parseA1(address);
  const f = g.formula(row, col);
  if (f) return f;
  const v = g.value(row, col);
  if (v === null) return sheetText.empty;
  if (isCellError(v)) return v.error;
  return typeof v === 'number' ? formatDanishAmount(v) : `"${v}"`;
};

const kroner = (d: Decimal) => `${formatDanishAmount(d)} kr.`;

/** The write that fixes these findings (all of one code, from fixesFor) in the workbook read. */
export function buildFix(findings: readonly Finding[], kind: FixKind, workbook: WorkbookSnapshot): FixPlan {
  if (!fixesFor(findings).includes(kind)) throw new Error(`No ${kind} fix for ${findings[0]?.code}`);
  const cells: CellWrite[] = [];
  const changes: CellChange[] = [];
  const grids = new Map<string, Grid>();
  const gridOf = (sheet: string) => {
    let g = grids.get(sheet);
    if (!g) {
      const s = workbook.sheets.find((x) => x.name === sheet);
      if (!s || s.unread) throw new Error(`Sheet ${sheet} not read`);
      g = new Grid(s);
      grids.set(sheet, g);
    }
    return g;
  };
  for (const f of findings) {
    const g = gridOf(f.sheet);
    const { row, col } = parseA1(f.cell);
    const value = f.expected!.toNumber();
    const before = shown(g, f.cell);
    if (kind === 'sum') {
      const formula = `=SUM(${f.sums})`;
      cells.push({ sheet: f.sheet, address: f.cell, formula, value });
      changes.push({ sheet: f.sheet, address: f.cell, label: fixText.label[f.code] ?? '', before, after: formula });
      continue;
    }
    // A cell formatted as Text would keep a number written into it as text (Excel's Text format
    // takes what it is given as text): it gets the plan's number format.
    const text = g.numberFormat(row, col) === '@';
    cells.push({ sheet: f.sheet, address: f.cell, value, ...(text ? { numberFormat: NUMBER_FORMAT } : {}) });
    changes.push({
      sheet: f.sheet,
      address: f.cell,
      label: fixText.label[f.code] ?? '',
      before,
      after: kroner(f.expected!),
    });
  }
  return { plan: { sheets: [], cells, charts: [] }, changes };
}

/** The smallest range that holds every finding's cell (on one sheet): "F22:N28". */
export function spanOf(findings: readonly Finding[]): string {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  for (const f of findings) {
    const { row, col } = parseA1(f.cell.split(':')[0]);
    top = Math.min(top, row);
    bottom = Math.max(bottom, row);
    left = Math.min(left, col);
    right = Math.max(right, col);
  }
  if (bottom < 0) return '';
  return top === bottom && left === right ? toA1(top, left) : `${toA1(top, left)}:${toA1(bottom, right)}`;
}

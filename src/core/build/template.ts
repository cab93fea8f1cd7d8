import { HEADER_FILL } from './palette';
import Decimal from 'decimal.js';
import { toA1 } from '../model/a1';
import { sheetText } from '../text/da';
import { isoToSerial } from '../text/dates';
import { MONTH_LABELS } from '../text/labels';
import { DATE_FORMAT, NUMBER_FORMAT, type CellStyle, type CellWrite, type WritePlan } from './writePlan';

export interface PlanInitiative {
  number: number;
  area: string;
  goal: string;
  action: string;
  consequences: string;
  /** 12 monthly effects; null leaves the month empty. */
  effects: (number | null)[];
}

export interface PlanContent {
  year: number;
  center?: string;
  centerResponsible?: string;
  unit?: string;
  unitResponsible?: string;
  startDate?: string | null;
  updatedDate?: string | null;
  reason?: string;
  trigger?: string;
  initiatives: PlanInitiative[];
  /** Numbered rows in both tables; at least the initiatives' count. */
  rowCount?: number;
  block: { atStart: number | null; atLastUpdate: number | null; afterThisUpdate: number | null };
}

export const DEFAULT_TRIGGER = sheetText.template.trigger;

const HEADING: CellStyle = { bold: true };
const TITLE: CellStyle = { bold: true, fontSize: 16 };
const T = sheetText.template;
const TABLE_HEADER: CellStyle = { bold: true, fill: HEADER_FILL, horizontal: 'center', borderBottom: true };
const WRAP: CellStyle = { wrap: true, verticalTop: true };

/** Where each part of the canonical layout sits, relative to the plan's top-left cell. */
export function canonicalLayout(rowCount: number) {
  const initiativeHeader = 11;
  const firstInitiative = initiativeHeader + 1;
  const monthTitle = firstInitiative + rowCount + 1;
  const monthHeader = monthTitle + 1;
  const firstEffect = monthHeader + 1;
  const totalRow = firstEffect + rowCount;
  const blockHeading = totalRow + 2;
  return {
    title: 0,
    trigger: 1,
    center: 3,
    unit: 4,
    startDate: 5,
    updatedDate: 6,
    reason: 8,
    initiativeHeader,
    firstInitiative,
    monthTitle,
    monthHeader,
    firstEffect,
    totalRow,
    blockHeading,
    asOf: blockHeading + 1,
    atStart: blockHeading + 2,
    atLastUpdate: blockHeading + 3,
    afterThisUpdate: blockHeading + 4,
    blockValueCol: 5,
  };
}

/**
 * The HANDLEPLAN sheet in the canonical layout of spec §3, as a write plan, starting at
 * `origin` (0-based). Totals are =SUM formulas with their results, as Excel would save them.
 */
export function buildPlanSheet(sheet: string, content: PlanContent, origin = { row: 0, col: 0 }): WritePlan {
  const rowCount = Math.max(content.rowCount ?? 6, content.initiatives.length);
  const L = canonicalLayout(rowCount);
  const cells: CellWrite[] = [];
  const at = (r: number, c: number) => toA1(origin.row + r, origin.col + c);
  const put = (r: number, c: number, value: string | number | null, style?: CellStyle, numberFormat?: string) =>
    cells.push({
      sheet,
      address: at(r, c),
      value,
      ...(style ? { style } : {}),
      ...(numberFormat ? { numberFormat } : {}),
    });
  const sumFormula = (r: number, c: number, fromR: number, fromC: number, toR: number, toC: number, result: Decimal) =>
    cells.push({
      sheet,
      address: at(r, c),
      formula: `=SUM(${at(fromR, fromC)}:${at(toR, toC)})`,
      value: result.toNumber(),
      numberFormat: NUMBER_FORMAT,
      style: r === L.totalRow || c === 13 ? HEADING : undefined,
    });
  const date = (iso: string | null | undefined) => (iso ? isoToSerial(iso) : null);

  put(L.title, 0, T.title(content.year), TITLE);
  put(L.trigger, 0, content.trigger ?? DEFAULT_TRIGGER, { italic: true });
  put(L.center, 0, T.center, HEADING);
  put(L.center, 1, content.center ?? null);
  put(L.center, 4, T.responsible, HEADING);
  put(L.center, 5, content.centerResponsible ?? null);
  put(L.unit, 0, T.unit, HEADING);
  put(L.unit, 1, content.unit ?? null);
  put(L.unit, 4, T.responsible, HEADING);
  put(L.unit, 5, content.unitResponsible ?? null);
  put(L.startDate, 0, T.startDate, HEADING);
  put(L.startDate, 1, date(content.startDate), undefined, DATE_FORMAT);
  put(L.updatedDate, 0, T.updatedDate, HEADING);
  put(L.updatedDate, 1, date(content.updatedDate), undefined, DATE_FORMAT);
  put(L.reason, 0, T.reason, HEADING);
  put(L.reason + 1, 0, content.reason ?? null, WRAP);

  T.initiativeHeaders.forEach((h, k) => put(L.initiativeHeader, 1 + k, h, TABLE_HEADER));
  put(L.monthTitle, 0, T.monthTitle(content.year), HEADING);
  MONTH_LABELS.forEach((m, k) => put(L.monthHeader, 1 + k, m, TABLE_HEADER));
  put(L.monthHeader, 13, T.rowTotal, TABLE_HEADER);

  const columnSums = Array.from({ length: 12 }, () => new Decimal(0));
  const byNumber = new Map(content.initiatives.map((i) => [i.number, i]));
  for (let n = 1; n <= rowCount; n++) {
    const initiative = byNumber.get(n);
    const r = L.firstInitiative + n - 1;
    put(r, 0, n);
    put(r, 1, initiative?.area || null, WRAP);
    put(r, 2, initiative?.goal || null, WRAP);
    put(r, 3, initiative?.action || null, WRAP);
    put(r, 4, initiative?.consequences || null, WRAP);
    const e = L.firstEffect + n - 1;
    put(e, 0, n);
    let rowSum = new Decimal(0);
    for (let k = 0; k < 12; k++) {
      const v = initiative?.effects[k] ?? null;
      put(e, 1 + k, v, undefined, NUMBER_FORMAT);
      if (v !== null) {
        rowSum = rowSum.plus(v);
        columnSums[k] = columnSums[k].plus(v);
      }
    }
    sumFormula(e, 13, e, 1, e, 12, rowSum);
  }
  put(L.totalRow, 0, T.totalRow, HEADING);
  for (let k = 0; k <= 12; k++) {
    const result = k < 12 ? columnSums[k] : columnSums.reduce((a, b) => a.plus(b), new Decimal(0));
    sumFormula(L.totalRow, 1 + k, L.firstEffect, 1 + k, L.totalRow - 1, 1 + k, result);
  }

  put(L.blockHeading, 0, sheetText.blockHeading, HEADING);
  put(L.asOf, 0, sheetText.asOf(content.year), HEADING);
  put(L.atStart, 0, sheetText.atStart);
  put(L.atLastUpdate, 0, sheetText.atLastUpdate);
  put(L.afterThisUpdate, 0, sheetText.afterThisUpdate);
  put(L.atStart, L.blockValueCol, content.block.atStart, undefined, NUMBER_FORMAT);
  put(L.atLastUpdate, L.blockValueCol, content.block.atLastUpdate, undefined, NUMBER_FORMAT);
  put(L.afterThisUpdate, L.blockValueCol, content.block.afterThisUpdate, { bold: true }, NUMBER_FORMAT);

  const widths = [12, 28, 30, 40, 30, ...Array(8).fill(12), 14];
  return {
    sheets: [
      {
        action: 'create',
        name: sheet,
        owned: false,
        activate: true,
        columnWidths: widths.map((width, k) => ({ col: origin.col + k, width })),
      },
    ],
    cells,
    charts: [],
  };
}

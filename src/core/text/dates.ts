import type { CellValue } from '../model/grid';
import { danishMonthNumber } from './labels';

/** Dates as Excel serial numbers (1900 system) and ISO strings "YYYY-MM-DD". */

const MS_PER_DAY = 86_400_000;
const EPOCH_OFFSET = 25_569; // serial of 1970-01-01

export function serialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  const d = new Date(Math.round((Math.floor(serial) - EPOCH_OFFSET) * MS_PER_DAY));
  return d.toISOString().slice(0, 10);
}

/**
 * Days between the two date systems: serial 0 of the 1904 system (1 January 1904) is serial 1462
 * of the 1900 system (Microsoft: "Date systems in Excel").
 */
export const DATE1904_OFFSET = 1462;

/** The serial number of an ISO date, in the 1900 system or (date1904) the 1904 system. */
export function isoToSerial(iso: string, date1904 = false): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / MS_PER_DAY + EPOCH_OFFSET - (date1904 ? DATE1904_OFFSET : 0);
}

/** True for a number format that shows a date or a time ("dd-mm-yyyy", "d. mmm", "h:mm"). */
export function isDateFormat(code: string | null | undefined): boolean {
  if (!code || code === 'General') return false;
  const plain = code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
  return /[dmyhs]/i.test(plain) && !/[#0?]/.test(plain.replace(/\.0+/, ''));
}

/** Years a plan, a table's header or a date can have; anything else is a typing error. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2200;

/** A whole year from FIRST_YEAR to LAST_YEAR. */
export const isYear = (n: number): boolean => Number.isInteger(n) && n >= FIRST_YEAR && n <= LAST_YEAR;

/** A cell that holds a year: the number 2024 or the text "2024" (a table's column header). */
export function yearInCell(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d{4}\s*$/.test(v) ? Number(v) : NaN;
  return isYear(n) ? n : null;
}

function iso(yearText: string, m: number, d: number): string | null {
  let y = Number(yearText);
  if (yearText.length === 2) y += 2000;
  if (y < FIRST_YEAR || y > LAST_YEAR) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return t.toISOString().slice(0, 10);
}

/** Reads "22. april 2021", "22-04-2021", "22.04.2021", "22/4/21" or "2021-04-22"; null when it is none. */
export function parseDanishDate(text: string): string | null {
  const s = text.trim().toLowerCase();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return iso(m[1], +m[2], +m[3]);
  m = /^(\d{1,2})[.\-/ ](\d{1,2})[.\-/ ](\d{2}|\d{4})$/.exec(s);
  if (m) return iso(m[3], +m[2], +m[1]);
  m = /^(\d{1,2})\.?\s*([a-zæøå]+)\.?\s*(\d{4})$/.exec(s);
  if (m && danishMonthNumber(m[2])) return iso(m[3], danishMonthNumber(m[2]), +m[1]);
  return null;
}

/** "april 2021", "apr. 2021", "04-2021", "2021-04": a month without a day; its first day. */
export function parseMonthYear(text: string): string | null {
  const s = text.trim().toLowerCase();
  let m = /^([a-zæøå]+)\.?\s*(\d{4})$/.exec(s);
  if (m && danishMonthNumber(m[1])) return iso(m[2], danishMonthNumber(m[1]), 1);
  m = /^(\d{1,2})[.\-/](\d{4})$/.exec(s);
  if (m) return iso(m[2], +m[1], 1);
  m = /^(\d{4})-(\d{1,2})$/.exec(s);
  if (m) return iso(m[1], +m[2], 1);
  return null;
}

/**
 * A date cell as read: the ISO date, or why there is none. A number is an Excel serial date; a
 * text is read the Danish way. A month without a day is read as its first day, and said so.
 */
export function readDateCell(
  raw: unknown,
  date1904 = false,
): { date: string | null; raw: CellValue; problem?: 'invalid' | 'noDay' } {
  const value = raw as CellValue;
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === ''))
    return { date: null, raw: value };
  if (typeof raw === 'number') {
    const date = serialToIso(date1904 ? raw + DATE1904_OFFSET : raw);
    const year = date ? Number(date.slice(0, 4)) : 0;
    return date && year >= FIRST_YEAR && year <= LAST_YEAR
      ? { date, raw: value }
      : { date: null, raw: value, problem: 'invalid' };
  }
  if (typeof raw === 'string') {
    const date = parseDanishDate(raw);
    if (date) return { date, raw: value };
    const month = parseMonthYear(raw);
    if (month) return { date: month, raw: value, problem: 'noDay' };
  }
  return { date: null, raw: value, problem: 'invalid' };
}

/** The ISO date of a moment the caller read from its clock (the core never reads one). */
export function todayIso(now: Date): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function formatDanishDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}-${m}-${y}`;
}

/** The year of an ISO date ("2026-12-03" → 2026). */
export const yearOfIso = (iso: string): number => Number(iso.slice(0, 4));

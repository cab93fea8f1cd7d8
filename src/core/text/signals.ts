/**
 * The labels that can anchor a table the core reads. A sheet without one of them holds no
 * table, so an adapter may skip reading its cells. Every reader's anchor belongs here: a reader
 * whose anchor is missing would never see its sheet in a large workbook.
 */
import { CASE_PRICE_ANCHORS } from './caseColumns';
import { monthIndex, normaliseLabel } from './labels';

const ANCHORS = [
  // the plan's month table has JAN (below); the multi-year table
  'overført fra tidligere',
  'overførsel til efterfølgende',
  // budget status
  'afvigelse',
  'mer-/mindreforbrug',
  'mer/mindreforbrug',
  'prognose',
  // activity forecast, prices and counts
  'helårsborgere',
  'gennemsnitspris',
  'gns. pris',
  'gns.pris',
  'prisudvikling',
  'i alt',
  'total',
  // status follow-up
  'realiseret',
  'planlagt effekt',
  // a case list: its price column
  ...CASE_PRICE_ANCHORS,
];

/** True for a cell text that can anchor a table: a January header, or a table's key label. */
export function isTableSignal(text: string): boolean {
  if (text.length > 80) return false;
  if (text.length <= 12 && monthIndex(text) === 0) return true;
  const t = normaliseLabel(text);
  return ANCHORS.some((a) => t.startsWith(a));
}

/**
 * The letters a signal can begin with (its first letter after normalisation: the anchors' and
 * January's). A scan that meets a text starting with another ASCII letter knows it is none
 * without decoding it; any other first character leaves the question to isTableSignal.
 */
const FIRST_LETTERS = new Set([...ANCHORS.map((a) => a[0]), 'j'].filter((c) => /[a-z]/.test(c)));

/** False when a text whose first non-space character is `code` (a UTF-16 unit or byte) cannot be a signal. */
export function mayStartSignal(code: number): boolean {
  const lower = code >= 65 && code <= 90 ? code + 32 : code;
  if (lower < 97 || lower > 122) return true;
  return FIRST_LETTERS.has(String.fromCharCode(lower));
}

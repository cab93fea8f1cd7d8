/**
 * The words a case list's header is written in: every column the prognosis reads, with the
 * names case systems and controllers give it (normalised as normaliseLabel makes them). One
 * place for the reader, the scan's anchors and the sheet the prognosis writes.
 */
import { normaliseLabel } from './labels';

export type CaseColumn = 'id' | 'measure' | 'start' | 'end' | 'monthPrice' | 'yearPrice' | 'dayPrice';

export const CASE_COLUMNS: Record<CaseColumn, readonly string[]> = {
  id: ['sags-id', 'sagsid', 'sags id', 'sagsnr.', 'sagsnr', 'sagsnummer', 'sag', 'id'],
  measure: ['indsats', 'foranstaltning', 'ydelse', 'indsatstype'],
  start: ['startdato', 'start', 'bevilget fra', 'fra', 'fra dato'],
  end: ['slutdato', 'forventet slutdato', 'slut', 'til', 'til dato', 'stopdato', 'forventet stopdato'],
  monthPrice: ['månedspris', 'pris pr. måned', 'pris pr måned', 'takst pr. måned', 'takst pr måned'],
  yearPrice: ['årspris', 'pris pr. år', 'pris pr år', 'årlig udgift'],
  dayPrice: ['døgnpris', 'døgntakst', 'pris pr. døgn', 'pris pr døgn'],
};

const BY_LABEL = new Map<string, CaseColumn>();
for (const [column, names] of Object.entries(CASE_COLUMNS) as [CaseColumn, readonly string[]][])
  for (const n of names) BY_LABEL.set(normaliseLabel(n), column);

/** The column a header cell names (its label normalised, a trailing colon or unit dropped), or null. */
export function caseColumnOf(label: string): CaseColumn | null {
  const t = label.replace(/\s*\((kr\.?|dkk)\)$|\s*:$/, '').trim();
  return BY_LABEL.get(t) ?? null;
}

export const PRICE_COLUMNS: readonly CaseColumn[] = ['monthPrice', 'yearPrice', 'dayPrice'];

/** The price headers: a case list always has one, so they anchor the scan (an id or a date alone does not). */
export const CASE_PRICE_ANCHORS: readonly string[] = PRICE_COLUMNS.flatMap((c) => CASE_COLUMNS[c]);

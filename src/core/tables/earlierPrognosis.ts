/**
 * An earlier "Prognose YYYY" sheet the add-in wrote: the cases of its Grundlag and their as-of
 * date (for the bridge), and the tilgang the controller typed into it (kept when it is written
 * again). Only the add-in's own sheet of that name is read.
 */
import Decimal from 'decimal.js';
import { sameSheetName } from '../model/a1';
import { Grid, type WorkbookSnapshot } from '../model/grid';
import { readAmount } from '../read/cells';
import { parseDanishDate } from '../text/dates';
import { sheetText } from '../text/da';
import { normaliseLabel } from '../text/labels';
import { readCaseLists, type Case } from './caseList';
import type { Tilgang } from './prognosis';

export interface EarlierPrognosis {
  sheet: string;
  asOf: string | null;
  cases: Case[];
  /** The tilgang inputs by measure, as typed. */
  tilgang: Map<string, Tilgang>;
}

const T = sheetText.prognosis;

export function readEarlierPrognosis(workbook: WorkbookSnapshot, year: number): EarlierPrognosis | null {
  const sheet = workbook.sheets.find((s) => s.ownedByAddin && !s.unread && sameSheetName(s.name, T.sheet(year)));
  if (!sheet) return null;
  const g = new Grid(sheet);
  const grundlag = g.labels().find((l) => l.startsWith(normaliseLabel(T.grundlagLabel)), 40)[0];
  const asOf = grundlag ? parseDanishDate(g.text(grundlag.row, grundlag.col).replace(/^.*pr\.\s*/, '')) : null;
  const lists = readCaseLists(g);
  const tilgang = new Map<string, Tilgang>();
  const head = g.labels().find((l) => l === normaliseLabel(T.headers[7]), 40)[0];
  if (head)
    for (let r = head.row + 1; r <= g.bottom; r++) {
      const measure = g.text(r, 0).trim();
      if (!measure || normaliseLabel(measure) === normaliseLabel(T.total)) break;
      const [perMonth, months, price] = [7, 8, 9].map((c) => readAmount(g, r, c).value ?? null);
      if (perMonth && months)
        tilgang.set(measure, { perMonth, months, ...(price ? { price: new Decimal(price) } : {}) });
    }
  return { sheet: sheet.name, asOf, cases: lists.flatMap((l) => l.cases), tilgang };
}

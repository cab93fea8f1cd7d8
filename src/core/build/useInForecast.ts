/**
 * "Brug i aktivitetsprognosen": the prognosis's helårsborgere and average price per measure go
 * into the Prognose columns of "Aktivitetsprognose YYYY" (the input cells only: its formulas
 * then give the amounts, the deviation and the plan's expected overrun). A measure is matched to
 * its row by name; one the forecast has no row for is named in the preview and left out.
 */
import { toA1 } from '../model/a1';
import { Grid, type SheetSnapshot } from '../model/grid';
import type { Prognosis } from '../tables/prognosis';
import { formatDanishAmount } from '../amounts/money';
import { sheetText, prognosisUseText as T } from '../text/da';
import { normaliseLabel } from '../text/labels';
import type { CellChange } from './overrun';
import type { WritePlan } from './writePlan';

const F = sheetText.forecast;

export interface UseInForecast {
  plan: WritePlan;
  changes: CellChange[];
  /** Measures of the prognosis without a row in the forecast. */
  missing: string[];
}

/** The forecast's measure rows by normalised name: from the header "Indsats" down to "I alt". */
function measureRows(g: Grid): Map<string, number> {
  const header = g.labels().find((l) => l === normaliseLabel(F.measure), 20)[0];
  const rows = new Map<string, number>();
  if (!header) return rows;
  for (let r = header.row + 1; r <= g.bottom; r++) {
    const label = g.label(r, header.col);
    if (!label || label === normaliseLabel(F.total)) break;
    rows.set(label, r);
  }
  return rows;
}

export function buildUseInForecast(forecast: SheetSnapshot, p: Prognosis): UseInForecast {
  const g = new Grid(forecast);
  const rows = measureRows(g);
  const cells: WritePlan['cells'] = [];
  const changes: CellChange[] = [];
  const missing: string[] = [];
  const shown = (v: unknown) => (v === null || v === undefined || v === '' ? T.empty : String(v));
  for (const m of p.measures) {
    const r = rows.get(normaliseLabel(m.measure));
    if (r === undefined) {
      missing.push(m.measure);
      continue;
    }
    // Persons unrounded and the price to the øre: their product, the forecast's amount, is the
    // prognosis's to well under a krone (rounded persons × a rounded price would not be).
    const persons = m.personsExact.toNumber();
    const price = m.averagePrice?.toNumber() ?? null;
    for (const [c, value, label] of [
      [4, persons, T.persons(m.measure)],
      [5, price, T.price(m.measure)],
    ] as const) {
      const address = toA1(r, c);
      cells.push({ sheet: forecast.name, address, value });
      changes.push({
        sheet: forecast.name,
        address,
        label,
        before: shown(g.value(r, c)),
        after: value === null ? T.empty : formatDanishAmount(value, c === 4 ? 4 : 2),
      });
    }
  }
  return {
    plan: { sheets: [], cells, charts: [], guards: [{ sheet: forecast.name, cells: cells.map((c) => c.address) }] },
    changes,
    missing,
  };
}

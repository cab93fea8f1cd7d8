/**
 * Where the year will end, from the known cases (spec §12), exactly. For the year Y of D days and
 * each case: active days a = max(0, min(slut, 31-12-Y) − max(start, 1-1-Y) + 1), dates
 * inclusive, no slut = 31-12-Y. Helårsborgere = a ÷ D. Kroner: døgnpris × a; månedspris × 12 × a
 * ÷ D; årspris × a ÷ D. Per measure the kroner are summed exactly (one division by D for the
 * whole sum) and rounded to the øre once; "afholdt til dato" counts the days up to and including
 * the as-of date and "resten af året" is the rest, so the two add up to the amount to the øre.
 */
import Decimal from 'decimal.js';
import type { Case } from './caseList';

/** Expected new cases for a measure: persons starting each month, for so many months, at a price. */
export interface Tilgang {
  perMonth: Decimal;
  months: Decimal;
  /** The price per helårsborger; without it, the measure's average price of its known cases. */
  price?: Decimal;
}

export interface MeasurePrognosis {
  measure: string;
  cases: number;
  fullYearPersons: Decimal;
  /** Helårsborgere unrounded (days ÷ D), for a sheet where persons × price must give the amount. */
  personsExact: Decimal;
  amount: Decimal;
  /** Kroner per helårsborger; null for a measure with no active days in the year. */
  averagePrice: Decimal | null;
  toDate: Decimal;
  restOfYear: Decimal;
  /** Expected new cases in kroner and helårsborgere (0 without inputs). */
  tilgang: Decimal;
  tilgangPersons: Decimal;
  withTilgang: Decimal;
}

export interface Prognosis {
  year: number;
  asOf: string;
  measures: MeasurePrognosis[];
  total: Omit<MeasurePrognosis, 'measure'>;
}

const DAY_MS = 86_400_000;
/** The day number of an ISO date (days since 1970-01-01): exact integers to subtract. */
export const dayNumber = (iso: string): number =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;

export const daysInYear = (year: number): number => dayNumber(`${year + 1}-01-01`) - dayNumber(`${year}-01-01`);

/** Days of the case inside [from, to] (day numbers, inclusive). */
export function activeDays(c: Case, from: number, to: number): number {
  const start = Math.max(dayNumber(c.start), from);
  const end = Math.min(c.end === null ? to : dayNumber(c.end), to);
  return Math.max(0, end - start + 1);
}

/** Exact sums of one measure's cases over a span of days: persons' days, day-priced and rate-priced kroner. */
export class Sums {
  days = 0;
  dayKroner = new Decimal(0);
  /** Σ price × a × (12 for a monthly price, 1 for a yearly one), to be divided by D once. */
  rateKroner = new Decimal(0);
  add(c: Case, days: number) {
    if (days === 0) return;
    this.days += days;
    if (c.per === 'day') this.dayKroner = this.dayKroner.plus(c.price.times(days));
    else this.rateKroner = this.rateKroner.plus(c.price.times(days).times(c.per === 'month' ? 12 : 1));
  }
  plus(o: Sums): Sums {
    const s = new Sums();
    s.days = this.days + o.days;
    s.dayKroner = this.dayKroner.plus(o.dayKroner);
    s.rateKroner = this.rateKroner.plus(o.rateKroner);
    return s;
  }
  kroner(yearDays: number): Decimal {
    return this.dayKroner.plus(this.rateKroner.dividedBy(yearDays));
  }
}

const ore = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

/** Helårsborgere from new cases: each month after the as-of month, that many start, each for min(varighed, months left). */
export function tilgangPersons(t: Tilgang, asOfMonth: number): Decimal {
  let months = new Decimal(0);
  for (let m = asOfMonth + 1; m <= 12; m++) months = months.plus(Decimal.min(t.months, 13 - m));
  return t.perMonth.times(months).dividedBy(12);
}

interface Figures {
  cases: number;
  year: Sums;
  toDate: Sums;
  tilgangPersons: Decimal;
  tilgang: Decimal;
}

function measureFigures(f: Figures, yearDays: number): Omit<MeasurePrognosis, 'measure'> {
  const amount = ore(f.year.kroner(yearDays));
  const toDate = ore(f.toDate.kroner(yearDays));
  const persons = new Decimal(f.year.days).dividedBy(yearDays);
  const tilgang = ore(f.tilgang);
  return {
    cases: f.cases,
    fullYearPersons: persons.toDecimalPlaces(4, Decimal.ROUND_HALF_UP),
    personsExact: persons,
    amount,
    averagePrice: f.year.days > 0 ? ore(f.year.kroner(yearDays).dividedBy(persons)) : null,
    toDate,
    restOfYear: amount.minus(toDate),
    tilgang,
    tilgangPersons: f.tilgangPersons.toDecimalPlaces(4, Decimal.ROUND_HALF_UP),
    withTilgang: amount.plus(tilgang),
  };
}

/** The prognosis of the year from the cases, measure by measure (in the order first met) and in total. */
export function prognosis(
  cases: readonly Case[],
  year: number,
  asOf: string,
  tilgang: ReadonlyMap<string, Tilgang> = new Map(),
): Prognosis {
  const yearDays = daysInYear(year);
  const from = dayNumber(`${year}-01-01`);
  const to = dayNumber(`${year}-12-31`);
  const asOfDay = Math.min(Math.max(dayNumber(asOf), from), to);
  const asOfMonth = new Date(asOfDay * DAY_MS).getUTCMonth() + 1;
  const byMeasure = new Map<string, Figures>();
  const figures = (measure: string) => {
    let f = byMeasure.get(measure);
    if (!f)
      byMeasure.set(
        measure,
        (f = {
          cases: 0,
          year: new Sums(),
          toDate: new Sums(),
          tilgangPersons: new Decimal(0),
          tilgang: new Decimal(0),
        }),
      );
    return f;
  };
  for (const c of cases) {
    const f = figures(c.measure);
    f.cases++;
    f.year.add(c, activeDays(c, from, to));
    f.toDate.add(c, activeDays(c, from, asOfDay));
  }
  for (const [measure, t] of tilgang) {
    const f = figures(measure);
    const persons = tilgangPersons(t, asOfMonth);
    const known =
      f.year.days > 0 ? f.year.kroner(yearDays).dividedBy(new Decimal(f.year.days).dividedBy(yearDays)) : null;
    const price = t.price ?? known ?? new Decimal(0);
    f.tilgangPersons = persons;
    f.tilgang = persons.times(price);
  }
  const measures = [...byMeasure].map(([measure, f]) => ({ measure, ...measureFigures(f, yearDays) }));
  const all = [...byMeasure.values()].reduce(
    (acc, f) => ({
      cases: acc.cases + f.cases,
      year: acc.year.plus(f.year),
      toDate: acc.toDate.plus(f.toDate),
      tilgangPersons: acc.tilgangPersons.plus(f.tilgangPersons),
      tilgang: acc.tilgang.plus(f.tilgang),
    }),
    { cases: 0, year: new Sums(), toDate: new Sums(), tilgangPersons: new Decimal(0), tilgang: new Decimal(0) },
  );
  const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
  return { year, asOf: isoOf(asOfDay), measures, total: measureFigures(all, yearDays) };
}

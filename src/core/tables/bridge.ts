/**
 * Since the last prognosis (spec §12): the change of each measure's known-case amount for the
 * year, explained as tilgang (a Sags-id with an Indsats not in the earlier Grundlag), afgang (in
 * the Grundlag, gone now) and ændringer (the same case with other dates or price). Each part is
 * summed exactly; tilgang and afgang are rounded to the øre (persons to 4 decimals) and ændringer
 * is what is left of the change of the rounded amounts, so the three add up to it exactly.
 */
import Decimal from 'decimal.js';
import type { Case } from './caseList';
import { activeDays, dayNumber, daysInYear, Sums } from './prognosis';
import { normaliseLabel } from '../text/labels';

export interface BridgePart {
  kroner: Decimal;
  persons: Decimal;
}

export interface MeasureBridge {
  measure: string;
  before: BridgePart;
  now: BridgePart;
  tilgang: BridgePart;
  afgang: BridgePart;
  changes: BridgePart;
}

export interface Bridge {
  measures: MeasureBridge[];
  total: Omit<MeasureBridge, 'measure'>;
}

const key = (c: Case) => `${c.id.trim().toLowerCase()}\u0000${normaliseLabel(c.measure)}`;

/** The year's exact figures of a group of cases. */
function sums(cases: readonly Case[], year: number): Sums {
  const from = dayNumber(`${year}-01-01`);
  const to = dayNumber(`${year}-12-31`);
  const s = new Sums();
  for (const c of cases) s.add(c, activeDays(c, from, to));
  return s;
}

interface Exact {
  kroner: Decimal;
  persons: Decimal;
}

const exactOf = (s: Sums, yearDays: number): Exact => ({
  kroner: s.kroner(yearDays),
  persons: new Decimal(s.days).dividedBy(yearDays),
});
const minus = (a: Exact, b: Exact): Exact => ({
  kroner: a.kroner.minus(b.kroner),
  persons: a.persons.minus(b.persons),
});
const plus = (a: Exact, b: Exact): Exact => ({ kroner: a.kroner.plus(b.kroner), persons: a.persons.plus(b.persons) });
const ZERO: Exact = { kroner: new Decimal(0), persons: new Decimal(0) };
const round = (e: Exact): BridgePart => ({
  kroner: e.kroner.toDecimalPlaces(2, Decimal.ROUND_HALF_UP),
  persons: e.persons.toDecimalPlaces(4, Decimal.ROUND_HALF_UP),
});

/** The rounded parts of exact before/now/tilgang/afgang, ændringer the rest of the change. */
function rounded(before: Exact, now: Exact, tilgang: Exact, afgang: Exact): Omit<MeasureBridge, 'measure'> {
  const [b, n, t, a] = [round(before), round(now), round(tilgang), round(afgang)];
  return {
    before: b,
    now: n,
    tilgang: t,
    afgang: a,
    changes: {
      kroner: n.kroner.minus(b.kroner).minus(t.kroner).minus(a.kroner),
      persons: n.persons.minus(b.persons).minus(t.persons).minus(a.persons),
    },
  };
}

/** The bridge from the cases of the earlier Grundlag to the cases now, measure by measure, for the year. */
export function bridge(before: readonly Case[], now: readonly Case[], year: number): Bridge {
  const yearDays = daysInYear(year);
  const groups = (cases: readonly Case[]) => {
    const m = new Map<string, Case[]>();
    for (const c of cases) {
      const k = key(c);
      const group = m.get(k);
      if (group) group.push(c);
      else m.set(k, [c]);
    }
    return m;
  };
  const [was, is] = [groups(before), groups(now)];
  const measures = new Map<string, { name: string; before: Exact; now: Exact; tilgang: Exact; afgang: Exact }>();
  const at = (c: Case) => {
    const k = normaliseLabel(c.measure);
    let m = measures.get(k);
    if (!m) measures.set(k, (m = { name: c.measure, before: ZERO, now: ZERO, tilgang: ZERO, afgang: ZERO }));
    return m;
  };
  for (const [k, cases] of is) {
    const m = at(cases[0]);
    const e = exactOf(sums(cases, year), yearDays);
    m.now = plus(m.now, e);
    if (!was.has(k)) m.tilgang = plus(m.tilgang, e);
  }
  for (const [k, cases] of was) {
    const m = at(cases[0]);
    const e = exactOf(sums(cases, year), yearDays);
    m.before = plus(m.before, e);
    if (!is.has(k)) m.afgang = minus(m.afgang, e);
  }
  const list = [...measures.values()];
  const total = list.reduce(
    (acc, m) => ({
      before: plus(acc.before, m.before),
      now: plus(acc.now, m.now),
      tilgang: plus(acc.tilgang, m.tilgang),
      afgang: plus(acc.afgang, m.afgang),
    }),
    { before: ZERO, now: ZERO, tilgang: ZERO, afgang: ZERO },
  );
  return {
    measures: list.map((m) => ({ measure: m.name, ...rounded(m.before, m.now, m.tilgang, m.afgang) })),
    total: rounded(total.before, total.now, total.tilgang, total.afgang),
  };
}

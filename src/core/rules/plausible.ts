import Decimal from 'decimal.js';

/** Below this an expected overrun in a plan kept in kroner is surely typed in another unit. */
const LEAST_KRONER = 1000;
/** An overrun this many times larger or smaller than the current one is asked about. */
const MOST_CHANGE = 100;
const SCALES = [1e6, 1e3, 1e-3, 1e-6].map((s) => new Decimal(s));

const distance = (a: Decimal, b: Decimal) => Math.abs(Math.log10(a.dividedBy(b).toNumber()));

/**
 * The amount the user more likely meant, when the one typed is implausible for a plan kept in
 * kroner: under 1.000 kr. ("9,38" meant 9,38 mio. kr.), or more than a factor 100 from the
 * current expected overrun (a unit or three zeros too many). Null when the amount is plausible.
 */
export function likelierAmount(typed: Decimal, current: Decimal | null): Decimal | null {
  if (!typed.greaterThan(0)) return null;
  const known = current && current.greaterThan(0) ? current : null;
  const small = typed.lessThan(LEAST_KRONER);
  const far = known !== null && distance(typed, known) > Math.log10(MOST_CHANGE);
  if (!small && !far) return null;
  const candidates = SCALES.map((s) => typed.times(s)).filter((c) => c.greaterThanOrEqualTo(LEAST_KRONER));
  if (candidates.length === 0) return null;
  if (!known) return typed.lessThan(100) ? typed.times(1e6) : typed.times(1e3);
  const best = candidates.reduce((a, b) => (distance(b, known) < distance(a, known) ? b : a));
  // Far from the current amount, a suggestion no nearer to it than what was typed is no help.
  return small || distance(best, known) < distance(typed, known) ? best : null;
}

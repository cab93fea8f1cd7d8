import Decimal from 'decimal.js';

export type { AmountParse } from './amountSyntax';

/** Formats an amount the Danish way: 9400000 -> "9.400.000", -0.8 -> "-0,8". */
export function formatDanishAmount(value: Decimal.Value, maxDecimals = 2): string {
  const d = new Decimal(value).toDecimalPlaces(maxDecimals, Decimal.ROUND_HALF_UP);
  const negative = d.isNegative() && !d.isZero();
  const [intPart, frac] = d.abs().toFixed().split('.');
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}${grouped}${frac ? ',' + frac : ''}`;
}

export function formatKroner(value: Decimal.Value): string {
  return `${formatDanishAmount(value)} kr.`;
}

/** Compares amounts to the øre, so float noise in cached formula results is not a mismatch. */
export function sameAmount(a: Decimal, b: Decimal): boolean {
  return a.toDecimalPlaces(2).equals(b.toDecimalPlaces(2));
}

export function sum(values: (Decimal | null | undefined)[]): Decimal {
  return values.reduce<Decimal>((acc, v) => (v ? acc.plus(v) : acc), new Decimal(0));
}

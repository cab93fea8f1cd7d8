import Decimal from 'decimal.js';
import { likelierAmount } from './plausible';

const d = (n: number) => new Decimal(n);

test('"9,38" in a plan of 9.400.000 kr. was meant as 9,38 mio. kr.', () => {
  expect(likelierAmount(d(9.38), d(9_400_000))?.toNumber()).toBe(9_380_000);
});

test('"9380" (thousands) beside 9.400.000 kr. is more than a factor 100 off: 9.380.000 kr.', () => {
  expect(likelierAmount(d(9380), d(9_400_000))?.toNumber()).toBe(9_380_000);
});

test('three zeros too many: 9.800.000.000 beside 9.400.000 kr. was meant as 9.800.000 kr.', () => {
  expect(likelierAmount(d(9_800_000_000), d(9_400_000))?.toNumber()).toBe(9_800_000);
});

test('without a current amount, a small figure is read as millions (under 100) or thousands', () => {
  expect(likelierAmount(d(9.4), null)?.toNumber()).toBe(9_400_000);
  expect(likelierAmount(d(850), null)?.toNumber()).toBe(850_000);
});

test('near misses: plausible amounts are not asked about', () => {
  expect(likelierAmount(d(9_800_000), d(9_400_000))).toBeNull();
  expect(likelierAmount(d(1000), null)).toBeNull();
  // Ten times the current is a big change, but within the factor 100.
  expect(likelierAmount(d(94_000_000), d(9_400_000))).toBeNull();
  expect(likelierAmount(d(95_000), d(9_400_000))).toBeNull();
});

import Decimal from 'decimal.js';
import fc from 'fast-check';
import { parseAmountText } from '../src/core/amounts/amountSyntax';
import { formatDanishAmount } from '../src/core/amounts/money';

const amount = (s: string) => {
  const p = parseAmountText(s);
  return p.kind === 'amount' ? p.value.toString() : p.kind;
};

describe('parseAmountText', () => {
  test.each([
    ['9.400.000', '9400000'],
    ['357.500 kr.', '357500'],
    ['9,4 mio. kr.', '9400000'],
    ['9,4 mio.kr.', '9400000'],
    ['-0,8', '-0.8'],
    ['−1.175.000', '-1175000'],
    ['1 175 000', '1175000'],
    ['1.175.000,50', '1175000.5'],
    ['kr. 2.480.000', '2480000'],
    ['(50.000)', '-50000'],
    ['2.860.000,-', '2860000'],
    ['310000', '310000'],
    ['16,4', '16.4'],
    ['1,2 mia.', '1200000000'],
    ['450 t.kr.', '450000'],
    ['  ', 'empty'],
    ['', 'empty'],
    ['ca. 3%', 'invalid'],
    ['#REF!', 'invalid'],
    ['1.17.000', 'invalid'],
    ['abc', 'invalid'],
    ['1,2,3', 'invalid'],
  ])('%s -> %s', (input, expected) => {
    expect(amount(input)).toBe(expected);
  });
});

describe('formatDanishAmount', () => {
  test.each([
    [9400000, '9.400.000'],
    [-0.8, '-0,8'],
    [357500.5, '357.500,5'],
    [0, '0'],
    [999, '999'],
    [-1000, '-1.000'],
  ])('%s -> %s', (n, text) => {
    expect(formatDanishAmount(n)).toBe(text);
  });
});

describe('properties', () => {
  test('formatting then parsing any amount with up to 2 decimals gives it back', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.integer({ min: 0, max: 2 }),
        (units, decimals) => {
          const value = new Decimal(units.toString()).dividedBy(10 ** decimals);
          const parsed = parseAmountText(formatDanishAmount(value));
          expect(parsed.kind).toBe('amount');
          expect(parsed.kind === 'amount' && parsed.value.equals(value)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('the parser never throws, on any string', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'grapheme' }),
          fc.stringMatching(/^[-+(]?[\d.,\s]{0,20}(kr\.|mio\.)?\)?$/),
        ),
        (s) => {
          const r = parseAmountText(s);
          expect(['empty', 'amount', 'invalid']).toContain(r.kind);
        },
      ),
      { numRuns: 5000 },
    );
  });
});

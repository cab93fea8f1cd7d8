/**
 * The reader keeps a plan's rows and initiatives as columns of numbers (issue 11): these tests hold
 * the columns to what the rows themselves say, and the small stores they are made of to plain
 * arrays and maps.
 */
import fc from 'fast-check';
import { slagelse2021 } from '../examples/slagelse-2021';
import { Grid, type CellValue, type SheetSnapshot } from '../src/core/model/grid';
import { NumberColumn } from '../src/core/amounts/numberColumn';
import { NumberIndex } from '../src/core/amounts/numberIndex';
import type { ActionPlan, AmountCell } from '../src/core/model/plan';
import { readActionPlan } from '../src/core/read/reader';
import { effectRowsOf, hasText, initiativesOf } from '../src/core/read/tableColumns';
import { buildPlanSheet } from '../src/core/build/template';
import { validatePlan, validateWorkbook } from '../src/core/validate';
import { bigPlanContent, snapshotOfPlan } from './support/bigWorkbooks';

/** An amount cell's fields read out (a store's cells answer through getters). */
const plainCell = (c: AmountCell): AmountCell => ({
  row: c.row,
  col: c.col,
  address: c.address,
  value: c.value,
  source: c.source,
  raw: c.raw,
  ...(c.ore !== undefined ? { ore: c.ore } : {}),
  ...(c.problem ? { problem: c.problem } : {}),
  ...(c.formula ? { formula: c.formula } : {}),
});

describe('NumberColumn', () => {
  it('gives back every number pushed, across its blocks (NaN, ±Infinity and -0 included)', () => {
    const pattern = [0, -0, 1.5, NaN, Infinity, -Infinity, 123_456_789_012_345, -7, Number.MIN_VALUE];
    for (const n of [0, 1, 4095, 4096, 4097, 8192, 9000]) {
      const xs = Array.from({ length: n }, (_, i) => pattern[i % pattern.length] * (i % 2 ? 1 : i || 1));
      const c = new NumberColumn();
      for (const x of xs) c.push(x);
      expect(c.length).toBe(n);
      expect(xs.findIndex((x, i) => !Object.is(c.at(i), x))).toBe(-1);
    }
  });
});

describe('NumberIndex', () => {
  it('answers as a Map that keeps the first position of each number, small or large', () => {
    const number = fc.oneof(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 999_999_999 }));
    fc.assert(
      fc.property(fc.array(number, { maxLength: 400 }), fc.array(number, { maxLength: 50 }), (numbers, asked) => {
        const index = new NumberIndex();
        const map = new Map<number, number>();
        numbers.forEach((n, i) => {
          index.setFirst(n, i);
          if (!map.has(n)) map.set(n, i);
        });
        for (const n of [...numbers, ...asked]) {
          expect(index.get(n)).toBe(map.get(n));
          expect(index.has(n)).toBe(map.has(n));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('label index: trimmed length of a cell', () => {
  const cell: fc.Arbitrary<CellValue> = fc.oneof(
    fc.constant(null),
    fc.integer(),
    fc.constantFrom('', '  ', ' I alt ', 'JAN', 'Mål for indsats 7', '\u00a0x\u00a0'),
    fc.boolean(),
  );
  it('equals the text trimmed, asked in reading order or at random, without reading the text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { maxLength: 7 }), { minLength: 1, maxLength: 30 }),
        fc.array(fc.tuple(fc.nat(35), fc.nat(8))),
        fc.integer({ min: 0, max: 4 }),
        (values, randomCells, originRow) => {
          const sheet: SheetSnapshot = { name: 'Ark', origin: { row: originRow, col: 2 }, values };
          const g = new Grid(sheet);
          const expected = (row: number, col: number) => {
            const v = g.value(row, col);
            return typeof v === 'string' ? v.trim().length : 0;
          };
          const inOrder: [number, number][] = [];
          for (let r = originRow; r < originRow + values.length; r++) for (let c = 2; c < 9; c++) inOrder.push([r, c]);
          const index = g.labels();
          for (const [r, c] of [...inOrder, ...randomCells.map(([r, c]) => [r + originRow - 2, c + 1]), ...inOrder])
            expect(index.trimmedLength(r, c)).toBe(expected(r, c));
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** The columns as the reader keeps them, against the same plan's rows taken as plain arrays. */
function expectColumnsAgreeWithRows(plan: ActionPlan) {
  const kept = effectRowsOf(plan.monthTable);
  const plain = effectRowsOf({ ...plan.monthTable, rowColumns: undefined });
  expect(plan.monthTable.rowColumns).toBeDefined();
  expect(kept.count).toBe(plain.count);
  for (let i = 0; i < kept.count; i++) {
    expect(kept.number(i)).toBe(plain.number(i));
    expect(kept.sheetRow(i)).toBe(plain.sheetRow(i));
    expect(kept.rowOre(i)).toBe(plain.rowOre(i));
    expect(kept.firstEffect(i)).toBe(plain.firstEffect(i));
    expect(kept.totalOre(i)).toBe(plain.totalOre(i));
    expect(kept.plain(i)).toBe(plain.plain(i));
  }
  expect(kept.columnSums().map(String)).toEqual(plain.columnSums().map(String));

  const initiatives = initiativesOf(plan);
  expect(initiatives.count).toBe(plan.initiatives.length);
  plan.initiatives.forEach((it, i) => {
    expect(initiatives.number(i)).toBe(it.number);
    expect(initiatives.sheetRow(i)).toBe(it.row);
    // What the reader worked out from lengths, against the texts themselves.
    const texts = { area: it.area, goal: it.goal, action: it.action, consequences: it.consequences };
    expect(initiatives.filled(i)).toBe(hasText(texts));
  });
}

describe('a plan read as columns', () => {
  it('agrees with its rows on the Slagelse plan', () => {
    const sheet = snapshotOfPlan(buildPlanSheet('Handleplan 2021', slagelse2021)).sheets[0];
    expectColumnsAgreeWithRows(readActionPlan(sheet)!);
  });

  it('agrees with its rows when months hold texts, errors, fractions of an øre and nothing', () => {
    const sheet = snapshotOfPlan(buildPlanSheet('Handleplan 2021', bigPlanContent(40))).sheets[0];
    const plan = readActionPlan(sheet)!;
    const { firstMonthCol, totalCol } = plan.monthTable;
    const strange: CellValue[] = ['1.234,50', 'ikke et tal', { error: '#REF!' }, 0.125, 12.3456, null, true, '  ', -0];
    const first = plan.monthTable.rows[0].row;
    strange.forEach((v, i) => {
      sheet.values[first + i - sheet.origin.row][firstMonthCol + (i % 12) - sheet.origin.col] = v;
    });
    // A total that is text, one that is empty without a formula, one that is wrong.
    sheet.values[first + 12 - sheet.origin.row][totalCol! - sheet.origin.col] = '9.000';
    sheet.values[first + 13 - sheet.origin.row][totalCol! - sheet.origin.col] = null;
    sheet.formulas![first + 13 - sheet.origin.row][totalCol! - sheet.origin.col] = null;
    sheet.values[first + 14 - sheet.origin.row][totalCol! - sheet.origin.col] = 1;
    const again = readActionPlan(sheet)!;
    expectColumnsAgreeWithRows(again);
    expect(effectRowsOf(again.monthTable).plain(0)).toBe(false);
    expect(Number.isNaN(effectRowsOf(again.monthTable).rowOre(4))).toBe(true);
  });

  it('reports the same findings whether the rules look at columns or at rows', () => {
    const sheet = snapshotOfPlan(buildPlanSheet('Handleplan 2021', bigPlanContent(60))).sheets[0];
    const plan = readActionPlan(sheet)!;
    const row = plan.monthTable.rows[3].row - sheet.origin.row;
    sheet.values[row][plan.monthTable.firstMonthCol] = '500,5';
    sheet.values[row + 1][plan.monthTable.totalCol!] = 1;
    sheet.values[plan.initiatives[5].row - sheet.origin.row].splice(1, 4, '', '', '', '');
    const findings = validateWorkbook({ sheets: [sheet] }).findings.map((f) => `${f.code} ${f.cell}`);
    const read = readActionPlan(sheet)!;
    // Plain copies, nothing left that asks the column stores: the rules then work from the rows'
    // and initiatives' own fields (hasText, the cells' values), not from what the stores say.
    const asRows: ActionPlan = {
      ...read,
      initiativeColumnsRead: undefined,
      initiatives: read.initiatives.map(({ number, row, address, area, goal, action, consequences }) => ({
        number,
        row,
        address,
        area,
        goal,
        action,
        consequences,
      })),
      monthTable: {
        ...read.monthTable,
        rowColumns: undefined,
        rows: read.monthTable.rows.map((r) => ({
          number: r.number,
          row: r.row,
          labelAddress: r.labelAddress,
          months: r.months.map(plainCell),
          total: r.total ? plainCell(r.total) : null,
        })),
      },
    };
    expect(initiativesOf(asRows)).not.toBe(read.initiativeColumnsRead);
    expect(effectRowsOf(asRows.monthTable)).not.toBe(read.monthTable.rowColumns);
    const text = (p: ActionPlan) => validatePlan(p).map((f) => `${f.code} ${f.cell} ${f.message}`);
    expect(text(asRows)).toEqual(text(read));
    expect(findings).toEqual(expect.arrayContaining(['TEXT_NUMBER B' + (row + 1), 'ROW_TOTAL_MISMATCH N' + (row + 2)]));
    expect(findings.some((f) => f.startsWith('EFFECT_WITHOUT_INITIATIVE'))).toBe(true);
  });
});

/**
 * Fuzzing (fast-check, seeded): random grids and mutated real templates never make the reader or
 * the validator throw; every one-krone change to an amount cell of the example is caught; and
 * the writers, on fuzzed plans, add no error and touch no user cell.
 */
import fc from 'fast-check';
import { slagelse2021 } from '../examples/slagelse-2021';
import { nodeDeflate, nodeInflate } from '../src/cli/zlib';
import { parseA1 } from '../src/core/model/a1';
import { buildOverrunUpdate } from '../src/core/build/overrun';
import { buildProjection } from '../src/core/build/projection';
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from '../src/core/model/grid';
import { buildPlanSheet, type PlanContent } from '../src/core/build/template';
import { validateWorkbook } from '../src/core/validate';
import { mergeWritePlans } from '../src/core/build/writePlan';
import Decimal from 'decimal.js';
import { blankPackage } from '../src/xlsx/blank';
import { Package } from '../src/xlsx/package';
import { readWorkbook } from '../src/xlsx/read';
import { writePackage } from '../src/xlsx/write';
import { snapshotOfPlan } from './support/bigWorkbooks';
import { cellMap, changedCells } from './support/cells';
import { clone, mutationDetection } from './support/mutation';

/** The date the tests write on (the builders never read the clock). */
const TODAY = '2026-12-03';

const SEED = 20261123;
/** Cases per run, reported in the closing note. */
export const FUZZ_CASES = { mutated: 7_000, random: 3_500 };

const example = (origin = { row: 0, col: 0 }, content: PlanContent = slagelse2021) =>
  snapshotOfPlan(buildPlanSheet('Handleplan 2021', content, origin)).sheets[0];

/** One way a controller (or time) changes a template. */
type Mutation = (s: SheetSnapshot, pick: (n: number) => number) => void;

const AMOUNT_TEXTS = ['310.000', '357.500 kr.', '9,4 mio. kr.', 'abc', '', '  ', '(50.000)', '1e5', '∞', '12,3,4', '-'];
const LABEL_TEXTS = [
  'JAN',
  'I alt',
  'INDSATSONMRÅDE',
  'Forventet merforbrug efter denne opdatering:',
  'HANDLEPLAN 2021',
  'DEC',
  'Overført fra tidligere år',
  'Afvigelse',
  'PR. 31.12.2021',
];

const rowsOf = (s: SheetSnapshot) => s.values.length;
const MUTATIONS: Record<string, Mutation> = {
  insertRow: (s, pick) => {
    const at = pick(rowsOf(s) + 1);
    s.values.splice(at, 0, []);
    s.formulas?.splice(at, 0, []);
  },
  deleteRow: (s, pick) => {
    const at = pick(rowsOf(s));
    s.values.splice(at, 1);
    s.formulas?.splice(at, 1);
  },
  misspellLabel: (s, pick) => {
    const texts: [number, number][] = [];
    s.values.forEach((r, i) => r.forEach((v, j) => typeof v === 'string' && v.length > 2 && texts.push([i, j])));
    if (!texts.length) return;
    const [i, j] = texts[pick(texts.length)];
    const t = s.values[i][j] as string;
    const k = pick(t.length);
    s.values[i][j] = t.slice(0, k) + 'xqzåØ'[pick(5)] + t.slice(k + 1);
  },
  mergeCells: (s, pick) => {
    const top = pick(rowsOf(s));
    const left = pick(15);
    for (let i = top; i < Math.min(rowsOf(s), top + 1 + pick(3)); i++)
      for (let j = left; j < left + 1 + pick(4); j++) if (i !== top || j !== left) s.values[i][j] = null;
  },
  amountAsText: (s, pick) => {
    const i = pick(rowsOf(s));
    const j = 1 + pick(13);
    s.values[i][j] = AMOUNT_TEXTS[pick(AMOUNT_TEXTS.length)];
  },
  amountAsError: (s, pick) => {
    s.values[pick(rowsOf(s))][1 + pick(13)] = { error: ['#REF!', '#VALUE!', '#DIV/0!', '#N/A'][pick(4)] };
  },
  amountAsDateOrBool: (s, pick) => {
    s.values[pick(rowsOf(s))][1 + pick(13)] = pick(2) ? 44_308 + pick(400) : pick(2) === 1;
  },
  removeSection: (s, pick) => {
    const at = pick(rowsOf(s));
    const n = 1 + pick(8);
    for (let i = at; i < Math.min(rowsOf(s), at + n); i++) s.values[i] = [];
  },
  repeatSection: (s, pick) => {
    const at = pick(rowsOf(s));
    const n = 1 + pick(10);
    const copy = s.values.slice(at, at + n).map((r) => [...r]);
    const to = pick(rowsOf(s) + 1);
    s.values.splice(to, 0, ...copy);
    s.formulas?.splice(to, 0, ...copy.map(() => []));
  },
  secondPlanBelow: (s, pick) => {
    const second = example({ row: 0, col: pick(3) });
    const gap = pick(4);
    for (let k = 0; k < gap; k++) s.values.push([]);
    s.values.push(...second.values.map((r) => [...r]));
    s.formulas?.push(
      ...Array.from({ length: gap }, () => []),
      ...(second.formulas ?? []).map((r) => (r ? [...r] : [])),
    );
  },
  randomLabel: (s, pick) => {
    s.values[pick(rowsOf(s))][pick(16)] = LABEL_TEXTS[pick(LABEL_TEXTS.length)];
  },
  wildValue: (s, pick) => {
    const wild: CellValue[] = [Number.NaN, Infinity, -1e300, 1e-300, '', '<b>JAN</b>', 'JAN\u00a0', true, null, 0, -0];
    s.values[pick(rowsOf(s))][pick(20)] = wild[pick(wild.length)];
  },
};

function mutated(seed: number[], names: string[]): WorkbookSnapshot {
  let n = 0;
  const pick = (m: number) => (m <= 0 ? 0 : seed[n++ % seed.length] % m);
  const base = seed[0] % 2 === 0 ? example() : example({ row: 1 + (seed[0] % 7), col: seed[0] % 4 });
  const s = clone(base);
  for (const name of names) MUTATIONS[name](s, pick);
  return { sheets: [s], activeSheet: s.name };
}

/** What every validation must give: a result with plans or NO_PLAN, every finding at a real cell. */
function wellFormed(workbook: WorkbookSnapshot) {
  const result = validateWorkbook(workbook);
  if (result.plans.length === 0 && result.tables.length === 0) {
    expect(result.findings.map((f) => f.code)).toEqual(['NO_PLAN']);
    return;
  }
  for (const f of result.findings) {
    expect(() => parseA1(f.cell)).not.toThrow();
    expect(f.message.length).toBeGreaterThan(10);
  }
}

test(`${FUZZ_CASES.mutated} mutated templates: the reader and validator never throw`, () => {
  fc.assert(
    fc.property(
      fc.array(fc.nat({ max: 1_000_000 }), { minLength: 8, maxLength: 40 }),
      fc.array(fc.constantFrom(...Object.keys(MUTATIONS)), { minLength: 1, maxLength: 5 }),
      (seed, names) => wellFormed(mutated(seed, names)),
    ),
    { seed: SEED, numRuns: FUZZ_CASES.mutated },
  );
});

const cellValue: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constant(null),
  fc.integer({ min: -10_000_000, max: 10_000_000 }),
  fc.double({ noNaN: false }),
  fc.constantFrom(
    ...LABEL_TEXTS,
    ...AMOUNT_TEXTS,
    'FEB',
    'MAR',
    'APR',
    'MAJ',
    'JUN',
    'JUL',
    'AUG',
    'SEP',
    'OKT',
    'NOV',
    '1',
    '2',
  ),
  fc.string({ maxLength: 12 }),
  fc.boolean(),
  fc.constantFrom({ error: '#REF!' }, { error: '#N/A' }),
);

test(`${FUZZ_CASES.random} random grids: the reader and validator never throw`, () => {
  fc.assert(
    fc.property(
      fc.array(fc.array(cellValue, { maxLength: 16 }), { maxLength: 45 }),
      fc.nat({ max: 5 }),
      fc.nat({ max: 5 }),
      (values, row, col) =>
        wellFormed({ sheets: [{ name: 'Ark1', origin: { row, col }, values }], activeSheet: 'Ark1' }),
    ),
    { seed: SEED, numRuns: FUZZ_CASES.random },
  );
});

test.each([
  ['the example', () => example()],
  ['the example shifted to D7', () => example({ row: 6, col: 3 })],
])('every ±1 kr. change to an amount cell of %s is caught', (_name, sheet) => {
  const { tried, caught, missed } = mutationDetection(sheet());
  expect(missed).toEqual([]);
  expect(tried).toBe(2 * 7 * 13);
  expect(caught / tried).toBe(1);
});

/** Plans of random shape: initiatives, effects, offsets, some amounts typed as text. */
const plans = fc
  .record({
    count: fc.integer({ min: 1, max: 14 }),
    origin: fc.record({ row: fc.nat({ max: 6 }), col: fc.nat({ max: 3 }) }),
    effects: fc.array(
      fc.array(fc.option(fc.integer({ min: 0, max: 900_000 }), { nil: null }), { minLength: 12, maxLength: 12 }),
      {
        minLength: 14,
        maxLength: 14,
      },
    ),
    overrun: fc.integer({ min: 1, max: 20_000_000 }),
    area: fc.array(
      fc.constantFrom('5.20 Opholdssteder', '=HYPERLINK("x")', '+1', '2021', 'Æble & pære <b>', "O'Brien"),
      {
        minLength: 14,
        maxLength: 14,
      },
    ),
  })
  .map(({ count, origin, effects, overrun, area }) => ({
    origin,
    overrun,
    content: {
      ...slagelse2021,
      initiatives: Array.from({ length: count }, (_, i) => ({
        number: i + 1,
        area: area[i],
        goal: 'Mål',
        action: 'Handling',
        consequences: '',
        effects: effects[i],
      })),
      rowCount: Math.max(count, 6),
    } as PlanContent,
  }));

test('the writers on fuzzed plans: no new error after project, and no user cell changed', async () => {
  await fc.assert(
    fc.asyncProperty(plans, async ({ origin, overrun, content }) => {
      const blank = new Package(blankPackage(nodeDeflate), nodeInflate);
      const input = (await writePackage(blank, buildPlanSheet('Plan', content, origin), { sheets: [] }, nodeDeflate))
        .data;
      const pkg = new Package(input, nodeInflate);
      const before = await readWorkbook(pkg);
      const result = validateWorkbook(before);
      const plan = result.plans[0].plan;
      const update = buildOverrunUpdate(plan, before, new Decimal(overrun), '2021-06-01');
      const projection = buildProjection(plan, before, { target: update.target, today: TODAY })!;
      const { data } = await writePackage(pkg, mergeWritePlans(update.plan, projection.plan), before, nodeDeflate);
      const after = await readWorkbook(new Package(data, nodeInflate));
      const errorsBefore = new Set(result.findings.filter((f) => f.severity === 'error').map((f) => f.code));
      const newErrors = validateWorkbook(after)
        .findings.filter((f) => f.severity === 'error' && !errorsBefore.has(f.code))
        // the overrun update itself may open or close a gap to the target
        .filter((f) => f.code !== 'TOTAL_BELOW_TARGET' && f.code !== 'NO_TARGET');
      expect(newErrors).toEqual([]);
      const owned = new Set(update.plan.cells.filter((c) => c.sheet === 'Plan').map((c) => c.address));
      const changed = changedCells(cellMap(before, 'Plan'), cellMap(after, 'Plan')).filter((a) => !owned.has(a));
      expect(changed).toEqual([]);
    }),
    { seed: SEED, numRuns: 60 },
  );
});

/**
 * The mutations other programs make (a formula saved without its result, a number cell whose
 * stored text is no number, month headers out of order, a number used twice): each one that
 * changes a figure gives an error, and none ends in "Ingen fejl".
 */
describe('never a false all-clear', () => {
  const base = example();
  const plan = validateWorkbook({ sheets: [base] }).plans[0].plan;
  const table = plan.monthTable;
  const amountCells: { row: number; col: number }[] = [];
  for (const r of [...table.rows.map((x) => x.row), table.totalRow!.row])
    for (let c = table.firstMonthCol; c <= table.totalCol!; c++) amountCells.push({ row: r, col: c });
  const target = plan.block.afterThisUpdate!.amount;
  amountCells.push({ row: target.row, col: target.col });

  type Kind = 'uncached' | 'uncachedChanged' | 'garbage' | 'header' | 'duplicate';
  const at = (s: SheetSnapshot, row: number, col: number, value: CellValue, formula: string | null) => {
    const i = row - s.origin.row;
    const j = col - s.origin.col;
    s.values[i][j] = value;
    s.formulas![i] = [...(s.formulas![i] ?? [])];
    s.formulas![i][j] = formula;
  };

  function mutate(kind: Kind, pick: number, variant: number): SheetSnapshot {
    const s = clone(base);
    const { row, col } = amountCells[pick % amountCells.length];
    const old = base.values[row - base.origin.row][col - base.origin.col];
    if (kind === 'uncached')
      at(s, row, col, null, ['=INDIRECT("B22")', '=Ark2!A1', '=VLOOKUP(1,A:B,2,0)'][variant % 3]);
    else if (kind === 'uncachedChanged')
      at(s, row, col, null, `=${typeof old === 'number' ? old : 0}+${1 + (variant % 999)}`);
    else if (kind === 'garbage')
      at(
        s,
        row,
        col,
        { error: '#NUM!', stored: ['310000kr', '1E+309', 'delt tekst nr. 9, som ikke findes'][variant % 3] },
        null,
      );
    else if (kind === 'header') {
      const h = table.headerRow - s.origin.row;
      const k = variant % 12;
      const first = table.firstMonthCol - s.origin.col;
      // Another month, a misspelt one, something else, or nothing — never the right month.
      const labels = ['FEB', 'JAN', 'DEC', 'JNU', 'XYZ', null, 'okt', 'Marts'];
      const right = ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'][k];
      let label = labels[pick % labels.length];
      if (label !== null && label.toLowerCase().slice(0, 3) === right && label !== 'JNU') label = 'XYZ';
      s.values[h][first + k] = label;
    } else {
      const rows = table.rows;
      const r = rows[1 + (variant % (rows.length - 1))];
      s.values[r.row - s.origin.row][table.labelCol - s.origin.col] =
        rows[pick % (1 + (variant % (rows.length - 1)))].number;
    }
    return s;
  }

  test('2.000 mutations of these kinds: an error for each that changes a figure, never "Ingen fejl"', () => {
    let cases = 0;
    fc.assert(
      fc.property(
        fc.constantFrom<Kind>('uncached', 'uncachedChanged', 'garbage', 'header', 'duplicate'),
        fc.nat({ max: 10_000 }),
        fc.nat({ max: 10_000 }),
        (kind, pick, variant) => {
          cases++;
          const result = validateWorkbook({ sheets: [mutate(kind, pick, variant)] });
          expect(result.findings.length).toBeGreaterThan(0);
          if (kind !== 'duplicate') expect(result.findings.some((f) => f.severity === 'error')).toBe(true);
          else expect(result.findings.map((f) => f.code)).toContain('DUPLICATE_NUMBER');
        },
      ),
      { seed: SEED, numRuns: 2_000 },
    );
    expect(cases).toBe(2_000);
  });
});

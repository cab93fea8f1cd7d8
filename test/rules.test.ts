import ExcelJS from 'exceljs';
import type { Finding, FindingCode } from '../src/core/model/findings';
import { validateWorkbook } from '../src/core/validate';
import { cloneContent, planWorkbook, roundTrip, type PlanWorkbookOptions } from './support/workbooks';
import type { PlanContent } from '../src/core/build/template';

type Edit = NonNullable<PlanWorkbookOptions['edit']>;

async function findings(edit?: Edit, content?: PlanContent): Promise<Finding[]> {
  return validateWorkbook(await roundTrip(planWorkbook(content, { edit }))).findings;
}

const only = (fs: Finding[], code: FindingCode) => fs.filter((f) => f.code === code);

function expectOne(fs: Finding[], code: FindingCode, severity: string, cell: string) {
  const hits = only(fs, code);
  expect(hits).toHaveLength(1);
  expect(hits[0]).toMatchObject({ code, severity, cell, sheet: 'Handleplan 2021' });
  return hits[0];
}

const MONTH_COLS = 'BCDEFGHIJKLM';

describe('NO_PLAN', () => {
  test('raised for a workbook with no month table', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Budget').getCell('A1').value = 'HANDLEPLAN 2021';
    wb.getWorksheet('Budget')!.getCell('B3').value = 'JAN';
    const result = validateWorkbook(await roundTrip(wb));
    expect(result.findings).toEqual([
      expect.objectContaining({ code: 'NO_PLAN', severity: 'error', cell: 'A1', sheet: 'Budget' }),
    ]);
  });
  test('near miss: a bare month table at an odd place is a plan', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Ark1');
    ['Jan', 'Feb', 'Mar', 'Apr', 'Maj', 'Jun', 'Jul', 'Aug', 'Sep', 'Okt', 'Nov', 'Dec'].forEach((m, k) => {
      ws.getCell(40, 8 + k).value = m;
    });
    ws.getCell(41, 7).value = 1;
    ws.getCell(41, 8).value = 1000;
    const result = validateWorkbook(await roundTrip(wb));
    expect(only(result.findings, 'NO_PLAN')).toEqual([]);
    expect(result.plans[0].summary.total.toNumber()).toBe(1000);
  });
});

describe('NO_TARGET', () => {
  test('raised when all block amounts are empty', async () => {
    const fs = await findings((_ws, at) => {
      at('F32').value = null;
      at('F33').value = null;
      at('F34').value = null;
    });
    expectOne(fs, 'NO_TARGET', 'error', 'F34');
  });
  test('near miss: only "ved opstart" holds the amount', async () => {
    const fs = await findings((_ws, at) => {
      at('F33').value = null;
      at('F34').value = null;
    });
    expect(only(fs, 'NO_TARGET')).toEqual([]);
    expect(fs).toEqual([]);
  });
});

describe('NOT_A_NUMBER', () => {
  test('raised for text that is no amount and for an Excel error', async () => {
    const fs = await findings((_ws, at) => {
      at('F23').value = 'ukendt';
      at('G24').value = { error: '#REF!' } as ExcelJS.CellErrorValue;
    });
    const hits = only(fs, 'NOT_A_NUMBER');
    expect(hits.map((f) => [f.cell, f.severity])).toEqual([
      ['F23', 'error'],
      ['G24', 'error'],
    ]);
    expect(hits[0].message).toContain('"ukendt"');
    expect(hits[1].message).toContain('#REF!');
  });
  test('near miss: "100.000 kr." is an amount', async () => {
    const fs = await findings((_ws, at) => {
      at('F23').value = '100.000 kr.';
    });
    expect(only(fs, 'NOT_A_NUMBER')).toEqual([]);
  });
});

describe('TEXT_NUMBER', () => {
  test('raised for an amount stored as text', async () => {
    const f = expectOne(
      await findings((_ws, at) => {
        at('F22').value = '310.000';
      }),
      'TEXT_NUMBER',
      'warning',
      'F22',
    );
    expect(f.message).toContain('310.000');
  });
  test('near miss: the same amount as a number', async () => {
    expect(
      only(
        await findings((_ws, at) => {
          at('F22').value = 310000;
        }),
        'TEXT_NUMBER',
      ),
    ).toEqual([]);
  });
});

describe('ROW_TOTAL_MISMATCH', () => {
  test('raised when I ALT differs from the months', async () => {
    const f = expectOne(
      await findings((_ws, at) => {
        at('N23').value = 900000;
      }),
      'ROW_TOTAL_MISMATCH',
      'error',
      'N23',
    );
    expect(f.expected?.toNumber()).toBe(800000);
    expect(f.actual?.toNumber()).toBe(900000);
    expect(f.message).toContain('800.000 kr.');
  });
  test('raised for a stale cached =SUM result', async () => {
    const fs = await findings((_ws, at) => {
      at('N24').value = { formula: 'SUM(B24:M24)', result: 350000 };
    });
    expectOne(fs, 'ROW_TOTAL_MISMATCH', 'error', 'N24');
  });
  test('near miss: a typed total that is right', async () => {
    expect(
      only(
        await findings((_ws, at) => {
          at('N23').value = 800000;
        }),
        'ROW_TOTAL_MISMATCH',
      ),
    ).toEqual([]);
  });
});

describe('COLUMN_TOTAL_MISMATCH', () => {
  test('raised when a month\'s "I alt" differs from its column', async () => {
    const f = expectOne(
      await findings((_ws, at) => {
        at('F28').value = 1_000_000;
      }),
      'COLUMN_TOTAL_MISMATCH',
      'error',
      'F28',
    );
    expect(f.expected?.toNumber()).toBe(1_175_000);
    expect(f.message).toContain('maj');
  });
  test('near miss: the right total written as Danish text', async () => {
    const fs = await findings((_ws, at) => {
      at('F28').value = '1.175.000';
    });
    expect(only(fs, 'COLUMN_TOTAL_MISMATCH')).toEqual([]);
    expectOne(fs, 'TEXT_NUMBER', 'warning', 'F28');
  });
});

describe('GRAND_TOTAL_MISMATCH', () => {
  test('raised when the grand total differs from all months', async () => {
    const f = expectOne(
      await findings((_ws, at) => {
        at('N28').value = 9_300_000;
      }),
      'GRAND_TOTAL_MISMATCH',
      'error',
      'N28',
    );
    expect(f.expected?.toNumber()).toBe(9_400_000);
  });
  test('near miss: float noise in a cached result is not a mismatch', async () => {
    const fs = await findings((_ws, at) => {
      at('N28').value = { formula: 'SUM(B28:M28)', result: 9399999.999999998 };
    });
    expect(only(fs, 'GRAND_TOTAL_MISMATCH')).toEqual([]);
  });
});

describe('TOTAL_BELOW_TARGET / TOTAL_ABOVE_TARGET', () => {
  test('below: says by how much', async () => {
    const f = expectOne(
      await findings((_ws, at) => {
        at('F34').value = 10_000_000;
      }),
      'TOTAL_BELOW_TARGET',
      'error',
      'N28',
    );
    expect(f.message).toContain('600.000 kr.');
    expect(f.expected?.toNumber()).toBe(10_000_000);
    expect(f.actual?.toNumber()).toBe(9_400_000);
  });
  test('above: says by how much', async () => {
    const f = expectOne(
      await findings((_ws, at) => {
        at('F34').value = 9_000_000;
      }),
      'TOTAL_ABOVE_TARGET',
      'warning',
      'N28',
    );
    expect(f.message).toContain('400.000 kr.');
  });
  test('near miss: the target is met to the krone', async () => {
    const fs = await findings((_ws, at) => {
      at('F34').value = '9.400.000';
    });
    expect(only(fs, 'TOTAL_BELOW_TARGET')).toEqual([]);
    expect(only(fs, 'TOTAL_ABOVE_TARGET')).toEqual([]);
  });
  test('the target is "efter denne opdatering" over "ved opstart"', async () => {
    const fs = await findings((_ws, at) => {
      at('F32').value = 5_000_000;
    });
    expect(only(fs, 'TOTAL_ABOVE_TARGET')).toEqual([]);
  });
});

describe('EFFECT_BEFORE_START', () => {
  test('raised for effects before the start month', async () => {
    const content = cloneContent();
    content.startDate = '2021-06-01';
    const fs = only(await findings(undefined, content), 'EFFECT_BEFORE_START');
    expect(fs.map((f) => f.cell)).toEqual(['F22', 'F23', 'F24', 'F25', 'F26']);
    expect(fs[0].severity).toBe('warning');
  });
  test('near miss: effects start in the start month', async () => {
    const content = cloneContent();
    content.startDate = '2021-05-31';
    expect(only(await findings(undefined, content), 'EFFECT_BEFORE_START')).toEqual([]);
  });
});

describe('EFFECT_WITHOUT_INITIATIVE and INITIATIVE_WITHOUT_EFFECT', () => {
  test('amounts on row 6 without an initiative', async () => {
    const fs = await findings((_ws, at) => {
      at('M27').value = 1000;
      at('N27').value = 1000;
      at('M28').value = 1_176_000;
      at('N28').value = 9_401_000;
      at('F34').value = 9_401_000;
    });
    expectOne(fs, 'EFFECT_WITHOUT_INITIATIVE', 'warning', 'A27');
    expect(fs.filter((f) => f.code !== 'EFFECT_WITHOUT_INITIATIVE')).toEqual([]);
  });
  test('an initiative without effect', async () => {
    const fs = await findings((_ws, at) => {
      at('B18').value = '5.22 Plejefamilier';
      at('C18').value = 'Flere plejefamilier';
    });
    expectOne(fs, 'INITIATIVE_WITHOUT_EFFECT', 'warning', 'A18');
  });
  test('near miss: initiative 6 with both text and effect', async () => {
    const fs = await findings((_ws, at) => {
      at('B18').value = '5.22 Plejefamilier';
      at('M27').value = 1000;
      at('N27').value = 1000;
      at('M28').value = 1_176_000;
      at('N28').value = 9_401_000;
      at('F34').value = 9_401_000;
    });
    expect(fs).toEqual([]);
  });
});

describe('YEAR_MISMATCH', () => {
  test('raised at the label whose year disagrees', async () => {
    const f = expectOne(
      await findings((_ws, at) => {
        at('A31').value = 'PR. 31.12.2020';
      }),
      'YEAR_MISMATCH',
      'error',
      'A31',
    );
    expect(f.message).toContain('2021');
  });
  test('raised at the month table title', async () => {
    expectOne(
      await findings((_ws, at) => {
        at('A20').value = 'ØKONOMISK EFFEKT FORDELT PR. MÅNED I 2022';
      }),
      'YEAR_MISMATCH',
      'error',
      'A20',
    );
  });
  test('near miss: same year written differently', async () => {
    expect(
      only(
        await findings((_ws, at) => {
          at('A31').value = 'pr. 31.12.2021';
          at('A1').value = 'Handleplan 2021';
        }),
        'YEAR_MISMATCH',
      ),
    ).toEqual([]);
  });
});

describe('UPDATED_BEFORE_START', () => {
  test('raised when "Opdateret" is before the start', async () => {
    const content = cloneContent();
    content.updatedDate = '2021-04-01';
    expectOne(await findings(undefined, content), 'UPDATED_BEFORE_START', 'warning', 'B7');
  });
  test('near miss: updated the same day', async () => {
    expect(only(await findings(), 'UPDATED_BEFORE_START')).toEqual([]);
  });
});

describe('PLAN_TRIGGER', () => {
  const withBudget =
    (budget: number | string, sentence?: string): Edit =>
    (_ws, at) => {
      at('A8').value = 'Korrigeret budget:';
      at('B8').value = budget;
      if (sentence) at('A2').value = sentence;
    };
  test('with a corrected budget: overrun in kr. and %, plan required', async () => {
    const f = expectOne(await findings(withBudget(313_000_000)), 'PLAN_TRIGGER', 'info', 'B8');
    expect(f.message).toContain('9.400.000 kr.');
    expect(f.message).toContain('3 %');
    expect(f.message).toContain('udløser krav');
  });
  test('the thresholds come from the template sentence (4 % / 10 mio.)', async () => {
    const f = expectOne(
      await findings(
        withBudget('313.000.000', 'Udarbejdes ved forventet merforbrug på 4 % af korrigeret budget - eller 10 mio.kr.'),
      ),
      'PLAN_TRIGGER',
      'info',
      'B8',
    );
    expect(f.message).toContain('under grænsen');
    expect(f.message).toContain('4 %');
  });
  test('near miss: no corrected budget, no trigger finding', async () => {
    expect(only(await findings(), 'PLAN_TRIGGER')).toEqual([]);
  });
});

test('every month column is checked', async () => {
  const fs = await findings((_ws, at) => {
    for (const c of MONTH_COLS) at(`${c}28`).value = 1;
  });
  expect(only(fs, 'COLUMN_TOTAL_MISMATCH')).toHaveLength(12);
});

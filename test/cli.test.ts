import ExcelJS from 'exceljs';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cli } from './support/cli';
import { planWorkbook, xlsxBuffer } from './support/workbooks';

const ROOT = resolve(__dirname, '..');
const EXAMPLE = 'examples/handleplan-slagelse-2021.xlsx';
const CORPUS = resolve(ROOT, 'test/corpus/exceljs');
const tmp = mkdtempSync(join(tmpdir(), 'handleplan-cli-'));

const STACK = /\n\s+at |Error:|TypeError|node:internal/;

describe('handleplan validate', () => {
  beforeAll(() => process.chdir(ROOT));

  test('--json prints the spec §8 object for the example', async () => {
    const { code, stdout, stderr } = await cli('validate', EXAMPLE, '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      file: EXAMPLE,
      tables: [
        {
          sheet: 'Handleplan 2021',
          kind: 'handleplan',
          range: 'A1:N34',
          summary: {
            year: 2021,
            target: 9400000,
            total: 9400000,
            initiatives: 5,
            startDate: '2021-04-22',
            updatedDate: '2021-04-22',
          },
        },
      ],
      findings: [],
    });
  });

  test('the readable report names the figures in Danish', async () => {
    const { code, stdout } = await cli('validate', EXAMPLE);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Indsatser:\s+5/);
    expect(stdout).toMatch(/Mål \(forventet merforbrug\):\s+9\.400\.000 kr\./);
    expect(stdout).toMatch(/Planlagt effekt:\s+9\.400\.000 kr\./);
    expect(stdout).toContain('Ingen fejl.');
  });

  test('errors give exit 1 and findings with cell, expected and actual', async () => {
    const file = join(tmp, 'wrong-total.xlsx');
    writeFileSync(
      file,
      await xlsxBuffer(
        planWorkbook(undefined, {
          edit: (_ws, at) => {
            at('N23').value = 900000;
          },
        }),
      ),
    );
    const { code, stdout } = await cli('validate', file, '--json');
    expect(code).toBe(1);
    expect(JSON.parse(stdout).findings).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'ROW_TOTAL_MISMATCH',
        sheet: 'Handleplan 2021',
        cell: 'N23',
        expected: 800000,
        actual: 900000,
      }),
    ]);
    const text = await cli('validate', file);
    expect(text.stdout).toContain('FEJL');
    expect(text.stdout).toContain('Handleplan 2021!N23');
  });

  test('warnings only give exit 0', async () => {
    const file = join(tmp, 'text-amount.xlsx');
    writeFileSync(
      file,
      await xlsxBuffer(
        planWorkbook(undefined, {
          edit: (_ws, at) => {
            at('F22').value = '310.000';
          },
        }),
      ),
    );
    const { code, stdout } = await cli('validate', file, '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).findings.map((f: { code: string }) => f.code)).toEqual(['TEXT_NUMBER']);
  });

  test('--sheet picks one sheet; an unknown sheet is exit 2', async () => {
    expect((await cli('validate', EXAMPLE, '--sheet', 'handleplan 2021', '--json')).code).toBe(0);
    const missing = await cli('validate', EXAMPLE, '--sheet', 'Findes ikke');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('Arket "Findes ikke" findes ikke i "examples/handleplan-slagelse-2021.xlsx".');
  });

  describe('bad input gives exit 2 and one Danish line', () => {
    const cases: [string, () => Promise<string> | string, RegExp][] = [
      ['missing file', () => join(tmp, 'nope.xlsx'), /findes ikke/],
      [
        'empty file',
        () => {
          const f = join(tmp, 'empty.xlsx');
          writeFileSync(f, '');
          return f;
        },
        /er tom/,
      ],
      [
        'random bytes',
        () => {
          const f = join(tmp, 'random.xlsx');
          writeFileSync(f, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)));
          return f;
        },
        /ikke en Excel-projektmappe/,
      ],
      [
        'a CSV renamed',
        () => {
          const f = join(tmp, 'data.xlsx');
          writeFileSync(f, 'Indsats;JAN;FEB\n1;310.000;310.000\n');
          return f;
        },
        /ikke en Excel-projektmappe/,
      ],
      [
        'an old .xls renamed',
        () => {
          const f = join(tmp, 'old.xlsx');
          writeFileSync(f, Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(2048)]));
          return f;
        },
        /gammel \.xls-fil eller beskyttet med adgangskode/,
      ],
      [
        'a zip that is no workbook',
        () => {
          const f = join(tmp, 'zip.xlsx');
          writeFileSync(f, Buffer.from('504b0506' + '00'.repeat(18), 'hex'));
          return f;
        },
        /er en zip-fil, men ikke en Excel-projektmappe/,
      ],
      [
        'a workbook with no plan',
        async () => {
          const wb = new ExcelJS.Workbook();
          wb.addWorksheet('Ark1').getCell('A1').value = 'Budget 2021';
          const f = join(tmp, 'noplan.xlsx');
          writeFileSync(f, Buffer.from(await wb.xlsx.writeBuffer()));
          return f;
        },
        /ikke fundet nogen handleplan/,
      ],
      ['a folder', () => tmp, /er en mappe/],
    ];
    test.each(cases)('%s', async (_name, make, message) => {
      const file = await make();
      for (const json of [[], ['--json']]) {
        const { code, stdout, stderr } = await cli('validate', file, ...json);
        expect(code).toBe(2);
        expect(stdout).toBe('');
        expect(stderr).toMatch(message);
        expect(stderr.split('\n')).toHaveLength(1);
        expect(stderr).not.toMatch(STACK);
      }
    });

    test('usage errors', async () => {
      expect((await cli('frobnicate')).stderr).toMatch(/Ukendt kommando "frobnicate"/);
      expect((await cli('validate')).code).toBe(2);
      expect((await cli('validate', EXAMPLE, '--bogus')).stderr).toBe('Ukendt tilvalg "--bogus".');
    });
  });

  test('every corpus workbook gives exit 0, 1 or 2 and no stack trace', async () => {
    const files = readdirSync(CORPUS).filter((f) => f.endsWith('.xlsx'));
    expect(files.length).toBeGreaterThanOrEqual(30);
    for (const f of files) {
      const { code, stderr, stdout } = await cli('validate', join(CORPUS, f), '--json');
      expect([0, 1, 2]).toContain(code);
      expect(stderr).not.toMatch(STACK);
      if (code === 2) expect(stderr.split('\n')).toHaveLength(1);
      else expect(() => JSON.parse(stdout)).not.toThrow();
    }
  });
});

describe('the installed command', () => {
  beforeAll(() => execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: ROOT }));

  test('bin/handleplan.js runs the demo', () => {
    const r = spawnSync(process.execPath, ['bin/handleplan.js', 'validate', EXAMPLE], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('9.400.000 kr.');
    // The engine flag bin/handleplan.js sets is one this Node knows: an unknown one is a line here.
    expect(r.stderr).toBe('');
  });

  test('a corrupt file in a real process: exit 2, one line, no stack trace', () => {
    const r = spawnSync(process.execPath, ['bin/handleplan.js', 'validate', join(CORPUS, 'invalid-xml.xlsx')], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(STACK);
  });
});

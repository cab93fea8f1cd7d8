/**
 * .xlsx files: never destroy what the user has, never a file Excel must repair. Each test
 * reproduces a way a valid but unusual file, or a command line, lost data or made a broken file.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { existsSync, linkSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeInflate } from '../src/cli/zlib';
import { Package } from '../src/xlsx/package';
import { readXlsx } from '../src/xlsx/read';
import { MAX_TOKEN_CHARS, XmlTokenizer } from '../src/xlsx/xml';
import { cli } from './support/cli';
import { planWorkbook, xlsxBuffer } from './support/workbooks';

const tmp = mkdtempSync(join(tmpdir(), 'handleplan-safety-'));

/** The parts of a package as text (XML and relationships), to change as another program writes. */
async function patched(data: Uint8Array | Buffer, edit: (parts: Record<string, string>) => void): Promise<Uint8Array> {
  const files = unzipSync(new Uint8Array(data));
  const text: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(files)) if (/\.xml$|\.rels$/.test(name)) text[name] = strFromU8(bytes);
  edit(text);
  for (const [name, t] of Object.entries(text)) files[name] = strToU8(t);
  return zipSync(files);
}

const file = (name: string, data: Uint8Array | Buffer) => {
  const path = join(tmp, name);
  writeFileSync(path, data);
  return path;
};

/** Sheet names of a package, as its workbook part lists them (decoded). */
async function sheetNames(data: Uint8Array): Promise<string[]> {
  const pkg = new Package(data, nodeInflate);
  return (await pkg.workbook()).sheets.map((s) => s.name);
}

const plan = () => xlsxBuffer(planWorkbook(undefined, { sheetsBefore: ['Budget år'] }));

describe('a sheet name written with a character reference', () => {
  const input = async () =>
    patched(await plan(), (p) => {
      p['xl/workbook.xml'] = p['xl/workbook.xml'].replace('name="Budget år"', 'name="Budget &#229;r"');
    });

  test.each([
    ['project', []],
    ['new-year', ['--year', '2022']],
  ])('%s keeps the sheet "Budget år"', async (command, extra) => {
    const inPath = file(`entity-${command}.xlsx`, await input());
    const out = join(tmp, `entity-${command}-out.xlsx`);
    const r = await cli(command, inPath, ...extra, '-o', out);
    expect(r.code).toBe(0);
    const names = await sheetNames(readFileSync(out));
    expect(names).toContain('Budget år');
    expect(names).toContain('Handleplan 2021');
  });
});

describe('relationships and content types patched through the tokenizer', () => {
  test('a comment holding </Relationships> or </Types> stays a comment', async () => {
    const input = await patched(await plan(), (p) => {
      p['xl/_rels/workbook.xml.rels'] = p['xl/_rels/workbook.xml.rels'].replace(
        /(<Relationships[^>]*>)/,
        '$1<!-- kopi: </Relationships> -->',
      );
      p['[Content_Types].xml'] = p['[Content_Types].xml'].replace(/(<Types[^>]*>)/, '$1<!-- </Types> -->');
    });
    const out = join(tmp, 'comments-out.xlsx');
    expect((await cli('project', file('comments.xlsx', input), '-o', out)).code).toBe(0);
    const parts = unzipSync(new Uint8Array(readFileSync(out)));
    const rels = strFromU8(parts['xl/_rels/workbook.xml.rels']);
    const types = strFromU8(parts['[Content_Types].xml']);
    expect(rels).toContain('<!-- kopi: </Relationships> -->');
    // The new relationship and override stand in the element, after the comment, not inside it.
    expect(rels.indexOf('rIdHp1')).toBeGreaterThan(rels.indexOf('-->'));
    expect(rels.lastIndexOf('</Relationships>')).toBeGreaterThan(rels.indexOf('rIdHp1'));
    expect(types.indexOf('sheet3.xml')).toBeGreaterThan(types.indexOf('-->'));
    expect((await readXlsx(new Uint8Array(readFileSync(out)), nodeInflate)).snapshot.sheets.map((s) => s.name)).toEqual(
      ['Budget år', 'Handleplan 2021', 'Fremskrivning 2021'],
    );
  });

  test('an empty <definedNames/> (Google Sheets, openpyxl) gives one definedNames element', async () => {
    const input = await patched(await plan(), (p) => {
      p['xl/workbook.xml'] = p['xl/workbook.xml'].replace(/<definedNames>[\s\S]*?<\/definedNames>|<\/sheets>/, (m) =>
        m === '</sheets>' ? '</sheets><definedNames/>' : '<definedNames/>',
      );
    });
    expect(strFromU8(unzipSync(input)['xl/workbook.xml'])).toContain('<definedNames/>');
    const out = join(tmp, 'empty-names-out.xlsx');
    expect((await cli('project', file('empty-names.xlsx', input), '-o', out)).code).toBe(0);
    const wb = strFromU8(unzipSync(new Uint8Array(readFileSync(out)))['xl/workbook.xml']);
    expect(wb.match(/<definedNames\b/g)).toHaveLength(1);
    expect(wb).not.toContain('<definedNames/>');
  });
});

describe('reading stays linear in what is read', () => {
  test('a long text run fed in small chunks is scanned about once', () => {
    const texts: string[] = [];
    const t = new XmlTokenizer({ open() {}, close() {}, text: (x) => texts.push(x) });
    const body = 'x'.repeat(4 * 1024 * 1024);
    const xml = `<a>${body}&amp;</a>`;
    for (let i = 0; i < xml.length; i += 1024) t.write(xml.slice(i, i + 1024));
    t.end();
    expect(texts.join('')).toBe(`${body}&`);
    expect(t.scanned).toBeLessThan(2 * xml.length);
  });

  test('a long attribute (below the limit) fed in small chunks is scanned about once', () => {
    const opened: string[] = [];
    const t = new XmlTokenizer({ open: (_n, attrs) => opened.push(attrs), close() {}, text() {} });
    const xml = `<a><b x="${'9'.repeat(MAX_TOKEN_CHARS - 100)}"/></a>`;
    for (let i = 0; i < xml.length; i += 1024) t.write(xml.slice(i, i + 1024));
    t.end();
    expect(opened[1].length).toBeGreaterThan(MAX_TOKEN_CHARS - 100);
    expect(t.scanned).toBeLessThan(3 * xml.length);
  });

  test('a tag beyond the limit, or a cell text beyond 32.767 characters, is refused with one Danish line', async () => {
    const long = async (xml: string) =>
      patched(await xlsxBuffer(planWorkbook()), (p) => {
        p['xl/worksheets/sheet1.xml'] = p['xl/worksheets/sheet1.xml'].replace('<sheetData>', `<sheetData>${xml}`);
      });
    const attr = await cli(
      'validate',
      file('long-attr.xlsx', await long(`<row r="99" spans="${'9'.repeat(MAX_TOKEN_CHARS + 10)}"/>`)),
    );
    expect(attr.code).toBe(2);
    expect(attr.stderr).toMatch(/^Filen ".*" er for stor til Handleplan: en enkelt markering/);
    const text = await cli(
      'validate',
      file(
        'long-text.xlsx',
        await long(`<row r="99"><c r="A99" t="inlineStr"><is><t>${'x'.repeat(40_000)}</t></is></c></row>`),
      ),
    );
    expect(text.code).toBe(2);
    expect(text.stderr).toMatch(/en celle indeholder mere tekst, end Excel tillader .*32\.767 tegn/);
  });
});

export { existsSync, linkSync, symlinkSync };

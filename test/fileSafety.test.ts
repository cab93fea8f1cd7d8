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

  test('a tag beyond the limit, or a cell text far beyond Excel’s 32.767 characters, is refused with one Danish line', async () => {
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
        await long(`<row r="99"><c r="A99" t="inlineStr"><is><t>${'x'.repeat(40 * 32_767)}</t></is></c></row>`),
      ),
    );
    expect(text.code).toBe(2);
    expect(text.stderr).toMatch(/en celle indeholder langt mere tekst, end Excel tillader .*1\.048\.544 tegn/);
  });
});

describe('-o is never the input, never a device or pipe', () => {
  const input = async (name: string) => file(name, await plan());
  const commands: [string, (inPath: string, out: string) => string[]][] = [
    ['project', (i, o) => ['project', i, '-o', o]],
    ['new-year', (i, o) => ['new-year', i, '--year', '2022', '-o', o]],
    ['status', (i, o) => ['status', i, '--month', '2021-09', '-o', o]],
    ['forecast', (i, o) => ['forecast', i, '--year', '2021', '-o', o]],
  ];
  test.each(commands)('%s refuses the input itself, ./ of it, a symbolic and a hard link to it', async (name, args) => {
    const inPath = await input(`same-${name}.xlsx`);
    const before = readFileSync(inPath);
    const sym = join(tmp, `same-${name}-sym.xlsx`);
    symlinkSync(inPath, sym);
    const hard = join(tmp, `same-${name}-hard.xlsx`);
    linkSync(inPath, hard);
    const { relative: rel } = await import('node:path');
    const relative = `./${rel(process.cwd(), inPath)}`;
    for (const out of [
      inPath,
      join(tmp, '.', `same-${name}.xlsx`),
      sym,
      hard,
      ...(inPath.startsWith(process.cwd()) ? [relative] : []),
    ]) {
      const r = await cli(...args(inPath, out));
      expect([out, r.code]).toEqual([out, 2]);
      expect(r.stderr).toMatch(/er inputfilen selv/);
    }
    expect(readFileSync(inPath).equals(before)).toBe(true);
  });

  test('the report refuses to overwrite its input too', async () => {
    const inPath = await input('same-report.xlsx');
    const docxLink = join(tmp, 'same-report.docx');
    symlinkSync(inPath, docxLink);
    const r = await cli('report', inPath, '--month', '2021-09', '-o', docxLink);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/er inputfilen selv/);
  });

  test('a named pipe as -o is refused and stays a pipe', async () => {
    const { execFileSync } = await import('node:child_process');
    const { lstatSync } = await import('node:fs');
    const fifo = join(tmp, 'pipe.xlsx');
    execFileSync('mkfifo', [fifo]);
    const r = await cli('project', await input('fifo-in.xlsx'), '-o', fifo);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/er ikke en almindelig fil/);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });
});

/** The plan as a macro workbook: the macro content type and a VBA project (bytes of our own). */
async function macroWorkbook(): Promise<Uint8Array> {
  const files = unzipSync(new Uint8Array(await plan()));
  const t = (n: string) => strFromU8(files[n]);
  files['[Content_Types].xml'] = strToU8(
    t('[Content_Types].xml')
      .replace('spreadsheetml.sheet.main+xml', 'XXX')
      .replace(/ContentType="[^"]*XXX"/, 'ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"')
      .replace('<Default ', '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default '),
  );
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    t('xl/_rels/workbook.xml.rels').replace(
      '</Relationships>',
      '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>',
    ),
  );
  files['xl/vbaProject.bin'] = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3, 4, 5, 6, 7, 8]);
  return zipSync(files);
}

describe('a macro workbook stays a macro workbook', () => {
  test('.xlsm in, .xlsm out: macros and the macro content type kept byte for byte', async () => {
    const inPath = file('makro.xlsm', await macroWorkbook());
    const out = join(tmp, 'makro-out.xlsm');
    expect((await cli('project', inPath, '-o', out)).code).toBe(0);
    const parts = unzipSync(new Uint8Array(readFileSync(out)));
    expect([...parts['xl/vbaProject.bin']]).toEqual([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(strFromU8(parts['[Content_Types].xml'])).toContain('macroEnabled.main+xml');
  });

  test('a macro workbook under an .xlsx name, a plain one under .xlsm, or out.docx: one Danish line each', async () => {
    const macro = file('makro2.xlsm', await macroWorkbook());
    const a = await cli('project', macro, '-o', join(tmp, 'makro2-out.xlsx'));
    expect([a.code, a.stderr]).toEqual([2, expect.stringMatching(/indeholder makroer, så den skal gemmes som \.xlsm/)]);
    const plain = file('plain.xlsx', await plan());
    const b = await cli('project', plain, '-o', join(tmp, 'plain-out.xlsm'));
    expect([b.code, b.stderr]).toEqual([2, expect.stringMatching(/ingen makroer, så den skal gemmes som \.xlsx/)]);
    const c = await cli('project', plain, '-o', join(tmp, 'out.docx'));
    expect([c.code, c.stderr]).toEqual([2, expect.stringMatching(/skal hedde \.xlsx/)]);
    expect(existsSync(join(tmp, 'makro2-out.xlsx')) || existsSync(join(tmp, 'plain-out.xlsm'))).toBe(false);
  });

  test('browser mode offers a macro workbook as .xlsm', async () => {
    const { updatedFileName } = await import('../src/xlsx/kind');
    const { XlsxWorkbookAdapter } = await import('../src/xlsx/adapter');
    const { nodeDeflate } = await import('../src/cli/zlib');
    const adapter = new XlsxWorkbookAdapter(
      await macroWorkbook(),
      { inflate: nodeInflate, deflate: nodeDeflate },
      () => {},
    );
    const macro = await adapter.isMacroWorkbook();
    expect(updatedFileName('Budget.xlsm', macro)).toBe('Budget (opdateret).xlsm');
    expect(updatedFileName('Budget.xlsx', false)).toBe('Budget (opdateret).xlsx');
  });
});

describe('packages that can be read more than one way are damaged', () => {
  test('two entries whose names differ only in case', async () => {
    const files = unzipSync(new Uint8Array(await plan()));
    files['xl/Worksheets/Sheet1.xml'] = files['xl/worksheets/sheet1.xml'];
    const r = await cli('validate', file('case.xlsx', zipSync(files)));
    expect([r.code, r.stderr]).toEqual([2, expect.stringMatching(/kan læses på mere end én måde/)]);
  });

  test('a DOCTYPE (with "]>" inside an entity value) in the shared strings', async () => {
    const input = await patched(await plan(), (p) => {
      p['xl/sharedStrings.xml'] = p['xl/sharedStrings.xml'].replace('?>', '?><!DOCTYPE sst [<!ENTITY e "]>">]>');
    });
    const r = await cli('validate', file('doctype.xlsx', input));
    expect([r.code, r.stderr]).toEqual([2, expect.stringMatching(/kan læses på mere end én måde/)]);
  });
});

describe('what a run leaves, and the specific lines', () => {
  test('a temporary of a killed run is removed by the next one; a running one is left', async () => {
    const inPath = file('temp-in.xlsx', await plan());
    const out = join(tmp, 'temp-out.xlsx');
    const dead = join(tmp, '.temp-out.xlsx.999999999.abc123.tmp');
    const alive = join(tmp, `.temp-out.xlsx.${process.ppid}.def456.tmp`);
    const other = join(tmp, '.andet.xlsx.999999999.abc123.tmp');
    for (const f of [dead, alive, other]) writeFileSync(f, 'halvt skrevet');
    expect((await cli('project', inPath, '-o', out)).code).toBe(0);
    expect([existsSync(dead), existsSync(alive), existsSync(other)]).toEqual([false, true, true]);
  });

  test('a 300-character name, a cell beyond XFD and a dangling folder link each get their own line', async () => {
    const inPath = file('lines-in.xlsx', await plan());
    const long = await cli('project', inPath, '-o', join(tmp, `${'a'.repeat(300)}.xlsx`));
    expect([long.code, long.stderr]).toEqual([2, expect.stringMatching(/for langt til filsystemet/)]);
    const beyond = await patched(await plan(), (p) => {
      p['xl/worksheets/sheet2.xml'] = p['xl/worksheets/sheet2.xml'].replace('</row>', '<c r="XFE1"><v>1</v></c></row>');
    });
    const xfe = await cli('validate', file('xfe.xlsx', beyond));
    expect([xfe.code, xfe.stderr]).toEqual([2, expect.stringMatching(/celle \(XFE1\) uden for Excels ark/)]);
    const link = join(tmp, 'ingen-mappe');
    symlinkSync(join(tmp, 'findes-ikke'), link);
    const dangling = await cli('project', inPath, '-o', join(link, 'ud.xlsx'));
    expect([dangling.code, dangling.stderr]).toEqual([
      2,
      expect.stringMatching(/er en genvej til noget, der ikke findes/),
    ]);
  });

  test('a Strict Open XML workbook is read, and a write to it is refused with one Danish line', async () => {
    const strict = await patched(await plan(), (p) => {
      p['_rels/.rels'] = p['_rels/.rels'].replace(
        'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument',
        'http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument',
      );
    });
    const inPath = file('strict.xlsx', strict);
    expect((await cli('validate', inPath)).code).toBe(0);
    const r = await cli('project', inPath, '-o', join(tmp, 'strict-out.xlsx'));
    expect([r.code, r.stderr]).toEqual([2, expect.stringMatching(/Strict Open XML/)]);
  });
});

describe('writing twice gives the package of writing once', () => {
  test('project → project → project: styles and the sheet list byte for byte the same', async () => {
    const first = join(tmp, 'idem-1.xlsx');
    const second = join(tmp, 'idem-2.xlsx');
    const third = join(tmp, 'idem-3.xlsx');
    expect((await cli('project', file('idem-0.xlsx', await plan()), '-o', first)).code).toBe(0);
    expect((await cli('project', first, '-o', second)).code).toBe(0);
    expect((await cli('project', second, '-o', third)).code).toBe(0);
    const parts = [first, second, third].map((f) => unzipSync(new Uint8Array(readFileSync(f))));
    const styles = parts.map((p) => strFromU8(p['xl/styles.xml']));
    expect(styles[1]).toBe(styles[0]);
    expect(styles[2]).toBe(styles[0]);
    const sheets = await Promise.all([first, second, third].map((f) => sheetNames(new Uint8Array(readFileSync(f)))));
    expect(sheets[1]).toEqual(sheets[0]);
    expect(sheets[2]).toEqual(sheets[0]);
    expect(strFromU8(parts[2]['docProps/app.xml'])).toBe(strFromU8(parts[0]['docProps/app.xml']));
  });

  test('forecast twice leaves its own sheet (the controller’s figures) and adds no "(2)"', async () => {
    const once = join(tmp, 'fc-1.xlsx');
    const twice = join(tmp, 'fc-2.xlsx');
    expect((await cli('forecast', file('fc-0.xlsx', await plan()), '--year', '2021', '-o', once)).code).toBe(0);
    const r = await cli('forecast', once, '--year', '2021', '-o', twice);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/findes allerede/);
    expect(await sheetNames(new Uint8Array(readFileSync(twice)))).toEqual(
      await sheetNames(new Uint8Array(readFileSync(once))),
    );
  });

  test('the sheet list in docProps/app.xml follows the workbook', async () => {
    const out = join(tmp, 'app-out.xlsx');
    expect((await cli('project', file('app.xlsx', await plan()), '-o', out)).code).toBe(0);
    const app = strFromU8(unzipSync(new Uint8Array(readFileSync(out)))['docProps/app.xml']);
    expect(app).toContain('<vt:i4>3</vt:i4>');
    expect(app).toContain(
      '<vt:vector size="3" baseType="lpstr"><vt:lpstr>Budget år</vt:lpstr><vt:lpstr>Handleplan 2021</vt:lpstr><vt:lpstr>Fremskrivning 2021</vt:lpstr></vt:vector>',
    );
  });
});

describe('styles as other programs write them', () => {
  test('a <numFmt> inside <dxfs> is no cell number format: counts stay right, ids do not collide', async () => {
    const input = await patched(await plan(), (p) => {
      p['xl/styles.xml'] = p['xl/styles.xml'].replace(
        /<dxfs[^>]*\/>|<dxfs[^>]*>[\s\S]*?<\/dxfs>/,
        '<dxfs count="1"><dxf><numFmt numFmtId="200" formatCode="0.0%"/></dxf></dxfs>',
      );
      if (!p['xl/styles.xml'].includes('numFmtId="200"'))
        p['xl/styles.xml'] = p['xl/styles.xml'].replace(
          '</cellXfs>',
          '</cellXfs><dxfs count="1"><dxf><numFmt numFmtId="200" formatCode="0.0%"/></dxf></dxfs>',
        );
    });
    const out = join(tmp, 'dxf-out.xlsx');
    expect((await cli('status', file('dxf.xlsx', input), '--month', '2021-09', '-o', out)).code).toBe(0);
    const styles = strFromU8(unzipSync(new Uint8Array(readFileSync(out)))['xl/styles.xml']);
    const numFmts = /<numFmts count="(\d+)">([\s\S]*?)<\/numFmts>/.exec(styles)!;
    expect(Number(numFmts[1])).toBe((numFmts[2].match(/<numFmt\b/g) ?? []).length);
    expect(numFmts[2]).not.toContain('numFmtId="200"');
    const dxfs = /<dxfs count="(\d+)">([\s\S]*?)<\/dxfs>/.exec(styles)!;
    expect(Number(dxfs[1])).toBe((dxfs[2].match(/<dxf>/g) ?? []).length);
  });

  test('a styles relationship whose part is missing is used, not doubled', async () => {
    const files = unzipSync(new Uint8Array(await plan()));
    delete files['xl/styles.xml'];
    const out = join(tmp, 'nostyles-out.xlsx');
    expect((await cli('project', file('nostyles.xlsx', zipSync(files)), '-o', out)).code).toBe(0);
    const parts = unzipSync(new Uint8Array(readFileSync(out)));
    const rels = strFromU8(parts['xl/_rels/workbook.xml.rels']);
    expect(rels.match(/relationships\/styles"/g)).toHaveLength(1);
    expect(parts['xl/styles.xml']).toBeDefined();
  });
});

describe('status regeneration keeps every note', () => {
  test('a note typed in a free cell of "Status september 2021" is kept (or moved, and said so)', async () => {
    const first = join(tmp, 'note-1.xlsx');
    expect((await cli('status', file('note-0.xlsx', await plan()), '--month', '2021-09', '-o', first)).code).toBe(0);
    const withNote = await patched(readFileSync(first), (p) => {
      const part = Object.keys(p).find(
        (k) => /worksheets\/sheet\d+\.xml$/.test(k) && p[k].includes('STATUS SEPTEMBER'),
      )!;
      p[part] = p[part].replace(
        '</sheetData>',
        '<row r="40"><c r="J40" t="inlineStr"><is><t>Husk møde med leverandøren</t></is></c></row></sheetData>',
      );
      p[part] = p[part].replace(/(<row r="2"[^>]*>)/, '$1<c r="D2" t="inlineStr"><is><t>Tjekket af TAJ</t></is></c>');
    });
    const second = join(tmp, 'note-2.xlsx');
    const r = await cli('status', file('note-noted.xlsx', withNote), '--month', '2021-09', '-o', second);
    expect(r.code).toBe(0);
    const snapshot = (await readXlsx(new Uint8Array(readFileSync(second)), nodeInflate, { all: true })).snapshot;
    const sheet = snapshot.sheets.find((s) => s.name === 'Status september 2021')!;
    const texts = sheet.values.flat().filter((v) => typeof v === 'string');
    expect(texts).toContain('Husk møde med leverandøren');
    expect(texts).toContain('Tjekket af TAJ');
  });
});

import fc from 'fast-check';
import { cut } from './support/chunks';
import { detach, XmlTokenizer } from '../src/xlsx/xml';

/** Every event the tokenizer gives, as one string per event. */
function events(chunks: string[]): string[] {
  const out: string[] = [];
  const text = (text: string) => {
    // Text may come in pieces; join neighbours so that the comparison is about content.
    if (out.length && out[out.length - 1].startsWith('text ')) out[out.length - 1] += text;
    else out.push(`text ${text}`);
  };
  const t = new XmlTokenizer({
    open: (name, attrs, selfClosing) => out.push(`open ${name} [${attrs}] ${selfClosing}`),
    close: (name) => out.push(`close ${name}`),
    text,
  });
  for (const c of chunks) t.write(c);
  t.end();
  return out;
}

const SAMPLE =
  '<?xml version="1.0"?><x:worksheet xmlns:x="u">' +
  '<sheetData><row r="1"><c r="A1" t="s" s=\'3\'><v>12</v></c><c r="B1" note="a>b" t="str">' +
  '<f>SUM(A1:A2)</f><v>Tom &amp; Jerry &#248; &#xE6;</v></c><!-- a > comment --><c r="C1"/>' +
  `<c r="D1" t="inlineStr" q='1>0 "x"'><is><t xml:space="preserve"> Mål for indsats 1 </t></is></c></row>` +
  '</sheetData><![CDATA[<not a tag>]]></x:worksheet>';

describe('XML tokenizer', () => {
  it('refuses a DOCTYPE: OPC allows none, and an internal subset can be read more than one way', () => {
    for (const doc of ['<!DOCTYPE x [<!ENTITY e "]>">]><x/>', '<!DOCTYPE x><x/>'])
      expect(() => events([doc])).toThrow(
        expect.objectContaining({ code: 'Corrupt', params: { what: 'ambiguous', part: 'DOCTYPE' } }),
      );
  });

  it('reads tags, attributes (a ">" inside quotes), entities, comments and CDATA', () => {
    const e = events([SAMPLE]);
    expect(e).toContain('open c [ r="A1" t="s" s=\'3\'] false');
    expect(e).toContain('open c [ r="B1" note="a>b" t="str"] false');
    expect(e).toContain('open c [ r="C1"] true');
    expect(e).toContain('text Tom & Jerry ø æ');
    expect(e).toContain('text  Mål for indsats 1 ');
    expect(e).toContain(`open c [ r="D1" t="inlineStr" q='1>0 "x"'] false`);
    expect(e).toContain('open worksheet [ xmlns:x="u"] false');
    expect(e).toContain('text <not a tag>');
    expect(e.some((x) => x.includes('comment') || x.includes('ENTITY'))).toBe(false);
  });

  it('gives the same events however the text is cut into chunks', () => {
    const whole = events([SAMPLE]);
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 12 }), (at) => {
        expect(events(cut(SAMPLE, at))).toEqual(whole);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the same events for generated documents cut anywhere', () => {
    const attrValue = fc.oneof(
      fc.stringMatching(/^[a-z0-9 >/=']{0,6}$/).map((v) => `"${v}"`),
      fc.stringMatching(/^[a-z0-9 >/="]{0,6}$/).map((v) => `'${v}'`),
    );
    const element = fc.tuple(
      fc.constantFrom('c', 'v', 'row', 'x:t'),
      attrValue,
      fc.stringMatching(/^[a-zæø &;<]{0,8}$/),
    );
    const doc = fc
      .array(element, { maxLength: 8 })
      .map((els) =>
        els
          .map(
            ([name, value, text]) =>
              `<${name} a=${value}>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</${name}>`,
          )
          .join('\n'),
      );
    fc.assert(
      fc.property(doc, fc.array(fc.nat(), { maxLength: 10 }), (xml, at) => {
        expect(events(cut(xml, at))).toEqual(events([xml]));
      }),
      { numRuns: 1000 },
    );
  });

  it('detaches a text from the large string it was cut from, keeping it equal', () => {
    const big = 'Handleplan ' + 'x'.repeat(100_000);
    const piece = big.slice(0, 40);
    expect(detach(piece)).toBe(piece);
    expect(detach('kort')).toBe('kort');
  });
});

describe('cell attributes as other writers put them', () => {
  it('reads r, t and s in any order, in either quote, with spaces and entities, or missing', async () => {
    const { addSheetPart, bigWorkbook } = await import('./support/bigWorkbooks');
    const { nodeInflate } = await import('../src/cli/zlib');
    const { Package } = await import('../src/xlsx/package');
    const { readWorkbook } = await import('../src/xlsx/read');
    const xml =
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
      `<row r="1"><c t="inlineStr" s='0' r='A1'><is><t>Hej</t></is></c><c r = "B1" ><v>5</v></c>` +
      '<c r="C&#49;" t="n"><v>7</v></c><c><v>8</v></c><c foo="r=&quot;Z9&quot;" r="F1"><v>9</v></c></row>' +
      '<row r="2"><c s="3" r="A2" t="str"><f>1+1</f><v>2</v></c><c r="B2" t="b"><v>1</v></c></row>' +
      '</sheetData></worksheet>';
    const data = addSheetPart(await bigWorkbook(), 'Skæv', new TextEncoder().encode(xml), true);
    const snapshot = await readWorkbook(new Package(data, nodeInflate), { sheet: 'Skæv' });
    const sheet = snapshot.sheets.find((s) => s.name === 'Skæv')!;
    expect(sheet.origin).toEqual({ row: 0, col: 0 });
    expect(sheet.values[0]).toEqual(['Hej', 5, 7, 8, undefined, 9]);
    expect(sheet.values[1]).toEqual(['2', true]);
    expect(sheet.formulas?.[1]?.[0]).toBe('=1+1');
  });

  it('reads values as Number reads their text, and an empty shared-string cell as empty', async () => {
    const { addSheetPart, bigWorkbook } = await import('./support/bigWorkbooks');
    const { nodeInflate } = await import('../src/cli/zlib');
    const { Package } = await import('../src/xlsx/package');
    const { readWorkbook } = await import('../src/xlsx/read');
    const values = ['12', '-0', '0012', '1.5', ' 7 ', '1234567890123456', '-42', '1e3', '12<!-- x -->34', '&#49;2'];
    const cells = values.map((v, i) => `<c r="${String.fromCharCode(65 + i)}1"><v>${v}</v></c>`).join('');
    const xml =
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
      `<row r="1">${cells}</row><row r="2"><c r="A2" t="s"/><c r="C2" t="s"><v>99999</v></c></row>` +
      '</sheetData></worksheet>';
    const data = addSheetPart(await bigWorkbook(), 'Tal', new TextEncoder().encode(xml), true);
    const snapshot = await readWorkbook(new Package(data, nodeInflate), { sheet: 'Tal' });
    const sheet = snapshot.sheets.find((s) => s.name === 'Tal')!;
    expect(sheet.values[0]).toEqual([12, -0, 12, 1.5, 7, 1234567890123456, -42, 1000, 1234, 12]);
    expect(Object.is(sheet.values[0][1], -0)).toBe(true);
    // An empty shared-string cell holds nothing; an index beyond the table is kept as what it is,
    // an unreadable cell, so that it is reported where it stands (never dropped).
    expect(sheet.values[1][0]).toBeUndefined();
    expect(sheet.values[1][2]).toEqual({ error: '#REF!', stored: 'delt tekst nr. 99999, som ikke findes' });
  });
});

test('a worksheet part in UTF-16 (with its byte order mark) reads as its UTF-8 twin', async () => {
  const { addSheetPart, bigWorkbook } = await import('./support/bigWorkbooks');
  const { nodeInflate } = await import('../src/cli/zlib');
  const { Package } = await import('../src/xlsx/package');
  const { readWorkbook } = await import('../src/xlsx/read');
  const xml =
    '<?xml version="1.0" encoding="UTF-16"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Årsag: ø æ 😀</t></is></c><c r="B1"><v>1.5</v></c></row></sheetData></worksheet>';
  const utf16 = new Uint8Array(2 + xml.length * 2);
  utf16.set([0xff, 0xfe]);
  for (let i = 0; i < xml.length; i++)
    ((utf16[2 + 2 * i] = xml.charCodeAt(i) & 0xff), (utf16[3 + 2 * i] = xml.charCodeAt(i) >> 8));
  const read = async (bytes: Uint8Array) =>
    (
      await readWorkbook(new Package(addSheetPart(await bigWorkbook(), 'U', bytes, true), nodeInflate), { sheet: 'U' })
    ).sheets.find((s) => s.name === 'U')!.values;
  expect(await read(utf16)).toEqual([['Årsag: ø æ 😀', 1.5]]);
  expect(await read(utf16)).toEqual(await read(new TextEncoder().encode(xml)));
});

import fc from 'fast-check';
import { cut } from './support/chunks';
import { simpleNumber } from '../src/xlsx/read/cellBytes';
import { MAX_TOKEN_CHARS, XmlTokenizer } from '../src/xlsx/xml';
import { ByteXmlTokenizer, decodeText, decodeUtf8, ELEMENT_CUT } from '../src/xlsx/xmlBytes';

const NAMES = ['c', 'row', 'v', 't', 'worksheet'];
const utf8 = new TextEncoder();

/** Joins text events that follow each other: text may come in pieces, its content is what counts. */
function push(out: string[], event: string) {
  if (event.startsWith('text ') && out.length && out[out.length - 1].startsWith('text '))
    out[out.length - 1] += event.slice(5);
  else out.push(event);
}

/** The byte tokenizer's events for a document cut into byte chunks (every text captured). */
function byteEvents(chunks: Uint8Array[]): { events: string[]; scanned: number } {
  const out: string[] = [];
  const t = new ByteXmlTokenizer(
    {
      capturing: true,
      open: (id, b, from, to, selfClosing) =>
        push(out, `open ${NAMES[id] ?? '?'} [${decodeUtf8(b, from, to).trim()}] ${selfClosing}`),
      close: (id) => push(out, `close ${NAMES[id] ?? '?'}`),
      text: (b, from, to) => push(out, `text ${decodeText(b, from, to)}`),
      cdata: (text) => push(out, `text ${text}`),
    },
    NAMES,
  );
  for (const c of chunks) t.write(c);
  t.end();
  return { events: out, scanned: t.scanned };
}

/** The string tokenizer's events for the same document, names reduced to the ones asked for. */
function stringEvents(xml: string): string[] {
  const out: string[] = [];
  const local = (name: string) => {
    const l = name.slice(name.indexOf(':') + 1);
    return NAMES.includes(l) ? l : '?';
  };
  const t = new XmlTokenizer({
    open: (name, attrs, selfClosing) => push(out, `open ${local(name)} [${attrs.trim()}] ${selfClosing}`),
    close: (name) => push(out, `close ${local(name)}`),
    text: (text) => push(out, `text ${text}`),
  });
  t.write(xml);
  t.end();
  return out;
}

const SAMPLE =
  '<?xml version="1.0"?><x:worksheet xmlns:x="u">' +
  '<sheetData><row r="1"><c r="A1" t="s" s=\'3\'><v>12</v></c><c r="B1" note="a>b" t="str">' +
  '<f>SUM(A1:A2)</f><v>Tom &amp; Jerry &#248; &#xE6;</v></c><!-- a > comment --><c r="C1"/>' +
  `<c r="D1" t="inlineStr" q='1>0 "x"'><is><t xml:space="preserve"> Mål for indsats 1 – ø 😀 </t></is></c></row>` +
  '</sheetData><![CDATA[<not a tag>]]></x:worksheet>';

describe('byte XML tokenizer', () => {
  it('gives the string tokenizer’s events, names matched as bytes with or without a prefix', () => {
    const { events } = byteEvents([utf8.encode(SAMPLE)]);
    expect(events).toEqual(stringEvents(SAMPLE));
    expect(events).toContain('text Tom & Jerry ø æ');
    expect(events).toContain('text  Mål for indsats 1 – ø 😀 ');
    expect(events).toContain('open worksheet [xmlns:x="u"] false');
    expect(events).toContain('text <not a tag>');
  });

  it('gives the same events however the bytes are cut, inside a character included', () => {
    const bytes = utf8.encode(SAMPLE);
    const whole = byteEvents([bytes]).events;
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 12 }), (at) => {
        expect(byteEvents(cut(bytes, at)).events).toEqual(whole);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with the string tokenizer on generated documents cut anywhere', () => {
    const attrValue = fc.oneof(
      fc.stringMatching(/^[a-z0-9 >/=']{0,6}$/).map((v) => `"${v}"`),
      fc.stringMatching(/^[a-z0-9 >/="]{0,6}$/).map((v) => `'${v}'`),
    );
    const element = fc.tuple(
      fc.constantFrom('c', 'v', 'row', 'x:t', 'other'),
      attrValue,
      fc.stringMatching(/^[a-zæøå€ &;<]{0,8}$/),
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
        expect(byteEvents(cut(utf8.encode(xml), at)).events).toEqual(stringEvents(xml));
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses a DOCTYPE and a tag longer than a token, as the string tokenizer does', () => {
    for (const doc of ['<!DOCTYPE x [<!ENTITY e "]>">]><x/>', '<!DOCTYPE x><x/>'])
      expect(() => byteEvents([utf8.encode(doc)])).toThrow(
        expect.objectContaining({ code: 'Corrupt', params: { what: 'ambiguous', part: 'DOCTYPE' } }),
      );
    const long = utf8.encode(`<c a="${'x'.repeat(MAX_TOKEN_CHARS + 10)}"/>`);
    expect(() => byteEvents(cut(long, [1000, 50_000, 400_000]))).toThrow(expect.objectContaining({ code: 'TooLarge' }));
  });

  it('reads a long text in small chunks looking at each byte about once (no quadratic rescans)', () => {
    const text = 'æ'.repeat(300_000) + '&amp;';
    const bytes = utf8.encode(`<t>${text}</t>`);
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 997) chunks.push(bytes.slice(i, i + 997));
    const { events, scanned } = byteEvents(chunks);
    expect(events).toEqual(['open t [] false', `text ${'æ'.repeat(300_000)}&`, 'close t']);
    expect(scanned).toBeLessThan(bytes.length * 2.5);
  });

  it('offers an element cut by a chunk’s end again, whole, with the next chunk (never as events)', () => {
    const xml = '<row><c a="1">x</c><c>yy</c><c/><c b=">">z</c></row>';
    const bytes = utf8.encode(xml);
    for (let size = 1; size <= bytes.length; size++) {
      const got: string[] = [];
      const t = new ByteXmlTokenizer(
        {
          capturing: false,
          open: (id) => got.push(`open ${NAMES[id]}`),
          close: (id) => got.push(`close ${NAMES[id]}`),
          text: () => undefined,
          cdata: () => undefined,
          // Reads a <c> whole when its end is at hand, else says it is cut.
          element: (b, sp, n) => {
            const tag = decodeUtf8(b, sp - 2, n);
            const close = tag.indexOf('</c>');
            const end = tag.startsWith('<c/>') ? ['<c/>'] : close >= 0 ? [tag.slice(0, close + 4)] : null;
            if (!end) return ELEMENT_CUT;
            got.push(end[0]);
            return sp - 2 + utf8.encode(end[0]).length;
          },
        },
        NAMES,
        0,
      );
      for (let i = 0; i < bytes.length; i += size) t.write(bytes.subarray(i, i + size));
      t.end();
      expect([size, got]).toEqual([
        size,
        ['open row', '<c a="1">x</c>', '<c>yy</c>', '<c/>', '<c b=">">z</c>', 'close row'],
      ]);
    }
  });

  it('decodes UTF-8 as TextDecoder does, malformed bytes included', () => {
    // A piece of a part: a U+FEFF at its start is text, not a byte order mark.
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }), (raw, s) => {
        expect(decodeUtf8(raw, 0, raw.length)).toBe(decoder.decode(raw));
        const b = utf8.encode(s);
        expect(decodeUtf8(b, 0, b.length)).toBe(decoder.decode(b));
      }),
      { numRuns: 3000 },
    );
  });
  it('keeps a U+FEFF that begins a text, short or long (the long ones go through TextDecoder)', () => {
    for (const text of ['\uFEFFBudget', `\uFEFF${'Ø'.repeat(300)}`]) {
      const b = utf8.encode(text);
      expect(decodeUtf8(b, 0, b.length)).toBe(text);
    }
  });
});

describe('plain numbers read from their bytes', () => {
  it('gives what Number gives for every text it takes, and NaN for what it leaves to Number', () => {
    for (const [text, expected] of [
      ['12', 12],
      ['-0', -0],
      ['0012', 12],
      ['1.5', 1.5],
      ['0.1', 0.1],
      ['123456789012345', 123456789012345],
    ] as const)
      expect(Object.is(simpleNumber(utf8.encode(text), 0, text.length), expected)).toBe(true);
    for (const text of [' 7 ', '1e3', '1.', '.5', '-', '', '1.2.3', '1234567890123456', '+1'])
      expect(simpleNumber(utf8.encode(text), 0, text.length)).toBeNaN();
  });

  it('agrees with Number on generated decimals', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^-?\d{1,15}(\.\d{1,8})?$/), (text) => {
        const n = simpleNumber(utf8.encode(text), 0, text.length);
        if (!Number.isNaN(n)) expect(Object.is(n, Number(text))).toBe(true);
        else expect(text.replace(/[-.]/g, '').length).toBeGreaterThan(15);
      }),
      { numRuns: 5000 },
    );
  });
});

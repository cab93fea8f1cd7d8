/**
 * Cell styles for what the add-in writes, appended to styles.xml: existing fonts, fills,
 * borders, number formats and cell styles keep their indexes and their bytes; new ones are
 * added after them, each only once.
 */
import type { CellStyle } from '../core/build/writePlan';
import { escapeXml } from './xml';
import { attrOf, childSpans, firstSpan, spans } from './xmlPatch';

/** Number formats that are built into Excel under a fixed id. */
const BUILTIN_IDS: Record<string, number> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
  '@': 49,
};

export const MINIMAL_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

interface Collection {
  /** The raw XML of each existing element. */
  items: string[];
  added: string[];
}

export class StyleBook {
  private readonly prefix: string;
  private readonly collections = new Map<string, Collection>();
  private readonly numFmts: Map<string, number>;
  private readonly addedNumFmts: string[] = [];
  private nextNumFmt: number;
  private existingNumFmts = 0;
  private readonly cache = new Map<string, number>();
  private readonly fontCache = new Map<string, number>();
  private readonly fillCache = new Map<string, number>();
  private readonly borderCache = new Map<string, number>();
  changed = false;
  private readonly addedDxfs: string[] = [];
  private existingDxfs = 0;
  private readonly dxfCache = new Map<string, number>();

  constructor(private readonly xml: string) {
    this.prefix = /<(\w+:)?styleSheet\b/.exec(xml)?.[1] ?? '';
    for (const name of ['fonts', 'fills', 'borders', 'cellXfs']) {
      const item = name === 'fonts' ? 'font' : name === 'fills' ? 'fill' : name === 'borders' ? 'border' : 'xf';
      this.collections.set(name, { items: this.elements(name, item), added: [] });
    }
    this.numFmts = new Map();
    const list = spans(xml);
    const sheet = firstSpan(list, 'styleSheet', 0);
    const block = (name: string) => (sheet ? childSpans(list, sheet, name)[0] : undefined);
    // Cell number formats are those in <numFmts>; a <numFmt> inside a <dxf> belongs to a
    // conditional format and is not one (its id is still taken).
    const numFmts = block('numFmts');
    let max = 163;
    for (const el of list) {
      if (el.name !== 'numFmt') continue;
      const id = Number(attrOf(xml, el, 'numFmtId'));
      const code = attrOf(xml, el, 'formatCode');
      if (!Number.isFinite(id)) continue;
      max = Math.max(max, id);
      if (!numFmts || el.parent !== list.indexOf(numFmts) || code === null) continue;
      if (!this.numFmts.has(code)) this.numFmts.set(code, id);
      this.existingNumFmts++;
    }
    this.nextNumFmt = max + 1;
    const dxfs = block('dxfs');
    this.dxfItems = dxfs ? childSpans(list, dxfs, 'dxf').map((e) => xml.slice(e.start, e.end)) : [];
    this.existingDxfs = this.dxfItems.length;
  }

  /** The existing differential formats' XML, so that one the add-in wrote before is used again. */
  private dxfItems: string[] = [];

  /** A differential format for a conditional format (a fill and a font colour); its index. */
  dxf(fill: string, fontColor?: string): number {
    const key = `${fill}|${fontColor ?? ''}`;
    const hit = this.dxfCache.get(key);
    if (hit !== undefined) return hit;
    const p = this.prefix;
    const rgb = (c: string) => `FF${c.replace('#', '').toUpperCase()}`;
    const font = fontColor ? `<${p}font><${p}color rgb="${rgb(fontColor)}"/></${p}font>` : '';
    const xml = `<${p}dxf>${font}<${p}fill><${p}patternFill><${p}bgColor rgb="${rgb(fill)}"/></${p}patternFill></${p}fill></${p}dxf>`;
    // Writing twice gives the same styles as writing once: an identical one is used again.
    const existing = this.dxfItems.indexOf(xml);
    if (existing >= 0) {
      this.dxfCache.set(key, existing);
      return existing;
    }
    this.addedDxfs.push(xml);
    this.changed = true;
    const id = this.existingDxfs + this.addedDxfs.length - 1;
    this.dxfCache.set(key, id);
    return id;
  }

  private elements(collection: string, item: string): string[] {
    const p = this.prefix;
    const block = new RegExp(`<${p}${collection}\\b[^>]*?(?:/>|>([\\s\\S]*?)</${p}${collection}>)`).exec(this.xml);
    if (!block || block[1] === undefined) return [];
    const re = new RegExp(`<${p}${item}\\b[^>]*?(?:/>|>[\\s\\S]*?</${p}${item}>)`, 'g');
    return [...block[1].matchAll(re)].map((m) => m[0]);
  }

  private add(collection: string, xml: string): number {
    const c = this.collections.get(collection)!;
    // Writing twice gives the same styles as writing once: an identical one is used again.
    const existing = c.items.indexOf(xml);
    if (existing >= 0) return existing;
    c.added.push(xml);
    this.changed = true;
    return c.items.length + c.added.length - 1;
  }

  private numFmtId(code: string): number {
    if (code in BUILTIN_IDS) return BUILTIN_IDS[code];
    const known = this.numFmts.get(code);
    if (known !== undefined) return known;
    const id = this.nextNumFmt++;
    this.numFmts.set(code, id);
    this.addedNumFmts.push(`<${this.prefix}numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`);
    this.changed = true;
    return id;
  }

  private font(base: string, style: CellStyle): number {
    const key = `${base}|${style.bold}|${style.italic}|${style.fontSize}|${style.fontColor}`;
    const hit = this.fontCache.get(key);
    if (hit !== undefined) return hit;
    const p = this.prefix;
    const fonts = this.collections.get('fonts')!.items;
    let inner = (fonts[0] ?? `<${p}font><${p}sz val="11"/><${p}name val="Calibri"/></${p}font>`)
      .replace(new RegExp(`^<${p}font\\b[^>]*>|</${p}font>$`, 'g'), '')
      .replace(/^<(\w+:)?font\b[^>]*\/>$/, '');
    const drop = (tag: string) => {
      inner = inner.replace(new RegExp(`<${p}${tag}\\b[^>]*?(?:/>|>[\\s\\S]*?</${p}${tag}>)`, 'g'), '');
    };
    let head = '';
    if (style.bold) (drop('b'), (head += `<${p}b/>`));
    if (style.italic) (drop('i'), (head += `<${p}i/>`));
    if (style.fontColor)
      (drop('color'), (head += `<${p}color rgb="FF${style.fontColor.replace('#', '').toUpperCase()}"/>`));
    if (style.fontSize) (drop('sz'), (head += `<${p}sz val="${style.fontSize}"/>`));
    const id = this.add('fonts', `<${p}font>${head}${inner}</${p}font>`);
    this.fontCache.set(key, id);
    return id;
  }

  private fill(color: string): number {
    const hit = this.fillCache.get(color);
    if (hit !== undefined) return hit;
    const p = this.prefix;
    const rgb = `FF${color.replace('#', '').toUpperCase()}`;
    const id = this.add(
      'fills',
      `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${rgb}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`,
    );
    this.fillCache.set(color, id);
    return id;
  }

  private bottomBorder(): number {
    const hit = this.borderCache.get('bottom');
    if (hit !== undefined) return hit;
    const p = this.prefix;
    const id = this.add(
      'borders',
      `<${p}border><${p}left/><${p}right/><${p}top/><${p}bottom style="thin"><${p}color auto="1"/></${p}bottom><${p}diagonal/></${p}border>`,
    );
    this.borderCache.set('bottom', id);
    return id;
  }

  /**
   * The cell style index for a cell whose style was `base`, with a number format and a look;
   * `base` itself when nothing changes.
   */
  xf(base: number, numberFormat?: string, style?: CellStyle): number {
    const hasStyle = !!style && Object.values(style).some(Boolean);
    if (!numberFormat && !hasStyle) return base;
    const key = `${base}|${numberFormat ?? ''}|${JSON.stringify(style ?? {})}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const xfs = this.collections.get('cellXfs')!;
    const p = this.prefix;
    const baseXml =
      xfs.items[base] ?? xfs.items[0] ?? `<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
    const attrOf = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`).exec(baseXml)?.[1];
    const attrs: Record<string, string> = {
      numFmtId: attrOf('numFmtId') ?? '0',
      fontId: attrOf('fontId') ?? '0',
      fillId: attrOf('fillId') ?? '0',
      borderId: attrOf('borderId') ?? '0',
      xfId: attrOf('xfId') ?? '0',
    };
    const applies = new Set(
      ['applyNumberFormat', 'applyFont', 'applyFill', 'applyBorder', 'applyAlignment', 'applyProtection'].filter(
        (a) => attrOf(a) === '1' || attrOf(a) === 'true',
      ),
    );
    let alignment = new RegExp(`<${p}alignment\\b[^>]*/>`).exec(baseXml)?.[0] ?? '';
    const protection = new RegExp(`<${p}protection\\b[^>]*/>`).exec(baseXml)?.[0] ?? '';
    if (numberFormat) {
      attrs.numFmtId = String(this.numFmtId(numberFormat));
      applies.add('applyNumberFormat');
    }
    if (style?.bold || style?.italic || style?.fontSize || style?.fontColor) {
      const fonts = this.collections.get('fonts')!;
      const allFonts = [...fonts.items, ...fonts.added];
      attrs.fontId = String(this.font(allFonts[Number(attrs.fontId)] ?? '', style));
      applies.add('applyFont');
    }
    if (style?.fill) {
      attrs.fillId = String(this.fill(style.fill));
      applies.add('applyFill');
    }
    if (style?.borderBottom) {
      attrs.borderId = String(this.bottomBorder());
      applies.add('applyBorder');
    }
    if (style?.wrap || style?.horizontal || style?.verticalTop) {
      const a: string[] = [];
      if (style.horizontal) a.push(`horizontal="${style.horizontal}"`);
      if (style.verticalTop) a.push('vertical="top"');
      if (style.wrap) a.push('wrapText="1"');
      alignment = `<${p}alignment ${a.join(' ')}/>`;
      applies.add('applyAlignment');
    }
    const attrText = Object.entries(attrs)
      .map(([k, v]) => `${k}="${v}"`)
      .concat([...applies].map((a) => `${a}="1"`))
      .join(' ');
    const inner = alignment + protection;
    const id = this.add('cellXfs', inner ? `<${p}xf ${attrText}>${inner}</${p}xf>` : `<${p}xf ${attrText}/>`);
    this.cache.set(key, id);
    return id;
  }

  /** styles.xml with the additions, or the original text when nothing was added. */
  toXml(): string {
    if (!this.changed) return this.xml;
    let xml = this.xml;
    const p = this.prefix;
    const append = (collection: string, items: string[], total: number) => {
      if (items.length === 0) return;
      const re = new RegExp(`<${p}${collection}\\b([^>]*?)(/>|>([\\s\\S]*?)</${p}${collection}>)`);
      const m = re.exec(xml);
      if (!m) return;
      const attrs = m[1].replace(/\s*count\s*=\s*["']\d*["']/, '');
      const replacement = `<${p}${collection}${attrs} count="${total}">${m[3] ?? ''}${items.join('')}</${p}${collection}>`;
      xml = xml.slice(0, m.index) + replacement + xml.slice(m.index + m[0].length);
    };
    if (this.addedNumFmts.length) {
      if (new RegExp(`<${p}numFmts\\b`).test(xml))
        append('numFmts', this.addedNumFmts, this.existingNumFmts + this.addedNumFmts.length);
      else
        xml = xml.replace(
          new RegExp(`<${p}fonts\\b`),
          (m) => `<${p}numFmts count="${this.addedNumFmts.length}">${this.addedNumFmts.join('')}</${p}numFmts>${m}`,
        );
    }
    for (const name of ['fonts', 'fills', 'borders', 'cellXfs']) {
      const c = this.collections.get(name)!;
      append(name, c.added, c.items.length + c.added.length);
    }
    if (this.addedDxfs.length) {
      if (new RegExp(`<${p}dxfs\\b`).test(xml))
        append('dxfs', this.addedDxfs, this.existingDxfs + this.addedDxfs.length);
      else {
        // After cellStyles (or cellXfs), as the schema orders them.
        const block = `<${p}dxfs count="${this.addedDxfs.length}">${this.addedDxfs.join('')}</${p}dxfs>`;
        const after =
          new RegExp(`</${p}cellStyles>|<${p}cellStyles\\b[^>]*/>`).exec(xml) ?? new RegExp(`</${p}cellXfs>`).exec(xml);
        if (after) xml = xml.slice(0, after.index + after[0].length) + block + xml.slice(after.index + after[0].length);
      }
    }
    return xml;
  }
}

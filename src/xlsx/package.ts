/**
 * An .xlsx file as an Open Packaging Conventions package: parts found by following the
 * relationships (any part names), content types, and the workbook part's facts (sheets,
 * defined names, active sheet, date system, structure lock). Parts are inflated only when asked
 * for, within the limits of limits.ts.
 */
import { XlsxError } from './errors';
import { LIMITS, type Limits } from './limits';
import { attr, child, children, parseXmlTree } from './xml';
import { readZip, type ZipEntry } from './zip';

/**
 * Inflates raw DEFLATE data, giving the output in chunks; rejects with XlsxError('Corrupt') when the
 * data is broken, and with whatever `onChunk` throws. Injected: zlib in Node, fflate in a browser.
 */
export type Inflater = (data: Uint8Array, onChunk: (chunk: Uint8Array) => void) => Promise<void>;

export const REL = {
  officeDocument: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument',
  strictOfficeDocument: 'http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument',
  worksheet: '/worksheet',
  chartsheet: '/chartsheet',
  sharedStrings: '/sharedStrings',
  styles: '/styles',
  calcChain: '/calcChain',
  drawing: '/drawing',
  chart: '/chart',
} as const;

export const RELATIONSHIPS_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export interface Relationship {
  id: string;
  type: string;
  /** The part it points at (no leading "/"), or the raw target when external. */
  target: string;
  external: boolean;
}

export interface SheetEntry {
  name: string;
  sheetId: string;
  rId: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  /** The worksheet part, or null for a chart sheet, dialog sheet or a broken relationship. */
  part: string | null;
  kind: 'worksheet' | 'other';
}

export interface DefinedName {
  name: string;
  localSheetId: number | null;
  value: string;
}

export interface WorkbookInfo {
  part: string;
  sheets: SheetEntry[];
  definedNames: DefinedName[];
  activeTab: number;
  date1904: boolean;
  /** The workbook's calculation mode (`calcPr calcMode`; automatic when not given). */
  calcMode: 'auto' | 'manual' | 'autoNoTable';
  structureLocked: boolean;
  sharedStringsPart: string | null;
  stylesPart: string | null;
  relationships: Relationship[];
  /** A macro-enabled workbook (.xlsm): its content type says so, or it holds a VBA project. */
  macro: boolean;
  /** Written in Strict conformance (ISO/IEC 29500 Strict namespaces). */
  strict: boolean;
}

/** Inflated bytes read so far, against the limits. */
export class ReadBudget {
  total = 0;
  constructor(readonly limits: Limits = LIMITS) {}
  /** Before inflating: the size the zip declares. */
  expect(entry: ZipEntry): void {
    if (entry.size > this.limits.partBytes)
      throw new XlsxError('TooLarge', { what: 'part', part: entry.name, limit: this.limits.partBytes });
    if (this.total + entry.size > this.limits.totalBytes)
      throw new XlsxError('TooLarge', { what: 'total', limit: this.limits.totalBytes });
  }
  /** While inflating: what actually comes out. */
  add(bytes: number, part: string, partSoFar: number): void {
    this.total += bytes;
    if (partSoFar > this.limits.partBytes)
      throw new XlsxError('TooLarge', { what: 'part', part, limit: this.limits.partBytes });
    if (this.total > this.limits.totalBytes)
      throw new XlsxError('TooLarge', { what: 'total', limit: this.limits.totalBytes });
  }
}

const ZIP_MAGIC = [0x50, 0x4b];
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (buf: Uint8Array, magic: number[]) => magic.every((b, i) => buf[i] === b);

export class Package {
  readonly entries: ZipEntry[];
  private readonly byName = new Map<string, ZipEntry>();
  readonly budget: ReadBudget;

  constructor(
    readonly data: Uint8Array,
    readonly inflater: Inflater,
    limits: Limits = LIMITS,
  ) {
    if (data.length > limits.fileBytes) throw new XlsxError('TooLarge', { what: 'file', limit: limits.fileBytes });
    if (startsWith(data, CFB_MAGIC)) throw new XlsxError('Encrypted');
    if (!startsWith(data, ZIP_MAGIC)) throw new XlsxError('NotZip');
    this.entries = readZip(data);
    for (const e of this.entries) {
      const key = normalisePartName(e.name);
      // Part names are the same without regard to case (OPC): two such entries leave it open
      // which one a reader takes, so the package is damaged.
      if (this.byName.has(key)) throw new XlsxError('Corrupt', { what: 'ambiguous', part: e.name });
      this.byName.set(key, e);
    }
    this.budget = new ReadBudget(limits);
  }

  entry(part: string): ZipEntry | undefined {
    return this.byName.get(normalisePartName(part));
  }

  has(part: string): boolean {
    return this.byName.has(normalisePartName(part));
  }

  /** Streams a part's inflated bytes to `onChunk`, within the limits. */
  async stream(part: string, onChunk: (chunk: Uint8Array) => void): Promise<void> {
    const entry = this.entry(part);
    if (!entry) throw new XlsxError('Corrupt', { part });
    this.budget.expect(entry);
    const raw = this.data.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
    if (entry.method === 0) {
      this.budget.add(raw.length, part, raw.length);
      onChunk(raw);
      return;
    }
    if (entry.method !== 8) throw new XlsxError('Corrupt', { part });
    let got = 0;
    await this.inflater(raw, (chunk) => {
      got += chunk.length;
      this.budget.add(chunk.length, part, got);
      onChunk(chunk);
    });
  }

  /** Streams a part as text, decoded as UTF-8 (UTF-16 when it starts with a byte order mark). */
  async streamText(part: string, onText: (text: string) => void): Promise<void> {
    let decoder: TextDecoder | null = null;
    await this.stream(part, (chunk) => {
      decoder ??= new TextDecoder(byteOrder(chunk) ?? 'utf-8');
      const text = decoder.decode(chunk, { stream: true });
      if (text) onText(text);
    });
    const rest = decoder ? (decoder as TextDecoder).decode() : '';
    if (rest) onText(rest);
  }

  /** Streams a part's bytes as UTF-8: a part in UTF-16 (from other writers, rare) is turned into UTF-8 as it comes. */
  async streamUtf8(part: string, onChunk: (chunk: Uint8Array) => void): Promise<void> {
    let utf16: TextDecoder | null | undefined;
    const encoder = new TextEncoder();
    await this.stream(part, (chunk) => {
      if (utf16 === undefined) {
        const order = byteOrder(chunk);
        utf16 = order ? new TextDecoder(order) : null;
      }
      onChunk(utf16 ? encoder.encode(utf16.decode(chunk, { stream: true })) : chunk);
    });
    if (utf16) onChunk(encoder.encode(utf16.decode()));
  }

  /** A whole (small) part as text. */
  async text(part: string): Promise<string> {
    const pieces: string[] = [];
    await this.streamText(part, (t) => pieces.push(t));
    return pieces.join('');
  }

  /** A part that is read whole as a tree, refused beyond the limit for such parts. */
  async treeText(part: string): Promise<string> {
    const entry = this.entry(part);
    const limit = this.budget.limits.treePartBytes;
    if (entry && entry.size > limit) throw new XlsxError('TooLarge', { what: 'part', limit });
    let got = 0;
    const pieces: string[] = [];
    await this.streamText(part, (t) => {
      got += t.length;
      if (got > limit) throw new XlsxError('TooLarge', { what: 'part', limit });
      pieces.push(t);
    });
    return pieces.join('');
  }

  /** The relationships of a part (none when it has no .rels part). */
  async relationships(part: string): Promise<Relationship[]> {
    const relsPart = relsPathFor(part);
    if (!this.has(relsPart)) return [];
    const tree = parseXmlTree(await this.treeText(relsPart));
    return children(child(tree, 'Relationships'), 'Relationship').map((r) => {
      const external = attr(r.attrs, 'TargetMode') === 'External';
      const target = attr(r.attrs, 'Target') ?? '';
      return {
        id: attr(r.attrs, 'Id') ?? '',
        type: attr(r.attrs, 'Type') ?? '',
        target: external ? target : resolveTarget(part, target),
        external,
      };
    });
  }

  /** A part's content type: its Override, else the Default of its extension; null when none. */
  async contentTypeOf(part: string): Promise<string | null> {
    if (!this.has('[Content_Types].xml')) return null;
    const types = child(parseXmlTree(await this.treeText('[Content_Types].xml')), 'Types');
    const name = `/${normalisePartName(part)}`;
    const override = children(types, 'Override').find((o) => attr(o.attrs, 'PartName')?.toLowerCase() === name);
    if (override) return attr(override.attrs, 'ContentType');
    const ext = name.slice(name.lastIndexOf('.') + 1);
    const def = children(types, 'Default').find((d) => attr(d.attrs, 'Extension')?.toLowerCase() === ext);
    return def ? attr(def.attrs, 'ContentType') : null;
  }

  /** The workbook part, found through the package relationships, and what it says. */
  async workbook(): Promise<WorkbookInfo> {
    // A package never changes: its workbook part is read once, whoever asks (reader, writer, CLI).
    return (this.info ??= this.readWorkbookInfo());
  }

  private info: Promise<WorkbookInfo> | undefined;

  private async readWorkbookInfo(): Promise<WorkbookInfo> {
    const root = await this.relationships('');
    const doc = root.find((r) => r.type === REL.officeDocument || r.type === REL.strictOfficeDocument);
    const part = doc && !doc.external && this.has(doc.target) ? doc.target : null;
    if (!part) throw new XlsxError('NoWorkbook');
    const tree = parseXmlTree(await this.treeText(part));
    const wb = child(tree, 'workbook');
    if (!wb) throw new XlsxError('NoWorkbook');
    const rels = await this.relationships(part);
    const relById = new Map(rels.map((r) => [r.id, r]));
    const sheets: SheetEntry[] = children(child(wb, 'sheets'), 'sheet').map((s) => {
      const rId = attr(s.attrs, 'r:id') ?? relIdAttr(s.attrs) ?? '';
      const rel = relById.get(rId);
      const isWorksheet = !!rel && rel.type.endsWith(REL.worksheet) && !rel.external && this.has(rel.target);
      const state = attr(s.attrs, 'state');
      return {
        name: attr(s.attrs, 'name') ?? '',
        sheetId: attr(s.attrs, 'sheetId') ?? '',
        rId,
        state: state === 'hidden' || state === 'veryHidden' ? state : 'visible',
        part: isWorksheet ? rel!.target : null,
        kind: isWorksheet ? 'worksheet' : 'other',
      };
    });
    const definedNames = children(child(wb, 'definedNames'), 'definedName').map((d) => {
      const local = attr(d.attrs, 'localSheetId');
      return { name: attr(d.attrs, 'name') ?? '', localSheetId: local === null ? null : Number(local), value: d.text };
    });
    const view = child(child(wb, 'bookViews'), 'workbookView');
    const pr = child(wb, 'workbookPr');
    const protection = child(wb, 'workbookProtection');
    const flag = (v: string | null) => v === '1' || v === 'true';
    const relOf = (suffix: string) => {
      const r = rels.find((x) => x.type.endsWith(suffix) && !x.external && this.has(x.target));
      return r ? r.target : null;
    };
    const type = await this.contentTypeOf(part);
    return {
      part,
      macro: /macroEnabled/i.test(type ?? '') || rels.some((r) => /vbaProject$/i.test(r.type)),
      strict: doc!.type === REL.strictOfficeDocument || /purl\.oclc\.org\/ooxml/.test(tree.children[0]?.attrs ?? ''),
      sheets,
      definedNames,
      activeTab: Number(attr(view?.attrs ?? '', 'activeTab') ?? 0) || 0,
      date1904: flag(attr(pr?.attrs ?? '', 'date1904')),
      calcMode: calcModeOf(attr(child(wb, 'calcPr')?.attrs ?? '', 'calcMode')),
      structureLocked: flag(attr(protection?.attrs ?? '', 'lockStructure')),
      sharedStringsPart: relOf(REL.sharedStrings),
      stylesPart: relOf(REL.styles),
      relationships: rels,
    };
  }
}

function calcModeOf(v: string | null): WorkbookInfo['calcMode'] {
  return v === 'manual' || v === 'autoNoTable' ? v : 'auto';
}

/** The r:id attribute under whatever prefix the relationships namespace was given. */
function relIdAttr(attrs: string): string | null {
  const m = /\s[\w-]+:id\s*=\s*["']([^"']*)["']/.exec(` ${attrs}`);
  return m ? m[1] : null;
}

/** Part names compare without regard to case and without the leading "/". */
export function normalisePartName(name: string): string {
  return name.replace(/^\/+/, '').toLowerCase();
}

/** xl/workbook.xml → xl/_rels/workbook.xml.rels; the package itself ("") → _rels/.rels. */
export function relsPathFor(part: string): string {
  if (part === '') return '_rels/.rels';
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A relationship target resolved against its source part, as a part name without "/". */
export function resolveTarget(source: string, target: string): string {
  let t = target;
  try {
    t = decodeURIComponent(target);
  } catch {
    // keep it as written
  }
  if (t.startsWith('/')) return t.slice(1);
  const base = source.includes('/') ? source.slice(0, source.lastIndexOf('/') + 1) : '';
  const parts = (base + t).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/** A target for a relationship from `source` to `part`, relative as Excel writes it. */
export function relativeTarget(source: string, part: string): string {
  const from = source.split('/').slice(0, -1);
  const to = part.split('/');
  let k = 0;
  while (k < from.length && k < to.length - 1 && from[k] === to[k]) k++;
  return [...Array(from.length - k).fill('..'), ...to.slice(k)].join('/');
}

/** The UTF-16 encoding a part's byte order mark names, or null (UTF-8). */
function byteOrder(chunk: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (chunk[0] === 0xff && chunk[1] === 0xfe) return 'utf-16le';
  if (chunk[0] === 0xfe && chunk[1] === 0xff) return 'utf-16be';
  return null;
}

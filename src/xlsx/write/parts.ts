/**
 * The package parts a write changes, and the two small indexes every package keeps: each part's
 * relationships and the content types. All edited as text, so what the writer does not change
 * keeps its bytes.
 */
import { Package, RELATIONSHIPS_NS, relsPathFor } from '../package';
import { XlsxError } from '../errors';
import { escapeXml } from '../xml';
import { appendEdit, applyEdits, attrOf, firstSpan, spans } from '../xmlPatch';

export const TYPE = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
  rels: 'application/vnd.openxmlformats-package.relationships+xml',
};
export const RELTYPE = {
  worksheet: `${RELATIONSHIPS_NS}/worksheet`,
  drawing: `${RELATIONSHIPS_NS}/drawing`,
  chart: `${RELATIONSHIPS_NS}/chart`,
  styles: `${RELATIONSHIPS_NS}/styles`,
  hyperlink: `${RELATIONSHIPS_NS}/hyperlink`,
  officeDocument: `${RELATIONSHIPS_NS}/officeDocument`,
};

export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export interface NewRelationship {
  id: string;
  type: string;
  target: string;
  external?: boolean;
}

/** A relationships part: the one template every new .rels the writer makes comes from. */
export function relationshipsXml(rels: readonly NewRelationship[]): string {
  const items = rels.map(
    (r) =>
      `<Relationship Id="${r.id}" Type="${r.type}" Target="${escapeXml(r.target)}"${r.external ? ' TargetMode="External"' : ''}/>`,
  );
  return `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.join('')}</Relationships>`;
}

/** A package being changed: parts replaced, added and removed, the rest left as they are. */
export class Changes {
  readonly text = new Map<string, string>();
  readonly added: string[] = [];
  readonly removed = new Set<string>();

  constructor(private readonly pkg: Package) {}

  has(part: string) {
    const k = part.toLowerCase();
    return (!this.removed.has(k) && this.pkg.has(part)) || this.text.has(k);
  }
  async read(part: string): Promise<string> {
    const k = part.toLowerCase();
    return this.text.get(k) ?? (await this.pkg.text(part));
  }
  set(part: string, xml: string) {
    const k = part.toLowerCase();
    if (!this.pkg.has(part) && !this.text.has(k)) this.added.push(part);
    this.text.set(k, xml);
    this.removed.delete(k);
  }
  remove(part: string) {
    const k = part.toLowerCase();
    this.text.delete(k);
    const i = this.added.findIndex((a) => a.toLowerCase() === k);
    if (i >= 0) this.added.splice(i, 1);
    else if (this.pkg.has(part)) this.removed.add(k);
  }
  /** A part name not yet taken: folder/stemN.xml. */
  freeName(folder: string, stem: string): string {
    for (let n = 1; ; n++) {
      const name = `${folder}${stem}${n}.xml`;
      if (!this.has(name)) return name;
    }
  }
}

/** Relationships of one part, edited as text. */
export async function readRels(changes: Changes, part: string): Promise<string> {
  const path = relsPathFor(part);
  return changes.has(path) ? changes.read(path) : relationshipsXml([]);
}

export function freeRelId(rels: string): string {
  for (let n = 1; ; n++) {
    const id = `rIdHp${n}`;
    if (!rels.includes(`"${id}"`)) return id;
  }
}

export function addRel(rels: string, id: string, type: string, target: string): string {
  const el = `<Relationship Id="${id}" Type="${type}" Target="${escapeXml(target)}"/>`;
  const list = spans(rels);
  const root = firstSpan(list, 'Relationships', 0);
  if (!root) throw new XlsxError('Corrupt', { part: 'relationships' });
  return applyEdits(rels, [appendEdit(rels, root, el.replace('<Relationship ', `<${root.prefix}Relationship `))]);
}

export function removeRel(rels: string, id: string): string {
  const list = spans(rels);
  const edits = list
    .filter((e) => e.name === 'Relationship' && e.depth === 1 && attrOf(rels, e, 'Id') === id)
    .map((e) => ({ from: e.start, to: e.end, text: '' }));
  return applyEdits(rels, edits);
}

export function addOverride(types: string, part: string, type: string): string {
  const list = spans(types);
  const root = firstSpan(list, 'Types', 0);
  if (!root) throw new XlsxError('Corrupt', { part: '[Content_Types].xml' });
  const el = `<${root.prefix}Override PartName="/${escapeXml(part)}" ContentType="${type}"/>`;
  return applyEdits(types, [appendEdit(types, root, el)]);
}

/** A Default for an extension, unless the content types already have one. */
export function ensureDefault(types: string, extension: string, type: string): string {
  const list = spans(types);
  if (list.some((e) => e.name === 'Default' && attrOf(types, e, 'Extension')?.toLowerCase() === extension))
    return types;
  const root = firstSpan(list, 'Types', 0);
  if (!root) throw new XlsxError('Corrupt', { part: '[Content_Types].xml' });
  const el = `<${root.prefix}Default Extension="${extension}" ContentType="${type}"/>`;
  return applyEdits(types, [{ from: root.openEnd, to: root.openEnd, text: el }]);
}

export function removeOverride(types: string, part: string): string {
  const list = spans(types);
  const edits = list
    .filter(
      (e) =>
        e.name === 'Override' &&
        e.depth === 1 &&
        attrOf(types, e, 'PartName')?.toLowerCase() === `/${part}`.toLowerCase(),
    )
    .map((e) => ({ from: e.start, to: e.end, text: '' }));
  return applyEdits(types, edits);
}

/** Every internal target of every relationship in the package, with the part it comes from. */
export async function relationshipTargets(pkg: Package): Promise<{ from: string; target: string }[]> {
  const out: { from: string; target: string }[] = [];
  for (const e of pkg.entries) {
    const m = /^(.*?)_rels\/([^/]*)\.rels$/i.exec(e.name);
    if (!m) continue;
    const source = `${m[1]}${m[2]}`;
    for (const r of await pkg.relationships(source))
      if (!r.external) out.push({ from: source.toLowerCase(), target: r.target });
  }
  return out;
}

/** A sheet part and the parts reachable from it that nothing else refers to. */
export async function exclusiveParts(
  pkg: Package,
  part: string,
  all: { from: string; target: string }[],
): Promise<string[]> {
  const out = [part];
  const seen = new Set([part.toLowerCase()]);
  for (let i = 0; i < out.length; i++) {
    for (const r of await pkg.relationships(out[i])) {
      const k = r.target.toLowerCase();
      if (r.external || seen.has(k) || !pkg.has(r.target)) continue;
      const others = all.filter((x) => x.target.toLowerCase() === k && !seen.has(x.from));
      if (others.length) continue;
      seen.add(k);
      out.push(r.target);
    }
  }
  return out;
}

/**
 * A write in progress: the parts changed so far, the content types, the workbook's
 * relationships and the style book, and at the end the new archive, with every entry the write
 * did not change copied as its bytes.
 */
import { Package, REL, relativeTarget, type WorkbookInfo } from '../package';
import { MINIMAL_STYLES, StyleBook } from '../styles';
import { writeZip, type Deflate, type ZipOutput } from '../zip';
import {
  addOverride,
  addRel,
  Changes,
  ensureDefault,
  freeRelId,
  readRels,
  RELTYPE,
  removeOverride,
  TYPE,
} from './parts';

export interface Draft {
  readonly pkg: Package;
  readonly info: WorkbookInfo;
  readonly changes: Changes;
  /** The workbook part's folder ("xl/"). */
  readonly wbDir: string;
  types: string;
  wbRels: string;
  readonly book: StyleBook;
  readonly stylesPart: string;
  /** Names Excel copies along with a sheet, waiting for the new sheet's index. */
  readonly pendingNames: { name: string; local: string; value: string }[];
}

/** A draft of the package; styles are appended to, or created when the package has none. */
export async function openDraft(pkg: Package, info: WorkbookInfo): Promise<Draft> {
  const changes = new Changes(pkg);
  const wbDir = info.part.includes('/') ? info.part.slice(0, info.part.lastIndexOf('/') + 1) : '';
  let types = await pkg.treeText('[Content_Types].xml');
  let wbRels = await readRels(changes, info.part);
  let stylesPart = info.stylesPart;
  const book = new StyleBook(stylesPart ? await pkg.treeText(stylesPart) : MINIMAL_STYLES);
  if (!stylesPart) {
    book.changed = true;
    // A styles relationship whose part is missing is used as it is (one styles relationship only).
    const dangling = info.relationships.find((r) => r.type.endsWith(REL.styles) && !r.external);
    if (dangling) stylesPart = dangling.target;
    else {
      stylesPart = changes.freeName(wbDir, 'styles');
      wbRels = addRel(wbRels, freeRelId(wbRels), RELTYPE.styles, relativeTarget(info.part, stylesPart));
    }
    types = removeOverride(types, stylesPart);
    types = addOverride(types, stylesPart, TYPE.styles);
  }
  return { pkg, info, changes, wbDir, types, wbRels, book, stylesPart, pendingNames: [] };
}

const encoder = new TextEncoder();

/** The new archive: changed and added parts as text, every other entry copied as it is. */
export function archive(draft: Draft, deflate: Deflate): Uint8Array {
  const { changes, pkg } = draft;
  if (draft.book.changed) changes.set(draft.stylesPart, draft.book.toXml());
  if (changes.added.some((p) => p.endsWith('.rels'))) draft.types = ensureDefault(draft.types, 'rels', TYPE.rels);
  changes.set('[Content_Types].xml', draft.types);
  const outputs: ZipOutput[] = [];
  for (const entry of pkg.entries) {
    const k = entry.name.replace(/^\/+/, '').toLowerCase();
    if (changes.removed.has(k)) continue;
    const text = changes.text.get(k);
    outputs.push(
      text === undefined
        ? { kind: 'copy', entry, source: pkg.data }
        : { kind: 'new', name: entry.name, data: encoder.encode(text) },
    );
  }
  for (const part of changes.added)
    outputs.push({ kind: 'new', name: part, data: encoder.encode(changes.text.get(part.toLowerCase())!) });
  return writeZip(outputs, deflate);
}

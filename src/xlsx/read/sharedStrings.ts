/** The shared strings part, streamed, and the limit on any cell's text. */
import { MAX_CELL_TEXT } from '../../core/build/writePlan';
import { XlsxError } from '../errors';
import type { Limits } from '../limits';
import type { Package } from '../package';
import { decodeOoxmlText, detach, XmlTokenizer } from '../xml';

/** The shared strings, rich text joined, phonetic runs left out. */
export async function readSharedStrings(pkg: Package, part: string | null, limits: Limits): Promise<string[]> {
  const strings: string[] = [];
  if (!part) return strings;
  let current: string[] | null = null;
  let currentLength = 0;
  let inT = false;
  let phonetic = 0;
  const tokenizer = new XmlTokenizer({
    open(name, _attrs, selfClosing) {
      if (name === 'si') {
        current = [];
        currentLength = 0;
      } else if (name === 't' && !selfClosing) inT = phonetic === 0;
      else if (name === 'rPh') phonetic++;
    },
    close(name) {
      if (name === 't') inT = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si' && current) {
        strings.push(cellText(current.join('')));
        current = null;
        if (strings.length > limits.sharedStrings)
          throw new XlsxError('TooLarge', { what: 'sharedStrings', limit: limits.sharedStrings });
      }
    },
    text(text) {
      if (!inT || !current) return;
      current.push(text);
      if ((currentLength += text.length) > MAX_RAW_CELL_CHARS) throw cellTooLong();
    },
  });
  await pkg.streamText(part, (t) => tokenizer.write(t));
  tokenizer.end();
  return strings;
}

/**
 * The longest cell text read. Excel holds 32.767 characters in a cell; other programs write
 * longer ones, which are read (and cut, with a note, where the add-in writes them again). Far
 * beyond that a part is damaged or hostile: refused, never held in memory.
 */
export const MAX_READ_CELL_CHARS = 32 * MAX_CELL_TEXT;
/** A cell's text as the file stores it may be longer than what it shows (entities, _xHHHH_ escapes). */
export const MAX_RAW_CELL_CHARS = MAX_READ_CELL_CHARS * 8;
export const cellTooLong = () => new XlsxError('TooLarge', { what: 'cellText', limit: MAX_READ_CELL_CHARS });

/** A cell's text decoded, refused beyond the limit; detached from the text it was cut from unless it is a string of its own. */
export function cellText(raw: string, cut = true): string {
  const text = decodeOoxmlText(raw);
  if (text.length > MAX_READ_CELL_CHARS) throw cellTooLong();
  return cut ? detach(text) : text;
}

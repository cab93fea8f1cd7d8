/** The cheap pass that decides whether a worksheet is worth reading into the grid. */
import { isTableSignal } from '../../core/text/signals';
import type { Package } from '../package';
import { decodeOoxmlText } from '../xml';

/**
 * Whether a worksheet holds a label that can anchor a table: a cheap pass over the text, no
 * cell kept. Shared strings are judged once; inline strings as they come.
 */
export async function sheetHasSignal(pkg: Package, part: string, signalIndexes: Set<number>): Promise<boolean> {
  let found = false;
  let tail = '';
  const value = /<(?:\w+:)?v>(\d+)<\/(?:\w+:)?v>|<(?:\w+:)?t(?:\s[^>]*)?>([^<]*)<\/(?:\w+:)?t>/g;
  try {
    await pkg.streamText(part, (text) => {
      if (found) throw FOUND;
      const s = tail + text;
      value.lastIndex = 0;
      let m: RegExpExecArray | null;
      let end = 0;
      while ((m = value.exec(s))) {
        end = value.lastIndex;
        if (m[1] !== undefined ? signalIndexes.has(Number(m[1])) : isTableSignal(decodeOoxmlText(m[2]))) {
          found = true;
          throw FOUND;
        }
      }
      // Keep what could be the start of a match cut by the chunk's end.
      const cut = s.lastIndexOf('<', s.length - 1);
      tail = s.slice(Math.max(end, cut >= 0 && s.length - cut < 4096 ? cut : s.length));
      if (tail.length > 4096) tail = tail.slice(-4096);
    });
  } catch (e) {
    if (e !== FOUND) throw e;
  }
  return found;
}

const FOUND = Symbol('found');

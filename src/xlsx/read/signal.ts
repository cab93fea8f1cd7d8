/** The cheap pass that decides whether a worksheet is worth reading into the grid. */
import type { Package } from '../package';
import { SignalScanner, type ScanResult } from './scan';

/**
 * Whether a worksheet holds a label that can anchor a table: a byte scan of its inflated
 * stream (read/scan.ts), stopped at the first signal. Shared strings are judged once, by the
 * caller (`signalIndexes`); texts in the sheet as they come. A part in UTF-16 (rare, from other
 * writers) is not scanned but read.
 */
export async function scanSheet(pkg: Package, part: string, signalIndexes: ReadonlySet<number>): Promise<ScanResult> {
  const scanner = new SignalScanner(signalIndexes);
  let first = true;
  try {
    await pkg.stream(part, (chunk) => {
      if (first) {
        first = false;
        if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff)) scanner.found = true;
      }
      if (scanner.found || scanner.feed(chunk)) throw FOUND;
    });
  } catch (e) {
    if (e !== FOUND) throw e;
  }
  return { found: scanner.end(), bytes: scanner.bytes };
}

const FOUND = Symbol('found');

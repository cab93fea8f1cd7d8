import type { WorkbookSnapshot } from '../core/model/grid';
import { Package, type Inflater } from './package';
import { readWorkbook } from './read';

/** How far a read has come: bytes inflated of the parts' total (an estimate of the work left). */
export interface ReadProgress {
  done: number;
  total: number;
}

/** The read was cancelled by the user ("Annuller"). */
export class ReadCancelled extends Error {}

/**
 * Reads every sheet of a package, telling `onProgress` as the parts are inflated (at most every
 * `everyMs`), so a long read shows that it moves.
 */
export async function readWithProgress(
  data: Uint8Array,
  inflate: Inflater,
  onProgress: (p: ReadProgress) => void,
  now: () => number,
  signal?: AbortSignal,
  everyMs = 100,
): Promise<WorkbookSnapshot> {
  let done = 0;
  let told = -Infinity;
  let total = 0;
  const counting: Inflater = (part, onChunk) =>
    inflate(part, (chunk) => {
      if (signal?.aborted) throw new ReadCancelled();
      done += chunk.length;
      const t = now();
      if (t - told >= everyMs) {
        told = t;
        onProgress({ done: Math.min(done, total), total });
      }
      onChunk(chunk);
    });
  const pkg = new Package(data, counting);
  total = pkg.entries.reduce((n, e) => n + e.size, 0);
  const snapshot = await readWorkbook(pkg, { all: true });
  if (signal?.aborted) throw new ReadCancelled();
  onProgress({ done: total, total });
  return snapshot;
}

/**
 * Reads a workbook in a Web Worker (read.worker.ts): the page keeps repainting, shows progress,
 * and can cancel. Only loaded where Worker exists (not in the tests' jsdom, which reads on the
 * page's thread through readWithProgress directly).
 */
import type { WorkbookSnapshot } from '../../core/model/grid';
import { XlsxError, type XlsxErrorCode } from '../../xlsx/errors';
import { ReadCancelled, type ReadProgress } from '../../xlsx/readProgress';

export type WorkerReply =
  | { type: 'progress'; progress: ReadProgress }
  | { type: 'done'; snapshot: WorkbookSnapshot }
  | { type: 'failed'; code: XlsxErrorCode | null; params: Record<string, string | number> };

export function readInWorker(
  data: Uint8Array,
  onProgress: (p: ReadProgress) => void,
  signal?: AbortSignal,
): Promise<WorkbookSnapshot> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./read.worker.ts', import.meta.url));
    const stop = () => {
      worker.terminate();
      reject(new ReadCancelled());
    };
    if (signal?.aborted) return stop();
    signal?.addEventListener('abort', stop, { once: true });
    worker.onmessage = (e: MessageEvent<WorkerReply>) => {
      const m = e.data;
      if (m.type === 'progress') return onProgress(m.progress);
      signal?.removeEventListener('abort', stop);
      worker.terminate();
      if (m.type === 'done') resolve(m.snapshot);
      else reject(m.code ? new XlsxError(m.code, m.params) : new Error('read failed'));
    };
    worker.onerror = (e) => {
      e.preventDefault();
      signal?.removeEventListener('abort', stop);
      worker.terminate();
      reject(new Error('worker failed'));
    };
    // A copy: the page keeps its bytes for writing and downloading.
    worker.postMessage({ data });
  });
}

/**
 * Browser mode reads a workbook here, off the page's thread: the page repaints, shows how far the
 * read has come, and can stop it (the worker is terminated) while a large file is read.
 */
import { browserInflate } from '../../xlsx/browserZlib';
import { XlsxError } from '../../xlsx/errors';
import { readWithProgress } from '../../xlsx/readProgress';
import type { WorkerReply } from './workerRead';

const post = (m: WorkerReply) => (self as unknown as { postMessage: (m: WorkerReply) => void }).postMessage(m);

self.onmessage = async (e: MessageEvent<{ data: Uint8Array }>) => {
  try {
    const snapshot = await readWithProgress(
      e.data.data,
      browserInflate,
      (progress) => post({ type: 'progress', progress }),
      () => performance.now(),
    );
    post({ type: 'done', snapshot });
  } catch (err) {
    post({
      type: 'failed',
      code: err instanceof XlsxError ? err.code : null,
      params: err instanceof XlsxError ? { ...err.params } : {},
    });
  }
};

/** Inflate and deflate on the command line: Node's own zlib, streamed, so memory stays bounded. */
import { createInflateRaw, deflateRawSync } from 'node:zlib';
import { XlsxError } from '../xlsx/errors';
import type { Inflater } from '../xlsx/package';
import type { Deflate } from '../xlsx/zip';

/**
 * Inflated chunks that may wait for the reader. zlib inflates on its own thread; were each chunk
 * read as it comes, the next would be inflated only after it, and the reader would wait for zlib
 * between chunks. Read a moment later instead (a microtask, once zlib has been handed its next
 * piece of work), the next chunk is inflated while this one is read; the stream is paused while
 * this many wait, so memory stays bounded.
 */
const AHEAD = 4;

export const nodeInflate: Inflater = (data, onChunk) =>
  new Promise((resolve, reject) => {
    const inflate = createInflateRaw({ chunkSize: 256 * 1024 });
    const waiting: Buffer[] = [];
    let ended = false;
    let failed = false;
    let scheduled = false;
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      waiting.length = 0;
      inflate.destroy();
      reject(e);
    };
    const read = () => {
      scheduled = false;
      try {
        while (waiting.length > 0 && !failed) {
          const chunk = waiting.shift()!;
          onChunk(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
        }
      } catch (e) {
        fail(e);
        return;
      }
      if (failed) return;
      if (ended) resolve();
      else inflate.resume();
    };
    const schedule = () => {
      if (scheduled || failed) return;
      scheduled = true;
      queueMicrotask(read);
    };
    inflate.on('data', (chunk: Buffer) => {
      if (failed) return;
      waiting.push(chunk);
      if (waiting.length >= AHEAD) inflate.pause();
      schedule();
    });
    inflate.on('error', () => fail(new XlsxError('Corrupt')));
    inflate.on('end', () => {
      ended = true;
      schedule();
    });
    inflate.end(data);
  });

export const nodeDeflate: Deflate = (data) => {
  const out = deflateRawSync(data, { level: 6 });
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
};

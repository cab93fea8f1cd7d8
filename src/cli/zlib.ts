/** Inflate and deflate on the command line: Node's own zlib, streamed, so memory stays bounded. */
import { createInflateRaw, deflateRawSync } from 'node:zlib';
import { XlsxError } from '../xlsx/errors';
import type { Inflater } from '../xlsx/package';
import type { Deflate } from '../xlsx/zip';

export const nodeInflate: Inflater = (data, onChunk) =>
  new Promise((resolve, reject) => {
    const inflate = createInflateRaw({ chunkSize: 256 * 1024 });
    let failed = false;
    inflate.on('data', (chunk: Buffer) => {
      if (failed) return;
      try {
        onChunk(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
      } catch (e) {
        failed = true;
        inflate.destroy();
        reject(e);
      }
    });
    inflate.on('error', () => {
      if (!failed) reject(new XlsxError('Corrupt'));
      failed = true;
    });
    inflate.on('end', () => {
      if (!failed) resolve();
    });
    inflate.end(data);
  });

export const nodeDeflate: Deflate = (data) => {
  const out = deflateRawSync(data, { level: 6 });
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
};

/** Inflate and deflate in a browser: fflate, the only zip library in the browser bundle. */
import { deflateSync, Inflate } from 'fflate';
import { XlsxError } from './errors';
import type { Inflater } from './package';
import type { Deflate } from './zip';

const CHUNK = 256 * 1024;

export const browserInflate: Inflater = async (data, onChunk) => {
  let fromCaller: unknown = null;
  const inflater = new Inflate((chunk) => {
    try {
      onChunk(chunk);
    } catch (e) {
      fromCaller = e;
      throw e;
    }
  });
  const push = (part: Uint8Array, final: boolean) => {
    try {
      inflater.push(part, final);
    } catch {
      throw fromCaller ?? new XlsxError('Corrupt');
    }
  };
  for (let i = 0; i < data.length; i += CHUNK) {
    push(data.subarray(i, Math.min(data.length, i + CHUNK)), i + CHUNK >= data.length);
    // Let the page breathe between chunks of a large part.
    if (i % (16 * CHUNK) === 0 && i > 0) await new Promise((r) => setTimeout(r, 0));
  }
  if (data.length === 0) push(new Uint8Array(0), true);
};

export const browserDeflate: Deflate = (data) => deflateSync(data, { level: 6 });

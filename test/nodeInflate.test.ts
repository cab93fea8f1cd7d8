/**
 * The command line's inflater: chunks are read a moment after zlib gives them, so that zlib
 * inflates the next one meanwhile. Every byte still comes once and in order, a reader's error
 * stops the stream at once, and a damaged stream is one typed error.
 */
import { deflateRawSync } from 'node:zlib';
import { nodeInflate } from '../src/cli/zlib';
import { XlsxError } from '../src/xlsx/errors';

/** Bytes that deflate to far fewer (like a sheet's XML) but are not one repeated run. */
function sheetLike(bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  let x = 12345;
  for (let i = 0; i < bytes; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = 60 + ((x >>> 16) % 20);
  }
  return out;
}

describe('nodeInflate', () => {
  const data = sheetLike(6 * 1024 * 1024);
  const raw = new Uint8Array(deflateRawSync(data));

  it('gives every byte once and in order, in chunks', async () => {
    const chunks: Uint8Array[] = [];
    await nodeInflate(raw, (c) => chunks.push(c.slice()));
    expect(chunks.length).toBeGreaterThan(4);
    expect(Buffer.concat(chunks).equals(Buffer.from(data))).toBe(true);
  });

  it("stops at the reader's error, and gives no chunk after it", async () => {
    let seen = 0;
    let afterError = 0;
    const stop = new Error('stop');
    await expect(
      nodeInflate(raw, () => {
        if (seen > 2) afterError++;
        if (++seen === 3) throw stop;
      }),
    ).rejects.toBe(stop);
    await new Promise((r) => setTimeout(r, 50));
    expect([seen, afterError]).toEqual([3, 0]);
  });

  it('says a damaged stream is corrupt', async () => {
    const damaged = raw.slice(0, raw.length / 2);
    damaged[10] ^= 0xff;
    await expect(nodeInflate(damaged, () => undefined)).rejects.toBeInstanceOf(XlsxError);
  });
});

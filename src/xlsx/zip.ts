/**
 * The zip container of an .xlsx package, read and written without touching what we do not own:
 * an entry we do not change is copied with its compressed bytes as they are. Zip64 is read.
 * Nothing here inflates: the caller decides what to inflate, and how much it may grow to.
 */
import { XlsxError } from './errors';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  size: number;
  /** Offset of the compressed data in the archive. */
  dataOffset: number;
  /** DOS time and date as stored, kept when the entry is copied. */
  time: number;
  date: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
const u64 = (b: Uint8Array, o: number) => u32(b, o) + u32(b, o + 4) * 2 ** 32;

/** Reads the central directory. Throws XlsxError('Corrupt') for anything that is not a sound zip. */
export function readZip(data: Uint8Array): ZipEntry[] {
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 65_535); i--) {
    if (u32(data, i) === SIG_EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new XlsxError('Corrupt');
  let count = u16(data, eocd + 10);
  let cdSize = u32(data, eocd + 12);
  let cdOffset = u32(data, eocd + 16);
  const locator = eocd - 20;
  if (locator >= 0 && u32(data, locator) === SIG_EOCD64_LOCATOR) {
    const at = u64(data, locator + 8);
    if (at + 56 > data.length || u32(data, at) !== SIG_EOCD64) throw new XlsxError('Corrupt');
    count = u64(data, at + 32);
    cdSize = u64(data, at + 40);
    cdOffset = u64(data, at + 48);
  }
  if (cdOffset + cdSize > data.length) throw new XlsxError('Corrupt');
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > data.length || u32(data, p) !== SIG_CENTRAL) throw new XlsxError('Corrupt');
    const flags = u16(data, p + 8);
    const method = u16(data, p + 10);
    const time = u16(data, p + 12);
    const date = u16(data, p + 14);
    const crc32 = u32(data, p + 16);
    let compressedSize = u32(data, p + 20);
    let size = u32(data, p + 24);
    const nameLength = u16(data, p + 28);
    const extraLength = u16(data, p + 30);
    const commentLength = u16(data, p + 32);
    let localOffset = u32(data, p + 42);
    const name = decoder.decode(data.subarray(p + 46, p + 46 + nameLength));
    // Zip64 extra field: the sizes and offset that did not fit in 32 bits, in this order.
    let e = p + 46 + nameLength;
    const extraEnd = e + extraLength;
    while (e + 4 <= extraEnd) {
      const id = u16(data, e);
      const len = u16(data, e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (size === 0xffffffff) ((size = u64(data, q)), (q += 8));
        if (compressedSize === 0xffffffff) ((compressedSize = u64(data, q)), (q += 8));
        if (localOffset === 0xffffffff) localOffset = u64(data, q);
      }
      e += 4 + len;
    }
    if (localOffset + 30 > data.length || u32(data, localOffset) !== SIG_LOCAL) throw new XlsxError('Corrupt');
    const dataOffset = localOffset + 30 + u16(data, localOffset + 26) + u16(data, localOffset + 28);
    if (dataOffset + compressedSize > data.length) throw new XlsxError('Corrupt');
    if (flags & 1) throw new XlsxError('Encrypted');
    entries.push({ name, method, flags, crc32, compressedSize, size, dataOffset, time, date });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

export function rawData(data: Uint8Array, entry: ZipEntry): Uint8Array {
  return data.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
}

// ---------------------------------------------------------------------------------------------

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

export function crc32(data: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** An entry of the archive being written: copied as it was, or new data to compress. */
export type ZipOutput =
  { kind: 'copy'; entry: ZipEntry; source: Uint8Array } | { kind: 'new'; name: string; data: Uint8Array };

export type Deflate = (data: Uint8Array) => Uint8Array;

/** DOS date and time of now, for new entries. */
function dosNow(): { time: number; date: number } {
  const d = new Date();
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/** One entry as it goes into the archive: its name, its compressed bytes and where they start. */
interface Item {
  name: Uint8Array;
  method: number;
  crc: number;
  size: number;
  compressed: Uint8Array;
  time: number;
  date: number;
  offset: number;
}

const needsZip64 = (item: Item) =>
  item.size >= 0xffffffff || item.compressed.length >= 0xffffffff || item.offset >= 0xffffffff;

/** A copied entry keeps its compressed bytes; a new one is deflated (or stored when that is smaller). */
function itemOf(
  o: ZipOutput,
  encoder: TextEncoder,
  now: { time: number; date: number },
  offset: number,
  deflate: Deflate,
): Item {
  if (o.kind === 'copy') {
    return {
      name: encoder.encode(o.entry.name),
      method: o.entry.method,
      crc: o.entry.crc32,
      size: o.entry.size,
      compressed: rawData(o.source, o.entry),
      time: o.entry.time,
      date: o.entry.date,
      offset,
    };
  }
  const compressed = deflate(o.data);
  const stored = compressed.length >= o.data.length;
  return {
    name: encoder.encode(o.name),
    method: stored ? 0 : 8,
    crc: crc32(o.data),
    size: o.data.length,
    compressed: stored ? o.data : compressed,
    ...now,
    offset,
  };
}

/** The local file header (APPNOTE 4.3.7), with the zip64 extra field (4.5.3) when the sizes need it. */
function localHeader(item: Item): Uint8Array {
  const zip64 = needsZip64(item);
  const extra = zip64 ? 20 : 0;
  const header = new Uint8Array(30 + item.name.length + extra);
  const v = new DataView(header.buffer);
  v.setUint32(0, SIG_LOCAL, true);
  v.setUint16(4, zip64 ? 45 : 20, true);
  v.setUint16(6, 0x0800, true); // names are UTF-8
  v.setUint16(8, item.method, true);
  v.setUint16(10, item.time, true);
  v.setUint16(12, item.date, true);
  v.setUint32(14, item.crc, true);
  v.setUint32(18, zip64 ? 0xffffffff : item.compressed.length, true);
  v.setUint32(22, zip64 ? 0xffffffff : item.size, true);
  v.setUint16(26, item.name.length, true);
  v.setUint16(28, extra, true);
  header.set(item.name, 30);
  if (zip64) {
    const x = 30 + item.name.length;
    v.setUint16(x, 1, true);
    v.setUint16(x + 2, 16, true);
    v.setBigUint64(x + 4, BigInt(item.size), true);
    v.setBigUint64(x + 12, BigInt(item.compressed.length), true);
  }
  return header;
}

/** The central directory header (APPNOTE 4.3.12), with its zip64 extra field when needed. */
function centralHeader(item: Item): Uint8Array {
  const zip64 = needsZip64(item);
  const extra = zip64 ? 28 : 0;
  const h = new Uint8Array(46 + item.name.length + extra);
  const v = new DataView(h.buffer);
  v.setUint32(0, SIG_CENTRAL, true);
  v.setUint16(4, zip64 ? 45 : 20, true);
  v.setUint16(6, zip64 ? 45 : 20, true);
  v.setUint16(8, 0x0800, true);
  v.setUint16(10, item.method, true);
  v.setUint16(12, item.time, true);
  v.setUint16(14, item.date, true);
  v.setUint32(16, item.crc, true);
  v.setUint32(20, zip64 ? 0xffffffff : item.compressed.length, true);
  v.setUint32(24, zip64 ? 0xffffffff : item.size, true);
  v.setUint16(28, item.name.length, true);
  v.setUint16(30, extra, true);
  v.setUint32(42, zip64 ? 0xffffffff : item.offset, true);
  h.set(item.name, 46);
  if (zip64) {
    const x = 46 + item.name.length;
    v.setUint16(x, 1, true);
    v.setUint16(x + 2, 24, true);
    v.setBigUint64(x + 4, BigInt(item.size), true);
    v.setBigUint64(x + 12, BigInt(item.compressed.length), true);
    v.setBigUint64(x + 20, BigInt(item.offset), true);
  }
  return h;
}

/** The end of central directory record, preceded by its zip64 record and locator when the archive needs them. */
function endRecords(count: number, cdStart: number, cdSize: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  const many = count >= 0xffff || cdStart >= 0xffffffff;
  if (many) {
    const z = new Uint8Array(56 + 20);
    const v = new DataView(z.buffer);
    v.setUint32(0, SIG_EOCD64, true);
    v.setBigUint64(4, 44n, true);
    v.setUint16(12, 45, true);
    v.setUint16(14, 45, true);
    v.setBigUint64(24, BigInt(count), true);
    v.setBigUint64(32, BigInt(count), true);
    v.setBigUint64(40, BigInt(cdSize), true);
    v.setBigUint64(48, BigInt(cdStart), true);
    v.setUint32(56, SIG_EOCD64_LOCATOR, true);
    v.setBigUint64(64, BigInt(cdStart + cdSize), true);
    v.setUint32(72, 1, true);
    out.push(z);
  }
  const end = new Uint8Array(22);
  const v = new DataView(end.buffer);
  v.setUint32(0, SIG_EOCD, true);
  v.setUint16(8, many ? 0xffff : count, true);
  v.setUint16(10, many ? 0xffff : count, true);
  v.setUint32(12, many ? 0xffffffff : cdSize, true);
  v.setUint32(16, many ? 0xffffffff : cdStart, true);
  out.push(end);
  return out;
}

/** Writes an archive; copied entries keep their compressed bytes, new ones are deflated. */
export function writeZip(outputs: ZipOutput[], deflate: Deflate): Uint8Array {
  const encoder = new TextEncoder();
  const now = dosNow();
  const items: Item[] = [];
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const o of outputs) {
    const item = itemOf(o, encoder, now, offset, deflate);
    const header = localHeader(item);
    items.push(item);
    chunks.push(header, item.compressed);
    offset += header.length + item.compressed.length;
  }
  const cdStart = offset;
  for (const item of items) {
    const h = centralHeader(item);
    chunks.push(h);
    offset += h.length;
  }
  chunks.push(...endRecords(items.length, cdStart, offset - cdStart));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

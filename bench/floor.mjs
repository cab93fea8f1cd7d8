// The floor of a whole-process validate: Node's zlib inflating every entry of a file, nothing
// parsed — what any reader of the package must do at the least.
// Usage: node bench/floor.mjs file.xlsx
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

const data = readFileSync(process.argv[2]);
// The central directory (no library: it is a few fixed-size records).
const u16 = (o) => data.readUInt16LE(o);
const u32 = (o) => data.readUInt32LE(o);
let eocd = data.length - 22;
while (u32(eocd) !== 0x06054b50) eocd--;
let bytes = 0;
for (let p = u32(eocd + 16), n = u16(eocd + 10); n > 0; n--) {
  const nameLength = u16(p + 28);
  const local = u32(p + 42);
  const start = local + 30 + u16(local + 26) + u16(local + 28);
  const raw = data.subarray(start, start + u32(p + 20));
  bytes += u16(p + 10) === 8 ? inflateRawSync(raw).length : raw.length;
  p += 46 + nameLength + u16(p + 30) + u16(p + 32);
}
console.log(bytes);

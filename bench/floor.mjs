// The floor of a whole-process validate: Node's zlib and the saxes streaming XML parser over
// every worksheet and the shared strings of a file, doing nothing with what they read.
// Usage: node bench/floor.mjs file.xlsx
import { readFileSync } from 'node:fs';
import { createInflateRaw } from 'node:zlib';
import { SaxesParser } from 'saxes';

const data = readFileSync(process.argv[2]);
// The central directory (no library: it is a few fixed-size records).
const u16 = (o) => data.readUInt16LE(o);
const u32 = (o) => data.readUInt32LE(o);
let eocd = data.length - 22;
while (u32(eocd) !== 0x06054b50) eocd--;
const entries = [];
for (let p = u32(eocd + 16), n = u16(eocd + 10); n > 0; n--) {
  const nameLength = u16(p + 28);
  const name = data.toString('utf8', p + 46, p + 46 + nameLength);
  const local = u32(p + 42);
  const start = local + 30 + u16(local + 26) + u16(local + 28);
  entries.push({ name, method: u16(p + 10), data: data.subarray(start, start + u32(p + 20)) });
  p += 46 + nameLength + u16(p + 30) + u16(p + 32);
}
let elements = 0;
for (const e of entries.filter((x) => /worksheets\/[^/]+\.xml$|sharedStrings\.xml$/.test(x.name))) {
  const parser = new SaxesParser();
  parser.on('opentag', () => elements++);
  const decoder = new TextDecoder();
  await new Promise((resolve, reject) => {
    const inflate = createInflateRaw({ chunkSize: 256 * 1024 });
    inflate.on('data', (chunk) => parser.write(decoder.decode(chunk, { stream: true })));
    inflate.on('end', resolve);
    inflate.on('error', reject);
    inflate.end(e.data);
  });
  parser.close();
}
console.log(elements);

import { readFileSync } from 'node:fs';
import { validatePackages } from './support/ooxml';
(async () => {
  const t = Date.now();
  const r = await validatePackages(
    process.argv.slice(2).map((f) => ({ label: f, data: new Uint8Array(readFileSync(f)) })),
  );
  for (const [k, v] of r) {
    console.log(k, v.schema.length, v.rules.length);
    for (const e of [...v.schema, ...v.rules].slice(0, 12)) console.log('  ', e);
  }
  console.log(Date.now() - t, 'ms');
})();

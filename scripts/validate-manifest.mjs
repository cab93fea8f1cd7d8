// Validates the XML add-in manifest offline against Microsoft's XSDs in manifest-schemas/, with
// libxml2 compiled to WebAssembly (xmllint-wasm): no system xmllint, no network.
// Usage: node scripts/validate-manifest.mjs [manifest.xml]   Exit 0 valid, 3 invalid.
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateXML } from 'xmllint-wasm';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const schemas = join(root, 'manifest-schemas');

export async function validateManifest(file) {
  const names = (await readdir(schemas)).filter((f) => f.endsWith('.xsd'));
  const main = 'OfficeAppManifestV1_1.xsd';
  const load = async (name) => ({ fileName: name, contents: await readFile(join(schemas, name), 'utf8') });
  const result = await validateXML({
    xml: [{ fileName: file.split('/').pop(), contents: await readFile(file, 'utf8') }],
    schema: [await load(main)],
    preload: await Promise.all(names.filter((n) => n !== main).map(load)),
  });
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = resolve(process.argv[2] ?? join(root, 'manifest.xml'));
  const result = await validateManifest(file);
  if (result.valid) {
    console.log(`${file} validates`);
  } else {
    for (const e of result.errors) console.error(e.rawMessage ?? e.message);
    process.exitCode = 3;
  }
}

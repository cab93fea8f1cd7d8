/** Writes examples/*.xlsx from the seed figures. Run: npm run examples */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { slagelse2021 } from '../examples/slagelse-2021';
import { nodeDeflate, nodeInflate } from '../src/cli/zlib';
import { buildPlanSheet } from '../src/core/build/template';
import { blankPackage } from '../src/xlsx/blank';
import { Package } from '../src/xlsx/package';
import { writePackage } from '../src/xlsx/write';

async function main() {
  const pkg = new Package(blankPackage(nodeDeflate), nodeInflate);
  const { data } = await writePackage(
    pkg,
    buildPlanSheet('Handleplan 2021', slagelse2021),
    { sheets: [] },
    nodeDeflate,
  );
  const out = join(__dirname, '..', 'examples', 'handleplan-slagelse-2021.xlsx');
  writeFileSync(out, data);
  console.log(`Skrev ${out}`);
}

void main();

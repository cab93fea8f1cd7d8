// Prints what Excel loads before the pane is interactive (the scripts taskpane.html starts with,
// gzipped) and what comes later, on demand. Fails the build above the budget. Also writes
// dist/bundle-size.json for the benchmark.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

export const BUDGET_KB = 160;
const gz = (f) => gzipSync(readFileSync(`dist/${f}`), { level: 9 }).length;
const scriptsOf = (page) =>
  [...readFileSync(`dist/${page}`, 'utf8').matchAll(/<script[^>]+src=["']?([^"'\s>]+)/g)]
    .map((m) => m[1].replace(/^\//, ''))
    .filter((src) => !/^https?:/.test(src));

const initial = scriptsOf('taskpane.html');
const WHEN = {
  actions: 'when a plan is shown (the actions that write)',
  browser: 'only in browser mode (the .xlsx reader and writer)',
  commands: 'by the ribbon command, in its own runtime',
  dialog: "by the ribbon command's dialog",
  'excel-write': 'on the first write in Excel (the check, the write and its undo)',
  picker: 'when there is a plan to choose',
  validate: "at once, beside Office's start-up (the validator)",
};
const when = (f) => WHEN[f.split('.')[0]] ?? 'on demand, shared by the chunks above';

let total = 0;
for (const src of initial) {
  const size = gz(src);
  total += size;
  console.log(`  ${src} (initial): ${(size / 1024).toFixed(1)} KB gzip`);
}
const lazy = readdirSync('dist').filter((f) => f.endsWith('.js') && !initial.includes(f));
const chunks = {};
for (const f of lazy) {
  chunks[f] = gz(f);
  console.log(`  ${f} (loaded ${when(f)}): ${(chunks[f] / 1024).toFixed(1)} KB gzip`);
}
console.log(`Initial JavaScript for Excel: ${(total / 1024).toFixed(1)} KB gzip (budget ${BUDGET_KB} KB)`);
writeFileSync('dist/bundle-size.json', JSON.stringify({ initialBytes: total, budgetKB: BUDGET_KB, chunks }, null, 1));
if (total > BUDGET_KB * 1024) {
  console.error('Over budget.');
  process.exit(1);
}

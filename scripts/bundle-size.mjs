// Prints what Excel loads before the pane is interactive: the scripts taskpane.html starts
// with, gzipped. Fails the build above the budget.
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 200;
const html = readFileSync('dist/taskpane.html', 'utf8');
const initial = [...html.matchAll(/<script[^>]+src=["']?([^"'\s>]+)/g)]
  .map((m) => m[1])
  .filter((src) => !/^https?:/.test(src));
let total = 0;
for (const src of initial) {
  const size = gzipSync(readFileSync(`dist/${src.replace(/^\//, '')}`), { level: 9 }).length;
  total += size;
  console.log(`  ${src}: ${(size / 1024).toFixed(1)} KB gzip`);
}
const lazy = readdirSync('dist').filter((f) => f.endsWith('.js') && !initial.includes(f));
for (const f of lazy)
  console.log(
    `  ${f} (loaded only in browser mode): ${(gzipSync(readFileSync(`dist/${f}`), { level: 9 }).length / 1024).toFixed(1)} KB gzip`,
  );
console.log(`Initial JavaScript for Excel: ${(total / 1024).toFixed(1)} KB gzip (budget ${BUDGET_KB} KB)`);
if (total > BUDGET_KB * 1024) {
  console.error('Over budget.');
  process.exit(1);
}

// The peer: SheetJS reading the same file as a controller's tool would (every sheet, cell values).
// Usage: node bench/sheetjs.mjs file.xlsx
import { createRequire } from 'node:module';

const XLSX = createRequire(import.meta.url)('xlsx');
const wb = XLSX.readFile(process.argv[2], { dense: true });
console.log(wb.SheetNames.length);

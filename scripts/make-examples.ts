/** Writes examples/*.xlsx from the seed figures. Run: npx tsx scripts/make-examples.ts */
import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { slagelse2021 } from '../examples/slagelse-2021';
import { buildPlanSheet } from '../src/core/template';
import { applyWritePlanToXlsx } from '../src/xlsx/write';

async function main() {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Handleplan';
  workbook.created = new Date(Date.UTC(2021, 3, 22));
  workbook.modified = workbook.created;
  applyWritePlanToXlsx(workbook, buildPlanSheet('Handleplan 2021', slagelse2021));
  const out = join(__dirname, '..', 'examples', 'handleplan-slagelse-2021.xlsx');
  writeFileSync(out, Buffer.from(await workbook.xlsx.writeBuffer()));
  console.log(`Skrev ${out}`);
}

void main();

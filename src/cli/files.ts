import type ExcelJS from 'exceljs';
import { readFile, stat } from 'node:fs/promises';
import { cliText } from './text';
import { loadXlsx } from '../xlsx/read';
import { fail } from './errors';

const ZIP = [0x50, 0x4b]; // "PK": any zip archive, an empty one included
const CFB = [0xd0, 0xcf, 0x11, 0xe0]; // old .xls, and .xlsx encrypted with a password

const startsWith = (buf: Uint8Array, magic: number[]) => magic.every((b, i) => buf[i] === b);

/** Opens an .xlsx file or throws a UserError that says, in Danish, what is wrong with it. */
export async function openWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const info = await stat(file).catch(() => fail(cliText.fileNotFound(file)));
  if (info.isDirectory()) fail(cliText.isDirectory(file));
  if (info.size === 0) fail(cliText.emptyFile(file));
  const data = await readFile(file);
  if (startsWith(data, CFB)) fail(cliText.oldXlsOrEncrypted(file));
  if (!startsWith(data, ZIP)) fail(cliText.notXlsx(file));
  try {
    return await loadXlsx(data);
  } catch {
    return fail(cliText.corrupt(file));
  }
}

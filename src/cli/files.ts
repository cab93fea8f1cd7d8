import { chmod, lstat, readdir, readFile, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { unlinkSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { WorkbookSnapshot } from '../core/model/grid';
import { XlsxError } from '../xlsx/errors';
import { LIMITS } from '../xlsx/limits';
import { Package } from '../xlsx/package';
import { readWorkbook, type ReadOptions } from '../xlsx/read';
import { fail, userMessage } from './errors';
import { cliText, statusCliText } from './text';
import { nodeInflate } from './zlib';

export interface Input {
  pkg: Package;
  /** The input's permission bits, which the output keeps. */
  mode: number;
}

/** Opens an .xlsx file, or throws a UserError that says in Danish what is wrong with it. */
export async function openInput(file: string): Promise<Input> {
  const info = await stat(file).catch(() => fail(cliText.fileNotFound(file)));
  if (info.isDirectory()) fail(cliText.isDirectory(file));
  if (info.size === 0) fail(cliText.emptyFile(file));
  if (info.size > LIMITS.fileBytes)
    fail(userMessage(new XlsxError('TooLarge', { what: 'file', limit: LIMITS.fileBytes }), file));
  const data = await readFile(file);
  try {
    return {
      pkg: new Package(new Uint8Array(data.buffer, data.byteOffset, data.length), nodeInflate),
      mode: info.mode & 0o777,
    };
  } catch (e) {
    return fail(userMessage(e, file));
  }
}

/** Runs a read of the package, turning what is wrong with the file into one Danish line. */
export async function reading<T>(file: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof XlsxError) fail(userMessage(e, file));
    throw e;
  }
}

/** Opens and reads a workbook (only the sheet asked for, or the sheets that can hold a table). */
export async function readInput(
  file: string,
  options: ReadOptions = {},
): Promise<Input & { snapshot: WorkbookSnapshot }> {
  const input = await openInput(file);
  const snapshot = await reading(file, () => readWorkbook(input.pkg, options));
  return { ...input, snapshot };
}

/** Temporary files being written; removed on every way out, Ctrl-C included. */
const temporary = new Set<string>();

export function removeTemporaryFiles(): void {
  for (const t of temporary) {
    try {
      unlinkSync(t);
    } catch {
      // already gone
    }
  }
  temporary.clear();
}

/** What an output must be: a workbook (.xlsx, or .xlsm for one with macros) or a report (.docx). */
export interface OutputRules {
  kind: 'workbook' | 'docx';
  /** The input file: the output may never be it. */
  input?: string;
  /** The workbook holds macros (known once the input is open). */
  macro?: boolean;
}

/**
 * The refusals every command that writes shares (README, "File safety"): the output is never
 * the input (the same path, a symbolic or hard link to it), never anything but a regular file
 * (a device, a named pipe), and has the extension its content needs. Returns the file to write:
 * the target of a symbolic link.
 */
export async function checkOutput(out: string, rules: OutputRules): Promise<string> {
  if (basename(out).length > 255) fail(cliText.outNameTooLong(basename(out)));
  const ext = extname(out).toLowerCase();
  if (rules.kind === 'docx' && ext !== '.docx') fail(statusCliText.notDocx(out));
  if (rules.kind === 'workbook') {
    if (ext !== '.xlsx' && ext !== '.xlsm') fail(cliText.outBadExtension(out));
    if (rules.macro === true && ext === '.xlsx') fail(cliText.outMacroAsXlsx(out));
    if (rules.macro === false && ext === '.xlsm') fail(cliText.outXlsmWithoutMacros(out));
  }
  let target = out;
  const existing = await lstat(out).catch(() => null);
  if (existing?.isSymbolicLink()) target = await realpath(out).catch(() => fail(cliText.outDanglingLink(out)));
  const current = existing?.isSymbolicLink() ? await stat(target).catch(() => null) : existing;
  if (current?.isDirectory()) fail(cliText.outIsDirectory(out));
  if (current && !current.isFile()) fail(cliText.outNotRegular(out));
  if (current && rules.input !== undefined) {
    const input = await stat(rules.input).catch(() => null);
    if (input && input.dev === current.dev && input.ino === current.ino) fail(cliText.outIsInput(out));
  }
  if (current && (current.mode & 0o222) === 0) fail(cliText.outReadOnly(out));
  const dirLink = await lstat(dirname(out)).catch(() => null);
  if (dirLink?.isSymbolicLink() && !(await stat(dirname(out)).catch(() => null)))
    fail(cliText.outDanglingLink(dirname(out)));
  return target;
}

/** Temporaries this program names: ".<file>.<pid>.<random>.tmp". */
const TEMP_NAME = /^\.(.+)\.(\d+)\.[a-z0-9]+\.tmp$/;

/** True while a process with this id runs (ours or another's that we may not signal). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temporaries of the same output left by a run that was killed (SIGKILL leaves no way
 * to clean up): only files of our own naming whose writing process is gone, never another run's.
 */
async function removeAbandoned(dir: string, name: string): Promise<void> {
  for (const f of await readdir(dir).catch(() => [] as string[])) {
    const m = TEMP_NAME.exec(f);
    if (!m || m[1] !== name || Number(m[2]) === process.pid || running(Number(m[2]))) continue;
    await unlink(join(dir, f)).catch(() => undefined);
  }
}

/**
 * Writes the output through a temporary file beside it, renamed into place only when complete:
 * a read-only file is refused, a symbolic link is written through to its target, the new file
 * gets the input's permission bits, and a missing folder is named.
 */
export async function writeOutput(
  out: string,
  data: Uint8Array,
  mode = 0o644,
  rules: OutputRules = { kind: 'workbook' },
): Promise<void> {
  const target = await checkOutput(out, rules);
  const dir = dirname(target);
  const folder = await stat(dir).catch(() => null);
  if (!folder?.isDirectory()) fail(cliText.outDirMissing(dirname(out)));
  await removeAbandoned(dir, basename(target));
  const tmp = join(dir, `.${basename(target)}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`);
  temporary.add(tmp);
  try {
    await writeFile(tmp, data, { mode });
    await chmod(tmp, mode);
    // For the test of Ctrl-C during a write: wait here, with the temporary file in place.
    if (process.env.HANDLEPLAN_TEST_HOLD_TEMP) await new Promise((r) => setTimeout(r, 60_000));
    await rename(tmp, target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') fail(cliText.outNotWritable(out));
    if (code === 'ENAMETOOLONG') fail(cliText.outNameTooLong(basename(out)));
    if (code === 'ENOENT') fail(cliText.outDirMissing(dirname(out)));
    throw e;
  } finally {
    temporary.delete(tmp);
    await unlink(tmp).catch(() => undefined);
  }
}

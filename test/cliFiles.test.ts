/**
 * The command line never damages a file: the output keeps the input's permission bits, a
 * read-only output is refused, a symbolic link is written through to its target, no temporary
 * file survives any way out (Ctrl-C and kill included), a folder is never rolled over into
 * itself, a missing output folder is named, and a closed stdout does not turn success into failure.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cli } from './support/cli';
import { planWorkbook, readBytes, xlsxBuffer } from './support/workbooks';

const ROOT = resolve(__dirname, '..');
const BIN = join(ROOT, 'bin/handleplan.js');
const tmp = mkdtempSync(join(tmpdir(), 'handleplan-files-'));
let input: string;

beforeAll(async () => {
  spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: ROOT });
  input = join(tmp, 'plan.xlsx');
  writeFileSync(input, await xlsxBuffer(planWorkbook()));
});

const temporaries = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

test("the output keeps the input's permission bits", async () => {
  const secret = join(tmp, 'secret.xlsx');
  writeFileSync(secret, readFileSync(input));
  chmodSync(secret, 0o600);
  const out = join(tmp, 'secret-out.xlsx');
  expect((await cli('project', secret, '-o', out)).code).toBe(0);
  expect(statSync(out).mode & 0o777).toBe(0o600);
  // also when the output was there before with other bits
  writeFileSync(join(tmp, 'existing.xlsx'), 'old');
  chmodSync(join(tmp, 'existing.xlsx'), 0o644);
  expect((await cli('new-year', secret, '-o', join(tmp, 'existing.xlsx'))).code).toBe(0);
  expect(statSync(join(tmp, 'existing.xlsx')).mode & 0o777).toBe(0o600);
});

test('a read-only output file is refused with a message, and left as it was', async () => {
  const out = join(tmp, 'readonly.xlsx');
  writeFileSync(out, 'do not touch');
  chmodSync(out, 0o444);
  const r = await cli('project', input, '-o', out);
  expect(r.code).toBe(2);
  expect(r.stderr).toBe(`Filen "${out}" er skrivebeskyttet, så den bliver ikke erstattet. Vælg en anden udfil.`);
  expect(readFileSync(out, 'utf8')).toBe('do not touch');
  expect(temporaries(tmp)).toEqual([]);
});

test('a symbolic link as output is written through to its target', async () => {
  const dir = join(tmp, 'linked');
  mkdirSync(dir);
  const target = join(dir, 'real.xlsx');
  writeFileSync(target, 'old');
  const link = join(tmp, 'link.xlsx');
  symlinkSync(target, link);
  expect((await cli('project', input, '-o', link)).code).toBe(0);
  expect(lstatSync(link).isSymbolicLink()).toBe(true);
  expect(realpathSync(link)).toBe(target);
  const after = await readBytes(readFileSync(target));
  expect(after.sheets.map((s) => s.name)).toContain('Fremskrivning 2021');
  expect(temporaries(dir)).toEqual([]);
});

test('-o into a folder that does not exist names the folder', async () => {
  const r = await cli('project', input, '-o', join(tmp, 'nowhere', 'out.xlsx'));
  expect(r.code).toBe(2);
  expect(r.stderr).toBe(`Mappen "${join(tmp, 'nowhere')}" findes ikke. Opret den, eller vælg en anden udfil.`);
});

test('new-year refuses an output folder that is the input folder or inside it', async () => {
  const dir = join(tmp, 'plans');
  mkdirSync(dir);
  writeFileSync(join(dir, 'a.xlsx'), readFileSync(input));
  for (const out of [dir, join(dir, 'next'), `${dir}/.`]) {
    const r = await cli('new-year', dir, '-o', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/er den samme som \(eller ligger i\)/);
  }
  expect(readdirSync(dir)).toEqual(['a.xlsx']);
  const ok = await cli('new-year', dir, '-o', join(tmp, 'plans-2022'));
  expect(ok.code).toBe(0);
});

test.each([
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const)('%s during a write leaves no temporary file and no output', async (signal, expected) => {
  const dir = mkdtempSync(join(tmp, 'signal-'));
  const out = join(dir, 'out.xlsx');
  const child = spawn(process.execPath, [BIN, 'project', input, '-o', out], {
    env: { ...process.env, HANDLEPLAN_TEST_HOLD_TEMP: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  for (let i = 0; i < 500 && temporaries(dir).length === 0; i++) await new Promise((r) => setTimeout(r, 20));
  expect(temporaries(dir)).toHaveLength(1);
  child.kill(signal);
  const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  expect(code).toBe(expected);
  expect(stderr.trim()).toBe('Afbrudt. Intet er skrevet.');
  expect(readdirSync(dir)).toEqual([]);
  expect(existsSync(out)).toBe(false);
});

test('a reader that stops early does not turn a finished command into an error', async () => {
  const child = spawn(process.execPath, [BIN, 'validate', input, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  expect(code).toBe(0);
  expect(stderr).toBe('');
});

/**
 * LibreOffice as a second spreadsheet engine. Its profile is told to recalculate every Excel
 * file on load (OOXMLRecalcMode = 0, "always"), so the figures it saves are its own arithmetic,
 * never the cached results we wrote.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export const SOFFICE = '/usr/bin/soffice';

const PROFILE_SETTINGS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** Where the test run's global setup left a started profile (test/support/globalSetup.ts). */
export const PROFILE_TEMPLATE_ENV = 'HANDLEPLAN_LO_PROFILE_TEMPLATE';

export function writeProfileSettings(dir: string): void {
  mkdirSync(join(dir, 'user'), { recursive: true });
  writeFileSync(join(dir, 'user', 'registrymodifications.xcu'), PROFILE_SETTINGS);
}

let profile: string | null = null;

/** This test file's own profile: a copy of the run's started one where there is one. */
function profileDir(): string {
  if (profile) return profile;
  profile = mkdtempSync(join(tmpdir(), 'handleplan-lo-profile-'));
  const template = process.env[PROFILE_TEMPLATE_ENV];
  if (template && existsSync(join(template, 'user')))
    cpSync(join(template, 'user'), join(profile, 'user'), { recursive: true });
  writeProfileSettings(profile);
  return profile;
}

export function requireLibreOffice(): void {
  if (!existsSync(SOFFICE)) throw new Error('LibreOffice mangler: apt-get install -y libreoffice-calc-nogui');
}

/** Converts a file with LibreOffice (recalculating on load); returns the converted file's path. */
export function convert(file: string, format: string, outDir = join(profileDir(), 'out')): string {
  execFileSync(
    SOFFICE,
    [`-env:UserInstallation=file://${profileDir()}`, '--headless', '--convert-to', format, '--outdir', outDir, file],
    { stdio: 'pipe', timeout: 180_000 },
  );
  const ext = format.split(':')[0];
  return join(outDir, basename(file).replace(/\.[^.]+$/, `.${ext}`));
}

/** Opens an .xlsx file in LibreOffice, recalculates every formula and saves it as .xlsx again. */
export function recalculate(file: string): string {
  return convert(file, 'xlsx', join(profileDir(), 'recalculated'));
}

/** Recalculates several files in one LibreOffice run; returns the converted files' paths in order. */
export function recalculateMany(files: string[]): string[] {
  const outDir = mkdtempSync(join(profileDir(), 'many-'));
  execFileSync(
    SOFFICE,
    [
      `-env:UserInstallation=file://${profileDir()}`,
      '--headless',
      '--convert-to',
      'xlsx',
      '--outdir',
      outDir,
      ...files,
    ],
    { stdio: 'pipe', timeout: 600_000 },
  );
  return files.map((f) => join(outDir, basename(f)));
}

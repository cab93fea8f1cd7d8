/**
 * Once per test run: LibreOffice is started and its profile made (the first start after an
 * install takes long on a busy machine). Each test file copies that profile instead of starting
 * LibreOffice cold, so no test waits on a first start.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROFILE_TEMPLATE_ENV, SOFFICE, writeProfileSettings } from './libreoffice';

export default function globalSetup(): void {
  if (!existsSync(SOFFICE) || process.env[PROFILE_TEMPLATE_ENV]) return;
  const profile = mkdtempSync(join(tmpdir(), 'handleplan-lo-template-'));
  writeProfileSettings(profile);
  const csv = join(profile, 'warm.csv');
  writeFileSync(csv, 'a;b\n1;2\n');
  try {
    execFileSync(
      SOFFICE,
      [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'xlsx', '--outdir', profile, csv],
      { stdio: 'pipe', timeout: 600_000 },
    );
    process.env[PROFILE_TEMPLATE_ENV] = profile;
  } catch {
    // The tests that need LibreOffice start it themselves and say what is wrong.
  }
}

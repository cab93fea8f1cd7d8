// `npm test` needs two programs from the system: Chromium (browser tests, through playwright-core)
// and LibreOffice (a second spreadsheet engine recalculates what we write; Writer turns the
// committee report into PDF), plus pdftoppm. On Debian or Ubuntu they are installed here when
// missing (as root, or through passwordless sudo); elsewhere the test run stops with one line
// naming what to install. No test is ever skipped for want of them.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const NEEDED = [
  { path: '/usr/bin/chromium', pkg: 'chromium' },
  { path: '/usr/bin/soffice', pkg: 'libreoffice-calc-nogui' },
  { path: '/usr/lib/libreoffice/program/libswlo.so', pkg: 'libreoffice-writer-nogui' },
  { path: '/usr/bin/pdftoppm', pkg: 'poppler-utils' },
];

const missing = NEEDED.filter((n) => !existsSync(n.path)).map((n) => n.pkg);
if (missing.length === 0) process.exit(0);

const debian = existsSync('/etc/debian_version') && spawnSync('apt-get', ['--version']).status === 0;
const root = process.getuid?.() === 0;
const sudo = !root && spawnSync('sudo', ['-n', 'true']).status === 0;
if (!debian || (!root && !sudo)) {
  console.error(
    `npm test needs ${missing.join(', ')}: install ${missing.length > 1 ? 'them' : 'it'} (on Debian/Ubuntu: apt-get install -y ${missing.join(' ')}) and run npm test again.`,
  );
  process.exit(1);
}
const run = (args) =>
  execFileSync(root ? args[0] : 'sudo', root ? args.slice(1) : ['-n', ...args], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
console.log(`Installing ${missing.join(', ')} for the tests …`);
run(['apt-get', 'update', '-qq']);
run(['apt-get', 'install', '-y', '-qq', ...missing]);

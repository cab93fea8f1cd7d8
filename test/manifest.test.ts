import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const VALIDATE = resolve(ROOT, 'scripts/validate-manifest.mjs');
const manifest = readFileSync(join(ROOT, 'manifest.xml'), 'utf8');

/** The same check as `npm run validate:manifest`: libxml2 as WebAssembly, the XSDs in the repo. */
const validate = (file: string) => spawnSync(process.execPath, [VALIDATE, file], { encoding: 'utf8' });

function pngSize(file: string) {
  const buf = readFileSync(file);
  expect(buf.subarray(1, 4).toString()).toBe('PNG');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

const attr = (tag: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(tag)?.[1];

test("manifest.xml validates against Microsoft's schemas", () => {
  const r = validate(join(ROOT, 'manifest.xml'));
  expect(r.stdout).toContain('validates');
  expect(r.status).toBe(0);
});

test('a manifest with a deliberate error is rejected', () => {
  const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
  const broken = join(dir, 'broken.xml');
  writeFileSync(
    broken,
    manifest.replace('<Permissions>ReadWriteDocument</Permissions>', '<Permissions>EverythingPlease</Permissions>'),
  );
  expect(validate(broken).status).toBe(3);
  const misordered = join(dir, 'misordered.xml');
  writeFileSync(misordered, manifest.replace(/(<DefaultLocale>.*<\/DefaultLocale>)\s*(<DisplayName[^>]*\/>)/, '$2$1'));
  expect(validate(misordered).status).toBe(3);
});

test('every resid resolves to a resource', () => {
  const ids = new Set([...manifest.matchAll(/<bt:(?:Image|Url|String) id="([^"]+)"/g)].map((m) => m[1]));
  const resids = [...manifest.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]);
  expect(resids.length).toBeGreaterThan(10);
  for (const r of resids) expect(ids).toContain(r);
});

test('every icon exists in assets/ at its declared size', () => {
  const images = new Map(
    [...manifest.matchAll(/<bt:Image id="([^"]+)" DefaultValue="([^"]+)"/g)].map((m) => [m[1], m[2]]),
  );
  const uses = [...manifest.matchAll(/<bt:Image size="(\d+)" resid="([^"]+)"\/>/g)];
  expect(uses.length).toBeGreaterThanOrEqual(3);
  const check = (url: string, size: number) => {
    const file = join(ROOT, new URL(url).pathname);
    expect(pngSize(file)).toEqual({ width: size, height: size });
  };
  for (const [, size, resid] of uses) check(images.get(resid)!, Number(size));
  check(attr(/<IconUrl[^>]*>/.exec(manifest)![0], 'DefaultValue')!, 32);
  check(attr(/<HighResolutionIconUrl[^>]*>/.exec(manifest)![0], 'DefaultValue')!, 64);
  for (const size of [16, 32, 64, 80])
    expect(pngSize(join(ROOT, `assets/icon-${size}.png`))).toEqual({ width: size, height: size });
});

test('every URL is https', () => {
  const urls = [...manifest.matchAll(/(?:DefaultValue="|<AppDomain>)(\w+:\/\/[^"<]+)/g)].map((m) => m[1]);
  expect(urls.length).toBeGreaterThan(5);
  for (const u of urls) expect(u).toMatch(/^https:\/\//);
});

test('Danish, least privilege, Excel on the Home tab with "Valider handleplan"', () => {
  expect(manifest).toContain('<DefaultLocale>da-DK</DefaultLocale>');
  expect(manifest).toContain('<Permissions>ReadWriteDocument</Permissions>');
  expect(manifest).toMatch(/<Host Name="Workbook"\/>/);
  expect(manifest).toMatch(/<OfficeTab id="TabHome">/);
  expect(manifest).toMatch(/<bt:String id="Validate.Label" DefaultValue="Valider handleplan"\/>/);
});

test('one pane URL; "Valider handleplan" is a function command that messages the pane (no two ShowTaskpane URLs)', () => {
  const panes = [...manifest.matchAll(/<Action xsi:type="ShowTaskpane">[\s\S]*?<\/Action>/g)].map((m) => m[0]);
  expect(panes).toHaveLength(1);
  expect(manifest).not.toMatch(/\?action=/);
  expect(manifest).toMatch(
    /<Action xsi:type="ExecuteFunction">\s*<FunctionName>validateFromRibbon<\/FunctionName>\s*<\/Action>/,
  );
  expect(manifest).toMatch(/<FunctionFile resid="Commands.Url"\/>/);
  expect(manifest).toMatch(/<bt:Url id="Commands.Url" DefaultValue="https:\/\/localhost:3000\/commands.html"\/>/);
  // The function the manifest names is the one the function file registers.
  const commands = readFileSync(join(ROOT, 'src/ribbon/command.ts'), 'utf8');
  expect(commands).toContain("associate('validateFromRibbon', validateFromRibbon)");
  expect(commands).toContain('.validateFromRibbon = validateFromRibbon');
});

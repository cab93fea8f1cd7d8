/**
 * Files Excel would repair are files the product broke. Every package the writers produce —
 * every command, chains of commands on each other's output, the corpus with a plan added, and
 * crafted inputs — is validated part by part against the ISO/IEC 29500-4 Transitional and the
 * ECMA-376 OPC schemas (xmllint-wasm), with the rules the schemas cannot express. A violation the
 * input already had is carried, reported apart; the product causes none.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { slagelse2021 } from '../examples/slagelse-2021';
import { nodeDeflate, nodeInflate } from '../src/cli/zlib';
import { buildPlanSheet } from '../src/core/build/template';
import { Package } from '../src/xlsx/package';
import { readWorkbook } from '../src/xlsx/read';
import { writePackage } from '../src/xlsx/write';
import { cli } from './support/cli';
import { validatePackages } from './support/ooxml';
import { cloneContent, planWorkbook, xlsxBuffer } from './support/workbooks';

const ROOT = resolve(__dirname, '..');
const tmp = mkdtempSync(join(tmpdir(), 'handleplan-schema-'));
const CORPUS = [
  ...readdirSync(join(ROOT, 'test/corpus/exceljs')).map((f) => join(ROOT, 'test/corpus/exceljs', f)),
  ...readdirSync(join(ROOT, 'test/corpus/libreoffice')).map((f) => join(ROOT, 'test/corpus/libreoffice', f)),
].filter((f) => f.endsWith('.xlsx') && !f.endsWith('-locked.xlsx'));

const read = (f: string) => new Uint8Array(readFileSync(f));

/** Parts of a package changed as another program writes them. */
function patched(data: Uint8Array, edit: (parts: Record<string, string>) => void): Uint8Array {
  const files = unzipSync(data);
  const text: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(files)) if (/\.xml$|\.rels$/.test(name)) text[name] = strFromU8(bytes);
  edit(text);
  for (const [name, t] of Object.entries(text)) files[name] = strToU8(t);
  return zipSync(files);
}

/** A produced package and the input it was made from (null for one made from nothing). */
interface Produced {
  label: string;
  output: string;
  input: string | null;
}

async function run(label: string, args: string[], out: string, input: string | null, list: Produced[]) {
  const r = await cli(...args, '-o', out);
  if (r.code !== 0) throw new Error(`${label}: exit ${r.code}: ${r.stderr}`);
  list.push({ label, output: out, input });
  return out;
}

describe('every package the writers produce validates against the OOXML schemas', () => {
  const produced: Produced[] = [];
  let reports: Awaited<ReturnType<typeof validatePackages>>;

  beforeAll(async () => {
    const at = (name: string) => join(tmp, name);
    const put = (name: string, data: Uint8Array | Buffer) => {
      writeFileSync(at(name), data);
      return at(name);
    };
    // The example plan, with a user's sheet before it whose name has an apostrophe.
    const example = put('example.xlsx', await xlsxBuffer(planWorkbook(undefined, { sheetsBefore: ["Bob's noter"] })));
    const p = (l: string, args: string[], input: string | null = example) =>
      run(l, args, at(`out-${l}.xlsx`), input, produced);
    await p('project', ['project', example]);
    const overrun = await p('project-overrun', ['project', example, '--overrun', '9,8 mio.']);
    const newYear = await p('new-year', ['new-year', example]);
    await p('new-year-even', ['new-year', example, '--even']);
    await p('new-year-empty', ['new-year', example, '--no-initiatives']);
    const template = await p('template', ['template', '--year', '2025'], null);
    await p('forecast-new', ['forecast', '--year', '2024'], null);
    const forecast = await p('forecast-added', ['forecast', example, '--year', '2021']);
    const status = await p('status-09', ['status', example, '--month', '2021-09']);
    await p('status-04', ['status', example, '--month', '2021-04']);
    // Chains on each other's output.
    await p('chain-overrun-new-year', ['new-year', overrun, '--sheet', 'Handleplan 2021', '--even'], overrun);
    await p(
      'chain-new-year-project',
      ['project', newYear, '--sheet', 'Handleplan 2021', '--overrun', '9.500.000'],
      newYear,
    );
    const again = await p('chain-status-again', ['status', status, '--month', '2021-09'], status);
    await p('chain-status-next', ['status', again, '--month', '2021-10'], again);
    await p('chain-forecast-project', ['project', forecast, '--overrun', '9,5 mio.'], forecast);
    await p('chain-template-overrun', ['project', template, '--overrun', '1.000.000'], template);
    const twice = await p('chain-project-twice', ['project', overrun], overrun);
    await p('chain-project-thrice', ['project', twice, '--overrun', '9,7 mio.'], twice);

    // Crafted inputs.
    const crafted = (name: string, data: Uint8Array) => put(name, data);
    const base = read(example);
    const emptyNames = crafted(
      'crafted-empty-names.xlsx',
      patched(base, (x) => {
        x['xl/workbook.xml'] = x['xl/workbook.xml'].replace(
          /<definedNames>[\s\S]*?<\/definedNames>|(<\/sheets>)/,
          (_m, end) => (end ? `${end}<definedNames/>` : '<definedNames/>'),
        );
      }),
    );
    await p('crafted-empty-names', ['project', emptyNames], emptyNames);
    const dxf = crafted(
      'crafted-dxf-numfmt.xlsx',
      patched(base, (x) => {
        const dxfs = '<dxfs count="1"><dxf><numFmt numFmtId="200" formatCode="0.0%"/></dxf></dxfs>';
        x['xl/styles.xml'] = /<dxfs\b/.test(x['xl/styles.xml'])
          ? x['xl/styles.xml'].replace(/<dxfs[^>]*\/>|<dxfs[^>]*>[\s\S]*?<\/dxfs>/, dxfs)
          : x['xl/styles.xml'].replace('</cellStyles>', `</cellStyles>${dxfs}`);
      }),
    );
    await p('crafted-dxf-numfmt', ['status', dxf, '--month', '2021-09'], dxf);
    const control = cloneContent();
    control.initiatives[0].area = 'Opholdssteder \u0001\u001b[2J med styretegn';
    control.reason = 'Linje 1\nLinje 2\ttab';
    const controlFile = put('crafted-control.xlsx', await xlsxBuffer(planWorkbook(control)));
    await p('crafted-control-project', ['project', controlFile], controlFile);
    await p('crafted-control-status', ['status', controlFile, '--month', '2021-09'], controlFile);
    const entity = crafted(
      'crafted-entity-name.xlsx',
      patched(base, (x) => {
        x['xl/workbook.xml'] = x['xl/workbook.xml'].replace('name="Bob\'s noter"', 'name="Bob&#39;s noter"');
      }),
    );
    await p('crafted-entity-name', ['project', entity], entity);

    // The corpus, with a plan added as a user would, then project.
    for (const file of CORPUS) {
      const name = file.split('/').pop()!;
      let withPlan: Uint8Array;
      try {
        const pkg = new Package(read(file), nodeInflate);
        const snapshot = await readWorkbook(pkg);
        const plan = buildPlanSheet('Handleplan 2021', slagelse2021);
        plan.sheets[0].activate = false;
        withPlan = (await writePackage(pkg, plan, snapshot, nodeDeflate)).data;
      } catch {
        continue; // a package with no workbook in it (missing-bits.xlsx)
      }
      const input = put(`corpus-${name}`, withPlan);
      produced.push({ label: `corpus-plan-${name}`, output: input, input: file });
      await run(
        `corpus-project-${name}`,
        ['project', input, '--sheet', 'Handleplan 2021'],
        at(`corpus-out-${name}`),
        file,
        produced,
      );
    }

    const packages = new Map<string, Uint8Array>();
    for (const x of produced) {
      packages.set(x.label, read(x.output));
      if (x.input) packages.set(`input:${x.input}`, read(x.input));
    }
    reports = await validatePackages([...packages].map(([label, data]) => ({ label, data })));
  }, 600_000);

  test('at least 40 packages, every command and chain among them', () => {
    expect(produced.length).toBeGreaterThanOrEqual(40);
  });

  test('no violation caused by the product (violations carried from an input are listed apart)', () => {
    const caused: string[] = [];
    const carried: string[] = [];
    const key = (v: string) => v.replace(/^[^›]*› /, '').replace(/^[^:]*: /, (m) => m.toLowerCase());
    for (const x of produced) {
      const out = reports.get(x.label)!;
      const before = x.input ? reports.get(`input:${x.input}`) : undefined;
      const inputHad = new Set([...(before?.schema ?? []), ...(before?.rules ?? [])].map(key));
      for (const v of [...out.schema, ...out.rules]) (inputHad.has(key(v)) ? carried : caused).push(`${x.label}: ${v}`);
    }
    if (carried.length)
      console.log(
        `${produced.length} packages validated; violations carried from inputs (${carried.length}), e.g.:\n${carried.slice(0, 10).join('\n')}`,
      );
    expect(caused).toEqual([]);
  });

  test('the report (.docx) validates against WordprocessingML', async () => {
    const out = join(tmp, 'report.docx');
    const r = await cli('report', join(tmp, 'example.xlsx'), '--month', '2021-09', '-o', out);
    expect(r.code).toBe(0);
    const report = (await validatePackages([{ label: 'report', data: read(out) }])).get('report')!;
    expect([...report.schema, ...report.rules]).toEqual([]);
  }, 120_000);
});

/**
 * Large workbooks for the limits tests and the benchmark, written straight as package parts so
 * that making them is quick: a plan (any number of initiatives) and, beside it, a data sheet of
 * any size, or a lone cell far out in column XFD.
 */
import { nodeDeflate, nodeInflate } from '../../src/cli/zlib';
import { columnLetters } from '../../src/core/model/a1';
import { buildPlanSheet, type PlanContent, type PlanInitiative } from '../../src/core/build/template';
import { blankPackage } from '../../src/xlsx/blank';
import { Package } from '../../src/xlsx/package';
import { writePackage } from '../../src/xlsx/write';
import { readZip, writeZip, type ZipOutput } from '../../src/xlsx/zip';

/** A plan of `n` initiatives whose effects add up to the target exactly. */
export function bigPlanContent(n: number, year = 2021): PlanContent {
  const initiatives: PlanInitiative[] = Array.from({ length: n }, (_, i) => ({
    number: i + 1,
    area: `5.${20 + (i % 9)} Område ${i + 1}`,
    goal: `Mål for indsats ${i + 1}`,
    action: `Handling ${i + 1}`,
    consequences: `Konsekvens ${i + 1}`,
    effects: Array.from({ length: 12 }, (_m, k) => (k < 3 ? null : 1000 + (i % 97) * 10)),
  }));
  const total = initiatives.reduce((s, x) => s + x.effects.reduce<number>((a, v) => a + (v ?? 0), 0), 0);
  return {
    year,
    startDate: `${year}-04-01`,
    updatedDate: `${year}-04-01`,
    initiatives,
    block: { atStart: total, atLastUpdate: null, afterThisUpdate: total },
  };
}

/** A data sheet's XML as bytes: `rows` rows of `cols` cells (a text, then numbers). */
function dataSheetXml(rows: number, cols: number, text: (r: number) => string): Uint8Array {
  const chunks: Buffer[] = [
    Buffer.from(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
    ),
  ];
  const letters = Array.from({ length: cols }, (_, c) => columnLetters(c));
  let pieces: string[] = [];
  for (let r = 1; r <= rows; r++) {
    let row = `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${text(r)}</t></is></c>`;
    for (let c = 1; c < cols; c++) row += `<c r="${letters[c]}${r}"><v>${(r * 7 + c) % 100_000}</v></c>`;
    pieces.push(`${row}</row>`);
    if (pieces.length === 10_000) {
      chunks.push(Buffer.from(pieces.join('')));
      pieces = [];
    }
  }
  chunks.push(Buffer.from(`${pieces.join('')}</sheetData></worksheet>`));
  return new Uint8Array(Buffer.concat(chunks));
}

/** Adds a worksheet part with the given XML to a package (content type, relationship, sheet entry). */
export function addSheetPart(data: Uint8Array, name: string, xml: Uint8Array, first: boolean): Uint8Array {
  const entries = readZip(data);
  const text = (n: string) => {
    const e = entries.find((x) => x.name === n)!;
    const { inflateRawSync } = require('node:zlib') as typeof import('node:zlib');
    const raw = data.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
    return (e.method === 0 ? Buffer.from(raw) : inflateRawSync(raw)).toString('utf8');
  };
  const part = 'xl/worksheets/data1.xml';
  const changed = new Map<string, string>([
    [
      '[Content_Types].xml',
      text('[Content_Types].xml').replace(
        '</Types>',
        `<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
      ),
    ],
    [
      'xl/_rels/workbook.xml.rels',
      text('xl/_rels/workbook.xml.rels').replace(
        '</Relationships>',
        `<Relationship Id="rIdData" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/data1.xml"/></Relationships>`,
      ),
    ],
    [
      'xl/workbook.xml',
      text('xl/workbook.xml').replace(/<sheets>(.*?)<\/sheets>/, (_m, inner: string) => {
        const el = `<sheet name="${name}" sheetId="99" r:id="rIdData"/>`;
        return `<sheets>${first ? el + inner : inner + el}</sheets>`;
      }),
    ],
  ]);
  const encoder = new TextEncoder();
  const outputs: ZipOutput[] = entries.map((entry) =>
    changed.has(entry.name)
      ? { kind: 'new', name: entry.name, data: encoder.encode(changed.get(entry.name)!) }
      : { kind: 'copy', entry, source: data },
  );
  outputs.push({ kind: 'new', name: part, data: xml });
  return writeZip(outputs, nodeDeflate);
}

export interface BigOptions {
  initiatives?: number;
  /** A data sheet beside the plan. */
  dataRows?: number;
  dataCols?: number;
  /** The data sheet's first column: plain text by default. */
  dataText?: (row: number) => string;
  /** The data sheet comes first. */
  dataFirst?: boolean;
  /** The plan starts this many rows down, below a lone cell in XFD1. */
  belowXfd?: number;
}

/** The package bytes of such a workbook. */
export async function bigWorkbook(options: BigOptions = {}): Promise<Uint8Array> {
  const content = bigPlanContent(options.initiatives ?? 5);
  const plan = buildPlanSheet('Handleplan 2021', content, { row: options.belowXfd ?? 0, col: 0 });
  if (options.belowXfd)
    plan.cells.push({ sheet: 'Handleplan 2021', address: 'XFD1', value: 'Note helt ude til højre' });
  const pkg = new Package(blankPackage(nodeDeflate), nodeInflate);
  let data = (await writePackage(pkg, plan, { sheets: [] }, nodeDeflate)).data;
  if (options.dataRows) {
    const xml = dataSheetXml(options.dataRows, options.dataCols ?? 5, options.dataText ?? ((r) => `Sag ${r}`));
    data = addSheetPart(data, 'Data', xml, options.dataFirst ?? true);
  }
  return data;
}

/** The snapshot an adapter would give for a write plan's cells on one new sheet (no file involved). */
export function snapshotOfPlan(
  plan: import('../../src/core/build/writePlan').WritePlan,
): import('../../src/core/model/grid').WorkbookSnapshot {
  const sheet = plan.sheets[0].name;
  const values: import('../../src/core/model/grid').CellValue[][] = [];
  const formulas: (string | null)[][] = [];
  for (const c of plan.cells) {
    if (c.sheet !== sheet) continue;
    const m = /^([A-Z]+)(\d+)$/.exec(c.address)!;
    const row = Number(m[2]) - 1;
    const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    (values[row] ??= [])[col] = c.value ?? null;
    if (c.formula) (formulas[row] ??= [])[col] = c.formula;
  }
  for (let i = 0; i < values.length; i++) values[i] ??= [];
  return { sheets: [{ name: sheet, origin: { row: 0, col: 0 }, values, formulas }], activeSheet: sheet };
}

/**
 * A workbook with a case list of `n` cases on the sheet "Sager", as a case system's extract:
 * Sags-id, Indsats, Startdato, Slutdato (a quarter empty), one of the three prices.
 */
export async function caseListWorkbook(n: number): Promise<Uint8Array> {
  const { isoToSerial } = await import('../../src/core/text/dates');
  const measures = [
    'Anbringelse – institution',
    'Opholdssted',
    'Plejefamilie',
    'Aflastning',
    'Kontaktperson',
    'Dagbehandling',
  ];
  const header = ['Sags-id', 'Indsats', 'Startdato', 'Slutdato', 'Månedspris', 'Årspris', 'Døgnpris'];
  const cells: import('../../src/core/build/writePlan').CellWrite[] = header.map((h, c) => ({
    sheet: 'Sager',
    address: `${String.fromCharCode(65 + c)}1`,
    value: h,
  }));
  const day0 = isoToSerial('2023-01-01');
  for (let i = 0; i < n; i++) {
    const r = i + 2;
    const start = day0 + ((i * 37) % 700);
    const end = i % 4 === 0 ? null : start + 30 + ((i * 53) % 500);
    const at = (c: number) => `${String.fromCharCode(65 + c)}${r}`;
    cells.push({ sheet: 'Sager', address: at(0), value: `S-${100_000 + i}` });
    cells.push({ sheet: 'Sager', address: at(1), value: measures[i % measures.length] });
    cells.push({ sheet: 'Sager', address: at(2), value: start, numberFormat: 'dd-mm-yyyy' });
    if (end !== null) cells.push({ sheet: 'Sager', address: at(3), value: end, numberFormat: 'dd-mm-yyyy' });
    const kind = i % 3;
    cells.push({
      sheet: 'Sager',
      address: at(4 + kind),
      value: [25_000 + (i % 50) * 500, 300_000 + (i % 70) * 1000, 900 + (i % 40) * 25][kind],
    });
  }
  const plan = { sheets: [{ action: 'create' as const, name: 'Sager', owned: false }], cells, charts: [] };
  return (await writePackage(new Package(blankPackage(nodeDeflate), nodeInflate), plan, { sheets: [] }, nodeDeflate))
    .data;
}

import JSZip from 'jszip';
import { parseA1, parseRange, quoteSheetName } from '../core/a1';
import type { ChartSpec } from '../core/writePlan';

/** ExcelJS writes no charts; they are added to the saved package as DrawingML parts. */

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const abs = (sheet: string, top: number, left: number, bottom = top, right = left) => {
  const cell = (r: number, c: number) => {
    let n = c + 1,
      s = '';
    while (n > 0) {
      s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
      n = Math.floor((n - 1) / 26);
    }
    return `$${s}$${r + 1}`;
  };
  const a = cell(top, left);
  const b = cell(bottom, right);
  return esc(`${quoteSheetName(sheet)}!${a === b ? a : `${a}:${b}`}`);
};

export function chartXml(spec: ChartSpec): string {
  const r = parseRange(spec.source);
  const series = [];
  for (let c = r.left + 1; c <= r.right; c++) {
    const i = c - r.left - 1;
    series.push(
      `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:strRef><c:f>${abs(spec.sheet, r.top, c)}</c:f></c:strRef></c:tx>` +
        `<c:marker><c:symbol val="none"/></c:marker>` +
        `<c:cat><c:strRef><c:f>${abs(spec.sheet, r.top + 1, r.left, r.bottom, r.left)}</c:f></c:strRef></c:cat>` +
        `<c:val><c:numRef><c:f>${abs(spec.sheet, r.top + 1, c, r.bottom, c)}</c:f></c:numRef></c:val><c:smooth val="0"/></c:ser>`,
    );
  }
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${esc(spec.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    '<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>' +
    series.join('') +
    '<c:marker val="1"/><c:axId val="50010"/><c:axId val="50020"/></c:lineChart>' +
    '<c:catAx><c:axId val="50010"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="50020"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx>' +
    '<c:valAx><c:axId val="50020"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="#,##0" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="50010"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>' +
    '</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/></c:chart></c:chartSpace>'
  );
}

function drawingXml(spec: ChartSpec, name: string): string {
  const from = parseA1(spec.from);
  const to = parseA1(spec.to);
  const anchor = (tag: string, p: { row: number; col: number }) =>
    `<xdr:${tag}><xdr:col>${p.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${p.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">' +
    `<xdr:twoCellAnchor>${anchor('from', from)}${anchor('to', to)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="${esc(name)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">' +
    '<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/>' +
    '</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>'
  );
}

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const rels = (items: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items}</Relationships>`;

const unescapeXml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The package path of a sheet, found by name through workbook.xml and its relationships. */
async function sheetPath(zip: JSZip, sheet: string): Promise<string | null> {
  const workbook = await zip.file('xl/workbook.xml')!.async('string');
  const wbRels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const id = /\br:id="([^"]*)"/.exec(m[0])?.[1];
    if (name === undefined || unescapeXml(name) !== sheet) continue;
    const rel = [...wbRels.matchAll(/<Relationship\b[^>]*>/g)].find((r) => r[0].includes(`Id="${id}"`));
    const target = rel && /Target="([^"]*)"/.exec(rel[0])?.[1];
    if (target) return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  }
  return null;
}

/** Adds the charts to a saved .xlsx package. */
export async function addCharts(data: ArrayBuffer | Uint8Array, charts: ChartSpec[]): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(data);
  let types = await zip.file('[Content_Types].xml')!.async('string');
  const used = (folder: string) =>
    Math.max(
      0,
      ...Object.keys(zip.files).map((p) => Number(new RegExp(`^xl/${folder}/\\w+?(\\d+)\\.xml$`).exec(p)?.[1] ?? 0)),
    );
  for (const spec of charts) {
    const path = await sheetPath(zip, spec.sheet);
    if (!path) continue;
    const n = Math.max(used('charts'), used('drawings')) + 1;
    zip.file(`xl/charts/chart${n}.xml`, chartXml(spec));
    zip.file(`xl/drawings/drawing${n}.xml`, drawingXml(spec, spec.name));
    zip.file(
      `xl/drawings/_rels/drawing${n}.xml.rels`,
      rels(`<Relationship Id="rId1" Type="${REL}/chart" Target="../charts/chart${n}.xml"/>`),
    );
    const relsPath = path.replace(/([^/]+)$/, '_rels/$1.rels');
    const existing = zip.file(relsPath) ? await zip.file(relsPath)!.async('string') : rels('');
    const relId = `rIdHpChart${n}`;
    zip.file(
      relsPath,
      existing.replace(
        '</Relationships>',
        `<Relationship Id="${relId}" Type="${REL}/drawing" Target="../drawings/drawing${n}.xml"/></Relationships>`,
      ),
    );
    const xml = await zip.file(path)!.async('string');
    const at = [
      '<legacyDrawing',
      '<legacyDrawingHF',
      '<picture',
      '<oleObjects',
      '<controls',
      '<webPublishItems',
      '<tableParts',
      '<extLst',
      '</worksheet>',
    ]
      .map((t) => xml.indexOf(t))
      .filter((i) => i >= 0)
      .reduce((a, b) => Math.min(a, b));
    const withNs = xml.includes('xmlns:r=') ? xml : xml.replace('<worksheet ', `<worksheet xmlns:r="${REL}" `);
    const shift = withNs.length - xml.length;
    zip.file(path, `${withNs.slice(0, at + shift)}<drawing r:id="${relId}"/>${withNs.slice(at + shift)}`);
    types = types.replace(
      '</Types>',
      `<Override PartName="/xl/charts/chart${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>` +
        `<Override PartName="/xl/drawings/drawing${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>`,
    );
  }
  zip.file('[Content_Types].xml', types);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/**
 * Adds to the LibreOffice-written workbooks of test/corpus/libreoffice/ what LibreOffice cannot
 * write but municipalities' files have: a Microsoft Purview sensitivity label in
 * docProps/custom.xml, a picture in the page header (legacyDrawingHF), and — in the "-locked"
 * file — the workbook structure lock. Run after make-corpus.py: npx tsx scripts/finish-corpus.ts
 */
import { inflateSync } from 'fflate';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeDeflate } from '../src/cli/zlib';
import { readZip, writeZip, type ZipOutput } from '../src/xlsx/zip';

const DIR = join(__dirname, '..', 'test', 'corpus', 'libreoffice');
const LABEL = '{3c4a2f8e-8b7d-4a1e-9c55-2f1b6e7d9a10}';

const CUSTOM = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">${[
  ['Enabled', 'true'],
  ['SetDate', '2026-11-02T09:14:31Z'],
  ['Method', 'Standard'],
  ['Name', 'Intern'],
  ['SiteId', '{9f1d6a3b-0c2e-4d5f-8a7b-6c5d4e3f2a1b}'],
  ['ActionId', '{5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b}'],
  ['ContentBits', '0'],
]
  .map(
    ([k, v], i) =>
      `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="${i + 2}" name="MSIP_Label_${LABEL}_${k}"><vt:lpwstr>${v}</vt:lpwstr></property>`,
  )
  .join('')}</Properties>`;

const VML = `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="2"/></o:shapelayout><v:shapetype id="_x0000_t75" coordsize="21600,21600" o:spt="75" o:preferrelative="t" path="m@4@5l@4@11@9@11@9@5xe" filled="f" stroked="f"><v:stroke joinstyle="miter"/><v:path o:extrusionok="f" gradientshapeok="t" o:connecttype="rect"/><o:lock v:ext="edit" aspectratio="t"/></v:shapetype><v:shape id="CH" o:spid="_x0000_s2049" type="#_x0000_t75" style="position:absolute;margin-left:0;margin-top:0;width:24pt;height:24pt;z-index:1"><v:imagedata o:relid="rId1" o:title="kommunelogo"/><o:lock v:ext="edit" rotation="t"/></v:shape></xml>`;

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000002000000020806000000f478d4fa0000001249444154789c63f8f3e73f0384014b0c00a61f0bf5f0b9b9c50000000049454e44ae426082',
  'hex',
);

function finish(file: string, lock: boolean) {
  const data = new Uint8Array(readFileSync(file));
  const entries = readZip(data);
  const text = (name: string) => {
    const e = entries.find((x) => x.name === name)!;
    const raw = data.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
    return new TextDecoder().decode(e.method === 0 ? raw : inflateSync(raw));
  };
  const changed = new Map<string, string>();
  changed.set('docProps/custom.xml', CUSTOM);
  changed.set(
    'xl/worksheets/sheet1.xml',
    text('xl/worksheets/sheet1.xml')
      .replace(/<oddHeader>[^<]*<\/oddHeader>/, '<oddHeader>&amp;L&amp;G&amp;C&amp;A</oddHeader>')
      .replace('</worksheet>', '<legacyDrawingHF r:id="rIdHF1"/></worksheet>'),
  );
  changed.set(
    'xl/worksheets/_rels/sheet1.xml.rels',
    text('xl/worksheets/_rels/sheet1.xml.rels').replace(
      '</Relationships>',
      '<Relationship Id="rIdHF1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing" Target="../drawings/vmlDrawingHF1.vml"/></Relationships>',
    ),
  );
  let types = text('[Content_Types].xml');
  if (!types.includes('Extension="png"'))
    types = types.replace('<Override', '<Default Extension="png" ContentType="image/png"/><Override');
  changed.set('[Content_Types].xml', types);
  if (lock) {
    changed.set(
      'xl/workbook.xml',
      text('xl/workbook.xml').replace(/<workbookProtection[^>]*\/>/, '<workbookProtection lockStructure="1"/>'),
    );
  }
  const encoder = new TextEncoder();
  const outputs: ZipOutput[] = entries.map((entry) =>
    changed.has(entry.name)
      ? { kind: 'new', name: entry.name, data: encoder.encode(changed.get(entry.name)!) }
      : { kind: 'copy', entry, source: data },
  );
  outputs.push(
    { kind: 'new', name: 'xl/drawings/vmlDrawingHF1.vml', data: encoder.encode(VML) },
    {
      kind: 'new',
      name: 'xl/drawings/_rels/vmlDrawingHF1.vml.rels',
      data: encoder.encode(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="../media/logo-header.png"/></Relationships>',
      ),
    },
    { kind: 'new', name: 'xl/media/logo-header.png', data: new Uint8Array(PNG) },
  );
  writeFileSync(file, writeZip(outputs, nodeDeflate));
  console.log(`finished ${file}`);
}

finish(join(DIR, 'lo-chart-pivot-comment-image-link.xlsx'), false);
finish(join(DIR, 'lo-chart-pivot-comment-image-link-locked.xlsx'), true);

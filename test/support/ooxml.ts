/**
 * Validates .xlsx and .docx packages the way Office's own tooling does: every XML part against
 * the ISO/IEC 29500-4 Transitional and ECMA-376 OPC schemas (test/schemas/ooxml, copied from
 * the project's shared reference with their sources), after Markup Compatibility is applied as
 * Office applies it, with libxml2 (xmllint-wasm) — plus the rules the schemas cannot express.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { validateXML } from 'xmllint-wasm';

const SCHEMA_DIR = join(__dirname, '..', 'schemas', 'ooxml');
const schemaFiles = readdirSync(SCHEMA_DIR)
  .filter((f) => f.endsWith('.xsd'))
  .map((f) => ({ fileName: f, contents: readFileSync(join(SCHEMA_DIR, f), 'utf8') }));

/** The schema of a part, by its content type (null: not validated, e.g. VML, binary parts). */
function schemaFor(contentType: string, name: string): string | null {
  if (name === '[Content_Types].xml') return 'opc-contentTypes.xsd';
  // Binary parts (printer settings, VBA, images) are no XML.
  if (!/\.(xml|rels|vml)$/i.test(name) && !contentType.endsWith('+xml')) return null;
  if (name.endsWith('.rels')) return 'opc-relationships.xsd';
  if (contentType.includes('spreadsheetml') && !contentType.includes('drawing')) {
    // Pivot caches, tables, comments, workbook, sheets, styles, shared strings: all sml.xsd.
    return 'sml.xsd';
  }
  if (contentType === 'application/vnd.ms-excel.sheet.macroEnabled.main+xml') return 'sml.xsd';
  if (contentType.endsWith('drawing+xml') && !contentType.includes('chart')) return 'dml-spreadsheetDrawing.xsd';
  if (contentType.endsWith('drawingml.chart+xml')) return 'dml-chart.xsd';
  if (contentType.endsWith('theme+xml')) return 'dml-main.xsd';
  if (contentType.endsWith('core-properties+xml')) return 'opc-coreProperties.xsd';
  if (contentType.endsWith('extended-properties+xml')) return 'shared-documentPropertiesExtended.xsd';
  if (contentType.endsWith('custom-properties+xml')) return 'shared-documentPropertiesCustom.xsd';
  if (contentType.includes('wordprocessingml')) return 'wml.xsd';
  return null;
}

/** Namespaces the schemas know; anything else in mc:Ignorable is removed before validating. */
const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

/**
 * Markup Compatibility (ECMA-376 Part 3) as Office applies it: attributes and elements of the
 * ignorable namespaces removed, mc:Ignorable itself removed, mc:AlternateContent replaced by its
 * mc:Fallback. Excel's xml:space on SpreadsheetML elements that sml.xsd does not declare is
 * accepted (removed).
 */
export function applyMarkupCompatibility(xml: string, sml: boolean): string {
  const prefixes = new Map<string, string>();
  for (const m of xml.matchAll(/\sxmlns:(\w+)\s*=\s*"([^"]*)"/g)) prefixes.set(m[1], m[2]);
  const mcPrefix = [...prefixes].find(([, ns]) => ns === MC)?.[0];
  let out = xml;
  if (mcPrefix) {
    const ignorable = new RegExp(`\\s${mcPrefix}:Ignorable\\s*=\\s*"([^"]*)"`).exec(out)?.[1].split(/\s+/) ?? [];
    out = out.replace(new RegExp(`\\s${mcPrefix}:Ignorable\\s*=\\s*"[^"]*"`, 'g'), '');
    const alt = new RegExp(
      `<${mcPrefix}:AlternateContent\\b[\\s\\S]*?(?:<${mcPrefix}:Fallback\\b[^>]*>([\\s\\S]*?)</${mcPrefix}:Fallback>)?[\\s\\S]*?</${mcPrefix}:AlternateContent>`,
      'g',
    );
    out = out.replace(alt, (_m, fallback: string | undefined) => fallback ?? '');
    for (const p of ignorable.filter(Boolean)) {
      out = out.replace(new RegExp(`\\s${p}:[\\w.-]+\\s*=\\s*("[^"]*"|'[^']*')`, 'g'), '');
      out = out.replace(new RegExp(`<${p}:([\\w.-]+)\\b[^>]*?(?:/>|>[\\s\\S]*?</${p}:\\1>)`, 'g'), '');
    }
  }
  if (sml) out = out.replace(/(<(?:\w+:)?[\w]+\b[^>]*?)\sxml:space\s*=\s*"[^"]*"/g, '$1');
  return out;
}

/** One part to validate: where it comes from, its text, its schema. */
interface Part {
  where: string;
  schema: string;
  xml: string;
}

export interface PackageReport {
  /** Schema violations, "package › part: message" (line numbers removed). */
  schema: string[];
  /** Violations of the rules the schemas cannot express. */
  rules: string[];
}

const contentTypes = (files: Record<string, Uint8Array>) => {
  const types = strFromU8(files['[Content_Types].xml'] ?? new Uint8Array());
  const overrides = new Map<string, string>();
  const defaults = new Map<string, string>();
  for (const m of types.matchAll(/<(?:\w+:)?Override\b[^>]*>/g)) {
    const part = /PartName\s*=\s*"([^"]*)"/.exec(m[0])?.[1];
    const type = /ContentType\s*=\s*"([^"]*)"/.exec(m[0])?.[1];
    if (part && type) overrides.set(part.replace(/^\//, '').toLowerCase(), type);
  }
  for (const m of types.matchAll(/<(?:\w+:)?Default\b[^>]*>/g)) {
    const ext = /Extension\s*=\s*"([^"]*)"/.exec(m[0])?.[1];
    const type = /ContentType\s*=\s*"([^"]*)"/.exec(m[0])?.[1];
    if (ext && type) defaults.set(ext.toLowerCase(), type);
  }
  return (name: string) =>
    overrides.get(name.toLowerCase()) ?? defaults.get(name.slice(name.lastIndexOf('.') + 1).toLowerCase()) ?? null;
};

/** Validates packages (by a label each); all parts of one schema go to xmllint in one call. */
export async function validatePackages(
  packages: { label: string; data: Uint8Array }[],
): Promise<Map<string, PackageReport>> {
  const reports = new Map<string, PackageReport>();
  const bySchema = new Map<string, Part[]>();
  for (const { label, data } of packages) {
    const report: PackageReport = { schema: [], rules: [] };
    reports.set(label, report);
    const files = unzipSync(data);
    const typeOf = contentTypes(files);
    for (const [name, bytes] of Object.entries(files)) {
      if (name.endsWith('/')) continue;
      const type = typeOf(name);
      if (type === null && name !== '[Content_Types].xml') report.rules.push(`${name}: no content type`);
      const schema = schemaFor(type ?? '', name);
      if (!schema) continue;
      const text = strFromU8(bytes);
      // eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids are the point
      if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(text))
        report.rules.push(`${name}: a character XML 1.0 forbids`);
      const list = bySchema.get(schema) ?? [];
      list.push({ where: `${label} › ${name}`, schema, xml: applyMarkupCompatibility(text, schema === 'sml.xsd') });
      bySchema.set(schema, list);
    }
    report.rules.push(...packageRules(files, typeOf));
  }
  for (const [schema, parts] of bySchema) {
    const labels = new Map(parts.map((p, i) => [`part${i}.xml`, p.where]));
    // A few hundred parts per call: one compile of the schema for all of them.
    for (let from = 0; from < parts.length; from += 200) {
      const slice = parts.slice(from, from + 200);
      const result = await validateXML({
        xml: slice.map((p, i) => ({ fileName: `part${from + i}.xml`, contents: p.xml })),
        schema: schemaFiles.find((f) => f.fileName === schema)!,
        preload: schemaFiles.filter((f) => f.fileName !== schema),
        maxMemoryPages: 16384,
      });
      for (const e of result.errors) {
        const where = labels.get(e.loc?.fileName ?? '') ?? '?';
        const label = where.split(' › ')[0];
        reports.get(label)?.schema.push(`${where}: ${e.message.replace(/^.*?: /, '').trim()}`);
      }
    }
  }
  return reports;
}

/** The rules the schemas cannot express (README, "File safety"). */
function packageRules(files: Record<string, Uint8Array>, typeOf: (name: string) => string | null): string[] {
  const out: string[] = [];
  const text = (name: string) => (files[name] ? strFromU8(files[name]) : null);
  const lowerNames = new Set(Object.keys(files).map((n) => n.toLowerCase()));
  // Every relationship's target is present.
  for (const name of Object.keys(files).filter((n) => n.endsWith('.rels'))) {
    const base = name.replace(/_rels\/([^/]*)\.rels$/, '$1').replace(/[^/]*$/, '');
    const rels = text(name)!;
    const ids = new Set<string>();
    for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
      const id = /\sId\s*=\s*"([^"]*)"/.exec(m[0])?.[1] ?? '';
      if (ids.has(id)) out.push(`${name}: relationship id ${id} twice`);
      ids.add(id);
      if (/TargetMode\s*=\s*"External"/.test(m[0])) continue;
      const target = /\sTarget\s*=\s*"([^"]*)"/.exec(m[0])?.[1] ?? '';
      const resolved = resolve(base, decodeURIComponent(target));
      if (!lowerNames.has(resolved.toLowerCase())) out.push(`${name}: target ${target} is missing`);
    }
  }
  const wbName = Object.keys(files).find((n) => /workbook\.xml$/.test(n) && typeOf(n)?.includes('.main+xml'));
  if (!wbName) return out;
  const wb = text(wbName)!;
  const wbRels = text(wbName.replace(/([^/]*)$/, '_rels/$1.rels')) ?? '';
  if ((wbRels.match(/relationships\/styles"/g) ?? []).length > 1) out.push('more than one styles relationship');
  // Unique sheet names, ids and r:ids; valid names; one visible sheet at least.
  const sheets = [...wb.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)].map((m) => ({
    name: decode(/\sname\s*=\s*"([^"]*)"/.exec(m[0])?.[1] ?? ''),
    id: /\ssheetId\s*=\s*"([^"]*)"/.exec(m[0])?.[1] ?? '',
    rid: /\s\w+:id\s*=\s*"([^"]*)"/.exec(m[0])?.[1] ?? '',
    state: /\sstate\s*=\s*"([^"]*)"/.exec(m[0])?.[1] ?? 'visible',
  }));
  const dup = (values: string[], what: string) => {
    const seen = new Set<string>();
    for (const v of values) {
      if (seen.has(v)) out.push(`sheet ${what} ${v} twice`);
      seen.add(v);
    }
  };
  dup(
    sheets.map((s) => s.name.toLowerCase()),
    'name',
  );
  dup(
    sheets.map((s) => s.id),
    'id',
  );
  dup(
    sheets.map((s) => s.rid),
    'r:id',
  );
  for (const s of sheets)
    if (s.name.length === 0 || s.name.length > 31 || /[\\/?*[\]:]/.test(s.name) || /^'|'$/.test(s.name))
      out.push(`sheet name "${s.name}" is not valid`);
  if (!sheets.some((s) => s.state === 'visible')) out.push('no visible sheet');
  // Defined names: unique per scope, local scopes within the sheets.
  const names = new Set<string>();
  for (const m of wb.matchAll(/<(?:\w+:)?definedName\b[^>]*>/g)) {
    const name = decode(/\sname\s*=\s*"([^"]*)"/.exec(m[0])?.[1] ?? '').toLowerCase();
    const local = /\slocalSheetId\s*=\s*"(\d+)"/.exec(m[0])?.[1];
    const key = `${name}|${local ?? ''}`;
    if (names.has(key)) out.push(`defined name ${name} twice in one scope`);
    names.add(key);
    if (local !== undefined && Number(local) >= sheets.length) out.push(`defined name ${name}: no sheet ${local}`);
  }
  if ((wb.match(/<(?:\w+:)?definedNames\b/g) ?? []).length > 1) out.push('more than one definedNames');
  // Styles: counts equal children, at least two fills, indexes in range.
  const stylesName = Object.keys(files).find((n) => typeOf(n)?.endsWith('.styles+xml'));
  let xfCount = Infinity;
  if (stylesName) {
    const styles = text(stylesName)!;
    const block = (name: string) =>
      new RegExp(`<(?:\\w+:)?${name}\\b([^>]*?)(?:/>|>([\\s\\S]*?)</(?:\\w+:)?${name}>)`).exec(styles);
    const counts: Record<string, number> = {};
    for (const [name, item] of [
      ['numFmts', 'numFmt'],
      ['fonts', 'font'],
      ['fills', 'fill'],
      ['borders', 'border'],
      ['cellStyleXfs', 'xf'],
      ['cellXfs', 'xf'],
      ['cellStyles', 'cellStyle'],
      ['dxfs', 'dxf'],
    ]) {
      const b = block(name);
      if (!b) continue;
      const children = (b[2] ?? '').match(new RegExp(`<(?:\\w+:)?${item}\\b`, 'g'))?.length ?? 0;
      counts[name] = children;
      const stated = /\scount\s*=\s*"(\d+)"/.exec(b[1])?.[1];
      if (stated !== undefined && Number(stated) !== children)
        out.push(`styles: ${name} count ${stated}, ${children} children`);
    }
    if ((counts.fills ?? 0) < 2) out.push('styles: fewer than two fills');
    xfCount = counts.cellXfs ?? 0;
    const xfs = block('cellXfs')?.[2] ?? '';
    for (const m of xfs.matchAll(/<(?:\w+:)?xf\b[^>]*>/g)) {
      for (const [attr, key] of [
        ['fontId', 'fonts'],
        ['fillId', 'fills'],
        ['borderId', 'borders'],
        ['xfId', 'cellStyleXfs'],
      ] as const) {
        const v = /\s(\w+)\s*=/.test(m[0]) ? new RegExp(`\\s${attr}\\s*=\\s*"(\\d+)"`).exec(m[0])?.[1] : undefined;
        if (v !== undefined && counts[key] !== undefined && Number(v) >= counts[key])
          out.push(`styles: ${attr} ${v} out of range`);
      }
      const fmt = /\snumFmtId\s*=\s*"(\d+)"/.exec(m[0])?.[1];
      const ownFmts = new Set([...(block('numFmts')?.[2] ?? '').matchAll(/numFmtId\s*=\s*"(\d+)"/g)].map((x) => x[1]));
      if (fmt !== undefined && Number(fmt) >= 164 && !ownFmts.has(fmt)) out.push(`styles: numFmtId ${fmt} not defined`);
    }
  }
  // Cells: style indexes within cellXfs; charts: formulas quoted, sheets that exist.
  const sheetNames = new Set(sheets.map((s) => s.name));
  for (const [name, bytes] of Object.entries(files)) {
    const type = typeOf(name) ?? '';
    if (type.endsWith('worksheet+xml')) {
      const xml = strFromU8(bytes);
      for (const m of xml.matchAll(/<(?:\w+:)?c\b[^>]*\ss\s*=\s*"(\d+)"/g))
        if (Number(m[1]) >= xfCount) {
          out.push(`${name}: cell style ${m[1]} out of range`);
          break;
        }
    }
    if (type.endsWith('drawingml.chart+xml')) {
      const xml = strFromU8(bytes);
      for (const m of xml.matchAll(/<(?:\w+:)?f>([^<]*)<\/(?:\w+:)?f>/g)) {
        const f = decode(m[1]);
        const ref = /^(?:'((?:[^']|'')+)'|([A-Za-z_][\w.]*))!/.exec(f);
        if (!ref) out.push(`${name}: chart formula ${f} names no sheet`);
        else {
          const sheet = ref[1] !== undefined ? ref[1].replace(/''/g, "'") : ref[2];
          if (!sheetNames.has(sheet)) out.push(`${name}: chart formula ${f} names a sheet that is not there`);
          if (ref[2] !== undefined && /[^A-Za-z0-9_.]/.test(sheet))
            out.push(`${name}: chart formula ${f} is not quoted`);
        }
      }
    }
  }
  return out;
}

const decode = (s: string) =>
  s
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

function resolve(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = (base + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

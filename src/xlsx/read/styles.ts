/** The cell styles' number formats and protection, as a sheet reader needs them. */
import { isDateFormat } from '../../core/text/dates';
import type { Package } from '../package';
import { attr, child, children, parseXmlTree } from '../xml';

/** Number formats Excel does not write into styles.xml. */
export const BUILTIN_FORMATS: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'dd-mm-yyyy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'dd-mm-yyyy h:mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};

export interface Styles {
  /** The number format of each cell style (cellXfs index). */
  formats: (string | null)[];
  /** Whether each cell style's number format shows a date or time. */
  isDate: boolean[];
  /** Custom number formats by id. */
  custom: Map<number, string>;
  /** Cell styles whose cells a sheet's protection leaves editable (`<protection locked="0"/>`). */
  unlocked: boolean[];
}

export async function readStyles(pkg: Package, part: string | null): Promise<Styles> {
  const styles: Styles = { formats: [], isDate: [], custom: new Map(), unlocked: [] };
  if (!part) return styles;
  const tree = parseXmlTree(await pkg.treeText(part));
  const sheet = child(tree, 'styleSheet');
  for (const f of children(child(sheet, 'numFmts'), 'numFmt')) {
    styles.custom.set(Number(attr(f.attrs, 'numFmtId')), attr(f.attrs, 'formatCode') ?? '');
  }
  for (const xf of children(child(sheet, 'cellXfs'), 'xf')) {
    const id = Number(attr(xf.attrs, 'numFmtId') ?? 0);
    const code = styles.custom.get(id) ?? BUILTIN_FORMATS[id] ?? null;
    styles.formats.push(code === 'General' ? null : code);
    styles.isDate.push(isDateFormat(code));
    const locked = attr(child(xf, 'protection')?.attrs ?? '', 'locked');
    styles.unlocked.push(locked === '0' || locked === 'false');
  }
  return styles;
}

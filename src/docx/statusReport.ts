/**
 * The committee's status report as a Word document (.docx), from the core's report data, built
 * with the `docx` library (which zips with fflate, as browser mode does). Runs in Node and in the
 * browser alike.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { StatusReport } from '../core/build/statusReport';

const border = { style: BorderStyle.SINGLE, size: 4, color: 'A6A6A6' };
const borders = { top: border, bottom: border, left: border, right: border };
const cell = (children: Paragraph[], width: number, header = false) =>
  new TableCell({
    children,
    width: { size: width, type: WidthType.PERCENTAGE },
    borders,
    shading: header ? { fill: 'D9E1F2', color: 'auto', type: 'clear' } : undefined,
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
  });
const text = (t: string, options: { bold?: boolean; italics?: boolean } = {}) =>
  new Paragraph({ children: [new TextRun({ text: t, ...options })] });

export async function statusReportDocx(report: StatusReport): Promise<Uint8Array> {
  const summary = new Table({
    width: { size: 70, type: WidthType.PERCENTAGE },
    rows: report.summary.map(
      (s) =>
        new TableRow({
          children: [
            cell([text(s.label)], 65),
            cell([new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun(s.value)] })], 35),
          ],
        }),
    ),
  });
  const widths = [24, 38, 38];
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: report.headers.map((h, k) => cell([text(h, { bold: true })], widths[k], true)),
      }),
      ...report.rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            children: [
              cell([text(r.focus, { bold: true })], widths[0]),
              cell([text(r.action)], widths[1]),
              cell([text(r.status), text(r.figures, { italics: true })], widths[2]),
            ],
          }),
      ),
    ],
  });
  const doc = new Document({
    creator: 'Handleplan',
    title: report.title,
    styles: { default: { document: { run: { font: 'Calibri', size: 22, language: { value: 'da-DK' } } } } },
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(report.title)] }),
          text(report.source, { italics: true }),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(report.summaryHeading)] }),
          summary,
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(report.tableHeading)] }),
          table,
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}

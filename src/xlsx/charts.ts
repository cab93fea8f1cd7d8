import { columnLetters, parseA1, parseRange, quoteSheetName } from '../core/model/a1';
import type { ChartSpec } from '../core/build/writePlan';
import { escapeXml } from './xml';

/** A plan's chart as DrawingML parts: the chart and the drawing that places it. */

const abs = (sheet: string, top: number, left: number, bottom = top, right = left) => {
  const cell = (r: number, c: number) => `$${columnLetters(c)}$${r + 1}`;
  const a = cell(top, left);
  const b = cell(bottom, right);
  return escapeXml(`${quoteSheetName(sheet)}!${a === b ? a : `${a}:${b}`}`);
};

export function chartXml(spec: ChartSpec): string {
  const r = parseRange(spec.source);
  const column = spec.type === 'column';
  const series = [];
  for (let c = r.left + 1; c <= r.right; c++) {
    const i = c - r.left - 1;
    series.push(
      `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:strRef><c:f>${abs(spec.sheet, r.top, c)}</c:f></c:strRef></c:tx>` +
        // A bar series has no marker or smoothing (CT_BarSer); a line series ends with them.
        (column
          ? // A fill of its own: without one, LibreOffice draws the bars in no colour at all.
            '<c:spPr><a:solidFill><a:srgbClr val="2F5597"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>'
          : `<c:marker><c:symbol val="none"/></c:marker>`) +
        `<c:cat><c:strRef><c:f>${abs(spec.sheet, r.top + 1, r.left, r.bottom, r.left)}</c:f></c:strRef></c:cat>` +
        `<c:val><c:numRef><c:f>${abs(spec.sheet, r.top + 1, c, r.bottom, c)}</c:f></c:numRef></c:val>${column ? '' : '<c:smooth val="0"/>'}</c:ser>`,
    );
  }
  const plot = column
    ? '<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>' +
      series.join('') +
      '<c:gapWidth val="80"/><c:axId val="50010"/><c:axId val="50020"/></c:barChart>'
    : '<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>' +
      series.join('') +
      '<c:marker val="1"/><c:axId val="50010"/><c:axId val="50020"/></c:lineChart>';
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${escapeXml(spec.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    '<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>' +
    plot +
    '<c:catAx><c:axId val="50010"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="50020"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx>' +
    `<c:valAx><c:axId val="50020"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="${escapeXml(spec.valueFormat ?? '#,##0')}" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="50010"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>` +
    '</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/></c:chart></c:chartSpace>'
  );
}

export function drawingXml(spec: ChartSpec, name: string, chartRelId = 'rId1'): string {
  const from = parseA1(spec.from);
  const to = parseA1(spec.to);
  const anchor = (tag: string, p: { row: number; col: number }) =>
    `<xdr:${tag}><xdr:col>${p.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${p.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">' +
    `<xdr:twoCellAnchor>${anchor('from', from)}${anchor('to', to)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="${escapeXml(name)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">' +
    `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="${chartRelId}"/>` +
    '</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>'
  );
}

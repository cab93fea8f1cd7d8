import type { CellStyle } from './writePlan';

/**
 * The one palette of the sheets the product writes: header, input and traffic-light colours.
 * The light blue and light yellow are Excel's own "Accent 1, 80 %" and "Input" cell style tints,
 * so our sheets sit among the controller's own without a colour of their own.
 */
export const HEADER_FILL = '#D9E1F2';

/** A table's header row. Builders add wrapping or alignment where their layout needs it. */
export const HEADER: CellStyle = { bold: true, fill: HEADER_FILL, borderBottom: true };

/** A cell the controller types into. */
export const INPUT: CellStyle = { fill: '#FFF2CC', fontColor: '#1F4E79' };

/** Excel's "Good", "Neutral" and "Bad" cell styles. */
export const TRAFFIC_LIGHT = {
  green: { fill: '#C6EFCE', fontColor: '#006100' },
  yellow: { fill: '#FFEB9C', fontColor: '#9C5700' },
  red: { fill: '#FFC7CE', fontColor: '#9C0006' },
} as const satisfies Record<string, CellStyle>;

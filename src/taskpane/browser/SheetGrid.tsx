import { visuallyHidden } from '../theme';
import { Button, Label, makeStyles, Select, Text, tokens, useId } from '@fluentui/react-components';
import { useEffect, useMemo, useRef } from 'react';
import { columnLetters, parseA1, toA1 } from '../../core/model/a1';
import { paneText } from '../../addin/text';
import { formatDanishDate, isDateFormat, readDateCell } from '../../core/text/dates';
import { isCellError, type CellValue, type SheetSnapshot } from '../../core/model/grid';
import { formatDanishAmount } from '../../core/amounts/money';

/** Rendering more rows than this makes the page slow; a handleplan fits many times over. */
export const MAX_GRID_ROWS = 2000;
const MAX_GRID_COLUMNS = 60;

const useStyles = makeStyles({
  wrap: {
    display: 'flex',
    flexDirection: 'column',
    minWidth: 0,
    minHeight: 0,
    flex: 1,
    gap: '6px',
    // The sheet picker shrinks with a narrow page (a long sheet name at 200 % zoom).
    '& .fui-Select': { minWidth: 0, maxWidth: '100%' },
    '& .fui-Select select': { minWidth: 0, width: '100%' },
  },
  picker: { display: 'flex', alignItems: 'center', gap: '8px', flexWrap: 'wrap', minWidth: 0 },
  // The way back stays on screen while the grid is looked at (narrow screens only).
  back: {
    position: 'sticky',
    top: 0,
    zIndex: 3,
    paddingTop: '4px',
    paddingBottom: '4px',
    backgroundColor: tokens.colorNeutralBackground1,
    '@media (min-width: 721px)': { display: 'none' },
  },
  where: { overflowWrap: 'anywhere', fontSize: tokens.fontSizeBase200 },
  scroller: {
    overflow: 'auto',
    flex: 1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    '@media (max-width: 720px)': { maxHeight: '70vh' },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  table: {
    borderCollapse: 'separate',
    borderSpacing: 0,
    fontSize: tokens.fontSizeBase200,
    fontVariantNumeric: 'tabular-nums',
  },
  head: {
    position: 'sticky',
    top: 0,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightRegular,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: '2px 6px',
    zIndex: 1,
  },
  corner: { left: 0, zIndex: 2 },
  rowHead: {
    position: 'sticky',
    left: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightRegular,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: '2px 6px',
    textAlign: 'right',
  },
  cell: {
    border: `1px solid ${tokens.colorNeutralStroke3}`,
    padding: '2px 6px',
    whiteSpace: 'nowrap',
    maxWidth: '260px',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    color: tokens.colorNeutralForeground1,
  },
  number: { textAlign: 'right' },
  highlighted: {
    outline: `3px solid ${tokens.colorPaletteRedBorder2}`,
    outlineOffset: '-2px',
    backgroundColor: tokens.colorPaletteYellowBackground2,
    // Forced colours (Windows contrast themes) drop the palette: the system's own highlight.
    '@media (forced-colors: active)': {
      outline: '3px solid Highlight',
      backgroundColor: 'Highlight',
      color: 'HighlightText',
      forcedColorAdjust: 'none',
    },
  },
  hidden: visuallyHidden,
});

/** A cell as the grid shows it: a date-formatted number as the date, in the workbook's date system. */
export function displayValue(value: CellValue, numberFormat: string | null, date1904 = false): string {
  if (value === null) return '';
  if (isCellError(value)) return value.error;
  if (typeof value === 'number') {
    if (isDateFormat(numberFormat)) {
      const { date } = readDateCell(value, date1904);
      if (date) return formatDanishDate(date);
    }
    return formatDanishAmount(value);
  }
  if (typeof value === 'boolean') return value ? 'SAND' : 'FALSK';
  return value;
}

/** The first text of a row (its label: "I alt", an initiative's number and area), if any. */
function rowLabelOf(sheet: SheetSnapshot, row: number): string | null {
  const cells = sheet.values[row - sheet.origin.row];
  if (!cells) return null;
  for (const v of cells) if (typeof v === 'string' && v.trim()) return v.trim();
  return null;
}

export interface SheetGridProps {
  sheets: SheetSnapshot[];
  activeSheet: string;
  onSheetChange: (sheet: string) => void;
  highlight: { sheet: string; address: string } | null;
  /** Narrow screens: back to the finding that led here. */
  onBack?: () => void;
  gridRef?: React.Ref<HTMLDivElement>;
}

export function SheetGrid({ sheets, activeSheet, onSheetChange, highlight, onBack, gridRef }: SheetGridProps) {
  const styles = useStyles();
  const sheet = sheets.find((s) => s.name === activeSheet) ?? sheets[0];
  const highlightedRef = useRef<HTMLTableCellElement>(null);
  const pickerId = useId('sheet');
  const target = highlight && sheet && highlight.sheet === sheet.name ? parseA1(highlight.address.split(':')[0]) : null;

  const shape = useMemo(() => {
    if (!sheet) return { rows: 0, cols: 0 };
    const width = sheet.values.reduce((w, r) => Math.max(w, r.length), 0);
    const rows = sheet.origin.row + sheet.values.length;
    return {
      rows: Math.min(rows, MAX_GRID_ROWS),
      cols: Math.min(sheet.origin.col + width, MAX_GRID_COLUMNS),
      allRows: rows,
    };
  }, [sheet]);

  // The cell in the middle of the grid, and its row's label with it where both fit: the grid
  // scrolls to its left edge unless the cell lies beyond the width shown.
  useEffect(() => {
    const cell = highlightedRef.current;
    const scroller = cell?.closest<HTMLElement>('[role="region"]');
    if (!cell || !scroller) return;
    const rowHead = cell.parentElement?.querySelector('th');
    const left = cell.offsetLeft - (rowHead?.offsetWidth ?? 0);
    const fits = cell.offsetLeft + cell.offsetWidth <= scroller.clientWidth;
    scroller.scrollTo({
      top: Math.max(0, cell.offsetTop - (scroller.clientHeight - cell.offsetHeight) / 2),
      left: fits ? 0 : Math.max(0, left - (scroller.clientWidth - cell.offsetWidth - (rowHead?.offsetWidth ?? 0)) / 2),
    });
  }, [highlight, activeSheet]);

  if (!sheet) return null;
  const value = (r: number, c: number) => sheet.values[r - sheet.origin.row]?.[c - sheet.origin.col] ?? null;
  const format = (r: number, c: number) => sheet.numberFormats?.[r - sheet.origin.row]?.[c - sheet.origin.col] ?? null;
  const cols = Array.from({ length: Math.max(shape.cols, 1) }, (_, c) => c);

  return (
    <div className={styles.wrap}>
      {onBack && (
        <div className={styles.back}>
          <Button size="small" icon={<span aria-hidden="true">↑</span>} onClick={onBack}>
            {paneText.backToFinding}
          </Button>
        </div>
      )}
      {target && (
        <Text className={styles.where} data-where>
          {paneText.cellWhere(highlight!.address.split(':')[0], target.row + 1, rowLabelOf(sheet, target.row))}
        </Text>
      )}
      <div className={styles.picker}>
        <Label htmlFor={pickerId}>{paneText.sheetPicker}</Label>
        <Select id={pickerId} value={sheet.name} onChange={(_, d) => onSheetChange(d.value)} size="small">
          {sheets.map((s) => (
            <option key={s.name} value={s.name}>
              {s.name}
            </option>
          ))}
        </Select>
      </div>
      <div
        ref={gridRef}
        className={styles.scroller}
        role="region"
        aria-label={paneText.gridLabel(sheet.name)}
        tabIndex={0}
      >
        {shape.rows === 0 ? (
          <Text>{paneText.emptySheet}</Text>
        ) : (
          <table className={styles.table}>
            <caption className={styles.hidden}>{paneText.gridLabel(sheet.name)}</caption>
            <thead>
              <tr>
                <th scope="col" className={`${styles.head} ${styles.corner}`}>
                  <span className={styles.hidden}>{paneText.sheet}</span>
                </th>
                {cols.map((c) => (
                  <th key={c} scope="col" className={styles.head}>
                    {columnLetters(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {Array.from({ length: shape.rows }, (_, r) => (
                <tr key={r}>
                  <th scope="row" className={styles.rowHead}>
                    {r + 1}
                  </th>
                  {cols.map((c) => {
                    const v = value(r, c);
                    const isTarget = target !== null && target.row === r && target.col === c;
                    const classes = [
                      styles.cell,
                      typeof v === 'number' ? styles.number : '',
                      isTarget ? styles.highlighted : '',
                    ]
                      .filter(Boolean)
                      .join(' ');
                    return (
                      <td
                        key={c}
                        className={classes}
                        data-address={toA1(r, c)}
                        aria-current={isTarget ? 'true' : undefined}
                        ref={isTarget ? highlightedRef : undefined}
                      >
                        {displayValue(v, format(r, c), sheet.date1904)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {(shape.allRows ?? 0) > MAX_GRID_ROWS && <Text size={200}>{paneText.gridTruncated(MAX_GRID_ROWS)}</Text>}
    </div>
  );
}

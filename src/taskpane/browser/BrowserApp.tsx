import {
  Button,
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Text,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import { useCallback, useRef, useState } from 'react';
import { fileMessage, paneText } from '../text';
import type { WorkbookSnapshot } from '../../core/grid';
import { XlsxWorkbookAdapter } from '../../xlsx/adapter';
import { browserDeflate, browserInflate } from '../../xlsx/browserZlib';
import { updatedFileName, XLSM_TYPE, XLSX_TYPE } from '../../xlsx/kind';
import { Pane } from '../Pane';
import { SheetGrid } from './SheetGrid';

const NARROW = '(max-width: 720px)';

const useStyles = makeStyles({
  layout: {
    display: 'flex',
    height: '100vh',
    [`@media ${NARROW}`]: { flexDirection: 'column', height: 'auto' },
  },
  pane: {
    width: '380px',
    flexShrink: 0,
    overflowY: 'auto',
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    [`@media ${NARROW}`]: { width: 'auto', borderRight: 'none' },
  },
  grid: { flex: 1, display: 'flex', minWidth: 0, padding: '8px', minHeight: '300px' },
  file: { display: 'flex', flexDirection: 'column', gap: '6px', minWidth: 0 },
  note: { color: tokens.colorNeutralForeground2 },
  fileName: { overflowWrap: 'anywhere' },
});

/** Outside Excel: open an .xlsx file, see its sheets, validate it with the same pane. */
export function BrowserApp() {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const cameFrom = useRef<HTMLElement | null>(null);
  const [adapter, setAdapter] = useState<XlsxWorkbookAdapter | null>(null);
  const [snapshot, setSnapshot] = useState<WorkbookSnapshot | null>(null);
  const [activeSheet, setActiveSheet] = useState('');
  const [highlight, setHighlight] = useState<{ sheet: string; address: string } | null>(null);
  const [fileName, setFileName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [request, setRequest] = useState(0);
  const [canGoBack, setCanGoBack] = useState(false);

  /** A finding or "Gå til" was chosen: show the cell; on a narrow screen, go down to the grid. */
  const selectCell = useCallback((sheet: string, address: string) => {
    setActiveSheet(sheet);
    setHighlight({ sheet, address });
    if (window.matchMedia?.(NARROW).matches) {
      cameFrom.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      setCanGoBack(true);
      requestAnimationFrame(() => {
        gridRef.current?.scrollIntoView({ block: 'start' });
        gridRef.current?.focus({ preventScroll: true });
      });
    }
  }, []);

  const back = () => {
    setCanGoBack(false);
    const to = cameFrom.current;
    if (to?.isConnected) {
      to.scrollIntoView({ block: 'center' });
      to.focus({ preventScroll: true });
    } else {
      document.querySelector<HTMLElement>('[data-findings] button, main')?.focus();
    }
  };

  const open = async (file: File) => {
    setError(null);
    setLoading(true);
    try {
      if (!/\.xlsx$/i.test(file.name)) throw new Error(paneText.notXlsx(file.name));
      const data = new Uint8Array(await file.arrayBuffer());
      let next: XlsxWorkbookAdapter;
      let snap: WorkbookSnapshot;
      try {
        next = new XlsxWorkbookAdapter(data, { inflate: browserInflate, deflate: browserDeflate }, selectCell);
        snap = await next.readAllSheets();
      } catch (e) {
        throw new Error(fileMessage(e, file.name));
      }
      setAdapter(next);
      setSnapshot(snap);
      setActiveSheet(snap.activeSheet ?? snap.sheets[0]?.name ?? '');
      setHighlight(null);
      setCanGoBack(false);
      setFileName(file.name);
      setRequest((n) => n + 1); // validated as soon as it is open
    } catch (e) {
      setError(e instanceof Error && e.message ? e.message : paneText.fileFailed(file.name));
    } finally {
      setLoading(false);
      if (input.current) input.current.value = '';
    }
  };

  const download = async () => {
    if (!adapter) return;
    // A macro workbook stays .xlsm (Excel refuses it under .xlsx), any other is .xlsx.
    const macro = await adapter.isMacroWorkbook();
    const blob = new Blob([adapter.bytes() as Uint8Array<ArrayBuffer>], { type: macro ? XLSM_TYPE : XLSX_TYPE });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = updatedFileName(fileName, macro);
    link.click();
    URL.revokeObjectURL(link.href);
  };

  // The plan chosen in the pane is shown in the grid.
  const showPlan = useCallback((sheet: string) => {
    setActiveSheet(sheet);
  }, []);

  const toolbar = (
    <div className={styles.file}>
      <input
        ref={input}
        type="file"
        accept=".xlsx,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel.sheet.macroEnabled.12"
        aria-label={paneText.openFileLabel}
        style={{ display: 'none' }}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void open(file);
        }}
      />
      <div>
        <Button
          appearance={adapter ? 'secondary' : 'primary'}
          onClick={() => input.current?.click()}
          disabled={loading}
        >
          {paneText.openFile}
        </Button>
      </div>
      {loading && <Text role="status">{paneText.readingFile}</Text>}
      {fileName && !loading && (
        <Text role="status" className={styles.fileName}>
          {paneText.fileLoaded(fileName)}
        </Text>
      )}
      {error && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody className={styles.fileName}>{error}</MessageBarBody>
        </MessageBar>
      )}
      <Text size={200} className={styles.note}>
        {paneText.browserMode}
      </Text>
    </div>
  );

  return (
    <FluentProvider theme={webLightTheme}>
      <div className={styles.layout}>
        <div className={styles.pane}>
          <Pane
            adapter={adapter}
            validateRequest={request}
            toolbar={toolbar}
            onPlanShown={showPlan}
            onWorkbookChanged={() => void adapter?.readAllSheets().then(setSnapshot)}
            onDownload={download}
          />
        </div>
        {snapshot && (
          <div className={styles.grid}>
            <SheetGrid
              sheets={snapshot.sheets}
              activeSheet={activeSheet}
              onSheetChange={setActiveSheet}
              highlight={highlight}
              onBack={canGoBack ? back : undefined}
              gridRef={gridRef}
            />
          </div>
        )}
      </div>
    </FluentProvider>
  );
}

import {
  Button,
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Text,
  tokens,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState } from 'react';
import { paneText } from '../../addin/text';
import { fileMessage } from './fileMessage';
import type { WorkbookSnapshot } from '../../core/model/grid';
import { XlsxWorkbookAdapter } from '../../xlsx/adapter';
import { browserDeflate, browserInflate } from '../../xlsx/browserZlib';
import { updatedFileName, XLSM_TYPE, XLSX_TYPE } from '../../xlsx/kind';
import { ReadCancelled, readWithProgress, type ReadProgress } from '../../xlsx/readProgress';

/** How browser mode reads a file's bytes: in a Web Worker where there is one, with progress and cancel. */
export type FileReading = (
  data: Uint8Array,
  onProgress: (p: ReadProgress) => void,
  signal: AbortSignal,
) => Promise<WorkbookSnapshot>;

const readFileBytes: FileReading = async (data, onProgress, signal) => {
  if (typeof Worker !== 'undefined') {
    const { readInWorker } = await import(/* webpackChunkName: "xlsx" */ './workerRead');
    return readInWorker(data, onProgress, signal);
  }
  return readWithProgress(data, browserInflate, onProgress, () => performance.now(), signal);
};

const DARK = '(prefers-color-scheme: dark)';

/** Browser mode follows the system's light or dark setting. */
function useSystemTheme() {
  const [dark, setDark] = useState(() => !!window.matchMedia?.(DARK).matches);
  useEffect(() => {
    const query = window.matchMedia?.(DARK);
    if (!query) return;
    const change = (e: MediaQueryListEvent) => setDark(e.matches);
    query.addEventListener?.('change', change);
    return () => query.removeEventListener?.('change', change);
  }, []);
  return dark ? webDarkTheme : webLightTheme;
}
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
  reading: { display: 'flex', flexDirection: 'column', gap: '4px', minWidth: 0 },
  progress: { width: '100%' },
  wrapActions: { flexWrap: 'wrap', minWidth: 0, maxWidth: '100%' },
  wrapButton: { whiteSpace: 'normal', height: 'auto', minWidth: 0, maxWidth: '100%', textAlign: 'left' },
});

/** Outside Excel: open an .xlsx file, see its sheets, validate it with the same pane. */
export function BrowserApp({ readFile = readFileBytes }: { readFile?: FileReading } = {}) {
  const styles = useStyles();
  const theme = useSystemTheme();
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
  const [progress, setProgress] = useState<ReadProgress | null>(null);
  const reading = useRef<AbortController | null>(null);
  /** Written to since opened or last downloaded: leaving would lose it. */
  const [dirty, setDirty] = useState(false);
  const [asking, setAsking] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
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

  // Changes not downloaded are lost if the tab is closed: the browser asks first.
  useEffect(() => {
    if (!dirty) return;
    const guard = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', guard);
    return () => window.removeEventListener('beforeunload', guard);
  }, [dirty]);

  const open = async (file: File) => {
    // The previous file's results go first: what follows is about this file only.
    setError(null);
    setNotice(null);
    setAdapter(null);
    setSnapshot(null);
    setFileName('');
    setHighlight(null);
    setCanGoBack(false);
    setDirty(false);
    setLoading(true);
    setProgress(null);
    const controller = new AbortController();
    reading.current = controller;
    try {
      if (!/\.xls[xm]$/i.test(file.name)) throw new Error(paneText.notXlsx(file.name));
      const data = new Uint8Array(await file.arrayBuffer());
      let next: XlsxWorkbookAdapter;
      let snap: WorkbookSnapshot;
      const read = (bytes: Uint8Array) => readFile(bytes, () => undefined, new AbortController().signal);
      try {
        snap = await readFile(data, setProgress, controller.signal);
        next = new XlsxWorkbookAdapter(data, { inflate: browserInflate, deflate: browserDeflate }, selectCell, {
          snapshot: snap,
          read,
        });
      } catch (e) {
        if (e instanceof ReadCancelled) throw e;
        throw new Error(fileMessage(e, file.name));
      }
      setAdapter(next);
      setSnapshot(snap);
      setActiveSheet(snap.activeSheet ?? snap.sheets[0]?.name ?? '');
      setFileName(file.name);
      setRequest((n) => n + 1); // validated as soon as it is open
    } catch (e) {
      if (e instanceof ReadCancelled) setNotice(paneText.readCancelled(file.name));
      else setError(e instanceof Error && e.message ? e.message : paneText.fileFailed(file.name));
    } finally {
      reading.current = null;
      setLoading(false);
      setProgress(null);
      if (input.current) input.current.value = '';
    }
  };

  /** "Åbn .xlsx-fil": with changes not downloaded, asked first. */
  const choose = () => {
    if (dirty) setAsking(true);
    else input.current?.click();
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
    setDirty(false);
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
        <Button appearance={adapter ? 'secondary' : 'primary'} onClick={choose} disabled={loading}>
          {paneText.openFile}
        </Button>
      </div>
      {asking && (
        <MessageBar intent="warning" layout="multiline" data-unsaved>
          <MessageBarBody className={styles.fileName}>{paneText.unsaved(fileName)}</MessageBarBody>
          <MessageBarActions className={styles.wrapActions}>
            <Button
              appearance="primary"
              className={styles.wrapButton}
              onClick={() => {
                setAsking(false);
                void download();
              }}
            >
              {paneText.downloadFirst}
            </Button>
            <Button
              className={styles.wrapButton}
              onClick={() => {
                setAsking(false);
                input.current?.click();
              }}
            >
              {paneText.openAnyway}
            </Button>
            <Button appearance="subtle" className={styles.wrapButton} onClick={() => setAsking(false)}>
              {paneText.cancel}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {loading && (
        <div className={styles.reading} role="status" data-reading>
          <Text>
            {progress
              ? paneText.readingProgress(Math.floor((100 * progress.done) / Math.max(progress.total, 1)))
              : paneText.readingFile}
          </Text>
          <progress
            className={styles.progress}
            max={progress?.total || 1}
            value={progress?.done ?? 0}
            aria-label={paneText.readingFile}
          />
          <div>
            <Button size="small" onClick={() => reading.current?.abort()}>
              {paneText.cancel}
            </Button>
          </div>
        </div>
      )}
      {notice && !loading && <Text role="status">{notice}</Text>}
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
    <FluentProvider theme={theme}>
      <div className={styles.layout}>
        <div className={styles.pane}>
          <Pane
            adapter={adapter}
            validateRequest={request}
            toolbar={toolbar}
            onPlanShown={showPlan}
            onWorkbookChanged={() => {
              setDirty(true);
              void adapter?.readAllSheets().then(setSnapshot);
            }}
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

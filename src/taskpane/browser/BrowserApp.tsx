import { FluentProvider, makeStyles, tokens, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { paneText } from '../../addin/text';
import { fileMessage } from './fileMessage';
import { FileBar } from './FileBar';
import { Pane } from '../Pane';
import { SheetGrid } from './SheetGrid';
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
});

/** Outside Excel: open an .xlsx file, see its sheets, validate it with the same pane. */
export function BrowserApp({ readFile = readFileBytes }: { readFile?: FileReading } = {}) {
  const styles = useStyles();
  const theme = useSystemTheme();
  const input = useRef<HTMLInputElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
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

  const { selectCell, back, canGoBack, setCanGoBack } = useGridJump(gridRef, setActiveSheet, setHighlight);
  useLeaveGuard(dirty);

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
      const { next, snap } = await openFile(file, readFile, setProgress, controller.signal, selectCell);
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
    await downloadWorkbook(adapter, fileName);
    setDirty(false);
  };

  // The plan chosen in the pane is shown in the grid.
  const showPlan = useCallback((sheet: string) => {
    setActiveSheet(sheet);
  }, []);

  const toolbar = (
    <FileBar
      inputRef={input}
      hasFile={!!adapter}
      loading={loading}
      asking={asking}
      fileName={fileName}
      progress={progress}
      notice={notice}
      error={error}
      onChoose={choose}
      onFile={(file) => void open(file)}
      onDownloadFirst={() => {
        setAsking(false);
        void download();
      }}
      onOpenAnyway={() => {
        setAsking(false);
        input.current?.click();
      }}
      onCancelAsk={() => setAsking(false)}
      onCancelRead={() => reading.current?.abort()}
    />
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

/** Changes not downloaded are lost if the tab is closed: the browser asks first. */
function useLeaveGuard(dirty: boolean) {
  useEffect(() => {
    if (!dirty) return;
    const guard = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', guard);
    return () => window.removeEventListener('beforeunload', guard);
  }, [dirty]);
}

/**
 * A finding or "Gå til" was chosen: show the cell; on a narrow screen, go down to the grid, with
 * a way back to where the user came from.
 */
function useGridJump(
  gridRef: RefObject<HTMLDivElement | null>,
  setActiveSheet: (sheet: string) => void,
  setHighlight: (h: { sheet: string; address: string } | null) => void,
) {
  const cameFrom = useRef<HTMLElement | null>(null);
  const [canGoBack, setCanGoBack] = useState(false);
  const selectCell = useCallback(
    (sheet: string, address: string) => {
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
    },
    [gridRef, setActiveSheet, setHighlight],
  );

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

  return { selectCell, back, canGoBack, setCanGoBack };
}

/** A chosen file's bytes read into a snapshot and an adapter for it; a file that cannot be read is one Danish line. */
async function openFile(
  file: File,
  readFile: FileReading,
  onProgress: (p: ReadProgress) => void,
  signal: AbortSignal,
  selectCell: (sheet: string, address: string) => void,
): Promise<{ next: XlsxWorkbookAdapter; snap: WorkbookSnapshot }> {
  const data = new Uint8Array(await file.arrayBuffer());
  let next: XlsxWorkbookAdapter;
  let snap: WorkbookSnapshot;
  const read = (bytes: Uint8Array) => readFile(bytes, () => undefined, new AbortController().signal);
  try {
    snap = await readFile(data, onProgress, signal);
    next = new XlsxWorkbookAdapter(data, { inflate: browserInflate, deflate: browserDeflate }, selectCell, {
      snapshot: snap,
      read,
    });
  } catch (e) {
    if (e instanceof ReadCancelled) throw e;
    throw new Error(fileMessage(e, file.name));
  }
  return { next, snap };
}

/** The changed workbook as a download: a macro workbook stays .xlsm (Excel refuses it under .xlsx), any other is .xlsx. */
async function downloadWorkbook(adapter: XlsxWorkbookAdapter, fileName: string): Promise<void> {
  const macro = await adapter.isMacroWorkbook();
  const blob = new Blob([adapter.bytes() as Uint8Array<ArrayBuffer>], { type: macro ? XLSM_TYPE : XLSX_TYPE });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = updatedFileName(fileName, macro);
  link.click();
  URL.revokeObjectURL(link.href);
}

import { FluentProvider, makeStyles, tokens, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { filesOverviewText, paneText } from '../../addin/text';
import { visuallyHidden } from '../theme';
import { fileMessage } from './fileMessage';
import { FileBar } from './FileBar';
import { saveFile } from '../saveFile';
import { FilesOverview, overviewWorkbook, readFilesOverview, type FilesOverviewState } from './FilesOverview';
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
  overview: { display: 'flex', flexDirection: 'column', gap: '12px', padding: '12px', minWidth: 0 },
  hidden: visuallyHidden,
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
  const [notice, setNotice] = useState<string | null>(null);
  const [request, setRequest] = useState(0);
  /** The open file and its results go: what follows is about the next file(s) only. */
  const reset = () => {
    setAdapter(null);
    setSnapshot(null);
    setFileName('');
    setDirty(false);
  };
  const ui = { setProgress, setLoading, setError, setNotice, reset };
  const { overview, setOverview, readingLine, openMany } = useManyFiles(readFile, reading, input, ui);

  const { selectCell, back, canGoBack, setCanGoBack } = useGridJump(gridRef, setActiveSheet, setHighlight);
  useLeaveGuard(dirty);

  const open = async (file: File) => {
    // The previous file's results go first: what follows is about this file only.
    setOverview(null);
    setError(null);
    setNotice(null);
    reset();
    setHighlight(null);
    setCanGoBack(false);
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

  const download = async () => {
    if (!adapter) return;
    await downloadWorkbook(adapter, fileName);
    setDirty(false);
  };
  const ask = useAskFirst(dirty, input, download);

  // The plan chosen in the pane is shown in the grid.
  const showPlan = useCallback((sheet: string) => {
    setActiveSheet(sheet);
  }, []);

  const toolbar = (
    <FileBar
      inputRef={input}
      hasFile={!!adapter}
      loading={loading}
      asking={ask.asking}
      fileName={fileName}
      progress={progress}
      readingLine={readingLine}
      notice={notice}
      error={error}
      onChoose={ask.choose}
      onFiles={(files) => void (files.length === 1 ? open(files[0]) : openMany(files))}
      onDownloadFirst={ask.downloadFirst}
      onOpenAnyway={ask.openAnyway}
      onCancelAsk={ask.cancel}
      onCancelRead={() => reading.current?.abort()}
    />
  );

  return (
    <FluentProvider theme={theme}>
      <div className={styles.layout}>
        <div className={styles.pane}>
          {overview ? (
            <OverviewColumn overview={overview} toolbar={toolbar} />
          ) : (
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
          )}
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

/** "Åbn .xlsx-fil" with changes not downloaded: asked first, to download them, open anyway or stay. */
function useAskFirst(dirty: boolean, input: RefObject<HTMLInputElement | null>, download: () => Promise<void>) {
  const [asking, setAsking] = useState(false);
  return {
    asking,
    choose: () => (dirty ? setAsking(true) : input.current?.click()),
    downloadFirst: () => {
      setAsking(false);
      void download();
    },
    openAnyway: () => {
      setAsking(false);
      input.current?.click();
    },
    cancel: () => setAsking(false),
  };
}

/** The pane's column with several files open: the file bar and the overview of them all. */
function OverviewColumn({ overview, toolbar }: { overview: FilesOverviewState; toolbar: ReactNode }) {
  const styles = useStyles();
  return (
    <main className={styles.overview}>
      <h1 className={styles.hidden}>{paneText.title}</h1>
      {toolbar}
      <FilesOverview {...overview} makeWorkbook={() => overviewWorkbook(overview)} />
    </main>
  );
}

/** Several files chosen at once: read one after another into the overview of every plan in them. */
function useManyFiles(
  readFile: FileReading,
  reading: RefObject<AbortController | null>,
  input: RefObject<HTMLInputElement | null>,
  ui: {
    setProgress: (p: ReadProgress | null) => void;
    setLoading: (on: boolean) => void;
    setError: (e: string | null) => void;
    setNotice: (n: string | null) => void;
    reset: () => void;
  },
) {
  const [overview, setOverview] = useState<FilesOverviewState | null>(null);
  const [readingLine, setReadingLine] = useState<string | null>(null);
  const { setProgress, setLoading, setError, setNotice } = ui;
  const openMany = async (files: File[]) => {
    setError(null);
    setNotice(null);
    ui.reset();
    setOverview(null);
    setLoading(true);
    const controller = new AbortController();
    reading.current = controller;
    try {
      const result = await readFilesOverview(
        files,
        (data) => readFile(data, setProgress, controller.signal),
        (n, name) => {
          setProgress(null);
          setReadingLine(filesOverviewText.reading(n, files.length, name));
        },
      );
      setOverview(result);
    } catch (e) {
      if (e instanceof ReadCancelled) setNotice(paneText.readCancelled(files.map((f) => f.name).join(', ')));
      else setError(paneText.fileFailed(files[0].name));
    } finally {
      reading.current = null;
      setLoading(false);
      setProgress(null);
      setReadingLine(null);
      if (input.current) input.current.value = '';
    }
  };
  return { overview, setOverview, readingLine, openMany };
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
  saveFile(adapter.bytes(), updatedFileName(fileName, macro), macro ? XLSM_TYPE : XLSX_TYPE);
}

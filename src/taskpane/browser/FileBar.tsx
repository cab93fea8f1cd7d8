import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { RefObject } from 'react';
import { paneText } from '../../addin/text';
import type { ReadProgress } from '../../xlsx/readProgress';

const useStyles = makeStyles({
  file: { display: 'flex', flexDirection: 'column', gap: '6px', minWidth: 0 },
  note: { color: tokens.colorNeutralForeground2 },
  fileName: { overflowWrap: 'anywhere' },
  reading: { display: 'flex', flexDirection: 'column', gap: '4px', minWidth: 0 },
  progress: { width: '100%' },
  wrapActions: { flexWrap: 'wrap', minWidth: 0, maxWidth: '100%' },
  wrapButton: { whiteSpace: 'normal', height: 'auto', minWidth: 0, maxWidth: '100%', textAlign: 'left' },
});

export interface FileBarProps {
  inputRef: RefObject<HTMLInputElement | null>;
  hasFile: boolean;
  loading: boolean;
  /** Changes not downloaded: ask before another file replaces them. */
  asking: boolean;
  fileName: string;
  progress: ReadProgress | null;
  /** Which of several files is being read ("Læser fil 3 af 12: …"). */
  readingLine?: string | null;
  notice: string | null;
  error: string | null;
  onChoose: () => void;
  /** One file opens it; several give the overview of them all. */
  onFiles: (files: File[]) => void;
  onDownloadFirst: () => void;
  onOpenAnyway: () => void;
  onCancelAsk: () => void;
  onCancelRead: () => void;
}

/** Browser mode's file bar: open a file, the question about unsaved changes, the reading's progress, what was opened. */
export function FileBar({
  inputRef,
  hasFile,
  loading,
  asking,
  fileName,
  progress,
  readingLine,
  notice,
  error,
  onChoose,
  onFiles,
  onDownloadFirst,
  onOpenAnyway,
  onCancelAsk,
  onCancelRead,
}: FileBarProps) {
  const styles = useStyles();
  return (
    <div className={styles.file}>
      <input
        ref={inputRef}
        type="file"
        multiple
        accept=".xlsx,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel.sheet.macroEnabled.12"
        aria-label={paneText.openFileLabel}
        style={{ display: 'none' }}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          if (files.length) onFiles(files);
        }}
      />
      <div>
        <Button appearance={hasFile ? 'secondary' : 'primary'} onClick={onChoose} disabled={loading}>
          {paneText.openFile}
        </Button>
      </div>
      {asking && (
        <MessageBar intent="warning" layout="multiline" data-unsaved>
          <MessageBarBody className={styles.fileName}>{paneText.unsaved(fileName)}</MessageBarBody>
          <MessageBarActions className={styles.wrapActions}>
            <Button appearance="primary" className={styles.wrapButton} onClick={onDownloadFirst}>
              {paneText.downloadFirst}
            </Button>
            <Button className={styles.wrapButton} onClick={onOpenAnyway}>
              {paneText.openAnyway}
            </Button>
            <Button appearance="subtle" className={styles.wrapButton} onClick={onCancelAsk}>
              {paneText.cancel}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {loading && (
        <div className={styles.reading} role="status" data-reading>
          <Text className={styles.fileName}>
            {readingLine
              ? `${readingLine}${progress ? ` (${Math.floor((100 * progress.done) / Math.max(progress.total, 1))} %)` : ''}`
              : progress
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
            <Button size="small" onClick={onCancelRead}>
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
}

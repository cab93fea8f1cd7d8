import { Button, makeStyles, MessageBar, MessageBarBody, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { buildOverviewSheet, planLink } from '../../core/build/overviewSheet';
import type { WorkbookSnapshot } from '../../core/model/grid';
import { overviewRow, overviewTotals, type OverviewFailure, type OverviewPlan } from '../../core/overview';
import { validateWorkbook } from '../../core/validate';
import { filesOverviewText as T, paneText } from '../../addin/text';
import { blankPackage } from '../../xlsx/blank';
import { browserDeflate, browserInflate } from '../../xlsx/browserZlib';
import { XlsxError } from '../../xlsx/errors';
import { XLSX_TYPE } from '../../xlsx/kind';
import { Package } from '../../xlsx/package';
import { ReadCancelled } from '../../xlsx/readProgress';
import { writePackage } from '../../xlsx/write';
import { fileMessage } from './fileMessage';
import { planFigures, totalsLine } from '../pane/AllPlans';
import { saveFile } from '../saveFile';

const collator = new Intl.Collator('da', { numeric: true });

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: '8px', minWidth: 0 },
  heading: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  sub: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '6px' },
  item: { overflowWrap: 'anywhere', borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, paddingBottom: '6px' },
  muted: { color: tokens.colorNeutralForeground2 },
});

/**
 * Browser mode with several files: one row per plan in every file (the figures of
 * `handleplan overview`), the files that could not be used with their reasons, the totals, and
 * the overview as overblik.xlsx to download.
 */
export function FilesOverview({
  files,
  plans,
  failed,
  makeWorkbook,
}: {
  files: number;
  plans: OverviewPlan[];
  failed: OverviewFailure[];
  /** The "Overblik" workbook's bytes (the .xlsx writer comes with browser mode). */
  makeWorkbook: () => Promise<Uint8Array>;
}) {
  const styles = useStyles();
  const totals = overviewTotals(plans, failed);
  const [status, setStatus] = useState<'idle' | 'working' | 'done' | 'failed'>('idle');
  const download = async () => {
    setStatus('working');
    try {
      saveFile(await makeWorkbook(), T.fileName, XLSX_TYPE);
      setStatus('done');
    } catch (e) {
      console.error(e);
      setStatus('failed');
    }
  };
  return (
    <section className={styles.section} aria-labelledby="files-overview" data-files-overview>
      <h2 id="files-overview" className={styles.heading}>
        {T.heading(files)}
      </h2>
      <Text className={styles.muted}>{T.intro}</Text>
      <ul className={styles.list}>
        {plans.map((p) => (
          <li key={`${p.file}\u0000${p.sheet}`} className={styles.item} data-overview-plan>
            <strong>{p.file}</strong> · {p.sheet}
            {p.center || p.area ? ` · ${[p.center, p.area].filter(Boolean).join(', ')}` : ''}
            <br />
            {planFigures(p)}
          </li>
        ))}
      </ul>
      <Text data-files-overview-total>{totalsLine(totals)}</Text>
      {failed.length > 0 && (
        <>
          <h3 className={styles.sub}>{T.failedHeading}</h3>
          <ul className={styles.list}>
            {failed.map((f) => (
              <li key={f.file} className={styles.item} data-overview-failed>
                {f.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      <div>
        <Button appearance="primary" onClick={() => void download()} disabled={status === 'working'}>
          {T.download}
        </Button>
      </div>
      {(status === 'done' || status === 'failed') && (
        <MessageBar intent={status === 'done' ? 'success' : 'error'} layout="multiline">
          <MessageBarBody>{status === 'done' ? T.downloaded : T.downloadFailed}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}

/** What several chosen files came to: each file's plans, or why it cannot be used. */
export interface FilesOverviewState {
  files: number;
  plans: OverviewPlan[];
  failed: OverviewFailure[];
}

/**
 * Reads the chosen files one after another (each in the reading worker), validates each and
 * gathers the overview's rows; a file that cannot be used is a row with its Danish reason.
 */
export async function readFilesOverview(
  files: File[],
  read: (data: Uint8Array) => Promise<WorkbookSnapshot>,
  onFile: (n: number, name: string) => void,
): Promise<FilesOverviewState> {
  const plans: OverviewPlan[] = [];
  const failed: OverviewFailure[] = [];
  const sorted = [...files].sort((a, b) => collator.compare(a.name, b.name));
  for (const [i, file] of sorted.entries()) {
    onFile(i + 1, file.name);
    try {
      if (!/\.xls[xm]$/i.test(file.name)) throw new Error(paneText.notXlsx(file.name));
      const snapshot = await read(new Uint8Array(await file.arrayBuffer()));
      const found = validateWorkbook(snapshot).plans;
      if (found.length === 0) failed.push({ file: file.name, reason: T.noPlan(file.name) });
      else plans.push(...found.map((p) => overviewRow(file.name, p)));
    } catch (e) {
      if (e instanceof ReadCancelled) throw e;
      const reason =
        e instanceof Error && e.message && !(e instanceof XlsxError) ? e.message : fileMessage(e, file.name);
      failed.push({ file: file.name, reason });
    }
  }
  return { files: files.length, plans, failed };
}

/** The overview as a new workbook with its "Overblik" sheet, each row linking to its file beside it. */
export async function overviewWorkbook({ plans, failed }: FilesOverviewState): Promise<Uint8Array> {
  const built = buildOverviewSheet(plans, failed, overviewTotals(plans, failed), {
    link: (p) => planLink(p.sheet, p.file),
  });
  const pkg = new Package(blankPackage(browserDeflate), browserInflate);
  return (await writePackage(pkg, built.plan, { sheets: [] }, browserDeflate)).data;
}

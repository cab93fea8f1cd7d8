import { todayIso } from '../../core/text/dates';
import {
  Button,
  Field,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Select,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { WorkbookSnapshot } from '../../core/model/grid';
import { sheetText } from '../../core/text/da';
import { buildStatus } from '../../core/build/statusSheet';
import { buildStatusReport } from '../../core/build/statusReport';
import { validateWorkbook, type PlanResult } from '../../core/validate';
import type { WriteOutcome } from '../../core/build/writePlan';
import { actionText, paneText, statusPaneText, userMessage } from '../../addin/text';
import { Flow, type ActionProps, type Preview } from './Flow';
import { saveFile } from '../saveFile';

const useStyles = makeStyles({
  row: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'center' },
  muted: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  message: { overflowWrap: 'anywhere' },
});

const actual = (outcome: WriteOutcome, planned: string) => outcome.sheetNames[planned] ?? planned;

/** The latest month of the year with a status sheet ("Status september 2021"), if any. */
export function latestStatusMonth(snapshot: WorkbookSnapshot, year: number): number | null {
  const names = new Set(snapshot.sheets.map((s) => s.name.toLowerCase()));
  for (let m = 12; m >= 1; m--) if (names.has(sheetText.status.sheet(m, year).toLowerCase())) return m;
  return null;
}

/** Without a status sheet: this month in the plan's year, else December (a past year's end). */
const defaultMonth = (year: number, now: Date) => (now.getFullYear() === year ? now.getMonth() + 1 : 12);

interface StatusProps extends ActionProps {
  plan: PlanResult;
}

/** "Status": the month's status sheet (made or made again), and the committee's report. */
export default function StatusActions({ plan, snapshot, adapter, ...rest }: StatusProps) {
  const styles = useStyles();
  const year = plan.summary.year ?? new Date().getFullYear();
  const [month, setMonth] = useState(() => latestStatusMonth(snapshot, year) ?? defaultMonth(year, new Date()));
  // The plan's sheet and the year's status sheets, read together: what was typed in them is kept.
  const [read, setRead] = useState<WorkbookSnapshot | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [report, setReport] = useState<{
    status: 'idle' | 'asking' | 'working' | 'done' | 'failed';
    text?: string;
  }>({ status: 'idle' });
  const statusNames = () => {
    const wanted = new Set(Array.from({ length: 12 }, (_, m) => sheetText.status.sheet(m + 1, year).toLowerCase()));
    return [plan.plan.sheet, ...snapshot.sheets.filter((s) => wanted.has(s.name.toLowerCase())).map((s) => s.name)];
  };
  useEffect(() => {
    let live = true;
    adapter
      .readSheets(statusNames())
      .then((r) => live && setRead(r))
      .catch((e) => live && setReadError(userMessage(e)));
    return () => {
      live = false;
    };
  }, [adapter, snapshot, plan.plan.sheet, year]);

  const planIn = (r: WorkbookSnapshot | null) =>
    r ? (validateWorkbook(r, { sheet: plan.plan.sheet }).plans[0] ?? null) : null;
  const current = () => planIn(read);

  const downloadReport = async (anyway = false) => {
    const result = current();
    if (!read || !result) return;
    const content = buildStatusReport(result, read, { month, year, today: todayIso(new Date()) });
    // A report without a realised effect says nothing about progress: asked before it is made.
    if (!content.realised && !anyway) {
      setReport({
        status: 'asking',
        text: statusPaneText.reportEmpty(statusPaneText.monthName(month), year, content.statusSheet),
      });
      return;
    }
    setReport({ status: 'working' });
    try {
      const { statusReportDocx } = await import(/* webpackChunkName: "report" */ '../../docx/statusReport');
      const data = await statusReportDocx(content);
      const name = statusPaneText.reportFile(statusPaneText.monthName(month), year);
      saveFile(data, name, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      setReport({ status: 'done', text: statusPaneText.reportDone(name) });
    } catch (e) {
      console.error(e);
      setReport({ status: 'failed', text: statusPaneText.reportFailed });
    }
  };

  return (
    <>
      <Field label={statusPaneText.month}>
        <Select value={String(month)} onChange={(_, d) => setMonth(Number(d.value))}>
          {Array.from({ length: 12 }, (_, m) => (
            <option key={m} value={String(m + 1)}>
              {`${statusPaneText.monthName(m + 1)} ${year}`}
            </option>
          ))}
        </Select>
      </Field>
      {!read && !readError && <Spinner size="tiny" label={statusPaneText.reading} />}
      {readError && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody className={styles.message}>{readError}</MessageBarBody>
        </MessageBar>
      )}
      {read && (
        <Flow
          id="status"
          title={statusPaneText.title}
          description={statusPaneText.description}
          snapshot={read}
          adapter={adapter}
          defaultOpen
          {...rest}
          prepare={async () => {
            // Read afresh: what the controller typed since is what must be kept.
            const fresh = await adapter.readSheets(statusNames());
            setRead(fresh);
            const result = planIn(fresh);
            if (!result) return paneText.noPlanTitle;
            return statusPreview(result, fresh, month, year);
          }}
        />
      )}
      <div className={styles.row}>
        <Button
          onClick={() => void downloadReport()}
          disabled={!read || !adapter.capabilities.canSaveFiles || report.status === 'working'}
        >
          {statusPaneText.report}
        </Button>
        {report.status === 'working' && <Spinner size="tiny" label={statusPaneText.reportWorking} />}
      </div>
      {!adapter.capabilities.canSaveFiles && <Text className={styles.muted}>{statusPaneText.reportUnavailable}</Text>}
      {report.status === 'asking' && (
        <MessageBar intent="warning" layout="multiline" data-report-empty>
          <MessageBarBody className={styles.message}>{report.text}</MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => void downloadReport(true)}>{statusPaneText.reportAnyway}</Button>
            <Button appearance="subtle" onClick={() => setReport({ status: 'idle' })}>
              {actionText.cancel}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {(report.status === 'done' || report.status === 'failed') && (
        <MessageBar intent={report.status === 'done' ? 'success' : 'error'} layout="multiline">
          <MessageBarBody className={styles.message}>{report.text}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}

/** The preview of a status sheet for the month: made or made again, what was kept, what moved. */
function statusPreview(result: PlanResult, fresh: WorkbookSnapshot, month: number, year: number): Preview {
  const built = buildStatus(result.plan, fresh, { month, year, today: todayIso(new Date()) });
  return {
    plan: built.plan,
    changes: [],
    lines: [
      built.action === 'replace' ? statusPaneText.replaced(built.sheet) : statusPaneText.created(built.sheet),
      ...(built.kept ? [statusPaneText.kept(built.kept)] : []),
      ...(built.removed ? [statusPaneText.removed(built.removed)] : []),
      ...built.notes,
    ],
    goTo: (o) => ({ sheet: actual(o, built.sheet), address: 'E8' }),
    success: (o) => statusPaneText.success(actual(o, built.sheet)),
    next: (o) => statusPaneText.next(actual(o, built.sheet)),
    readAfter: (o) => [result.plan.sheet, actual(o, built.sheet)],
    before: fresh,
  };
}

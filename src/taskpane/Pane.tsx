import { Button, MessageBar, MessageBarBody, Spinner, Text } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { type WorkbookAdapter } from '../core/model/adapter';
import type { Written } from './actions/Flow';
import { placesOf } from './verdict';
import { FailedMessage, Results } from './pane/Results';
import { usePaneStyles as useStyles } from './pane/styles';
import { useReading } from './pane/useReading';
import { Verdict } from './pane/Verdict';
import { WrittenBanner, type Banner } from './pane/WrittenBanner';
import { paneText, userMessage } from '../addin/text';
import { planKey, validateSheets, type ValidationRun } from '../addin/validation';

import type { PaneState } from './pane/useReading';
export type { PaneState } from './pane/useReading';

export interface PaneProps {
  adapter: WorkbookAdapter | null;
  /**
   * Validate whenever this number changes to a value above 0: the pane opening, the ribbon's
   * "Valider handleplan", a file opened in browser mode.
   */
  validateRequest?: number;
  /** Extra controls above the results (browser mode: the file chooser). */
  toolbar?: ReactNode;
  /** The plan the pane shows (browser mode shows its sheet in the grid). */
  onPlanShown?: (sheet: string, address: string) => void;
  /** Called after the add-in wrote to the workbook (browser mode refreshes its grid). */
  onWorkbookChanged?: () => void;
  /** Browser mode: offer the changed workbook for download. */
  onDownload?: () => Promise<void>;
}

/** The task pane: validate, choose a plan, see what is wrong, and act on it. */
export function Pane({ adapter, validateRequest = 0, toolbar, onPlanShown, onWorkbookChanged, onDownload }: PaneProps) {
  const styles = useStyles();
  const [banner, setBanner] = useState<Banner | null>(null);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [selectError, setSelectError] = useState<string | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const bannerRef = useRef<HTMLDivElement>(null);
  const focusNext = useRef<'result' | 'banner' | null>(null);
  /** While the add-in writes and reads again, changes to the sheet are its own. */
  const ownWrite = useRef(false);
  const { state, setState, selected, setSelected, stale, setStale, show, validate } = useReading(
    adapter,
    focusNext,
    setSelectError,
  );

  const run = state.status === 'done' ? state.run : null;
  const plans = run?.result.plans ?? [];
  const current = plans.find((p) => planKey(p) === selected) ?? plans[0] ?? null;

  // Another workbook (browser mode: another file, or none while one is read) makes old results
  // and messages meaningless: they go before anything is said about the new one.
  const shownAdapter = useRef(adapter);
  useEffect(() => {
    if (shownAdapter.current === adapter) return;
    shownAdapter.current = adapter;
    setBanner(null);
    setFresh(new Set());
    setState({ status: 'idle' });
  }, [adapter]);

  useEffect(() => {
    if (validateRequest > 0 && adapter) void validate();
  }, [validateRequest, adapter, validate]);

  useFocusAfterReading(state, focusNext, resultRef, bannerRef);

  // The plan shown follows the picker (browser mode: its sheet in the grid).
  useEffect(() => {
    if (current) onPlanShown?.(current.plan.sheet, current.plan.range.split(':')[0]);
  }, [current, onPlanShown]);

  // Results go stale when the user edits the plan's sheet (Excel: onChanged, ExcelApi 1.7).
  useStaleWatch(adapter, current?.plan.sheet, run, ownWrite, setStale);

  const ownWriteSignal = useCallback((on: boolean) => {
    ownWrite.current = on;
  }, []);

  const written = useCallback(
    async ({ preview, outcome }: Written) => {
      if (!adapter) return;
      const opens = preview.opens?.(outcome);
      setBanner({ message: preview.success(outcome), next: preview.next?.(outcome), goTo: preview.goTo(outcome) });
      if (opens) setFresh((f) => new Set([...f, opens]));
      focusNext.current = 'banner';
      onWorkbookChanged?.();
      try {
        const sheets = [...(current ? [current.plan.sheet] : []), ...preview.readAfter(outcome)];
        show(await validateSheets(adapter, sheets, run), opens);
      } catch (e) {
        setState({ status: 'failed', message: userMessage(e) });
      } finally {
        ownWrite.current = false;
      }
    },
    [adapter, current, run, show, onWorkbookChanged],
  );

  const goTo = (to: { sheet: string; address: string }) => goToCell(adapter, to, setSelectError);

  const places = useMemo(() => (run ? placesOf(run, current) : []), [run, current]);

  const working = state.status === 'working';
  // What every action gets, the same for each.
  const actionProps =
    adapter && run ? { adapter, snapshot: run.snapshot, stale, ownWrite: ownWriteSignal, onWritten: written } : null;
  return (
    <main className={styles.pane} aria-busy={working}>
      <h1 className={styles.hidden}>{paneText.title}</h1>
      <Text className={styles.intro}>{paneText.intro}</Text>
      {toolbar}
      <div className={styles.sticky} data-sticky>
        <div className={styles.actions}>
          <Button
            appearance={
              adapter && !(banner && onDownload && adapter.capabilities.canDownload) ? 'primary' : 'secondary'
            }
            onClick={() => void validate()}
            disabled={!adapter || working}
          >
            {run ? paneText.validateAgain : paneText.validate}
          </Button>
        </div>
        {run && <Verdict run={run} currentKey={current ? planKey(current) : null} fresh={fresh} focusRef={resultRef} />}
      </div>
      <WrittenBanner
        banner={banner}
        bannerRef={bannerRef}
        canDownload={!!onDownload && !!adapter?.capabilities.canDownload}
        onDownload={() => void onDownload?.()}
        onGoTo={(to) => void goTo(to)}
        onDismiss={() => setBanner(null)}
      />
      <div role="status" aria-live="polite">
        {working && <Spinner size="small" labelPosition="after" label={paneText.working} />}
        {state.status === 'idle' && (
          <Text>{adapter?.capabilities.readsWholeWorkbook || !adapter ? paneText.idleBrowser : paneText.idle}</Text>
        )}
      </div>
      {state.status === 'failed' && (
        <FailedMessage message={state.message} focusRef={resultRef} onRetry={() => void validate()} />
      )}
      {run && (
        <Results
          run={run}
          current={current}
          stale={stale}
          working={working}
          places={places}
          actionProps={actionProps}
          onValidate={(all) => void validate(all)}
          onSelectPlan={setSelected}
          onGoTo={(to) => void goTo(to)}
        />
      )}
      {selectError && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody className={styles.message}>{selectError}</MessageBarBody>
        </MessageBar>
      )}
    </main>
  );
}

/** Marks the results stale when the user (not the add-in's own write) changes the watched sheet. */
function useStaleWatch(
  adapter: WorkbookAdapter | null,
  watched: string | undefined,
  run: ValidationRun | null,
  ownWrite: React.RefObject<boolean>,
  setStale: (stale: boolean) => void,
) {
  useEffect(() => {
    if (!adapter?.watchSheet || !adapter.capabilities.canWatchChanges || !watched) return;
    let stop: (() => Promise<void>) | null = null;
    let cancelled = false;
    adapter
      .watchSheet(watched, () => {
        if (!ownWrite.current) setStale(true);
      })
      .then((s) => (cancelled ? void s() : (stop = s)))
      .catch((e) => console.error(e));
    return () => {
      cancelled = true;
      void stop?.();
    };
  }, [adapter, watched, run, ownWrite, setStale]);
}

/** After a reading, focus moves to its result (or to the banner after a write), for keyboard and screen-reader users. */
function useFocusAfterReading(
  state: PaneState,
  focusNext: React.RefObject<'result' | 'banner' | null>,
  resultRef: React.RefObject<HTMLDivElement | null>,
  bannerRef: React.RefObject<HTMLDivElement | null>,
) {
  useEffect(() => {
    if (state.status !== 'done' && state.status !== 'failed') return;
    const target = focusNext.current === 'banner' ? bannerRef.current : resultRef.current;
    focusNext.current = null;
    target?.focus();
  }, [state, focusNext, resultRef, bannerRef]);
}

/** Selects a cell in the workbook; a failure is told in the pane. */
async function goToCell(
  adapter: WorkbookAdapter | null,
  to: { sheet: string; address: string },
  setSelectError: (message: string | null) => void,
): Promise<void> {
  if (!adapter) return;
  try {
    setSelectError(null);
    await adapter.selectCell(to.sheet, to.address);
  } catch (e) {
    setSelectError(userMessage(e));
  }
}

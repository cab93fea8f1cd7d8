import { visuallyHidden } from './theme';
import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { WorkbookError, type WorkbookAdapter } from '../core/model/adapter';
import type { Written } from './actions/Flow';
import { FindingsList } from './Findings';
import { placesOf, verdictOf } from './verdict';
import { PlanSummary } from './Summary';
import { actionText, forecastPaneText, keepTogether, paneText, statusPaneText, userMessage, verdictText } from './text';
import {
  errorCount,
  planKey,
  validateActiveWorkbook,
  validateAllSheets,
  validateSheets,
  type ValidationRun,
} from './validation';

// The actions that write come in their own chunk: reading a plan needs none of them.
const PlanActions = lazy(() => import(/* webpackChunkName: "actions" */ './actions/PlanActions'));
// The picker (Fluent's Field and Select) only when there is something to pick.
const PlanPicker = lazy(() =>
  import(/* webpackChunkName: "picker" */ './PlanPicker').then((m) => ({ default: m.PlanPicker })),
);
const ForecastActions = lazy(() => import(/* webpackChunkName: "actions" */ './actions/ForecastActions'));
const FixAction = lazy(() => import(/* webpackChunkName: "actions" */ './actions/FixAction'));
const StatusActions = lazy(() => import(/* webpackChunkName: "actions" */ './actions/StatusActions'));
const TemplateAction = lazy(() =>
  import(/* webpackChunkName: "actions" */ './actions/PlanActions').then((m) => ({ default: m.TemplateAction })),
);

const useStyles = makeStyles({
  pane: {
    display: 'flex',
    flexDirection: 'column',
    gap: '12px',
    padding: '12px 16px',
    minWidth: 0,
    // Fields shrink with the pane (a 320 px pane at 200 % zoom is 160 CSS px wide).
    '& .fui-Input, & .fui-Select': { minWidth: 0, maxWidth: '100%' },
    '& .fui-Input input, & .fui-Select select': { minWidth: 0, width: '100%' },
    '& .fui-Switch, & .fui-Radio, & .fui-RadioGroup': { minWidth: 0, maxWidth: '100%' },
    '& .fui-Switch__label, & .fui-Radio__label': { minWidth: 0, overflowWrap: 'anywhere' },
    '@media (max-width: 200px)': { padding: '8px' },
  },
  hidden: visuallyHidden,
  intro: { color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'center' },
  // "Valider igen" and the verdict stay in view while the findings and forms scroll (where the
  // pane is tall enough for that to leave room).
  sticky: {
    display: 'flex',
    flexDirection: 'column',
    gap: '8px',
    minWidth: 0,
    '@media (min-height: 560px) and (min-width: 240px)': {
      position: 'sticky',
      top: 0,
      zIndex: 2,
      backgroundColor: tokens.colorNeutralBackground1,
      paddingTop: '4px',
      paddingBottom: '4px',
      boxShadow: `0 1px 0 ${tokens.colorNeutralStroke2}`,
    },
  },
  bannerActions: { flexWrap: 'wrap', minWidth: 0, maxWidth: '100%' },
  wrapButton: { whiteSpace: 'normal', height: 'auto', minWidth: 0, maxWidth: '100%', textAlign: 'left' },
  readAt: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  message: { overflowWrap: 'anywhere' },
  writeHeading: {
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    margin: '4px 0 0 0',
    overflowWrap: 'anywhere',
  },
  section: { display: 'flex', flexDirection: 'column', gap: '12px', minWidth: 0 },
  sectionToggle: {
    display: 'flex',
    gap: '6px',
    alignItems: 'baseline',
    width: '100%',
    textAlign: 'left',
    padding: '2px 0',
    border: 'none',
    background: 'none',
    color: tokens.colorNeutralForeground1,
    font: 'inherit',
    cursor: 'pointer',
    overflowWrap: 'anywhere',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  chevron: { flexShrink: 0, width: '1em' },
});

export type PaneState =
  | { status: 'idle' }
  | { status: 'working' }
  | { status: 'done'; run: ValidationRun }
  | { status: 'failed'; message: string };

/** The message a successful write leaves; it stays until the user closes it. */
interface Banner {
  message: string;
  next?: string;
  goTo: { sheet: string; address: string };
}

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

const time = (d: Date) => d.toLocaleTimeString('da-DK', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** The task pane: validate, choose a plan, see what is wrong, and act on it. */
export function Pane({ adapter, validateRequest = 0, toolbar, onPlanShown, onWorkbookChanged, onDownload }: PaneProps) {
  const styles = useStyles();
  const [state, setState] = useState<PaneState>({ status: 'idle' });
  const [selected, setSelected] = useState('');
  const [stale, setStale] = useState(false);
  const [banner, setBanner] = useState<Banner | null>(null);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [selectError, setSelectError] = useState<string | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const bannerRef = useRef<HTMLDivElement>(null);
  const focusNext = useRef<'result' | 'banner' | null>(null);
  /** While the add-in writes and reads again, changes to the sheet are its own. */
  const ownWrite = useRef(false);

  const run = state.status === 'done' ? state.run : null;
  const plans = run?.result.plans ?? [];
  const current = plans.find((p) => planKey(p) === selected) ?? plans[0] ?? null;

  const show = useCallback((next: ValidationRun, prefer?: string) => {
    const keys = next.result.plans.map(planKey);
    const active = next.snapshot.activeSheet;
    setSelected((old) => {
      const onPreferred = prefer ? next.result.plans.find((p) => p.plan.sheet === prefer) : undefined;
      if (onPreferred) return planKey(onPreferred);
      if (keys.includes(old)) return old;
      const first = next.result.plans.find((p) => p.plan.sheet === active) ?? next.result.plans[0];
      return first ? planKey(first) : '';
    });
    setStale(false);
    setState({ status: 'done', run: next });
  }, []);

  const validate = useCallback(
    async (all = false) => {
      if (!adapter) return;
      setState({ status: 'working' });
      setSelectError(null);
      focusNext.current = 'result';
      try {
        show(all ? await validateAllSheets(adapter) : await validateActiveWorkbook(adapter));
      } catch (e) {
        console.error(e instanceof WorkbookError ? (e.detail ?? e) : e);
        setState({ status: 'failed', message: userMessage(e) });
      }
    },
    [adapter, show],
  );

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

  useEffect(() => {
    if (state.status !== 'done' && state.status !== 'failed') return;
    const target = focusNext.current === 'banner' ? bannerRef.current : resultRef.current;
    focusNext.current = null;
    target?.focus();
  }, [state]);

  // The plan shown follows the picker (browser mode: its sheet in the grid).
  useEffect(() => {
    if (current) onPlanShown?.(current.plan.sheet, current.plan.range.split(':')[0]);
  }, [current, onPlanShown]);

  // Results go stale when the user edits the plan's sheet (Excel: onChanged, ExcelApi 1.7).
  const watched = current?.plan.sheet;
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
  }, [adapter, watched, run]);

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

  const goTo = async (to: { sheet: string; address: string }) => {
    if (!adapter) return;
    try {
      setSelectError(null);
      await adapter.selectCell(to.sheet, to.address);
    } catch (e) {
      setSelectError(userMessage(e));
    }
  };

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
      <div aria-live="polite">
        {banner && (
          <div ref={bannerRef} tabIndex={-1} data-banner>
            <MessageBar intent="success" layout="multiline">
              <MessageBarBody className={styles.message}>
                <MessageBarTitle>{actionText.written}</MessageBarTitle> {keepTogether(banner.message)}
                {banner.next && <div>{keepTogether(banner.next)}</div>}
                {banner.next && adapter?.capabilities.canDownload && <div>{paneText.browserNext}</div>}
              </MessageBarBody>
              <MessageBarActions className={styles.bannerActions}>
                {onDownload && adapter?.capabilities.canDownload && (
                  <Button appearance="primary" className={styles.wrapButton} onClick={() => void onDownload()}>
                    {actionText.download}
                  </Button>
                )}
                <Button className={styles.wrapButton} onClick={() => void goTo(banner.goTo)}>
                  {actionText.goTo(banner.goTo.sheet)}
                </Button>
                <Button appearance="subtle" className={styles.wrapButton} onClick={() => setBanner(null)}>
                  {actionText.dismiss}
                </Button>
              </MessageBarActions>
            </MessageBar>
          </div>
        )}
      </div>
      <div role="status" aria-live="polite">
        {working && <Spinner size="small" labelPosition="after" label={paneText.working} />}
        {state.status === 'idle' && (
          <Text>{adapter?.capabilities.readsWholeWorkbook || !adapter ? paneText.idleBrowser : paneText.idle}</Text>
        )}
      </div>
      {state.status === 'failed' && (
        <div ref={resultRef} tabIndex={-1}>
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody className={styles.message}>
              <MessageBarTitle>{paneText.failedTitle}</MessageBarTitle>
              {state.message}
            </MessageBarBody>
            <MessageBarActions>
              <Button onClick={() => void validate()}>{paneText.retry}</Button>
            </MessageBarActions>
          </MessageBar>
        </div>
      )}
      {run && (
        <div className={styles.section}>
          <Text className={styles.readAt} data-read-at>
            {paneText.readAt(time(run.readAt))}
          </Text>
          {stale && (
            <MessageBar intent="warning" layout="multiline" data-stale>
              <MessageBarBody className={styles.message}>{paneText.stale}</MessageBarBody>
              <MessageBarActions>
                <Button onClick={() => void validate()}>{paneText.validateAgain}</Button>
              </MessageBarActions>
            </MessageBar>
          )}
          {(plans.length > 1 || !run.whole) && (
            <Suspense fallback={<Spinner size="tiny" label={paneText.loadingActions} />}>
              <PlanPicker
                plans={plans}
                selected={current ? planKey(current) : ''}
                onSelect={setSelected}
                onFindAll={run.whole ? undefined : () => void validate(true)}
                disabled={working}
              />
            </Suspense>
          )}
          {current && <PlanSummary plan={current} />}
          {places.length > 0 && (
            <FindingsList
              places={places}
              onSelect={(f) => void goTo({ sheet: f.sheet, address: f.cell })}
              renderFix={
                actionProps
                  ? (fs, title) => (
                      <Suspense fallback={null}>
                        <FixAction {...actionProps} findings={fs} title={title} />
                      </Suspense>
                    )
                  : undefined
              }
            />
          )}
          {actionProps && (
            <Suspense fallback={<Spinner size="tiny" label={paneText.loadingActions} />}>
              <PaneSection id="write" heading={actionText.heading}>
                {current ? (
                  <PlanActions key={planKey(current)} {...actionProps} plan={current} />
                ) : (
                  <TemplateAction {...actionProps} defaultOpen />
                )}
              </PaneSection>
              {current && (
                <PaneSection id="status" heading={statusPaneText.heading} intro={statusPaneText.intro} collapsible>
                  <StatusActions key={planKey(current)} {...actionProps} plan={current} />
                </PaneSection>
              )}
              <PaneSection id="forecast" heading={forecastPaneText.heading} intro={forecastPaneText.intro}>
                <ForecastActions
                  {...actionProps}
                  plan={current}
                  forecasts={run.result.tables.filter((t) => t.kind === 'activity-forecast')}
                  whole={run.whole}
                />
              </PaneSection>
            </Suspense>
          )}
        </div>
      )}
      {selectError && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody className={styles.message}>{selectError}</MessageBarBody>
        </MessageBar>
      )}
    </main>
  );
}

/** The verdict on the plan shown: errors and where, warnings, the status, the shortfall in words. */
function Verdict({
  run,
  currentKey,
  fresh,
  focusRef,
}: {
  run: ValidationRun;
  currentKey: string | null;
  fresh: ReadonlySet<string>;
  focusRef: React.RefObject<HTMLDivElement | null>;
}) {
  const { plans } = run.result;
  const current = plans.find((p) => planKey(p) === currentKey) ?? null;
  const others = plans.filter((p) => p !== current).reduce((n, p) => n + errorCount(p), 0);
  const verdict = verdictOf(run, current, !!current && fresh.has(current.plan.sheet));
  const styles = useStyles();
  return (
    <div ref={focusRef} tabIndex={-1} data-verdict>
      <MessageBar intent={verdict.intent} layout="multiline">
        <MessageBarBody className={styles.message}>
          <MessageBarTitle>{keepTogether(verdict.title)}</MessageBarTitle>
          {verdict.lines.map((l) => (
            <div key={l}>{keepTogether(l)}</div>
          ))}
        </MessageBarBody>
      </MessageBar>
      {others > 0 && <Text size={200}>{verdictText.otherPlansErrors(others)}</Text>}
    </div>
  );
}

/**
 * A part of the pane with a heading (and a line of introduction): the actions, Status,
 * Aktivitetsprognose. A collapsible one opens on a click on its heading.
 */
function PaneSection({
  id,
  heading,
  intro,
  collapsible = false,
  children,
}: {
  id: string;
  heading: string;
  intro?: string;
  collapsible?: boolean;
  children: ReactNode;
}) {
  const styles = useStyles();
  const [open, setOpen] = useState(!collapsible);
  return (
    <section className={styles.section} aria-labelledby={`${id}-heading`}>
      <h2 className={styles.writeHeading}>
        {collapsible ? (
          <button
            type="button"
            id={`${id}-heading`}
            className={styles.sectionToggle}
            aria-expanded={open}
            aria-controls={`${id}-content`}
            onClick={() => setOpen((o) => !o)}
          >
            <span aria-hidden="true" className={styles.chevron}>
              {open ? '▾' : '▸'}
            </span>
            {heading}
          </button>
        ) : (
          <span id={`${id}-heading`}>{heading}</span>
        )}
      </h2>
      <div
        id={`${id}-content`}
        className={styles.section}
        hidden={!open}
        style={open ? undefined : { display: 'none' }}
      >
        {intro && <Text className={styles.intro}>{intro}</Text>}
        {children}
      </div>
    </section>
  );
}

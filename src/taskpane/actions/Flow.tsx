import { DisclosureToggle, shownWhen } from '../Disclosure';
import { visuallyHidden } from '../theme';
import { Button, makeStyles, MessageBar, MessageBarBody, Spinner, Text, tokens } from '@fluentui/react-components';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { WorkbookError, type WorkbookAdapter } from '../../core/model/adapter';
import type { WorkbookSnapshot } from '../../core/model/grid';
import type { CellChange } from '../../core/build/overrun';
import type { WriteOutcome, WritePlan } from '../../core/build/writePlan';
import { actionText, keepTogether, paneText, unbroken, userMessage, writeFailedMessage } from '../../addin/text';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: '8px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: '10px 12px',
    minWidth: 0,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  title: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  panel: { display: 'flex', flexDirection: 'column', gap: '8px', minWidth: 0 },
  description: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  row: { display: 'flex', gap: '8px', flexWrap: 'wrap', alignItems: 'center' },
  preview: {
    display: 'flex',
    flexDirection: 'column',
    gap: '6px',
    borderLeft: `3px solid ${tokens.colorBrandStroke1}`,
    paddingLeft: '10px',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  previewHeading: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  changes: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '6px' },
  change: { overflowWrap: 'anywhere' },
  cell: { fontWeight: tokens.fontWeightSemibold, marginRight: '6px' },
  values: { display: 'block', fontVariantNumeric: 'tabular-nums', color: tokens.colorNeutralForeground2 },
  lines: { margin: 0, paddingLeft: '18px', overflowWrap: 'anywhere' },
  message: { overflowWrap: 'anywhere', minWidth: 0 },
  hidden: visuallyHidden,
});

/** What a write will do, shown before it is done, and what to say once it is. */
export interface Preview {
  plan: WritePlan;
  changes: CellChange[];
  lines: string[];
  /** Where "Gå til" leads once written. */
  goTo: (outcome: WriteOutcome) => { sheet: string; address: string };
  success: (outcome: WriteOutcome) => string;
  /** What the user should do next, when there is a next step. */
  next?: (outcome: WriteOutcome) => string;
  /** Sheets to read again after the write. */
  readAfter: (outcome: WriteOutcome) => string[];
  /** A sheet with a new plan, which the pane then shows. */
  opens?: (outcome: WriteOutcome) => string;
  /** The reading the plan was built from, when the action read afresh (else the pane's). */
  before?: WorkbookSnapshot;
}

export interface Written {
  preview: Preview;
  outcome: WriteOutcome;
}

/** A question before the preview ("Mente du 9,38 mio. kr.?"), each answer with its own preview. */
export interface Question {
  question: string;
  answers: { label: string; prepare: () => Prepared }[];
}

/**
 * What a flow's form gives: a preview; a Danish reason it cannot be built; null when the form
 * itself shows what to correct; or a question to answer first.
 */
export type Prepared = Preview | Question | string | null;

export interface FlowProps extends ActionProps {
  id: string;
  title: string;
  description?: string;
  children?: ReactNode;
  prepare: () => Prepared | Promise<Prepared>;
  /** Why this action cannot write now (besides stale results, which every flow refuses). */
  disabledReason?: string | null;
  /** Open from the start (the state calls for this action); the others open on a click. */
  defaultOpen?: boolean;
}

/** What every action gets from the pane. */
export interface ActionProps {
  adapter: WorkbookAdapter;
  snapshot: WorkbookSnapshot;
  /** The results are older than the user's last edit: writing is refused. */
  stale: boolean;
  /** Told when the add-in's own write begins and (on failure) ends, so its changes do not mark results stale. */
  ownWrite?: (on: boolean) => void;
  onWritten: (written: Written) => Promise<void> | void;
}

type State =
  | { status: 'form'; error?: string }
  | { status: 'question'; question: Question }
  | { status: 'preview'; preview: Preview }
  | { status: 'writing'; preview: Preview }
  | { status: 'failed'; preview: Preview; message: string };

const isQuestion = (p: Prepared): p is Question => typeof p === 'object' && p !== null && 'question' in p;

/**
 * The one preview → confirm → write flow of every action and fix: builds the write, shows it,
 * writes it on confirmation; a failure is told at the preview, a success by the pane.
 */
export function useWriteFlow({
  adapter,
  snapshot,
  ownWrite,
  onWritten,
  prepare,
}: Pick<ActionProps, 'adapter' | 'snapshot' | 'ownWrite' | 'onWritten'> & {
  prepare?: () => Prepared | Promise<Prepared>;
}) {
  const [state, setState] = useState<State>({ status: 'form' });
  const settle = (built: Prepared) => {
    if (built === null) setState({ status: 'form' });
    else if (typeof built === 'string') setState({ status: 'form', error: built });
    else if (isQuestion(built)) setState({ status: 'question', question: built });
    else {
      // Sheets created, renamed or moved cannot be undone in Excel: its undo history is cleared.
      const clears = adapter.capabilities.undoHistory && built.plan.sheets.length > 0;
      setState({
        status: 'preview',
        preview: clears ? { ...built, lines: [...built.lines, paneText.undoCleared] } : built,
      });
    }
  };
  const run = async (build: () => Prepared | Promise<Prepared>) => {
    let built: Prepared;
    try {
      built = await build();
    } catch (e) {
      console.error(e instanceof WorkbookError ? (e.detail ?? e) : e);
      setState({ status: 'form', error: userMessage(e) });
      return;
    }
    settle(built);
  };
  const write = async (preview: Preview) => {
    setState({ status: 'writing', preview });
    ownWrite?.(true);
    let outcome;
    try {
      outcome = await adapter.applyWritePlan(preview.plan, preview.before ?? snapshot);
    } catch (e) {
      console.error(e instanceof WorkbookError ? (e.detail ?? e) : e);
      setState({ status: 'failed', preview, message: writeFailedMessage(e) });
      // The undo's own change events arrive after the write's promise settles.
      setTimeout(() => ownWrite?.(false), 500);
      return;
    }
    setState({ status: 'form' });
    await onWritten({ preview, outcome });
  };
  return {
    state,
    /** Builds the preview with the flow's own form, or with this (a fix chosen by its button). */
    showPreview: (build?: () => Prepared | Promise<Prepared>) => run(build ?? prepare ?? (() => null)),
    answer: (a: Question['answers'][number]) => run(a.prepare),
    write,
    cancel: () => setState({ status: 'form' }),
  };
}

export type WriteFlow = ReturnType<typeof useWriteFlow>;

/**
 * One action that writes: a heading that opens its form (an accordion), a preview of exactly
 * what will change (next to the trigger, focused and announced), confirmation, progress.
 */
export function Flow({
  id,
  title,
  description,
  children,
  prepare,
  disabledReason: ownReason,
  stale,
  adapter,
  snapshot,
  ownWrite,
  onWritten,
  defaultOpen = false,
}: FlowProps) {
  const styles = useStyles();
  const disabledReason = stale ? paneText.staleWrite : ownReason;
  const flow = useWriteFlow({ adapter, snapshot, ownWrite, onWritten, prepare });
  const { state } = flow;
  const [open, setOpen] = useState(defaultOpen);
  const headingId = useId();
  const panelId = `${id}-panel`;
  return (
    <section className={styles.card} aria-labelledby={headingId} data-action={id}>
      <h3 className={styles.title}>
        <DisclosureToggle id={headingId} controls={panelId} open={open} onToggle={() => setOpen((o) => !o)}>
          {title}
        </DisclosureToggle>
      </h3>
      <div id={panelId} {...shownWhen(open)} className={styles.panel}>
        {description && <Text className={styles.description}>{description}</Text>}
        {children}
        {state.status === 'form' && state.error && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody className={styles.message}>{state.error}</MessageBarBody>
          </MessageBar>
        )}
        {disabledReason && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody className={styles.message}>{disabledReason}</MessageBarBody>
          </MessageBar>
        )}
        <div className={styles.row}>
          <Button onClick={() => void flow.showPreview()} disabled={!!disabledReason || state.status === 'writing'}>
            {actionText.preview}
          </Button>
        </div>
        <FlowSteps id={id} title={title} flow={flow} />
      </div>
    </section>
  );
}

/** The steps after the trigger: the question, or the preview with confirm and cancel. */
export function FlowSteps({ id, title, flow }: { id: string; title: string; flow: WriteFlow }) {
  const styles = useStyles();
  const { state } = flow;
  const previewRef = useRef<HTMLDivElement>(null);
  const questionRef = useRef<HTMLDivElement>(null);
  const previewHeadingId = `${id}-preview`;
  useEffect(() => {
    if (state.status === 'preview') previewRef.current?.focus();
    if (state.status === 'question') questionRef.current?.focus();
  }, [state.status]);
  if (state.status === 'question')
    return (
      <div ref={questionRef} tabIndex={-1} className={styles.preview} role="group" aria-label={state.question.question}>
        <Text weight="semibold" role="alert">
          {state.question.question}
        </Text>
        <div className={styles.row}>
          {state.question.answers.map((a, i) => (
            <Button key={a.label} appearance={i === 0 ? 'primary' : 'secondary'} onClick={() => void flow.answer(a)}>
              {a.label}
            </Button>
          ))}
          <Button appearance="subtle" onClick={flow.cancel}>
            {actionText.cancel}
          </Button>
        </div>
      </div>
    );
  if (state.status === 'form') return null;
  const preview = state.preview;
  return (
    <div
      ref={previewRef}
      tabIndex={-1}
      className={styles.preview}
      role="region"
      aria-labelledby={previewHeadingId}
      data-preview={id}
    >
      <h4 id={previewHeadingId} className={styles.previewHeading}>
        {actionText.previewHeading(title)}
      </h4>
      <span role="status" className={styles.hidden}>
        {state.status === 'preview' ? actionText.previewAnnounce(preview.changes.length + preview.lines.length) : ''}
      </span>
      {preview.changes.length > 0 && (
        <ul className={styles.changes} aria-label={actionText.what}>
          {preview.changes.map((c) => (
            <li key={`${c.sheet}!${c.address}`} className={styles.change}>
              <span className={styles.cell}>{unbroken(c.address)}</span>
              {c.label.replace(/:$/, '')}
              <span className={styles.values}>
                {unbroken(c.before)} → {unbroken(c.after)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {preview.lines.length > 0 && (
        <ul className={styles.lines}>
          {preview.lines.map((l) => (
            <li key={l}>{keepTogether(l)}</li>
          ))}
        </ul>
      )}
      {state.status === 'failed' && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody className={styles.message}>{state.message}</MessageBarBody>
        </MessageBar>
      )}
      <div role="status" aria-live="polite">
        {state.status === 'writing' && <Spinner size="small" labelPosition="after" label={actionText.writing} />}
      </div>
      <div className={styles.row}>
        <Button appearance="primary" disabled={state.status === 'writing'} onClick={() => void flow.write(preview)}>
          {actionText.confirm}
        </Button>
        <Button disabled={state.status === 'writing'} onClick={flow.cancel}>
          {actionText.cancel}
        </Button>
      </div>
    </div>
  );
}

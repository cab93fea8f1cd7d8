import { visuallyHidden } from '../theme';
import { Button, makeStyles, MessageBar, MessageBarBody, Spinner, Text, tokens } from '@fluentui/react-components';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { WorkbookError, type WorkbookAdapter } from '../../core/adapter';
import type { WorkbookSnapshot } from '../../core/grid';
import type { CellChange } from '../../core/overrun';
import type { WriteOutcome, WritePlan } from '../../core/writePlan';
import { actionText, paneText, unbroken, userMessage, writeFailedMessage } from '../text';

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

export interface FlowProps extends ActionProps {
  id: string;
  title: string;
  description?: string;
  triggerLabel: string;
  children?: ReactNode;
  /**
   * Builds the write from the form; a string is a Danish reason it cannot be built, null means
   * the form itself shows what to correct.
   */
  prepare: () => Preview | string | null | Promise<Preview | string | null>;
  /** Why this action cannot write now (besides stale results, which every flow refuses). */
  disabledReason?: string | null;
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
  | { status: 'preview'; preview: Preview }
  | { status: 'writing'; preview: Preview }
  | { status: 'failed'; preview: Preview; message: string };

/**
 * One action that writes: its form, a preview of exactly what will change (next to the trigger,
 * focused and announced), confirmation, progress; a failure is told here, a success by the pane.
 */
export function Flow({
  id,
  title,
  description,
  triggerLabel,
  children,
  prepare,
  disabledReason: ownReason,
  stale,
  adapter,
  snapshot,
  ownWrite,
  onWritten,
}: FlowProps) {
  const styles = useStyles();
  const disabledReason = stale ? paneText.staleWrite : ownReason;
  const [state, setState] = useState<State>({ status: 'form' });
  const previewRef = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const previewHeadingId = `${id}-preview`;

  useEffect(() => {
    if (state.status === 'preview') previewRef.current?.focus();
  }, [state.status]);

  const showPreview = async () => {
    let built: Preview | string | null;
    try {
      built = await prepare();
    } catch (e) {
      console.error(e instanceof WorkbookError ? (e.detail ?? e) : e);
      setState({ status: 'form', error: userMessage(e) });
      return;
    }
    if (built === null) setState({ status: 'form' });
    else if (typeof built === 'string') setState({ status: 'form', error: built });
    else {
      // Sheets created, renamed or moved cannot be undone in Excel: its undo history is cleared.
      const clears = adapter.capabilities.undoHistory && built.plan.sheets.length > 0;
      setState({
        status: 'preview',
        preview: clears ? { ...built, lines: [...built.lines, paneText.undoCleared] } : built,
      });
    }
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

  const preview = state.status === 'form' ? null : state.preview;
  return (
    <section className={styles.card} aria-labelledby={headingId} data-action={id}>
      <h3 id={headingId} className={styles.title}>
        {title}
      </h3>
      {description && <Text className={styles.description}>{description}</Text>}
      {children}
      {state.status === 'form' && state.error && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{state.error}</MessageBarBody>
        </MessageBar>
      )}
      {disabledReason && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{disabledReason}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.row}>
        <Button onClick={() => void showPreview()} disabled={!!disabledReason || state.status === 'writing'}>
          {triggerLabel}
        </Button>
      </div>
      {preview && (
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
            {state.status === 'preview'
              ? actionText.previewAnnounce(preview.changes.length + preview.lines.length)
              : ''}
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
                <li key={l}>{l}</li>
              ))}
            </ul>
          )}
          {state.status === 'failed' && (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>{state.message}</MessageBarBody>
            </MessageBar>
          )}
          <div role="status" aria-live="polite">
            {state.status === 'writing' && <Spinner size="small" labelPosition="after" label={actionText.writing} />}
          </div>
          <div className={styles.row}>
            <Button appearance="primary" disabled={state.status === 'writing'} onClick={() => void write(preview)}>
              {actionText.confirm}
            </Button>
            <Button disabled={state.status === 'writing'} onClick={() => setState({ status: 'form' })}>
              {actionText.cancel}
            </Button>
          </div>
        </div>
      )}
    </section>
  );
}

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
import { useCallback, useEffect, useReducer, useRef, type ReactNode } from 'react';
import { WorkbookError, type WorkbookAdapter } from '../core/adapter';
import { paneText, userMessage } from './text';
import type { Finding } from '../core/findings';
import { FindingsList } from './Findings';
import { PlanSummary } from './Summary';
import { validateActiveWorkbook, type ValidationRun } from './validation';
import { WritePanel } from './WritePanel';

const useStyles = makeStyles({
  pane: { display: 'flex', flexDirection: 'column', gap: '12px', padding: '12px 16px', minWidth: 0 },
  title: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  intro: { color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'center' },
});

export type PaneState =
  | { status: 'idle' }
  | { status: 'working' }
  | { status: 'done'; run: ValidationRun }
  | { status: 'failed'; message: string };

type Action =
  { type: 'start' } | { type: 'done'; run: ValidationRun } | { type: 'failed'; message: string } | { type: 'reset' };

function reducer(_state: PaneState, action: Action): PaneState {
  switch (action.type) {
    case 'start':
      return { status: 'working' };
    case 'done':
      return { status: 'done', run: action.run };
    case 'failed':
      return { status: 'failed', message: action.message };
    case 'reset':
      return { status: 'idle' };
  }
}

export interface ValidatePaneProps {
  adapter: WorkbookAdapter | null;
  /** Validate as soon as the pane opens (the ribbon's "Valider handleplan" button). */
  autoValidate?: boolean;
  /** Extra controls above the button (browser mode: the file chooser). */
  toolbar?: ReactNode;
  initialState?: PaneState;
  /** Called after the add-in wrote to the workbook (browser mode refreshes its grid). */
  onWorkbookChanged?: () => void;
  /** Browser mode: offer the changed workbook for download. */
  onDownload?: () => Promise<void>;
}

export function ValidatePane({
  adapter,
  autoValidate,
  toolbar,
  initialState,
  onWorkbookChanged,
  onDownload,
}: ValidatePaneProps) {
  const styles = useStyles();
  const [state, dispatch] = useReducer(reducer, initialState ?? { status: 'idle' });
  const [selectError, setSelectError] = useReducer((_: string | null, m: string | null) => m, null);
  const resultHeading = useRef<HTMLDivElement>(null);

  const validate = useCallback(async () => {
    if (!adapter) return;
    dispatch({ type: 'start' });
    setSelectError(null);
    try {
      dispatch({ type: 'done', run: await validateActiveWorkbook(adapter) });
    } catch (e) {
      console.error(e instanceof WorkbookError ? (e.detail ?? e) : e);
      dispatch({ type: 'failed', message: userMessage(e) });
    }
  }, [adapter]);

  /** After a write: validate again without hiding the results in between. */
  const refresh = useCallback(async () => {
    onWorkbookChanged?.();
    if (!adapter) return;
    try {
      dispatch({ type: 'done', run: await validateActiveWorkbook(adapter) });
    } catch (e) {
      dispatch({ type: 'failed', message: userMessage(e) });
    }
  }, [adapter, onWorkbookChanged]);

  useEffect(() => {
    if (autoValidate && adapter) void validate();
  }, [autoValidate, adapter, validate]);

  // A new workbook (browser mode: another file) makes old results meaningless.
  const shownAdapter = useRef(adapter);
  useEffect(() => {
    if (shownAdapter.current === adapter) return;
    shownAdapter.current = adapter;
    if (!autoValidate) dispatch({ type: 'reset' });
  }, [adapter, autoValidate]);

  useEffect(() => {
    if (state.status === 'done' || state.status === 'failed') resultHeading.current?.focus();
  }, [state.status]);

  const select = async (f: Finding) => {
    if (!adapter) return;
    try {
      setSelectError(null);
      await adapter.selectCell(f.sheet, f.cell);
    } catch (e) {
      setSelectError(userMessage(e));
    }
  };

  return (
    <main className={styles.pane} aria-busy={state.status === 'working'}>
      <h1 className={styles.title}>{paneText.title}</h1>
      <Text className={styles.intro}>{paneText.intro}</Text>
      {toolbar}
      <div className={styles.actions}>
        <Button appearance="primary" onClick={() => void validate()} disabled={!adapter || state.status === 'working'}>
          {paneText.validate}
        </Button>
      </div>
      <div role="status" aria-live="polite">
        {state.status === 'working' && <Spinner size="small" labelPosition="after" label={paneText.working} />}
        {state.status === 'idle' && (
          <Text>{adapter?.capabilities.readsWholeWorkbook ? paneText.idleBrowser : paneText.idle}</Text>
        )}
      </div>
      {state.status === 'failed' && (
        <div ref={resultHeading} tabIndex={-1}>
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{paneText.failedTitle}</MessageBarTitle>
              {state.message}
            </MessageBarBody>
            <MessageBarActions>
              <Button onClick={() => void validate()}>{paneText.retry}</Button>
            </MessageBarActions>
          </MessageBar>
        </div>
      )}
      {state.status === 'done' && <Results run={state.run} onSelect={select} focusRef={resultHeading} />}
      {state.status === 'done' && adapter && state.run.result.plans[0] && (
        <WritePanel
          key={state.run.result.plans[0].plan.sheet}
          adapter={adapter}
          snapshot={state.run.snapshot}
          plan={state.run.result.plans[0]}
          onWritten={() => void refresh()}
          onDownload={onDownload}
        />
      )}
      {selectError && (
        <MessageBar intent="warning">
          <MessageBarBody>{selectError}</MessageBarBody>
        </MessageBar>
      )}
    </main>
  );
}

function Results({
  run,
  onSelect,
  focusRef,
}: {
  run: ValidationRun;
  onSelect: (f: Finding) => void;
  focusRef: React.RefObject<HTMLDivElement | null>;
}) {
  const { result } = run;
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const noPlan = result.plans.length === 0 && result.tables.length === 0;
  return (
    <>
      <div ref={focusRef} tabIndex={-1}>
        {noPlan ? (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{paneText.noPlanTitle}</MessageBarTitle>
              {result.findings[0]?.message}
            </MessageBarBody>
          </MessageBar>
        ) : errors === 0 ? (
          <MessageBar intent="success">
            <MessageBarBody>{paneText.clean}</MessageBarBody>
          </MessageBar>
        ) : (
          <MessageBar intent="error">
            <MessageBarBody>{paneText.errorsFound(errors)}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {result.plans.map((p) => (
        <PlanSummary key={p.plan.sheet} plan={p} />
      ))}
      {!noPlan && <FindingsList findings={result.findings} onSelect={onSelect} />}
    </>
  );
}

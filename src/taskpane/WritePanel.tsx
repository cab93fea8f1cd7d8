import {
  Button,
  Field,
  Input,
  Radio,
  RadioGroup,
  Switch,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { WorkbookAdapter } from '../core/adapter';
import { newYearPaneText, writeFailedMessage, writePaneText } from './text';
import { buildNewYear } from '../core/newYear';
import { todayIso } from '../core/dates';
import { parseDanishAmount } from '../core/money';
import { buildOverrunUpdate, type CellChange } from '../core/overrun';
import { buildProjection } from '../core/projection';
import { planYear, type PlanResult } from '../core/validate';
import type { WritePlan } from '../core/writePlan';
import type { WorkbookSnapshot } from '../core/grid';

const useStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: '8px',
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingTop: '12px',
  },
  heading: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  row: { display: 'flex', gap: '8px', flexWrap: 'wrap', alignItems: 'flex-end' },
  table: { borderCollapse: 'collapse', width: '100%', fontSize: tokens.fontSizeBase200 },
  th: { textAlign: 'left', borderBottom: `1px solid ${tokens.colorNeutralStroke1}`, padding: '2px 4px' },
  fieldset: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    display: 'flex',
    flexDirection: 'column',
    gap: '6px',
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: '0 4px' },
  td: { borderBottom: `1px solid ${tokens.colorNeutralStroke3}`, padding: '2px 4px', verticalAlign: 'top' },
});

interface Preview {
  plan: WritePlan;
  changes: CellChange[];
  lines: string[];
  goTo: { sheet: string; address: string };
}

type State =
  | { status: 'idle' }
  | { status: 'preview'; preview: Preview }
  | { status: 'writing' }
  | { status: 'written'; goTo: { sheet: string; address: string } }
  | { status: 'failed'; message: string };

export interface WritePanelProps {
  adapter: WorkbookAdapter;
  snapshot: WorkbookSnapshot;
  plan: PlanResult;
  /** Called after a successful write, to validate again. */
  onWritten: () => void;
  /** Browser mode: offer the changed workbook for download. */
  onDownload?: () => Promise<void>;
}

/** "Opdater forventet merforbrug" and "Skriv fremskrivning": preview first, write on confirmation. */
export function WritePanel({ adapter, snapshot, plan, onWritten, onDownload }: WritePanelProps) {
  const styles = useStyles();
  const [amountText, setAmountText] = useState('');
  const [amountError, setAmountError] = useState<string | null>(null);
  const [state, setState] = useState<State>({ status: 'idle' });
  const [yearText, setYearText] = useState(String((planYear(plan.plan) ?? new Date().getFullYear()) + 1));
  const [carry, setCarry] = useState(true);
  const [even, setEven] = useState(true);
  const [yearError, setYearError] = useState<string | null>(null);

  const createNewYear = async () => {
    if (!/^\d{4}$/.test(yearText.trim())) {
      setYearError(newYearPaneText.badYear);
      return;
    }
    setYearError(null);
    if (!adapter.capabilities.canCopySheets) {
      setState({ status: 'failed', message: newYearPaneText.unsupported });
      return;
    }
    const result = buildNewYear(plan.plan, snapshot, { year: Number(yearText.trim()), initiatives: carry, even });
    await write({ plan: result.plan, changes: [], lines: [], goTo: { sheet: result.sheet, address: 'A1' } });
  };

  const previewUpdate = () => {
    const parsed = parseDanishAmount(amountText);
    if (parsed.kind !== 'amount' || parsed.value.isNegative()) {
      setAmountError(writePaneText.amountInvalid);
      return;
    }
    setAmountError(null);
    const update = buildOverrunUpdate(plan.plan, snapshot, parsed.value, todayIso());
    setState({
      status: 'preview',
      preview: {
        plan: update.plan,
        changes: update.changes,
        lines: [writePaneText.historyRow(update.historySheet), ...update.notes],
        goTo: { sheet: plan.plan.sheet, address: update.target.address },
      },
    });
  };

  const previewProjection = () => {
    const projection = buildProjection(plan.plan, snapshot);
    if (!projection) {
      setState({ status: 'failed', message: writePaneText.noTarget });
      return;
    }
    setState({
      status: 'preview',
      preview: {
        plan: projection.plan,
        changes: [],
        lines: [
          projection.action === 'create'
            ? writePaneText.sheetCreated(projection.sheet)
            : writePaneText.sheetReplaced(projection.sheet),
          ...projection.notes,
        ],
        goTo: { sheet: projection.sheet, address: 'A1' },
      },
    });
  };

  const write = async (preview: Preview) => {
    setState({ status: 'writing' });
    try {
      await adapter.applyWritePlan(preview.plan, snapshot);
      setState({ status: 'written', goTo: preview.goTo });
      onWritten();
    } catch (e) {
      setState({ status: 'failed', message: writeFailedMessage(e) });
    }
  };

  return (
    <section className={styles.panel} aria-labelledby="write-heading">
      <h2 id="write-heading" className={styles.heading}>
        {writePaneText.heading}
      </h2>
      <div className={styles.row}>
        <Field
          label={writePaneText.amountLabel}
          hint={writePaneText.amountHint}
          validationState={amountError ? 'error' : 'none'}
          validationMessage={amountError ?? undefined}
        >
          <Input value={amountText} onChange={(_, d) => setAmountText(d.value)} inputMode="decimal" />
        </Field>
        <Button onClick={previewUpdate} disabled={state.status === 'writing'}>
          {writePaneText.updateOverrun}
        </Button>
      </div>
      <div>
        <Button onClick={previewProjection} disabled={state.status === 'writing'}>
          {writePaneText.writeProjection}
        </Button>
      </div>
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>{newYearPaneText.heading}</legend>
        <Field
          label={newYearPaneText.year}
          validationState={yearError ? 'error' : 'none'}
          validationMessage={yearError ?? undefined}
        >
          <Input value={yearText} onChange={(_, d) => setYearText(d.value)} inputMode="numeric" />
        </Field>
        <Switch label={newYearPaneText.carry} checked={carry} onChange={(_, d) => setCarry(d.checked)} />
        <Field label={newYearPaneText.effects}>
          <RadioGroup value={even ? 'even' : 'empty'} onChange={(_, d) => setEven(d.value === 'even')}>
            <Radio value="even" label={newYearPaneText.even} disabled={!carry} />
            <Radio value="empty" label={newYearPaneText.empty} />
          </RadioGroup>
        </Field>
        <div>
          <Button onClick={() => void createNewYear()} disabled={state.status === 'writing'}>
            {newYearPaneText.create}
          </Button>
        </div>
      </fieldset>
      {state.status === 'preview' && (
        <div role="region" aria-label={writePaneText.previewHeading}>
          <Text weight="semibold">{writePaneText.previewHeading}</Text>
          {state.preview.changes.length > 0 && (
            <table className={styles.table}>
              <thead>
                <tr>
                  {[writePaneText.cell, writePaneText.what, writePaneText.before, writePaneText.after].map((h) => (
                    <th key={h} scope="col" className={styles.th}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {state.preview.changes.map((c) => (
                  <tr key={c.address}>
                    <td className={styles.td}>{c.address}</td>
                    <td className={styles.td}>{c.label.replace(/:$/, '')}</td>
                    <td className={styles.td}>{c.before}</td>
                    <td className={styles.td}>{c.after}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <ul>
            {state.preview.lines.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
          <div className={styles.row}>
            <Button appearance="primary" onClick={() => void write((state as { preview: Preview }).preview)}>
              {writePaneText.confirm}
            </Button>
            <Button onClick={() => setState({ status: 'idle' })}>{writePaneText.cancel}</Button>
          </div>
        </div>
      )}
      <div role="status" aria-live="polite">
        {state.status === 'writing' && <Spinner size="small" labelPosition="after" label={writePaneText.writing} />}
      </div>
      {state.status === 'written' && (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>{writePaneText.written}</MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => void adapter.selectCell(state.goTo.sheet, state.goTo.address)}>
              {writePaneText.goTo(`${state.goTo.sheet}!${state.goTo.address}`)}
            </Button>
            {onDownload && <Button onClick={() => void onDownload()}>{writePaneText.download}</Button>}
          </MessageBarActions>
        </MessageBar>
      )}
      {state.status === 'failed' && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{state.message}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}

import { MessageBar, MessageBarBody, MessageBarTitle, Text } from '@fluentui/react-components';
import { keepTogether, verdictText } from '../../addin/text';
import { errorCount, planKey, type ValidationRun } from '../../addin/validation';
import { verdictOf } from '../verdict';
import { usePaneStyles as useStyles } from './styles';

/** The verdict on the plan shown: errors and where, warnings, the status, the shortfall in words. */
export function Verdict({
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

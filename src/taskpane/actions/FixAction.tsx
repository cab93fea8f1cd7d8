import { Button, makeStyles } from '@fluentui/react-components';
import { buildFix, fixesFor, spanOf, type FixKind } from '../../core/build/fixes';
import type { Finding } from '../../core/model/findings';
import { fixButtonText } from '../../addin/text';
import { FlowSteps, useWriteFlow, type ActionProps } from './Flow';

const useStyles = makeStyles({
  fix: { display: 'flex', flexDirection: 'column', gap: '6px', marginTop: '4px', minWidth: 0 },
  row: { display: 'flex', flexWrap: 'wrap', gap: '6px' },
  button: { whiteSpace: 'normal', height: 'auto', maxWidth: '100%', minWidth: 0, textAlign: 'left' },
});

/** A group's fix buttons ("Lav dem om til tal", "Ret til 800.000 kr.") and their preview → confirm. */
export default function FixAction({ findings, title, ...props }: ActionProps & { findings: Finding[]; title: string }) {
  const styles = useStyles();
  const kinds = fixesFor(findings);
  const first = findings[0];
  const flow = useWriteFlow(props);
  const prepare = (kind: FixKind) => () => {
    const built = buildFix(findings, kind, props.snapshot);
    return {
      plan: built.plan,
      changes: built.changes,
      lines: [],
      goTo: () => ({ sheet: first.sheet, address: findings.length === 1 ? first.cell : spanOf(findings) }),
      success: () => fixButtonText.success(findings.length),
      readAfter: () => [...new Set(findings.map((f) => f.sheet))],
    };
  };
  if (kinds.length === 0) return null;
  const label = (k: FixKind) =>
    k === 'number'
      ? fixButtonText.number(findings.length)
      : k === 'value'
        ? fixButtonText.value(findings.length, first.expected)
        : fixButtonText.sum(findings.length, first.sums);
  const busy = flow.state.status === 'writing';
  return (
    <div className={styles.fix} data-fix={first.code}>
      <div className={styles.row}>
        {kinds.map((k) => (
          <Button
            key={k}
            size="small"
            className={styles.button}
            disabled={busy || props.stale}
            onClick={() => void flow.showPreview(prepare(k))}
          >
            {label(k)}
          </Button>
        ))}
      </div>
      <FlowSteps
        id={`fix-${first.code}-${first.sheet}-${first.cell}`.replace(/[^\w-]/g, '_')}
        title={fixButtonText.title(title)}
        flow={flow}
      />
    </div>
  );
}

import { visuallyHidden } from './theme';
import { Badge, makeStyles, tokens } from '@fluentui/react-components';
import { keepTogether, paneText, unbroken } from './text';
import { SEVERITY_ORDER, type Finding, type Severity } from '../core/findings';

const useStyles = makeStyles({
  group: { marginBottom: '12px' },
  heading: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: '8px 0 4px 0' },
  list: { listStyle: 'none', padding: 0, margin: 0 },
  item: { marginBottom: '4px' },
  button: {
    display: 'block',
    width: '100%',
    textAlign: 'left',
    padding: '6px 8px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    font: 'inherit',
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  cell: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  code: {
    display: 'block',
    marginTop: '2px',
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase100,
    overflowWrap: 'anywhere',
  },
  message: { display: 'block', marginTop: '2px', overflowWrap: 'anywhere' },
  hidden: visuallyHidden,
});

const BADGE: Record<Severity, 'danger' | 'warning' | 'informative'> = {
  error: 'danger',
  warning: 'warning',
  info: 'informative',
};

export function FindingsList({
  findings,
  onSelect,
  listRef,
}: {
  findings: Finding[];
  onSelect: (f: Finding) => void;
  listRef?: React.Ref<HTMLDivElement>;
}) {
  const styles = useStyles();
  return (
    <div ref={listRef} data-findings>
      {SEVERITY_ORDER.map((severity) => {
        const group = findings.filter((f) => f.severity === severity);
        if (group.length === 0) return null;
        const id = `findings-${severity}`;
        return (
          <section key={severity} className={styles.group} aria-labelledby={id}>
            <h2 id={id} className={styles.heading}>
              <Badge appearance="filled" color={BADGE[severity]} shape="rounded">
                {group.length}
              </Badge>{' '}
              {paneText.groups[severity]}
            </h2>
            <ul className={styles.list}>
              {group.map((f, i) => (
                <li key={`${f.code}-${f.sheet}-${f.cell}-${i}`} className={styles.item}>
                  <button
                    type="button"
                    className={styles.button}
                    onClick={() => onSelect(f)}
                    data-cell={`${f.sheet}!${f.cell}`}
                  >
                    <span className={styles.hidden}>{paneText.goTo} </span>
                    <span className={styles.cell}>{unbroken(`${f.sheet}!${f.cell}`)}</span>
                    <span className={styles.message}>{keepTogether(f.message)}</span>
                    <span className={styles.code} title={paneText.codeTitle}>
                      {paneText.codeHint(f.code)}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

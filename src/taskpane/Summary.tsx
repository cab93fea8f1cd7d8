import { makeStyles, tokens } from '@fluentui/react-components';
import { paneText, unbroken } from '../addin/text';
import { formatKroner } from '../core/amounts/money';
import type { PlanResult } from '../core/validate';

const useStyles = makeStyles({
  card: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: '8px 12px',
    marginBottom: '12px',
    backgroundColor: tokens.colorNeutralBackground1,
  },
  heading: {
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    margin: '0 0 6px 0',
    overflowWrap: 'anywhere',
  },
  list: {
    display: 'grid',
    // The labels wrap; an amount keeps its width (it never breaks).
    gridTemplateColumns: 'minmax(0, 1fr) auto',
    columnGap: '12px',
    rowGap: '2px',
    margin: 0,
    // Narrow (a 320 px pane at 200 % zoom is 160 CSS px): each label over its amount.
    '@media (max-width: 260px)': { gridTemplateColumns: 'minmax(0, 1fr)', rowGap: 0 },
  },
  term: { color: tokens.colorNeutralForeground2, minWidth: 0, overflowWrap: 'anywhere' },
  value: {
    margin: 0,
    textAlign: 'right',
    fontVariantNumeric: 'tabular-nums',
    '@media (max-width: 260px)': { textAlign: 'left', marginBottom: '4px' },
  },
  bad: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});

export function PlanSummary({ plan }: { plan: PlanResult }) {
  const styles = useStyles();
  const { summary } = plan;
  const difference = summary.target ? summary.total.minus(summary.target) : null;
  const surplus = !!difference && difference.greaterThan(0);
  const rows: [string, string, boolean?][] = [
    [paneText.target, summary.target ? formatKroner(summary.target) : paneText.missing, !summary.target],
    [paneText.total, formatKroner(summary.total)],
    [
      surplus ? paneText.surplus : paneText.shortfall,
      difference ? formatKroner(difference.abs()) : paneText.missing,
      !!difference?.isNegative(),
    ],
    [paneText.initiatives, String(summary.initiatives)],
  ];
  return (
    <section className={styles.card} aria-label={`${paneText.summaryHeading}: ${plan.plan.sheet}`}>
      <h2 className={styles.heading}>{paneText.summaryTitle(plan.plan.sheet, summary.year)}</h2>
      <dl className={styles.list}>
        {rows.map(([term, value, bad]) => (
          <div key={term} style={{ display: 'contents' }}>
            <dt className={styles.term}>{term}</dt>
            <dd className={bad ? `${styles.value} ${styles.bad}` : styles.value}>{unbroken(value)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

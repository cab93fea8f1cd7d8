import { Button, Text } from '@fluentui/react-components';
import { formatDanishAmount, formatKroner } from '../../core/amounts/money';
import { lazy, Suspense } from 'react';
import { overviewRow, overviewTotals, type OverviewPlan, type OverviewTotals } from '../../core/overview';
import type { PlanResult } from '../../core/validate';
import { allPlansText as T } from '../../addin/text';
import { planKey } from '../../addin/validation';
import type { ActionProps } from '../actions/Flow';

const OverviewAction = lazy(() => import(/* webpackChunkName: "actions" */ '../actions/OverviewAction'));
import { PaneSection } from './PaneSection';
import { usePaneStyles as useStyles } from './styles';

const kr = (n: number | null) => (n === null ? '–' : formatKroner(n));

/** A plan's row of the overview in words: target, effect, coverage and verdict (the pane and browser mode alike). */
export const planFigures = (row: OverviewPlan) =>
  `${row.target === null ? T.noTarget : T.target(kr(row.target))}, ${T.total(kr(row.total))}` +
  (row.coverage !== null ? `, ${T.coverage(`${formatDanishAmount(row.coverage * 100, 1)} %`)}` : '') +
  ` · ${T.verdict(row.errors, row.warnings)}`;

/** The overview's totals in words. */
export const totalsLine = (totals: OverviewTotals) =>
  T.totals(totals.plans, kr(totals.target), kr(totals.total), kr(totals.difference));

/**
 * "Alle planer": every plan of the workbook with its expected overrun, planned effect, coverage
 * and verdict, and the totals — the same figures as `handleplan overview`. A click shows the plan.
 */
export function AllPlans({
  plans,
  current,
  onSelectPlan,
  actionProps,
}: {
  plans: PlanResult[];
  current: PlanResult | null;
  onSelectPlan: (key: string) => void;
  /** What a write needs; null when nothing can be written (then no "Skriv overblik"). */
  actionProps: ActionProps | null;
}) {
  const styles = useStyles();
  const rows = plans.map((p) => ({ key: planKey(p), row: overviewRow('', p) }));
  const totals = overviewTotals(
    rows.map((r) => r.row),
    [],
  );
  return (
    <PaneSection id="all-plans" heading={T.heading} intro={T.intro} collapsible>
      <ul className={styles.plainList} data-all-plans>
        {rows.map(({ key, row }) => (
          <li key={key}>
            <Button
              appearance={current && planKey(current) === key ? 'primary' : 'subtle'}
              className={styles.wrapButton}
              aria-current={current && planKey(current) === key ? 'true' : undefined}
              onClick={() => onSelectPlan(key)}
            >
              <span>
                <strong>{row.sheet}</strong>
                {row.center || row.area ? ` · ${[row.center, row.area].filter(Boolean).join(', ')}` : ''}
                <br />
                {planFigures(row)}
              </span>
            </Button>
          </li>
        ))}
      </ul>
      <Text data-all-plans-total>{totalsLine(totals)}</Text>
      {actionProps && (
        <Suspense fallback={null}>
          <OverviewAction {...actionProps} rows={rows.map((r) => r.row)} />
        </Suspense>
      )}
    </PaneSection>
  );
}

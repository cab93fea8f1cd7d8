import { Spinner } from '@fluentui/react-components';
import { lazy, Suspense } from 'react';
import type { Finding } from '../../core/model/findings';
import type { PlanResult } from '../../core/validate';
import type { ActionProps } from '../actions/Flow';
import { actionText, forecastPaneText, paneText, prognosisPaneText, statusPaneText } from '../../addin/text';
import type { CaseList } from '../../core/tables/caseList';
import { planKey, type ValidationRun } from '../../addin/validation';
import { PaneSection } from './PaneSection';

// The actions that write come in their own chunk: reading a plan needs none of them.
const PlanActions = lazy(() => import(/* webpackChunkName: "actions" */ '../actions/PlanActions'));
// The picker (Fluent's Field and Select) only when there is something to pick.
const PlanPicker = lazy(() =>
  import(/* webpackChunkName: "picker" */ '../PlanPicker').then((m) => ({ default: m.PlanPicker })),
);
const PrognosisActions = lazy(() => import(/* webpackChunkName: "actions" */ '../actions/PrognosisActions'));
const ForecastActions = lazy(() => import(/* webpackChunkName: "actions" */ '../actions/ForecastActions'));
const FixAction = lazy(() => import(/* webpackChunkName: "actions" */ '../actions/FixAction'));
const StatusActions = lazy(() => import(/* webpackChunkName: "actions" */ '../actions/StatusActions'));
const TemplateAction = lazy(() =>
  import(/* webpackChunkName: "actions" */ '../actions/PlanActions').then((m) => ({ default: m.TemplateAction })),
);

export { PlanPicker };

/** The parts of the pane that write: the plan's actions (or the template), Status, Aktivitetsprognose. */
export function PaneActions({
  actionProps,
  current,
  run,
}: {
  actionProps: ActionProps;
  current: PlanResult | null;
  run: ValidationRun;
}) {
  const lists = run.result.tables.filter((t): t is CaseList => t.kind === 'case-list');
  return (
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
      {lists.length > 0 && (
        <PaneSection id="prognosis" heading={prognosisPaneText.heading} intro={prognosisPaneText.intro}>
          <PrognosisActions {...actionProps} lists={lists} year={current?.summary.year ?? null} />
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
  );
}

/** A group's fix (its own chunk, with the actions). */
export function Fix(props: ActionProps & { findings: Finding[]; title: string }) {
  return (
    <Suspense fallback={null}>
      <FixAction {...props} />
    </Suspense>
  );
}

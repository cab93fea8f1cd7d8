import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
} from '@fluentui/react-components';
import { Suspense, type ComponentProps, type RefObject } from 'react';
import type { PlanResult } from '../../core/validate';
import { paneText } from '../../addin/text';
import { planKey, type ValidationRun } from '../../addin/validation';
import { FindingsList } from '../Findings';
import { PlanSummary } from '../Summary';
import { AllPlans } from './AllPlans';
import type { placesOf } from '../verdict';
import { Fix, PaneActions, PlanPicker } from './PaneActions';
import { usePaneStyles as useStyles } from './styles';

const time = (d: Date) => d.toLocaleTimeString('da-DK', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** Why the validation failed, with a retry; focused when it appears. */
export function FailedMessage(props: {
  message: string;
  focusRef: RefObject<HTMLDivElement | null>;
  onRetry: () => void;
}) {
  const styles = useStyles();
  return (
    <div ref={props.focusRef} tabIndex={-1}>
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody className={styles.message}>
          <MessageBarTitle>{paneText.failedTitle}</MessageBarTitle>
          {props.message}
        </MessageBarBody>
        <MessageBarActions>
          <Button onClick={props.onRetry}>{paneText.retry}</Button>
        </MessageBarActions>
      </MessageBar>
    </div>
  );
}

export interface ResultsProps {
  run: ValidationRun;
  current: PlanResult | null;
  stale: boolean;
  working: boolean;
  places: ReturnType<typeof placesOf>;
  /** What every action gets; null when nothing can be written. */
  actionProps: Omit<ComponentProps<typeof Fix>, 'findings' | 'title'> | null;
  onValidate: (all?: boolean) => void;
  onSelectPlan: (key: string) => void;
  onGoTo: (to: { sheet: string; address: string }) => void;
}

/** One reading's results: when it was read, whether it is stale, the plan picker, the plan, its findings and actions. */
export function Results({
  run,
  current,
  stale,
  working,
  places,
  actionProps,
  onValidate,
  onSelectPlan,
  onGoTo,
}: ResultsProps) {
  const styles = useStyles();
  const plans = run.result.plans;
  return (
    <div className={styles.section}>
      <Text className={styles.readAt} data-read-at>
        {paneText.readAt(time(run.readAt))}
      </Text>
      {stale && (
        <MessageBar intent="warning" layout="multiline" data-stale>
          <MessageBarBody className={styles.message}>{paneText.stale}</MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => onValidate()}>{paneText.validateAgain}</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {(plans.length > 1 || !run.whole) && (
        <Suspense fallback={<Spinner size="tiny" label={paneText.loadingActions} />}>
          <PlanPicker
            plans={plans}
            selected={current ? planKey(current) : ''}
            onSelect={onSelectPlan}
            onFindAll={run.whole ? undefined : () => onValidate(true)}
            disabled={working}
          />
        </Suspense>
      )}
      {current && <PlanSummary plan={current} />}
      {plans.length > 1 && (
        <AllPlans plans={plans} current={current} onSelectPlan={onSelectPlan} actionProps={actionProps} />
      )}
      {places.length > 0 && (
        <FindingsList
          places={places}
          onSelect={(f) => onGoTo({ sheet: f.sheet, address: f.cell })}
          renderFix={actionProps ? (fs, title) => <Fix {...actionProps} findings={fs} title={title} /> : undefined}
        />
      )}
      {actionProps && <PaneActions actionProps={actionProps} current={current} run={run} />}
    </div>
  );
}

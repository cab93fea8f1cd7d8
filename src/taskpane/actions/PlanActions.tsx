import { Field, Input, Radio, RadioGroup, Switch } from '@fluentui/react-components';
import { useState } from 'react';
import { todayIso } from '../../core/text/dates';
import type Decimal from 'decimal.js';
import { parseAmountText } from '../../core/amounts/amountSyntax';
import { formatDanishAmount, formatKroner } from '../../core/amounts/money';
import { buildNewYear, buildTemplate, yearNotAfterPlan } from '../../core/build/newYear';
import { likelierAmount } from '../../core/rules/plausible';
import { buildOverrunUpdate } from '../../core/build/overrun';
import { buildProjection } from '../../core/build/projection';
import { planYear, targetOf, type PlanResult } from '../../core/validate';
import type { WriteOutcome } from '../../core/build/writePlan';
import { newYearText, overrunText, projectionText, templateText, unbroken, actionText } from '../../addin/text';
import { Flow, type ActionProps, type Preview } from './Flow';
import { useYear, YearField } from './YearField';

/** The name a planned sheet got when written (a name may have been taken since the preview). */
const actual = (outcome: WriteOutcome, planned: string) => outcome.sheetNames[planned] ?? planned;

interface PlanActionProps extends ActionProps {
  plan: PlanResult;
}

/** The actions on a plan: update the overrun, write the projection, create next year's plan. */
export default function PlanActions(props: PlanActionProps) {
  return (
    <>
      <UpdateOverrun {...props} />
      <WriteProjection {...props} />
      <NewYear {...props} />
    </>
  );
}

export function UpdateOverrun({ plan, snapshot, ...rest }: PlanActionProps) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const sheet = plan.plan.sheet;
  const current = targetOf(plan.plan)?.value ?? null;
  const previewFor = (value: Decimal): Preview => {
    const update = buildOverrunUpdate(plan.plan, snapshot, value, todayIso(new Date()));
    const amount = formatDanishAmount(value);
    return {
      plan: update.plan,
      changes: update.changes,
      lines: [actionText.historyRow(update.historySheet), ...update.notes],
      goTo: () => ({ sheet, address: update.target.address }),
      success: () => overrunText.success(amount),
      readAfter: (o) => [sheet, actual(o, update.historySheet)],
    };
  };
  return (
    <Flow
      id="overrun"
      title={overrunText.title}
      snapshot={snapshot}
      // A plan without an expected overrun (next year's, just made) needs this first.
      defaultOpen={!current}
      {...rest}
      prepare={() => {
        const parsed = parseAmountText(text);
        if (parsed.kind !== 'amount' || !parsed.value.isPositive() || parsed.value.isZero()) {
          setError(overrunText.amountInvalid);
          return null;
        }
        setError(null);
        const typed = parsed.value;
        const likelier = likelierAmount(typed, current);
        if (!likelier) return previewFor(typed);
        return {
          question: overrunText.meant(likelier, typed),
          answers: [
            { label: overrunText.useAmount(likelier), prepare: () => previewFor(likelier) },
            { label: overrunText.useAmount(typed), prepare: () => previewFor(typed) },
          ],
        };
      }}
    >
      <Field
        label={overrunText.amountLabel}
        hint={overrunText.amountHint}
        validationState={error ? 'error' : 'none'}
        validationMessage={error ?? undefined}
      >
        <Input value={text} onChange={(_, d) => setText(d.value)} inputMode="decimal" />
      </Field>
    </Flow>
  );
}

export function WriteProjection({ plan, snapshot, ...rest }: PlanActionProps) {
  const noTarget = !targetOf(plan.plan);
  return (
    <Flow
      id="projection"
      title={projectionText.title}
      description={projectionText.description}
      snapshot={snapshot}
      disabledReason={noTarget ? projectionText.noTarget : null}
      {...rest}
      prepare={() => {
        const projection = buildProjection(plan.plan, snapshot, { today: todayIso(new Date()) });
        if (!projection) return projectionText.noTarget;
        return {
          plan: projection.plan,
          changes: [],
          lines: [
            projection.action === 'create'
              ? actionText.sheetCreated(projection.sheet)
              : actionText.sheetReplaced(projection.sheet),
            ...projection.notes,
          ],
          goTo: (o) => ({ sheet: actual(o, projection.sheet), address: 'A1' }),
          success: (o) => projectionText.success(actual(o, projection.sheet)),
          readAfter: () => [plan.plan.sheet],
        };
      }}
    />
  );
}

export function NewYear({ plan, snapshot, adapter, ...rest }: PlanActionProps) {
  const yearField = useYear((planYear(plan.plan) ?? new Date().getFullYear()) + 1);
  const [carry, setCarry] = useState(true);
  // As on the command line: the new year's months start empty, to be planned afresh.
  const [even, setEven] = useState(false);
  const startCell = plan.plan.block.atStart?.amount.address;
  return (
    <Flow
      id="new-year"
      title={newYearText.title}
      snapshot={snapshot}
      adapter={adapter}
      disabledReason={adapter.capabilities.canCopySheets ? null : newYearText.unsupported}
      {...rest}
      prepare={() => {
        const year = yearField.read((y) => {
          const from = yearNotAfterPlan(plan.plan, y);
          return from === null ? null : newYearText.notAfterPlan(from);
        });
        if (year === null) return null;
        const result = buildNewYear(plan.plan, snapshot, {
          year,
          initiatives: carry,
          even: carry && even,
          today: todayIso(new Date()),
        });
        return {
          plan: result.plan,
          changes: [],
          lines: [
            newYearText.sheetCopied(plan.plan.sheet, result.sheet),
            carry ? newYearText.initiativesCarried(plan.summary.initiatives) : newYearText.initiativesCleared,
            carry && even ? newYearText.monthsEven : newYearText.monthsEmpty,
            newYearText.newTotal(formatKroner(plan.summary.total), formatKroner(result.total)),
            newYearText.blockCleared,
            ...result.notes,
          ],
          goTo: (o) => ({ sheet: actual(o, result.sheet), address: 'A1' }),
          success: (o) => newYearText.success(actual(o, result.sheet)),
          next: (o) => newYearText.next(actual(o, result.sheet), startCell ? unbroken(startCell) : ''),
          readAfter: (o) => [actual(o, result.sheet)],
          opens: (o) => actual(o, result.sheet),
        };
      }}
    >
      <YearField label={newYearText.year} {...yearField.field} />
      <Switch label={newYearText.carry} checked={carry} onChange={(_, d) => setCarry(d.checked)} />
      <Field label={newYearText.effects}>
        <RadioGroup value={carry && even ? 'even' : 'empty'} onChange={(_, d) => setEven(d.value === 'even')}>
          <Radio value="empty" label={newYearText.empty} />
          <Radio value="even" label={newYearText.even} disabled={!carry} />
        </RadioGroup>
      </Field>
    </Flow>
  );
}

/** No plan found: a blank HANDLEPLAN in the standard template, on a new sheet. */
export function TemplateAction({ snapshot, ...rest }: ActionProps & { defaultOpen?: boolean }) {
  // A plan is made for the year ahead.
  const yearField = useYear(new Date().getFullYear() + 1);
  return (
    <Flow
      id="template"
      title={templateText.title}
      description={templateText.description}
      snapshot={snapshot}
      {...rest}
      prepare={() => {
        const year = yearField.read();
        if (year === null) return null;
        const result = buildTemplate(year, snapshot);
        return {
          plan: result.plan,
          changes: [],
          lines: [templateText.sheetCreated(result.sheet), ...result.notes],
          goTo: (o) => ({ sheet: actual(o, result.sheet), address: 'A1' }),
          success: (o) => templateText.success(actual(o, result.sheet)),
          next: (o) => templateText.next(actual(o, result.sheet)),
          readAfter: (o) => [actual(o, result.sheet)],
          opens: (o) => actual(o, result.sheet),
        };
      }}
    >
      <YearField label={templateText.year} {...yearField.field} />
    </Flow>
  );
}

import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { todayIso } from '../../core/text/dates';
import { buildForecastSheet } from '../../core/build/forecastSheet';
import { formatDanishAmount } from '../../core/amounts/money';
import type { OtherTable } from '../../core/tables/otherTables';
import { buildOverrunUpdate } from '../../core/build/overrun';
import type { PlanResult } from '../../core/validate';
import type { WriteOutcome } from '../../core/build/writePlan';
import { actionText, forecastPaneText, keepTogether, overrunText } from '../../addin/text';
import { Flow, type ActionProps } from './Flow';
import { useYear, YearField } from './YearField';

const useStyles = makeStyles({
  summary: { display: 'flex', flexDirection: 'column', gap: '2px', overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

const actual = (outcome: WriteOutcome, planned: string) => outcome.sheetNames[planned] ?? planned;
const kroner = (n: number | null | undefined) => formatDanishAmount(Math.round(n ?? 0));

interface ForecastActionProps extends ActionProps {
  plan: PlanResult | null;
  forecasts: OtherTable[];
  /** Every sheet was read: no forecast elsewhere to look for. */
  whole: boolean;
}

/** "Aktivitetsprognose": what the forecasts found say, create one, and use its total as the plan's overrun. */
export default function ForecastActions({ plan, forecasts, whole, ...props }: ForecastActionProps) {
  const styles = useStyles();
  const shown = forecasts.filter((t) => t.overrun);
  return (
    <>
      {shown.map((t) => (
        <div key={`${t.sheet}!${t.range}`} className={styles.summary} data-forecast>
          <Text>{keepTogether(forecastPaneText.summary(t.sheet, kroner(t.overrun!.value.toNumber())))}</Text>
          {typeof t.summary.volume === 'number' && typeof t.summary.price === 'number' && (
            <Text className={styles.muted}>
              {keepTogether(forecastPaneText.split(kroner(t.summary.volume), kroner(t.summary.price)))}
            </Text>
          )}
        </div>
      ))}
      {shown.length === 0 && !whole && <Text className={styles.muted}>{forecastPaneText.notRead}</Text>}
      {shown[0] && <UseAsOverrun {...props} plan={plan} forecast={shown[0]} />}
      <CreateForecast {...props} year={plan?.summary.year ?? null} />
    </>
  );
}

function UseAsOverrun({
  plan,
  forecast,
  snapshot,
  ...rest
}: ActionProps & { plan: PlanResult | null; forecast: OtherTable }) {
  const value = forecast.overrun!.value.toDecimalPlaces(0);
  const amount = formatDanishAmount(value);
  const errors = forecast.findings.filter((f) => f.severity === 'error').length;
  const warnings = forecast.findings.filter((f) => f.severity === 'warning').length;
  // A forecast that does not add up cannot become the plan's target.
  const reason = !plan
    ? forecastPaneText.noPlan
    : errors > 0
      ? forecastPaneText.hasErrors(errors, forecast.sheet)
      : !value.greaterThan(0)
        ? forecastPaneText.notPositive
        : null;
  return (
    <Flow
      id="use-forecast"
      title={forecastPaneText.useTitle}
      description={forecastPaneText.useDescription(amount)}
      snapshot={snapshot}
      disabledReason={reason}
      {...rest}
      prepare={() => {
        if (!plan) return forecastPaneText.noPlan;
        const update = buildOverrunUpdate(plan.plan, snapshot, value, todayIso(new Date()));
        return {
          plan: update.plan,
          changes: update.changes,
          lines: [
            ...(warnings > 0 ? [forecastPaneText.hasWarnings(warnings, forecast.sheet)] : []),
            actionText.historyRow(update.historySheet),
            ...update.notes,
          ],
          goTo: () => ({ sheet: plan.plan.sheet, address: update.target.address }),
          success: () => overrunText.success(amount),
          readAfter: (o) => [plan.plan.sheet, forecast.sheet, actual(o, update.historySheet)],
        };
      }}
    />
  );
}

function CreateForecast({ year, snapshot, ...rest }: ActionProps & { year: number | null }) {
  const yearField = useYear(year ?? new Date().getFullYear());
  return (
    <Flow
      id="forecast"
      title={forecastPaneText.createTitle}
      description={forecastPaneText.createDescription}
      snapshot={snapshot}
      {...rest}
      prepare={() => {
        const y = yearField.read();
        if (y === null) return null;
        const built = buildForecastSheet(y, snapshot);
        return {
          plan: built.plan,
          changes: [],
          lines: [
            built.existing ? forecastPaneText.sheetExists(built.sheet) : forecastPaneText.sheetCreated(built.sheet),
            ...built.notes,
          ],
          goTo: (o) => ({ sheet: actual(o, built.sheet), address: 'B7' }),
          success: (o) => forecastPaneText.created(actual(o, built.sheet)),
          next: (o) => forecastPaneText.next(actual(o, built.sheet)),
          readAfter: (o) => [actual(o, built.sheet)],
        };
      }}
    >
      <YearField label={forecastPaneText.year} {...yearField.field} />
    </Flow>
  );
}

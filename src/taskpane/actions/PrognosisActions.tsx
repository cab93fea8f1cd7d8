import { Field, Input, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type Decimal from 'decimal.js';
import { formatDanishAmount } from '../../core/amounts/money';
import { buildPrognosisSheet } from '../../core/build/prognosisSheet';
import { buildUseInForecast } from '../../core/build/useInForecast';
import type { WriteOutcome } from '../../core/build/writePlan';
import { sameSheetName } from '../../core/model/a1';
import { bridge } from '../../core/tables/bridge';
import type { CaseList } from '../../core/tables/caseList';
import { readEarlierPrognosis } from '../../core/tables/earlierPrognosis';
import { prognosis } from '../../core/tables/prognosis';
import { formatDanishDate, parseDanishDate, todayIso } from '../../core/text/dates';
import { sheetText } from '../../core/text/da';
import { keepTogether, prognosisPaneText as T } from '../../addin/text';
import { Flow, type ActionProps } from './Flow';
import { useYear, YearField } from './YearField';

const useStyles = makeStyles({
  list: {
    margin: 0,
    paddingLeft: '18px',
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
    overflowWrap: 'anywhere',
  },
  muted: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  total: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
});

const kr = (d: Decimal) => formatDanishAmount(d.toDecimalPlaces(0), 0);
const actual = (o: WriteOutcome, planned: string) => o.sheetNames[planned] ?? planned;

/**
 * "Prognose": where the year ends from the workbook's case lists — per measure helårsborgere and
 * kroner, the total with what is spent to date, the bridge since the last prognosis — and the two
 * writes: the "Prognose YYYY" sheet, and its figures into the activity forecast.
 */
export default function PrognosisActions({
  lists,
  year: planYear,
  ...props
}: ActionProps & { lists: CaseList[]; year: number | null }) {
  const styles = useStyles();
  const yearField = useYear(planYear ?? new Date().getFullYear());
  const [asOfText, setAsOfText] = useState(() => formatDanishDate(todayIso(new Date())));
  const asOf = parseDanishDate(asOfText.trim());
  const year = Number(yearField.field.value);
  const { snapshot } = props;
  const figures = useMemo(() => {
    if (!asOf || !/^\d{4}$/.test(yearField.field.value)) return null;
    const earlier = readEarlierPrognosis(snapshot, year);
    const tilgang = earlier?.tilgang ?? new Map();
    const cases = lists.flatMap((l) => l.cases);
    const p = prognosis(cases, year, asOf, tilgang);
    return {
      p,
      // The sheet's formulas run over the first list: its own figures when there are several.
      first: lists.length === 1 ? p : prognosis(lists[0].cases, year, asOf, tilgang),
      tilgang,
      since: earlier ? { asOf: earlier.asOf, bridge: bridge(earlier.cases, cases, year) } : null,
    };
  }, [lists, snapshot, year, asOf, yearField.field.value]);
  const forecast = snapshot.sheets.find((s) => !s.unread && sameSheetName(s.name, sheetText.forecast.sheet(year)));
  return (
    <>
      <YearField label={T.year} {...yearField.field} />
      <Field label={T.asOf} validationState={asOf ? 'none' : 'error'} validationMessage={asOf ? undefined : T.badAsOf}>
        <Input value={asOfText} onChange={(_, d) => setAsOfText(d.value)} />
      </Field>
      {figures && (
        <div data-prognosis>
          <ul className={styles.list}>
            {figures.p.measures.map((m) => (
              <li key={m.measure}>
                {keepTogether(T.measure(m.measure, formatDanishAmount(m.fullYearPersons, 2), kr(m.amount)))}
              </li>
            ))}
          </ul>
          <Text className={styles.total} data-prognosis-total>
            {keepTogether(
              T.total(kr(figures.p.total.amount), kr(figures.p.total.toDate), kr(figures.p.total.restOfYear)),
            )}
          </Text>
          {figures.since && (
            <div data-prognosis-bridge>
              <Text as="p" className={styles.muted}>
                {keepTogether(
                  T.since(
                    figures.since.asOf ? formatDanishDate(figures.since.asOf) : '?',
                    kr(figures.since.bridge.total.tilgang.kroner),
                    kr(figures.since.bridge.total.afgang.kroner),
                    kr(figures.since.bridge.total.changes.kroner),
                  ),
                )}
              </Text>
              <ul className={styles.list}>
                {figures.since.bridge.measures.map((m) => (
                  <li key={m.measure} className={styles.muted}>
                    {keepTogether(
                      T.sinceMeasure(m.measure, kr(m.tilgang.kroner), kr(m.afgang.kroner), kr(m.changes.kroner)),
                    )}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
      <Flow
        id="prognosis"
        title={T.writeTitle}
        description={T.writeDescription}
        {...props}
        disabledReason={figures ? null : T.badAsOf}
        prepare={() => {
          const y = yearField.read();
          if (y === null || !figures) return null;
          const built = buildPrognosisSheet(lists[0], figures.first, snapshot, figures.tilgang);
          return {
            plan: built.plan,
            changes: [],
            lines: [
              built.action === 'replace' ? T.replaced(built.sheet) : T.created(built.sheet),
              ...(lists.length > 1 ? [T.firstListOnly(lists[0].sheet)] : []),
              ...built.notes,
            ],
            goTo: (o) => ({ sheet: actual(o, built.sheet), address: 'A9' }),
            success: (o) => T.written(actual(o, built.sheet)),
            readAfter: (o) => [lists[0].sheet, actual(o, built.sheet)],
          };
        }}
      />
      <Flow
        id="use-prognosis"
        title={T.useTitle}
        description={T.useDescription(sheetText.forecast.sheet(year))}
        {...props}
        disabledReason={!figures ? T.badAsOf : !forecast ? T.noForecast(sheetText.forecast.sheet(year)) : null}
        prepare={() => {
          if (!figures || !forecast) return null;
          const use = buildUseInForecast(forecast, figures.p);
          if (use.changes.length === 0) return T.nothingMatches(forecast.name);
          return {
            plan: use.plan,
            changes: use.changes,
            lines: use.missing.length ? [T.missing(use.missing, forecast.name)] : [],
            goTo: () => ({ sheet: forecast.name, address: use.changes[0].address }),
            success: () => T.used(forecast.name),
            next: () => T.useNext,
            readAfter: () => [forecast.name],
          };
        }}
      />
    </>
  );
}

/**
 * The committee's status report as data: title, summary figures and the table
 * Fokus | Handling | Status with the figures per initiative. Rendering it as .docx is an
 * adapter's work (src/docx/); the figures and the Danish text are the core's.
 */
import { sameSheetName } from '../model/a1';
import { yearOfIso } from '../text/dates';
import Decimal from 'decimal.js';
import { reportText, sheetText } from '../text/da';
import { Grid, type WorkbookSnapshot } from '../model/grid';
import { formatDanishAmount } from '../amounts/money';
import { readStatusSheet, statusNumbers } from '../tables/status';
import { planYear, targetOf } from '../model/planQueries';
import type { PlanResult } from '../validate';

export interface StatusReport {
  title: string;
  source: string;
  summaryHeading: string;
  summary: { label: string; value: string }[];
  tableHeading: string;
  headers: readonly string[];
  rows: { number: number; focus: string; action: string; status: string; figures: string }[];
  /** Some initiative has a realised effect: without one the report says nothing about progress. */
  realised: boolean;
  /** The month's status sheet the figures come from, when there is one. */
  statusSheet: string | null;
}

const kr = (d: Decimal) => formatDanishAmount(d.toDecimalPlaces(0, Decimal.ROUND_HALF_UP));

/** The report for a plan and month, with the realised figures of that month's status sheet when there is one. */
export function buildStatusReport(
  result: PlanResult,
  workbook: WorkbookSnapshot,
  options: { month: number; year?: number; today: string },
): StatusReport {
  const plan = result.plan;
  const year = options.year ?? planYear(plan) ?? yearOfIso(options.today);
  const month = options.month;
  const statusName = sheetText.status.sheet(month, year);
  const statusSheet = workbook.sheets.find((s) => sameSheetName(s.name, statusName) && !s.unread);
  const status = statusSheet ? readStatusSheet(new Grid(statusSheet)) : null;
  const byNumber = new Map(status?.rows.map((r) => [r.number, r]) ?? []);
  const initiatives = new Map(plan.initiatives.map((i) => [i.number, i]));
  const effects = new Map(plan.monthTable.rows.filter((r) => r.number !== null).map((r) => [r.number!, r]));

  let plannedSum = new Decimal(0);
  let realisedSum = new Decimal(0);
  let anyRealised = false;
  const rows = statusNumbers(plan).map((n) => {
    const planned = (effects.get(n)?.months.slice(0, month) ?? []).reduce(
      (s, c) => (c.value ? s.plus(c.value) : s),
      new Decimal(0),
    );
    plannedSum = plannedSum.plus(planned);
    const row = byNumber.get(n);
    const realised = row?.realised.value ?? null;
    if (realised) {
      anyRealised = true;
      realisedSum = realisedSum.plus(realised);
    }
    const share =
      realised && !planned.isZero()
        ? formatDanishAmount(realised.dividedBy(planned).times(100).toDecimalPlaces(0))
        : null;
    const i = initiatives.get(n);
    return {
      number: n,
      focus: i?.area || reportText.initiative(n),
      action: i?.action ?? '',
      status: row?.status || reportText.noStatusText,
      figures: reportText.figures(kr(planned), realised ? kr(realised) : null, share),
    };
  });
  const target = targetOf(plan)?.value ?? null;
  const summary = [
    { label: reportText.target, value: target ? `${kr(target)} kr.` : reportText.notCounted },
    { label: reportText.yearEffect, value: `${kr(result.summary.total)} kr.` },
    { label: reportText.plannedToDate(month), value: `${kr(plannedSum)} kr.` },
    { label: reportText.realisedToDate, value: anyRealised ? `${kr(realisedSum)} kr.` : reportText.notCounted },
    {
      label: reportText.difference,
      value: anyRealised ? `${kr(realisedSum.minus(plannedSum))} kr.` : reportText.notCounted,
    },
  ];
  return {
    title: reportText.title(year, month),
    source: reportText.source(plan.sheet, status ? status.sheet : null),
    summaryHeading: reportText.summaryHeading,
    summary,
    tableHeading: reportText.tableHeading,
    headers: reportText.headers,
    rows,
    realised: anyRealised,
    statusSheet: statusSheet?.name ?? null,
  };
}

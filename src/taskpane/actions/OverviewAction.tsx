import { buildOverviewSheet, planLink } from '../../core/build/overviewSheet';
import { overviewTotals, type OverviewPlan } from '../../core/overview';
import { allPlansText as T } from '../../addin/text';
import { Flow, type ActionProps, type Preview } from './Flow';

/** "Skriv overblik": the "Overblik" sheet of every plan in the open workbook, through preview → confirm. */
export default function OverviewAction({ rows, ...props }: ActionProps & { rows: OverviewPlan[] }) {
  return (
    <Flow
      id="overview"
      title={T.write}
      description={T.writeDescription}
      {...props}
      prepare={() => overviewPreview(rows, props)}
    />
  );
}

/** The "Overblik" sheet of the open workbook's plans: made, or made again where the add-in made it. */
export function overviewPreview(rows: OverviewPlan[], { snapshot }: ActionProps): Preview {
  const built = buildOverviewSheet(rows, [], overviewTotals(rows, []), {
    workbook: snapshot,
    link: (p) => planLink(p.sheet, null),
  });
  const actual = (o: { sheetNames: Record<string, string> }) => o.sheetNames[built.sheet] ?? built.sheet;
  return {
    plan: built.plan,
    changes: [],
    lines: [
      built.action === 'replace' ? T.replaced(built.sheet, rows.length) : T.created(built.sheet, rows.length),
      ...(built.note ? [built.note] : []),
    ],
    goTo: (o) => ({ sheet: actual(o), address: 'A1' }),
    success: (o) => T.written(actual(o)),
    // The plans are read again with it, so that "Alle planer" still lists them all.
    readAfter: (o) => [...new Set(rows.map((r) => r.sheet)), actual(o)],
  };
}

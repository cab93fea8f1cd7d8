/** Which rows a table's total row totals: the grouping by suffix ("I alt – handle") that the activity and count tables share. */

/** The suffix that groups a row ("Plejefamilie – handle" → "handle"), or null. */
export function groupSuffix(label: string): string | null {
  const m = / [–—-] (.+)$/.exec(label);
  return m ? m[1].trim() : null;
}

/**
 * The rows a total row totals. "I alt – handle" totals the detail rows whose label ends in
 * "– handle". A total without a suffix ("I alt", "Total", "Samlet") totals the suffixed total
 * rows when the table has any ("Total" = "I alt – handle" + "I alt – ej handle"), else every
 * detail row. A "Total"/"Samlet" below an unsuffixed "I alt" totals that "I alt" row's rows.
 */
export function totalsOf<T>(label: string, totals: T[], details: T[], labelOf: (x: T) => string): T[] {
  const suffix = groupSuffix(label);
  if (suffix !== null) return details.filter((d) => groupSuffix(labelOf(d))?.toLowerCase() === suffix.toLowerCase());
  const suffixed = totals.filter((t) => groupSuffix(labelOf(t)) !== null);
  if (suffixed.length > 0) return suffixed;
  return details;
}

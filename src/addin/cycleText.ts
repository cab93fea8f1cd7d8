/**
 * The pane's words for the year's cycle beyond the plan: the prognosis from the known cases and
 * the finance team's overview of many files (re-exported by text.ts, the pane's one place).
 */

/** Browser mode with several files chosen at once: the finance team's overview of them all. */
export const filesOverviewText = {
  heading: (files: number) => `Overblik over ${files} filer`,
  intro: 'Hver handleplan i de valgte filer med forventet merforbrug, planlagt effekt og dækning.',
  reading: (n: number, of: number, name: string) => `Læser fil ${n} af ${of}: ${name}`,
  noPlan: (name: string) => `Der er ingen handleplan i "${name}".`,
  failedHeading: 'Filer der ikke kunne bruges',
  download: 'Hent overblik.xlsx',
  downloaded: 'Overblikket er hentet som overblik.xlsx.',
  downloadFailed: 'Overblikket kunne ikke laves. Prøv igen.',
  fileName: 'overblik.xlsx',
};

/** The pane's "Prognose" section. */
export const prognosisPaneText = {
  heading: 'Prognose',
  intro: 'Hvor ender året? Helårsborgere og kroner pr. indsats ud fra de kendte sager i sagslisten.',
  year: 'År',
  asOf: 'Sagerne er opgjort pr. (dd-mm-åååå)',
  badAsOf: 'Skriv datoen for udtrækket som dd-mm-åååå, fx 30-06-2024.',
  measure: (measure: string, persons: string, kroner: string) => `${measure}: ${persons} helårsborgere, ${kroner} kr.`,
  total: (amount: string, toDate: string, rest: string) =>
    `I alt ${amount} kr. for året: ${toDate} kr. afholdt til dato, ${rest} kr. resten af året.`,
  since: (asOf: string, tilgang: string, afgang: string, changes: string) =>
    `Siden prognosen pr. ${asOf}: tilgang ${tilgang} kr., afgang ${afgang} kr., ændringer ${changes} kr.`,
  sinceMeasure: (measure: string, tilgang: string, afgang: string, changes: string) =>
    `${measure}: tilgang ${tilgang} kr., afgang ${afgang} kr., ændringer ${changes} kr.`,
  writeTitle: 'Skriv prognose',
  writeDescription:
    'Et ark med prognosen pr. indsats som formler over sagslisten, og en kopi af sagerne ("Grundlag") til næste måneds sammenligning.',
  created: (sheet: string) => `Arket "${sheet}" oprettes.`,
  replaced: (sheet: string) =>
    `Arket "${sheet}" (oprettet af tilføjelsesprogrammet) erstattes; den forventede tilgang, du har skrevet, bevares.`,
  firstListOnly: (sheet: string) => `Arkets formler regner på sagslisten i "${sheet}" (den første af flere).`,
  written: (sheet: string) => `Prognosen er skrevet i arket "${sheet}".`,
  useTitle: 'Brug i aktivitetsprognosen',
  useDescription: (sheet: string) =>
    `Prognosens helårsborgere og gennemsnitspriser skrives i prognosekolonnerne i "${sheet}" (kun de gule celler).`,
  noForecast: (sheet: string) => `Der er intet ark "${sheet}". Opret aktivitetsprognosen først (nedenfor).`,
  nothingMatches: (sheet: string) => `Ingen af indsatserne i sagslisten findes i "${sheet}".`,
  missing: (measures: string[], sheet: string) =>
    `Disse indsatser findes ikke i "${sheet}" og skrives ikke: ${measures.join(', ')}.`,
  used: (sheet: string) => `Prognosen er skrevet i "${sheet}".`,
  useNext: 'Valider igen, og brug aktivitetsprognosens total som forventet merforbrug.',
};

/**
 * Danish text of the core: finding messages and what is written into sheets. (The pane keeps
 * its own text in src/taskpane/text.ts, the command line in src/cli/text.ts.)
 */
import Decimal from 'decimal.js';
import { formatDanishAmount, formatKroner } from '../amounts/money';

const kr = (d: Decimal) => formatKroner(d);
import { formatDanishDate } from './dates';
import { DEFAULT_TRIGGER, MONTH_NAMES } from './labels';

/** The Danish month names, from the one month vocabulary. */
export { MONTH_NAMES };

/** "Brug i aktivitetsprognosen": the cells it fills, as the preview names them. */
export const prognosisUseText = {
  persons: (measure: string) => `${measure}: prognose, helårsborgere`,
  price: (measure: string) => `${measure}: prognose, gns. pris`,
  empty: '(tom)',
};

/** The case list's findings (spec §12). */
export const caseText = {
  noMeasure: (row: number) => `Sagen i række ${row} har ingen indsats: den kan ikke regnes med i prognosen.`,
  noPrice: (row: number) =>
    `Sagen i række ${row} har ingen pris (månedspris, årspris eller døgnpris): den kan ikke regnes med i prognosen.`,
  badDate: (what: string, raw: string) =>
    raw.trim() === ''
      ? `${what} mangler: sagen kan ikke regnes med i prognosen.`
      : `${what} "${raw}" kan ikke læses som en dato (skriv fx 01-03-2024): sagen kan ikke regnes med i prognosen.`,
  endBeforeStart: (end: string, start: string) =>
    `Slutdatoen ${formatDanishDate(end)} ligger før startdatoen ${formatDanishDate(start)}: sagen kan ikke regnes med i prognosen.`,
  overlap: (id: string, otherRow: number) =>
    `Sags-id ${id} står også i række ${otherRow} med samme indsats og en periode, der overlapper: sagen tælles måske to gange.`,
  unmatched: (measure: string, sheet: string) =>
    `Indsatsen "${measure}" findes ikke i aktivitetsprognosen ("${sheet}"), så dens tal kan ikke overføres dertil.`,
  cprLike: (header: string, count: number) =>
    `Kolonnen "${header}" indeholder ${count === 1 ? 'en værdi' : `${count} værdier`}, der ligner CPR-numre. Personoplysninger hører ikke hjemme i arket: brug et sagsnummer i stedet.`,
};

export const findingText = {
  NO_PLAN: () =>
    'Der blev ikke fundet nogen handleplan: ingen tabel med månederne JAN–DEC ("Økonomisk effekt fordelt pr. måned").',
  NO_TARGET: () =>
    'Forventet merforbrug mangler: udfyld "Forventet merforbrug efter denne opdatering" (eller "ved opstart").',
  NOT_A_NUMBER: (raw: string) => `Cellen skal indeholde et beløb, men indeholder "${raw}".`,
  DAMAGED_NUMBER: (stored: string) =>
    `Cellen er gemt som et tal, men filen indeholder "${stored}", som ikke er et tal. Skriv beløbet igen i Excel og gem filen.`,
  FORMULA_WITHOUT_RESULT: (formula: string) =>
    `Formlen ${formula} har intet gemt resultat – åbn og gem filen i Excel, så resultatet kan kontrolleres.`,
  AMOUNT_AS_DATE: (shown: string) =>
    `Beløbet er formateret som en dato og vises som ${shown}. Formatér cellen som tal, så beløbet kan læses.`,
  MONTH_HEADER_WRONG: (found: string, expected: string) =>
    `Kolonneoverskriften er "${found}", men her skal stå ${expected}: månederne skal stå JAN–DEC i rækkefølge.`,
  MONTH_HEADER_EXTRA: (found: string) =>
    `Kolonneoverskriften "${found}" står efter december: en måned står to gange, eller en kolonne er sat ind i månedstabellen.`,
  MONTH_HEADER_MISSING: (expected: string) =>
    `Måneden ${expected} mangler i overskriften: månederne skal stå JAN–DEC i rækkefølge.`,
  MANUAL_CALCULATION: () =>
    'Projektmappen er sat til manuel beregning, så formlernes gemte resultater kan være forældede. Tryk F9 i Excel (eller vælg automatisk beregning) og gem, før du stoler på kontrollen.',
  DUPLICATE_NUMBER: (number: number, first: string) =>
    `Nummer ${number} er brugt to gange i månedstabellen (også i ${first}); effekten af denne række tælles med, men hører måske til en anden indsats.`,
  NEGATIVE_EFFECT: (number: number | null, month: number, amount: Decimal) =>
    `Indsats ${number ?? '(uden nummer)'} har en negativ effekt i ${MONTH_NAMES[month]} (${kr(amount)}): indsatsen koster penge i stedet for at spare. Er fortegnet rigtigt?`,
  NEGATIVE_TARGET: (target: Decimal) =>
    `Det forventede merforbrug er negativt (${kr(target)}), dvs. et mindreforbrug. Handleplaner laves for et merforbrug; er fortegnet rigtigt?`,
  ZERO_TARGET: () => 'Det forventede merforbrug er 0 kr., så der er ikke behov for en handleplan.',
  HIDDEN_PLAN: (sheet: string, veryHidden: boolean) =>
    `Handleplanen står i arket "${sheet}", som er ${veryHidden ? 'meget skjult (kan kun vises med VBA)' : 'skjult'}; brugeren kan ikke se den.`,
  TOO_MANY_DIGITS: (raw: string) =>
    `Beløbet "${raw}" har flere cifre, end Excel kan gemme præcist (15), så det kan ikke regnes med. Ret beløbet.`,
  NOT_A_DATE: (raw: string) =>
    `"${raw}" kan ikke læses som en dato. Skriv datoen som dd-mm-åååå, fx 22-04-2021, så planen kan kontrolleres.`,
  DATE_WITHOUT_DAY: (raw: string, read: string) =>
    `Datoen "${raw}" har ingen dag; den er læst som ${read}. Skriv hele datoen, fx 22-04-2021.`,
  TEXT_NUMBER: (raw: string, value: Decimal) =>
    `Beløbet "${raw}" er gemt som tekst og tælles ikke med af Excels SUM. Skriv det som tallet ${formatDanishAmount(value)}.`,
  ROW_TOTAL_MISMATCH: (number: number | null, expected: Decimal, actual: Decimal | null) =>
    `I ALT for indsats ${number ?? '(uden nummer)'} er ${actual === null ? 'tom' : kr(actual)}, men månederne summer til ${kr(expected)}`,
  COLUMN_TOTAL_MISMATCH: (month: number, expected: Decimal, actual: Decimal | null) =>
    `"I alt" for ${MONTH_NAMES[month]} er ${actual === null ? 'tom' : kr(actual)}, men kolonnen summer til ${kr(expected)}`,
  GRAND_TOTAL_MISMATCH: (expected: Decimal, actual: Decimal | null) =>
    `Den samlede total er ${actual === null ? 'tom' : kr(actual)}, men alle månedlige effekter summer til ${kr(expected)}`,
  TOTAL_BELOW_TARGET: (total: Decimal, target: Decimal) =>
    `Handleplanens effekt er ${kr(total)}, men det forventede merforbrug er ${kr(target)}: planen mangler ${kr(target.minus(total))} for at dække merforbruget.`,
  TOTAL_ABOVE_TARGET: (total: Decimal, target: Decimal) =>
    `Handleplanens effekt er ${kr(total)} og overstiger det forventede merforbrug på ${kr(target)} med ${kr(total.minus(target))}`,
  EFFECT_BEFORE_START: (number: number | null, month: number, start: string) =>
    `Indsats ${number ?? '(uden nummer)'} har effekt i ${MONTH_NAMES[month]}, før handleplanen starter (${start}).`,
  EFFECT_WITHOUT_INITIATIVE: (number: number | null) =>
    `Effektrække ${number ?? '(uden nummer)'} har beløb, men der er ingen beskrevet indsats med nummer ${number ?? '?'}.`,
  INITIATIVE_WITHOUT_EFFECT: (number: number) =>
    `Indsats ${number} er beskrevet, men har ingen økonomisk effekt i månedstabellen.`,
  YEAR_MISMATCH: (label: string, year: number, expected: number) =>
    `Årstallet i "${label}" er ${year}, men handleplanen gælder ${expected}.`,
  UPDATED_BEFORE_START: (updated: string, start: string) =>
    `"Opdateret" (${updated}) ligger før "Opstart af handleplan" (${start}).`,
  PLAN_TRIGGER: (overrun: Decimal, percent: Decimal, required: boolean, rulePercent: Decimal, ruleAmount: Decimal) =>
    `Forventet merforbrug ${kr(overrun)} svarer til ${formatDanishAmount(percent, 1)} % af korrigeret budget. ` +
    (required
      ? `Det udløser krav om handleplan (${formatDanishAmount(rulePercent, 1)} % eller ${kr(ruleAmount)}).`
      : `Det er under grænsen for krav om handleplan (${formatDanishAmount(rulePercent, 1)} % eller ${kr(ruleAmount)}).`),
};

export const sheetNameText = {
  taken: (wanted: string, used: string) =>
    `Arket "${wanted}" findes allerede og er ikke oprettet af Handleplan; det bliver ikke rørt. Der skrives i "${used}" i stedet.`,
};

/** Texts written into the sheets the add-in creates, and the preview of changes. */
export type TableKind =
  'multi-year' | 'budget-status' | 'activity-forecast' | 'price-development' | 'count-table' | 'status' | 'case-list';

/** What each kind of table is called, by the command line and the pane alike. */
export const tableKindText: Record<TableKind, string> = {
  'multi-year': 'flerårig overførselstabel',
  'budget-status': 'budgetstatus (Budget / Prognose / Afvigelse)',
  'activity-forecast': 'aktivitetsprognose (helårsborgere × pris)',
  'price-development': 'prisudvikling',
  'count-table': 'tabel med "I alt"-rækker',
  'case-list': 'sagsliste (Sags-id, Indsats, Startdato, pris)',
  status: 'status pr. indsats',
};

/** What a fix changes, as its preview names each cell. */
export const fixText = {
  label: {
    TEXT_NUMBER: 'Beløb gemt som tekst',
    ROW_TOTAL_MISMATCH: 'I alt for rækken',
    COLUMN_TOTAL_MISMATCH: 'I alt for måneden',
    GRAND_TOTAL_MISMATCH: 'I alt for hele planen',
  } as Partial<Record<string, string>>,
};

export const sheetText = {
  /** The prognosis from the known cases (spec §12). */
  prognosis: {
    sheet: (year: number) => `Prognose ${year}`,
    title: (year: number) => `PROGNOSE ${year} – FRA DE KENDTE SAGER`,
    source: (sheet: string, range: string) =>
      `Bygger på sagslisten i arket "${sheet}" (${range}). Formlerne henviser til sagslisten, så en rettet sag slår igennem her. Arket er oprettet af Handleplan-tilføjelsesprogrammet og erstattes, når prognosen skrives igen.`,
    asOf: 'Opgjort pr.',
    firstDay: 'Årets første dag',
    lastDay: 'Årets sidste dag',
    days: 'Dage i året',
    headers: [
      'Indsats',
      'Sager',
      'Helårsborgere',
      'Kroner',
      'Gns. pris pr. helårsborger',
      'Afholdt til dato',
      'Resten af året',
      'Forventet tilgang pr. måned',
      'Gns. varighed (måneder)',
      'Gns. pris',
      'Tilgang (kr.)',
      'I alt med tilgang',
    ],
    total: 'I alt',
    grundlagLabel: 'Grundlag pr.',
    grundlag: (asOf: string) => `Grundlag pr. ${formatDanishDate(asOf)}`,
    grundlagHeaders: ['Sags-id', 'Indsats', 'Startdato', 'Slutdato', 'Månedspris', 'Årspris', 'Døgnpris'],
  },
  /** The finance team's "Overblik" sheet. */
  overview: {
    sheet: 'Overblik',
    title: 'Overblik over handleplanerne',
    headers: [
      'Fil',
      'Ark',
      'Center',
      'Virksomhed/område',
      'År',
      'Forventet merforbrug ved opstart',
      'Forventet merforbrug ved sidste opdatering',
      'Forventet merforbrug nu',
      'Planlagt effekt',
      'Difference',
      'Dækning %',
      'Fejl',
      'Advarsler',
      'Koder',
      'Opdateret',
    ],
    total: 'I alt',
    failed: 'Filer der ikke kunne bruges',
    failedHeaders: ['Fil', 'Årsag'],
    link: 'Link',
    open: 'Åbn',
    chartTitle: 'Dækning pr. plan',
    chartHeaders: ['Plan', 'Dækning'],
  },
  projectionTitle: (year: number) => `FREMSKRIVNING ${year}`,
  projectionSource: (sheet: string) =>
    `Bygger på handleplanen i arket "${sheet}". Formlerne henviser til handleplanen, så ændringer dér slår igennem her.`,
  ownedNote: 'Arket er oprettet af Handleplan-tilføjelsesprogrammet og erstattes, når fremskrivningen skrives igen.',
  inputLegend: 'Gule celler er inddata, som du kan ændre. De øvrige celler er formler.',
  month: 'Måned',
  cumulative: 'Kumuleret effekt',
  target: 'Forventet merforbrug',
  monthEffect: 'Månedens effekt',
  uncovered: 'Udækket merforbrug',
  total: 'I alt',
  initiativesHeading: 'INDSATSER',
  number: 'Nr.',
  area: 'Indsatsområde',
  effectYear: (year: number) => `Effekt ${year}`,
  fullYear: 'Helårseffekt',
  share: 'Andel af mål',
  multiYearHeading: 'FLERÅRIG FREMSKRIVNING (kr.)',
  carryIn: 'Overført fra tidligere år',
  overrun: 'Forventet merforbrug',
  initiative: (n: number | null, area: string) => `Indsats ${n ?? ''}${area ? `: ${area}` : ''}`,
  carryOut: 'Overførsel til efterfølgende år',
  signNote: 'Positivt tal er merforbrug, negativt tal er mindreforbrug (besparelse).',
  chartTitle: 'Kumuleret effekt mod forventet merforbrug',
  textCut: (sheet: string, cell: string, length: number, max: number) =>
    `Teksten til ${sheet}!${cell} er ${formatDanishAmount(length)} tegn, men en celle kan højst rumme ${formatDanishAmount(max)}; den er afkortet.`,
  fallbackHeading: 'Beløb skrevet som tekst, som en formel ikke kan læse',
  fallbackCell: 'Celle',
  fallbackText: 'Tekst',
  fallbackValue: 'Beløb',
  fallbackNote: (cells: string[]) =>
    `${cells.length === 1 ? 'Cellen' : 'Cellerne'} ${cells.join(', ')} holder et beløb skrevet som tekst, som en formel ikke kan regne om. Fremskrivningen bruger beløbet, som Handleplan læser det (i kolonne S); skriv det som et tal i handleplanen, så følger fremskrivningen med.`,
  historySheet: 'Historik',
  historyHeader: [
    'Dato',
    'Ark',
    'Ved opstart før',
    'Ved sidste opdatering før',
    'Efter denne opdatering før',
    'Ved opstart efter',
    'Ved sidste opdatering efter',
    'Efter denne opdatering efter',
    'Planlagt effekt',
  ],
  blockHeading: 'FORVENTET MERFORBRUG',
  asOf: (year: number) => `PR. 31.12.${year}`,
  atStart: 'Forventet merforbrug ved opstart af handleplan:',
  atLastUpdate: 'Forventet merforbrug ved sidste opdatering:',
  afterThisUpdate: 'Forventet merforbrug efter denne opdatering:',
  updated: 'Opdateret',
  empty: '(tom)',
  /** The comment of the workbook name that marks a sheet as the add-in's. */
  ownerMarkComment: 'Handleplan: arket er lavet af tilføjelsesprogrammet',
  noUpdatedCell: 'Der er ingen "Opdateret:"-celle i handleplanen, så datoen er ikke skrevet.',
  /** The "Aktivitetsprognose YYYY" sheet (spec §7). */
  forecast: {
    sheet: (year: number) => `Aktivitetsprognose ${year}`,
    title: (year: number) => `AKTIVITETSPROGNOSE ${year}`,
    model:
      'Pris gange mængde: helårsborgere × gennemsnitspris = beløb. Mer-/mindreforbrug = prognose − budget = mængdeeffekt + priseffekt.',
    inputs: 'Gule celler er inddata: helårsborgere og gennemsnitspriser. Alle andre tal er formler.',
    budget: (year: number) => `Budget ${year}`,
    forecast: (year: number) => `Prognose ${year}`,
    deviationGroup: 'Afvigelse',
    measure: 'Indsats',
    persons: 'Helårsborgere',
    price: 'Gns. pris',
    amount: 'Beløb',
    deviation: 'Mer-/mindreforbrug',
    volume: 'Heraf mængdeeffekt',
    priceEffect: 'Heraf priseffekt',
    total: 'I alt',
    effectsNote:
      'Mængdeeffekt = (prognose − budget helårsborgere) × budgetpris. Priseffekt = prognosens helårsborgere × (prognosepris − budgetpris).',
    signNote: 'Positivt tal er merforbrug, negativt tal er mindreforbrug.',
    measures: [
      'Anbringelse – plejefamilie',
      'Anbringelse – netværksplejefamilie',
      'Anbringelse – døgninstitution/opholdssted',
      'Anbringelse – eget værelse/kollegium',
      'Forebyggende foranstaltninger – familiebehandling',
      'Kontaktperson',
      'Aflastning/afløsning',
      'Dagbehandling',
    ],
  },
  /** The "Status <måned> YYYY" sheet (spec §7, status follow-up). */
  status: {
    sheet: (month: number, year: number) => `Status ${MONTH_NAMES[month - 1]} ${year}`,
    title: (month: number, year: number) => `STATUS ${MONTH_NAMES[month - 1].toUpperCase()} ${year}`,
    plan: 'Handleplan:',
    toDate: (month: number) =>
      `Planlagt effekt til dato er handleplanens måneder januar–${MONTH_NAMES[month - 1]}, som levende formler. Gule celler udfyldes af dig og bevares, når statussen laves igen.`,
    green: 'Grænse for grøn (andel realiseret)',
    yellow: 'Grænse for gul (andel realiseret)',
    headers: [
      'Nr.',
      'Indsatsområde',
      'Handling',
      'Planlagt effekt til dato',
      'Realiseret effekt til dato',
      'Difference',
      'Andel realiseret',
      'Status',
    ],
    total: 'I alt',
    removed: 'Fjernede indsatser',
    removedNote: 'Indsatser, der ikke længere er i handleplanen; det, du skrev om dem, er gemt her.',
    removedHeaders: ['Nr.', 'Indsatsområde', 'Realiseret effekt til dato', 'Status'],
    noteMoved: (from: string, to: string) =>
      `Det, du havde skrevet i ${from}, er flyttet til ${to}, fordi statussen nu bruger cellen.`,
    legend:
      'Trafiklys i "Andel realiseret": grøn fra grænsen for grøn, gul fra grænsen for gul, rød under. Difference = realiseret − planlagt.',
  },
  /** The labels of the standard HANDLEPLAN template (spec §3). */
  template: {
    title: (year: number) => `HANDLEPLAN ${year}`,
    center: 'Center:',
    responsible: 'Ansvarlig:',
    unit: 'Virksomhed / område:',
    startDate: 'Opstart af handleplan:',
    updatedDate: 'Opdateret:',
    reason: 'Årsag til merforbrug:',
    initiativeHeaders: ['INDSATSOMRÅDE', 'KONKRETE MÅL', 'HANDLING OG INDSATS', 'KONSEKVENSER'],
    monthTitle: (year: number) => `ØKONOMISK EFFEKT FORDELT PR. MÅNED I ${year}`,
    rowTotal: 'I ALT',
    totalRow: 'I alt',
    trigger: `Udarbejdes ved forventet merforbrug på ${DEFAULT_TRIGGER.percent} % af korrigeret budget - eller ${DEFAULT_TRIGGER.millions} mio.kr.`,
  },
};

const kroner = (d: Decimal | null) =>
  d ? `${formatDanishAmount(d.toDecimalPlaces(0, Decimal.ROUND_HALF_UP))} kr.` : 'tom';
/** An amount in a table's own unit, with the unit ("1.234,5 mio. kr."). */
const inUnit = (d: Decimal, unit: number | null) =>
  `${formatDanishAmount(d)} ${unit === 1_000_000 ? 'mio. kr.' : unit === 1000 ? 't.kr.' : 'kr.'}`;
/** A figure of a table that may hold counts: with its unit where one is stated, else bare. */
const figure = (d: Decimal | null, unit: number | null) =>
  d ? (unit === null ? formatDanishAmount(d) : inUnit(d, unit)) : 'tom';
const pct = (d: Decimal) => `${formatDanishAmount(d)} %`;

/** Findings of the activity tables (spec §7). */
export const activityText = {
  notANumber: (raw: string) => `Cellen skal indeholde et tal, men indeholder "${raw}".`,
  notAPercent: (raw: string) => `Prisudviklingen skal være en procent, fx 2 %, men cellen indeholder "${raw}".`,
  amount: (row: string, persons: Decimal, price: Decimal, expected: Decimal, actual: Decimal | null) =>
    `Beløbet for "${row}" er ${kroner(actual)}, men ${formatDanishAmount(persons)} helårsborgere × ${kroner(price)} giver ${kroner(expected)}.`,
  deviation: (row: string, expected: Decimal, actual: Decimal | null) =>
    `Mer-/mindreforbruget for "${row}" er ${kroner(actual)}, men prognose − budget giver ${kroner(expected)}.`,
  volume: (row: string, expected: Decimal, actual: Decimal | null) =>
    `Mængdeeffekten for "${row}" er ${kroner(actual)}, men (prognose − budget helårsborgere) × budgetprisen giver ${kroner(expected)}.`,
  price: (row: string, expected: Decimal, actual: Decimal | null) =>
    `Priseffekten for "${row}" er ${kroner(actual)}, men prognosens helårsborgere × (prognosepris − budgetpris) giver ${kroner(expected)}.`,
  effects: (row: string, deviation: Decimal, sum: Decimal) =>
    `Mængdeeffekt + priseffekt for "${row}" er ${kroner(sum)}, men mer-/mindreforbruget er ${kroner(deviation)}.`,
  priceDevelopment: (row: string, from: Decimal, to: Decimal, actual: Decimal, stated: Decimal) =>
    `Prisudviklingen for "${row}" er angivet til ${pct(stated)}, men ${formatDanishAmount(from)} → ${formatDanishAmount(to)} er ${pct(actual)}.`,
  /** `unit` null: a table of counts or without a stated unit (figures bare); 1: kroner. */
  total: (row: string, expected: Decimal, actual: Decimal | null, unit: number | null) =>
    `"${row}" er ${figure(actual, unit)}, men rækkerne, den summerer, giver ${figure(expected, unit)}.`,
};

/** The committee's status report (.docx), in the shape of the seed's "status maj". */
export const reportText = {
  title: (year: number, month: number) =>
    `Økonomisk handleplan på det specialiserede børneområde ${year} – status ${MONTH_NAMES[month - 1]}`,
  source: (sheet: string, status: string | null) =>
    `Handleplanen i arket "${sheet}"${status ? `, realiseret effekt fra arket "${status}"` : ''}.`,
  summaryHeading: 'Sammenfatning',
  target: 'Forventet merforbrug',
  yearEffect: 'Planlagt effekt i året',
  plannedToDate: (month: number) => `Planlagt effekt til og med ${MONTH_NAMES[month - 1]}`,
  realisedToDate: 'Realiseret effekt til dato',
  difference: 'Difference (realiseret − planlagt)',
  notCounted: 'ikke opgjort',
  tableHeading: 'Status pr. indsats',
  headers: ['Fokus', 'Handling', 'Status'] as const,
  figures: (planned: string, realised: string | null, share: string | null) =>
    `Planlagt til dato: ${planned} kr. Realiseret: ${realised === null ? 'ikke opgjort' : `${realised} kr.`}${share ? ` (${share} %)` : ''}.`,
  noStatusText: 'Ingen status skrevet.',
  initiative: (n: number) => `Indsats ${n}`,
};

/** Findings on a status sheet. */
export const statusText = {
  behind: (number: number, planned: Decimal, realised: Decimal, share: Decimal) =>
    `Indsats ${number} er bagud: realiseret ${kr(realised)} mod planlagt ${kr(planned)} til dato (${formatDanishAmount(share.times(100).toDecimalPlaces(0))} %), ${kr(planned.minus(realised))} mangler.`,
  missing: (number: number, planned: Decimal) =>
    `Indsats ${number} har planlagt effekt ${kr(planned)} til dato, men ingen realiseret effekt er skrevet.`,
  afterPlan: (sheet: string, planYear: number) => `Statusarket "${sheet}" ligger efter handleplanens år (${planYear}).`,
  planChanged: (sheet: string, plan: string) =>
    `Statusarket "${sheet}" passer ikke længere til handleplanen i "${plan}" (indsatsernes numre er ændret). Lav statussen igen.`,
  noPlan: (sheet: string, plan: string) =>
    `Statusarket "${sheet}" henviser til arket "${plan}", som ikke har en handleplan.`,
};

export const otherTableText = {
  carryOut: (year: number, expected: Decimal, actual: Decimal | null, unit: number | null) =>
    `"Overførsel til efterfølgende år" for ${year} er ${actual ? inUnit(actual, unit) : 'tom'}, men overført beløb plus årets rækker giver ${inUnit(expected, unit)}.`,
  carryIn: (year: number, expected: Decimal, actual: Decimal | null, unit: number | null) =>
    `"Overført fra tidligere år" for ${year} er ${actual ? inUnit(actual, unit) : 'tom'}, men året før blev overført ${inUnit(expected, unit)}.`,
  deviation: (row: string, expected: Decimal, actual: Decimal, unit: number | null) =>
    `Afvigelsen for "${row}" er ${inUnit(actual, unit)}, men Prognose − Budget er ${inUnit(expected, unit)}.`,
};

/** Findings of the budget follow-up tables (spec §10). */
export const budgetTableText = {
  deviation: (row: string, expected: Decimal, actual: Decimal, sign: 1 | -1, unit: number | null) =>
    `Afvigelsen for "${row}" er ${inUnit(actual, unit)}, men ${sign === 1 ? 'forventet − budget' : 'budget − forventet'} er ${inUnit(expected, unit)}`,
  chain: (row: string, expected: Decimal, actual: Decimal, unit: number | null) =>
    `Det korrigerede budget for "${row}" er ${inUnit(actual, unit)}, men oprindeligt budget plus tillæg og overførsler er ${inUnit(expected, unit)}`,
  net: (row: string, expected: Decimal, actual: Decimal, unit: number | null) =>
    `Netto for "${row}" er ${inUnit(actual, unit)}, men udgifter plus indtægter er ${inUnit(expected, unit)}`,
  total: (row: string, expected: Decimal, actual: Decimal, unit: number | null) =>
    `"${row}" er ${inUnit(actual, unit)}, men rækkerne, den samler, giver ${inUnit(expected, unit)}`,
  rounding: (message: string, actual: Decimal, expected: Decimal, bound: Decimal) =>
    `Afrundingsdifference: ${message.replace(/\.$/, '')}. Forskellen på ${formatDanishAmount(actual.minus(expected).abs())} ligger inden for afrundingen af de viste tal (højst ${formatDanishAmount(bound)}).`,
  unpaired: (header: string) =>
    `Kolonnen "${header}" ligner en afvigelse, men Handleplan kan ikke parre den med en budget- og en prognosekolonne, så den er ikke kontrolleret.`,
};

/**
 * Every Danish text the user sees, in one place: finding messages, CLI output and the task pane.
 */
import type Decimal from 'decimal.js';
import { formatDanishAmount, formatKroner } from './money';

const kr = (d: Decimal) => formatKroner(d);
const MONTH_NAMES = [
  'januar',
  'februar',
  'marts',
  'april',
  'maj',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'december',
];

export const findingText = {
  NO_PLAN: () =>
    'Der blev ikke fundet nogen handleplan: ingen tabel med månederne JAN–DEC ("Økonomisk effekt fordelt pr. måned").',
  NO_TARGET: () =>
    'Forventet merforbrug mangler: udfyld "Forventet merforbrug efter denne opdatering" (eller "ved opstart").',
  NOT_A_NUMBER: (raw: string) => `Cellen skal indeholde et beløb, men indeholder "${raw}".`,
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

export const cliText = {
  usage: [
    'Brug:',
    '  handleplan validate <fil.xlsx> [--sheet NAVN] [--json]',
    '  handleplan project  <fil.xlsx> [--sheet NAVN] [--overrun BELØB] -o <ud.xlsx>',
    '  handleplan new-year <fil.xlsx|mappe> [--sheet NAVN] [--year ÅÅÅÅ] [--no-initiatives] [--even] -o <ud>',
    '  handleplan template --year ÅÅÅÅ -o <ud.xlsx>',
  ].join('\n'),
  unknownCommand: (c: string) => `Ukendt kommando "${c}". Skriv "handleplan --help" for at se brugen.`,
  missingArgument: (what: string) => `Mangler ${what}. Skriv "handleplan --help" for at se brugen.`,
  unknownOption: (o: string) => `Ukendt tilvalg "${o}".`,
  fileNotFound: (f: string) => `Filen "${f}" findes ikke.`,
  isDirectory: (f: string) => `"${f}" er en mappe, ikke en .xlsx-fil.`,
  emptyFile: (f: string) => `Filen "${f}" er tom.`,
  oldXlsOrEncrypted: (f: string) =>
    `Filen "${f}" er en gammel .xls-fil eller beskyttet med adgangskode. Gem den som .xlsx uden adgangskode og prøv igen.`,
  notXlsx: (f: string) => `Filen "${f}" er ikke en Excel-projektmappe (.xlsx).`,
  corrupt: (f: string) => `Filen "${f}" kunne ikke læses som .xlsx; den er måske beskadiget.`,
  noPlan: (f: string) => `Der blev ikke fundet nogen handleplan i "${f}".`,
  sheetNotFound: (s: string, f: string) => `Arket "${s}" findes ikke i "${f}".`,
  unexpected: 'Der skete en uventet fejl. Filen er ikke ændret.',
  fileHeader: (f: string) => `Handleplan – ${f}`,
  sheetHeader: (sheet: string, range: string, year: number | null) =>
    `Ark "${sheet}" (${range})${year ? `, år ${year}` : ''}`,
  initiatives: 'Indsatser',
  otherTable: (kind: string, sheet: string, range: string) =>
    `Ark "${sheet}" (${range}): ${kind === 'multi-year' ? 'flerårig overførselstabel' : 'budgetstatus (Budget / Prognose / Afvigelse)'}`,
  target: 'Mål (forventet merforbrug)',
  total: 'Planlagt effekt',
  difference: 'Difference',
  missing: 'mangler',
  noErrors: 'Ingen fejl.',
  counts: (errors: number, warnings: number, infos: number) =>
    `${errors} fejl, ${warnings} advarsl${warnings === 1 ? 'e' : 'er'}, ${infos} oplysning${infos === 1 ? '' : 'er'}.`,
  severity: { error: 'FEJL', warning: 'ADVARSEL', info: 'INFO' } as Record<string, string>,
};

/** Messages for failures in a workbook adapter, keyed by Excel's error codes, never by text. */
export const workbookErrorText: Record<string, string> = {
  ItemNotFound: 'Arket eller cellen findes ikke længere. Valider igen, og prøv så igen.',
  AccessDenied: 'Excel tillod ikke ændringen: arket eller projektmappen er beskyttet eller skrivebeskyttet.',
  InvalidArgument: 'Excel afviste de data, tilføjelsesprogrammet ville skrive. Intet er ændret.',
  InvalidOperation: 'Excel kunne ikke udføre handlingen lige nu. Afslut redigering af celler, og prøv igen.',
  InvalidOperationInCellEditMode: 'Afslut redigeringen af cellen (tryk Enter eller Esc), og prøv igen.',
  GeneralException: 'Excel meldte en fejl. Prøv igen om lidt.',
  RequestPayloadSizeLimitExceeded: 'Området er for stort til at blive sendt til Excel på én gang.',
  ResponsePayloadSizeLimitExceeded: 'Området er for stort til at blive læst fra Excel på én gang.',
  Unknown: 'Der skete en uventet fejl i forbindelse med projektmappen. Intet er ændret.',
};

/** The task pane. */
export const paneText = {
  title: 'Handleplan',
  intro: 'Kontrollér, at indsatsernes månedlige effekt summer rigtigt og dækker det forventede merforbrug.',
  validate: 'Valider handleplan',
  working: 'Validerer handleplanen …',
  readingFile: 'Læser projektmappen …',
  idle: 'Tryk på "Valider handleplan" for at kontrollere handleplanen i det aktive ark.',
  idleBrowser: 'Åbn en .xlsx-fil med en handleplan, og tryk så på "Valider handleplan".',
  summaryHeading: 'Overblik',
  sheet: 'Ark',
  year: 'År',
  target: 'Mål',
  total: 'Planlagt effekt',
  difference: 'Difference',
  initiatives: 'Indsatser',
  missing: 'mangler',
  clean: 'Handleplanen hænger sammen: ingen fejl.',
  errorsFound: (n: number) => `${n} fejl skal rettes.`,
  groups: { error: 'Fejl', warning: 'Advarsler', info: 'Oplysninger' } as Record<string, string>,
  goTo: 'Gå til',
  failedTitle: 'Det lykkedes ikke',
  retry: 'Prøv igen',
  noPlanTitle: 'Ingen handleplan fundet',
  unexpected: 'Der skete en uventet fejl. Intet i projektmappen er ændret.',
  openFile: 'Åbn .xlsx-fil',
  openFileLabel: 'Vælg en Excel-projektmappe (.xlsx)',
  fileLoaded: (name: string) => `Åbnet: ${name}`,
  fileFailed: (name: string) =>
    `Filen "${name}" kunne ikke læses som .xlsx. Den er måske beskadiget, beskyttet med adgangskode eller en gammel .xls-fil.`,
  notXlsx: (name: string) => `"${name}" er ikke en .xlsx-fil.`,
  browserMode: 'Browsertilstand: projektmappen læses i browseren og sendes ingen steder hen.',
  gridLabel: (sheet: string) => `Arket ${sheet} (skrivebeskyttet visning)`,
  sheetPicker: 'Vis ark',
  emptySheet: 'Arket er tomt.',
  gridTruncated: (rows: number) => `Viser de første ${rows} rækker.`,
};

export const sheetNameText = {
  taken: (wanted: string, used: string) =>
    `Arket "${wanted}" findes allerede og er ikke oprettet af Handleplan; det bliver ikke rørt. Der skrives i "${used}" i stedet.`,
};

/** Texts written into the sheets the add-in creates, and the preview of changes. */
export const sheetText = {
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
};

export const projectText = {
  badAmount: (s: string) => `Beløbet "${s}" kan ikke læses. Skriv fx 9.400.000 eller 9,4 mio.`,
  noTarget: 'Forventet merforbrug mangler i handleplanen. Angiv det med --overrun BELØB.',
  protectedSheet: (s: string) => `Arket "${s}" er beskyttet. Fjern beskyttelsen, og prøv igen. Intet er skrevet.`,
  missingOut: 'en udfil (-o ud.xlsx)',
  wrote: (file: string) => `Skrev ${file}`,
  sheetCreated: (s: string) => `  Ark "${s}" oprettet`,
  sheetReplaced: (s: string) => `  Ark "${s}" erstattet (oprettet af Handleplan før)`,
  cellChange: (c: { sheet: string; address: string; label: string; before: string; after: string }) =>
    `  ${c.sheet}!${c.address}  ${c.label.replace(/:$/, '')}: ${c.before} → ${c.after}`,
  historyRow: (s: string) => `  Ny række i "${s}"`,
};

export const writeText = {
  protectedSheet: (s: string) =>
    `Arket "${s}" er beskyttet, så der er ikke skrevet noget. Fjern beskyttelsen (Gennemse → Fjern arkbeskyttelse), og prøv igen.`,
  sheetAppeared: (s: string) =>
    `Der er kommet et ark med navnet "${s}", siden handleplanen blev læst. Valider igen, og prøv så igen. Intet er skrevet.`,
};

export const writePaneText = {
  heading: 'Opdatér og skriv',
  amountLabel: 'Nyt forventet merforbrug (kr.)',
  amountHint: 'Fx 9.400.000 eller 9,4 mio.',
  amountInvalid: 'Skriv et beløb, fx 9.400.000 eller 9,4 mio.',
  updateOverrun: 'Opdater forventet merforbrug',
  writeProjection: 'Skriv fremskrivning',
  previewHeading: 'Det her bliver ændret',
  cell: 'Celle',
  what: 'Hvad',
  before: 'Før',
  after: 'Efter',
  sheetCreated: (s: string) => `Arket "${s}" oprettes.`,
  sheetReplaced: (s: string) => `Arket "${s}" erstattes (det er oprettet af Handleplan).`,
  historyRow: (s: string) => `En ny række tilføjes i "${s}", så den tidligere prognose ikke går tabt.`,
  confirm: 'Skriv ændringerne',
  cancel: 'Annuller',
  writing: 'Skriver i projektmappen …',
  written: 'Ændringerne er skrevet.',
  goTo: (s: string) => `Gå til ${s}`,
  noTarget: 'Der er intet forventet merforbrug at fremskrive. Opdater det først.',
  download: 'Hent den ændrede projektmappe',
};

export const newYearText = {
  badYear: (s: string) => `Året "${s}" er ikke et årstal (fx 2025).`,
  missingYear: 'et år (--year ÅÅÅÅ)',
  created: (file: string, sheet: string) => `Skrev ${file}: arket "${sheet}" er oprettet.`,
  progress: (i: number, n: number, file: string, result: string) => `[${i}/${n}] ${file}: ${result}`,
  done: (sheet: string, out: string) => `"${sheet}" oprettet → ${out}`,
  failed: (message: string) => `FEJL – ${message}`,
  summary: (ok: number, failed: number) =>
    `${ok + failed} ${ok + failed === 1 ? 'fil' : 'filer'}: ${ok} rullet over til næste år, ${failed} fejlede.`,
  noFiles: (folder: string) => `Mappen "${folder}" indeholder ingen .xlsx-filer.`,
  outIsFile: (out: string) => `"${out}" er en fil; angiv en mappe til de nye projektmapper.`,
};

export const newYearPaneText = {
  heading: 'Ny årsplan',
  year: 'År',
  carry: 'Overfør indsatserne',
  effects: 'Månedlige effekter',
  even: 'Fordel helårseffekten jævnt over årets 12 måneder',
  empty: 'Lad dem være tomme',
  create: 'Opret ny årsplan',
  created: (s: string) => `Arket "${s}" er oprettet.`,
  badYear: 'Skriv et årstal, fx 2025.',
  unsupported:
    'Denne version af Excel kan ikke kopiere ark fra et tilføjelsesprogram (kræver ExcelApi 1.7). Brug kommandolinjen: handleplan new-year.',
};

export const otherTableText = {
  carryOut: (year: number, expected: Decimal, actual: Decimal | null) =>
    `"Overførsel til efterfølgende år" for ${year} er ${actual ? formatDanishAmount(actual) : 'tom'}, men overført beløb plus årets rækker giver ${formatDanishAmount(expected)}.`,
  carryIn: (year: number, expected: Decimal, actual: Decimal | null) =>
    `"Overført fra tidligere år" for ${year} er ${actual ? formatDanishAmount(actual) : 'tom'}, men året før blev overført ${formatDanishAmount(expected)}.`,
  deviation: (row: string, expected: Decimal, actual: Decimal) =>
    `Afvigelsen for "${row}" er ${formatDanishAmount(actual)}, men Prognose − Budget er ${formatDanishAmount(expected)}.`,
};

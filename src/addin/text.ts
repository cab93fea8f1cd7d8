/** Every Danish text the task pane shows. */
import { WorkbookError, type WorkbookErrorCode } from '../core/model/adapter';
import type Decimal from 'decimal.js';
import { MONTH_NAMES, type TableKind } from '../core/text/da';
import { FIRST_YEAR, LAST_YEAR } from '../core/text/dates';
import type { FindingCode } from '../core/model/findings';
import { formatDanishAmount, formatKroner } from '../core/amounts/money';

/**
 * A Danish message for every error code of Excel.ErrorCodes, and the add-in's own, saying what to
 * do. "Prøv igen om lidt" only where the failure passes by itself.
 */
export const workbookErrorText: Record<WorkbookErrorCode, (p: Record<string, string>) => string> = {
  AccessDenied: () =>
    'Excel tillod ikke ændringen: arket eller projektmappen er beskyttet, eller filen er skrivebeskyttet. Fjern beskyttelsen (Gennemse), og prøv igen.',
  ApiNotFound: () =>
    'Denne version af Excel mangler en funktion, som Handleplan bruger. Opdater Office, eller brug kommandolinjen (handleplan).',
  Conflict: () =>
    'En anden ændring i projektmappen kom i vejen (fx fra en medforfatter). Valider igen, og prøv så igen.',
  DirtySupportingFormula: () =>
    'En formel, som handlingen bygger på, er ikke beregnet endnu. Tryk F9 for at beregne, og prøv igen.',
  EmptyChartSeries: () => 'Diagrammet kunne ikke tegnes, fordi en dataserie er tom. Valider igen, og prøv igen.',
  FilteredRangeConflict: () => 'Et filter i arket står i vejen. Ryd filteret (Data → Ryd), og prøv igen.',
  FormulaLengthExceedsLimit: () =>
    'En formel ville blive længere, end Excel tillader. Skriv beløbene i handleplanen som tal i stedet for tekst, og prøv igen.',
  GeneralException: () => 'Excel meldte en fejl. Prøv igen om lidt.',
  InactiveWorkbook: () =>
    'Projektmappen er ikke længere aktiv (den er lukket eller skiftet ud). Åbn den igen, og prøv igen.',
  InsertDeleteConflict: () =>
    'Excel kunne ikke indsætte eller slette celler, fordi en tabel, et filter eller flettede celler står i vejen.',
  InvalidArgument: () => 'Excel afviste de data, Handleplan ville skrive. Valider igen, og prøv igen.',
  InvalidBinding: () =>
    'Forbindelsen til et område i projektmappen gælder ikke længere. Luk ruden, åbn den igen, og prøv igen.',
  InvalidOperation: () =>
    'Excel kan ikke udføre handlingen i projektmappens nuværende tilstand (fx en delt eller skrivebeskyttet projektmappe). Valider igen, og prøv igen.',
  InvalidOperationInCellEditMode: () => 'Afslut redigeringen af cellen (tryk Enter eller Esc), og prøv igen.',
  InvalidReference: () => 'En henvisning peger på et område, der ikke findes længere. Valider igen, og prøv igen.',
  InvalidSelection: () => 'Markeringen kan ikke bruges. Klik i en celle i arket, og prøv igen.',
  ItemAlreadyExists: () =>
    'Der findes allerede et ark eller navn med det navn, Handleplan ville bruge. Valider igen, og prøv igen.',
  ItemNotFound: () => 'Arket eller cellen findes ikke længere. Valider igen, og prøv så igen.',
  MergedRangeConflict: () =>
    'En celle, der skulle skrives i, ligger i flettede celler. Ophæv fletningen (Start → Flet og centrer), og prøv igen.',
  NonBlankCellOffSheet: () =>
    'Der er ikke plads: der står noget i arkets sidste rækker eller kolonner, som ville blive skubbet ud af arket.',
  NotImplemented: () =>
    'Denne version af Excel kan ikke udføre handlingen. Opdater Office, eller brug kommandolinjen (handleplan).',
  OpenWorkbookLinksBlocked: () =>
    'Excel har blokeret links til andre projektmapper. Tillad dem (Data → Rediger links), og prøv igen.',
  OperationCellsExceedLimit: () => 'Handlingen omfatter flere celler, end Excel kan klare på én gang.',
  PivotTableRangeConflict: () => 'En pivottabel står i vejen for det område, der skulle skrives i.',
  PowerQueryRefreshResourceChallenge: () =>
    'En Power Query-forespørgsel venter på adgang til sin datakilde. Opdater forespørgslerne, og prøv igen.',
  RangeExceedsLimit: () => 'Området er større, end Excel kan behandle på én gang.',
  RangeImageExceedsLimit: () => 'Billedet af området er for stort til Excel.',
  RefreshWorkbookLinksBlocked: () =>
    'Excel har blokeret opdatering af links til andre projektmapper. Tillad dem (Data → Rediger links), og prøv igen.',
  RequestAborted: () => 'Forbindelsen til Excel blev afbrudt. Prøv igen om lidt.',
  RequestPayloadSizeLimitExceeded: () => 'Der er for meget at sende til Excel på én gang.',
  ResponsePayloadSizeLimitExceeded: () => 'Området er for stort til at blive læst fra Excel på én gang.',
  UnsupportedFeature: () =>
    'Projektmappen bruger en funktion, som tilføjelsesprogrammer ikke kan ændre (fx en delt projektmappe i gammel stil).',
  UnsupportedFillType: () => 'Excel kan ikke udfylde området på den måde.',
  UnsupportedOperation: () => 'Excel understøtter ikke handlingen her.',
  UnsupportedSheet: () => 'Arket er af en slags (fx et diagramark eller makroark), som Handleplan ikke kan skrive i.',
  // The add-in's own.
  StrictWorkbook: () =>
    'Projektmappen er gemt i formatet Strict Open XML, som Handleplan kan læse, men ikke skrive i. Gem den som almindelig Excel-projektmappe (.xlsx), og åbn den igen.',
  SheetLost: (p) =>
    `Skrivningen ville have udeladt arket "${p.sheet ?? ''}" fra projektmappen, så intet er skrevet. Filen er ikke ændret.`,
  Stale: (p) => `Projektmappen er ændret siden valideringen – valider igen.${p.where ? ` (Ændret: ${p.where}.)` : ''}`,
  SheetProtected: (p) =>
    `Arket "${p.sheet}" er beskyttet. Fjern beskyttelsen (Gennemse → Fjern arkbeskyttelse), og prøv igen.`,
  WorkbookProtected: () =>
    'Projektmappens struktur er beskyttet, så der kan ikke tilføjes ark. Fjern beskyttelsen (Gennemse → Beskyt projektmappe), og prøv igen.',
  RollbackFailed: () =>
    'Skrivningen mislykkedes, og ændringerne kunne ikke fortrydes helt. Luk projektmappen uden at gemme, og åbn den igen.',
  Unknown: () => 'Der skete en uventet fejl i forbindelse med projektmappen.',
};

/** Added to a failed write's message: the write was undone. */
export const nothingChanged = 'Intet i projektmappen er ændret.';

const NBSP = '\u00a0';
/** A cell reference or an amount that must not break across lines ("Handleplan 2021!M28"). */
export const unbroken = (s: string) => s.replace(/ /g, NBSP);

/**
 * A sentence with amounts and cell references in it: "1.175.000 kr." and "Handleplan 2021!M28"
 * are kept on one line, the words around them may wrap.
 */
export const keepTogether = (s: string) =>
  s
    .replace(/(\d) (?=(?:mio\. )?kr\.)/g, `$1${NBSP}`)
    .replace(/mio\. kr\./g, `mio.${NBSP}kr.`)
    .replace(/(\S+) (?=\S*![A-Z]{1,3}\d+\b)/g, `$1${NBSP}`);

export const paneText = {
  undoCleared:
    'Excel kan ikke fortryde, at et ark oprettes eller flyttes: når du bekræfter, kan dine tidligere ændringer ikke længere fortrydes med Ctrl+Z.',
  title: 'Handleplan',
  intro: 'Kontrollér, at indsatsernes månedlige effekt summer rigtigt og dækker det forventede merforbrug.',
  validate: 'Valider handleplan',
  validateAgain: 'Valider igen',
  working: 'Validerer handleplanen …',
  readingFile: 'Læser projektmappen …',
  readingProgress: (percent: number) => `Læser projektmappen … ${percent} %`,
  readCancelled: (name: string) => `Læsningen af "${name}" er annulleret. Åbn en fil igen, når du er klar.`,
  cancel: 'Annuller',
  unsaved: (name: string) => `Ændringerne i "${name}" er ikke hentet endnu. Åbner du en anden fil, går de tabt.`,
  downloadFirst: 'Hent projektmappen først',
  openAnyway: 'Åbn en anden fil alligevel',
  idle: 'Tryk på "Valider handleplan" for at kontrollere handleplanen i det aktive ark.',
  idleBrowser: 'Åbn en .xlsx-fil med en handleplan. Den bliver valideret, så snart den er åbnet.',
  readAt: (time: string) => `Læst kl. ${time}`,
  stale: 'Arket er ændret, siden det blev læst. Resultatet kan være forældet – valider igen, før du skriver noget.',
  staleWrite: 'Arket er ændret, siden det blev læst. Valider igen, før du skriver.',
  planPicker: 'Handleplan',
  planOption: (sheet: string, year: number | null, range: string | null, errors: number) =>
    `${sheet}${year && !sheet.includes(String(year)) ? ` – ${year}` : ''}${range ? ` (${range.split(':')[0]})` : ''}${errors ? ` · ${errors} fejl` : ''}`,
  findAllPlans: 'Søg i alle ark',
  summaryHeading: 'Overblik',
  summaryTitle: (sheet: string, year: number | null) =>
    `Overblik – ${sheet}${year && !sheet.includes(String(year)) ? ` (${year})` : ''}`,
  target: 'Forventet merforbrug',
  total: 'Planlagt effekt',
  shortfall: 'Mangler at dække',
  surplus: 'Dækket ud over',
  initiatives: 'Indsatser',
  missing: 'mangler',
  groups: { error: 'Fejl', warning: 'Advarsel', info: 'Oplysning' } as Record<string, string>,
  goTo: 'Gå til',
  codeHint: (code: string) => `Kode: ${code}`,
  codeTitle: 'Fejlkoden, hvis du skal henvise til den',
  failedTitle: 'Det lykkedes ikke',
  retry: 'Prøv igen',
  noPlanTitle: 'Ingen handleplan fundet.',
  unexpected: 'Der skete en uventet fejl. Intet i projektmappen er ændret.',
  openFile: 'Åbn .xlsx-fil',
  openFileLabel: 'Vælg en eller flere Excel-projektmapper (.xlsx)',
  fileLoaded: (name: string) => `Åbnet: ${name}`,
  fileFailed: (name: string) => `Filen "${name}" kunne ikke læses som .xlsx; den er måske beskadiget.`,
  fileEncrypted: (name: string) =>
    `Filen "${name}" er en gammel .xls-fil eller beskyttet med adgangskode. Gem den som .xlsx uden adgangskode, og prøv igen.`,
  fileNotWorkbook: (name: string) => `Filen "${name}" er ikke en Excel-projektmappe (.xlsx).`,
  fileTooLarge: (name: string) =>
    `Filen "${name}" er for stor til at blive læst i browseren. Brug kommandolinjen (handleplan validate).`,
  notXlsx: (name: string) => `"${name}" er ikke en .xlsx-fil.`,
  browserMode: 'Browsertilstand: projektmappen læses i browseren og sendes ingen steder hen.',
  gridLabel: (sheet: string) => `Arket ${sheet} (skrivebeskyttet visning)`,
  sheetPicker: 'Vis ark',
  sheet: 'Række',
  emptySheet: 'Arket er tomt.',
  gridTruncated: (rows: number) => `Viser de første ${rows} rækker.`,
  backToFinding: 'Tilbage til fundene',
  cellWhere: (cell: string, row: number, label: string | null) =>
    `${cell} – række ${row}${label ? `: ${label.length > 60 ? `${label.slice(0, 58)}…` : label}` : ''}`,
  ribbonValidating: 'Valideret fra båndet.',
  loadingActions: 'Henter handlingerne …',
  browserNext:
    'I browseren kan du ikke skrive i cellerne: hent projektmappen, udfyld den i Excel, og åbn den her igen.',
};

/** A table kind as the verdict names it, in the definite form ("i aktivitetsprognosen"). */
const TABLE_THE: Record<TableKind, string> = {
  'multi-year': 'overførselstabellen',
  'budget-status': 'budgetstatussen',
  'activity-forecast': 'aktivitetsprognosen',
  'price-development': 'prisudviklingen',
  'count-table': 'tabellen med "I alt"-rækker',
  status: 'statusarket',
  'case-list': 'sagslisten',
};
const TABLE_TITLE: Record<TableKind, string> = {
  'multi-year': 'Overførselstabel',
  'budget-status': 'Budgetstatus',
  'activity-forecast': 'Aktivitetsprognose',
  'price-development': 'Prisudvikling',
  'count-table': 'Tabel med "I alt"-rækker',
  status: 'Status',
  'case-list': 'Sagsliste',
};

const list = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} og ${items[items.length - 1]}`;

/** The verdict line over the results, and the places the findings are listed under. */
export const verdictText = {
  clean: (warnings: number) =>
    `Handleplanen hænger sammen: ingen fejl${warnings > 0 ? ` · ${warnings} ${warnings === 1 ? 'advarsel' : 'advarsler'}` : ''}.`,
  errors: (n: number, where: string[]) => `${n} fejl skal rettes: ${list(where)}.`,
  errorsInPlan: (n: number) => `${n} i handleplanen`,
  errorsInTable: (n: number, kind: TableKind, sheet: string) => `${n} i ${TABLE_THE[kind]} i "${sheet}"`,
  tableErrors: (n: number, where: string[]) => `Tabellerne i projektmappen har ${n} fejl: ${list(where)}.`,
  tablesClean: (tables: number, warnings: number) =>
    `${tables === 1 ? 'Tabellen' : `De ${tables} tabeller`} i projektmappen har ingen fejl${warnings > 0 ? ` (${warnings} ${warnings === 1 ? 'advarsel' : 'advarsler'})` : ''}.`,
  coverage: (difference: Decimal) =>
    difference.isZero()
      ? 'Planen dækker det forventede merforbrug.'
      : difference.isNegative()
        ? `Planen mangler ${formatKroner(difference.negated())} for at dække det forventede merforbrug.`
        : `Planen dækker ${formatKroner(difference)} mere end det forventede merforbrug.`,
  behind: (n: number, short: Decimal, sheets: string[]) =>
    `${n} ${n === 1 ? 'indsats er' : 'indsatser er'} bagud${short.greaterThan(0) ? ` med i alt ${formatKroner(short)}` : ''} (${sheets.map((s) => `"${s}"`).join(', ')}).`,
  noPlan: 'Ingen handleplan fundet.',
  noPlanWhy: (sheets: number) =>
    `Der er ingen tabel med månederne JAN–DEC ("Økonomisk effekt fordelt pr. måned") i ${sheets === 1 ? 'arket' : `de ${sheets} ark, der blev læst`}. Har du en handleplan i et andet ark, så gå til det, og valider igen.`,
  freshPlan: (sheet: string) => `"${sheet}" er ny og endnu ikke udfyldt – fundene nedenfor er det, der mangler.`,
  planPlace: (sheet: string) => `Handleplanen i "${sheet}"`,
  tablePlace: (kind: TableKind, sheet: string, range: string) => `${TABLE_TITLE[kind]} i "${sheet}" (${range})`,
  placeCounts: (errors: number, warnings: number, infos: number) =>
    [
      errors ? `${errors} fejl` : '',
      warnings ? `${warnings} ${warnings === 1 ? 'advarsel' : 'advarsler'}` : '',
      infos ? `${infos} ${infos === 1 ? 'oplysning' : 'oplysninger'}` : '',
    ]
      .filter(Boolean)
      .join(' · '),
  initiative: (n: number, text: string) => `Indsats ${n}: ${text.length > 70 ? `${text.slice(0, 68)}…` : text}`,
  otherPlansErrors: (n: number) => `Der er også ${n} fejl i andre handleplaner i projektmappen – vælg dem ovenfor.`,
};

/** Findings of one kind, told once ("54 beløb er gemt som tekst (F22:N28)"), and their fixes. */
export const groupText: Record<FindingCode, (n: number) => string> = {
  NO_PLAN: (n) => `${n} ark uden handleplan`,
  NO_TARGET: (n) => `${n} handleplaner uden forventet merforbrug`,
  NOT_A_NUMBER: (n) => `${n} celler holder noget, der ikke er et beløb`,
  FORMULA_WITHOUT_RESULT: (n) => `${n} formler har intet gemt resultat`,
  TEXT_NUMBER: (n) => `${n} beløb er gemt som tekst`,
  AMOUNT_AS_DATE: (n) => `${n} beløb er formateret som datoer`,
  MONTH_HEADER: (n) => `${n} kolonneoverskrifter står forkert`,
  MANUAL_CALCULATION: (n) => `${n} planer med manuel beregning`,
  DUPLICATE_NUMBER: (n) => `${n} numre er brugt to gange`,
  NEGATIVE_EFFECT: (n) => `${n} indsatser har en negativ effekt`,
  NEGATIVE_TARGET: (n) => `${n} negative forventede merforbrug`,
  ZERO_TARGET: (n) => `${n} forventede merforbrug på 0 kr.`,
  HIDDEN_PLAN: (n) => `${n} handleplaner i skjulte ark`,
  NOT_A_DATE: (n) => `${n} datoer kan ikke læses`,
  DATE_WITHOUT_DAY: (n) => `${n} datoer uden dag`,
  ROW_TOTAL_MISMATCH: (n) => `${n} rækker har et forkert "I alt"`,
  COLUMN_TOTAL_MISMATCH: (n) => `${n} måneder har et forkert "I alt"`,
  GRAND_TOTAL_MISMATCH: (n) => `${n} forkerte "I alt" for hele planen`,
  TOTAL_BELOW_TARGET: (n) => `${n} planer dækker ikke merforbruget`,
  TOTAL_ABOVE_TARGET: (n) => `${n} planer dækker mere end merforbruget`,
  EFFECT_BEFORE_START: (n) => `${n} indsatser har effekt før planens start`,
  EFFECT_WITHOUT_INITIATIVE: (n) => `${n} effektrækker har ingen indsats`,
  INITIATIVE_WITHOUT_EFFECT: (n) => `${n} indsatser har ingen effekt`,
  YEAR_MISMATCH: (n) => `${n} årstal passer ikke med planens år`,
  UPDATED_BEFORE_START: (n) => `${n} opdateringsdatoer ligger før starten`,
  PLAN_TRIGGER: (n) => `${n} oplysninger om krav om handleplan`,
  CARRY_MISMATCH: (n) => `${n} overførsler mellem årene passer ikke`,
  DEVIATION_MISMATCH: (n) => `${n} afvigelser passer ikke med Prognose − Budget`,
  BUDGET_CHAIN_MISMATCH: (n) => `${n} korrigerede budgetter passer ikke med tillæggene`,
  NET_MISMATCH: (n) => `${n} nettobeløb passer ikke med udgifter og indtægter`,
  GROUP_TOTAL_MISMATCH: (n) => `${n} sumrækker passer ikke med rækkerne under dem`,
  ROUNDING_DIFFERENCE: (n) => `${n} afrundingsforskelle`,
  UNPAIRED_DEVIATION: (n) => `${n} afvigelseskolonner kunne ikke kontrolleres`,
  ACTIVITY_AMOUNT_MISMATCH: (n) => `${n} beløb passer ikke med helårsborgere × pris`,
  ACTIVITY_DEVIATION_MISMATCH: (n) => `${n} mer-/mindreforbrug passer ikke med prognose − budget`,
  ACTIVITY_EFFECT_MISMATCH: (n) => `${n} mængde- og priseffekter summer ikke til mer-/mindreforbruget`,
  PRICE_DEVELOPMENT_MISMATCH: (n) => `${n} prisudviklinger passer ikke med priserne`,
  TABLE_TOTAL_MISMATCH: (n) => `${n} "I alt"-rækker passer ikke med rækkerne`,
  STATUS_BEHIND: (n) => `${n} indsatser er bagud`,
  STATUS_MISSING: (n) => `${n} indsatser mangler realiseret effekt`,
  STATUS_STALE: (n) => `${n} statusark passer ikke til handleplanen`,
  CASE_END_BEFORE_START: (n) => `${n} sager slutter før de starter`,
  CASE_NO_PRICE: (n) => `${n} sager mangler en pris`,
  CASE_NO_MEASURE: (n) => `${n} sager mangler en indsats`,
  CASE_OVERLAP: (n) => `${n} sager står to gange med overlappende perioder`,
  CASE_MEASURE_UNMATCHED: (n) => `${n} indsatser findes ikke i aktivitetsprognosen`,
  CPR_LIKE: (n) => `${n} kolonner ligner CPR-numre`,
};

export const fixButtonText = {
  number: (n: number) => (n === 1 ? 'Lav det om til et tal' : 'Lav dem om til tal'),
  value: (n: number, amount: Decimal | undefined) =>
    n === 1 && amount ? `Ret til ${formatKroner(amount)}` : 'Ret dem til de rigtige summer',
  sum: (n: number, range: string | undefined) => (n === 1 && range ? `Indsæt =SUM(${range})` : 'Indsæt =SUM(…) i dem'),
  title: (group: string) => `Ret: ${group}`,
  success: (n: number) => `${n} ${n === 1 ? 'celle er rettet' : 'celler er rettet'}.`,
  showAll: (n: number) => `Vis alle ${n}`,
  hideAll: 'Skjul dem',
};

/** The ribbon's "Valider handleplan" when no pane is open: a dialog with the verdict. */
export const ribbonText = {
  noPlanTitle: 'Ingen handleplan fundet',
  failedTitle: 'Valideringen lykkedes ikke',
  openPane: 'Åbn Handleplan (fanen Hjem) for at se hvorfor og for at indsætte en tom handleplan.',
  verdict: (sheets: string[], errors: number, warnings: number) => ({
    title: errors === 0 ? 'Handleplanen hænger sammen' : `${errors} fejl skal rettes`,
    message: `${sheets.join(', ')}: ${errors} fejl, ${warnings} ${warnings === 1 ? 'advarsel' : 'advarsler'}. Åbn Handleplan (fanen Hjem) for at se dem og gå til cellerne.`,
  }),
  close: 'Luk',
};

/** The actions that write to the workbook, and the flow they share. */
export const actionText = {
  heading: 'Skriv i projektmappen',
  preview: 'Se ændringerne',
  previewHeading: (action: string) => `Det her bliver ændret: ${action}`,
  previewAnnounce: (n: number) =>
    `Forhåndsvisning klar: ${n} ${n === 1 ? 'ændring' : 'ændringer'}. Gennemse dem, og bekræft.`,
  cell: 'Celle',
  what: 'Hvad',
  before: 'Før',
  after: 'Efter',
  sheetCreated: (s: string) => `Arket "${s}" oprettes.`,
  sheetReplaced: (s: string) => `Arket "${s}" erstattes (det er lavet af Handleplan).`,
  historyRow: (s: string) => `En ny række tilføjes i "${s}", så den tidligere prognose ikke går tabt.`,
  confirm: 'Skriv ændringerne',
  cancel: 'Annuller',
  writing: 'Skriver i projektmappen …',
  goTo: (s: string) => `Gå til ${s}`,
  download: 'Hent projektmappen',
  dismiss: 'Luk beskeden',
  written: 'Ændringerne er skrevet.',
  renamed: (planned: string, actual: string) => `Arket "${planned}" fandtes allerede; der er skrevet i "${actual}".`,
};

export const overrunText = {
  title: 'Opdater forventet merforbrug',
  amountLabel: 'Nyt forventet merforbrug (kr.)',
  amountHint: 'Fx 9.400.000 eller 9,4 mio.',
  amountInvalid: 'Skriv et beløb over 0 kr., fx 9.400.000 eller 9,4 mio.',
  meant: (likelier: Decimal, typed: Decimal) =>
    `Mente du ${likelier.greaterThanOrEqualTo(1_000_000) ? `${formatDanishAmount(likelier.dividedBy(1_000_000))} mio. kr.` : formatKroner(likelier)}? Du har skrevet ${formatKroner(typed)}, og handleplanen regner i kroner.`,
  useAmount: (amount: Decimal) => `Brug ${formatKroner(amount)}`,
  success: (amount: string) =>
    `Forventet merforbrug er opdateret til ${amount} kr., og en række er tilføjet i Historik.`,
};

export const projectionText = {
  title: 'Skriv fremskrivning',
  description: 'Et ark med månedlig, kumuleret og flerårig fremskrivning – levende formler på handleplanens celler.',
  noTarget: 'Der er intet forventet merforbrug at fremskrive. Opdater det først.',
  success: (sheet: string) => `Fremskrivningen er skrevet i arket "${sheet}".`,
};

export const newYearText = {
  title: 'Ny årsplan',
  year: 'År',
  carry: 'Overfør indsatserne',
  effects: 'Månedlige effekter',
  even: 'Fordel helårseffekten jævnt over årets 12 måneder',
  empty: 'Lad dem være tomme',
  sheetCopied: (from: string, to: string) => `Arket "${from}" kopieres til "${to}" med årstallene rykket frem.`,
  initiativesCarried: (n: number) => `${n} ${n === 1 ? 'indsats' : 'indsatser'} overføres.`,
  initiativesCleared: 'Indsatserne ryddes.',
  monthsEven: 'Hver fortsat indsats får sin helårseffekt fordelt jævnt over årets måneder.',
  monthsEmpty: 'De månedlige effekter er tomme.',
  blockCleared: 'Forventet merforbrug og datoerne tømmes.',
  badYear: `Skriv et årstal mellem ${FIRST_YEAR} og ${LAST_YEAR}, fx 2025.`,
  notAfterPlan: (plan: number) => `Handleplanen er for ${plan}: skriv ${plan + 1} eller et senere år.`,
  newTotal: (before: string, after: string) => `Planlagt effekt i den nye årsplan: ${before} → ${after}.`,
  unsupported:
    'Denne version af Excel kan ikke kopiere ark fra et tilføjelsesprogram (kræver ExcelApi 1.7). Brug kommandolinjen: handleplan new-year.',
  success: (sheet: string) => `Arket "${sheet}" er oprettet.`,
  next: (sheet: string, startCell: string) =>
    `Næste skridt i "${sheet}": skriv det forventede merforbrug ved opstart${startCell ? ` (celle ${startCell})` : ''} og datoerne, og ret indsatserne og de månedlige effekter til. Valider så igen.`,
};

export const forecastPaneText = {
  heading: 'Aktivitetsprognose',
  intro:
    'Hvor stort er merforbruget, og hvorfor? Helårsborgere × gennemsnitspris for budget og prognose, delt i mængde- og priseffekt.',
  summary: (sheet: string, deviation: string) => `"${sheet}": mer-/mindreforbrug i alt ${deviation} kr.`,
  split: (volume: string, price: string) => `Heraf mængdeeffekt ${volume} kr. og priseffekt ${price} kr.`,
  createTitle: 'Opret aktivitetsprognose',
  createDescription:
    'Et nyt ark med en række pr. indsats: gule celler til helårsborgere og priser, formler til resten.',
  year: 'År',
  sheetExists: (s: string) => `Arket "${s}" findes allerede med dine tal og ændres ikke.`,
  sheetCreated: (s: string) =>
    `Arket "${s}" oprettes med indsatserne fra det specialiserede børneområde; tallene er dine at udfylde.`,
  created: (s: string) => `Arket "${s}" er oprettet.`,
  next: (s: string) =>
    `Næste skridt i "${s}": udfyld helårsborgere og gennemsnitspris for budget og prognose (de gule celler). Valider så igen, og brug totalen som forventet merforbrug.`,
  useTitle: 'Brug som forventet merforbrug',
  useDescription: (amount: string) =>
    `Aktivitetsprognosens mer-/mindreforbrug i alt, ${amount} kr., bliver handleplanens forventede merforbrug.`,
  notPositive:
    'Aktivitetsprognosen viser intet merforbrug (totalen er 0 kr. eller et mindreforbrug), så der er intet at dække.',
  noPlan: 'Der er ingen handleplan at skrive i. Indsæt en tom handleplan først.',
  hasErrors: (n: number, sheet: string) =>
    `Aktivitetsprognosen i "${sheet}" har ${n} fejl (se fundene ovenfor), så dens total kan ikke bruges som forventet merforbrug, før de er rettet.`,
  hasWarnings: (n: number, sheet: string) =>
    `Bemærk: aktivitetsprognosen i "${sheet}" har ${n} ${n === 1 ? 'advarsel' : 'advarsler'} (se fundene ovenfor).`,
  notRead: 'Har du en aktivitetsprognose i et andet ark, så tryk "Søg i alle ark" ovenfor.',
};

export const statusPaneText = {
  heading: 'Status',
  intro: 'Er vi på rette spor? Planlagt effekt til dato mod den realiserede, pr. indsats.',
  month: 'Måned',
  /** The month's Danish name, from the core's one month list. */
  monthName: (m: number) => MONTH_NAMES[m - 1],
  title: 'Lav status',
  description:
    'Et ark med planlagt effekt til dato (levende formler), gule celler til realiseret effekt og status, og et trafiklys.',
  reading: 'Læser statusarkene …',
  created: (s: string) => `Arket "${s}" oprettes efter handleplanen.`,
  replaced: (s: string) => `Arket "${s}" laves igen; det, du har skrevet i det, bevares.`,
  kept: (n: number) => `${n} ${n === 1 ? 'indsats' : 'indsatser'} beholder realiseret effekt og statustekst.`,
  removed: (n: number) =>
    `${n} ${n === 1 ? 'indsats' : 'indsatser'} er ikke længere i handleplanen; det skrevne flyttes til "Fjernede indsatser".`,
  success: (s: string) => `Arket "${s}" er skrevet.`,
  next: (s: string) =>
    `Næste skridt i "${s}": skriv realiseret effekt til dato og en status for hver indsats i de gule celler. Valider så igen.`,
  report: 'Hent statusrapport (.docx)',
  reportWorking: 'Laver statusrapporten …',
  reportDone: (name: string) => `Statusrapporten "${name}" er hentet.`,
  reportFile: (month: string, year: number) => `Status ${month} ${year}.docx`,
  reportUnavailable:
    'Excel på Mac kan ikke hente filer fra et tilføjelsesprogram. Brug kommandolinjen: handleplan report <fil.xlsx> --month ÅÅÅÅ-MM -o status.docx',
  reportEmpty: (month: string, year: number, sheet: string | null) =>
    sheet
      ? `Ingen indsats har en realiseret effekt i "${sheet}", så rapporten kan ikke sige, om planen holder. Skriv den realiserede effekt i de gule celler først – eller hent rapporten alligevel.`
      : `Der er intet statusark for ${month} ${year}, så rapporten får ingen realiserede beløb. Lav status for måneden først – eller hent rapporten alligevel.`,
  reportAnyway: 'Hent alligevel',
  reportFailed: 'Statusrapporten kunne ikke laves. Intet i projektmappen er ændret.',
};

export const templateText = {
  title: 'Indsæt tom handleplan',
  description: 'Et nyt ark med en tom HANDLEPLAN i standardskabelonen, klar til at udfylde.',
  year: 'År',
  sheetCreated: (s: string) => `Arket "${s}" oprettes med en tom handleplan for året.`,
  success: (sheet: string) => `Arket "${sheet}" med en tom handleplan er oprettet.`,
  next: (sheet: string) =>
    `Næste skridt i "${sheet}": udfyld center, datoer, indsatser, de månedlige effekter og det forventede merforbrug. Valider så igen.`,
};

/** The Danish message for a failure, by its code; anything unforeseen gets a general line. */
export function userMessage(e: unknown): string {
  if (e instanceof WorkbookError) return workbookErrorText[e.code](e.params);
  return paneText.unexpected;
}

/** The message for a failed write, which was undone unless the undo failed too. */
export function writeFailedMessage(e: unknown): string {
  const message = userMessage(e);
  if (e instanceof WorkbookError && e.code === 'RollbackFailed') return message;
  return `${message} ${nothingChanged}${e instanceof WorkbookError && e.params.undoWarning ? ` ${undoWarning}` : ''}`;
}

/**
 * Where Excel keeps the write and its undo as two steps of its undo history (before ExcelApi
 * 1.20), Ctrl+Z after a failed write would step back into the half write.
 */
export const undoWarning =
  'Tryk ikke Ctrl+Z (Fortryd) nu: i denne version af Excel ville det hente den halve skrivning tilbage. Valider igen i stedet.';

/** "Alle planer": every plan of the workbook, side by side (the finance team's overview). */

export const allPlansText = {
  heading: 'Alle planer',
  intro:
    'Hver handleplan i projektmappen med forventet merforbrug, planlagt effekt og dækning. Klik for at se en plan.',
  target: (v: string) => `Forventet merforbrug ${v}`,
  total: (v: string) => `planlagt effekt ${v}`,
  coverage: (v: string) => `dækning ${v}`,
  noTarget: 'intet forventet merforbrug',
  verdict: (errors: number, warnings: number) =>
    errors === 0 && warnings === 0
      ? 'ingen fejl'
      : `${errors} fejl, ${warnings} ${warnings === 1 ? 'advarsel' : 'advarsler'}`,
  totals: (plans: number, target: string, total: string, difference: string) =>
    `I alt ${plans} planer: forventet merforbrug ${target}, planlagt effekt ${total}, difference ${difference}`,
  write: 'Skriv overblik',
  writeDescription:
    'Skriver arket "Overblik" med én række pr. plan, en sum-række med formler, links til planerne og et diagram over dækningen.',
  created: (sheet: string, plans: number) => `Arket "${sheet}" oprettes med ${plans} planer.`,
  replaced: (sheet: string, plans: number) =>
    `Arket "${sheet}" (oprettet af tilføjelsesprogrammet) erstattes med ${plans} planer.`,
  written: (sheet: string) => `Overblikket er skrevet i arket "${sheet}".`,
};

export { filesOverviewText, prognosisPaneText } from './cycleText';

/** Every Danish text the task pane shows. */
import { WorkbookError } from '../core/adapter';
import { XlsxError } from '../xlsx/errors';

/**
 * A Danish message for every error code of Excel.ErrorCodes, and the add-in's own, saying what to
 * do. "Prøv igen om lidt" only where the failure passes by itself.
 */
export const workbookErrorText: Record<string, (p: Record<string, string>) => string> = {
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
  emptySheet: 'Arket er tomt.',
  gridTruncated: (rows: number) => `Viser de første ${rows} rækker.`,
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

/** The Danish message for a failure, by its code; anything unforeseen gets a general line. */
export function userMessage(e: unknown): string {
  if (e instanceof WorkbookError) return (workbookErrorText[e.code] ?? workbookErrorText.Unknown)(e.params);
  return paneText.unexpected;
}

/** Why a file chosen in browser mode could not be opened. */
export function fileMessage(e: unknown, name: string): string {
  if (!(e instanceof XlsxError)) return paneText.fileFailed(name);
  if (e.code === 'Encrypted') return paneText.fileEncrypted(name);
  if (e.code === 'NotZip' || e.code === 'NoWorkbook') return paneText.fileNotWorkbook(name);
  if (e.code === 'TooLarge') return paneText.fileTooLarge(name);
  return paneText.fileFailed(name);
}

/** The message for a failed write, which was undone unless the undo failed too. */
export function writeFailedMessage(e: unknown): string {
  const message = userMessage(e);
  return e instanceof WorkbookError && e.code === 'RollbackFailed' ? message : `${message} ${nothingChanged}`;
}

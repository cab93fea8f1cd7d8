/** Every Danish text the command line prints. */
import type { XlsxWriteCode } from '../core/model/adapter';
import { tableKindText, type TableKind } from '../core/text/da';
import { FIRST_YEAR, formatDanishDate, LAST_YEAR } from '../core/text/dates';

/** What a refused or failed write to an .xlsx file says, by its code (every one the writer raises). */
export const writeRefusalText: Record<XlsxWriteCode, (file: string, p: Record<string, string>) => string> = {
  StrictWorkbook: (f) =>
    `"${f}" er gemt i formatet Strict Open XML, som Handleplan kan læse, men ikke skrive i. Gem den som almindelig Excel-projektmappe (.xlsx) og prøv igen.`,
  Stale: () => 'Projektmappen er ændret, mens den blev læst. Prøv igen.',
  SheetLost: (_f, p) =>
    `Skrivningen ville have udeladt arket "${p.sheet ?? ''}" fra projektmappen, så intet er skrevet. Inputfilen er uændret.`,
  SheetProtected: (_f, p) =>
    `Arket "${p.sheet ?? ''}" er beskyttet. Fjern beskyttelsen, og prøv igen. Intet er skrevet.`,
  WorkbookProtected: () =>
    'Projektmappens struktur er låst, så der kan ikke tilføjes ark. Fjern låsen (Gennemse → Beskyt projektmappe), og prøv igen. Intet er skrevet.',
  ItemNotFound: (f, p) =>
    `Arket "${p.sheet ?? ''}" findes ikke længere i "${f}", så intet er skrevet. Valider filen igen.`,
  InvalidArgument: (f) => `Handleplan kunne ikke finde det sted i "${f}", der skulle skrives i, så intet er skrevet.`,
};

export const cliText = {
  usage: [
    'Brug:',
    '  handleplan validate <fil.xlsx> [--sheet NAVN] [--json]',
    '  handleplan overview <mappe|fil.xlsx …> [-o overblik.xlsx] [--json]',
    '  handleplan project  <fil.xlsx> [--sheet NAVN] [--overrun BELØB] -o <ud.xlsx>',
    '  handleplan new-year <fil.xlsx|mappe> [--sheet NAVN] [--year ÅÅÅÅ] [--no-initiatives] [--even] -o <ud>',
    '  handleplan template --year ÅÅÅÅ -o <ud.xlsx>',
    '  handleplan forecast [fil.xlsx] --year ÅÅÅÅ -o <ud.xlsx>',
    '  handleplan status   <fil.xlsx> --month ÅÅÅÅ-MM [--sheet NAVN] -o <ud.xlsx>',
    '  handleplan report   <fil.xlsx> --month ÅÅÅÅ-MM [--sheet NAVN] -o <status.docx>',
    '  handleplan prognose <fil.xlsx> --year ÅÅÅÅ [--as-of ÅÅÅÅ-MM-DD] [--json] [-o <ud.xlsx>]',
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
  outsideSheet: (f: string, ref: string) =>
    `Filen "${f}" er beskadiget: den har en celle (${ref}) uden for Excels ark, som slutter ved kolonne XFD og række 1.048.576. Åbn og gem den i Excel.`,
  ambiguousPackage: (f: string, part: string) =>
    `Filen "${f}" er beskadiget: den kan læses på mere end én måde (${part}). Åbn og gem den i Excel.`,
  corrupt: (f: string) => `Filen "${f}" kunne ikke læses som .xlsx; den er måske beskadiget.`,
  noWorkbook: (f: string) => `Filen "${f}" er en zip-fil, men ikke en Excel-projektmappe (.xlsx).`,
  tooLarge: (f: string, what: string, limit: string) =>
    `Filen "${f}" er for stor til Handleplan: ${what} (grænsen er ${limit}).`,
  tooLargeWhat: {
    file: 'selve filen',
    part: 'en del af pakken fylder for meget udpakket',
    total: 'pakken fylder for meget udpakket',
    cells: 'arkene med tabeller har for mange celler',
    sharedStrings: 'den har for mange tekster',
    token: 'en enkelt markering i filen er længere, end en projektmappe kan indeholde (filen er måske beskadiget)',
    cellText: 'en celle indeholder langt mere tekst, end Excel tillader (filen er måske beskadiget)',
  } as Record<string, string>,
  outDirMissing: (dir: string) => `Mappen "${dir}" findes ikke. Opret den, eller vælg en anden udfil.`,
  outReadOnly: (f: string) => `Filen "${f}" er skrivebeskyttet, så den bliver ikke erstattet. Vælg en anden udfil.`,
  outIsDirectory: (f: string) => `"${f}" er en mappe. Angiv et filnavn til den nye projektmappe.`,
  outNotWritable: (f: string) => `Der kan ikke skrives til "${f}" (ingen adgang).`,
  outIsInput: (f: string) =>
    `Udfilen "${f}" er inputfilen selv (eller en genvej eller hård henvisning til den). Handleplan ændrer aldrig inputfilen: vælg et andet navn til udfilen.`,
  outNotRegular: (f: string) =>
    `"${f}" er ikke en almindelig fil (men fx en enhed eller en navngivet kanal), så den bliver ikke erstattet. Vælg en anden udfil.`,
  outBadExtension: (f: string) => `Udfilen "${f}" skal hedde .xlsx (eller .xlsm for en projektmappe med makroer).`,
  outMacroAsXlsx: (f: string) =>
    `Projektmappen indeholder makroer, så den skal gemmes som .xlsm; Excel kan ikke åbne den som "${f}". Brug samme navn med .xlsm.`,
  outXlsmWithoutMacros: (f: string) =>
    `Projektmappen har ingen makroer, så den skal gemmes som .xlsx; Excel kan ikke åbne den som "${f}". Brug samme navn med .xlsx.`,
  outNameTooLong: (f: string) =>
    `Filnavnet "${f.length > 60 ? `${f.slice(0, 57)}…` : f}" er for langt til filsystemet. Vælg et kortere navn.`,
  outDanglingLink: (f: string) =>
    `"${f}" er en genvej til noget, der ikke findes. Ret genvejen, eller vælg en anden udfil.`,
  strictWorkbook: (f: string) => writeRefusalText.StrictWorkbook(f, {}),
  interrupted: 'Afbrudt. Intet er skrevet.',
  noPlan: (f: string) => `Der blev ikke fundet nogen handleplan i "${f}".`,
  sheetNotFound: (s: string, f: string) => `Arket "${s}" findes ikke i "${f}".`,
  unexpected: 'Der skete en uventet fejl. Filen er ikke ændret.',
  fileHeader: (f: string) => `Handleplan – ${f}`,
  sheetHeader: (sheet: string, range: string, year: number | null) =>
    `Ark "${sheet}" (${range})${year ? `, år ${year}` : ''}`,
  initiatives: 'Indsatser',
  otherTable: (kind: string, sheet: string, range: string) =>
    `Ark "${sheet}" (${range}): ${tableKindText[kind as TableKind] ?? kind}`,
  forecastDeviation: (amount: string) => `  Mer-/mindreforbrug i alt: ${amount} kr.`,
  target: 'Mål (forventet merforbrug)',
  total: 'Planlagt effekt',
  difference: 'Difference',
  missing: 'mangler',
  noErrors: 'Ingen fejl.',
  counts: (errors: number, warnings: number, infos: number) =>
    `${errors} fejl, ${warnings} ${warnings === 1 ? 'advarsel' : 'advarsler'}, ${infos} ${infos === 1 ? 'oplysning' : 'oplysninger'}.`,
  severity: { error: 'FEJL', warning: 'ADVARSEL', info: 'INFO' } as Record<string, string>,
};

export const projectText = {
  badAmount: (s: string) => `Beløbet "${s}" kan ikke læses. Skriv fx 9.400.000 eller 9,4 mio.`,
  amountNotPositive: (s: string) => `Forventet merforbrug skal være over 0 kr.; "${s}" kan ikke bruges.`,
  noTarget: 'Forventet merforbrug mangler i handleplanen. Angiv det med --overrun BELØB.',
  missingOut: 'en udfil (-o ud.xlsx)',
  wrote: (file: string) => `Skrev ${file}`,
  sheetCreated: (s: string) => `  Ark "${s}" oprettet`,
  sheetReplaced: (s: string) => `  Ark "${s}" erstattet (oprettet af Handleplan før)`,
  cellChange: (c: { sheet: string; address: string; label: string; before: string; after: string }) =>
    `  ${c.sheet}!${c.address}  ${c.label.replace(/:$/, '')}: ${c.before} → ${c.after}`,
  historyRow: (s: string) => `  Ny række i "${s}"`,
};

export const newYearText = {
  badYear: (s: string) => `Året "${s}" er ikke et årstal mellem ${FIRST_YEAR} og ${LAST_YEAR} (fx 2025).`,
  notAfterPlan: (year: number, plan: number) =>
    `Året ${year} ligger ikke efter handleplanens år (${plan}): den nye årsplan skal være for ${plan + 1} eller senere.`,
  missingYear: 'et år (--year ÅÅÅÅ)',
  created: (file: string, sheet: string) => `Skrev ${file}: arket "${sheet}" er oprettet.`,
  progress: (i: number, n: number, file: string, result: string) => `[${i}/${n}] ${file}: ${result}`,
  done: (sheet: string, out: string) => `"${sheet}" oprettet → ${out}`,
  failed: (message: string) => `FEJL – ${message}`,
  summary: (ok: number, failed: number) =>
    `${ok + failed} ${ok + failed === 1 ? 'fil' : 'filer'}: ${ok} rullet over til næste år, ${failed} fejlede.`,
  noFiles: (folder: string) => `Mappen "${folder}" indeholder ingen .xlsx-filer.`,
  outIsFile: (out: string) => `"${out}" er en fil; angiv en mappe til de nye projektmapper.`,
  outInsideInput: (out: string, input: string) =>
    `Udmappen "${out}" er den samme som (eller ligger i) "${input}". Vælg en anden mappe, så de oprindelige filer ikke overskrives.`,
};

export const forecastText = {
  created: (out: string, sheet: string) => `Skrev "${out}" med arket "${sheet}".`,
  exists: (out: string, sheet: string) =>
    `Arket "${sheet}" findes allerede med dine tal; det er ikke ændret. Skrev "${out}" uden ændringer.`,
  next: 'Udfyld de gule celler (helårsborgere og gennemsnitspriser) for budget og prognose; resten er formler.',
};

export const statusCliText = {
  missingMonth: 'måneden (--month ÅÅÅÅ-MM, fx --month 2021-09)',
  badMonth: (t: string) => `Måneden "${t}" kan ikke læses. Skriv fx --month 2021-09.`,
  notDocx: (f: string) => `Statusrapporten skrives som Word-fil: giv udfilen endelsen .docx (ikke "${f}").`,
  wrote: (out: string, sheet: string, again: boolean) =>
    `Skrev "${out}" med arket "${sheet}"${again ? ' (lavet igen; det, du havde skrevet, er bevaret)' : ''}.`,
  kept: (n: number) => `  ${n} ${n === 1 ? 'indsats' : 'indsatser'} beholder realiseret effekt og statustekst.`,
  removed: (n: number) =>
    `  ${n} ${n === 1 ? 'indsats' : 'indsatser'} er ikke længere i handleplanen; det skrevne står under "Fjernede indsatser".`,
  reportWrote: (out: string, rows: number) =>
    `Skrev statusrapporten "${out}" med ${rows} ${rows === 1 ? 'indsats' : 'indsatser'}.`,
};

/**
 * Text as it may go to a terminal: control characters (C0 but tab and newline, DEL, C1) and
 * the bidirectional overrides are shown as \uXXXX, so that a cell's text (Excel's _x001B_
 * decodes to ESC) cannot move the cursor, clear the screen or reorder what is printed. The same
 * escape is valid inside a JSON string.
 */
export function visibleText(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}

/** The prognosis from the known cases. */
export const prognoseText = {
  missingYear: 'året (--year ÅÅÅÅ)',
  badAsOf: (text: string) => `--as-of "${text}" er ingen dato: skriv den som ÅÅÅÅ-MM-DD, fx 2024-06-30.`,
  noCaseList: (file: string) =>
    `Der blev ikke fundet nogen sagsliste i "${file}": en række med overskrifterne Sags-id, Indsats, Startdato og en pris (Månedspris, Årspris eller Døgnpris).`,
  heading: (file: string, year: number, asOf: string) =>
    `Prognose ${year} for ${file} (sagerne pr. ${formatDanishDate(asOf)})`,
  header: ['Indsats', 'Sager', 'Helårsborgere', 'Kroner', 'Gns. pris', 'Afholdt til dato', 'Resten af året'],
  total: 'I alt',
  written: (out: string, sheet: string) => `Arket "${sheet}" er skrevet i ${out}.`,
  bridgeHeading: 'Siden sidste prognose (kroner for hele året):',
  bridgeHeader: ['Indsats', 'Før', 'Tilgang', 'Afgang', 'Ændringer', 'Nu'],
};

/** The finance team's overview across many workbooks. */
export const overviewText = {
  nothingToRead: (given: string[]) =>
    `Der er ingen projektmapper (.xlsx eller .xlsm) at læse i ${given.map((g) => `"${g}"`).join(', ')}.`,
  header: [
    'Fil',
    'Ark',
    'Center',
    'Virksomhed/område',
    'År',
    'Forv. merforbrug',
    'Planlagt effekt',
    'Difference',
    'Dækning',
    'Fejl',
    'Advarsler',
  ],
  total: 'I alt',
  failedHeading: 'Filer der ikke kunne bruges:',
  summary: (plans: number, files: number, failed: number) =>
    `${plans} ${plans === 1 ? 'handleplan' : 'handleplaner'} i ${files} ${files === 1 ? 'fil' : 'filer'}${failed ? `; ${failed} ${failed === 1 ? 'fil' : 'filer'} kunne ikke bruges` : ''}.`,
  progress: (i: number, n: number, file: string) => `[${i}/${n}] ${file}`,
};

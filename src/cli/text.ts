/** Every Danish text the command line prints. */

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

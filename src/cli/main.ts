import { sameSheetName } from '../core/model/a1';
import { cliText, visibleText } from './text';
import { validateWorkbook } from '../core/validate';
import { fail, userMessage } from './errors';
import { parseArgs, type Io, type ParsedArgs } from './args';
import { readInput } from './files';
import { resultJson, resultText } from './report';

const optionText = (args: ParsedArgs, key: string) => {
  const v = args.options.get(key);
  return typeof v === 'string' ? v : undefined;
};

/** One file's validation: what to print and its exit status (2 when the file cannot be used). */
async function validateOne(file: string, args: ParsedArgs): Promise<{ json?: unknown; text?: string; code: number }> {
  const sheet = optionText(args, '--sheet');
  const { snapshot } = await readInput(file, { sheet });
  if (sheet !== undefined && !snapshot.sheets.some((s) => sameSheetName(s.name, sheet))) {
    fail(cliText.sheetNotFound(sheet, file));
  }
  const result = validateWorkbook(snapshot, { sheet });
  if (result.plans.length === 0 && result.tables.length === 0) fail(cliText.noPlan(file));
  const code = result.findings.some((f) => f.severity === 'error') ? 1 : 0;
  return args.options.has('--json')
    ? { json: resultJson(file, result), code }
    : { text: resultText(file, result), code };
}

/**
 * Validates every file given, one after the other; the exit status is the worst of them. With
 * several files, --json prints one object holding each file's.
 */
async function validateCommand(args: ParsedArgs, io: Io): Promise<number> {
  const files = args.positional.length ? args.positional : [fail(cliText.missingArgument('en .xlsx-fil'))];
  if (files.length === 1) {
    const one = await validateOne(files[0], args);
    io.out(one.json !== undefined ? JSON.stringify(one.json, null, 2) : one.text!);
    return one.code;
  }
  let worst = 0;
  const json: unknown[] = [];
  for (const file of files) {
    try {
      const one = await validateOne(file, args);
      if (one.json !== undefined) json.push(one.json);
      else io.out(one.text!);
      worst = Math.max(worst, one.code);
    } catch (error) {
      io.err(userMessage(error));
      if (args.options.has('--json')) json.push({ file, error: userMessage(error) });
      worst = 2;
    }
  }
  if (args.options.has('--json')) io.out(JSON.stringify({ files: json }, null, 2));
  return worst;
}

/**
 * The commands. All but validate are loaded when asked for: a validate (the command run most, on
 * the largest files) then neither starts up the writers nor the other commands.
 */
export const commands: Record<string, (args: ParsedArgs, io: Io) => Promise<number>> = {
  validate: validateCommand,
  overview: async (args, io) => (await import('./overview')).overviewCommand(args, io),
  project: async (args, io) => (await import('./project')).projectCommand(args, io),
  'new-year': async (args, io) => (await import('./newYear')).newYearCommand(args, io),
  template: async (args, io) => (await import('./newYear')).templateCommand(args, io),
  forecast: async (args, io) => (await import('./forecast')).forecastCommand(args, io),
  status: async (args, io) => (await import('./status')).statusCommand(args, io),
  report: async (args, io) => (await import('./status')).reportCommand(args, io),
  prognose: async (args, io) => (await import('./prognose')).prognoseCommand(args, io),
};

/** Runs the command line; returns the exit status and never throws. */
export async function run(argv: string[], terminal: Io): Promise<number> {
  // A cell's text reaches the terminal with its control characters shown, never obeyed.
  const io: Io = {
    out: (t) => terminal.out(visibleText(t)),
    err: (t) => terminal.err(visibleText(t)),
    isTerminal: terminal.isTerminal,
  };
  try {
    if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
      io.out(cliText.usage);
      return argv.length === 0 ? 2 : 0;
    }
    const args = parseArgs(argv);
    const command = commands[args.command] ?? fail(cliText.unknownCommand(args.command));
    if (args.options.has('--help') || args.options.has('-h')) {
      io.out(cliText.usage);
      return 0;
    }
    return await command(args, io);
  } catch (error) {
    io.err(userMessage(error));
    if (process.env.HANDLEPLAN_DEBUG) io.err(String((error as Error)?.stack ?? error));
    return 2;
  }
}

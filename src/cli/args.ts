/** The command line's arguments: how they are parsed, and the options more than one command takes. */
import { isYear } from '../core/text/dates';
import { fail } from './errors';
import { cliText, newYearText, projectText } from './text';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** stderr is a terminal: progress lines are for a person watching, not for a log. */
  isTerminal?: boolean;
}

export interface ParsedArgs {
  command: string;
  positional: string[];
  options: Map<string, string | true>;
}

/**
 * The argument an overview's worker thread is started with (see overviewWorkers.ts): a start
 * without it is a command, and never loads the worker-thread module to ask.
 */
export const OVERVIEW_WORKER_ARG = '--handleplan-overview-worker';

const VALUE_OPTIONS = new Set(['--sheet', '--overrun', '--year', '--month', '--as-of', '-o', '--out']);
const FLAG_OPTIONS = new Set(['--json', '--no-initiatives', '--even', '--help', '-h']);

export function parseArgs(argv: string[]): ParsedArgs {
  const [command = '', ...rest] = argv;
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const eq = a.indexOf('=');
    const key = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    if (VALUE_OPTIONS.has(key)) {
      const value = eq > 0 && a.startsWith('--') ? a.slice(eq + 1) : rest[++i];
      if (value === undefined) fail(cliText.missingArgument(key));
      options.set(key === '--out' ? '-o' : key, value);
    } else if (FLAG_OPTIONS.has(a)) options.set(a, true);
    else if (a.startsWith('-') && a !== '-') fail(cliText.unknownOption(a));
    else positional.push(a);
  }
  return { command, positional, options };
}

/** -o / --out: where a command writes. */
export const outOption = (args: ParsedArgs) =>
  typeof args.options.get('-o') === 'string'
    ? (args.options.get('-o') as string)
    : fail(cliText.missingArgument(projectText.missingOut));

/** --year: four digits, a year from FIRST_YEAR to LAST_YEAR. */
export function yearOption(args: ParsedArgs): number | undefined {
  const text = args.options.get('--year');
  if (typeof text !== 'string') return undefined;
  const year = Number(text);
  if (!/^\d{4}$/.test(text) || !isYear(year)) fail(newYearText.badYear(text));
  return year;
}

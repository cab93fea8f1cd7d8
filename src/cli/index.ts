import { removeTemporaryFiles } from './files';
import { OVERVIEW_WORKER_ARG } from './args';
import { run } from './main';
import { cliText } from './text';

// Whatever slips past run() still ends as one Danish line, never a stack trace.
const bail = () => {
  removeTemporaryFiles();
  process.stderr.write(`${cliText.unexpected}\n`);
  process.exit(2);
};
process.on('uncaughtException', bail);
process.on('unhandledRejection', bail);
// Ctrl-C or a kill: no temporary file is left behind, and nothing half-written is in place.
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.on(signal, () => {
    removeTemporaryFiles();
    process.stderr.write(`${cliText.interrupted}\n`);
    process.exit(code);
  });
}
// A reader that went away (| head) does not make a finished command fail.
const ignoreClosedPipe = (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') bail();
};
process.stdout.on('error', ignoreClosedPipe);
process.stderr.on('error', ignoreClosedPipe);

const runCommand = () =>
  void run(process.argv.slice(2), {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
    isTerminal: process.stderr.isTTY === true,
  }).then((code) => {
    removeTemporaryFiles();
    process.exitCode = code;
  });

// An overview's worker is started with its own argument, so that a command never loads the
// worker-thread module (3.5 ms of every start) to ask whether it is a worker.
if (process.argv.includes(OVERVIEW_WORKER_ARG))
  void import('./overviewWorkers').then((w) => (w.isOverviewWorker() ? w.serveOverviewWorker() : runCommand()));
else runCommand();

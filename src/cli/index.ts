import { cliText } from './text';
import { run } from './main';

// Whatever slips past run() still ends as one Danish line, never a stack trace.
const bail = () => {
  process.stderr.write(`${cliText.unexpected}\n`);
  process.exit(2);
};
process.on('uncaughtException', bail);
process.on('unhandledRejection', bail);

void run(process.argv.slice(2), {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
}).then((code) => {
  process.exitCode = code;
});

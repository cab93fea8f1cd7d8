// Bundles the command line into lib/cli.js (run by `npm ci` through "prepare").
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/index.ts'],
  outfile: 'lib/cli.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  // decimal.js is bundled (its ES module build): one file to load and compile, not a second module
  // resolved, read and copied into twenty import records (8 ms of every start). docx is loaded by
  // the report command only, so it stays a package of its own.
  external: ['docx'],
  mainFields: ['module', 'main'],
  logLevel: 'warning',
});

#!/usr/bin/env node
'use strict';
// A command runs for a fraction of a second, much of it before V8 has optimised our code. On a plan
// of 10,000 initiatives the optimising compiler took 0.2 s of the 0.5 s CPU, mostly inlining the
// reader's small functions into each other again for every function it optimised. A smaller
// inlining budget halves that work at no cost we can measure in the optimised code (start to exit,
// medians of 9: 10,000 initiatives 0.47 → 0.37 s CPU, 100,000 initiatives 1.29 → 1.17 s, the
// 300,000-row ledger 0.32 s either way). Set only on the engines it is known on (Node 20–24): on
// another V8 an unknown flag would be a stray line on stderr.
const v8Major = Number(process.versions.v8.split('.')[0]);
if (v8Major >= 11 && v8Major <= 13) require('node:v8').setFlagsFromString('--max-inlined-bytecode-size-cumulative=200');
require('../lib/cli.js');

#!/usr/bin/env node
// `npx qualcard ...`: runs the TypeScript CLI through tsx (a dev dependency of this repository).
// The repository's tsconfig (its @qualcard/shared paths) wherever the command is run from, not the one tsx would
// look for in the working directory.
process.env.TSX_TSCONFIG_PATH ??= require('node:path').join(__dirname, '..', 'tsconfig.json');
require('tsx/cjs');
// Output piped into head or less that stops reading: stop quietly, as other commands do.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
const { main } = require('../tools/cli/main.ts');
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});

#!/usr/bin/env node
// `npx qualcard ...`: runs the TypeScript CLI through tsx (a dev dependency of this repository).
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

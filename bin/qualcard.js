#!/usr/bin/env node
// `npx qualcard ...`: runs the TypeScript CLI through tsx (a dev dependency of this repository).
require('tsx/cjs');
const { main } = require('../tools/cli/main.ts');
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});

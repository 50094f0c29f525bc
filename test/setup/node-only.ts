// Setup for the `unit` tier: it needs nothing but Node, so any attempt to start LibreOffice, Chromium, Java (the
// Firestore emulator) or the Firebase CLI fails at once with a message saying which tier the test belongs in.
// jest.mock keeps this to the test file's own module registry: other tiers sharing the worker are untouched.
const NOT_NODE = /\b(soffice|libreoffice|chromium|chrome|java|firebase)\b/i;
const TIERS = 'LibreOffice tests go in test/office, Chromium in test/browser, emulators in test/emulator';

function guarded(actual: typeof import('node:child_process')): typeof import('node:child_process') {
  const check = (command: unknown, args: unknown): void => {
    const line = [command, ...(Array.isArray(args) ? args : [])].map(String).join(' ');
    if (NOT_NODE.test(line)) throw new Error(`the unit tier runs on Node alone, not "${line}": ${TIERS}`);
  };
  const wrap = <F extends (...a: never[]) => unknown>(f: F): F =>
    ((...a: Parameters<F>) => {
      check(a[0], a[1]);
      return f(...a);
    }) as F;
  return {
    ...actual,
    spawn: wrap(actual.spawn),
    spawnSync: wrap(actual.spawnSync),
    exec: wrap(actual.exec),
    execSync: wrap(actual.execSync),
    execFile: wrap(actual.execFile),
    execFileSync: wrap(actual.execFileSync),
    fork: wrap(actual.fork),
  };
}

jest.mock('node:child_process', () => guarded(jest.requireActual('node:child_process')));
jest.mock('child_process', () => guarded(jest.requireActual('child_process')));

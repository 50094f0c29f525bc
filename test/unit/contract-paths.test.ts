// Every path of the HTTP API is written once, in shared/src/api/routes.ts: callers build their requests from the
// routes (requestFor, pathOf, route.path), so no other non-test code may spell a `/v1/` path, even in a comment.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROUTES } from '../../shared/src/api/routes';

const ROOT = resolve(__dirname, '../..');
/** Non-test code: the add-on (its test support too), the functions' source, the CLI, scripts, benches, shared code. */
const SCANNED = ['addon', 'functions/src', 'tools', 'scripts', 'bench', 'shared/src'];
/** Where the paths live. */
const CONTRACT = 'shared/src/api/';
/** Built, installed or generated: not written by hand. */
const SKIPPED_DIRS = new Set(['node_modules', 'lib', 'dist', 'out', 'test', '__tests__']);
const SOURCE = /\.(ts|tsx|js|mjs|cjs|html|gs|sh)$/;
const API_PATH = /\/v1\//;

/**
 * Function sources that still cite paths in comments, left to the functions' own refactor (issue 17). Remove a file
 * here once it is clean: the test fails while a listed file no longer has one, so the list only shrinks.
 */
const KNOWN: readonly string[] = [
  'functions/src/digest/settings.ts',
  'functions/src/routes/cohort-json.ts',
  'functions/src/routes/cohort.ts',
  'functions/src/routes/confirmations.ts',
  'functions/src/routes/raises.ts',
  'functions/src/routes/signoffs.ts',
  'functions/src/routes/sync.ts',
  'functions/src/sync/versions.ts',
];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) return SKIPPED_DIRS.has(e.name) ? [] : sourceFiles(path);
    return e.isFile() && SOURCE.test(e.name) ? [path] : [];
  });
}

/** `file:line: text` for each line of a file that spells an API path. */
const hits = (file: string): string[] =>
  readFileSync(join(ROOT, file), 'utf8')
    .split('\n')
    .flatMap((line, i) => (API_PATH.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []));

const files = SCANNED.flatMap(sourceFiles);

test('the scan sees the code it guards, and the contract is where the paths are', () => {
  for (const f of ['tools/cli/remote.ts', 'scripts/demo.ts', 'bench/scale.ts', 'addon/src/api/requests.ts'])
    expect(files).toContain(f);
  expect(hits('shared/src/api/routes.ts').length).toBeGreaterThan(0);
  expect(ROUTES.every((r) => r.path.startsWith('/v1/'))).toBe(true);
});

test('no `/v1/` path in non-test code outside shared/src/api/', () => {
  const found = files.filter((f) => !f.startsWith(CONTRACT) && !KNOWN.includes(f)).flatMap(hits);
  expect(found).toEqual([]);
});

test('each known exception still has a path (else remove it from KNOWN)', () => {
  expect(KNOWN.filter((f) => !files.includes(f) || hits(f).length === 0)).toEqual([]);
});

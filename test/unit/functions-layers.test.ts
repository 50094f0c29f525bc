// The functions' layers (functions/src): Firestore is read and written only in store/ (typed converters, no
// unchecked casts), HTTP errors only in the HTTP layer (routes/, http/, app.ts), and only logs.ts logs.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(__dirname, '../../functions/src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}
const sources = files(SRC).map((f) => ({ path: relative(SRC, f), code: readFileSync(f, 'utf8') }));
const offenders = (pattern: RegExp, allowed: (path: string) => boolean) =>
  sources.filter((s) => !allowed(s.path) && pattern.test(s.code)).map((s) => s.path);

test('the layout is what this test reads', () => {
  expect(sources.map((s) => s.path)).toEqual(expect.arrayContaining(['store/apprentice.ts', 'logs.ts', 'app.ts']));
});

test('no unchecked cast of a Firestore document anywhere', () => {
  expect(offenders(/\.data\(\)\s*(!\s*)?as\b/, () => false)).toEqual([]);
});

test('Firestore is read and written only in store/', () => {
  const api =
    /\.(doc|collection|getAll|runTransaction|batch|collectionGroup|withConverter)\(|\btx\.(get|set|create|update|delete)\(/;
  expect(offenders(api, (p) => p.startsWith('store/'))).toEqual([]);
});

test('the database handle is taken only by the entry points', () => {
  const entry = ['db.ts', 'index.ts', 'owner.ts', 'recompute/schedule.ts', 'routes/context.ts'];
  expect(offenders(/\bfirestore\(\)/, (p) => entry.includes(p))).toEqual([]);
});

test('HTTP errors are thrown only by the HTTP layer; use cases throw domain errors', () => {
  const http = /from '(\.\.?\/)+http\/errors'|\bHttpError\b/;
  const httpLayer = (p: string) => p.startsWith('routes/') || p.startsWith('http/') || p === 'app.ts';
  expect(offenders(http, httpLayer)).toEqual([]);
});

test('only logs.ts calls the logger or the console', () => {
  expect(offenders(/firebase-functions\/logger|\bconsole\./, (p) => p === 'logs.ts')).toEqual([]);
});

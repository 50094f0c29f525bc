// The daily recompute's copy of an apprentice's rows (functions/src/recompute/rows-cache.ts): used only at the
// version it was taken at, never when unreadable, and not taken when the rows would not fit in one document.
import type { HoursEntry, SignOff } from '@qualcard/shared';
import type { DocumentSnapshot } from 'firebase-admin/firestore';
import { MAX_DOCUMENT_BYTES } from '../../functions/src/db';
import { type CachedRows, cachedRows, rowsDoc } from '../../functions/src/recompute/rows-cache';

/** A stored document as the recompute reads it (only `get` is used). */
const stored = (data: Record<string, unknown> | undefined) =>
  ({ exists: data !== undefined, get: (field: string) => data?.[field] }) as unknown as DocumentSnapshot;

const signOff: SignOff = { itemId: 'HD1.1.1', date: '2026-01-10', coachEmail: 'coach@acme.example' };
const hours = (n: number, description = 'desk shift'): HoursEntry[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `h${i}`,
    date: '2026-01-11',
    category: 'on-the-job-learning',
    levelId: 'L1',
    hours: 8,
    description,
  }));
const rows = (h: HoursEntry[]): CachedRows => ({
  signOffs: [{ key: 'HD1.1.1', order: 0, data: signOff }],
  hours: h.map((data, order) => ({ key: data.id!, order, data })),
});

test('a copy is used at the version it was taken at and at no other', () => {
  const r = rows(hours(3));
  const doc = rowsDoc(r, '1767225600.000000001')!;
  expect(cachedRows(stored(doc), '1767225600.000000001')).toEqual(r);
  expect(cachedRows(stored(doc), '1767225600.000000002')).toBeUndefined();
  expect(cachedRows(stored(undefined), '1767225600.000000001')).toBeUndefined();
});

test('a copy without a version, or unreadable, is not used', () => {
  expect(cachedRows(stored(rowsDoc(rows([]), '')), '')).toBeUndefined();
  expect(cachedRows(stored({ version: 'v', rows: '{"signOffs":' }), 'v')).toBeUndefined();
  expect(cachedRows(stored({ version: 'v', rows: '{"signOffs":[]}' }), 'v')).toBeUndefined();
  expect(cachedRows(stored({ version: 'v', rows: 42 }), 'v')).toBeUndefined();
});

test('rows that would not fit in one document are not copied (they are read every day instead)', () => {
  const big = rows(hours(300, 'x'.repeat(4000)));
  expect(Buffer.byteLength(JSON.stringify(big))).toBeGreaterThan(MAX_DOCUMENT_BYTES);
  expect(rowsDoc(big, 'v')).toBeUndefined();
  expect(rowsDoc(rows(hours(200)), 'v')).toMatchObject({ version: 'v' });
});

// Firestore caps a commit at 500 writes and the emulator does not: the functions' row writer splits large syncs
// into commits under the cap, each with its audit records, and the chain stays whole across commits.
import { ApprenticeRecord } from '@qualcard/shared';
import type { Firestore, Transaction } from 'firebase-admin/firestore';
import { commitApprentice } from '../../functions/src/store/apprentice';
import { planSync } from '../../functions/src/sync/plan';
import { verifyApprenticeAudit } from '../../functions/src/usecases/audit';
import { ADMIN, ann, clearFirestore, db } from './kit';

/** The real emulator database, with every transaction's writes counted. */
function counting(real: Firestore, commits: number[]): Firestore {
  return new Proxy(real, {
    get(target, prop, receiver) {
      if (prop !== 'runTransaction') return Reflect.get(target, prop, receiver);
      return (fn: (tx: Transaction) => Promise<unknown>) =>
        target.runTransaction(async (tx) => {
          let writes = 0;
          const counted = new Proxy(tx, {
            get(t, p) {
              const v = Reflect.get(t, p);
              if (typeof v !== 'function') return v;
              return (...args: unknown[]) => {
                if (['set', 'create', 'update', 'delete'].includes(String(p))) writes++;
                return (v as (...a: unknown[]) => unknown).apply(t, args);
              };
            },
          });
          const result = await fn(counted);
          commits.push(writes);
          return result;
        });
    },
  });
}

beforeEach(async () => {
  await clearFirestore();
});

test('1,200 new hours rows are written in commits of at most 500 writes, with one audit record each', async () => {
  const r = ApprenticeRecord.parse(ann({ signed: 0 }, { startDate: '2020-01-01' }));
  r.hours = Array.from({ length: 1200 }, (_, i) => ({
    id: `row-${i}`,
    date: new Date(Date.UTC(2020, 0, 2) + i * 86_400_000).toISOString().slice(0, 10),
    category: 'on-the-job-learning' as const,
    hours: 8,
  }));
  const commits: number[] = [];
  const result = await commitApprentice(counting(db(), commits), 'acme', 'ann', ADMIN, (state) =>
    planSync('acme', r, state),
  );
  expect(result.hours).toEqual({ created: 1200, updated: 0, deleted: 0 });
  expect(commits.length).toBeGreaterThanOrEqual(5); // 2,400 row + audit writes at under 500 each
  expect(Math.max(...commits)).toBeLessThanOrEqual(500);
  expect((await db().collection('sponsors/acme/apprentices/ann/hours').count().get()).data().count).toBe(1200);
  // One audit record per row, and one for the new profile.
  expect(await verifyApprenticeAudit(db(), 'acme', 'ann')).toEqual({ ok: true, records: 1201 });
  // The same rows again: one read-only pass, no writes.
  const again: number[] = [];
  const second = await commitApprentice(counting(db(), again), 'acme', 'ann', ADMIN, (state) =>
    planSync('acme', r, state),
  );
  expect(second.hours).toEqual({ created: 0, updated: 0, deleted: 0 });
  expect(again).toEqual([0]);
});

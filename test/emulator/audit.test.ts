// The audit chain: one record per changed sign-off, hours entry or profile, in the same transaction; tampering is
// detected.
import * as api from '@qualcard/shared/api/routes';
import { canonicalJson, sha256 } from '../../functions/src/canonical';
import { ADMIN, acme, ann as annAt, COACH, call, db, scenario, syncAs } from './kit';

const AUDIT = 'sponsors/acme/apprentices/ann/audit';
const verify = (as: string) => call(api.verifyAudit, { as, params: { sponsorId: 'acme', apprenticeId: 'ann' } });

const ann = () => annAt({ signed: 3, hoursPerCategory: 8 });

beforeEach(async () => {
  await scenario(acme());
  const first = ann();
  const second = ann();
  second.signOffs = second.signOffs!.slice(1); // one sign-off removed
  second.hours![0]!.hours = 6; // one hours entry changed
  for (const [key, r] of [
    ['audit-sync-1', first],
    ['audit-sync-2', second],
  ] as const) {
    expect((await syncAs(ADMIN, [r], { key })).status).toBe(200);
  }
  const signed = await call(api.signOffs, {
    as: COACH,
    params: { sponsorId: 'acme', apprenticeId: 'ann' },
    body: { itemIds: ['HD1.2.1'], date: '2026-06-01' },
  });
  expect(signed.status).toBe(201);
});

test('every change is one audit record with who, when, before and after, chained by hash', async () => {
  const records = (await db().collection(AUDIT).orderBy('seq').get()).docs.map((d) => d.data());
  // The profile, 3 sign-offs + 3 hours created, 1 sign-off deleted, 1 hours entry updated, 1 sign-off by the coach.
  expect(records.map((r) => [r.seq, r.entity, r.action, r.who])).toEqual([
    [1, 'profile', 'create', ADMIN],
    ...[2, 3, 4].map((n) => [n, 'sign-off', 'create', ADMIN]),
    ...[5, 6, 7].map((n) => [n, 'hours-entry', 'create', ADMIN]),
    [8, 'sign-off', 'delete', ADMIN],
    [9, 'hours-entry', 'update', ADMIN],
    [10, 'sign-off', 'create', COACH],
  ]);
  expect(records[0]).toMatchObject({ before: null, after: { apprentice: { id: 'ann', coachEmails: [COACH] } } });
  expect(records[8]).toMatchObject({ before: { data: { hours: 8 } }, after: { data: { hours: 6 } } });
  expect(records[7]!.after).toBeNull();
  expect(records[9]!.after.data.confirmation).toMatchObject({ kind: 'confirmed', by: COACH, role: 'coach' });
  for (let i = 1; i < records.length; i++) expect(records[i]!.prevHash).toBe(records[i - 1]!.hash);
  const head = (await db().doc('sponsors/acme/apprentices/ann').get()).get('auditHead');
  expect(head).toEqual({ seq: 10, hash: records[9]!.hash });
  expect((await verify(ADMIN)).body).toEqual({ apprenticeId: 'ann', ok: true, records: 10 });
});

test('an edited audit record is detected', async () => {
  await db().doc(`${AUDIT}/0000000009`).update({ 'after.data.hours': 8 });
  const res = await verify(ADMIN);
  expect(res.body).toMatchObject({ ok: false, seq: 9 });
  expect(res.body.problem).toMatch(/altered/);
});

test('a removed last record is detected through the head', async () => {
  await db().doc(`${AUDIT}/0000000010`).delete();
  const res = await verify(ADMIN);
  expect(res.body).toMatchObject({ ok: false });
  expect(res.body.problem).toMatch(/head/);
});

test('a removed record in the middle is detected', async () => {
  await db().doc(`${AUDIT}/0000000004`).delete();
  expect((await verify(ADMIN)).body).toMatchObject({ ok: false, seq: 5 });
});

test('a rewritten record whose own hash is recomputed still breaks the chain at the next record', async () => {
  const rec = (await db().doc(`${AUDIT}/0000000002`).get()).data()!;
  const { prevHash, hash: _old, ...body } = rec;
  const forged = { ...body, who: 'someone-else@acme.example' };
  await db()
    .doc(`${AUDIT}/0000000002`)
    .update({ who: forged.who, hash: sha256(prevHash + canonicalJson(forged)) });
  const res = await verify(ADMIN);
  expect(res.body).toMatchObject({ ok: false, seq: 3 });
  expect(res.body.problem).toMatch(/does not follow/);
});

test('only admins and consultants may verify', async () => {
  expect((await verify(COACH)).status).toBe(403);
});

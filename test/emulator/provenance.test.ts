// Who confirmed each entry, against the real API: a sheet's ticks count for nothing until a coach confirms them;
// only an admin records exams, approves prior credit and attests history; a coach's sync cannot change the roster.
import type { ApprenticeRecordInput } from '@qualcard/shared';
import type { BodyOf } from '@qualcard/shared/api/route';
import * as api from '@qualcard/shared/api/routes';
import { ADMIN, acme, allDocuments, ann as annAt, COACH, call, db, scenario, syncAs } from './kit';

const OTHER = 'other.coach@acme.example';

const ann = (): ApprenticeRecordInput => annAt({ signed: 4, hoursPerCategory: 16 });
const confirm = (body: BodyOf<typeof api.confirmations>, as = COACH) =>
  call(api.confirmations, { as, params: { sponsorId: 'acme', apprenticeId: 'ann' }, body });
const level1 = (a: { progress: { levels: { levelId: string; items: { done: number } }[] } | null }) =>
  a.progress!.levels.find((l) => l.levelId === 'L1')!;

beforeEach(() => scenario(acme({ coaches: [OTHER] })));

test('ticks in a sheet are pending until the coach confirms them; then they count and are audited', async () => {
  const synced = await syncAs(ADMIN, [ann()]);
  expect(synced.status).toBe(200);
  const first = synced.body.apprentices[0]!;
  expect(level1(first).items.done).toBe(0);
  expect(first.progress!.entries['sign-off']).toMatchObject({ pending: 4, confirmed: 0 });
  expect(first.progress!.findingCounts['pending.sign-off']).toBe(4);

  const items = ann().signOffs!.map((s) => s.itemId);
  const res = await confirm({ signOffs: items.slice(0, 3), hours: ['on-the-job-learning-1'] });
  expect(res.status).toBe(201);
  expect(res.body.confirmed).toMatchObject({ signOffs: items.slice(0, 3), hours: ['on-the-job-learning-1'] });
  expect(level1(res.body).items.done).toBe(3);
  expect(res.body.confirmations.signOffs[items[0]!]!.confirmation).toMatchObject({
    kind: 'confirmed',
    by: COACH,
    role: 'coach',
  });
  // Confirming again changes nothing and says so.
  const again = await confirm({ signOffs: items.slice(0, 1) });
  expect(again.status).toBe(200);
  expect(again.body.already.signOffs).toEqual(items.slice(0, 1));
  // A re-sync of the sheet, with a confirmed row unticked and another's date changed, keeps what was confirmed.
  const sheet = ann();
  sheet.signOffs = sheet.signOffs!.slice(1).map((s, i) => (i === 0 ? { ...s, date: '2026-01-01' } : s));
  // As of today: a confirmation counts from the day it was made, so as of the fixed past date it would not.
  const resync = await syncAs(ADMIN, [sheet], { asOf: new Date().toISOString().slice(0, 10) });
  expect(level1((await syncAs(ADMIN, [sheet])).body.apprentices[0]!).items.done).toBe(0);
  expect(level1(resync.body.apprentices[0]!).items.done).toBe(3);
  const stored = (await db().doc(`sponsors/acme/apprentices/ann/signOffs/${items[1]}`).get()).get('data');
  expect(stored.date).not.toBe('2026-01-01');
  const audit = await db().collection('sponsors/acme/apprentices/ann/audit').where('who', '==', COACH).get();
  expect(audit.size).toBe(4); // 3 sign-offs and 1 hours entry
});

test('a sync cannot carry a confirmation: 400 naming the field, nothing written', async () => {
  const forged = ann();
  forged.signOffs![0] = {
    ...forged.signOffs![0]!,
    confirmation: { kind: 'confirmed', by: COACH, role: 'coach', at: '2026-01-01T00:00:00.000Z', date: '2026-01-01' },
  };
  const before = await allDocuments();
  const res = await syncAs(ADMIN, [forged]);
  expect(res.status).toBe(400);
  expect(res.error.message).toMatch(/^records\.0\.signOffs\.0: Unrecognized key: "confirmation"/);
  expect(await allDocuments()).toEqual(before);
});

test('a coach confirms only their own ticks; exams, prior credit and attestations are the admin’s', async () => {
  const r = ann();
  r.signOffs![0]!.coachEmail = OTHER;
  r.priorCredit = [{ id: 'pc1', category: 'related-instruction', hours: 20, description: 'College course' }];
  await syncAs(ADMIN, [r]);
  const item = r.signOffs![0]!.itemId;
  const signedByOther = await confirm({ signOffs: [item] });
  expect(signedByOther.status).toBe(403);
  expect(signedByOther.error.message).toBe(
    `signOffs.0: the sign-off for ${item} is typed as by ${OTHER}; only ${OTHER} can confirm it`,
  );
  expect((await confirm({ signOffs: ['HD9.9.9'] })).error.message).toMatch(
    /^signOffs\.0: no sign-off for item "HD9\.9\.9"/,
  );
  expect((await confirm({ priorCredit: ['pc1'] })).status).toBe(403);
  expect((await confirm({ exams: [{ id: 'L1-all-required-course-exams', evidence: 'x' }] })).status).toBe(403);
  expect((await confirm({ signOffs: [item], attest: { reason: 'paper' } })).status).toBe(403);
  // OTHER is a coach of the sponsor but not of ann.
  expect((await confirm({ signOffs: [item] }, OTHER)).status).toBe(403);

  const admin = await confirm(
    {
      priorCredit: ['pc1'],
      exams: [{ id: 'L1-all-required-course-exams', date: '2026-03-01', evidence: 'LMS transcript 2026-03-01' }],
      certifications: [{ id: 'comptia-a-plus', date: '2026-04-15', evidence: 'CompTIA A+ COMP001022334455' }],
    },
    ADMIN,
  );
  expect(admin.status).toBe(201);
  const l1 = admin.body.progress.levels.find((l) => l.levelId === 'L1')!;
  expect(l1.exams.done).toBe(1);
  expect(l1.hours.find((h) => h.category === 'related-instruction')!.priorCredit).toBe(20);
  expect(admin.body.confirmations.certifications['comptia-a-plus']).toMatchObject({
    confirmation: { role: 'admin', evidence: 'CompTIA A+ COMP001022334455' },
    confirmed: { date: '2026-04-15' },
  });
  // History from before the sponsor used Qualcard: an admin attests the paper sign-off, with a reason.
  const attested = await confirm({ signOffs: [item], attest: { reason: 'Paper qual card, HR file 2024-17' } }, ADMIN);
  expect(attested.status).toBe(201);
  expect(attested.body.confirmations.signOffs[item]!.confirmation).toMatchObject({
    kind: 'attested',
    by: ADMIN,
    reason: 'Paper qual card, HR file 2024-17',
  });
  expect(attested.body.progress.entries['sign-off'].attested).toBe(1);
});

test("a coach's sync cannot change the roster: coaches, level, framework; the same roster passes", async () => {
  await syncAs(ADMIN, [ann()]);
  const before = await allDocuments();
  for (const [field, change] of [
    ['coachEmails', { coachEmails: [COACH, 'friend@acme.example'] }],
    ['levelId', { levelId: 'L2' }],
    ['startDate', { startDate: '2025-01-01' }],
  ] as const) {
    const r = ann();
    r.apprentice = { ...r.apprentice, ...(change as object) };
    const res = await syncAs(COACH, [r], { asOf: null });
    expect(res.status).toBe(403);
    expect(res.error.message).toMatch(new RegExp(`^records\\.0\\.apprentice\\.${field}: only a sponsor admin`));
  }
  expect(await allDocuments()).toEqual(before);
  expect((await syncAs(COACH, [ann()], { asOf: null })).status).toBe(200);
});

test('two concurrent syncs with one key and different bodies: exactly one applies, the key describes it', async () => {
  for (let trial = 0; trial < 8; trial++) {
    await scenario(acme());
    const a = ann();
    const b = ann();
    b.signOffs = b.signOffs!.slice(0, 1);
    const key = `race-key-${trial}`;
    const [ra, rb] = await Promise.all([syncAs(ADMIN, [a], { key }), syncAs(ADMIN, [b], { key })]);
    expect([ra.status, rb.status].sort()).toEqual([200, 409]);
    const winner = ra.status === 200 ? a : b;
    const rows = await db().collection('sponsors/acme/apprentices/ann/signOffs').get();
    expect(rows.size).toBe(winner.signOffs!.length);
  }
});

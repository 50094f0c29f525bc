// Withdrawing confirmations against the real API: a coach withdraws only the confirmations they made, an admin any
// (attestations and results too), always with a reason; the entry is pending again with its confirmation kept as
// history, one audit record per entry, and a result withdrawn can be recorded again.
import type { ApprenticeRecordInput } from '@qualcard/shared';
import type { BodyOf } from '@qualcard/shared/api/route';
import * as api from '@qualcard/shared/api/routes';
import {
  ADMIN,
  acme,
  ann as annAt,
  apprenticeEmail,
  COACH,
  COACH2,
  CONSULTANT,
  call,
  db,
  refusedUnchanged,
  scenario,
  syncAs,
} from './kit';

const A = { sponsorId: 'acme', apprenticeId: 'ann' };
const EXAM = 'L1-all-required-course-exams';
const today = () => new Date().toISOString().slice(0, 10);
const ann = (): ApprenticeRecordInput => {
  const r = annAt({ signed: 4, hoursPerCategory: 16 });
  r.apprentice.coachEmails = [COACH, COACH2];
  // The fourth tick is COACH2's to confirm.
  r.signOffs![3]!.coachEmail = COACH2;
  return r;
};
const items = ann().signOffs!.map((s) => s.itemId);
const confirm = (body: BodyOf<typeof api.confirmations>, as = COACH) =>
  call(api.confirmations, { as, params: A, body });
const withdraw = (body: unknown, as = COACH) =>
  call(api.withdrawals, { as, params: A, body: body as BodyOf<typeof api.withdrawals> });
const done = (a: { progress: { levels: { levelId: string; items: { done: number } }[] } }) =>
  a.progress.levels.find((l) => l.levelId === 'L1')!.items.done;
const auditOf = async (entity: string) =>
  (await db().collection('sponsors/acme/apprentices/ann/audit').where('entity', '==', entity).get()).docs.map((d) =>
    d.data(),
  );

beforeEach(async () => {
  await scenario(acme({ coaches: [COACH2], consultants: [CONSULTANT] }));
  expect((await syncAs(ADMIN, [ann()], { asOf: today() })).status).toBe(200);
});

test('a coach withdraws their own confirmations: pending again, kept as history, audited, progress drops', async () => {
  const confirmed = await confirm({ signOffs: items.slice(0, 3), hours: ['on-the-job-learning-1'] });
  expect(confirmed.status).toBe(201);
  expect(done(confirmed.body)).toBe(3);
  const original = confirmed.body.confirmations.signOffs[items[0]!]!.confirmation;
  const auditBefore = (await auditOf('sign-off')).length;

  const res = await withdraw({
    signOffs: [items[0], items[3]],
    hours: ['on-the-job-learning-1'],
    reason: 'ticked on the wrong apprentice',
  });
  expect(res.status).toBe(200);
  expect(res.body.withdrawn).toEqual({
    signOffs: [items[0]],
    hours: ['on-the-job-learning-1'],
    priorCredit: [],
    exams: [],
    certifications: [],
  });
  // items[3] was never confirmed: said so, not ignored.
  expect(res.body.notConfirmed.signOffs).toEqual([items[3]]);
  expect(done(res.body)).toBe(2);
  expect(res.body.confirmations.signOffs[items[0]!]).toBeUndefined();
  expect(res.body.confirmations.hours['on-the-job-learning-1']).toBeUndefined();
  const ended = {
    confirmation: original,
    ended: {
      kind: 'withdrawn',
      by: COACH,
      role: 'coach',
      at: expect.any(String),
      reason: 'ticked on the wrong apprentice',
    },
  };
  expect(res.body.confirmations.history!.signOffs[items[0]!]).toEqual([ended]);
  expect(res.body.confirmations.history!.hours['on-the-job-learning-1']).toHaveLength(1);
  const stored = (await db().doc(`sponsors/acme/apprentices/ann/signOffs/${items[0]}`).get()).get('data');
  expect(stored.confirmation).toBeUndefined();
  expect(stored.history).toEqual([ended]);
  // One audit record per withdrawn entry, and the chain still verifies.
  const audit = await auditOf('sign-off');
  expect(audit).toHaveLength(auditBefore + 1);
  expect(audit.at(-1)).toMatchObject({ who: COACH, key: items[0], action: 'update' });
  expect((await auditOf('hours-entry')).filter((r) => r.after?.data?.history)).toHaveLength(1);
  expect((await call(api.verifyAudit, { as: ADMIN, params: A })).body.ok).toBe(true);
  // Stored progress follows.
  const progress = await call(api.apprenticeProgress, { as: ADMIN, params: A });
  expect(progress.body.progress.levels.find((l) => l.levelId === 'L1')!.items.done).toBe(2);

  // A sync of the unchanged sheet keeps the history; confirming again is a new confirmation, the old one in history.
  const resync = await syncAs(ADMIN, [ann()], { asOf: today() });
  expect(resync.body.apprentices[0]!.confirmations!.history!.signOffs[items[0]!]).toEqual([ended]);
  const again = await confirm({ signOffs: [items[0]!] });
  expect(again.status).toBe(201);
  expect(again.body.confirmations.signOffs[items[0]!]!.confirmation.at).not.toBe(original.at);
  expect(again.body.confirmations.history!.signOffs[items[0]!]).toEqual([ended]);
});

test("a coach cannot withdraw another coach's or an admin's confirmation, nor results: 403 naming the rule", async () => {
  await confirm({ signOffs: [items[3]!] }, COACH2);
  await confirm({ signOffs: [items[1]!], attest: { reason: 'paper qual card' } }, ADMIN);
  await confirm({ exams: [{ id: EXAM, date: '2026-03-01', evidence: 'LMS 2026-03-01' }] }, ADMIN);
  const other = await refusedUnchanged(403, () => withdraw({ signOffs: [items[3]], reason: 'mine?' }));
  expect(other.error.message).toBe(
    `signOffs.0: the sign-off for ${items[3]} was confirmed by ${COACH2}; a coach withdraws only confirmations they made (an admin may withdraw any)`,
  );
  const attested = await refusedUnchanged(403, () => withdraw({ signOffs: [items[1]], reason: 'mine?' }));
  expect(attested.error.message).toMatch(
    /^signOffs\.0: .* was attested by admin@acme\.example; a coach withdraws only/,
  );
  const exam = await refusedUnchanged(403, () => withdraw({ exams: [EXAM], reason: 'wrong' }));
  expect(exam.error.message).toMatch(/needs role admin; coach@acme\.example is coach$/);
  // COACH2 withdraws their own.
  expect((await withdraw({ signOffs: [items[3]], reason: 'not observed' }, COACH2)).status).toBe(200);
});

test('an apprentice or a consultant may not withdraw; the reason is required; an unknown entry is named', async () => {
  await confirm({ signOffs: [items[0]!] });
  for (const as of [apprenticeEmail('ann'), CONSULTANT]) {
    const res = await refusedUnchanged(403, () => withdraw({ signOffs: [items[0]], reason: 'x' }, as));
    expect(res.error.message).toMatch(/admin|coach/);
  }
  const noReason = await refusedUnchanged(400, () => withdraw({ signOffs: [items[0]] }));
  expect(noReason.error.details).toMatchObject({ issues: [expect.objectContaining({ path: 'reason' })] });
  const blank = await refusedUnchanged(400, () => withdraw({ signOffs: [items[0]], reason: '   ' }));
  expect(blank.error.message).toMatch(/^reason: /);
  const unknown = await refusedUnchanged(400, () => withdraw({ signOffs: [items[0], 'HD9.9.9'], reason: 'x' }));
  expect(unknown.error.message).toBe('signOffs.1: no sign-off for item "HD9.9.9" in the synced record');
  const noHours = await refusedUnchanged(400, () => withdraw({ hours: ['nope'], reason: 'x' }, ADMIN));
  expect(noHours.error.message).toBe('hours.0: no hours entry "nope" in the synced record');
  expect((await refusedUnchanged(400, () => withdraw({ reason: 'x' }))).error.message).toMatch(/at least one entry/);
});

test('an admin withdraws any confirmation, an attestation and an exam result, then records the exam again', async () => {
  await confirm({ signOffs: [items[0]!] });
  await confirm({ signOffs: [items[3]!], attest: { reason: 'paper qual card' } }, ADMIN);
  const first = await confirm({ exams: [{ id: EXAM, date: '2026-03-01', evidence: 'LMS 2026-03-01' }] }, ADMIN);
  const firstExam = first.body.confirmations.exams[EXAM]!.confirmation;
  const l1 = (a: { progress: { levels: { levelId: string; exams: { done: number } }[] } }) =>
    a.progress.levels.find((l) => l.levelId === 'L1')!.exams.done;
  expect(l1(first.body)).toBe(1);
  const profileAudit = (await auditOf('profile')).length;

  const res = await withdraw({ signOffs: [items[0], items[3]], exams: [EXAM], reason: 'wrong certificate' }, ADMIN);
  expect(res.status).toBe(200);
  expect(res.body.withdrawn).toMatchObject({ signOffs: [items[0], items[3]], exams: [EXAM] });
  expect(l1(res.body)).toBe(0);
  expect(res.body.confirmations.exams[EXAM]).toBeUndefined();
  expect(res.body.confirmations.history!.signOffs[items[3]!]![0]!.confirmation.kind).toBe('attested');
  // The exam lives in the profile: one audit record for it, keyed by the entry.
  const profile = await auditOf('profile');
  expect(profile).toHaveLength(profileAudit + 1);
  expect(profile.at(-1)).toMatchObject({ who: ADMIN, key: `exams/${EXAM}` });

  const recorded = await confirm({ exams: [{ id: EXAM, date: '2026-03-02', evidence: 'LMS 2026-03-02' }] }, ADMIN);
  expect(recorded.status).toBe(201);
  expect(recorded.body.confirmed.exams).toEqual([EXAM]);
  expect(l1(recorded.body)).toBe(1);
  expect(recorded.body.confirmations.exams[EXAM]!.confirmation).toMatchObject({
    evidence: 'LMS 2026-03-02',
    by: ADMIN,
  });
  expect(recorded.body.confirmations.history!.exams[EXAM]).toEqual([
    { confirmation: firstExam, ended: expect.objectContaining({ kind: 'withdrawn', reason: 'wrong certificate' }) },
  ]);
  expect((await call(api.verifyAudit, { as: ADMIN, params: A })).body.ok).toBe(true);
});

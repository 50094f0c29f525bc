// Separation of duties and the routing rule, against the real API (issue 19): nobody confirms an entry of their own
// apprenticeship whatever roles they hold; a coach's confirmations stand while they coach the apprentice, sign-offs
// and hours alike; a tick typed as another coach's is theirs on every route; the confirmations route refuses an item
// the apprentice's framework version lacks.
import { type ApprenticeRecordInput, frameworkFromRows } from '@qualcard/shared';
import type { BodyOf } from '@qualcard/shared/api/route';
import * as api from '@qualcard/shared/api/routes';
import {
  ADMIN,
  acme,
  ann as annAt,
  apprenticeEmail,
  COACH,
  COACH2,
  call,
  db,
  refusedUnchanged,
  scenario,
  syncAs,
} from './kit';

const ANN = apprenticeEmail('ann');
const on = { sponsorId: 'acme', apprenticeId: 'ann' };
const confirm = (body: BodyOf<typeof api.confirmations>, as: string) =>
  call(api.confirmations, { as, params: on, body });
const signOff = (body: BodyOf<typeof api.signOffs>, as: string) => call(api.signOffs, { as, params: on, body });
const RULE = 'separation of duties: nobody confirms entries of their own apprenticeship';

/** Ann at the usual stage, with the given coaches on her roster and every tick's "Signed by" as `signedBy`. */
function annWith(coachEmails: string[], signedBy?: string): ApprenticeRecordInput {
  const r = annAt({ signed: 3, hoursPerCategory: 8 });
  return {
    ...r,
    apprentice: { ...r.apprentice, coachEmails },
    signOffs: r.signOffs!.map(({ coachEmail: _, ...s }) => (signedBy ? { ...s, coachEmail: signedBy } : s)),
  };
}
const itemsOf = (r: ApprenticeRecordInput) => r.signOffs!.map((s) => s.itemId);
const hoursOf = (r: ApprenticeRecordInput) => r.hours!.map((h) => h.id!);

describe('nobody confirms an entry of their own apprenticeship, whatever roles they hold', () => {
  test('an apprentice who is also a coach on her own roster: 403 naming the rule on both routes, nothing written', async () => {
    const r = annWith([COACH, ANN]);
    await scenario(acme({ coaches: [COACH, ANN], apprentices: [r] }));
    for (const body of [{ hours: hoursOf(r) }, { signOffs: itemsOf(r) }]) {
      const res = await refusedUnchanged(403, () => confirm(body, ANN));
      expect(res.error.message).toBe(`${RULE}; ${ANN} is apprentice ann`);
    }
    const signed = await refusedUnchanged(403, () => signOff({ itemIds: itemsOf(r).slice(0, 1) }, ANN));
    expect(signed.error.message).toBe(`${RULE}; ${ANN} is apprentice ann`);
  });

  test("an admin whose email is the apprentice's: no prior credit approved, no result recorded, nothing attested", async () => {
    const r = {
      ...annWith([COACH]),
      priorCredit: [{ id: 'pc1', category: 'related-instruction' as const, hours: 100, description: 'Own course' }],
    };
    await scenario(acme({ admins: [ADMIN, ANN], coaches: [COACH], apprentices: [r] }));
    const bodies: BodyOf<typeof api.confirmations>[] = [
      { priorCredit: ['pc1'] },
      { certifications: [{ id: 'comptia-a-plus', date: '2026-04-15', evidence: 'COMP001' }] },
      { exams: [{ id: 'L1-all-required-course-exams', date: '2026-03-01', evidence: 'LMS' }] },
      { signOffs: itemsOf(r), attest: { reason: 'paper card' } },
    ];
    for (const body of bodies) {
      const res = await refusedUnchanged(403, () => confirm(body, ANN));
      expect(res.error.message).toBe(`${RULE}; ${ANN} is apprentice ann`);
    }
    // Another admin may.
    expect((await confirm({ priorCredit: ['pc1'] }, ADMIN)).status).toBe(201);
  });
});

test("a coach's confirmations stand while they coach the apprentice: dropped from the roster, their sign-offs and hours alike stop counting", async () => {
  const r = annWith([COACH, COACH2]);
  await scenario(acme({ coaches: [COACH, COACH2], apprentices: [r] }));
  const done = await confirm({ signOffs: itemsOf(r), hours: hoursOf(r) }, COACH);
  expect(done.status).toBe(201);
  const counted = done.body.progress.entries;
  expect([counted['sign-off'].confirmed, counted['hours-entry'].confirmed]).toEqual([3, hoursOf(r).length]);

  const dropped = await syncAs(ADMIN, [annWith([COACH2])], { asOf: null });
  const p = dropped.body.apprentices[0]!.progress!;
  expect(p.entries['sign-off']).toMatchObject({ confirmed: 0, flagged: 3 });
  expect(p.entries['hours-entry']).toMatchObject({ confirmed: 0, flagged: hoursOf(r).length });
  expect(p.findingCounts['confirmation.former-coach']).toBe(3 + hoursOf(r).length);
  // Back on the roster, they count again: nothing was rewritten.
  const back = await syncAs(ADMIN, [annWith([COACH, COACH2])], { asOf: null });
  expect(back.body.apprentices[0]!.progress!.entries['sign-off'].confirmed).toBe(3);
});

describe('a tick typed as another coach’s is theirs on every route', () => {
  test('the sign-off route refuses it with the confirmations route’s 403, and leaves the row as typed', async () => {
    const r = annWith([COACH, COACH2], COACH2);
    await scenario(acme({ coaches: [COACH, COACH2], apprentices: [r] }));
    const item = itemsOf(r)[0]!;
    const viaConfirm = await refusedUnchanged(403, () => confirm({ signOffs: [item] }, COACH));
    const viaSignOff = await refusedUnchanged(403, () => signOff({ itemIds: [item] }, COACH));
    expect(viaSignOff.error.message).toBe(viaConfirm.error.message.replace('signOffs.0', 'itemIds.0'));
    expect(viaSignOff.error.message).toBe(
      `itemIds.0: the sign-off for ${item} is typed as by ${COACH2}; only ${COACH2} can confirm it`,
    );
    expect((await signOff({ itemIds: [item] }, COACH2)).status).toBe(201);
  });

  test("a coach's sync that blanks another coach's Signed by / Verified by keeps their claim: confirming it is still a 403", async () => {
    const r = annWith([COACH, COACH2], COACH2);
    r.hours = r.hours!.map((h) => ({ ...h, verifiedBy: COACH2 }));
    await scenario(acme({ coaches: [COACH, COACH2], apprentices: [r] }));
    const blanked = annWith([COACH, COACH2]);
    expect((await syncAs(COACH, [blanked], { asOf: null })).status).toBe(200);
    const item = itemsOf(r)[0]!;
    const hour = hoursOf(r)[0]!;
    for (const body of [{ signOffs: [item] }, { hours: [hour] }]) {
      const res = await refusedUnchanged(403, () => confirm(body, COACH));
      expect(res.error.message).toMatch(
        /is typed as by coach2@acme\.example; only coach2@acme\.example can confirm it$/,
      );
    }
    expect((await refusedUnchanged(403, () => signOff({ itemIds: [item] }, COACH))).error.message).toMatch(
      /^itemIds\.0: .* typed as by coach2@acme\.example/,
    );
    const row = (await db().doc(`sponsors/acme/apprentices/ann/signOffs/${item}`).get()).get('data');
    expect(row.coachEmail).toBe(COACH2);
    // The admin's sync may change the claim (the admin keeps the sheet).
    expect((await syncAs(ADMIN, [blanked])).status).toBe(200);
    expect((await confirm({ signOffs: [item] }, COACH)).status).toBe(201);
  });
});

test('a migration never turns a confirmation made before the item existed into one that counts', async () => {
  const desk = (version: string, items: string[]) => {
    const header = [
      'level',
      'level_title',
      'work_function',
      'work_function_title',
      'item_id',
      'statement',
      'core_optional',
      'ojl_hours',
    ];
    const rows = items.map((id) => ['L1', 'Desk', 'WF1', 'Desk work', id, `Does ${id}`, 'core', '1']);
    // An id of its own: the functions cache published versions in memory (they never change), and frameworks.test.ts
    // publishes an `acme-desk` 1.0.0 with other items into the same emulator run.
    const f = frameworkFromRows([header, ...rows], {
      id: 'separation-desk',
      title: 'Acme desk',
      version,
      addedBy: 'acme',
    });
    if (!f.ok) throw new Error(JSON.stringify(f.errors));
    return f.framework;
  };
  const publish = (f: unknown) =>
    call(api.publishFramework, { as: ADMIN, params: { sponsorId: 'acme' }, wrongBody: { framework: f } });
  await scenario(acme({ coaches: [COACH] }));
  expect((await publish(desk('1.0.0', ['A1']))).status).toBe(201);
  const base = annWith([COACH]);
  const r: ApprenticeRecordInput = {
    ...base,
    apprentice: { ...base.apprentice, frameworkId: 'separation-desk', levelId: 'L1', startDate: '2026-01-05' },
    signOffs: [
      { itemId: 'A1', date: '2026-01-10' },
      { itemId: 'A2', date: '2026-01-10' },
    ],
    hours: [],
  };
  expect((await syncAs(ADMIN, [r])).status).toBe(200);
  expect((await confirm({ signOffs: ['A1'] }, COACH)).status).toBe(201);
  // A2 confirmed while version 1.0.0 had no such item (as the confirmations route allowed before issue 19).
  const a2 = db().doc('sponsors/acme/apprentices/ann/signOffs/A2');
  const mine = (await db().doc('sponsors/acme/apprentices/ann/signOffs/A1').get()).get('data.confirmation');
  await a2.update({ 'data.coachEmail': COACH, 'data.confirmation': mine });

  expect((await publish(desk('2.0.0', ['A1', 'A2']))).status).toBe(201);
  const moved = await call(api.migration, {
    as: ADMIN,
    params: { sponsorId: 'acme', frameworkId: 'separation-desk' },
    body: { toVersion: '2.0.0', apprenticeIds: ['ann'], apply: true },
  });
  expect(moved.status).toBe(200);
  expect((await a2.get()).get('data.confirmation')).toBeUndefined();
  const p = (await call(api.sponsorProgress, { as: ADMIN, params: { sponsorId: 'acme' } })).body.apprentices[0]!;
  expect(p.frameworkVersion).toBe('2.0.0');
  expect(p.progress.levels[0]!.items.done).toBe(1);
  expect(p.progress.levels[0]!.complete).toBe(false);
  expect(p.progress.entries['sign-off']).toMatchObject({ confirmed: 1, pending: 1 });
});

test('the confirmations route refuses a synced tick for an item the apprentice’s version does not have: 400 naming the field', async () => {
  const r = annWith([COACH]);
  r.signOffs!.push({ itemId: 'HD9.9.9', date: '2026-01-05' });
  await scenario(acme({ coaches: [COACH], apprentices: [r] }));
  const res = await refusedUnchanged(400, () => confirm({ signOffs: [itemsOf(r)[0]!, 'HD9.9.9'] }, COACH));
  expect(res.error.message).toMatch(/^signOffs\.1: no item "HD9\.9\.9" in nitas-help-desk version /);
});

describe('answers tell the truth when two coaches confirm the same rows at once', () => {
  const TRIALS = 6;
  /** As the add-on's client does: a 503 (a transaction given up under contention) is sent again, after a pause. */
  const again = async <R extends { status: number }>(send: () => Promise<R>): Promise<R> => {
    for (let attempt = 1; ; attempt++) {
      const res = await send();
      if (res.status !== 503 || attempt === 4) return res;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  };
  const untilAnswered = (body: Parameters<typeof confirm>[0], who: string) => again(() => confirm(body, who));

  test('confirmations: each row is listed as confirmed by exactly the coach whose confirmation is stored', async () => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const r = annWith([COACH, COACH2]);
      await scenario(acme({ coaches: [COACH, COACH2], apprentices: [r] }));
      const body = { signOffs: itemsOf(r), hours: hoursOf(r) };
      const answers = await Promise.all([untilAnswered(body, COACH), untilAnswered(body, COACH2)]);
      const stored = (await syncAs(ADMIN, [r], { asOf: null })).body.apprentices[0]!.confirmations!;
      for (const [i, who] of [COACH, COACH2].entries()) {
        const a = answers[i]!;
        expect({ trial, who, status: a.status }).toEqual({
          trial,
          who,
          status: a.body.confirmed.signOffs.length + a.body.confirmed.hours.length ? 201 : 200,
        });
        for (const item of itemsOf(r)) {
          const by = stored.signOffs[item]!.confirmation!.by;
          const listed = a.body.confirmed.signOffs.includes(item) ? 'confirmed' : 'already';
          expect({ trial, who, item, listed }).toEqual({
            trial,
            who,
            item,
            listed: by === who ? 'confirmed' : 'already',
          });
          expect(a.body.already.signOffs.includes(item)).toBe(by !== who);
          // Who confirmed it is in the answer too: the row confirmations carry the stored one, whoever won.
          expect(a.body.confirmations.signOffs[item]!.confirmation.by).toBe(by);
        }
        for (const id of hoursOf(r)) {
          const by = stored.hours[id]!.confirmation.by;
          const listed = a.body.confirmed.hours.includes(id) ? 'confirmed' : 'already';
          expect({ trial, who, id, listed }).toEqual({ trial, who, id, listed: by === who ? 'confirmed' : 'already' });
        }
      }
    }
  });

  test('sign-offs: each item is listed as signed by exactly the coach whose sign-off is stored', async () => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const r = annWith([COACH, COACH2]);
      await scenario(acme({ coaches: [COACH, COACH2], apprentices: [r] }));
      const body = { itemIds: itemsOf(r) };
      const answers = await Promise.all([again(() => signOff(body, COACH)), again(() => signOff(body, COACH2))]);
      const stored = (await syncAs(ADMIN, [r], { asOf: null })).body.apprentices[0]!.confirmations!;
      for (const [i, who] of [COACH, COACH2].entries()) {
        const a = answers[i]!;
        expect({ trial, who, answered: a.status < 300 }).toEqual({ trial, who, answered: true });
        for (const item of itemsOf(r)) {
          const by = stored.signOffs[item]!.confirmation!.by;
          const listed = a.body.signed.includes(item)
            ? 'signed'
            : a.body.alreadySigned.includes(item)
              ? 'already'
              : '-';
          expect({ trial, who, item, listed }).toEqual({ trial, who, item, listed: by === who ? 'signed' : 'already' });
        }
      }
    }
  });
});

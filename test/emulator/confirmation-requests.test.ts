// Apprentices ask their coaches to confirm entries of their own sheets, through the real API: only the apprentice
// whose record it is asks; the open requests are listed to the apprentice, to their coaches and to the admins; a
// request drops out of the lists once a coach has confirmed every entry in it (the confirmations route).
import type { ConfirmationAsk } from '@qualcard/shared/api';
import * as api from '@qualcard/shared/api/routes';
import { MAX_OPEN_REQUESTS } from '../../functions/src/usecases/confirmation-requests';
import {
  ADMIN,
  acme,
  ann,
  apprenticeEmail,
  COACH,
  COACH2,
  CONSULTANT,
  call,
  db,
  framework,
  GLOBEX_ADMIN,
  globex,
  itemIds,
  type Reply,
  record,
  refusedUnchanged,
  scenario,
  seedOnce,
} from './kit';

const ANN = apprenticeEmail('ann');
const BOB = apprenticeEmail('bob');
const CAL = apprenticeEmail('cal');
const [ITEM0, ITEM1] = itemIds(framework('nitas-help-desk'), 'L1');
const bob = () =>
  record({
    id: 'bob',
    frameworkId: 'nitas-help-desk',
    levelId: 'L1',
    coach: COACH2,
    startDate: '2025-10-01',
    stage: { signed: 2, hoursPerCategory: 8 },
  });

const fixture = seedOnce(async () => {
  await scenario(
    acme({
      coaches: [COACH, COACH2],
      consultants: [CONSULTANT],
      apprentices: [ann({ signed: 2, hoursPerCategory: 16 }), bob()],
    }),
    globex(),
  );
  // An apprentice the roster names a role for but whose record was never synced.
  await db()
    .doc(`members/${CAL}`)
    .set({ email: CAL, sponsors: { acme: { role: 'apprentice', apprenticeId: 'cal' } } });
});

const of = (apprenticeId: string) => ({ sponsorId: 'acme', apprenticeId });
const ask = (as: string, apprenticeId: string, body: ConfirmationAsk) =>
  call(api.askConfirmation, { as, params: of(apprenticeId), body });
const list = (as: string) => call(api.listConfirmationAsks, { as, params: { sponsorId: 'acme' } });
const ids = async (as: string) => (await list(as)).body.requests.map((r) => r.requestId);
const annAsks: ConfirmationAsk = {
  entries: [
    { kind: 'signOff', id: ITEM0!, summary: `${ITEM0} ticked` },
    { kind: 'hours', id: 'on-the-job-learning-1' },
  ],
  note: 'from last week',
};
const stored = (aid: string) => db().collection(`sponsors/acme/apprentices/${aid}/confirmationRequests`).get();

const refused = (status: number, send: () => Promise<Reply>): Promise<Reply> => refusedUnchanged(status, send);

describe('asking', () => {
  test('the apprentice asks on their own record: 201, stored with who asked, when, and their coaches', async () => {
    fixture.changes();
    const before = Date.now();
    const res = await ask(ANN, 'ann', annAsks);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      requestId: expect.any(String),
      apprenticeId: 'ann',
      apprenticeName: 'Apprentice ann',
      by: ANN,
      coachEmails: [COACH],
      entries: [
        { ...annAsks.entries[0], confirmed: false },
        { ...annAsks.entries[1], confirmed: false },
      ],
      note: 'from last week',
      createdAt: expect.any(String),
    });
    expect(Date.parse(res.body.createdAt)).toBeGreaterThanOrEqual(before - 5000);
    const docs = (await stored('ann')).docs;
    expect(docs.map((d) => d.id)).toEqual([res.body.requestId]);
    expect(docs[0]!.data()).toMatchObject({ sponsorId: 'acme', by: ANN, open: true, coachEmails: [COACH] });
  });
  test("nobody asks on someone else's record: admin, coach, consultant, another apprentice (403)", async () => {
    for (const as of [ADMIN, COACH, CONSULTANT, BOB, GLOBEX_ADMIN]) {
      const res = await refused(403, () => ask(as, 'ann', annAsks));
      expect(res.error.message).toMatch(/needs role apprentice|only on their own record|not a member/);
    }
    // An id that does not exist is the same 403 to an apprentice as someone else's.
    await refused(403, () => ask(ANN, 'nobody', annAsks));
  });
  test('an hours row the apprentice just typed (not synced yet: only staff sync) is asked about, open', async () => {
    fixture.changes();
    const res = await ask(ANN, 'ann', { entries: [{ kind: 'hours', id: 'typed-after-the-last-sync' }] });
    expect(res.status).toBe(201);
    expect(res.body.entries).toEqual([{ kind: 'hours', id: 'typed-after-the-last-sync', confirmed: false }]);
  });
  test('404 when the apprentice was never synced', async () => {
    const res = await refused(404, () => ask(CAL, 'cal', annAsks));
    expect(res.error.message).toContain('no apprentice cal');
  });
  test('a bad body is a 400 naming the field', async () => {
    const send = (wrongBody: unknown) => call(api.askConfirmation, { as: ANN, params: of('ann'), wrongBody });
    const cases: [unknown, string][] = [
      [{ entries: [] }, 'entries'],
      [{ entries: [{ kind: 'exam', id: 'x' }] }, 'entries.0.kind'],
      [{ entries: [{ kind: 'hours', id: '   ' }] }, 'entries.0.id'],
      [{ entries: [{ kind: 'hours', id: 'on-the-job-learning-1' }], colour: 'red' }, ''],
      [
        {
          entries: [
            { kind: 'hours', id: 'on-the-job-learning-1' },
            { kind: 'hours', id: 'on-the-job-learning-1' },
          ],
        },
        'entries.1',
      ],
    ];
    for (const [body, path] of cases) {
      const res = await refused(400, () => send(body));
      expect({ body, path: res.error.details.issues[0]!.path }).toEqual({ body, path });
      if (path) expect(res.error.message).toContain(path);
    }
  });
});

describe('the open requests', () => {
  test('each sees what is theirs: the apprentice their own, a coach their apprentices, an admin all, oldest first', async () => {
    fixture.changes();
    const a = (await ask(ANN, 'ann', annAsks)).body.requestId;
    const b = (await ask(BOB, 'bob', { entries: [{ kind: 'hours', id: 'related-instruction-1' }] })).body.requestId;
    expect(await ids(ADMIN)).toEqual([a, b]);
    expect(await ids(COACH)).toEqual([a]);
    expect(await ids(COACH2)).toEqual([b]);
    expect(await ids(ANN)).toEqual([a]);
    expect(await ids(BOB)).toEqual([b]);
    expect((await list(ANN)).body).toEqual({
      sponsorId: 'acme',
      requests: [expect.objectContaining({ apprenticeId: 'ann', by: ANN, note: 'from last week' })],
    });
    expect((await list(CONSULTANT)).status).toBe(403);
    expect((await list(GLOBEX_ADMIN)).status).toBe(403);
    expect(await ids(CAL)).toEqual([]);
  });
  test('an entry a coach confirms shows as confirmed; the request drops out once every entry is', async () => {
    fixture.changes();
    const a = (await ask(ANN, 'ann', annAsks)).body.requestId;
    const confirm = (body: { signOffs?: string[]; hours?: string[] }) =>
      call(api.confirmations, { as: COACH, params: of('ann'), body });
    expect((await confirm({ signOffs: [ITEM0!] })).status).toBe(201);
    const partly = (await list(COACH)).body.requests;
    expect(partly.map((r) => [r.requestId, r.entries.map((e) => e.confirmed)])).toEqual([[a, [true, false]]]);
    expect((await confirm({ hours: ['on-the-job-learning-1'] })).status).toBe(201);
    for (const as of [COACH, ADMIN, ANN]) expect({ as, open: await ids(as) }).toEqual({ as, open: [] });
    // Marked answered, so no list reads it again.
    expect((await stored('ann')).docs.map((d) => d.get('open'))).toEqual([false]);
    // Asking only about what is confirmed already asks nothing.
    const again = await refused(409, () => ask(ANN, 'ann', annAsks));
    expect(again.error.message).toContain('confirmed already');
    // An entry not yet confirmed next to a confirmed one: asked, and shown as it stands.
    const mixed = await ask(ANN, 'ann', { entries: [...annAsks.entries, { kind: 'signOff', id: ITEM1! }] });
    expect(mixed.body.entries.map((e) => e.confirmed)).toEqual([true, true, false]);
  });
  test(`at most ${MAX_OPEN_REQUESTS} open requests per apprentice: then a 409 saying so`, async () => {
    fixture.changes();
    for (let i = 0; i < MAX_OPEN_REQUESTS; i++)
      expect((await ask(ANN, 'ann', { entries: [{ kind: 'signOff', id: ITEM1! }] })).status).toBe(201);
    const res = await refused(409, () => ask(ANN, 'ann', { entries: [{ kind: 'signOff', id: ITEM1! }] }));
    expect(res.error.message).toContain(`${MAX_OPEN_REQUESTS} open confirmation requests`);
    // Bob's own limit is his.
    expect((await ask(BOB, 'bob', { entries: [{ kind: 'signOff', id: ITEM0! }] })).status).toBe(201);
    // Once the coach confirms, the requests are answered and there is room again.
    expect((await call(api.confirmations, { as: COACH, params: of('ann'), body: { signOffs: [ITEM1!] } })).status).toBe(
      201,
    );
    expect((await ask(ANN, 'ann', { entries: [{ kind: 'hours', id: 'related-instruction-1' }] })).status).toBe(201);
  });
});

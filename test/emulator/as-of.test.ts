// The server owns the calendar of what is stored (issue 19): stored progress, statuses, credential flags and the
// cohort are as of the sponsor's today in its time zone, whoever syncs and whatever asOf they send. An admin may ask
// for a day of the program (the apprentice's start .. the sponsor's today), and that shapes only the answer; a coach
// may not. A change of the sponsor's time zone does not un-count a confirmation already made.
import { type ApprenticeRecordInput, localDate } from '@qualcard/shared';
import * as api from '@qualcard/shared/api/routes';
import { ADMIN, acme, COACH, call, db, framework, record, scenario, syncAs } from './kit';

const A = { sponsorId: 'acme', apprenticeId: 'ann' };
const FW = 'customer-technical-support';
const LEVEL = 'AITS';
const START = '2025-09-01';
const core = framework(FW)
  .workFunctions.flatMap((wf) => wf.items)
  .filter((i) => i.core === 'core' && i.levels.includes(LEVEL))
  .map((i) => i.id);
const ann = (): ApprenticeRecordInput =>
  record({
    id: 'ann',
    frameworkId: FW,
    levelId: LEVEL,
    coach: COACH,
    startDate: START,
    stage: { signed: core.length },
  });
const today = (timeZone = 'UTC') => localDate(new Date(), timeZone);

const progress = () => call(api.apprenticeProgress, { as: ADMIN, params: A });
const credentials = () => call(api.listCredentials, { as: ADMIN, params: A });
const complete = (p: { levels: { levelId: string; complete: boolean }[] }) =>
  p.levels.find((l) => l.levelId === LEVEL)!.complete;

/** Ann synced (typed ticks), then every core item confirmed by her coach today: the level is complete, one credential. */
async function completed(timeZone?: string): Promise<void> {
  await scenario(
    acme({ coaches: [COACH], apprentices: [ann()], sync: { asOf: null, ...(timeZone ? { timeZone } : {}) } }),
  );
  const confirmed = await call(api.confirmations, { as: COACH, params: A, body: { signOffs: core } });
  expect(confirmed.status).toBe(201);
  expect(complete(confirmed.body.progress)).toBe(true);
}

describe('an asOf in a sync', () => {
  beforeEach(() => completed());

  test("an admin's past day shapes only the answer: stored progress, the cohort and the credential stay as of today", async () => {
    const before = (await progress()).body;
    const past = await syncAs(ADMIN, [ann()], { asOf: '2025-10-01' });
    expect(past.status).toBe(200);
    expect(past.body.asOf).toBe('2025-10-01');
    expect(past.body.apprentices[0]!.progress!.asOf).toBe('2025-10-01');
    expect(complete(past.body.apprentices[0]!.progress!)).toBe(false); // confirmed after 2025-10-01

    const stored = (await progress()).body;
    expect(stored.progress.asOf).toBe(today());
    expect(complete(stored.progress)).toBe(true);
    expect(stored.progress).toEqual(before.progress);
    const cohort = await call(api.cohort, { as: ADMIN, query: { sponsorId: 'acme' } });
    expect(cohort.body.apprentices.map((a) => a.asOf)).toEqual([today()]);
    const [credential] = (await credentials()).body.credentials;
    expect(credential).toMatchObject({ status: 'active' });
    expect(credential!.flag).toBeUndefined();
  });

  test.each([
    ['after the sponsor’s today', '2099-12-31', /after the sponsor's today/],
    ['before the apprentice’s start', '2025-01-01', /before the apprentice's start/],
  ])('a day %s is a 400 naming asOf, and nothing is stored', async (_name, asOf, why) => {
    const before = await db().doc('sponsors/acme/progress/ann').get();
    const res = await syncAs(ADMIN, [ann()], { asOf });
    expect(res.status).toBe(400);
    expect(res.error.message).toMatch(/^asOf: /);
    expect(res.error.message).toMatch(why);
    const after = await db().doc('sponsors/acme/progress/ann').get();
    expect(after.updateTime).toEqual(before.updateTime);
    expect((await progress()).body.progress.asOf).toBe(today());
    expect((await credentials()).body.credentials[0]!.flag).toBeUndefined();
  });

  test("a coach's asOf is a 403 naming asOf; the coach's sync without one (the add-on's) is as of today", async () => {
    const refused = await syncAs(COACH, [ann()], { asOf: '2025-10-01' });
    expect(refused.status).toBe(403);
    expect(refused.error.message).toMatch(/^asOf: only an admin/);
    const plain = await syncAs(COACH, [ann()], { asOf: null });
    expect(plain.status).toBe(200);
    expect(plain.body.asOf).toBe(today());
    expect(complete(plain.body.apprentices[0]!.progress!)).toBe(true);
  });

  test("a transcript's asOf follows the same rule", async () => {
    const transcript = (as: string, asOf: string) => call(api.exportTranscript, { as, params: A, body: { asOf } });
    expect((await transcript(COACH, '2025-10-01')).status).toBe(403);
    expect((await transcript(ADMIN, '2099-12-31')).status).toBe(400);
    const past = await transcript(ADMIN, '2025-10-01');
    expect(past.status).toBe(201);
    expect(past.body.asOf).toBe('2025-10-01');
  });
});

// UTC+14 and UTC-11: 25 hours apart, so their calendar days always differ. A confirmation made today in Kiritimati
// is dated a day (or two) after Pago Pago's today.
test('a confirmation made before the admin moves the sponsor west keeps counting', async () => {
  await completed('Pacific/Kiritimati');
  const moved = await syncAs(ADMIN, [ann()], { asOf: null, timeZone: 'Pacific/Pago_Pago' });
  expect(moved.status).toBe(200);
  expect(moved.body.asOf).toBe(today('Pacific/Pago_Pago'));
  const answered = moved.body.apprentices[0]!.progress!;
  expect(answered.entries['sign-off']).toMatchObject({ confirmed: core.length, pending: 0 });
  expect(complete(answered)).toBe(true);
  const stored = (await progress()).body.progress;
  expect(stored.asOf).toBe(today('Pacific/Pago_Pago'));
  expect(stored.entries['sign-off']).toMatchObject({ confirmed: core.length, pending: 0 });
  expect((await credentials()).body.credentials[0]!.flag).toBeUndefined();
});

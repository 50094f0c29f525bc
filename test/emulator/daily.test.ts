// The daily recompute (functions/src/recompute/) on the Firestore emulator: apprentices seeded through the real API,
// then recomputeAll (and the scheduled function's own handler) run with the clock moved forward. Stored statuses age
// by each sponsor's own calendar; every stored view equals the engine's answer from the full record; a second run the
// same day writes nothing; reads per apprentice do not grow with rows once the rows are copied (2 rows and 200 rows
// cost the same); and a sync, a reorder, a confirmation, a sign-off and a migration are each seen by the next run.
import { type ApprenticeRecordInput, type Framework, frameworkFromRows } from '@qualcard/shared';
import * as api from '@qualcard/shared/api/routes';
import type { ScheduledEvent } from 'firebase-functions/v2/scheduler';
import { settingsOf, todayOf } from '../../functions/src/clock';
import { firestore } from '../../functions/src/db';
import { progressFor, progressView, type StoredProgress } from '../../functions/src/progress';
import { type RecomputeStats, recomputeAll } from '../../functions/src/recompute/daily';
import { daily } from '../../functions/src/recompute/schedule';
import { PASS_DOC, recomputeSlice } from '../../functions/src/recompute/slices';
import { readRecord } from '../../functions/src/store/apprentice';
import { call, db, framework, itemIds, record, type SponsorSpec, scenario, syncAs } from './kit';

const FW = 'it-generalist-competencies';
const START = '2026-01-05';
/** UTC+14 and UTC-8: at noon UTC they are on different calendar days. */
const SPONSORS = {
  acme: { admin: 'admin@acme.example', coach: 'coach@acme.example', timeZone: 'Pacific/Kiritimati', idle: 5, busy: 5 },
  globex: {
    admin: 'admin@globex.example',
    coach: 'coach@globex.example',
    timeZone: 'America/Los_Angeles',
    idle: 2,
    busy: 1,
  },
} as const;
type Sid = keyof typeof SPONSORS;
const N = Object.values(SPONSORS).reduce((n, s) => n + s.idle + s.busy, 0);
const PAGE = 5;

/** Noon UTC, `days` after the start. */
const noonAfter = (days: number) => new Date(Date.parse(`${START}T12:00:00Z`) + days * 86_400_000);

/** Idle apprentices have no rows; busy ones have 3 sign-offs and 6 hours entries, all waiting for a confirmation. */
function cohort(sid: Sid): ApprenticeRecordInput[] {
  const s = SPONSORS[sid];
  const make = (id: string, busy: boolean) =>
    record({
      id,
      frameworkId: FW,
      levelId: 'L1',
      coach: s.coach,
      startDate: START,
      stage: busy ? { signed: 3, hoursPerCategory: 16, days: 6 } : { signed: 0 },
    });
  return [
    ...Array.from({ length: s.idle }, (_, i) => make(`${sid}-idle-${i}`, false)),
    ...Array.from({ length: s.busy }, (_, i) => make(`${sid}-busy-${i}`, true)),
  ];
}

/** How a sponsor's sheet is synced here: answered as of 2026-01-15 (stored as of today), in the sponsor's time zone. */
const syncOf = (sid: Sid) => ({ sponsorId: sid, asOf: '2026-01-15', timeZone: SPONSORS[sid].timeZone });

/** A sponsor with its admin and coach, and its cohort (or `records`) synced. */
const sponsor = (sid: Sid, apprentices: ApprenticeRecordInput[] = cohort(sid)): SponsorSpec => ({
  id: sid,
  name: sid,
  admins: [SPONSORS[sid].admin],
  coaches: [SPONSORS[sid].coach],
  apprentices,
  sync: syncOf(sid),
});

async function stored(sid: Sid): Promise<StoredProgress[]> {
  return (await db().collection(`sponsors/${sid}/progress`).get()).docs.map((d) => d.data() as StoredProgress);
}

/** Every stored view is what the engine says from the full record (rows read one by one) as of the sponsor's day. */
async function expectEngineAnswer(sid: Sid, now: Date): Promise<void> {
  const settings = settingsOf(await db().doc(`sponsors/${sid}`).get(), now);
  for (const s of await stored(sid)) {
    const rec = (await readRecord(db(), sid, s.apprenticeId))!;
    const view = progressView(sid, rec, await progressFor(db(), sid, rec, todayOf(settings), [], settings.programs));
    expect({ ...s, computedAt: undefined }).toEqual(JSON.parse(JSON.stringify(view)));
  }
}

const statuses = async (sid: Sid) => new Set((await stored(sid)).map((s) => s.progress.status.status));
const everyHasGap = async (sid: Sid, code: string) => (await stored(sid)).every((s) => s.progress.findingCounts[code]);
const run = (days: number): Promise<RecomputeStats> => recomputeAll(db(), noonAfter(days), { pageSize: PAGE });

// The functions' own Firestore handle first (it sets its settings before any use); the helpers reuse its app.
beforeAll(() => firestore());

beforeEach(() => scenario(sponsor('acme'), sponsor('globex')));

test("stored statuses age with each sponsor's calendar: on track, at risk at 60 idle days, off track at 120 and past the maximum", async () => {
  const first = await run(10);
  // The seeding sync stored every view as of the sponsor's real today (a sync's asOf shapes only its answer), so this
  // run, its clock set back to January, rewrites them all; every apprentice's rows are copied once (one write each).
  expect(first).toMatchObject({ sponsors: 2, apprentices: N, changed: N, writes: 2 * N });
  // The same instant is the 16th in Kiritimati and still the 15th in Los Angeles.
  expect(new Set((await stored('acme')).map((s) => s.progress.asOf))).toEqual(new Set(['2026-01-16']));
  expect(new Set((await stored('globex')).map((s) => s.progress.asOf))).toEqual(new Set(['2026-01-15']));
  expect(await statuses('acme')).toEqual(new Set(['on-track']));

  // Day 59 at noon UTC: 60 idle days in Kiritimati (at risk, activity.none), 59 in Los Angeles (still on track).
  await run(59);
  expect(await statuses('acme')).toEqual(new Set(['at-risk']));
  expect(await everyHasGap('acme', 'activity.none')).toBe(true);
  expect(await statuses('globex')).toEqual(new Set(['on-track']));
  expect((await stored('globex')).some((s) => s.progress.findingCounts['activity.none'])).toBe(false);
  await expectEngineAnswer('acme', noonAfter(59));
  await expectEngineAnswer('globex', noonAfter(59));

  await run(120);
  for (const sid of ['acme', 'globex'] as const) {
    expect(await statuses(sid)).toEqual(new Set(['off-track']));
    for (const s of await stored(sid))
      expect(s.progress.status.reason).toMatch(/no counted sign-off or hours for 12\d days/);
  }

  // Past the framework's 24-month maximum duration (it ended on 2028-01-05): pace.behind appears.
  await run(731 + 1);
  for (const sid of ['acme', 'globex'] as const) {
    expect(await everyHasGap(sid, 'pace.behind')).toBe(true);
    for (const s of await stored(sid)) expect(s.progress.status.reason).toContain('past the 24-month maximum duration');
    await expectEngineAnswer(sid, noonAfter(732));
  }
});

test('a second run the same day writes nothing; reads per apprentice stay flat however many rows it has', async () => {
  const cold = await run(30);
  // Cold: every apprentice's rows are read once and copied (one more write each).
  expect(cold.writes).toBe(cold.changed + N);
  const again = await run(30);
  expect(again).toMatchObject({ apprentices: N, changed: 0, writes: 0 });

  // Next day, warm: per apprentice its profile (the page), its row copy and its stored progress; no row is read.
  const warm = await run(31);
  const pageReads = (n: number) => n + (n % PAGE === 0 ? 1 : 0);
  const sponsorPage = pageReads(Object.keys(SPONSORS).length);
  const apprenticePages = Object.values(SPONSORS).reduce((n, s) => n + pageReads(s.idle + s.busy), 0);
  expect(warm.reads).toBe(sponsorPage + apprenticePages + 2 * N);
  expect(warm.reads).toBeLessThanOrEqual(4 * N);
  expect(warm.reads).toBeLessThan(cold.reads);
  expect(warm).toMatchObject({ changed: N, writes: N });
  console.log(
    `daily recompute, ${N} apprentices: cold ${cold.reads} reads ${cold.writes} writes; warm ${warm.reads} reads ${warm.writes} writes; same day again ${again.reads} reads ${again.writes} writes`,
  );
});

test('a sync that changes rows is seen by the next run: the row copy is replaced, never used stale', async () => {
  await run(30);
  const busy = cohort('acme').find((r) => r.apprentice.id.startsWith('acme-busy'))!;
  const hours = busy.hours ?? [];
  const extra = { ...hours[0]!, id: 'extra-1', date: '2026-02-01', description: 'one more day' };
  expect((await syncAs(SPONSORS.acme.admin, [{ ...busy, hours: [...hours, extra] }], syncOf('acme'))).status).toBe(200);
  const next = await run(31);
  // The changed apprentice's 3 sign-offs and 7 hours rows are read again and its copy rewritten.
  expect(next.writes).toBe(next.changed + 1);
  await expectEngineAnswer('acme', noonAfter(31));
  const after = (await stored('acme')).find((s) => s.apprenticeId === busy.apprentice.id)!;
  expect(after.progress.entries['hours-entry'].pending).toBe(hours.length + 1);
  // And a reorder alone (no content change, no audit record) still moves the copy's version.
  const version = (await db().doc(`sponsors/acme/recomputeRows/${busy.apprentice.id}`).get()).get('version');
  expect((await syncAs(SPONSORS.acme.admin, [{ ...busy, hours: [extra, ...hours] }], syncOf('acme'))).status).toBe(200);
  await run(32);
  const now = (await db().doc(`sponsors/acme/recomputeRows/${busy.apprentice.id}`).get()).get('version');
  expect(now).not.toBe(version);
  await expectEngineAnswer('acme', noonAfter(32));
});

test('reads per apprentice on a warm run are the same with 2 rows as with 200 rows', async () => {
  const f = framework(FW);
  /** Three Globex apprentices with 2 sign-offs each, and with 198 hours entries each or none. */
  const measure = async (hoursPerCategory: number) => {
    const g = SPONSORS.globex;
    const make = (i: number) =>
      record({
        id: `g-${i}`,
        frameworkId: FW,
        levelId: 'L1',
        coach: g.coach,
        startDate: '2025-01-01',
        stage: { signed: 2, hoursPerCategory },
      });
    const records = [0, 1, 2].map(make);
    const rows = (records[0]?.signOffs ?? []).length + (records[0]?.hours ?? []).length;
    await scenario(sponsor('globex', records));
    const cold = await run(30);
    const warm = await run(31);
    return { rows, cold, warm };
  };
  expect(itemIds(f, 'L1').length).toBeGreaterThanOrEqual(2);
  const few = await measure(0);
  const many = await measure(66 * 8);
  expect([few.rows, many.rows]).toEqual([2, 200]);
  // Warm: the sponsor page (1 read), then per apprentice 3: its document (the page), its row copy, its progress.
  expect(few.warm.reads).toBe(1 + 3 * 3);
  expect(many.warm.reads).toBe(few.warm.reads);
  expect(many.warm).toMatchObject({ apprentices: 3, changed: 3, writes: 3 });
  // Cold, the rows themselves are read once: 200 reads per apprentice instead of 3 (2 sign-offs, and the empty hours
  // query is billed one read).
  expect(many.cold.reads - few.cold.reads).toBe(3 * (200 - 3));
  console.log(
    `daily recompute per apprentice, 2 rows: cold ${few.cold.reads / 3} reads, warm ${few.warm.reads / 3}; 200 rows: cold ${many.cold.reads / 3}, warm ${many.warm.reads / 3} (page queries included)`,
  );
});

test('a confirmation and a sign-off through the API are seen by the next run', async () => {
  // After the real clock: the API dates confirmations and sign-offs by it.
  const today = Math.ceil((Date.now() - noonAfter(0).valueOf()) / 86_400_000) + 1;
  const busy = cohort('acme').find((r) => r.apprentice.id === 'acme-busy-0')!;
  const aid = busy.apprentice.id;
  const signOffs = busy.signOffs ?? [];
  const pending = async () => (await stored('acme')).find((s) => s.apprenticeId === aid)!.progress.entries;
  await run(today);
  expect((await pending())['sign-off'].pending).toBe(signOffs.length);
  const confirmed = await call(api.confirmations, {
    as: SPONSORS.acme.coach,
    params: { sponsorId: 'acme', apprenticeId: aid },
    body: { signOffs: signOffs.map((s) => s.itemId), hours: (busy.hours ?? []).map((h) => h.id!) },
  });
  expect(confirmed.status).toBe(201);
  await run(today + 1);
  expect((await pending())['sign-off'].pending).toBe(0);
  expect((await pending())['hours-entry'].pending).toBe(0);
  await expectEngineAnswer('acme', noonAfter(today + 1));

  // The route stores its own view as of the real day; a stale copy would make the run store one without the sign-off.
  const confirmedBefore = (await pending())['sign-off'].confirmed;
  const next = itemIds(framework(FW), 'L1')[signOffs.length]!;
  const signed = await call(api.signOffs, {
    as: SPONSORS.acme.coach,
    params: { sponsorId: 'acme', apprenticeId: aid },
    body: { itemIds: [next], date: '2026-02-01' },
  });
  expect(signed.status).toBe(201);
  await run(today + 2);
  expect((await pending())['sign-off'].confirmed).toBe(confirmedBefore + 1);
  await expectEngineAnswer('acme', noonAfter(today + 2));
});

test('the scheduled function recomputes as of the time it was scheduled for', async () => {
  await daily.run({ scheduleTime: noonAfter(59).toISOString(), jobName: 'daily' } as ScheduledEvent);
  expect(await statuses('acme')).toEqual(new Set(['at-risk']));
  expect(new Set((await stored('acme')).map((s) => s.progress.asOf))).toEqual(new Set(['2026-03-06']));
  await expectEngineAnswer('acme', noonAfter(59));
  await expectEngineAnswer('globex', noonAfter(59));
});

test('a pass cut at its deadline continues where it stopped and ends with what one whole pass stores', async () => {
  // A deadline already past: each call does one page (PAGE apprentices) and says where to go on.
  const now = noonAfter(59);
  let from: RecomputeStats['next'];
  let calls = 0;
  let apprentices = 0;
  do {
    const s = await recomputeAll(db(), now, { pageSize: PAGE, deadline: 0, from });
    apprentices += s.apprentices;
    from = s.next;
    calls++;
  } while (from && calls < 50);
  expect(from).toBeUndefined();
  const total = (await db().collectionGroup('apprentices').get()).size;
  expect(apprentices).toBe(total);
  expect(calls).toBeGreaterThan(2);
  await expectEngineAnswer('acme', now);
  await expectEngineAnswer('globex', now);
});

test('the scheduled slices carry one pass through the day, then cost one read until the next day', async () => {
  const first = noonAfter(59);
  const later = new Date(first.getTime() + 10 * 60_000).toISOString();
  // A budget of 0 ms: every slice does one page of PAGE apprentices (the default pages of 200 would take all).
  const slices: (RecomputeStats | undefined)[] = [];
  for (let i = 0; i < 20; i++) {
    const s = await recomputeSlice(db(), i === 0 ? first.toISOString() : later, 0);
    slices.push(s);
    if (!s) break;
  }
  expect(slices.at(-1)).toBeUndefined();
  const pass = (await db().doc(PASS_DOC).get()).data()!;
  expect(pass).toMatchObject({ day: first.toISOString().slice(0, 10), asOf: first.toISOString(), next: null });
  expect(pass.apprentices).toBe((await db().collectionGroup('apprentices').get()).size);
  // Every slice computed as of the first one's schedule time, not its own.
  await expectEngineAnswer('acme', first);
  await expectEngineAnswer('globex', first);
  // The next day starts a new pass.
  const nextDay = new Date(first.getTime() + 86_400_000).toISOString();
  expect(await recomputeSlice(db(), nextDay)).toBeDefined();
  expect((await db().doc(PASS_DOC).get()).data()).toMatchObject({ asOf: nextDay, next: null, slices: 1 });
});

/** Acme's own framework at `version`, one level of the given items. */
function acmeDesk(version: string, items: string[]): Framework {
  const header = [
    'level',
    'level_title',
    'work_function',
    'work_function_title',
    'item_id',
    'statement',
    'core_optional',
  ];
  const rows = items.map((id) => ['L1', 'Desk', 'WF1', 'Desk work', id, `Does ${id}`, 'core']);
  const r = frameworkFromRows([header, ...rows], {
    id: 'acme-daily-desk',
    title: 'Acme desk (daily)',
    version,
    addedBy: 'acme',
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.framework;
}

test('a migration is seen by the next run: the copy is taken again, with the archived sign-off', async () => {
  const { admin, coach } = SPONSORS.acme;
  const publish = (f: Framework) =>
    call(api.publishFramework, { as: admin, params: { sponsorId: 'acme' }, body: { framework: f } });
  expect((await publish(acmeDesk('1.0.0', ['A1', 'A2', 'A3', 'A4']))).status).toBe(201);
  const desk = record({ id: 'desk-1', frameworkId: FW, levelId: 'L1', coach, startDate: START, stage: { signed: 0 } });
  desk.apprentice.frameworkId = 'acme-daily-desk';
  desk.signOffs = ['A1', 'A4'].map((itemId) => ({ itemId, date: '2026-01-10', coachEmail: coach }));
  expect((await syncAs(SPONSORS.acme.admin, [desk], syncOf('acme'))).status).toBe(200);
  await run(30);
  const copy = () => db().doc('sponsors/acme/recomputeRows/desk-1').get();
  const taken = (await copy()).get('version');
  expect(taken).toBeTruthy();

  expect((await publish(acmeDesk('2.0.0', ['A1', 'A2', 'A3', 'A5']))).status).toBe(201);
  const migrated = await call(api.migration, {
    as: admin,
    params: { sponsorId: 'acme', frameworkId: 'acme-daily-desk' },
    body: { toVersion: '2.0.0', apprenticeIds: ['desk-1'], apply: true },
  });
  expect(migrated.status).toBe(200);
  await run(31);
  const after = (await stored('acme')).find((s) => s.apprenticeId === 'desk-1')!;
  expect(after.frameworkVersion).toBe('2.0.0');
  expect((await copy()).get('version')).not.toBe(taken);
  const rows = JSON.parse((await copy()).get('rows')) as {
    signOffs: { data: { itemId: string; archived?: object } }[];
  };
  expect(rows.signOffs.filter((r) => r.data.archived).map((r) => r.data.itemId)).toEqual(['A4']);
  await expectEngineAnswer('acme', noonAfter(31));
});

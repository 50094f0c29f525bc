// Sync through the real API on the emulators: storage, engine results, idempotency, row-level updates, audit.
import { computeProgress, summarizeProgress } from '@qualcard/shared';
import {
  ADMIN,
  AS_OF,
  acme,
  allDocumentPaths,
  allDocuments,
  ann as annAt,
  COACH,
  db,
  framework,
  record,
  scenario,
  syncAs,
} from './kit';

const ann = () => annAt({ signed: 12, hoursPerCategory: 40 });
const ben = () =>
  record({
    id: 'ben',
    frameworkId: 'it-generalist-competencies',
    levelId: 'L1',
    coach: COACH,
    startDate: '2025-11-01',
    stage: { signed: 5, hoursPerCategory: 16 },
  });

beforeEach(() => scenario(acme()));

test("a sync stores the rows and returns the engine's progress for each apprentice", async () => {
  const res = await syncAs(ADMIN, [ann(), ben()], { key: 'sync-0001' });
  expect(res.status).toBe(200);
  expect(res.body.replayed).toBe(false);
  const byId = Object.fromEntries(res.body.apprentices.map((a) => [a.apprenticeId, a]));
  expect(byId.ann!.progress).toEqual(
    JSON.parse(JSON.stringify(summarizeProgress(computeProgress(framework('nitas-help-desk'), ann(), AS_OF)))),
  );
  expect(byId.ben!.progress).toEqual(
    JSON.parse(
      JSON.stringify(summarizeProgress(computeProgress(framework('it-generalist-competencies'), ben(), AS_OF))),
    ),
  );
  expect(byId.ann!.changes.signOffs).toEqual({ created: 12, updated: 0, deleted: 0 });
  expect(byId.ann!.changes.hours).toEqual({ created: 15, updated: 0, deleted: 0 });
  const signOffs = await db().collection('sponsors/acme/apprentices/ann/signOffs').get();
  expect(signOffs.size).toBe(12);
  const stored = await db().doc('sponsors/acme/progress/ann').get();
  expect(stored.get('progress.levels')).toEqual(byId.ann!.progress!.levels);
  // The roster gave the apprentice and the coach their roles.
  expect((await db().doc('members/ann@apprentice.example').get()).get('sponsors.acme')).toEqual({
    role: 'apprentice',
    apprenticeId: 'ann',
  });
  expect((await db().doc(`members/${COACH}`).get()).get('sponsors.acme')).toEqual({ role: 'coach' });
});

test('re-sending the same sync changes nothing, with the same key or a new one', async () => {
  await syncAs(ADMIN, [ann(), ben()], { key: 'sync-0001' });
  const before = await allDocuments();
  const replay = await syncAs(ADMIN, [ann(), ben()], { key: 'sync-0001' });
  expect(replay.status).toBe(200);
  expect(replay.body.replayed).toBe(true);
  expect(await allDocuments()).toEqual(before);
  const again = await syncAs(ADMIN, [ann(), ben()], { key: 'sync-0002' });
  expect(again.status).toBe(200);
  expect(again.body.apprentices.map((a) => a.changes)).toEqual(
    [0, 1].map(() => ({
      profile: false,
      signOffs: { created: 0, updated: 0, deleted: 0 },
      hours: { created: 0, updated: 0, deleted: 0 },
    })),
  );
  const after = await allDocuments();
  // Only the new idempotency key document appears.
  expect(Object.keys(after).filter((p) => !(p in before))).toEqual([expect.stringMatching(/^sponsors\/acme\/syncs\//)]);
  for (const [path, data] of Object.entries(before)) expect(after[path]).toEqual(data);
});

test('a changed row updates only that row, and appends one audit record', async () => {
  await syncAs(ADMIN, [ann()], { key: 'sync-0001' });
  const before = await allDocuments();
  const changed = ann();
  changed.signOffs![3] = { ...changed.signOffs![3]!, notes: 'observed twice' };
  changed.hours = changed.hours!.slice(0, -1); // last work-experience day removed
  const res = await syncAs(ADMIN, [changed], { key: 'sync-0002' });
  expect(res.status).toBe(200);
  expect(res.body.apprentices[0]!.changes.signOffs).toEqual({ created: 0, updated: 1, deleted: 0 });
  expect(res.body.apprentices[0]!.changes.hours).toEqual({ created: 0, updated: 0, deleted: 1 });
  const after = await allDocuments();
  const changedPaths = Object.keys({ ...before, ...after })
    .filter((p) => JSON.stringify(before[p]) !== JSON.stringify(after[p]))
    .sort();
  const signOffKey = changed.signOffs![3]!.itemId;
  expect(changedPaths).toEqual(
    [
      'sponsors/acme/apprentices/ann',
      'sponsors/acme/apprentices/ann/audit/0000000029',
      'sponsors/acme/apprentices/ann/audit/0000000030',
      'sponsors/acme/apprentices/ann/hours/work-experience-5',
      `sponsors/acme/apprentices/ann/signOffs/${signOffKey}`,
      'sponsors/acme/progress/ann',
      expect.stringMatching(/^sponsors\/acme\/syncs\//),
    ].sort((a, b) => String(a).localeCompare(String(b))),
  );
  const audit = (await db().doc('sponsors/acme/apprentices/ann/audit/0000000029').get()).data()!;
  expect(audit).toMatchObject({ who: ADMIN, entity: 'sign-off', action: 'update', key: signOffKey });
  expect(audit.after.data.notes).toBe('observed twice');
  expect(audit.before.data.notes).toBeUndefined();
});

test('the same idempotency key with a different body is a 409 and writes nothing', async () => {
  await syncAs(ADMIN, [ann()], { key: 'sync-0001' });
  const before = await allDocumentPaths();
  const res = await syncAs(ADMIN, [ann(), ben()], { key: 'sync-0001' });
  expect(res.status).toBe(409);
  expect(res.error.code).toBe('conflict');
  expect(await allDocumentPaths()).toEqual(before);
});

// The framework registry through the real API on the emulators: a sponsor's own framework and NITAS with its Level 3
// optional slots (HD3.0.1-3) filled by the sponsor are published, then synced, signed off, confirmed, exported as a
// transcript and reported in the cohort report like a shipped framework. Versions are immutable, re-publishing the
// same content is a no-op, an apprentice stays on its version until an admin migrates it, and a migration shows its
// diff first (writing nothing) and, applied, keeps every sign-off and hours row and archives what left.
import { createHash } from 'node:crypto';
import {
  type ApprenticeRecord,
  canonicalJson,
  type Framework,
  type FrameworkInput,
  frameworkFromRows,
  type SheetRecord,
} from '@qualcard/shared';
import * as api from '@qualcard/shared/api/routes';
import { readRecord } from '../../functions/src/store/apprentice';
import {
  ADMIN,
  acme,
  allDocuments,
  COACH,
  call,
  db,
  exportedTranscript,
  framework,
  type Reply,
  scenario,
  seedSponsor,
  syncAs,
  workbook,
} from './kit';

const CONSULTANT = 'consultant@acme.example';
const ACME = { sponsorId: 'acme' };
const AS_OF = '2026-06-30';
const START = '2026-01-05';

/** The sponsor's own framework, from Framework sheet rows (non-ASCII texts on purpose). */
function acmeDesk(version: string, items: string[]): Framework {
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
  const rows = items.map((id) => [
    'L1',
    'Desk',
    'WF1',
    'Bürosysteme',
    id,
    `Überprüfung ${id} — 日本語 ✓`,
    'core',
    '100',
  ]);
  const r = frameworkFromRows([header, ...rows], { id: 'acme-desk', title: 'Acme desk', version, addedBy: 'acme' });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.framework;
}

/** NITAS with the three Level 3 work-practice slots filled by the sponsor (the slots become items). */
function nitasFilled(): Framework {
  const rows = [
    ['level', 'work_function', 'item_id', 'statement', 'core_optional'],
    ['L3', 'WP', 'HD3.0.1', 'Runs the weekly change review', 'optional'],
    ['L3', 'WP', 'HD3.0.2', 'Mentors a Level 1 apprentice for a month', 'optional'],
    ['L3', 'WP', 'HD3.0.3', 'Writes a knowledge-base article a week', 'optional'],
  ];
  const r = frameworkFromRows(rows, {
    base: framework('nitas-help-desk'),
    id: 'nitas-help-desk-acme',
    addedBy: 'acme',
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.framework;
}

/** Publishes `f` as `as`; a framework the contract refuses is sent as it is (the test is about the refusal). */
const publish = (f: FrameworkInput | unknown, as = ADMIN) =>
  call(api.publishFramework, { as, params: ACME, wrongBody: { framework: f } });
const progressOf = async (apprenticeId: string) =>
  (await call(api.sponsorProgress, { as: ADMIN, params: ACME })).body.apprentices.find(
    (a) => a.apprenticeId === apprenticeId,
  )!;
const migrate = (as: string, body: { toVersion: string; apprenticeIds?: string[]; apply?: boolean }) =>
  call(api.migration, { as, params: { ...ACME, frameworkId: 'acme-desk' }, body });

function sheet(
  id: string,
  frameworkId: string,
  levelId: string,
  extra: Partial<SheetRecord['apprentice']> = {},
): SheetRecord {
  return {
    schemaVersion: 1,
    apprentice: {
      id,
      name: `Apprentice ${id}`,
      email: `${id}@apprentice.example`,
      startDate: START,
      frameworkId,
      levelId,
      coachEmails: [COACH],
      ...extra,
    },
    signOffs: [],
    hours: [
      { id: `${id}-h1`, date: '2026-02-02', category: 'on-the-job-learning', hours: 8, description: 'Ticket queue' },
      { id: `${id}-h2`, date: '2026-02-03', category: 'on-the-job-learning', hours: 6, description: 'Phones' },
    ],
    priorCredit: [],
    exams: [],
    certifications: [],
  };
}

const stored = async (aid: string): Promise<ApprenticeRecord> => (await readRecord(db(), 'acme', aid))!;
const issuePaths = (r: Reply) => r.error.details.issues.map((i) => i.path);

async function signAndConfirm(aid: string, signed: string[], typed: string[]): Promise<void> {
  const params = { ...ACME, apprenticeId: aid };
  const s = await call(api.signOffs, { as: COACH, params, body: { itemIds: signed, date: '2026-03-01' } });
  expect(s.status).toBe(201);
  const c = await call(api.confirmations, {
    as: COACH,
    params,
    body: { signOffs: typed, hours: [`${aid}-h1`, `${aid}-h2`] },
  });
  expect(c.status).toBe(201);
}

/** The transcript's summary rows (label -> value) and the cohort report's Cohort rows, read back with ExcelJS. */
async function transcriptSummary(aid: string): Promise<Map<string, string>> {
  const { bytes } = await exportedTranscript(ADMIN, { ...ACME, apprenticeId: aid }, { asOf: AS_OF });
  const wb = await workbook(bytes);
  const rows = new Map<string, string>();
  wb.worksheets[0]!.eachRow((row) => rows.set(String(row.getCell(1).value), String(row.getCell(2).value)));
  return rows;
}

/** A sheet of the sponsor's cohort report as rows keyed by header: the title, note and counts come first. */
async function cohortRows(name: 'Cohort' | 'Levels' = 'Cohort'): Promise<Record<string, unknown>[]> {
  const res = await call(api.sponsorCohortReport, { as: ADMIN, params: ACME });
  expect(res.status).toBe(200);
  const wb = await workbook(res.bytes);
  const sheet = wb.getWorksheet(name)!;
  const cells = (n: number) =>
    Array.from({ length: sheet.columnCount }, (_, i) => sheet.getRow(n).getCell(i + 1).value);
  let header: string[] | undefined;
  const out: Record<string, unknown>[] = [];
  for (let n = 1; n <= sheet.rowCount; n++) {
    const values = cells(n);
    if (header) out.push(Object.fromEntries(header.map((h, i) => [h, values[i]])));
    else if (values.includes('Apprentice')) header = values.map(String);
  }
  return out;
}

beforeAll(() => scenario(acme({ consultants: [CONSULTANT] })));

describe('publishing', () => {
  test('an admin publishes; the same content again changes nothing; other content under the version is a 409', async () => {
    const v1 = acmeDesk('1.0.0', ['A1', 'A2', 'A3', 'A4']);
    const first = await publish(v1);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ frameworkId: 'acme-desk', version: '1.0.0', created: true });
    const before = await allDocuments();
    const again = await publish(v1);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: false });
    expect(await allDocuments()).toEqual(before);
    const changed = await publish(acmeDesk('1.0.0', ['A1', 'A2']));
    expect(changed.status).toBe(409);
    expect(changed.error.message).toMatch(/framework\.version: acme-desk version "1\.0\.0" .* never changes/);
    expect(await allDocuments()).toEqual(before);
  });

  test("a shipped framework's id is a 409; a bad framework is a 400 naming the field; only an admin publishes", async () => {
    const shipped = await publish(framework('nitas-help-desk'));
    expect(shipped.status).toBe(409);
    expect(shipped.error.message).toMatch(/framework\.id: "nitas-help-desk" is a framework Qualcard ships/);
    const bad = acmeDesk('1.0.1', ['A1']) as FrameworkInput;
    const broken = { ...bad, levels: [{ ...bad.levels[0]!, id: 'level one' }] };
    const res = await publish(broken);
    expect(res.status).toBe(400);
    expect(issuePaths(res)).toContain('framework.levels.0.id');
    expect((await publish(acmeDesk('1.0.2', ['A1']), CONSULTANT)).status).toBe(403);
    const list = await call(api.listFrameworks, { as: CONSULTANT, params: ACME });
    expect(list.body.frameworks.find((f) => f.id === 'acme-desk')).toEqual({
      id: 'acme-desk',
      title: 'Acme desk',
      owner: 'acme',
      latestVersion: '1.0.0',
      versions: ['1.0.0'],
    });
    expect(list.body.frameworks.find((f) => f.id === 'nitas-help-desk')).toMatchObject({
      owner: 'qualcard',
      versions: ['1.1.0'], // the shipped NITAS version (issue 20)
    });
  });

  test('a framework over one Firestore document is refused with a 413 naming the field, writing nothing', async () => {
    const big = acmeDesk(
      '9.0.0',
      Array.from({ length: 3000 }, (_, i) => `B${i}`),
    ) as FrameworkInput;
    for (const wf of big.workFunctions)
      for (const item of wf.items) item.texts = { statement: `${'Überprüfung '.repeat(30)}${item.id}` };
    const before = await allDocuments();
    const res = await publish(big);
    expect(res.status).toBe(413);
    expect(res.error.message).toMatch(/^framework: \d+ bytes as JSON/);
    expect(await allDocuments()).toEqual(before);
  });

  test('a lone UTF-16 surrogate in any text is a 400 naming each field, writing nothing', async () => {
    // Found by the robustness suite: in the title it was a 500 (Firestore cannot store it), elsewhere a 201.
    const f = acmeDesk('9.1.0', ['A1', 'A2']) as FrameworkInput;
    const broken = {
      ...f,
      title: 'Acme desk \ud800',
      levels: [{ ...f.levels[0]!, title: '\udfff' }],
      workFunctions: [
        { ...f.workFunctions[0]!, items: f.workFunctions[0]!.items.map((i) => ({ ...i, addedBy: 'a\udbffb' })) },
      ],
    };
    const before = await allDocuments();
    const res = await publish(broken);
    expect(res.status).toBe(400);
    expect(issuePaths(res)).toEqual([
      'framework.title',
      'framework.levels.0.title',
      'framework.workFunctions.0.items.0.addedBy',
      'framework.workFunctions.0.items.1.addedBy',
    ]);
    expect(res.error.message).toMatch(/^framework\.title: holds a broken character/);
    expect(await allDocuments()).toEqual(before);
  });

  test('a version is read back exactly as published', async () => {
    const version = (as: string, v: string) =>
      call(api.getFrameworkVersion, { as, params: { ...ACME, frameworkId: 'acme-desk', version: v } });
    const res = await version(CONSULTANT, '1.0.0');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ owner: 'acme', version: '1.0.0', publishedBy: ADMIN });
    expect(res.body.framework).toEqual(acmeDesk('1.0.0', ['A1', 'A2', 'A3', 'A4']));
    expect((await version(ADMIN, '7.0.0')).status).toBe(404);
    // An id holding slashes (the encoding is what this is about).
    const slash = await call(api.getFramework, {
      as: ADMIN,
      params: { ...ACME, frameworkId: 'acme-desk/versions/1.0.0' },
    });
    expect(slash.status).toBe(400);
    expect(issuePaths(slash)).toEqual(['frameworkId']);
  });
});

describe('using a sponsor framework and filled NITAS slots', () => {
  test('sync, sign-off, confirmation, transcript and cohort report on the sponsor framework', async () => {
    const res = await syncAs(ADMIN, [sheet('ann', 'acme-desk', 'L1', {})]);
    expect(res.status).toBe(200);
    expect((await stored('ann')).apprentice.frameworkVersion).toBe('1.0.0'); // pinned to the latest at first sync
    const typed = sheet('ann', 'acme-desk', 'L1');
    typed.signOffs = [
      { itemId: 'A2', date: '2026-02-10', coachEmail: COACH },
      { itemId: 'A4', date: '2026-02-11', coachEmail: COACH },
    ];
    expect((await syncAs(ADMIN, [typed])).status).toBe(200);
    await signAndConfirm('ann', ['A1'], ['A2', 'A4']);
    const unknown = await call(api.signOffs, {
      as: COACH,
      params: { ...ACME, apprenticeId: 'ann' },
      body: { itemIds: ['HD1.1.1'] },
    });
    expect(unknown.status).toBe(400);
    expect(issuePaths(unknown)).toEqual(['itemIds.0']);

    const ann = await progressOf('ann');
    expect(ann).toMatchObject({ frameworkId: 'acme-desk', frameworkVersion: '1.0.0' });
    expect(ann.progress.levels[0]!.items.done).toBe(3);
    expect(ann.progress.integrity).toEqual([]);

    const t = await transcriptSummary('ann');
    expect(t.get('Framework id')).toBe('acme-desk');
    expect(t.get('Framework version')).toBe('1.0.0');
    const row = (await cohortRows()).find((r) => r['Apprentice id'] === 'ann')!;
    expect(String(row['Level worked towards'])).toMatch(/\nacme-desk 1\.0\.0$/);
    expect(row['Items signed']).toMatch(/^3 of \d+$/);
  });

  test('NITAS with HD3.0.1-3 filled: published, synced at Level 3, signed, confirmed, in the transcript and the report', async () => {
    const filled = nitasFilled();
    expect(filled.slots.filter((s) => s.id.startsWith('HD3.0.'))).toEqual([]);
    const pub = await publish(filled);
    expect(pub.status).toBe(201);
    expect(pub.body).toMatchObject({ frameworkId: 'nitas-help-desk-acme', version: '1.1.0-sponsor.1' });
    const ben = sheet('ben', 'nitas-help-desk-acme', 'L3');
    ben.signOffs = [{ itemId: 'HD3.0.2', date: '2026-02-12', coachEmail: COACH }];
    expect((await syncAs(ADMIN, [ben])).status).toBe(200);
    expect((await stored('ben')).apprentice.frameworkVersion).toBe('1.1.0-sponsor.1');
    await signAndConfirm('ben', ['HD3.0.1', 'HD3.0.3'], ['HD3.0.2']);
    const rec = await stored('ben');
    expect(
      rec.signOffs
        .filter((s) => s.confirmation)
        .map((s) => s.itemId)
        .sort(),
    ).toEqual(['HD3.0.1', 'HD3.0.2', 'HD3.0.3']);
    const p = await progressOf('ben');
    expect(p.frameworkVersion).toBe('1.1.0-sponsor.1');
    expect(p.progress.integrity).toEqual([]);
    expect(p.progress.entries['sign-off']).toMatchObject({ confirmed: 3, pending: 0, flagged: 0 });
    const t = await transcriptSummary('ben');
    expect(t.get('Framework version')).toBe('1.1.0-sponsor.1');
    const row = (await cohortRows()).find((r) => r['Apprentice id'] === 'ben')!;
    expect(String(row['Level worked towards'])).toMatch(/\(L3\)\nnitas-help-desk-acme 1\.1\.0-sponsor\.1$/);
    // Every level of the version on the report's Levels sheet, Level 3 the one worked towards.
    const levels = (await cohortRows('Levels')).filter((r) => r['Apprentice id'] === 'ben');
    expect(levels.map((r) => [String(r.Level).replace(/.*\((L\d)\)$/, '$1'), r['Worked towards'] || ''])).toEqual([
      ['L1', ''],
      ['L2', ''],
      ['L3', 'Yes'],
    ]);
  });
});

describe('versions and migration', () => {
  test('a new version does not move anyone: a sync keeps the stored version and refuses another one', async () => {
    expect((await publish(acmeDesk('2.0.0', ['A1', 'A2', 'A3', 'A5']))).status).toBe(201);
    expect((await syncAs(ADMIN, [sheet('ann', 'acme-desk', 'L1')])).status).toBe(200);
    expect((await stored('ann')).apprentice.frameworkVersion).toBe('1.0.0');
    const moved = await syncAs(ADMIN, [sheet('ann', 'acme-desk', 'L1', { frameworkVersion: '2.0.0' })]);
    expect(moved.status).toBe(409);
    expect(moved.error.message).toMatch(/^records\.0\.apprentice\.frameworkVersion: .* is a migration/);
    // New apprentices: the latest, or any published version they name; an unknown one is a 400 naming the field.
    expect(
      (
        await syncAs(ADMIN, [
          sheet('cy', 'acme-desk', 'L1'),
          sheet('dee', 'acme-desk', 'L1', { frameworkVersion: '1.0.0' }),
        ])
      ).status,
    ).toBe(200);
    expect((await stored('cy')).apprentice.frameworkVersion).toBe('2.0.0');
    expect((await stored('dee')).apprentice.frameworkVersion).toBe('1.0.0');
    const unknown = await syncAs(ADMIN, [sheet('eve', 'acme-desk', 'L1', { frameworkVersion: '7.0.0' })]);
    expect(unknown.status).toBe(400);
    expect(issuePaths(unknown)).toEqual(['records.0.apprentice.frameworkVersion']);
  });

  test('the diff writes nothing; applied, every sign-off and hours row is kept and the removed item archived', async () => {
    const before = await stored('ann');
    const docs = await allDocuments();
    expect((await migrate(COACH, { toVersion: '2.0.0' })).status).toBe(403);
    const dry = await migrate(ADMIN, { toVersion: '2.0.0', apprenticeIds: ['ann'] });
    expect(dry.status).toBe(200);
    expect(dry.body).toEqual({
      fromVersions: ['1.0.0'],
      toVersion: '2.0.0',
      applied: false,
      apprentices: [
        {
          apprenticeId: 'ann',
          fromVersion: '1.0.0',
          itemsAdded: ['A5'],
          itemsArchived: [{ itemId: 'A4', signed: true }],
          levelsRemoved: [],
        },
      ],
    });
    expect(await allDocuments()).toEqual(docs);

    const applied = await migrate(ADMIN, { toVersion: '2.0.0', apprenticeIds: ['ann'], apply: true });
    expect(applied.body).toMatchObject({ applied: true, apprentices: dry.body.apprentices });
    const after = await stored('ann');
    expect(after.apprentice.frameworkVersion).toBe('2.0.0');
    expect(after.hours).toEqual(before.hours);
    expect(after.signOffs.map(({ archived: _, ...s }) => s)).toEqual(before.signOffs);
    expect(
      after.signOffs.filter((s) => s.archived).map((s) => [s.itemId, s.archived!.fromVersion, s.archived!.toVersion]),
    ).toEqual([['A4', '1.0.0', '2.0.0']]);
    const p = await progressOf('ann');
    expect(p.frameworkVersion).toBe('2.0.0');
    // The archived sign-off is history: no flag, no gap, not counted. (This sheet lists no ticks: the live confirmed
    // sign-offs are reported as deleted from it, and still count.)
    expect(p.progress.integrity.map((f) => [f.code, (f.pointer as { itemId?: string }).itemId])).toEqual([
      ['entry.deleted-since-confirmed', 'A2'],
      ['entry.deleted-since-confirmed', 'A1'],
    ]);
    expect(p.progress.levels[0]!.items.done).toBe(2);
    expect((await call(api.verifyAudit, { as: ADMIN, params: { ...ACME, apprenticeId: 'ann' } })).body.ok).toBe(true);

    // The sheet, regenerated, no longer lists A4: a sync keeps the archived sign-off all the same.
    expect((await syncAs(ADMIN, [sheet('ann', 'acme-desk', 'L1')])).status).toBe(200);
    expect((await stored('ann')).signOffs).toEqual(after.signOffs);
    expect((await transcriptSummary('ann')).get('Framework version')).toBe('2.0.0');
  });

  test('without apprenticeIds every apprentice on another version is listed; a level the new version lacks is a 409', async () => {
    const dry = await migrate(ADMIN, { toVersion: '2.0.0' });
    expect(dry.body.apprentices.map((a) => a.apprenticeId)).toEqual(['dee']);
    expect((await migrate(ADMIN, { toVersion: '3.0.0' })).status).toBe(404);
    const other = acmeDesk('3.0.0', ['A1']) as FrameworkInput;
    other.levels = [{ ...other.levels[0]!, id: 'L9' }];
    other.workFunctions[0]!.items[0]!.levels = ['L9'];
    expect((await publish(other)).status).toBe(201);
    const gone = await migrate(ADMIN, { toVersion: '3.0.0', apprenticeIds: ['cy'] });
    expect(gone.status).toBe(409);
    expect(gone.error.message).toMatch(/has no level L1/);
  });

  test('an apprentice named twice is a 400 naming apprenticeIds, writing nothing', async () => {
    // It was moved once and listed twice in the answer.
    const before = await allDocuments();
    const twice = await migrate(ADMIN, { toVersion: '2.0.0', apprenticeIds: ['dee', 'dee'], apply: true });
    expect(twice.status).toBe(400);
    expect(issuePaths(twice)).toEqual(['apprenticeIds']);
    expect(await allDocuments()).toEqual(before);
  });
});

describe('shipped versions in the registry', () => {
  const INITECH = 'admin@initech.example';
  const shippedWps = () => framework('it-support-wps');
  const versionDoc = (f: Framework) => {
    const json = canonicalJson(f);
    return { frameworkId: f.id, version: f.version, json, sha256: createHash('sha256').update(json).digest('hex') };
  };
  const INITECH_ID = { sponsorId: 'initech' };

  test('a shipped version a sync pins is kept in the sponsor registry; an earlier shipped version still resolves', async () => {
    // A sponsor no other test uses: each functions instance copies a shipped version into a registry once.
    await seedSponsor('initech', 'Initech', { [INITECH]: 'admin' });
    const shipped = shippedWps();
    expect((await syncAs(INITECH, [sheet('ivy', shipped.id, 'L1')], INITECH_ID)).status).toBe(200);
    const kept = (await db().doc(`sponsors/initech/frameworks/${shipped.id}/versions/${shipped.version}`).get()).data();
    expect(kept).toMatchObject({ ...versionDoc(shipped), publishedBy: 'qualcard' });
    expect((await db().doc(`sponsors/initech/frameworks/${shipped.id}`).get()).get('owner')).toBe('qualcard');

    // What an earlier release shipped and this registry kept (written as adoptShipped would have written it then).
    const earlier = { ...shipped, version: '0.9.0' };
    await db()
      .doc(`sponsors/initech/frameworks/${shipped.id}/versions/0.9.0`)
      .set({ ...versionDoc(earlier), publishedBy: 'qualcard', publishedAt: '2026-01-01T00:00:00.000Z' });
    await db()
      .doc(`sponsors/initech/frameworks/${shipped.id}`)
      .set({ versions: ['0.9.0', shipped.version] }, { merge: true });
    const old = await syncAs(INITECH, [sheet('ole', shipped.id, 'L1', { frameworkVersion: '0.9.0' })], INITECH_ID);
    expect(old.status).toBe(200);
    expect(old.body.apprentices[0]!.progress!.frameworkVersion).toBe('0.9.0');
    const list = await call(api.listFrameworks, { as: INITECH, params: INITECH_ID });
    expect(list.body.frameworks.filter((f) => f.id === shipped.id)).toEqual([
      {
        id: shipped.id,
        title: shipped.title,
        owner: 'qualcard',
        latestVersion: shipped.version,
        versions: ['0.9.0', shipped.version],
      },
    ]);
    const read = await call(api.getFrameworkVersion, {
      as: INITECH,
      params: { ...INITECH_ID, frameworkId: shipped.id, version: '0.9.0' },
    });
    expect(read.body).toMatchObject({ owner: 'qualcard', version: '0.9.0' });
    // Keeping a shipped version does not make its id the sponsor's to publish under.
    const refused = await call(api.publishFramework, { as: INITECH, params: INITECH_ID, body: { framework: earlier } });
    expect(refused.status).toBe(409);
  });
});

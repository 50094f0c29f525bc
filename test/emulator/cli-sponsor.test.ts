// The project owner's commands as the owner runs them (`node bin/qualcard.js sponsor ...`, a real process) against
// the Firestore emulator (FIRESTORE_EMULATOR_HOST, set by emulators:exec, routes the Admin SDK there): a sponsor and
// its first admin are created, the API then knows that person as its admin (GET /v1/me) and lets them add members;
// a second create of the same id, an unknown sponsor and a bad email are refused and change nothing; add-admin gives
// a sponsor another admin.
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import * as api from '@qualcard/shared/api/routes';
import { allDocuments, call, clearFirestore, seedSponsor } from './kit';

const ROOT = resolve(__dirname, '../..');
const OWNER_ADMIN = 'first.admin@newco.example';

interface Run {
  code: number;
  out: string;
  err: string;
}

/** `node bin/qualcard.js ...` with the test's environment (the emulators'); no ID token: the owner needs none. */
function qualcard(...argv: string[]): Promise<Run> {
  const env = { ...process.env };
  delete env.QUALCARD_ID_TOKEN;
  return new Promise((done) => {
    execFile('node', [join(ROOT, 'bin/qualcard.js'), ...argv], { env, cwd: ROOT }, (e, out, err) => {
      done({ code: e ? Number(e.code) : 0, out, err });
    });
  });
}

const roles = async (email: string) => {
  const me = await call(api.me, { as: email });
  expect(me.status).toBe(200);
  return me.body.sponsors;
};

beforeAll(async () => {
  await clearFirestore();
});

test('sponsor create writes the sponsor and its first admin, whom the API then knows as admin', async () => {
  const run = await qualcard(
    'sponsor',
    'create',
    'newco',
    '--name',
    'NewCo Apprenticeships',
    '--admin',
    'First.Admin@NewCo.example',
    '--time-zone',
    'America/Chicago',
  );
  expect(run).toMatchObject({ code: 0, err: '' });
  expect(run.out).toContain(
    `Created sponsor newco ("NewCo Apprenticeships", time zone America/Chicago) in the Firestore emulator at ${process.env.FIRESTORE_EMULATOR_HOST} (project demo-qualcard); ${OWNER_ADMIN} is its admin.`,
  );
  expect(run.out).toContain('Extensions → Qualcard → Open');

  const docs = await allDocuments();
  expect(Object.keys(docs)).toEqual([`members/${OWNER_ADMIN}`, 'sponsors/newco']);
  expect(docs['sponsors/newco']).toMatchObject({
    name: { stringValue: 'NewCo Apprenticeships' },
    timeZone: { stringValue: 'America/Chicago' },
    createdAt: { stringValue: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
  });

  expect((await roles(OWNER_ADMIN)).newco).toMatchObject({ role: 'admin' });
  // As admin, they add the sponsor's people through the API (the sidebar's Members section).
  const coach = await call(api.putMember, {
    as: OWNER_ADMIN,
    params: { sponsorId: 'newco', email: 'coach@newco.example' },
    body: { role: 'coach' },
  });
  expect(coach.status).toBe(200);
  expect((await roles('coach@newco.example')).newco).toMatchObject({ role: 'coach' });
});

test('a second create of the same id is refused and changes nothing', async () => {
  const before = await allDocuments();
  const run = await qualcard(
    'sponsor',
    'create',
    'newco',
    '--name',
    'Someone Else',
    '--admin',
    'intruder@else.example',
  );
  expect(run.code).toBe(1);
  expect(run.out).toBe('');
  expect(run.err).toContain('sponsor newco ("NewCo Apprenticeships") exists already: nothing was written.');
  expect(await allDocuments()).toEqual(before);
  expect(await roles('intruder@else.example')).toEqual({});
});

test('bad arguments are named and write nothing', async () => {
  const before = await allDocuments();
  const run = await qualcard('sponsor', 'create', 'other co', '--name', 'Other', '--admin', 'nobody');
  expect(run.code).toBe(1);
  expect(run.err).toContain('<sponsorId> "other co":');
  expect(run.err).toContain('--admin "nobody":');
  expect(await allDocuments()).toEqual(before);
});

test('a second sponsor for the same person keeps their first role', async () => {
  const run = await qualcard('sponsor', 'create', 'newco-west', '--name', 'NewCo West', '--admin', OWNER_ADMIN);
  expect(run.code).toBe(0);
  expect(run.out).toContain("no time zone yet (the admin's set-up stores the spreadsheet's)");
  const mine = await roles(OWNER_ADMIN);
  expect(mine.newco).toMatchObject({ role: 'admin' });
  expect(mine['newco-west']).toMatchObject({ role: 'admin' });
});

test('add-admin gives an existing sponsor another admin; an unknown sponsor is refused', async () => {
  const promoted = await qualcard('sponsor', 'add-admin', 'newco', 'Coach@NewCo.example');
  expect(promoted).toMatchObject({ code: 0, err: '' });
  expect(promoted.out).toContain('coach@newco.example is now an admin of sponsor newco ("NewCo Apprenticeships")');
  expect(promoted.out).toContain('(was coach)');
  expect((await roles('coach@newco.example')).newco).toMatchObject({ role: 'admin' });

  const added = await qualcard('sponsor', 'add-admin', 'newco', 'second.admin@newco.example');
  expect(added.code).toBe(0);
  expect((await roles('second.admin@newco.example')).newco).toMatchObject({ role: 'admin' });

  const before = await allDocuments();
  const again = await qualcard('sponsor', 'add-admin', 'newco', 'second.admin@newco.example');
  expect(again.out).toContain('is an admin of sponsor newco ("NewCo Apprenticeships") in the Firestore emulator');
  expect(again.out).toContain('already: nothing was written.');
  const unknown = await qualcard('sponsor', 'add-admin', 'nosuch', 'someone@newco.example');
  expect(unknown.code).toBe(1);
  expect(unknown.err).toContain('no sponsor nosuch: nothing was written.');
  expect(await allDocuments()).toEqual(before);
  expect(await roles('someone@newco.example')).toEqual({});
});

test('add-admin refuses an apprentice of the sponsor (one role per sponsor): their record stays theirs', async () => {
  await seedSponsor('appco', 'AppCo', { 'ann@apprentice.example': { role: 'apprentice', apprenticeId: 'ann' } });
  const before = await allDocuments();
  const run = await qualcard('sponsor', 'add-admin', 'appco', 'ann@apprentice.example');
  expect(run.code).toBe(1);
  expect(run.err).toContain(
    'ann@apprentice.example is an apprentice of sponsor appco (one role per sponsor): nothing was written.',
  );
  expect(await allDocuments()).toEqual(before);
  expect((await roles('ann@apprentice.example')).appco).toMatchObject({ role: 'apprentice', apprenticeId: 'ann' });
});

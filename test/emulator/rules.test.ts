// Firestore security rules on the emulator, per collection and role: allowed reads succeed, everything else fails.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  assertFails,
  assertSucceeds,
  initializeTestEnvironment,
  type RulesTestContext,
  type RulesTestEnvironment,
} from '@firebase/rules-unit-testing';
import { setLogLevel } from 'firebase/firestore';
import { seedOnce } from './kit';
import { firestoreHost } from './kit/env';

// Denied writes are the point of these tests; the SDK would log each one as a warning.
setLogLevel('silent');

// A project of its own, so loading these rules never touches the functions' project.
const PROJECT = 'demo-qualcard-rules';
const A = 'sponsors/acme';
const ANN = `${A}/apprentices/ann`;
const BOB = `${A}/apprentices/bob`;
const OTHER = 'sponsors/globex/apprentices/gus';

const people = {
  admin: 'admin@acme.example',
  consultant: 'consultant@advisors.example',
  coach: 'coach@acme.example',
  otherCoach: 'coach2@acme.example',
  apprentice: 'ann@acme.example',
  stranger: 'nobody@else.example',
} as const;
type Person = keyof typeof people;

let env: RulesTestEnvironment;

beforeAll(async () => {
  const [host, port] = firestoreHost().split(':');
  env = await initializeTestEnvironment({
    projectId: PROJECT,
    firestore: {
      host: host!,
      port: Number(port),
      rules: readFileSync(join(__dirname, '../../firestore.rules'), 'utf8'),
    },
  });
});
afterAll(async () => {
  await env?.cleanup();
});

// Every case reads, or tries a write the rules must refuse: the data is seeded once, and again only after a write
// that got through (a failing case), so later cases still start from the seed.
const fixture = seedOnce(async () => {
  await env.clearFirestore();
  await env.withSecurityRulesDisabled(async (ctx) => {
    const db = ctx.firestore();
    const set = (path: string, data: object) => db.doc(path).set(data);
    await set(`members/${people.admin}`, { email: people.admin, sponsors: { acme: { role: 'admin' } } });
    await set(`members/${people.consultant}`, {
      email: people.consultant,
      sponsors: { acme: { role: 'consultant' }, initech: { role: 'consultant' } },
    });
    await set(`members/${people.coach}`, { email: people.coach, sponsors: { acme: { role: 'coach' } } });
    await set(`members/${people.otherCoach}`, { email: people.otherCoach, sponsors: { acme: { role: 'coach' } } });
    await set(`members/${people.apprentice}`, {
      email: people.apprentice,
      sponsors: { acme: { role: 'apprentice', apprenticeId: 'ann' } },
    });
    await set(A, { name: 'Acme' });
    await set('sponsors/globex', { name: 'Globex' });
    for (const [path, coach] of [
      [ANN, people.coach],
      [BOB, people.otherCoach],
      [OTHER, 'coach@globex.example'],
    ] as const) {
      const id = path.split('/').pop()!;
      await set(path, { apprentice: { id, coachEmails: [coach] } });
      await set(`${path}/signOffs/HD1.1.1`, { key: 'HD1.1.1' });
      await set(`${path}/hours/h1`, { key: 'h1' });
      await set(`${path}/transcripts/v00001`, { version: 1 });
      await set(`${path}/confirmationRequests/r1`, { apprenticeId: id, open: true });
      await set(`${path}/audit/0000000001`, { seq: 1 });
      await set(`${path.split('/apprentices/')[0]}/progress/${id}`, { apprenticeId: id, coachEmails: [coach] });
      await set(`${path.split('/apprentices/')[0]}/credentials/c-${id}`, { apprenticeId: id, status: 'active' });
    }
    await set(`${A}/syncs/k1`, { key: 'k1' });
    await set(`${A}/recomputeRows/ann`, { version: 'v1', rows: '{"signOffs":[],"hours":[]}' });
    await set(`${A}/frameworks/acme-desk`, { owner: 'acme', latestVersion: '1.0.0', versions: ['1.0.0'] });
    await set(`${A}/frameworks/acme-desk/versions/1.0.0`, { json: '{}', sha256: 'x' });
    await set('sponsors/globex/frameworks/globex-desk', { owner: 'globex' });
  });
});

type Caller = Person | 'anonymous' | 'unverified';
type Firestore = ReturnType<RulesTestContext['firestore']>;
const clients = new Map<Caller, Firestore>();
/** The Firestore client of one caller, made once per file (each context is an app of its own). */
const as = (who: Caller): Firestore => {
  let client = clients.get(who);
  if (!client) {
    if (who === 'anonymous') client = env.unauthenticatedContext().firestore();
    else if (who === 'unverified')
      client = env.authenticatedContext('u-unverified', { email: people.admin, email_verified: false }).firestore();
    else client = env.authenticatedContext(`u-${who}`, { email: people[who], email_verified: true }).firestore();
    clients.set(who, client);
  }
  return client;
};
const read = (who: Caller, path: string) => as(who).doc(path).get();
/** A write the rules must refuse; one that gets through also marks the seeded data as changed. */
const refused = async (write: Promise<unknown>): Promise<void> => {
  try {
    await assertFails(write);
  } catch (e) {
    fixture.changes();
    throw e;
  }
};

// [collection, path, roles allowed to read it]
const cases: [string, string, Person[]][] = [
  ['sponsor', A, ['admin', 'consultant', 'coach', 'otherCoach', 'apprentice']],
  ['apprentice', ANN, ['admin', 'consultant', 'coach', 'apprentice']],
  ['signOffs', `${ANN}/signOffs/HD1.1.1`, ['admin', 'consultant', 'coach', 'apprentice']],
  ['hours', `${ANN}/hours/h1`, ['admin', 'consultant', 'coach', 'apprentice']],
  ['transcripts', `${ANN}/transcripts/v00001`, ['admin', 'consultant', 'coach', 'apprentice']],
  ['confirmationRequests', `${ANN}/confirmationRequests/r1`, ['admin', 'consultant', 'coach', 'apprentice']],
  ['audit', `${ANN}/audit/0000000001`, ['admin', 'consultant']],
  ['progress', `${A}/progress/ann`, ['admin', 'consultant', 'coach', 'apprentice']],
  ['credentials', `${A}/credentials/c-ann`, ['admin', 'consultant', 'coach', 'apprentice']],
  ['syncs', `${A}/syncs/k1`, ['admin']],
  // The daily recompute's row copy: nobody, not even an admin.
  ['recomputeRows', `${A}/recomputeRows/ann`, []],
  ['frameworks', `${A}/frameworks/acme-desk`, ['admin', 'consultant', 'coach', 'otherCoach', 'apprentice']],
  [
    'framework versions',
    `${A}/frameworks/acme-desk/versions/1.0.0`,
    ['admin', 'consultant', 'coach', 'otherCoach', 'apprentice'],
  ],
];
const everyone = Object.keys(people) as Person[];

describe.each(cases)('%s (%s)', (_name, path, allowed) => {
  test.each(everyone.map((p) => [p, allowed.includes(p)] as const))('%s may read: %s', async (who, ok) => {
    if (ok) await assertSucceeds(read(who, path));
    else await assertFails(read(who, path));
  });
  test.each(everyone)('%s may not write', async (who) => {
    await refused(as(who).doc(path).set({ tampered: true }));
    await refused(as(who).doc(path).delete());
  });
  test('anonymous and unverified users read nothing', async () => {
    await assertFails(read('anonymous', path));
    await assertFails(read('unverified', path));
  });
});

test("tenant isolation: no Acme member reads another sponsor's data, not even a consultant of other sponsors", async () => {
  for (const who of everyone) {
    await assertFails(read(who, 'sponsors/globex'));
    await assertFails(read(who, OTHER));
    await assertFails(read(who, `${OTHER}/signOffs/HD1.1.1`));
    await assertFails(read(who, 'sponsors/globex/progress/gus'));
    await assertFails(read(who, 'sponsors/globex/frameworks/globex-desk'));
    await assertFails(read(who, 'sponsors/globex/credentials/c-gus'));
  }
});

test("a coach does not read another coach's apprentice; an apprentice does not read another apprentice", async () => {
  await assertFails(read('coach', BOB));
  await assertFails(read('coach', `${A}/progress/bob`));
  await assertFails(read('apprentice', BOB));
  await assertFails(read('apprentice', `${BOB}/hours/h1`));
  await assertFails(read('coach', `${A}/credentials/c-bob`));
  await assertFails(read('apprentice', `${A}/credentials/c-bob`));
  await assertSucceeds(read('otherCoach', BOB));
});

test('members: each person reads only their own membership', async () => {
  await assertSucceeds(read('coach', `members/${people.coach}`));
  await assertFails(read('coach', `members/${people.admin}`));
  await refused(
    as('admin')
      .doc(`members/${people.admin}`)
      .set({ sponsors: { globex: { role: 'admin' } } }, { merge: true }),
  );
});

test('an account email with capitals is matched to its lower-cased membership and coach entries', async () => {
  // The functions store emails lower-cased (members/{email} ids, coachEmails); Google may give the account's
  // email with capitals. Extra documents for this case: the next test starts from a fresh seed.
  fixture.changes();
  const account = 'Coach.Two@Example.com';
  const stored = account.toLowerCase();
  await env.withSecurityRulesDisabled(async (ctx) => {
    const db = ctx.firestore();
    await db.doc(`members/${stored}`).set({ email: stored, sponsors: { acme: { role: 'coach' } } });
    await db.doc(`${A}/apprentices/cal`).set({ apprentice: { id: 'cal', coachEmails: [stored] } });
    await db.doc(`${A}/apprentices/cal/hours/h1`).set({ key: 'h1' });
    await db.doc(`${A}/progress/cal`).set({ apprenticeId: 'cal', coachEmails: [stored] });
  });
  const coach = env.authenticatedContext('u-capitals', { email: account, email_verified: true }).firestore();
  await assertSucceeds(coach.doc(`members/${stored}`).get());
  await assertSucceeds(coach.doc(A).get());
  await assertSucceeds(coach.doc(`${A}/apprentices/cal`).get());
  await assertSucceeds(coach.doc(`${A}/apprentices/cal/hours/h1`).get());
  await assertSucceeds(coach.doc(`${A}/progress/cal`).get());
  // Still only their own: not another coach's apprentice, not someone else's membership, no audit log.
  await assertFails(coach.doc(BOB).get());
  await assertFails(coach.doc(`${A}/progress/bob`).get());
  await assertFails(coach.doc(`members/${people.coach}`).get());
  await assertFails(coach.doc(`${A}/apprentices/cal`).set({ tampered: true }));
});

test('a new audit record cannot be created by any client', async () => {
  for (const who of everyone) await refused(as(who).doc(`${ANN}/audit/0000000002`).set({ seq: 2 }));
});

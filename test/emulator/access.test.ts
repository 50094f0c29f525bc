// Identity, roles, tenant isolation and error codes through the real API. Rejected requests write nothing.
import { createSign, generateKeyPairSync } from 'node:crypto';
import { mintIdToken } from '../../scripts/emulator-key';
import {
  allDocuments,
  call,
  clearFirestore,
  db,
  type ErrorAnswer,
  type ProgressListAnswer,
  type SignOffAnswer,
  type SyncAnswer,
  seedSponsor,
} from './helpers/api';
import { record } from './helpers/records';
import { seedOnce } from './helpers/seed-once';

const ADMIN = 'admin@acme.example';
const COACH = 'coach@acme.example';
const COACH2 = 'coach2@acme.example';
const CONSULTANT = 'consultant@advisors.example';
const GLOBEX_ADMIN = 'admin@globex.example';
const AS_OF = '2026-06-30';

const ann = () =>
  record({
    id: 'ann',
    frameworkId: 'nitas-help-desk',
    levelId: 'L1',
    coach: COACH,
    startDate: '2025-09-01',
    stage: { signed: 4, hoursPerCategory: 16 },
  });
const bob = () =>
  record({
    id: 'bob',
    frameworkId: 'it-support-wps',
    levelId: 'L1',
    coach: COACH2,
    startDate: '2025-10-01',
    stage: { signed: 3 },
  });
const gus = () =>
  record({
    id: 'gus',
    frameworkId: 'customer-technical-support',
    levelId: 'ITS1',
    coach: 'coach@globex.example',
    startDate: '2025-10-01',
    stage: { signed: 2 },
  });
const body = (key: string, records: unknown[]) => ({ idempotencyKey: key, asOf: AS_OF, records });

// Seeded once; the tests that write (a coach's sync and sign-off, setting a role) call fixture.changes().
const fixture = seedOnce(async () => {
  await clearFirestore();
  await seedSponsor('acme', 'Acme IT', { [ADMIN]: 'admin', [CONSULTANT]: 'consultant' });
  await seedSponsor('globex', 'Globex', { [GLOBEX_ADMIN]: 'admin', [CONSULTANT]: 'consultant' });
  expect(
    (await call('POST', '/v1/sponsors/acme/sync', { as: ADMIN, body: body('seed-acme-1', [ann(), bob()]) })).status,
  ).toBe(200);
  expect(
    (await call('POST', '/v1/sponsors/globex/sync', { as: GLOBEX_ADMIN, body: body('seed-globex-1', [gus()]) })).status,
  ).toBe(200);
});

/** Runs a request that must be rejected with `status`, and checks that no document was added, changed or removed. */
async function rejected(status: number, method: string, path: string, opts: Parameters<typeof call>[2]) {
  const before = await allDocuments();
  const res = await call<ErrorAnswer>(method, path, opts);
  expect({ status: res.status, body: res.body }).toMatchObject({ status });
  expect(await allDocuments()).toEqual(before);
  return res;
}

describe('identity', () => {
  const path = '/v1/sponsors/acme/progress';
  test('no token is a 401', async () => {
    expect((await call('GET', path)).status).toBe(401);
  });
  test('a malformed token is a 401', async () => {
    expect((await call('GET', path, { headers: { authorization: 'Bearer not-a-jwt' } })).status).toBe(401);
  });
  test('a token for another audience is a 401', async () => {
    expect(
      (await call('GET', path, { as: { email: ADMIN, aud: 'someone-else.apps.googleusercontent.com' } })).status,
    ).toBe(401);
  });
  test('an expired token is a 401', async () => {
    expect((await call('GET', path, { as: { email: ADMIN, expiresIn: -600 } })).status).toBe(401);
  });
  test('a token from another issuer is a 401', async () => {
    expect((await call('GET', path, { as: { email: ADMIN, iss: 'https://evil.example' } })).status).toBe(401);
  });
  test('an unverified email is a 401', async () => {
    const res = await call<ErrorAnswer>('GET', path, { as: { email: ADMIN, email_verified: false } });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/not verified/);
  });
  test('a token signed with another key under the emulator key id is a 401', async () => {
    const good = mintIdToken({ email: ADMIN }).split('.');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = `${good[0]}.${good[1]}.${createSign('RSA-SHA256').update(`${good[0]}.${good[1]}`).sign(privateKey, 'base64url')}`;
    expect((await call('GET', path, { headers: { authorization: `Bearer ${forged}` } })).status).toBe(401);
  });
  test('a verified stranger with no membership is a 403', async () => {
    expect((await call('GET', path, { as: 'stranger@else.example' })).status).toBe(403);
  });
  test("GET /v1/me lists the caller's sponsors and roles", async () => {
    const res = await call('GET', '/v1/me', { as: CONSULTANT });
    expect(res.body).toEqual({
      email: CONSULTANT,
      sponsors: { acme: { role: 'consultant' }, globex: { role: 'consultant' } },
    });
  });
});

describe('roles', () => {
  test("an apprentice reads their own progress and nobody else's", async () => {
    expect(
      (await call('GET', '/v1/sponsors/acme/apprentices/ann/progress', { as: 'ann@apprentice.example' })).status,
    ).toBe(200);
    expect(
      (await call('GET', '/v1/sponsors/acme/apprentices/bob/progress', { as: 'ann@apprentice.example' })).status,
    ).toBe(403);
    const all = await call<ProgressListAnswer>('GET', '/v1/sponsors/acme/progress', { as: 'ann@apprentice.example' });
    expect(all.body.apprentices.map((a) => a.apprenticeId)).toEqual(['ann']);
  });
  test('an apprentice may not sync', async () => {
    await rejected(403, 'POST', '/v1/sponsors/acme/sync', {
      as: 'ann@apprentice.example',
      body: body('apprentice-1', [ann()]),
    });
  });
  test('a coach sees only their own apprentices', async () => {
    const all = await call<ProgressListAnswer>('GET', '/v1/sponsors/acme/progress', { as: COACH });
    expect(all.body.apprentices.map((a) => a.apprenticeId)).toEqual(['ann']);
    expect((await call('GET', '/v1/sponsors/acme/apprentices/bob/progress', { as: COACH })).status).toBe(403);
  });
  test("a coach may sync their own apprentice but not another coach's", async () => {
    fixture.changes();
    const changed = ann();
    changed.hours!.push({ date: '2026-01-05', category: 'on-the-job-learning', hours: 6, description: 'ticket queue' });
    expect(
      (await call('POST', '/v1/sponsors/acme/sync', { as: COACH, body: body('coach-sync-1', [changed]) })).status,
    ).toBe(200);
    await rejected(403, 'POST', '/v1/sponsors/acme/sync', { as: COACH, body: body('coach-sync-2', [bob()]) });
  });
  test('a coach signs off their own apprentice; the backend records the verified email and server time', async () => {
    fixture.changes();
    const res = await call<SignOffAnswer>('POST', '/v1/sponsors/acme/apprentices/ann/sign-offs', {
      as: COACH,
      body: { itemIds: ['HD1.2.1'], date: '2026-06-01', evidence: 'ticket #12' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ signed: ['HD1.2.1'], alreadySigned: [], coachEmail: COACH });
    const doc = (await db().doc('sponsors/acme/apprentices/ann/signOffs/HD1.2.1').get()).data()!;
    expect(doc).toMatchObject({
      data: {
        itemId: 'HD1.2.1',
        coachEmail: COACH,
        date: '2026-06-01',
        evidence: 'ticket #12',
        confirmation: { kind: 'confirmed', by: COACH, role: 'coach', at: res.body.signedAt },
      },
    });
    expect(Math.abs(Date.parse(doc.data.confirmation.at) - Date.now())).toBeLessThan(5 * 60_000);
    // A later sync from a sheet that does not have the row yet keeps the verified sign-off.
    const resync = await call<SyncAnswer>('POST', '/v1/sponsors/acme/sync', {
      as: ADMIN,
      body: body('after-signoff', [ann()]),
    });
    expect(resync.body.apprentices[0]!.changes.signOffs).toEqual({ created: 0, updated: 0, deleted: 0 });
    expect((await db().doc('sponsors/acme/apprentices/ann/signOffs/HD1.2.1').get()).get('data.confirmation.by')).toBe(
      COACH,
    );
  });
  test("a coach may not sign off another coach's apprentice, nor may an admin who is not their coach", async () => {
    await rejected(403, 'POST', '/v1/sponsors/acme/apprentices/bob/sign-offs', { as: COACH, body: { itemIds: ['x'] } });
    await rejected(403, 'POST', '/v1/sponsors/acme/apprentices/ann/sign-offs', {
      as: ADMIN,
      body: { itemIds: ['HD1.2.1'] },
    });
    await rejected(403, 'POST', '/v1/sponsors/acme/apprentices/ann/sign-offs', {
      as: CONSULTANT,
      body: { itemIds: ['HD1.2.1'] },
    });
  });
  test('a consultant reads every sponsor they serve but may not sync', async () => {
    const progress = (sponsor: string) =>
      call<ProgressListAnswer>('GET', `/v1/sponsors/${sponsor}/progress`, { as: CONSULTANT });
    expect((await progress('acme')).body.apprentices).toHaveLength(2);
    expect((await progress('globex')).body.apprentices).toHaveLength(1);
    await rejected(403, 'POST', '/v1/sponsors/acme/sync', { as: CONSULTANT, body: body('consultant-1', [ann()]) });
  });
  test('only an admin sets staff roles', async () => {
    fixture.changes();
    expect(
      (
        await call('PUT', `/v1/sponsors/acme/members/${encodeURIComponent('new.coach@acme.example')}`, {
          as: ADMIN,
          body: { role: 'coach' },
        })
      ).status,
    ).toBe(200);
    expect((await db().doc('members/new.coach@acme.example').get()).get('sponsors.acme.role')).toBe('coach');
    await rejected(403, 'PUT', `/v1/sponsors/acme/members/${encodeURIComponent('x@acme.example')}`, {
      as: COACH,
      body: { role: 'admin' },
    });
  });
});

describe('no id enumeration', () => {
  /** A request about `aid` as `as`: its status and body, with the id itself replaced (it is echoed back). */
  const answer = async (as: string, method: string, aid: string, tail: string, body?: unknown) => {
    const res = await call(method, `/v1/sponsors/acme/apprentices/${aid}/${tail}`, { as, body });
    return { status: res.status, body: JSON.stringify(res.body).replaceAll(aid, '<id>') };
  };
  const requests: [string, string, unknown?][] = [
    ['GET', 'progress'],
    ['GET', 'transcripts'],
    ['GET', 'transcripts/v00001'],
    ['POST', 'transcripts', {}],
    ['POST', 'sign-offs', { itemIds: ['HD1.2.1'] }],
    ['GET', 'audit/verify'],
  ];
  test.each([
    ['a coach', COACH],
    ['an apprentice', 'ann@apprentice.example'],
  ])("%s gets the same 403 for an id that does not exist as for someone else's apprentice", async (_who, as) => {
    for (const [method, tail, body] of requests) {
      const other = await answer(as, method, 'bob', tail, body);
      expect({ method, tail, status: other.status }).toEqual({ method, tail, status: 403 });
      expect({ method, tail, ...(await answer(as, method, 'nobody', tail, body)) }).toEqual({ method, tail, ...other });
    }
  });
  test('admins and consultants still get 404 for an id that does not exist', async () => {
    expect((await answer(ADMIN, 'GET', 'nobody', 'progress')).status).toBe(404);
    expect((await answer(CONSULTANT, 'GET', 'nobody', 'transcripts')).status).toBe(404);
    expect((await answer(ADMIN, 'POST', 'nobody', 'transcripts', {})).status).toBe(404);
  });
});

describe('tenant isolation', () => {
  test('an Acme admin can neither read nor write Globex', async () => {
    expect((await call('GET', '/v1/sponsors/globex/progress', { as: ADMIN })).status).toBe(403);
    expect((await call('GET', '/v1/sponsors/globex/apprentices/gus/progress', { as: ADMIN })).status).toBe(403);
    expect((await call('GET', '/v1/sponsors/globex/apprentices/gus/transcripts', { as: ADMIN })).status).toBe(403);
    expect((await call('GET', '/v1/sponsors/globex/cohort-report', { as: ADMIN })).status).toBe(403);
    await rejected(403, 'POST', '/v1/sponsors/globex/sync', { as: ADMIN, body: body('cross-sync-1', [gus()]) });
    await rejected(403, 'POST', '/v1/sponsors/globex/apprentices/gus/transcripts', { as: ADMIN, body: {} });
  });
  test('a record that names another sponsor is refused', async () => {
    const res = await rejected(400, 'POST', '/v1/sponsors/acme/sync', {
      as: ADMIN,
      body: body('cross-sync-2', [{ ...gus(), sponsorId: 'globex' }]),
    });
    expect(res.body.error.details.issues[0]!.path).toBe('records.0.sponsorId');
  });
  test('an Acme apprentice id under Globex is not found there', async () => {
    expect((await call('GET', '/v1/sponsors/globex/apprentices/ann/progress', { as: GLOBEX_ADMIN })).status).toBe(404);
  });
});

describe('errors', () => {
  test('a bad body is a 400 listing each zod issue with its field path', async () => {
    const bad = ann();
    bad.apprentice.email = 'not-an-email';
    Object.assign(bad.hours![0]!, { hours: 'eight' }); // not a number: the schema must say so
    const res = await rejected(400, 'POST', '/v1/sponsors/acme/sync', { as: ADMIN, body: body('bad-sync-1', [bad]) });
    const paths = res.body.error.details.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['records.0.apprentice.email', 'records.0.hours.0.hours']));
  });
  test('a level the framework does not have is a 400 naming the field', async () => {
    const bad = ann();
    bad.apprentice.levelId = 'L9';
    const res = await rejected(400, 'POST', '/v1/sponsors/acme/sync', { as: ADMIN, body: body('bad-sync-2', [bad]) });
    expect(res.body.error.message).toMatch(/^records\.0\.apprentice\.levelId: /);
  });
  test('an unknown framework is a 400 naming the field', async () => {
    const bad = ann();
    bad.apprentice.frameworkId = 'no-such-framework';
    const res = await rejected(400, 'POST', '/v1/sponsors/acme/sync', { as: ADMIN, body: body('bad-sync-3', [bad]) });
    expect(res.body.error.details.issues[0]!.path).toBe('records.0.apprentice.frameworkId');
  });
  test('a missing idempotency key, a wrong type and unknown fields are 400s', async () => {
    await rejected(400, 'POST', '/v1/sponsors/acme/sync', { as: ADMIN, body: { records: [ann()] } });
    await rejected(400, 'POST', '/v1/sponsors/acme/sync', { as: ADMIN, body: [1, 2, 3] });
    await rejected(400, 'POST', '/v1/sponsors/acme/sync', {
      as: ADMIN,
      body: { ...body('bad-sync-4', [ann()]), extra: true },
    });
  });
  test('a non-JSON body is a 415 and writes nothing (malformed JSON never reaches the API: http-bodies.test.ts)', async () => {
    const res = await rejected(415, 'POST', '/v1/sponsors/acme/sync', {
      as: ADMIN,
      rawBody: 'idempotencyKey=abc',
      headers: { 'content-type': 'text/plain' },
    });
    expect(res.body.error.code).toBe('unsupported-media-type');
  });
  test('an oversized body is a 413 and writes nothing', async () => {
    const big = ann();
    big.signOffs = Array.from({ length: 4500 }, (_, i) => ({
      itemId: `X${i}`,
      date: '2026-01-01',
      coachEmail: COACH,
      evidence: 'e'.repeat(1999),
    }));
    const res = await rejected(413, 'POST', '/v1/sponsors/acme/sync', { as: ADMIN, body: body('big-sync-1', [big]) });
    expect(res.body.error.code).toBe('payload-too-large');
  });
  test('an unknown item in a sign-off is a 400 naming the index', async () => {
    const res = await rejected(400, 'POST', '/v1/sponsors/acme/apprentices/ann/sign-offs', {
      as: COACH,
      body: { itemIds: ['HD1.2.1', 'NOPE'] },
    });
    expect(res.body.error.details.issues).toEqual([expect.objectContaining({ path: 'itemIds.1' })]);
  });
  test('a path id that cannot be a document id is a 400', async () => {
    const res = await call<ErrorAnswer>('GET', '/v1/sponsors/acme/apprentices/a%2Fb/progress', { as: ADMIN });
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0]!.path).toBe('apprenticeId');
    expect((await call('GET', '/v1/sponsors/acme/apprentices/__x__/progress', { as: ADMIN })).status).toBe(400);
  });
  test('unknown endpoints are 404 and wrong methods 405', async () => {
    expect((await call('GET', '/v1/nothing', { as: ADMIN })).status).toBe(404);
    expect((await call('DELETE', '/v1/sponsors/acme/sync', { as: ADMIN })).status).toBe(405);
  });
});

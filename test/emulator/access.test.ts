// Identity, roles, tenant isolation and error codes through the real API. Rejected requests write nothing.
import { createSign, generateKeyPairSync } from 'node:crypto';
import * as api from '@qualcard/shared/api/routes';
import { mintIdToken } from '../../scripts/emulator-key';
import {
  ADMIN,
  AS_OF,
  acme,
  allDocuments,
  ann as annAt,
  apprenticeEmail,
  COACH,
  COACH2,
  CONSULTANT,
  call,
  db,
  GLOBEX_ADMIN,
  GLOBEX_COACH,
  globex,
  type Reply,
  raw,
  record,
  scenario,
  seedOnce,
  syncAs,
} from './kit';

const ANN = apprenticeEmail('ann');
const ann = () => annAt({ signed: 4, hoursPerCategory: 16 });
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
    coach: GLOBEX_COACH,
    startDate: '2025-10-01',
    stage: { signed: 2 },
  });
const acmeId = { sponsorId: 'acme' };
const globexId = { sponsorId: 'globex' };
const of = (apprenticeId: string, sponsorId = 'acme') => ({ sponsorId, apprenticeId });

// Seeded once; the tests that write (a coach's sync and sign-off, setting a role) call fixture.changes().
const fixture = seedOnce(() =>
  scenario(
    acme({ consultants: [CONSULTANT], apprentices: [ann(), bob()] }),
    globex({ consultants: [CONSULTANT], apprentices: [gus()] }),
  ),
);

/** Sends a request that must be rejected with `status`, and checks that no document was added, changed or removed. */
async function rejected<T>(status: number, send: () => Promise<Reply<T>>): Promise<Reply<T>> {
  const before = await allDocuments();
  const res = await send();
  expect({ status: res.status, body: res.body }).toMatchObject({ status });
  expect(await allDocuments()).toEqual(before);
  return res;
}

describe('identity', () => {
  const progress = (opts: Omit<Parameters<typeof call<typeof api.sponsorProgress>>[1], 'params'> = {}) =>
    call(api.sponsorProgress, { params: acmeId, ...opts });
  test('no token is a 401', async () => {
    expect((await progress()).status).toBe(401);
  });
  test('a malformed token is a 401', async () => {
    expect((await progress({ headers: { authorization: 'Bearer not-a-jwt' } })).status).toBe(401);
  });
  test('a token for another audience is a 401', async () => {
    expect((await progress({ as: { email: ADMIN, aud: 'someone-else.apps.googleusercontent.com' } })).status).toBe(401);
  });
  test('an expired token is a 401', async () => {
    expect((await progress({ as: { email: ADMIN, expiresIn: -600 } })).status).toBe(401);
  });
  test('a token from another issuer is a 401', async () => {
    expect((await progress({ as: { email: ADMIN, iss: 'https://evil.example' } })).status).toBe(401);
  });
  test('an unverified email is a 401', async () => {
    const res = await progress({ as: { email: ADMIN, email_verified: false } });
    expect(res.status).toBe(401);
    expect(res.error.message).toMatch(/not verified/);
  });
  test('a token signed with another key under the emulator key id is a 401', async () => {
    const good = mintIdToken({ email: ADMIN }).split('.');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = `${good[0]}.${good[1]}.${createSign('RSA-SHA256').update(`${good[0]}.${good[1]}`).sign(privateKey, 'base64url')}`;
    expect((await progress({ headers: { authorization: `Bearer ${forged}` } })).status).toBe(401);
  });
  test('a verified stranger with no membership is a 403', async () => {
    expect((await progress({ as: 'stranger@else.example' })).status).toBe(403);
  });
  test("GET /v1/me lists the caller's sponsors and roles, with each sponsor's name", async () => {
    const res = await call(api.me, { as: CONSULTANT });
    expect(res.body).toEqual({
      email: CONSULTANT,
      sponsors: {
        acme: { role: 'consultant', sponsorName: 'Acme IT' },
        globex: { role: 'consultant', sponsorName: 'Globex' },
      },
    });
  });
});

describe('roles', () => {
  test("an apprentice reads their own progress and nobody else's", async () => {
    expect((await call(api.apprenticeProgress, { params: of('ann'), as: ANN })).status).toBe(200);
    expect((await call(api.apprenticeProgress, { params: of('bob'), as: ANN })).status).toBe(403);
    const all = await call(api.sponsorProgress, { params: acmeId, as: ANN });
    expect(all.body.apprentices.map((a) => a.apprenticeId)).toEqual(['ann']);
  });
  test('an apprentice may not sync', async () => {
    await rejected(403, () => syncAs(ANN, [ann()], { key: 'apprentice-1' }));
  });
  test('a coach sees only their own apprentices', async () => {
    const all = await call(api.sponsorProgress, { params: acmeId, as: COACH });
    expect(all.body.apprentices.map((a) => a.apprenticeId)).toEqual(['ann']);
    expect((await call(api.apprenticeProgress, { params: of('bob'), as: COACH })).status).toBe(403);
  });
  test("a coach may sync their own apprentice but not another coach's", async () => {
    fixture.changes();
    const changed = ann();
    changed.hours!.push({ date: '2026-01-05', category: 'on-the-job-learning', hours: 6, description: 'ticket queue' });
    expect((await syncAs(COACH, [changed], { key: 'coach-sync-1', asOf: null })).status).toBe(200);
    await rejected(403, () => syncAs(COACH, [bob()], { key: 'coach-sync-2', asOf: null }));
  });
  test('a coach signs off their own apprentice; the backend records the verified email and server time', async () => {
    fixture.changes();
    const res = await call(api.signOffs, {
      params: of('ann'),
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
    // A later sync from a sheet that does not have the row yet keeps the verified sign-off, and says the sheet lacks
    // it (the one change: what the sheet holds for it is stored beside it).
    const resync = await syncAs(ADMIN, [ann()], { key: 'after-signoff' });
    expect(resync.body.apprentices[0]!.changes.signOffs).toEqual({ created: 0, updated: 1, deleted: 0 });
    expect(resync.body.apprentices[0]!.confirmations!.signOffs['HD1.2.1']!.onSheet).toEqual({ kind: 'deleted' });
    expect((await db().doc('sponsors/acme/apprentices/ann/signOffs/HD1.2.1').get()).get('data.confirmation.by')).toBe(
      COACH,
    );
  });
  test("a coach may not sign off another coach's apprentice, nor may an admin who is not their coach", async () => {
    await rejected(403, () => call(api.signOffs, { params: of('bob'), as: COACH, body: { itemIds: ['x'] } }));
    await rejected(403, () => call(api.signOffs, { params: of('ann'), as: ADMIN, body: { itemIds: ['HD1.2.1'] } }));
    await rejected(403, () =>
      call(api.signOffs, { params: of('ann'), as: CONSULTANT, body: { itemIds: ['HD1.2.1'] } }),
    );
  });
  test('a consultant reads every sponsor they serve but may not sync', async () => {
    const progress = (sponsorId: string) => call(api.sponsorProgress, { params: { sponsorId }, as: CONSULTANT });
    expect((await progress('acme')).body.apprentices).toHaveLength(2);
    expect((await progress('globex')).body.apprentices).toHaveLength(1);
    await rejected(403, () => syncAs(CONSULTANT, [ann()], { key: 'consultant-1' }));
  });
  test('only an admin sets staff roles', async () => {
    fixture.changes();
    const put = (as: string, email: string, role: 'admin' | 'coach') =>
      call(api.putMember, { params: { sponsorId: 'acme', email }, as, body: { role } });
    expect((await put(ADMIN, 'new.coach@acme.example', 'coach')).status).toBe(200);
    expect((await db().doc('members/new.coach@acme.example').get()).get('sponsors.acme.role')).toBe('coach');
    await rejected(403, () => put(COACH, 'x@acme.example', 'admin'));
  });
});

describe('no id enumeration', () => {
  /** A request about `aid` as `as`: its status and body, with the id itself replaced (it is echoed back). */
  const requests: [string, (as: string, aid: string) => Promise<Reply>][] = [
    ['progress', (as, aid) => call(api.apprenticeProgress, { as, params: of(aid) })],
    ['transcripts', (as, aid) => call(api.listTranscripts, { as, params: of(aid) })],
    [
      'transcripts/v00001',
      (as, aid) => call(api.downloadTranscript, { as, params: { ...of(aid), transcriptId: 'v00001' } }),
    ],
    ['POST transcripts', (as, aid) => call(api.exportTranscript, { as, params: of(aid), body: {} })],
    ['sign-offs', (as, aid) => call(api.signOffs, { as, params: of(aid), body: { itemIds: ['HD1.2.1'] } })],
    ['audit/verify', (as, aid) => call(api.verifyAudit, { as, params: of(aid) })],
  ];
  const answer = async (send: (as: string, aid: string) => Promise<Reply>, as: string, aid: string) => {
    const res = await send(as, aid);
    return { status: res.status, body: JSON.stringify(res.body).replaceAll(aid, '<id>') };
  };
  test.each([
    ['a coach', COACH],
    ['an apprentice', ANN],
  ])("%s gets the same 403 for an id that does not exist as for someone else's apprentice", async (_who, as) => {
    for (const [request, send] of requests) {
      const other = await answer(send, as, 'bob');
      expect({ request, status: other.status }).toEqual({ request, status: 403 });
      expect({ request, ...(await answer(send, as, 'nobody')) }).toEqual({ request, ...other });
    }
  });
  test('admins and consultants still get 404 for an id that does not exist', async () => {
    expect((await call(api.apprenticeProgress, { as: ADMIN, params: of('nobody') })).status).toBe(404);
    expect((await call(api.listTranscripts, { as: CONSULTANT, params: of('nobody') })).status).toBe(404);
    expect((await call(api.exportTranscript, { as: ADMIN, params: of('nobody'), body: {} })).status).toBe(404);
  });
});

describe('tenant isolation', () => {
  test('an Acme admin can neither read nor write Globex', async () => {
    const gusIn = of('gus', 'globex');
    expect((await call(api.sponsorProgress, { as: ADMIN, params: globexId })).status).toBe(403);
    expect((await call(api.apprenticeProgress, { as: ADMIN, params: gusIn })).status).toBe(403);
    expect((await call(api.listTranscripts, { as: ADMIN, params: gusIn })).status).toBe(403);
    expect((await call(api.sponsorCohortReport, { as: ADMIN, params: globexId })).status).toBe(403);
    await rejected(403, () => syncAs(ADMIN, [gus()], { sponsorId: 'globex', key: 'cross-sync-1' }));
    await rejected(403, () => call(api.exportTranscript, { as: ADMIN, params: gusIn, body: {} }));
  });
  test('a record that names another sponsor is refused', async () => {
    const res = await rejected(400, () => syncAs(ADMIN, [{ ...gus(), sponsorId: 'globex' }], { key: 'cross-sync-2' }));
    expect(res.error.details.issues[0]!.path).toBe('records.0.sponsorId');
  });
  test('an Acme apprentice id under Globex is not found there', async () => {
    expect((await call(api.apprenticeProgress, { as: GLOBEX_ADMIN, params: of('ann', 'globex') })).status).toBe(404);
  });
});

describe('errors', () => {
  test('a bad body is a 400 listing each zod issue with its field path', async () => {
    const bad = ann();
    bad.apprentice.email = 'not-an-email';
    Object.assign(bad.hours![0]!, { hours: 'eight' }); // not a number: the schema must say so
    const res = await rejected(400, () => syncAs(ADMIN, [bad], { key: 'bad-sync-1' }));
    const paths = res.error.details.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['records.0.apprentice.email', 'records.0.hours.0.hours']));
  });
  test('a level the framework does not have is a 400 naming the field', async () => {
    const bad = ann();
    bad.apprentice.levelId = 'L9';
    const res = await rejected(400, () => syncAs(ADMIN, [bad], { key: 'bad-sync-2' }));
    expect(res.error.message).toMatch(/^records\.0\.apprentice\.levelId: /);
  });
  test('an unknown framework is a 400 naming the field', async () => {
    const bad = ann();
    bad.apprentice.frameworkId = 'no-such-framework';
    const res = await rejected(400, () => syncAs(ADMIN, [bad], { key: 'bad-sync-3' }));
    expect(res.error.details.issues[0]!.path).toBe('records.0.apprentice.frameworkId');
  });
  test('a missing idempotency key, a wrong type and unknown fields are 400s', async () => {
    const sync = (wrongBody: unknown) => call(api.sync, { as: ADMIN, params: acmeId, wrongBody });
    await rejected(400, () => sync({ records: [ann()] }));
    await rejected(400, () => sync([1, 2, 3]));
    await rejected(400, () => sync({ idempotencyKey: 'bad-sync-4', asOf: AS_OF, records: [ann()], extra: true }));
  });
  test('a non-JSON body is a 415 and writes nothing (malformed JSON never reaches the API: http-bodies.test.ts)', async () => {
    const res = await rejected(415, () =>
      raw('POST', '/v1/sponsors/acme/sync', {
        as: ADMIN,
        rawBody: 'idempotencyKey=abc',
        headers: { 'content-type': 'text/plain' },
      }),
    );
    expect(res.error.code).toBe('unsupported-media-type');
  });
  test('an oversized body is a 413 and writes nothing', async () => {
    const big = ann();
    big.signOffs = Array.from({ length: 4500 }, (_, i) => ({
      itemId: `X${i}`,
      date: '2026-01-01',
      coachEmail: COACH,
      evidence: 'e'.repeat(1999),
    }));
    const res = await rejected(413, () => syncAs(ADMIN, [big], { key: 'big-sync-1' }));
    expect(res.error.code).toBe('payload-too-large');
  });
  test('an unknown item in a sign-off is a 400 naming the index', async () => {
    const res = await rejected(400, () =>
      call(api.signOffs, { params: of('ann'), as: COACH, body: { itemIds: ['HD1.2.1', 'NOPE'] } }),
    );
    expect(res.error.details.issues).toEqual([expect.objectContaining({ path: 'itemIds.1' })]);
  });
  // The path is what these two are about: sent as strings.
  test('a path id that cannot be a document id is a 400', async () => {
    const res = await raw('GET', '/v1/sponsors/acme/apprentices/a%2Fb/progress', { as: ADMIN });
    expect(res.status).toBe(400);
    expect(res.error.details.issues[0]!.path).toBe('apprenticeId');
    expect((await raw('GET', '/v1/sponsors/acme/apprentices/__x__/progress', { as: ADMIN })).status).toBe(400);
  });
  test('unknown endpoints are 404 and wrong methods 405', async () => {
    expect((await raw('GET', '/v1/nothing', { as: ADMIN })).status).toBe(404);
    expect((await raw('DELETE', '/v1/sponsors/acme/sync', { as: ADMIN })).status).toBe(405);
  });
});

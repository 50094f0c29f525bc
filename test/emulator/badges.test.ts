import type { ApprenticeRecordInput } from '@qualcard/shared';
import * as api from '@qualcard/shared/api/routes';
import { decodeProtectedHeader } from 'jose';
import type { OpenBadgeCredential } from '../../shared/src/credentials/build';
import { issuerUrls } from '../../shared/src/credentials/vocabulary';
import { cliRunner } from '../fixtures/cli-run';
import {
  ADMIN,
  acme,
  apprenticeEmail,
  COACH,
  call,
  db,
  itemIds,
  record,
  refusedUnchanged,
  scenario,
  framework as shipped,
  syncAs,
} from './kit';
import { apiUrl } from './kit/env';

const ANN = apprenticeEmail('ann');
const A = { sponsorId: 'acme', apprenticeId: 'ann' };
const ACME = { sponsorId: 'acme' };
const FW = 'customer-technical-support';
const LEVEL = 'AITS';
const today = () => new Date().toISOString().slice(0, 10);
const core = shipped(FW)
  .workFunctions.flatMap((wf) => wf.items)
  .filter((i) => i.core === 'core' && i.levels.includes(LEVEL))
  .map((i) => i.id);

const ann = (): ApprenticeRecordInput => {
  const r = record({
    id: 'ann',
    frameworkId: FW,
    levelId: LEVEL,
    coach: COACH,
    startDate: '2025-09-01',
    stage: { signed: core.length },
  });
  r.apprentice.name = 'Ann Example';
  return r;
};
const sync = () => syncAs(ADMIN, [ann()], { asOf: today() });
const list = (as = ADMIN) => call(api.listCredentials, { as, params: A });
const confirmAll = () => call(api.confirmations, { as: COACH, params: A, body: { signOffs: core } });
const one = (as: string, credentialId: string, query?: { format: string }) =>
  call(api.getCredential, { as, params: { ...A, credentialId }, query });

const { file, cli } = cliRunner('qualcard-badges');

beforeEach(() => scenario(acme()));

test('typed ticks that would complete the level issue nothing; confirming them issues one credential', async () => {
  expect(itemIds(shipped(FW), LEVEL).slice(0, core.length)).toEqual(core);
  const synced = await sync();
  expect(synced.status).toBe(200);
  expect(synced.body.apprentices[0]!.progress!.entries['sign-off'].pending).toBe(core.length);
  expect((await list()).body.credentials).toEqual([]);
  expect((await db().collection('sponsors/acme/credentials').get()).size).toBe(0);

  const confirmed = await confirmAll();
  expect(confirmed.status).toBe(201);
  expect(confirmed.body.progress.levels.find((l) => l.levelId === LEVEL)!.complete).toBe(true);
  const after = await list();
  expect(after.body.credentials).toEqual([
    expect.objectContaining({ levelId: LEVEL, frameworkVersion: '1.0.0', status: 'active' }),
  ]);
  // Stored progress written again (a re-sync, a repeated confirmation): still one credential.
  await sync();
  await confirmAll();
  expect((await list()).body.credentials).toHaveLength(1);

  const got = await one(ANN, after.body.credentials[0]!.credentialId);
  expect(got.status).toBe(200);
  const c = got.body.credential as unknown as OpenBadgeCredential;
  expect(c.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
  expect(c.issuer).toMatchObject({ name: 'Acme IT', id: issuerUrls(apiUrl(), 'acme').issuer });
  expect(c.credentialSubject.achievement).toMatchObject({
    achievementType: 'ApprenticeshipCertificate',
    version: '1.0.0',
  });
  expect(c.credentialSubject.achievement.alignment.map((x) => x.targetCode)).toEqual(core);
  expect(JSON.stringify(c)).not.toContain(ANN);
});

test('the key set is public; the CLI verifies the downloaded file offline; a changed byte fails', async () => {
  await sync();
  await confirmAll();
  const [summary] = (await list()).body.credentials;
  const download = await one(ANN, summary!.credentialId, { format: 'jwt' });
  expect(download.status).toBe(200);
  expect(download.headers.get('content-type')).toMatch(/^application\/jwt/);
  expect(download.headers.get('content-disposition')).toMatch(/attachment; filename="credential-ann-.*\.jwt"/);
  const jwt = String(download.body).trim();

  const jwks = await call(api.issuerJwks, { params: ACME });
  expect(jwks.status).toBe(200);
  expect(jwks.body.keys).toHaveLength(1);
  expect(jwks.body.keys[0]).not.toHaveProperty('d');
  expect(jwks.body.keys[0]!.kid).toBe(decodeProtectedHeader(jwt).kid);
  expect((await call(api.issuerJwks, { params: { sponsorId: 'nobody' } })).status).toBe(404);
  const profile = await call(api.issuerProfile, { params: ACME });
  expect(profile.body).toMatchObject({ name: 'Acme IT', type: ['Profile'] });

  // The issuer document, saved as a verifier keeps it for offline checks (it lists the JWT key under its kid).
  const keys = file('acme-issuer.json', JSON.stringify(profile.body));
  const ok = await cli('verify', file('ann.jwt', jwt), '--issuer', keys);
  expect(ok.err).toBe('');
  expect(ok.code).toBe(0);
  expect(ok.out).toContain('issuer:      Acme IT');
  expect(ok.out).toContain('recipient:   Ann Example');
  const p = jwt.indexOf('.') + 30;
  const tampered = `${jwt.slice(0, p)}${jwt[p] === 'Q' ? 'R' : 'Q'}${jwt.slice(p + 1)}`;
  const bad = await cli('verify', file('tampered.jwt', tampered), '--issuer', keys);
  expect(bad.code).toBe(1);
  expect(bad.err).toMatch(/^INVALID/);
});

test('only an admin revokes, with a reason, audited; the revocation list and the CLI then say revoked', async () => {
  await sync();
  await confirmAll();
  const [summary] = (await list()).body.credentials;
  const revoke = (as: string, body: { reason: string }) =>
    call(api.revokeCredential, { as, params: { ...A, credentialId: summary!.credentialId }, body });
  expect((await revoke(COACH, { reason: 'no' })).status).toBe(403);
  expect((await revoke(ANN, { reason: 'no' })).status).toBe(403);
  expect((await revoke(ADMIN, { reason: '  ' })).status).toBe(400);
  expect((await list()).body.credentials[0]!.status).toBe('active');

  const done = await revoke(ADMIN, { reason: 'sign-offs withdrawn after review' });
  expect(done.status).toBe(200);
  expect(done.body).toMatchObject({
    status: 'revoked',
    revoked: { by: ADMIN, reason: 'sign-offs withdrawn after review' },
  });
  expect((await revoke(ADMIN, { reason: 'again' })).status).toBe(409);
  const audit = await db().collection('sponsors/acme/apprentices/ann/audit').where('entity', '==', 'credential').get();
  expect(audit.docs.map((d) => d.get('after'))).toEqual([
    { status: 'revoked', reason: 'sign-offs withdrawn after review' },
  ]);
  expect((await call(api.verifyAudit, { as: ADMIN, params: A })).body.ok).toBe(true);

  // Published as a bit of the sponsor's status list, without the reason (status-list.test.ts has the rest).
  const keys = file('issuer.json', JSON.stringify((await call(api.issuerProfile, { params: ACME })).body));
  const jwt = (await one(ADMIN, summary!.credentialId)).body.jwt;
  const checked = await cli('verify', file('revoked.jwt', jwt), '--issuer', keys);
  expect(checked.code).toBe(1);
  expect(checked.err).toContain('REVOKED by the issuer (bit ');
  expect(checked.err).not.toContain('sign-offs withdrawn');
});

test('a confirmation withdrawn so the level is no longer complete: the credential is flagged for review', async () => {
  await sync();
  await confirmAll();
  const withdrawn = await call(api.withdrawals, {
    as: COACH,
    params: A,
    body: { signOffs: [core[0]!], reason: 'not observed after all' },
  });
  expect(withdrawn.status).toBe(200);
  expect(withdrawn.body.progress.levels.find((l) => l.levelId === LEVEL)!.complete).toBe(false);
  const [flagged] = (await list()).body.credentials;
  expect(flagged).toMatchObject({ status: 'active', flag: { reason: expect.stringMatching(/no longer complete/) } });
  // Confirming it again clears the flag; no second credential is issued.
  await confirmAll();
  const [cleared] = (await list()).body.credentials;
  expect(cleared!.flag).toBeUndefined();
  expect((await list()).body.credentials).toHaveLength(1);
});

test('an admin keeps a flagged credential with a reason (audited): the flag stays cleared; only admins', async () => {
  await sync();
  await confirmAll();
  const [summary] = (await list()).body.credentials;
  const keep = (as: string, body: { reason: string }) =>
    call(api.keepCredential, { as, params: { ...A, credentialId: summary!.credentialId }, body });
  // Not flagged: nothing to keep.
  expect((await keep(ADMIN, { reason: 'fine' })).status).toBe(409);
  await call(api.withdrawals, { as: COACH, params: A, body: { signOffs: [core[0]!], reason: 'a mistake' } });
  expect((await list()).body.credentials[0]!.flag).toBeDefined();
  for (const as of [COACH, ANN]) {
    const refused = await refusedUnchanged(403, () => keep(as, { reason: 'no' }));
    expect(refused.error.message).toMatch(/admin/);
  }
  expect((await refusedUnchanged(400, () => keep(ADMIN, { reason: ' ' }))).error.message).toMatch(/^reason: /);

  const kept = await keep(ADMIN, { reason: 'the item was observed; the sheet will be re-ticked' });
  expect(kept.status).toBe(200);
  expect(kept.body.flag).toBeUndefined();
  expect(kept.body.kept).toMatchObject({ by: ADMIN, reason: 'the item was observed; the sheet will be re-ticked' });
  const audit = await db().collection('sponsors/acme/apprentices/ann/audit').where('entity', '==', 'credential').get();
  expect(audit.docs.map((d) => d.get('after'))).toEqual([
    { status: 'active', kept: 'the item was observed; the sheet will be re-ticked' },
  ]);
  expect((await call(api.verifyAudit, { as: ADMIN, params: A })).body.ok).toBe(true);
  // Progress stored again with the level still incomplete: not flagged again (the admin reviewed this drop).
  await sync();
  expect((await list()).body.credentials[0]!.flag).toBeUndefined();
  // Complete again, then incomplete again: a new drop, flagged again.
  await confirmAll();
  expect((await list()).body.credentials[0]!.kept).toBeUndefined();
  await call(api.withdrawals, { as: ADMIN, params: A, body: { signOffs: [core[1]!], reason: 'a second mistake' } });
  expect((await list()).body.credentials[0]!.flag).toBeDefined();
});

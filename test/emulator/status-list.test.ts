// Revocation as a Bitstring Status List against the real emulators: credentials issued at once get distinct bits; an
// admin's revocation sets the bit in the sponsor's published, signed list (bits only, no reason); `qualcard verify`
// reads the list online and says REVOKED; @digitalbazaar/vc with vc-bitstring-status-list's checkStatus and the DCC's
// @digitalcredentials/verifier-core (verifiers Qualcard did not write) read the same bit from the same list.
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import type { ApprenticeRecordInput } from '@qualcard/shared';
import * as api from '@qualcard/shared/api/routes';
import { documentLoader, withKeys } from '../../shared/src/credentials/contexts';
import { verifyDataIntegrity } from '../../shared/src/credentials/data-integrity';
import { IssuerDocument } from '../../shared/src/credentials/issuer-document';
import { decodeList, STATUS_LIST_LENGTH } from '../../shared/src/credentials/status-list';
import { issuerUrls } from '../../shared/src/credentials/vocabulary';
import { cliRunner } from '../fixtures/cli-run';
import { ADMIN, acme, COACH, call, db, record, scenario, framework as shipped, syncAs } from './kit';
import { apiUrl } from './kit/env';

const ROOT = resolve(__dirname, '../..');
const FW = 'customer-technical-support';
const LEVEL = 'AITS';
const ACME = { sponsorId: 'acme' };
const today = () => new Date().toISOString().slice(0, 10);
const core = shipped(FW)
  .workFunctions.flatMap((wf) => wf.items)
  .filter((i) => i.core === 'core' && i.levels.includes(LEVEL))
  .map((i) => i.id);
const apprentice = (id: string): ApprenticeRecordInput =>
  record({
    id,
    frameworkId: FW,
    levelId: LEVEL,
    coach: COACH,
    startDate: '2025-09-01',
    stage: { signed: core.length },
  });
const confirm = (id: string) =>
  call(api.confirmations, { as: COACH, params: { ...ACME, apprenticeId: id }, body: { signOffs: core } });
const credentialsOf = async (id: string) =>
  (await call(api.listCredentials, { as: ADMIN, params: { ...ACME, apprenticeId: id } })).body.credentials;

const { file, cli } = cliRunner('qualcard-status');

const IDS = ['ann', 'bob', 'cyd', 'dee'];
beforeAll(async () => {
  await scenario(acme({ coaches: [COACH] }));
  const synced = await syncAs(ADMIN, IDS.map(apprentice), { asOf: today() });
  expect(synced.status).toBe(200);
  // Four levels completed at once: four credentials issued concurrently.
  const confirmed = await Promise.all(IDS.map(confirm));
  expect(confirmed.map((c) => c.status)).toEqual(IDS.map(() => 201));
}, 60_000);

test('credentials issued at once get distinct bits of the sponsor’s list, each named in its credentialStatus', async () => {
  const issued = await Promise.all(IDS.map(credentialsOf));
  const slots = issued.map((cs) => cs[0]!.statusList!);
  expect(slots.every((s) => s.list === 1 && s.index >= 0 && s.index < STATUS_LIST_LENGTH)).toBe(true);
  expect(new Set(slots.map((s) => s.index)).size).toBe(IDS.length);
  expect((await db().doc('sponsors/acme/statusLists/allocation').get()).get('next')).toBe(IDS.length);
  const one = await call(api.getCredential, {
    as: ADMIN,
    params: { ...ACME, apprenticeId: 'ann', credentialId: issued[0]![0]!.credentialId },
  });
  expect(one.body.credential.credentialStatus).toEqual({
    id: `${issuerUrls(apiUrl(), 'acme').statusList(1)}#${slots[0]!.index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: String(slots[0]!.index),
    statusListCredential: issuerUrls(apiUrl(), 'acme').statusList(1),
  });
});

test('revoking sets the bit in the published list, which is signed and carries no reason; verify says REVOKED', async () => {
  const [ann] = await credentialsOf('ann');
  const [bob] = await credentialsOf('bob');
  const list = () => call(api.statusList, { params: { ...ACME, listId: '1' } });
  const before = await list();
  expect(before.status).toBe(200);
  expect(decodeList(before.body.credentialSubject.encodedList).isSet(ann!.statusList!.index)).toBe(false);

  const reason = 'sign-offs withdrawn after review';
  const revoked = await call(api.revokeCredential, {
    as: ADMIN,
    params: { ...ACME, apprenticeId: 'ann', credentialId: ann!.credentialId },
    body: { reason },
  });
  expect(revoked.status).toBe(200);
  const after = await list();
  const bits = decodeList(after.body.credentialSubject.encodedList);
  expect(bits.length).toBe(STATUS_LIST_LENGTH);
  expect(bits.isSet(ann!.statusList!.index)).toBe(true);
  expect(bits.isSet(bob!.statusList!.index)).toBe(false);
  expect(JSON.stringify(after.body)).not.toContain('withdrawn');
  // Signed by the sponsor's key, checked against the issuer document the issuer URL serves.
  const issuer = IssuerDocument.parse((await call(api.issuerProfile, { params: ACME })).body);
  await expect(verifyDataIntegrity(after.body as Record<string, unknown>, issuer)).resolves.toBeDefined();
  // Credentials issued with a status list are not on the earlier 1EdTech list, which never carries a reason.
  const legacy = await call(api.revocations, { params: ACME });
  expect(legacy.body.revokedCredentials).toEqual([]);
  expect((await call(api.statusList, { params: { ...ACME, listId: '2' } })).status).toBe(404);

  const issuerFile = file('acme-issuer.json', issuer);
  const answer = async (id: string, credentialId: string) =>
    (await call(api.getCredential, { as: ADMIN, params: { ...ACME, apprenticeId: id, credentialId } })).body;
  const annCheck = await cli(
    'verify',
    file('ann.json', await answer('ann', ann!.credentialId)),
    '--issuer',
    issuerFile,
  );
  expect(annCheck.code).toBe(1);
  expect(annCheck.out).toMatch(/^VALID: /m);
  expect(annCheck.err).toContain(`REVOKED by the issuer (bit ${ann!.statusList!.index} of`);
  expect(annCheck.err).not.toContain('withdrawn');
  const bobCheck = await cli(
    'verify',
    file('bob.json', await answer('bob', bob!.credentialId)),
    '--issuer',
    issuerFile,
  );
  expect(bobCheck.err).toBe('');
  expect(bobCheck.code).toBe(0);
  expect(bobCheck.out).toContain(`status:      not revoked (bit ${bob!.statusList!.index}`);
  // A saved copy of the list, offline, says the same.
  const saved = file('list.json', after.body);
  const offline = await cli(
    'verify',
    file('ann2.json', await answer('ann', ann!.credentialId)),
    '--issuer',
    issuerFile,
    '--status',
    saved,
  );
  expect(offline.code).toBe(1);
  expect(offline.err).toContain('REVOKED by the issuer');
});

test('an outside verifier reads the same bit: @digitalbazaar/vc with vc-bitstring-status-list checkStatus', async () => {
  const issuer = IssuerDocument.parse((await call(api.issuerProfile, { params: ACME })).body);
  const published = (await call(api.statusList, { params: { ...ACME, listId: '1' } })).body;
  const listUrl = issuerUrls(apiUrl(), 'acme').statusList(1);
  const base = withKeys(documentLoader, [issuer]);
  const loader = async (url: string) =>
    url === listUrl ? { contextUrl: null, documentUrl: url, document: structuredClone(published) } : base(url);
  const suite = new DataIntegrityProof({ cryptosuite });
  const statusOf = async (id: string) => {
    const [c] = await credentialsOf(id);
    const answer = await call(api.getCredential, {
      as: ADMIN,
      params: { ...ACME, apprenticeId: id, credentialId: c!.credentialId },
    });
    const credential = answer.body.credential;
    expect(credential).toHaveProperty('proof');
    const result = (await vc.verifyCredential({
      credential,
      suite,
      documentLoader: loader,
      checkStatus: (o: object) => checkStatus({ ...o, suite, documentLoader: loader, verifyMatchingIssuers: true }),
    } as never)) as { verified: boolean; statusResult?: { verified: boolean; results?: { status: boolean }[] } };
    return {
      verified: result.verified,
      listVerified: result.statusResult?.verified,
      bit: result.statusResult?.results?.[0]?.status,
    };
  };
  // The library checks the proof and the list's own proof, then answers the bit; revoked is a set bit.
  expect(await statusOf('ann')).toEqual({ verified: true, listVerified: true, bit: true });
  expect(await statusOf('bob')).toEqual({ verified: true, listVerified: true, bit: false });
});

/** @digitalcredentials/verifier-core's log for a credential (helpers/verifier-core.mjs, in its own process). */
function verifierCore(credential: unknown): Promise<{ log?: { id: string; valid?: boolean }[]; errors?: unknown[] }> {
  const path = file(`core-${Math.random().toString(36).slice(2)}.json`, credential);
  return new Promise((done, fail) =>
    execFile('node', [join(__dirname, 'helpers/verifier-core.mjs'), path], { cwd: ROOT }, (e, out, err) => {
      try {
        if (e) throw new Error(`verifier-core: ${err || e.message}`);
        done(JSON.parse(out.trim().split('\n').pop()!));
      } catch (x) {
        fail(x);
      }
    }),
  );
}

test("the DCC's verifier-core (the Learner Credential Wallet's) reads the list: revoked fails its revocation step", async () => {
  const credentialOf = async (id: string) => {
    const [c] = await credentialsOf(id);
    return (
      await call(api.getCredential, { as: ADMIN, params: { ...ACME, apprenticeId: id, credentialId: c!.credentialId } })
    ).body.credential;
  };
  const step = (r: { log?: { id: string; valid?: boolean }[] }, id: string) => r.log?.find((x) => x.id === id)?.valid;
  const ann = await verifierCore(await credentialOf('ann'));
  expect([step(ann, 'valid_signature'), step(ann, 'revocation_status')]).toEqual([true, false]);
  const bob = await verifierCore(await credentialOf('bob'));
  expect([step(bob, 'valid_signature'), step(bob, 'revocation_status')]).toEqual([true, true]);
}, 60_000);

test('the signed list is kept between revocations and signed again after the next one', async () => {
  const kept = await db().doc('sponsors/acme/statusLists/1').get();
  expect(kept.get('signedVersion')).toBe(kept.get('version'));
  const first = (await call(api.statusList, { params: { ...ACME, listId: '1' } })).body;
  const again = (await call(api.statusList, { params: { ...ACME, listId: '1' } })).body;
  expect(again).toEqual(first);
  const [cyd] = await credentialsOf('cyd');
  await call(api.revokeCredential, {
    as: ADMIN,
    params: { ...ACME, apprenticeId: 'cyd', credentialId: cyd!.credentialId },
    body: { reason: 'x' },
  });
  const next = (await call(api.statusList, { params: { ...ACME, listId: '1' } })).body;
  expect(next.credentialSubject.encodedList).not.toBe(first.credentialSubject.encodedList);
  expect(decodeList(next.credentialSubject.encodedList).isSet(cyd!.statusList!.index)).toBe(true);
});

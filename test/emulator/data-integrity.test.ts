// Data Integrity credentials against the real emulators: what the functions issue validates against 1EdTech's
// AchievementCredential schema and verifies with a verifier Qualcard did not write (@digitalbazaar/vc's, with a
// document loader that serves only the bundled contexts and the issuer document the functions publish) and by the
// DCC's @digitalcredentials/verifier-core (which fetches the key and the issuer document from the emulator itself);
// a changed byte, another key under the issuer's key id, and a key the issuer does not list each fail.
// `qualcard sponsor rotate-key` (a real process, as the owner runs it) switches the sponsor to a new key; the
// credentials signed before and after both verify, online with `qualcard verify` too.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import type { ApprenticeRecordInput } from '@qualcard/shared';
import * as api from '@qualcard/shared/api/routes';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { documentLoader, MULTIKEY_CONTEXT, withKeys } from '../../shared/src/credentials/contexts';
import { addProof } from '../../shared/src/credentials/data-integrity';
import { type IssuerDocument, keyId } from '../../shared/src/credentials/issuer-document';
import { issuerUrls } from '../../shared/src/credentials/vocabulary';
import { cliRunner } from '../fixtures/cli-run';
import { ADMIN, acme, apprenticeEmail, COACH, call, record, scenario, framework as shipped, syncAs } from './kit';
import { apiUrl } from './kit/env';

const ROOT = resolve(__dirname, '../..');
const FW = 'customer-technical-support';
const LEVEL = 'AITS';
const today = () => new Date().toISOString().slice(0, 10);
const core = shipped(FW)
  .workFunctions.flatMap((wf) => wf.items)
  .filter((i) => i.core === 'core' && i.levels.includes(LEVEL))
  .map((i) => i.id);
const schema = JSON.parse(
  readFileSync(join(__dirname, '../fixtures/1edtech-ob-v3p0/achievementcredential.json'), 'utf8'),
);
const validate = addFormats(new Ajv2019({ strict: false, allErrors: true })).compile(schema);

const apprentice = (id: string): ApprenticeRecordInput =>
  record({
    id,
    frameworkId: FW,
    levelId: LEVEL,
    coach: COACH,
    startDate: '2025-09-01',
    stage: { signed: core.length },
  });

/** Syncs and confirms the apprentice's level: the functions issue its credential; answers it in both forms. */
async function issued(id: string): Promise<{ credential: Record<string, unknown>; jwt: string }> {
  expect((await syncAs(ADMIN, [apprentice(id)], { asOf: today() })).status).toBe(200);
  const A = { sponsorId: 'acme', apprenticeId: id };
  expect((await call(api.confirmations, { as: COACH, params: A, body: { signOffs: core } })).status).toBe(201);
  const [summary] = (await call(api.listCredentials, { as: ADMIN, params: A })).body.credentials;
  const got = await call(api.getCredential, {
    as: apprenticeEmail(id),
    params: { ...A, credentialId: summary!.credentialId },
  });
  expect(got.status).toBe(200);
  return { credential: got.body.credential, jwt: got.body.jwt };
}

async function issuerDocument(): Promise<IssuerDocument> {
  const res = await call(api.issuerProfile, { params: { sponsorId: 'acme' } });
  expect(res.status).toBe(200);
  return res.body as IssuerDocument;
}

/**
 * The external check: @digitalbazaar/vc's verifier, the eddsa-rdfc-2022 suite, and a loader serving only the bundled
 * contexts and the issuer document. Revocation is not read here (the status list has its own tests).
 */
function externally(credential: unknown, doc: IssuerDocument) {
  return vc.verifyCredential({
    credential,
    suite: new DataIntegrityProof({ cryptosuite }),
    documentLoader: withKeys(documentLoader, [doc]),
    checkStatus: async () => ({ verified: true }),
  });
}
/** @digitalcredentials/verifier-core's answer for the credential (helpers/verifier-core.mjs, its own process). */
interface CoreResult {
  log?: { id: string; valid?: boolean; error?: { name?: string; message?: string } }[];
  errors?: { name: string; message: string; stackTrace?: string }[];
}
function verifierCore(credential: unknown): Promise<CoreResult> {
  const path = file(`core-${Math.random().toString(36).slice(2)}.json`, JSON.stringify(credential));
  return new Promise((done, fail) =>
    execFile('node', [join(__dirname, 'helpers/verifier-core.mjs'), path], { cwd: ROOT }, (e, out, err) => {
      try {
        if (e) throw new Error(`verifier-core: ${err || e.message}`);
        done(JSON.parse(out.trim().split('\n').pop()!) as CoreResult);
      } catch (x) {
        fail(x);
      }
    }),
  );
}
const signature = (r: CoreResult) => r.log?.find((s) => s.id === 'valid_signature')?.valid;

const errorsOf = (r: vc.VerifyResult): string[] =>
  (r.results ?? []).flatMap((x) => (x.error?.errors ?? (x.error ? [x.error] : [])).map((e) => e.message));

const { dir, file, cli } = cliRunner('qualcard-di');

beforeEach(() => scenario(acme()));

test('an issued credential: valid against the official schema, verified externally; tampering and wrong keys fail', async () => {
  const { credential } = await issued('ann');
  const issuer = issuerUrls(apiUrl(), 'acme').issuer;
  validate(credential);
  expect(validate.errors ?? []).toEqual([]);
  expect(credential.proof).toEqual([
    expect.objectContaining({ cryptosuite: 'eddsa-rdfc-2022', verificationMethod: keyId(issuer, 1) }),
  ]);
  const doc = await issuerDocument();
  expect(doc.id).toBe(issuer);
  expect(JSON.stringify(doc)).not.toMatch(/secretKey|"d":/);

  const valid = await externally(credential, doc);
  expect(errorsOf(valid)).toEqual([]);
  expect(valid.verified).toBe(true);

  const changed = JSON.parse(JSON.stringify(credential).replace('Acme IT', 'Acme IU'));
  const tampered = await externally(changed, doc);
  expect(tampered.verified).toBe(false);
  expect(errorsOf(tampered)).toEqual(['Invalid signature.']);

  const { proof: _p, ...unsigned } = credential;
  const impostor = await Ed25519Multikey.generate({ id: keyId(issuer, 1), controller: issuer });
  const wrongKey = await externally(await addProof(unsigned, impostor), doc);
  expect(wrongKey.verified).toBe(false);
  expect(errorsOf(wrongKey)).toEqual(['Invalid signature.']);

  const unlisted = await Ed25519Multikey.generate({ id: keyId(issuer, 9), controller: issuer });
  const unlistedSigned = await addProof(unsigned, unlisted);
  const notPublished = await externally(unlistedSigned, doc);
  expect(notPublished.verified).toBe(false);
  expect(errorsOf(notPublished).join('\n')).toContain(
    `${keyId(issuer, 9)} is neither a bundled JSON-LD context nor a document of the issuer in hand`,
  );

  // The same four with the DCC's verifier, which resolves the key and the issuer document over HTTP itself.
  const core = await verifierCore(credential);
  expect(core.errors).toBeUndefined();
  expect(signature(core)).toBe(true);
  for (const [bad, name] of [
    [changed, 'invalid_signature'],
    [await addProof(unsigned, impostor), 'invalid_signature'],
  ] as const) {
    const r = await verifierCore(bad);
    expect(signature(r)).not.toBe(true);
    expect(r.errors?.map((e) => e.name)).toEqual([name]);
  }
  // It fetches the key at the proof's verificationMethod: key 9 is a 404, which it reports as an invalid signature.
  const key = (version: string) => call(api.issuerKey, { params: { sponsorId: 'acme', version } });
  expect((await key('1')).body).toEqual({ '@context': MULTIKEY_CONTEXT, ...doc.verificationMethod[0] });
  expect((await key('9')).status).toBe(404);
  const coreUnlisted = await verifierCore(unlistedSigned);
  expect(signature(coreUnlisted)).not.toBe(true);
  expect(coreUnlisted.errors?.map((e) => e.name)).toEqual(['invalid_signature']);
});

test('rotate-key: one command; credentials signed before and after both verify, online and offline', async () => {
  const before = await issued('ann');
  const rotated = await new Promise<{ code: number; out: string; err: string }>((done) => {
    const env = { ...process.env };
    delete env.QUALCARD_ID_TOKEN;
    execFile(
      'node',
      [join(ROOT, 'bin/qualcard.js'), 'sponsor', 'rotate-key', 'acme'],
      { env, cwd: ROOT },
      (e, out, err) => done({ code: e ? Number(e.code) : 0, out, err }),
    );
  });
  expect(rotated.err).toBe('');
  expect(rotated.code).toBe(0);
  expect(rotated.out).toContain('signs credentials with key version 2 (<issuer>/keys/2) from now on');
  const after = await issued('bob');
  const issuer = issuerUrls(apiUrl(), 'acme').issuer;
  expect((after.credential.proof as { verificationMethod: string }[])[0]!.verificationMethod).toBe(keyId(issuer, 2));

  const doc = await issuerDocument();
  expect(doc.assertionMethod).toEqual(expect.arrayContaining([keyId(issuer, 1), keyId(issuer, 2)]));
  for (const c of [before.credential, after.credential]) expect((await externally(c, doc)).verified).toBe(true);

  // Online: the CLI fetches the issuer document from the issuer URL and keeps a copy; offline with that copy.
  const saved = join(dir, 'acme-issuer.json');
  const online = await cli('verify', file('before.json', JSON.stringify(before)), '--save-issuer', saved);
  expect(online.err).toBe('');
  expect(online.out).toContain(`VALID: Data Integrity proof (eddsa-rdfc-2022) verified with key ${keyId(issuer, 1)}`);
  expect(online.out).toMatch(/VALID: VC-JWT signature \(RS256\) verified with key /);
  expect(online.out).toContain(`keys:        from ${issuer}`);
  const offline = await cli('verify', file('after.json', JSON.stringify(after.credential)), '--issuer', saved);
  expect(offline.err).toBe('');
  expect(offline.out).toContain(`verified with key ${keyId(issuer, 2)}`);
});

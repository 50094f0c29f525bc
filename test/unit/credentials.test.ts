// The credential for a completed level: built from the engine's answer, valid against 1EdTech's Open Badges 3.0
// AchievementCredential schema (test/fixtures/1edtech-ob-v3p0, see its README), signed and verified as a VC-JWT.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { exportJWK, generateKeyPair, type JSONWebKeySet, SignJWT } from 'jose';
import { parseKeySecret } from '../../functions/src/credentials/key';
import { ensureCredentialKey, SECRET_NAME } from '../../scripts/credential-key';
import {
  ApprenticeRecord,
  type ApprenticeRecordInput,
  computeProgress,
  countedEntries,
  type Framework,
  getFramework,
} from '../../shared/src';
import { earnsCredential, levelCredential, type OpenBadgeCredential } from '../../shared/src/credentials/build';
import { addProof } from '../../shared/src/credentials/data-integrity';
import { issuerDocument, keyId } from '../../shared/src/credentials/issuer-document';
import { CredentialError, signCredential, verifyCredential } from '../../shared/src/credentials/jwt';
import { describeCredential, revocationList, standingIn } from '../../shared/src/credentials/status';
import { statusEntry } from '../../shared/src/credentials/status-list';
import { APPRENTICESHIP_CERTIFICATE, issuerUrls } from '../../shared/src/credentials/vocabulary';
import { cliRunner } from '../fixtures/cli-run';

const schema = JSON.parse(
  readFileSync(join(__dirname, '../fixtures/1edtech-ob-v3p0/achievementcredential.json'), 'utf8'),
);
const validate = addFormats(new Ajv2019({ strict: false, allErrors: true })).compile(schema);
const fw = getFramework('customer-technical-support') as Framework;
const AS_OF = '2026-06-30';
const BASE = 'https://functions.example/api';
const COACH = 'coach@acme.example';
const at = '2026-06-01T10:00:00.000Z';
const coreIds = fw.workFunctions
  .flatMap((wf) => wf.items)
  .filter((i) => i.core === 'core' && i.levels.includes('AITS'));

function record(confirmed: number, typedOnly = 0): ApprenticeRecordInput {
  const items = coreIds.slice(0, confirmed + typedOnly);
  return {
    schemaVersion: 1,
    apprentice: {
      id: 'ann',
      name: 'Ann Example',
      email: 'ann@apprentice.example',
      startDate: '2025-09-01',
      frameworkId: fw.id,
      levelId: 'AITS',
      coachEmails: [COACH],
    },
    signOffs: items.map((item, i) => ({
      itemId: item.id,
      date: '2026-05-01',
      coachEmail: COACH,
      ...(i < confirmed
        ? { confirmation: { kind: 'confirmed', by: COACH, role: 'coach', at, date: '2026-05-02' } as const }
        : {}),
    })),
  };
}

function credentialFor(input: ApprenticeRecordInput): OpenBadgeCredential {
  const progress = computeProgress(fw, input, AS_OF);
  const salt = 'pepper';
  return levelCredential({
    id: 'urn:uuid:7d3c8d4e-7a8c-4c1e-9f51-8b2b1f0c4a11',
    baseUrl: BASE,
    sponsor: { id: 'acme', name: 'Acme IT' },
    framework: fw,
    level: progress.levels.find((l) => l.levelId === 'AITS')!,
    counted: countedEntries(fw, ApprenticeRecord.parse(input), AS_OF),
    recipient: {
      id: 'urn:uuid:00000000-0000-4000-8000-000000000001',
      name: 'Ann Example',
      startDate: '2025-09-01',
      emailHash: `sha256$${createHash('sha256').update(`ann@apprentice.example${salt}`).digest('hex')}`,
      salt,
    },
    issuedAt: at,
    status: statusEntry(issuerUrls(BASE, 'acme').statusList(1), 42),
  });
}

async function keys(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwks: JSONWebKeySet = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] };
  return { privateKey, jwks };
}

describe('building', () => {
  const credential = credentialFor(record(coreIds.length));

  test("is valid against 1EdTech's AchievementCredential schema, as built and with its Data Integrity proof", async () => {
    const ok = validate(credential);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    const issuer = issuerUrls(BASE, 'acme').issuer;
    const key = await Ed25519Multikey.generate({ id: `${issuer}/keys/1`, controller: issuer });
    const signed = await addProof(credential as unknown as Record<string, unknown>, key);
    validate(signed);
    expect(validate.errors ?? []).toEqual([]);
    expect(signed.proof).toMatchObject([{ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' }]);
  });

  test('names the framework, level, requirements and their source, the sponsor and the apprentice', () => {
    const a = credential.credentialSubject.achievement;
    expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(a.achievementType).toBe(APPRENTICESHIP_CERTIFICATE);
    expect(a.name).toBe(`${fw.title}: Assistant Information Technology Specialist`);
    expect(a.version).toBe(fw.version);
    expect(a.criteria.narrative).toContain(`${coreIds.length} core item(s)`);
    expect(a.criteria.narrative).toContain('Source: 004_ccd6c869a5f09f89.txt, lines 59-63');
    expect(credential.issuer).toEqual({ id: issuerUrls(BASE, 'acme').issuer, type: ['Profile'], name: 'Acme IT' });
    expect(credential.credentialStatus).toMatchObject({
      type: 'BitstringStatusListEntry',
      statusListCredential: issuerUrls(BASE, 'acme').statusList(1),
    });
    const [email, name] = credential.credentialSubject.identifier;
    expect(email).toMatchObject({ identityType: 'emailAddress', hashed: true, salt: 'pepper' });
    expect(JSON.stringify(credential)).not.toContain('ann@apprentice.example');
    expect(name).toMatchObject({ identityType: 'name', identityHash: 'Ann Example', hashed: false });
  });

  test('aligns each confirmed competency of the level and counts the evidence', () => {
    const codes = credential.credentialSubject.achievement.alignment.map((x) => x.targetCode);
    expect(codes).toEqual(coreIds.map((i) => i.id));
    expect(credential.evidence[0]).toMatchObject({
      name: 'Confirmed sign-offs',
      description: `${coreIds.length} of ${coreIds.length} required item(s) signed off and confirmed`,
    });
  });

  test('a level complete only with typed (unconfirmed) sign-offs has no credential', () => {
    expect(() => credentialFor(record(coreIds.length - 1, 1))).toThrow(
      /AITS of customer-technical-support is not complete/,
    );
  });

  test('a level that requires nothing earns no credential, though the engine calls it complete', () => {
    const level = computeProgress(fw, record(coreIds.length), AS_OF).levels[0]!;
    const empty = { ...level, items: { done: 0, required: 0, optionalSigned: 0 }, hours: [] };
    expect(earnsCredential(level)).toBe(true);
    expect(empty.complete && !earnsCredential(empty)).toBe(true);
  });

  test('a schema violation is caught: an achievement without criteria', () => {
    const broken = structuredClone(credential) as unknown as { credentialSubject: { achievement: object } };
    delete (broken.credentialSubject.achievement as { criteria?: unknown }).criteria;
    expect(validate(broken)).toBe(false);
    expect(validate.errors!.map((e) => e.message)).toContain("must have required property 'criteria'");
  });
});

describe('signing and verifying', () => {
  const credential = credentialFor(record(coreIds.length));
  const kid = `${issuerUrls(BASE, 'acme').jwks}#k1`;

  test('a signed credential verifies with the issuer key set and reads back unchanged', async () => {
    const { privateKey, jwks } = await keys(kid);
    const jwt = await signCredential(credential, privateKey, kid);
    const verified = await verifyCredential(jwt, jwks);
    expect(verified.kid).toBe(kid);
    expect(verified.credential).toEqual(credential);
    expect(describeCredential(verified.credential).join('\n')).toMatch(
      /issuer: +Acme IT[\s\S]*recipient: +Ann Example/,
    );
  });

  test('changing any single byte of the token makes it fail', async () => {
    const { privateKey, jwks } = await keys(kid);
    const jwt = await signCredential(credential, privateKey, kid);
    const positions = [5, jwt.indexOf('.') + 40, Math.floor(jwt.length * 0.6), jwt.length - 3];
    for (const p of positions) {
      const c = jwt[p]!;
      const tampered = `${jwt.slice(0, p)}${c === 'A' ? 'B' : 'A'}${jwt.slice(p + 1)}`;
      await expect(verifyCredential(tampered, jwks)).rejects.toBeInstanceOf(CredentialError);
    }
  });

  test('a credential re-signed with another key is refused', async () => {
    const issuer = await keys(kid);
    const forger = await keys(kid);
    const jwt = await signCredential(credential, forger.privateKey, kid);
    await expect(verifyCredential(jwt, issuer.jwks)).rejects.toThrow(/signature does not match/);
  });

  test('a token whose claims name another subject than its credential is refused', async () => {
    const { privateKey, jwks } = await keys(kid);
    const jwt = await new SignJWT({ ...credential })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(credential.issuer.id)
      .setJti(credential.id)
      .setSubject('urn:uuid:someone-else')
      .setNotBefore(new Date(credential.validFrom))
      .sign(privateKey);
    await expect(verifyCredential(jwt, jwks)).rejects.toThrow(/claim sub does not name the credential subject/);
  });
});

describe('legacy revocation list (credentials issued before the status list)', () => {
  const urls = issuerUrls(BASE, 'acme');
  const credential = { id: 'urn:uuid:legacy-1', credentialStatus: { id: urls.revocations } };

  test('a listed credential is revoked, and the list carries no reason; another is not', () => {
    const list = revocationList(urls.revocations, urls.issuer, [credential.id]);
    expect(JSON.stringify(list)).not.toMatch(/reason/i);
    expect(standingIn(list, credential)).toEqual({ revoked: true });
    expect(standingIn(revocationList(urls.revocations, urls.issuer, []), credential)).toEqual({ revoked: false });
  });

  test("another issuer's list is refused", () => {
    const other = revocationList(issuerUrls(BASE, 'globex').revocations, 'x', []);
    expect(() => standingIn(other, credential)).toThrow(/status is published at/);
  });
});

describe('qualcard verify', () => {
  const credential = credentialFor(record(coreIds.length));
  const urls = issuerUrls(BASE, 'acme');
  const kid = `${urls.jwks}#k1`;
  const { file, cli } = cliRunner('qualcard-verify');
  /** A key pair of each kind and the issuer document that publishes them (as the issuer-profile route does). */
  async function issuerKeys(issuer = urls.issuer, controller = issuer) {
    const { privateKey, jwks } = await keys(kid);
    const multikey = await Ed25519Multikey.generate({ id: keyId(issuer, 1), controller: issuer });
    const { kid: _k, ...publicJwk } = jwks.keys[0]!;
    const doc = issuerDocument(
      { id: issuer, name: 'Acme IT' },
      { multikeys: [{ version: 1, publicKeyMultibase: multikey.publicKeyMultibase }], jwt: { kid, publicJwk } },
    );
    for (const m of doc.verificationMethod) m.controller = controller;
    return { privateKey, jwks, multikey, doc };
  }
  let jwt = '';
  let signed: Record<string, unknown> = {};
  let issuerFile = '';
  let k: Awaited<ReturnType<typeof issuerKeys>>;
  beforeAll(async () => {
    k = await issuerKeys();
    jwt = await signCredential(credential, k.privateKey, kid);
    signed = await addProof(credential as unknown as Record<string, unknown>, k.multikey);
    issuerFile = file('acme-issuer.json', JSON.stringify(k.doc));
  });

  test('a valid credential in each form: exit 0, who issued what to whom, offline with the saved issuer document', async () => {
    const r = await cli('verify', file('ok.jwt', `${jwt}\n`), '--issuer', issuerFile);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /^VALID: VC-JWT signature \(RS256\) verified with key https:\/\/functions\.example\/api\/v1\/issuers\/acme\/jwks#k1/,
    );
    expect(r.out).toContain(`keys:        from the saved issuer document ${issuerFile}`);
    expect(r.out).toContain('issuer:      Acme IT');
    expect(r.out).toContain(
      `achievement: ${credential.credentialSubject.achievement.name} [ApprenticeshipCertificate]`,
    );
    expect(r.out).toContain('recipient:   Ann Example');
    expect(r.out).toContain(`status:      NOT CHECKED: status ${urls.statusList(1)}: fetch failed`);
    const di = await cli('verify', file('ok.json', JSON.stringify(signed)), '--issuer', issuerFile);
    expect(di.err).toBe('');
    expect(di.out).toMatch(
      /^VALID: Data Integrity proof \(eddsa-rdfc-2022\) verified with key .*\/issuers\/acme\/keys\/1\n/,
    );
    const both = await cli(
      'verify',
      file('api.json', JSON.stringify({ credential: signed, jwt })),
      '--issuer',
      issuerFile,
    );
    expect(both.out.match(/^VALID: /gm)).toHaveLength(2);
    const other = await signCredential(
      { ...credential, id: 'urn:uuid:00000000-0000-4000-8000-0000000000ff' },
      k.privateKey,
      kid,
    );
    const mixed = await cli(
      'verify',
      file('mixed.json', JSON.stringify({ credential: signed, jwt: other })),
      '--issuer',
      issuerFile,
    );
    expect(mixed.code).toBe(1);
    expect(mixed.err).toContain('the two forms are different credentials');
  });

  test('one changed byte: exit 1, INVALID, in either form', async () => {
    const p = Math.floor(jwt.length / 2);
    const tampered = `${jwt.slice(0, p)}${jwt[p] === 'x' ? 'y' : 'x'}${jwt.slice(p + 1)}`;
    const r = await cli('verify', file('bad.jwt', tampered), '--issuer', issuerFile);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^INVALID: /);
    expect(r.out).toBe('');
    const changed = JSON.stringify(signed).replace('Ann Example', 'Ann Exampld');
    const di = await cli('verify', file('bad.json', changed), '--issuer', issuerFile);
    expect(di.code).toBe(1);
    expect(di.err).toContain('INVALID: ');
    expect(di.err).toContain('Data Integrity proof: Invalid signature.');
  });

  // Issue 22: re-signed with an attacker's key, the issuer's key id put in the attacker's key set: printed VALID.
  test("a credential re-signed by an attacker with the issuer's key id in the attacker's key set is not VALID", async () => {
    const attacker = await keys(kid);
    const forged = await signCredential(credential, attacker.privateKey, kid);
    const r = await cli(
      'verify',
      file('forged.jwt', forged),
      '--jwks',
      file('attacker-jwks.json', JSON.stringify(attacker.jwks)),
    );
    expect(r.out).not.toContain('VALID');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--jwks is refused: a key set names no controller');
  });

  test("another's issuer document is refused, though it lists the issuer's key ids; so is a key the issuer does not control", async () => {
    const attacker = await issuerKeys('https://attacker.example/issuer');
    const forged = await signCredential(credential, attacker.privateKey, kid);
    const theirs = file('attacker-issuer.json', JSON.stringify(attacker.doc));
    const r = await cli('verify', file('forged2.jwt', forged), '--issuer', theirs);
    expect(r.out).not.toContain('VALID');
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `the key document is https://attacker.example/issuer's, not the credential issuer's (${urls.issuer})`,
    );
    const reSigned = await addProof(credential as unknown as Record<string, unknown>, attacker.multikey);
    const di = await cli('verify', file('forged.json', JSON.stringify(reSigned)), '--issuer', theirs);
    expect(di.code).toBe(1);
    expect(di.err).toContain("not the credential issuer's");
    // An issuer document with the issuer's id whose key names another controller.
    const borrowed = await issuerKeys(urls.issuer, 'https://attacker.example/issuer');
    const forged3 = await signCredential(credential, borrowed.privateKey, kid);
    const b = await cli(
      'verify',
      file('forged3.jwt', forged3),
      '--issuer',
      file('b.json', JSON.stringify(borrowed.doc)),
    );
    expect(b.code).toBe(1);
    expect(b.err).toContain(`is controlled by https://attacker.example/issuer, not by the issuer ${urls.issuer}`);
  });
});

describe('the signing key secret', () => {
  test('the emulator key file gets one key, kept on later runs, in a form the functions read', async () => {
    const secretFile = join(mkdtempSync(join(tmpdir(), 'qualcard-secret-')), '.secret.local');
    writeFileSync(secretFile, 'OTHER=1');
    ensureCredentialKey(secretFile);
    const first = readFileSync(secretFile, 'utf8');
    ensureCredentialKey(secretFile);
    expect(readFileSync(secretFile, 'utf8')).toBe(first);
    const lines = first.trim().split('\n');
    expect(lines[0]).toBe('OTHER=1');
    const value = lines[1]!.slice(`${SECRET_NAME}=`.length);
    expect(value).toMatch(/^[A-Za-z0-9+/=]+$/);
    const jwk = parseKeySecret(value);
    expect(jwk).toMatchObject({ kty: 'RSA', e: 'AQAB' });
    expect(parseKeySecret(JSON.stringify(jwk))).toEqual(jwk);
  });

  test('a public key or something else is refused with a message naming the secret', async () => {
    const { jwks } = await keys('k');
    expect(() => parseKeySecret(JSON.stringify(jwks.keys[0]))).toThrow(
      'QUALCARD_CREDENTIAL_KEY must be a private RSA JWK',
    );
    expect(() => parseKeySecret('not a key')).toThrow('QUALCARD_CREDENTIAL_KEY is not a JSON Web Key');
  });
});

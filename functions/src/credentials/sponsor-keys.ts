// Each sponsor's own Ed25519 signing keys, derived, never stored: HKDF-SHA256 of the deployment's secret
// (QUALCARD_CREDENTIAL_KEY, key.ts) with the sponsor's id and the key's version as the info, gives the 32-byte seed of
// one Ed25519 key. The sponsor document keeps only the list of versions (store/sponsors.ts issuerKeys); rotating adds
// a version, and every earlier version's public key is derived again to stay published in the issuer document, so
// what it signed still verifies. Why derived rather than stored wrapped: one secret to keep, nothing secret in
// Firestore, and a key can be re-derived anywhere the secret is (docs/credentials.md says the trade-off).
import { hkdfSync } from 'node:crypto';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { keyId } from '@qualcard/shared/credentials/issuer-document';
import { issuerUrls } from '@qualcard/shared/credentials/vocabulary';
import { CREDENTIAL_KEY, parseKeySecret, publicUrl } from './key';

/** Domain separation: these seeds are for nothing but Qualcard's sponsor keys. */
const SALT = 'qualcard/sponsor-ed25519-key/v1';

export function keySeed(secret: string, sid: string, version: number): Uint8Array {
  const d = parseKeySecret(secret).d!;
  return new Uint8Array(hkdfSync('sha256', Buffer.from(d, 'base64url'), SALT, `${sid}\n${version}`, 32));
}

const cache = new Map<string, Promise<Ed25519Multikey.Ed25519KeyPair>>();
let cachedFor: string | undefined;

/** The sponsor's key pair of that version, with its verification method id and controller (the issuer). */
export function sponsorKeyPair(sid: string, version: number): Promise<Ed25519Multikey.Ed25519KeyPair> {
  const secret = CREDENTIAL_KEY.value();
  if (!secret) return Promise.reject(new Error('QUALCARD_CREDENTIAL_KEY is not set: credentials cannot be signed'));
  const issuer = issuerUrls(publicUrl(), sid).issuer;
  const id = keyId(issuer, version);
  if (cachedFor !== secret) {
    cache.clear();
    cachedFor = secret;
  }
  let pair = cache.get(id);
  if (!pair) {
    pair = Ed25519Multikey.generate({ id, controller: issuer, seed: keySeed(secret, sid, version) });
    cache.set(id, pair);
  }
  return pair;
}

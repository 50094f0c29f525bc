// The issuer's signing key: one RSA private JWK per deployment, held as a Secret Manager secret
// (`firebase functions:secrets:set QUALCARD_CREDENTIAL_KEY`), in the emulators the file functions/.secret.local that
// scripts/with-emulators.sh writes. Every sponsor's credentials are signed with it; each sponsor's issuer URL
// publishes its public half (jwks), so a verifier needs nothing from Qualcard but that key set.

import type { SigningKey } from '@qualcard/shared/credentials/jwt';
import { issuerUrls } from '@qualcard/shared/credentials/vocabulary';
import { defineSecret, defineString } from 'firebase-functions/params';
import { calculateJwkThumbprint, importJWK, type JSONWebKeySet, type JWK } from 'jose';

export const CREDENTIAL_KEY = defineSecret('QUALCARD_CREDENTIAL_KEY');

/** The api function's public URL: issuer profiles, key sets and revocation lists are named under it. */
export const PUBLIC_URL = defineString('QUALCARD_PUBLIC_URL', {
  description:
    "The api function's public URL (https://<region>-<project>.cloudfunctions.net/api), named in credentials",
});

const PRIVATE_FIELDS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

export interface IssuerKey {
  privateKey: SigningKey;
  /** The public half, without any private field. */
  publicJwk: JWK;
  thumbprint: string;
}

/** The secret holds the private JWK as JSON, or base64 of that JSON (dotenv-safe, as .secret.local holds it). */
export function parseKeySecret(raw: string): JWK {
  const text = raw.trim().startsWith('{') ? raw : Buffer.from(raw.trim(), 'base64').toString('utf8');
  let jwk: JWK;
  try {
    jwk = JSON.parse(text) as JWK;
  } catch {
    throw new Error('QUALCARD_CREDENTIAL_KEY is not a JSON Web Key (JSON, or base64 of JSON)');
  }
  if (jwk.kty !== 'RSA' || !jwk.d) throw new Error('QUALCARD_CREDENTIAL_KEY must be a private RSA JWK (RS256)');
  return jwk;
}

let cached: { raw: string; key: Promise<IssuerKey> } | undefined;

async function load(raw: string): Promise<IssuerKey> {
  const jwk = parseKeySecret(raw);
  const publicJwk = Object.fromEntries(Object.entries(jwk).filter(([k]) => !PRIVATE_FIELDS.includes(k))) as JWK;
  const privateKey = (await importJWK({ ...jwk, alg: 'RS256' }, 'RS256')) as SigningKey;
  return { privateKey, publicJwk, thumbprint: await calculateJwkThumbprint(publicJwk) };
}

export function issuerKey(): Promise<IssuerKey> {
  const raw = CREDENTIAL_KEY.value();
  if (!raw) return Promise.reject(new Error('QUALCARD_CREDENTIAL_KEY is not set: credentials cannot be signed'));
  if (cached?.raw !== raw) cached = { raw, key: load(raw) };
  return cached.key;
}

export const publicUrl = (): string => PUBLIC_URL.value();

/** The key id a sponsor's credentials carry: its key set's URL, with the key's thumbprint as the fragment. */
export const kidFor = (sid: string, key: IssuerKey): string => `${issuerUrls(publicUrl(), sid).jwks}#${key.thumbprint}`;

export async function jwksFor(sid: string): Promise<JSONWebKeySet> {
  const key = await issuerKey();
  return { keys: [{ ...key.publicJwk, kid: kidFor(sid, key), alg: 'RS256', use: 'sig' }] };
}

// The VC-JWT proof (Open Badges 3.0 §8.2): the credential is the JWT payload, with iss, jti, nbf and sub copied from
// it, signed RS256 with jose. Verification needs only the issuer's public key set: nothing is fetched here.
import { createLocalJWKSet, decodeProtectedHeader, errors, type JSONWebKeySet, jwtVerify, SignJWT } from 'jose';
import * as z from 'zod';
import type { OpenBadgeCredential } from './build';
import { CREDENTIAL_TYPE, JWT_ALG } from './vocabulary';

/** A credential that does not verify; the message says why, never quoting the token. */
export class CredentialError extends Error {}

export type SigningKey = Parameters<SignJWT['sign']>[0];

export async function signCredential(credential: OpenBadgeCredential, key: SigningKey, kid: string): Promise<string> {
  return new SignJWT({ ...credential })
    .setProtectedHeader({ alg: JWT_ALG, kid, typ: 'JWT' })
    .setIssuer(credential.issuer.id)
    .setJti(credential.id)
    .setSubject(credential.credentialSubject.id)
    .setNotBefore(new Date(credential.validFrom))
    .sign(key);
}

/** The fields verification relies on; the rest of the payload is carried as it is. */
const Payload = z.object({
  iss: z.string(),
  jti: z.string(),
  sub: z.string(),
  id: z.string(),
  type: z.array(z.string()).refine((t) => CREDENTIAL_TYPE.every((c) => t.includes(c)), {
    message: `must include ${CREDENTIAL_TYPE.join(' and ')}`,
  }),
  issuer: z.object({ id: z.string(), name: z.string() }),
  validFrom: z.string(),
  credentialSubject: z.object({ id: z.string(), achievement: z.object({ name: z.string() }) }),
});

function failure(e: unknown): CredentialError {
  if (e instanceof CredentialError) return e;
  if (e instanceof errors.JWSSignatureVerificationFailed)
    return new CredentialError('the signature does not match: the credential was changed or signed with another key');
  if (e instanceof errors.JWKSNoMatchingKey)
    return new CredentialError("no key in the issuer's key set matches the credential's key id (kid)");
  if (e instanceof errors.JOSEAlgNotAllowed) return new CredentialError(`the credential is not signed with ${JWT_ALG}`);
  if (e instanceof errors.JWTClaimValidationFailed) return new CredentialError(`claim ${e.claim}: ${e.message}`);
  if (e instanceof errors.JOSEError) return new CredentialError('not a well-formed signed credential (compact JWS)');
  return new CredentialError(`not a readable credential: ${(e as Error).message}`);
}

export interface Verified {
  credential: OpenBadgeCredential;
  kid: string;
}

/** Checks the signature against `jwks`, then that the JWT claims name the credential's own issuer, id and subject. */
export async function verifyCredential(jwt: string, jwks: JSONWebKeySet): Promise<Verified> {
  try {
    const header = decodeProtectedHeader(jwt);
    const { payload } = await jwtVerify(jwt.trim(), createLocalJWKSet(jwks), { algorithms: [JWT_ALG] });
    const parsed = Payload.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new CredentialError(`not an OpenBadgeCredential: ${issue.path.join('.') || 'payload'}: ${issue.message}`);
    }
    const p = parsed.data;
    if (p.iss !== p.issuer.id) throw new CredentialError('claim iss does not name the credential issuer');
    if (p.jti !== p.id) throw new CredentialError('claim jti does not name the credential id');
    if (p.sub !== p.credentialSubject.id) throw new CredentialError('claim sub does not name the credential subject');
    const { iss: _i, jti: _j, sub: _s, nbf: _n, exp: _e, iat: _t, ...credential } = payload;
    return { credential: credential as unknown as OpenBadgeCredential, kid: String(header.kid ?? '') };
  } catch (e) {
    throw failure(e);
  }
}

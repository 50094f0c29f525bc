// Authorization headers: a good token for a caller, and forged, expired or malformed ones. The emulator functions
// trust tokens signed with the local emulator key (scripts/emulator-key.ts, key id `qualcard-emulator-key`); every
// variant here must be refused with a 401 (or, for a header too large to read, a 4xx from the server itself).
import { createHmac, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { EMULATOR_AUDIENCE, EMULATOR_KEY_ID, ensureEmulatorKey, mintIdToken } from '../../scripts/emulator-key';

export const TOKEN_FAULTS = [
  'none',
  'not-bearer',
  'not-a-jwt',
  'two-segments',
  'garbage-segments',
  'other-key',
  'altered-payload',
  'altered-email',
  'wrong-audience',
  'wrong-issuer',
  'expired',
  'issued-in-future',
  'expiry-too-far',
  'unverified-email',
  'no-email',
  'alg-none',
  'hs256-public-key',
  'unknown-kid',
  'empty-signature',
  'huge-token',
] as const;
export type TokenFault = (typeof TOKEN_FAULTS)[number];

const b64 = (o: object | string) => Buffer.from(typeof o === 'string' ? o : JSON.stringify(o)).toString('base64url');

let otherKey: KeyObject | undefined;
const anotherKey = (): KeyObject => {
  otherKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  return otherKey;
};

interface Claims {
  [claim: string]: unknown;
}
function claimsFor(email: string, change: Claims = {}): Claims {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: 'https://accounts.google.com',
    aud: EMULATOR_AUDIENCE,
    azp: EMULATOR_AUDIENCE,
    sub: `sub-${Buffer.from(email).toString('hex').slice(0, 20)}`,
    email,
    email_verified: true,
    iat: now - 10,
    exp: now + 3600,
    ...change,
  };
}

/** An RS256 token with any header and claims, signed with the emulator key or `key`. */
function signed(header: Claims, claims: Claims, key?: KeyObject): string {
  const signing = `${b64({ alg: 'RS256', typ: 'JWT', kid: EMULATOR_KEY_ID, ...header })}.${b64(claims)}`;
  const pem = key ?? readFileSync(ensureEmulatorKey().privateKeyFile, 'utf8');
  return `${signing}.${createSign('RSA-SHA256').update(signing).sign(pem, 'base64url')}`;
}

function forged(fault: TokenFault, email: string): string {
  const now = Math.floor(Date.now() / 1000);
  const good = mintIdToken({ email }).split('.') as [string, string, string];
  switch (fault) {
    case 'other-key':
      return signed({}, claimsFor(email), anotherKey());
    case 'altered-payload':
      return `${good[0]}.${b64(claimsFor(email, { email_verified: true, admin: true }))}.${good[2]}`;
    case 'altered-email': {
      // Another member's email under the caller's signature (never the caller's own: that would be the same token).
      const other = email === 'admin@acme.example' ? 'admin@globex.example' : 'admin@acme.example';
      return `${good[0]}.${b64(claimsFor(other))}.${good[2]}`;
    }
    case 'wrong-audience':
      return signed({}, claimsFor(email, { aud: 'someone-else.apps.googleusercontent.com' }));
    case 'wrong-issuer':
      return signed({}, claimsFor(email, { iss: 'https://evil.example' }));
    case 'expired':
      return signed({}, claimsFor(email, { iat: now - 7200, exp: now - 600 }));
    case 'issued-in-future':
      return signed({}, claimsFor(email, { iat: now + 86_400, exp: now + 90_000 }));
    case 'expiry-too-far':
      return signed({}, claimsFor(email, { exp: now + 400 * 86_400 }));
    case 'unverified-email':
      return signed({}, claimsFor(email, { email_verified: false }));
    case 'no-email':
      return signed({}, claimsFor(email, { email: undefined }));
    case 'alg-none':
      return `${b64({ alg: 'none', typ: 'JWT', kid: EMULATOR_KEY_ID })}.${b64(claimsFor(email))}.`;
    case 'hs256-public-key': {
      const signing = `${b64({ alg: 'HS256', typ: 'JWT', kid: EMULATOR_KEY_ID })}.${b64(claimsFor(email))}`;
      const secret = readFileSync(ensureEmulatorKey().publicKeyFile);
      return `${signing}.${createHmac('sha256', secret).update(signing).digest('base64url')}`;
    }
    case 'unknown-kid':
      return signed({ kid: 'not-a-known-key' }, claimsFor(email));
    case 'empty-signature':
      return `${good[0]}.${good[1]}.`;
    default:
      throw new Error(`not a signed-token fault: ${fault}`);
  }
}

/** The Authorization header for a token fault (undefined: no header). */
function header(fault: TokenFault, email: string): string | undefined {
  switch (fault) {
    case 'none':
      return undefined;
    case 'not-bearer':
      return `Basic ${Buffer.from(`${email}:password`).toString('base64')}`;
    case 'not-a-jwt':
      return 'Bearer not-a-jwt';
    case 'two-segments':
      return `Bearer ${mintIdToken({ email }).split('.').slice(0, 2).join('.')}`;
    case 'garbage-segments':
      return `Bearer ${b64('{"alg":')}.${b64('garbage')}.${b64('x')}`;
    case 'huge-token':
      return `Bearer ${mintIdToken({ email })}${'A'.repeat(20_000)}`;
    default:
      return `Bearer ${forged(fault, email)}`;
  }
}

/**
 * Tokens are signed once per caller and fault and reused for a while: signing one for every request would cost the
 * client more CPU than the server spends refusing it. Good tokens are renewed long before they expire.
 */
export class Tokens {
  private readonly cache = new Map<string, { value: string | undefined; at: number }>();

  authorization(email: string, fault?: TokenFault): string | undefined {
    const key = `${fault ?? 'good'} ${email}`;
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < 20 * 60_000) return hit.value;
    const value = fault ? header(fault, email) : `Bearer ${mintIdToken({ email })}`;
    this.cache.set(key, { value, at: Date.now() });
    return value;
  }
}

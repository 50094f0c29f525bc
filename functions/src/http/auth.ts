// Who is calling: a Google ID token (ScriptApp.getIdentityToken() in the add-on) verified with google-auth-library
// against the configured audience allow-list, with a verified email. There is no bypass: the only other key
// accepted is the local emulator key, and only when this code runs inside the Functions emulator.

import { readFileSync } from 'node:fs';
import { Email } from '@qualcard/shared';
import type { Request } from 'firebase-functions/v2/https';
import type { OAuth2Client, TokenPayload } from 'google-auth-library';
import { audiences } from '../config';
import { unauthorized } from './errors';

export interface Caller {
  email: string;
  subject: string;
}

const GOOGLE_ISSUERS = ['https://accounts.google.com', 'accounts.google.com'];
/** Key id of the locally generated emulator key (scripts/emulator-key.ts). */
export const EMULATOR_KEY_ID = 'qualcard-emulator-key';

// google-auth-library's messages quote the token, its header or its payload: the caller gets one of these instead.
const TOKEN_PROBLEMS: [RegExp, string][] = [
  [/^Wrong number of segments|^Can't parse token/, 'the token is not a well-formed JWT'],
  [/^Token used too late/, 'the token has expired'],
  [
    /^Token used too early|^No issue time|^iat field|^No expiration time|^Expiration time too far/,
    'the token is not valid at this time',
  ],
  [/^Wrong recipient/, 'the token was not issued for this application (audience)'],
  [/^Invalid issuer/, 'the token was not issued by Google'],
  [/^Invalid token signature|^No pem found/, 'the token signature does not verify'],
];

/** Why a token was refused, in words that never contain any part of the token. */
export function tokenProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  return TOKEN_PROBLEMS.find(([pattern]) => pattern.test(message))?.[1] ?? 'the token could not be verified';
}

let client: OAuth2Client | undefined;
async function oauthClient(): Promise<OAuth2Client> {
  // Loaded on first use so a cold start does not pay for it.
  if (!client) client = new (await import('google-auth-library')).OAuth2Client();
  return client;
}

function emulatorCertificate(): string | undefined {
  if (process.env.FUNCTIONS_EMULATOR !== 'true') return undefined;
  const file = process.env.QUALCARD_EMULATOR_KEY_FILE;
  return file ? readFileSync(file, 'utf8') : undefined;
}

function tokenKeyId(token: string): string | undefined {
  try {
    const header = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as {
      kid?: unknown;
    };
    return typeof header.kid === 'string' ? header.kid : undefined;
  } catch {
    return undefined;
  }
}

export async function authenticate(req: Request): Promise<Caller> {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+([A-Za-z0-9._-]+)$/.exec(header);
  if (!match) throw unauthorized('send a Google ID token as "Authorization: Bearer <token>"');
  const token = match[1]!;
  const oauth = await oauthClient();
  const allowed = audiences();
  let payload: TokenPayload | undefined;
  try {
    const cert = emulatorCertificate();
    if (cert && tokenKeyId(token) === EMULATOR_KEY_ID) {
      const ticket = await oauth.verifySignedJwtWithCertsAsync(
        token,
        { [EMULATOR_KEY_ID]: cert },
        allowed,
        GOOGLE_ISSUERS,
      );
      payload = ticket.getPayload();
    } else {
      const ticket = await oauth.verifyIdToken({ idToken: token, audience: allowed });
      payload = ticket.getPayload();
    }
  } catch (e) {
    throw unauthorized(`ID token rejected: ${tokenProblem(e)}`);
  }
  if (!payload?.email) throw unauthorized('ID token has no email (request the userinfo.email scope)');
  if (payload.email_verified !== true) throw unauthorized("the token's email address is not verified by Google");
  // The email names Firestore documents (members/{email}): a claim that is not an email address (a number, an array,
  // "a/b", "__x__") is refused here, before any path is built from it, and never quoted back.
  const email = Email.safeParse(payload.email);
  if (!email.success) throw unauthorized("the token's email is not an email address");
  return { email: email.data, subject: payload.sub };
}

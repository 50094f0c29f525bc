// A refused token is named by what is wrong with it, never quoted back: not the token, its header or its payload.
import * as api from '@qualcard/shared/api/routes';
import { mintIdToken } from '../../scripts/emulator-key';
import { ADMIN, call } from './kit';

const EMAIL = 'someone@acme.example';
const parts = (token: string) => token.split('.');

async function refusal(token: string): Promise<{ status: number; text: string }> {
  const res = await call(api.me, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, text: JSON.stringify(res.body) };
}

test.each([
  ['an expired token', () => mintIdToken({ email: EMAIL, expiresIn: -600 }), /expired/],
  ['another audience', () => mintIdToken({ email: EMAIL, aud: 'someone-else.apps.googleusercontent.com' }), /audience/],
  ['another issuer', () => mintIdToken({ email: EMAIL, iss: 'https://evil.example' }), /not issued by Google/],
  ['a forged signature', () => forge(mintIdToken({ email: EMAIL })), /signature/],
  ['a malformed token', () => malformed(), /well-formed/],
])('%s is refused with 401 and nothing of the token in the answer', async (_name, make, reason) => {
  const token = make();
  const { status, text } = await refusal(token);
  expect(status).toBe(401);
  expect(text).toMatch(reason);
  for (const part of parts(token).filter((p) => p.length >= 8)) expect(text).not.toContain(part);
  expect(text).not.toContain(EMAIL);
  expect(text).not.toContain('evil.example');
});

test('an unverified email is refused without quoting the email', async () => {
  const { status, text } = await refusal(mintIdToken({ email: EMAIL, email_verified: false }));
  expect(status).toBe(401);
  expect(text).toMatch(/not verified/);
  expect(text).not.toContain(EMAIL);
});

// The email names Firestore documents (members/{email}): a signed token whose claim is not an email address is the
// caller's error, refused before any path is built from it, never a 500.
test.each([
  ['a number', 42],
  ['an array', [EMAIL]],
  ['a string with "/"', 'a/b@acme.example'],
  ['"__x__"', '__x__'],
])('a signed token whose email claim is %s is a 401 that does not quote it', async (_name, email) => {
  const token = mintIdToken({ email });
  const { status, text } = await refusal(token);
  expect(status).toBe(401);
  expect(text).toMatch(/the token's email is not an email address/);
  for (const part of parts(token).filter((p) => p.length >= 8)) expect(text).not.toContain(part);
  expect(text).not.toContain(JSON.stringify(email));
});

test('every answer carries a request id for support', async () => {
  const health = await call(api.health, {});
  const refused = await refusal(malformed());
  expect(health.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{16,64}$/i);
  expect(refused.status).toBe(401);
});

/** The same header and payload with the signature of a different message. */
function forge(token: string): string {
  const [header, , signature] = parts(token);
  const other = parts(mintIdToken({ email: ADMIN }))[1];
  return `${header}.${other}.${signature}`;
}

/** The emulator key's header (so the local verifier reads it) over a payload that is not JSON. */
function malformed(): string {
  const [header] = parts(mintIdToken({ email: EMAIL }));
  return `${header}.${Buffer.from('not json at all').toString('base64url')}.c2lnbmF0dXJl`;
}

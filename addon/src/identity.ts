// Who is signed in, as the Qualcard service will see them: the email claim of the same Google ID token the add-on
// sends (ScriptApp.getIdentityToken()), lower-cased as the service compares it. Used to pick "my" apprentices and
// rows; the service checks the token itself, so a wrong answer here can only make a request fail, never pass.

/** The email in an ID token's payload ('' when there is none). */
export function emailOfToken(token: string, decode: (segment: string) => string): string {
  const payload = token.split('.')[1];
  if (!payload) return '';
  try {
    const claims = JSON.parse(decode(payload)) as { email?: unknown };
    return typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
  } catch {
    return '';
  }
}

/** The signed-in user's email, or an error saying how to fix it. */
export function signedInEmail(action: string): string {
  const email = emailOfToken(ScriptApp.getIdentityToken(), (segment) => {
    const padded = segment + '='.repeat((4 - (segment.length % 4)) % 4);
    return Utilities.newBlob(Utilities.base64DecodeWebSafe(padded)).getDataAsString();
  });
  if (!email)
    throw new Error(
      `${action}: Google did not say who is signed in (the add-on needs the "userinfo.email" and "openid" permissions); reopen the sidebar and allow them`,
    );
  return email;
}

// Writes a credential signing key (an RS256 private JWK) for the Functions emulator to functions/.secret.local,
// where the emulator reads secrets, unless that file already holds one. Git-ignored and never deployed. For a real
// project, make a key the same way (`npx tsx scripts/credential-key.ts --print > key.jwk.json`) and store it with
// `firebase functions:secrets:set QUALCARD_CREDENTIAL_KEY --data-file key.jwk.json`, then delete the file.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const SECRET_NAME = 'QUALCARD_CREDENTIAL_KEY';
export const secretFile = resolve(__dirname, '..', 'functions', '.secret.local');

export function newPrivateJwk(): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return JSON.stringify(privateKey.export({ format: 'jwk' }));
}

/** Adds the key to functions/.secret.local (base64: one dotenv-safe line) when the file has none. */
export function ensureCredentialKey(file = secretFile): void {
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (new RegExp(`^${SECRET_NAME}=`, 'm').test(current)) return;
  const line = `${SECRET_NAME}=${Buffer.from(newPrivateJwk()).toString('base64')}\n`;
  writeFileSync(file, `${current}${current && !current.endsWith('\n') ? '\n' : ''}${line}`, { mode: 0o600 });
}

if (require.main === module) {
  if (process.argv.includes('--print')) console.log(newPrivateJwk());
  else ensureCredentialKey();
}

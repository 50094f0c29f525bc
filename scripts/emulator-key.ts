// Creates (once) the RS256 key pair that tests and the demo use to sign Google-style ID tokens for the emulator.
// Prints the public key file's path. The key lives in .cache/ (git-ignored) and never leaves this machine.
import { createSign, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const EMULATOR_KEY_ID = 'qualcard-emulator-key';
const dir = resolve(__dirname, '..', '.cache', 'emulator-key');
export const privateKeyFile = join(dir, 'private.pem');
export const publicKeyFile = join(dir, 'public.pem');

export function ensureEmulatorKey(): { privateKeyFile: string; publicKeyFile: string } {
  if (!existsSync(privateKeyFile) || !existsSync(publicKeyFile)) {
    mkdirSync(dir, { recursive: true });
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(privateKeyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    writeFileSync(publicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }));
  }
  return { privateKeyFile, publicKeyFile };
}

export const EMULATOR_AUDIENCE = 'qualcard-demo.apps.googleusercontent.com';

/**
 * For the app's handler run in this process (a test or benchmark behind a local server): what the functions emulator
 * gives it, the emulator flag (emulator-signed tokens accepted) and the params in functions/.env.demo-qualcard.
 */
export function actAsFunctionsEmulator(): void {
  process.env.FUNCTIONS_EMULATOR = 'true';
  const env = readFileSync(resolve(__dirname, '..', 'functions', '.env.demo-qualcard'), 'utf8');
  for (const [, key, value] of env.matchAll(/^([A-Z_]+)=(.*)$/gm)) process.env[key!] ??= value;
}

export interface TokenClaims {
  /** A string for a real caller; tests send other JSON (a number, an array) to check the service refuses it. */
  email: string | number | unknown[];
  email_verified?: boolean;
  aud?: string;
  iss?: string;
  /** Seconds from now until expiry; negative for an expired token. */
  expiresIn?: number;
  kid?: string;
}

/** A Google-style RS256 ID token signed with the emulator key: what ScriptApp.getIdentityToken() would send. */
export function mintIdToken(claims: TokenClaims): string {
  const { privateKeyFile: file } = ensureEmulatorKey();
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: 'RS256', typ: 'JWT', kid: claims.kid ?? EMULATOR_KEY_ID };
  const payload = {
    iss: claims.iss ?? 'https://accounts.google.com',
    aud: claims.aud ?? EMULATOR_AUDIENCE,
    azp: claims.aud ?? EMULATOR_AUDIENCE,
    sub: `sub-${Buffer.from(JSON.stringify(claims.email)).toString('hex').slice(0, 20)}`,
    email: claims.email,
    email_verified: claims.email_verified ?? true,
    iat: now - 10,
    exp: now + (claims.expiresIn ?? 3600),
  };
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const signing = `${enc(header)}.${enc(payload)}`;
  const signature = createSign('RSA-SHA256').update(signing).sign(readFileSync(file, 'utf8'), 'base64url');
  return `${signing}.${signature}`;
}

// `tsx scripts/emulator-key.ts` prints the public key file; `--token <email>` prints a token for that email, e.g. for
// QUALCARD_ID_TOKEN when the command line talks to the emulators.
if (require.main === module) {
  const [flag, email] = process.argv.slice(2);
  if (flag === '--token' && email) console.log(mintIdToken({ email }));
  else if (flag) {
    console.error('usage: tsx scripts/emulator-key.ts [--token <email>]');
    process.exitCode = 2;
  } else console.log(ensureEmulatorKey().publicKeyFile);
}

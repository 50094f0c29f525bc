// Creates (once) the RS256 key pair that tests and the demo use to sign Google-style ID tokens for the emulator.
// Prints the public key file's path. The key lives in .cache/ (git-ignored) and never leaves this machine.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
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

if (require.main === module) console.log(ensureEmulatorKey().publicKeyFile);

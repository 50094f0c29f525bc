// qualcard verify <credential>: checks a credential's signature offline against the issuer's public key set
// (--jwks, a file saved once from the contract's issuer-jwks route, or that URL), says who issued what to whom, and with
// --status (the issuer's revocation list, a file or its URL) whether the issuer has revoked it.
import type { JSONWebKeySet, JWK } from 'jose';
import { CredentialError, verifyCredential } from '../../shared/src/credentials/jwt';
import { describeCredential } from '../../shared/src/credentials/status';
import type { Parsed } from './args';
import { InputError, readText, UsageError } from './input';
import type { Context } from './remote';
import { issuerDocumentFrom, listProofBy, statusLine } from './status';

/** The compact JWT: the file as it is, or the `jwt` field of the API's JSON answer for one credential. */
export function compactOf(file: string): string {
  const text = readText(file).trim();
  if (!text.startsWith('{')) return text;
  try {
    const jwt = (JSON.parse(text) as { jwt?: unknown }).jwt;
    if (typeof jwt === 'string') return jwt;
  } catch {}
  throw new InputError(
    `${file}: JSON without a "jwt" field; give the .jwt file or the API's answer for one credential`,
  );
}

/** The key set URL a token names in its kid, for the message that asks for it. */
function keySetHint(jwt: string): string {
  try {
    const header = JSON.parse(Buffer.from(jwt.split('.')[0] ?? '', 'base64url').toString('utf8')) as { kid?: unknown };
    return typeof header.kid === 'string' ? ` (the issuer publishes it at ${header.kid.split('#')[0]})` : '';
  } catch {
    return '';
  }
}

const isUrl = (v: string): boolean => /^https?:\/\//i.test(v);

/** A JSON document from a file, or fetched from a URL (the one time the command goes online, when asked to). */
async function document(option: string, value: string): Promise<unknown> {
  if (!isUrl(value)) {
    try {
      return JSON.parse(readText(value));
    } catch (e) {
      throw e instanceof InputError ? e : new InputError(`--${option} ${value}: not valid JSON`);
    }
  }
  const res = await fetch(value).catch((e: Error) => {
    throw new InputError(`--${option} ${value}: ${e.message}`);
  });
  if (!res.ok) throw new InputError(`--${option} ${value}: HTTP ${res.status}`);
  return res.json().catch(() => {
    throw new InputError(`--${option} ${value}: the answer is not JSON`);
  });
}

/** A key set, or a single public JWK taken as a key set of one. */
async function keySet(value: string): Promise<JSONWebKeySet> {
  const doc = (await document('jwks', value)) as { keys?: unknown; kty?: unknown } | null;
  if (Array.isArray(doc?.keys)) return doc as JSONWebKeySet;
  if (typeof doc?.kty === 'string') return { keys: [doc as JWK] };
  throw new InputError(`--jwks ${value}: neither a JSON Web Key Set ({"keys": [...]}) nor a JSON Web Key`);
}

export async function verify({ args: [file], values, flags }: Parsed, { out }: Context): Promise<void> {
  const jwt = compactOf(file!);
  const jwks = values.get('jwks');
  if (!jwks) throw new UsageError(`verify: give the issuer's public key set with --jwks <file|url>${keySetHint(jwt)}`);
  try {
    const { credential, kid } = await verifyCredential(jwt, await keySet(jwks));
    const lines = [`VALID: signature verified with key ${kid}`, ...describeCredential(credential)];
    out(flags.has('json') ? JSON.stringify({ valid: true, kid, credential }, null, 2) : lines.join('\n'));
    const issuer = () => issuerDocumentFrom(values.get('issuer') ?? credential.issuer.id);
    out(await statusLine(credential, values.get('status'), listProofBy(issuer)));
  } catch (e) {
    if (e instanceof CredentialError) throw new InputError(`INVALID: ${file}: ${e.message}`);
    throw e;
  }
}

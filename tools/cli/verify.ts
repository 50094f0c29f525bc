// qualcard verify <credential>: checks each form the file holds (the Data Integrity JSON, the VC-JWT, or both, as the
// API answers for one credential) against the keys its issuer publishes, says who issued what to whom, and with
// --status (the issuer's revocation list, a file or its URL) whether the issuer has revoked it.
// Keys come only from the issuer document (shared/src/credentials/issuer-document.ts), tied to the credential's issuer:
// online (the default) it is fetched from the issuer's own URL, the credential's issuer id; offline, --issuer <file> is
// a copy saved earlier (--save-issuer <file> writes the one fetched), used only if its id is the credential's issuer and
// it lists the key as that issuer's. A bare key set (--jwks) names no controller and is refused.

import { writeFileSync } from 'node:fs';
import { IssuerDocument } from '../../shared/src/credentials/issuer-document';
import { CredentialError } from '../../shared/src/credentials/jwt';
import { describeCredential } from '../../shared/src/credentials/status';
import { type Forms, issuerOf, verifyForms } from '../../shared/src/credentials/verify';
import type { Parsed } from './args';
import { checkOutFile, InputError, readJson, readText, UsageError } from './input';
import { isLearnerRecord, learnerRecordLines } from './learner-record';
import type { Context } from './remote';
import { listProofBy, statusLine } from './status';

/** The forms in the file: a compact JWT, a Data Integrity credential, or the API's JSON for one credential. */
export function formsOf(file: string): Forms {
  const text = readText(file).trim();
  if (!text.startsWith('{')) return { jwt: text };
  let doc: { proof?: unknown; jwt?: unknown; credential?: { proof?: unknown } };
  try {
    doc = JSON.parse(text) as typeof doc;
  } catch {
    throw new InputError(`${file}: not valid JSON`);
  }
  if (doc.proof) return { dataIntegrity: doc as Record<string, unknown> };
  const forms: Forms = {};
  if (doc.credential?.proof) forms.dataIntegrity = doc.credential as Record<string, unknown>;
  if (typeof doc.jwt === 'string') forms.jwt = doc.jwt;
  if (forms.dataIntegrity || forms.jwt) return forms;
  throw new InputError(
    `${file}: JSON with neither a "proof" nor a "jwt"; give the credential (.json or .jwt) or the API's answer for one`,
  );
}

/** Plain http only for a local emulator; an issuer on the network is reached over https. */
const fetchable = (url: string): boolean =>
  /^https:\/\//i.test(url) || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//i.test(url);

/** A JSON document fetched from a URL (the one time the command goes online). */
async function fetchJson(what: string, url: string): Promise<unknown> {
  const res = await fetch(url, { headers: { accept: 'application/json' } }).catch((e: Error) => {
    throw new InputError(`${what} ${url}: ${e.message}`);
  });
  if (!res.ok) throw new InputError(`${what} ${url}: HTTP ${res.status}`);
  return res.json().catch(() => {
    throw new InputError(`${what} ${url}: the answer is not JSON`);
  });
}

function issuerDocument(raw: unknown, from: string): IssuerDocument {
  const doc = IssuerDocument.safeParse(raw);
  if (!doc.success)
    throw new CredentialError(`${from} is not an issuer document (an id with verificationMethod and assertionMethod)`);
  return doc.data;
}

/** The issuer's document: the saved copy given with --issuer (offline), else fetched from the issuer's URL. */
async function issuerDocumentFor(issuerId: string, values: Map<string, string>): Promise<IssuerDocument> {
  const saved = values.get('issuer');
  if (saved) return issuerDocument(readJson(saved), `--issuer ${saved}`);
  if (!fetchable(issuerId))
    throw new CredentialError(`the issuer ${issuerId} is not an https URL: give its saved document with --issuer`);
  const save = values.get('save-issuer');
  if (save) checkOutFile(save);
  const doc = issuerDocument(await fetchJson('issuer', issuerId), issuerId);
  if (save) writeFileSync(save, `${JSON.stringify(doc, null, 2)}\n`);
  return doc;
}

export async function verify({ args: [file], values, flags }: Parsed, { out }: Context): Promise<void> {
  if (values.has('jwks'))
    throw new UsageError(
      'verify: --jwks is refused: a key set names no controller, so nothing ties it to the issuer. Verify online (the issuer document is fetched from the issuer URL), or offline with --issuer <file> saved from it (--save-issuer <file>)',
    );
  try {
    const forms = formsOf(file!);
    const doc = await issuerDocumentFor(issuerOf(forms), values);
    const { credential, checks } = await verifyForms(forms, doc);
    const source = values.get('issuer') ? `the saved issuer document ${values.get('issuer')}` : doc.id;
    const lines = [
      ...checks.map((c) => `VALID: ${c}`),
      `keys:        from ${source}`,
      ...(isLearnerRecord(credential) ? await learnerRecordLines(credential, doc) : describeCredential(credential)),
    ];
    out(flags.has('json') ? JSON.stringify({ valid: true, checks, credential }, null, 2) : lines.join('\n'));
    out(await statusLine(credential, values.get('status'), listProofBy(doc)));
  } catch (e) {
    if (e instanceof CredentialError) throw new InputError(`INVALID: ${file}: ${e.message}`);
    throw e;
  }
}

// Verifying a credential in either form against its issuer's document, the one place keys come from: the Data
// Integrity JSON (eddsa-rdfc-2022, data-integrity.ts) and the VC-JWT (RS256, jwt.ts). The key each form names (the
// proof's verificationMethod, the JWT's kid) is used only if the issuer document ties it to the credential's issuer
// (issuerMethod). Pure: the caller fetches or reads the issuer document.
import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { OpenBadgeCredential } from './build';
import { type CheckStatus, verifyDataIntegrity } from './data-integrity';
import { type IssuerDocument, issuerMethod } from './issuer-document';
import { CredentialError, verifyCredential } from './jwt';

/** The forms a file may hold: the Data Integrity JSON, the compact JWT, or both (the API's answer for one). */
export interface Forms {
  dataIntegrity?: Record<string, unknown>;
  jwt?: string;
}

const idOf = (issuer: unknown): string | undefined =>
  typeof issuer === 'string' ? issuer : ((issuer as { id?: unknown } | undefined)?.id as string | undefined);

function claimedIssuer(forms: Forms): string[] {
  const out: string[] = [];
  if (forms.dataIntegrity) out.push(idOf(forms.dataIntegrity.issuer) ?? '');
  if (forms.jwt) {
    try {
      out.push(idOf(decodeJwt(forms.jwt.trim()).issuer) ?? '');
    } catch {
      throw new CredentialError('not a well-formed signed credential (compact JWS)');
    }
  }
  return out;
}

/** The issuer the credential names (before any check: where to find its document); both forms must name the same. */
export function issuerOf(forms: Forms): string {
  const ids = claimedIssuer(forms);
  if (ids.length === 0) throw new CredentialError('neither a Data Integrity credential nor a JWT');
  if (ids.some((id) => !id)) throw new CredentialError('the credential names no issuer');
  if (new Set(ids).size > 1) throw new CredentialError(`the two forms name different issuers: ${ids.join(', ')}`);
  return ids[0]!;
}

async function verifyJwt(jwt: string, doc: IssuerDocument, issuerId: string) {
  const kid = String(decodeProtectedHeader(jwt.trim()).kid ?? '');
  const method = issuerMethod(doc, issuerId, kid);
  if (method.type !== 'JsonWebKey' || !method.publicKeyJwk)
    throw new CredentialError(`key ${kid} of the issuer is not a JSON Web Key: it cannot verify a JWT`);
  return verifyCredential(jwt, { keys: [{ ...method.publicKeyJwk, kid }] });
}

export interface Verified {
  credential: OpenBadgeCredential;
  /** One line per form checked: which proof, verified with which of the issuer's keys. */
  checks: string[];
}

/** Every form present must verify; CredentialError names the first that does not and why. */
export async function verifyForms(forms: Forms, doc: IssuerDocument, checkStatus?: CheckStatus): Promise<Verified> {
  const issuerId = issuerOf(forms);
  const checks: string[] = [];
  let credential: OpenBadgeCredential | undefined;
  if (forms.dataIntegrity) {
    const { verificationMethod } = await verifyDataIntegrity(forms.dataIntegrity, doc, checkStatus).catch((e) => {
      throw new CredentialError(`Data Integrity proof: ${(e as Error).message}`);
    });
    checks.push(`Data Integrity proof (eddsa-rdfc-2022) verified with key ${verificationMethod}`);
    const { proof: _p, ...rest } = forms.dataIntegrity;
    credential = rest as unknown as OpenBadgeCredential;
  }
  if (forms.jwt) {
    const verified = await verifyJwt(forms.jwt, doc, issuerId).catch((e) => {
      throw new CredentialError(`VC-JWT: ${(e as Error).message}`);
    });
    checks.push(`VC-JWT signature (RS256) verified with key ${verified.kid}`);
    if (credential && credential.id !== verified.credential.id)
      throw new CredentialError(`the two forms are different credentials: ${credential.id}, ${verified.credential.id}`);
    credential ??= verified.credential;
  }
  return { credential: credential!, checks };
}

// The Data Integrity proof (eddsa-rdfc-2022, W3C VC Data Integrity): signing and verifying with the maintained
// libraries (@digitalbazaar/vc, data-integrity, eddsa-rdfc-2022-cryptosuite, ed25519-multikey): no canonicalisation
// or signing written here. The documents the libraries need come only from the bundled contexts and the issuer
// document in hand (contexts.ts): nothing is fetched. Pure computation, no I/O.
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import type { Ed25519KeyPair } from '@digitalbazaar/ed25519-multikey';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { documentLoader, withKeys } from './contexts';
import { type IssuerDocument, issuerMethod } from './issuer-document';
import { CredentialError } from './jwt';

export type { Ed25519KeyPair };

/**
 * Adds an eddsa-rdfc-2022 proof made with `key` (whose id names the verification method) to a copy of `unsigned`.
 * The proof is put in an array: Open Badges 3.0's JSON Schema wants `proof` as one, and a proof set of one verifies
 * the same (the proof signs the document without its `proof`).
 */
export async function addProof(
  unsigned: Record<string, unknown>,
  key: Ed25519KeyPair,
): Promise<Record<string, unknown>> {
  const suite = new DataIntegrityProof({ signer: key.signer(), cryptosuite });
  const signed = await vc.issue({ credential: structuredClone(unsigned), suite, documentLoader });
  return { ...signed, proof: [signed.proof].flat() };
}

/** The credential's proof: the one the verifier checks (Qualcard's credentials carry one). */
function proofOf(credential: Record<string, unknown>): { verificationMethod: string } {
  const proof = credential.proof;
  const p = Array.isArray(proof) ? proof[0] : proof;
  const vm = (p as { verificationMethod?: unknown } | undefined)?.verificationMethod;
  if (typeof vm !== 'string') throw new CredentialError('no Data Integrity proof naming its verification method');
  return { verificationMethod: vm };
}

const issuerIdOf = (credential: Record<string, unknown>): string => {
  const issuer = credential.issuer;
  const id = typeof issuer === 'string' ? issuer : (issuer as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string') throw new CredentialError('the credential names no issuer');
  return id;
};

/** The first reason the library gives, in words. */
function reason(result: vc.VerifyResult): string {
  const errors = [result.error, ...(result.results ?? []).map((r) => r.error)].flatMap((e) =>
    e ? (e.errors?.length ? e.errors : [e]) : [],
  );
  return errors.map((e) => e.message).find(Boolean) ?? 'the proof does not verify';
}

/** What a status check answers (vc's checkStatus); the caller says how it reads the credential's status. */
export type CheckStatus = (o: { credential: Record<string, unknown> }) => Promise<{ verified: boolean }>;

/**
 * The library refuses a credential with a credentialStatus unless given a status check. Without one, only the proof
 * is verified here and the caller checks the status itself (qualcard verify --status): this says so, it checks nothing.
 */
const statusCheckedByCaller: CheckStatus = async () => ({ verified: true });

/**
 * Verifies the credential's Data Integrity proof against the key the issuer document lists (tied to the issuer by
 * issuerMethod first: a document from elsewhere is refused before any signature check). Answers the verification
 * method's id; throws CredentialError with the library's reason otherwise. `checkStatus`: how to read the
 * credential's status; without it the status is not checked here.
 */
export async function verifyDataIntegrity(
  credential: Record<string, unknown>,
  issuer: IssuerDocument,
  checkStatus?: CheckStatus,
): Promise<{ verificationMethod: string }> {
  const { verificationMethod } = proofOf(credential);
  issuerMethod(issuer, issuerIdOf(credential), verificationMethod);
  const result = await vc.verifyCredential({
    credential,
    suite: new DataIntegrityProof({ cryptosuite }),
    documentLoader: withKeys(documentLoader, [issuer]),
    checkStatus: (checkStatus ?? statusCheckedByCaller) as (o: unknown) => Promise<{ verified: boolean }>,
  });
  if (!result.verified) throw new CredentialError(reason(result));
  return { verificationMethod };
}

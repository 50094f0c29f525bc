// The issuer document: what the issuer's URL (the credentials' `issuer.id`, the contract's issuer-profile route)
// answers. It is the Open Badges issuer Profile and, in the same document, the controller document of the issuer's
// keys: every Ed25519 key the sponsor has signed Data Integrity proofs with (Multikey, `<issuer>/keys/<version>`; a rotated key
// stays listed, so what it signed still verifies) and the deployment's RSA key for the VC-JWT form (JsonWebKey, its
// kid). A verifier ties a key to the issuer only through this document: its id is the issuer, the key's controller is
// the issuer, and the issuer lists the key under assertionMethod. Each Ed25519 key is also served alone at its own id,
// `<issuer>/keys/<version>` (no fragment: verifiers such as @digitalcredentials/verifier-core fetch a verification
// method's URL as it is), and the DID context comes first, so such verifiers read assertionMethod without loading the
// other contexts. Pure.
import * as z from 'zod';
import { DID_CONTEXT, MULTIKEY_CONTEXT } from './contexts';
import { CredentialError } from './jwt';
import { OB_CONTEXT, VC_CONTEXT } from './vocabulary';

/** JsonWebKey and publicKeyJwk, inline (as the W3C Controlled Identifiers vocabulary defines them): nothing to fetch. */
export const JWK_TERMS = {
  JsonWebKey: 'https://w3id.org/security#JsonWebKey',
  publicKeyJwk: { '@id': 'https://w3id.org/security#publicKeyJwk', '@type': '@json' },
} as const;
export const ISSUER_CONTEXT = [DID_CONTEXT, VC_CONTEXT, OB_CONTEXT, MULTIKEY_CONTEXT, JWK_TERMS];

export const VerificationMethod = z.looseObject({
  id: z.string().min(1),
  type: z.enum(['Multikey', 'JsonWebKey']),
  controller: z.string().min(1),
  publicKeyMultibase: z.string().optional(),
  publicKeyJwk: z.record(z.string(), z.unknown()).optional(),
});
export type VerificationMethod = z.infer<typeof VerificationMethod>;

export const IssuerDocument = z.object({
  '@context': z.array(z.union([z.string(), z.record(z.string(), z.unknown())])),
  id: z.string().min(1),
  type: z.array(z.string()),
  name: z.string(),
  verificationMethod: z.array(VerificationMethod),
  assertionMethod: z.array(z.string()),
});
export type IssuerDocument = z.infer<typeof IssuerDocument>;

/** The id of a sponsor's Ed25519 key of that version, under the issuer's URL (the issuer-key route serves it). */
export const keyId = (issuerId: string, version: number): string => `${issuerId}/keys/${version}`;

/** A key as served alone at its id: the Multikey document (ed25519-multikey wants its context named). */
export const keyDocument = (method: VerificationMethod) => ({ '@context': MULTIKEY_CONTEXT, ...method });

export interface PublishedKeys {
  /** Every Ed25519 key version, oldest first, with its public key (multibase). */
  multikeys: { version: number; publicKeyMultibase: string }[];
  /** The VC-JWT key: its kid and public JWK. */
  jwt?: { kid: string; publicJwk: Record<string, unknown> };
}

export function issuerDocument(issuer: { id: string; name: string }, keys: PublishedKeys): IssuerDocument {
  const methods: VerificationMethod[] = keys.multikeys.map((k) => ({
    id: keyId(issuer.id, k.version),
    type: 'Multikey',
    controller: issuer.id,
    publicKeyMultibase: k.publicKeyMultibase,
  }));
  if (keys.jwt)
    methods.push({ id: keys.jwt.kid, type: 'JsonWebKey', controller: issuer.id, publicKeyJwk: keys.jwt.publicJwk });
  return {
    '@context': [...ISSUER_CONTEXT],
    id: issuer.id,
    type: ['Profile'],
    name: issuer.name,
    verificationMethod: methods,
    assertionMethod: methods.map((m) => m.id),
  };
}

/**
 * The verification method `methodId` of `issuerId`, from a document said to be that issuer's. Refused (CredentialError)
 * when the document is another's, or the method is not in it, names another controller, or is not listed under
 * assertionMethod: a key set from elsewhere is never taken as the issuer's.
 */
export function issuerMethod(doc: IssuerDocument, issuerId: string, methodId: string): VerificationMethod {
  if (doc.id !== issuerId)
    throw new CredentialError(`the key document is ${doc.id}'s, not the credential issuer's (${issuerId})`);
  const method = doc.verificationMethod.find((m) => m.id === methodId);
  if (!method) throw new CredentialError(`the issuer ${issuerId} publishes no key ${methodId}`);
  if (method.controller !== issuerId)
    throw new CredentialError(`key ${methodId} is controlled by ${method.controller}, not by the issuer ${issuerId}`);
  if (!doc.assertionMethod.includes(methodId))
    throw new CredentialError(`the issuer ${issuerId} does not list key ${methodId} for issuing credentials`);
  return method;
}

// The JSON-LD contexts Qualcard's Data Integrity credentials and issuer documents use, bundled (contexts/*.json):
// nothing is fetched at run time, by the functions (signing), the CLI or the tests (verifying). A document loader
// serves these and nothing else; `withKeys` adds the issuer documents a verifier has already tied to an issuer.
// Pure: no I/O. contexts/README.md names where each copy comes from (test/unit/contexts.test.ts compares them).
import clrV2p0 from './contexts/clr-v2p0-2.0.1.json';
import credentialsV2 from './contexts/credentials-v2.json';
import dataIntegrityV2 from './contexts/data-integrity-v2.json';
import didV1 from './contexts/did-v1.json';
import multikeyV1 from './contexts/multikey-v1.json';
import obV3p0 from './contexts/ob-v3p0-3.0.3.json';
import obExtensions from './contexts/ob-v3p0-extensions.json';
import { OB_CONTEXT, OB_EXTENSIONS_CONTEXT, VC_CONTEXT } from './vocabulary';

export const DID_CONTEXT = 'https://www.w3.org/ns/did/v1';
export const MULTIKEY_CONTEXT = 'https://w3id.org/security/multikey/v1';
export const DATA_INTEGRITY_CONTEXT = 'https://w3id.org/security/data-integrity/v2';

/** Each bundled context by its URL. */
export const CONTEXTS: Readonly<Record<string, unknown>> = Object.freeze({
  [VC_CONTEXT]: credentialsV2,
  [OB_CONTEXT]: obV3p0,
  [OB_EXTENSIONS_CONTEXT]: obExtensions,
  // The learner record's (clr.ts CLR_CONTEXT; the URL is written here to keep this module free of the builder).
  'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json': clrV2p0,
  [DATA_INTEGRITY_CONTEXT]: dataIntegrityV2,
  [MULTIKEY_CONTEXT]: multikeyV1,
  [DID_CONTEXT]: didV1,
});

/** What a jsonld.js document loader answers (the shape @digitalbazaar/vc and jsonld-signatures expect). */
export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: unknown;
}
export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

/** Refused URL: the message names it, so a verifier's error says which document was not available. */
export class NotBundled extends Error {
  constructor(readonly url: string) {
    super(`${url} is neither a bundled JSON-LD context nor a document of the issuer in hand (nothing is fetched)`);
  }
}

const answer = (url: string, document: unknown): RemoteDocument => ({
  contextUrl: null,
  documentUrl: url,
  // A copy: jsonld.js and the suites may annotate what they are given.
  document: structuredClone(document),
});

/** Serves only the bundled contexts; throws NotBundled for anything else. */
export const documentLoader: DocumentLoader = async (url) => {
  const context = CONTEXTS[url];
  if (context === undefined) throw new NotBundled(url);
  return answer(url, context);
};

/** A controller document (an issuer document): its id and the verification methods it lists. */
export interface Controller {
  '@context'?: unknown;
  id: string;
  verificationMethod?: ReadonlyArray<{ id: string } & Record<string, unknown>>;
}

/**
 * `loader`, plus each document of `docs` under its id and each of its verification methods under the method's id
 * (with its document's contexts: a Multikey document names the Multikey context). Later documents do not replace
 * earlier ones.
 */
export function withKeys(loader: DocumentLoader, docs: readonly Controller[]): DocumentLoader {
  const served = new Map<string, unknown>();
  for (const doc of docs) {
    if (!served.has(doc.id)) served.set(doc.id, doc);
    for (const vm of doc.verificationMethod ?? [])
      if (!served.has(vm.id)) served.set(vm.id, { '@context': doc['@context'] ?? MULTIKEY_CONTEXT, ...vm });
  }
  return async (url) => (served.has(url) ? answer(url, served.get(url)) : loader(url));
}

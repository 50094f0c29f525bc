// The Open Badges 3.0 terms Qualcard's credentials use, defined once for the functions (issuing), the CLI
// (verifying) and the tests. Values from the specification (1EdTech Open Badges 3.0, its JSON-LD context 3.0.3).
import { rootOf } from '../api/client/request';
import { pathOf } from '../api/route';
import { issuerJwks, issuerProfile, revocations, statusList } from '../api/routes';

export const VC_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
/** Defines 1EdTechJsonSchemaValidator2019 (credentialSchema's type), as the specification's examples include it. */
export const OB_EXTENSIONS_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json';
export const CREDENTIAL_TYPE = ['VerifiableCredential', 'OpenBadgeCredential'] as const;
/** AchievementType enumeration: "Credential earned through work-based learning and earn-and-learn models". */
export const APPRENTICESHIP_CERTIFICATE = 'ApprenticeshipCertificate';
/** The schema the credential declares (credentialSchema); test/fixtures/ob-v3p0 holds the copy tests validate with. */
export const OB_SCHEMA_ID =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';
export const OB_SCHEMA_TYPE = '1EdTechJsonSchemaValidator2019';
/** 1EdTech Revocation List status method: the issuer publishes the ids of revoked credentials at one URL. */
export const REVOCATION_LIST_TYPE = '1EdTechRevocationList';
/** OB 3.0 §8.2: VC-JWT must support RS256 at least; other algorithms "limit interoperability". */
export const JWT_ALG = 'RS256';

/** The issuer's public documents, all under the function's public URL (the contract's public issuer routes). */
export const issuerUrls = (baseUrl: string, sponsorId: string) => {
  const at = (route: typeof issuerProfile | typeof issuerJwks | typeof revocations) =>
    rootOf(baseUrl) + pathOf(route, { sponsorId });
  const issuer = at(issuerProfile);
  return {
    issuer,
    jwks: at(issuerJwks),
    revocations: at(revocations),
    /** The sponsor's n-th bitstring status list (1, 2, …: a list holds STATUS_LIST_LENGTH credentials). */
    statusList: (n: number) => rootOf(baseUrl) + pathOf(statusList, { sponsorId, listId: String(n) }),
    achievements: `${issuer}/achievements`,
  };
};

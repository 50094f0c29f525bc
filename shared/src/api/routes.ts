// Every route of the HTTP API, once: method, path, who may call it, body, query and answer. The functions' router
// serves exactly these; the add-on, the CLI, the scripts and the tests build their requests from them;
// functions/README.md's endpoint table is generated from them (tools/write-api-table.ts).
import {
  AuditCheckAnswer,
  CohortAnswer,
  ConfirmAnswer,
  ConfirmationAskAnswer,
  ConfirmationAskList,
  CredentialAnswer,
  CredentialListAnswer,
  CredentialSummary,
  DigestAnswer,
  FrameworkListAnswer,
  HealthAnswer,
  IssuerKeyAnswer,
  IssuerProfile,
  JwksAnswer,
  MeAnswer,
  MemberAnswer,
  MemberListAnswer,
  MemberRemovedAnswer,
  MigrationAnswer,
  PublishAnswer,
  RaiseAnswer,
  ResolvedFramework,
  RevocationListAnswer,
  SignOffAnswer,
  SponsorProgressAnswer,
  StatusListAnswer,
  StoredProgress,
  SyncAnswer,
  TranscriptListAnswer,
  TranscriptMeta,
  WithdrawAnswer,
} from './answers';
import { MAX_CONFIRM_BYTES, MAX_FRAMEWORK_BODY_BYTES, MAX_SMALL_BODY_BYTES, MAX_SYNC_BYTES } from './limits';
import {
  CohortQuery,
  CohortReportQuery,
  ConfirmationAsk,
  ConfirmRequest,
  CredentialQuery,
  DigestSettings,
  KeepCredentialRequest,
  MemberRequest,
  MigrationRequest,
  PublishRequest,
  RaiseRequest,
  RevokeRequest,
  SignOffRequest,
  SyncRequest,
  TranscriptRequest,
  WithdrawRequest,
} from './requests';
import { MEMBERS } from './roles';
import { defineRoute } from './route';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const JWT_TYPE = 'application/jwt';
/** A learner record: JSON-LD, as a verifier or wallet reads it. */
export const CLR_FILE_TYPE = 'application/ld+json';

const S = '/v1/sponsors/:sponsorId';
const A = `${S}/apprentices/:apprenticeId` as const;
const F = `${S}/frameworks` as const;
const ok = [200] as const;
const created = [201] as const;
const maybeCreated = [200, 201] as const;
const small = { maxBodyBytes: MAX_SMALL_BODY_BYTES };

export const health = defineRoute({
  name: 'health',
  method: 'GET',
  path: '/v1/health',
  summary: 'the service answers',
  roles: 'public',
  answer: HealthAnswer,
  statuses: ok,
});
export const me = defineRoute({
  name: 'me',
  method: 'GET',
  path: '/v1/me',
  summary: 'who the caller is, and their role in each sponsor',
  roles: 'signed-in',
  answer: MeAnswer,
  statuses: ok,
});
export const putMember = defineRoute({
  name: 'put-member',
  method: 'PUT',
  path: `${S}/members/:email`,
  summary: 'give a person a staff role (admin, coach or consultant) in the sponsor',
  roles: ['admin'],
  body: MemberRequest,
  ...small,
  answer: MemberAnswer,
  statuses: ok,
});
export const listMembers = defineRoute({
  name: 'list-members',
  method: 'GET',
  path: `${S}/members`,
  summary: 'everyone with a role in the sponsor',
  roles: ['admin'],
  answer: MemberListAnswer,
  statuses: ok,
});
export const deleteMember = defineRoute({
  name: 'delete-member',
  method: 'DELETE',
  path: `${S}/members/:email`,
  summary: "remove a person's staff role in the sponsor (never the last admin's; apprentices leave with the roster)",
  roles: ['admin'],
  answer: MemberRemovedAnswer,
  statuses: ok,
});
export const getDigest = defineRoute({
  name: 'get-digest',
  method: 'GET',
  path: `${S}/digest`,
  summary: "the sponsor's weekly digest settings (off when never set)",
  roles: ['admin'],
  answer: DigestAnswer,
  statuses: ok,
});
export const putDigest = defineRoute({
  name: 'put-digest',
  method: 'PUT',
  path: `${S}/digest`,
  summary: "the sponsor's weekly digest settings",
  roles: ['admin'],
  body: DigestSettings,
  ...small,
  answer: DigestAnswer,
  statuses: ok,
});
export const sync = defineRoute({
  name: 'sync',
  method: 'POST',
  path: `${S}/sync`,
  summary: 'what the sheets hold (typed entries); stores them and answers progress per apprentice',
  roles: ['admin', 'coach'],
  access: 'an admin; a coach for their own apprentices',
  body: SyncRequest,
  maxBodyBytes: MAX_SYNC_BYTES,
  answer: SyncAnswer,
  statuses: ok,
  idempotent: true,
});
export const listFrameworks = defineRoute({
  name: 'list-frameworks',
  method: 'GET',
  path: F,
  summary: 'the shipped frameworks and the ones the sponsor published',
  roles: MEMBERS,
  answer: FrameworkListAnswer,
  statuses: ok,
});
export const publishFramework = defineRoute({
  name: 'publish-framework',
  method: 'POST',
  path: F,
  summary: 'publish a framework version (the same content again: 200, created false)',
  roles: ['admin'],
  body: PublishRequest,
  maxBodyBytes: MAX_FRAMEWORK_BODY_BYTES,
  answer: PublishAnswer,
  statuses: maybeCreated,
  idempotent: true,
});
export const getFramework = defineRoute({
  name: 'get-framework',
  method: 'GET',
  path: `${F}/:frameworkId`,
  summary: "a framework's latest version",
  roles: MEMBERS,
  answer: ResolvedFramework,
  statuses: ok,
});
export const getFrameworkVersion = defineRoute({
  name: 'get-framework-version',
  method: 'GET',
  path: `${F}/:frameworkId/versions/:version`,
  summary: 'one version of a framework',
  roles: MEMBERS,
  answer: ResolvedFramework,
  statuses: ok,
});
export const migration = defineRoute({
  name: 'migration',
  method: 'POST',
  path: `${F}/:frameworkId/migrations`,
  summary: 'the diff of moving apprentices to another version; with apply, the move',
  roles: ['admin'],
  body: MigrationRequest,
  ...small,
  answer: MigrationAnswer,
  statuses: ok,
  idempotent: true,
});
export const sponsorProgress = defineRoute({
  name: 'sponsor-progress',
  method: 'GET',
  path: `${S}/progress`,
  summary: 'stored progress of every apprentice the caller may see',
  roles: MEMBERS,
  access: 'filtered: a coach sees their apprentices, an apprentice themselves',
  answer: SponsorProgressAnswer,
  statuses: ok,
});
export const apprenticeProgress = defineRoute({
  name: 'apprentice-progress',
  method: 'GET',
  path: `${A}/progress`,
  summary: "one apprentice's stored progress",
  roles: MEMBERS,
  access: 'admin, consultant, their coach, the apprentice',
  answer: StoredProgress,
  statuses: ok,
});
export const signOffs = defineRoute({
  name: 'sign-offs',
  method: 'POST',
  path: `${A}/sign-offs`,
  summary: 'a coach signs items off for their own apprentice, confirmed as made',
  roles: ['admin', 'coach'],
  access: "the apprentice's coach",
  body: SignOffRequest,
  ...small,
  answer: SignOffAnswer,
  statuses: maybeCreated,
});
export const confirmations = defineRoute({
  name: 'confirmations',
  method: 'POST',
  path: `${A}/confirmations`,
  summary: 'synced entries become entries that count: a coach confirms ticks and hours, an admin the rest or attests',
  roles: ['admin', 'coach'],
  access: 'a coach of the apprentice: sign-offs and hours; admin: the rest, attesting',
  body: ConfirmRequest,
  maxBodyBytes: MAX_CONFIRM_BYTES,
  answer: ConfirmAnswer,
  statuses: maybeCreated,
  idempotent: true,
});
export const withdrawals = defineRoute({
  name: 'withdrawals',
  method: 'POST',
  path: `${A}/withdrawals`,
  summary: 'confirmations made by mistake are withdrawn, with a reason: the entries are pending again',
  roles: ['admin', 'coach'],
  access: 'a coach of the apprentice: their own confirmations; admin: any',
  body: WithdrawRequest,
  maxBodyBytes: MAX_CONFIRM_BYTES,
  answer: WithdrawAnswer,
  statuses: ok,
});
export const askConfirmation = defineRoute({
  name: 'ask-confirmation',
  method: 'POST',
  path: `${A}/confirmation-requests`,
  summary: 'an apprentice asks their coaches to confirm entries of their sheets',
  roles: ['apprentice'],
  access: 'the apprentice themselves',
  body: ConfirmationAsk,
  ...small,
  answer: ConfirmationAskAnswer,
  statuses: created,
});
export const listConfirmationAsks = defineRoute({
  name: 'list-confirmation-requests',
  method: 'GET',
  path: `${S}/confirmation-requests`,
  summary: "apprentices' open requests to confirm entries",
  roles: ['admin', 'coach', 'apprentice'],
  access: 'filtered: a coach sees their apprentices, an apprentice their own',
  answer: ConfirmationAskList,
  statuses: ok,
});
export const raises = defineRoute({
  name: 'raises',
  method: 'POST',
  path: `${A}/raises`,
  summary: 'an admin records a wage raise to a step the apprentice has reached',
  roles: ['admin'],
  body: RaiseRequest,
  ...small,
  answer: RaiseAnswer,
  statuses: created,
});
export const exportTranscript = defineRoute({
  name: 'export-transcript',
  method: 'POST',
  path: `${A}/transcripts`,
  summary: 'export a transcript (.xlsx), stored as a new version',
  roles: ['admin', 'coach', 'consultant'],
  access: 'admin, consultant, their coach',
  body: TranscriptRequest,
  ...small,
  answer: TranscriptMeta,
  statuses: created,
});
export const listTranscripts = defineRoute({
  name: 'list-transcripts',
  method: 'GET',
  path: `${A}/transcripts`,
  summary: "an apprentice's stored transcripts, newest first",
  roles: MEMBERS,
  access: 'as progress',
  answer: TranscriptListAnswer,
  statuses: ok,
});
export const downloadTranscript = defineRoute({
  name: 'download-transcript',
  method: 'GET',
  path: `${A}/transcripts/:transcriptId`,
  summary: 'one stored transcript (.xlsx), checked against its SHA-256',
  roles: MEMBERS,
  access: 'as progress',
  answer: { file: XLSX_TYPE },
  statuses: ok,
});
export const listCredentials = defineRoute({
  name: 'list-credentials',
  method: 'GET',
  path: `${A}/credentials`,
  summary: "an apprentice's credentials, one per completed level",
  roles: MEMBERS,
  access: 'as progress',
  answer: CredentialListAnswer,
  statuses: ok,
});
export const getCredential = defineRoute({
  name: 'get-credential',
  method: 'GET',
  path: `${A}/credentials/:credentialId`,
  summary: 'one credential, with its Data Integrity proof and its JWT (?format=json or ?format=jwt: that file)',
  roles: MEMBERS,
  access: 'as progress',
  query: CredentialQuery,
  answer: CredentialAnswer,
  statuses: ok,
});
export const revokeCredential = defineRoute({
  name: 'revoke-credential',
  method: 'POST',
  path: `${A}/credentials/:credentialId/revoke`,
  summary: 'an admin revokes a credential, with the reason',
  roles: ['admin'],
  body: RevokeRequest,
  ...small,
  answer: CredentialSummary,
  statuses: ok,
});
export const keepCredential = defineRoute({
  name: 'keep-credential',
  method: 'POST',
  path: `${A}/credentials/:credentialId/keep`,
  summary: 'an admin keeps a credential flagged for review, with the reason (clears the flag)',
  roles: ['admin'],
  body: KeepCredentialRequest,
  ...small,
  answer: CredentialSummary,
  statuses: ok,
});
export const issuerProfile = defineRoute({
  name: 'issuer-profile',
  method: 'GET',
  path: '/v1/issuers/:sponsorId',
  summary: "the sponsor's issuer document: Open Badges profile and every public key it has signed with",
  roles: 'public',
  answer: IssuerProfile,
  statuses: ok,
});
export const issuerJwks = defineRoute({
  name: 'issuer-jwks',
  method: 'GET',
  path: '/v1/issuers/:sponsorId/jwks',
  summary: 'the public key set credentials are signed with',
  roles: 'public',
  answer: JwksAnswer,
  statuses: ok,
});
export const issuerKey = defineRoute({
  name: 'issuer-key',
  method: 'GET',
  path: '/v1/issuers/:sponsorId/keys/:version',
  summary: "one of the sponsor's signing keys (a Multikey document), current or earlier",
  roles: 'public',
  answer: IssuerKeyAnswer,
  statuses: ok,
});
export const statusList = defineRoute({
  name: 'status-list',
  method: 'GET',
  path: '/v1/issuers/:sponsorId/status/:listId',
  summary: "the issuer's signed revocation list (BitstringStatusListCredential): bits, no reasons",
  roles: 'public',
  answer: StatusListAnswer,
  statuses: ok,
});
export const revocations = defineRoute({
  name: 'revocations',
  method: 'GET',
  path: '/v1/issuers/:sponsorId/revocations',
  summary: 'the 1EdTech revocation list of credentials issued before the status list (ids only, no reasons)',
  roles: 'public',
  answer: RevocationListAnswer,
  statuses: ok,
});
export const learnerRecord = defineRoute({
  name: 'learner-record',
  method: 'GET',
  path: `${A}/learner-record`,
  summary: "the apprentice's Comprehensive Learner Record (CLR 2.0), signed, as of today; the latest is stored",
  roles: ['admin', 'apprentice'],
  access: 'the apprentice themselves',
  answer: { file: CLR_FILE_TYPE },
  statuses: ok,
});
export const verifyAudit = defineRoute({
  name: 'verify-audit',
  method: 'GET',
  path: `${A}/audit/verify`,
  summary: "recompute an apprentice's audit chain and compare it with its stored head",
  roles: ['admin', 'consultant'],
  answer: AuditCheckAnswer,
  statuses: ok,
});
export const sponsorCohortReport = defineRoute({
  name: 'sponsor-cohort-report',
  method: 'GET',
  path: `${S}/cohort-report`,
  summary: "the sponsor's cohort report (.xlsx, streamed)",
  roles: ['admin', 'consultant', 'coach'],
  access: 'a coach: their own apprentices',
  answer: { file: XLSX_TYPE },
  statuses: ok,
});
export const cohortReport = defineRoute({
  name: 'cohort-report',
  method: 'GET',
  path: '/v1/cohort-report',
  summary: 'the cohort report of some sponsors, or of every one the caller serves (.xlsx, streamed)',
  roles: ['admin', 'consultant', 'coach'],
  access: 'admin or consultant of each sponsor asked; a coach: their own apprentices',
  query: CohortReportQuery,
  answer: { file: XLSX_TYPE },
  statuses: ok,
});
export const cohort = defineRoute({
  name: 'cohort',
  method: 'GET',
  path: '/v1/cohort',
  summary: 'the cohort as JSON, a page at a time (next: the pageToken of the following page)',
  roles: ['admin', 'consultant', 'coach'],
  access: 'as the cohort report',
  query: CohortQuery,
  answer: CohortAnswer,
  statuses: ok,
});

/** Every route, in the order of the endpoint table. */
export const ROUTES = [
  health,
  me,
  listMembers,
  putMember,
  deleteMember,
  getDigest,
  putDigest,
  sync,
  listFrameworks,
  publishFramework,
  getFramework,
  getFrameworkVersion,
  migration,
  sponsorProgress,
  apprenticeProgress,
  signOffs,
  confirmations,
  withdrawals,
  askConfirmation,
  listConfirmationAsks,
  raises,
  exportTranscript,
  listTranscripts,
  downloadTranscript,
  listCredentials,
  getCredential,
  revokeCredential,
  keepCredential,
  issuerProfile,
  issuerJwks,
  issuerKey,
  statusList,
  revocations,
  learnerRecord,
  verifyAudit,
  sponsorCohortReport,
  cohortReport,
  cohort,
] as const;

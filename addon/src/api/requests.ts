// The add-on's requests to the Qualcard functions, built from the routes of the contract (shared/src/api/routes.ts):
// plain data (pure, testable). ./client.ts sends them with UrlFetchApp and the user's identity token.
import { ID_PATTERN, ID_RULE } from '@qualcard/shared';
import { type ApiRequest, requestFor } from '@qualcard/shared/api/client/request';
import { EmulatorUrl, FunctionsUrl, firstIssue } from '@qualcard/shared/api/endpoint';
import type { Proof as ProofSchema } from '@qualcard/shared/api/requests';
import type { AnswerOf, BodyOf } from '@qualcard/shared/api/route';
import * as api from '@qualcard/shared/api/routes';
import type { SyncBody } from '@qualcard/shared/sheets';
import type * as z from 'zod';

export {
  ApiError,
  type ApiRequest,
  type FileAnswer as FileResponse,
  fileNameOf,
  parseAnswer as parseResponse,
} from '@qualcard/shared/api/client/request';

export interface Endpoint {
  baseUrl: string;
  sponsorId: string;
}

export type ConfirmBody = BodyOf<typeof api.confirmations>;
export type MigrationBody = BodyOf<typeof api.migration>;
export type RaiseBody = BodyOf<typeof api.raises>;
export type Proof = z.input<typeof ProofSchema>;
export type SyncResponse = AnswerOf<typeof api.sync>;
export type SyncedApprentice = SyncResponse['apprentices'][number];
export type SignOffResponse = AnswerOf<typeof api.signOffs>;
export type ConfirmResponse = AnswerOf<typeof api.confirmations>;
export type ConfirmLists = ConfirmResponse['confirmed'];
export type WithdrawBody = BodyOf<typeof api.withdrawals>;
export type WithdrawResponse = AnswerOf<typeof api.withdrawals>;
export type RaiseResponse = AnswerOf<typeof api.raises>;
export type PublishResponse = AnswerOf<typeof api.publishFramework>;
export type MigrationResponse = AnswerOf<typeof api.migration>;
export type MeResponse = AnswerOf<typeof api.me>;
export type TranscriptMeta = AnswerOf<typeof api.exportTranscript>;
export type MemberList = AnswerOf<typeof api.listMembers>;
export type DigestResponse = AnswerOf<typeof api.getDigest>;
export type DigestBody = BodyOf<typeof api.putDigest>;
export type AskBody = BodyOf<typeof api.askConfirmation>;
export type AskResponse = AnswerOf<typeof api.askConfirmation>;
export type AskList = AnswerOf<typeof api.listConfirmationAsks>;
export type ApprenticeProgressResponse = AnswerOf<typeof api.apprenticeProgress>;

const sponsor = (e: Endpoint) => ({ sponsorId: e.sponsorId });
const apprentice = (e: Endpoint, apprenticeId: string) => ({ sponsorId: e.sponsorId, apprenticeId });

export const syncRequest = (e: Endpoint, body: SyncBody): ApiRequest =>
  requestFor(e.baseUrl, api.sync, { params: sponsor(e), body });
export const progressRequest = (e: Endpoint): ApiRequest =>
  requestFor(e.baseUrl, api.sponsorProgress, { params: sponsor(e) });
/** Who the service says the caller is, and their role in each sponsor. */
export const meRequest = (e: Pick<Endpoint, 'baseUrl'> & Partial<Endpoint>): ApiRequest =>
  requestFor(e.baseUrl, api.me, { params: {} });
export const signOffRequest = (e: Endpoint, apprenticeId: string, itemIds: string[], date?: string): ApiRequest =>
  requestFor(e.baseUrl, api.signOffs, {
    params: apprentice(e, apprenticeId),
    body: { itemIds, ...(date ? { date } : {}) },
  });
/**
 * Confirms entries the service already holds (sync first). Sent again when the answer is lost: an entry confirmed
 * by the first send comes back as `already`, never confirmed twice.
 */
export const confirmRequest = (e: Endpoint, apprenticeId: string, body: ConfirmBody): ApiRequest =>
  requestFor(e.baseUrl, api.confirmations, { params: apprentice(e, apprenticeId), body });
/** Withdraws confirmations made by mistake, with the reason (a coach: their own; an admin: any). */
export const withdrawRequest = (e: Endpoint, apprenticeId: string, body: WithdrawBody): ApiRequest =>
  requestFor(e.baseUrl, api.withdrawals, { params: apprentice(e, apprenticeId), body });
/** An admin keeps a credential flagged for review, with the reason (clears the flag). */
export const keepRequest = (e: Endpoint, apprenticeId: string, credentialId: string, reason: string): ApiRequest =>
  requestFor(e.baseUrl, api.keepCredential, {
    params: { ...apprentice(e, apprenticeId), credentialId },
    body: { reason },
  });
/** An admin records a wage raise (step, effective date); the service refuses a step not reached (409). */
export const raiseRequest = (e: Endpoint, apprenticeId: string, body: RaiseBody): ApiRequest =>
  requestFor(e.baseUrl, api.raises, { params: apprentice(e, apprenticeId), body });
export const transcriptRequest = (e: Endpoint, apprenticeId: string, asOf?: string): ApiRequest =>
  requestFor(e.baseUrl, api.exportTranscript, { params: apprentice(e, apprenticeId), body: asOf ? { asOf } : {} });
export const downloadRequest = (e: Endpoint, apprenticeId: string, transcriptId: string): ApiRequest =>
  requestFor(e.baseUrl, api.downloadTranscript, { params: { ...apprentice(e, apprenticeId), transcriptId } });
/** The apprentice's signed learner record (CLR 2.0), as a JSON-LD file. */
export const learnerRecordRequest = (e: Endpoint, apprenticeId: string): ApiRequest =>
  requestFor(e.baseUrl, api.learnerRecord, { params: apprentice(e, apprenticeId) });
/** An apprentice's credentials (one per completed level), then each one with its compact JWT. */
export const credentialsRequest = (e: Endpoint, apprenticeId: string): ApiRequest =>
  requestFor(e.baseUrl, api.listCredentials, { params: apprentice(e, apprenticeId) });
export const credentialRequest = (e: Endpoint, apprenticeId: string, credentialId: string): ApiRequest =>
  requestFor(e.baseUrl, api.getCredential, { params: { ...apprentice(e, apprenticeId), credentialId } });
/** Publishes a framework version; the same content again is answered 200, created: false. */
export const publishFrameworkRequest = (e: Endpoint, framework: unknown): ApiRequest =>
  requestFor(e.baseUrl, api.publishFramework, {
    params: sponsor(e),
    body: { framework } as BodyOf<typeof api.publishFramework>,
  });
/** The diff of moving apprentices to a version; with `apply`, the move (sent again, the moved ones are not listed). */
export const migrationRequest = (e: Endpoint, frameworkId: string, body: MigrationBody): ApiRequest =>
  requestFor(e.baseUrl, api.migration, { params: { ...sponsor(e), frameworkId }, body });

// The sponsor's members and digest (an admin's).
export const membersRequest = (e: Endpoint): ApiRequest =>
  requestFor(e.baseUrl, api.listMembers, { params: sponsor(e) });
export const putMemberRequest = (e: Endpoint, email: string, role: 'admin' | 'coach' | 'consultant'): ApiRequest =>
  requestFor(e.baseUrl, api.putMember, { params: { ...sponsor(e), email }, body: { role } });
export const deleteMemberRequest = (e: Endpoint, email: string): ApiRequest =>
  requestFor(e.baseUrl, api.deleteMember, { params: { ...sponsor(e), email } });
export const digestRequest = (e: Endpoint): ApiRequest => requestFor(e.baseUrl, api.getDigest, { params: sponsor(e) });
export const putDigestRequest = (e: Endpoint, body: DigestBody): ApiRequest =>
  requestFor(e.baseUrl, api.putDigest, { params: sponsor(e), body });
/** An admin revokes a credential, with the reason (published on the revocation list). */
export const revokeRequest = (e: Endpoint, apprenticeId: string, credentialId: string, reason: string): ApiRequest =>
  requestFor(e.baseUrl, api.revokeCredential, {
    params: { ...apprentice(e, apprenticeId), credentialId },
    body: { reason },
  });

// An apprentice's own: their progress and their requests to their coaches.
export const apprenticeProgressRequest = (e: Endpoint, apprenticeId: string): ApiRequest =>
  requestFor(e.baseUrl, api.apprenticeProgress, { params: apprentice(e, apprenticeId) });
export const askRequest = (e: Endpoint, apprenticeId: string, body: AskBody): ApiRequest =>
  requestFor(e.baseUrl, api.askConfirmation, { params: apprentice(e, apprenticeId), body });
/** Open requests: a coach's apprentices', an apprentice's own, or all for an admin. */
export const asksRequest = (e: Endpoint): ApiRequest =>
  requestFor(e.baseUrl, api.listConfirmationAsks, { params: sponsor(e) });

// The consultant's requests: across sponsors, so by the functions' URL alone.
/** One page of the cohort as JSON (every sponsor where the caller is admin or consultant when no ids are given). */
export const cohortRequest = (baseUrl: string, sponsorIds: string[], pageToken?: string): ApiRequest =>
  requestFor(baseUrl, api.cohort, {
    params: {},
    query: { sponsorId: sponsorIds, ...(pageToken ? { pageToken } : {}) },
  });
/** The Excel cohort report for some sponsors, or every one the caller serves when none is given. */
export const cohortReportRequest = (baseUrl: string, sponsorIds: string[]): ApiRequest =>
  requestFor(baseUrl, api.cohortReport, { params: {}, query: { sponsorId: sponsorIds } });

/** An endpoint is the functions' https URL (shared/src/api/endpoint.ts; http only for a local emulator) and a sponsor id. */
export function checkEndpoint(e: Partial<Endpoint>): string[] {
  const errors = checkBaseUrl(e.baseUrl);
  if (!e.sponsorId || !ID_PATTERN.test(e.sponsorId)) errors.push(`sponsor id: ${ID_RULE}`);
  return errors;
}

/** The functions' URL alone (a consultant's spreadsheet has no sponsor of its own). */
export function checkBaseUrl(baseUrl: string | undefined): string[] {
  const url = FunctionsUrl.safeParse(baseUrl ?? '');
  if (url.success || EmulatorUrl.safeParse(baseUrl).success) return [];
  return [`endpoint: ${baseUrl ? firstIssue(url) : 'an https:// URL of the Qualcard functions'}`];
}

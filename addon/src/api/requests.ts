// Requests to the Qualcard functions as plain data (pure, testable), and their responses parsed with a
// clear error. The UrlFetchApp adapter in ./client.ts sends them with the user's identity token.

import {
  ID_PATTERN,
  ID_RULE,
  type MigrationDiff,
  type ProgressSummary,
  type RowConfirmations,
  type WageStatus,
} from '@qualcard/shared';
import type { SyncBody } from '@qualcard/shared/sheets';
import { EmulatorUrl, FunctionsUrl, firstIssue } from './endpoint';
import { apiErrorOf, platformErrorMessage } from './platform-error';

export interface ApiRequest {
  method: 'get' | 'post';
  url: string;
  body?: unknown;
  /** Expect bytes (a transcript download) rather than JSON. */
  binary?: boolean;
  /** A POST the server replays when it is sent again (it carries an idempotency key): safe to retry. */
  idempotent?: true;
}
export interface Endpoint {
  baseUrl: string;
  sponsorId: string;
}

const seg = (s: string): string => encodeURIComponent(s);
const base = (e: Endpoint): string => `${e.baseUrl.replace(/\/+$/, '')}/v1/sponsors/${seg(e.sponsorId)}`;

export const syncRequest = (e: Endpoint, body: SyncBody): ApiRequest => ({
  method: 'post',
  url: `${base(e)}/sync`,
  body,
  idempotent: true,
});
export const progressRequest = (e: Endpoint): ApiRequest => ({ method: 'get', url: `${base(e)}/progress` });
/** Who the service says the caller is, and their role in each sponsor. */
export const meRequest = (e: Endpoint): ApiRequest => ({
  method: 'get',
  url: `${e.baseUrl.replace(/\/+$/, '')}/v1/me`,
});
export const signOffRequest = (e: Endpoint, apprenticeId: string, itemIds: string[], date?: string): ApiRequest => ({
  method: 'post',
  url: `${base(e)}/apprentices/${seg(apprenticeId)}/sign-offs`,
  body: { itemIds, ...(date ? { date } : {}) },
});
/**
 * Confirms entries the service already holds (sync first). Sent again when the answer is lost: an entry confirmed
 * by the first send comes back as `already`, never confirmed twice.
 */
export const confirmRequest = (e: Endpoint, apprenticeId: string, body: ConfirmBody): ApiRequest => ({
  method: 'post',
  url: `${base(e)}/apprentices/${seg(apprenticeId)}/confirmations`,
  body,
  idempotent: true,
});
/** An admin records a wage raise (step, effective date); the service refuses a step not reached (409). */
export const raiseRequest = (e: Endpoint, apprenticeId: string, body: RaiseBody): ApiRequest => ({
  method: 'post',
  url: `${base(e)}/apprentices/${seg(apprenticeId)}/raises`,
  body,
});
export interface RaiseBody {
  step: number;
  effectiveDate: string;
  note?: string;
}
export interface RaiseResponse {
  apprenticeId: string;
  raise: RaiseBody & { by: string; at: string };
  wage: WageStatus | null;
}
export const transcriptRequest = (e: Endpoint, apprenticeId: string, asOf?: string): ApiRequest => ({
  method: 'post',
  url: `${base(e)}/apprentices/${seg(apprenticeId)}/transcripts`,
  body: asOf ? { asOf } : {},
});
export const downloadRequest = (e: Endpoint, apprenticeId: string, transcriptId: string): ApiRequest => ({
  method: 'get',
  url: `${base(e)}/apprentices/${seg(apprenticeId)}/transcripts/${seg(transcriptId)}`,
  binary: true,
});
/** An apprentice's credentials (one per completed level), then each one with its compact JWT. */
export const credentialsRequest = (e: Endpoint, apprenticeId: string): ApiRequest => ({
  method: 'get',
  url: `${base(e)}/apprentices/${seg(apprenticeId)}/credentials`,
});
export const credentialRequest = (e: Endpoint, apprenticeId: string, credentialId: string): ApiRequest => ({
  method: 'get',
  url: `${base(e)}/apprentices/${seg(apprenticeId)}/credentials/${seg(credentialId)}`,
});

/** Publishes a framework version (POST .../frameworks); the same content again is answered 200, created: false. */
export const publishFrameworkRequest = (e: Endpoint, framework: unknown): ApiRequest => ({
  method: 'post',
  url: `${base(e)}/frameworks`,
  body: { framework },
  idempotent: true,
});
/** The diff of moving apprentices to a version; with `apply`, the move (sent again, the moved ones are not listed). */
export const migrationRequest = (e: Endpoint, frameworkId: string, body: MigrationBody): ApiRequest => ({
  method: 'post',
  url: `${base(e)}/frameworks/${seg(frameworkId)}/migrations`,
  body,
  idempotent: true,
});

export interface PublishResponse {
  frameworkId: string;
  version: string;
  created: boolean;
}
/** The body of POST .../frameworks/:id/migrations (functions/src/schemas.ts MigrationRequest). */
export interface MigrationBody {
  toVersion: string;
  apprenticeIds?: string[];
  apply?: boolean;
}
export interface MigrationResponse {
  fromVersions: string[];
  toVersion: string;
  applied: boolean;
  apprentices: MigrationDiff[];
}

export interface MeResponse {
  email: string;
  sponsors: Record<string, { role: string; apprenticeId?: string }>;
}

/** One apprentice of a sync's answer; a replayed sync may lack progress or confirmations (null). */
export interface SyncedApprentice {
  apprenticeId: string;
  changes?: unknown;
  progress: ProgressSummary | null;
  confirmations: RowConfirmations | null;
}
export interface SyncResponse {
  sponsorId: string;
  asOf: string;
  /** The sponsor's time zone the service used (its "today" for confirmations). */
  timeZone: string;
  replayed: boolean;
  apprentices: SyncedApprentice[];
}
export interface SignOffResponse {
  apprenticeId: string;
  signed: string[];
  alreadySigned: string[];
  coachEmail: string;
  signedAt: string;
  /** The sign-off's day in the sponsor's time zone: what the sheet shows (not signedAt's UTC day). */
  date: string;
  progress: ProgressSummary;
  confirmations: RowConfirmations;
}

/** An exam or certification result an admin records, with what proves it (e.g. a certificate number). */
export interface Proof {
  id: string;
  date?: string;
  evidence: string;
}
/** The body of POST .../confirmations (functions/src/schemas.ts ConfirmRequest). */
export interface ConfirmBody {
  signOffs?: string[];
  hours?: string[];
  priorCredit?: string[];
  exams?: Proof[];
  certifications?: Proof[];
  attest?: { reason: string; evidence?: string };
}
export type ConfirmLists = Record<'signOffs' | 'hours' | 'priorCredit' | 'exams' | 'certifications', string[]>;
export interface ConfirmResponse {
  apprenticeId: string;
  confirmed: ConfirmLists;
  already: ConfirmLists;
  progress: ProgressSummary;
  confirmations: RowConfirmations;
}
export interface TranscriptMeta {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  version: number;
}

export class ApiError extends Error {
  /** status 0: no HTTP answer (the service could not be reached). attempts: how many sends it took to give up. */
  constructor(
    readonly status: number,
    message: string,
    readonly attempts = 1,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Turns a response into data, or an ApiError whose message a person can act on (never an HTML page). */
export function parseResponse<T>(status: number, text: string): T {
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    json = undefined;
  }
  if (status >= 200 && status < 300) {
    if (json === undefined)
      throw new ApiError(
        status,
        `HTTP ${status} from the server is not JSON, so not the Qualcard API: check the endpoint URL`,
      );
    return json as T;
  }
  const error = apiErrorOf(json);
  if (!error) throw new ApiError(status, platformErrorMessage(status));
  const hint =
    status === 401
      ? ' (sign in again, or ask the sponsor to add you)'
      : status === 403
        ? ' (your account has no access to this)'
        : status === 429
          ? ' (the service is busy: try again in a minute)'
          : '';
  const requestId = error.requestId ? ` [request ${error.requestId}]` : '';
  throw new ApiError(status, `Qualcard service error ${status}: ${error.message}${hint}${requestId}`);
}

/** An endpoint is the functions' https URL (./endpoint.ts; http only for a local emulator) and a sponsor id. */
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

// The consultant's requests: across sponsors, so by the functions' URL alone.
/** The functions' root URL, without a trailing slash. */
const root = (baseUrl: string): string => baseUrl.replace(/\/+$/, '');
const sponsorQuery = (sponsorIds: string[]): string[] => sponsorIds.map((sid) => `sponsorId=${seg(sid)}`);
const query = (parts: string[]): string => (parts.length ? `?${parts.join('&')}` : '');

/** One page of the cohort as JSON (every sponsor where the caller is admin or consultant when no ids are given). */
export const cohortRequest = (baseUrl: string, sponsorIds: string[], pageToken?: string): ApiRequest => ({
  method: 'get',
  url: `${root(baseUrl)}/v1/cohort${query([...sponsorQuery(sponsorIds), ...(pageToken ? [`pageToken=${seg(pageToken)}`] : [])])}`,
});
/** The Excel cohort report for some sponsors, or every one the caller serves when none is given. */
export const cohortReportRequest = (baseUrl: string, sponsorIds: string[]): ApiRequest => ({
  method: 'get',
  url: `${root(baseUrl)}/v1/cohort-report${query(sponsorQuery(sponsorIds))}`,
  binary: true,
});

/** A downloaded file (bytes as base64), as the client returns it for a `binary` request. */
export interface FileResponse {
  base64: string;
  contentType: string;
  bytes: number;
  /** From Content-Disposition, when the server names the file. */
  fileName?: string;
}
/** The file name in a Content-Disposition header (`attachment; filename="x.xlsx"`). */
export function fileNameOf(disposition: string | undefined): string | undefined {
  const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition ?? '');
  return m ? decodeURIComponent(m[1]!) : undefined;
}

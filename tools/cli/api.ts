// The CLI's way to the Qualcard API (deployed, or the emulators): the URL, the caller's Google ID token, and errors a
// person can act on. Requests are built from the routes of the contract and sent by the shared client core's Node
// transport (shared/src/api/client/fetch.ts), the one the demo, the benchmarks and the tests use.
import { execFileSync } from 'node:child_process';
import * as z from 'zod';
import { fetchAnswer, type RawAnswer } from '../../shared/src/api/client/fetch';
import { networkReason } from '../../shared/src/api/client/network';
import { apiErrorOf, errorLine, platformErrorMessage } from '../../shared/src/api/client/platform-error';
import { ApiError, type CallOf, requestFor } from '../../shared/src/api/client/request';
import { RETRY_POLICY, type RetryPolicy } from '../../shared/src/api/client/retry';
import { EmulatorUrl, FunctionsUrl, firstIssue } from '../../shared/src/api/endpoint';
import type { AnyRoute } from '../../shared/src/api/route';
import { InputError } from './input';

/** A refused or failed request, or no answer: printed without a stack trace, exit 1. */
export class ApiFailure extends Error {}

export const API_ENV = 'QUALCARD_API';
export const TOKEN_ENV = 'QUALCARD_ID_TOKEN';
export const TIMEOUT_ENV = 'QUALCARD_TIMEOUT';
/** Seconds a request may wait for its answer by default (a cohort report of a large sponsor takes a while). */
export const DEFAULT_TIMEOUT_S = 120;

const EMULATOR_EXAMPLE = 'http://127.0.0.1:5001/demo-qualcard/us-central1/api';

/** The functions' URL: https as the add-on's set-up accepts it, or http on this machine for the emulators. */
export const ApiUrl = z.string().superRefine((s, ctx) => {
  if (EmulatorUrl.safeParse(s).success) return;
  const https = FunctionsUrl.safeParse(s);
  if (!https.success)
    ctx.addIssue({ code: 'custom', message: `${firstIssue(https)}; for the emulators ${EMULATOR_EXAMPLE}` });
});

/** A JWT's shape (header.payload.signature, base64url): catches a pasted command or a truncated token. */
const IdToken = z.string().regex(/^[\w-]+\.[\w-]+\.[\w-]+$/, 'not an ID token (three base64url parts joined by ".")');

export interface Api {
  url: string;
  token: string;
  timeoutMs: number;
}

/** QUALCARD_TIMEOUT (seconds), else the default. */
export function timeoutMs(env: NodeJS.ProcessEnv): number {
  const value = env[TIMEOUT_ENV]?.trim();
  if (!value) return DEFAULT_TIMEOUT_S * 1000;
  const parsed = z.coerce.number().positive().max(3600).safeParse(value);
  if (!parsed.success)
    throw new InputError(`${TIMEOUT_ENV}=${value}: a number of seconds, more than 0 and at most 3600`);
  return parsed.data * 1000;
}

export function apiUrl(option: string | undefined, env: NodeJS.ProcessEnv): string {
  const value = option ?? env[API_ENV];
  const from = option === undefined ? API_ENV : '--api';
  if (!value)
    throw new InputError(`no API URL: give --api <url> or set ${API_ENV} (for the emulators ${EMULATOR_EXAMPLE})`);
  const parsed = ApiUrl.safeParse(value.trim());
  if (!parsed.success) throw new InputError(`${from} ${value}: ${firstIssue(parsed)}`);
  return parsed.data.replace(/\/+$/, '');
}

const HOW_TO_SET = `set ${TOKEN_ENV} to a Google ID token, or install the Google Cloud CLI and run gcloud auth login`;

/** The caller's Google ID token: QUALCARD_ID_TOKEN, else what `gcloud auth print-identity-token` prints. */
export function idToken(env: NodeJS.ProcessEnv): string {
  const given = env[TOKEN_ENV]?.trim();
  const token = given || gcloudToken(env);
  const parsed = IdToken.safeParse(token);
  if (!parsed.success)
    throw new InputError(`${given ? TOKEN_ENV : 'gcloud auth print-identity-token'}: ${firstIssue(parsed)}`);
  return parsed.data;
}

function gcloudToken(env: NodeJS.ProcessEnv): string {
  try {
    return execFileSync('gcloud', ['auth', 'print-identity-token'], {
      encoding: 'utf8',
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    }).trim();
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT') throw new InputError(`no ID token: gcloud is not installed; ${HOW_TO_SET}`);
    const said = String(err.stderr ?? '')
      .split('\n')
      .map((l) => l.trim())
      .find(Boolean);
    throw new InputError(`gcloud auth print-identity-token failed${said ? ` (${said})` : ''}; ${HOW_TO_SET}`);
  }
}

/** An answer as it came, with its body: the parsed JSON when it says it is JSON (else the text). */
export interface Answer extends RawAnswer {
  body: unknown;
}

/** A body labelled JSON that is not (a proxy's page): kept as text, and reported by its status alone. */
function bodyOf(raw: RawAnswer): unknown {
  const text = raw.bytes.toString('utf8');
  if (!(raw.headers.get('content-type') ?? '').includes('json')) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The server's own words for a refusal: its JSON error message, or what the status means for anything else. */
const serverSays = (res: Answer): string => apiErrorOf(res.body)?.message ?? platformErrorMessage(res.status);

/** One line for an error answer; `sponsors` are the sponsors the request was about (named on a 403). */
export function failureMessage(res: Answer, sponsors: string[]): string {
  if (res.status === 401)
    return `the API refused the token (401): ${serverSays(res)}; set ${TOKEN_ENV} or run gcloud auth login`;
  if (res.status === 403) {
    const about = sponsors.length ? ` for sponsor ${sponsors.join(', ')}` : '';
    return `access refused${about} (403): ${serverSays(res)}`;
  }
  return errorLine(res.status, res.body);
}

/**
 * One send per request, idempotent or not: a person at the terminal sees a failure (and its reason) at once and runs
 * the command again, rather than waiting through backoff.
 */
export const CLI_POLICY: RetryPolicy = { ...RETRY_POLICY, maxAttempts: 1 };

export interface Check {
  /** The sponsors the request is about, named in a 403. */
  sponsors?: string[];
  /** Statuses the caller reads itself instead of failing (e.g. 409 for publish). */
  accept?: number[];
}

/** Sends one call of a route of the contract; an error answer (other than `accept`ed ones) is an ApiFailure. */
export async function request<R extends AnyRoute>(api: Api, route: R, call: CallOf<R>, check: Check = {}) {
  let raw: RawAnswer;
  try {
    raw = await fetchAnswer(requestFor(api.url, route, call), api.token, {
      policy: CLI_POLICY,
      timeoutMs: api.timeoutMs,
    });
  } catch (e) {
    throw new ApiFailure(`cannot reach ${api.url}: ${networkReason(e instanceof ApiError ? e.thrown : e)}`);
  }
  const res: Answer = { ...raw, body: bodyOf(raw) };
  if (res.status < 400 || check.accept?.includes(res.status)) return res;
  throw new ApiFailure(failureMessage(res, check.sponsors ?? []));
}

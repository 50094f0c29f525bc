// When to send a request again, and after how long (pure: no Apps Script, no Node). ./exchange.ts is the loop that
// asks; the transports (./urlfetch.ts, ./fetch.ts) send and wait.
//
// Only idempotent requests are retried: GETs, and the sync POST, whose idempotency key makes the server replay it.
// A sign-off or a transcript export is sent once: a lost answer must not sign twice or write a second transcript.
import { networkReason } from './network';
import { ApiError, type ApiRequest } from './request';

export interface RetryPolicy {
  /** Sends in all, the first included. */
  maxAttempts: number;
  /** Backoff before the 2nd send; doubled before each next one, up to maxDelayMs; then jittered to 50–100 %. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the caller gets the error at once. */
  maxRetryAfterMs: number;
  /** No send starts later than this after the first one (an Apps Script execution has 6 minutes in all). */
  maxElapsedMs: number;
}
export const RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 1000,
  maxDelayMs: 8000,
  maxRetryAfterMs: 30_000,
  maxElapsedMs: 90_000,
};

/** What one send ended with: an HTTP answer, or an exception (no answer: DNS, connection, timeout). */
export type Outcome = { status: number; headers?: Record<string, unknown> } | { thrown: unknown };

export interface RetryContext {
  /** Sends made so far (1 after the first). */
  attempt: number;
  /** Milliseconds since the first send started. */
  elapsedMs: number;
  /** Clock for an HTTP-date Retry-After (ms since the epoch). */
  nowMs: number;
  /** In [0, 1): the jitter. */
  random: number;
}
export type RetryDecision = { retry: true; delayMs: number } | { retry: false; why: string };

export const isIdempotent = (req: ApiRequest): boolean => req.method === 'GET' || req.idempotent === true;

/** 429 Too Many Requests and server errors; not 501/505, which say the request itself is not supported. */
export const isRetryableStatus = (status: number): boolean =>
  status === 429 || (status >= 500 && status <= 599 && status !== 501 && status !== 505);

/** An exception from the fetch is a network failure unless it says the script may not fetch that URL at all. */
export const isRetryableException = (e: unknown): boolean =>
  !/permission|not allowed|allowlist|whitelist|invalid argument|authori[sz]|too many times/i.test(
    e instanceof Error ? e.message : String(e),
  );

/** Retry-After as delay-seconds or an HTTP-date, in ms from now; undefined when absent or unreadable. */
export function retryAfterMs(headers: Record<string, unknown> | undefined, nowMs: number): number | undefined {
  const value = (header(headers, 'Retry-After') ?? '').trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** A response header by name, whatever its case (the first value when the header came several times). */
export function header(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  const key = Object.keys(headers ?? {}).find((k) => k.toLowerCase() === name.toLowerCase());
  const raw = key === undefined ? undefined : headers![key];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value === undefined || value === null ? undefined : String(value);
}

/** Exponential backoff with jitter: before send n+1, 50–100 % of min(maxDelayMs, baseDelayMs·2^(n-1)). */
export function backoffMs(attempt: number, random: number, policy: RetryPolicy = RETRY_POLICY): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(cap / 2 + (random * cap) / 2);
}

export function decideRetry(
  req: ApiRequest,
  outcome: Outcome,
  ctx: RetryContext,
  policy: RetryPolicy = RETRY_POLICY,
): RetryDecision {
  if ('status' in outcome && !isRetryableStatus(outcome.status)) return { retry: false, why: 'final answer' };
  if ('thrown' in outcome && !isRetryableException(outcome.thrown))
    return { retry: false, why: 'the request cannot be sent' };
  if (!isIdempotent(req)) return { retry: false, why: 'not idempotent: sent once' };
  if (ctx.attempt >= policy.maxAttempts) return { retry: false, why: `gave up after ${ctx.attempt} attempts` };
  const asked = 'status' in outcome ? retryAfterMs(outcome.headers, ctx.nowMs) : undefined;
  if (asked !== undefined && asked > policy.maxRetryAfterMs)
    return { retry: false, why: `the service asked to wait ${Math.ceil(asked / 1000)} s` };
  const delayMs = asked ?? backoffMs(ctx.attempt, ctx.random, policy);
  if (ctx.elapsedMs + delayMs > policy.maxElapsedMs)
    return { retry: false, why: `gave up after ${ctx.attempt} attempts in ${Math.round(ctx.elapsedMs / 1000)} s` };
  return { retry: true, delayMs };
}

/**
 * What to add to the last error when the request was not answered at once: why no further send was made (nothing
 * for a policy of one send, which gives up after the first by design).
 */
export const giveUpNote = (why: string, attempt: number): string =>
  /^the service asked/.test(why) || (attempt > 1 && /^gave up/.test(why))
    ? why
    : attempt > 1
      ? `after ${attempt} attempts`
      : '';

/** No HTTP answer at all: an ApiError with status 0 and what the fetch said. */
export function unreachable(req: ApiRequest, thrown: unknown, attempt: number, note: string): ApiError {
  const host = /^\w+:\/\/([^/?#]+)/.exec(req.url)?.[1] ?? req.url;
  const why = networkReason(thrown);
  return new ApiError(
    0,
    `could not reach the Qualcard service at ${host}: ${why}${note ? `; ${note}` : ''}`,
    attempt,
    thrown,
  );
}

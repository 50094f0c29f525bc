// Retries of the add-on's requests: the pure decision (addon/src/api/retry.ts), the UrlFetchApp adapter
// (addon/src/api/client.ts) against the fake services, and the Node sender used by the emulator tests.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { send } from '../../addon/src/api/client';
import {
  ApiError,
  downloadRequest,
  progressRequest,
  signOffRequest,
  syncRequest,
  transcriptRequest,
} from '../../addon/src/api/requests';
import {
  type FakeAppsScript,
  type FetchHandler,
  installFakeAppsScript,
} from '../../addon/test-support/fake-apps-script';
import { sendWithFetch } from '../../addon/test-support/node-send';
import {
  backoffMs,
  decideRetry,
  isIdempotent,
  isRetryableException,
  isRetryableStatus,
  RETRY_POLICY,
  retryAfterMs,
} from '../../shared/src/api/client/retry';

const e = { baseUrl: 'https://us-central1-demo.cloudfunctions.net/api', sponsorId: 'acme' };
const sync = () => syncRequest(e, { idempotencyKey: 'sync-0001', records: [] });
const ok = { status: 200, body: '{"ok":true}' };
const error = (status: number, message = 'busy', headers?: Record<string, string>) => ({
  status,
  body: JSON.stringify({ error: { message } }),
  ...(headers ? { headers } : {}),
});
/** A fetch handler answering with each response in turn (a function throws, as UrlFetchApp does with no answer). */
function script(...answers: (ReturnType<FetchHandler> | (() => never))[]): FetchHandler {
  let i = 0;
  return () => {
    const a = answers[Math.min(i++, answers.length - 1)]!;
    return typeof a === 'function' ? a() : a;
  };
}
/** The page the functions framework answers with when it refuses a body, as the emulator serves it (with a stack). */
const platformPage = (status: number, error: string) => ({
  status,
  body: `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>${error}<br> &nbsp; &nbsp;at JSON.parse (&lt;anonymous&gt;)<br> &nbsp; &nbsp;at parse (/work/app/node_modules/body-parser/lib/types/json.js:96:19)</pre>\n</body>\n</html>\n`,
  headers: { 'Content-Type': 'text/html; charset=utf-8' },
});
const dnsFailure = (): never => {
  throw new Error('Address unavailable: https://us-central1-demo.cloudfunctions.net/api/v1/sponsors/acme/sync');
};
const caught = (f: () => unknown): ApiError => {
  try {
    f();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
};

describe('the decision (pure)', () => {
  const ctx = { attempt: 1, elapsedMs: 0, nowMs: Date.parse('2026-06-01T12:00:00Z'), random: 0.5 };

  test('idempotent: GETs and the sync POST (idempotency key); not sign-off or transcript export', () => {
    expect(isIdempotent(sync())).toBe(true);
    expect(isIdempotent(progressRequest(e))).toBe(true);
    expect(isIdempotent(downloadRequest(e, 'ann', 't1'))).toBe(true);
    expect(isIdempotent(signOffRequest(e, 'ann', ['HD1.1.1']))).toBe(false);
    expect(isIdempotent(transcriptRequest(e, 'ann'))).toBe(false);
  });

  test('retryable: 429 and 5xx (not 501/505) and network exceptions; not a URL the script may not fetch', () => {
    expect([429, 500, 502, 503, 504, 599].every(isRetryableStatus)).toBe(true);
    expect([200, 400, 401, 403, 404, 409, 413, 501, 505].some(isRetryableStatus)).toBe(false);
    expect(isRetryableException(new Error('Address unavailable: https://x.example/'))).toBe(true);
    expect(isRetryableException(new Error('Timeout: https://x.example/'))).toBe(true);
    expect(isRetryableException(new Error('Exception: You do not have permission to call UrlFetchApp.fetch'))).toBe(
      false,
    );
    expect(isRetryableException(new Error('Service invoked too many times for one day: urlfetch.'))).toBe(false);
  });

  test('exponential backoff with jitter: 50-100 % of 1, 2, 4 s, capped at 8 s', () => {
    expect([1, 2, 3].map((n) => backoffMs(n, 0))).toEqual([500, 1000, 2000]);
    expect([1, 2, 3].map((n) => backoffMs(n, 0.999_999))).toEqual([1000, 2000, 4000]);
    expect(backoffMs(10, 0.999_999)).toBe(RETRY_POLICY.maxDelayMs);
    // Whatever the jitter, the waits of one request add up to at most 7 s (3 waits for 4 attempts).
    expect([1, 2, 3].reduce((t, n) => t + backoffMs(n, 0.999_999), 0)).toBe(7000);
    expect(RETRY_POLICY.maxAttempts).toBe(4);
  });

  test('Retry-After: delay-seconds or an HTTP-date, any header case; unreadable falls back to backoff', () => {
    expect(retryAfterMs({ 'Retry-After': '7' }, ctx.nowMs)).toBe(7000);
    expect(retryAfterMs({ 'retry-after': ['3', '9'] }, ctx.nowMs)).toBe(3000);
    expect(retryAfterMs({ 'Retry-After': 'Mon, 01 Jun 2026 12:00:05 GMT' }, ctx.nowMs)).toBe(5000);
    expect(retryAfterMs({ 'Retry-After': 'soon' }, ctx.nowMs)).toBeUndefined();
    expect(retryAfterMs({}, ctx.nowMs)).toBeUndefined();
    expect(decideRetry(sync(), { status: 429, headers: { 'Retry-After': '12' } }, ctx)).toEqual({
      retry: true,
      delayMs: 12_000,
    });
    expect(decideRetry(sync(), { status: 503, headers: { 'Retry-After': 'soon' } }, ctx)).toEqual({
      retry: true,
      delayMs: 750,
    });
    expect(decideRetry(sync(), { status: 429, headers: { 'Retry-After': '120' } }, ctx)).toEqual({
      retry: false,
      why: 'the service asked to wait 120 s',
    });
  });

  test('bounded: no 5th attempt, and no attempt starting more than 90 s after the first', () => {
    expect(decideRetry(sync(), { status: 503 }, { ...ctx, attempt: 3 })).toEqual({ retry: true, delayMs: 3000 });
    expect(decideRetry(sync(), { status: 503 }, { ...ctx, attempt: 4 })).toEqual({
      retry: false,
      why: 'gave up after 4 attempts',
    });
    expect(decideRetry(sync(), { status: 503 }, { ...ctx, attempt: 2, elapsedMs: 89_000 })).toMatchObject({
      retry: false,
    });
    expect(RETRY_POLICY.maxElapsedMs).toBeLessThan((6 * 60_000) / 3);
  });
});

describe('UrlFetchApp adapter with Utilities.sleep (fake services)', () => {
  let fake: FakeAppsScript;
  beforeEach(() => {
    fake = installFakeAppsScript();
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    fake.uninstall();
  });

  test('a sync answered 429 is sent again, same body and idempotency key, and then succeeds', () => {
    fake.onFetch(script(error(429), ok));
    expect(send(sync())).toEqual({ ok: true });
    expect(fake.fetches).toHaveLength(2);
    expect(fake.sleeps).toEqual([750]);
    expect(fake.fetches[1]!.params).toEqual(fake.fetches[0]!.params);
    expect(JSON.parse(String(fake.fetches[1]!.params.payload))).toMatchObject({ idempotencyKey: 'sync-0001' });
  });

  test('a progress read answered 503 is read again and then succeeds', () => {
    fake.onFetch(script(error(503), error(503), ok));
    expect(send(progressRequest(e))).toEqual({ ok: true });
    expect(fake.sleeps).toEqual([750, 1500]);
  });

  test('Retry-After is honoured instead of the backoff', () => {
    fake.onFetch(script(error(429, 'slow down', { 'Retry-After': '7' }), error(503, 'x', { 'retry-after': '2' }), ok));
    expect(send(sync())).toEqual({ ok: true });
    expect(fake.sleeps).toEqual([7000, 2000]);
  });

  test('a Retry-After past 30 s is not waited for: the error says how long the service asked', () => {
    fake.onFetch(script(error(429, 'quota', { 'Retry-After': '600' })));
    const err = caught(() => send(sync()));
    expect(fake.fetches).toHaveLength(1);
    expect(fake.sleeps).toEqual([]);
    expect(err.message).toBe(
      'Qualcard service error 429: quota (the service is busy: try again in a minute); the service asked to wait 600 s',
    );
  });

  test('gives up after 4 attempts, with the last error and how many attempts it took', () => {
    fake.onFetch(script(error(503, 'first'), error(502, 'second'), error(500, 'third'), error(503, 'overloaded')));
    const err = caught(() => send(sync()));
    expect(fake.fetches).toHaveLength(4);
    expect(fake.sleeps).toEqual([750, 1500, 3000]);
    expect(err.status).toBe(503);
    expect(err.attempts).toBe(4);
    expect(err.message).toBe('Qualcard service error 503: overloaded; gave up after 4 attempts');
  });

  test('a network exception is retried; if it persists the error says the service could not be reached', () => {
    fake.onFetch(script(dnsFailure, ok));
    expect(send(progressRequest(e))).toEqual({ ok: true });
    fake.fetches.length = 0;
    fake.onFetch(script(dnsFailure));
    const err = caught(() => send(sync()));
    expect(fake.fetches).toHaveLength(4);
    expect(err.status).toBe(0);
    expect(err.message).toMatch(
      /^could not reach the Qualcard service at us-central1-demo\.cloudfunctions\.net: Address unavailable: .*; gave up after 4 attempts$/,
    );
  });

  test('a transcript download (GET, bytes) answered 502 is fetched again', () => {
    fake.onFetch(
      script(error(502), {
        status: 200,
        body: new Uint8Array([1, 2, 3]),
        headers: { 'content-type': 'application/x' },
      }),
    );
    expect(send(downloadRequest(e, 'ann', 't1'))).toEqual({ base64: 'AQID', contentType: 'application/x', bytes: 3 });
    expect(fake.fetches).toHaveLength(2);
  });

  test.each([400, 401, 403, 404, 409, 413])('no retry on %i: one send, the error at once', (status) => {
    fake.onFetch(script(error(status, 'no')));
    const err = caught(() => send(sync()));
    expect(err.status).toBe(status);
    expect(err.attempts).toBe(1);
    expect(err.message).toMatch(new RegExp(`^Qualcard service error ${status}: no`));
    expect(fake.fetches).toHaveLength(1);
    expect(fake.sleeps).toEqual([]);
  });

  test.each([
    ['sign-off', signOffRequest(e, 'ann', ['HD1.1.1'])],
    ['transcript export', transcriptRequest(e, 'ann')],
  ])('a %s POST is sent once, even on 503, 429 or a network exception', (_name, req) => {
    for (const answer of [error(503), error(429, 'busy', { 'Retry-After': '1' }), dnsFailure]) {
      fake.fetches.length = 0;
      fake.onFetch(script(answer, ok));
      const err = caught(() => send(req));
      expect(err.attempts).toBe(1);
      expect(err.message).not.toMatch(/attempts/);
      expect(fake.fetches).toHaveLength(1);
    }
    expect(fake.sleeps).toEqual([]);
  });

  test.each([
    [
      400,
      'SyntaxError: Unexpected end of JSON input',
      'the request body was refused before reaching Qualcard: invalid JSON',
    ],
    [
      413,
      'PayloadTooLargeError: request entity too large',
      'the request body was refused before reaching Qualcard: the body is too large',
    ],
  ])('a %i HTML page from the platform is reported by its status, never quoted', (status, page, why) => {
    fake.onFetch(script(platformPage(status, page)));
    const err = caught(() => send(sync()));
    expect(err.status).toBe(status);
    expect(err.message).toBe(`HTTP ${status} from the server (not the API's JSON error; ${why})`);
    expect(err.message).not.toMatch(/<|node_modules|Error:|\//);
    expect(fake.fetches).toHaveLength(1);
  });

  test('a 502 page from the front end is retried, then reported without its HTML', () => {
    fake.onFetch(script(platformPage(502, 'Bad Gateway')));
    const err = caught(() => send(progressRequest(e)));
    expect(fake.fetches).toHaveLength(4);
    expect(err.message).toBe(
      "HTTP 502 from the server (not the API's JSON error; the Qualcard service did not answer itself: unavailable, overloaded or timed out, try again later); gave up after 4 attempts",
    );
  });

  test("the API's 503 (database busy) is retried after its Retry-After; its request id is in a final error", () => {
    const busy = {
      status: 503,
      body: JSON.stringify({
        error: {
          status: 503,
          code: 'unavailable',
          message: 'the database is busy (ABORTED)',
          retryable: true,
          requestId: 'r-9',
        },
      }),
      headers: { 'Retry-After': '5' },
    };
    fake.onFetch(script(busy, ok));
    expect(send(sync())).toEqual({ ok: true });
    expect(fake.sleeps).toEqual([5000]);
    fake.onFetch(script(busy));
    expect(caught(() => send(signOffRequest(e, 'ann', ['HD1.1.1']))).message).toBe(
      'Qualcard service error 503: the database is busy (ABORTED) [request r-9]',
    );
  });

  test('a URL the script may not fetch is not retried', () => {
    fake.onFetch(() => {
      throw new Error('Exception: You do not have permission to call UrlFetchApp.fetch');
    });
    expect(caught(() => send(progressRequest(e))).message).toMatch(/could not reach .*permission/);
    expect(fake.fetches).toHaveLength(1);
  });
});

describe('the Node sender (emulator tests) makes the same decisions', () => {
  let server: Server;
  let answers: number[];
  let seen: string[];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      const status = answers.shift() ?? 200;
      if (status === 400) {
        // What the functions framework answers to a body it cannot parse: an HTML page, in the emulator with a stack.
        res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
        res.end(
          '<pre>SyntaxError: Unexpected end of JSON input<br> at parse (/srv/node_modules/body-parser/lib/types/json.js)</pre>',
        );
        return;
      }
      res.writeHead(status, { 'content-type': 'application/json', 'retry-after': '0' });
      res.end(status === 200 ? '{"ok":true}' : '{"error":{"message":"later"}}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    seen = [];
  });
  const local = () => ({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sponsorId: 'acme' });

  test('sync retried on 503 (Retry-After: 0) until it succeeds; sign-off sent once', async () => {
    answers = [503, 429];
    await expect(
      sendWithFetch(syncRequest(local(), { idempotencyKey: 'sync-0001', records: [] }), 'token'),
    ).resolves.toEqual({ ok: true });
    expect(seen).toEqual(Array(3).fill('POST /v1/sponsors/acme/sync'));
    answers = [503];
    seen = [];
    const err = await sendWithFetch(signOffRequest(local(), 'ann', ['x']), 'token').catch((x: unknown) => x);
    expect((err as ApiError).status).toBe(503);
    expect(seen).toHaveLength(1);
  });

  test('an HTML error page is reported as the add-on reports it, never quoted', async () => {
    answers = [400];
    const err = await sendWithFetch(signOffRequest(local(), 'ann', ['x']), 'token').catch((x: unknown) => x);
    expect((err as ApiError).message).toBe(
      "HTTP 400 from the server (not the API's JSON error; the request body was refused before reaching Qualcard: invalid JSON)",
    );
  });
});

// The shared client core's Node transport (shared/src/api/client/fetch.ts) against a local server: the whole answer
// is read within the time limit between bytes, a cut answer is a network failure (retried when idempotent), and a
// failure says why in words. The CLI's messages built on it: test/unit/cli-api.test.ts.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchAnswer, sendWithFetch } from '../../shared/src/api/client/fetch';
import { networkReason, TimeoutError } from '../../shared/src/api/client/network';
import { ApiError, type ApiRequest } from '../../shared/src/api/client/request';
import { RETRY_POLICY } from '../../shared/src/api/client/retry';

type Handler = (res: ServerResponse, n: number) => void;
let handler: Handler;
let sends = 0;
const server = createServer((_req, res) => handler(res, ++sends));
let url: string;

beforeAll(async () => {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/health`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((done) => server.close(() => done()));
});
beforeEach(() => {
  sends = 0;
});

const get = (): ApiRequest => ({ method: 'GET', url, route: 'health' });
const fast = { ...RETRY_POLICY, baseDelayMs: 10, maxDelayMs: 20 };
/** Headers and the first bytes, then nothing: the body never ends. */
const stall: Handler = (res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{"ok":');
};

test('an answer that stops half-way is no answer within the time limit, whatever came before', async () => {
  handler = stall;
  const err = await fetchAnswer(get(), 't', { timeoutMs: 300, policy: { ...fast, maxAttempts: 1 } }).catch((e) => e);
  expect(err).toBeInstanceOf(ApiError);
  expect(err.status).toBe(0);
  expect(err.thrown).toBeInstanceOf(TimeoutError);
  expect(err.message).toMatch(/^could not reach the Qualcard service at 127\.0\.0\.1:\d+: no answer within 0 s$/);
});

test('a slow answer whose bytes keep coming is read whole: the limit is between bytes, not on the total', async () => {
  handler = (res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const parts = ['{"ok":', 'true,', '"service":"qualcard",', '"version":1}'];
    const next = () => {
      const part = parts.shift();
      if (part === undefined) return void res.end();
      res.write(part);
      setTimeout(next, 150);
    };
    next();
  };
  const answer = await sendWithFetch<unknown>(get(), 't', { timeoutMs: 400 });
  expect(answer).toEqual({ ok: true, service: 'qualcard', version: 1 });
});

test('a cut answer to a GET is sent again; the second, whole, is the answer', async () => {
  handler = (res, n) => (n === 1 ? stall(res, n) : res.writeHead(200).end('{"ok":true}'));
  expect(await sendWithFetch(get(), 't', { timeoutMs: 300, policy: fast })).toEqual({ ok: true });
  expect(sends).toBe(2);
});

test('a POST that is not idempotent is sent once, even when its answer is cut', async () => {
  handler = stall;
  const post: ApiRequest = { method: 'POST', url, route: 'sign-offs', body: {} };
  await expect(sendWithFetch(post, 't', { timeoutMs: 300, policy: fast })).rejects.toThrow(/no answer within/);
  expect(sends).toBe(1);
});

test('network failures in words: refused, unknown host, and any other error as it says', () => {
  const fetchFailed = (cause: object) => Object.assign(new TypeError('fetch failed'), { cause });
  expect(networkReason(fetchFailed(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })))).toBe(
    'connection refused (nothing listens at that address and port)',
  );
  expect(networkReason(fetchFailed({ code: 'ENOTFOUND', hostname: 'q.invalid', message: 'getaddrinfo' }))).toBe(
    'no such host q.invalid (DNS)',
  );
  expect(networkReason(new Error('Address unavailable: https://x'))).toBe('Address unavailable: https://x');
  expect(networkReason(new TimeoutError(120_000))).toBe('no answer within 120 s');
});

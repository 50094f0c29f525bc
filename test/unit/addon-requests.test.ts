// The sync client's pure half: requests to the functions' routes, and responses turned into clear errors.
import {
  ApiError,
  checkEndpoint,
  confirmRequest,
  downloadRequest,
  meRequest,
  parseResponse,
  progressRequest,
  signOffRequest,
  syncRequest,
  transcriptRequest,
} from '../../addon/src/api/requests';
import { rosterRow, smallFramework } from '../../addon/test-support/fixtures';
import { clone, sign } from '../../addon/test-support/grid';
import { buildSyncBody, planApprentice } from '../../shared/src/sheets';

const e = { baseUrl: 'https://us-central1-demo.cloudfunctions.net/api/', sponsorId: 'acme' };

test('routes under /v1/sponsors/:sponsorId, ids encoded', () => {
  expect(progressRequest(e)).toEqual({
    method: 'GET',
    route: 'sponsor-progress',
    url: 'https://us-central1-demo.cloudfunctions.net/api/v1/sponsors/acme/progress',
  });
  expect(signOffRequest(e, 'A 1/2', ['HD1.1.1'], '2026-04-01')).toEqual({
    method: 'POST',
    route: 'sign-offs',
    url: 'https://us-central1-demo.cloudfunctions.net/api/v1/sponsors/acme/apprentices/A%201%2F2/sign-offs',
    body: { itemIds: ['HD1.1.1'], date: '2026-04-01' },
  });
  expect(transcriptRequest(e, 'A1').url).toBe(
    'https://us-central1-demo.cloudfunctions.net/api/v1/sponsors/acme/apprentices/A1/transcripts',
  );
  expect(downloadRequest(e, 'A1', 't-9')).toMatchObject({
    method: 'GET',
    binary: true,
    url: 'https://us-central1-demo.cloudfunctions.net/api/v1/sponsors/acme/apprentices/A1/transcripts/t-9',
  });
});

test('the sync request carries the SheetRecord built from sheet values (typed cells only) and the time zone', () => {
  const roster = rosterRow();
  const plans = planApprentice(smallFramework(), roster);
  const qual = clone(plans.qualCard.cells);
  sign(qual, 'item:HD1.1.1');
  const built = buildSyncBody(
    [
      {
        roster,
        qualCard: { name: plans.qualCard.name, grid: qual },
        hours: { name: plans.hours.name, grid: plans.hours.cells },
      },
    ],
    { idempotencyKey: 'sync-0001', asOf: '2026-06-01', timeZone: 'America/Chicago', sponsorId: 'acme' },
  );
  if (!built.ok) throw new Error('expected a body');
  const req = syncRequest(e, built.body);
  expect(req.url).toBe('https://us-central1-demo.cloudfunctions.net/api/v1/sponsors/acme/sync');
  expect(req.body).toEqual({
    idempotencyKey: 'sync-0001',
    asOf: '2026-06-01',
    timeZone: 'America/Chicago',
    records: [
      {
        schemaVersion: 1,
        sponsorId: 'acme',
        apprentice: roster.apprentice,
        signOffs: [{ itemId: 'HD1.1.1', date: '2026-02-01', coachEmail: 'coach@example.com' }],
        hours: [],
        priorCredit: [],
        exams: [],
        certifications: [],
      },
    ],
  });
  expect(buildSyncBody([], { idempotencyKey: 'sync-0002' })).toEqual({
    ok: false,
    errors: [{ sheet: 'Roster', message: 'no apprentices to sync' }],
  });
});

test('responses: data on 2xx, the service message and a hint otherwise', () => {
  expect(parseResponse<{ ok: boolean }>(200, '{"ok":true}')).toEqual({ ok: true });
  expect(() => parseResponse(401, '{"error":{"message":"send a Google ID token"}}')).toThrow(
    'Qualcard service error 401: send a Google ID token (sign in again, or ask the sponsor to add you)',
  );
  expect(() => parseResponse(502, '<html>Bad gateway</html>')).toThrow(ApiError);
  expect(() => parseResponse(200, '<html>')).toThrow(/not JSON/);
  expect(() => parseResponse(500, '{"error":{"status":500,"message":"internal error","requestId":"abc"}}')).toThrow(
    'Qualcard service error 500: internal error [request abc]',
  );
});

test('an error answer that is not the API JSON error is described by its status: never its HTML, stack or paths', () => {
  const page = (pre: string) =>
    `<!DOCTYPE html>\n<html lang="en"><head><title>Error</title></head><body><pre>${pre}<br> &nbsp;at read (/work/x/node_modules/body-parser/lib/read.js:57:17)</pre></body></html>`;
  const message = (status: number, text: string) => {
    try {
      parseResponse(status, text);
    } catch (e) {
      return (e as ApiError).message;
    }
    return 'no error';
  };
  const refused = (status: number, why: string) =>
    `HTTP ${status} from the server (not the API's JSON error; the request body was refused before reaching Qualcard: ${why})`;
  const cases: [number, string, string][] = [
    [400, page('SyntaxError: Unexpected end of JSON input'), refused(400, 'invalid JSON')],
    [400, page('Bad Request'), refused(400, 'invalid JSON')],
    [413, page('PayloadTooLargeError: request entity too large'), refused(413, 'the body is too large')],
    [
      415,
      page('UnsupportedMediaTypeError: unsupported charset "BOGUS"'),
      refused(415, 'unsupported character set or content encoding'),
    ],
    [
      404,
      'Function us-central1-apx does not exist, valid functions are: us-central1-api',
      "HTTP 404 from the server (not the API's JSON error; there is no Qualcard API at this address: check the endpoint URL)",
    ],
    [
      503,
      '<html><body>Service Unavailable</body></html>',
      "HTTP 503 from the server (not the API's JSON error; the Qualcard service did not answer itself: unavailable, overloaded or timed out, try again later)",
    ],
    [
      401,
      '{"message":"not ours"}',
      "HTTP 401 from the server (not the API's JSON error; the platform refused the request before it reached Qualcard)",
    ],
  ];
  for (const [status, text, expected] of cases) expect(message(status, text)).toBe(expected);
  expect(message(200, page('x'))).toBe(
    'HTTP 200 from the server is not JSON, so not the Qualcard API: check the endpoint URL',
  );
});

test('endpoint check: https (http only for a local emulator) and a sponsor id', () => {
  expect(checkEndpoint(e)).toEqual([]);
  expect(checkEndpoint({ baseUrl: 'http://127.0.0.1:5001/demo/us-central1/api', sponsorId: 'acme' })).toEqual([]);
  expect(checkEndpoint({ baseUrl: 'http://example.com', sponsorId: 'a b' })).toHaveLength(2);
  expect(checkEndpoint({ baseUrl: 'https://REGION-PROJECT.cloudfunctions.net/', sponsorId: 'acme' })).toHaveLength(1);
});

test('confirmations: one request per apprentice; GET /v1/me at the service root', () => {
  expect(confirmRequest(e, 'A 1', { signOffs: ['HD1.1.1'], hours: ['h-1'] })).toEqual({
    method: 'POST',
    route: 'confirmations',
    url: 'https://us-central1-demo.cloudfunctions.net/api/v1/sponsors/acme/apprentices/A%201/confirmations',
    body: { signOffs: ['HD1.1.1'], hours: ['h-1'] },
    idempotent: true,
  });
  expect(meRequest(e)).toEqual({
    method: 'GET',
    route: 'me',
    url: 'https://us-central1-demo.cloudfunctions.net/api/v1/me',
  });
});

test('the sync POST (idempotency key) and confirmations (confirming twice confirms nothing twice) are retried; the other POSTs are sent once', () => {
  expect(syncRequest(e, { idempotencyKey: 'sync-0001', records: [] }).idempotent).toBe(true);
  expect(confirmRequest(e, 'A1', { hours: ['h-1'] }).idempotent).toBe(true);
  expect(signOffRequest(e, 'A1', ['HD1.1.1']).idempotent).toBeUndefined();
  expect(transcriptRequest(e, 'A1').idempotent).toBeUndefined();
});

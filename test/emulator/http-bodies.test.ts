// Request bodies through the real stack: which reach the Qualcard handler, and which the platform answers itself.
//
// The functions runtime (the emulator's, like the functions framework on Cloud Run) reads and parses the body before
// the function runs, whenever the request has a Content-Type: JSON, text, forms, and anything else as bytes. A body it
// cannot parse is answered by Express's default error page, an HTML 4xx (with the stack trace in the emulator), and
// the function never runs. The evidence is the X-Request-Id header: the request log sets it before anything else in
// every answer of ours and writes one log line per request; the platform's answers have neither.

import type { TranscriptMeta } from '@qualcard/shared/api/answers';
import { MAX_SMALL_BODY_BYTES } from '@qualcard/shared/api/limits';
import * as api from '@qualcard/shared/api/routes';
import { ApiError, parseResponse } from '../../addon/src/api/requests';
import { ADMIN, acme, allDocuments, ann, call, raw, scenario, seedOnce } from './kit';

// The bytes are what these tests are about: sent raw, to the path as a string.
const T = '/v1/sponsors/acme/apprentices/ann/transcripts';
const AS_OF = '2026-01-01';
const JSON_TYPE = { 'content-type': 'application/json' };

const fixture = seedOnce(() => scenario(acme({ apprentices: [ann({ signed: 3 })] })));

/** Sends a transcript export as the admin with a raw body; checks that nothing was written. */
async function refusedExport(headers: Record<string, string>, rawBody: string | Buffer) {
  const before = await allDocuments();
  const res = await raw('POST', T, { as: ADMIN, headers, rawBody });
  expect(await allDocuments()).toEqual(before);
  return res;
}

describe('a transcript request body must be JSON', () => {
  const body = JSON.stringify({ asOf: AS_OF });
  const expected = 'send the request body as JSON with "Content-Type: application/json"';

  test('with no Content-Type it is a 415 from the handler, not an export as of today', async () => {
    const res = await refusedExport({}, body);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    expect(res.status).toBe(415);
    expect(res.error).toMatchObject({
      code: 'unsupported-media-type',
      message: `${expected} (it came with no Content-Type)`,
    });
  });

  test.each(['text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream'])(
    'sent as %s it is a 415 naming the expected type',
    async (type) => {
      const res = await refusedExport({ 'content-type': type }, body);
      expect({ status: res.status, message: res.error.message }).toEqual({
        status: 415,
        message: `${expected} (it came as "${type}")`,
      });
    },
  );

  // Just over the route's limit, small enough to be sent whole before any answer: the handler answers 413 once it has
  // read the body. (33 MiB, and even 1 MiB, made the emulator's proxy crash now and then with "write EPIPE" when the
  // answer came first, taking every later test down with it.)
  test('a body with no Content-Type is not read by the platform: the handler reads it and answers 413', async () => {
    const res = await refusedExport({}, Buffer.alloc(MAX_SMALL_BODY_BYTES + 1, 0x20));
    expect(res.headers.get('x-request-id')).toBeTruthy();
    expect(res.status).toBe(413);
    // The handler read the unread body to its end before answering: the connection was not reset.
    expect((await call(api.health, {})).status).toBe(200);
  });

  test('as application/json it is read; with no body at all the export is as of today', async () => {
    fixture.changes();
    const res = await raw<TranscriptMeta>('POST', T, { as: ADMIN, headers: JSON_TYPE, rawBody: body });
    expect({ status: res.status, asOf: res.body.asOf }).toEqual({ status: 201, asOf: AS_OF });
    const empty = await raw<TranscriptMeta>('POST', T, { as: ADMIN });
    expect({ status: empty.status, asOf: empty.body.asOf }).toEqual({
      status: 201,
      asOf: new Date().toISOString().slice(0, 10),
    });
  });
});

describe('bodies the platform refuses before the Qualcard handler runs (not our JSON errors)', () => {
  const cases: [string, Record<string, string>, string | Buffer, number, string][] = [
    ['invalid JSON', JSON_TYPE, '{"asOf": "2026', 400, 'invalid JSON'],
    ['JSON that is not an object or array', JSON_TYPE, 'null', 400, 'invalid JSON'],
    ['a corrupt gzip body', { ...JSON_TYPE, 'content-encoding': 'gzip' }, '{"asOf":1}', 400, 'invalid JSON'],
    // Not sent here: a JSON body over the platform's 32 MB limit, which the runtime refuses (413) before reading it
    // whole; the emulator's proxy, still writing it, then crashes now and then ("write EPIPE") and every later test
    // fails. functions/README.md documents the limit; our own limits are tested in limits.test.ts.
    [
      'a form with over 1,000 fields',
      { 'content-type': 'application/x-www-form-urlencoded' },
      Array.from({ length: 1001 }, (_, i) => `f${i}=1`).join('&'),
      413,
      'the body is too large',
    ],
    [
      'an unknown charset',
      { 'content-type': 'text/plain; charset=bogus' },
      'x',
      415,
      'unsupported character set or content encoding',
    ],
    [
      'an unknown content encoding',
      { ...JSON_TYPE, 'content-encoding': 'br' },
      '{}',
      415,
      'unsupported character set or content encoding',
    ],
  ];

  test.each(cases)('%s', async (_name, headers, rawBody, status, why) => {
    const res = await refusedExport(headers, rawBody);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('x-request-id')).toBeNull(); // the handler never ran
    // The add-on reports it by its status, without the page (which here holds a stack trace).
    expect(String(res.body)).toMatch(/<pre>\w*Error: .*&nbsp;at /s);
    const err = (() => {
      try {
        parseResponse(res.status, String(res.body));
      } catch (e) {
        return e as ApiError;
      }
    })();
    expect(err).toBeInstanceOf(ApiError);
    expect(err!.message).toBe(
      `HTTP ${status} from the server (not the API's JSON error; the request body was refused before reaching Qualcard: ${why})`,
    );
  });

  test('the same endpoint answers valid JSON itself (X-Request-Id, JSON error)', async () => {
    const res = await refusedExport(JSON_TYPE, '{"asOf": "not a date"}');
    expect(res.status).toBe(400);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    expect(res.error.details.issues[0]!.path).toBe('asOf');
  });

  test('/favicon.ico and /robots.txt are answered 404 by the runtime, whatever the method', async () => {
    for (const [method, path] of [
      ['GET', '/favicon.ico'],
      ['POST', '/robots.txt'],
    ] as const) {
      const res = await raw(method, path, { as: ADMIN });
      expect({ status: res.status, requestId: res.headers.get('x-request-id'), body: res.body }).toEqual({
        status: 404,
        requestId: null,
        body: '',
      });
    }
  });
});

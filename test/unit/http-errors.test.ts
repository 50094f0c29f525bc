// The functions' error answers (functions/src/http/errors.ts) and request body checks (functions/src/http/body.ts),
// without the emulator: what a handler throws becomes which status, headers and JSON body.
import { GrpcStatus } from '@google-cloud/firestore';
import type { Request } from 'firebase-functions/v2/https';
import * as z from 'zod';
import { parseBody } from '../../functions/src/http/body';
import {
  badRequest,
  errorAnswer,
  forbidden,
  RETRY_AFTER_SECONDS,
  transientError,
} from '../../functions/src/http/errors';
import { type ApiResponse, errorMessage } from '../../scripts/api-client';

// The error class @google-cloud/firestore throws (google-gax's), from the copy Firestore itself loads.
const { GoogleError } = require(
  require.resolve('google-gax', { paths: [require.resolve('@google-cloud/firestore')] }),
) as typeof import('google-gax');
const firestoreError = (code: GrpcStatus, message: string): Error => Object.assign(new GoogleError(message), { code });

describe('errorAnswer', () => {
  test.each([
    ['ABORTED', GrpcStatus.ABORTED, '10 ABORTED: Transaction lock timeout.'],
    ['UNAVAILABLE', GrpcStatus.UNAVAILABLE, '14 UNAVAILABLE: No connection established'],
    ['DEADLINE_EXCEEDED', GrpcStatus.DEADLINE_EXCEEDED, '4 DEADLINE_EXCEEDED: Deadline exceeded'],
    ['RESOURCE_EXHAUSTED', GrpcStatus.RESOURCE_EXHAUSTED, '8 RESOURCE_EXHAUSTED: Quota exceeded.'],
  ])('a Firestore %s is a 503 with Retry-After and a retryable JSON error', (name, code, message) => {
    const error = firestoreError(code, message);
    expect(transientError(error)).toBe(name);
    expect(errorAnswer(error, 'req-1')).toEqual({
      status: 503,
      headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
      body: {
        error: {
          status: 503,
          code: 'unavailable',
          message: `the database is busy (${name}): send the request again in 5 s`,
          retryable: true,
          requestId: 'req-1',
        },
      },
    });
  });

  test('any other error is a 500 that says it may be retried, with the request id and nothing of the cause', () => {
    for (const error of [
      firestoreError(GrpcStatus.INVALID_ARGUMENT, '3 INVALID_ARGUMENT: secret detail'),
      firestoreError(GrpcStatus.PERMISSION_DENIED, '7 PERMISSION_DENIED: secret detail'),
      new TypeError('secret detail'),
      Object.assign(new Error('secret detail'), { code: 'ECONNRESET' }),
      'a thrown string',
      null,
    ]) {
      const answer = errorAnswer(error, 'req-2');
      expect(answer).toEqual({
        status: 500,
        headers: {},
        body: {
          error: { status: 500, code: 'internal', message: 'internal error', retryable: true, requestId: 'req-2' },
        },
      });
    }
  });

  test('4xx errors keep their status, code, message and details, and are not marked retryable', () => {
    expect(errorAnswer(forbidden('no'), 'r')).toEqual({
      status: 403,
      headers: {},
      body: { error: { status: 403, code: 'forbidden', message: 'no' } },
    });
    expect(errorAnswer(badRequest('bad', { issues: [] }), 'r').body.error).toEqual({
      status: 400,
      code: 'invalid-request',
      message: 'bad',
      details: { issues: [] },
    });
  });
});

describe('parseBody', () => {
  const Schema = z.object({ asOf: z.string().optional() }).strict();
  /** A request as the functions framework hands it over: headers, and the body it read and parsed (if any). */
  const req = (headers: Record<string, string>, rawBody?: string, body?: unknown) =>
    ({ headers, rawBody: rawBody === undefined ? undefined : Buffer.from(rawBody), body }) as unknown as Request;
  const json = '{"asOf":"2026-01-01"}';
  const refused = (r: Request): { status: number; message: string } => {
    try {
      parseBody(r, Schema, 1024);
    } catch (e) {
      return { status: (e as { status: number }).status, message: (e as Error).message };
    }
    throw new Error('expected a refusal');
  };

  test('application/json (with or without a charset) is read', () => {
    expect(parseBody(req({ 'content-type': 'application/json' }, json, { asOf: '2026-01-01' }), Schema, 1024)).toEqual({
      asOf: '2026-01-01',
    });
    expect(
      parseBody(req({ 'content-type': 'Application/JSON; charset=utf-8' }, json, { asOf: '2026-01-01' }), Schema, 1024),
    ).toEqual({ asOf: '2026-01-01' });
  });

  test('a body with no Content-Type is a 415, not ignored (the platform does not read it: rawBody is undefined)', () => {
    expect(refused(req({ 'content-length': '21' }, undefined, {}))).toEqual({
      status: 415,
      message: 'send the request body as JSON with "Content-Type: application/json" (it came with no Content-Type)',
    });
    expect(refused(req({ 'transfer-encoding': 'chunked' }, undefined, {})).status).toBe(415);
  });

  test.each([
    ['text/plain', json],
    ['application/x-www-form-urlencoded', { [json]: '' }],
    ['application/octet-stream', Buffer.from(json)],
    ['application/jsonp', Buffer.from(json)],
  ])('a body sent as %s is a 415 naming the expected type', (type, parsed) => {
    expect(refused(req({ 'content-type': type, 'content-length': '21' }, json, parsed))).toEqual({
      status: 415,
      message: `send the request body as JSON with "Content-Type: application/json" (it came as "${type}")`,
    });
  });

  test('no body at all, of whatever declared type, is {}', () => {
    expect(parseBody(req({}, undefined, undefined), Schema, 1024)).toEqual({});
    expect(parseBody(req({ 'content-length': '0' }, undefined, {}), Schema, 1024)).toEqual({});
    expect(parseBody(req({ 'content-type': 'text/plain', 'content-length': '0' }, '', ''), Schema, 1024)).toEqual({});
  });

  test('size comes first: an oversized body of any type is a 413', () => {
    expect(refused(req({ 'content-length': '4096' }, undefined, {})).status).toBe(413);
  });
});

test("the scripts' API client reports the API's errors and the platform's pages in one line, never the page", () => {
  const res = (status: number, body: unknown) =>
    ({ status, body, headers: new Headers(), bytes: Buffer.alloc(0) }) as ApiResponse;
  expect(errorMessage(res(503, errorAnswer(firestoreError(GrpcStatus.ABORTED, 'x'), 'r-1').body))).toBe(
    'HTTP 503 unavailable: the database is busy (ABORTED): send the request again in 5 s [request r-1]',
  );
  expect(
    errorMessage(
      res(
        413,
        '<!DOCTYPE html><pre>PayloadTooLargeError: request entity too large<br> at (/x/raw-body/index.js)</pre>',
      ),
    ),
  ).toBe(
    "HTTP 413 from the server (not the API's JSON error; the request body was refused before reaching Qualcard: the body is too large)",
  );
});

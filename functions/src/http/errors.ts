// The one place errors become HTTP answers: a use case's domain error (domain/errors.ts) and the HTTP layer's own
// refusals (HttpError: path, method, body type and size, token) are 4xx; a Firestore error that means "try again" is
// a 503 (transientError); anything else is a 500 (a bug, never bad input).
import type { ErrorAnswer as ContractErrorAnswer } from '@qualcard/shared/api';
import type { ZodError } from 'zod';
import { DomainError, invalidFromZod, type Refusal } from '../domain/errors';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string, details?: unknown): HttpError =>
  new HttpError(400, 'invalid-request', message, details);
export const unauthorized = (message: string): HttpError => new HttpError(401, 'unauthenticated', message);
export const forbidden = (message: string): HttpError => new HttpError(403, 'forbidden', message);
export const notFound = (message: string): HttpError => new HttpError(404, 'not-found', message);
export const tooLarge = (message: string): HttpError => new HttpError(413, 'payload-too-large', message);
export const unsupportedType = (message: string): HttpError => new HttpError(415, 'unsupported-media-type', message);

/** Seconds a client is asked to wait (Retry-After) before sending a request again after a 503. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * gRPC status codes that mean "try again" (Firestore's own advice): DEADLINE_EXCEEDED 4, RESOURCE_EXHAUSTED 8,
 * ABORTED 10 (contention: a transaction lock timed out), UNAVAILABLE 14. @google-cloud/firestore throws google-gax
 * GoogleErrors whose numeric `code` is that status, over gRPC and over the REST fallback alike.
 */
const TRANSIENT_GRPC_CODES: ReadonlyMap<number, string> = new Map([
  [4, 'DEADLINE_EXCEEDED'],
  [8, 'RESOURCE_EXHAUSTED'],
  [10, 'ABORTED'],
  [14, 'UNAVAILABLE'],
]);

/**
 * The Firestore emulator ends a transaction it gave up on under lock contention with INVALID_ARGUMENT "Transaction is
 * invalid or closed" where Firestore answers ABORTED (seen here with two coaches confirming the same rows at once):
 * the same "try again".
 */
const CLOSED_TRANSACTION = /Transaction is invalid or closed/;

/** The gRPC status name of an error that is worth retrying, or undefined. */
export function transientError(error: unknown): string | undefined {
  const e = typeof error === 'object' && error !== null ? (error as { code?: unknown; message?: unknown }) : {};
  if (e.code === 3 && typeof e.message === 'string' && CLOSED_TRANSACTION.test(e.message)) return 'ABORTED';
  return typeof e.code === 'number' ? TRANSIENT_GRPC_CODES.get(e.code) : undefined;
}

/** 400 listing each zod issue with its field path, e.g. `records.0.apprentice.email`. */
export const fromZod = (error: ZodError, prefix: (string | number)[] = []): HttpError =>
  asHttp(invalidFromZod(error, prefix));

/** The body of an error answer: the contract's ErrorAnswer. */
export type ErrorBody = ContractErrorAnswer;
export interface ErrorAnswer {
  status: number;
  headers: Record<string, string>;
  body: ErrorBody;
}

/** Each domain refusal's status and code. */
const REFUSALS: Record<Refusal, [status: number, code: string]> = {
  invalid: [400, 'invalid-request'],
  forbidden: [403, 'forbidden'],
  'not-found': [404, 'not-found'],
  conflict: [409, 'conflict'],
  'too-large': [413, 'payload-too-large'],
};

const asHttp = (error: DomainError): HttpError =>
  new HttpError(...REFUSALS[error.refusal], error.message, error.details);

/** The JSON answer to anything a handler threw: its own 4xx, 503 for a transient Firestore error, else 500. */
export function errorAnswer(thrown: unknown, requestId: string): ErrorAnswer {
  const error = thrown instanceof DomainError ? asHttp(thrown) : thrown;
  if (error instanceof HttpError) {
    const details = error.details ? { details: error.details } : {};
    return {
      status: error.status,
      headers: {},
      body: { error: { status: error.status, code: error.code, message: error.message, ...details } },
    };
  }
  const transient = transientError(error);
  if (transient) {
    const message = `the database is busy (${transient}): send the request again in ${RETRY_AFTER_SECONDS} s`;
    return {
      status: 503,
      headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
      body: { error: { status: 503, code: 'unavailable', message, retryable: true, requestId } },
    };
  }
  return {
    status: 500,
    headers: {},
    body: { error: { status: 500, code: 'internal', message: 'internal error', retryable: true, requestId } },
  };
}

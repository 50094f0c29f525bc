// Errors a handler throws to answer with a 4xx; anything else is a 500 (a bug, never bad input).
import type { ZodError } from 'zod';

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
export const conflict = (message: string): HttpError => new HttpError(409, 'conflict', message);
export const tooLarge = (message: string): HttpError => new HttpError(413, 'payload-too-large', message);

/** 400 listing each zod issue with its field path, e.g. `records.0.apprentice.email`. */
export function fromZod(error: ZodError, prefix: (string | number)[] = []): HttpError {
  const issues = error.issues.map((i) => ({
    path: [...prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))].join('.'),
    message: i.message,
    code: i.code,
  }));
  const first = issues[0];
  return badRequest(
    first
      ? `${first.path || '(body)'}: ${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`
      : 'invalid body',
    { issues },
  );
}

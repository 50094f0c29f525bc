// What a use case refuses, in the domain's words: the request is invalid, the caller may not do it, the thing is not
// there, it conflicts with what is stored, or it is too large to store. One place (http/errors.ts, errorAnswer) turns
// each kind into an HTTP status and the JSON error body; nothing below the routes knows about HTTP.
import type { ZodError } from 'zod';

export type Refusal = 'invalid' | 'forbidden' | 'not-found' | 'conflict' | 'too-large';

export class DomainError extends Error {
  constructor(
    readonly refusal: Refusal,
    message: string,
    /** Machine-readable detail for the caller, e.g. `{ issues: [{ path, message }] }`. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** The request cannot be applied as sent: `details.issues` names the fields when there are any. */
export class Invalid extends DomainError {
  constructor(message: string, details?: unknown) {
    super('invalid', message, details);
  }
}

/** One field is wrong: "<path>: <message>", with that one issue. */
export const invalidField = (path: string, message: string): Invalid =>
  new Invalid(`${path}: ${message}`, { issues: [{ path, message }] });

/** Invalid listing each zod issue with its field path, e.g. `records.0.apprentice.email`. */
export function invalidFromZod(error: ZodError, prefix: (string | number)[] = []): Invalid {
  const issues = error.issues.map((i) => ({
    path: [...prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))].join('.'),
    message: i.message,
    code: i.code,
  }));
  const first = issues[0];
  return new Invalid(
    first
      ? `${first.path || '(body)'}: ${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`
      : 'invalid body',
    { issues },
  );
}

export class Forbidden extends DomainError {
  constructor(message: string) {
    super('forbidden', message);
  }
}
export class NotFound extends DomainError {
  constructor(message: string) {
    super('not-found', message);
  }
}
export class Conflict extends DomainError {
  constructor(message: string) {
    super('conflict', message);
  }
}
export class TooLarge extends DomainError {
  constructor(message: string) {
    super('too-large', message);
  }
}

// Request body checks: size, then content type, then zod. The functions framework (and the emulator's runtime) has
// already read and parsed the body by the time the handler runs, for any request that has a Content-Type: JSON for
// application/json, a string for text/*, an object for a form, a Buffer for anything else. A body that it cannot
// parse (invalid JSON, over its size limit) never reaches the handler (functions/README.md, "Errors the platform
// answers before the API runs").
// A body without a Content-Type is not read at all (req.rawBody is undefined), so only the headers tell it was sent.
import type { Request } from 'firebase-functions/v2/https';
import type * as z from 'zod';
import { fromZod, tooLarge, unsupportedType } from './errors';

export function checkBodySize(req: Request, maxBytes: number): void {
  const declared = Number(req.headers['content-length'] ?? NaN);
  const actual = req.rawBody?.length ?? 0;
  const size = Number.isFinite(declared) ? Math.max(declared, actual) : actual;
  if (size > maxBytes) throw tooLarge(`request body is ${size} bytes; this endpoint accepts at most ${maxBytes} bytes`);
}

/** Whether the request carries a body: its bytes when the platform read them, else its headers. */
function hasBody(req: Request): boolean {
  if (req.rawBody !== undefined) return req.rawBody.length > 0;
  return Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
}

/** The parsed JSON body, or {} when there is none; 415 for a body of any other type, or of no declared type. */
function jsonBody(req: Request): unknown {
  if (!hasBody(req)) return {};
  const type = String(req.headers['content-type'] ?? '');
  if (type.split(';')[0]!.trim().toLowerCase() !== 'application/json') {
    throw unsupportedType(
      `send the request body as JSON with "Content-Type: application/json" (it came ${type ? `as "${type.slice(0, 100)}"` : 'with no Content-Type'})`,
    );
  }
  return req.body ?? {};
}

export function parseBody<S extends z.ZodType>(req: Request, schema: S, maxBytes: number): z.infer<S> {
  checkBodySize(req, maxBytes);
  const parsed = schema.safeParse(jsonBody(req));
  if (!parsed.success) throw fromZod(parsed.error);
  return parsed.data;
}

/** The query string's parameters, checked by the route's schema (400 naming the parameter). */
export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const parsed = schema.safeParse(req.query ?? {});
  if (!parsed.success) throw fromZod(parsed.error);
  return parsed.data;
}

// Request body checks: size before content, then zod. The functions framework has already parsed JSON by the time
// the handler runs, so the declared and actual byte counts are checked first and oversized bodies are refused.
import type { Request } from 'firebase-functions/v2/https';
import type { z } from 'zod';
import { badRequest, fromZod, tooLarge } from './errors';

export const KiB = 1024;
export const MiB = 1024 * KiB;

export function checkBodySize(req: Request, maxBytes: number): void {
  const declared = Number(req.headers['content-length'] ?? NaN);
  const actual = req.rawBody?.length ?? 0;
  const size = Number.isFinite(declared) ? Math.max(declared, actual) : actual;
  if (size > maxBytes) throw tooLarge(`request body is ${size} bytes; this endpoint accepts at most ${maxBytes} bytes`);
}

export function parseBody<S extends z.ZodType>(req: Request, schema: S, maxBytes: number): z.infer<S> {
  checkBodySize(req, maxBytes);
  const type = String(req.headers['content-type'] ?? '');
  if (req.rawBody?.length && !type.includes('application/json')) throw badRequest('send the body as application/json');
  let body: unknown = req.body;
  // An empty body arrives as {} or undefined depending on content type; treat both as {}.
  if (body === undefined || (Buffer.isBuffer(body) && body.length === 0)) body = {};
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw fromZod(parsed.error);
  return parsed.data;
}

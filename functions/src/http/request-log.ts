// One structured log entry per request: id, method, route pattern, sponsor, status and duration. Never the
// Authorization header, a request or response body, or an email: the route pattern stands for the path.
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import type { Request } from 'firebase-functions/v2/https';
import { logs, type RequestEntry } from '../logs';

export type RequestLog = RequestEntry;

/** Cloud Run's trace id when there is one (so the entry joins the platform's request log), else a new id. */
export function requestIdOf(req: Request): string {
  const trace = String(req.headers['x-cloud-trace-context'] ?? '').split('/')[0];
  return trace && /^[0-9a-f]{16,64}$/i.test(trace) ? trace : randomUUID();
}

/** Starts the entry and writes it when the response is finished (or the connection closes first). */
export function logRequest(req: Request, res: Response): RequestLog {
  const started = process.hrtime.bigint();
  const entry: RequestLog = { requestId: requestIdOf(req), method: req.method, route: '(unmatched)' };
  res.setHeader('X-Request-Id', entry.requestId);
  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    entry.status = res.statusCode;
    entry.durationMs = Number((process.hrtime.bigint() - started) / 1_000_000n);
    logs.request(entry);
  };
  res.on('finish', write);
  res.on('close', write);
  return entry;
}

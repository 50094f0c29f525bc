// A small path router: `/v1/sponsors/:sponsorId/progress` patterns, one handler per method and path.

import type { Response } from 'express';
import type { Request } from 'firebase-functions/v2/https';
import { badRequest, HttpError, notFound } from './errors';

export type Params = Record<string, string>;
export type Handler = (req: Request, res: Response, params: Params) => Promise<void>;
interface Route {
  method: string;
  pattern: string;
  parts: string[];
  handler: Handler;
}
/** Told which route matched, before its handler runs (the request log names the pattern, not the path). */
export type OnMatch = (pattern: string, params: Params) => void;

export class Router {
  private readonly routes: Route[] = [];

  on(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method, pattern, parts: pattern.split('/').filter(Boolean), handler });
    return this;
  }

  async handle(req: Request, res: Response, onMatch?: OnMatch): Promise<void> {
    const parts = req.path.split('/').filter(Boolean);
    let pathMatched = false;
    for (const route of this.routes) {
      const params = match(route.parts, parts);
      if (!params) continue;
      pathMatched = true;
      if (route.method !== req.method) continue;
      onMatch?.(route.pattern, params);
      return route.handler(req, res, params);
    }
    if (pathMatched) throw new HttpError(405, 'method-not-allowed', `${req.method} is not allowed on ${req.path}`);
    throw notFound(`no endpoint ${req.method} ${req.path}`);
  }
}

const MAX_PATH_ID_BYTES = 254;

function match(pattern: string[], parts: string[]): Params | null {
  if (pattern.length !== parts.length) return null;
  const params: Params = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    let value: string;
    try {
      value = decodeURIComponent(parts[i]!);
    } catch {
      return null;
    }
    if (p.startsWith(':')) {
      // Path values become Firestore document ids: refuse what cannot be one instead of failing later with a 500.
      // At most 254 bytes (an email), so sponsor + apprentice + row key stay far inside the 1,500-byte key path.
      const bad = !/^[^/]+$/.test(value) || Buffer.byteLength(value) > MAX_PATH_ID_BYTES || /\p{Cs}/u.test(value);
      if (bad || value === '.' || value === '..' || /^__.*__$/.test(value)) {
        throw badRequest(`${p.slice(1)}: "${value.slice(0, 80)}" is not a valid id`, {
          issues: [{ path: p.slice(1), message: 'not a valid id' }],
        });
      }
      params[p.slice(1)] = value;
    } else if (p !== value) return null;
  }
  return params;
}

// Serves the routes of the contract (shared/src/api/routes.ts): matches method and path, hands the handler its typed
// path parameters and lazy body and query parsers, and sends what it answers. In the emulator every answer is
// checked against the route's schema and statuses: a handler that answers another shape fails the tests with a 500.
import {
  type AnyRoute,
  isFileAnswer,
  type ParamsOf,
  type ParsedBodyOf,
  type ParsedQueryOf,
  type Role,
  type SentAnswerOf,
} from '@qualcard/shared/api';
import type { Response } from 'express';
import type { Request } from 'firebase-functions/v2/https';
import type * as z from 'zod';
import { parseBody, parseQuery } from './body';
import { badRequest, HttpError, notFound } from './errors';

export interface Call<R extends AnyRoute> {
  req: Request;
  res: Response;
  route: R;
  params: ParamsOf<R>;
  /** The sponsor roles the route admits (none for public and signed-in routes). */
  roles: Role[];
  /** The body, checked for size, type and schema (400/413/415): parsed when the handler asks, after its checks. */
  body: () => ParsedBodyOf<R>;
  query: () => ParsedQueryOf<R>;
}
/** What a JSON route answers; a file route writes its response itself and returns nothing. */
export interface Reply<R extends AnyRoute> {
  status?: number;
  headers?: Record<string, string>;
  body: SentAnswerOf<R>;
}
export type Handler<R extends AnyRoute> = (call: Call<R>) => Promise<Reply<R> | undefined>;

interface Served {
  route: AnyRoute;
  parts: string[];
  handler: Handler<AnyRoute>;
}
/** Told which route matched, before its handler runs (the request log names the pattern, not the path). */
export type OnMatch = (pattern: string, params: Record<string, string>) => void;

const checkAnswers = (): boolean => process.env.FUNCTIONS_EMULATOR === 'true';

export class Router {
  private readonly served: Served[] = [];

  on<R extends AnyRoute>(route: R, handler: Handler<R>): this {
    const parts = route.path.split('/').filter(Boolean);
    this.served.push({ route, parts, handler: handler as unknown as Handler<AnyRoute> });
    return this;
  }

  /** The routes served, for the check that every route of the contract is. */
  routes(): AnyRoute[] {
    return this.served.map((s) => s.route);
  }

  async handle(req: Request, res: Response, onMatch?: OnMatch): Promise<void> {
    const parts = req.path.split('/').filter(Boolean);
    let pathMatched = false;
    for (const { route, parts: pattern, handler } of this.served) {
      const params = match(pattern, parts);
      if (!params) continue;
      pathMatched = true;
      if (route.method !== req.method) continue;
      onMatch?.(route.path, params);
      const reply = await handler(callOf(req, res, route, params));
      if (reply) send(res, route, reply);
      return;
    }
    if (pathMatched) throw new HttpError(405, 'method-not-allowed', `${req.method} is not allowed on ${req.path}`);
    throw notFound(`no endpoint ${req.method} ${req.path}`);
  }
}

function callOf(req: Request, res: Response, route: AnyRoute, params: Record<string, string>): Call<AnyRoute> {
  return {
    req,
    res,
    route,
    params: params as ParamsOf<AnyRoute>,
    roles: Array.isArray(route.roles) ? [...route.roles] : [],
    body: () => (route.body ? parseBody(req, route.body, route.maxBodyBytes ?? 0) : undefined) as never,
    query: () => (route.query ? parseQuery(req, route.query) : undefined) as never,
  };
}

function send(res: Response, route: AnyRoute, reply: Reply<AnyRoute>): void {
  const status = reply.status ?? route.statuses[0]!;
  if (checkAnswers()) checkReply(route, status, reply.body);
  if (reply.headers) res.set(reply.headers);
  res.status(status).json(reply.body);
}

/** A handler's answer outside its contract is a bug: refused here, in the emulator, so that a test fails on it. */
function checkReply(route: AnyRoute, status: number, body: unknown): void {
  if (!route.statuses.includes(status)) throw new Error(`${route.name} answered ${status}, not in its contract`);
  if (isFileAnswer(route.answer)) throw new Error(`${route.name} answers a file, not JSON`);
  const parsed = (route.answer as z.ZodType).safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${route.name} answered outside its contract: ${issue?.path.join('.')}: ${issue?.message}`);
  }
}

const MAX_PATH_ID_BYTES = 254;

function match(pattern: string[], parts: string[]): Record<string, string> | null {
  if (pattern.length !== parts.length) return null;
  const params: Record<string, string> = {};
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

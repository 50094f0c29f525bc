// The in-memory fake backends (fake-service.ts, fake-cohort.ts) answer by the contract (shared/src/api/routes.ts): a
// request is matched to a route by method and path pattern, its body parsed with the route's schema (a body the
// real API would refuse is a 400 here too), and every answer is checked against the route's answer schema, so a
// fake that drifts from the real API fails the test that used it.
import type * as z from 'zod';
import type { AnyRoute, ParamsOf, ParsedBodyOf, SentAnswerOf } from '../../shared/src/api/route';
import { paramNames } from '../../shared/src/api/route';
import type { FetchCall, FetchHandler } from './fake-apps-script';

export type FakeReply = ReturnType<FetchHandler>;

/** The route's path parameters when `call` is a request for it, else undefined. */
export function paramsIf<R extends AnyRoute>(route: R, call: FetchCall): ParamsOf<R> | undefined {
  if (String(call.params.method ?? 'get').toUpperCase() !== route.method) return undefined;
  const m = new RegExp(`${route.path.replace(/:\w+/g, '([^/]+)')}$`).exec(new URL(call.url).pathname);
  if (!m) return undefined;
  return Object.fromEntries(paramNames(route.path).map((n, i) => [n, decodeURIComponent(m[i + 1]!)])) as ParamsOf<R>;
}

/** A JSON error answer, as the API writes them. */
export const refusal = (status: number, message: string, issues: { path: string; message: string }[] = []) => ({
  status,
  body: JSON.stringify({
    error: { status, code: 'error', message, ...(issues.length ? { details: { issues } } : {}) },
  }),
});

/** The request's body parsed with the route's schema, or the 400 the real API would answer. */
export function bodyOf<R extends AnyRoute>(
  route: R,
  call: FetchCall,
): { body: ParsedBodyOf<R> } | { refused: FakeReply } {
  const parsed = (route.body as z.ZodType).safeParse(JSON.parse(String(call.params.payload ?? '{}')));
  if (parsed.success) return { body: parsed.data as ParsedBodyOf<R> };
  const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  return { refused: refusal(400, `${issues[0]!.path}: ${issues[0]!.message}`, issues) };
}

/** A success answer of `route`, checked against its schema and statuses: a fake's drift throws. */
export function answer<R extends AnyRoute>(route: R, status: number, body: SentAnswerOf<R>): FakeReply {
  if (!route.statuses.includes(status)) throw new Error(`fake ${route.name}: ${status} is not one of its statuses`);
  const checked = (route.answer as z.ZodType).safeParse(body);
  if (!checked.success) throw new Error(`fake ${route.name} answered outside the contract: ${checked.error.message}`);
  return { status, body: JSON.stringify(body) };
}

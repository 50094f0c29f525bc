// What a route of the HTTP API is: method, path pattern, who may call it, and the zod schemas of its query, body and
// answer. Defined once (./routes.ts); the functions' router, the add-on, the CLI and the tests are built on it.
import type * as z from 'zod';
import type { Role } from './roles';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** `/v1/sponsors/:sponsorId/sync` -> `{ sponsorId: string }`. */
export type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name]: string } & PathParams<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? { [K in Name]: string }
    : Record<never, never>;

/** A file answer (bytes, not JSON): its content type. */
export interface FileAnswer {
  file: string;
}

export interface Route<
  P extends string = string,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  A extends z.ZodType | FileAnswer = z.ZodType | FileAnswer,
> {
  /** A short name for logs, tables and the CLI (`sync`, `confirmations`). */
  name: string;
  method: Method;
  path: P;
  /** One line for the endpoint table. */
  summary: string;
  /** Who may call it: sponsor roles, any signed-in person, or anyone (public issuer documents). */
  roles: readonly Role[] | 'signed-in' | 'public';
  /** The finer rule within those roles, when there is one ("a coach of the apprentice"). */
  access?: string;
  /** The query string's parameters (values as strings, or lists for repeated ones). */
  query?: Q;
  /** The JSON body; a route without one ignores any. */
  body?: B;
  /** Bytes the body may have (checked before parsing). */
  maxBodyBytes?: number;
  /** The JSON answer's schema, or a file of this content type. */
  answer: A;
  /** Success statuses it answers. */
  statuses: readonly number[];
  /** A POST the server replays when it is sent again (an idempotency key, or confirming is idempotent): retried. */
  idempotent?: true;
}

export type AnyRoute = Route<string, z.ZodType, z.ZodType, z.ZodType | FileAnswer>;
export type BodyOf<R> = R extends Route<string, z.ZodType, infer B> ? z.input<B> : never;
export type ParsedBodyOf<R> = R extends Route<string, z.ZodType, infer B> ? z.output<B> : never;
export type QueryOf<R> = R extends Route<string, infer Q> ? z.input<Q> : never;
export type ParsedQueryOf<R> = R extends Route<string, infer Q> ? z.output<Q> : never;
/** What a caller receives (the answer as parsed) and what a handler may send (its input type). */
export type AnswerOf<R> =
  R extends Route<string, z.ZodType, z.ZodType, infer A> ? (A extends z.ZodType ? z.output<A> : never) : never;
export type SentAnswerOf<R> =
  R extends Route<string, z.ZodType, z.ZodType, infer A> ? (A extends z.ZodType ? z.input<A> : never) : never;
export type ParamsOf<R> = R extends Route<infer P> ? PathParams<P> : never;

export const defineRoute = <
  const P extends string,
  Q extends z.ZodType,
  B extends z.ZodType,
  A extends z.ZodType | FileAnswer,
>(
  route: Route<P, Q, B, A>,
): Route<P, Q, B, A> => route;

/** The names of a pattern's parameters, in order. */
export const paramNames = (path: string): string[] =>
  path
    .split('/')
    .filter((p) => p.startsWith(':'))
    .map((p) => p.slice(1));

const seg = (s: string): string => encodeURIComponent(s);

/** A query string from a flat object: repeated keys for arrays, nothing for undefined. */
export function queryString(query: Record<string, unknown> | undefined): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) parts.push(`${seg(k)}=${seg(String(one))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

/** The path of a call: each `:name` replaced by its encoded value, then the query. */
export function pathOf<R extends AnyRoute>(route: R, params: ParamsOf<R>, query?: QueryOf<R>): string {
  const values = params as Record<string, string>;
  const path = route.path.replace(/:(\w+)/g, (_m, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`${route.name}: no value for :${name}`);
    return seg(v);
  });
  return path + queryString(query as Record<string, unknown> | undefined);
}

export const isFileAnswer = (a: z.ZodType | FileAnswer): a is FileAnswer => 'file' in a && !('parse' in a);

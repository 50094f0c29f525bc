// The emulator tests' client, built on the contract: `call(api.sync, { params, body, query, as })` builds the request
// from the route (shared/src/api/client/request.ts, as the add-on and the CLI do), sends it once with no retry, and
// answers what came back with the answer typed by the route. A success is checked against the route's answer schema
// here too, so a reply that drifted from the contract fails the test that received it. `raw` sends any method, path,
// headers and bytes, for the tests that are about a malformed request or the path itself.

import { type CallOf, requestFor } from '@qualcard/shared/api/client/request';
import type { AnswerOf, AnyRoute, BodyOf, ParamsOf, QueryOf } from '@qualcard/shared/api/route';
import { isFileAnswer } from '@qualcard/shared/api/route';
import type * as z from 'zod';
import { apiUrl } from './env';
import { type RawOptions, type RawReply, sendRaw } from './http';

/** The API's own JSON error, as the tests read it. */
export interface ApiErrorBody {
  status: number;
  code: string;
  message: string;
  retryable?: true;
  requestId?: string;
  details: { issues: { path: string; message: string; code: string }[] };
}

export interface Reply<T = unknown> extends RawReply {
  /** The parsed JSON (as sent: not stripped by the schema), or the text of any other answer. */
  body: T;
  /** The API's JSON error. Undefined on a success: a test that reads it then fails, as it should. */
  error: ApiErrorBody;
}

type Sender = Pick<RawOptions, 'as' | 'headers' | 'timeoutMs'> & { baseUrl?: string };
type ParamsPart<R> = keyof ParamsOf<R> extends never ? { params?: ParamsOf<R> } : { params: ParamsOf<R> };
type BodyPart<R> =
  unknown extends BodyOf<R>
    ? { body?: undefined }
    :
        | { body: BodyOf<R> }
        | { /** A body the route's schema refuses: the test is about the refusal. */ wrongBody: unknown };
export type CallOptions<R extends AnyRoute> = Sender & ParamsPart<R> & BodyPart<R> & { query?: QueryOf<R> };

export async function call<R extends AnyRoute>(route: R, opts: CallOptions<R>): Promise<Reply<AnswerOf<R>>> {
  const o = opts as Sender & { params?: ParamsOf<R>; query?: QueryOf<R>; body?: unknown; wrongBody?: unknown };
  const target = { params: o.params ?? {}, query: o.query } as CallOf<R>;
  const req = requestFor(o.baseUrl ?? apiUrl(), route, target);
  const body = 'wrongBody' in o ? o.wrongBody : o.body;
  const res = await sendRaw(req.method, req.url, { ...o, body, rawBody: undefined });
  const reply = replyOf<AnswerOf<R>>(res);
  if (reply.status < 300 && !isFileAnswer(route.answer) && isJson(res)) {
    const checked = (route.answer as z.ZodType).safeParse(reply.body);
    if (!checked.success)
      throw new Error(`${route.name} answered ${reply.status} outside its contract: ${checked.error.message}`);
  }
  return reply;
}

/** Any request, as it is given: a path string (with its query), headers, a JSON body or raw bytes. */
export async function raw<T = unknown>(method: string, path: string, opts: RawOptions = {}): Promise<Reply<T>> {
  return replyOf<T>(await sendRaw(method, `${apiUrl()}${path}`, opts));
}

const isJson = (res: RawReply): boolean => (res.headers.get('content-type') ?? '').includes('json');

function replyOf<T>(res: RawReply): Reply<T> {
  const text = res.bytes.toString('utf8');
  let body: unknown = text;
  if (isJson(res))
    try {
      body = JSON.parse(text);
    } catch {
      // a body labelled JSON that is not (a proxy's page): kept as text
    }
  const error = typeof body === 'object' && body !== null ? (body as { error?: ApiErrorBody }).error : undefined;
  return { ...res, body: body as T, error: error as ApiErrorBody };
}

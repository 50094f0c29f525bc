// Node's transport: fetch with a bearer token, waiting with a timer between sends. The CLI, the scripts, the
// benchmarks and the tests send the same requests as the add-on, retried by the same loop (./exchange.ts).
import type * as z from 'zod';
import type { AnswerOf, AnyRoute } from '../route';
import { isFileAnswer } from '../route';
import { endOf, exchange, withNote } from './exchange';
import { TimeoutError } from './network';
import { type ApiRequest, type CallOf, type FileAnswer, fileNameOf, parseAnswer, requestFor } from './request';
import { type Outcome, RETRY_POLICY, type RetryPolicy } from './retry';

export interface FetchOptions {
  policy?: RetryPolicy;
  /** Give up on one send when no byte of its answer came for this long (a network error, retried like one). */
  timeoutMs?: number;
}

/** An answer as it came (for callers that read error answers or files themselves), and how many sends it took. */
export interface RawAnswer {
  status: number;
  headers: Headers;
  bytes: Buffer;
  attempt: number;
  /** Why no further send was made, when it took more than one (for the error). */
  note: string;
}

/**
 * Sends `req` (again while the retry loop says so) and returns the last answer, whatever its status; throws an
 * ApiError with status 0 when no answer came at all (`thrown`: what the last send threw).
 */
export async function fetchAnswer(req: ApiRequest, idToken: string, opts: FetchOptions = {}): Promise<RawAnswer> {
  let answer: Omit<RawAnswer, 'attempt' | 'note'> | undefined;
  const loop = exchange(req, opts.policy ?? RETRY_POLICY);
  let step = loop.next();
  while (!step.done) {
    if ('waitMs' in step.value) {
      await new Promise((resolve) => setTimeout(resolve, (step.value as { waitMs: number }).waitMs));
      step = loop.next();
      continue;
    }
    let outcome: Outcome;
    try {
      answer = await sendOnce(req, idToken, opts.timeoutMs);
      outcome = { status: answer.status, headers: Object.fromEntries(answer.headers) };
    } catch (thrown) {
      outcome = { thrown };
    }
    step = loop.next(outcome);
  }
  endOf(req, step.value);
  return { ...answer!, attempt: step.value.attempt, note: step.value.note };
}

/** Sends `req` and reads its answer: the JSON as data, a file as a FileAnswer, an error as an ApiError. */
export async function sendWithFetch<T>(req: ApiRequest, idToken: string, opts: FetchOptions = {}): Promise<T> {
  const answer = await fetchAnswer(req, idToken, opts);
  try {
    return answerOf<T>(req, answer);
  } catch (e) {
    throw withNote(e, answer);
  }
}

/** What a route answers once read: its JSON answer as its schema parses it, or the file. */
export type Received<R extends AnyRoute> = R['answer'] extends z.ZodType ? AnswerOf<R> : FileAnswer;

/** A call of a route of the contract: built, sent and its answer checked against the route's schema. */
export async function callWithFetch<R extends AnyRoute>(
  baseUrl: string,
  route: R,
  call: CallOf<R>,
  idToken: string,
  opts: FetchOptions = {},
): Promise<Received<R>> {
  const answer = await sendWithFetch<unknown>(requestFor(baseUrl, route, call), idToken, opts);
  if (isFileAnswer(route.answer)) return answer as Received<R>;
  const parsed = route.answer.safeParse(answer);
  if (parsed.success) return parsed.data as Received<R>;
  const issue = parsed.error.issues[0];
  throw new Error(`unexpected answer to ${route.name}: ${issue?.path.join('.') || 'body'}: ${issue?.message}`);
}

/** One send: the whole answer read, with no more than `timeoutMs` between two of its bytes. */
async function sendOnce(req: ApiRequest, idToken: string, timeoutMs: number | undefined) {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const touch = () => {
    clearTimeout(timer);
    if (timeoutMs) timer = setTimeout(() => controller.abort(new TimeoutError(timeoutMs)), timeoutMs);
  };
  touch();
  try {
    const response = await fetch(req.url, { ...init(req, idToken), signal: controller.signal });
    const chunks: Uint8Array[] = [];
    for await (const chunk of response.body ?? []) {
      touch();
      chunks.push(chunk as Uint8Array);
    }
    return { status: response.status, headers: response.headers, bytes: Buffer.concat(chunks) };
  } catch (e) {
    throw controller.signal.aborted ? controller.signal.reason : e;
  } finally {
    clearTimeout(timer);
  }
}

function init(req: ApiRequest, idToken: string): RequestInit {
  return {
    method: req.method,
    headers: {
      Authorization: `Bearer ${idToken}`,
      ...(req.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
  };
}

function answerOf<T>(req: ApiRequest, answer: Omit<RawAnswer, 'attempt' | 'note'>): T {
  if (req.binary && answer.status >= 200 && answer.status < 300) {
    const fileName = fileNameOf(answer.headers.get('content-disposition') ?? undefined);
    const file: FileAnswer = {
      base64: answer.bytes.toString('base64'),
      contentType: answer.headers.get('content-type') ?? 'application/octet-stream',
      bytes: answer.bytes.length,
      ...(fileName ? { fileName } : {}),
    };
    return file as T;
  }
  return parseAnswer<T>(answer.status, answer.bytes.toString('utf8'));
}

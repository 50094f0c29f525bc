// Node's transport: fetch with a bearer token, waiting with a timer between sends. The CLI, the scripts, the
// benchmarks and the tests send the same requests as the add-on, retried by the same loop (./exchange.ts).
import { endOf, exchange, withNote } from './exchange';
import { type ApiRequest, type FileAnswer, fileNameOf, parseAnswer } from './request';
import { type Outcome, RETRY_POLICY, type RetryPolicy } from './retry';

export interface FetchOptions {
  policy?: RetryPolicy;
  /** Abort one send after this long (a network error, retried like one). */
  timeoutMs?: number;
}

export async function sendWithFetch<T>(req: ApiRequest, idToken: string, opts: FetchOptions = {}): Promise<T> {
  let response: Response | undefined;
  const loop = exchange(req, opts.policy ?? RETRY_POLICY);
  let step = loop.next();
  while (!step.done) {
    if ('waitMs' in step.value) {
      await response?.arrayBuffer(); // let the connection go before waiting
      await new Promise((resolve) => setTimeout(resolve, (step.value as { waitMs: number }).waitMs));
      step = loop.next();
      continue;
    }
    let outcome: Outcome;
    try {
      response = await fetch(req.url, init(req, idToken, opts.timeoutMs));
      outcome = { status: response.status, headers: Object.fromEntries(response.headers) };
    } catch (thrown) {
      outcome = { thrown };
    }
    step = loop.next(outcome);
  }
  const { status } = endOf(req, step.value);
  try {
    return await answerOf<T>(req, status, response!);
  } catch (e) {
    throw withNote(e, step.value);
  }
}

function init(req: ApiRequest, idToken: string, timeoutMs: number | undefined): RequestInit {
  return {
    method: req.method,
    headers: {
      Authorization: `Bearer ${idToken}`,
      ...(req.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
    ...(timeoutMs ? { signal: AbortSignal.timeout(timeoutMs) } : {}),
  };
}

async function answerOf<T>(req: ApiRequest, status: number, response: Response): Promise<T> {
  if (req.binary && response.ok) {
    const bytes = Buffer.from(await response.arrayBuffer());
    const fileName = fileNameOf(response.headers.get('content-disposition') ?? undefined);
    const file: FileAnswer = {
      base64: bytes.toString('base64'),
      contentType: response.headers.get('content-type') ?? 'application/octet-stream',
      bytes: bytes.length,
      ...(fileName ? { fileName } : {}),
    };
    return file as T;
  }
  return parseAnswer<T>(status, await response.text());
}

// For integration tests against the functions emulator: sends the add-on's ApiRequests with Node's fetch,
// the same headers and body as addon/src/api/client.ts sends with UrlFetchApp, the same retries (decided by
// addon/src/api/retry.ts, waited with a timer) and the same response parsing.
import { ApiError, type ApiRequest, type FileResponse, fileNameOf, parseResponse } from '../src/api/requests';
import { decideRetry, giveUpNote, type Outcome, RETRY_POLICY, type RetryPolicy, unreachable } from '../src/api/retry';

export async function sendWithFetch<T>(
  req: ApiRequest,
  idToken: string,
  policy: RetryPolicy = RETRY_POLICY,
): Promise<T> {
  const started = Date.now();
  for (let attempt = 1; ; attempt += 1) {
    let response: Response | undefined;
    let outcome: Outcome;
    try {
      response = await fetch(req.url, {
        method: req.method.toUpperCase(),
        headers: {
          Authorization: `Bearer ${idToken}`,
          ...(req.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        },
        ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
      });
      outcome = { status: response.status, headers: Object.fromEntries(response.headers) };
    } catch (thrown) {
      outcome = { thrown };
    }
    const now = Date.now();
    const decision = decideRetry(
      req,
      outcome,
      { attempt, elapsedMs: now - started, nowMs: now, random: Math.random() },
      policy,
    );
    if (decision.retry) {
      await response?.arrayBuffer(); // let the connection go before waiting
      await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
      continue;
    }
    const note = giveUpNote(decision.why, attempt);
    if ('thrown' in outcome) throw unreachable(req, outcome.thrown, attempt, note);
    return answer<T>(req, response!, attempt, note);
  }
}

async function answer<T>(req: ApiRequest, response: Response, attempt: number, note: string): Promise<T> {
  if (req.binary && response.ok) {
    const bytes = Buffer.from(await response.arrayBuffer());
    const fileName = fileNameOf(response.headers.get('content-disposition') ?? undefined);
    const file: FileResponse = {
      base64: bytes.toString('base64'),
      contentType: response.headers.get('content-type') ?? 'application/octet-stream',
      bytes: bytes.length,
      ...(fileName ? { fileName } : {}),
    };
    return file as T;
  }
  const text = await response.text();
  try {
    return parseResponse<T>(response.status, text);
  } catch (e) {
    if (e instanceof ApiError && note) throw new ApiError(e.status, `${e.message}; ${note}`, attempt);
    throw e;
  }
}

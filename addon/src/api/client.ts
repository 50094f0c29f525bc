// Sends an ApiRequest with UrlFetchApp and the user's Google identity token (never the OAuth token). Idempotent
// requests are sent again on 429, 5xx or a network exception, after Utilities.sleep; ./retry.ts decides when and
// how long.
import { ApiError, type ApiRequest, type FileResponse, fileNameOf, parseResponse } from './requests';
import { decideRetry, giveUpNote, header, type Outcome, RETRY_POLICY, type RetryPolicy, unreachable } from './retry';

export function send<T>(req: ApiRequest, policy: RetryPolicy = RETRY_POLICY): T {
  const token = ScriptApp.getIdentityToken();
  const params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions = {
    method: req.method,
    headers: { Authorization: `Bearer ${token}` },
    muteHttpExceptions: true,
    ...(req.body !== undefined ? { contentType: 'application/json', payload: JSON.stringify(req.body) } : {}),
  };
  const started = Date.now();
  for (let attempt = 1; ; attempt += 1) {
    let response: GoogleAppsScript.URL_Fetch.HTTPResponse | undefined;
    let outcome: Outcome;
    try {
      response = UrlFetchApp.fetch(req.url, params);
      outcome = { status: response.getResponseCode(), headers: response.getHeaders() as Record<string, unknown> };
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
      Utilities.sleep(decision.delayMs);
      continue;
    }
    const note = giveUpNote(decision.why, attempt);
    if ('thrown' in outcome) throw unreachable(req, outcome.thrown, attempt, note);
    return answer<T>(req, response!, attempt, note);
  }
}

function answer<T>(
  req: ApiRequest,
  response: GoogleAppsScript.URL_Fetch.HTTPResponse,
  attempt: number,
  note: string,
): T {
  const status = response.getResponseCode();
  if (req.binary && status >= 200 && status < 300) {
    const headers = response.getHeaders() as Record<string, unknown>;
    const content = response.getContent();
    const fileName = fileNameOf(header(headers, 'Content-Disposition'));
    const file: FileResponse = {
      base64: Utilities.base64Encode(content),
      contentType: header(headers, 'Content-Type') ?? 'application/octet-stream',
      bytes: content.length,
      ...(fileName ? { fileName } : {}),
    };
    return file as T;
  }
  try {
    return parseResponse<T>(status, response.getContentText());
  } catch (e) {
    if (e instanceof ApiError && note) throw new ApiError(e.status, `${e.message}; ${note}`, attempt);
    throw e;
  }
}

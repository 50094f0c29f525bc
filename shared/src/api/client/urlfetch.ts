// The add-on's transport: UrlFetchApp with the user's Google identity token (never the OAuth token), waiting with
// Utilities.sleep between sends. Apps Script only.
import type { Method } from '../route';
import { endOf, exchange, withNote } from './exchange';
import { type ApiRequest, type FileAnswer, fileNameOf, parseAnswer } from './request';
import { header, type Outcome, RETRY_POLICY, type RetryPolicy } from './retry';

/** UrlFetchApp's name of each method the contract uses. */
const URL_FETCH_METHOD: Record<Method, GoogleAppsScript.URL_Fetch.HttpMethod> = {
  GET: 'get',
  POST: 'post',
  PUT: 'put',
  DELETE: 'delete',
};

export function sendWithUrlFetch<T>(req: ApiRequest, policy: RetryPolicy = RETRY_POLICY): T {
  const params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions = {
    method: URL_FETCH_METHOD[req.method],
    headers: { Authorization: `Bearer ${ScriptApp.getIdentityToken()}` },
    muteHttpExceptions: true,
    ...(req.body !== undefined ? { contentType: 'application/json', payload: JSON.stringify(req.body) } : {}),
  };
  let response: GoogleAppsScript.URL_Fetch.HTTPResponse | undefined;
  const loop = exchange(req, policy);
  let step = loop.next();
  while (!step.done) {
    if ('waitMs' in step.value) {
      Utilities.sleep(step.value.waitMs);
      step = loop.next();
      continue;
    }
    let outcome: Outcome;
    try {
      response = UrlFetchApp.fetch(req.url, params);
      outcome = { status: response.getResponseCode(), headers: response.getHeaders() as Record<string, unknown> };
    } catch (thrown) {
      outcome = { thrown };
    }
    step = loop.next(outcome);
  }
  const { status } = endOf(req, step.value);
  try {
    return answerOf<T>(req, status, response!);
  } catch (e) {
    throw withNote(e, step.value);
  }
}

function answerOf<T>(req: ApiRequest, status: number, response: GoogleAppsScript.URL_Fetch.HTTPResponse): T {
  if (req.binary && status >= 200 && status < 300) {
    const headers = response.getHeaders() as Record<string, unknown>;
    const content = response.getContent();
    const fileName = fileNameOf(header(headers, 'Content-Disposition'));
    const file: FileAnswer = {
      base64: Utilities.base64Encode(content),
      contentType: header(headers, 'Content-Type') ?? 'application/octet-stream',
      bytes: content.length,
      ...(fileName ? { fileName } : {}),
    };
    return file as T;
  }
  return parseAnswer<T>(status, response.getContentText());
}

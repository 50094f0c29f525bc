// For integration tests against the functions emulator: sends the add-on's ApiRequests with Node's fetch,
// the same headers and body as addon/src/api/client.ts sends with UrlFetchApp, and the same response parsing.
import { type ApiRequest, parseResponse } from '../src/api/requests';

export async function sendWithFetch<T>(req: ApiRequest, idToken: string): Promise<T> {
  const response = await fetch(req.url, {
    method: req.method.toUpperCase(),
    headers: {
      Authorization: `Bearer ${idToken}`,
      ...(req.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
  });
  if (req.binary && response.ok) {
    return {
      base64: Buffer.from(await response.arrayBuffer()).toString('base64'),
      contentType: response.headers.get('content-type') ?? 'application/octet-stream',
    } as T;
  }
  return parseResponse<T>(response.status, await response.text());
}

// Sends an ApiRequest with UrlFetchApp and the user's Google identity token (never the OAuth token).
import { type ApiRequest, parseResponse } from './requests';

export function send<T>(req: ApiRequest): T {
  const token = ScriptApp.getIdentityToken();
  const response = UrlFetchApp.fetch(req.url, {
    method: req.method,
    headers: { Authorization: `Bearer ${token}` },
    muteHttpExceptions: true,
    ...(req.body !== undefined ? { contentType: 'application/json', payload: JSON.stringify(req.body) } : {}),
  });
  const status = response.getResponseCode();
  if (req.binary && status >= 200 && status < 300) {
    return {
      base64: Utilities.base64Encode(response.getContent()),
      contentType: String(
        (response.getHeaders() as Record<string, unknown>)['Content-Type'] ?? 'application/octet-stream',
      ),
    } as T;
  }
  return parseResponse<T>(status, response.getContentText());
}

// A minimal client for the Qualcard HTTP API, used by the demo, the benchmarks and the emulator tests: JSON in,
// JSON or bytes out. One connection per request: a pooled keep-alive socket that the server closes while the
// caller is busy (LibreOffice, writing files) would otherwise fail the next request.
import { request } from 'node:http';
import { request as requestTls } from 'node:https';
import { apiErrorOf, platformErrorMessage } from '../shared/src/api/client/platform-error';

export interface RawResponse {
  status: number;
  headers: Headers;
  bytes: Buffer;
}
/** `body` is the parsed JSON (or the text): callers name its type, unchecked, or read it as unknown. */
export interface ApiResponse<T = unknown> extends RawResponse {
  body: T;
}

/** The request had no answer within its time limit. */
export class TimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${Math.round(timeoutMs / 1000)} s`);
  }
}

/** A body labelled JSON that is not (a proxy's page): kept as text, and reported by its status alone. */
const parseOrText = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

export function functionsBaseUrl(projectId = process.env.GCLOUD_PROJECT ?? 'demo-qualcard'): string {
  const host = process.env.FUNCTIONS_EMULATOR_HOST ?? '127.0.0.1:5001';
  return `http://${host}/${projectId}/us-central1/api`;
}

export function send(
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: string | Buffer,
  timeoutMs?: number,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = (url.startsWith('https:') ? requestTls : request)(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers))
          if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(', ') : v);
        resolve({ status: res.statusCode ?? 0, headers: h, bytes: Buffer.concat(chunks) });
      });
    });
    req.on('error', reject);
    // No answer in time: the request fails like a refused connection, with the reason in the message.
    if (timeoutMs) req.setTimeout(timeoutMs, () => req.destroy(new TimeoutError(timeoutMs)));
    req.end(body);
  });
}

export async function apiCall<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  opts: {
    token?: string;
    body?: unknown;
    rawBody?: string | Buffer;
    headers?: Record<string, string>;
    timeoutMs?: number;
  } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | Buffer | undefined;
  if (opts.rawBody !== undefined) body = opts.rawBody;
  else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  const res = await send(method, `${baseUrl}${path}`, headers, body, opts.timeoutMs);
  const type = res.headers.get('content-type') ?? '';
  const text = res.bytes.toString('utf8');
  return { ...res, body: (type.includes('json') ? parseOrText(text) : text) as T };
}

/**
 * An error answer in one line: the API's own JSON error (status, code, message, request id), or, for an answer from
 * the platform in front of the function (an HTML page, in the emulator with a stack trace), what its status means.
 */
export function errorMessage(res: ApiResponse): string {
  const error = apiErrorOf(res.body);
  if (!error) return platformErrorMessage(res.status);
  const code = (res.body as { error: { code?: unknown } }).error.code;
  return `HTTP ${res.status}${typeof code === 'string' ? ` ${code}` : ''}: ${error.message}${error.requestId ? ` [request ${error.requestId}]` : ''}`;
}

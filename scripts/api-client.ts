// The tests' raw HTTP helper: sends exactly what it is given (any path, a malformed body, odd headers) once, and
// returns whatever comes back, status, headers and bytes, for tests that check the API's refusals byte by byte.
// Everything else (the CLI, the demo, the benchmarks) builds requests from the contract's routes and sends them with
// the shared Node transport (shared/src/api/client/fetch.ts; scripts/emulator-api.ts). One connection per request:
// a pooled keep-alive socket that the server closes while the caller is busy would otherwise fail the next request.
import { request } from 'node:http';
import { request as requestTls } from 'node:https';
import { TimeoutError } from '../shared/src/api/client/network';
import { errorLine } from '../shared/src/api/client/platform-error';

export interface RawResponse {
  status: number;
  headers: Headers;
  bytes: Buffer;
}
/** `body` is the parsed JSON (or the text): callers name its type, unchecked, or read it as unknown. */
export interface ApiResponse<T = unknown> extends RawResponse {
  body: T;
}

/** A body labelled JSON that is not (a proxy's page): kept as text, and reported by its status alone. */
const parseOrText = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

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

/** An error answer in one line (shared/src/api/client/platform-error.ts says how). */
export const errorMessage = (res: ApiResponse): string => errorLine(res.status, res.body);

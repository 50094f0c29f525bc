// The raw sender under the emulator tests' client: any method, path, headers and bytes, no retry, the answer as it
// came (status, headers, bytes). Tests that send bad bytes, headers or paths use it directly (./client.ts `raw`).
// One connection per request: a pooled keep-alive socket that the server closes while the test is busy (LibreOffice,
// a held lock) would otherwise fail the next request.
import { request } from 'node:http';
import { mintIdToken, type TokenClaims } from '../../../scripts/emulator-key';

export interface RawReply {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

export interface RawOptions {
  /** The caller: an email or token claims, signed with the key the emulator accepts. */
  as?: string | TokenClaims;
  /** JSON, sent with Content-Type: application/json. */
  body?: unknown;
  /** Bytes sent as they are, with only the headers given. */
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
  /** No answer by then: the request fails (the answer of a proxy that never ends a broken stream). */
  timeoutMs?: number;
}

export const tokenOf = (as: string | TokenClaims): string => mintIdToken(typeof as === 'string' ? { email: as } : as);

export function sendRaw(method: string, url: string, opts: RawOptions = {}): Promise<RawReply> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.as) headers.authorization = `Bearer ${tokenOf(opts.as)}`;
  let body = opts.rawBody;
  if (body === undefined && opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
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
    const ms = opts.timeoutMs;
    if (ms) req.setTimeout(ms, () => req.destroy(new Error(`no answer within ${Math.round(ms / 1000)} s`)));
    req.end(body);
  });
}

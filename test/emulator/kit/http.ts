// The raw sender under the emulator tests' client: any method, path, headers and bytes, no retry, the answer as it
// came (status, headers, bytes). Tests that send bad bytes, headers or paths use it directly (./client.ts `raw`).
// One connection per request (scripts/api-client.ts `send`).
import { type RawResponse, send } from '../../../scripts/api-client';
import { mintIdToken, type TokenClaims } from '../../../scripts/emulator-key';

export type RawReply = RawResponse;

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
  return send(method, url, headers, body, opts.timeoutMs);
}

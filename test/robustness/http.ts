// Sends one request and times it. A request not answered within `hangMs` is a hang; the client still waits for
// the real end (up to `giveUpMs`, past the function's own 120 s timeout) so that whatever it writes late is seen in
// its own batch's database snapshot, not blamed on a later batch.
import { request } from 'node:http';

export interface Answer {
  /** 0 when no response came (connection reset, gave up). */
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  ms: number;
  hung: boolean;
  /** Socket error or give-up, when there was no response. */
  error?: string;
}

export function sendRaw(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: string | Buffer,
  opts: { hangMs: number; giveUpMs: number },
): Promise<Answer> {
  const started = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (a: Omit<Answer, 'ms' | 'hung'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(giveUp);
      const ms = Date.now() - started;
      resolve({ ...a, ms, hung: ms > opts.hangMs });
    };
    let req: ReturnType<typeof request>;
    try {
      req = request(url, { method, headers, agent: false }, onResponse);
    } catch (e) {
      // Node refuses some paths or headers before sending: the request never left, so it is not the server's fault.
      resolve({
        status: 0,
        headers: {},
        body: Buffer.alloc(0),
        ms: 0,
        hung: false,
        error: `client: ${(e as Error).message}`,
      });
      return;
    }
    function onResponse(res: import('node:http').IncomingMessage) {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e) =>
        finish({
          status: res.statusCode ?? 0,
          headers: flat(res.headers),
          body: Buffer.concat(chunks),
          error: e.message,
        }),
      );
      res.on('end', () =>
        finish({ status: res.statusCode ?? 0, headers: flat(res.headers), body: Buffer.concat(chunks) }),
      );
    }
    const giveUp = setTimeout(() => {
      req.destroy();
      finish({ status: 0, headers: {}, body: Buffer.alloc(0), error: `no answer in ${opts.giveUpMs} ms` });
    }, opts.giveUpMs);
    // A server that answers (413) before reading the whole body may reset the socket while we still write: the
    // response, if any, is what counts.
    req.on('error', (e) =>
      setTimeout(() => finish({ status: 0, headers: {}, body: Buffer.alloc(0), error: e.message }), 200),
    );
    req.end(body);
  });
}

function flat(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

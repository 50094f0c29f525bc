// Why a send had no answer, in words a person can act on: refused, no such host, timed out... Node's fetch throws
// "fetch failed" with the system error as its cause; Apps Script throws a plain Error whose message says it all.

/** No byte of the answer came within the time limit (Node's transport aborts the send with it). */
export class TimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${Math.round(timeoutMs / 1000)} s`);
    this.name = 'TimeoutError';
  }
}

interface SystemError {
  code?: unknown;
  hostname?: unknown;
  message?: unknown;
  cause?: unknown;
}

const host = (e: SystemError): string => (typeof e.hostname === 'string' ? ` ${e.hostname}` : '');

/** The error that says what happened: fetch's cause when it has a system error code, else the error itself. */
function rootOf(thrown: unknown): SystemError {
  const e = (typeof thrown === 'object' && thrown !== null ? thrown : { message: String(thrown) }) as SystemError;
  const cause = e.cause as SystemError | undefined;
  return typeof cause === 'object' && cause !== null && (cause.code !== undefined || e.code === undefined) ? cause : e;
}

export function networkReason(thrown: unknown): string {
  if (thrown instanceof TimeoutError) return thrown.message;
  const e = rootOf(thrown);
  if (e instanceof TimeoutError) return e.message;
  switch (e.code) {
    case 'ECONNREFUSED':
      return 'connection refused (nothing listens at that address and port)';
    case 'ENOTFOUND':
      return `no such host${host(e)} (DNS)`;
    case 'EAI_AGAIN':
      return `the host name${host(e)} could not be looked up (DNS, EAI_AGAIN)`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'the connection was closed before an answer came';
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `no route or no answer (${e.code})`;
    default:
      return typeof e.code === 'string' ? `${String(e.message)} (${e.code})` : String(e.message ?? thrown);
  }
}

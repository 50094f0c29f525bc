// Error answers that are not the API's own JSON error: something in front of the Qualcard handler answered (the
// functions framework refusing a body it could not parse, Cloud Run's front end, the emulator). Their bodies are
// HTML pages (in the emulator with a stack trace and file paths): never shown, the status says what happened.
// No imports: every client of the API reads error answers through it.

const REFUSED = 'the request body was refused before reaching Qualcard';
const WHY: Record<number, string> = {
  400: `${REFUSED}: invalid JSON`,
  404: 'there is no Qualcard API at this address: check the endpoint URL',
  413: `${REFUSED}: the body is too large`,
  415: `${REFUSED}: unsupported character set or content encoding`,
  429: 'the platform is limiting requests: try again in a minute',
};

/** What a non-JSON (or non-API JSON) error answer means, from its status alone. */
export function platformErrorMessage(status: number): string {
  const why =
    WHY[status] ??
    (status >= 500
      ? 'the Qualcard service did not answer itself: unavailable, overloaded or timed out, try again later'
      : 'the platform refused the request before it reached Qualcard');
  return `HTTP ${status} from the server (not the API's JSON error; ${why})`;
}

/** The API's own error in a parsed body ({error: {message, requestId?}}), or undefined for anything else. */
export function apiErrorOf(body: unknown): { message: string; requestId?: string } | undefined {
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
  if (typeof message !== 'string') return undefined;
  const requestId = (error as { requestId?: unknown }).requestId;
  return typeof requestId === 'string' ? { message, requestId } : { message };
}

/**
 * An error answer in one line: the API's own JSON error (status, code, message, request id), or, for an answer from
 * the platform in front of the function (an HTML page, in the emulator with a stack trace), what its status means.
 */
export function errorLine(status: number, body: unknown): string {
  const error = apiErrorOf(body);
  if (!error) return platformErrorMessage(status);
  const code = (body as { error: { code?: unknown } }).error.code;
  const requestId = error.requestId ? ` [request ${error.requestId}]` : '';
  return `HTTP ${status}${typeof code === 'string' ? ` ${code}` : ''}: ${error.message}${requestId}`;
}

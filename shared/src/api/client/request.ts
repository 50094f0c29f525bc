// A call of the API as plain data (pure, testable): built from a route of the contract, sent by a transport
// (./urlfetch.ts in the add-on, ./fetch.ts in Node), its answer parsed into data or an ApiError a person can act on.
import type { AnyRoute, BodyOf, Method, ParamsOf, QueryOf } from '../route';
import { isFileAnswer, pathOf } from '../route';
import { apiErrorOf, platformErrorMessage } from './platform-error';

export interface ApiRequest {
  method: Method;
  url: string;
  /** The route's name, for messages. */
  route: string;
  body?: unknown;
  /** Expect bytes (a file) rather than JSON. */
  binary?: boolean;
  /** The server replays it when it is sent again: safe to retry (GETs always are). */
  idempotent?: boolean;
}

/** What to send with a route: its path parameters, and its body and query when it has them. */
export type CallOf<R extends AnyRoute> = { params: ParamsOf<R>; query?: QueryOf<R> } & (unknown extends BodyOf<R>
  ? { body?: undefined }
  : { body: BodyOf<R> });

export const rootOf = (baseUrl: string): string => baseUrl.replace(/\/+$/, '');

/** The request for a call of `route` on the functions at `baseUrl`. */
export function requestFor<R extends AnyRoute>(baseUrl: string, route: R, call: CallOf<R>): ApiRequest {
  return {
    method: route.method,
    url: rootOf(baseUrl) + pathOf(route, call.params, call.query),
    route: route.name,
    ...(call.body !== undefined ? { body: call.body } : {}),
    ...(isFileAnswer(route.answer) ? { binary: true } : {}),
    ...(route.idempotent ? { idempotent: true } : {}),
  };
}

export class ApiError extends Error {
  /**
   * status 0: no HTTP answer (the service could not be reached), and `thrown` is what the last send threw.
   * attempts: how many sends it took to give up.
   */
  constructor(
    readonly status: number,
    message: string,
    readonly attempts = 1,
    readonly thrown?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const HINT: Record<number, string> = {
  401: ' (sign in again, or ask the sponsor to add you)',
  403: ' (your account has no access to this)',
  429: ' (the service is busy: try again in a minute)',
};

/** Turns a JSON answer into data, or an ApiError whose message a person can act on (never an HTML page). */
export function parseAnswer<T>(status: number, text: string): T {
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    json = undefined;
  }
  if (status >= 200 && status < 300) {
    if (json === undefined)
      throw new ApiError(
        status,
        `HTTP ${status} from the server is not JSON, so not the Qualcard API: check the endpoint URL`,
      );
    return json as T;
  }
  const error = apiErrorOf(json);
  if (!error) throw new ApiError(status, platformErrorMessage(status));
  const requestId = error.requestId ? ` [request ${error.requestId}]` : '';
  throw new ApiError(status, `Qualcard service error ${status}: ${error.message}${HINT[status] ?? ''}${requestId}`);
}

/** A downloaded file (bytes as base64), as a transport returns it for a `binary` request. */
export interface FileAnswer {
  base64: string;
  contentType: string;
  bytes: number;
  /** From Content-Disposition, when the server names the file. */
  fileName?: string;
}

/** The file name in a Content-Disposition header (`attachment; filename="x.xlsx"`). */
export function fileNameOf(disposition: string | undefined): string | undefined {
  const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition ?? '');
  return m ? decodeURIComponent(m[1]!) : undefined;
}

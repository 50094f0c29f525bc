// Calls of the contract's routes on the Firebase emulators as a named person (an ID token the emulators accept),
// for the demo and the benchmarks: requests built from shared/src/api/routes.ts and sent by the shared Node
// transport (retried as the add-on's are). scripts/api-client.ts is only the tests' raw HTTP helper.
import {
  callWithFetch,
  type FetchOptions,
  fetchAnswer,
  type RawAnswer,
  type Received,
} from '../shared/src/api/client/fetch';
import { errorLine } from '../shared/src/api/client/platform-error';
import { type CallOf, requestFor } from '../shared/src/api/client/request';
import type { AnyRoute } from '../shared/src/api/route';
import { mintIdToken } from './emulator-key';

export function functionsBaseUrl(projectId = process.env.GCLOUD_PROJECT ?? 'demo-qualcard'): string {
  const host = process.env.FUNCTIONS_EMULATOR_HOST ?? '127.0.0.1:5001';
  return `http://${host}/${projectId}/us-central1/api`;
}

export interface AsOptions extends FetchOptions {
  /** The functions' URL when not the emulators' (a benchmark's in-process server). */
  baseUrl?: string;
}

/** A call of `route` as `email`, its answer checked against the route; an error says which call, as whom. */
export async function callAs<R extends AnyRoute>(
  email: string,
  route: R,
  call: CallOf<R>,
  opts: AsOptions = {},
): Promise<Received<R>> {
  try {
    return await callWithFetch(opts.baseUrl ?? functionsBaseUrl(), route, call, mintIdToken({ email }), opts);
  } catch (e) {
    throw new Error(`${route.method} ${route.name} as ${email}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The answer of a call as it came, whatever its status (a refusal the caller expects, bytes it times). */
export function answerAs<R extends AnyRoute>(
  email: string,
  route: R,
  call: CallOf<R>,
  opts: AsOptions = {},
): Promise<RawAnswer> {
  return fetchAnswer(requestFor(opts.baseUrl ?? functionsBaseUrl(), route, call), mintIdToken({ email }), opts);
}

/** What an error answer says, in one line (the API's JSON error, or what the status means for a platform page). */
export function failureOf(res: RawAnswer): string {
  const text = res.bytes.toString('utf8');
  try {
    return errorLine(res.status, JSON.parse(text));
  } catch {
    return errorLine(res.status, text);
  }
}

/**
 * The answer as it came, unread (a benchmark times the call, not the reading of its answer), when its status is one
 * of the route's; else an error saying what the API said.
 */
export async function okAs<R extends AnyRoute>(
  email: string,
  route: R,
  call: CallOf<R>,
  opts: AsOptions = {},
): Promise<RawAnswer> {
  const res = await answerAs(email, route, call, opts);
  if (route.statuses.includes(res.status)) return res;
  throw new Error(`${route.method} ${route.name} as ${email}: ${failureOf(res)}`);
}

// The one request-and-retry loop, written once for both transports: a generator that asks its driver to send or to
// wait, and is told what each send ended with. The add-on drives it synchronously (UrlFetchApp, Utilities.sleep),
// Node asynchronously (fetch, a timer). ./retry.ts decides when and how long.
import { ApiError, type ApiRequest } from './request';
import { decideRetry, giveUpNote, type Outcome, RETRY_POLICY, type RetryPolicy, unreachable } from './retry';

export type Step = { send: true } | { waitMs: number };
/** The last send's outcome, how many sends it took, and why no further one was made (for the error). */
export interface Ended {
  outcome: Outcome;
  attempt: number;
  note: string;
}

export function* exchange(
  req: ApiRequest,
  policy: RetryPolicy = RETRY_POLICY,
  clock: () => number = Date.now,
  random: () => number = Math.random,
): Generator<Step, Ended, Outcome | undefined> {
  const started = clock();
  for (let attempt = 1; ; attempt += 1) {
    const outcome = yield { send: true };
    if (!outcome) throw new Error('exchange: the driver sent no outcome');
    const now = clock();
    const decision = decideRetry(
      req,
      outcome,
      { attempt, elapsedMs: now - started, nowMs: now, random: random() },
      policy,
    );
    if (!decision.retry) return { outcome, attempt, note: giveUpNote(decision.why, attempt) };
    yield { waitMs: decision.delayMs };
  }
}

/** What a driver does with the end of an exchange: an unreachable service throws; an answer is read. */
export function endOf(req: ApiRequest, ended: Ended): { status: number } {
  if ('thrown' in ended.outcome) throw unreachable(req, ended.outcome.thrown, ended.attempt, ended.note);
  return { status: ended.outcome.status };
}

/** An ApiError from reading the answer, with why it was not sent again. */
export function withNote(e: unknown, ended: Pick<Ended, 'attempt' | 'note'>): unknown {
  return e instanceof ApiError && ended.note ? new ApiError(e.status, `${e.message}; ${ended.note}`, ended.attempt) : e;
}

// Runs bad requests against the emulators in batches: a database snapshot before and after each batch, requests
// in a batch sent a few at a time. Every answer must be a 4xx with a JSON error body, in time; a batch after which
// the database differs is replayed from the snapshot before it to find the request(s) that wrote.
import fc from 'fast-check';
import { apiUrl } from '../emulator/helpers/env';
import { diff, restore, type Snapshot, snapshot } from './database';
import type { Endpoint } from './endpoints';
import { type BadRequest, badRequests } from './generators';
import { type Answer, sendRaw } from './http';
import { abbreviate } from './json';
import { Tokens } from './tokens';

/**
 * ok        4xx, JSON, `{error: {status, code, message}}` (or, for a request expected to change nothing, a 200)
 * platform  4xx that never reached the function (no X-Request-Id: the emulator's own body parser or HTTP server)
 * the rest are failures: 5xx, non-json (a 4xx from the function that is not JSON), bad-error-shape, accepted (a bad
 * request answered 1xx-3xx), hang (no answer within the time limit), no-response (connection closed, no answer).
 */
export type Verdict = 'ok' | 'platform' | '5xx' | 'non-json' | 'bad-error-shape' | 'accepted' | 'hang' | 'no-response';
export const FAILURES: Verdict[] = ['5xx', 'non-json', 'bad-error-shape', 'accepted', 'hang', 'no-response'];

export interface Result {
  request: BadRequest;
  status: number;
  verdict: Verdict;
  /** Whether the answer came from the function (it sets X-Request-Id on every answer). */
  reached: boolean;
  ms: number;
  /** The start of the answer's body, for reports. */
  answer: string;
  /** Documents this request added (+), changed (~) or removed (-). */
  wrote?: string[];
  /** The body, abbreviated, for failures and platform answers. */
  preview?: string;
}

export interface RunOptions {
  concurrency: number;
  batchSize: number;
  hangMs: number;
  giveUpMs: number;
}

export class Runner {
  readonly tokens = new Tokens();
  /** Writes seen in a batch that no single request reproduced on replay. */
  readonly unattributed: { endpoint: string; changes: string[] }[] = [];
  /** Where the time went: sending batches, snapshots around them, replaying batches that wrote. */
  readonly time = { sending: 0, snapshots: 0, replaying: 0, batches: 0, replayed: 0 };
  /** Requests the emulator's proxy failed to hand over once (sent again; see `send`). */
  readonly proxyRetries: string[] = [];

  constructor(readonly opts: RunOptions) {}

  /**
   * Sends one request. When the emulator's proxy could not hand it to the function (PROXY_ERROR), it is sent once
   * more, alone, after a pause: an answer from the function then is the verdict (the proxy's failure was the
   * platform's, and is counted in `proxyRetries`); the same failure again is reported as the 5xx it is.
   */
  async send(r: BadRequest): Promise<Result> {
    const first = await this.sendOnce(r);
    if (first.reached || first.status !== 500 || !PROXY_ERROR.test(first.answer)) return first;
    this.proxyRetries.push(`${r.endpoint}: ${first.answer} on ${r.faults.map((f) => f.kind).join(' + ')}`);
    await new Promise((done) => setTimeout(done, 2000));
    return this.sendOnce(r);
  }

  private async sendOnce(r: BadRequest): Promise<Result> {
    const headers: Record<string, string> = {};
    const auth = this.tokens.authorization(r.caller, r.token);
    if (auth !== undefined) headers.authorization = auth;
    if (r.contentType !== null) headers['content-type'] = r.contentType;
    const trace = process.env.QUALCARD_ROBUSTNESS_TRACE === '1';
    const what = `${r.endpoint} ${r.faults.map((f) => `${f.kind} [${f.detail}]`).join('; ')} (${r.body.length} bytes)`;
    if (trace) process.stderr.write(`-> ${what}\n`);
    const a = await sendRaw(`${apiUrl()}${r.path}`, r.method, headers, r.body, this.opts);
    if (trace) process.stderr.write(`<- ${a.status || a.error} in ${a.ms} ms: ${what}\n`);
    return { request: r, ...judge(a, r.expect) };
  }

  /** One batch: snapshot, send (a few at a time), snapshot; on a difference, find who wrote. */
  async batch(requests: BadRequest[]): Promise<Result[]> {
    let t = Date.now();
    const before = await snapshot();
    this.time.snapshots += Date.now() - t;
    t = Date.now();
    const results = await inTurn(requests, this.opts.concurrency, (r) => this.send(r));
    this.time.sending += Date.now() - t;
    t = Date.now();
    const after = await snapshot();
    this.time.snapshots += Date.now() - t;
    this.time.batches++;
    if (results.some((r) => /ECONNREFUSED/.test(r.answer)) && !(await this.alive()))
      throw new Error(
        `the Functions emulator stopped answering during a batch of ${requests[0]?.endpoint} requests (a platform failure)`,
      );
    if (after.hash !== before.hash) {
      t = Date.now();
      await this.localise(before, results, diff(before, after));
      this.time.replaying += Date.now() - t;
      this.time.replayed++;
    }
    return results;
  }

  /**
   * Starts the Functions emulator's workers one at a time, up to the concurrency: it starts a worker process for
   * each request that finds none idle, and several starting at once on a loaded machine miss its start-up deadline
   * (FUNCTIONS_DISCOVERY_TIMEOUT, 30 s by default); the requests they were for are then never answered.
   */
  async warmUp(): Promise<void> {
    const opts = { ...this.opts, giveUpMs: 60_000 };
    for (let n = 1, attempt = 1; n <= this.opts.concurrency; attempt++) {
      const answers = await Promise.all(
        Array.from({ length: n }, () => sendRaw(`${apiUrl()}/v1/health`, 'GET', {}, '', opts)),
      );
      if (answers.every((a) => a.status === 200)) [n, attempt] = [n + 1, 0];
      else if (attempt === 3)
        throw new Error(`warming up ${n} Functions emulator workers: ${answers.map((a) => a.status || a.error)}`);
    }
  }

  /** Whether the Functions emulator still answers its health endpoint. */
  async alive(): Promise<boolean> {
    const a = await sendRaw(`${apiUrl()}/v1/health`, 'GET', {}, '', this.opts);
    return a.status === 200;
  }

  /** `count` generated bad requests for an endpoint, in batches; `onBatch` hears about progress. */
  async endpoint(
    e: Endpoint,
    count: number,
    seed: number,
    onBatch?: (done: number, results: Result[]) => void,
  ): Promise<Result[]> {
    const arbitrary = badRequests(e);
    const all: Result[] = [];
    for (let done = 0, b = 0; done < count; b++) {
      const n = Math.min(this.opts.batchSize, count - done);
      const requests = fc.sample(arbitrary, { numRuns: n, seed: seed + b });
      const results = await this.batch(requests);
      all.push(...results.map(compact));
      done += n;
      onBatch?.(done, results);
    }
    return all;
  }

  /**
   * Puts the database back as it was before the batch and replays from there until the batch's changes are
   * explained: first each accepted request alone (fast, and surely writers), then the other failures together
   * (fast ones, then slow ones), then the rest together, halving a group while it still writes. A refused request whose writes only touch
   * documents an accepted request of the same batch also wrote is not told apart.
   */
  private async localise(before: Snapshot, results: Result[], changes: string[]): Promise<void> {
    await restore(before);
    const explained = new Set<string>();
    const covered = () => changes.every((c) => explained.has(c.slice(1)));
    const accepted = results.filter((r) => r.verdict === 'accepted');
    const failed = results.filter((r) => r.verdict !== 'accepted' && r.verdict !== 'ok' && r.verdict !== 'platform');
    const rest = results.filter((r) => r.verdict === 'ok' || r.verdict === 'platform');
    for (const r of accepted) await this.replay(before, [r], explained);
    // Slow failures (a 500 after the client library's retries) are replayed last: each round waits for them.
    for (const group of [failed.filter((r) => r.ms < 1000), failed.filter((r) => r.ms >= 1000), rest])
      if (!covered()) await this.replay(before, group, explained);
    if (!covered())
      this.unattributed.push({
        endpoint: results[0]?.request.endpoint ?? '?',
        changes: changes.filter((c) => !explained.has(c.slice(1))).slice(0, 20),
      });
  }

  private async replay(before: Snapshot, group: Result[], explained: Set<string>): Promise<void> {
    if (!group.length) return;
    await inTurn(
      group.map((r) => r.request),
      this.opts.concurrency,
      (r) => this.send(r),
    );
    const after = await snapshot();
    if (after.hash === before.hash) return;
    const changes = diff(before, after);
    await restore(before);
    if (group.length === 1) {
      group[0]!.wrote = changes;
      for (const c of changes) explained.add(c.slice(1));
      return;
    }
    const half = Math.ceil(group.length / 2);
    await this.replay(before, group.slice(0, half), explained);
    await this.replay(before, group.slice(half), explained);
  }
}

/**
 * The Functions emulator's proxy answers a 500 of its own, with the socket error as JSON, when it cannot hand the
 * request to its worker (`write EPIPE`: the worker's connection closed before the body was written), and kills that
 * worker. The function never saw the request (no X-Request-Id).
 */
export const PROXY_ERROR = /^\{"errno":-?\d+,"code":"(EPIPE|ECONNRESET)","syscall":"write"\}$/;

/** The verdict on one answer; `expect: 'no-op'` takes a 200 (the database is checked apart). */
export function judge(a: Answer, expect?: 'no-op'): Omit<Result, 'request'> {
  const reached = a.headers['x-request-id'] !== undefined;
  const text = a.body.toString('utf8');
  const base = { status: a.status, reached, ms: a.ms, answer: a.error ?? text.slice(0, 300) };
  const verdict = ((): Verdict => {
    if (a.hung) return 'hang';
    if (a.status === 0) return 'no-response';
    if (a.status >= 500) return '5xx';
    if (a.status === 200 && expect === 'no-op') return 'ok';
    if (a.status < 400) return 'accepted';
    if (!reached) return 'platform';
    if (!/^application\/json\b/i.test(a.headers['content-type'] ?? '')) return 'non-json';
    return isErrorBody(text, a.status) ? 'ok' : 'bad-error-shape';
  })();
  return { ...base, verdict };
}

function isErrorBody(text: string, status: number): boolean {
  try {
    const e = (JSON.parse(text) as { error?: { status?: unknown; code?: unknown; message?: unknown } }).error;
    return e?.status === status && typeof e.code === 'string' && typeof e.message === 'string';
  } catch {
    return false;
  }
}

/** What reports need: a readable form of the body, and the body itself only while it is small. */
export function compact(r: Result): Result {
  const interesting = r.verdict !== 'ok' || r.wrote !== undefined;
  const preview = interesting ? previewOf(r.request.body) : undefined;
  if (r.request.body.length <= 64 * 1024) return { ...r, ...(preview ? { preview } : {}) };
  return { ...r, request: { ...r.request, body: '' }, ...(preview ? { preview } : {}) };
}

/** The body with long strings and deep nesting summarised (`<"n" x 1200000>`), or the start of a non-JSON body. */
export function previewOf(body: string | Buffer): string {
  const text = body.toString();
  try {
    return JSON.stringify(abbreviate(JSON.parse(text)));
  } catch {
    return text.length > 200
      ? `${JSON.stringify(text.slice(0, 200))}... (${text.length} bytes, not JSON)`
      : JSON.stringify(text);
  }
}

/** Bodies past this size are sent alone (see `inTurn`). */
export const ALONE_BYTES = 64 * 1024;

/**
 * Sends the requests in order, small ones `concurrency` at a time and each large one alone: with several large
 * bodies in flight the Functions emulator's proxy fails (EPIPE) and exits, while small ones in parallel keep the
 * emulator's processes busy on a loaded machine (one at a time, each waits its turn for the CPU at every hop).
 */
export async function inTurn<R>(
  requests: BadRequest[],
  concurrency: number,
  work: (r: BadRequest) => Promise<R>,
): Promise<R[]> {
  const out: R[] = [];
  let small: BadRequest[] = [];
  const flush = async () => {
    out.push(...(await pool(small, concurrency, work)));
    small = [];
  };
  for (const r of requests) {
    if (Buffer.byteLength(r.body) <= ALONE_BYTES) {
      small.push(r);
      continue;
    }
    await flush();
    out.push(await work(r));
  }
  await flush();
  return out;
}

export async function pool<T, R>(items: T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return out;
}

// The whole suite, for the command line (run.ts) and the emulator test tier (test/emulator/robustness.test.ts):
// seed the cohort, check each endpoint's base request is accepted, send the generated bad requests and the manual
// finding's cases, and report.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { seedCohort } from './cohort';
import { diff, restore, type Snapshot, snapshot } from './database';
import { ENDPOINTS, type Endpoint } from './endpoints';
import { findings } from './findings';
import { toRequest } from './generators';
import { failed, failureGroups, figureLine, table, tally } from './report';
import { compact, type Result, Runner, type RunOptions } from './runner';

export interface SuiteOptions extends RunOptions {
  /** Bad requests generated per endpoint. */
  runs: number;
  seed: number;
  /** Endpoint names to run (all when empty). */
  only: string[];
  /** Include the slow cases of the manual finding (each holds the function for its 120 s timeout today). */
  fullFindings: boolean;
  log: (line: string) => void;
}

export interface SuiteResult {
  results: Result[];
  failures: Result[];
  report: string[];
  figure: string;
}

export function optionsFromEnv(defaults: Partial<SuiteOptions> = {}): SuiteOptions {
  const num = (name: string, fallback: number) => {
    const v = process.env[name];
    return v === undefined || v === '' ? fallback : Number(v);
  };
  return {
    runs: num('QUALCARD_ROBUSTNESS_RUNS', defaults.runs ?? 10_000),
    seed: num('QUALCARD_ROBUSTNESS_SEED', defaults.seed ?? Date.now() % 2 ** 31),
    // Small bodies 4 at a time, large ones alone (runner.ts, inTurn): with several large bodies in flight the
    // emulator's proxy fails (EPIPE) and exits; one at a time leaves the 2 cores idle between hops.
    concurrency: num('QUALCARD_ROBUSTNESS_CONCURRENCY', defaults.concurrency ?? 4),
    batchSize: num('QUALCARD_ROBUSTNESS_BATCH', defaults.batchSize ?? 200),
    hangMs: num('QUALCARD_ROBUSTNESS_TIMEOUT_MS', defaults.hangMs ?? 30_000),
    giveUpMs: defaults.giveUpMs ?? 150_000,
    only: (process.env.QUALCARD_ROBUSTNESS_ENDPOINTS ?? '').split(',').filter(Boolean),
    fullFindings: process.env.QUALCARD_ROBUSTNESS_FULL_FINDINGS
      ? process.env.QUALCARD_ROBUSTNESS_FULL_FINDINGS === '1'
      : (defaults.fullFindings ?? true),
    log: defaults.log ?? ((line) => process.stderr.write(`${line}\n`)),
  };
}

/**
 * Sends each endpoint's valid base request once, then puts the seeded data back. It must be accepted: otherwise the
 * faults would be added to a request that is already refused, and prove nothing. A route that is not deployed yet
 * (an optional endpoint answered by the router's 404) is noted instead.
 */
async function baseChecks(runner: Runner, seeded: Snapshot, endpoints: Endpoint[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const e of endpoints.flatMap((x) => [x, ...(x.variants ?? [])])) {
    const r = await runner.send(toRequest(e, e.base(), []));
    const after = await snapshot();
    if (after.hash !== seeded.hash) await restore(seeded);
    if (r.status >= 200 && r.status < 300) continue;
    const problem = `its valid base request${e.variant ? ` (${e.variant})` : ''} got ${r.status}: ${r.answer.slice(0, 160)}`;
    if (!e.optional) throw new Error(`${e.name}: ${problem}`);
    const absent = r.status === 404 && /no endpoint/.test(r.answer);
    out.set(
      e.name,
      absent ? ' (route absent: answered by the router 404, JSON; its own checks were not exercised)' : ` (${problem})`,
    );
  }
  return out;
}

/** Bad findings go in batches like generated requests; extreme valid ones one at a time (they may write). */
async function runFindings(runner: Runner, seeded: Snapshot, o: SuiteOptions): Promise<Result[]> {
  const all = findings(o.fullFindings).filter((f) => !o.only.length || o.only.includes(f.request.endpoint));
  const bad = all.filter((f) => f.expect === 'reject').map((f) => f.request);
  const out: Result[] = [];
  for (let i = 0; i < bad.length; i += o.batchSize) out.push(...(await runner.batch(bad.slice(i, i + o.batchSize))));
  for (const f of all.filter((x) => x.expect === 'no-5xx')) {
    const r = await runner.send(f.request);
    const after = await snapshot();
    const accepted = r.verdict === 'accepted';
    if (after.hash !== seeded.hash) {
      if (!accepted) r.wrote = diff(seeded, after);
      await restore(seeded);
    }
    out.push({ ...r, verdict: accepted ? 'ok' : r.verdict });
  }
  return out.map(compact);
}

export async function runSuite(o: SuiteOptions): Promise<SuiteResult> {
  const endpoints = ENDPOINTS.filter((e) => !o.only.length || o.only.includes(e.name));
  const runner = new Runner(o);
  o.log(`robustness: seed ${o.seed}, ${o.runs} per endpoint, concurrency ${o.concurrency}, batches of ${o.batchSize}`);
  await runner.warmUp();
  await seedCohort();
  const seeded = await snapshot();
  const notes = await baseChecks(runner, seeded, endpoints);
  const results: Result[] = [];
  const timing = new Map<string, number>();
  const started = Date.now();
  for (const [i, e] of endpoints.entries()) {
    const t0 = Date.now();
    const rs = await runner.endpoint(e, o.runs, o.seed + i * 1_000_003, (done, batch) => {
      if (done % 1000 === 0 || done === o.runs)
        o.log(
          `  ${e.name}: ${done}/${o.runs}, ${rate(done, t0)} req/s, failures so far ${batch.filter(failed).length} in the last batch`,
        );
    });
    timing.set(e.name, Date.now() - t0);
    results.push(...rs);
  }
  const t0 = Date.now();
  results.push(...(await runFindings(runner, seeded, o)));
  timing.set('findings', Date.now() - t0);
  if (!(await runner.alive()))
    notes.set('platform', 'the Functions emulator stopped answering after the last findings (a platform failure)');
  return summarise(results, runner, notes, timing, Date.now() - started);
}

const sec = (ms: number) => (ms / 1000).toFixed(1);
const rate = (n: number, since: number) => (n / ((Date.now() - since) / 1000)).toFixed(1);

function summarise(
  results: Result[],
  runner: Runner,
  notes: Map<string, string>,
  timing: Map<string, number>,
  totalMs: number,
): SuiteResult {
  const byEndpoint = tally(results, (r) => [
    r.request.faults.some((f) => /^(finding|edge):/.test(f.kind))
      ? `${r.request.endpoint} (findings)`
      : r.request.endpoint,
  ]);
  const byVariant = tally(
    results.filter((r) => r.request.variant),
    (r) => [`${r.request.endpoint} [${r.request.variant}]`],
  );
  const byKind = tally(results, (r) => [
    ...new Set(r.request.faults.map((f) => f.kind.replace(/^(finding|edge):.*/, '$1'))),
  ]);
  const failures = results.filter(failed);
  const platform = results.filter((r) => r.verdict === 'platform');
  const perSecond = (name: string) => {
    const ms = timing.get(name);
    const t = byEndpoint.get(name);
    return ms && t ? `  [${(t.sent / (ms / 1000)).toFixed(1)} req/s]${notes.get(name) ?? ''}` : (notes.get(name) ?? '');
  };
  const report = [
    '',
    ...table('endpoint', byEndpoint, perSecond),
    ...(byVariant.size ? ['', ...table('base request', byVariant)] : []),
    '',
    ...table('fault kind', new Map([...byKind.entries()].sort(([a], [b]) => (a < b ? -1 : 1)))),
    '',
    `failures (${failures.length}; grouped by endpoint | verdict | status | faults, smallest example first):`,
    ...failureGroups(results, failed),
    '',
    `platform answers (${platform.length}): 4xx that never reached the function (no X-Request-Id), not counted as failures:`,
    ...(notes.has('platform') ? [`  ${notes.get('platform')}`] : []),
    ...failureGroups(results, (r) => r.verdict === 'platform'),
    ...(runner.proxyRetries.length
      ? [
          '',
          `sent twice (${runner.proxyRetries.length}): the emulator's proxy failed to hand the request to the function, the second answer counts:`,
          ...runner.proxyRetries.slice(0, 20).map((line) => `  ${line}`),
        ]
      : []),
    ...(runner.unattributed.length
      ? [
          '',
          'writes no single request reproduced:',
          ...runner.unattributed.map((u) => `  ${u.endpoint}: ${u.changes.join(' ')}`),
        ]
      : []),
    '',
    `time: ${(totalMs / 1000).toFixed(1)} s for ${results.length} requests, ${(results.length / (totalMs / 1000)).toFixed(1)} req/s` +
      ` (sending ${sec(runner.time.sending)} s, snapshots ${sec(runner.time.snapshots)} s, replaying ${runner.time.replayed}` +
      ` of ${runner.time.batches} batches to find writers ${sec(runner.time.replaying)} s)`,
  ];
  writeArtifact(failures, platform);
  return { results, failures, report, figure: figureLine(results) };
}

function writeArtifact(failures: Result[], platform: Result[]): void {
  const dir = resolve(__dirname, '..', '..', 'test-artifacts', 'robustness');
  mkdirSync(dir, { recursive: true });
  const plain = (r: Result) => ({
    ...r,
    request: { ...r.request, body: r.request.body.length > 4096 ? undefined : r.request.body.toString() },
  });
  writeFileSync(
    resolve(dir, 'failures.json'),
    JSON.stringify({ failures: failures.map(plain), platform: platform.map(plain) }, null, 1),
  );
}

// Scale benchmark (npm run bench:scale, inside the emulators). Prints times, peak heaps, ratios and Firestore reads
// and writes; asserts nothing. Steps run in the order 2, 3, 1, 4 (syncs while the emulator is still small).
//  1. Cohort report at 1,000, 10,000 and 100,000 apprentices (100 sponsors of 1,000; the report covers the first
//     1, 10 and 100): exceljs' streaming WorkbookWriter fed from Firestore pages (the route's own code:
//     cohortEntries + writeCohortReport) against the in-memory Workbook over the same rows, each run in a fresh
//     Node process (--expose-gc, heapUsed sampled every 5 ms); then 10,000 through the API (functions emulator).
//  2. A sync of 1,000 apprentices as the add-on sends them (one request of up to the API's 500 records) against one
//     request per roster row (one apprentice's record per request, sent one after another), through the emulator.
//  3. Reads and writes per operation, counted in process (bench/firestore-count.ts) with the functions' own handler
//     behind a local HTTP server: a sync (first and unchanged), a transcript, a cohort report.
//  4. The daily recompute (recomputeAll) over every apprentice: the first day, the next day, and that day again.
// Stored progress and apprentice documents are seeded straight into Firestore; seeding time is not a figure.
// SCALE_SIZES=1000,10000 runs smaller sizes (the last one is summarised); SCALE_RECOMPUTE=20000 recomputes fewer
// apprentices, SCALE_RECOMPUTE_RUNS=1 once; SCALE_SYNC=100 syncs fewer;
// SCALE_ONLY=recompute, reports, sync or costs runs that step alone.

import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { DAY_MS } from '@qualcard/shared';
import express from 'express';
import { getApps, initializeApp } from 'firebase-admin/app';
import type { Firestore } from 'firebase-admin/firestore';
import type { Request } from 'firebase-functions/v2/https';
import { firestore } from '../functions/src/db';
import { type CohortEntry, writeCohortReport } from '../functions/src/excel/cohort';
import { recomputeAll } from '../functions/src/recompute/daily';
import { SLICE_BUDGET_MS } from '../functions/src/recompute/slices';
import { cohortEntries, type Scope } from '../functions/src/routes/cohort';
import { apprenticeRecord, benchPlans } from '../scripts/demo-cohort';
import { answerAs, failureOf, okAs } from '../scripts/emulator-api';
import { actAsFunctionsEmulator } from '../scripts/emulator-key';
import { progressTemplates, seedStoredProgress } from '../scripts/stored-progress';
import type { BodyOf } from '../shared/src/api/route';
import * as routes from '../shared/src/api/routes';
import { counted, type Usage } from './firestore-count';
import { Counter, fmt, ms, peakHeap } from './measure';
import { apprenticeTemplates, seedApprentices } from './seed-apprentices';

const PER_SPONSOR = 1000;
const SIZES = (process.env.SCALE_SIZES ?? '1000,10000,100000').split(',').map(Number);
const TOP = SIZES[SIZES.length - 1]!;
/** The size also fetched through the API (the response streams the same at any size; 100,000 takes minutes more). */
const API_SIZE = Number(process.env.SCALE_API ?? Math.min(10_000, TOP));
const CONSULTANT = 'consultant@scale.example';
const TODAY = new Date().toISOString().slice(0, 10);
/** Rows per apprentice in the sync (sign-offs and hours entries of a demo plan, cut): the sheet the add-on reads. */
const SYNC_ROWS = 40;
const SYNC_APPRENTICES = Number(process.env.SCALE_SYNC ?? 1000);
/** The API's limit on records per sync request (functions/src/schemas.ts); the add-on sends its sheets in one. */
const SYNC_BATCH = 500;
/** Apprentices (the first sponsors') given profiles and rows for the recompute, and how many times it runs. */
const RECOMPUTE_SIZE = Number(process.env.SCALE_RECOMPUTE ?? TOP);
const RECOMPUTE_RUNS = Number(process.env.SCALE_RECOMPUTE_RUNS ?? 3);
/** Rows per apprentice seeded for the recompute: a few sign-offs and hours entries. */
const RECOMPUTE_ROWS = { signOffs: 2, hours: 1 };
const sponsorId = (i: number) => `scale-${String(i).padStart(3, '0')}`;
const scopes = (n: number): Scope[] =>
  Array.from({ length: n }, (_, i) => ({ sponsorId: sponsorId(i), sponsorName: `Scale ${i}`, role: 'consultant' }));

interface ReportRun {
  ms: number;
  peakMb: number;
  bytes: number;
  apprentices: number;
  rows: number;
  /** Set when the in-memory run was stopped at this heap cap (MB) before the end. */
  stoppedAtMb?: number;
  /** Set when the in-memory writer threw: its error (the peak is the heap reached until then). */
  failed?: string;
}

function db(): Firestore {
  if (getApps().length === 0) initializeApp({ projectId: process.env.GCLOUD_PROJECT ?? 'demo-qualcard' });
  return firestore(); // the functions' own handle (and settings), shared with the handler run in process
}

/** In a child process: one report over the first `sponsors` sponsors, streamed or in memory; prints JSON. */
/**
 * The in-memory writer's heap is capped: at 100,000 apprentices it would need ~16 GB (+1.6 GB per 10,000 measured),
 * more than a shared machine has. Past the cap the child stops and reports how far it got; the ratio is then a floor.
 */
const MEMORY_CAP_MB = Number(process.env.SCALE_MEMORY_CAP_MB ?? 6144);

/** Entries counted as the report's first pass reads them: how far a stopped run got. */
async function* countedEntries(source: AsyncIterable<CohortEntry>, seen: { apprentices: number; rows: number }) {
  for await (const e of source) {
    seen.apprentices++;
    seen.rows += e.progress.levels.length;
    yield e;
  }
}

/** Stops this child once the heap has grown `MEMORY_CAP_MB` over `start`, printing how far it got. */
function capHeap(start: number, t: bigint, seen: { apprentices: number; rows: number }): NodeJS.Timeout {
  return setInterval(() => {
    const grown = (process.memoryUsage().heapUsed - start) / 1048576;
    if (grown < MEMORY_CAP_MB) return;
    const out: ReportRun = { ms: ms(t), peakMb: grown, bytes: 0, ...seen, stoppedAtMb: MEMORY_CAP_MB };
    console.error(
      `  (in-memory Workbook stopped at the +${MEMORY_CAP_MB} MB heap cap after ${seen.apprentices} apprentices, ${fmt(ms(t) / 1000)} s; the heap ratio is a floor)`,
    );
    console.log(JSON.stringify(out));
    process.exit(0);
  }, 5);
}

/** In a child process: one report over the first `sponsors` sponsors, streamed or in memory; prints JSON. */
async function child(mode: string, sponsors: number): Promise<void> {
  // Loaded before measuring, in both modes: exceljs and the Firestore client's gRPC stack are not the report.
  await import('exceljs');
  await db()
    .doc(`sponsors/${sponsorId(0)}`)
    .get();
  const seen = { apprentices: 0, rows: 0 };
  global.gc?.();
  const cap = mode === 'memory' ? capHeap(process.memoryUsage().heapUsed, process.hrtime.bigint(), seen) : undefined;
  let first = true;
  const source = () => {
    const entries = cohortEntries(db(), scopes(sponsors));
    if (!first) return entries;
    first = false;
    return countedEntries(entries, seen);
  };
  const run = await peakHeap(async () => {
    const sink = new Counter();
    try {
      const totals = await writeCohortReport(source, sink, 'Scale', { inMemory: mode === 'memory' });
      return { bytes: sink.bytes, ...totals };
    } catch (e) {
      // At 100,000 apprentices exceljs' in-memory writer fails while serialising (RangeError: Invalid array length).
      if (mode !== 'memory') throw e;
      return { bytes: 0, ...seen, failed: `${(e as Error).name}: ${(e as Error).message}` };
    }
  });
  clearInterval(cap);
  const out: ReportRun = { ms: run.ms, peakMb: run.peakMb, ...run.result };
  console.log(JSON.stringify(out));
}

function report(mode: 'stream' | 'memory', sponsors: number): ReportRun | string {
  try {
    const out = execFileSync(
      process.execPath,
      ['--expose-gc', '--max-old-space-size=16384', '--import', 'tsx', __filename, 'child', mode, String(sponsors)],
      { stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 },
    );
    return JSON.parse(out.toString().trim().split('\n').pop()!) as ReportRun;
  } catch (e) {
    return `failed (${(e as Error).message.split('\n')[0]})`;
  }
}

const perK = (r: ReportRun) => r.ms / (r.apprentices / 1000);
const describe = (r: ReportRun | string) =>
  typeof r === 'string'
    ? r
    : r.failed
      ? `failed after ${r.apprentices} apprentices and ${fmt(r.ms / 1000)} s (${r.failed}), peak heap +${fmt(r.peakMb)} MB until then`
      : r.stoppedAtMb
        ? `stopped at the +${r.stoppedAtMb} MB heap cap after ${r.apprentices} apprentices, ${fmt(r.ms / 1000)} s (${fmt(perK(r))} ms per 1,000)`
        : `${fmt(r.ms / 1000)} s (${fmt(perK(r))} ms per 1,000), peak heap +${fmt(r.peakMb)} MB, ${r.rows} rows, ${r.bytes} bytes`;
/** In-memory peak over streaming peak; a floor (">") when the in-memory run hit its cap or failed. */
const ratioOf = (memory: ReportRun | string, stream: ReportRun | string) =>
  typeof stream !== 'string' && typeof memory !== 'string'
    ? `${memory.stoppedAtMb || memory.failed ? '>' : ''}${(memory.peakMb / stream.peakMb).toFixed(1)}`
    : 'n/a';

async function seed(from: number, to: number): Promise<void> {
  const firestore = db();
  const sponsors: Record<string, { role: string }> = {};
  for (let i = 0; i < to; i++) sponsors[sponsorId(i)] = { role: 'consultant' };
  await firestore.doc(`members/${CONSULTANT}`).set({ email: CONSULTANT, sponsors });
  for (let i = from; i < to; i++) {
    await firestore.doc(`sponsors/${sponsorId(i)}`).set({ name: `Scale ${i}` });
    const templates = progressTemplates(sponsorId(i), TODAY, CONSULTANT);
    await seedStoredProgress(firestore, sponsorId(i), templates, 0, PER_SPONSOR);
  }
}

async function reports(figures: string[]): Promise<{ stream: ReportRun | string; memory: ReportRun | string }> {
  let seeded = 0;
  let top = { stream: 'not run' as ReportRun | string, memory: 'not run' as ReportRun | string };
  for (const size of SIZES) {
    const sponsors = size / PER_SPONSOR;
    const t = process.hrtime.bigint();
    await seed(seeded, sponsors);
    seeded = sponsors;
    console.log(`\n${size} apprentices in ${sponsors} sponsor(s) (stored progress seeded in ${fmt(ms(t) / 1000)} s):`);
    const stream = report('stream', sponsors);
    console.log(`  streaming from pages: ${describe(stream)}`);
    const memory = report('memory', sponsors);
    console.log(`  in-memory Workbook:   ${describe(memory)}`);
    top = { stream, memory };
    figures.push(
      `scale: report ${size} apprentices streaming ${describe(stream)}; in-memory ${describe(memory)}; heap ratio ${ratioOf(memory, stream)}`,
    );
    if (size === API_SIZE) await viaApi(figures, size);
  }
  return top;
}

/** The report through the API over every sponsor seeded so far: time and size (a whole zip ends with its end record). */
async function viaApi(figures: string[], size: number): Promise<void> {
  const t = process.hrtime.bigint();
  const res = await answerAs(CONSULTANT, routes.cohortReport, { params: {} }, { timeoutMs: 1_800_000 });
  const took = ms(t);
  const out =
    res.status !== 200
      ? `failed: ${res.status} ${failureOf(res)}`
      : `${fmt(took / 1000)} s, ${res.bytes.length} bytes${res.bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) > res.bytes.length - 100 ? ', a whole zip' : ', NOT a whole zip'}`;
  console.log(`  through the API (streamed response, via the emulator's proxy): ${out}`);
  figures.push(`scale: report ${size} apprentices via API ${out}`);
}

/** A sync's records. */
type Rows = BodyOf<typeof routes.sync>['records'];

/** A sponsor with an admin, and `n` apprentices' sheet records of SYNC_ROWS rows each. */
async function syncSponsor(sid: string, n: number) {
  const admin = `admin@${sid}.example`;
  await db().doc(`sponsors/${sid}`).set({ name: sid });
  await db()
    .doc(`members/${admin}`)
    .set({ email: admin, sponsors: { [sid]: { role: 'admin' } } });
  const records = benchPlans(n).map((p) => {
    const r = apprenticeRecord(p, TODAY, sid);
    return { ...r, signOffs: r.signOffs?.slice(0, SYNC_ROWS / 2), hours: r.hours?.slice(0, SYNC_ROWS / 2) };
  });
  return { admin, records };
}

/** Sends `records` to `base`, `perRequest` records per request, in series. */
async function sendSync(
  base: string | undefined,
  sid: string,
  admin: string,
  records: Rows,
  perRequest: number,
  key: string,
) {
  let requests = 0;
  for (let i = 0; i < records.length; i += perRequest) {
    const body = { idempotencyKey: `${key}-${i}`, asOf: TODAY, records: records.slice(i, i + perRequest) };
    await okAs(admin, routes.sync, { params: { sponsorId: sid }, body }, { baseUrl: base, timeoutMs: 600_000 });
    requests++;
  }
  return requests;
}

async function sync(sid: string, perRequest: number): Promise<{ ms: number; requests: number }> {
  const { admin, records } = await syncSponsor(sid, SYNC_APPRENTICES);
  const t = process.hrtime.bigint();
  const requests = await sendSync(undefined, sid, admin, records, perRequest, sid);
  return { ms: ms(t), requests };
}

async function syncs(figures: string[]): Promise<number> {
  const batched = await sync('scale-sync-batched', SYNC_BATCH);
  const perRow = await sync('scale-sync-per-row', 1);
  const speedup = perRow.ms / batched.ms;
  console.log(
    `\nsync of ${SYNC_APPRENTICES} apprentices (${SYNC_ROWS} rows each) through the API: batched ${fmt(batched.ms / 1000)} s in ${batched.requests} requests; one request per roster row ${fmt(perRow.ms / 1000)} s in ${perRow.requests} requests (batched is ${speedup.toFixed(1)}x faster)`,
  );
  figures.push(
    `scale: sync ${SYNC_APPRENTICES} apprentices batched ${fmt(batched.ms / 1000)} s (${batched.requests} requests), per-row ${fmt(perRow.ms / 1000)} s (${perRow.requests} requests), ratio ${speedup.toFixed(1)}`,
  );
  return speedup;
}

/** The functions' own handler behind a local server, so its Firestore calls are made (and counted) here. */
async function inProcess(): Promise<{ base: string; close: () => void }> {
  actAsFunctionsEmulator(); // emulator-signed tokens accepted, params as the functions emulator sets them
  const { handle } = await import('../functions/src/app');
  // Bodies parsed as the functions framework parses them (JSON, with the raw bytes kept as rawBody).
  const json = express.json({
    limit: '32mb',
    verify: (req, _res, buf) => Object.assign(req, { rawBody: buf }),
  });
  const server = express()
    .use(json)
    .use((req, res) => void handle(req as unknown as Request, res));
  const listening = server.listen(0);
  await once(listening, 'listening');
  const { port } = listening.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, close: () => listening.close() };
}

const per = (u: Usage, n: number) => `${fmt(u.reads / n)} reads, ${fmt(u.writes / n)} writes`;

/** Reads and writes of a sync (first, then unchanged), a transcript and a cohort report, counted in process. */
async function costs(figures: string[]): Promise<void> {
  const server = await inProcess();
  const sid = 'scale-cost';
  const n = 100;
  const { admin, records } = await syncSponsor(sid, n);
  const first = await counted(() => sendSync(server.base, sid, admin, records, n, 'cost-1'));
  const again = await counted(() => sendSync(server.base, sid, admin, records, n, 'cost-2'));
  const aid = (records[0] as { apprentice: { id: string } }).apprentice.id;
  const transcript = await counted(async () => {
    const params = { sponsorId: sid, apprenticeId: aid };
    await okAs(admin, routes.exportTranscript, { params, body: {} }, { baseUrl: server.base });
  });
  const cohort = await counted(() =>
    answerAs(
      admin,
      routes.sponsorCohortReport,
      { params: { sponsorId: sid } },
      { baseUrl: server.base, timeoutMs: 600_000 },
    ),
  );
  server.close();
  const lines = [
    `sync (first, ${n} apprentices of ${SYNC_ROWS} rows in one request): ${first.reads} reads, ${first.writes} writes = ${per(first, n)} per apprentice`,
    `sync (unchanged, same ${n}): ${again.reads} reads, ${again.writes} writes = ${per(again, n)} per apprentice`,
    `transcript (${SYNC_ROWS} rows): ${transcript.reads} reads, ${transcript.writes} writes`,
    `cohort report (one sponsor, ${n} apprentices): ${cohort.reads} reads, ${cohort.writes} writes = ${per(cohort, n)} per apprentice`,
  ];
  console.log(`\nFirestore reads and writes per operation (counted in process):\n  ${lines.join('\n  ')}`);
  for (const l of lines) figures.push(`scale: cost ${l}`);
}

/**
 * Apprentice documents (profile and rows) for every seeded sponsor, then the recompute as the schedule runs it: the
 * first day (every row read, every copy taken), the next day (the copies current, every view changed: the real daily
 * cost) and that day again (a retry: nothing changed). Each day's time is also given in 480 s slices.
 */
async function recompute(figures: string[]): Promise<void> {
  const t = process.hrtime.bigint();
  for (let i = 0; i < RECOMPUTE_SIZE / PER_SPONSOR; i++) {
    const templates = apprenticeTemplates(sponsorId(i), TODAY, CONSULTANT, RECOMPUTE_ROWS);
    await seedApprentices(db(), sponsorId(i), templates, 0, PER_SPONSOR);
  }
  const rows = RECOMPUTE_ROWS.signOffs + RECOMPUTE_ROWS.hours;
  console.log(
    `\ndaily recompute (${RECOMPUTE_SIZE} apprentices with ${rows} rows each seeded in ${fmt(ms(t) / 1000)} s; recomputeAll covers every sponsor there is):`,
  );
  const days = [
    ['first day', 0],
    ['next day', 1],
    ['next day again', 1],
  ] as const;
  for (const [run, day] of days.slice(0, RECOMPUTE_RUNS)) {
    const s = await recomputeAll(db(), new Date(Date.now() + day * DAY_MS));
    const slices = Math.ceil(s.ms / SLICE_BUDGET_MS);
    const line = `recompute ${run}: ${s.apprentices} apprentices in ${s.sponsors} sponsors, ${fmt(s.ms / 1000)} s (${fmt(s.ms / s.apprentices)} ms per apprentice, ${slices} slice(s) of ${SLICE_BUDGET_MS / 1000} s), ${s.changed} changed, ${s.reads} reads (${fmt(s.reads / s.apprentices)} per apprentice), ${s.writes} writes (${fmt(s.writes / s.apprentices)} per apprentice)`;
    console.log(`  ${line}`);
    figures.push(`scale: ${line}`);
  }
}

/** Only the step SCALE_ONLY names (recompute, reports, sync or costs), printed; false when every step is to run. */
async function only(figures: string[]): Promise<boolean> {
  const step = process.env.SCALE_ONLY;
  if (!step) return false;
  if (step === 'recompute') {
    // Its sponsors exist; their apprentices are seeded by the step itself.
    for (let i = 0; i < RECOMPUTE_SIZE / PER_SPONSOR; i++)
      await db()
        .doc(`sponsors/${sponsorId(i)}`)
        .set({ name: `Scale ${i}` });
    await recompute(figures);
  } else if (step === 'reports') await reports(figures);
  else if (step === 'sync') await syncs(figures);
  else if (step === 'costs') await costs(figures);
  else throw new Error(`SCALE_ONLY: expected recompute, reports, sync or costs, got ${step}`);
  console.log(`\n${figures.join('\n')}`);
  return true;
}

async function main(): Promise<void> {
  if (!process.env.FIRESTORE_EMULATOR_HOST) throw new Error('run inside the emulators: npm run bench:scale');
  const figures: string[] = [];
  if (await only(figures)) return;
  // Syncs first, on an emulator still small: after 100,000 seeded apprentices the emulator itself slows every
  // transaction (the batched sync took 118.6 s there against 71.5 s on a fresh one), which is not the API's cost.
  const speedup = await syncs(figures);
  await costs(figures);
  const top = await reports(figures);
  await recompute(figures);
  const seconds = typeof top.stream === 'string' ? 'n/a' : fmt(top.stream.ms / 1000);
  figures.push(
    `scale: report ${TOP} apprentices ${seconds} s, heap ratio ${ratioOf(top.memory, top.stream)}; sync batched/per-row ${speedup.toFixed(1)}`,
  );
  console.log(`\n${figures.join('\n')}`);
}

const [, , role, mode, sponsors] = process.argv;
(role === 'child' ? child(mode!, Number(sponsors)) : main()).then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);

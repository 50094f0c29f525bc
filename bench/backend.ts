// Backend benchmarks (npm run bench:backend, inside the emulators). Prints times and ratios; asserts nothing.
//  1. Cold start: loading the deployed bundle (functions/lib/index.js) in a fresh Node process, with exceljs,
//     google-auth-library and firebase-admin loaded lazily, against loading them eagerly.
//  2. Transcript export per apprentice through the API (build + Firestore transaction + HTTP) at 100 and 1,000
//     apprentices in the sponsor, against building the same workbook in process.
//  3. Cohort report at 100 and 1,000 apprentices through the API (streaming writer), against the same workbook
//     built in process with exceljs' in-memory Workbook and with the streaming writer; with peak heap.
// The cohort's stored state is written with the functions' own code (commitApprentice / storeProgress, the code
// the sync and confirmations endpoints run) rather than 1,000 HTTP syncs of ~700 rows each and their
// confirmations, which would take many minutes on the emulator; full rows are stored for the 10 apprentices whose
// transcripts are exported, progress for all. Every entry is stored confirmed (confirmedRecord: as if the coaches
// and an admin had confirmed them today), so the progress, the transcripts and the report count them: a typed-only
// cohort would be all pending, 0 % everywhere, and measure a different (smaller) workbook.

import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ApprenticeRecord, computeProgress, getFramework } from '@qualcard/shared';
import { getApps, initializeApp } from 'firebase-admin/app';
import { getFirestore } from 'firebase-admin/firestore';
import { type CohortEntry, writeCohortReport } from '../functions/src/excel/cohort';
import { buildTranscript } from '../functions/src/excel/transcript';
import { storeProgress } from '../functions/src/progress';
import { commitApprentice, recordOf } from '../functions/src/store/apprentice';
import { planSync } from '../functions/src/sync/plan';
import { apprenticeRecord, benchPlans, confirmedRecord, type StagePlan } from '../scripts/demo-cohort';
import { answerAs, okAs } from '../scripts/emulator-api';
import * as routes from '../shared/src/api/routes';
import { Counter, fmt, ms, peakHeap } from './measure';

const SPONSOR = 'bench';
const TRANSCRIPT_SAMPLE = 10;
const ADMIN = 'admin@bench.example';
// The bench sponsor has no time zone: its day is the UTC day, as the functions compute it.
const NOW = new Date();
const TODAY = NOW.toISOString().slice(0, 10);

function coldStart(): void {
  const lib = resolve(__dirname, '..', 'functions', 'lib', 'index.js');
  const probe = (eager: boolean) =>
    `const t=process.hrtime.bigint();require(${JSON.stringify(lib)});${eager ? "require('exceljs');require('google-auth-library');require('firebase-admin/app');require('firebase-admin/firestore');" : ''}console.log(Number(process.hrtime.bigint()-t)/1e6)`;
  const run = (eager: boolean) => {
    const times = Array.from({ length: 5 }, () =>
      Number(
        execFileSync(process.execPath, ['-e', probe(eager)], {
          cwd: resolve(__dirname, '..', 'functions'),
          env: { ...process.env, FUNCTIONS_EMULATOR: '' },
        })
          .toString()
          .trim(),
      ),
    );
    return times.sort((a, b) => a - b)[2]!;
  };
  run(false); // warm the file system cache
  const lazy = run(false);
  const eager = run(true);
  console.log(
    `Cold start (median of 5 fresh processes): module load ${fmt(lazy)} ms with exceljs, google-auth-library and the Admin SDK loaded lazily; ${fmt(eager)} ms if loaded eagerly (lazy/eager = ${(lazy / eager).toFixed(2)})`,
  );
}

/** The baseline: the cohort workbook built in memory with exceljs' Workbook (same sheets and rows). */
async function inMemoryCohort(entries: CohortEntry[]): Promise<number> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Cohort');
  for (const e of entries)
    for (const l of e.progress.levels) {
      ws.addRow([
        e.sponsorName,
        e.apprenticeId,
        e.name,
        e.frameworkId,
        e.progress.frameworkVersion,
        l.levelId,
        l.levelId === e.progress.targetLevelId ? 'Yes' : '',
        l.complete ? 'Yes' : 'No',
        l.percent,
        l.items.done,
        l.items.required,
        l.hours.reduce((s, h) => s + h.done, 0),
        l.hours.reduce((s, h) => s + h.required, 0),
        e.progress.projectedCompletion ?? '',
        e.progress.gaps.filter((g) => g.levelId === l.levelId).length,
        e.progress.asOf,
      ]);
    }
  const gaps = wb.addWorksheet('Gaps');
  for (const e of entries)
    for (const g of e.progress.gaps)
      gaps.addRow([e.sponsorName, e.apprenticeId, e.name, g.levelId ?? '', g.severity, g.code, g.message]);
  return (await wb.xlsx.writeBuffer()).byteLength;
}

/** A bench apprentice's record with every entry confirmed today. */
const benchRecord = (plan: StagePlan): ApprenticeRecord =>
  ApprenticeRecord.parse(
    confirmedRecord(apprenticeRecord(plan, TODAY, SPONSOR), { admin: ADMIN, at: NOW.toISOString(), date: TODAY }),
  );

async function seedCohort(n: number, from: number): Promise<CohortEntry[]> {
  const db = getFirestore();
  const entries: CohortEntry[] = [];
  const plans = benchPlans(n).slice(from);
  for (const [i, plan] of plans.entries()) {
    const record = benchRecord(plan);
    // Rows (and their audit records) only for the apprentices whose transcripts are exported; the report reads
    // only the stored progress, which every apprentice gets. planSync keeps each entry as given, confirmation
    // included: the state a sync followed by the confirmations would leave (an HTTP sync cannot carry them).
    const merged =
      from + i < TRANSCRIPT_SAMPLE
        ? recordOf(
            SPONSOR,
            (await commitApprentice(db, SPONSOR, plan.id, ADMIN, (state) => planSync(SPONSOR, record, state))).target,
          )
        : record;
    const stored = await storeProgress(
      db,
      SPONSOR,
      merged,
      computeProgress(getFramework(plan.frameworkId)!, merged, TODAY),
    );
    entries.push({
      sponsorId: SPONSOR,
      sponsorName: 'Bench Co',
      apprenticeId: plan.id,
      name: plan.name,
      frameworkId: plan.frameworkId,
      progress: stored.progress,
    });
  }
  return entries;
}

async function measure(size: number, entries: CohortEntry[]): Promise<void> {
  // Transcript export: 10 apprentices (each framework), 2 exports each, through the API vs in process.
  const sample = benchPlans(size).slice(0, TRANSCRIPT_SAMPLE);
  let api = 0;
  let local = 0;
  // One export first, untimed: the functions worker loads exceljs on its first export (that is the cold path).
  const of = (apprenticeId: string) => ({ sponsorId: SPONSOR, apprenticeId });
  await answerAs(ADMIN, routes.exportTranscript, { params: of(sample[0]!.id), body: {} });
  for (const plan of sample) {
    for (let k = 0; k < 2; k++) {
      const t = process.hrtime.bigint();
      await okAs(ADMIN, routes.exportTranscript, { params: of(plan.id), body: {} });
      api += ms(t);
    }
    const record = benchRecord(plan);
    const f = getFramework(plan.frameworkId)!;
    const t = process.hrtime.bigint();
    await buildTranscript({
      sponsor: { id: SPONSOR, name: 'Bench Co' },
      framework: f,
      record,
      progress: computeProgress(f, record, TODAY),
      version: 1,
      createdAt: new Date().toISOString(),
      createdBy: ADMIN,
    });
    local += ms(t);
  }
  const perApi = api / (sample.length * 2);
  const perLocal = local / sample.length;
  console.log(
    `  transcript export: ${fmt(perApi)} ms per export via API (stored in Firestore) vs ${fmt(perLocal)} ms building in process (ratio ${(perApi / perLocal).toFixed(2)})`,
  );

  // Cohort report.
  const t = process.hrtime.bigint();
  const res = await okAs(ADMIN, routes.sponsorCohortReport, { params: { sponsorId: SPONSOR } });
  const viaApi = ms(t);
  const streaming = await peakHeap(async () => {
    const c = new Counter();
    await writeCohortReport(
      async function* () {
        yield* entries;
      },
      c,
      'bench',
    );
    return c.bytes;
  });
  const memory = await peakHeap(() => inMemoryCohort(entries));
  console.log(
    `  cohort report (${entries.length} apprentices, ${res.bytes.length} bytes): ${fmt(viaApi)} ms via API (streaming, reads Firestore)`,
  );
  console.log(
    `    in process: streaming ${fmt(streaming.ms)} ms, peak heap +${fmt(streaming.peakMb)} MB; in-memory Workbook ${fmt(memory.ms)} ms, peak heap +${fmt(memory.peakMb)} MB`,
  );
  console.log(
    `    ratios: streaming/in-memory time ${(streaming.ms / memory.ms).toFixed(2)}, heap ${(streaming.peakMb / Math.max(0.1, memory.peakMb)).toFixed(2)}; API/in-process streaming ${(viaApi / streaming.ms).toFixed(2)}`,
  );
}

async function main(): Promise<void> {
  if (!process.env.FIRESTORE_EMULATOR_HOST) throw new Error('run inside the emulators: npm run bench:backend');
  coldStart();
  if (getApps().length === 0) initializeApp({ projectId: process.env.GCLOUD_PROJECT ?? 'demo-qualcard' });
  const db = getFirestore();
  db.settings({ ignoreUndefinedProperties: true });
  await db.doc(`sponsors/${SPONSOR}`).set({ name: 'Bench Co' });
  await db.doc(`members/${ADMIN}`).set({ email: ADMIN, sponsors: { [SPONSOR]: { role: 'admin' } } });
  let entries: CohortEntry[] = [];
  for (const size of [100, 1000]) {
    const t = process.hrtime.bigint();
    entries = [...entries, ...(await seedCohort(size, entries.length))];
    const counted = entries.reduce(
      (n, e) => {
        for (const c of Object.values(e.progress.entries)) {
          n.counted += c.confirmed + c.attested;
          n.pending += c.pending;
        }
        return n;
      },
      { counted: 0, pending: 0 },
    );
    console.log(
      `\n${size} apprentices (stored state written in ${fmt(ms(t) / 1000)} s; entries counted ${counted.counted}, pending ${counted.pending}):`,
    );
    await measure(size, entries);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

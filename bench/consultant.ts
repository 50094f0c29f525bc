// Benchmark: a consultant's Refresh cohort for 50 sponsors x 40 apprentices (2,000 apprentices) against the counting
// fake services (every SpreadsheetApp call and UrlFetchApp fetch is counted), against baselines in the same run:
// the same refresh for 5 sponsors, and the same rows written row by row. Prints numbers and ratios.
//   npm run bench:consultant
import { performance } from 'node:perf_hooks';
import { ApprenticeRecord, computeProgress, getFramework, summarizeProgress } from '@qualcard/shared';
import { planCohort, planGaps, type StoredCohortProgress } from '@qualcard/shared/sheets';
import { fetchCohort, refreshCohort } from '../addon/src/consultant';
import { writeSettings } from '../addon/src/settings';
import { fakeIdToken, installFakeAppsScript } from '../addon/test-support/fake-apps-script';
import { type FakeSponsor, fakeCohortService, stored } from '../addon/test-support/fake-cohort';

const PER_SPONSOR = 40;
const AS_OF = '2026-06-01';
const BASE = 'https://us-central1-demo.cloudfunctions.net/api';
const mix: [string, string][] = [
  ['nitas-help-desk', 'L1'],
  ['nitas-help-desk', 'L2'],
  ['it-support-wps', 'L1'],
  ['customer-technical-support', 'ITS2'],
];

/** 40 apprentices at different stages (some with more than 50 gaps, some with pending entries), stored as summaries. */
function apprentices(): StoredCohortProgress[] {
  return Array.from({ length: PER_SPONSOR }, (_, i) => {
    const [fid, levelId] = mix[i % mix.length]!;
    const framework = getFramework(fid)!;
    const items = framework.workFunctions.flatMap((w) => w.items).filter((it) => it.levels.includes(levelId));
    const confirmation = {
      kind: 'confirmed',
      by: 'coach@example.com',
      role: 'coach',
      at: '2026-02-01T12:00:00Z',
      date: '2026-02-01',
    };
    const record = ApprenticeRecord.parse({
      schemaVersion: 1,
      apprentice: {
        id: `a${i}`,
        name: `Apprentice ${i}`,
        email: `a${i}@example.com`,
        startDate: '2026-01-05',
        frameworkId: fid,
        levelId,
        coachEmails: ['coach@example.com'],
      },
      signOffs: items.slice(0, (i * 7) % items.length).map((it, k) => ({
        itemId: it.id,
        date: `2026-0${2 + (k % 3)}-1${k % 9}`,
        coachEmail: 'coach@example.com',
        ...(k % 4 ? { confirmation } : {}),
      })),
      hours: Array.from({ length: 20 }, (_, d) => ({
        id: `h-${d}`,
        date: `2026-03-${String(d + 1).padStart(2, '0')}`,
        category: 'on-the-job-learning',
        hours: 8,
        description: `day ${d}`,
        ...(d % 3 ? { confirmation } : {}),
      })),
    });
    return stored(`a${i}`, `Apprentice ${i}`, summarizeProgress(computeProgress(framework, record, AS_OF)));
  });
}

const cohort = apprentices();
const sponsorsOf = (n: number): FakeSponsor[] =>
  Array.from({ length: n }, (_, s) => ({
    id: `sponsor-${String(s + 1).padStart(2, '0')}`,
    name: `Sponsor ${s + 1}`,
    role: 'consultant' as const,
    apprentices: cohort.map((a) => ({ ...a })),
  }));

interface Run {
  ms: number;
  spreadsheet: number;
  fetches: number;
  cells: number;
  rows: number;
  gaps: number;
  jsonBytes: number;
  largest?: number;
}

/** Median of `runs` refreshes over existing sheets (the first, which creates them, is a warm-up). */
function measure(sponsors: number, runs: number, write: 'batched' | 'row by row'): Run {
  const service = fakeCohortService(sponsorsOf(sponsors));
  // The service's answers are made once (the warm-up) and replayed: the timing is the add-on's work, not the server's.
  const answers = new Map<string, ReturnType<typeof service.handler>>();
  const replay: typeof service.handler = (call) => {
    if (!answers.has(call.url)) answers.set(call.url, service.handler(call));
    return answers.get(call.url)!;
  };
  const fake = installFakeAppsScript({ fetch: replay, identity: fakeIdToken('consultant@example.com') });
  writeSettings({ endpoint: BASE, sponsorId: '', frameworkIds: [] });
  const once = (): Omit<Run, 'ms'> => {
    fake.log.reset();
    fake.fetches.length = 0;
    let rows = 0;
    let gaps = 0;
    if (write === 'batched') {
      const r = refreshCohort();
      rows = r.apprentices;
      gaps = r.gaps;
    } else {
      // Baseline: the same values, one setValues per row (no formats), as a naive adapter would write them.
      const { answer } = fetchCohort(BASE);
      const view = { ...answer, refreshedAt: new Date().toISOString() };
      for (const plan of [planCohort(view), planGaps(view)]) {
        const sheet = fake.ss.byName(plan.name) ?? fake.ss.insertSheet(plan.name);
        for (const [i, row] of plan.cells.entries()) sheet.getRange(i + 1, 1, 1, plan.cols).setValues([row]);
      }
      rows = answer.apprentices.length;
      gaps = answer.gaps.length;
    }
    const cells = fake.log.cellsWritten;
    return { spreadsheet: fake.log.calls.length, fetches: fake.fetches.length, cells, rows, gaps, jsonBytes: 0 };
  };
  once();
  const times: number[] = [];
  let last: Omit<Run, 'ms'> = once();
  for (let i = 0; i < runs; i += 1) {
    const t = performance.now();
    last = once();
    times.push(performance.now() - t);
  }
  // The JSON the pages carried.
  const jsonBytes = fake.fetches.reduce((n, f) => n + String(replay(f).body).length, 0);
  const largest = Math.max(...fake.fetches.map((f) => String(replay(f).body).length));
  fake.uninstall();
  return { ms: times.sort((a, b) => a - b)[Math.floor(runs / 2)]!, ...last, jsonBytes, largest };
}

const line = (label: string, r: Run): void =>
  console.log(
    `${label.padEnd(44)} ${r.ms.toFixed(0).padStart(6)} ms  SpreadsheetApp calls ${String(r.spreadsheet).padStart(6)}  UrlFetchApp ${String(r.fetches).padStart(2)}  cells ${String(r.cells).padStart(7)}  rows ${r.rows}/${r.gaps} gaps  JSON ${(r.jsonBytes / 1048576).toFixed(1)} MB`,
  );

console.log(`cohort: ${PER_SPONSOR} apprentices per sponsor on ${mix.map((m) => m.join(' ')).join(', ')}\n`);
const small = measure(5, 3, 'batched');
line('baseline: 5 sponsors x 40 (200), batched', small);
const big = measure(50, 3, 'batched');
line('50 sponsors x 40 (2,000), batched', big);
const naive = measure(50, 1, 'row by row');
line('baseline: 50 x 40 written row by row', naive);
console.log(
  `\nratio 2,000 / 200 apprentices: time ${(big.ms / small.ms).toFixed(1)}x, SpreadsheetApp calls ${(big.spreadsheet / small.spreadsheet).toFixed(2)}x (constant: batched per sheet)`,
);
console.log(
  `ratio row by row / batched (2,000): SpreadsheetApp calls ${(naive.spreadsheet / big.spreadsheet).toFixed(0)}x more; each call is a round trip in Apps Script`,
);
console.log(
  `limits: ${big.cells} cells of 10,000,000 per spreadsheet; largest page ${((big.largest ?? 0) / 1048576).toFixed(1)} MB of UrlFetch's 50 MB; in-process time ${(big.ms / 1000).toFixed(1)} s of Apps Script's 360 s`,
);

// Where the time of the 2,000-apprentice refresh goes: reading and validating the pages, planning, writing.
{
  const service = fakeCohortService(sponsorsOf(50));
  const fake = installFakeAppsScript({ fetch: service.handler, identity: fakeIdToken('consultant@example.com') });
  const bodies = new Map<string, ReturnType<typeof service.handler>>();
  fake.onFetch((call) => {
    if (!bodies.has(call.url)) bodies.set(call.url, service.handler(call));
    return bodies.get(call.url)!;
  });
  fetchCohort(BASE); // warm-up: the service's answers are made here
  let t = performance.now();
  const { answer } = fetchCohort(BASE);
  const read = performance.now() - t;
  t = performance.now();
  const view = { ...answer, refreshedAt: new Date().toISOString() };
  planCohort(view);
  planGaps(view);
  const plan = performance.now() - t;
  fake.uninstall();
  console.log(
    `2,000 apprentices: read + validate ${answer.apprentices.length} rows and ${answer.gaps.length} gaps ${read.toFixed(0)} ms; plan both sheets ${plan.toFixed(0)} ms; the rest of a refresh is writing to the (fake) sheets`,
  );
}

// An in-memory stand-in for the cohort route, the cohort report and transcript routes, for the add-on's consultant mode
// against the fake Apps Script services: rows and gaps are made by the same shared mapping the functions use
// (cohortRow, cohortGaps) from stored progress (summarizeProgress of the engine's progress), paged like the route.
// The real routes are exercised through the add-on on the emulators (test/emulator/addon-consultant.test.ts).

import type { ProgressSummary } from '../../shared/src';
import * as routes from '../../shared/src/api/routes';
import { type CohortAnswer, cohortGaps, cohortRow, type StoredCohortProgress } from '../../shared/src/sheets';
import type { FetchCall, FetchHandler } from './fake-apps-script';

export interface FakeSponsor {
  id: string;
  name: string;
  role: 'admin' | 'consultant' | 'coach';
  apprentices: StoredCohortProgress[];
}
export interface FakeCohortService {
  handler: FetchHandler;
  sponsors: FakeSponsor[];
  /** Apprentices per page (the route's `limit`). */
  pageSize: number;
  /** The bytes the cohort report and transcript downloads answer with. */
  file: Uint8Array;
}

const json = (status: number, body: unknown) => ({ status, body: JSON.stringify(body) });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (name: string, bytes: Uint8Array) => ({
  status: 200,
  body: bytes,
  headers: { 'Content-Type': XLSX, 'Content-Disposition': `attachment; filename="${name}"` },
});

function page(service: FakeCohortService, url: URL) {
  const asked = url.searchParams.getAll('sponsorId');
  const scopes = service.sponsors.filter((s) => (asked.length ? asked.includes(s.id) : s.role !== 'coach'));
  const all = scopes.flatMap((s) => s.apprentices.map((a) => ({ s, a, key: `${s.id}/${a.apprenticeId}` })));
  const token = url.searchParams.get('pageToken');
  const from = token ? all.findIndex((x) => x.key === token) + 1 : 0;
  const slice = all.slice(from, from + service.pageSize);
  const answer: CohortAnswer = {
    sponsors: scopes.map((s) => ({ id: s.id, name: s.name, role: s.role })),
    apprentices: slice.map(({ s, a }) => cohortRow(s, a)),
    gaps: slice.flatMap(({ s, a }) => cohortGaps(s, a)),
    next: from + slice.length < all.length ? slice.at(-1)!.key : null,
  };
  return json(200, answer);
}

export function fakeCohortService(sponsors: FakeSponsor[], pageSize = 500): FakeCohortService {
  const service: FakeCohortService = {
    sponsors,
    pageSize,
    file: new Uint8Array([80, 75, 3, 4, 1, 2, 3, 250, 0, 255]),
    handler: (call: FetchCall) => {
      const url = new URL(call.url);
      if (url.pathname.endsWith(routes.cohort.path)) return page(service, url);
      if (url.pathname.endsWith(routes.cohortReport.path))
        return attachment('cohort-report-2026-06-01.xlsx', service.file);
      const t = /\/v1\/sponsors\/([^/]+)\/apprentices\/([^/]+)\/transcripts(?:\/([^/]+))?$/.exec(url.pathname);
      if (t && call.params.method === 'post')
        return json(201, { id: 't1', fileName: `transcript-${t[2]}-v1.xlsx`, contentType: XLSX, size: 10, version: 1 });
      if (t?.[3]) return attachment(`transcript-${t[2]}-v1.xlsx`, service.file);
      return json(404, { error: { status: 404, code: 'not-found', message: `fake cohort: no route ${call.url}` } });
    },
  };
  return service;
}

/** Stored progress as the functions keep it: the engine's progress summarized (first 50 findings, counts). */
export const stored = (
  apprenticeId: string,
  name: string,
  progress: ProgressSummary,
  extra: Partial<StoredCohortProgress['progress']> = {},
): StoredCohortProgress => ({
  apprenticeId,
  name,
  frameworkId: progress.frameworkId,
  progress: { ...progress, ...extra },
});

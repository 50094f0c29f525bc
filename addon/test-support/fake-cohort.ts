// An in-memory stand-in for the cohort route, the cohort report and transcript routes, for the add-on's consultant mode
// against the fake Apps Script services: rows and gaps are made by the same shared mapping the functions use
// (cohortRow, cohortGaps) from stored progress (summarizeProgress of the engine's progress), paged like the route;
// requests are matched, parsed and answered by the contract (fake-routes.ts).
// The real routes are exercised through the add-on on the emulators (test/emulator/addon-consultant.test.ts).
import { createHash } from 'node:crypto';
import type * as z from 'zod';
import type { ProgressSummary } from '../../shared/src';
import type { ParsedQueryOf } from '../../shared/src/api/route';
import * as api from '../../shared/src/api/routes';
import { cohortGaps, cohortRow, type StoredCohortProgress } from '../../shared/src/sheets';
import type { FetchCall, FetchHandler } from './fake-apps-script';
import { answer, bodyOf, type FakeReply, paramsIf, refusal } from './fake-routes';

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

const attachment = (name: string, bytes: Uint8Array): FakeReply => ({
  status: 200,
  body: bytes,
  headers: { 'Content-Type': api.XLSX_TYPE, 'Content-Disposition': `attachment; filename="${name}"` },
});

/** The query string parsed with the route's query schema (a repeated key is a list). */
function queryOf<R extends typeof api.cohort | typeof api.cohortReport>(route: R, url: URL): ParsedQueryOf<R> {
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    raw[key] = all.length > 1 ? all : all[0]!;
  }
  return (route.query as z.ZodType).parse(raw) as ParsedQueryOf<R>;
}

function page(service: FakeCohortService, url: URL): FakeReply {
  const query = queryOf(api.cohort, url);
  const asked = query.sponsorId;
  const scopes = service.sponsors.filter((s) => (asked.length ? asked.includes(s.id) : s.role !== 'coach'));
  const all = scopes.flatMap((s) => s.apprentices.map((a) => ({ s, a, key: `${s.id}/${a.apprenticeId}` })));
  const token = query.pageToken;
  const from = token ? all.findIndex((x) => x.key === token) + 1 : 0;
  const slice = all.slice(from, from + service.pageSize);
  return answer(api.cohort, 200, {
    sponsors: scopes.map((s) => ({ id: s.id, name: s.name, role: s.role })),
    apprentices: slice.map(({ s, a }) => cohortRow(s, a)),
    gaps: slice.flatMap(({ s, a }) => cohortGaps(s, a)),
    next: from + slice.length < all.length ? slice.at(-1)!.key : null,
  });
}

function exportTranscript(service: FakeCohortService, call: FetchCall, sponsorId: string, apprenticeId: string) {
  const parsed = bodyOf(api.exportTranscript, call);
  if ('refused' in parsed) return parsed.refused;
  const asOf = parsed.body.asOf ?? '2026-06-01';
  return answer(api.exportTranscript, 201, {
    id: 't1',
    sponsorId,
    apprenticeId,
    version: 1,
    sha256: createHash('sha256').update(service.file).digest('hex'),
    size: service.file.length,
    fileName: `transcript-${apprenticeId}-v1.xlsx`,
    contentType: api.XLSX_TYPE,
    frameworkId: 'fake-framework',
    frameworkVersion: '1.0.0',
    asOf,
    createdAt: `${asOf}T12:00:00.000Z`,
    createdBy: 'fake@example.com',
  });
}

function route(service: FakeCohortService, call: FetchCall): FakeReply {
  const url = new URL(call.url);
  if (paramsIf(api.cohort, call)) return page(service, url);
  if (paramsIf(api.cohortReport, call)) {
    queryOf(api.cohortReport, url); // a query the route refuses throws
    return attachment('cohort-report-2026-06-01.xlsx', service.file);
  }
  const made = paramsIf(api.exportTranscript, call);
  if (made) return exportTranscript(service, call, made.sponsorId, made.apprenticeId);
  const got = paramsIf(api.downloadTranscript, call);
  if (got) return attachment(`transcript-${got.apprenticeId}-v1.xlsx`, service.file);
  return refusal(404, `fake cohort: no route ${call.url}`);
}

export function fakeCohortService(sponsors: FakeSponsor[], pageSize = 500): FakeCohortService {
  const service: FakeCohortService = {
    sponsors,
    pageSize,
    file: new Uint8Array([80, 75, 3, 4, 1, 2, 3, 250, 0, 255]),
    handler: (call: FetchCall) => route(service, call),
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

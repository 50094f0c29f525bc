// Consultant mode, unchanged, against the real functions on the emulators: a consultant made a member of two sponsors
// through the API (sync as each admin, then PUT .../members/:email role consultant) refreshes the Cohort, Gaps and Gap list
// sheets of a spreadsheet of their own through GET /v1/cohort (UrlFetchApp sends for real: sync-fetch.ts), and
// downloads the cohort report (one, several, all sponsors) and a transcript that exceljs opens.
import { type ApprenticeRecordInput, ENTRY_KINDS } from '@qualcard/shared';
import * as api from '@qualcard/shared/api/routes';
import { APPRENTICE_ID_HEADER, type CohortAnswer, cohortColumns, gapColumns } from '@qualcard/shared/sheets';
import ExcelJS from 'exceljs';
import { cohortRequest } from '../../addon/src/api/requests';
import * as entry from '../../addon/src/main';
import { writeSettings } from '../../addon/src/settings';
import type { DownloadFile } from '../../addon/src/sidebar-api';
import { type FakeAppsScript, installFakeAppsScript } from '../../addon/test-support/fake-apps-script';
import { sendWithFetch } from '../../addon/test-support/node-send';
import { syncFetch } from '../../addon/test-support/sync-fetch';
import { mintIdToken } from '../../scripts/emulator-key';
import {
  acme as acmeSponsor,
  COACH,
  COACH2,
  CONSULTANT,
  call,
  GLOBEX_COACH,
  record,
  type SponsorSpec,
  scenario,
} from './kit';
import { apiUrl } from './kit/env';

const acme = [
  record({
    id: 'ann',
    name: 'Ann',
    frameworkId: 'nitas-help-desk',
    levelId: 'L1',
    coach: COACH,
    startDate: '2025-11-01',
    stage: { signed: 12, hoursPerCategory: 16 },
  }),
  record({
    id: 'cy',
    name: 'Cy',
    frameworkId: 'customer-technical-support',
    levelId: 'ITS1',
    coach: COACH2,
    startDate: '2026-02-01',
    stage: { signed: 0 },
  }),
];
const globex = [
  record({
    id: 'gus',
    name: 'Gus',
    frameworkId: 'it-support-wps',
    levelId: 'L1',
    coach: GLOBEX_COACH,
    startDate: '2025-12-01',
    stage: { signed: 30 },
  }),
];
const initech = [
  record({
    id: 'ivy',
    name: 'Ivy',
    frameworkId: 'nitas-help-desk',
    levelId: 'L1',
    coach: 'coach@initech.example',
    startDate: '2026-01-01',
    stage: { signed: 3 },
  }),
];

const sponsor = (id: string, name: string, apprentices: ApprenticeRecordInput[]): SponsorSpec => ({
  id,
  name,
  admins: [`admin@${id}.example`],
  apprentices,
});

let fake: FakeAppsScript;
beforeAll(async () => {
  // Acme's roster makes COACH a coach; Initech is not the consultant's: never in their cohort.
  await scenario(
    acmeSponsor({ apprentices: acme }),
    sponsor('globex', 'Globex', globex),
    sponsor('initech', 'Initech', initech),
  );
  // The consultant is made a member through the API, by each admin.
  for (const sponsorId of ['acme', 'globex']) {
    const put = await call(api.putMember, {
      as: `admin@${sponsorId}.example`,
      params: { sponsorId, email: CONSULTANT },
      body: { role: 'consultant' },
    });
    expect(put.status).toBe(200);
  }
}, 120_000);
beforeEach(() => {
  fake = installFakeAppsScript({ fetch: syncFetch, identity: mintIdToken({ email: CONSULTANT }) });
  writeSettings({ endpoint: apiUrl(), sponsorId: '', frameworkIds: [] });
});
afterEach(() => fake.uninstall());

const COLUMNS = cohortColumns(true).map((c) => c.header);
const col = (h: string) => COLUMNS.indexOf(h);
const GAP = gapColumns(true).map((c) => c.header);
/** The rows under a Qualcard sheet's table header (the row naming the hidden apprentice id). */
const tableOf = (grid: unknown[][]): unknown[][] =>
  grid.slice(grid.findIndex((r) => r.includes(APPRENTICE_ID_HEADER)) + 1);

test("a consultant's Cohort, Gaps and Gap list sheets hold every sponsor that made them a member, with the stored numbers", async () => {
  expect(entry.refreshCohort()).toMatchObject({ sponsors: 2, apprentices: 3, pages: 1 });
  const rows = tableOf(fake.ss.byName('Cohort')!.grid());
  expect(rows.map((r) => [r[col('Sponsor')], r[col('Apprentice id')]]).sort()).toEqual([
    ['Acme IT', 'ann'],
    ['Acme IT', 'cy'],
    ['Globex', 'gus'],
  ]);
  // The numbers are the service's stored progress, as its progress route answers them.
  for (const [sid, name] of [
    ['acme', 'Acme IT'],
    ['globex', 'Globex'],
  ] as const) {
    const stored = await call(api.sponsorProgress, { as: CONSULTANT, params: { sponsorId: sid } });
    for (const s of stored.body.apprentices) {
      const row = rows.find((r) => r[col('Apprentice id')] === s.apprenticeId)!;
      const target = s.progress.levels.find((l) => l.levelId === s.progress.targetLevelId)!;
      expect(row[col('Sponsor')]).toBe(name);
      expect(row[col('Level worked towards')]).toBe(
        `${target.title} (${target.levelId})\n${s.frameworkId} ${s.progress.frameworkVersion}`,
      );
      expect(row[col('Percent')]).toBe(target.percent);
      expect(row[col('Pending')]).toBe(ENTRY_KINDS.reduce((n, k) => n + s.progress.entries[k].pending, 0));
      const projected = row[col('Projected completion')];
      expect(projected instanceof Date ? projected.toISOString().slice(0, 10) : projected).toBe(
        s.progress.projectedCompletion ?? 'no pace yet',
      );
      // Every gap: the Gap list sheet, one row each below its header.
      const grid = fake.ss.byName('Gap list')!.grid();
      const gapRows = grid
        .slice(grid.findIndex((g) => g.includes('Gap')) + 1)
        .filter((g) => g[GAP.indexOf(APPRENTICE_ID_HEADER)] === s.apprenticeId);
      expect(gapRows.every((g) => g[GAP.indexOf('Sponsor')] === name)).toBe(true);
      // Each listed gap is a row; a summary that kept the first 50 findings says how many more there are.
      const counted = gapRows.reduce((n, g) => {
        const text = String(g[GAP.indexOf('Gap')]);
        const more = /^(\d+) more gaps? (?:is|are) not listed/.exec(text);
        if (more) return n + Number(more[1]);
        // Open gaps are gaps: integrity flags and the waiting entries are rows of their own kinds.
        return g[GAP.indexOf('Kind')] === 'Gap' ? n + 1 : n;
      }, 0);
      expect(counted).toBe(row[col('Open gaps')]);
    }
  }
  // Gus has more gaps than the stored summary keeps: the Gap list says so in a row, the Gaps sheet's note too.
  expect(
    fake.ss
      .byName('Gap list')!
      .grid()
      .some((g) => /^\d+ more gaps are not listed/.test(String(g[GAP.indexOf('Gap')]))),
  ).toBe(true);
  expect(String(fake.ss.byName('Gaps')!.cell(2, 1))).toContain('keeps only the first 50 findings');
  expect(entry.getCohortState().sponsors.map((s) => [s.id, s.role])).toEqual([
    ['acme', 'consultant'],
    ['globex', 'consultant'],
  ]);
}, 120_000);

test('GET /v1/cohort pages at apprentice boundaries; a coach sees their own apprentices; a sponsor not theirs is a 403', async () => {
  const token = mintIdToken({ email: CONSULTANT });
  const one = await sendWithFetch<CohortAnswer>(cohortRequest(apiUrl(), []), token);
  const seen: string[] = [];
  let next: string | undefined;
  do {
    const url = `${cohortRequest(apiUrl(), [], next).url}${next ? '&' : '?'}limit=1`;
    const page = await sendWithFetch<CohortAnswer>({ method: 'GET', url, route: 'cohort' }, token);
    expect(page.apprentices.length).toBeLessThanOrEqual(1);
    seen.push(...page.apprentices.map((a) => `${a.sponsorId}/${a.apprenticeId}`));
    next = page.next ?? undefined;
  } while (next);
  expect(seen).toEqual(one.apprentices.map((a) => `${a.sponsorId}/${a.apprenticeId}`));
  expect(one.next).toBeNull();

  const coach = await sendWithFetch<CohortAnswer>(cohortRequest(apiUrl(), ['acme']), mintIdToken({ email: COACH }));
  expect(coach.apprentices.map((a) => a.apprenticeId)).toEqual(['ann']);
  await expect(sendWithFetch(cohortRequest(apiUrl(), ['initech']), token)).rejects.toThrow(
    /403.*not a member of sponsor initech/,
  );
  const bad = await call(api.cohort, { as: CONSULTANT, query: { pageToken: 'initech/ivy' } });
  expect(bad.status).toBe(400);
}, 120_000);

async function sheetsOf(file: DownloadFile): Promise<Record<string, string[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
  const out: Record<string, string[][]> = {};
  wb.eachSheet((ws) => {
    const rows: string[][] = [];
    ws.eachRow((r) => {
      rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? '')));
    });
    out[ws.name] = rows;
  });
  return out;
}
const sponsorsIn = (sheets: Record<string, string[][]>): string[] =>
  [...new Set(sheets.Cohort!.map((r) => r[0]!).filter((s) => ['Acme IT', 'Globex', 'Initech'].includes(s)))].sort();

test('downloads from the sidebar: the cohort report for one, several and all sponsors, and a transcript, open in exceljs', async () => {
  const all = entry.downloadCohortReport([]);
  expect(all.filename).toMatch(/^cohort-report-\d{4}-\d{2}-\d{2}\.xlsx$/);
  expect(all.bytes).toBe(Buffer.from(all.base64, 'base64').length);
  expect(sponsorsIn(await sheetsOf(all))).toEqual(['Acme IT', 'Globex']);
  expect(sponsorsIn(await sheetsOf(entry.downloadCohortReport(['globex'])))).toEqual(['Globex']);
  expect(sponsorsIn(await sheetsOf(entry.downloadCohortReport(['acme', 'globex'])))).toEqual(['Acme IT', 'Globex']);
  expect(() => entry.downloadCohortReport(['initech'])).toThrow(/403/);

  const t = entry.downloadTranscript('globex', 'gus');
  expect(t.filename).toMatch(/^transcript-.*\.xlsx$/);
  const transcript = await sheetsOf(t);
  expect(Object.keys(transcript).length).toBeGreaterThan(0);
  expect(JSON.stringify(transcript)).toContain('Gus');
}, 120_000);

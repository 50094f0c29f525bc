// Consultant mode against the fake Apps Script services: Refresh cohort writes the Cohort and Gaps sheets from
// GET /v1/cohort (every page), colours Status by conditional formats on the label, and replaces both sheets on the
// next refresh; the downloads hand the sidebar the server's bytes and file name. The answers come from the shared
// mapping (fake-cohort.ts); the real route is exercised on the emulators (test/emulator/addon-consultant.test.ts).

import * as entry from '../../addon/src/main';
import { writeSettings } from '../../addon/src/settings';
import { type FakeAppsScript, fakeIdToken, installFakeAppsScript } from '../../addon/test-support/fake-apps-script';
import { type FakeCohortService, fakeCohortService, stored } from '../../addon/test-support/fake-cohort';
import { taggedSheet } from '../../addon/test-support/program';
import { ApprenticeRecord, computeProgress, getFramework, type Progress, summarizeProgress } from '../../shared/src';
import {
  COHORT_COLUMNS,
  CohortRow,
  cohortRow,
  GAPS_COLUMNS,
  statusCells,
  statusFormatRules,
} from '../../shared/src/sheets';
import { completeLevel1, ojl, record, sign, tinyFramework, typed } from '../fixtures/engine';

const AS_OF = '2026-06-01';
const BASE = 'https://us-central1-demo.cloudfunctions.net/api';
const tiny = tinyFramework();
const nitas = getFramework('nitas-help-desk')!;

const progressOf = (input: Parameters<typeof record>[0], fw = tiny): Progress =>
  computeProgress(fw, ApprenticeRecord.parse(record(input)), AS_OF);
const done = summarizeProgress(computeProgress(tiny, ApprenticeRecord.parse(completeLevel1()), AS_OF));
const started = summarizeProgress(
  progressOf({ signOffs: [sign('A1'), typed(sign('A2'))], hours: [ojl('2026-05-20', 8)] }),
);
/** NITAS level 2 with one item signed: more than 50 gaps, so the stored summary leaves some out. */
const behind = summarizeProgress(
  computeProgress(
    nitas,
    ApprenticeRecord.parse({
      ...record({ levelId: 'L2', signOffs: [sign('HD1.1.1', '2026-01-12')] }),
      apprentice: { ...record().apprentice, id: 'ben', frameworkId: 'nitas-help-desk', levelId: 'L2' },
    }),
    AS_OF,
  ),
);

let fake: FakeAppsScript;
let service: FakeCohortService;
beforeEach(() => {
  service = fakeCohortService([
    {
      id: 'acme',
      name: 'Acme IT',
      role: 'consultant',
      apprentices: [
        stored('ann', 'Ann', done),
        stored('bo', 'Bo', started, { status: { status: 'at-risk', reason: 'no confirmed entry for 30 days' } }),
      ],
    },
    { id: 'globex', name: 'Globex', role: 'admin', apprentices: [stored('ben', 'Ben', behind)] },
  ]);
  fake = installFakeAppsScript({ fetch: service.handler, identity: fakeIdToken('consultant@advisors.example') });
  writeSettings({ endpoint: BASE, sponsorId: '', frameworkIds: [] });
});
afterEach(() => fake.uninstall());

const body = (name: string): unknown[][] => fake.ss.byName(name)!.grid().slice(4);
const header = (name: string): unknown[] => fake.ss.byName(name)!.grid()[3]!;

test('Refresh cohort: one row per apprentice per sponsor, every open gap with its sponsor, Status coloured by its label', () => {
  const r = entry.refreshCohort();
  expect(r).toMatchObject({ sponsors: 2, apprentices: 3, pages: 1, cutShort: 1 });
  expect(header('Cohort')).toEqual([...COHORT_COLUMNS]);
  const rows = body('Cohort');
  expect(rows.map((row) => row.slice(0, 4))).toEqual([
    ['Acme IT', 'acme', 'Ann', 'ann'],
    ['Acme IT', 'acme', 'Bo', 'bo'],
    ['Globex', 'globex', 'Ben', 'ben'],
  ]);
  const col = (h: (typeof COHORT_COLUMNS)[number]) => COHORT_COLUMNS.indexOf(h);
  const [ann, bo, ben] = rows as unknown[][];
  // The engine's numbers, as stored: Ann's level 1 is complete, Bo has one counted tick and one pending.
  expect(ann![col('Percent')]).toBe(100);
  expect(ann![col('Framework')]).toBe('tiny');
  expect(ann![col('Version')]).toBe('1.0.0');
  expect(ann![col('Level')]).toBe('Level 1 (L1)');
  expect(ann![col('Open gaps')]).toBe(0);
  expect(bo![col('Pending confirmations')]).toBe(started.entries['sign-off'].pending);
  expect(bo![col('Pending confirmations')]).toBe(1);
  expect(bo![col('Percent')]).toBe(started.levels[0]!.percent);
  expect(bo![col('Status')]).toBe('At risk');
  expect(bo![col('Status reason')]).toBe('no confirmed entry for 30 days');
  expect(ann![col('Status')]).toBe(statusCells(done)[0]); // none stored: blank, not invented
  const levelGaps = Object.values(behind.levelGapCounts).reduce((n, c) => n + c, 0);
  expect(ben![col('Open gaps')]).toBe(levelGaps + (behind.findingCounts['activity.none'] ?? 0));
  expect(ben![col('Open gaps')]).toBeGreaterThan(50);

  const sheet = fake.ss.byName('Cohort')!;
  const statusColumn = { row: 5, col: COHORT_COLUMNS.indexOf('Status') + 1, rows: 3, cols: 1 };
  const formats = statusFormatRules(statusColumn);
  expect(formats.map((f) => f.textEquals)).toEqual(['On track', 'At risk', 'Off track']);
  expect(sheet.conditional).toEqual(
    formats.map((f) => ({
      text: f.textEquals,
      background: f.background,
      color: f.color,
      ranges: ['Cohort!R5C9:R7C9'],
    })),
  );
  expect(sheet.format(6, 9).background ?? null).toBeNull(); // colour comes from the rules, not a fill
  expect(sheet.format(7, 8).numberFormat).toBe('0.0"%"'); // the data rows' formats, set once per column
  expect(sheet.format(4, 1)).toMatchObject({ weight: 'bold', background: '#1a3d6d' });
  expect(fake.ss.byName('Gaps')!.format(6, 7).wrap).toBe(true);
  expect(String(sheet.cell(2, 1))).toContain('"Refresh cohort" replaces everything in it');

  expect(header('Gaps')).toEqual([...GAPS_COLUMNS]);
  const gaps = body('Gaps');
  expect(gaps.filter((g) => g[3] === 'ann')).toEqual([]);
  expect(gaps.filter((g) => g[3] === 'bo').map((g) => g[6])).toContain(
    '1 entry typed in a sheet is not confirmed and not counted: 1 sign-off.',
  );
  const benGaps = gaps.filter((g) => g[3] === 'ben');
  expect(benGaps.every((g) => g[0] === 'Globex' && g[1] === 'globex' && g[2] === 'Ben')).toBe(true);
  const left = (ben![col('Open gaps')] as number) - behind.gaps.filter((g) => !g.code.startsWith('pending.')).length;
  expect(benGaps.at(-1)![6]).toBe(
    `${left} more gaps are not listed here (the stored progress keeps the first findings); the apprentice's transcript lists every gap.`,
  );
  expect(String(fake.ss.byName('Gaps')!.cell(2, 1))).toContain('keeps only the first 50 findings');
  // The request carried the ID token, never an OAuth token, and asked for every sponsor.
  expect(fake.fetches.map((f) => f.url)).toEqual([`${BASE}/v1/cohort`]);
  expect((fake.fetches[0]!.params.headers as Record<string, string>).Authorization).toBe(
    `Bearer ${fakeIdToken('consultant@advisors.example')}`,
  );
  expect(fake.lock.held).toBe(false);
});

test('a refresh follows every page and replaces both sheets: nothing of the previous refresh or typed there is left', () => {
  service.pageSize = 1;
  expect(entry.refreshCohort()).toMatchObject({ apprentices: 3, pages: 3 });
  expect(fake.fetches.map((f) => new URL(f.url).searchParams.get('pageToken'))).toEqual([null, 'acme/ann', 'acme/bo']);
  const cohort = taggedSheet(fake, 'cohort')!;
  const gaps = taggedSheet(fake, 'gaps')!;
  cohort.setCell(9, 3, 'my note'); // typed in a Qualcard sheet: the header note says a refresh replaces it

  fake.log.reset();
  entry.refreshCohort();
  const callsForThree = fake.log.calls.length;
  service.sponsors = service.sponsors.slice(0, 1);
  service.sponsors[0]!.apprentices = service.sponsors[0]!.apprentices.slice(1);
  fake.log.reset();
  expect(entry.refreshCohort()).toMatchObject({ sponsors: 1, apprentices: 1 });
  expect(taggedSheet(fake, 'cohort')).toBe(cohort); // the same sheets, refreshed in place
  expect(taggedSheet(fake, 'gaps')).toBe(gaps);
  expect(cohort.grid().length).toBe(5);
  expect(body('Cohort').map((r) => r[3])).toEqual(['bo']);
  expect(body('Gaps').every((g) => g[3] === 'bo')).toBe(true);
  expect(cohort.conditional).toHaveLength(3);
  expect(fake.ss.sheets.filter((s) => s.name === 'Cohort' || s.name === 'Gaps')).toHaveLength(2);
  // Batched: two value writes per sheet (heading, rows), and as many calls for one apprentice as for three.
  expect(fake.log.count('Range.setValues')).toBe(4);
  expect(fake.log.calls.length).toBe(callsForThree);
  expect(entry.getCohortState()).toMatchObject({
    endpoint: BASE,
    sponsors: [{ id: 'acme', name: 'Acme IT', role: 'consultant' }],
    apprentices: [{ sponsorId: 'acme', sponsorName: 'Acme IT', id: 'bo', name: 'Bo' }],
  });
});

test('a sheet named Cohort that Qualcard did not write is left alone; an answer that is not a cohort changes nothing', () => {
  fake.ss.insertSheet('Cohort');
  fake.ss.byName('Cohort')!.setCell(1, 1, 'my own cohort');
  expect(() => entry.refreshCohort()).toThrow(/a sheet named "Cohort" that Qualcard did not write; rename it/);
  expect(fake.ss.byName('Cohort')!.cell(1, 1)).toBe('my own cohort');
  expect(fake.ss.byName('Gaps')).toBeUndefined();

  fake.ss.deleteSheet(fake.ss.byName('Cohort') as unknown as GoogleAppsScript.Spreadsheet.Sheet);
  fake.onFetch(() => ({ status: 200, body: JSON.stringify({ sponsors: [], apprentices: [{ name: 'x' }] }) }));
  expect(() => entry.refreshCohort()).toThrow(/the service's answer is not a cohort/);
  expect(fake.ss.byName('Cohort')).toBeUndefined();
});

test('the endpoint alone is saved for a consultant; without one, Refresh says where to set it', () => {
  writeSettings({ endpoint: '', sponsorId: '', frameworkIds: [] });
  expect(() => entry.refreshCohort()).toThrow(/set the Qualcard functions endpoint first/);
  expect(() => entry.saveEndpoint('http://example.com')).toThrow(/Endpoint not saved: endpoint:/);
  expect(entry.saveEndpoint(` ${BASE} `)).toMatchObject({ endpoint: BASE, sponsorId: '', rosterExists: false });
  expect(fake.fetches).toHaveLength(0);
});

test('downloads: the cohort report for one, several or all sponsors, and a transcript, with the server bytes and name', () => {
  const all = entry.downloadCohortReport([]);
  expect(all).toEqual({
    filename: 'cohort-report-2026-06-01.xlsx',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: Buffer.from(service.file).toString('base64'),
    bytes: service.file.length,
  });
  entry.downloadCohortReport(['acme']);
  entry.downloadCohortReport(['acme', 'globex', 'acme']);
  expect(fake.fetches.map((f) => f.url)).toEqual([
    `${BASE}/v1/cohort-report`,
    `${BASE}/v1/cohort-report?sponsorId=acme`,
    `${BASE}/v1/cohort-report?sponsorId=acme&sponsorId=globex`,
  ]);

  fake.fetches.length = 0;
  const t = entry.downloadTranscript('globex', 'ben');
  expect(t).toMatchObject({ filename: 'transcript-ben-v1.xlsx', bytes: service.file.length });
  expect(Buffer.from(t.base64, 'base64')).toEqual(Buffer.from(service.file));
  expect(fake.fetches.map((f) => [f.params.method, f.url])).toEqual([
    ['post', `${BASE}/v1/sponsors/globex/apprentices/ben/transcripts`],
    ['get', `${BASE}/v1/sponsors/globex/apprentices/ben/transcripts/t1`],
  ]);
});

test('downloads refuse bad ids before any request, and a file too large for the sidebar with a way out', () => {
  expect(() => entry.downloadCohortReport(['acme', '../x'])).toThrow(/"..\/x" is not a sponsor id/);
  expect(() => entry.downloadCohortReport('acme' as unknown as string[])).toThrow(/send a list of 0 to 100/);
  expect(() => entry.downloadTranscript('acme', '')).toThrow(/"" is not a apprentice id/);
  expect(fake.fetches).toHaveLength(0);
  service.file = new Uint8Array(21 * 1024 * 1024);
  expect(() => entry.downloadCohortReport([])).toThrow(/21.0 MB, over the sidebar's 20 MB; download fewer sponsors/);
});

test('one mapping from stored progress to a row: the stored framework version and last activity win when present', () => {
  const sponsor = { id: 'acme', name: 'Acme IT' };
  const plain = cohortRow(sponsor, stored('bo', 'Bo', started));
  // Progress stored before the engine kept a last activity or a status has neither: blank, not invented.
  const carried = started;
  expect(plain).toMatchObject({
    frameworkVersion: started.frameworkVersion,
    lastActivity: carried.lastActivity ?? null,
    status: statusCells(carried)[0] || null,
  });
  const later = cohortRow(sponsor, {
    ...stored('bo', 'Bo', started, { lastActivity: '2026-05-20', status: { status: 'off-track', reason: 'late' } }),
    frameworkVersion: '2.0.0',
  });
  expect(later).toMatchObject({
    frameworkVersion: '2.0.0',
    lastActivity: '2026-05-20',
    status: 'Off track',
    statusReason: 'late',
  });
  expect(CohortRow.parse(later)).toEqual(later);
});

// Consultant mode against the fake Apps Script services: Refresh cohort writes the Cohort, Gaps and Gap list sheets from
// GET /v1/cohort (every page), colours Status by conditional formats on the label, and replaces them on the
// next refresh; the downloads hand the sidebar the server's bytes and file name. The answers come from the shared
// mapping (fake-cohort.ts); the real route is exercised on the emulators (test/emulator/addon-consultant.test.ts).

import * as entry from '../../addon/src/main';
import { writeSettings } from '../../addon/src/settings';
import { type FakeAppsScript, fakeIdToken, installFakeAppsScript } from '../../addon/test-support/fake-apps-script';
import { type FakeCohortService, fakeCohortService, stored } from '../../addon/test-support/fake-cohort';
import { taggedSheet } from '../../addon/test-support/program';
import { ApprenticeRecord, computeProgress, getFramework, type Progress, summarizeProgress } from '../../shared/src';
import {
  APPRENTICE_ID_HEADER,
  CohortRow,
  cohortColumns,
  cohortRow,
  gapColumns,
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

/** The table of a Qualcard sheet: its header row (the one naming the hidden apprentice id) and the rows under it. */
const headerAt = (name: string): number =>
  fake.ss
    .byName(name)!
    .grid()
    .findIndex((r) => r.includes(APPRENTICE_ID_HEADER)) + 1;
const header = (name: string): unknown[] => fake.ss.byName(name)!.grid()[headerAt(name) - 1]!;
const body = (name: string): unknown[][] => {
  const grid = fake.ss.byName(name)!.grid().slice(headerAt(name));
  const end = grid.findIndex((r) => r.every((c) => c === '' || c === null));
  return end < 0 ? grid : grid.slice(0, end);
};

test('Refresh cohort: counts per status and sponsor, one row per apprentice worst first, the gaps that need a look first', () => {
  const r = entry.refreshCohort();
  expect(r).toMatchObject({ sponsors: 2, apprentices: 3, pages: 1, cutShort: 1 });
  const columns = cohortColumns(true).map((c) => c.header);
  expect(header('Cohort')).toEqual(columns);
  const col = (h: string) => columns.indexOf(h);
  const rows = body('Cohort');
  // Worst first: Ben off track (the engine's status, stored), Bo at risk, Ann (level 1 complete) on track.
  expect(behind.status.status).toBe('off-track');
  expect(rows.map((row) => [row[col('Apprentice')], row[col('Sponsor')], row[col('Status')]])).toEqual([
    ['Ben', 'Globex', 'Off track'],
    ['Bo', 'Acme IT', 'At risk'],
    ['Ann', 'Acme IT', 'On track'],
  ]);
  expect(rows.map((row) => row.slice(-2))).toEqual([
    ['globex', 'ben'],
    ['acme', 'bo'],
    ['acme', 'ann'],
  ]);
  const [ben, bo, ann] = rows as unknown[][];
  // The engine's numbers, as stored: Ann's level 1 is complete, Bo has one counted tick and one pending.
  expect(ann![col('Percent')]).toBe(100);
  expect(ann![col('Level worked towards')]).toBe('Level 1 (L1)\ntiny 1.0.0');
  expect(ann![col('Open gaps')]).toBe(0);
  expect(bo![col('Pending')]).toBe(started.entries['sign-off'].pending);
  expect(bo![col('Pending')]).toBe(1);
  expect(bo![col('Percent')]).toBe(started.levels[0]!.percent);
  expect(bo![col('Status reason')]).toBe('no confirmed entry for 30 days');
  expect(ann![col('Status')]).toBe(statusCells(done)[0]); // none stored: blank, not invented
  const levelGaps = Object.values(behind.levelGapCounts).reduce((n, c) => n + c, 0);
  expect(ben![col('Open gaps')]).toBe(levelGaps + (behind.findingCounts['activity.none'] ?? 0));
  expect(ben![col('Open gaps')]).toBeGreaterThan(50);

  // The counts at the top: per sponsor, then all of them; the statuses worst first.
  const sheet = fake.ss.byName('Cohort')!;
  expect(
    sheet
      .grid()
      .slice(3, 7)
      .map((row) => row.slice(0, 5)),
  ).toEqual([
    ['Apprentices by status', 'Off track', 'At risk', 'On track', 'Total'],
    ['Acme IT', 0, 1, 1, 2],
    ['Globex', 1, 0, 0, 1],
    ['All sponsors', 1, 1, 1, 3],
  ]);
  const head = headerAt('Cohort');
  const statusColumn = { row: head + 1, col: col('Status') + 1, rows: 3, cols: 1 };
  const formats = statusFormatRules(statusColumn);
  expect(formats.map((f) => f.textEquals)).toEqual(['On track', 'At risk', 'Off track']);
  expect((sheet.conditional as { ranges: string[] }[]).filter((c) => c.ranges[0] !== 'Cohort!R4C2:R4C4')).toEqual(
    formats.map((f) => ({
      text: f.textEquals,
      background: f.background,
      color: f.color,
      ranges: [`Cohort!R${head + 1}C2:R${head + 3}C2`],
    })),
  );
  expect(sheet.format(head + 1, 2).background ?? null).toBeNull(); // colour comes from the rules, not a fill
  expect(sheet.format(head + 2, col('Percent') + 1).numberFormat).toBe('0.0"%"'); // set once per column
  expect(sheet.format(head, 1)).toMatchObject({ weight: 'bold', background: '#1a3d6d' });
  expect(String(sheet.cell(2, 1))).toContain('"Refresh cohort" replaces everything in it');

  const gapHeaders = gapColumns(true).map((c) => c.header);
  expect(header('Gaps')).toEqual(gapHeaders);
  const g = (h: string) => gapHeaders.indexOf(h);
  const gaps = body('Gaps');
  expect(fake.ss.byName('Gaps')!.format(headerAt('Gaps') + 1, g('Gap') + 1).wrap).toBe(true);
  // Waiting entries before gaps (errors first), then each apprentice's routine gaps counted in one row.
  const routine = ['items.missing', 'hours.short', 'exam.missing', 'certification.missing'];
  const bensOthers = behind.gaps.filter((x) => !routine.includes(x.code) && !x.code.startsWith('pending.'));
  expect(bensOthers.length).toBeGreaterThan(0);
  expect(gaps.map((x) => [x[g('Apprentice')], x[g('Kind')]])).toEqual([
    ['Bo', 'Waiting for confirmation'],
    ...bensOthers.map(() => ['Ben', 'Gap']),
    ['Ben', 'Not done yet'],
    ['Bo', 'Not done yet'],
  ]);
  const severities = gaps.filter((x) => x[g('Kind')] === 'Gap').map((x) => x[g('Severity')]);
  expect(severities).toEqual([...severities].sort()); // error before warning
  expect(gaps[0]![g('Gap')]).toBe('1 entry typed in a sheet is not confirmed and not counted: 1 sign-off.');
  expect(gaps.find((x) => x[g('Apprentice')] === 'Ben' && x[g('Kind')] === 'Not done yet')![g('Gap')]).toBe(
    `Items not signed off: ${behind.findingCounts['items.missing']}; Hours categories short: ${behind.findingCounts['hours.short']}; Exams not passed: ${behind.findingCounts['exam.missing']}; Certifications not held: ${behind.findingCounts['certification.missing']} (each one on the sheet "Gap list").`,
  );
  // Every gap on the Gap list sheet (below its header), the stored summary's cut said in its own row.
  const grid = fake.ss.byName('Gap list')!.grid();
  expect(String(grid[0]![0])).toMatch(/^Qualcard gap list \(\d+\)$/);
  const listed = grid.slice(grid.findIndex((row) => row.includes('Gap')) + 1);
  const left = (ben![col('Open gaps')] as number) - behind.gaps.filter((x) => !x.code.startsWith('pending.')).length;
  expect(listed.filter((x) => x[g('Apprentice id')] === 'ben').at(-1)![g('Gap')]).toBe(
    `${left} more gaps are not listed here (the stored progress keeps the first findings); the apprentice's transcript lists every gap.`,
  );
  expect(listed.filter((x) => x[g('Apprentice id')] === 'ann')).toEqual([]);
  expect(String(fake.ss.byName('Gaps')!.cell(2, 1))).toContain('keeps only the first 50 findings');
  // The request carried the ID token, never an OAuth token, and asked for every sponsor.
  expect(fake.fetches.map((f) => f.url)).toEqual([`${BASE}/v1/cohort`]);
  expect((fake.fetches[0]!.params.headers as Record<string, string>).Authorization).toBe(
    `Bearer ${fakeIdToken('consultant@advisors.example')}`,
  );
  expect(fake.lock.held).toBe(false);
});

test('a refresh follows every page and replaces its three sheets: nothing of the previous refresh or typed there is left', () => {
  service.pageSize = 1;
  expect(entry.refreshCohort()).toMatchObject({ apprentices: 3, pages: 3 });
  expect(fake.fetches.map((f) => new URL(f.url).searchParams.get('pageToken'))).toEqual([null, 'acme/ann', 'acme/bo']);
  const cohort = taggedSheet(fake, 'cohort')!;
  const gaps = taggedSheet(fake, 'gaps')!;
  const gapList = taggedSheet(fake, 'gap-list')!;
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
  expect(taggedSheet(fake, 'gap-list')).toBe(gapList);
  // Title, note, blank, counts (header and the one sponsor), blank, the table's header and Bo's row.
  expect(cohort.grid().length).toBe(8);
  expect(body('Cohort').map((r) => r.at(-1))).toEqual(['bo']);
  expect(body('Gaps').every((g) => g.at(-1) === 'bo')).toBe(true);
  expect(body('Gap list').every((g) => g.at(-1) === 'bo')).toBe(true);
  expect(cohort.conditional).toHaveLength(6);
  expect(fake.ss.sheets.filter((s) => ['Cohort', 'Gaps', 'Gap list'].includes(s.name))).toHaveLength(3);
  // Batched: two value writes per sheet (the rows above its uniform rows, then those: the Cohort sheet's apprentices,
  // the gaps to look at, every gap), their formats once per styled column.
  expect(fake.log.count('Range.setValues')).toBe(6);
  // The same calls for one apprentice as for three, less the Sponsor column (shown for several sponsors only) on
  // the three sheets: its width, and its wrapped data range (a getRange and a setWrap).
  expect(fake.log.calls.length).toBe(callsForThree - 9);
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

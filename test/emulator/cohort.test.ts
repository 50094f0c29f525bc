// The cohort report streamed from the API, opened by LibreOffice, checked against the engine's numbers.
import { type ApprenticeRecordInput, computeProgress } from '@qualcard/shared';
import { call, clearFirestore, seedSponsor } from './helpers/api';
import { booksViaLibreOffice, sheetsViaLibreOffice, tableRows } from './helpers/libreoffice';
import { framework, record } from './helpers/records';

const ADMIN = 'admin@acme.example';
const GLOBEX_ADMIN = 'admin@globex.example';
const CONSULTANT = 'consultant@advisors.example';
const COACH = 'coach@acme.example';
const AS_OF = '2026-06-30';

const acme: ApprenticeRecordInput[] = [
  record({
    id: 'ann',
    name: 'Ann',
    frameworkId: 'nitas-help-desk',
    levelId: 'L2',
    coach: COACH,
    startDate: '2024-09-01',
    stage: { signed: 60, hoursPerCategory: 40, days: 500 },
  }),
  record({
    id: 'ben',
    name: 'Ben',
    frameworkId: 'it-generalist-competencies',
    levelId: 'L1',
    coach: COACH,
    startDate: '2025-11-01',
    stage: { signed: 10, hoursPerCategory: 8 },
  }),
  record({
    id: 'cy',
    name: 'Cy',
    frameworkId: 'customer-technical-support',
    levelId: 'ITS1',
    coach: 'coach2@acme.example',
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
    coach: 'coach@globex.example',
    startDate: '2025-12-01',
    stage: { signed: 30 },
  }),
];

beforeAll(async () => {
  await clearFirestore();
  await seedSponsor('acme', 'Acme IT', { [ADMIN]: 'admin', [CONSULTANT]: 'consultant' });
  await seedSponsor('globex', 'Globex', { [GLOBEX_ADMIN]: 'admin', [CONSULTANT]: 'consultant' });
  expect(
    (
      await call('POST', '/v1/sponsors/acme/sync', {
        as: ADMIN,
        body: { idempotencyKey: 'cohort-acme-1', asOf: AS_OF, records: acme },
      })
    ).status,
  ).toBe(200);
  expect(
    (
      await call('POST', '/v1/sponsors/globex/sync', {
        as: GLOBEX_ADMIN,
        body: { idempotencyKey: 'cohort-globex-1', asOf: AS_OF, records: globex },
      })
    ).status,
  ).toBe(200);
});

function expectedRows(sponsor: string, records: ApprenticeRecordInput[]) {
  return records.flatMap((r) => {
    const p = computeProgress(framework(r.apprentice.frameworkId), r, AS_OF);
    return p.levels.map((l) => ({
      Sponsor: sponsor,
      'Apprentice id': r.apprentice.id,
      Level: l.levelId,
      Complete: l.complete ? 'Yes' : 'No',
      'Completion %': l.percent,
      'Items signed': l.items.done,
      'Items required': l.items.required,
      'Hours done': l.hours.reduce((s, h) => s + h.done, 0),
      'Hours required': l.hours.reduce((s, h) => s + h.required, 0),
      'Projected completion': l.levelId === p.targetLevelId ? (p.projectedCompletion ?? '') : '',
      Gaps: p.gaps.filter((g) => g.levelId === l.levelId).length,
    }));
  });
}
const comparable = (row: Record<string, string>) => ({
  Sponsor: row.Sponsor,
  'Apprentice id': row['Apprentice id'],
  Level: row.Level,
  Complete: row.Complete,
  'Completion %': Number(row['Completion %']),
  'Items signed': Number(row['Items signed']),
  'Items required': Number(row['Items required']),
  'Hours done': Number(row['Hours done']),
  'Hours required': Number(row['Hours required']),
  'Projected completion': row['Projected completion'],
  Gaps: Number(row.Gaps),
});

test("a sponsor's cohort report has one row per apprentice and level, and every gap, as the engine computes them", async () => {
  const res = await call('GET', '/v1/sponsors/acme/cohort-report', { as: ADMIN });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-disposition')).toMatch(
    /^attachment; filename="cohort-report-\d{4}-\d{2}-\d{2}\.xlsx"$/,
  );
  const sheets = sheetsViaLibreOffice(res.bytes);
  expect(Object.keys(sheets).sort()).toEqual(['Cohort', 'Gaps']);
  expect(tableRows(sheets.Cohort!).map(comparable)).toEqual(expectedRows('Acme IT', acme));
  const gaps = tableRows(sheets.Gaps!);
  const expectedGaps = acme.flatMap((r) =>
    computeProgress(framework(r.apprentice.frameworkId), r, AS_OF).gaps.map((g) => [
      r.apprentice.id,
      g.code,
      g.message,
    ]),
  );
  expect(gaps.map((g) => [g['Apprentice id'], g.Code, g.Gap])).toEqual(expectedGaps);
});

test("a consultant's report covers every sponsor they serve; a coach's only their apprentices", async () => {
  const res = await call('GET', '/v1/cohort-report', { as: CONSULTANT });
  expect(res.status).toBe(200);
  const coach = await call('GET', '/v1/sponsors/acme/cohort-report', { as: COACH });
  const [consultantBook, coachBook] = booksViaLibreOffice([res.bytes, coach.bytes]);
  const rows = tableRows(consultantBook!.Cohort!).map(comparable);
  expect(rows).toEqual([...expectedRows('Acme IT', acme), ...expectedRows('Globex', globex)]);
  const coachRows = tableRows(coachBook!.Cohort!);
  expect([...new Set(coachRows.map((r) => r['Apprentice id']))]).toEqual(['ann', 'ben']);
  expect((await call('GET', '/v1/sponsors/acme/cohort-report', { as: 'ann@apprentice.example' })).status).toBe(403);
});

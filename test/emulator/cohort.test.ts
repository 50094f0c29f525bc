// The cohort report streamed from the API, opened by LibreOffice, checked against the engine's numbers: what was
// confirmed counts, what a sheet holds and nobody confirmed is pending, and the stored progress keeps only the first
// findings (the report counts the rest).
import {
  type ApprenticeRecordInput,
  computeProgress,
  ENTRY_KINDS,
  isPendingFinding,
  STATUS_LABEL,
} from '@qualcard/shared';
import * as api from '@qualcard/shared/api/routes';
import { readRecord } from '../../functions/src/store/apprentice';
import {
  ADMIN,
  acme as acmeSponsor,
  apprenticeEmail,
  COACH,
  COACH2,
  CONSULTANT,
  call,
  db,
  framework,
  GLOBEX_COACH,
  globex as globexSponsor,
  record,
  scenario,
} from './kit';
import { booksViaLibreOffice, sheetsViaLibreOffice, tableRows } from './kit/libreoffice';

const ACME = { sponsorId: 'acme' };

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

beforeAll(async () => {
  await scenario(
    acmeSponsor({ consultants: [CONSULTANT], apprentices: acme }),
    globexSponsor({ consultants: [CONSULTANT], apprentices: globex }),
  );
  // Ann's coach confirms 40 of her 60 items and her hours: they count; the rest of her sheet stays pending.
  const confirm = {
    signOffs: acme[0]!.signOffs!.slice(0, 40).map((s) => s.itemId),
    hours: acme[0]!.hours!.map((h) => h.id!),
  };
  const params = { ...ACME, apprenticeId: 'ann' };
  expect((await call(api.confirmations, { as: COACH, params, body: confirm })).status).toBe(201);
});

/** The engine's progress of what is stored (confirmations included), as of the stored progress' date. */
async function engine(sponsorId: string, r: ApprenticeRecordInput) {
  const id = r.apprentice.id;
  const asOf = (await db().doc(`sponsors/${sponsorId}/progress/${id}`).get()).get('progress.asOf') as string;
  return computeProgress(framework(r.apprentice.frameworkId), (await readRecord(db(), sponsorId, id))!, asOf);
}

async function expectedRows(sponsor: string, sponsorId: string, records: ApprenticeRecordInput[]) {
  const all = await Promise.all(records.map(async (r) => [r, await engine(sponsorId, r)] as const));
  return all.flatMap(([r, p]) => {
    const pending = ENTRY_KINDS.reduce((n, kind) => n + p.entries[kind].pending, 0);
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
      'Pending confirmations': l.levelId === p.targetLevelId ? pending : '',
      // The status as stored with the progress: the engine's on the stored record.
      Status: l.levelId === p.targetLevelId ? STATUS_LABEL[p.status.status] : '',
      Reason: l.levelId === p.targetLevelId ? p.status.reason : '',
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
  'Pending confirmations': row['Pending confirmations'] === '' ? '' : Number(row['Pending confirmations']),
  Status: row.Status,
  Reason: row.Reason,
});

test("a sponsor's cohort report has one row per apprentice and level, and every gap, as the engine computes them", async () => {
  const res = await call(api.sponsorCohortReport, { as: ADMIN, params: ACME });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-disposition')).toMatch(
    /^attachment; filename="cohort-report-\d{4}-\d{2}-\d{2}\.xlsx"$/,
  );
  const sheets = sheetsViaLibreOffice(res.bytes);
  expect(Object.keys(sheets).sort()).toEqual(['Cohort', 'Gaps']);
  const rows = tableRows(sheets.Cohort!).map(comparable);
  expect(rows).toEqual(await expectedRows('Acme IT', 'acme', acme));
  // The 40 confirmed items are L2's 35 core items and 5 optional ones: confirmed entries count.
  expect(rows.find((r) => r['Apprentice id'] === 'ann' && r.Level === 'L2')!['Items signed']).toBe(35);
  // Every gap of the engine but the pending entries, the first 50 findings as stored, then a line for those left
  // out and one for the pending entries.
  const gaps = tableRows(sheets.Gaps!);
  const expectedGaps = (
    await Promise.all(
      acme.map(async (r) => {
        const p = await engine('acme', r);
        const gaps = p.gaps.filter((g) => !isPendingFinding(g));
        const listed = gaps.slice(0, 50).map((g) => [r.apprentice.id, g.code, g.message]);
        const more = gaps.length > 50 ? [[r.apprentice.id, 'gaps.not-listed']] : [];
        const pending = p.gaps.length > gaps.length ? [[r.apprentice.id, 'pending']] : [];
        return [...listed, ...more, ...pending];
      }),
    )
  ).flat();
  expect(
    gaps.map((g) =>
      ['pending', 'gaps.not-listed'].includes(g.Code!)
        ? [g['Apprentice id'], g.Code]
        : [g['Apprentice id'], g.Code, g.Gap],
    ),
  ).toEqual(expectedGaps);
});

test("a consultant's report covers every sponsor they serve; a coach's only their apprentices", async () => {
  const res = await call(api.cohortReport, { as: CONSULTANT });
  expect(res.status).toBe(200);
  const coach = await call(api.sponsorCohortReport, { as: COACH, params: ACME });
  const [consultantBook, coachBook] = booksViaLibreOffice([res.bytes, coach.bytes]);
  const rows = tableRows(consultantBook!.Cohort!).map(comparable);
  expect(rows).toEqual([
    ...(await expectedRows('Acme IT', 'acme', acme)),
    ...(await expectedRows('Globex', 'globex', globex)),
  ]);
  const coachRows = tableRows(coachBook!.Cohort!);
  expect([...new Set(coachRows.map((r) => r['Apprentice id']))]).toEqual(['ann', 'ben']);
  expect((await call(api.sponsorCohortReport, { as: apprenticeEmail('ann'), params: ACME })).status).toBe(403);
});

// The cohort report streamed from the API, opened by LibreOffice, checked against the engine's numbers: what was
// confirmed counts, what a sheet holds and nobody confirmed is pending, and the stored progress keeps only the first
// findings (the report counts the rest). One row per apprentice, the worst status first; every level and every gap
// on sheets of their own.
import {
  type ApprenticeRecordInput,
  computeProgress,
  ENTRY_KINDS,
  HOURS_CATEGORY_LABEL,
  isPendingFinding,
  STATUS_LABEL,
  statusRank,
} from '@qualcard/shared';
import * as api from '@qualcard/shared/api/routes';
import { CATEGORIES, tallyText } from '@qualcard/shared/sheets';
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

/** The Cohort sheet's rows the engine's progress gives: one per apprentice at its target level, worst status first. */
async function expectedRows(sponsor: string, sponsorId: string, records: ApprenticeRecordInput[]) {
  const all = await Promise.all(records.map(async (r) => [r, await engine(sponsorId, r)] as const));
  return all.map(([r, p]) => {
    const target = p.levels.find((l) => l.levelId === p.targetLevelId)!;
    const hours = (c: (typeof CATEGORIES)[number]) => tallyText(target.hours.find((h) => h.category === c));
    return {
      Sponsor: sponsor,
      'Apprentice id': r.apprentice.id,
      Name: r.apprentice.name,
      Level: `${target.title} (${target.levelId})`,
      Percent: target.percent,
      'Items signed': tallyText(target.items),
      ...Object.fromEntries(CATEGORIES.map((c) => [`${HOURS_CATEGORY_LABEL[c]} hours`, hours(c)])),
      'Projected completion': p.projectedCompletion ?? 'no pace yet',
      'Open gaps': p.gaps.filter((g) => !isPendingFinding(g)).length,
      Pending: ENTRY_KINDS.reduce((n, kind) => n + p.entries[kind].pending, 0),
      // The status as stored with the progress: the engine's on the stored record.
      Status: STATUS_LABEL[p.status.status],
      'Status reason': p.status.reason,
    };
  });
}
type Expected = Awaited<ReturnType<typeof expectedRows>>[number];
/** The report's order: the worst status first, then sponsor and apprentice name. */
const worstFirst = (rows: Expected[]) =>
  [...rows].sort(
    (a, b) =>
      statusRank(a.Status) - statusRank(b.Status) || a.Sponsor.localeCompare(b.Sponsor) || a.Name.localeCompare(b.Name),
  );
/** A sheet's table: the rows under the header that names the hidden apprentice id. */
const table = (rows: string[][]) =>
  tableRows(
    rows,
    rows.findIndex((r) => r.includes('Apprentice id')),
  );
const comparable = (sponsor: string) => (row: Record<string, string>) => ({
  Sponsor: row.Sponsor ?? sponsor,
  'Apprentice id': row['Apprentice id'],
  Name: row.Apprentice,
  Level: row['Level worked towards']!.split('\n')[0],
  Percent: Number(row.Percent),
  'Items signed': row['Items signed'],
  ...Object.fromEntries(
    CATEGORIES.map((c) => [`${HOURS_CATEGORY_LABEL[c]} hours`, row[`${HOURS_CATEGORY_LABEL[c]} hours`]]),
  ),
  'Projected completion': row['Projected completion'],
  'Open gaps': Number(row['Open gaps']),
  Pending: Number(row.Pending),
  Status: row.Status,
  'Status reason': row['Status reason'],
});

test("a sponsor's cohort report has one row per apprentice, every level and every gap, as the engine computes them", async () => {
  const res = await call(api.sponsorCohortReport, { as: ADMIN, params: ACME });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-disposition')).toMatch(
    /^attachment; filename="cohort-report-\d{4}-\d{2}-\d{2}\.xlsx"$/,
  );
  const sheets = sheetsViaLibreOffice(res.bytes);
  expect(Object.keys(sheets).sort()).toEqual(['Cohort', 'Gap list', 'Gaps', 'Levels']);
  const rows = table(sheets.Cohort!).map(comparable('Acme IT'));
  expect(rows).toEqual(worstFirst(await expectedRows('Acme IT', 'acme', acme)));
  // The 40 confirmed items are L2's 35 core items and 5 optional ones: confirmed entries count.
  expect(rows.find((r) => r['Apprentice id'] === 'ann')!['Items signed']).toBe('35 of 35');
  // Every level on its own sheet, in the stored order, its gaps counted by the stored summary.
  const levels = table(sheets.Levels!).map((l) => [l['Apprentice id'], l.Level, Number(l['Open gaps'])]);
  const engineLevels = await Promise.all(
    acme.map(async (r) => {
      const p = await engine('acme', r);
      return p.levels.map((l) => [
        r.apprentice.id,
        `${l.title} (${l.levelId})`,
        p.gaps.filter((g) => g.levelId === l.levelId).length,
      ]);
    }),
  );
  expect(levels).toEqual(engineLevels.flat());
  // The Gap list: every gap of the engine but the pending entries, the first 50 findings as stored, then a line for
  // those left out and one for the pending entries.
  const list = table(sheets['Gap list']!);
  const expectedGaps = (
    await Promise.all(
      acme.map(async (r) => {
        const p = await engine('acme', r);
        const gaps = p.gaps.filter((g) => !isPendingFinding(g));
        const listed = gaps.slice(0, 50).map((g) => [r.apprentice.id, g.message]);
        const more = gaps.length > 50 ? [[r.apprentice.id, 'gaps.not-listed']] : [];
        const pending = p.gaps.length > gaps.length ? [[r.apprentice.id, 'pending']] : [];
        return [...listed, ...more, ...pending];
      }),
    )
  ).flat();
  expect(
    list.map((g) =>
      / more gaps? (is|are) not listed/.test(g.Gap!)
        ? [g['Apprentice id'], 'gaps.not-listed']
        : g.Kind === 'Waiting for confirmation'
          ? [g['Apprentice id'], 'pending']
          : [g['Apprentice id'], g.Gap],
    ),
  ).toEqual(expectedGaps);
  // The Gaps sheet: waiting entries before the other gaps, routine ones counted per apprentice from the summary.
  const gaps = table(sheets.Gaps!);
  const kinds = gaps.map((g) => g.Kind);
  expect(kinds.lastIndexOf('Waiting for confirmation')).toBeLessThan(kinds.indexOf('Not done yet'));
  const annFull = await engine('acme', acme[0]!);
  const annRoutine = gaps.find((g) => g['Apprentice id'] === 'ann' && g.Kind === 'Not done yet')!.Gap;
  const missing = annFull.gaps.filter((g) => g.code === 'items.missing').length;
  expect(annRoutine).toContain(`Items not signed off: ${missing}`);
});

test("a consultant's report covers every sponsor they serve; a coach's only their apprentices", async () => {
  const res = await call(api.cohortReport, { as: CONSULTANT });
  expect(res.status).toBe(200);
  const coach = await call(api.sponsorCohortReport, { as: COACH, params: ACME });
  const [consultantBook, coachBook] = booksViaLibreOffice([res.bytes, coach.bytes]);
  const rows = table(consultantBook!.Cohort!).map(comparable(''));
  expect(rows).toEqual(
    worstFirst([...(await expectedRows('Acme IT', 'acme', acme)), ...(await expectedRows('Globex', 'globex', globex))]),
  );
  const coachRows = table(coachBook!.Cohort!);
  expect([...new Set(coachRows.map((r) => r['Apprentice id']))]).toEqual(['ann', 'ben']);
  expect((await call(api.sponsorCohortReport, { as: apprenticeEmail('ann'), params: ACME })).status).toBe(403);
});

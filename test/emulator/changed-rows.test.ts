// Issue 19 against the real API: a sync that changes or deletes a confirmed row is reported (the sync answer's
// findings and row confirmations, and the stored progress) with the confirmed and the typed values; the entry counts
// as confirmed until the right person confirms the new values, which then count with the old confirmation in history.
import type { ApprenticeRecordInput } from '@qualcard/shared';
import type { BodyOf } from '@qualcard/shared/api/route';
import * as api from '@qualcard/shared/api/routes';
import { coachDigest } from '../../functions/src/digest/compose';
import { apprenticesOf } from '../../functions/src/digest/send';
import { ADMIN, acme, ann as annAt, COACH, call, db, framework, itemIds, scenario, syncAs } from './kit';

const EXAM = 'L1-all-required-course-exams';
const CERT = 'comptia-a-plus';
const ITEM_AT = 0;
/** Confirmations count from the day they are made: every sync after one is as of today. */
const today = () => new Date().toISOString().slice(0, 10);

const ann = (): ApprenticeRecordInput => ({
  ...annAt({ signed: 2, hoursPerCategory: 16 }),
  priorCredit: [{ id: 'pc1', category: 'related-instruction', hours: 40, description: 'College course' }],
  exams: [{ id: EXAM, date: '2025-12-01', passed: true }],
  certifications: [{ id: CERT, date: '2025-12-02' }],
});
const confirm = (body: BodyOf<typeof api.confirmations>, as = COACH) =>
  call(api.confirmations, { as, params: { sponsorId: 'acme', apprenticeId: 'ann' }, body });

/** Ann synced, then every kind of entry confirmed by whoever confirms it. */
async function confirmedAnn(): Promise<ApprenticeRecordInput> {
  const sheet = ann();
  expect((await syncAs(ADMIN, [sheet])).status).toBe(200);
  const itemId = sheet.signOffs![ITEM_AT]!.itemId;
  expect((await confirm({ signOffs: [itemId], hours: ['on-the-job-learning-1'] })).status).toBe(201);
  const results = await confirm(
    {
      priorCredit: ['pc1'],
      exams: [{ id: EXAM, date: '2025-12-01', evidence: 'T-1' }],
      certifications: [{ id: CERT, date: '2025-12-02', evidence: 'C-1' }],
    },
    ADMIN,
  );
  expect(results.status).toBe(201);
  return sheet;
}

type Edit = (r: ApprenticeRecordInput) => void;
const hoursRow = (r: ApprenticeRecordInput) => r.hours!.find((h) => h.id === 'on-the-job-learning-1')!;
const CASES: { what: string; edit: Edit; row: (c: RowsOf) => unknown; differences: string; code: string }[] = [
  {
    what: 'hours',
    edit: (r) => {
      hoursRow(r).hours = 20;
    },
    row: (c) => c.hours['on-the-job-learning-1'],
    differences: 'hours 8 → 20',
    code: 'entry.changed-since-confirmed',
  },
  {
    what: 'date',
    edit: (r) => {
      hoursRow(r).date = '2025-10-15';
    },
    row: (c) => c.hours['on-the-job-learning-1'],
    differences: 'date 2025-09-04 → 2025-10-15',
    code: 'entry.changed-since-confirmed',
  },
  {
    what: 'category',
    edit: (r) => {
      hoursRow(r).category = 'work-experience';
    },
    row: (c) => c.hours['on-the-job-learning-1'],
    differences: 'category On-the-job learning → Work experience',
    code: 'entry.changed-since-confirmed',
  },
  {
    what: 'item (work function)',
    edit: (r) => {
      hoursRow(r).workFunctionId = 'CWF2';
    },
    row: (c) => c.hours['on-the-job-learning-1'],
    differences: 'work function CWF1 → CWF2',
    code: 'entry.changed-since-confirmed',
  },
  {
    what: 'level',
    edit: (r) => {
      hoursRow(r).levelId = 'L2';
    },
    row: (c) => c.hours['on-the-job-learning-1'],
    differences: 'level L1 → L2',
    code: 'entry.changed-since-confirmed',
  },
  {
    what: 'prior credit hours',
    edit: (r) => {
      r.priorCredit![0]!.hours = 400;
    },
    row: (c) => c.priorCredit.pc1,
    differences: 'hours 40 → 400',
    code: 'entry.changed-since-confirmed',
  },
  {
    what: 'exam result',
    edit: (r) => {
      r.exams![0]!.passed = false;
    },
    row: (c) => c.exams[EXAM],
    differences: 'result passed → failed',
    code: 'entry.changed-since-confirmed',
  },
  {
    what: 'a deleted hours row',
    edit: (r) => {
      r.hours = r.hours!.filter((h) => h.id !== 'on-the-job-learning-1');
    },
    row: (c) => c.hours['on-the-job-learning-1'],
    differences: '',
    code: 'entry.deleted-since-confirmed',
  },
];
type RowsOf = NonNullable<Awaited<ReturnType<typeof syncAs>>['body']['apprentices'][number]['confirmations']>;

beforeEach(() => scenario(acme()));

test.each(CASES)('a confirmed row changed on the sheet ($what) is reported and counts as confirmed', async (c) => {
  const sheet = await confirmedAnn();
  const before = (await syncAs(ADMIN, [sheet], { asOf: today() })).body.apprentices[0]!;
  expect(before.progress!.findingCounts[c.code]).toBeUndefined();

  c.edit(sheet);
  const res = await syncAs(ADMIN, [sheet], { asOf: today() });
  expect(res.status).toBe(200);
  const after = res.body.apprentices[0]!;
  // It counts as it was confirmed: the numbers do not move.
  expect(after.progress!.levels).toEqual(before.progress!.levels);
  expect(after.progress!.entries).toEqual(before.progress!.entries);
  // The answer reports it: a finding with the confirmed and the typed values, and the row's confirmed values.
  const finding = after.progress!.integrity.find((f) => f.code === c.code)!;
  expect(finding.severity).toBe('warning');
  expect(finding.message).toContain(c.differences);
  const row = c.row(after.confirmations!) as { confirmed: object; onSheet: { kind: string; differences?: string } };
  expect(row.onSheet.kind).toBe(c.code === 'entry.deleted-since-confirmed' ? 'deleted' : 'changed');
  if (row.onSheet.kind === 'changed') expect(row.onSheet.differences).toBe(c.differences);
  expect(Object.keys(row.confirmed).length).toBeGreaterThan(0);
  // So does the stored progress.
  const stored = await db().doc('sponsors/acme/progress/ann').get();
  expect(stored.get('progress.integrity')).toEqual(after.progress!.integrity);
  expect(stored.get('progress.findingCounts')[c.code]).toBe(1);
});

test('a sign-off whose date changed on the sheet is reported; moving the tick to another item reports a deletion', async () => {
  const sheet = await confirmedAnn();
  const itemId = sheet.signOffs![ITEM_AT]!.itemId;
  const confirmedDate = sheet.signOffs![ITEM_AT]!.date;
  sheet.signOffs![ITEM_AT]!.date = '2025-11-11';
  const changed = (await syncAs(ADMIN, [sheet], { asOf: today() })).body.apprentices[0]!;
  expect(changed.confirmations!.signOffs[itemId]!.onSheet).toEqual({
    kind: 'changed',
    typed: { date: '2025-11-11' },
    differences: `date ${confirmedDate} → 2025-11-11`,
  });
  expect(changed.confirmations!.signOffs[itemId]!.date).toBe(confirmedDate);
  sheet.signOffs![ITEM_AT]!.itemId = itemIds(framework('nitas-help-desk'), 'L1')[5]!;
  const moved = (await syncAs(ADMIN, [sheet], { asOf: today() })).body.apprentices[0]!;
  expect(moved.confirmations!.signOffs[itemId]!.onSheet).toEqual({ kind: 'deleted' });
  expect(moved.progress!.findingCounts['entry.deleted-since-confirmed']).toBe(1);
});

test('the coach confirms the changed hours: the typed values count, the old confirmation is superseded in history', async () => {
  const sheet = await confirmedAnn();
  hoursRow(sheet).hours = 20;
  const synced = (await syncAs(ADMIN, [sheet], { asOf: today() })).body.apprentices[0]!;
  const ojl = (p: typeof synced.progress) =>
    p!.levels.find((l) => l.levelId === 'L1')!.hours.find((h) => h.category === 'on-the-job-learning')!.done;
  expect(ojl(synced.progress)).toBe(8);

  const res = await confirm({ hours: ['on-the-job-learning-1'] });
  expect(res.status).toBe(201);
  expect(res.body.confirmed.hours).toEqual(['on-the-job-learning-1']);
  expect(ojl(res.body.progress)).toBe(20);
  const row = res.body.confirmations.hours['on-the-job-learning-1']!;
  expect(row.confirmed).toMatchObject({ hours: 20 });
  expect(row.onSheet).toBeUndefined();
  expect(res.body.progress.findingCounts['entry.changed-since-confirmed']).toBeUndefined();
  const stored = (await db().doc('sponsors/acme/apprentices/ann/hours/on-the-job-learning-1').get()).get('data');
  expect(stored.hours).toBe(20);
  expect(stored.onSheet).toBeUndefined();
  expect(stored.history).toEqual([
    {
      confirmation: expect.objectContaining({ kind: 'confirmed', by: COACH, role: 'coach' }),
      ended: expect.objectContaining({
        kind: 'superseded',
        by: COACH,
        role: 'coach',
        reason: 'values changed on the sheet: hours 8 → 20',
      }),
    },
  ]);
  // Confirming again is "already": the sheet and the record agree.
  expect((await confirm({ hours: ['on-the-job-learning-1'] })).body.already.hours).toEqual(['on-the-job-learning-1']);
});

test('the admin approves changed prior credit again: 400 h count, the 40 h approval superseded', async () => {
  const sheet = await confirmedAnn();
  sheet.priorCredit![0]!.hours = 400;
  await syncAs(ADMIN, [sheet], { asOf: today() });
  const res = await confirm({ priorCredit: ['pc1'] }, ADMIN);
  expect(res.status).toBe(201);
  expect(res.body.confirmations.priorCredit.pc1!.confirmed).toMatchObject({ hours: 400 });
  const profile = JSON.stringify((await db().doc('sponsors/acme/apprentices/ann').get()).data());
  expect(profile).toContain('"reason":"values changed on the sheet: hours 40 → 400"');
  expect(profile).not.toContain('onSheet');
});

test("the coach's weekly digest lists the changed row, from the stored progress", async () => {
  const sheet = await confirmedAnn();
  hoursRow(sheet).hours = 20;
  await syncAs(ADMIN, [sheet], { asOf: today() });
  const apprentices = await apprenticesOf(db(), 'acme', { asOf: today(), timeZone: 'Etc/UTC' });
  const annIn = apprentices.find((a) => a.id === 'ann')!;
  expect(annIn.changed).toEqual([expect.stringContaining('(hours 8 → 20)')]);
  const input = { sponsorId: 'acme', sponsorName: 'Acme', week: '2026-W49', sheetUrl: undefined, coaches: [COACH] };
  const digest = coachDigest({ ...input, apprentices, staff: [] }, COACH)!;
  expect(digest.text).toContain('Changed or deleted on the sheet since confirmed');
  expect(digest.text).toContain('hours 8 → 20');
});

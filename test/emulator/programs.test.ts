// The sponsor's program (which optional work functions it runs), through the real API: an admin's sync stores it
// on the sponsor, every progress computation uses it, an apprentice's plan overrides it, and a coach can change
// neither the program nor an apprentice's plan.
import type { ApprenticeRecordInput } from '@qualcard/shared';
import * as api from '@qualcard/shared/api/routes';
import { SUMMARY_HEADER_ROW } from '../../functions/src/excel/transcript';
import { ADMIN, acme, COACH, call, db, exportedTranscript, framework, record, scenario, syncAs, workbook } from './kit';

const FW = 'it-generalist-competencies';
const f = framework(FW);
/** Core items of the job functions every program runs (1, 2, 4, 7): 20 of them. */
const core = f.workFunctions
  .filter((wf) => wf.core !== 'optional')
  .flatMap((wf) => wf.items.filter((i) => i.core === 'core').map((i) => i.id));

const apprentice = (id: string, plan?: string[]): ApprenticeRecordInput => {
  const r = record({ id, frameworkId: FW, levelId: 'L1', coach: COACH, startDate: '2025-09-01', stage: { signed: 0 } });
  return {
    ...r,
    apprentice: { ...r.apprentice, ...(plan ? { optionalWorkFunctionIds: plan } : {}) },
    signOffs: core.map((itemId) => ({ itemId, date: '2026-01-15', coachEmail: COACH })),
  };
};
const confirmAll = (apprenticeId: string, signOffs = core) =>
  call(api.confirmations, { as: COACH, params: { sponsorId: 'acme', apprenticeId }, body: { signOffs } });
const level1 = (a: { progress: { levels: { levelId: string; complete: boolean; items: object }[] } | null }) =>
  a.progress!.levels.find((l) => l.levelId === 'L1')!;
const runsJf5 = { [FW]: { optionalWorkFunctionIds: ['JF5'] } };

beforeEach(() => scenario(acme()));

test("an admin's sync stores the program; progress follows it, and an apprentice's plan overrides it", async () => {
  const synced = await syncAs(ADMIN, [apprentice('cal'), apprentice('dan', [])], { programs: runsJf5 });
  expect(synced.status).toBe(200);
  expect((await db().doc('sponsors/acme').get()).get('programs')).toEqual(runsJf5);

  // Cal follows the program (Job Function 5 run: 5c is required); Dan's plan runs no optional job function.
  const cal = await confirmAll('cal');
  expect(cal.status).toBe(201);
  expect(level1(cal.body)).toMatchObject({ complete: false, items: { done: 20, required: 21 } });
  expect(cal.body.progress!.findingCounts['items.missing']).toBe(1);
  const dan = await confirmAll('dan');
  expect(level1(dan.body)).toMatchObject({ complete: true, items: { done: 20, required: 20 } });

  // The program without Job Function 5 (and without 6): Cal completes Level 1 on the next sync.
  // As of the service's today (no asOf): the confirmations are dated today.
  const again = await syncAs(ADMIN, [apprentice('cal')], {
    key: 'programs-again',
    asOf: null,
    programs: { [FW]: { optionalWorkFunctionIds: [] } },
  });
  expect(again.status).toBe(200);
  expect(level1(again.body.apprentices[0]!)).toMatchObject({ complete: true, items: { done: 20, required: 20 } });
  expect((await db().doc('sponsors/acme/progress/cal').get()).get('progress.levels')[0].complete).toBe(true);
});

test('a program naming a work function that is not optional is refused, naming the field; nothing is stored', async () => {
  const res = await syncAs(ADMIN, [apprentice('cal')], {
    programs: { [FW]: { optionalWorkFunctionIds: ['JF5', 'JF4'] } },
  });
  expect(res.status).toBe(400);
  expect(res.error.message).toMatch(/^programs\.it-generalist-competencies\.optionalWorkFunctionIds\.1: /);
  const plan = await syncAs(ADMIN, [apprentice('cal', ['JF9'])]);
  expect(plan.status).toBe(400);
  expect(plan.error.message).toMatch(/^records\.0\.apprentice\.optionalWorkFunctionIds\.0: /);
  expect((await db().doc('sponsors/acme').get()).get('programs')).toBeUndefined();
  expect((await db().doc('sponsors/acme/apprentices/cal').get()).exists).toBe(false);
});

test("a coach's sync cannot change the program (ignored) nor an apprentice's plan (403 naming the field)", async () => {
  expect((await syncAs(ADMIN, [apprentice('cal')], { programs: runsJf5 })).status).toBe(200);
  const ignored = await syncAs(COACH, [apprentice('cal')], {
    asOf: null,
    programs: { [FW]: { optionalWorkFunctionIds: [] } },
  });
  expect(ignored.status).toBe(200);
  expect((await db().doc('sponsors/acme').get()).get('programs')).toEqual(runsJf5);
  const changed = await syncAs(COACH, [apprentice('cal', [])], { asOf: null });
  expect(changed.status).toBe(403);
  expect(changed.error.message).toMatch(/^records\.0\.apprentice\.optionalWorkFunctionIds: only a sponsor admin/);
});

/** Exports Cal's transcript and reads back the Summary's "Work functions run" and each signed item's Core label. */
async function transcriptOfCal(): Promise<{ run: string; core: Record<string, string> }> {
  // As of the sponsor's today: the confirmations count from the day they were made.
  const { bytes } = await exportedTranscript(ADMIN, { sponsorId: 'acme', apprenticeId: 'cal' });
  const wb = await workbook(bytes);
  const summary = wb.getWorksheet('Summary')!;
  const runRow = [...Array(SUMMARY_HEADER_ROW).keys()].find(
    (r) => summary.getCell(r + 1, 1).value === 'Work functions run',
  )!;
  const signed = wb.getWorksheet('Signed items')!;
  const header = (signed.getRow(1).values as unknown[]).map(String);
  const core: Record<string, string> = {};
  signed.eachRow((row, n) => {
    if (n > 1) core[String(row.getCell(1).value)] = String(row.getCell(header.indexOf('Core')).value);
  });
  return { run: String(summary.getCell(runRow + 1, 2).value), core };
}

test("the transcript follows the sponsor's program: 5c is core only while Job Function 5 is run", async () => {
  const cal = apprentice('cal');
  cal.signOffs = [...cal.signOffs!, { itemId: '5c', date: '2026-01-15', coachEmail: COACH }];
  expect((await syncAs(ADMIN, [cal], { programs: { [FW]: { optionalWorkFunctionIds: [] } } })).status).toBe(200);
  const confirmed = await confirmAll('cal', [...core, '5c']);
  expect(confirmed.status).toBe(201);
  const notRun = await transcriptOfCal();
  expect(notRun.run).toBe('JF1, JF2, JF4, JF7 (not run, their items not required: JF3, JF5, JF6)');
  expect(notRun.core['5c']).toBe('not required (work function not run)');
  expect(notRun.core[core[0]!]).toBe('core');

  expect((await syncAs(ADMIN, [cal], { programs: runsJf5 })).status).toBe(200);
  const run = await transcriptOfCal();
  expect(run.run).toBe('JF1, JF2, JF4, JF5, JF7 (not run, their items not required: JF3, JF6)');
  expect(run.core['5c']).toBe('core');
});

// Wage steps through the real API: an admin's sync stores the wage schedule with the program, a coach's
// confirmations make the apprentice eligible for a step (the dashboard row and GET /v1/cohort say "eligible for
// step N since DATE"), an admin records the raise (audited, a coach may not), a later sync keeps it, and the
// transcript's "Wage history" sheet lists the steps and the raise.
import { type ApprenticeRecordInput, addMonths, type WageSchedule, wageSummary } from '@qualcard/shared';
import type { BodyOf } from '@qualcard/shared/api/route';
import * as api from '@qualcard/shared/api/routes';
import { dashboardLevelRows } from '@qualcard/shared/sheets';
import type { AuditRecord } from '../../functions/src/audit';
import { isoWeek } from '../../functions/src/digest/compose';
import { type MailDoc, mailId } from '../../functions/src/digest/mail';
import { sendDigests } from '../../functions/src/digest/send';
import type { StoredProgress } from '../../functions/src/progress';
import { recomputeAll } from '../../functions/src/recompute/daily';
import { mintIdToken } from '../../scripts/emulator-key';
import { main } from '../../tools/cli/main';
import { ADMIN, acme, COACH, call, db, exportedTranscript, scenario, syncAs, workbook } from './kit';
import { apiUrl } from './kit/env';

const FW = 'it-generalist-competencies';
const CAL = { sponsorId: 'acme', apprenticeId: 'cal' };
const pct = (percent: number) => ({ kind: 'percent' as const, percent });
const schedule: WageSchedule = {
  journeyworkerRate: { kind: 'amount', amount: 40, currency: 'USD', per: 'hour' },
  steps: [
    { wage: pct(50) },
    { wage: pct(60), hours: [{ hours: 16, category: 'on-the-job-learning' }], months: 3 },
    { wage: pct(75), level: 'L1' },
  ],
};
const program = (s: WageSchedule) => ({ [FW]: { optionalWorkFunctionIds: [], wageSchedule: s } });

const cal: ApprenticeRecordInput = {
  schemaVersion: 1,
  apprentice: {
    id: 'cal',
    name: 'Cal Apprentice',
    email: 'cal@apprentice.example',
    startDate: '2025-01-06',
    frameworkId: FW,
    levelId: 'L1',
    coachEmails: [COACH],
  },
  hours: [
    { id: 'h1', date: '2025-02-03', category: 'on-the-job-learning', hours: 8, verifiedBy: COACH },
    { id: 'h2', date: '2025-02-04', category: 'on-the-job-learning', hours: 8, verifiedBy: COACH },
  ],
};
/** Cal's sheet as of the service's today, with `programs` when given. */
const sync = (programs?: BodyOf<typeof api.sync>['programs']) =>
  syncAs(ADMIN, [cal], { asOf: null, ...(programs ? { programs } : {}) });
const raise = (as: string, body: Partial<BodyOf<typeof api.raises>>) =>
  call(api.raises, { as, params: CAL, wrongBody: body });
const cohortRow = async () =>
  (await call(api.cohort, { as: ADMIN, query: { sponsorId: 'acme' } })).body.apprentices[0]!;
const auditRecords = async () =>
  (await db().collection('sponsors/acme/apprentices/cal/audit').orderBy('seq').get()).docs.map(
    (d) => d.data() as AuditRecord,
  );

beforeAll(() => scenario(acme({ coaches: [COACH] })));

test('a schedule naming a level the framework lacks is refused, naming the field, and nothing is stored', async () => {
  const bad = { ...schedule, steps: [...schedule.steps.slice(0, 2), { wage: pct(75), level: 'L9' }] };
  const res = await sync(program(bad));
  expect(res.status).toBe(400);
  expect(res.error.message).toMatch(/^programs\.it-generalist-competencies\.wageSchedule\.steps\.2\.level: /);
  expect((await db().doc('sponsors/acme').get()).get('programs')).toBeUndefined();
});

let today = '';
test("the admin's sync stores the schedule with the program; typed hours count for nothing", async () => {
  const res = await sync(program(schedule));
  expect(res.status).toBe(200);
  expect((await db().doc('sponsors/acme').get()).get('programs')).toEqual(program(schedule));
  const wage = res.body.apprentices[0]!.progress!.wage!;
  expect(wage).toMatchObject({ currentStep: 1, recordedStep: 1, eligible: null });
  expect(wage.next).toMatchObject({ step: 2, text: '16 more confirmed on-the-job learning hours' });
  today = res.body.asOf;
});

test('confirmed hours make the apprentice eligible: the dashboard row and the cohort say since when', async () => {
  const confirmed = await call(api.confirmations, { as: COACH, params: CAL, body: { hours: ['h1', 'h2'] } });
  expect(confirmed.status).toBe(201);
  const progress = confirmed.body.progress!;
  // The hours count from the day the coach confirmed them; three months in the program were reached long before.
  const eligible = `eligible for step 2 since ${today}`;
  expect(progress.wage!.eligible).toMatchObject({ step: 2, since: today, text: eligible });
  const [row] = dashboardLevelRows({
    apprentice: { id: 'cal', name: 'Cal Apprentice' } as never,
    progress,
    cumulative: true,
  });
  expect(row!.at(-1)).toBe(`Step 1 (recorded); ${eligible}`);
  expect(await cohortRow()).toMatchObject({ wageStep: 2, recordedWageStep: 1, wageEligible: eligible });
  // The admin's weekly digest lists it (the digest runner, on this sponsor's stored progress).
  const put = await call(api.putDigest, {
    as: ADMIN,
    params: { sponsorId: 'acme' },
    body: { enabled: true, weekday: isoWeek(today).weekday },
  });
  expect(put.status).toBe(200);
  await sendDigests(db(), new Date(`${today}T12:00:00Z`));
  const mail = await db()
    .doc(`mail/${mailId('acme', isoWeek(today).week, ADMIN)}`)
    .get();
  expect((mail.data() as MailDoc).message.text).toContain(`Wage raise owed (1)\n- Cal Apprentice (cal): ${eligible}`);
  // The cohort report (xlsx) has the same cell on the apprentice's row (below the title, note and status counts).
  const report = await call(api.sponsorCohortReport, { as: ADMIN, params: { sponsorId: 'acme' } });
  expect(report.status).toBe(200);
  const wb = await workbook(report.bytes);
  const cohort = wb.getWorksheet('Cohort')!;
  const rows = Array.from({ length: cohort.rowCount }, (_, i) =>
    (cohort.getRow(i + 1).values as unknown[]).map(String),
  );
  const head = rows.findIndex((r) => r.includes('Wage step'));
  const cal = rows.slice(head + 1).find((r) => r.includes('cal'))!;
  expect(cal[rows[head]!.indexOf('Wage step')]).toBe(`Step 1 (recorded); ${eligible}`);
});

test('only an admin records a raise, only to a step reached, from the day it was reached', async () => {
  expect((await raise(COACH, { step: 2, effectiveDate: today })).status).toBe(403);
  // The CLI's qualcard raise says what the service refused, and exits 1.
  const out: string[] = [];
  const env = { QUALCARD_API: apiUrl(), QUALCARD_ID_TOKEN: mintIdToken({ email: ADMIN }) };
  const argv = ['raise', '--sponsor', 'acme', '--apprentice', 'cal', '--step', '3', '--effective', today];
  expect(
    await main(
      argv,
      (s) => out.push(s),
      (s) => out.push(s),
      env,
    ),
  ).toBe(1);
  expect(out.join('\n')).toMatch(/not eligible for step 3 \(reached: step 2\)/);
  const missing = await raise(ADMIN, { effectiveDate: today });
  expect(missing.status).toBe(400);
  expect(missing.error.message).toMatch(/^step: /);
  const notReached = await raise(ADMIN, { step: 3, effectiveDate: today });
  expect(notReached.status).toBe(409);
  expect(notReached.error.message).toBe(
    'step: the apprentice is not eligible for step 3 (reached: step 2): Information Technology Generalist complete',
  );
  const early = await raise(ADMIN, { step: 2, effectiveDate: '2025-06-01' });
  expect(early.status).toBe(409);
  expect(early.error.message).toBe(`effectiveDate: eligible for step 2 only since ${today}`);
  const future = await raise(ADMIN, { step: 2, effectiveDate: '2999-01-01' });
  expect(future.status).toBe(400);
  expect(future.error.message).toMatch(/^effectiveDate: 2999-01-01 is after today/);
  expect((await db().doc('sponsors/acme/apprentices/cal').get()).get('raises')).toBeUndefined();
});

test('recording the raise clears the eligibility, is audited, and a later sync keeps it', async () => {
  const before = (await auditRecords()).length;
  const res = await raise(ADMIN, { step: 2, effectiveDate: today, note: 'Annual review' });
  expect(res.status).toBe(201);
  expect(res.body.wage).toMatchObject({ currentStep: 2, recordedStep: 2, eligible: null });
  const audit = await auditRecords();
  expect(audit).toHaveLength(before + 1);
  expect(audit.at(-1)).toMatchObject({
    who: ADMIN,
    entity: 'wage-raise',
    action: 'create',
    after: { step: 2, effectiveDate: today, by: ADMIN, note: 'Annual review' },
  });
  expect((await call(api.verifyAudit, { as: ADMIN, params: CAL })).body.ok).toBe(true);
  expect((await raise(ADMIN, { step: 2, effectiveDate: today })).status).toBe(409);

  // The sheet never holds raises: a sync neither drops nor rewrites the one recorded (nor audits a change).
  const again = await sync(program(schedule));
  expect(again.status).toBe(200);
  expect(again.body.apprentices[0]!.progress!.wage).toMatchObject({ recordedStep: 2, eligible: null });
  expect((await db().doc('sponsors/acme/apprentices/cal').get()).get('raises')).toHaveLength(1);
  expect(await auditRecords()).toHaveLength(audit.length);
  const row = await cohortRow();
  expect(row).toMatchObject({ wageStep: 2, recordedWageStep: 2, wageEligible: null });
  expect(row.wage).toBe(wageSummary(again.body.apprentices[0]!.progress!.wage));
});

test("the transcript's Wage history sheet lists each step, when it was reached and the raise", async () => {
  const wb = await workbook((await exportedTranscript(ADMIN, CAL)).bytes);
  const ws = wb.getWorksheet('Wage history')!;
  const rows: unknown[][] = [];
  ws.eachRow((r) => {
    rows.push((r.values as unknown[]).slice(1));
  });
  expect(rows[0]).toEqual([
    'Step',
    'Wage',
    'Reached by',
    'Eligible since',
    'Raise effective',
    'Raise recorded by',
    'Recorded at',
    'Note',
  ]);
  expect(rows[1]!.slice(0, 5)).toEqual([
    1,
    '50% of the journeyworker rate (USD 20.00/hour)',
    'starting wage',
    '2025-01-06',
    '2025-01-06',
  ]);
  expect(rows[2]!.slice(0, 6)).toEqual([
    2,
    '60% of the journeyworker rate (USD 24.00/hour)',
    '16 confirmed on-the-job learning hours; 3 months in the program',
    today,
    today,
    ADMIN,
  ]);
  expect(rows[2]![7]).toBe('Annual review');
  expect(rows[3]!.slice(0, 4)).toEqual([
    3,
    '75% of the journeyworker rate (USD 30.00/hour)',
    'Information Technology Generalist complete',
    'not reached',
  ]);
  expect(rows.find((r) => r[0] === 'Next step')).toEqual([
    'Next step',
    '3: Information Technology Generalist complete',
  ]);
});

test('a program sent without a schedule removes it: no wage status, the raises stay on record', async () => {
  const res = await sync({ [FW]: { optionalWorkFunctionIds: [] } });
  expect(res.status).toBe(200);
  expect((await db().doc('sponsors/acme').get()).get('programs')).toEqual({ [FW]: { optionalWorkFunctionIds: [] } });
  expect(res.body.apprentices[0]!.progress!.wage).toBeUndefined();
  expect(await cohortRow()).toMatchObject({ wageStep: null, wageEligible: null, wage: '' });
  expect((await db().doc('sponsors/acme/apprentices/cal').get()).get('raises')).toHaveLength(1);
  expect((await raise(ADMIN, { step: 3, effectiveDate: today })).status).toBe(409);
});

test('months in the program: the daily recompute makes the apprentice eligible on the day, with no sync', async () => {
  const byMonths: WageSchedule = { steps: [{ wage: pct(50) }, { wage: pct(60), months: 3 }] };
  const start = addMonths(today, -2);
  const dee = {
    ...cal,
    apprentice: { ...cal.apprentice, id: 'dee', email: 'dee@apprentice.example', startDate: start },
    hours: [],
  };
  const res = await syncAs(ADMIN, [dee], { asOf: null, programs: program(byMonths) });
  expect(res.status).toBe(200);
  const due = addMonths(start, 3);
  expect(res.body.apprentices[0]!.progress!.wage!.next!.text).toBe(`1 more month (from ${due})`);
  await recomputeAll(db(), new Date(`${due}T12:00:00Z`));
  const stored = (await db().doc('sponsors/acme/progress/dee').get()).data() as StoredProgress;
  expect(stored.progress.wage!.eligible!.text).toBe(`eligible for step 2 since ${due}`);
});

// Wage steps: each kind of condition, their boundaries (exactly N hours, month ends, leap years), combinations,
// the day each step was reached, pending entries that do not count, and raises as the wage history.
import {
  ApprenticeRecord,
  type ApprenticeRecordInput,
  checkWageSchedule,
  computeProgress,
  RecordMismatchError,
  stepConditionsText,
  WageSchedule,
  type WageStep,
  wageStatus,
  wageSummary,
  wageText,
} from '../../shared/src';
import {
  ADMIN,
  cert,
  completeLevel1,
  confirmed,
  exam,
  ojl,
  record,
  ri,
  sign,
  tinyFramework,
  typed,
} from '../fixtures/engine';

const f = tinyFramework();
const pct = (percent: number) => ({ kind: 'percent' as const, percent });
const schedule = (...later: Omit<WageStep, 'wage'>[]): WageSchedule =>
  WageSchedule.parse({ steps: [{ wage: pct(50) }, ...later.map((s, i) => ({ wage: pct(60 + 10 * i), ...s }))] });
const status = (input: ApprenticeRecordInput, s: WageSchedule, asOf: string) =>
  wageStatus(f, ApprenticeRecord.parse(input), s, asOf);
/** Hours confirmed by the coach on `on` (counted from then, not from the day worked). */
const hoursConfirmedOn = (date: string, hours: number, on: string) =>
  ojl(date, hours, { confirmation: confirmed('coach', on) });
const startingOn = (startDate: string, extra: Partial<ApprenticeRecordInput> = {}): ApprenticeRecordInput => {
  const r = record(extra);
  return { ...r, apprentice: { ...r.apprentice, startDate } };
};

describe('a step reached by completing a level', () => {
  const s = schedule({ level: 'L1' });

  test('is reached on the day the entry that completed the level counts', () => {
    const w = status(completeLevel1(), s, '2026-06-01');
    expect(w.currentStep).toBe(2);
    // The 10 related-instruction hours dated 2026-02-20 were the last requirement met.
    expect(w.steps[1]).toEqual({ step: 2, wage: pct(60), reached: true, eligibleSince: '2026-02-20' });
    expect(w.next).toBeNull();
    expect(w.eligible).toEqual({
      step: 2,
      since: '2026-02-20',
      owedSince: '2026-02-20',
      text: 'eligible for step 2 since 2026-02-20',
    });
  });

  test('an exam an admin records later completes the level on the day it was recorded', () => {
    const later = completeLevel1({
      exams: [exam('exam-1', { date: '2026-03-02', confirmation: confirmed('admin', '2026-03-09') })],
    });
    expect(status(later, s, '2026-06-01').steps[1]!.eligibleSince).toBe('2026-03-09');
  });

  test('a pending (typed) entry does not count: the level is not complete and the step not reached', () => {
    const pending = completeLevel1({ certifications: [typed(cert('cert-1'))] });
    const w = status(pending, s, '2026-06-01');
    expect(w.currentStep).toBe(1);
    expect(w.eligible).toBeNull();
    expect(w.next).toMatchObject({ step: 2, text: 'Level 1 complete' });
  });
});

describe('a step reached by confirmed hours', () => {
  const s = schedule({ hours: [{ hours: 300 }] });

  test('exactly N hours reach it, on the day the total crossed N', () => {
    const hours = Array.from({ length: 15 }, (_, i) => ojl(`2026-03-${String(i + 1).padStart(2, '0')}`, 20));
    const w = status(record({ hours }), s, '2026-06-01');
    expect(w.currentStep).toBe(2);
    expect(w.steps[1]!.eligibleSince).toBe('2026-03-15');
  });

  test('one hour short is not reached, and says how many are left', () => {
    const hours = [
      ...Array.from({ length: 14 }, (_, i) => ojl(`2026-03-${String(i + 1).padStart(2, '0')}`, 20)),
      ojl('2026-03-20', 19),
    ];
    const w = status(record({ hours }), s, '2026-06-01');
    expect(w.currentStep).toBe(1);
    expect(w.next).toMatchObject({
      step: 2,
      left: [{ kind: 'hours', more: 1, required: 300 }],
      text: '1 more confirmed hours',
    });
  });

  test('hours count from the day a coach confirmed them, not the day worked', () => {
    // 12 from the start; 288 worked in February and confirmed at the end of April.
    const early = [ojl('2026-02-02', 6), ojl('2026-02-03', 6)];
    const late = Array.from({ length: 12 }, (_, i) => hoursConfirmedOn(`2026-02-${String(10 + i)}`, 24, '2026-04-30'));
    const w = status(record({ hours: [...early, ...late] }), s, '2026-06-01');
    expect(w.steps[1]!.eligibleSince).toBe('2026-04-30');
    expect(status(record({ hours: [...early, ...late] }), s, '2026-04-29').next!.text).toBe('288 more confirmed hours');
  });

  test('unconfirmed hours never count', () => {
    const hours = Array.from({ length: 15 }, (_, i) => typed(ojl(`2026-03-${String(i + 1).padStart(2, '0')}`, 20)));
    const w = status(record({ hours }), s, '2026-06-01');
    expect(w.currentStep).toBe(1);
    expect(w.next!.text).toBe('300 more confirmed hours');
  });

  test('per category: related-instruction hours do not count towards on-the-job learning', () => {
    const byCategory = schedule({
      hours: [
        { hours: 40, category: 'on-the-job-learning' },
        { hours: 20, category: 'related-instruction' },
      ],
    });
    const w = status(
      record({ hours: [ri('2026-02-02', 20), ri('2026-02-03', 20), ojl('2026-02-04', 24)] }),
      byCategory,
      '2026-06-01',
    );
    expect(w.currentStep).toBe(1);
    expect(w.next!.text).toBe('16 more confirmed on-the-job learning hours');
    const done = status(
      record({ hours: [ri('2026-02-02', 20), ojl('2026-02-04', 24), ojl('2026-02-09', 16)] }),
      byCategory,
      '2026-06-01',
    );
    expect(done.steps[1]!.eligibleSince).toBe('2026-02-09');
  });

  test('approved prior credit counts from the day it was approved', () => {
    const credit = {
      category: 'on-the-job-learning' as const,
      hours: 300,
      description: 'Previous employer',
      confirmation: confirmed('admin', '2026-02-11'),
    };
    const w = status(record({ priorCredit: [credit] }), s, '2026-06-01');
    expect(w.steps[1]!.eligibleSince).toBe('2026-02-11');
  });
});

describe('a step reached by months in the program', () => {
  const s = schedule({ months: 1 }, { months: 12 });

  test('counts whole months from the start date, with the day it is reached', () => {
    const w = status(record(), s, '2026-03-01');
    expect(w.steps.map((x) => x.eligibleSince)).toEqual(['2026-01-05', '2026-02-05', null]);
    expect(w.next).toMatchObject({ step: 3, text: '11 more months (from 2027-01-05)' });
  });

  test('a January 31 start reaches one month on the last day of February (28th)', () => {
    expect(status(startingOn('2027-01-31'), s, '2027-02-27').currentStep).toBe(1);
    expect(status(startingOn('2027-01-31'), s, '2027-02-28').steps[1]!.eligibleSince).toBe('2027-02-28');
  });

  test('in a leap year on the 29th, and February 29 plus twelve months is February 28', () => {
    expect(status(startingOn('2028-01-31'), s, '2028-03-01').steps[1]!.eligibleSince).toBe('2028-02-29');
    const leap = status(startingOn('2028-02-29'), s, '2029-03-01');
    expect(leap.steps[2]!.eligibleSince).toBe('2029-02-28');
    expect(status(startingOn('2028-02-29'), s, '2029-02-27').next!.text).toBe('1 more month (from 2029-02-28)');
  });
});

describe('a combination: every condition must hold, reached when the last one is met', () => {
  const s = schedule({ level: 'L1', months: 6 }, { level: 'L2', hours: [{ hours: 320 }], months: 12 });

  test('level complete early, months later: reached on the month date', () => {
    const w = status(completeLevel1(), s, '2026-08-01');
    expect(w.steps[1]!.eligibleSince).toBe('2026-07-05');
    expect(w.currentStep).toBe(2);
  });

  test('months first, level later: reached on the day the level completed', () => {
    const lateCert = completeLevel1({
      certifications: [cert('cert-1', { confirmation: confirmed('admin', '2026-09-14') })],
    });
    expect(status(lateCert, s, '2026-10-01').steps[1]!.eligibleSince).toBe('2026-09-14');
  });

  test('what is left for the next step names every condition not met', () => {
    const w = status(completeLevel1(), s, '2026-08-01');
    expect(w.next).toMatchObject({
      step: 3,
      text: 'Level 2 complete; 210 more confirmed hours; 6 more months (from 2027-01-05)',
    });
  });
});

describe('raises are the wage history', () => {
  const s = schedule({ months: 1 }, { months: 2 });
  const raise = (step: number, effectiveDate: string) => ({
    step,
    effectiveDate,
    by: ADMIN,
    at: `${effectiveDate}T10:00:00.000Z`,
  });

  test('eligible for the highest step reached, with the earliest raise owed', () => {
    const w = status(record(), s, '2026-04-01');
    expect(w.eligible).toEqual({
      step: 3,
      since: '2026-03-05',
      owedSince: '2026-02-05',
      text: 'eligible for step 3 since 2026-03-05 (a raise owed since 2026-02-05)',
    });
  });

  test('a recorded raise to the step clears it and joins the history', () => {
    const w = status(record({ raises: [raise(3, '2026-03-06'), raise(2, '2026-02-06')] }), s, '2026-04-01');
    expect(w.recordedStep).toBe(3);
    expect(w.eligible).toBeNull();
    expect(w.history.map((h) => [h.step, h.effectiveDate])).toEqual([
      [1, '2026-01-05'],
      [2, '2026-02-06'],
      [3, '2026-03-06'],
    ]);
  });

  test('a raise below the step reached leaves the rest owed', () => {
    const w = status(record({ raises: [raise(2, '2026-02-06')] }), s, '2026-04-01');
    expect(w.eligible).toMatchObject({ step: 3, since: '2026-03-05', owedSince: '2026-03-05' });
    expect(w.eligible!.text).toBe('eligible for step 3 since 2026-03-05');
  });
});

describe('the schedule is validated, naming the field', () => {
  const issues = (input: unknown) => {
    const r = WageSchedule.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  test.each([
    [0, 'steps.0.wage.percent: a percentage above 0'],
    [101, 'steps.0.wage.percent: at most 100 (% of the journeyworker rate)'],
  ])('percentage %p', (percent, message) => {
    expect(issues({ steps: [{ wage: pct(percent) }] })).toEqual([message]);
  });

  test('steps increase', () => {
    expect(issues({ steps: [{ wage: pct(50) }, { wage: pct(50), months: 6 }] })).toEqual([
      "steps.1.wage: steps increase: 50 is not above step 1's 50",
    ]);
    expect(issues({ steps: [{ wage: pct(50) }, { wage: pct(100), months: 6 }] })).toEqual([]);
  });

  test('step 1 is the starting wage; later steps need a condition; one unit throughout', () => {
    expect(issues({ steps: [{ wage: pct(50), months: 3 }] })).toEqual([
      'steps.0: step 1 is the starting wage: it has no condition',
    ]);
    expect(issues({ steps: [{ wage: pct(50) }, { wage: pct(60) }] })).toEqual([
      'steps.1: step 2 needs a condition (a level, hours or months)',
    ]);
    const amount = { kind: 'amount', amount: 20, currency: 'USD', per: 'hour' };
    expect(issues({ steps: [{ wage: pct(50) }, { wage: amount, months: 6 }] })).toEqual([
      'steps.1.wage: every step is in the same unit (percent), not USD/hour',
    ]);
    expect(issues({ steps: [{ wage: { ...amount, currency: 'usd' } }] })).toEqual([
      'steps.0.wage.currency: a three-letter currency code such as USD',
    ]);
  });

  test('levels must exist in the framework: the engine and the functions name the step', () => {
    const s = schedule({ level: 'L9' });
    expect(() => checkWageSchedule(f, s, 'programs.tiny.wageSchedule')).toThrow(
      new RecordMismatchError(
        'programs.tiny.wageSchedule.steps.1.level',
        '"L9" is not a level of tiny (levels: L1, L2)',
      ),
    );
    expect(() => computeProgress(f, record(), '2026-03-01', { optionalWorkFunctionIds: [], wageSchedule: s })).toThrow(
      'program.wageSchedule.steps.1.level',
    );
  });
});

test('computeProgress carries the wage status when the program has a schedule, and none otherwise', () => {
  const program = { optionalWorkFunctionIds: [], wageSchedule: schedule({ level: 'L1' }) };
  const p = computeProgress(f, completeLevel1({ signOffs: [sign('A1'), sign('A2')] }), '2026-06-01', program);
  expect(p.wage).toMatchObject({ currentStep: 2, recordedStep: 1, eligible: { step: 2, since: '2026-02-20' } });
  expect(computeProgress(f, completeLevel1(), '2026-06-01').wage).toBeUndefined();
});

describe('the words every view uses', () => {
  test('wages, conditions and the one-cell summary', () => {
    const jw = { amount: 40, currency: 'USD' };
    expect(wageText(pct(62.5), jw)).toBe('62.5% of the journeyworker rate (USD 25.00/hour)');
    expect(wageText(pct(60))).toBe('60% of the journeyworker rate');
    expect(wageText({ kind: 'amount', amount: 18.5, currency: 'USD', per: 'hour' })).toBe('USD 18.50/hour');
    const step = {
      wage: pct(60),
      level: 'L2',
      hours: [{ hours: 2000 }, { hours: 144, category: 'related-instruction' as const }],
      months: 1,
    };
    expect(stepConditionsText(f, step)).toBe(
      'Level 2 complete; 2000 confirmed hours; 144 confirmed related instruction hours; 1 month in the program',
    );
    expect(stepConditionsText(f, { wage: pct(50) })).toBe('starting wage');
    const s = schedule({ level: 'L1' }, { level: 'L2' });
    expect(wageSummary(status(record(), s, '2026-06-01'))).toBe('Step 1; next: step 2 after Level 1 complete');
    expect(wageSummary(status(completeLevel1(), s, '2026-06-01'))).toBe(
      'Step 1 (recorded); eligible for step 2 since 2026-02-20',
    );
    const raised = completeLevel1({
      raises: [{ step: 2, effectiveDate: '2026-03-01', by: ADMIN, at: '2026-03-01T09:00:00.000Z' }],
    });
    expect(wageSummary(status(raised, s, '2026-06-01'))).toBe('Step 2; next: step 3 after Level 2 complete');
    expect(wageSummary(undefined)).toBe('');
  });
});

// The apprentice status: each outcome, each boundary of each threshold in RULES.status (the pure rule), and the
// status the engine puts on its progress for real records (consistent with its pace.behind and activity.none gaps).
import {
  addDays,
  apprenticeStatus,
  computeProgress,
  type LevelProgress,
  RULES,
  STATUS_COLOURS,
  STATUS_LABEL,
  STATUS_LEVELS,
  type StatusInput,
  summarizeProgress,
} from '../../shared/src';
import { completeLevel1, ojl, record, START, sign, tinyFramework, typed } from '../fixtures/engine';

const AS_OF = '2026-06-01';

const { atRiskInactiveDays, offTrackInactiveDays, pendingAtRisk, deadlineMarginDays } = RULES.status;

const level = (complete = false): LevelProgress => ({
  levelId: 'L1',
  title: 'Level 1',
  items: { done: 1, required: 2, optionalSigned: 0 },
  hours: [],
  exams: { done: 0, required: 1 },
  certifications: { done: 0, required: 1 },
  percent: 40,
  complete,
});
/** An apprentice on track: active two days ago, projected well before any deadline, nothing pending. */
const input = (o: Partial<StatusInput> = {}): StatusInput => ({
  asOf: AS_OF,
  startDate: START,
  target: level(),
  pace: { projectedCompletion: '2026-12-01', lastActivity: '2026-05-30' },
  deadline: null,
  pending: 0,
  ...o,
});
const deadline = (date: string) => ({ months: 24, date });

describe('on track, with the reason', () => {
  test('projected, with and without a maximum duration', () => {
    expect(apprenticeStatus(input())).toEqual({
      status: 'on-track',
      reason: 'On track: projected to complete Level 1 by 2026-12-01',
    });
    expect(apprenticeStatus(input({ deadline: deadline('2027-12-01') })).reason).toBe(
      'On track: projected to complete Level 1 by 2026-12-01, before the 24-month maximum duration ends on 2027-12-01',
    );
  });

  test('a complete target level is on track whatever else holds', () => {
    const done = input({
      target: level(true),
      pending: pendingAtRisk * 5,
      deadline: deadline('2026-01-01'),
      pace: { projectedCompletion: null, lastActivity: null },
    });
    expect(apprenticeStatus(done)).toEqual({ status: 'on-track', reason: 'On track: Level 1 complete' });
  });

  test('before the start date, and in the first pace window with nothing to project from', () => {
    const none = { projectedCompletion: null, lastActivity: null };
    expect(apprenticeStatus(input({ startDate: '2026-07-01', pace: none })).reason).toBe(
      'On track: starts on 2026-07-01',
    );
    const young = input({
      startDate: addDays(AS_OF, -(RULES.recentWindowDays - 1)),
      pace: { ...none, lastActivity: AS_OF },
    });
    expect(apprenticeStatus(young)).toEqual({
      status: 'on-track',
      reason: `On track: started on ${young.startDate} (${RULES.recentWindowDays - 1} days ago), too early to project completion`,
    });
  });

  test('only exams or certifications left (the projection is the last activity)', () => {
    expect(
      apprenticeStatus(input({ pace: { projectedCompletion: '2026-05-30', lastActivity: '2026-05-30' } })),
    ).toEqual({
      status: 'on-track',
      reason: 'On track: Level 1: sign-offs and hours done, exams or certifications outstanding',
    });
  });
});

describe('maximum duration and pace', () => {
  test('past the maximum duration: off track the day after it ends, not on the day', () => {
    const pace = { projectedCompletion: null, lastActivity: '2026-05-30' };
    expect(apprenticeStatus(input({ pace, deadline: deadline(AS_OF) }))).toEqual({
      status: 'at-risk',
      reason: `At risk: no projected completion: a requirement of Level 1 had no counted progress in the last ${RULES.recentWindowDays} days`,
    });
    expect(apprenticeStatus(input({ pace, deadline: deadline(addDays(AS_OF, -1)) }))).toEqual({
      status: 'off-track',
      reason: 'Off track: past the 24-month maximum duration, which ended on 2026-05-31',
    });
  });

  test('projected after the maximum duration: off track; on its last day: at risk', () => {
    const end = '2026-12-01';
    expect(apprenticeStatus(input({ deadline: deadline('2026-11-30') }))).toEqual({
      status: 'off-track',
      reason:
        'Off track: projected to complete Level 1 on 2026-12-01, after the 24-month maximum duration ends on 2026-11-30',
    });
    expect(apprenticeStatus(input({ deadline: deadline(end) }))).toEqual({
      status: 'at-risk',
      reason: `At risk: projected to complete Level 1 on 2026-12-01, less than ${deadlineMarginDays} days before the 24-month maximum duration ends on ${end}`,
    });
  });

  test(`projected less than ${deadlineMarginDays} days before the end: at risk; exactly that many: on track`, () => {
    const projected = '2026-12-01';
    const at = (days: number) => apprenticeStatus(input({ deadline: deadline(addDays(projected, days)) })).status;
    expect(at(deadlineMarginDays)).toBe('on-track');
    expect(at(deadlineMarginDays - 1)).toBe('at-risk');
  });

  test('a pace too slow to project: off track with a maximum duration, at risk without one', () => {
    const pace = { projectedCompletion: null, lastActivity: '2026-05-30', tooSlow: true };
    const years = Math.round(RULES.maxProjectionDays / 365.25);
    expect(apprenticeStatus(input({ pace, deadline: deadline('2027-12-01') }))).toEqual({
      status: 'off-track',
      reason: `Off track: at the recent pace completion is more than ${years} years away, after the 24-month maximum duration ends on 2027-12-01`,
    });
    expect(apprenticeStatus(input({ pace }))).toEqual({
      status: 'at-risk',
      reason: `At risk: at the recent pace completion is more than ${years} years away`,
    });
  });

  test(`no projection after a whole ${RULES.recentWindowDays}-day window: at risk`, () => {
    const pace = { projectedCompletion: null, lastActivity: '2026-05-30' };
    const at = (days: number) => apprenticeStatus(input({ pace, startDate: addDays(AS_OF, -days) })).status;
    expect(at(RULES.recentWindowDays - 1)).toBe('on-track');
    expect(at(RULES.recentWindowDays)).toBe('at-risk');
  });
});

describe('inactivity and pending confirmations', () => {
  const idle = (days: number, projectedCompletion: string | null = '2026-12-01') =>
    apprenticeStatus(input({ pace: { projectedCompletion, lastActivity: addDays(AS_OF, -days) } }));

  test(`at risk from ${atRiskInactiveDays} days without a counted entry, off track from ${offTrackInactiveDays}`, () => {
    expect(idle(atRiskInactiveDays - 1).status).toBe('on-track');
    expect(idle(atRiskInactiveDays)).toEqual({
      status: 'at-risk',
      reason: `At risk: no counted sign-off or hours for ${atRiskInactiveDays} days (since ${addDays(AS_OF, -atRiskInactiveDays)})`,
    });
    expect(idle(offTrackInactiveDays - 1, null).status).toBe('at-risk');
    expect(idle(offTrackInactiveDays, null)).toEqual({
      status: 'off-track',
      reason: `Off track: no counted sign-off or hours for ${offTrackInactiveDays} days (since ${addDays(AS_OF, -offTrackInactiveDays)})`,
    });
  });

  test('with nothing counted yet, the days run from the start date', () => {
    const start = addDays(AS_OF, -atRiskInactiveDays);
    const s = apprenticeStatus(input({ startDate: start, pace: { projectedCompletion: null, lastActivity: null } }));
    expect(s).toEqual({
      status: 'at-risk',
      reason: `At risk: no counted sign-off or hours for ${atRiskInactiveDays} days (since the start on ${start})`,
    });
  });

  test(`at risk from ${pendingAtRisk} entries waiting for a confirmation`, () => {
    expect(apprenticeStatus(input({ pending: pendingAtRisk - 1 })).status).toBe('on-track');
    expect(apprenticeStatus(input({ pending: pendingAtRisk }))).toEqual({
      status: 'at-risk',
      reason: `At risk: ${pendingAtRisk} entries wait for a confirmation`,
    });
  });

  test('every concern is in the reason, the off-track ones first', () => {
    const s = apprenticeStatus(
      input({
        deadline: deadline('2026-05-01'),
        pending: 12,
        pace: { projectedCompletion: null, lastActivity: addDays(AS_OF, -atRiskInactiveDays - 5) },
      }),
    );
    expect(s).toEqual({
      status: 'off-track',
      reason: `Off track: past the 24-month maximum duration, which ended on 2026-05-01; no counted sign-off or hours for ${atRiskInactiveDays + 5} days (since ${addDays(AS_OF, -atRiskInactiveDays - 5)}); 12 entries wait for a confirmation`,
    });
  });
});

test('one label and one colour pair per status; no label contains another (the text rules match on them)', () => {
  expect(STATUS_LEVELS.map((s) => STATUS_LABEL[s])).toEqual(['On track', 'At risk', 'Off track']);
  for (const a of STATUS_LEVELS) {
    expect(STATUS_COLOURS[a].background).toMatch(/^#[0-9A-F]{6}$/);
    expect(STATUS_COLOURS[a].font).toMatch(/^#[0-9A-F]{6}$/);
    for (const b of STATUS_LEVELS) if (a !== b) expect(STATUS_LABEL[a].includes(STATUS_LABEL[b])).toBe(false);
  }
});

describe('the engine puts the status on its progress', () => {
  const fw = tinyFramework();

  test('complete: on track; the last activity is the last counted entry', () => {
    const p = computeProgress(fw, completeLevel1(), '2026-03-01');
    expect(p.status).toEqual({ status: 'on-track', reason: 'On track: Level 1 complete' });
    expect(p.lastActivity).toBe('2026-02-20');
  });

  test('past the maximum duration: off track, alongside the pace.behind gap', () => {
    const p = computeProgress(
      tinyFramework({ maximumMonths: 1 }),
      record({ hours: [ojl('2026-02-27', 5)] }),
      '2026-03-01',
    );
    expect(p.gaps.map((g) => g.code)).toContain('pace.behind');
    expect(p.status).toEqual({
      status: 'off-track',
      reason: 'Off track: past the 1-month maximum duration, which ended on 2026-02-05',
    });
  });

  test('typed entries wait for a confirmation: they make the apprentice at risk and do not move the last activity', () => {
    const hours = Array.from({ length: pendingAtRisk }, (_, i) => typed(ojl('2026-02-25', 1, { id: `t${i}` })));
    const p = computeProgress(
      fw,
      record({ signOffs: [sign('A1', '2026-02-20')], hours: [ojl('2026-02-20', 20), ...hours] }),
      '2026-03-01',
    );
    expect(p.lastActivity).toBe('2026-02-20');
    expect(p.status.status).toBe('at-risk');
    expect(p.status.reason).toMatch(new RegExp(`At risk: .*${pendingAtRisk} entries wait for a confirmation$`));
  });

  test('idle since the start: at risk with activity.none, and the summary keeps the status', () => {
    const asOf = addDays(START, atRiskInactiveDays);
    const p = computeProgress(fw, record(), asOf);
    expect(p.gaps.map((g) => g.code)).toContain('activity.none');
    expect(p.lastActivity).toBeNull();
    expect(p.status).toEqual({
      status: 'at-risk',
      reason: `At risk: no counted sign-off or hours for ${atRiskInactiveDays} days (since the start on ${START})`,
    });
    const s = summarizeProgress(p, 0);
    expect([s.status, s.lastActivity]).toEqual([p.status, null]);
    expect(JSON.parse(JSON.stringify(s)).status).toEqual(p.status);
  });
});

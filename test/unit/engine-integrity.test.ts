import { type ApprenticeRecordInput, computeProgress } from '../../shared/src';
import { COACH, completeLevel1, ojl, record, START, sign, tinyFramework } from '../fixtures/engine';

const AS_OF = '2026-03-01';
const fw = tinyFramework();
const flagsOf = (r: ApprenticeRecordInput) => computeProgress(fw, r, AS_OF).integrity.map((f) => f.code);

describe('sign-off integrity', () => {
  const cases: [string, ReturnType<typeof sign>, string][] = [
    ['no coach', sign('A1', '2026-02-01', null), 'signoff.no-coach'],
    ['no date', { itemId: 'A1', coachEmail: COACH } as ReturnType<typeof sign>, 'signoff.no-date'],
    ['dated before the start', sign('A1', '2026-01-04'), 'signoff.before-start'],
    ['dated in the future', sign('A1', '2026-03-02'), 'signoff.future'],
    ['signed by the apprentice', sign('A1', '2026-02-01', 'ada@example.com'), 'signoff.by-apprentice'],
    ['signed by someone who is not a coach', sign('A1', '2026-02-01', 'stranger@example.com'), 'signoff.not-coach'],
    ['for an item not in the framework', sign('Z9'), 'signoff.unknown-item'],
  ];
  test.each(cases)('a sign-off %s is flagged and not counted', (_, signOff, code) => {
    const p = computeProgress(fw, record({ signOffs: [signOff] }), AS_OF);
    expect(p.integrity.map((f) => f.code)).toEqual([code]);
    expect(p.integrity[0]!.pointer).toEqual({ kind: 'sign-off', index: 0, itemId: signOff.itemId });
    expect(p.integrity[0]!.message).toMatch(/It is not counted until corrected\.$/);
    expect(p.levels[0]!.items.done).toBe(0);
  });

  test('a sign-off on the start date and one on the as-of date are valid and counted', () => {
    const p = computeProgress(fw, record({ signOffs: [sign('A1', START), sign('A2', AS_OF)] }), AS_OF);
    expect(p.integrity).toEqual([]);
    expect(p.levels[0]!.items.done).toBe(2);
  });

  test('coach emails are compared case-insensitively', () => {
    expect(flagsOf(record({ signOffs: [sign('A1', '2026-02-01', 'Coach@Example.COM')] }))).toEqual([]);
  });
});

describe('hours integrity', () => {
  // [case, entries, flags, OJL hours still counted]
  const cases: [string, ReturnType<typeof ojl>[], string[], number][] = [
    ['negative', [ojl('2026-02-01', -4)], ['hours.negative'], 0],
    [
      'over 24 in a day across entries',
      [ojl('2026-02-01', 16), ojl('2026-02-01', 8.5, { description: 'evening' })],
      ['hours.over-24', 'hours.over-24'],
      0,
    ],
    ['in the future', [ojl('2026-03-02', 4)], ['hours.future'], 0],
    ['before the start', [ojl('2026-01-04', 4)], ['hours.before-start'], 0],
    [
      'duplicated',
      [ojl('2026-02-01', 4, { description: 'Tickets' }), ojl('2026-02-01', 4, { description: ' tickets ' })],
      ['hours.duplicate'],
      4,
    ],
  ];
  test.each(cases)('hours %s are flagged and not counted', (_, hours, expected, counted) => {
    const p = computeProgress(fw, record({ hours }), AS_OF);
    expect(p.integrity.map((f) => f.code)).toEqual(expected);
    expect(p.levels[0]!.hours[0]!.done).toBe(counted);
  });

  test('exactly 24 hours in a day, on the start date and on the as-of date, is valid', () => {
    const p = computeProgress(
      fw,
      record({ hours: [ojl(START, 24), ojl(AS_OF, 16), ojl(AS_OF, 8, { description: 'night shift' })] }),
      AS_OF,
    );
    expect(p.integrity).toEqual([]);
    expect(p.levels[0]!.hours[0]!.done).toBe(48);
  });

  test('the same hours on different days are not duplicates', () => {
    expect(flagsOf(record({ hours: [ojl('2026-02-01', 4), ojl('2026-02-02', 4)] }))).toEqual([]);
  });

  test('the flag points at the hours entry by index and by its sheet id', () => {
    const p = computeProgress(fw, completeLevel1({ hours: [ojl('2026-02-01', -1, { id: 'row-7' })] }), AS_OF);
    expect(p.integrity[0]!.pointer).toEqual({ kind: 'hours-entry', index: 0, id: 'row-7' });
    expect(p.integrity[0]!.message).toBe(
      'Hours entry 1 (2026-02-01, -1 h): hours are negative. It is not counted until corrected.',
    );
  });
});

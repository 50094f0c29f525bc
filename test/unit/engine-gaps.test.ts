import { computeProgress, type Finding } from '../../shared/src';
import { ADMIN, completeLevel1, confirmed, exam, ojl, record, ri, sign, tinyFramework } from '../fixtures/engine';

const AS_OF = '2026-03-01';
const fw = tinyFramework();
const codes = (gaps: Finding[]): string[] => gaps.map((g) => g.code);

describe('gap rules fire and stay quiet', () => {
  test('items.missing names each unsigned core item, not signed ones', () => {
    const p = computeProgress(fw, record({ signOffs: [sign('A1')] }), AS_OF);
    const missing = p.gaps.filter((g) => g.code === 'items.missing');
    expect(missing.map((g) => g.pointer)).toEqual([{ kind: 'item', itemId: 'A2' }]);
    expect(missing[0]!.message).toBe('Level 1: item A2 "Competency A2" is not signed off.');
  });

  test('hours.short per category, quiet when met', () => {
    const p = computeProgress(fw, record({ hours: [ri('2026-02-01', 10)] }), AS_OF);
    expect(p.gaps.filter((g) => g.code === 'hours.short').map((g) => g.pointer)).toEqual([
      { kind: 'hours-category', category: 'on-the-job-learning' },
    ]);
  });

  test('exam.missing and certification.missing, quiet when held; a failed exam does not count', () => {
    const missing = computeProgress(
      fw,
      completeLevel1({ exams: [exam('exam-1', { passed: false })], certifications: [] }),
      AS_OF,
    );
    expect(codes(missing.gaps)).toEqual(['exam.missing', 'certification.missing']);
    expect(missing.gaps.map((g) => g.pointer)).toEqual([
      { kind: 'exam', examId: 'exam-1' },
      { kind: 'certification', certificationId: 'cert-1' },
    ]);
    expect(codes(computeProgress(fw, completeLevel1(), AS_OF).gaps)).toEqual([]);
  });

  test('level.previous-incomplete when working on level 2 with level 1 open; quiet when level 1 is complete', () => {
    const open = computeProgress(fw, record({ levelId: 'L2' }), AS_OF);
    expect(open.gaps.filter((g) => g.code === 'level.previous-incomplete').map((g) => g.levelId)).toEqual(['L1']);
    expect(open.levels[1]!.complete).toBe(false);
    const base = completeLevel1();
    const done = computeProgress(fw, { ...base, apprentice: { ...base.apprentice, levelId: 'L2' } }, AS_OF);
    expect(codes(done.gaps)).not.toContain('level.previous-incomplete');
    // Level 2's own gaps are reported; level 1 has none left.
    expect(done.gaps.every((g) => g.levelId !== 'L1')).toBe(true);
  });

  test('a non-cumulative framework never reports previous levels', () => {
    const p = computeProgress(tinyFramework({ cumulative: false }), record({ levelId: 'L2' }), AS_OF);
    expect(codes(p.gaps)).not.toContain('level.previous-incomplete');
    expect(p.gaps.every((g) => g.levelId === undefined || g.levelId === 'L2')).toBe(true);
  });

  test('pace.behind when the projection passes the maximum duration; quiet at a good pace', () => {
    const slow = computeProgress(
      fw,
      record({
        maximumMonths: 3,
        signOffs: [sign('A1', '2026-02-20')],
        hours: [ojl('2026-02-20', 5), ri('2026-02-20', 10)],
      }),
      AS_OF,
    );
    expect(slow.gaps.find((g) => g.code === 'pace.behind')?.message).toMatch(
      /^Behind pace: projected completion \d{4}-\d{2}-\d{2} is after the maximum duration \(3 months, 2026-04-05\)\.$/,
    );
    const fast = computeProgress(
      fw,
      record({
        maximumMonths: 12,
        signOffs: [sign('A1', '2026-02-20')],
        hours: [ojl('2026-02-20', 20), ojl('2026-02-21', 20), ojl('2026-02-22', 20), ri('2026-02-23', 10)],
      }),
      AS_OF,
    );
    expect(fast.projectedCompletion! < '2027-01-05').toBe(true);
    expect(codes(fast.gaps)).not.toContain('pace.behind');
  });

  test('pace.behind once the maximum duration has passed without completion', () => {
    const p = computeProgress(tinyFramework({ maximumMonths: 1 }), record({ hours: [ojl('2026-02-27', 5)] }), AS_OF);
    expect(p.gaps.find((g) => g.code === 'pace.behind')?.message).toBe(
      'Behind pace: the maximum duration (1 months) ended on 2026-02-05.',
    );
  });

  test('activity.none after 60 idle days, not after 59', () => {
    const at = (asOf: string) => codes(computeProgress(fw, record({ hours: [ojl('2026-01-10', 5)] }), asOf).gaps);
    expect(at('2026-03-11')).toContain('activity.none'); // 60 days after 2026-01-10
    expect(at('2026-03-10')).not.toContain('activity.none');
  });

  test('pending.prior-credit fires for credit no admin approved, whatever the sheet says', () => {
    const p = computeProgress(
      fw,
      record({
        priorCredit: [
          { id: 'pc-1', category: 'related-instruction', hours: 5, description: 'college course', approvedBy: ADMIN },
          {
            id: 'pc-2',
            category: 'related-instruction',
            hours: 5,
            description: 'bootcamp',
            confirmation: confirmed('admin'),
          },
        ],
      }),
      AS_OF,
    );
    expect(p.gaps.filter((g) => g.code === 'pending.prior-credit').map((g) => g.pointer)).toEqual([
      { kind: 'prior-credit', index: 0, id: 'pc-1' },
    ]);
  });
});

describe('projected completion', () => {
  test('projects from the recent rate: the slowest requirement decides', () => {
    // Started 2026-01-05, as of 2026-03-01 -> window of 56 days. One item left at 1 sign-off per 56 days -> 56 days;
    // OJL 80 left at 20 per 56 days -> 224 days; RI done. Projection = as-of + 224 days.
    const p = computeProgress(
      fw,
      record({ signOffs: [sign('A1', '2026-02-01')], hours: [ojl('2026-02-01', 20), ri('2026-02-02', 10)] }),
      AS_OF,
    );
    expect(p.projectedCompletion).toBe('2026-10-11');
  });

  test('null when something is left and nothing was done recently', () => {
    expect(computeProgress(fw, record(), AS_OF).projectedCompletion).toBeNull();
  });

  test('the last activity date once the target level is complete', () => {
    expect(computeProgress(fw, completeLevel1(), AS_OF).projectedCompletion).toBe('2026-02-20');
  });
});

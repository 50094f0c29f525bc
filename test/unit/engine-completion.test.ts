import { computeProgress, RecordMismatchError } from '../../shared/src';
import { cert, completeLevel1, confirmed, ojl, record, ri, sign, tinyFramework } from '../fixtures/engine';

const AS_OF = '2026-03-01';
const fw = tinyFramework();

describe('completion per level', () => {
  test('a complete level 1 is 100% and complete, with no gaps for level 1', () => {
    const p = computeProgress(fw, completeLevel1(), AS_OF);
    const l1 = p.levels[0]!;
    expect(l1).toMatchObject({
      levelId: 'L1',
      complete: true,
      percent: 100,
      items: { done: 2, required: 2, optionalSigned: 0 },
      exams: { done: 1, required: 1 },
      certifications: { done: 1, required: 1 },
    });
    expect(l1.hours).toEqual([
      { category: 'on-the-job-learning', done: 100, required: 100, priorCredit: 0 },
      { category: 'related-instruction', done: 10, required: 10, priorCredit: 0 },
    ]);
    expect(p.gaps).toEqual([]);
    expect(p.integrity).toEqual([]);
  });

  test('exactly the required hours complete the requirement; 0.5 fewer does not', () => {
    const exact = computeProgress(fw, completeLevel1(), AS_OF);
    expect(exact.gaps.filter((g) => g.code === 'hours.short')).toEqual([]);
    const short = completeLevel1();
    short.hours = [...(short.hours ?? []).slice(1), ojl('2026-02-02', 3.5)];
    const p = computeProgress(fw, short, AS_OF);
    expect(p.levels[0]!.complete).toBe(false);
    expect(p.gaps.map((g) => [g.code, g.message])).toEqual([
      ['hours.short', 'Level 1: On-the-job learning 99.5 of 100 hours (0.5 short).'],
    ]);
  });

  test('percent is the mean of each requirement fraction, each capped at 1', () => {
    // items 1/2, OJL 150/100 -> 1, RI 0/10, exam 0/1, cert 1/1 -> (0.5 + 1 + 0 + 0 + 1) / 5 = 50%
    const p = computeProgress(
      fw,
      record({
        signOffs: [sign('A1')],
        hours: [ojl('2026-02-01', 20), ojl('2026-02-02', 20)],
        certifications: [cert('cert-1')],
        priorCredit: [
          {
            category: 'on-the-job-learning',
            hours: 110,
            description: 'previous job',
            confirmation: confirmed('admin'),
          },
        ],
      }),
      AS_OF,
    );
    expect(p.levels[0]!.percent).toBe(50);
  });

  test('optional items are counted but never required', () => {
    const p = computeProgress(fw, completeLevel1({ signOffs: [sign('A1'), sign('A2'), sign('A3')] }), AS_OF);
    expect(p.levels[0]!.items).toEqual({ done: 2, required: 2, optionalSigned: 1 });
    expect(p.gaps.some((g) => g.pointer.kind === 'item' && g.pointer.itemId === 'A3')).toBe(false);
  });

  test('untagged hours fill cumulative levels in order; tagged hours stay on their level', () => {
    const p = computeProgress(
      fw,
      record({
        levelId: 'L2',
        hours: [
          ojl('2026-02-01', 24),
          ...Array.from({ length: 6 }, (_, i) => ojl(`2026-02-0${2 + i}`, 21)),
          ri('2026-02-10', 6, { levelId: 'L2' }),
        ],
      }),
      AS_OF,
    );
    // 24 + 6*21 = 150 OJL: 100 on L1, 50 on L2. RI tagged L2.
    expect(p.levels.map((l) => l.hours.map((h) => h.done))).toEqual([
      [100, 0],
      [50, 6],
    ]);
  });

  test('in a non-cumulative framework untagged hours count towards every level', () => {
    const flat = tinyFramework({ cumulative: false });
    const p = computeProgress(flat, record({ hours: [ojl('2026-02-01', 20)] }), AS_OF);
    expect(p.levels.map((l) => l.hours[0]!.done)).toEqual([20, 20]);
  });

  test('prior credit an admin approved counts and is reported; typed approval does not count', () => {
    const p = computeProgress(
      fw,
      record({
        priorCredit: [
          {
            category: 'on-the-job-learning',
            hours: 40,
            description: 'help desk at previous employer',
            approvedBy: 'coach@example.com',
            confirmation: confirmed('admin', '2026-01-10'),
          },
          { category: 'on-the-job-learning', hours: 30, description: 'summer job', approvedBy: 'coach@example.com' },
        ],
      }),
      AS_OF,
    );
    expect(p.levels[0]!.hours[0]).toEqual({
      category: 'on-the-job-learning',
      done: 40,
      required: 100,
      priorCredit: 40,
    });
  });

  test('a record for another framework or an unknown level is refused with the field named', () => {
    expect(() =>
      computeProgress(fw, { ...record(), apprentice: { ...record().apprentice, frameworkId: 'other' } }, AS_OF),
    ).toThrow(RecordMismatchError);
    expect(() => computeProgress(fw, record({ levelId: 'L9' }), AS_OF)).toThrow(
      /apprentice\.levelId: "L9" is not a level of tiny/,
    );
    expect(() => computeProgress(fw, record(), '2026-02-30')).toThrow(/not a real calendar date/);
  });

  test('a malformed record is rejected by the schema with the path of the bad field', () => {
    const bad = record({ hours: [{ date: '2026-13-01', category: 'on-the-job-learning', hours: 1 }] });
    expect(() => computeProgress(fw, bad, AS_OF)).toThrow(/hours.*0.*date|"path":\s*\[\s*"hours",\s*0,\s*"date"/s);
  });
});

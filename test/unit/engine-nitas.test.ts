// The engine on the shipped NITAS framework: boundaries at the document's own figures.
import { type ApprenticeRecordInput, computeProgress, getFramework } from '../../shared/src';

const nitas = getFramework('nitas-help-desk')!;
const START = '2025-01-06';
const COACH = 'grace@sponsor.example';
/** What the functions write when the coach (or an admin) confirms an entry. */
const confirmed = (role: 'coach' | 'admin') => ({
  kind: 'confirmed' as const,
  by: role === 'coach' ? COACH : 'admin@sponsor.example',
  role,
  at: `${START}T12:00:00.000Z`,
  date: START,
});
const l1Items = nitas.workFunctions
  .flatMap((wf) => wf.items)
  .filter((i) => i.core === 'core' && i.levels.includes('L1'));

/** `total` hours of one category as 8-hour days from the start date (the last day takes the remainder). */
function days(
  category: 'on-the-job-learning' | 'related-instruction' | 'work-experience',
  total: number,
  from = START,
) {
  const out = [];
  const start = Date.parse(`${from}T00:00:00Z`);
  for (let i = 0, left = total; left > 0; i++, left -= 8) {
    out.push({
      date: new Date(start + i * 86_400_000).toISOString().slice(0, 10),
      category,
      hours: Math.min(8, left),
      description: `${category} day ${i + 1}`,
      confirmation: confirmed('coach'),
    });
  }
  return out;
}

function level1(ojl: number, extra: Partial<ApprenticeRecordInput> = {}): ApprenticeRecordInput {
  return {
    schemaVersion: 1,
    apprentice: {
      id: 'a-1',
      name: 'Lin Apprentice',
      email: 'lin@sponsor.example',
      startDate: START,
      frameworkId: 'nitas-help-desk',
      levelId: 'L1',
      coachEmails: [COACH],
    },
    signOffs: l1Items.map((i) => ({ itemId: i.id, date: START, coachEmail: COACH, confirmation: confirmed('coach') })),
    // OJL from the start date, RI and the rest of the work experience on separate later days so no day passes 24 h.
    hours: [
      ...days('on-the-job-learning', ojl),
      ...days('related-instruction', 242, '2026-01-05'),
      ...days('work-experience', 2000 - ojl, '2026-06-01'),
    ],
    exams: [{ id: 'L1-all-required-course-exams', passed: true, confirmation: confirmed('admin') }],
    certifications: ['comptia-a-plus', 'customer-support-specialist'].map((id) => ({
      id,
      confirmation: confirmed('admin'),
    })),
    ...extra,
  };
}

const AS_OF = '2026-09-01';

test('NITAS Level 1 is complete at exactly 1,400 OJL hours, 242 RI hours, 2,000 work-experience hours and 28 items', () => {
  const p = computeProgress(nitas, level1(1400), AS_OF);
  const l1 = p.levels[0]!;
  expect(p.integrity).toEqual([]);
  expect(l1.items).toEqual({ done: 28, required: 28, optionalSigned: 0 });
  expect(l1.hours.map((h) => [h.category, h.done, h.required])).toEqual([
    ['related-instruction', 242, 242],
    ['on-the-job-learning', 1400, 1400],
    ['work-experience', 2000, 2000],
  ]);
  expect(l1.complete).toBe(true);
  expect(p.gaps).toEqual([]);
});

test('1,399.5 OJL hours leave Level 1 half an hour short', () => {
  const r = level1(1400);
  r.hours = r.hours!.map((h, i) => (i === 0 ? { ...h, hours: 7.5 } : h));
  const p = computeProgress(nitas, r, AS_OF);
  expect(p.levels[0]!.complete).toBe(false);
  expect(p.gaps.map((g) => g.message)).toEqual([
    'Level 1 - Entry: On-the-job learning 1,399.5 of 1,400 hours (0.5 short).',
    'Level 1 - Entry: Work experience 1,999.5 of 2,000 hours (0.5 short).',
  ]);
});

test('sign-offs dated on the start date count; one a day earlier is flagged', () => {
  const r = level1(1400);
  r.signOffs = [{ ...r.signOffs![0]!, date: '2025-01-05' }, ...r.signOffs!.slice(1)];
  const p = computeProgress(nitas, r, AS_OF);
  expect(p.integrity.map((f) => f.code)).toEqual(['signoff.before-start']);
  expect(p.levels[0]!.items.done).toBe(27);
  expect(p.gaps.find((g) => g.code === 'items.missing')?.pointer).toEqual({ kind: 'item', itemId: l1Items[0]!.id });
});

test('Level 2 cannot complete while Level 1 is open, and hours beyond Level 1 flow into Level 2', () => {
  const r = level1(1400 + 100);
  r.apprentice.levelId = 'L2';
  const p = computeProgress(nitas, { ...r, certifications: [] }, AS_OF);
  expect(p.levels[1]!.hours.find((h) => h.category === 'on-the-job-learning')!.done).toBe(100);
  expect(p.gaps.filter((g) => g.code === 'level.previous-incomplete').map((g) => g.levelId)).toEqual(['L1']);
  expect(p.gaps.filter((g) => g.levelId === 'L2' && g.code === 'items.missing')).toHaveLength(35);
});

// The largest record the schema allows (ApprenticeRecord: 5,000 sign-offs, 20,000 hours rows), every entry
// confirmed by the apprentice's coach, on the largest shipped framework (NITAS, level 3, cumulative).
import type { ApprenticeRecordInput, Framework } from '@qualcard/shared';
import { addDays } from '@qualcard/shared';

export const LARGEST = { signOffs: 5000, hours: 20_000 } as const;
const START = '2019-01-07';
const COACH = 'coach@example.com';
const ROWS_A_DAY = 8;

const confirmed = (date: string) => ({
  kind: 'confirmed' as const,
  by: COACH,
  role: 'coach' as const,
  at: `${date}T12:00:00.000Z`,
  date,
});

/** The record (unparsed, as a boundary receives it) and the as-of date after its last entry. */
export function largestRecord(framework: Framework): { input: ApprenticeRecordInput; asOf: string } {
  const items = framework.workFunctions.flatMap((wf) => wf.items);
  const hours = Array.from({ length: LARGEST.hours }, (_, i) => {
    const date = addDays(START, Math.floor(i / ROWS_A_DAY));
    const category = i % ROWS_A_DAY === 0 ? ('related-instruction' as const) : ('on-the-job-learning' as const);
    return { id: `h${i}`, date, category, hours: 1.5, description: `Ticket ${i}`, confirmation: confirmed(date) };
  });
  const days = Math.ceil(LARGEST.hours / ROWS_A_DAY);
  const signOffs = Array.from({ length: LARGEST.signOffs }, (_, i) => {
    const date = addDays(START, Math.floor((i * days) / LARGEST.signOffs));
    return {
      itemId: items[i % items.length]!.id,
      date,
      coachEmail: COACH,
      notes: `note ${i}`,
      confirmation: confirmed(date),
    };
  });
  const levels = framework.levels;
  const input: ApprenticeRecordInput = {
    schemaVersion: 1,
    apprentice: {
      id: 'largest',
      name: 'Largest Record',
      email: 'apprentice@example.com',
      startDate: START,
      frameworkId: framework.id,
      levelId: levels.at(-1)!.id,
      coachEmails: [COACH],
    },
    signOffs,
    hours,
  };
  return { input, asOf: addDays(START, days + 1) };
}

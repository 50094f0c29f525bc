// The confirmations step on a changed entry (pure, functions/src/confirm/entries.ts): the typed values become the
// entry and the old confirmation is superseded in history, with what changed; a full history is refused, naming it.

import { clockFor } from '../../functions/src/clock';
import { confirmEntries } from '../../functions/src/confirm/entries';
import { ApprenticeRecord, MAX_CONFIRMATION_HISTORY, mergeSheetRecord, SheetRecord } from '../../shared/src';
import { confirmed, ojl, record, tinyFramework, typed } from '../fixtures/engine';

const clock = clockFor('Etc/UTC', new Date('2026-05-04T09:00:00.000Z'));
const coach = { email: confirmed().by, clock };
const stored = ApprenticeRecord.parse(record({ hours: [ojl('2026-02-02', 8, { id: 'h1' })] }));
const changed = mergeSheetRecord(
  SheetRecord.parse(record({ hours: [typed(ojl('2026-02-02', 20, { id: 'h1' }))] })),
  stored,
);
const state = (hours = changed.hours) => ({
  profile: { apprentice: changed.apprentice, priorCredit: [], exams: [], certifications: [] },
  signOffs: [],
  hours: hours.map((data, order) => ({ key: data.id!, order, data })),
});

test('confirming a changed hours row: the typed 20 h are the entry, the 8 h confirmation superseded', () => {
  const { target, outcome } = confirmEntries(tinyFramework(), state(), { hours: ['h1'] }, coach);
  expect(outcome.confirmed.hours).toEqual(['h1']);
  const h1 = target.hours[0]!.data as ApprenticeRecord['hours'][number];
  expect(h1).toMatchObject({ id: 'h1', hours: 20, verifiedBy: coach.email });
  expect(h1.onSheet).toBeUndefined();
  expect(h1.confirmation).toMatchObject({ by: coach.email, date: '2026-05-04', at: '2026-05-04T09:00:00.000Z' });
  expect(h1.history).toEqual([
    {
      confirmation: confirmed(),
      ended: {
        kind: 'superseded',
        by: coach.email,
        role: 'coach',
        at: '2026-05-04T09:00:00.000Z',
        reason: 'values changed on the sheet: hours 8 → 20',
      },
    },
  ]);
  ApprenticeRecord.parse({ ...changed, hours: [h1] }); // what is stored is a valid record
  // The same row unchanged is "already" confirmed.
  expect(confirmEntries(tinyFramework(), state(stored.hours), { hours: ['h1'] }, coach).outcome.already.hours).toEqual([
    'h1',
  ]);
});

test('an entry whose history is full is refused, naming it, and nothing changes', () => {
  const c = confirmed();
  const ended = {
    confirmation: c,
    ended: { kind: 'superseded' as const, by: c.by, role: c.role, at: c.at, reason: 'values changed on the sheet' },
  };
  const full = { ...changed.hours[0]!, history: Array.from({ length: MAX_CONFIRMATION_HISTORY }, () => ended) };
  const before = state([full]);
  expect(() => confirmEntries(tinyFramework(), before, { hours: ['h1'] }, coach)).toThrow(
    `hours.0: the entry already keeps ${MAX_CONFIRMATION_HISTORY} ended confirmations (history); it cannot be confirmed again`,
  );
  expect(before.hours[0]!.data).toBe(full);
});

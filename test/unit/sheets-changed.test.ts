// Issue 19 in the generated sheets: a confirmed hours row deleted from the sheet is written back by Generate with the
// values it was confirmed with (its key kept) and a Confirmation that says so; a changed one shows the confirmed values.
import { rosterRow, smallFramework } from '../../addon/test-support/fixtures';
import { ApprenticeRecord, mergeSheetRecord, SheetRecord } from '../../shared/src';
import { hoursCol, planApprentice, readHours, recordView } from '../../shared/src/sheets';

const fw = smallFramework();
const roster = rosterRow();
const confirmation = {
  kind: 'confirmed' as const,
  by: 'coach@example.com',
  role: 'coach' as const,
  at: '2026-02-10T12:00:00.000Z',
  date: '2026-02-10',
};
const base = { schemaVersion: 1 as const, apprentice: roster.apprentice };
const stored = ApprenticeRecord.parse({
  ...base,
  hours: [
    { id: 'h-1', date: '2026-02-02', category: 'on-the-job-learning', workFunctionId: 'CWF1', hours: 8, confirmation },
    { id: 'h-2', date: '2026-02-03', category: 'related-instruction', hours: 4, confirmation },
  ],
});

test('Generate writes a deleted confirmed hours row back with its confirmed values, and marks a changed one', () => {
  const sheet = SheetRecord.parse({
    ...base,
    hours: [{ id: 'h-2', date: '2026-02-03', category: 'related-instruction', hours: 6 }],
  });
  const merged = mergeSheetRecord(sheet, stored);
  const view = recordView(fw, merged, '2026-06-01');
  const { hours } = planApprentice(fw, roster, { qualCard: null, hours: null }, view);
  const rows = readHours(hours.cells.map((r) => [...r])).rows;
  const h1 = rows.find((r) => r.key === 'h-1')!;
  expect([h1.date, h1.category, h1.workFunction.split(' — ')[0], h1.hours, h1.verifiedBy]).toEqual([
    '2026-02-02',
    'On-the-job learning',
    'CWF1',
    8,
    'coach@example.com',
  ]);
  expect(h1.confirmation).toMatch(
    /^deleted from the sheet; still counts as confirmed by coach@example\.com on 2026-02-10/,
  );
  expect(rows.filter((r) => r.key === 'h-1')).toHaveLength(1); // the key is not given to a blank row as well
  const h2 = hours.cells[hours.rowOfKey['hours:h-2']! - 1]![hoursCol('confirmation') - 1];
  expect(h2).toBe(
    'changed since confirmed: hours 4 → 6; still counts as confirmed by coach@example.com on 2026-02-10 ' +
      '(confirmed values: date 2026-02-03, category Related instruction, hours 4) until the new values are confirmed',
  );
  // Synced again as written back, the deleted row agrees with the record: nothing is reported for it any more.
  const back = SheetRecord.parse({
    ...base,
    hours: [
      { id: 'h-1', date: h1.date, category: 'on-the-job-learning', workFunctionId: 'CWF1', hours: 8 },
      { id: 'h-2', date: '2026-02-03', category: 'related-instruction', hours: 6 },
    ],
  });
  expect(mergeSheetRecord(back, merged).hours.find((h) => h.id === 'h-1')!.onSheet).toBeUndefined();
});

// The shared merge rule: a sync keeps every confirmed entry as confirmed, whatever the sheet now says; and the
// stored summary of progress keeps every tally but only the first findings.
import {
  ApprenticeRecord,
  computeProgress,
  mergeSheetRecord,
  rowConfirmations,
  SheetRecord,
  summarizeProgress,
} from '../../shared/src';
import { confirmed, ojl, record, sign, tinyFramework, typed } from '../fixtures/engine';

const stored = ApprenticeRecord.parse(
  record({
    signOffs: [sign('A1'), typed(sign('A2'))],
    hours: [ojl('2026-02-02', 8, { id: 'h1' }), typed(ojl('2026-02-03', 8, { id: 'h2' }))],
    exams: [{ id: 'exam-1', passed: true, confirmation: confirmed('admin') }],
  }),
);

test('a confirmed entry survives a sheet that unticked, changed or dropped it; typed ones follow the sheet', () => {
  const sheet = SheetRecord.parse(
    record({
      signOffs: [typed(sign('A2', '2026-02-05')), typed(sign('A1', '2026-01-31'))],
      hours: [typed(ojl('2026-02-02', 6, { id: 'h1' }))],
    }),
  );
  const merged = mergeSheetRecord(sheet, stored);
  expect(merged.signOffs.map((s) => [s.itemId, s.date, !!s.confirmation])).toEqual([
    ['A2', '2026-02-05', false],
    ['A1', '2026-02-01', true],
  ]);
  expect(merged.hours.map((h) => [h.id, h.hours, !!h.confirmation])).toEqual([['h1', 8, true]]);
  expect(merged.exams.map((e) => e.id)).toEqual(['exam-1']);
  expect(Object.keys(rowConfirmations(merged).signOffs)).toEqual(['A1']);
});

test('the summary keeps tallies and counts, and at most the first findings', () => {
  const p = computeProgress(
    tinyFramework(),
    record({ hours: Array.from({ length: 120 }, (_, i) => typed(ojl('2027-01-01', 1, { id: `f${i}` }))) }),
    '2026-03-01',
  );
  const s = summarizeProgress(p, 10);
  expect(s.levels).toEqual(p.levels);
  expect(s.integrity).toHaveLength(10);
  expect(s.findingCounts['hours.future']).toBe(120);
  expect(s.findingCounts['pending.hours-entry']).toBe(120);
  expect(s.omittedFindings).toBe(p.gaps.length + p.integrity.length - 20);
});

// Moving a record to another framework version (shared/src/engine/migration.ts) and the one rule for archived
// sign-offs: kept, never counted, neither pending nor flagged, and kept by a sync as confirmed ones are.
import { smallFramework } from '../../addon/test-support/fixtures';
import {
  type ApprenticeRecord,
  computeProgress,
  mergeSheetRecord,
  migratedSignOffs,
  migrationDiff,
  type SignOff,
} from '../../shared/src';

const v1 = smallFramework();
const v2 = smallFramework({ version: '2.0.0', drop: ['HD1.2.2', 'HD2.1.2'], add: ['HD1.2.9'] });
const AT = '2026-04-01T10:00:00.000Z';
const confirmation = {
  kind: 'confirmed' as const,
  by: 'coach@example.com',
  role: 'coach' as const,
  at: '2026-02-02T10:00:00.000Z',
  date: '2026-02-02',
};
const signed = (itemId: string): SignOff => ({
  itemId,
  date: '2026-02-01',
  coachEmail: 'coach@example.com',
  confirmation,
});

const record = (signOffs: SignOff[], version = '1.0.0'): ApprenticeRecord => ({
  schemaVersion: 1,
  apprentice: {
    id: 'ann',
    name: 'Ann',
    email: 'ann@example.com',
    startDate: '2026-01-05',
    frameworkId: 'small',
    frameworkVersion: version,
    levelId: 'L1',
    coachEmails: ['coach@example.com'],
  },
  signOffs,
  hours: [],
  priorCredit: [],
  exams: [],
  certifications: [],
});

test('the diff lists the items added, the items that left (signed or not) and the levels removed', () => {
  const r = record([signed('HD1.1.1'), signed('HD1.2.2')]);
  expect(migrationDiff(v1, v2, r)).toEqual({
    apprenticeId: 'ann',
    fromVersion: '1.0.0',
    itemsAdded: ['HD1.2.9'],
    itemsArchived: [
      { itemId: 'HD1.2.2', signed: true },
      { itemId: 'HD2.1.2', signed: false },
    ],
    levelsRemoved: [],
  });
});

test('a sign-off whose item left is archived, kept whole; one whose item came back is live again', () => {
  const moved = migratedSignOffs([signed('HD1.1.1'), signed('HD1.2.2')], v1, v2, AT);
  expect(moved).toEqual([
    signed('HD1.1.1'),
    { ...signed('HD1.2.2'), archived: { fromVersion: '1.0.0', toVersion: '2.0.0', at: AT } },
  ]);
  expect(migratedSignOffs(moved, v2, v1, AT)).toEqual([signed('HD1.1.1'), signed('HD1.2.2')]);
  // Moved on again while still out of the framework: the first archive mark stays.
  const v3 = smallFramework({ version: '3.0.0', drop: ['HD1.2.2'] });
  expect(migratedSignOffs(moved, v2, v3, '2026-05-01T00:00:00.000Z')[1]!.archived!.toVersion).toBe('2.0.0');
});

test('an archived sign-off never counts and is neither pending nor flagged', () => {
  const moved = migratedSignOffs([signed('HD1.1.1'), signed('HD1.2.2')], v1, v2, AT);
  const p = computeProgress(v2, record(moved, '2.0.0'), '2026-06-30');
  expect(p.integrity).toEqual([]);
  expect(p.gaps.filter((g) => g.pointer?.kind === 'sign-off')).toEqual([]);
  expect(p.entries['sign-off']).toEqual({ confirmed: 1, attested: 0, pending: 0, flagged: 0 });
  expect(p.levels[0]!.items.done).toBe(1);
  // Without the archive mark the same sign-off is flagged as an unknown item.
  const unmarked = computeProgress(v2, record([signed('HD1.1.1'), signed('HD1.2.2')], '2.0.0'), '2026-06-30');
  expect(unmarked.integrity.map((f) => f.code)).toEqual(['signoff.unknown-item']);
});

test('a sync keeps an archived sign-off the sheet no longer lists, even one nobody confirmed', () => {
  const typed: SignOff = { itemId: 'HD1.2.2', date: '2026-02-01', coachEmail: 'coach@example.com' };
  const stored = record(migratedSignOffs([signed('HD1.1.1'), typed], v1, v2, AT), '2.0.0');
  const sheet = { ...record([{ itemId: 'HD1.1.1', date: '2026-02-01' }], '2.0.0'), signOffs: [] };
  // The archived one is kept as it is; the live confirmed one the sheet dropped is kept too, marked deleted (issue 19).
  expect(mergeSheetRecord(sheet, stored).signOffs).toEqual(
    stored.signOffs.map((s) => (s.archived ? s : { ...s, onSheet: { kind: 'deleted' } })),
  );
});

test('a confirmation of an item the old version lacked is dropped, the row kept typed: the new version never counts it', () => {
  const moved = migratedSignOffs([signed('HD1.2.1'), signed('HD1.2.9')], v1, v2, AT);
  expect(moved[0]).toEqual(signed('HD1.2.1'));
  expect(moved[1]).toEqual({ itemId: 'HD1.2.9', date: '2026-02-01', coachEmail: 'coach@example.com' });
  const p = computeProgress(v2, record(moved, '2.0.0'), '2026-04-01');
  expect(p.entries['sign-off']).toMatchObject({ confirmed: 1, pending: 1 });
  // Once archived from a version that had the item, a confirmation is history and comes back with the item.
  const back = migratedSignOffs(migratedSignOffs([signed('HD1.2.2')], v1, v2, AT), v2, v1, AT);
  expect(back).toEqual([signed('HD1.2.2')]);
});

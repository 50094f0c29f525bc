// Issue 19, property-based: whatever a sheet does to confirmed rows after they were confirmed (edits any value, edits
// only what does not count, deletes rows, moves a tick to another item), a sync never changes what counts without a
// new confirmation, and every edit of a value that counts and every deletion is reported by a finding on that row.
import fc from 'fast-check';
import {
  ApprenticeRecord,
  CHANGED_CODE,
  COUNTED_FIELDS,
  computeProgress,
  DELETED_CODE,
  mergeSheetRecord,
  rowConfirmations,
  SheetRecord,
} from '../../shared/src';
import { cert, confirmed, exam, ojl, record, ri, sign, tinyFramework, typed } from '../fixtures/engine';

const AS_OF = '2026-06-01';
const framework = tinyFramework();

const stored = ApprenticeRecord.parse(
  record({
    levelId: 'L2',
    signOffs: [sign('A1'), sign('A2', '2026-02-03'), sign('B1', '2026-03-01')],
    hours: [
      ojl('2026-02-02', 8, { id: 'h1', workFunctionId: 'WF1' }),
      ojl('2026-02-03', 8, { id: 'h2', levelId: 'L1' }),
      ri('2026-02-04', 4, { id: 'h3', description: 'class' }),
      ojl('2026-03-02', 6, { id: 'h4' }),
    ],
    priorCredit: [
      {
        id: 'p1',
        category: 'on-the-job-learning',
        hours: 40,
        description: 'previous job',
        confirmation: confirmed('admin'),
      },
    ],
    exams: [exam('exam-1', { date: '2026-03-01' }), exam('exam-2', { date: '2026-04-01' })],
    certifications: [cert('cert-1', { date: '2026-03-05' })],
  }),
);

type Kind = keyof typeof COUNTED_FIELDS;
/** A new value for a field that counts, always different from the confirmed one (and valid in a sheet). */
const NEW_VALUE: Record<string, fc.Arbitrary<string | number | boolean>> = {
  date: fc.integer({ min: 1, max: 27 }).map((d) => `2026-05-${String(d).padStart(2, '0')}`),
  category: fc.constantFrom('work-experience', 'related-instruction', 'on-the-job-learning'),
  workFunctionId: fc.constantFrom('WF2', 'WF1'),
  levelId: fc.constantFrom('L2', 'L1'),
  hours: fc.integer({ min: 0, max: 24 }).map((h) => h + 0.5),
  passed: fc.constant(false),
};

/** What the sheet does to one confirmed row. */
type Action = { do: 'keep' } | { do: 'delete' } | { do: 'edit'; field: string; value: unknown } | { do: 'note' };
const action = (kind: Kind): fc.Arbitrary<Action> =>
  fc.oneof(
    fc.constant<Action>({ do: 'keep' }),
    fc.constant<Action>({ do: 'delete' }),
    fc.constant<Action>({ do: 'note' }),
    fc
      .constantFrom(...(COUNTED_FIELDS[kind] as readonly string[]))
      .chain((field) => NEW_VALUE[field]!.map((value): Action => ({ do: 'edit', field, value }))),
  );

const plan = fc.record({
  signOffs: fc.tuple(action('sign-off'), action('sign-off'), action('sign-off')),
  hours: fc.tuple(action('hours-entry'), action('hours-entry'), action('hours-entry'), action('hours-entry')),
  priorCredit: fc.tuple(action('prior-credit')),
  exams: fc.tuple(action('exam'), action('exam')),
  certifications: fc.tuple(action('certification')),
  /** A tick moved to another item: the confirmed one is gone from the sheet, the new one is only typed. */
  moveA1: fc.boolean(),
});
interface Plan {
  signOffs: Action[];
  hours: Action[];
  priorCredit: Action[];
  exams: Action[];
  certifications: Action[];
  moveA1: boolean;
}

/** The sheet after the actions: the stored entries as typed, each edited, annotated or deleted. */
function sheetOf(p: Plan): { sheet: SheetRecord; reported: Map<string, string> } {
  const reported = new Map<string, string>();
  const apply = <T extends { confirmation?: unknown; history?: unknown }>(
    list: T[],
    actions: Action[],
    keyOf: (e: T) => string,
    /** A field that does not count, typed differently by a "note" (none on results: kept as they are). */
    noteField: string | null,
    actual: (e: T, field: string, value: unknown) => boolean,
  ) =>
    list.flatMap((e, i) => {
      const a = actions[i]!;
      const { confirmation: _, history: __, ...row } = e;
      if (a.do === 'delete') {
        reported.set(keyOf(e), DELETED_CODE);
        return [];
      }
      if (a.do === 'note') return [noteField ? { ...row, [noteField]: 'typed again' } : row];
      if (a.do === 'edit') {
        if (actual(e, a.field, a.value)) reported.set(keyOf(e), CHANGED_CODE);
        return [{ ...row, [a.field]: a.value }];
      }
      return [row];
    });
  const differs = (e: object, field: string, value: unknown) => (e as Record<string, unknown>)[field] !== value;
  const signOffs = apply(stored.signOffs, p.signOffs, (s) => `sign-off:${s.itemId}`, 'notes', differs);
  if (p.moveA1 && signOffs.some((s) => s.itemId === 'A1')) {
    const a1 = signOffs.find((s) => s.itemId === 'A1')!;
    a1.itemId = 'A3';
    reported.set('sign-off:A1', DELETED_CODE);
  }
  const sheet = SheetRecord.parse({
    ...record({ levelId: 'L2' }),
    signOffs,
    hours: apply(stored.hours, p.hours, (h) => `hours-entry:${h.id}`, 'description', differs),
    priorCredit: apply(stored.priorCredit, p.priorCredit, (c) => `prior-credit:${c.id}`, 'description', differs),
    exams: apply(stored.exams, p.exams, (e) => `exam:${e.id}`, null, differs),
    certifications: apply(stored.certifications, p.certifications, (c) => `certification:${c.id}`, null, differs),
  });
  return { sheet, reported };
}

/** The row a finding points at, as `kind:key`. */
const rowOfFinding = (f: { pointer: Record<string, unknown> & { kind: string } }): string => {
  const p = f.pointer;
  const id = p.itemId ?? p.id ?? p.examId ?? p.certificationId;
  return `${p.kind}:${String(id)}`;
};

const before = computeProgress(framework, stored, AS_OF);

test('random edits and deletions after confirmation never change what counts, and each one is reported', () => {
  fc.assert(
    fc.property(plan as fc.Arbitrary<Plan>, (p) => {
      const { sheet, reported } = sheetOf(p);
      const merged = mergeSheetRecord(sheet, stored);
      // The merged record is a valid record (what the functions store), and a second sync of the same sheet agrees.
      ApprenticeRecord.parse(merged);
      expect(mergeSheetRecord(sheet, merged)).toEqual(merged);
      const after = computeProgress(framework, merged, AS_OF);
      expect(after.levels).toEqual(before.levels);
      // What counts is the same (a tick moved to another item adds a pending one, which counts for nothing).
      const counted = (e: typeof before.entries) =>
        Object.values(e).map(({ confirmed: c, attested, flagged }) => [c, attested, flagged]);
      expect(counted(after.entries)).toEqual(counted(before.entries));
      expect(after.lastActivity).toEqual(before.lastActivity);
      const found = new Map(
        after.integrity
          .filter((f) => f.code === CHANGED_CODE || f.code === DELETED_CODE)
          .map((f) => [rowOfFinding(f as never), f.code]),
      );
      expect(found).toEqual(reported);
      // The add-on sees the same rows as changed or deleted, each with the values it was confirmed with.
      const rows = rowConfirmations(merged);
      for (const [key, code] of reported) {
        const [kind, id] = key.split(':') as [string, string];
        const row =
          kind === 'sign-off'
            ? rows.signOffs[id]
            : kind === 'hours-entry'
              ? rows.hours[id]
              : kind === 'prior-credit'
                ? rows.priorCredit[id]
                : kind === 'exam'
                  ? rows.exams[id]
                  : rows.certifications[id];
        expect(row?.onSheet?.kind).toBe(code === CHANGED_CODE ? 'changed' : 'deleted');
      }
    }),
    { numRuns: 200 },
  );
});

test('a changed hours row: the finding and the row confirmation carry the confirmed and the typed values', () => {
  const sheet = SheetRecord.parse(
    record({ hours: [typed(ojl('2026-02-02', 20, { id: 'h1', workFunctionId: 'WF1' }))] }),
  );
  const merged = mergeSheetRecord(sheet, stored);
  const h1 = merged.hours.find((h) => h.id === 'h1')!;
  expect(h1.hours).toBe(8);
  expect(h1.onSheet).toEqual({ kind: 'changed', entry: expect.objectContaining({ id: 'h1', hours: 20 }) });
  const finding = computeProgress(framework, merged, AS_OF).integrity.find((f) => f.code === CHANGED_CODE)!;
  expect(finding.pointer).toEqual({ kind: 'hours-entry', index: 0, id: 'h1' });
  expect(finding.message).toContain('hours 8 → 20');
  expect(finding.severity).toBe('warning');
  expect(rowConfirmations(merged).hours.h1).toEqual({
    confirmation: confirmed(),
    confirmed: { date: '2026-02-02', category: 'on-the-job-learning', workFunctionId: 'WF1', hours: 8 },
    onSheet: {
      kind: 'changed',
      typed: { date: '2026-02-02', category: 'on-the-job-learning', workFunctionId: 'WF1', hours: 20 },
      differences: 'hours 8 → 20',
    },
  });
  // The sheet typed back as confirmed: nothing to report, and the stored mark goes.
  const back = mergeSheetRecord(
    SheetRecord.parse(record({ hours: [typed(ojl('2026-02-02', 8, { id: 'h1', workFunctionId: 'WF1' }))] })),
    merged,
  );
  expect(back.hours.find((h) => h.id === 'h1')!.onSheet).toBeUndefined();
});

test('a sheet can never carry what it holds for a confirmed row (onSheet): refused, naming the field', () => {
  const r = SheetRecord.safeParse(
    record({ hours: [{ ...typed(ojl('2026-02-02', 8, { id: 'h1' })), onSheet: { kind: 'deleted' } }] }),
  );
  expect(r.success).toBe(false);
  expect(r.error?.issues[0]?.path).toEqual(['hours', 0]);
  expect(r.error?.issues[0]?.message).toMatch(/onSheet/);
});

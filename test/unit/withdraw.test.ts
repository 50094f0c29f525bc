// Withdrawing confirmations, the pure parts: the functions' step on one apprentice's state (who may withdraw what,
// history kept, nothing ignored), a sync keeping a pending entry's history, the Confirmation cell of a withdrawn
// entry, and which selected rows the add-on sends.
import { pickWithdrawals } from '../../addon/src/withdraw';
import { withdrawEntries } from '../../functions/src/confirm/withdraw';
import type { DomainError } from '../../functions/src/domain/errors';
import { pendingWhy, provenanceCells } from '../../functions/src/excel/provenance';
import {
  ApprenticeRecord,
  type EndedConfirmation,
  MAX_CONFIRMATION_HISTORY,
  mergeSheetRecord,
  rowConfirmations,
  SheetRecord,
} from '../../shared/src';
import { withdrawnText } from '../../shared/src/sheets/status';
import { ADMIN, COACH, confirmed, ojl, record, sign, typed } from '../fixtures/engine';

const OTHER = 'other@example.com';
const AT = '2026-03-01T09:00:00.000Z';
const coach = { email: COACH, role: 'coach' as const, at: AT, reason: 'wrong apprentice' };
const admin = { email: ADMIN, role: 'admin' as const, at: AT, reason: 'wrong certificate' };

function state() {
  const r = ApprenticeRecord.parse(
    record({
      signOffs: [sign('A1'), { ...sign('A2', '2026-02-01', OTHER), confirmation: { ...confirmed(), by: OTHER } }],
      hours: [
        { ...ojl('2026-02-02', 8, { id: 'h1' }), confirmation: confirmed() },
        typed(ojl('2026-02-03', 8, { id: 'h2' })),
      ],
      exams: [{ id: 'E1', date: '2026-02-04', passed: true, confirmation: confirmed('admin') }],
    }),
  );
  return {
    profile: { apprentice: r.apprentice, priorCredit: [], exams: r.exams, certifications: [] },
    signOffs: r.signOffs.map((data, order) => ({ key: data.itemId, order, data })),
    hours: r.hours.map((data, order) => ({ key: data.id!, order, data })),
  };
}
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return { refusal: (e as DomainError).refusal, message: (e as Error).message };
  }
  throw new Error('not refused');
};

test('a coach withdraws their own: back to pending, the confirmation kept as history; one not confirmed is listed', () => {
  const before = state();
  const { target, outcome } = withdrawEntries(before, { signOffs: ['A1'], hours: ['h1', 'h2'] }, coach);
  expect(outcome.withdrawn).toMatchObject({ signOffs: ['A1'], hours: ['h1'] });
  expect(outcome.notConfirmed).toMatchObject({ signOffs: [], hours: ['h2'] });
  const a1 = target.signOffs.find((r) => r.data.itemId === 'A1')!.data;
  expect(a1.confirmation).toBeUndefined();
  expect(a1.history).toEqual([
    {
      confirmation: confirmed(),
      ended: { kind: 'withdrawn', by: COACH, role: 'coach', at: AT, reason: 'wrong apprentice' },
    },
  ]);
  // The step works on a copy: the state it was given is unchanged.
  expect(before.signOffs[0]!.data.confirmation).toEqual(confirmed());
});

test("a coach may not withdraw another's confirmation; an admin may, and a profile entry is one change each", () => {
  expect(refusal(() => withdrawEntries(state(), { signOffs: ['A2'] }, coach))).toEqual({
    refusal: 'forbidden',
    message: `signOffs.0: the sign-off for A2 was confirmed by ${OTHER}; a coach withdraws only confirmations they made (an admin may withdraw any)`,
  });
  const { target, outcome, profileChanges } = withdrawEntries(state(), { signOffs: ['A2'], exams: ['E1'] }, admin);
  expect(outcome.withdrawn).toMatchObject({ signOffs: ['A2'], exams: ['E1'] });
  expect(target.profile.exams[0]!.confirmation).toBeUndefined();
  expect(target.profile.exams[0]!.history![0]!.ended).toMatchObject({ by: ADMIN, role: 'admin' });
  expect(profileChanges.map((c) => c.key)).toEqual(['exams/E1']);
});

test('an unknown entry is a 400 naming it; a full history is a conflict, not a silent drop', () => {
  expect(refusal(() => withdrawEntries(state(), { hours: ['h1', 'nope'] }, coach))).toEqual({
    refusal: 'invalid',
    message: 'hours.1: no hours entry "nope" in the synced record',
  });
  expect(refusal(() => withdrawEntries(state(), { certifications: ['C9'] }, admin)).message).toBe(
    'certifications.0: no certification "C9" in the synced record',
  );
  const full = state();
  const ended: EndedConfirmation = {
    confirmation: confirmed(),
    ended: { kind: 'withdrawn', by: COACH, role: 'coach', at: AT, reason: 'wrong apprentice' },
  };
  full.signOffs[0]!.data = { ...full.signOffs[0]!.data, history: Array(MAX_CONFIRMATION_HISTORY).fill(ended) };
  expect(refusal(() => withdrawEntries(full, { signOffs: ['A1'] }, coach)).refusal).toBe('conflict');
});

test("a sync keeps a pending entry's history; the row confirmations carry it; the cell says who withdrew it and why", () => {
  const ended: EndedConfirmation = {
    confirmation: confirmed(),
    ended: { kind: 'withdrawn', by: COACH, role: 'coach', at: AT, reason: 'wrong apprentice' },
  };
  const stored = ApprenticeRecord.parse(record({ signOffs: [{ ...typed(sign('A1')), history: [ended] }] }));
  const sheet = SheetRecord.parse(record({ signOffs: [typed(sign('A1'))] }));
  const merged = mergeSheetRecord(sheet, stored);
  expect(merged.signOffs[0]!.history).toEqual([ended]);
  const rows = rowConfirmations(merged);
  expect(rows.signOffs.A1).toBeUndefined();
  expect(rows.history!.signOffs.A1).toEqual([ended]);
  expect(withdrawnText(rows.history!.signOffs.A1)).toBe(
    `pending: confirmed by ${COACH} on ${confirmed().date}, withdrawn by ${COACH} on 2026-03-01 because wrong apprentice`,
  );
  expect(withdrawnText(undefined)).toBe('');
  expect(withdrawnText([{ ...ended, ended: { ...ended.ended, kind: 'superseded' } }])).toBe('');
});

test('the add-on sends the selected confirmed rows: a coach their own, an admin any; the rest is counted', () => {
  const r = ApprenticeRecord.parse(
    record({
      signOffs: [sign('A1'), { ...sign('A2'), confirmation: { ...confirmed(), by: OTHER } }, typed(sign('A3'))],
      hours: [{ ...ojl('2026-02-02', 8, { id: 'h1' }), confirmation: confirmed() }],
      exams: [{ id: 'E1', passed: true, confirmation: confirmed('admin') }],
    }),
  );
  const c = rowConfirmations(r);
  const keys = ['item:A1', 'item:A2', 'item:A3', 'h1', 'exam:L1:E1', 'wf:x'];
  const asCoach = pickWithdrawals(keys, c, COACH, false);
  expect(asCoach.body).toEqual({ signOffs: ['A1'], hours: ['h1'], priorCredit: [], exams: [], certifications: [] });
  expect(asCoach.others).toEqual([`A2 (${OTHER})`, `E1 (${ADMIN})`]);
  expect(asCoach.notConfirmed).toBe(1);
  const asAdmin = pickWithdrawals(keys, c, ADMIN, true);
  expect(asAdmin.body).toEqual({
    signOffs: ['A1', 'A2'],
    hours: ['h1'],
    priorCredit: [],
    exams: ['E1'],
    certifications: [],
  });
});

test("the transcript shows each entry's history: why a withdrawn one is pending, and earlier confirmations", () => {
  const ended: EndedConfirmation = {
    confirmation: confirmed(),
    ended: { kind: 'withdrawn', by: COACH, role: 'coach', at: AT, reason: 'wrong apprentice' },
  };
  const was = `confirmed by ${COACH} on ${confirmed().date}, withdrawn by ${COACH} on 2026-03-01 because wrong apprentice`;
  const pending = {
    entry: { ...typed(sign('A1')), history: [ended] },
    index: 0,
    status: 'pending' as const,
    flags: [],
  };
  expect(pendingWhy('sign-off', pending, { asOf: '2026-06-30' })).toBe(`Not confirmed by a coach (${was}).`);
  const again = { ...pending, entry: { ...pending.entry, confirmation: confirmed() }, status: 'confirmed' as const };
  expect(provenanceCells(again)).toMatchObject({ provenance: 'Confirmed (coach)', history: was, counted: 'Yes' });
  expect(provenanceCells({ ...again, entry: sign('A2') }).history).toBe('');
});

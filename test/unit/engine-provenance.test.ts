// The one rule: only what the functions confirmed (right role) or an admin attested counts, from its date on;
// whatever a sheet holds is pending. Plus the integrity defects found in review, each pinned.
import { computeProgress, PENDING_CODE, SheetRecord } from '../../shared/src';
import { confirmationText } from '../../shared/src/sheets/status';
import {
  COACH,
  cert,
  completeLevel1,
  confirmed,
  exam,
  ojl,
  record,
  ri,
  sign,
  tinyFramework,
  typed,
} from '../fixtures/engine';

const AS_OF = '2026-03-01';
const fw = tinyFramework();
const codes = (p: { gaps: { code: string }[]; integrity: { code: string }[] }) => [
  ...p.gaps.map((g) => g.code),
  ...p.integrity.map((f) => f.code),
];

describe('provenance decides what counts', () => {
  test('a complete level typed in a sheet counts for nothing and lists every entry as pending', () => {
    const full = completeLevel1();
    const sheet = {
      ...full,
      signOffs: full.signOffs!.map(typed),
      hours: full.hours!.map(typed),
      exams: full.exams!.map(typed),
      certifications: full.certifications!.map(typed),
    };
    const p = computeProgress(fw, sheet, AS_OF);
    expect(p.levels[0]!.percent).toBe(0);
    expect(p.levels[0]!.complete).toBe(false);
    expect(p.entries['sign-off']).toEqual({ confirmed: 0, attested: 0, pending: 2, flagged: 0 });
    expect(p.entries['hours-entry'].pending).toBe(14);
    const pending = p.gaps.filter((g) => g.code.startsWith('pending.'));
    expect(pending).toHaveLength(2 + 14 + 1 + 1);
    expect(pending[0]).toMatchObject({
      code: PENDING_CODE('sign-off'),
      pointer: { kind: 'sign-off', index: 0, itemId: 'A1' },
    });
    // and the same record confirmed is complete
    expect(computeProgress(fw, full, AS_OF).levels[0]!.complete).toBe(true);
  });

  test('a sync cannot carry a confirmation: SheetRecord refuses it, naming the field', () => {
    const r = SheetRecord.safeParse({ ...record(), signOffs: [sign('A1')] });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: ['signOffs', 0], keys: ['confirmation'] });
  });

  test('an attestation by an admin counts, with the attested tally', () => {
    const attested = {
      kind: 'attested' as const,
      by: 'admin@example.com',
      role: 'admin' as const,
      at: '2026-01-06T10:00:00.000Z',
      date: '2026-01-06',
      reason: 'Paper qual card signed 2025',
    };
    const p = computeProgress(fw, record({ signOffs: [{ ...sign('A1'), confirmation: attested }] }), AS_OF);
    expect(p.levels[0]!.items.done).toBe(1);
    expect(p.entries['sign-off']).toEqual({ confirmed: 0, attested: 1, pending: 0, flagged: 0 });
  });

  test('the wrong role does not count: an exam confirmed as a coach, a sign-off confirmed as an admin', () => {
    const p = computeProgress(
      fw,
      record({
        signOffs: [{ ...sign('A1'), confirmation: confirmed('admin') }],
        exams: [exam('exam-1', { confirmation: confirmed('coach') })],
      }),
      AS_OF,
    );
    expect(p.levels[0]!.items.done).toBe(0);
    expect(p.levels[0]!.exams.done).toBe(0);
    expect(p.entries.exam.pending).toBe(1);
  });

  test('a confirmation dated after the as-of date does not count yet (prior credit approved later too)', () => {
    const later = confirmed('admin', '2026-03-02');
    const p = computeProgress(
      fw,
      record({
        priorCredit: [{ category: 'related-instruction', hours: 10, description: 'course', confirmation: later }],
        signOffs: [{ ...sign('A1'), confirmation: confirmed('coach', '2026-03-02') }],
      }),
      AS_OF,
    );
    expect(p.levels[0]!.hours[1]!.done).toBe(0);
    expect(p.levels[0]!.items.done).toBe(0);
    expect(p.gaps.find((g) => g.code === 'pending.prior-credit')!.message).toMatch(/confirmed on 2026-03-02/);
    expect(computeProgress(fw, record({ signOffs: [sign('A1')] }), '2026-03-02').levels[0]!.items.done).toBe(1);
  });
});

describe('the as-of day is read in the sponsor time zone, from the instant of the confirmation', () => {
  // Confirmed at 23:30 UTC on 2026-03-01: already the 2nd in Auckland (the date it was stored with), still the 1st
  // in Los Angeles, where the sponsor moved right after.
  const AT = '2026-03-01T23:30:00.000Z';
  const made = { ...confirmed('coach', '2026-03-02'), at: AT };
  const one = record({ signOffs: [{ ...sign('A1'), confirmation: made }] });
  const done = (asOf: string, timeZone: string) =>
    computeProgress(fw, one, asOf, undefined, timeZone).levels[0]!.items.done;

  test('a move of the sponsor west does not un-count a confirmation made before it', () => {
    expect(done('2026-03-02', 'Pacific/Auckland')).toBe(1);
    expect(done('2026-03-01', 'America/Los_Angeles')).toBe(1); // today in Los Angeles: it counts
  });

  test('the end of the as-of day decides: not yet as of the day before, in any zone', () => {
    expect(done('2026-03-01', 'Pacific/Auckland')).toBe(0);
    expect(done('2026-02-28', 'America/Los_Angeles')).toBe(0);
    expect(done('2026-03-01', 'UTC')).toBe(1);
    const p = computeProgress(fw, one, '2026-03-01', undefined, 'Pacific/Auckland');
    expect(p.gaps.find((g) => g.code === 'pending.sign-off')!.message).toMatch(
      /confirmed on 2026-03-02, after 2026-03-01/,
    );
  });

  test('the same rule decides the Confirmation cell of the sheets', () => {
    expect(confirmationText('sign-off', made, { asOf: '2026-03-01', timeZone: 'America/Los_Angeles' })).not.toMatch(
      /^pending/,
    );
    expect(confirmationText('sign-off', made, { asOf: '2026-03-01', timeZone: 'Pacific/Auckland' })).toMatch(
      /^pending: .*after 2026-03-01/,
    );
  });
});

describe('integrity defects, pinned', () => {
  test('an exam or certification dated after the as-of date is flagged and not counted', () => {
    const p = computeProgress(
      fw,
      record({
        exams: [exam('exam-1', { date: '2026-03-05' })],
        certifications: [cert('cert-1', { date: '2026-04-01' })],
      }),
      AS_OF,
    );
    expect(p.levels[0]!.exams.done).toBe(0);
    expect(p.levels[0]!.certifications.done).toBe(0);
    expect(codes(p)).toEqual(expect.arrayContaining(['exam.future', 'certification.future']));
  });

  test('a duplicate row does not push the genuine rows of its day over 24 h', () => {
    const p = computeProgress(fw, record({ hours: [ojl('2026-02-02', 12), ojl('2026-02-02', 12)] }), AS_OF);
    expect(p.integrity.map((f) => f.code)).toEqual(['hours.duplicate']);
    expect(p.levels[0]!.hours[0]!.done).toBe(12);
  });

  test('5.4 + 10.8 + 7.8 h is exactly 24 h: counted, not flagged', () => {
    const p = computeProgress(
      fw,
      record({ hours: [ojl('2026-02-02', 5.4), ojl('2026-02-02', 10.8), ri('2026-02-02', 7.8)] }),
      AS_OF,
    );
    expect(p.integrity).toEqual([]);
    expect(p.levels[0]!.hours.map((h) => h.done)).toEqual([16.2, 7.8]);
  });

  test('hours tagged with a level the framework does not have are flagged, not counted', () => {
    const p = computeProgress(fw, record({ hours: [ojl('2026-02-02', 8, { levelId: 'L9' })] }), AS_OF);
    expect(p.integrity.map((f) => f.code)).toEqual(['hours.unknown-level']);
    expect(p.levels[0]!.hours[0]!.done).toBe(0);
  });

  test('0.0001 h of recent pace gives no projected date and a behind-pace gap, not an exception', () => {
    const limited = tinyFramework({ maximumMonths: 24 });
    const p = computeProgress(
      limited,
      record({ signOffs: [sign('A1'), sign('A2')], hours: [ri('2026-02-19', 10), ojl('2026-02-20', 0.0001)] }),
      AS_OF,
    );
    expect(p.projectedCompletion).toBeNull();
    expect(p.gaps.find((g) => g.code === 'pace.behind')!.message).toMatch(/more than 100 years away/);
  });

  test('an empty coach or date cell reads as missing: flagged, the record is not refused', () => {
    const p = computeProgress(fw, record({ signOffs: [{ itemId: 'A1', date: '', coachEmail: '' }] }), AS_OF);
    expect(p.integrity.map((f) => f.code)).toEqual(['signoff.no-coach', 'signoff.no-date']);
  });
});

describe('separation of duties and former coaches: one rule for every kind of entry', () => {
  const ADA = 'ada@example.com';
  const by = (who: string, role: 'coach' | 'admin') => ({ ...confirmed(role), by: who });
  /** Ada is also a coach on her own roster (and, for the admin kinds, an admin). */
  const selfCoached = (extra: Parameters<typeof record>[0]) => {
    const r = record(extra);
    return { ...r, apprentice: { ...r.apprentice, coachEmails: [COACH, ADA] } };
  };

  test('entries the apprentice confirmed, attested or recorded herself are flagged and not counted, whatever her roles', () => {
    const attest = {
      kind: 'attested' as const,
      by: ADA,
      role: 'admin' as const,
      at: '2026-01-06T10:00:00.000Z',
      date: '2026-01-06',
      reason: 'paper card',
    };
    const p = computeProgress(
      fw,
      selfCoached({
        signOffs: [
          { ...sign('A1', '2026-02-01', ADA), confirmation: by(ADA, 'coach') },
          { ...sign('A2'), confirmation: attest },
        ],
        hours: [ojl('2026-02-02', 8, { id: 'h1', confirmation: by(ADA, 'coach') })],
        priorCredit: [
          {
            id: 'pc1',
            category: 'related-instruction',
            hours: 100,
            description: 'course',
            confirmation: by(ADA, 'admin'),
          },
        ],
        exams: [exam('exam-1', { confirmation: by(ADA, 'admin') })],
        certifications: [cert('cert-1', { confirmation: by(ADA, 'admin') })],
      }),
      AS_OF,
    );
    expect(p.integrity.map((f) => [f.code, f.pointer.kind])).toEqual([
      ['confirmation.own-apprenticeship', 'sign-off'],
      ['confirmation.own-apprenticeship', 'sign-off'],
      ['confirmation.own-apprenticeship', 'hours-entry'],
      ['confirmation.own-apprenticeship', 'prior-credit'],
      ['confirmation.own-apprenticeship', 'exam'],
      ['confirmation.own-apprenticeship', 'certification'],
    ]);
    expect(p.integrity[2]!.message).toMatch(
      /^Hours entry 1 \(row h1\), confirmed as 2026-02-02, 8 h On-the-job learning, was confirmed by ada@example.com, the apprentice: separation of duties/,
    );
    expect(p.levels[0]!.items.done).toBe(0);
    expect(p.levels[0]!.hours.map((h) => h.done)).toEqual([0, 0]);
    expect(p.levels[0]!.exams.done).toBe(0);
    expect(p.levels[0]!.certifications.done).toBe(0);
    for (const kind of ['sign-off', 'hours-entry', 'prior-credit', 'exam', 'certification'] as const)
      expect(p.entries[kind].confirmed + p.entries[kind].attested).toBe(0);
  });

  test('a coach who left the roster: the sign-offs and the hours they confirmed are flagged alike, not counted', () => {
    const FORMER = 'former@example.com';
    const p = computeProgress(
      fw,
      record({
        signOffs: [{ ...sign('A1', '2026-02-01', FORMER), confirmation: by(FORMER, 'coach') }],
        hours: [ojl('2026-02-02', 8, { id: 'h1', confirmation: by(FORMER, 'coach') })],
      }),
      AS_OF,
    );
    expect(p.integrity.map((f) => f.code)).toEqual(['confirmation.former-coach', 'confirmation.former-coach']);
    expect(p.levels[0]!.items.done).toBe(0);
    expect(p.levels[0]!.hours[0]!.done).toBe(0);
    expect(p.entries['sign-off'].flagged).toBe(1);
    expect(p.entries['hours-entry'].flagged).toBe(1);
  });
});

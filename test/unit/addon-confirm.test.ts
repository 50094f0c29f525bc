// Coach sign-off and "Confirm my ticks" against the fake Apps Script services and an in-memory service built on the
// shared rules (addon/test-support/fake-service.ts). The real routes: test/emulator/addon-confirm.test.ts.
import { selectMyTicks } from '../../addon/src/confirm-select';
import { emailOfToken } from '../../addon/src/identity';
import * as entry from '../../addon/src/main';
import {
  type FakeAppsScript,
  type FakeSheet,
  fakeIdToken,
  installFakeAppsScript,
} from '../../addon/test-support/fake-apps-script';
import { type FakeService, fakeService } from '../../addon/test-support/fake-service';
import { smallFramework } from '../../addon/test-support/fixtures';
import {
  apprentice,
  cardCell,
  colOfHeader,
  fillRoster,
  rowOfKey,
  setUpProgram,
  taggedSheet,
  typeHours,
  typeTick,
} from '../../addon/test-support/program';
import { SheetRecord } from '../../shared/src';
import { dashboardIndex } from '../../shared/src/sheets';

const COACH = 'coach@example.com';
const LEAD = 'lead@example.com';
let fake: FakeAppsScript;
let service: FakeService;
beforeEach(() => {
  fake = installFakeAppsScript();
  service = fakeService([smallFramework()], { admins: ['admin@example.com'], today: '2026-04-02' });
  fake.onFetch(service.handler);
});
afterEach(() => {
  expect(fake.lock.held).toBe(false);
  fake.uninstall();
});

const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
const levelCell = (s: FakeSheet, levelId: string, header: string): unknown =>
  s.cell(rowOfKey(s, `level:${levelId}`), colOfHeader(s, 'levels', header));
const signAs = (email: string): void => {
  fake.identity.token = fakeIdToken(email);
};

/** The admin generates (and so syncs) the roster's sheets; the test then acts as the coach. */
function generated() {
  setUpProgram(fake, { sponsor: smallFramework(), endpoint: 'https://fn.example.com/api', sponsorId: 'acme' });
  fillRoster(fake, [
    apprentice('A001'),
    apprentice('A002', { levelId: 'L2', coachEmails: `${COACH}, ${LEAD}` }),
    apprentice('A003', { coachEmails: LEAD }),
  ]);
  signAs('admin@example.com');
  entry.generateApprentices(['A001', 'A002', 'A003']);
  signAs(COACH);
  fake.fetches.length = 0;
  const sheets = (id: string) => ({ qual: taggedSheet(fake, 'qualcard', id)!, hours: taggedSheet(fake, 'hours', id)! });
  return { a1: sheets('A001'), a2: sheets('A002'), a3: sheets('A003') };
}

test("the signed-in email is the ID token's, lower-cased", () => {
  const decode = (s: string) => Buffer.from(s, 'base64url').toString();
  expect(emailOfToken(fakeIdToken('Coach@Example.com'), decode)).toBe('coach@example.com');
  expect(emailOfToken('not-a-token', decode)).toBe('');
  expect(emailOfToken('a.bm90IGpzb24.c', decode)).toBe('');
});

describe('Confirm my ticks', () => {
  test("ticks are pending after a sync; the coach's own and blank ones are confirmed, another coach's skipped", () => {
    const { a1, a2, a3 } = generated();
    typeTick(a1.qual, 'item:HD1.1.1', '2026-02-01'); // blank "Signed by": confirmed as the coach
    typeTick(a1.qual, 'item:HD1.1.2', '2026-02-03', COACH);
    typeTick(a1.qual, 'item:HD1.2.1', null); // no date: skipped, says so
    typeTick(a1.qual, 'item:HD1.2.2', '2025-12-01', COACH); // before the start: flagged, not confirmed
    typeTick(a2.qual, 'item:HD1.1.1', '2026-02-01', LEAD); // the other coach's: only they can confirm it
    typeTick(a3.qual, 'item:HD1.1.1', '2026-02-01'); // not the coach's apprentice: not touched
    typeHours(a1.hours, 'h-1', ['2026-02-02', 'On-the-job learning', 'CWF1 — Customer service', 6, 'Phones', '']);
    typeHours(a1.hours, 'h-2', ['2026-02-02', 'On-the-job learning', 'CWF1 — Customer service', 6, 'Phones', '']); // duplicate
    typeTick(a1.qual, 'exam:L1:exam-1', '2026-03-01'); // an admin records results: stays pending

    entry.checkProgress();
    expect(levelCell(a1.qual, 'L1', 'Items counted')).toBe(0);
    expect(cardCell(a1.qual, 'item:HD1.1.1', 'Confirmation')).toBe('');

    fake.fetches.length = 0;
    const result = entry.confirmMyTicks();
    expect(result).toMatchObject({
      by: COACH,
      apprentices: 2,
      confirmed: { signOffs: 2, hours: 1, priorCredit: 0, exams: 0, certifications: 0 },
      already: 0,
      skipped: { otherSigner: 1, noDate: 1, noEvidence: 0, flagged: 2 },
    });
    expect(result.notes).toEqual(
      expect.arrayContaining([
        'A002 HD1.1.1: signed by lead@example.com',
        'A001 HD1.2.1: no date',
        expect.stringMatching(/^A001 HD1.2.2: .*before the apprentice started/),
        expect.stringMatching(/^A001 hours 2026-02-02 6 h: .*the same as an earlier entry/),
      ]),
    );
    // One sync of the coach's apprentices, then one confirmations request (A002 has nothing of the coach's).
    expect(fake.fetches.map((f) => f.url.replace('https://fn.example.com/api/v1/sponsors/acme/', ''))).toEqual([
      'sync',
      'apprentices/A001/confirmations',
    ]);
    const synced = JSON.parse(String(fake.fetches[0]!.params.payload)) as { records: SheetRecord[] };
    expect(synced.records.map((r) => r.apprentice.id)).toEqual(['A001', 'A002']);
    expect(JSON.parse(String(fake.fetches[1]!.params.payload))).toEqual({
      signOffs: ['HD1.1.1', 'HD1.1.2'],
      hours: ['h-1'],
    });
    // The sheet shows who confirmed what and counts it; the rest stays pending.
    expect(cardCell(a1.qual, 'item:HD1.1.1', 'Confirmation')).toBe(`confirmed by ${COACH} on 2026-04-02`);
    expect(cardCell(a1.qual, 'item:HD1.2.2', 'Confirmation')).toBe('');
    expect(levelCell(a1.qual, 'L1', 'Items counted')).toBe(2);
    expect(a1.hours.cell(rowOfKey(a1.hours, 'h-1'), 9)).toBe(`confirmed by ${COACH} on 2026-04-02`);
    expect(a1.hours.cell(rowOfKey(a1.hours, 'h-2'), 9)).toBe('');
    expect(cardCell(a2.qual, 'item:HD1.1.1', 'Confirmation')).toBe('');
    expect(taggedSheet(fake, 'qualcard', 'A001')).toBe(a1.qual); // written in place
    // The work function's row and the dashboard row say the same.
    expect(cardCell(a1.qual, 'wf:CWF1', 'Confirmation')).toMatch(/ 2 of 2 core counted$/);
    const dash = taggedSheet(fake, 'dashboard')!.grid();
    expect(dash.find((r) => r[0] === 'A001')![dashboardIndex('Items')]).toBe('2 of 4');

    // Again: nothing left to confirm, no confirmations request.
    fake.fetches.length = 0;
    expect(entry.confirmMyTicks().confirmed).toMatchObject({ signOffs: 0, hours: 0 });
    expect(fake.fetches.map((f) => f.url.split('/').at(-1))).toEqual(['sync']);
  });

  test('Check progress as a coach syncs only their apprentices and refreshes their dashboard rows in place', () => {
    const { a1 } = generated();
    signAs('admin@example.com');
    entry.checkProgress(); // the admin's: every apprentice, a fresh dashboard
    signAs(COACH);
    typeTick(a1.qual, 'item:HD1.1.1', '2026-02-01');
    entry.confirmMyTicks();
    fake.fetches.length = 0;
    const result = entry.checkProgress();
    expect(result).toMatchObject({ coachEmail: COACH, apprentices: 2 }); // CheckResult names the coach
    const sync = fake.fetches.find((f) => f.url.endsWith('/sync'))!;
    expect(
      (JSON.parse(String(sync.params.payload)) as { records: SheetRecord[] }).records.map((r) => r.apprentice.id),
    ).toEqual(['A001', 'A002']);
    const dash = taggedSheet(fake, 'dashboard')!.grid();
    expect(dash.filter((r) => r[0] === 'A003' && r[dashboardIndex('Target')] === 'target')).toHaveLength(1); // kept, not the coach's
    expect(dash.find((r) => r[0] === 'A001')![dashboardIndex('Items')]).toBe('1 of 4');
    expect(String(dash[1]![0])).toMatch(/Rows of A001, A002 were refreshed/);
  });

  test('Record results: the admin records ticked results with their evidence and approves prior credit; a coach is refused', () => {
    const { a1 } = generated();
    typeTick(a1.qual, 'exam:L1:exam-1', '2026-03-01');
    a1.qual.setCell(rowOfKey(a1.qual, 'exam:L1:exam-1'), colOfHeader(a1.qual, 'columns', 'Evidence'), 'Score 812');
    typeTick(a1.qual, 'cert:L1:cert-1', '2026-03-02'); // no evidence: skipped, says so
    typeHours(a1.hours, 'h-1', ['2026-01-05', 'Prior credit: Related instruction', '', 10, 'College course', '']);
    expect(() => entry.recordResults()).toThrow(
      /Record results: only an admin of sponsor acme may do this; .* knows coach@example.com as coach/,
    );
    signAs('admin@example.com');
    const result = entry.recordResults();
    expect(result).toMatchObject({
      by: 'admin@example.com',
      apprentices: 3,
      confirmed: { exams: 1, certifications: 0, priorCredit: 1 },
      skipped: { noEvidence: 1 },
    });
    expect(result.notes).toEqual([expect.stringMatching(/^A001 cert-1: no evidence/)]);
    expect(cardCell(a1.qual, 'exam:L1:exam-1', 'Confirmation')).toBe(
      'confirmed by admin@example.com on 2026-04-02 (evidence: Score 812)',
    );
    expect(levelCell(a1.qual, 'L1', 'Exams counted')).toBe(1);
    expect(levelCell(a1.qual, 'L1', 'Related instruction counted')).toBe(10);
    expect(a1.hours.cell(rowOfKey(a1.hours, 'h-1'), 9)).toBe('confirmed by admin@example.com on 2026-04-02');
  });

  test('a coach of no apprentice on the roster, or with no service set up, is told so before any request', () => {
    generated();
    signAs('stranger@example.com');
    expect(() => entry.confirmMyTicks()).toThrow(
      'Confirm my ticks: stranger@example.com is not a coach of any apprentice on the roster',
    );
    expect(fake.fetches).toHaveLength(0);
    fake.identity.token = 'no-token';
    expect(() => entry.confirmMyTicks()).toThrow(/Google did not say who is signed in/);
  });

  test("selection (pure): confirmed rows are not sent again; a date after the service's today is flagged", () => {
    const fw = smallFramework();
    const record = SheetRecord.parse({
      schemaVersion: 1,
      apprentice: {
        id: 'A1',
        name: 'A',
        email: 'a@example.com',
        startDate: '2026-01-05',
        frameworkId: 'small',
        levelId: 'L1',
        coachEmails: [COACH],
      },
      signOffs: [
        { itemId: 'HD1.1.1', date: '2026-02-01' },
        { itemId: 'HD1.1.2', date: '2026-05-01' },
      ],
      hours: [
        { id: 'h-1', date: '2026-02-01', category: 'on-the-job-learning', hours: 4, verifiedBy: 'a@example.com' },
      ],
    });
    const confirmation = {
      kind: 'confirmed' as const,
      by: COACH,
      role: 'coach' as const,
      at: '2026-02-02T00:00:00.000Z',
      date: '2026-02-02',
    };
    const chosen = selectMyTicks(
      fw,
      record,
      { signOffs: { 'HD1.1.1': { confirmation } }, hours: {}, priorCredit: {}, exams: {}, certifications: {} },
      COACH,
      '2026-04-02',
    );
    expect(chosen.body).toBeNull();
    expect(chosen.skipped.flagged).toEqual([expect.stringMatching(/^HD1.1.2: .*in the future/)]);
    expect(chosen.skipped.otherSigner).toEqual(['hours 2026-02-01 4 h: verified by a@example.com']);
  });
});

describe('Sign off selected rows', () => {
  test('the service signs with its day and the verified coach; the sheet shows the tick, the date and the confirmation', () => {
    const { a1 } = generated();
    const qual = a1.qual;
    typeTick(qual, 'item:HD1.1.2', null); // ticked in the grid: pending until signed
    fake.ss.select(qual, [rowOfKey(qual, 'item:HD1.1.1'), rowOfKey(qual, 'item:HD1.1.2'), rowOfKey(qual, 'wf:CWF2')]);
    const result = entry.signOffSelection();
    expect(result).toEqual({
      apprenticeId: 'A001',
      signed: ['HD1.1.1', 'HD1.1.2'],
      alreadySigned: [],
      coachEmail: COACH,
      date: '2026-04-02',
      percent: expect.any(Number),
    });
    expect(fake.fetches).toHaveLength(1);
    expect(fake.fetches[0]!.url).toBe('https://fn.example.com/api/v1/sponsors/acme/apprentices/A001/sign-offs');
    expect(JSON.parse(String(fake.fetches[0]!.params.payload))).toEqual({ itemIds: ['HD1.1.1', 'HD1.1.2'] });
    for (const key of ['item:HD1.1.1', 'item:HD1.1.2'])
      expect(['Signed', 'Signed date', 'Signed by', 'Confirmation'].map((h) => cardCell(qual, key, h))).toEqual([
        true,
        day('2026-04-02'),
        COACH,
        `confirmed by ${COACH} on 2026-04-02`,
      ]);
    expect(levelCell(qual, 'L1', 'Items counted')).toBe(2);
    expect(levelCell(qual, 'L1', 'Percent')).toBe(result.percent);
    // Signing again: the service had them already; nothing is written twice.
    expect(entry.signOffSelection()).toMatchObject({ signed: [], alreadySigned: ['HD1.1.1', 'HD1.1.2'] });
  });

  test('a backend refusal is shown and the sheet is not written', () => {
    const { a3 } = generated();
    fake.ss.select(a3.qual, [rowOfKey(a3.qual, 'item:HD1.1.1')]);
    const before = a3.qual.grid();
    expect(() => entry.signOffSelection()).toThrow(
      'Qualcard service error 403: coach@example.com is not a coach of apprentice A003 (your account has no access to this)',
    );
    expect(a3.qual.grid()).toEqual(before);
  });

  test('a selection without item rows, or on another sheet, is refused before any request', () => {
    const { a1 } = generated();
    fake.ss.select(a1.qual, [1, 2]);
    expect(() => entry.signOffSelection()).toThrow(/no item rows/);
    fake.ss.select(fake.ss.byName('Roster')!, [5]);
    expect(() => entry.signOffSelection()).toThrow(/open an apprentice's qual card/);
    expect(fake.fetches).toHaveLength(0);
  });

  test('another action holding the document lock: refused, nothing written', () => {
    const { a1 } = generated();
    fake.ss.select(a1.qual, [rowOfKey(a1.qual, 'item:HD1.1.1')]);
    fake.lock.busy = true;
    expect(() => entry.signOffSelection()).toThrow(/another Qualcard action is running/);
    expect(() => entry.confirmMyTicks()).toThrow(/another Qualcard action is running/);
    expect(() => entry.generateApprentices(['A001'])).toThrow(/another Qualcard action is running/);
    fake.lock.busy = false;
    expect(fake.fetches).toHaveLength(0);
  });
});

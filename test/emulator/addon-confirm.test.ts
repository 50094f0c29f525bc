// The add-on's own entry points (Generate, Check progress, Confirm my ticks), unchanged, against the real functions on
// the emulators: the fake Apps Script services hold the spreadsheet, and UrlFetchApp sends for real (sync-fetch.ts)
// with ID tokens like ScriptApp.getIdentityToken()'s. Ticks are pending after a sync; Confirm my ticks confirms the
// coach's own and counts them; a tick signed by the other coach waits for that coach; an admin's exam result counts;
// and the sheet's numbers are the service's.
import { addDays } from '@qualcard/shared';
import { type ConfirmResponse, confirmRequest, progressRequest } from '../../addon/src/api/requests';
import * as entry from '../../addon/src/main';
import { type FakeAppsScript, type FakeSheet, installFakeAppsScript } from '../../addon/test-support/fake-apps-script';
import { sendWithFetch } from '../../addon/test-support/node-send';
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
import { syncFetch } from '../../addon/test-support/sync-fetch';
import { mintIdToken } from '../../scripts/emulator-key';
import { ADMIN, acme, COACH, framework, itemIds, scenario } from './kit';
import { apiUrl } from './kit/env';

const OTHER = 'other-coach@acme.example';
const nitas = framework('nitas-help-desk');
const [A, B, C] = itemIds(nitas, 'L1');
const EXAM = nitas.levels[0]!.requirements.exams[0]!.id;
const today = new Date().toISOString().slice(0, 10); // the spreadsheet and the sponsor are on Etc/UTC
const start = addDays(today, -120);
const endpoint = () => ({ baseUrl: apiUrl(), sponsorId: 'acme' });

let fake: FakeAppsScript;
beforeEach(async () => {
  await scenario(acme());
  fake = installFakeAppsScript({ fetch: syncFetch, identity: mintIdToken({ email: ADMIN }) });
});
afterEach(() => fake.uninstall());

const signAs = (email: string): void => {
  fake.identity.token = mintIdToken({ email });
};
const level1 = (qual: FakeSheet, header: string): unknown =>
  qual.cell(rowOfKey(qual, 'level:L1'), colOfHeader(qual, 'levels', header));

test("ticks are pending after a sync, Confirm my ticks counts the coach's own, the other coach's waits, an admin's exam result counts", async () => {
  // The sponsor admin sets up the program and generates the sheets: the sync puts ann on the service.
  setUpProgram(fake, { frameworkIds: [nitas.id], endpoint: apiUrl(), sponsorId: 'acme' });
  fillRoster(fake, [
    apprentice('ann', { frameworkId: nitas.id, levelId: 'L1', coachEmails: `${COACH}, ${OTHER}`, startDate: start }),
  ]);
  expect(entry.generateApprentices(['ann'])[0]).not.toHaveProperty('note');
  const qual = taggedSheet(fake, 'qualcard', 'ann')!;
  const hours = taggedSheet(fake, 'hours', 'ann')!;

  // The coach ticks three items (one typed as signed by the other coach), logs hours; the admin's exam row is ticked.
  typeTick(qual, `item:${A}`, addDays(start, 10));
  typeTick(qual, `item:${B}`, addDays(start, 20), COACH);
  typeTick(qual, `item:${C}`, addDays(start, 30), OTHER);
  typeTick(qual, `exam:L1:${EXAM}`, addDays(start, 40));
  const wf = `${nitas.workFunctions[0]!.id} — ${nitas.workFunctions[0]!.title}`;
  typeHours(hours, 'h-1', [addDays(start, 11), 'On-the-job learning', wf, 6, 'Ticket queue', '']);

  // Synced, nothing counts: every typed entry is pending.
  signAs(COACH);
  expect(entry.checkProgress()).toMatchObject({ coachEmail: COACH, apprentices: 1, synced: true, pending: 5 });
  expect(level1(qual, 'Items counted')).toBe(0);
  expect(cardCell(qual, `item:${A}`, 'Confirmation')).toBe('');

  // Confirm my ticks, as the coach: their own and the blank ones; the other coach's is skipped.
  const mine = entry.confirmMyTicks();
  expect(mine).toMatchObject({
    by: COACH,
    apprentices: 1,
    confirmed: { signOffs: 2, hours: 1, exams: 0 },
    skipped: { otherSigner: 1, noDate: 0, noEvidence: 0, flagged: 0 },
  });
  expect(mine.notes).toEqual([`ann ${C}: signed by ${OTHER}`]);
  expect(cardCell(qual, `item:${A}`, 'Confirmation')).toBe(`confirmed by ${COACH} on ${today}`);
  expect(cardCell(qual, `item:${C}`, 'Confirmation')).toBe('');
  expect(hours.cell(rowOfKey(hours, 'h-1'), 9)).toBe(`confirmed by ${COACH} on ${today}`);
  expect(level1(qual, 'Items counted')).toBe(2);
  expect(level1(qual, 'On-the-job learning counted')).toBe(6);

  // The other coach confirms the tick typed as theirs.
  signAs(OTHER);
  expect(entry.confirmMyTicks()).toMatchObject({ confirmed: { signOffs: 1, hours: 0 }, skipped: { otherSigner: 0 } });
  expect(level1(qual, 'Items counted')).toBe(3);
  signAs(COACH);

  // A coach cannot record results; the admin records the ticked exam with the proof typed under Evidence.
  expect(() => entry.recordResults()).toThrow(/Record results: only an admin of sponsor acme may do this/);
  qual.setCell(rowOfKey(qual, `exam:L1:${EXAM}`), colOfHeader(qual, 'columns', 'Evidence'), 'Course transcript 2291');
  signAs(ADMIN);
  expect(entry.recordResults()).toMatchObject({ by: ADMIN, confirmed: { exams: 1 }, skipped: { noEvidence: 0 } });
  expect(level1(qual, 'Exams counted')).toBe(1);
  expect(cardCell(qual, `exam:L1:${EXAM}`, 'Confirmation')).toBe(
    `confirmed by ${ADMIN} on ${today} (evidence: Course transcript 2291)`,
  );
  // Recorded again through the add-on's request: the service has it already.
  const again = await sendWithFetch<ConfirmResponse>(
    confirmRequest(endpoint(), 'ann', { exams: [{ id: EXAM, evidence: 'Course transcript 2291' }] }),
    mintIdToken({ email: ADMIN }),
  );
  expect(again.already.exams).toEqual([EXAM]);
  expect(entry.checkProgress()).toMatchObject({ apprentices: 1, pending: 0 });

  // One number: the sheet's level percent is the one the service stored.
  const stored = await sendWithFetch<{
    apprentices: { progress: { levels: { levelId: string; percent: number }[] } }[];
  }>(progressRequest(endpoint()), mintIdToken({ email: ADMIN }));
  const l1 = stored.apprentices[0]!.progress.levels.find((l) => l.levelId === 'L1')!;
  expect(level1(qual, 'Percent')).toBe(l1.percent);
  expect(l1.percent).toBeGreaterThan(0);
  expect(taggedSheet(fake, 'qualcard', 'ann')).toBe(qual); // refreshed in place every time, never regenerated
}, 120_000);

test('Withdraw selected confirmations: a coach withdraws their own selected rows, the Confirmation says who and why', () => {
  setUpProgram(fake, { frameworkIds: [nitas.id], endpoint: apiUrl(), sponsorId: 'acme' });
  fillRoster(fake, [
    apprentice('ann', { frameworkId: nitas.id, levelId: 'L1', coachEmails: `${COACH}, ${OTHER}`, startDate: start }),
  ]);
  entry.generateApprentices(['ann']);
  const qual = taggedSheet(fake, 'qualcard', 'ann')!;
  const hours = taggedSheet(fake, 'hours', 'ann')!;
  typeTick(qual, `item:${A}`, addDays(start, 10));
  typeTick(qual, `item:${B}`, addDays(start, 20));
  typeTick(qual, `item:${C}`, addDays(start, 30), OTHER);
  const wf = `${nitas.workFunctions[0]!.id} — ${nitas.workFunctions[0]!.title}`;
  typeHours(hours, 'h-1', [addDays(start, 11), 'On-the-job learning', wf, 6, 'Ticket queue', '']);
  signAs(COACH);
  expect(entry.confirmMyTicks()).toMatchObject({ confirmed: { signOffs: 2, hours: 1 } });
  signAs(OTHER);
  expect(entry.confirmMyTicks()).toMatchObject({ confirmed: { signOffs: 1 } });
  expect(level1(qual, 'Items counted')).toBe(3);

  // The coach selects A (theirs) and C (the other coach's): only A is sent; C is left and said so.
  signAs(COACH);
  fake.ss.select(qual, [rowOfKey(qual, `item:${A}`), rowOfKey(qual, `item:${C}`)]);
  expect(() => entry.withdrawSelection({ reason: '  ' })).toThrow(/give the reason/);
  const r = entry.withdrawSelection({ reason: 'ticked on the wrong apprentice' });
  expect(r).toMatchObject({ apprenticeId: 'ann', withdrawn: { signOffs: 1, hours: 0 } });
  expect(r.message).toContain(`confirmed by someone else, left as they were: ${C} (${OTHER})`);
  expect(cardCell(qual, `item:${A}`, 'Confirmation')).toBe(
    `pending: confirmed by ${COACH} on ${today}, withdrawn by ${COACH} on ${today} because ticked on the wrong apprentice`,
  );
  expect(cardCell(qual, `item:${C}`, 'Confirmation')).toBe(`confirmed by ${OTHER} on ${today}`);
  expect(level1(qual, 'Items counted')).toBe(2);
  // Selecting only the other coach's row sends nothing and says why.
  fake.ss.select(qual, [rowOfKey(qual, `item:${C}`)]);
  expect(() => entry.withdrawSelection({ reason: 'x' })).toThrow(/no confirmation you may withdraw/);

  // On the hours sheet; a Check progress (a sync) keeps the history in the sheet.
  fake.ss.select(hours, [rowOfKey(hours, 'h-1')]);
  expect(entry.withdrawSelection({ reason: 'logged twice' })).toMatchObject({ withdrawn: { hours: 1 } });
  expect(hours.cell(rowOfKey(hours, 'h-1'), 9)).toBe(
    `pending: confirmed by ${COACH} on ${today}, withdrawn by ${COACH} on ${today} because logged twice`,
  );
  entry.checkProgress();
  expect(cardCell(qual, `item:${A}`, 'Confirmation')).toMatch(/^pending: confirmed by .* withdrawn by /);
  expect(level1(qual, 'On-the-job learning counted')).toBe(0);

  // An admin withdraws the other coach's confirmation.
  signAs(ADMIN);
  fake.ss.select(qual, [rowOfKey(qual, `item:${C}`)]);
  expect(entry.withdrawSelection({ reason: 'not observed' })).toMatchObject({ withdrawn: { signOffs: 1 } });
  expect(cardCell(qual, `item:${C}`, 'Confirmation')).toMatch(
    new RegExp(`withdrawn by ${ADMIN} on .* because not observed$`),
  );
});

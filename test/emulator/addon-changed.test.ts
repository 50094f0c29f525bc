// Issue 19 through the add-on's own entry points against the real functions (fake Apps Script, real HTTP): an hours
// row changed after the coach confirmed it says "changed since confirmed" with the confirmed values, still counts as
// confirmed, shows on the coach's home, and Confirm my ticks confirms the new values.
import { addDays } from '@qualcard/shared';
import * as entry from '../../addon/src/main';
import { type FakeAppsScript, installFakeAppsScript } from '../../addon/test-support/fake-apps-script';
import {
  apprentice,
  colOfHeader,
  fillRoster,
  rowOfKey,
  setUpProgram,
  taggedSheet,
  typeHours,
} from '../../addon/test-support/program';
import { syncFetch } from '../../addon/test-support/sync-fetch';
import { mintIdToken } from '../../scripts/emulator-key';
import { ADMIN, acme, COACH, framework, scenario } from './kit';
import { apiUrl } from './kit/env';

const nitas = framework('nitas-help-desk');
const today = new Date().toISOString().slice(0, 10); // the spreadsheet and the sponsor are on Etc/UTC
const start = addDays(today, -120);
const wf = `${nitas.workFunctions[0]!.id} — ${nitas.workFunctions[0]!.title}`;
const CONFIRMATION_COL = 9;

let fake: FakeAppsScript;
beforeEach(async () => {
  await scenario(acme());
  fake = installFakeAppsScript({ fetch: syncFetch, identity: mintIdToken({ email: ADMIN }) });
});
afterEach(() => fake.uninstall());

test('an hours row changed after it was confirmed: "changed since confirmed", still counted, then Confirm my ticks confirms it', async () => {
  setUpProgram(fake, { frameworkIds: [nitas.id], endpoint: apiUrl(), sponsorId: 'acme' });
  fillRoster(fake, [apprentice('ann', { frameworkId: nitas.id, levelId: 'L1', coachEmails: COACH, startDate: start })]);
  entry.generateApprentices(['ann']);
  const qual = taggedSheet(fake, 'qualcard', 'ann')!;
  const hours = taggedSheet(fake, 'hours', 'ann')!;
  const ojl = () => qual.cell(rowOfKey(qual, 'level:L1'), colOfHeader(qual, 'levels', 'On-the-job learning counted'));
  const confirmation = () => hours.cell(rowOfKey(hours, 'h-1'), CONFIRMATION_COL);
  const day = addDays(start, 11);

  fake.identity.token = mintIdToken({ email: COACH });
  typeHours(hours, 'h-1', [day, 'On-the-job learning', wf, 8, 'Ticket queue', '']);
  expect(entry.confirmMyTicks()).toMatchObject({ confirmed: { hours: 1 } });
  expect(ojl()).toBe(8);
  expect(entry.coachHome().apprentices).toEqual([expect.objectContaining({ id: 'ann', changedSinceConfirmed: 0 })]);

  // The row is retyped as 20 h: Check progress syncs it; the row says so and still counts its confirmed 8 h.
  typeHours(hours, 'h-1', [day, 'On-the-job learning', wf, 20, 'Ticket queue', COACH]);
  entry.checkProgress();
  expect(confirmation()).toBe(
    `changed since confirmed: hours 8 → 20; still counts as confirmed by ${COACH} on ${today} (confirmed values: ` +
      `date ${day}, category On-the-job learning, work function ${nitas.workFunctions[0]!.id}, hours 8)` +
      ' until the new values are confirmed',
  );
  expect(ojl()).toBe(8);
  expect(entry.coachHome().apprentices).toEqual([expect.objectContaining({ id: 'ann', changedSinceConfirmed: 1 })]);

  // Confirm my ticks offers the changed row: the typed 20 h count now.
  expect(entry.confirmMyTicks()).toMatchObject({ confirmed: { hours: 1 } });
  expect(confirmation()).toBe(`confirmed by ${COACH} on ${today}`);
  expect(ojl()).toBe(20);
  expect(entry.coachHome().apprentices).toEqual([expect.objectContaining({ id: 'ann', changedSinceConfirmed: 0 })]);
}, 120_000);

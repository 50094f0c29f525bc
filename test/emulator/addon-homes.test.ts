// Each person's path through the add-on's own entry points (unchanged), against the real functions on the emulators:
// the fake Apps Script services hold the spreadsheet and UrlFetchApp sends for real (sync-fetch.ts) with ID tokens
// like ScriptApp.getIdentityToken()'s. The admin connects, sets up, generates (sheets protected), manages members and
// digests, attests paper-era rows and revokes a credential; a coach sees what waits for them and cannot change the
// set-up; an apprentice sees only their own progress and asks their coach, whose home then shows it.
import { addDays } from '@qualcard/shared';
import * as api from '@qualcard/shared/api/routes';
import * as entry from '../../addon/src/main';
import { type FakeAppsScript, type FakeSheet, installFakeAppsScript } from '../../addon/test-support/fake-apps-script';
import {
  apprentice,
  cardCell,
  fillRoster,
  rowOfKey,
  setUpProgram,
  taggedSheet,
  typeHours,
  typeTick,
} from '../../addon/test-support/program';
import { syncFetch } from '../../addon/test-support/sync-fetch';
import { mintIdToken } from '../../scripts/emulator-key';
import { WAGE_HEADERS } from '../../shared/src/sheets';
import { ADMIN, acme, apprenticeEmail, COACH, CONSULTANT, call, framework, globex, scenario } from './kit';
import { apiUrl } from './kit/env';

const ANN = apprenticeEmail('ann');
const BOB = apprenticeEmail('bob');
const FW = 'customer-technical-support';
const LEVEL = 'AITS';
const core = framework(FW)
  .workFunctions.flatMap((wf) => wf.items)
  .filter((i) => i.core === 'core' && i.levels.includes(LEVEL))
  .map((i) => i.id);
const today = new Date().toISOString().slice(0, 10); // the spreadsheet and the sponsor are on Etc/UTC
const start = addDays(today, -120);

let fake: FakeAppsScript;
beforeEach(async () => {
  await scenario(acme());
  fake = installFakeAppsScript({ fetch: syncFetch, identity: mintIdToken({ email: ADMIN }) });
});
afterEach(() => fake.uninstall());

const signAs = (email: string): void => {
  fake.identity.token = mintIdToken({ email });
};
const sheetsOf = (id: string): { qual: FakeSheet; hours: FakeSheet } => ({
  qual: taggedSheet(fake, 'qualcard', id)!,
  hours: taggedSheet(fake, 'hours', id)!,
});

/** The admin's first run: connect, the sponsor's set-up, a roster of ann and bob (coached by COACH), generated. */
function firstRun(): void {
  expect(entry.getHome()).toMatchObject({ stage: 'connect', roles: [] });
  expect(entry.connect(apiUrl())).toMatchObject({
    stage: 'setup',
    email: ADMIN,
    adminOf: [{ id: 'acme', name: 'Acme IT' }],
  });
  entry.saveSetup({ endpoint: apiUrl(), sponsorId: 'acme', frameworkIds: [FW] });
  expect(entry.getHome()).toMatchObject({ stage: 'home', role: 'admin', roles: ['admin'], sponsorName: 'Acme IT' });
  setUpProgram(fake, { frameworkIds: [FW], endpoint: apiUrl(), sponsorId: 'acme' });
  fake.ss.sharedWithDomain = true; // a Workspace sponsor's spreadsheet: its sheets' protections must shut the domain out
  fillRoster(fake, [
    apprentice('ann', { email: ANN, frameworkId: FW, levelId: LEVEL, coachEmails: COACH, startDate: start }),
    apprentice('bob', { email: BOB, frameworkId: FW, levelId: LEVEL, coachEmails: COACH, startDate: start }),
  ]);
  for (const r of entry.generateApprentices(['ann', 'bob'])) expect(r).not.toHaveProperty('note');
}

test("the admin's path: connect, set up, generate with protected sheets, members, digests, attest, revoke", () => {
  firstRun();
  // Ann's hours sheet: only Ann, her coach and the admins edit it; her qual card: her coach and the admins.
  const ann = sheetsOf('ann');
  expect(ann.hours.sheetProtection).toMatchObject({ warningOnly: false, domainEdit: false });
  expect(ann.qual.sheetProtection).toMatchObject({ warningOnly: false, domainEdit: false });
  expect([...ann.hours.sheetProtection!.editors].sort()).toEqual([ADMIN, ANN, COACH].sort());
  expect([...ann.qual.sheetProtection!.editors].sort()).toEqual([ADMIN, COACH].sort());

  // Members: the roster's sync gave the coach and the apprentices their roles; the admin adds, changes, removes.
  expect(entry.listMembers().members).toEqual(
    expect.arrayContaining([
      { email: ADMIN, role: 'admin' },
      { email: COACH, role: 'coach' },
      { email: ANN, role: 'apprentice', apprenticeId: 'ann' },
    ]),
  );
  expect(entry.setMember({ email: CONSULTANT, role: 'consultant' }).message).toBe(`${CONSULTANT} is now consultant.`);
  expect(entry.setMember({ email: CONSULTANT, role: 'admin' }).message).toBe(
    `${CONSULTANT} is now admin (was consultant).`,
  );
  const removed = entry.removeMember(CONSULTANT);
  expect(removed.message).toBe(`${CONSULTANT} is no longer admin of acme.`);
  expect(removed.members.some((m) => m.email === CONSULTANT)).toBe(false);
  expect(() => entry.removeMember(ADMIN)).toThrow(/at least one admin/);
  expect(() => entry.removeMember(ANN)).toThrow(/roster/);
  expect(() => entry.setMember({ email: 'not an email', role: 'coach' })).toThrow(/"not an email" is not an email/);

  // Weekly digests: off until turned on; a wrong weekday is refused naming the field, and nothing changes.
  const off = { enabled: false, weekday: 1, sheetUrl: '', apprentices: false };
  expect(entry.getDigest()).toEqual(off);
  expect(() => entry.saveDigest({ ...off, enabled: true, weekday: 9 })).toThrow(/weekday/);
  expect(entry.getDigest()).toEqual(off);
  const on = { enabled: true, weekday: 5, sheetUrl: '', apprentices: true };
  expect(entry.saveDigest(on)).toEqual(on);
  expect(entry.getDigest()).toEqual(on);

  // Paper-era entries: Ann's core items were signed on paper; the admin types them, selects them and attests.
  for (const [i, id] of core.entries()) typeTick(ann.qual, `item:${id}`, addDays(start, 1 + (i % 60)));
  fake.ss.select(
    ann.qual,
    core.map((id) => rowOfKey(ann.qual, `item:${id}`)),
  );
  expect(() => entry.attestSelection({ reason: ' ' })).toThrow(/give the reason/);
  const attested = entry.attestSelection({ reason: 'paper qual card, signed 2025', evidence: 'binder 3' });
  expect(attested).toMatchObject({ apprenticeId: 'ann', attested: { signOffs: core.length, hours: 0 }, already: 0 });
  expect(String(cardCell(ann.qual, `item:${core[0]}`, 'Confirmation'))).toMatch(new RegExp(`attested by ${ADMIN}`));
  expect(entry.attestSelection({ reason: 'again' })).toMatchObject({ attested: { signOffs: 0 }, already: core.length });

  // The level is complete on attested entries: its credential is issued; the admin revokes it with the reason.
  const [credential] = entry.credentialFiles('ann');
  expect(credential).toMatchObject({ status: expect.stringMatching(/^issued/) });
  // The sidebar offers the credential with its Data Integrity proof (.json) as well as the .jwt.
  expect(JSON.parse(credential!.json!.text).proof[0]).toMatchObject({ cryptosuite: 'eddsa-rdfc-2022' });
  expect(credential!.jwt.text.split('.')).toHaveLength(3);
  // An attestation withdrawn through the add-on: the level is no longer complete and the credential is under
  // review; the admin keeps it with a reason (the flag clears), then revokes it after all.
  fake.ss.select(ann.qual, [rowOfKey(ann.qual, `item:${core[0]}`)]);
  expect(entry.withdrawSelection({ reason: 'wrong binder page' })).toMatchObject({ withdrawn: { signOffs: 1 } });
  expect(String(cardCell(ann.qual, `item:${core[0]}`, 'Confirmation'))).toMatch(
    new RegExp(`^pending: attested by ${ADMIN} on .*, withdrawn by ${ADMIN} on .* because wrong binder page$`),
  );
  expect(entry.credentialFiles('ann')[0]).toMatchObject({
    status: expect.stringMatching(/^under review: .*no longer complete/),
  });
  expect(() => entry.keepCredential({ apprenticeId: 'ann', credentialId: credential!.credentialId })).toThrow(
    /Keep: give the reason/,
  );
  const kept = entry.keepCredential({
    apprenticeId: 'ann',
    credentialId: credential!.credentialId,
    reason: 'the page was found; it will be attested again',
  });
  expect(kept[0]).toMatchObject({ status: expect.stringMatching(/^issued/) });
  expect(() => entry.revokeCredential({ apprenticeId: 'ann', credentialId: credential!.credentialId })).toThrow(
    /give the reason/,
  );
  const after = entry.revokeCredential({
    apprenticeId: 'ann',
    credentialId: credential!.credentialId,
    reason: 'attested from the wrong binder',
  });
  expect(after[0]).toMatchObject({ status: 'revoked: attested from the wrong binder' });

  // Wage steps: the schedule typed in its sheet goes with the next sync; a step not reached is refused, a reached
  // one (three months in the program; Ann started four months ago) is recorded.
  entry.createWageSchedule();
  const wages = fake.ss.byName('Wage schedule')!;
  const wageRow = (values: Partial<Record<(typeof WAGE_HEADERS)[number], string | number>>) =>
    WAGE_HEADERS.map((h) => values[h] ?? '');
  for (const [i, r] of [
    wageRow({ Framework: FW, Step: 1, 'Wage % of journeyworker rate': 50 }),
    wageRow({ Framework: FW, Step: 2, 'Wage % of journeyworker rate': 60, 'Months in program': 3 }),
    wageRow({ Framework: FW, Step: 3, 'Wage % of journeyworker rate': 75, 'Months in program': 24 }),
  ].entries())
    for (const [c, v] of r.entries()) wages.setCell(6 + i, c + 1, v);
  entry.checkProgress();
  expect(() => entry.recordRaise({ apprenticeId: 'ann', step: 3, effectiveDate: today })).toThrow(/step 3/);
  expect(entry.recordRaise({ apprenticeId: 'ann', step: 2, effectiveDate: today, note: 'review' })).toMatchObject({
    apprenticeId: 'ann',
    step: 2,
    effectiveDate: today,
  });

  // Another admin's work is not a coach's: signed in as the coach, each admin job is refused by the add-on.
  signAs(COACH);
  for (const job of [
    () => entry.listMembers(),
    () => entry.getDigest(),
    () => entry.attestSelection({ reason: 'x' }),
    () => entry.revokeCredential({ apprenticeId: 'ann', credentialId: credential!.credentialId, reason: 'x' }),
    () => entry.keepCredential({ apprenticeId: 'ann', credentialId: credential!.credentialId, reason: 'x' }),
  ])
    expect(job).toThrow(
      new RegExp(`only an admin of sponsor acme may do this; the Qualcard service knows ${COACH} as coach`),
    );
}, 180_000);

test("a coach's home and an apprentice's: what waits, a request to confirm, only one's own; Save set-up is an admin's", async () => {
  firstRun();
  const ann = sheetsOf('ann');
  const bob = sheetsOf('bob');

  // The coach opens on their home; the set-up is refused by the add-on (the service says they are a coach).
  signAs(COACH);
  expect(entry.getHome()).toMatchObject({ stage: 'home', role: 'coach', roles: ['coach'] });
  const before = JSON.stringify([...fake.properties]);
  expect(() => entry.saveSetup({ endpoint: apiUrl(), sponsorId: 'acme', frameworkIds: [FW] })).toThrow(
    /Save set-up: only an admin of sponsor acme may do this/,
  );
  expect(() => entry.savePrograms({})).toThrow(/only an admin of sponsor acme/);
  expect(() => entry.connect('https://example.com/api')).toThrow(/Change the endpoint: only an admin/);
  expect(JSON.stringify([...fake.properties])).toBe(before);
  // And by the service, for what reaches it: the digest and the members are an admin's.
  expect(
    (await call(api.putDigest, { as: COACH, params: { sponsorId: 'acme' }, body: { enabled: true, weekday: 1 } }))
      .status,
  ).toBe(403);
  expect((await call(api.listMembers, { as: COACH, params: { sponsorId: 'acme' } })).status).toBe(403);

  // The coach ticked two of Ann's items, one of Bob's: their home counts them (nothing is confirmed yet).
  typeTick(ann.qual, `item:${core[0]}`, addDays(start, 5));
  typeTick(ann.qual, `item:${core[1]}`, addDays(start, 6));
  typeTick(bob.qual, `item:${core[0]}`, addDays(start, 7));
  expect(entry.coachHome()).toMatchObject({
    coachEmail: COACH,
    apprentices: [
      { id: 'ann', ticksToConfirm: 2, hoursToVerify: 0 },
      { id: 'bob', ticksToConfirm: 1, hoursToVerify: 0 },
    ],
    requests: [],
  });

  // Ann opens the sidebar: her home, her record; she logs hours on her own sheet and asks her coach to confirm.
  signAs(ANN);
  expect(entry.getHome()).toMatchObject({
    stage: 'home',
    role: 'apprentice',
    roles: ['apprentice'],
    apprenticeId: 'ann',
  });
  const wf = `${framework(FW).workFunctions[0]!.id} — ${framework(FW).workFunctions[0]!.title}`;
  typeHours(ann.hours, 'h-1', [addDays(start, 8), 'On-the-job learning', wf, 6, 'Tuesday install', '']);
  const home = entry.apprenticeHome();
  expect(home).toMatchObject({ apprenticeId: 'ann', sheets: { qualCard: ann.qual.name, hours: ann.hours.name } });
  expect(home.levels.map((l) => l.levelId)).toContain(LEVEL);
  expect(home.pending).toEqual(
    expect.arrayContaining([expect.stringMatching(/6 h On-the-job learning: waiting for a coach/)]),
  );
  // Her selection on Bob's sheet is not hers to send; on her own hours sheet it is.
  fake.ss.select(bob.hours, [rowOfKey(bob.hours, 'h-1')]);
  expect(() => entry.askCoachToConfirm({})).toThrow(/open your own hours sheet/);
  fake.ss.select(ann.hours, [rowOfKey(ann.hours, 'h-1')]);
  expect(entry.askCoachToConfirm({ note: 'the install with Sam' })).toMatchObject({
    entries: 1,
    coachEmails: [COACH],
    message: `Asked ${COACH} to confirm 1 entry.`,
  });
  expect(entry.apprenticeHome().requests).toMatchObject([{ open: 1 }]);
  // The service shows her nobody else's progress.
  const other = await call(api.apprenticeProgress, { as: ANN, params: { sponsorId: 'acme', apprenticeId: 'bob' } });
  expect(other.status).toBe(403);
  expect(() => entry.coachHome()).toThrow(/does not know .* as a coach/);
  expect(() => entry.listMembers()).toThrow(/knows .* as apprentice/);

  // The coach's home shows Ann's request; Confirm my ticks confirms the hours and the ticks, and the request closes.
  signAs(COACH);
  expect(entry.coachHome().requests).toMatchObject([
    { apprenticeId: 'ann', entries: [expect.stringMatching(/6 h On-the-job learning/)], note: 'the install with Sam' },
  ]);
  expect(entry.confirmMyTicks()).toMatchObject({ confirmed: { signOffs: 3, hours: 1 } });
  expect(entry.coachHome()).toMatchObject({
    apprentices: [
      { id: 'ann', ticksToConfirm: 0, hoursToVerify: 0 },
      { id: 'bob', ticksToConfirm: 0, hoursToVerify: 0 },
    ],
    requests: [],
  });
  signAs(ANN);
  expect(entry.apprenticeHome().requests).toEqual([]);

  // Download my learner record: her CLR 2.0, signed by the sponsor's key; Bob's is not hers, nor the coach's to take.
  const file = entry.downloadLearnerRecord('ann');
  const clr = JSON.parse(Buffer.from(file.base64, 'base64').toString('utf8'));
  expect(clr.type).toContain('ClrCredential');
  expect(clr.proof[0]).toMatchObject({ cryptosuite: 'eddsa-rdfc-2022' });
  expect(file.filename).toMatch(/\.json$/);
  expect(() => entry.downloadLearnerRecord('bob')).toThrow(/403|not|only/i);
  signAs(COACH);
  expect(() => entry.downloadLearnerRecord('ann')).toThrow(/403|not|only/i);
}, 180_000);

test('a person with no role is told who to ask; a person with several roles picks their home', async () => {
  await scenario(acme(), globex({ consultants: [CONSULTANT] }));
  firstRun();
  signAs('stranger@elsewhere.example');
  const none = entry.getHome();
  expect(none).toMatchObject({ stage: 'no-access', roles: [], role: null });
  expect(none.message).toMatch(
    /knows stranger@elsewhere.example in no role at sponsor acme\. Ask the sponsor's Qualcard admin/,
  );

  // Globex's consultant is made an admin of Acme too: they open on Acme's admin home and may switch.
  signAs(ADMIN);
  entry.setMember({ email: CONSULTANT, role: 'admin' });
  signAs(CONSULTANT);
  expect(entry.getHome()).toMatchObject({ stage: 'home', roles: ['admin', 'consultant'], role: 'admin' });
  expect(entry.chooseRole('consultant')).toMatchObject({ role: 'consultant' });
  expect(entry.getHome()).toMatchObject({ role: 'consultant' }); // kept for this person
  signAs(ADMIN);
  expect(entry.getHome()).toMatchObject({ role: 'admin' }); // not for another
  expect(() => entry.chooseRole('wizard')).toThrow(/Choose one of: admin, coach, consultant, apprentice/);
}, 180_000);
